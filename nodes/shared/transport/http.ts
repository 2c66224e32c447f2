import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

import { describeUnknown, redact, remoteError, type RemoteError, type RemoteErrorInfo } from '../remoteError';

/**
 * The one HTTP transport of the pack. Every node talks through a pooled keep-alive axios client
 * per endpoint (origin + TLS policy + proxy), so a run of many items reuses a few connections
 * instead of opening one per item. Timeouts are total deadlines, bodies have a size cap,
 * proxies come from the environment (HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY, as n8n
 * reads them) and every error text has the endpoint's secrets removed.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_SOCKETS_PER_ENDPOINT = 32;
const IDLE_SOCKET_TIMEOUT_MS = 30_000;

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
	return { url, authorization };
}

/** An HTTPS agent that reaches its targets through an HTTP CONNECT tunnel, with keep-alive. */
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
		const proxyPort = Number(this.proxy.url.port || (this.proxy.url.protocol === 'https:' ? 443 : 80));
		const headers: Record<string, string> = { host: `${options.host}:${options.port}` };
		if (this.proxy.authorization) headers['proxy-authorization'] = this.proxy.authorization;
		const connect = http.request({
			host: this.proxy.url.hostname,
			port: proxyPort,
			method: 'CONNECT',
			path: `${options.host}:${options.port}`,
			headers,
		});
		connect.once('connect', (res, socket) => {
			if (res.statusCode !== 200) {
				socket.destroy();
				callback?.(new Error(`Proxy refused the tunnel with HTTP status ${res.statusCode}`), socket);
				return;
			}
			const secure = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
			callback?.(null, secure);
		});
		connect.once('error', (err) => callback?.(err, connect.socket as net.Socket));
		connect.end();
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Client pool

const clients = new Map<string, AxiosInstance>();

function clientFor(target: URL, ignoreSslIssues: boolean): AxiosInstance {
	const proxy = proxyFor(target);
	const key = `${target.protocol}//${target.host}|${ignoreSslIssues ? 'insecure' : 'strict'}|${
		proxy?.url.href ?? 'direct'
	}`;
	let client = clients.get(key);
	if (client) return client;

	const agentOptions = {
		keepAlive: true,
		maxSockets: MAX_SOCKETS_PER_ENDPOINT,
		timeout: IDLE_SOCKET_TIMEOUT_MS,
	};
	const config: AxiosRequestConfig = {
		proxy: false,
		responseType: 'text',
		transformResponse: [(data: unknown) => data],
		validateStatus: () => true,
		maxRedirects: 0,
		decompress: true,
	};
	if (target.protocol === 'https:') {
		const tlsOptions = { ...agentOptions, rejectUnauthorized: !ignoreSslIssues };
		config.httpsAgent = proxy ? new TunnelingAgent(proxy, tlsOptions) : new https.Agent(tlsOptions);
	} else {
		config.httpAgent = new http.Agent(agentOptions);
		if (proxy) {
			config.proxy = {
				protocol: proxy.url.protocol.replace(':', ''),
				host: proxy.url.hostname,
				port: Number(proxy.url.port || 80),
				...(proxy.url.username
					? {
							auth: {
								username: decodeURIComponent(proxy.url.username),
								password: decodeURIComponent(proxy.url.password),
							},
						}
					: {}),
			};
		}
	}
	client = axios.create(config);
	clients.set(key, client);
	return client;
}

/**
 * The pooled axios client for a URL, for libraries that take an axios instance (the `soap`
 * package's WSDL clients). It answers every status (validateStatus) and returns text bodies.
 */
export function pooledAxios(url: string, ignoreSslIssues = false): AxiosInstance {
	return clientFor(new URL(url), ignoreSslIssues);
}

/** Drop every pooled client and its sockets (tests, shutdown). */
export function resetHttpClients(): void {
	for (const client of clients.values()) {
		(client.defaults.httpAgent as http.Agent | undefined)?.destroy();
		(client.defaults.httpsAgent as https.Agent | undefined)?.destroy();
	}
	clients.clear();
}

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
	const axiosError = error instanceof AxiosError ? error : undefined;
	const code = axiosError?.code ?? (error as { code?: string })?.code;
	const causeCode = (axiosError?.cause as { code?: string } | undefined)?.code;
	const name = (error as Error)?.name;
	const message = describeUnknown(error);
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
	if (/maxContentLength size of -?\d+ exceeded/i.test(message)) {
		return fail(`${system} sent a response larger than ${maxBytes} bytes (${what})`, {
			kind: 'response',
			hint: 'The answer was refused to protect memory. Narrow the request (e.g. a smaller Limit).',
		});
	}
	const aborted = code === 'ERR_BAD_RESPONSE' && /aborted/i.test(message);
	const netCode = aborted ? 'ECONNRESET' : (causeCode ?? code);
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

/** A base URL and its pooled connection policy; send requests through it. */
export class HttpEndpoint {
	readonly baseUrl: string;

	constructor(readonly options: HttpEndpointOptions) {
		this.baseUrl = options.baseUrl.trim();
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
		const headers: Record<string, string> = { ...(request.headers ?? {}) };
		let data: string | undefined;
		if (request.body !== undefined) {
			if (typeof request.body === 'string') {
				data = request.body;
			} else {
				data = JSON.stringify(request.body);
				headers['Content-Type'] ??= 'application/json';
			}
		}
		const params: Record<string, string> = {};
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value !== undefined) params[key] = String(value);
		}
		const client = clientFor(target, this.options.ignoreSslIssues ?? false);
		const where = `${target.origin}${target.pathname}`;
		try {
			const response = await client.request<string>({
				method: request.method,
				url,
				headers,
				params,
				data,
				timeout: timeoutMs,
				signal: AbortSignal.timeout(timeoutMs),
				maxContentLength: maxBytes,
				maxBodyLength: Infinity,
			});
			return {
				status: response.status,
				headers: headerRecord(response.headers),
				body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
				url: where,
			};
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
