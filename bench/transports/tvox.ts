import { TvoxMccApi } from '../../credentials/TvoxMccApi.credentials';
import {
	MCC_REST_JSON_PATH,
	MCC_SIM_NAMESPACE,
	MCC_SOAP_PATH,
} from '../../nodes/TvoxMcc/constants';
import { TvoxMcc } from '../../nodes/TvoxMcc/TvoxMcc.node';
import { forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import { startTvoxSimulator, type TvoxSimulator } from '../../simulators/tvox';
import { at, KEY_EXPRESSION, xmlPost } from '../lib/httpRequestNode';
import type { BenchSim, BenchTransport } from '../lib/types';

/** Sessions started in the simulator for the bench, checked in turn. */
const SESSION_IDS = ['bench-session-0', 'bench-session-1', 'bench-session-2', 'bench-session-3'];

async function start({ tls }: { tls: boolean }): Promise<BenchSim> {
	const sim = await startTvoxSimulator({ tls });
	for (const sessionId of SESSION_IDS)
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId });
	return sim;
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const node = (protocol: 'soap' | 'rest') => ({
	type: () => new TvoxMcc(),
	credentialTypes: () => [new TvoxMccApi()],
	credentials: (url: string, tls: boolean) => ({
		tvoxMccApi: { baseUrl: url, protocol, authentication: 'none', ignoreSslIssues: tls },
	}),
	parameters: {
		resource: 'session',
		operation: 'checkSessionState',
		sessionId: '={{ $json.key }}',
	},
});

/** The checkSessionState request, with the session ID given as XML text (or an n8n expression). */
const checkSessionStateBody = (sessionId: string) =>
	'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
	`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tns="${MCC_SIM_NAMESPACE}"><soap:Body>` +
	`<tns:checkSessionState><arg0>${sessionId}</arg0></tns:checkSessionState></soap:Body></soap:Envelope>`;

/** TVox MultiChannel Connector over SOAP (WSDL client): checkSessionState. */
export const tvoxSoap: BenchTransport = {
	name: 'tvox-soap',
	operation: 'TVox MCC Check Session State (SOAP, checkSessionState)',
	start,
	keys: () => SESSION_IDS,
	node: node('soap'),
	request: (url, key) => ({
		method: 'POST',
		url: `${url}${MCC_SOAP_PATH}`,
		headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', Accept: 'text/xml' },
		body: checkSessionStateBody(escapeXml(key)),
	}),
	httpRequestNode: (url) =>
		xmlPost(`${url}${MCC_SOAP_PATH}`, { SOAPAction: '""' }, checkSessionStateBody(KEY_EXPRESSION)),
	httpRequestAnswered: (json, key) => {
		const answer = ['soap:Envelope', 'soap:Body', 'ns2:checkSessionStateResponse', 'return'];
		return at(json, ...answer, 'result') === 'SUCCESS' && at(json, ...answer, 'sessionId') === key;
	},
	json: false,
	counters: [
		{
			name: 'wsdl fetches',
			read: (sim) => (sim as TvoxSimulator).wsdlFetches,
			coldStart: forgetWsdlClients,
			max: 1,
		},
	],
};

/** TVox MultiChannel Connector over REST / JSON: checkSession. */
export const tvoxRest: BenchTransport = {
	name: 'tvox-rest',
	// The other row of the same node runs the concurrency and 10,000-item scenarios.
	nodeScenarios: false,
	operation: 'TVox MCC Check Session State (REST / JSON, GET checkSession)',
	start,
	keys: () => SESSION_IDS,
	node: node('rest'),
	request: (url, key) => ({
		method: 'GET',
		url: `${url}${MCC_REST_JSON_PATH}/checkSession?sessionId=${encodeURIComponent(key)}`,
		headers: { Accept: 'application/json' },
	}),
	json: true,
};
