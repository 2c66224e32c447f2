import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

/**
 * The proxy the environment names for a target (HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY,
 * as n8n reads them), and the agent that tunnels HTTPS through it with CONNECT.
 */

export interface ProxyTarget {
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
export function proxyTlsOptions(
	proxy: ProxyTarget,
	rejectUnauthorized: boolean,
): tls.ConnectionOptions {
	return { servername: isIP(proxy.host) ? undefined : proxy.host, rejectUnauthorized };
}

/**
 * An HTTPS agent that reaches its targets through a CONNECT tunnel, with keep-alive. The tunnel
 * is asked for over TLS when the proxy is an `https://` one, so the server's TLS runs inside it.
 */
export class TunnelingAgent extends https.Agent {
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
			? https.request({
					...tunnel,
					...proxyTlsOptions(this.proxy, options.rejectUnauthorized !== false),
				})
			: http.request(tunnel);
		connect.once('connect', (res, socket) => {
			if (res.statusCode !== 200) {
				socket.destroy();
				callback?.(
					new Error(`Proxy refused the tunnel with HTTP status ${res.statusCode}`),
					socket,
				);
				return;
			}
			const secure = tls.connect({
				...options,
				socket,
				servername: options.servername ?? options.host,
			});
			callback?.(null, secure);
		});
		connect.once('error', (err) => callback?.(err, connect.socket as Socket));
		connect.end();
		return undefined;
	}
}
