import { redact, RemoteError, type RemoteErrorInfo } from '../remoteError';
import { isTransientStatus } from './answers';
import { bodyExcerpt, isHtml, type HttpEndpoint, type HttpMethod, type HttpResponse } from './http';

/**
 * JSON REST over the pooled HTTP transport: JSON in and out, and every non-2xx answer, HTML page
 * or unreadable body turned into a RemoteError the node can show.
 */

export interface RestCall {
	method: HttpMethod;
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	body?: unknown;
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export interface RestResult {
	status: number;
	/** Parsed JSON body; undefined for an empty body (e.g. 204). */
	data: unknown;
	headers: Record<string, string>;
}

/** What a system's error body says: code, meaning and the server's own text. */
export type RestErrorReader = (
	status: number,
	data: unknown,
) => Pick<RemoteErrorInfo, 'code' | 'meaning' | 'group' | 'serverMessage' | 'hint' | 'transient'> | undefined;

export interface RestOptions {
	/** Operation name for messages. */
	operation?: string;
	readError?: RestErrorReader;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The server rejected the request as invalid. Check the parameters.',
	401: 'Authentication failed. Check the credential.',
	403: 'The credential is not allowed to do this.',
	404: 'Not found. Check the IDs and the base URL.',
	405: 'The server does not accept this method here. Check the base URL.',
	409: 'Conflict with the current state on the server.',
	413: 'The request is too large for the server.',
	429: 'Too many requests. Slow down and retry later.',
	500: 'The server had an internal error.',
	502: 'A gateway or proxy in front of the server failed.',
	503: 'The service is unavailable right now.',
	504: 'A gateway or proxy timed out waiting for the server.',
};

/** Deepest nesting of arrays and objects accepted in an answer: deeper data breaks n8n's own copying of items. */
export const MAX_JSON_DEPTH = 100;

/** Whether parsed JSON nests arrays and objects more than `max` levels deep (read without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
	while (stack.length > 0) {
		const current = stack.pop()!;
		if (typeof current.value !== 'object' || current.value === null) continue;
		if (current.depth > max) return true;
		for (const child of Object.values(current.value)) {
			if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: current.depth + 1 });
		}
	}
	return false;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; deep?: boolean } {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false };
	}
	return nestedDeeperThan(value, MAX_JSON_DEPTH) ? { ok: false, deep: true } : { ok: true, value };
}

/** Field of an object, looked up case-insensitively among several names. */
export function pickField(data: unknown, names: readonly string[]): unknown {
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const record = data as Record<string, unknown>;
	const lower = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
	for (const name of names) {
		const key = lower.get(name.toLowerCase());
		if (key !== undefined && record[key] !== undefined && record[key] !== null) return record[key];
	}
	return undefined;
}

/** A generic reading of common error bodies: code / errorCode, message / Message, description. */
export const genericRestErrorReader: RestErrorReader = (_status, data) => {
	const code = pickField(data, ['ErrorCode', 'errorCode', 'code', 'Code', 'ReturnCode']);
	const message = pickField(data, ['Message', 'message', 'error', 'Error', 'errorMessage']);
	const description = pickField(data, ['Description', 'description', 'detail', 'details']);
	const text = [message, description]
		.filter((v) => v !== undefined && typeof v !== 'object')
		.map(String)
		.join(' — ');
	if (code === undefined && !text) return undefined;
	return {
		code: code !== undefined && typeof code !== 'object' ? String(code) : undefined,
		serverMessage: text || undefined,
	};
};

export class RestTransport {
	constructor(readonly endpoint: HttpEndpoint) {}

	private secrets() {
		return this.endpoint.secretValues();
	}

	private error(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		const system = this.endpoint.options.system;
		return new RemoteError(redact(message, this.secrets()), { system, ...info });
	}

	/** Send one JSON request; resolve with the parsed body of a 2xx answer, reject with RemoteError. */
	async request(call: RestCall, options: RestOptions = {}): Promise<RestResult> {
		const headers: Record<string, string> = { Accept: 'application/json', ...(call.headers ?? {}) };
		const response = await this.endpoint.send({
			method: call.method,
			url: call.path,
			query: call.query,
			body: call.body,
			headers,
			timeoutMs: call.timeoutMs,
		});
		return this.read(response, call, options);
	}

	private read(response: HttpResponse, call: RestCall, options: RestOptions): RestResult {
		const system = this.endpoint.options.system;
		const what = options.operation ?? `${call.method} ${response.url}`;
		const text = response.body ?? '';
		const ok = response.status >= 200 && response.status < 300;
		const html = text.trim() !== '' && isHtml(response);
		const parsed = text.trim() === '' || html ? undefined : parseJson(text);

		if (ok) {
			if (text.trim() === '') return { status: response.status, data: undefined, headers: response.headers };
			if (parsed?.ok) return { status: response.status, data: parsed.value, headers: response.headers };
			throw this.error(
				html
					? `${system} answered ${what} with an HTML page instead of JSON ("${bodyExcerpt(text, this.secrets())}")`
					: parsed?.deep
						? `${system} answered ${what} with JSON nested more than ${MAX_JSON_DEPTH} levels deep`
						: `${system} answered ${what} with a body that is not valid JSON`,
				{
					kind: 'response',
					operation: options.operation,
					httpStatus: response.status,
					hint: html
						? 'A proxy, login page or wrong base URL is answering instead of the API. Check the base URL.'
						: 'The answer may be truncated or not from this API. Check the base URL.',
				},
			);
		}

		const data = parsed?.ok ? parsed.value : undefined;
		const remote = data !== undefined ? (options.readError ?? genericRestErrorReader)(response.status, data) : undefined;
		const statusHint = STATUS_HINTS[response.status];
		const transient = isTransientStatus(response.status);
		if (remote && (remote.code || remote.serverMessage)) {
			const head = remote.code
				? `${system} refused ${what}: ${remote.code}${remote.meaning ? ` (${remote.meaning})` : ''}`
				: `${system} refused ${what}: ${remote.serverMessage}`;
			throw this.error(head, {
				kind: response.status === 401 ? 'auth' : 'remote',
				operation: options.operation,
				httpStatus: response.status,
				transient: remote.transient ?? transient,
				...remote,
				hint: remote.hint ?? statusHint,
			});
		}
		const excerpt = text.trim() ? bodyExcerpt(text, this.secrets()) : '';
		throw this.error(
			`${system} answered ${what} with HTTP ${response.status}${excerpt ? ` ("${excerpt}")` : ''}`,
			{
				kind: response.status === 401 ? 'auth' : 'http',
				operation: options.operation,
				httpStatus: response.status,
				transient,
				hint: html
					? `${statusHint ?? 'The server answered with an error page.'} The answer was an HTML page, not the API's own error.`
					: statusHint,
			},
		);
	}
}
