import { isUtf8 } from 'node:buffer';
import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { FaultError, FaultInjector, parseFaultRequest, type FailFault, type Fault } from './faults';

/**
 * The reusable base of every simulator in the pack: an HTTP server on loopback that reads request
 * bodies with a size limit, records what it receives, applies injected faults, serves the control
 * API under `/__sim/` and closes without leaving anything behind.
 */

export const CONTROL_PREFIX = '/__sim/';
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_RECORDED = 1000;
export const SECRET_MASK = '***';

export interface RecordedRequest {
	method: string;
	/** Raw path (still URL-encoded), without the query string. */
	path: string;
	query: Record<string, string | string[]>;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** Epoch milliseconds when the request was received. */
	time: number;
	/** The operation the simulator recognised, when it did. */
	operation?: string;
}

export interface SimRequest {
	method: string;
	/** Raw path (still URL-encoded), without the query string. */
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

export type BodyFormat = 'xml' | 'json' | 'text';

/** What the simulator recognises in a request before answering it (used for fault matching). */
export interface RouteInfo {
	operation?: string;
	format: BodyFormat;
}

/** A valid-looking document of any size: head, items joined by a separator, tail. ASCII only. */
export interface HugeTemplate {
	contentType: string;
	head: string;
	item: string;
	separator: string;
	tail: string;
}

export interface SimulatorDefinition {
	name: string;
	handle(request: SimRequest): SimResponse | Promise<SimResponse>;
	describe?(request: SimRequest): RouteInfo;
	/** Answer for a `{ kind: 'fail' }` fault in the simulated system's own error format. */
	failResponse?(fault: FailFault, request: SimRequest, info: RouteInfo): SimResponse;
	/**
	 * Answer for a request body that cannot be read at all (not UTF-8), in the system's own error
	 * format; default: 400 with the reason (JSON for JSON routes).
	 */
	refuseBody?(request: SimRequest, info: RouteInfo, reason: string): SimResponse;
	/** Body of a `huge` fault; undefined = a generic document of the route's format. */
	hugeTemplate?(request: SimRequest, info: RouteInfo): HugeTemplate | undefined;
	/** Back to the seed state. */
	reset?(): void;
	/** JSON-friendly dump of the state with secrets masked. */
	dumpState?(): unknown;
}

export interface SimServerOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0: a free port. */
	port?: number;
	/** Request bodies above this many bytes get 413. */
	maxBodyBytes?: number;
	/** Only the latest this many requests are kept in `requests`. */
	maxRecorded?: number;
	/**
	 * Serve HTTPS with a self-signed certificate generated at start (RSA 2048, for localhost).
	 * Clients have to skip certificate validation or trust `certificate`. Default false: plain HTTP.
	 */
	tls?: boolean;
}

export interface SimServer {
	readonly name: string;
	readonly url: string;
	readonly host: string;
	readonly port: number;
	/** PEM of the self-signed certificate when serving HTTPS (`tls: true`), else undefined. */
	readonly certificate?: string;
	/** TCP connections accepted so far. */
	readonly connections: number;
	/** Requests received (control API requests left out), oldest first. */
	readonly requests: RecordedRequest[];
	readonly faults: FaultInjector;
	/** Seed state again; clears queued faults and the recorded requests. */
	reset(): void;
	/** Stop listening, drop every connection (idle keep-alive ones too) and pending delayed answers. */
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Response helpers

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
	return {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
		body: JSON.stringify(value),
	};
}

