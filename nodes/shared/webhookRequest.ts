import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';

import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

/**
 * The HTTP side of the webhook triggers: who may post (IP allowlist, the per-workflow secret,
 * Basic authentication), reading the raw body within a size limit and a deadline, and writing
 * the answers.
 */

/**
 * How long the whole event may take to arrive. An event is a few kilobytes that the system sends
 * at once; a body still arriving after this is a stalled or trickling client, answered 408.
 */
export const EVENT_READ_TIMEOUT_MS = 5000;

/**
 * The option n8n reads before it runs a version-1 webhook node (`$parameter.options.binaryData`
 * in `parseRequestBody`, packages/cli/src/webhooks/webhook-helpers.ts): when true, n8n neither
 * reads nor parses the request body, and the trigger reads the event from the request stream.
 */
export const READ_EVENTS_RAW = 'binaryData';

/**
 * The Read Events Raw option of a trigger's Options collection (whose default must hold
 * `{ [READ_EVENTS_RAW]: true }` as well, since n8n fills in defaults of a missing collection only).
 */
export function readEventsRawOption(description: string): INodeProperties {
	return {
		displayName: 'Read Events Raw',
		name: READ_EVENTS_RAW,
		type: 'boolean',
		default: true,
		description,
	};
}

/**
 * Optional Basic authentication of a trigger's webhook, checked in addition to the secret in the
 * URL; `sender` names who would send it (e.g. "an OII").
 */
export function incomingAuthenticationProperties(sender: string): INodeProperties[] {
	const shown = { show: { incomingAuthentication: ['basicAuth'] } };
	return [
		{
			displayName: 'Incoming Authentication',
			name: 'incomingAuthentication',
			type: 'options',
			options: [
				{
					name: 'None',
					value: 'none',
					description: 'The secret in the URL (and the IP allowlist) protect the webhook',
				},
				{
					name: 'Basic Auth',
					value: 'basicAuth',
					description: `Events must also carry this user and password (for ${sender} or a proxy that sends them)`,
				},
			],
			default: 'none',
		},
		{
			displayName: 'User',
			name: 'basicAuthUser',
			type: 'string',
			default: '',
			displayOptions: shown,
		},
		{
			displayName: 'Password',
			name: 'basicAuthPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: shown,
		},
	];
}

/** The IP Allowlist option of a trigger's Options collection. */
export function ipAllowlistOption(): INodeProperties {
	return {
		displayName: 'IP Allowlist',
		name: 'ipAllowlist',
		type: 'string',
		default: '',
		placeholder: '10.31.100.50, 10.31.0.0/16',
		description:
			'Addresses or CIDR ranges (IPv4 or IPv6) allowed to post events, separated by commas. Others get HTTP 403. Empty: any address.',
	};
}

/** The trigger's Incoming Authentication parameters, as read by {@link basicAuthRefused}. */
export interface IncomingAuthentication {
	incomingAuthentication: string;
	basicAuthUser: string;
	basicAuthPassword: string;
}

/** The Incoming Authentication parameters of the trigger that is running. */
export function incomingAuthenticationOf(ctx: IWebhookFunctions): IncomingAuthentication {
	return {
		incomingAuthentication: String(ctx.getNodeParameter('incomingAuthentication', 'none')),
		basicAuthUser: String(ctx.getNodeParameter('basicAuthUser', '')),
		basicAuthPassword: String(ctx.getNodeParameter('basicAuthPassword', '')),
	};
}

/**
 * Whether a request fails the trigger's Basic authentication: with Basic Auth chosen, the
 * Authorization header must carry the user and password (each compared in constant time).
 */
export function basicAuthRefused(req: WebhookRequest, auth: IncomingAuthentication): boolean {
	if (auth.incomingAuthentication !== 'basicAuth') return false;
	const given = basicCredentials(req.headers.authorization);
	const userOk = sameSecret(given?.user ?? '', auth.basicAuthUser);
	const passwordOk = sameSecret(given?.password ?? '', auth.basicAuthPassword);
	return !given || !userOk || !passwordOk;
}

/** The request as n8n hands it to a webhook (express adds `ip` and `query`; n8n adds `rawBody`). */
export type WebhookRequest = IncomingMessage & { ip?: string; rawBody?: Buffer };

// ---------------------------------------------------------------------------------------------
// Answers

export function sendText(
	res: ServerResponse,
	status: number,
	body: string,
	contentType = 'text/plain; charset=utf-8',
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.writableEnded) return;
	const payload = Buffer.from(body, 'utf8');
	res.statusCode = status;
	res.setHeader('Content-Type', contentType);
	res.setHeader('Content-Length', String(payload.length));
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.end(payload);
}

/** A JSON answer. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

// ---------------------------------------------------------------------------------------------
// Secrets

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Compare a presented value with the expected one in constant time (both hashed to equal length). */
export function sameSecret(presented: string, expected: string): boolean {
	if (expected === '') return false;
	return timingSafeEqual(digest(presented), digest(expected));
}

