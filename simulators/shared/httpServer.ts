import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { controlAnswer } from './controlApi';
import {
	CONTROL_PREFIX,
	DEFAULT_MAX_BODY_BYTES,
	DEFAULT_MAX_RECORDED,
	type RecordedRequest,
	type RouteInfo,
	type SimRequest,
	type SimServer,
	type SimServerOptions,
	type SimulatorDefinition,
} from './definition';
import { answerWithFault } from './faultAnswers';
import { FaultInjector } from './faults';
import {
	defaultRefusal,
	INVALID_UTF8_REASON,
	queryRecord,
	readBody,
	splitUrl,
	unreadableBody,
} from './requests';
import { describeError, jsonResponse, send, textResponse } from './responses';
import { tlsIdentity, type TlsIdentity } from './tls';

/**
 * The reusable base of every simulator in the pack: an HTTP server on loopback that reads request
 * bodies with a size limit, records what it receives, applies injected faults, serves the control
 * API under `/__sim/` and closes without leaving anything behind.
 *
 * The parts, each in a file of its own: definition.ts (what a simulator supplies, what the server
 * gives back), requests.ts (reading a request within its limits), responses.ts (building and
 * writing answers), faultAnswers.ts (answering an injected fault), controlApi.ts (the `/__sim/`
 * routes) and tls.ts (the self-signed certificate). This file is the server itself.
 */

export * from './definition';
export { ENTITY_BOMB_XML, htmlErrorPage, planHuge } from './faultAnswers';
export { INVALID_UTF8_REASON, isJsonObject, parseJsonBody, type JsonParse } from './requests';
export { emptyResponse, jsonResponse, textResponse } from './responses';
export { tlsIdentity, type TlsIdentity } from './tls';

function hostForUrl(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

class SimHttpServer implements SimServer {
	readonly faults = new FaultInjector();

	readonly requests: RecordedRequest[] = [];

	url = '';

	port = 0;

	private accepted = 0;

	private readonly sockets = new Set<Socket>();

	private readonly timers = new Set<NodeJS.Timeout>();

	private closing?: Promise<void>;

	readonly server: http.Server | https.Server;

	readonly certificate?: string;

	private readonly maxBodyBytes: number;

	private readonly maxRecorded: number;

	constructor(
		private readonly definition: SimulatorDefinition,
		readonly host: string,
		options: SimServerOptions,
		tls?: TlsIdentity,
	) {
		this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
		this.maxRecorded = options.maxRecorded ?? DEFAULT_MAX_RECORDED;
		const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
			void this.onRequest(req, res);
		};
		if (tls) {
			this.certificate = tls.cert;
			this.server = https.createServer(
				{ keepAlive: true, key: tls.key, cert: tls.cert },
				onRequest,
			);
			// A failed handshake (e.g. a client that rejects the self-signed certificate) only ends that socket.
			this.server.on('tlsClientError', (_error, socket) => socket.destroy());
		} else {
			this.server = http.createServer({ keepAlive: true }, onRequest);
		}
		this.server.keepAliveTimeout = 5000;
		// Raw TCP connections: for HTTPS too, so `connections` counts handshakes as well.
		this.server.on('connection', (socket: Socket) => this.onConnection(socket));
		this.server.on('clientError', (_error, socket: Socket) => {
			if (socket.writable && !socket.destroyed) {
				socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			} else {
				socket.destroy();
			}
		});
	}

	get name(): string {
		return this.definition.name;
	}

	get connections(): number {
		return this.accepted;
	}

	listen(port: number): Promise<void> {
		return new Promise((resolve, reject) => {
			const onError = (error: Error) => reject(error);
			this.server.once('error', onError);
			this.server.listen(port, this.host, () => {
				this.server.off('error', onError);
				this.server.on('error', () => undefined);
				const address = this.server.address() as AddressInfo;
				this.port = address.port;
				const scheme = this.certificate === undefined ? 'http' : 'https';
				this.url = `${scheme}://${hostForUrl(this.host)}:${address.port}`;
				resolve();
			});
		});
	}

	reset(): void {
		this.definition.reset?.();
		this.faults.clear();
		this.requests.splice(0, this.requests.length);
	}

	close(): Promise<void> {
		if (!this.closing) {
			this.closing = new Promise((resolve) => {
				for (const timer of this.timers) clearTimeout(timer);
				this.timers.clear();
				this.server.close(() => resolve());
				this.server.closeAllConnections();
				for (const socket of this.sockets) socket.destroy();
			});
		}
		return this.closing;
	}

	private onConnection(socket: Socket): void {
		this.accepted += 1;
		this.sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => this.sockets.delete(socket));
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		res.on('error', () => undefined);
		try {
			const { body, tooLarge } = await readBody(req, this.maxBodyBytes);
			const { path, query } = splitUrl(req.url);
			if (tooLarge) {
				send(res, textResponse(413, `Request body larger than ${this.maxBodyBytes} bytes`));
				return;
			}
			const request: SimRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path,
				query,
				headers: req.headers,
				body: body.toString('utf8'),
			};
			const unreadable = unreadableBody(request.method, body);
			if (path.startsWith(CONTROL_PREFIX)) {
				send(
					res,
					unreadable
						? jsonResponse(400, { Message: INVALID_UTF8_REASON })
						: controlAnswer(request, this, this.definition),
				);
				return;
			}
			if (unreadable) {
				const info = this.definition.describe?.(request) ?? { format: 'text' };
				this.record(request, info);
				send(
					res,
					this.definition.refuseBody?.(request, info, INVALID_UTF8_REASON) ??
						defaultRefusal(info, INVALID_UTF8_REASON),
				);
				return;
			}
			await this.answer(request, req, res);
		} catch (error) {
			// A request whose body was read whole is destroyed already: only the answer's state counts.
			if (res.destroyed || res.headersSent) return;
			send(res, jsonResponse(500, { Message: `Simulator error: ${describeError(error)}` }));
		}
	}

	private async answer(
		request: SimRequest,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): Promise<void> {
		const info = this.definition.describe?.(request) ?? { format: 'text' };
		this.record(request, info);
		const fault = this.faults.take({ operation: info.operation, path: request.path });
		if (!fault) {
			send(res, await this.definition.handle(request));
			return;
		}
		await answerWithFault(fault, {
			definition: this.definition,
			request,
			info,
			req,
			res,
			timers: this.timers,
		});
	}

	private record(request: SimRequest, info: RouteInfo): void {
		const entry: RecordedRequest = {
			method: request.method,
			path: request.path,
			query: queryRecord(request.query),
			headers: { ...request.headers },
			body: request.body,
			time: Date.now(),
		};
		if (info.operation !== undefined) entry.operation = info.operation;
		this.requests.push(entry);
		if (this.requests.length > this.maxRecorded)
			this.requests.splice(0, this.requests.length - this.maxRecorded);
	}
}

/** Start a simulator's HTTP server (HTTPS with `tls: true`). Port 0 (the default) picks a free port. */
export async function startSimServer(
	definition: SimulatorDefinition,
	options: SimServerOptions = {},
): Promise<SimServer> {
	const tls = options.tls === true ? await tlsIdentity() : undefined;
	const server = new SimHttpServer(definition, options.host ?? '127.0.0.1', options, tls);
	await server.listen(options.port ?? 0);
	return server;
}
