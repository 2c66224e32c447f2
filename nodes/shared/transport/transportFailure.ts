import { redact, remoteError, type RemoteError, type RemoteErrorInfo } from '../remoteError';

/**
 * The ways a request can fail before there is an answer to read — no complete answer in time, an
 * answer over the size cap, one that does not decompress or decode as text, a network failure —
 * and their plain wording as a RemoteError.
 */

/** An answer that grew past the size cap while it was read. */
export class ResponseTooLargeError extends Error {
	readonly code = 'ERR_RESPONSE_TOO_LARGE';

	constructor(readonly limit: number) {
		super(`The response is larger than ${limit} bytes`);
		this.name = 'ResponseTooLargeError';
	}
}

/** A compressed answer whose bytes do not decompress. */
export class UndecodableBodyError extends Error {
	readonly code = 'ERR_BAD_CONTENT_ENCODING';

	constructor(readonly encoding: string) {
		super(`The ${encoding}-compressed response could not be decompressed`);
		this.name = 'UndecodableBodyError';
	}
}

/** An answer whose bytes are not text in its character set. */
export class UndecodableTextError extends Error {
	readonly code = 'ERR_RESPONSE_NOT_TEXT';

	constructor(
		readonly charset: string,
		readonly status: number,
	) {
		super(`The response is not valid ${charset} text`);
		this.name = 'UndecodableTextError';
	}
}

/** An answer in a character set this runtime cannot read. */
export class UnknownCharsetError extends Error {
	readonly code = 'ERR_RESPONSE_CHARSET';

	constructor(readonly charset: string) {
		super(`Unknown character set "${charset}"`);
		this.name = 'UnknownCharsetError';
	}
}

/** No complete answer before the deadline. */
export class DeadlineError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'TimeoutError';
	}
}

/** The connection ended before the whole answer arrived. */
export function connectionReset(): Error {
	return Object.assign(new Error('The connection was closed before the whole answer arrived'), {
		code: 'ECONNRESET',
	});
}

/** Plain words for network error codes (the codes themselves go into the description). */
const NETWORK_PHRASES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was closed unexpectedly',
	EPIPE: 'the connection was closed unexpectedly',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED:
		'The server refused the connection. Check the URL and port, and that the service is running.',
	ENOTFOUND: 'The host name could not be resolved. Check the URL.',
	EAI_AGAIN: 'The host name could not be resolved right now. Check the URL and DNS.',
	ECONNRESET: 'The connection was closed by the server or a proxy.',
	EPIPE: 'The connection was closed by the server or a proxy.',
	EHOSTUNREACH: 'The host is unreachable from here.',
	ENETUNREACH: 'The network is unreachable from here.',
	CERT_HAS_EXPIRED: 'The server certificate has expired. Renew it, or turn on "Ignore SSL Issues".',
	DEPTH_ZERO_SELF_SIGNED_CERT:
		'The server uses a self-signed certificate. Trust it, or turn on "Ignore SSL Issues".',
	SELF_SIGNED_CERT_IN_CHAIN:
		'The server certificate chain is self-signed. Trust it, or turn on "Ignore SSL Issues".',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		'The server certificate could not be verified. Trust its issuer, or turn on "Ignore SSL Issues".',
	ERR_TLS_CERT_ALTNAME_INVALID: 'The server certificate does not match the host name in the URL.',
	EPROTO: 'TLS could not be negotiated. Check that the URL scheme (http/https) matches the server.',
};

export interface TransportFailureContext {
	system: string;
	/** What was being fetched, for the timeout and size messages, e.g. `POST https://host/path`. */
	what: string;
	/** Where the request went (origin + path), for the network message. */
	where: string;
	timeoutMs: number;
	maxBytes: number;
	secrets: readonly (string | undefined)[];
}

/**
 * A request that could not be completed — no answer in time, an answer over the size cap, or a
 * network failure — as a RemoteError in plain words (the low-level code goes into the details).
 */
export function transportFailure(error: unknown, context: TransportFailureContext): RemoteError {
	const { system, what, where, timeoutMs, maxBytes, secrets } = context;
	const fail = (message: string, info: Omit<RemoteErrorInfo, 'system'>) =>
		remoteError(redact(message, secrets), { system, ...info });
	const code = (error as { code?: string })?.code;
	const name = (error as Error)?.name;
	if (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		code === 'ERR_CANCELED' ||
		name === 'TimeoutError' ||
		name === 'CanceledError' ||
		name === 'AbortError'
	) {
		return fail(`${system} did not answer within ${timeoutMs} ms (${what})`, {
			kind: 'timeout',
			transient: true,
			hint: 'The server may be overloaded or unreachable. Raise the timeout or try again later.',
		});
	}
	if (error instanceof UndecodableBodyError) {
		return fail(
			`${system} sent a ${error.encoding}-compressed response that could not be decompressed (${what})`,
			{
				kind: 'response',
				hint: 'A proxy or the server damaged the answer. Try again; if it persists, check the proxy.',
			},
		);
	}
	if (error instanceof UndecodableTextError) {
		return fail(
			`${system} sent an answer (HTTP ${error.status}) that is not valid ${error.charset} text (${what})`,
			{
				kind: 'response',
				hint: 'The answer was damaged on the way, or its character set is not the one it declares. Check the server or proxy.',
			},
		);
	}
	if (error instanceof UnknownCharsetError) {
		return fail(
			`${system} sent an answer in the character set "${error.charset}", which cannot be read here (${what})`,
			{
				kind: 'response',
				hint: 'Configure the server to answer in UTF-8.',
			},
		);
	}
	if (error instanceof ResponseTooLargeError) {
		return fail(`${system} sent a response larger than ${maxBytes} bytes (${what})`, {
			kind: 'response',
			hint: 'The answer was refused to protect memory. Narrow the request (e.g. a smaller Limit).',
		});
	}
	const netCode = code;
	const tls = netCode !== undefined && /CERT|TLS|SSL|EPROTO/.test(netCode);
	const phrase =
		(netCode && NETWORK_PHRASES[netCode]) ||
		(tls ? 'the TLS connection failed' : 'the request failed');
	return fail(`Could not reach ${system} at ${where}: ${phrase}`, {
		kind: 'network',
		code: netCode,
		transient: netCode === 'ECONNRESET' || netCode === 'EPIPE' || netCode === 'EAI_AGAIN',
		hint: (netCode && NETWORK_HINTS[netCode]) || undefined,
	});
}
