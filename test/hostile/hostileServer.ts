import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP server whose answer to each request the test decides: a document of any
 * content, an endless body, no answer at all, a connection reset before the headers or in the
 * middle of the body. It records what it received and, for endless bodies, how much it wrote
 * before the client went away.
 */

export interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	/** The request body (read whole before the answer starts). */
	body: Buffer;
}

export type Answer = (exchange: Exchange) => void | Promise<void>;

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** An endless body: how many bytes were written, and when the client stopped reading it. */
export interface StreamRecord {
	written: number;
	/** Resolves once the connection closed (the client gave up). */
	stopped: Promise<void>;
	closed: boolean;
}

export interface HostileServer {
	readonly url: string;
	readonly port: number;
	/** Every request received, oldest first. */
	readonly requests: ReceivedRequest[];
	/** Every endless body started, oldest first. */
	readonly streams: StreamRecord[];
	/** How requests are answered from now on. */
	answer(handler: Answer): void;
	close(): Promise<void>;
}

/** Start a hostile server on 127.0.0.1 and a free port; `initial` answers until `answer()` is called. */
export async function startHostileServer(initial: Answer): Promise<HostileServer> {
	let handler = initial;
	const requests: ReceivedRequest[] = [];
	const streams: StreamRecord[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();

	const server = http.createServer({ keepAlive: true }, (req, res) => {
		res.on('error', () => undefined);
		req.on('error', () => undefined);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: body.toString('utf8'),
			});
			const exchange = Object.assign({ req, res, body }, { timers, streams });
			Promise.resolve(handler(exchange)).catch(() => req.socket.destroy());
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_error, socket: Socket) => socket.destroy());

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		streams,
		answer(next: Answer) {
			handler = next;
		},
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
			});
		},
	};
}

type Internal = Exchange & { timers: Set<NodeJS.Timeout>; streams: StreamRecord[] };

// ---------------------------------------------------------------------------------------------
// Answers

/** A whole document with a Content-Length. */
export function document(
	status: number,
	contentType: string | undefined,
	body: string | Buffer,
	headers: Record<string, string> = {},
): Answer {
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	return ({ res }) => {
		const head: Record<string, string | number> = { ...headers, 'Content-Length': payload.length };
		if (contentType !== undefined) head['Content-Type'] = contentType;
		res.writeHead(status, head);
		res.end(payload);
	};
}

/** The status line and headers, then half of the body, then a TCP reset (the full length was announced). */
export function resetMidBody(status: number, contentType: string, body: string | Buffer): Answer {
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	return ({ req, res }) => {
		res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': payload.length });
		res.write(payload.subarray(0, Math.floor(payload.length / 2)), () =>
			req.socket.resetAndDestroy(),
		);
	};
}

/** A TCP reset as soon as the request has arrived: no status line at all. */
export function resetBeforeHeaders(): Answer {
	return ({ req }) => {
		req.socket.resetAndDestroy();
	};
}

/** The answer only after `ms` (far longer than the client waits); dropped when the client leaves. */
export function slow(ms: number, then: Answer): Answer {
	return (exchange) => {
		const { res, timers } = exchange as Internal;
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (!res.destroyed) void then(exchange);
		}, ms);
		timer.unref();
		timers.add(timer);
		res.on('close', () => {
			clearTimeout(timer);
			timers.delete(timer);
		});
	};
}

/**
 * A 200 with a chunked body that never ends: `head` once, then `chunk` again and again, each
 * write waiting for the socket to drain, until the client closes the connection.
 */
export function endless(contentType: string, head: string, chunk: string): Answer {
	const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor(65536 / chunk.length))), 'utf8');
	return async (exchange) => {
		const { res, streams } = exchange as Internal;
		let markStopped: () => void = () => undefined;
		const record: StreamRecord = {
			written: 0,
			closed: false,
			stopped: new Promise<void>((resolve) => {
				markStopped = resolve;
			}),
		};
		streams.push(record);
		res.on('close', () => {
			record.closed = true;
			markStopped();
		});
		res.writeHead(200, { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' });
		let next: Buffer = Buffer.from(head, 'utf8');
		while (!res.destroyed && !res.writableEnded) {
			const ok = res.write(next);
			record.written += next.length;
			next = block;
			if (!ok) {
				await new Promise<void>((resolve) => {
					const done = () => {
						res.off('drain', done);
						res.off('close', done);
						resolve();
					};
					res.on('drain', done);
					res.on('close', done);
				});
			}
		}
	};
}

/** `when` requests get `hostile`, every other request `otherwise` (e.g. the WSDL of a SOAP service). */
export function only(
	when: (req: http.IncomingMessage) => boolean,
	hostile: Answer,
	otherwise: Answer,
): Answer {
	return (exchange) => (when(exchange.req) ? hostile(exchange) : otherwise(exchange));
}
