import type { IncomingHttpHeaders } from 'node:http';

import { AKIXI_REST_BASE_PATH } from '../../nodes/Akixi/constants';
import {
	emptyResponse,
	jsonResponse,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import { REST_MESSAGES, restErrorBody, RestFailure, RestHttpError } from './errors';
import {
	addClient,
	changeClient,
	clientInfo,
	deleteClient,
	listClients,
	type Caller,
	type ClientScope,
} from './integratorClients';
import { AKIXI_SIM_API_KEY, AKIXI_SIM_PASSWORD, AKIXI_SIM_USERNAME } from './seed';
import type { AkixiSession, AkixiState } from './state';

/**
 * The REST API under /CCS/API/v1: session + Basic login + logout, and the Integrator Client
 * admin routes (authenticated by the JSESSIONID cookie or the x-api-key header).
 */

type RestRoute =
	| { kind: 'session' | 'login' | 'logout' | 'unknown' | 'badEncoding' }
	| { kind: 'clients'; scope: ClientScope; id?: string };

const CLIENT_OPERATIONS: Record<string, { collection?: string; item?: string }> = {
	GET: { collection: 'IntegratorClientList', item: 'IntegratorClientInfo' },
	POST: { collection: 'IntegratorClientAdd' },
	PUT: { item: 'IntegratorClientChange' },
	DELETE: { item: 'IntegratorClientDelete' },
};

const SIMPLE_ROUTES: Record<
	string,
	{ kind: 'session' | 'login' | 'logout'; method: string; operation: string }
> = {
	'/session': { kind: 'session', method: 'POST', operation: 'CreateSession' },
	'/login': { kind: 'login', method: 'GET', operation: 'Login' },
	'/logout': { kind: 'logout', method: 'GET', operation: 'Logout' },
};

export function isRestPath(path: string): boolean {
	return path === AKIXI_REST_BASE_PATH || path.startsWith(`${AKIXI_REST_BASE_PATH}/`);
}

function decodeSegments(segments: string[]): string[] | undefined {
	try {
		return segments.map((segment) => decodeURIComponent(segment));
	} catch {
		return undefined;
	}
}

/** Route of a path below the REST base (raw, still URL-encoded). */
export function parseRestRoute(path: string): RestRoute {
	const sub = path.slice(AKIXI_REST_BASE_PATH.length);
	const simple = SIMPLE_ROUTES[sub.replace(/\/$/, '')];
	if (simple) return { kind: simple.kind };
	const raw = sub.split('/').slice(1);
	const shape = ['admin', 'telsys', '', 'partition', '', 'device', '', 'integratorClient'];
	if (
		raw.length < 8 ||
		raw.length > 10 ||
		shape.some((name, i) => name !== '' && raw[i] !== name)
	) {
		return { kind: 'unknown' };
	}
	if (raw.length === 10 && raw[9] !== '') return { kind: 'unknown' };
	const segments = decodeSegments(raw);
	if (!segments) return { kind: 'badEncoding' };
	const scope = { telSysId: segments[2], partitionId: segments[4], deviceNumber: segments[6] };
	const id = segments[8];
	return id === undefined || id === ''
		? { kind: 'clients', scope }
		: { kind: 'clients', scope, id };
}

/** Operation name of a REST request (for fault matching and recording). */
export function restOperationOf(method: string, path: string): string | undefined {
	const route = parseRestRoute(path);
	if (route.kind === 'clients') {
		const names = CLIENT_OPERATIONS[method];
		return route.id === undefined ? names?.collection : names?.item;
	}
	return Object.values(SIMPLE_ROUTES).find((r) => r.kind === route.kind)?.operation;
}

// ---------------------------------------------------------------------------------------------
// Authentication

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

export function sessionCookie(headers: IncomingHttpHeaders): string | undefined {
	const cookie = header(headers, 'cookie');
	if (!cookie) return undefined;
	for (const part of cookie.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim().toLowerCase() === 'jsessionid')
			return part.slice(eq + 1).trim() || undefined;
	}
	return undefined;
}

function basicCredentials(
	headers: IncomingHttpHeaders,
): { user: string; password: string } | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(headers, 'authorization') ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function message(status: number, text: string): SimResponse {
	return jsonResponse(status, { Message: text });
}

/** The caller of an admin route, or the 401 answer. */
function authenticate(state: AkixiState, headers: IncomingHttpHeaders): Caller | SimResponse {
	const apiKey = header(headers, 'x-api-key');
	if (apiKey !== undefined) {
		return apiKey === AKIXI_SIM_API_KEY
			? { user: 'api-key', readOnly: false }
			: message(401, REST_MESSAGES.badApiKey);
	}
	const id = sessionCookie(headers);
	const session = id === undefined ? undefined : state.sessions.get(id);
	if (!session || session.status === 'created') return message(401, REST_MESSAGES.authRequired);
	if (session.status !== 'authenticated') return message(401, REST_MESSAGES.sessionEnded);
	return { user: session.username ?? 'unknown', readOnly: session.readOnly };
}

