import axios, {
	type AxiosInstance,
	type AxiosResponse,
	type InternalAxiosRequestConfig,
} from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';

import {
	DEFAULT_HEADERS,
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_TIMEOUT_MS,
	exchange,
} from './exchange';
import type { HttpMethod } from './http';
import { proxyFor, proxyTlsOptions, TunnelingAgent, type ProxyTarget } from './proxy';

/**
 * The pooled keep-alive connections: one agent per endpoint (origin + TLS policy + proxy), so a
 * run of many items reuses a few connections instead of opening one per item.
 */

const MAX_SOCKETS_PER_ENDPOINT = 32;
/** Below the 5 s keep-alive timeout of Node, Apache and others, so a connection is not reused as the server closes it. */
const IDLE_SOCKET_TIMEOUT_MS = 4_000;

/** The pooled connections of one endpoint: an agent and, for plain HTTP, the proxy it goes through. */
export interface Pool {
	agent: http.Agent;
	/** Whether the first hop (the server, or the proxy of a plain-HTTP target) speaks TLS. */
	secure: boolean;
	/** Proxy of a plain-HTTP target: requests go to it with absolute URLs. (HTTPS targets tunnel in the agent.) */
	proxy?: ProxyTarget;
	/** The same pool as an axios client, for libraries that take one. */
	axios?: AxiosInstance;
}

const pools = new Map<string, Pool>();

export function poolFor(target: URL, ignoreSslIssues: boolean): Pool {
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
		pool = {
			agent: new https.Agent({ ...agentOptions, ...proxyTlsOptions(proxy, !ignoreSslIssues) }),
			secure: true,
			proxy,
		};
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
					config.maxContentLength && config.maxContentLength > 0
						? config.maxContentLength
						: DEFAULT_MAX_RESPONSE_BYTES,
			});
			return {
				data: answer.body,
				status: answer.status,
				statusText: '',
				headers: answer.headers,
				config,
				request: {},
			};
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

/** The current pool generation: an endpoint's remembered pool is stale once it changes. */
export function currentPoolGeneration(): number {
	return poolGeneration;
}
