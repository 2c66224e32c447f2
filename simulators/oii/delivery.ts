import http from 'node:http';
import https from 'node:https';

import { ICI_EVENT_SOAP_ACTION, SOAP_CONTENT_TYPE } from '../../nodes/SapIci/constants';
import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import type { OiiEvent } from './state';

/**
 * Delivery of the IciEvent messages to the subscribers, as OII does it: each event's SOAP envelope
 * is POSTed to its appUrl (`text/xml; charset=utf-8`, SOAPAction {@link ICI_EVENT_SOAP_ACTION}).
 * Events for one appUrl go one after the other, in the order they happened; different appUrls are
 * served side by side. For load tests, `concurrency` lets several POSTs to one appUrl be under way
 * at once (events then start in order but may be answered out of order). The queue is bounded, every request has a timeout, and whatever a subscriber
 * does (refuse the connection, answer a fault, an HTML page or nothing) is recorded, never thrown.
 */

export interface OiiDeliveryOptions {
	/** POST the events (default true). */
	enabled?: boolean;
	/** Time allowed for one POST, connection and answer included (default 10 000 ms). */
	timeoutMs?: number;
	/** Events waiting to be sent, all subscribers together (default 1000); further events are dropped and recorded as such. */
	maxQueued?: number;
	/** Deliveries kept in the record (default 1000, oldest dropped first). */
	maxRecorded?: number;
	/** SOAPAction header sent with every event (default {@link ICI_EVENT_SOAP_ACTION}). */
	soapAction?: string;
	/** Check the certificates of https subscribers (default false: test subscribers use self-signed ones). */
	rejectUnauthorized?: boolean;
	/** POSTs to one appUrl under way at once (default 1: one after the other, as OII sends). */
	concurrency?: number;
}

export type OiiDeliveryOutcome = 'answered' | 'failed' | 'timeout' | 'dropped';

/** What happened to one event sent to one appUrl. */
export interface OiiDelivery {
	/** The event's `seq`. */
	seq: number;
	operation: string;
	appUrl: string;
	appIds: string[];
	/** answered: an HTTP answer came (any status); failed: no answer; timeout: none in time; dropped: the queue was full or delivery stopped. */
	outcome: OiiDeliveryOutcome;
	/** HTTP status of the answer. */
	status?: number;
	/** Content-Type of the answer. */
	contentType?: string;
	/** The answer body (its first {@link MAX_RECORDED_BODY} characters). */
	body?: string;
	/** True when the answer is HTTP 200 with the event's `<…Response>` envelope (chapter 9.3). */
	acknowledged: boolean;
	/** Why there is no answer, or why the answer is not the expected one. */
	error?: string;
	/** ISO time the POST started. */
	sentAt: string;
	durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUEUED = 1000;
const DEFAULT_MAX_RECORDED = 1000;
/** Upper bound of {@link OiiDeliveryOptions.concurrency}. */
export const MAX_DELIVERY_CONCURRENCY = 64;
/** Sockets per agent when POSTs go one after the other. */
const DEFAULT_SOCKETS = 4;
/** Characters of an answer body kept in the record. */
export const MAX_RECORDED_BODY = 16 * 1024;

function describe(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
	}
	return String(error);
}

/** Whether an answer acknowledges the event: HTTP 200 and `<{operation}Response>` in the Body. */
function acknowledgement(
	operation: string,
	status: number,
	body: string,
): { acknowledged: boolean; error?: string } {
	if (status !== 200) return { acknowledged: false, error: `HTTP ${status}` };
	try {
		const message = readIciEnvelope(body);
		if (message.fault)
			return {
				acknowledged: false,
				error: `SOAP Fault: ${message.fault.faultstring || message.fault.faultcode}`,
			};
		if (message.name.toLowerCase() !== `${operation}Response`.toLowerCase()) {
			return {
				acknowledged: false,
				error: `Answered <${message.name || 'an empty Body'}> instead of <${operation}Response>`,
			};
		}
		return { acknowledged: true };
	} catch (error) {
		return { acknowledged: false, error: `The answer is not a SOAP envelope: ${describe(error)}` };
	}
}

