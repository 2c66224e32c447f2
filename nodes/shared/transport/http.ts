import { redact, remoteError } from '../remoteError';
import {
	DEFAULT_HEADERS,
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_TIMEOUT_MS,
	exchange,
} from './exchange';
import { currentPoolGeneration, poolFor, type Pool } from './pool';
import { transportFailure } from './transportFailure';

/**
 * The one HTTP transport of the pack. Every node talks through a pooled keep-alive agent per
 * endpoint (origin + TLS policy + proxy), so a run of many items reuses a few connections
 * instead of opening one per item. Requests go straight through Node's `http`/`https` on those
 * agents (a general-purpose client's per-request work costs more than the exchange itself on a
 * local network); libraries that need an axios client get one on the same agents. Timeouts are
 * total deadlines, bodies have a size cap that is enforced while reading (after decompression),
 * proxies come from the environment (HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY, as n8n
 * reads them) and every error text has the endpoint's secrets removed.
 */

export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './exchange';
export { pooledAxios, resetHttpClients } from './pool';
export { proxyFor } from './proxy';
export { transportFailure, type TransportFailureContext } from './transportFailure';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL, or a path joined to the endpoint's base URL. */
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, string | number | boolean | undefined>;
	/** Text is sent as is; anything else as JSON. */
	body?: unknown;
	timeoutMs?: number;
	maxResponseBytes?: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** The URL that was called (without query), for messages. */
	url: string;
}

export interface HttpEndpointOptions {
	/** Name of the remote system, used in error messages. */
	system: string;
	baseUrl: string;
	ignoreSslIssues?: boolean;
	timeoutMs?: number;
	maxResponseBytes?: number;
	/** Values that must never appear in an error message (a function when they change, e.g. sessions). */
	secrets?: readonly (string | undefined)[] | (() => readonly (string | undefined)[]);
}

function joinUrl(baseUrl: string, url: string): string {
	if (/^https?:\/\//i.test(url)) return url;
	if (url === '') return baseUrl;
	return `${baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function headerRecord(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (value === undefined || value === null) continue;
			out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return out;
}

function queryString(query: HttpRequest['query']): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined)
			parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	}
	return parts.join('&');
}

/** A base URL and its pooled connection policy; send requests through it. */
export class HttpEndpoint {
	readonly baseUrl: string;

	/** The pool of the last origin called (an endpoint calls one origin), found once instead of per request. */
	private remembered?: { origin: string; generation: number; pool: Pool };

	/**
	 * The last URL called, parsed and checked (without fragment), with its text for messages: an
	 * endpoint mostly calls the same few URLs, so a request without query reuses it as is (it is
	 * only read from then on) instead of parsing the URL again.
	 */
	private parsed?: { url: string; target: URL; where: string };

	constructor(readonly options: HttpEndpointOptions) {
		this.baseUrl = options.baseUrl.trim();
	}

	private poolOf(target: URL): Pool {
		const known = this.remembered;
		if (known && known.origin === target.origin && known.generation === currentPoolGeneration())
			return known.pool;
		const pool = poolFor(target, this.options.ignoreSslIssues ?? false);
		this.remembered = { origin: target.origin, generation: currentPoolGeneration(), pool };
		return pool;
	}

	/** The values to keep out of every message. */
	secretValues(): readonly (string | undefined)[] {
		const secrets = this.options.secrets;
		return typeof secrets === 'function' ? secrets() : (secrets ?? []);
	}

	private fail(message: string, kind: 'network', extra: { hint?: string }): never {
		throw remoteError(redact(message, this.secretValues()), {
			kind,
			system: this.options.system,
			...extra,
		});
	}

	/** The URL of a request, parsed and checked, and its text for messages (origin and path). */
	private targetOf(url: string): { target: URL; where: string } {
		const known = this.parsed;
		if (known && known.url === url) return known;
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return this.fail(`Invalid ${this.options.system} URL "${url}"`, 'network', {
				hint: 'Check the URL in the credential: it must start with http:// or https://.',
			});
		}
		if (target.protocol !== 'http:' && target.protocol !== 'https:') {
			return this.fail(`Unsupported URL scheme "${target.protocol}"`, 'network', {
				hint: 'Use an http:// or https:// URL.',
			});
		}
		target.hash = '';
		this.parsed = { url, target, where: `${target.origin}${target.pathname}` };
		return this.parsed;
	}

	async send(request: HttpRequest): Promise<HttpResponse> {
		const { target: parsed, where } = this.targetOf(joinUrl(this.baseUrl, request.url));
		const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		const maxBytes =
			request.maxResponseBytes ?? this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
		const headers: Record<string, string> = { ...DEFAULT_HEADERS };
		for (const [key, value] of Object.entries(request.headers ?? {}))
			headers[key.toLowerCase()] = value;
		let body: string | undefined;
		if (request.body !== undefined) {
			if (typeof request.body === 'string') {
				body = request.body;
			} else {
				body = JSON.stringify(request.body);
				headers['content-type'] ??= 'application/json';
			}
		}
		if (body !== undefined || !['GET', 'HEAD', 'DELETE'].includes(request.method)) {
			headers['content-length'] = String(body === undefined ? 0 : Buffer.byteLength(body, 'utf8'));
		}
		const query = queryString(request.query);
		let target = parsed;
		if (query) {
			target = new URL(parsed.href);
			target.search = target.search ? `${target.search}&${query}` : `?${query}`;
		}
		try {
			const answer = await exchange({
				pool: this.poolOf(target),
				target,
				method: request.method,
				headers,
				body,
				timeoutMs,
				maxBytes,
			});
			return {
				status: answer.status,
				headers: headerRecord(answer.headers),
				body: answer.body,
				url: where,
			};
		} catch (error) {
			throw transportFailure(error, {
				system: this.options.system,
				what: `${request.method} ${where}`,
				where,
				timeoutMs,
				maxBytes,
				secrets: this.secretValues(),
			});
		}
	}
}

/** A short, secret-free excerpt of a response body for error messages (HTML tags stripped). */
export function bodyExcerpt(
	body: string,
	secrets: readonly (string | undefined)[] = [],
	max = 200,
): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
	const text = (title ?? body)
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const cut = text.length > max ? `${text.slice(0, max)}…` : text;
	return redact(cut, secrets);
}

/** True when the response says it is HTML (an error page from a proxy or web server). */
export function isHtml(response: HttpResponse): boolean {
	const type = response.headers['content-type'] ?? '';
	return /text\/html/i.test(type) || /^\s*(<!doctype html|<html)/i.test(response.body);
}
