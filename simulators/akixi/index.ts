import { AKIXI_REST_BASE_PATH, AKIXI_WS_DEFAULT_PATH } from '../../nodes/Akixi/constants';
import type { FailFault } from '../shared/faults';
import {
	jsonResponse,
	startSimServer,
	textResponse,
	type HugeTemplate,
	type RouteInfo,
	type SimRequest,
	type SimResponse,
	type SimServer,
	type SimServerOptions,
	type SimulatorDefinition,
} from '../shared/httpServer';
import { handleRestRequest, isRestPath, restFaultFail, restOperationOf } from './rest';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
} from './seed';
import { AkixiState } from './state';
import {
	handleWsRequest,
	WS_CONTENT_TYPE,
	wsFaultFail,
	wsInvokeIdOf,
	wsOperationOf,
	wsUnreadable,
} from './ws';

/**
 * In-memory simulator of Akixi's XML Web Services API (Omnichannel Integrations) and REST API
 * (session login, Integrator Clients), on one HTTP server.
 */

export {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
} from './seed';
export { WS_ERRORS, REST_ERRORS } from './errors';
export { AkixiState } from './state';
export type { AkixiSession, IntegratorClient, OmnichannelEntry, SessionStatus } from './state';

export type AkixiSimulatorOptions = SimServerOptions;

export interface AkixiSimulator extends SimServer {
	/** `${url}/CCS/WS` */
	readonly wsUrl: string;
	/** `${url}/CCS/API/v1` */
	readonly restBaseUrl: string;
	/** Live state: sessions, omnichannel entries, integrator clients, telephony servers, partitions, devices. */
	readonly state: AkixiState;
	/** The seed credentials. */
	readonly credentials: {
		sessionId: string;
		apiKey: string;
		username: string;
		password: string;
	};
}

function isWsPath(path: string): boolean {
	return path === AKIXI_WS_DEFAULT_PATH || path === `${AKIXI_WS_DEFAULT_PATH}/`;
}

function describe(request: SimRequest): RouteInfo {
	if (isWsPath(request.path)) return { operation: wsOperationOf(request.body), format: 'xml' };
	if (isRestPath(request.path))
		return { operation: restOperationOf(request.method, request.path), format: 'json' };
	return { format: 'text' };
}

function handle(state: AkixiState, request: SimRequest): SimResponse {
	if (isWsPath(request.path)) {
		if (request.method !== 'POST') {
			return textResponse(
				405,
				'The XML Web Services API accepts POST only',
				'text/plain; charset=utf-8',
				{
					Allow: 'POST',
				},
			);
		}
		return handleWsRequest(state, request.body);
	}
	if (isRestPath(request.path)) return handleRestRequest(state, request);
	if (request.path === '/' && request.method === 'GET') {
		return textResponse(
			200,
			`Akixi simulator\nXML Web Services: POST ${AKIXI_WS_DEFAULT_PATH}\nREST: ${AKIXI_REST_BASE_PATH}\nControl: /__sim/state, /__sim/reset, /__sim/faults\n`,
		);
	}
	return textResponse(404, `Not found: ${request.method} ${request.path}`);
}

function failResponse(fault: FailFault, request: SimRequest, info: RouteInfo): SimResponse {
	if (info.format === 'xml') return wsFaultFail(request.body, String(fault.code), fault.message);
	return restFaultFail(fault.code, fault.message, fault.status);
}

/** A body that cannot be read: Fail 10000 on the XML Web Services, a REST Message otherwise. */
function refuseBody(request: SimRequest, info: RouteInfo, reason: string): SimResponse {
	if (isWsPath(request.path)) return wsUnreadable(reason);
	return jsonResponse(400, { Message: reason });
}

function hugeTemplate(request: SimRequest, info: RouteInfo): HugeTemplate | undefined {
	if (info.format === 'xml') {
		const invokeId = wsInvokeIdOf(request.body).replace(/[^A-Za-z0-9_-]/g, '');
		return {
			contentType: WS_CONTENT_TYPE,
			head: `<Response Result="Success">\n    <InvokeID>${invokeId}</InvokeID>\n    <Success>\n`,
			item:
				'        <Container><Property Name="UniqueID">8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad</Property>' +
				'<Property Name="IntegrationType">POP3 SMTP</Property><Property Name="Description">Test Email</Property></Container>',
			separator: '\n',
			tail: '\n    </Success>\n</Response>\n',
		};
	}
	if (info.format === 'json') {
		return {
			contentType: 'application/json; charset=utf-8',
			head: '{"Result":"Success","Data":{"Total":1000000,"Items":[',
			item:
				'{"TelSysID":426,"DeviceNumber":"+442046034981","Description":"test CXI",' +
				'"ID":"3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd","PartitionID":1}',
			separator: ',',
			tail: '],"Offset":0}}',
		};
	}
	return undefined;
}

/** Start the Akixi simulator (default 127.0.0.1, a free port). */
export async function startAkixiSimulator(
	options: AkixiSimulatorOptions = {},
): Promise<AkixiSimulator> {
	const state = new AkixiState();
	const definition: SimulatorDefinition = {
		name: 'Akixi',
		describe,
		handle: (request) => handle(state, request),
		failResponse,
		refuseBody,
		hugeTemplate,
		reset: () => state.reset(),
		dumpState: () => state.dump(),
	};
	const server = await startSimServer(definition, options);
	return Object.assign(server, {
		wsUrl: `${server.url}${AKIXI_WS_DEFAULT_PATH}`,
		restBaseUrl: `${server.url}${AKIXI_REST_BASE_PATH}`,
		state,
		credentials: {
			sessionId: AKIXI_SIM_SESSION_ID,
			apiKey: AKIXI_SIM_API_KEY,
			username: AKIXI_SIM_USERNAME,
			password: AKIXI_SIM_PASSWORD,
		},
	});
}
