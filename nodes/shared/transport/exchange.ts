import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import * as zlib from 'node:zlib';

import type { HttpMethod } from './http';
import type { Pool } from './pool';
import {
	connectionReset,
	DeadlineError,
	ResponseTooLargeError,
	UndecodableBodyError,
	UndecodableTextError,
	UnknownCharsetError,
} from './transportFailure';

/**
 * One request and its whole answer on a pooled connection: sent through Node's `http`/`https`,
 * read under a total deadline and a size cap counted after decompression, and decoded strictly
 * as text in its character set.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

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
		charset = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(
			body.subarray(0, 200).toString('latin1'),
		)?.[1];
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
		return new UndecodableTextError(
			decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding,
			status,
		);
	}
}

export const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
	accept: 'application/json, text/plain, */*',
	'accept-encoding': 'gzip, deflate, br',
	'user-agent': 'n8n-nodes-contact-center',
};

function decoderFor(
	encoding: string,
): zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | undefined {
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
export function exchange({
	pool,
	target,
	method,
	headers,
	body,
	timeoutMs,
	maxBytes,
}: Exchange): Promise<{
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		let settled = false;
		let request: http.ClientRequest | undefined;
		let response: http.IncomingMessage | undefined;
		const settle = (
			error: Error | undefined,
			value?: { status: number; headers: http.IncomingHttpHeaders; body: string },
		) => {
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
				const encoding = String(res.headers['content-encoding'] ?? '')
					.trim()
					.toLowerCase();
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