export class OiiEventDelivery {
	private readonly queues = new Map<string, OiiEvent[]>();
	/** POSTs under way per appUrl. */
	private readonly busy = new Map<string, number>();
	private inFlightCount = 0;
	private parallel: number;
	private readonly defaultConcurrency: number;
	private readonly inFlight = new Set<http.ClientRequest>();
	private readonly aborted = new WeakSet<http.ClientRequest>();
	private readonly waiters: Array<() => void> = [];
	private readonly record: OiiDelivery[] = [];
	private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
	private readonly httpsAgent: https.Agent;
	private queued = 0;
	private stopped = false;
	private readonly enabled: boolean;
	private readonly timeoutMs: number;
	private readonly maxQueued: number;
	private readonly maxRecorded: number;
	private readonly soapAction: string;

	constructor(options: OiiDeliveryOptions = {}) {
		this.enabled = options.enabled ?? true;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
		this.maxRecorded = options.maxRecorded ?? DEFAULT_MAX_RECORDED;
		this.soapAction = options.soapAction ?? ICI_EVENT_SOAP_ACTION;
		this.httpsAgent = new https.Agent({
			keepAlive: true,
			maxSockets: DEFAULT_SOCKETS,
			rejectUnauthorized: options.rejectUnauthorized ?? false,
		});
		this.parallel = 1;
		this.concurrency = options.concurrency ?? 1;
		this.defaultConcurrency = this.parallel;
	}

	/** POSTs to one appUrl under way at once. */
	get concurrency(): number {
		return this.parallel;
	}

	set concurrency(value: number) {
		if (!Number.isInteger(value) || value < 1 || value > MAX_DELIVERY_CONCURRENCY) {
			throw new RangeError(
				`concurrency must be a whole number from 1 to ${MAX_DELIVERY_CONCURRENCY}`,
			);
		}
		this.parallel = value;
		const sockets = Math.max(DEFAULT_SOCKETS, value);
		this.httpAgent.maxSockets = sockets;
		this.httpsAgent.maxSockets = sockets;
		for (const appUrl of [...this.queues.keys()]) this.pump(appUrl);
	}

	/** Events waiting to be sent (not yet under way). */
	get queuedCount(): number {
		return this.queued;
	}

	/** The bound of the queue: further events are dropped. */
	get queueBound(): number {
		return this.maxQueued;
	}

	/** Deliveries so far, oldest first. */
	get deliveries(): readonly OiiDelivery[] {
		return this.record;
	}

	/** Events waiting or being sent. */
	get pending(): number {
		return this.queued + this.inFlightCount;
	}

	/** Queue an event for its appUrl (nothing happens when delivery is off or stopped). */
	enqueue(event: OiiEvent): void {
		if (!this.enabled || this.stopped) return;
		if (this.queued >= this.maxQueued) {
			this.remember({
				...this.base(event),
				outcome: 'dropped',
				acknowledged: false,
				error: `The delivery queue is full (${this.maxQueued} events)`,
				sentAt: new Date().toISOString(),
				durationMs: 0,
			});
			return;
		}
		const queue = this.queues.get(event.appUrl) ?? [];
		queue.push(event);
		this.queues.set(event.appUrl, queue);
		this.queued++;
		this.pump(event.appUrl);
	}

