import axios, { type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import * as tls from 'node:tls';
import { TextDecoder } from 'node:util';
import * as zlib from 'node:zlib';

import { redact, remoteError, type RemoteError, type RemoteErrorInfo } from '../remoteError';

/**
 * The one HTTP transport of the pack. Every node talks through a pooled keep-alive agent per
 * endpoint (origin + TLS policy + proxy), so a run of many items reuses a few connections
 * instead of opening one per item. Requests go straight through Node's `http`/`https` on those
 * agents (a general-purpose client's per-request work costs more than the exchange itself on a
 * local network); libraries that need an axios client get one on the same agents. Timeouts are
 * total deadlines, bodies have a size cap that is enforced while reading (after decompression),
 * proxies come from the environment (HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY, as n8n
 * reads them) and every error text has the endpoint's secrets removed.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_SOCKETS_PER_ENDPOINT = 32;
/** Below the 5 s keep-alive timeout of Node, Apache and others, so a connection is not reused as the server closes it. */
const IDLE_SOCKET_TIMEOUT_MS = 4_000;
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL, or a path joined to the endpoint's base URL. */
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, string | number | boolean | undefined>;
	/** Text is sent as is; anything else as JSON. */
	body?: unknown;
	timeoutMs?: number;
	maxResponseBytes?: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** The URL that was called (without query), for messages. */
	url: string;
}

export interface HttpEndpointOptions {
	/** Name of the remote system, used in error messages. */
	system: string;
	baseUrl: string;
	ignoreSslIssues?: boolean;
	timeoutMs?: number;
	maxResponseBytes?: number;
	/** Values that must never appear in an error message (a function when they change, e.g. sessions). */
	secrets?: readonly (string | undefined)[] | (() => readonly (string | undefined)[]);
}

// ---------------------------------------------------------------------------------------------
// Proxy selection from the environment

interface ProxyTarget {
	url: URL;
	authorization?: string;
	/** An `https://` proxy is reached over TLS (then the tunnel or request goes inside it). */
	secure: boolean;
	host: string;
	port: number;
}

function envValue(...names: string[]): string | undefined {
	for (const name of names) {
		const value = process.env[name] ?? process.env[name.toLowerCase()];
		if (value) return value;
	}
	return undefined;
}

function bypassedByNoProxy(target: URL): boolean {
	const noProxy = envValue('NO_PROXY');
	if (!noProxy) return false;
	if (noProxy.trim() === '*') return true;
	const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const port = target.port || (target.protocol === 'https:' ? '443' : '80');
	return noProxy
		.split(/[,\s]+/)
		.filter(Boolean)
		.some((entry) => {
			const [entryHost, entryPort] = entry.toLowerCase().split(/:(?=\d+$)/);
			if (entryPort && entryPort !== port) return false;
			const bare = entryHost.replace(/^\*?\./, '');
			return host === bare || host.endsWith(`.${bare}`);
		});
}

/** The proxy the environment asks for when calling `target`, if any. */
export function proxyFor(target: URL): ProxyTarget | undefined {
	const raw =
		target.protocol === 'https:'
			? envValue('HTTPS_PROXY', 'ALL_PROXY')
			: envValue('HTTP_PROXY', 'ALL_PROXY');
	if (!raw || bypassedByNoProxy(target)) return undefined;
	let url: URL;
	try {
		url = new URL(raw.includes('://') ? raw : `http://${raw}`);
	} catch {
		return undefined;
	}
	const authorization =
		url.username || url.password
			? `Basic ${Buffer.from(
					`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
				).toString('base64')}`
			: undefined;
	const secure = url.protocol === 'https:';
	return {
		url,
		authorization,
		secure,
		host: url.hostname.replace(/^\[|\]$/g, ''),
		port: Number(url.port || (secure ? 443 : 80)),
	};
}

/** TLS options for the connection to an `https://` proxy: its name checked, certificate as the endpoint's policy. */
function proxyTlsOptions(proxy: ProxyTarget, rejectUnauthorized: boolean): tls.ConnectionOptions {
	return { servername: isIP(proxy.host) ? undefined : proxy.host, rejectUnauthorized };
}

/**
 * An HTTPS agent that reaches its targets through a CONNECT tunnel, with keep-alive. The tunnel
 * is asked for over TLS when the proxy is an `https://` one, so the server's TLS runs inside it.
 */
