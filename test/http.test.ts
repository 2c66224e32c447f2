import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { HttpEndpoint, resetHttpClients } from '../nodes/shared/transport/http';
import { RemoteError } from '../nodes/shared/remoteError';
import { startJtelSimulator, type JtelSimulator } from '../simulators/jtel';

/**
 * The shared HTTP transport on its own: decompression and its size cap, deadlines, resets,
 * query strings, connection reuse, and the proxies the environment names (plain HTTP proxy
 * and CONNECT tunnel for HTTPS).
 */

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Loopback {
	url: string;
	sockets: number;
	requests: Array<{
		method?: string;
		url?: string;
		headers: http.IncomingHttpHeaders;
		body: string;
	}>;
	close(): Promise<void>;
}

async function serve(handler: Handler): Promise<Loopback> {
	const state: Loopback = { url: '', sockets: 0, requests: [], close: async () => undefined };
	const open = new Set<Socket>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			state.requests.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			handler(req, res);
		});
	});
	server.on('connection', (socket) => {
		state.sockets++;
		open.add(socket);
		socket.on('close', () => open.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	state.close = () =>
		new Promise<void>((resolve) => {
			for (const socket of open) socket.destroy();
			server.close(() => resolve());
		});
	return state;
}

const endpoint = (
	baseUrl: string,
	extra: Partial<ConstructorParameters<typeof HttpEndpoint>[0]> = {},
) => new HttpEndpoint({ system: 'Test system', baseUrl, timeoutMs: 5000, ...extra });

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
	const outcome = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(outcome).toBeInstanceOf(RemoteError);
	return outcome as RemoteError;
}

const TEXT = 'Grüße <&"\'> '.repeat(2000);

afterEach(() => resetHttpClients());

describe('compressed answers', () => {
	let server: Loopback;
	beforeAll(async () => {
		server = await serve((req, res) => {
			const encoding = String(req.url).slice(1);
			const body = Buffer.from(TEXT, 'utf8');
			const encoded: Record<string, () => Buffer> = {
				gzip: () => gzipSync(body),
				deflate: () => deflateSync(body),
				br: () => brotliCompressSync(body),
				bomb: () => gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x41)),
				broken: () => Buffer.concat([gzipSync(body).subarray(0, 20), Buffer.alloc(200, 7)]),
			};
			const name = encoding === 'bomb' || encoding === 'broken' ? 'gzip' : encoding;
			res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': name });
			res.end(encoded[encoding]());
		});
	});
	afterAll(() => server.close());

	it.each(['gzip', 'deflate', 'br'])('%s bodies are decompressed', async (encoding) => {
		const response = await endpoint(server.url).send({ method: 'GET', url: `/${encoding}` });
		expect(response.status).toBe(200);
		expect(response.body).toBe(TEXT);
		expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
	});

	it('a compression bomb is stopped at the size cap, counted after decompression', async () => {
		const error = await failure(
			endpoint(server.url, { maxResponseBytes: 1024 * 1024 }).send({ method: 'GET', url: '/bomb' }),
		);
		expect(error.message).toBe(
			'Test system sent a response larger than 1048576 bytes (GET ' + server.url + '/bomb)',
		);
		expect(error.info.kind).toBe('response');
	});

	it('bytes that do not decompress are named as such', async () => {
		const error = await failure(endpoint(server.url).send({ method: 'GET', url: '/broken' }));
		expect(error.message).toBe(
			`Test system sent a gzip-compressed response that could not be decompressed (GET ${server.url}/broken)`,
		);
	});
});

