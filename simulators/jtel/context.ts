import type { SimResponse } from '../shared/httpServer';
import type { ClientAccount, JtelState } from './state';

/** What a route handler gets: the authenticated client account, path IDs, query and JSON body. */
export interface RouteContext {
	state: JtelState;
	client: ClientAccount;
	/** Path parameters (`{id}`), as integers. */
	params: Record<string, number>;
	/** Text path parameters (those a route lists in `textParams`, e.g. a call's UFN), decoded. */
	texts: Record<string, string>;
	query: URLSearchParams;
	/** Parsed JSON body (POST only; undefined when empty). */
	body: unknown;
}

export interface Route {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Path below `/rest/v1.0/{ClientsID}`; `{name}` is an integer path parameter. */
	path: string;
	/** Path parameters that are texts, not integers (e.g. `UFN`). */
	textParams?: readonly string[];
	/** Operation name for recording and fault matching. */
	operation: string;
	handle(ctx: RouteContext): SimResponse;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Present: not undefined and not null. */
export function present(value: unknown): boolean {
	return value !== undefined && value !== null;
}

export function isInt(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A non-empty string. */
export function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** An integer query parameter: undefined when absent, NaN when not an integer. */
export function intQuery(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	return /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

export function byName<T extends { Name?: unknown }>(a: T, b: T): number {
	return String(a.Name ?? '').localeCompare(String(b.Name ?? ''));
}

export function byNumber<T extends Record<string, unknown>>(key: string): (a: T, b: T) => number {
	return (a, b) => Number(a[key]) - Number(b[key]);
}