class TunnelingAgent extends https.Agent {
	constructor(
		private readonly proxy: ProxyTarget,
		options: https.AgentOptions,
	) {
		super(options);
	}

	createConnection(
		requestOptions: http.RequestOptions,
		callback?: (err: Error | null, stream: Duplex) => void,
	): Duplex | null | undefined {
		const options = requestOptions as tls.ConnectionOptions & {
			host?: string;
			port?: number;
			servername?: string;
		};
		const headers: Record<string, string> = { host: `${options.host}:${options.port}` };
		if (this.proxy.authorization) headers['proxy-authorization'] = this.proxy.authorization;
		const tunnel: http.RequestOptions = {
			host: this.proxy.host,
			port: this.proxy.port,
			method: 'CONNECT',
			path: `${options.host}:${options.port}`,
			headers,
			agent: false,
		};
		const connect = this.proxy.secure
			? https.request({ ...tunnel, ...proxyTlsOptions(this.proxy, options.rejectUnauthorized !== false) })
			: http.request(tunnel);
		connect.once('connect', (res, socket) => {
			if (res.statusCode !== 200) {
				socket.destroy();
				callback?.(new Error(`Proxy refused the tunnel with HTTP status ${res.statusCode}`), socket);
				return;
			}
			const secure = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
			callback?.(null, secure);
		});
		connect.once('error', (err) => callback?.(err, connect.socket as Socket));
		connect.end();
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Connection pool

/** The pooled connections of one endpoint: an agent and, for plain HTTP, the proxy it goes through. */
interface Pool {
	agent: http.Agent;
	/** Whether the first hop (the server, or the proxy of a plain-HTTP target) speaks TLS. */
	secure: boolean;
	/** Proxy of a plain-HTTP target: requests go to it with absolute URLs. (HTTPS targets tunnel in the agent.) */
	proxy?: ProxyTarget;
	/** The same pool as an axios client, for libraries that take one. */
	axios?: AxiosInstance;
}

const pools = new Map<string, Pool>();

function poolFor(target: URL, ignoreSslIssues: boolean): Pool {
	const proxy = proxyFor(target);
	const key = `${target.protocol}//${target.host}|${ignoreSslIssues ? 'insecure' : 'strict'}|${
		proxy?.url.href ?? 'direct'
	}`;
	let pool = pools.get(key);
	if (pool) return pool;
	const agentOptions = {
		keepAlive: true,
		maxSockets: MAX_SOCKETS_PER_ENDPOINT,
		timeout: IDLE_SOCKET_TIMEOUT_MS,
	};
	if (target.protocol === 'https:') {
		const tlsOptions = { ...agentOptions, rejectUnauthorized: !ignoreSslIssues };
		pool = {
			agent: proxy ? new TunnelingAgent(proxy, tlsOptions) : new https.Agent(tlsOptions),
			secure: true,
		};
	} else if (proxy?.secure) {
		pool = { agent: new https.Agent({ ...agentOptions, ...proxyTlsOptions(proxy, !ignoreSslIssues) }), secure: true, proxy };
	} else {
		pool = { agent: new http.Agent(agentOptions), secure: false, proxy };
	}
	pools.set(key, pool);
	return pool;
}

/**
 * An axios client for libraries that take one (the `soap` package's WSDL and schema fetches):
 * its adapter sends through {@link exchange}, so such documents take the same pooled
 * connections, proxy, deadline (axios `timeout`), size cap (`maxContentLength`), decompression
 * and character-set reading as every call. It answers every status and returns text bodies.
 */
export function pooledAxios(url: string, ignoreSslIssues = false): AxiosInstance {
	const pool = poolFor(new URL(url), ignoreSslIssues);
	if (pool.axios) return pool.axios;
	pool.axios = axios.create({
		responseType: 'text',
		transformResponse: [(data: unknown) => data],
		validateStatus: () => true,
		maxRedirects: 0,
		adapter: async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
			const target = new URL(axios.getUri(config));
			const headers: Record<string, string> = { ...DEFAULT_HEADERS };
			for (const [name, value] of Object.entries(config.headers?.toJSON() ?? {})) {
				if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
			}
			const body = typeof config.data === 'string' ? config.data : undefined;
			if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body, 'utf8'));
			const answer = await exchange({
				pool: poolFor(target, ignoreSslIssues),
				target,
				method: (config.method ?? 'get').toUpperCase() as HttpMethod,
				headers,
				body,
				timeoutMs: config.timeout && config.timeout > 0 ? config.timeout : DEFAULT_TIMEOUT_MS,
				maxBytes:
					config.maxContentLength && config.maxContentLength > 0 ? config.maxContentLength : DEFAULT_MAX_RESPONSE_BYTES,
			});
			return { data: answer.body, status: answer.status, statusText: '', headers: answer.headers, config, request: {} };
		},
	});
	return pool.axios;
}