	/** Resolves when every queued event has been sent and answered (or has failed). */
	async idle(): Promise<void> {
		if (this.pending === 0) return;
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/** Forget the record and the queue (requests under way are aborted); back to the configured concurrency. */
	reset(): void {
		this.abortAll();
		this.record.length = 0;
		this.concurrency = this.defaultConcurrency;
	}

	/** Stop for good: the queue is dropped, requests under way are aborted, sockets closed. */
	stop(): void {
		this.stopped = true;
		this.abortAll();
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}

	private abortAll(): void {
		this.queues.clear();
		this.queued = 0;
		for (const request of this.inFlight) {
			this.aborted.add(request);
			request.destroy();
		}
		this.settle();
	}

	private base(event: OiiEvent): Pick<OiiDelivery, 'seq' | 'operation' | 'appUrl' | 'appIds'> {
		return {
			seq: event.seq,
			operation: event.operation,
			appUrl: event.appUrl,
			appIds: [...event.appIds],
		};
	}

	private remember(delivery: OiiDelivery): void {
		this.record.push(delivery);
		if (this.record.length > this.maxRecorded)
			this.record.splice(0, this.record.length - this.maxRecorded);
	}

	private settle(): void {
		if (this.pending !== 0) return;
		for (const resolve of this.waiters.splice(0)) resolve();
	}

	private pump(appUrl: string): void {
		while (!this.stopped && (this.busy.get(appUrl) ?? 0) < this.parallel) {
			const queue = this.queues.get(appUrl);
			const event = queue?.shift();
			if (!event) {
				if (queue && (this.busy.get(appUrl) ?? 0) === 0) this.queues.delete(appUrl);
				this.settle();
				return;
			}
			this.queued--;
			this.busy.set(appUrl, (this.busy.get(appUrl) ?? 0) + 1);
			this.inFlightCount++;
			void this.post(event).then((delivery) => {
				this.remember(delivery);
				this.inFlightCount--;
				const left = (this.busy.get(appUrl) ?? 1) - 1;
				if (left > 0) this.busy.set(appUrl, left);
				else this.busy.delete(appUrl);
				this.pump(appUrl);
				this.settle();
			});
		}
	}

	/** POST one event; never rejects. */
	private async post(event: OiiEvent): Promise<OiiDelivery> {
		const started = Date.now();
		const sentAt = new Date(started).toISOString();
		const done = (
			fields: Omit<
				OiiDelivery,
				'seq' | 'operation' | 'appUrl' | 'appIds' | 'sentAt' | 'durationMs'
			>,
		): OiiDelivery => ({
			...this.base(event),
			...fields,
			sentAt,
			durationMs: Date.now() - started,
		});
		let url: URL;
		try {
			url = new URL(event.appUrl.trim());
			if (url.protocol !== 'http:' && url.protocol !== 'https:')
				throw new Error(`unsupported protocol ${url.protocol}`);
		} catch (error) {
			return done({
				outcome: 'failed',
				acknowledged: false,
				error: `Invalid appUrl: ${describe(error)}`,
			});
		}
		const body = Buffer.from(event.envelope, 'utf8');
		return await new Promise<OiiDelivery>((resolve) => {
			let finished = false;
			const finish = (delivery: OiiDelivery) => {
				if (finished) return;
				finished = true;
				clearTimeout(timer);
				this.inFlight.delete(request);
				resolve(delivery);
			};
			const secure = url.protocol === 'https:';
			const request = (secure ? https : http).request(url, {
				method: 'POST',
				agent: secure ? this.httpsAgent : this.httpAgent,
				headers: {
					'Content-Type': SOAP_CONTENT_TYPE,
					'Content-Length': String(body.length),
					SOAPAction: `"${this.soapAction}"`,
					Accept: 'text/xml',
				},
			});
			this.inFlight.add(request);
			const timer = setTimeout(() => {
				request.destroy();
				finish(
					done({
						outcome: 'timeout',
						acknowledged: false,
						error: `No answer within ${this.timeoutMs} ms`,
					}),
				);
			}, this.timeoutMs);
			request.on('error', (error) =>
				finish(
					done({
						outcome: 'failed',
						acknowledged: false,
						error: this.aborted.has(request) ? 'Event delivery stopped' : describe(error),
					}),
				),
			);
			request.on('response', (response) => {
				const chunks: Buffer[] = [];
				let kept = 0;
				response.on('data', (chunk: Buffer) => {
					if (kept >= MAX_RECORDED_BODY * 4) return;
					chunks.push(chunk);
					kept += chunk.length;
				});
				response.on('error', (error) =>
					finish(
						done({
							outcome: 'failed',
							acknowledged: false,
							status: response.statusCode,
							error: describe(error),
						}),
					),
				);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const status = response.statusCode ?? 0;
					const ack = acknowledgement(event.operation, status, text);
					finish(
						done({
							outcome: 'answered',
							status,
							contentType: response.headers['content-type'],
							body: text.slice(0, MAX_RECORDED_BODY),
							...ack,
						}),
					);
				});
			});
			request.end(body);
		});
	}
}
