import { AkixiApi } from '../../credentials/AkixiApi.credentials';
import { Akixi } from '../../nodes/Akixi/Akixi.node';
import {
	AKIXI_REST_BASE_PATH,
	AKIXI_WS_DEFAULT_PATH,
	integratorClientPath,
} from '../../nodes/Akixi/constants';
import {
	AKIXI_SIM_SESSION_ID,
	startAkixiSimulator,
	type AkixiSimulator,
} from '../../simulators/akixi';
import { at, KEY_EXPRESSION, xmlPost } from '../lib/httpRequestNode';
import type { BenchSim, BenchTransport } from '../lib/types';

/** The two seeded Omnichannel entries, used alternately. */
const OMNICHANNEL_IDS = ['8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad', 'LiveChat5918734'];
/** A seeded Integrator Client and its device. */
const CLIENT = { telSysId: '426', partitionIdInTelSys: '1', deviceNumber: '+442046034981' };
const CLIENT_IDS = ['3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd'];
/** The scope of the seeded Omnichannel entries (Return All lists it). */
const LIST_SCOPE = { telSysId: 100100, partId: 2 };

const credentials = (url: string, tls: boolean) => ({
	akixiApi: {
		baseUrl: url,
		wsUrl: '',
		authentication: 'sessionId',
		sessionId: AKIXI_SIM_SESSION_ID,
		ignoreSslIssues: tls,
	},
});

const node = {
	type: () => new Akixi(),
	credentialTypes: () => [new AkixiApi()],
	credentials,
};

const start = async ({ tls }: { tls: boolean }): Promise<BenchSim> =>
	await startAkixiSimulator({ tls });

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The OmnichannelIntInfo request, with the InvokeID and UniqueID given as XML text (or n8n expressions). */
const omnichannelInfoBody = (invokeId: string, uniqueId: string) =>
	[
		'<Request Operation="OmnichannelIntInfo">',
		`    <InvokeID>${invokeId}</InvokeID>`,
		`    <SessionID>${AKIXI_SIM_SESSION_ID}</SessionID>`,
		'    <OperationPayload>',
		`        <Property Name="UniqueID">${uniqueId}</Property>`,
		'    </OperationPayload>',
		'</Request>',
	].join('\n');

/** Akixi XML Web Services: OmnichannelIntInfo. */
export const akixiXml: BenchTransport = {
	name: 'akixi-xml',
	operation: 'Akixi Omnichannel Integration Info (XML Web Services, OmnichannelIntInfo)',
	start,
	node: {
		...node,
		parameters: {
			resource: 'omnichannelIntegration',
			operation: 'info',
			uniqueId: '={{ $json.key }}',
		},
	},
	keys: () => OMNICHANNEL_IDS,
	request: (url, key, index) => ({
		method: 'POST',
		url: `${url}${AKIXI_WS_DEFAULT_PATH}`,
		headers: {
			'Content-Type': 'text/xml; charset=utf-8',
			Accept: 'text/xml, application/xml',
			Cookie: `JSESSIONID=${AKIXI_SIM_SESSION_ID}`,
		},
		body: omnichannelInfoBody(String(index % 100000).padStart(5, '0'), escapeXml(key)),
	}),
	httpRequestNode: (url) =>
		xmlPost(
			`${url}${AKIXI_WS_DEFAULT_PATH}`,
			{ Cookie: `JSESSIONID=${AKIXI_SIM_SESSION_ID}` },
			omnichannelInfoBody('{{ $itemIndex }}', KEY_EXPRESSION),
		),
	// The documented Info reply: a Request element with the entry's Properties.
	httpRequestAnswered: (json, key) =>
		JSON.stringify(at(json, 'Request', 'OperationPayload') ?? null).includes(`"${key}"`),
	json: false,
	list: {
		seed(sim, count) {
			const { state } = sim as AkixiSimulator;
			for (let n = 0; n < count; n++) {
				const id = `bench-entry-${n}`;
				state.omnichannel.set(id, {
					seq: state.nextSeq(),
					telSysId: LIST_SCOPE.telSysId,
					partId: LIST_SCOPE.partId,
					values: new Map([
						['UniqueID', id],
						['IntegrationType', n % 2 ? 'LiveChat' : 'POP3 SMTP'],
						['Description', `Bench entry ${n}`],
					]),
				});
			}
		},
		parameters: {
			resource: 'omnichannelIntegration',
			operation: 'list',
			scopeBy: 'telSys',
			telSysId: LIST_SCOPE.telSysId,
			partIdInTelSys: LIST_SCOPE.partId,
			returnAll: true,
		},
	},
};

/** Akixi REST: Integrator Client Info. */
export const akixiRest: BenchTransport = {
	name: 'akixi-rest',
	// The other row of the same node runs the concurrency and 10,000-item scenarios.
	nodeScenarios: false,
	operation: 'Akixi Integrator Client Info (REST)',
	start,
	node: {
		...node,
		parameters: {
			resource: 'integratorClient',
			operation: 'info',
			...CLIENT,
			integratorClientId: '={{ $json.key }}',
		},
	},
	keys: () => CLIENT_IDS,
	request: (url, key) => ({
		method: 'GET',
		url: `${url}${AKIXI_REST_BASE_PATH}${integratorClientPath(CLIENT.telSysId, CLIENT.partitionIdInTelSys, CLIENT.deviceNumber, key)}`,
		headers: { Accept: 'application/json', Cookie: `JSESSIONID=${AKIXI_SIM_SESSION_ID}` },
	}),
	json: true,
};
