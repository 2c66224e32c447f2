import http from 'node:http';

/**
 * Raw HTTP requests with hostile bodies: whole, trickled a few bytes at a time, endless until the
 * server answers, or cut off by a connection reset.
 */

export interface RawReply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface RawRequest {
	method?: string;
	/** Header values; a Content-Type of undefined sends none. */
	headers?: Record<string, string | undefined>;
	body?: string | Buffer;
}

function headersOf(request: RawRequest, extra: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {}))
		if (value !== undefined) out[name] = value;
	return { ...out, ...extra };
}

function readReply(response: http.IncomingMessage): Promise<RawReply> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		const done = () =>
			resolve({
				status: response.statusCode ?? 0,
				headers: response.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
		response.on('data', (chunk: Buffer) => chunks.push(chunk));
		response.on('end', done);
		response.on('error', done);
		response.on('aborted', done);
	});
}

function bufferOf(body: string | Buffer | undefined): Buffer {
	if (body === undefined) return Buffer.alloc(0);
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/**
 * Send a whole request and read the answer. The answer counts even when the server stops
 * reading the body early (e.g. 413 before the whole body was sent).
 */
export async function sendRaw(url: string, request: RawRequest = {}): Promise<RawReply> {
	const payload = bufferOf(request.body);
	const method = request.method ?? 'POST';
	const length: Record<string, string> =
		method === 'GET' && payload.length === 0 ? {} : { 'Content-Length': String(payload.length) };
	return await new Promise<RawReply>((resolve, reject) => {
		let answered = false;
		const req = http.request(
			url,
			{ method, agent: false, headers: headersOf(request, length) },
			(response) => {
				answered = true;
				void readReply(response).then(resolve);
			},
		);
		req.on('error', (error) => {
			if (!answered) reject(error);
		});
		req.end(payload);
	});
}

export interface EndlessOutcome {
	/** The answer, when the server gave one. */
	reply?: RawReply;
	/** The error that ended the upload without an answer (e.g. a reset). */
	error?: string;
	/** Bytes sent before the upload stopped. */
	sent: number;
}

/**
 * A chunked upload that never ends on its own: `chunk` again and again until the server answers
 * or closes the connection, or `maxBytes` were sent (a server that reads forever).
 */
export async function sendEndless(
	url: string,
	request: RawRequest,
	chunk: string,
	maxBytes: number,
): Promise<EndlessOutcome> {
	const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor(65536 / chunk.length))), 'utf8');
	return await new Promise<EndlessOutcome>((resolve) => {
		let sent = 0;
		let finished = false;
		const finish = (outcome: Omit<EndlessOutcome, 'sent'>) => {
			if (finished) return;
			finished = true;
			req.destroy();
			resolve({ ...outcome, sent });
		};
		const req = http.request(
			url,
			{
				method: request.method ?? 'POST',
				agent: false,
				headers: headersOf(request, { 'Transfer-Encoding': 'chunked' }),
			},
			(response) => {
				void readReply(response).then((reply) => finish({ reply }));
			},
		);
		req.on('error', (error) => finish({ error: error.message }));
		req.on('close', () => finish({ error: 'the connection closed without an answer' }));
		const pump = () => {
			while (!finished && !req.destroyed) {
				if (sent >= maxBytes) {
					finish({ error: `the server read ${sent} bytes without answering` });
					return;
				}
				sent += block.length;
				if (!req.write(block)) {
					req.once('drain', pump);
					return;
				}
			}
		};
		pump();
	});
}

/** The body a few bytes at a time with a pause between writes, then the end of the request. */
export async function sendTrickled(
	url: string,
	request: RawRequest,
	bytesPerWrite: number,
	pauseMs: number,
): Promise<RawReply> {
	const payload = bufferOf(request.body);
	return await new Promise<RawReply>((resolve, reject) => {
		let answered = false;
		const req = http.request(
			url,
			{
				method: request.method ?? 'POST',
				agent: false,
				headers: headersOf(request, { 'Content-Length': String(payload.length) }),
			},
			(response) => {
				answered = true;
				void readReply(response).then(resolve);
			},
		);
		req.on('error', (error) => {
			if (!answered) reject(error);
		});
		let offset = 0;
		const next = () => {
			if (req.destroyed || answered) return;
			const piece = payload.subarray(offset, offset + bytesPerWrite);
			offset += piece.length;
			if (offset >= payload.length) {
				req.end(piece);
				return;
			}
			req.write(piece);
			setTimeout(next, pauseMs);
		};
		next();
	});
}

/**
 * Announce `declaredLength` bytes, send `head`, then reset the connection. Resolves once the
 * connection is gone, with the answer if the server sent one before that.
 */
export async function sendAndReset(
	url: string,
	request: RawRequest,
	head: Buffer,
	declaredLength: number,
): Promise<RawReply | undefined> {
	return await new Promise<RawReply | undefined>((resolve) => {
		let reply: RawReply | undefined;
		const req = http.request(
			url,
			{
				method: request.method ?? 'POST',
				agent: false,
				headers: headersOf(request, { 'Content-Length': String(declaredLength) }),
			},
			(response) => {
				void readReply(response).then((r) => {
					reply = r;
				});
			},
		);
		req.on('error', () => undefined);
		req.on('close', () => setImmediate(() => resolve(reply)));
		req.write(head, () => {
			setTimeout(() => req.socket?.resetAndDestroy(), 20);
		});
	});
}
