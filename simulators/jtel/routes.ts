import { JTEL_REST_PATH } from '../../nodes/AcdDialler/constants';
import {
	emptyResponse,
	parseJsonBody,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import { ACD_ROUTES } from './acd';
import { CALL_ROUTES } from './calls';
import { COCKPIT_ROUTES } from './cockpit';
import type { Route } from './context';
import { DIALLER_ROUTES } from './dialler';
import { USER_ROUTES } from './users';
import { endpointNotFound, fail } from './errors';
import type { JtelState } from './state';

/**
 * Routing of `/rest/v1.0/{ClientsID}/…` by the declared route table: unknown paths get 404 with
 * an empty body (as jtel documents for an endpoint that does not exist), a known path with
 * another method 405; then the bearer token and ClientsID are checked (401), then the JSON body.
 */

export const ROUTES: readonly Route[] = [
	...ACD_ROUTES,
	...DIALLER_ROUTES,
	...USER_ROUTES,
	...CALL_ROUTES,
	...COCKPIT_ROUTES,
];

const REST_PREFIX = `${JTEL_REST_PATH}/`;

interface Compiled {
	route: Route;
	segments: string[];
}

const COMPILED: Compiled[] = ROUTES.map((route) => ({
	route,
	segments: route.path.split('/').slice(1),
}));

interface Matched {
	params: Record<string, number>;
	texts: Record<string, string>;
}

export type RouteMatch =
	| {
			kind: 'route';
			route: Route;
			clientsId: string;
			params: Record<string, number>;
			texts: Record<string, string>;
	  }
	| { kind: 'method'; allowed: string[] }
	| { kind: 'none' };

function decode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

function matchSegments(route: Route, pattern: string[], actual: string[]): Matched | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, number> = {};
	const texts: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		const value = decode(actual[i]);
		if (value === undefined) return undefined;
		if (expected.startsWith('{') && expected.endsWith('}')) {
			const name = expected.slice(1, -1);
			if (route.textParams?.includes(name)) {
				if (value === '') return undefined;
				texts[name] = value;
				continue;
			}
			if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) return undefined;
			params[name] = Number(value);
		} else if (expected !== value) {
			return undefined;
		}
	}
	return { params, texts };
}

/** The route of a raw request path (still URL-encoded, without the query). */
export function matchRoute(method: string, path: string): RouteMatch {
	if (!path.startsWith(REST_PREFIX)) return { kind: 'none' };
	const rest = path.slice(REST_PREFIX.length).replace(/\/$/, '').split('/');
	const [clientsId, ...segments] = rest;
	if (!clientsId) return { kind: 'none' };
	const allowed: string[] = [];
	for (const { route, segments: pattern } of COMPILED) {
		const matched = matchSegments(route, pattern, segments);
		if (!matched) continue;
		if (route.method === method) return { kind: 'route', route, clientsId, ...matched };
		allowed.push(route.method);
	}
	return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
}

/** Operation name of a request (for recording and fault matching). */
export function operationOf(request: SimRequest): string | undefined {
	const match = matchRoute(request.method, request.path);
	return match.kind === 'route' ? match.route.operation : undefined;
}

function bearer(request: SimRequest): string | undefined {
	const header = request.headers.authorization;
	const value = Array.isArray(header) ? header[0] : header;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
	return match?.[1];
}

export function handleJtelRequest(state: JtelState, request: SimRequest): SimResponse {
	const match = matchRoute(request.method, request.path);
	if (match.kind === 'none') return endpointNotFound();
	if (match.kind === 'method')
		return emptyResponse(405, { Allow: [...new Set(match.allowed)].join(', ') });

	const token = bearer(request);
	const clientsId = /^[0-9]+$/.test(match.clientsId) ? Number(match.clientsId) : Number.NaN;
	const client =
		token === undefined || Number.isNaN(clientsId)
			? undefined
			: state.authenticate(clientsId, token);
	if (!client) return fail('unauthorized');

	let body: unknown;
	if (request.method === 'POST') {
		const type = String(request.headers['content-type'] ?? '');
		if (!/^application\/json\b/i.test(type.trim())) return fail('contentType');
		const parsed = parseJsonBody(request.body);
		if (!parsed.ok) return fail('invalidJson');
		body = parsed.value;
	}
	return match.route.handle({
		state,
		client,
		params: match.params,
		texts: match.texts,
		query: request.query,
		body,
	});
}
