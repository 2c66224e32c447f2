import { AcdDiallerApi } from '../../credentials/AcdDiallerApi.credentials';
import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import { acdEventPath, JTEL_REST_PATH } from '../../nodes/AcdDialler/constants';
import { JTEL_SIM_CLIENTS_ID, JTEL_SIM_TOKEN, startJtelSimulator } from '../../simulators/jtel';
import type { BenchSim, BenchTransport } from '../lib/types';

/** The seeded ACD events of the main client account, used in turn. */
const EVENT_IDS = [1001, 1002, 1003];

/** jtel ACD / Dialler REST: ACD event Get. */
export const jtelRest: BenchTransport = {
	name: 'jtel-rest',
	operation: 'ACD Dialler ACD event Get (jtel REST)',
	start: async ({ tls }): Promise<BenchSim> => await startJtelSimulator({ tls }),
	node: {
		type: () => new AcdDialler(),
		credentialTypes: () => [new AcdDiallerApi()],
		credentials: (url, tls) => ({
			acdDiallerApi: {
				serverUrl: url,
				clientsId: String(JTEL_SIM_CLIENTS_ID),
				token: JTEL_SIM_TOKEN,
				ignoreSslIssues: tls,
			},
		}),
		parameters: { resource: 'acdEvent', operation: 'get', acdEventsId: '={{ $json.key }}' },
	},
	keys: () => EVENT_IDS.map(String),
	request: (url, key) => ({
		method: 'GET',
		url: `${url}${JTEL_REST_PATH}/${JTEL_SIM_CLIENTS_ID}${acdEventPath(Number(key))}`,
		headers: { Accept: 'application/json', Authorization: `Bearer ${JTEL_SIM_TOKEN}` },
	}),
	json: true,
};