/** Drop every pooled connection (tests, shutdown). */
export function resetHttpClients(): void {
	for (const pool of pools.values()) pool.agent.destroy();
	pools.clear();
	poolGeneration++;
}

/** Bumped by {@link resetHttpClients}, so that endpoints drop the pool they remembered. */
let poolGeneration = 0;

// ---------------------------------------------------------------------------------------------
// Requests

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
	ECONNREFUSED: 'The server refused the connection. Check the URL and port, and that the service is running.',
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
		return fail(`${system} sent a ${error.encoding}-compressed response that could not be decompressed (${what})`, {
			kind: 'response',
			hint: 'A proxy or the server damaged the answer. Try again; if it persists, check the proxy.',
		});
	}
	if (error instanceof UndecodableTextError) {
		return fail(`${system} sent an answer (HTTP ${error.status}) that is not valid ${error.charset} text (${what})`, {
			kind: 'response',
			hint: 'The answer was damaged on the way, or its character set is not the one it declares. Check the server or proxy.',
		});
	}
	if (error instanceof UnknownCharsetError) {
		return fail(`${system} sent an answer in the character set "${error.charset}", which cannot be read here (${what})`, {
			kind: 'response',
			hint: 'Configure the server to answer in UTF-8.',
		});
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
		(netCode && NETWORK_PHRASES[netCode]) || (tls ? 'the TLS connection failed' : 'the request failed');
	return fail(`Could not reach ${system} at ${where}: ${phrase}`, {
		kind: 'network',
		code: netCode,
		transient: netCode === 'ECONNRESET' || netCode === 'EPIPE' || netCode === 'EAI_AGAIN',
		hint: (netCode && NETWORK_HINTS[netCode]) || undefined,
	});
}