/** The single value of a query parameter (a repeated or missing parameter gives undefined). */
export function queryValue(query: unknown, name: string): string | undefined {
	if (!query || typeof query !== 'object') return undefined;
	const value = (query as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : undefined;
}

/** The user and password of a Basic Authorization header, or undefined. */
export function basicCredentials(
	header: string | undefined,
): { user: string; password: string } | undefined {
	const match = /^\s*Basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// ---------------------------------------------------------------------------------------------
// IP allowlist

export class AllowlistError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AllowlistError';
	}
}

/** The address without an IPv4-mapped IPv6 prefix and without a zone. */
export function plainAddress(address: string): string {
	const trimmed = address.trim().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
	return mapped ? mapped[1] : trimmed;
}

/**
 * An allowlist from "10.31.100.50, 10.31.0.0/16, 2001:db8::/32": addresses and CIDR ranges,
 * IPv4 or IPv6, separated by commas, blanks or new lines.
 */
export function parseAllowlist(text: string): BlockList | undefined {
	const entries = text.split(/[\s,;]+/).filter((e) => e !== '');
	if (entries.length === 0) return undefined;
	const list = new BlockList();
	for (const entry of entries) {
		const [address, prefix, extra] = entry.split('/');
		const plain = plainAddress(address);
		const family = isIP(plain);
		if (family === 0 || extra !== undefined)
			throw new AllowlistError(`IP Allowlist: "${entry}" is not an IP address or CIDR range`);
		const type = family === 4 ? 'ipv4' : 'ipv6';
		if (prefix === undefined) {
			list.addAddress(plain, type);
			continue;
		}
		const bits = Number(prefix);
		if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
			throw new AllowlistError(`IP Allowlist: "${entry}" has an invalid prefix length`);
		}
		list.addSubnet(plain, bits, type);
	}
	return list;
}

/** The client address n8n saw (express's `req.ip` honours n8n's proxy settings), or the socket's. */
export function clientAddress(req: WebhookRequest): string {
	const ip =
		typeof req.ip === 'string' && req.ip !== '' ? req.ip : (req.socket?.remoteAddress ?? '');
	return plainAddress(ip);
}

export function isAllowed(list: BlockList, address: string): boolean {
	const family = isIP(address);
	if (family === 0) return false;
	return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

// ---------------------------------------------------------------------------------------------
// Body

export class BodyError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 408 | 413 | 415,
	) {
		super(message);
		this.name = 'BodyError';
	}
}

function tooLarge(bytes: number | undefined, maxBytes: number): BodyError {
	return new BodyError(
		`The request body${bytes === undefined ? '' : ` of ${bytes} bytes`} is larger than the limit of ${maxBytes} bytes`,
		413,
	);
}

/**
 * The request body as sent: n8n's raw body when n8n has read it, otherwise read from the stream,
 * never beyond `maxBytes` (a longer body is a 413 before it is all read).
 */
export async function readRawBody(
	req: WebhookRequest,
	maxBytes: number,
	timeoutMs: number = EVENT_READ_TIMEOUT_MS,
): Promise<Buffer> {
	if (Buffer.isBuffer(req.rawBody)) {
		if (req.rawBody.length > maxBytes) throw tooLarge(req.rawBody.length, maxBytes);
		return req.rawBody;
	}
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
	const encoding = String(req.headers['content-encoding'] ?? 'identity')
		.trim()
		.toLowerCase();
	if (encoding !== 'identity' && encoding !== '') {
		throw new BodyError(
			`Content-Encoding "${encoding}" is not accepted: send the event uncompressed`,
			415,
		);
	}
	if (req.readableEnded) throw new BodyError('The request body was already consumed', 400);
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const timer = setTimeout(() => {
			cleanup();
			req.resume();
			reject(new BodyError(`The request body did not arrive within ${timeoutMs / 1000} s`, 408));
		}, timeoutMs);
		const cleanup = () => {
			clearTimeout(timer);
			req.off('data', onData);
			req.off('end', onEnd);
			req.off('error', onError);
			req.off('aborted', onAborted);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				cleanup();
				// Let the rest of the body go by without keeping it.
				req.resume();
				reject(tooLarge(undefined, maxBytes));
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			cleanup();
			resolve(Buffer.concat(chunks, size));
		};
		const onError = (error: Error) => {
			cleanup();
			reject(new BodyError(`The request body could not be read: ${error.message}`, 400));
		};
		const onAborted = () => {
			cleanup();
			reject(new BodyError('The client aborted the request', 400));
		};
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', onError);
		req.on('aborted', onAborted);
	});
}

/** Declared bodies up to this size are read to their end and dropped after a refusal (n8n's default payload limit). */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The headers that end a refused request, and its body's fate. A body still unread whose declared
 * length is within DRAIN_LIMIT_BYTES is read to its end and dropped, so that a sender still writing
 * it gets the answer rather than a connection reset; a longer, undeclared or stalled body ends the
 * connection after the answer.
 */
export function refusalHeaders(req: WebhookRequest, status: number): Record<string, string> {
	if (req.readableEnded || Buffer.isBuffer(req.rawBody)) return {};
	const declared = Number(req.headers['content-length']);
	if (status !== 408 && Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) {
		req.resume();
		return {};
	}
	return { Connection: 'close' };
}
