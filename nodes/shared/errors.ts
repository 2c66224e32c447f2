import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { describeUnknown, redact, RemoteError, type RemoteErrorInfo } from './remoteError';

export {
	describeUnknown,
	redact,
	RemoteError,
	remoteError,
	type RemoteErrorInfo,
	type RemoteErrorKind,
} from './remoteError';

function redactInfo(
	info: RemoteErrorInfo,
	secrets: readonly (string | undefined)[],
): RemoteErrorInfo {
	const clean: RemoteErrorInfo = { ...info };
	for (const key of ['serverMessage', 'hint', 'meaning', 'code', 'operation'] as const) {
		const value = clean[key];
		if (typeof value === 'string') clean[key] = redact(value, secrets);
	}
	return clean;
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
export function errorDetails(
	error: RemoteError,
	secrets: readonly (string | undefined)[],
): JsonObject {
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
	for (const [key, value] of Object.entries(info.details ?? {})) {
		if (!(key in details))
			details[key] = typeof value === 'string' ? redact(value, secrets) : value;
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
		// The error body holds only the texts: n8n would replace the message by a generic one for a bare `code`.
		const apiError = new NodeApiError(
			node,
			{ message, description },
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