describe('requests and answers', () => {
	let server: Loopback;
	beforeAll(async () => {
		server = await serve((req, res) => {
			if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2000).unref();
			if (req.url?.startsWith('/cut')) {
				res.writeHead(200, { 'content-length': '1000' });
				res.write('only part of it');
				return void setTimeout(() => res.socket?.destroy(), 20);
			}
			if (req.url?.startsWith('/drop')) return void req.socket.destroy();
			if (req.url?.startsWith('/endless')) {
				res.writeHead(200, { 'content-type': 'text/plain' });
				const chunk = Buffer.alloc(64 * 1024, 0x61);
				const pump = () => {
					while (res.write(chunk)) {
						/* keep the buffer full */
					}
				};
				res.on('drain', pump);
				res.on('close', () => res.off('drain', pump));
				return pump();
			}
			res.writeHead(201, {
				'content-type': 'application/json',
				'x-echo': 'yes',
				'set-cookie': ['a=1', 'b=2'],
			});
			res.end(JSON.stringify({ url: req.url }));
		});
	});
	afterAll(() => server.close());

	it('sends method, headers, JSON body and query, appending to a query already in the URL', async () => {
		const response = await endpoint(`${server.url}/base/`).send({
			method: 'POST',
			url: 'items?fixed=1',
			headers: { 'X-Custom': 'v' },
			query: { q: 'a b&c=d/é+', empty: '', skipped: undefined, n: 5, flag: true },
			body: { text: TEXT },
		});
		expect(response.status).toBe(201);
		expect(response.url).toBe(`${server.url}/base/items`);
		expect(response.headers['x-echo']).toBe('yes');
		expect(response.headers['set-cookie']).toBe('a=1, b=2');
		const seen = server.requests.at(-1)!;
		expect(seen.method).toBe('POST');
		const url = new URL(seen.url!, server.url);
		expect(url.pathname).toBe('/base/items');
		expect([...url.searchParams.entries()]).toEqual([
			['fixed', '1'],
			['q', 'a b&c=d/é+'],
			['empty', ''],
			['n', '5'],
			['flag', 'true'],
		]);
		expect(seen.headers['x-custom']).toBe('v');
		expect(seen.headers['content-type']).toBe('application/json');
		expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(seen.body)));
		expect(JSON.parse(seen.body)).toEqual({ text: TEXT });
	});

	it('text bodies go as they are, with the caller’s content type', async () => {
		await endpoint(server.url).send({
			method: 'PUT',
			url: '/xml',
			headers: { 'Content-Type': 'text/xml; charset=utf-8' },
			body: '<a>é</a>',
		});
		const seen = server.requests.at(-1)!;
		expect([seen.method, seen.headers['content-type'], seen.body]).toEqual([
			'PUT',
			'text/xml; charset=utf-8',
			'<a>é</a>',
		]);
	});

	it('sequential requests share one kept-alive connection', async () => {
		const before = server.sockets;
		const client = endpoint(server.url);
		for (let i = 0; i < 25; i++) await client.send({ method: 'GET', url: `/n${i}` });
		expect(server.sockets - before).toBe(1);
	});

	it('an answer slower than the timeout fails with the deadline in the message', async () => {
		const error = await failure(
			endpoint(server.url, { timeoutMs: 150 }).send({ method: 'GET', url: '/slow' }),
		);
		expect(error.message).toBe(`Test system did not answer within 150 ms (GET ${server.url}/slow)`);
		expect(error.info).toMatchObject({ kind: 'timeout', transient: true });
	});

	it('a body cut off mid-way is a reset, not a short answer', async () => {
		const error = await failure(endpoint(server.url).send({ method: 'GET', url: '/cut' }));
		expect(error.message).toBe(
			`Could not reach Test system at ${server.url}/cut: the connection was closed unexpectedly`,
		);
		expect(error.info).toMatchObject({ kind: 'network', code: 'ECONNRESET', transient: true });
	});

	it('a connection dropped before the answer is a reset', async () => {
		const error = await failure(endpoint(server.url).send({ method: 'GET', url: '/drop' }));
		expect(error.info).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
	});

	it('a GET whose kept-alive connection the server closes as it is reused is sent once more on a fresh one; a POST is not', async () => {
		const seen = new Map<Socket, number>();
		const closing = await serve((req, res) => {
			const count = (seen.get(req.socket) ?? 0) + 1;
			seen.set(req.socket, count);
			// The second request on a connection finds it closed, as after the server's keep-alive timeout.
			if (count === 2) return void req.socket.destroy();
			res.end(`answer ${req.url}`);
		});
		try {
			const client = endpoint(closing.url);
			expect((await client.send({ method: 'GET', url: '/one' })).body).toBe('answer /one');
			expect((await client.send({ method: 'GET', url: '/two' })).body).toBe('answer /two');
			expect(closing.sockets).toBe(2);
			expect(closing.requests.map((r) => r.url)).toEqual(['/one', '/two', '/two']);
			const error = await failure(client.send({ method: 'POST', url: '/three', body: 'x' }));
			expect(error.info).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
			expect(closing.requests.map((r) => r.url)).toEqual(['/one', '/two', '/two', '/three']);
		} finally {
			await closing.close();
		}
	});

	it('an endless answer is cut at the size cap', async () => {
		const error = await failure(
			endpoint(server.url, { maxResponseBytes: 2 * 1024 * 1024 }).send({
				method: 'GET',
				url: '/endless',
			}),
		);
		expect(error.message).toBe(
			`Test system sent a response larger than 2097152 bytes (GET ${server.url}/endless)`,
		);
	});

	it('a refused connection names the place and the reason', async () => {
		const closed = await serve(() => undefined);
		await closed.close();
		const error = await failure(endpoint(closed.url).send({ method: 'GET', url: '/x' }));
		expect(error.message).toBe(
			`Could not reach Test system at ${closed.url}/x: the connection was refused`,
		);
		expect(error.info).toMatchObject({ code: 'ECONNREFUSED' });
	});

	it('secrets are removed from transport messages', async () => {
		const secret = 'sEcReT-in-path';
		const error = await failure(
			endpoint(server.url, { timeoutMs: 100, secrets: [secret] }).send({
				method: 'GET',
				url: `/slow/${secret}`,
			}),
		);
		expect(error.message).not.toContain(secret);
		expect(error.message).toContain('/slow/');
	});

	it('header values that cannot be sent are a clear error', async () => {
		const error = await failure(
			endpoint(server.url).send({ method: 'GET', url: '/x', headers: { 'X-Bad': 'line\nbreak' } }),
		);
		expect(error.message).toBe(
			`Could not reach Test system at ${server.url}/x: the request failed`,
		);
	});
});

