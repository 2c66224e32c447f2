import { redact, RemoteError, type RemoteErrorInfo } from '../remoteError';
import { isTransientStatus, readAnswer, UnreadableAnswer, type AnswerReading } from './answers';
import type { HttpEndpoint, HttpMethod, HttpResponse } from './http';

/**
 * JSON REST over the pooled HTTP transport: JSON in and out, each answer read by the shared
 * answer ladder (./answers) with the system's own error body read by a {@link RestErrorReader}.
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
) =>
	| Pick<RemoteErrorInfo, 'code' | 'meaning' | 'group' | 'serverMessage' | 'hint' | 'transient'>
	| undefined;

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
			if (typeof child === 'object' && child !== null)
				stack.push({ value: child, depth: current.depth + 1 });
		}
	}
	return false;
}

const UNREADABLE_HINT = 'The answer may be truncated or not from this API. Check the base URL.';

/** A JSON body as a value; undefined for an empty one. Throws UnreadableAnswer when it is not JSON. */
function readJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	let value: unknown;
	let valid = true;
	try {
		value = JSON.parse(text);
	} catch {
		valid = false;
	}
	if (!valid) throw new UnreadableAnswer('a body that is not valid JSON', UNREADABLE_HINT);
	if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
		throw new UnreadableAnswer(
			`JSON nested more than ${MAX_JSON_DEPTH} levels deep`,
			UNREADABLE_HINT,
		);
	}
	return value;
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

	/**
	 * The shared answer ladder with JSON's reading: a 2xx answer is its JSON (an empty one
	 * undefined); an error status is the system's own error when its JSON body says one (through
	 * `readError`), else the status with the body quoted.
	 */
	private read(response: HttpResponse, call: RestCall, options: RestOptions): RestResult {
		const what = options.operation ?? `${call.method} ${response.url}`;
		const reading: AnswerReading<unknown> = {
			urlHint: 'Check the base URL.',
			format: 'JSON',
			statusFirst: true,
			statusHint: (status) => STATUS_HINTS[status],
			read: readJson,
			fault: (data, answered) => this.refusal(data, answered, what, options),
		};
		const answer = readAnswer(this.endpoint, response, what, reading);
		if (answer.error) throw answer.error;
		return { status: response.status, data: answer.value, headers: response.headers };
	}

	/** The system's own error in the JSON body of an error status, as `readError` reads it. */
	private refusal(
		data: unknown,
		response: HttpResponse,
		what: string,
		options: RestOptions,
	): RemoteError | undefined {
		if ((response.status >= 200 && response.status < 300) || data === undefined) return undefined;
		const remote = (options.readError ?? genericRestErrorReader)(response.status, data);
		if (!remote || !(remote.code || remote.serverMessage)) return undefined;
		const system = this.endpoint.options.system;
		const head = remote.code
			? `${system} refused ${what}: ${remote.code}${remote.meaning ? ` (${remote.meaning})` : ''}`
			: `${system} refused ${what}: ${remote.serverMessage}`;
		return this.error(head, {
			kind: response.status === 401 ? 'auth' : 'remote',
			operation: options.operation,
			httpStatus: response.status,
			transient: remote.transient ?? isTransientStatus(response.status),
			...remote,
			hint: remote.hint ?? STATUS_HINTS[response.status],
		});
	}
}
