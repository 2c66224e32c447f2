import { isUtf8 } from 'node:buffer';
import type http from 'node:http';

import type { RouteInfo, SimResponse } from './definition';
import { jsonResponse, textResponse } from './responses';

/**
 * Reading a request: the body within the size limit (a longer one is refused while it is still
 * coming), the path and query, the check that a body is text, and JSON bodies without throwing.
 */

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
export function readBody(req: http.IncomingMessage, limit: number): Promise<ReadBody> {
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

/** A body a simulator reads (not on GET or HEAD) that is not UTF-8 text. */
export function unreadableBody(method: string, body: Buffer): boolean {
	return body.length > 0 && !BODILESS_METHODS.has(method) && !isUtf8(body);
}

/** The answer to a body that cannot be read as text, when the simulator has none of its own. */
export function defaultRefusal(info: RouteInfo, reason: string): SimResponse {
	return info.format === 'json'
		? jsonResponse(400, { Message: reason })
		: textResponse(400, reason);
}

export function splitUrl(url: string | undefined): { path: string; query: URLSearchParams } {
	const raw = url ?? '/';
	const mark = raw.indexOf('?');
	const path = mark < 0 ? raw : raw.slice(0, mark);
	const query = new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1));
	return { path: path === '' ? '/' : path, query };
}

export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
	const record: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key);
		record[key] = values.length === 1 ? values[0] : values;
	}
	return record;
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