describe('proxies from the environment', () => {
	const saved = { ...process.env };
	afterEach(() => {
		for (const name of [
			'HTTP_PROXY',
			'HTTPS_PROXY',
			'ALL_PROXY',
			'NO_PROXY',
			'http_proxy',
			'https_proxy',
			'all_proxy',
			'no_proxy',
		]) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	});

	/** A forwarding proxy: absolute-URL requests for plain HTTP, CONNECT tunnels for HTTPS. */
	async function proxy() {
		const seen: Array<{ method?: string; url?: string; auth?: string }> = [];
		const server = http.createServer((req, res) => {
			seen.push({ method: req.method, url: req.url, auth: req.headers['proxy-authorization'] });
			const target = new URL(req.url!);
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
			req.pipe(upstream);
		});
		server.on('connect', (req: http.IncomingMessage, client: Socket) => {
			seen.push({ method: req.method, url: req.url, auth: req.headers['proxy-authorization'] });
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
		server.on('connection', (s) => {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		return {
			port,
			seen,
			close: () =>
				new Promise<void>((resolve) => {
					for (const s of sockets) s.destroy();
					server.close(() => resolve());
				}),
		};
	}

	let target: Loopback;
	let tlsSim: JtelSimulator;
	beforeAll(async () => {
		target = await serve((req, res) => res.end(`served ${req.url}`));
		tlsSim = await startJtelSimulator({ tls: true });
	});
	afterAll(async () => {
		await target.close();
		await tlsSim.close();
	});

	it('plain HTTP goes to HTTP_PROXY with the absolute URL and the proxy credentials', async () => {
		const p = await proxy();
		try {
			process.env.HTTP_PROXY = `http://proxy%20user:p%40ss@127.0.0.1:${p.port}`;
			delete process.env.NO_PROXY;
			delete process.env.no_proxy;
			const response = await endpoint(target.url).send({ method: 'GET', url: '/via?x=1' });
			expect(response.body).toBe('served /via?x=1');
			expect(p.seen).toEqual([
				{
					method: 'GET',
					url: `${target.url}/via?x=1`,
					auth: `Basic ${Buffer.from('proxy user:p@ss').toString('base64')}`,
				},
			]);
		} finally {
			await p.close();
		}
	});

	it('HTTPS goes through a CONNECT tunnel to the server, and the tunnel is reused', async () => {
		const p = await proxy();
		try {
			process.env.HTTPS_PROXY = `127.0.0.1:${p.port}`;
			delete process.env.NO_PROXY;
			delete process.env.no_proxy;
			const client = endpoint(tlsSim.url, { ignoreSslIssues: true });
			for (let i = 0; i < 3; i++) {
				const response = await client.send({ method: 'GET', url: '/__sim/state' });
				expect(response.status).toBe(200);
				expect(() => JSON.parse(response.body) as unknown).not.toThrow();
			}
			expect(p.seen).toEqual([
				{ method: 'CONNECT', url: `127.0.0.1:${tlsSim.port}`, auth: undefined },
			]);
		} finally {
			await p.close();
		}
	});

	it('NO_PROXY entries go direct', async () => {
		const p = await proxy();
		try {
			process.env.HTTP_PROXY = `http://127.0.0.1:${p.port}`;
			process.env.NO_PROXY = 'example.org, 127.0.0.1';
			const response = await endpoint(target.url).send({ method: 'GET', url: '/direct' });
			expect(response.body).toBe('served /direct');
			expect(p.seen).toEqual([]);
		} finally {
			await p.close();
		}
	});

	it('HTTPS with a self-signed certificate is refused unless SSL issues are ignored', async () => {
		const error = await failure(endpoint(tlsSim.url).send({ method: 'GET', url: '/__sim/state' }));
		expect(error.info.kind).toBe('network');
		expect(error.message).toMatch(
			/^Could not reach Test system at https:\/\/127\.0\.0\.1:\d+\/__sim\/state: /,
		);
		expect(error.info.hint).toMatch(/Ignore SSL Issues/);
	});
});

describe('character sets', () => {
	let server: Loopback;
	const answers: Record<string, { type?: string; body: Buffer }> = {
		'/utf8': { type: 'text/plain; charset=utf-8', body: Buffer.from('\uFEFFGrüße', 'utf8') },
		'/latin1': { type: 'text/plain; charset=ISO-8859-1', body: Buffer.from('Grüße', 'latin1') },
		'/xml-latin1': {
			type: 'text/xml',
			body: Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Grüße</a>', 'latin1'),
		},
		'/broken': {
			type: 'application/json',
			body: Buffer.concat([
				Buffer.from('{"a":"'),
				Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]),
				Buffer.from('"}'),
			]),
		},
		'/broken-page': { type: 'text/html', body: Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe]) },
		'/unknown': { type: 'text/plain; charset=x-unheard-of', body: Buffer.from('abc') },
	};
	beforeAll(async () => {
		server = await serve((req, res) => {
			const answer = answers[String(req.url)];
			res.writeHead(
				req.url === '/broken-page' ? 502 : 200,
				answer.type ? { 'content-type': answer.type } : {},
			);
			res.end(answer.body);
		});
	});
	afterAll(() => server.close());

	it.each([
		['/utf8', 'Grüße'],
		['/latin1', 'Grüße'],
		['/xml-latin1', '<?xml version="1.0" encoding="ISO-8859-1"?><a>Grüße</a>'],
	])('%s is read in its character set', async (url, text) => {
		expect((await endpoint(server.url).send({ method: 'GET', url })).body).toBe(text);
	});

	it('bytes that are not UTF-8 are an error, not replacement characters', async () => {
		const error = await failure(endpoint(server.url).send({ method: 'GET', url: '/broken' }));
		expect(error.message).toBe(
			`Test system sent an answer (HTTP 200) that is not valid UTF-8 text (GET ${server.url}/broken)`,
		);
		expect(error.info.kind).toBe('response');
		const page = await failure(endpoint(server.url).send({ method: 'GET', url: '/broken-page' }));
		expect(page.message).toMatch(
			/^Test system sent an answer \(HTTP 502\) that is not valid UTF-8 text/,
		);
	});

	it('a character set this runtime does not know is named', async () => {
		const error = await failure(endpoint(server.url).send({ method: 'GET', url: '/unknown' }));
		expect(error.message).toBe(
			`Test system sent an answer in the character set "x-unheard-of", which cannot be read here (GET ${server.url}/unknown)`,
		);
	});
});