// ---------------------------------------------------------------------------------------------
// Session routes

const SUCCESS = { Result: 'Success' };

function createSession(state: AkixiState): SimResponse {
	const session = state.createSession({ authenticated: false });
	return jsonResponse(200, { Nonce: session.nonce, SessionID: session.id });
}

function cookieSession(state: AkixiState, request: SimRequest): AkixiSession | SimResponse {
	const id = sessionCookie(request.headers);
	const session = id === undefined ? undefined : state.sessions.get(id);
	if (!session) return message(401, REST_MESSAGES.noSession);
	if (session.status === 'loggedOut' || session.status === 'expired')
		return message(401, REST_MESSAGES.sessionEnded);
	return session;
}

function login(state: AkixiState, request: SimRequest): SimResponse {
	const session = cookieSession(state, request);
	if (!('id' in session)) return session;
	const credentials = basicCredentials(request.headers);
	if (!credentials) return message(401, REST_MESSAGES.basicRequired);
	if (credentials.user !== AKIXI_SIM_USERNAME || credentials.password !== AKIXI_SIM_PASSWORD) {
		// A failed login wipes the session: the client has to start again with POST /session.
		state.sessions.delete(session.id);
		return message(401, REST_MESSAGES.badCredentials);
	}
	session.status = 'authenticated';
	session.username = credentials.user;
	return jsonResponse(200, SUCCESS);
}

function logout(state: AkixiState, request: SimRequest): SimResponse {
	const session = cookieSession(state, request);
	if (!('id' in session)) return session;
	session.status = 'loggedOut';
	return jsonResponse(200, SUCCESS);
}

const SESSION_HANDLERS = { session: createSession, login, logout } as const;

// ---------------------------------------------------------------------------------------------
// Integrator Client routes

function clientRoute(
	state: AkixiState,
	request: SimRequest,
	scope: ClientScope,
	id: string | undefined,
): SimResponse {
	const caller = authenticate(state, request.headers);
	if ('status' in caller) return caller;
	const names = CLIENT_OPERATIONS[request.method];
	const operation = id === undefined ? names?.collection : names?.item;
	if (!operation) {
		if (id === undefined && (request.method === 'PUT' || request.method === 'DELETE'))
			throw new RestFailure(30002);
		return message(405, REST_MESSAGES.methodNotAllowed);
	}
	if (caller.readOnly && request.method !== 'GET') throw new RestFailure(30000);
	switch (operation) {
		case 'IntegratorClientAdd':
			addClient(state, scope, request.body, caller);
			return jsonResponse(200, SUCCESS);
		case 'IntegratorClientList':
			return jsonResponse(200, { ...SUCCESS, Data: listClients(state, scope, request.query) });
		case 'IntegratorClientInfo':
			return jsonResponse(200, {
				...SUCCESS,
				Data: clientInfo(state, scope, id ?? '', request.query),
			});
		case 'IntegratorClientChange':
			changeClient(state, scope, id ?? '', request.body, caller);
			return emptyResponse(204);
		default:
			deleteClient(state, scope, id ?? '');
			return emptyResponse(204);
	}
}

function route(state: AkixiState, request: SimRequest): SimResponse {
	const parsed = parseRestRoute(request.path);
	switch (parsed.kind) {
		case 'unknown':
			return message(404, `${REST_MESSAGES.notFound}: ${request.method} ${request.path}`);
		case 'badEncoding':
			return message(400, REST_MESSAGES.badPathEncoding);
		case 'clients':
			return clientRoute(state, request, parsed.scope, parsed.id);
		default: {
			const simple = SIMPLE_ROUTES[`/${parsed.kind}`];
			if (request.method !== simple.method) {
				return message(
					405,
					`${REST_MESSAGES.methodNotAllowed}: use ${simple.method} ${AKIXI_REST_BASE_PATH}/${parsed.kind}`,
				);
			}
			return SESSION_HANDLERS[parsed.kind](state, request);
		}
	}
}

/** Answer one REST request. Refusals become the documented error bodies; nothing throws. */
export function handleRestRequest(state: AkixiState, request: SimRequest): SimResponse {
	try {
		return route(state, request);
	} catch (error) {
		if (error instanceof RestFailure) {
			const { status, body } = restErrorBody(error.code);
			return jsonResponse(status, body);
		}
		if (error instanceof RestHttpError) return message(error.status, error.message);
		return message(
			500,
			`Simulator error: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}

/** Answer for a `fail` fault on a REST route. */
export function restFaultFail(code: number | string, text?: string, status?: number): SimResponse {
	const error = restErrorBody(code, text);
	return jsonResponse(status ?? error.status, error.body);
}
