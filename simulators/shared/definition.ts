import type http from 'node:http';

import type { FailFault, FaultInjector } from './faults';

/**
 * What a simulator gives the shared HTTP server (`SimulatorDefinition`: its handler, how it
 * recognises and refuses requests, its own fault answers) and what the server gives back
 * (`SimServer`), with the request and answer shapes they exchange.
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
