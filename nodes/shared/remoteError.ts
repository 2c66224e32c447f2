/**
 * One error type for every failure that comes from (or on the way to) a remote system.
 * Transports throw it; nodes turn it into an n8n error with {@link toNodeError}.
 */

export type RemoteErrorKind =
	/** The remote system answered and said no (an error code in its own format). */
	| 'remote'
	/** HTTP status without a readable error body. */
	| 'http'
	/** No answer in time. */
	| 'timeout'
	/** Could not connect (refused, DNS, reset, TLS). */
	| 'network'
	/** The answer could not be read (malformed, hostile, wrong format, too large). */
	| 'response'
	/** Authentication failed before the operation ran. */
	| 'auth';

export interface RemoteErrorInfo {
	kind: RemoteErrorKind;
	/** System name, e.g. 'Akixi'. */
	system: string;
	/** Operation as the remote system names it. */
	operation?: string;
	/** The remote error code (or enum value), as the system sends it. */
	code?: string;
	/** What that code means, from the system's documentation. */
	meaning?: string;
	/** The documented group the code belongs to. */
	group?: string;
	/** Text the server sent with the error. */
	serverMessage?: string;
	/** What the user can do about it. */
	hint?: string;
	httpStatus?: number;
	/** Worth retrying later. */
	transient?: boolean;
	/** The system's own error fields, shown as they are in the error details (e.g. ICI areaCode). */
	details?: Record<string, string | number | boolean | null>;
	/**
	 * The excerpt of a text body (not JSON, not an HTML page) that the message quotes, for a
	 * system that words the error its own way. Not shown on its own: the message already has it.
	 */
	quotedBody?: string;
}

export class RemoteError extends Error {
	constructor(
		message: string,
		readonly info: RemoteErrorInfo,
	) {
		super(message);
		this.name = 'RemoteError';
	}
}

const MIN_SECRET_LENGTH = 4;

/** A RemoteError to throw (transports have no node, so the node's execute loop converts it). */
export function remoteError(message: string, info: RemoteErrorInfo): RemoteError {
	return new RemoteError(message, info);
}

/** Replace every occurrence of each secret (and its URL-encoded form) with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			out = out.split(form).join('***');
		}
	}
	return out;
}

/** A readable one-line message for any thrown value (never `[object Object]`). */
export function describeUnknown(error: unknown): string {
	if (error instanceof Error) return error.message || error.name;
	if (typeof error === 'string') return error;
	try {
		const json = JSON.stringify(error);
		if (json && json !== '{}') return json;
	} catch {
		// fall through to the generic text
	}
	return 'Unknown error';
}
