import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

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

function redactInfo(info: RemoteErrorInfo, secrets: readonly (string | undefined)[]): RemoteErrorInfo {
	const clean: RemoteErrorInfo = { ...info };
	for (const key of ['serverMessage', 'hint', 'meaning', 'code', 'operation'] as const) {
		const value = clean[key];
		if (typeof value === 'string') clean[key] = redact(value, secrets);
	}
	return clean;
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

function describeRemote(error: RemoteError): string {
	const { info } = error;
	const parts: string[] = [];
	if (info.code && info.meaning) parts.push(`${info.code}: ${info.meaning}`);
	else if (info.code) parts.push(`Error code ${info.code}`);
	if (info.group) parts.push(`Group: ${info.group}`);
	if (info.serverMessage) parts.push(`Server says: ${info.serverMessage}`);
	if (info.httpStatus) parts.push(`HTTP status ${info.httpStatus}`);
	if (info.transient) parts.push('This is a temporary condition; retrying later may succeed.');
	if (info.hint) parts.push(info.hint);
	return parts.join(' · ');
}

/** The error as a plain, secret-free object, for output items and error context. */
export function errorDetails(error: RemoteError, secrets: readonly (string | undefined)[]): JsonObject {
	const info = redactInfo(error.info, secrets);
	const details: JsonObject = { kind: info.kind, system: info.system };
	for (const key of [
		'operation',
		'code',
		'meaning',
		'group',
		'serverMessage',
		'httpStatus',
		'transient',
		'hint',
	] as const) {
		if (info[key] !== undefined) details[key] = info[key];
	}
	return details;
}

/**
 * Turn anything thrown while handling item `itemIndex` into an n8n error:
 * RemoteError → NodeApiError with code, meaning, group and hint; NodeApiError/NodeOperationError
 * pass through; anything else → NodeOperationError. Secrets are removed from every text.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: readonly (string | undefined)[] = [],
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = redact(error.message, secrets);
		if (error.description) error.description = redact(error.description, secrets);
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof RemoteError) {
		const details = errorDetails(error, secrets);
		const message = redact(error.message, secrets);
		const description = redact(describeRemote(error), secrets);
		const apiError = new NodeApiError(
			node,
			{ message, description, ...details },
			{
				message,
				description,
				itemIndex,
				httpCode: error.info.httpStatus ? String(error.info.httpStatus) : undefined,
			},
		);
		apiError.context.remote = details;
		return apiError;
	}
	return new NodeOperationError(node, redact(describeUnknown(error), secrets), { itemIndex });
}

/** The JSON of an error output item (continueOnFail). */
export function errorItemJson(error: NodeApiError | NodeOperationError): JsonObject {
	const json: JsonObject = { error: error.message };
	if (error.description) json.description = error.description;
	const remote = error.context.remote;
	if (remote && typeof remote === 'object') Object.assign(json, remote as JsonObject);
	return json;
}