function joinUrl(baseUrl: string, url: string): string {
	if (/^https?:\/\//i.test(url)) return url;
	if (url === '') return baseUrl;
	return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function headerRecord(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (value === undefined || value === null) continue;
			out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return out;
}

/** An answer that grew past the size cap while it was read. */
class ResponseTooLargeError extends Error {
	readonly code = 'ERR_RESPONSE_TOO_LARGE';

	constructor(readonly limit: number) {
		super(`The response is larger than ${limit} bytes`);
		this.name = 'ResponseTooLargeError';
	}
}

/** A compressed answer whose bytes do not decompress. */
class UndecodableBodyError extends Error {
	readonly code = 'ERR_BAD_CONTENT_ENCODING';

	constructor(readonly encoding: string) {
		super(`The ${encoding}-compressed response could not be decompressed`);
		this.name = 'UndecodableBodyError';
	}
}

/** An answer whose bytes are not text in its character set. */
class UndecodableTextError extends Error {
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
class UnknownCharsetError extends Error {
	readonly code = 'ERR_RESPONSE_CHARSET';

	constructor(readonly charset: string) {
		super(`Unknown character set "${charset}"`);
		this.name = 'UnknownCharsetError';
	}
}

const decoders = new Map<string, TextDecoder>();

/**
 * The body as text, strictly: in the charset of its Content-Type, else the one its XML
 * declaration names, else UTF-8. Bytes that are not valid in it are an error, not replacement
 * characters (a damaged answer must not pass as data). A byte-order mark is dropped. Failures
 * are returned, not thrown.
 */
function decodeText(body: Buffer, contentType: string | undefined, status: number): string | Error {
	if (body.length === 0) return '';
	let charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
	if (!charset && body[0] === 0x3c) {
		charset = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(body.subarray(0, 200).toString('latin1'))?.[1];
	}
	const name = (charset ?? 'utf-8').toLowerCase();
	let decoder = decoders.get(name);
	if (!decoder) {
		try {
			decoder = new TextDecoder(name, { fatal: true });
		} catch {
			return new UnknownCharsetError(charset ?? name);
		}
		decoders.set(name, decoder);
	}
	try {
		return decoder.decode(body);
	} catch {
		return new UndecodableTextError(decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding, status);
	}
}

/** No complete answer before the deadline. */
class DeadlineError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'TimeoutError';
	}
}

/** The connection ended before the whole answer arrived. */
function connectionReset(): Error {
	return Object.assign(new Error('The connection was closed before the whole answer arrived'), {
		code: 'ECONNRESET',
	});
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
	accept: 'application/json, text/plain, */*',
	'accept-encoding': 'gzip, deflate, br',
	'user-agent': 'n8n-nodes-contact-center',
};

function decoderFor(encoding: string): zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | undefined {
	switch (encoding) {
		case 'gzip':
		case 'x-gzip':
		case 'deflate':
			// Unzip reads gzip and zlib-wrapped deflate alike.
			return zlib.createUnzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
		case 'br':
			return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
		default:
			return undefined;
	}
}

interface Exchange {
	pool: Pool;
	target: URL;
	method: HttpMethod;
	headers: Record<string, string>;
	/** Sent as UTF-8; a string lets Node write it with the headers in one go. */
	body?: string;
	timeoutMs: number;
	maxBytes: number;
}

/**
 * One request and its whole answer, under one deadline (connect, send, wait and read) and one
 * size cap (counted on the decompressed bytes, so a small compressed bomb is stopped too).
 */
function exchange({ pool, target, method, headers, body, timeoutMs, maxBytes }: Exchange): Promise<{
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		let settled = false;
		let request: http.ClientRequest | undefined;
		let response: http.IncomingMessage | undefined;
		const settle = (error: Error | undefined, value?: { status: number; headers: http.IncomingHttpHeaders; body: string }) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (error) {
				response?.destroy();
				request?.destroy();
				reject(error);
			} else {
				resolve(value!);
			}
		};
		const timer = setTimeout(() => settle(new DeadlineError(timeoutMs)), timeoutMs);

		const options: http.RequestOptions = {
			method,
			agent: pool.agent,
			headers,
			hostname: target.hostname.replace(/^\[|\]$/g, ''),
			port: target.port || (pool.secure ? 443 : 80),
			path: `${target.pathname}${target.search}`,
		};
		const proxy = pool.proxy;
		if (proxy) {
			options.hostname = proxy.host;
			options.port = proxy.port;
			options.path = `${target.protocol}//${target.host}${target.pathname}${target.search}`;
			options.headers = { ...headers, host: target.host };
			if (proxy.authorization) options.headers['proxy-authorization'] = proxy.authorization;
		}
		let retried = false;
		const attempt = () => {
			try {
				request = send();
			} catch (error) {
				// Invalid header values and the like are refused synchronously.
				settle(error as Error);
				return;
			}
			const sent = request;
			sent.on('error', (error: Error & { code?: string }) => {
				// A kept-alive connection the server closed just as it was reused: an idempotent request
				// goes once more on a fresh connection. Others are not repeated (the server may have
				// acted on them); idle connections are dropped before common keep-alive timeouts instead.
				if (
					!response &&
					sent.reusedSocket &&
					!retried &&
					IDEMPOTENT_METHODS.has(method) &&
					(error.code === 'ECONNRESET' || error.code === 'EPIPE')
				) {
					retried = true;
					attempt();
					return;
				}
				settle(error);
			});
			if (body === undefined) sent.end();
			else sent.end(body, 'utf8');
		};
		const send = () =>
			(pool.secure ? https : http).request(options, (res) => {
				response = res;
				const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
				const decoder = method === 'HEAD' ? undefined : decoderFor(encoding);
				const stream: Readable = decoder ? res.pipe(decoder) : res;
				const chunks: Buffer[] = [];
				let size = 0;
				stream.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > maxBytes) {
						decoder?.destroy();
						settle(new ResponseTooLargeError(maxBytes));
						return;
					}
					chunks.push(chunk);
				});
				stream.on('end', () => {
					if (!res.complete) return settle(connectionReset());
					const status = res.statusCode ?? 0;
					const text = decodeText(Buffer.concat(chunks, size), res.headers['content-type'], status);
					if (text instanceof Error) return settle(text);
					settle(undefined, { status, headers: res.headers, body: text });
				});
				if (decoder) decoder.on('error', () => settle(new UndecodableBodyError(encoding)));
				res.on('aborted', () => settle(connectionReset()));
				res.on('error', () => settle(connectionReset()));
				res.on('close', () => {
					if (!res.complete) settle(connectionReset());
				});
			});
		attempt();
	});
}