export function textResponse(
	status: number,
	body: string,
	contentType = 'text/plain; charset=utf-8',
	headers: Record<string, string> = {},
): SimResponse {
	return { status, headers: { 'Content-Type': contentType, ...headers }, body };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
	return { status, headers };
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Parse a JSON body without throwing. An empty body is `{ ok: true, value: undefined }`. */
export function parseJsonBody(body: string): JsonParse {
	if (body.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(body) as unknown };
	} catch (error) {
		return { ok: false, error: error instanceof Error ? error.message : String(error) };
	}
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Fault bodies

export const ENTITY_BOMB_XML = [
	'<?xml version="1.0"?>',
	'<!DOCTYPE lolz [',
	' <!ENTITY lol "lol">',
	' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
	' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
	' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
	' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">',
	' <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">',
	' <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">',
	' <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">',
	' <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">',
	' <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">',
	']>',
	'<Response Result="Success"><InvokeID>&lol9;</InvokeID></Response>',
	'',
].join('\n');

const STATUS_TEXT = (status: number): string => http.STATUS_CODES[status] ?? 'Error';

export function htmlErrorPage(status: number): string {
	const title = `${status} ${STATUS_TEXT(status)}`;
	return [
		'<!DOCTYPE html>',
		`<html><head><title>${title}</title></head>`,
		`<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
		'',
	].join('\n');
}

const DEFAULT_HUGE_TEMPLATES: Record<BodyFormat, HugeTemplate> = {
	xml: {
		contentType: 'text/xml; charset=utf-8',
		head: '<Response Result="Success"><Items>\n',
		item: '<Item>simulated padding entry simulated padding entry</Item>',
		separator: '\n',
		tail: '\n</Items></Response>\n',
	},
	json: {
		contentType: 'application/json; charset=utf-8',
		head: '{"Items":[',
		item: '{"Description":"simulated padding entry simulated padding entry"}',
		separator: ',',
		tail: ']}',
	},
	text: {
		contentType: 'text/plain; charset=utf-8',
		head: '',
		item: 'simulated padding line simulated padding line',
		separator: '\n',
		tail: '\n',
	},
};

interface HugePlan {
	total: number;
	count: number;
	padding: number;
}

/** How many items fit in `bytes` and how much whitespace pads the rest (exact length when it fits). */
export function planHuge(template: HugeTemplate, bytes: number): HugePlan {
	const fixed = template.head.length + template.tail.length;
	const unit = template.item.length + template.separator.length;
	if (bytes <= fixed + template.item.length) {
		return { total: Math.max(bytes, fixed), count: 0, padding: Math.max(0, bytes - fixed) };
	}
	const count = Math.floor((bytes - fixed + template.separator.length) / unit);
	const used = fixed + count * template.item.length + (count - 1) * template.separator.length;
	return { total: bytes, count, padding: bytes - used };
}

// ---------------------------------------------------------------------------------------------
// Server

interface ReadBody {
	body: Buffer;
	tooLarge: boolean;
}

/** Hard stop for a client that keeps sending far beyond the limit. */
const DRAIN_FACTOR = 16;

/**
 * The request body, up to `limit` bytes. A longer body settles as too large as soon as the
 * limit is crossed, so the 413 goes out while the client is still sending; the rest is read and
 * dropped (the client sees the answer instead of a reset) up to a hard stop, where the
 * connection is closed.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<ReadBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const settle = (outcome: ReadBody | Error) => {
			if (settled) return;
			settled = true;
			if (outcome instanceof Error) reject(outcome);
			else resolve(outcome);
		};
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) {
				chunks.push(chunk);
				return;
			}
			if (!settled) {
				chunks.length = 0;
				settle({ body: Buffer.alloc(0), tooLarge: true });
			}
			if (size > limit * DRAIN_FACTOR) req.destroy();
		});
		req.on('end', () => settle({ body: Buffer.concat(chunks), tooLarge: false }));
		req.on('error', (error) => settle(error));
		req.on('close', () => {
			if (!req.complete) settle(new Error('request aborted'));
		});
	});
}

/** Methods whose request body no simulator reads. */
const BODILESS_METHODS = new Set(['GET', 'HEAD']);

export const INVALID_UTF8_REASON = 'The request body is not valid UTF-8';

/** The answer to a body that cannot be read as text, when the simulator has none of its own. */
function defaultRefusal(info: RouteInfo, reason: string): SimResponse {
	return info.format === 'json' ? jsonResponse(400, { Message: reason }) : textResponse(400, reason);
}

function splitUrl(url: string | undefined): { path: string; query: URLSearchParams } {
	const raw = url ?? '/';
	const mark = raw.indexOf('?');
	const path = mark < 0 ? raw : raw.slice(0, mark);
	const query = new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1));
	return { path: path === '' ? '/' : path, query };
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
	const record: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key);
		record[key] = values.length === 1 ? values[0] : values;
	}
	return record;
}

function hostForUrl(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

function bodyBuffer(body: string | Buffer | undefined): Buffer {
	if (body === undefined) return Buffer.alloc(0);
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

const NO_BODY_STATUSES = new Set([204, 304]);

function send(res: http.ServerResponse, response: SimResponse): void {
	if (res.headersSent || res.destroyed) return;
	const body = NO_BODY_STATUSES.has(response.status) ? Buffer.alloc(0) : bodyBuffer(response.body);
	const headers: Record<string, string | number> = { ...(response.headers ?? {}) };
	if (!NO_BODY_STATUSES.has(response.status)) headers['Content-Length'] = body.length;
	res.writeHead(response.status, headers);
	res.end(body);
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
			this.server = https.createServer({ keepAlive: true, key: tls.key, cert: tls.cert }, onRequest);
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
			const unreadable = body.length > 0 && !BODILESS_METHODS.has(request.method) && !isUtf8(body);
			if (path.startsWith(CONTROL_PREFIX)) {
				send(res, unreadable ? jsonResponse(400, { Message: INVALID_UTF8_REASON }) : this.control(request));
				return;
			}
			if (unreadable) {
				const info = this.definition.describe?.(request) ?? { format: 'text' };
				this.record(request, info);
				send(res, this.definition.refuseBody?.(request, info, INVALID_UTF8_REASON) ?? defaultRefusal(info, INVALID_UTF8_REASON));
				return;
			}
			await this.answer(request, req, res);
		} catch (error) {
			// A request whose body was read whole is destroyed already: only the answer's state counts.
			if (res.destroyed || res.headersSent) return;
			send(res, jsonResponse(500, { Message: `Simulator error: ${describe(error)}` }));
		}
	}

	private async answer(request: SimRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const info = this.definition.describe?.(request) ?? { format: 'text' };
		this.record(request, info);
		const fault = this.faults.take({ operation: info.operation, path: request.path });
		if (!fault) {
			send(res, await this.definition.handle(request));
			return;
		}
		await this.applyFault(fault, request, info, req, res);
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
		if (this.requests.length > this.maxRecorded) this.requests.splice(0, this.requests.length - this.maxRecorded);
	}

	private async applyFault(
		fault: Fault,
		request: SimRequest,
		info: RouteInfo,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): Promise<void> {
		switch (fault.kind) {
			case 'status':
				send(
					res,
					textResponse(
						fault.status,
						fault.body ?? `Simulated HTTP ${fault.status} ${STATUS_TEXT(fault.status)}`,
						fault.contentType,
					),
				);
				return;
			case 'html':
				send(res, textResponse(fault.status ?? 502, htmlErrorPage(fault.status ?? 502), 'text/html; charset=utf-8'));
				return;
			case 'entityBomb':
				send(res, textResponse(200, ENTITY_BOMB_XML, 'text/xml; charset=utf-8'));
				return;
			case 'reset':
				req.socket.destroy();
				return;
			case 'fail':
				send(res, this.failAnswer(fault, request, info));
				return;
			case 'huge':
				await this.streamHuge(res, this.hugeTemplate(request, info), fault.bytes);
				return;
			case 'truncated':
				this.sendTruncated(res, req, await this.definition.handle(request), fault.abort === true);
				return;
			case 'delay':
				this.sendLater(res, await this.definition.handle(request), fault.ms);
				return;
		}
	}

	private failAnswer(fault: FailFault, request: SimRequest, info: RouteInfo): SimResponse {
		if (this.definition.failResponse) return this.definition.failResponse(fault, request, info);
		return jsonResponse(fault.status ?? 500, { code: fault.code, message: fault.message ?? 'Simulated failure' });
	}

	private hugeTemplate(request: SimRequest, info: RouteInfo): HugeTemplate {
		return this.definition.hugeTemplate?.(request, info) ?? DEFAULT_HUGE_TEMPLATES[info.format];
	}

	private sendTruncated(
		res: http.ServerResponse,
		req: http.IncomingMessage,
		response: SimResponse,
		abort: boolean,
	): void {
		const full = bodyBuffer(response.body);
		const half = full.subarray(0, Math.floor(full.length / 2));
		if (!abort) {
			send(res, { ...response, body: half });
			return;
		}
		res.writeHead(response.status, { ...(response.headers ?? {}), 'Content-Length': full.length });
		res.write(half, () => req.socket.destroy());
	}

	private sendLater(res: http.ServerResponse, response: SimResponse, ms: number): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			send(res, response);
		}, ms);
		timer.unref();
		this.timers.add(timer);
		res.on('close', () => {
			clearTimeout(timer);
			this.timers.delete(timer);
		});
	}

	private async streamHuge(res: http.ServerResponse, template: HugeTemplate, bytes: number): Promise<void> {
		const plan = planHuge(template, bytes);
		res.writeHead(200, { 'Content-Type': template.contentType, 'Content-Length': plan.total });
		const batch = Math.max(1, Math.floor(65536 / (template.item.length + template.separator.length)));
		const block = Array.from({ length: batch }, () => template.separator + template.item).join('');
		if (!(await write(res, template.head))) return;
		let written = 0;
		if (plan.count > 0) {
			if (!(await write(res, template.item))) return;
			written = 1;
		}
		while (written + batch <= plan.count) {
			if (!(await write(res, block))) return;
			written += batch;
		}
		const rest = plan.count - written;
		const tail = block.slice(0, rest * (template.item.length + template.separator.length));
		if (!(await write(res, tail + ' '.repeat(plan.padding) + template.tail))) return;
		res.end();
	}

	private control(request: SimRequest): SimResponse {
		const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
		switch (route) {
			case 'GET /__sim/state':
				return jsonResponse(200, this.definition.dumpState?.() ?? {});
			case 'POST /__sim/reset':
				this.reset();
				return jsonResponse(200, { ok: true });
			case 'GET /__sim/faults':
				return jsonResponse(200, { faults: this.faults.list() });
			case 'DELETE /__sim/faults':
				return jsonResponse(200, { ok: true, cleared: this.faults.clear() });
			case 'POST /__sim/faults':
				return this.addFault(request.body);
			default:
				return jsonResponse(404, {
					Message: `Unknown control route ${route}. Available: GET /__sim/state, POST /__sim/reset, GET|POST|DELETE /__sim/faults`,
				});
		}
	}

	private addFault(body: string): SimResponse {
		const parsed = parseJsonBody(body);
		if (!parsed.ok) return jsonResponse(400, { Message: `Invalid JSON: ${parsed.error}` });
		try {
			const { fault, options } = parseFaultRequest(parsed.value);
			return jsonResponse(201, { ok: true, fault: this.faults.add(fault, options) });
		} catch (error) {
			const text = error instanceof FaultError ? error.message : `Invalid fault: ${describe(error)}`;
			return jsonResponse(400, { Message: text });
		}
	}
}

/** Write one chunk, waiting for the socket to drain; false once the connection is gone. */
function write(res: http.ServerResponse, chunk: string): Promise<boolean> {
	if (res.destroyed || res.writableEnded) return Promise.resolve(false);
	if (chunk === '' || res.write(chunk)) return Promise.resolve(!res.destroyed);
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		res.on('drain', onDrain);
		res.on('close', onClose);
	});
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Self-signed certificate for `tls: true`, written in DER by hand (no openssl binary needed)

export interface TlsIdentity {
	key: string;
	cert: string;
}

function derLength(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
	const body = Buffer.concat(content);
	return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const derSequence = (...content: Buffer[]) => der(0x30, ...content);

function derOid(oid: string): Buffer {
	const [first, second, ...rest] = oid.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const arc of rest) {
		const chunk = [arc & 0x7f];
		for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift(0x80 | (value & 0x7f));
		bytes.push(...chunk);
	}
	return der(0x06, Buffer.from(bytes));
}

function derUtcTime(date: Date): Buffer {
	const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
	return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_COMMON_NAME = '2.5.4.3';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

/** A v3 certificate for CN=localhost (SAN localhost, 127.0.0.1, ::1), signed by its own RSA key. */
function selfSignedCertificate(spki: Buffer, privateKey: KeyObject): string {
	const algorithm = derSequence(derOid(OID_SHA256_WITH_RSA), Buffer.from([0x05, 0x00]));
	const name = derSequence(der(0x31, derSequence(derOid(OID_COMMON_NAME), der(0x0c, Buffer.from('localhost')))));
	const serial = randomBytes(16);
	serial[0] = (serial[0] & 0x7f) | 0x40;
	const now = Date.now();
	const altNames = derSequence(
		der(0x82, Buffer.from('localhost', 'ascii')),
		der(0x87, Buffer.from([127, 0, 0, 1])),
		der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
	);
	const extensions = der(
		0xa3,
		derSequence(
			derSequence(derOid(OID_BASIC_CONSTRAINTS), Buffer.from([0x01, 0x01, 0xff]), der(0x04, derSequence())),
			derSequence(derOid(OID_SUBJECT_ALT_NAME), der(0x04, altNames)),
		),
	);
	const tbs = derSequence(
		der(0xa0, der(0x02, Buffer.from([2]))),
		der(0x02, serial),
		algorithm,
		name,
		derSequence(derUtcTime(new Date(now - 3_600_000)), derUtcTime(new Date(now + 7 * 86_400_000))),
		name,
		spki,
		extensions,
	);
	const signature = sign('sha256', tbs, privateKey);
	const certificate = derSequence(tbs, algorithm, der(0x03, Buffer.from([0]), signature));
	const lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** One certificate per process, generated on first use. */
let identity: Promise<TlsIdentity> | undefined;

async function generateIdentity(): Promise<TlsIdentity> {
	const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>(
		(resolve, reject) =>
			generateKeyPair('rsa', { modulusLength: 2048 }, (error, pub, priv) =>
				error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }),
			),
	);
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	return {
		key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		cert: selfSignedCertificate(spki, privateKey),
	};
}

/** The self-signed key and certificate the simulators serve HTTPS with (also for test peers such as proxies). */
export function tlsIdentity(): Promise<TlsIdentity> {
	if (!identity) {
		identity = generateIdentity();
		identity.catch(() => {
			identity = undefined;
		});
	}
	return identity;
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
