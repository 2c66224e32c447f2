import {
	jsonResponse,
	parseJsonBody,
	textResponse,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import {
	operationsOf,
	SET_SESSION_DATA_REQUEST_FIELDS,
	type McVersion,
	type SimOperation,
} from './schema';
import type { SimArgs, SimResult, TvoxState } from './state';

/**
 * The REST / JSON service of the simulated MultiChannel Connector, answering like Apache CXF's
 * JAX-RS: GET with query parameters (a set as a repeated parameter), PUT with a JSON body,
 * 404 for an unknown path or an unreadable number, 405 / 406 / 415 for the wrong method, Accept
 * or Content-Type, 400 for a body it cannot read.
 *
 * JSON style: `plain` (a Jackson-like provider: the object itself, a map as an object, numbers
 * as numbers; unknown body properties refused) or `wrapped` (CXF's default Jettison provider:
 * the root element kept, every value a string, a map as JAXB entries and a one-entry list as an
 * object; a body without its root element refused).
 */

export type JsonStyle = 'plain' | 'wrapped';

export const SET_SESSION_DATA_ROOT = 'setSessionDataRequest';

export function restOperation(version: McVersion, subPath: string): SimOperation | undefined {
	return operationsOf(version).find((op) => op.restPath === subPath);
}

function cxfStatus(status: number, headers: Record<string, string> = {}): SimResponse {
	return { status, headers };
}

/** The answer body of a method in the given style. */
export function restBody(op: SimOperation, result: SimResult, style: JsonStyle): unknown {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(result)) {
		if (Array.isArray(value)) {
			if (style === 'plain') {
				out[name] = Object.fromEntries(value);
			} else {
				const entries = value.map(([key, state]) => ({ key, value: state }));
				out[name] = { entry: entries.length === 1 ? entries[0] : entries };
			}
		} else {
			out[name] = style === 'wrapped' ? String(value) : value;
		}
	}
	return style === 'wrapped' ? { [op.result]: out } : out;
}

function accepts(request: SimRequest): boolean {
	const accept = String(request.headers.accept ?? '').toLowerCase();
	return accept === '' || /application\/json|application\/\*|\*\/\*/.test(accept);
}

function queryArgs(op: SimOperation, query: URLSearchParams): SimArgs | undefined {
	const args: SimArgs = {};
	for (const param of op.params) {
		if (param.repeated) {
			const values = query.getAll(param.name);
			if (values.length) args[param.name] = values;
			continue;
		}
		const value = query.get(param.name);
		if (value === null) continue;
		if (param.type === 'int') {
			if (!/^-?\d+$/.test(value.trim())) return undefined;
			args[param.name] = Number(value.trim());
		} else {
			args[param.name] = value;
		}
	}
	return args;
}

function bodyArgs(body: unknown, style: JsonStyle): SimArgs | string {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return 'The body must be a JSON object';
	let fields = body as Record<string, unknown>;
	if (style === 'wrapped') {
		const keys = Object.keys(fields);
		const inner = fields[SET_SESSION_DATA_ROOT];
		if (keys.length !== 1 || typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
			return `JSONException: the body must be a ${SET_SESSION_DATA_ROOT} element`;
		}
		fields = inner as Record<string, unknown>;
	}
	const request: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!(SET_SESSION_DATA_REQUEST_FIELDS as readonly string[]).includes(key)) {
			return `Unrecognized field "${key}" (class SetSessionDataRequest), not marked as ignorable`;
		}
		if (value !== null && value !== undefined && typeof value === 'object') {
			return `Cannot deserialize value of type String from an object ("${key}")`;
		}
		request[key] = value === null || value === undefined ? undefined : String(value);
	}
	return { [SET_SESSION_DATA_ROOT]: request };
}

/** Answer one request below the REST / JSON base path (`subPath` is the part after it). */
export function handleRestRequest(
	state: TvoxState,
	settings: { version: McVersion; jsonStyle: JsonStyle },
	request: SimRequest,
	subPath: string,
): SimResponse {
	const op = restOperation(settings.version, subPath);
	if (!op) return cxfStatus(404);
	if (request.method !== op.restMethod) return cxfStatus(405, { Allow: op.restMethod });
	if (!accepts(request)) return cxfStatus(406);
	let args: SimArgs;
	if (op.restMethod === 'GET') {
		const parsed = queryArgs(op, request.query);
		if (!parsed) return cxfStatus(404);
		args = parsed;
	} else {
		const type = String(request.headers['content-type'] ?? '').toLowerCase();
		if (!type.includes('json')) return cxfStatus(415);
		const parsed = parseJsonBody(request.body);
		if (!parsed.ok) return textResponse(400, `JSON parse error: ${parsed.error}`);
		const read = bodyArgs(parsed.value, settings.jsonStyle);
		if (typeof read === 'string') return textResponse(400, read);
		args = read;
	}
	return jsonResponse(200, restBody(op, state.run(op.name, args), settings.jsonStyle));
}
