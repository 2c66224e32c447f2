import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

import { RemoteError } from '../nodes/shared/remoteError';
import { HttpEndpoint, resetHttpClients } from '../nodes/shared/transport/http';
import { startJtelSimulator, type JtelSimulator } from '../simulators/jtel';
import { tlsIdentity } from '../simulators/shared/httpServer';
import type { TvoxSimulator } from '../simulators/tvox';
import { ensureEngine } from './harness';
import { credentialsFor, forgetClients, jsonOf, runTvox, startSim } from './tvoxMcc/helpers';

/**
 * Proxies named by the environment, plain (`http://`) and over TLS (`https://`): a plain-HTTP
 * target is requested from the proxy with its absolute URL, an HTTPS target through a CONNECT
 * tunnel; with an `https://` proxy both go inside a TLS connection to the proxy. The WSDL
 * fetch of a SOAP node and its calls take the same way.
 */

const PROXY_VARIABLES = [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'ALL_PROXY',
	'NO_PROXY',
	'http_proxy',
	'https_proxy',
	'all_proxy',
	'no_proxy',
];

interface Seen {
	method?: string;
	url?: string;
	auth?: string;
	/** Whether the request reached the proxy over TLS. */
	tls: boolean;
}

interface ForwardProxy {
	url: string;
	seen: Seen[];
	close(): Promise<void>;
}

/** A forwarding proxy on loopback, plain or over TLS (the simulators' self-signed certificate). */
async function forwardProxy(secure: boolean, credentials?: string): Promise<ForwardProxy> {
	const seen: Seen[] = [];
	const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
		seen.push({
			method: req.method,
			url: req.url,
			auth: req.headers['proxy-authorization'],
			tls: secure,
		});
		const target = new URL(String(req.url));
		const headers = { ...req.headers };
		delete headers['proxy-authorization'];
		const upstream = http.request(
			{
				hostname: target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				method: req.method,
				headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	};
	const server = secure
		? https.createServer(await tlsIdentity(), forward)
		: http.createServer(forward);
	server.on('connect', (req: http.IncomingMessage, client: Socket) => {
		seen.push({
			method: req.method,
			url: req.url,
			auth: req.headers['proxy-authorization'],
			tls: secure,
		});
		if (
			credentials !== undefined &&
			req.headers['proxy-authorization'] !== `Basic ${Buffer.from(credentials).toString('base64')}`
		) {
			client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
			return;
		}
		const [host, port] = String(req.url).split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const sockets = new Set<Socket>();
	server.on(secure ? 'secureConnection' : 'connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `${secure ? 'https' : 'http'}://${credentials ? `${credentials.replace(' ', '%20').replace('@', '%40')}@` : ''}127.0.0.1:${port}`,
		seen,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
	const outcome = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(outcome).toBeInstanceOf(RemoteError);
	return outcome as RemoteError;
}

const endpoint = (baseUrl: string, ignoreSslIssues = false) =>
	new HttpEndpoint({ system: 'Test system', baseUrl, timeoutMs: 5000, ignoreSslIssues });

describe('proxies from the environment, plain and over TLS', () => {
	const saved = { ...process.env };
	let plainTarget: JtelSimulator;
	let tlsTarget: JtelSimulator;
	let tvox: TvoxSimulator;
	const proxies: ForwardProxy[] = [];

	const useProxy = async (
		variable: 'HTTP_PROXY' | 'HTTPS_PROXY',
		secure: boolean,
		credentials?: string,
	) => {
		const proxy = await forwardProxy(secure, credentials);
		proxies.push(proxy);
		process.env[variable] = proxy.url;
		return proxy;
	};

	beforeAll(async () => {
		// Before any proxy is named: the engine set-up keeps loopback off proxies named when it starts.
		ensureEngine();
		plainTarget = await startJtelSimulator();
		tlsTarget = await startJtelSimulator({ tls: true });
		tvox = await startSim();
	});
	afterAll(async () => {
		await plainTarget.close();
		await tlsTarget.close();
		await tvox.close();
	});
	beforeEach(() => {
		for (const name of PROXY_VARIABLES) delete process.env[name];
		resetHttpClients();
		forgetClients();
	});
	afterEach(async () => {
		for (const name of PROXY_VARIABLES) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
		while (proxies.length) await proxies.pop()!.close();
		resetHttpClients();
		forgetClients();
	});

	it.each([false, true])(
		'a plain-HTTP target goes to the proxy with its absolute URL (proxy over TLS: %s)',
		async (secure) => {
			const proxy = await useProxy('HTTP_PROXY', secure);
			const client = endpoint(plainTarget.url, true);
			for (let i = 0; i < 2; i++)
				expect((await client.send({ method: 'GET', url: '/__sim/state' })).status).toBe(200);
			expect(proxy.seen).toEqual([
				{ method: 'GET', url: `${plainTarget.url}/__sim/state`, auth: undefined, tls: secure },
				{ method: 'GET', url: `${plainTarget.url}/__sim/state`, auth: undefined, tls: secure },
			]);
		},
	);

	it.each([false, true])(
		'an HTTPS target goes through one reused CONNECT tunnel (proxy over TLS: %s)',
		async (secure) => {
			const proxy = await useProxy('HTTPS_PROXY', secure, 'proxy user:p@ss');
			const client = endpoint(tlsTarget.url, true);
			for (let i = 0; i < 3; i++)
				expect((await client.send({ method: 'GET', url: '/__sim/state' })).status).toBe(200);
			expect(proxy.seen).toEqual([
				{
					method: 'CONNECT',
					url: `127.0.0.1:${tlsTarget.port}`,
					auth: `Basic ${Buffer.from('proxy user:p@ss').toString('base64')}`,
					tls: secure,
				},
			]);
		},
	);

	it("an https:// proxy's self-signed certificate is refused unless the credential ignores SSL issues", async () => {
		const proxy = await useProxy('HTTP_PROXY', true);
		const error = await failure(
			endpoint(plainTarget.url, false).send({ method: 'GET', url: '/__sim/state' }),
		);
		expect(error.message).toMatch(
			/^Could not reach Test system at http:\/\/127\.0\.0\.1:\d+\/__sim\/state: /,
		);
		expect(error.info.hint).toMatch(/Ignore SSL Issues/);
		expect(proxy.seen).toEqual([]);
		// The next request, allowed to ignore the certificate, goes through.
		expect(
			(await endpoint(plainTarget.url, true).send({ method: 'GET', url: '/__sim/state' })).status,
		).toBe(200);
	});

	it.each([false, true])(
		'TVox over SOAP: the WSDL fetch and the calls take the same proxy (proxy over TLS: %s)',
		async (secure) => {
			const proxy = await useProxy('HTTP_PROXY', secure);
			const credentials = credentialsFor(tvox, 'soap', { ignoreSslIssues: true });
			const result = await runTvox(
				tvox,
				'soap',
				{
					resource: 'service',
					operation: 'getServiceState',
					channelId: 1,
					serviceCodes: 'SUPPORT',
				},
				{ credentials },
			);
			expect(jsonOf(result)).toHaveLength(1);
			const paths = proxy.seen.map(
				(s) => `${s.method} ${new URL(String(s.url)).pathname}${new URL(String(s.url)).search}`,
			);
			expect(paths).toEqual(['GET /mc/cxf/soap?wsdl', 'POST /mc/cxf/soap']);
			expect(proxy.seen.every((s) => s.tls === secure)).toBe(true);
		},
	);
});
