/**
 * Fault injection shared by every simulator of the pack: a queue of faults, each applied to the
 * next matching request(s) instead of (or on top of) the simulator's real answer.
 */

export type FailFault = {
	kind: 'fail';
	/** The simulated system's own error code (Akixi: a WS Fail code or a REST ErrorCode). */
	code: number | string;
	message?: string;
	/** HTTP status for JSON APIs (defaults to the simulator's own choice for that code). */
	status?: number;
};

export type Fault =
	| { kind: 'status'; status: number; body?: string; contentType?: string }
	| { kind: 'html'; status?: number }
	/** The real answer cut in half; `abort` announces the full length and then drops the connection. */
	| { kind: 'truncated'; abort?: boolean }
	| { kind: 'entityBomb' }
	| { kind: 'delay'; ms: number }
	| { kind: 'huge'; bytes: number }
	| { kind: 'reset' }
	| FailFault;

export type FaultKind = Fault['kind'];

export interface FaultOptions {
	/** How many matching requests the fault applies to: default 1, 0 = until cleared. */
	times?: number;
	/** Operation name (exact) or a substring of the request path. Absent: every request. */
	match?: string;
}

export interface PendingFault {
	id: number;
	fault: Fault;
	/** Remaining uses; 0 = until cleared. */
	remaining: number;
	match?: string;
	/** How many requests it has been applied to so far. */
	hits: number;
}

export interface FaultTarget {
	operation?: string;
	path: string;
}

export class FaultError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FaultError';
	}
}

export const MAX_DELAY_MS = 10 * 60 * 1000;
export const MAX_HUGE_BYTES = 1024 * 1024 * 1024;

type Fields = Record<string, unknown>;

function integer(fields: Fields, name: string, min: number, max: number, optional = false): void {
	const value = fields[name];
	if (value === undefined && optional) return;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new FaultError(`Fault field "${name}" must be an integer from ${min} to ${max}`);
	}
}

function optionalString(fields: Fields, name: string): void {
	const value = fields[name];
	if (value !== undefined && typeof value !== 'string') {
		throw new FaultError(`Fault field "${name}" must be a string`);
	}
}

/** Checks of each fault kind's fields: one entry per kind. */
const FAULT_CHECKS: Record<FaultKind, (fields: Fields) => void> = {
	status: (f) => {
		integer(f, 'status', 100, 599);
		optionalString(f, 'body');
		optionalString(f, 'contentType');
	},
	html: (f) => integer(f, 'status', 100, 599, true),
	truncated: (f) => {
		if (f.abort !== undefined && typeof f.abort !== 'boolean') {
			throw new FaultError('Fault field "abort" must be a boolean');
		}
	},
	entityBomb: () => undefined,
	delay: (f) => integer(f, 'ms', 0, MAX_DELAY_MS),
	huge: (f) => integer(f, 'bytes', 1, MAX_HUGE_BYTES),
	reset: () => undefined,
	fail: (f) => {
		const code = f.code;
		const validCode =
			(typeof code === 'number' && Number.isInteger(code)) ||
			(typeof code === 'string' && code.trim() !== '');
		if (!validCode)
			throw new FaultError('Fault field "code" must be an integer or a non-empty string');
		optionalString(f, 'message');
		integer(f, 'status', 100, 599, true);
	},
};

function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validate an untrusted fault description (e.g. from the control API). */
export function validateFault(value: unknown): Fault {
	if (!isRecord(value)) throw new FaultError('A fault must be a JSON object with a "kind"');
	const kind = value.kind;
	if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(FAULT_CHECKS, kind)) {
		throw new FaultError(
			`Unknown fault kind ${JSON.stringify(kind)}; expected one of ${Object.keys(FAULT_CHECKS).join(', ')}`,
		);
	}
	FAULT_CHECKS[kind as FaultKind](value);
	return { ...value } as Fault;
}

function validateOptions(
	options: FaultOptions,
): Required<Pick<FaultOptions, 'times'>> & FaultOptions {
	const times = options.times ?? 1;
	if (!Number.isInteger(times) || times < 0) {
		throw new FaultError('Fault option "times" must be a non-negative integer (0 = until cleared)');
	}
	if (options.match !== undefined && (typeof options.match !== 'string' || options.match === '')) {
		throw new FaultError('Fault option "match" must be a non-empty string');
	}
	return { times, match: options.match };
}

/**
 * Control-API body: either `{ "fault": {…}, "times": 2, "match": "…" }` or the fault's own fields
 * with `times` and `match` next to them: `{ "kind": "status", "status": 500, "times": 2 }`.
 */
export function parseFaultRequest(body: unknown): { fault: Fault; options: FaultOptions } {
	if (!isRecord(body)) throw new FaultError('Expected a JSON object describing a fault');
	const { times, match, fault, ...rest } = body;
	const options: FaultOptions = {};
	if (times !== undefined) {
		if (typeof times !== 'number') throw new FaultError('Fault option "times" must be a number');
		options.times = times;
	}
	if (match !== undefined) {
		if (typeof match !== 'string') throw new FaultError('Fault option "match" must be a string');
		options.match = match;
	}
	return { fault: validateFault(fault ?? rest), options };
}

export class FaultInjector {
	private pending: PendingFault[] = [];

	private nextId = 1;

	/** Queue a fault; it applies to the next `times` requests that match. Throws FaultError if invalid. */
	add(fault: Fault, options: FaultOptions = {}): PendingFault {
		const checked = validateFault(fault);
		const { times, match } = validateOptions(options);
		const entry: PendingFault = { id: this.nextId++, fault: checked, remaining: times, hits: 0 };
		if (match !== undefined) entry.match = match;
		this.pending.push(entry);
		return { ...entry };
	}

	/** Remove every queued fault; returns how many there were. */
	clear(): number {
		const count = this.pending.length;
		this.pending = [];
		return count;
	}

	list(): PendingFault[] {
		return this.pending.map((entry) => ({ ...entry }));
	}

	/** The first queued fault that matches this request, consumed by one use. */
	take(target: FaultTarget): Fault | undefined {
		const index = this.pending.findIndex((entry) => matches(entry, target));
		if (index < 0) return undefined;
		const entry = this.pending[index];
		entry.hits += 1;
		if (entry.remaining > 0) {
			entry.remaining -= 1;
			if (entry.remaining === 0) this.pending.splice(index, 1);
		}
		return entry.fault;
	}
}

function matches(entry: PendingFault, target: FaultTarget): boolean {
	if (entry.match === undefined) return true;
	return entry.match === target.operation || target.path.includes(entry.match);
}