function queryString(query: HttpRequest['query']): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	}
	return parts.join('&');
}

/** A base URL and its pooled connection policy; send requests through it. */
export class HttpEndpoint {
	readonly baseUrl: string;

	/** The pool of the last origin called (an endpoint calls one origin), found once instead of per request. */
	private remembered?: { origin: string; generation: number; pool: Pool };

	constructor(readonly options: HttpEndpointOptions) {
		this.baseUrl = options.baseUrl.trim();
	}

	private poolOf(target: URL): Pool {
		const known = this.remembered;
		if (known && known.origin === target.origin && known.generation === poolGeneration) return known.pool;
		const pool = poolFor(target, this.options.ignoreSslIssues ?? false);
		this.remembered = { origin: target.origin, generation: poolGeneration, pool };
		return pool;
	}

	/** The values to keep out of every message. */
	secretValues(): readonly (string | undefined)[] {
		const secrets = this.options.secrets;
		return typeof secrets === 'function' ? secrets() : (secrets ?? []);
	}

	private fail(message: string, kind: 'network', extra: { hint?: string }): never {
		throw remoteError(redact(message, this.secretValues()), { kind, system: this.options.system, ...extra });
	}

	async send(request: HttpRequest): Promise<HttpResponse> {
		const url = joinUrl(this.baseUrl, request.url);
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return this.fail(`Invalid ${this.options.system} URL "${url}"`, 'network', {
				hint: 'Check the URL in the credential: it must start with http:// or https://.',
			});
		}
		if (target.protocol !== 'http:' && target.protocol !== 'https:') {
			return this.fail(`Unsupported URL scheme "${target.protocol}"`, 'network', {
				hint: 'Use an http:// or https:// URL.',
			});
		}
		const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		const maxBytes =
			request.maxResponseBytes ?? this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
		const headers: Record<string, string> = { ...DEFAULT_HEADERS };
		for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = value;
		let body: string | undefined;
		if (request.body !== undefined) {
			if (typeof request.body === 'string') {
				body = request.body;
			} else {
				body = JSON.stringify(request.body);
				headers['content-type'] ??= 'application/json';
			}
		}
		if (body !== undefined || !['GET', 'HEAD', 'DELETE'].includes(request.method)) {
			headers['content-length'] = String(body === undefined ? 0 : Buffer.byteLength(body, 'utf8'));
		}
		const where = `${target.origin}${target.pathname}`;
		const query = queryString(request.query);
		if (query) target.search = target.search ? `${target.search}&${query}` : `?${query}`;
		target.hash = '';
		try {
			const answer = await exchange({
				pool: this.poolOf(target),
				target,
				method: request.method,
				headers,
				body,
				timeoutMs,
				maxBytes,
			});
			return { status: answer.status, headers: headerRecord(answer.headers), body: answer.body, url: where };
		} catch (error) {
			throw transportFailure(error, {
				system: this.options.system,
				what: `${request.method} ${where}`,
				where,
				timeoutMs,
				maxBytes,
				secrets: this.secretValues(),
			});
		}
	}
}

/** A short, secret-free excerpt of a response body for error messages (HTML tags stripped). */
export function bodyExcerpt(body: string, secrets: readonly (string | undefined)[] = [], max = 200): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
	const text = (title ?? body)
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const cut = text.length > max ? `${text.slice(0, max)}…` : text;
	return redact(cut, secrets);
}

/** True when the response says it is HTML (an error page from a proxy or web server). */
export function isHtml(response: HttpResponse): boolean {
	const type = response.headers['content-type'] ?? '';
	return /text\/html/i.test(type) || /^\s*(<!doctype html|<html)/i.test(response.body);
}
