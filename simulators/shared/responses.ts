import http from 'node:http';

import type { SimResponse } from './definition';

/** Building a simulator's answers and writing them to the connection. */

export function jsonResponse(
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): SimResponse {
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

/** The reason phrase of an HTTP status ('Error' for one Node does not know). */
export const statusText = (status: number): string => http.STATUS_CODES[status] ?? 'Error';

export function bodyBuffer(body: string | Buffer | undefined): Buffer {
	if (body === undefined) return Buffer.alloc(0);
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

const NO_BODY_STATUSES = new Set([204, 304]);

export function send(res: http.ServerResponse, response: SimResponse): void {
	if (res.headersSent || res.destroyed) return;
	const body = NO_BODY_STATUSES.has(response.status) ? Buffer.alloc(0) : bodyBuffer(response.body);
	const headers: Record<string, string | number> = { ...(response.headers ?? {}) };
	if (!NO_BODY_STATUSES.has(response.status)) headers['Content-Length'] = body.length;
	res.writeHead(response.status, headers);
	res.end(body);
}

/** Write one chunk, waiting for the socket to drain; false once the connection is gone. */
export function write(res: http.ServerResponse, chunk: string): Promise<boolean> {
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

/** The message of a thrown value, for an answer. */
export function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
