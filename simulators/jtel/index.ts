import { JTEL_REST_PATH } from '../../nodes/AcdDialler/constants';
import type { FailFault } from '../shared/faults';
import {
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
import { endpointNotFound, errorResponse } from './errors';
import { isJtelControlPath, JtelOutbound } from './outbound';
import { handleJtelRequest, operationOf } from './routes';
import {
	JTEL_SIM_CLIENTS_ID,
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	JTEL_SIM_TOKEN,
} from './seed';
import { JtelState } from './state';

/**
 * In-memory simulator of the jtel ACD / Dialler REST API (`/rest/v1.0/{ClientsID}/…`): ACD events,
 * event types and statuses, ACD groups, dialler campaigns and contacts, users, calls and cockpit
 * variables, bearer tokens per client.
 */

export {
	JTEL_SIM_CLIENTS_ID,
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	JTEL_SIM_TOKEN,
} from './seed';
export { ERRORS as JTEL_ERRORS } from './errors';
export { ROUTES as JTEL_ROUTES } from './routes';
export { JtelState } from './state';
export {
	ANSWER_MEANINGS as JTEL_ANSWER_MEANINGS,
	JtelOutbound,
	OUTBOUND_FIELDS as JTEL_OUTBOUND_FIELDS,
} from './outbound';
export type {
	OutboundDelivery as JtelOutboundDelivery,
	OutboundKind as JtelOutboundKind,
} from './outbound';
export type {
	AcdEvent,
	AcdGroup,
	Call,
	Campaign,
	ClientAccount,
	CockpitVariable,
	Contact,
	ResultCode,
	User,
} from './state';

export type JtelSimulatorOptions = SimServerOptions;

export interface JtelSimulator extends SimServer {
	/** `${url}/rest/v1.0/{ClientsID}` of the main seed client. */
	readonly baseUrl: string;
	/** Live state: clients with their groups, events, campaigns, result codes and contacts. */
	readonly state: JtelState;
	/** The ACD groups' REST Calls (Create Callback / Voice Mail) settings and what was posted there. */
	readonly outbound: JtelOutbound;
	/** The seed credentials of the main client account, and of a second one. */
	readonly credentials: {
		clientsId: number;
		token: string;
		otherClientsId: number;
		otherToken: string;
	};
}

function describe(request: SimRequest): RouteInfo {
	if (isJtelControlPath(request.path)) return { operation: 'jtelControl', format: 'json' };
	return {
		operation: operationOf(request),
		format: request.path.startsWith(`${JTEL_REST_PATH}/`) ? 'json' : 'text',
	};
}

function handle(
	state: JtelState,
	outbound: JtelOutbound,
	request: SimRequest,
): SimResponse | Promise<SimResponse> {
	if (request.path === '/' && request.method === 'GET') {
		return textResponse(
			200,
			`jtel ACD / Dialler simulator\nREST: ${JTEL_REST_PATH}/{ClientsID}/… with Authorization: Bearer {token}\nControl: /__sim/state, /__sim/reset, /__sim/faults; ACD groups' REST calls: /__jtel/…\n`,
		);
	}
	if (isJtelControlPath(request.path)) return outbound.handleControl(request);
	if (!request.path.startsWith(`${JTEL_REST_PATH}/`)) return endpointNotFound();
	return handleJtelRequest(state, request);
}

/** A `fail` fault: the documented error envelope; the status is `status`, else a numeric code, else 500. */
function failResponse(fault: FailFault): SimResponse {
	const code = Number(fault.code);
	const status =
		fault.status ?? (Number.isInteger(code) && code >= 400 && code <= 599 ? code : 500);
	return errorResponse(status, fault.message ?? 'Simulated failure');
}

/** A body that cannot be read: the documented error envelope with 400. */
function refuseBody(_request: SimRequest, _info: RouteInfo, reason: string): SimResponse {
	return errorResponse(400, reason);
}

function hugeTemplate(): HugeTemplate {
	return {
		contentType: 'application/json; charset=utf-8',
		head: '{"filter":"","limitStart":0,"limitPageSize":-1,"records":[',
		item: '{"ID":1001,"AcdEventTypesID":3,"AcdEventStatusID":20,"Sender":"+4930123456","Subject":"Callback"}',
		separator: ',',
		tail: '],"count":1000000,"orderBy":"dtCreated","ascending":true,"status":200}',
	};
}

/** Start the jtel simulator (default 127.0.0.1, a free port). */
export async function startJtelSimulator(
	options: JtelSimulatorOptions = {},
): Promise<JtelSimulator> {
	const state = new JtelState();
	const outbound = new JtelOutbound(state);
	const definition: SimulatorDefinition = {
		name: 'jtel',
		describe,
		handle: (request) => handle(state, outbound, request),
		failResponse,
		refuseBody,
		hugeTemplate,
		reset: () => {
			state.reset();
			outbound.reset();
		},
		dumpState: () => state.dump(),
	};
	const server = await startSimServer(definition, options);
	const close = server.close.bind(server);
	return Object.assign(server, {
		close: async () => {
			outbound.close();
			await close();
		},
		outbound,
		baseUrl: `${server.url}${JTEL_REST_PATH}/${JTEL_SIM_CLIENTS_ID}`,
		state,
		credentials: {
			clientsId: JTEL_SIM_CLIENTS_ID,
			token: JTEL_SIM_TOKEN,
			otherClientsId: JTEL_SIM_OTHER_CLIENTS_ID,
			otherToken: JTEL_SIM_OTHER_TOKEN,
		},
	});
}
