import {
	readAkixiMessage,
	writeAkixiRequest,
	writeAkixiResponse,
	type AkixiMessage,
	type AkixiPayload,
} from '../../nodes/shared/transport/akixiXml';
import {
	decodeXmlEntities,
	describeIllegalXmlCharacter,
	findIllegalXmlCharacter,
} from '../../nodes/shared/xml';
import { textResponse, type SimResponse } from '../shared/httpServer';
import { WsFailure, wsErrorMessage } from './errors';
import { addEntry, changeEntry, deleteEntry, infoPayload, listEntries } from './omnichannel';
import type { AkixiSession, AkixiState } from './state';

/**
 * The XML Web Services endpoint: reads `<Request Operation="…">`, checks InvokeID, Operation and
 * SessionID, runs the operation and answers `<Response Result="Success|Fail">` with HTTP 200.
 */

export const WS_CONTENT_TYPE = 'text/xml; charset=utf-8';

interface WsCall {
	state: AkixiState;
	message: AkixiMessage;
	invokeId: string;
	payload: AkixiPayload;
}

interface WsOperation {
	/** Refused for read-only sessions. */
	writes: boolean;
	run(call: WsCall): string;
}

function success(call: WsCall, entries?: AkixiPayload[]): string {
	return writeAkixiResponse({ result: 'Success', invokeId: call.invokeId, entries });
}

/** The supported operations, by their `Operation` attribute (spelled as the operations table does). */
const OPERATIONS: ReadonlyMap<string, WsOperation> = new Map<string, WsOperation>([
	[
		'OmnichannelIntAdd',
		{
			writes: true,
			run: (call) => {
				addEntry(call.state, call.payload);
				return success(call);
			},
		},
	],
	[
		'OmnichannelIntChange',
		{
			writes: true,
			run: (call) => {
				changeEntry(call.state, call.payload);
				return success(call);
			},
		},
	],
	[
		'OmnichannelIntDelete',
		{
			writes: true,
			run: (call) => {
				deleteEntry(call.state, call.payload);
				return success(call);
			},
		},
	],
	[
		'OmnichannelIntInfo',
		{
			writes: false,
			// The documented Info reply is a <Request> element echoing InvokeID and SessionID.
			run: (call) =>
				writeAkixiRequest({
					operation: 'OmnichannelIntInfo',
					invokeId: call.invokeId,
					sessionId: call.message.sessionId,
					payload: infoPayload(call.state, call.payload),
				}),
		},
	],
	[
		'OmnichannelIntList',
		{
			writes: false,
			run: (call) =>
				success(
					call,
					listEntries(call.state, {
						payload: call.payload,
						offset: call.message.offset,
						limit: call.message.limit,
					}),
				),
		},
	],
]);

export const WS_OPERATIONS: readonly string[] = [...OPERATIONS.keys()];

function xml(body: string): SimResponse {
	return textResponse(200, body, WS_CONTENT_TYPE);
}

/** `<Response Result="Fail">` with the code and message. */
export function wsFail(invokeId: string, code: string, message: string): SimResponse {
	return xml(writeAkixiResponse({ result: 'Fail', invokeId, failure: { code, message } }));
}

function failure(invokeId: string, error: WsFailure): SimResponse {
	return wsFail(invokeId, String(error.code), error.message);
}

function checkSession(state: AkixiState, sessionId: string | undefined): AkixiSession {
	if (!sessionId) throw new WsFailure(10301, 'the request has no SessionID');
	const session = state.sessions.get(sessionId);
	if (!session) throw new WsFailure(10301, 'no such session');
	if (session.status === 'loggedOut' || session.status === 'expired') {
		throw new WsFailure(10302, session.status === 'loggedOut' ? 'logged out' : 'expired');
	}
	if (session.status !== 'authenticated') throw new WsFailure(10305, 'log in first');
	return session;
}

function parse(body: string): AkixiMessage | WsFailure {
	// A strict XML 1.0 reader stops at a character XML does not allow, raw or as a reference.
	const illegal = findIllegalXmlCharacter(body, { references: true });
	if (illegal)
		return new WsFailure(
			10000,
			`the request could not be read: ${describeIllegalXmlCharacter(illegal)}`,
		);
	try {
		const message = readAkixiMessage(body);
		if (message.root !== 'Request')
			return new WsFailure(10000, `expected a <Request> document, got <${message.root}>`);
		return message;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return new WsFailure(10000, `the request could not be read: ${reason}`);
	}
}

function run(state: AkixiState, message: AkixiMessage, invokeId: string): string {
	if (!invokeId) throw new WsFailure(10101);
	const operation = message.operation === undefined ? undefined : OPERATIONS.get(message.operation);
	if (!operation) {
		throw new WsFailure(
			10102,
			message.operation === undefined
				? 'no Operation attribute'
				: `unsupported operation '${message.operation}'`,
		);
	}
	const session = checkSession(state, message.sessionId);
	if (operation.writes && session.readOnly)
		throw new WsFailure(10511, `${message.operation} needs write access`);
	return operation.run({ state, message, invokeId, payload: message.payload ?? {} });
}

/** Fail 10000 for a request body that cannot be read at all. */
export function wsUnreadable(reason: string): SimResponse {
	return failure('', new WsFailure(10000, `the request could not be read: ${reason}`));
}

/** Answer one WS request body. Never throws: anything unexpected is Fail 10000. */
export function handleWsRequest(state: AkixiState, body: string): SimResponse {
	const message = parse(body);
	if (message instanceof WsFailure) return failure('', message);
	const invokeId = message.invokeId ?? '';
	try {
		return xml(run(state, message, invokeId));
	} catch (error) {
		if (error instanceof WsFailure) return failure(invokeId, error);
		const reason = error instanceof Error ? error.message : String(error);
		return failure(invokeId, new WsFailure(10000, reason));
	}
}

const OPERATION_PATTERN = /<Request\b[^>]*?\bOperation\s*=\s*(["'])([^"'<>]*)\1/;
const INVOKE_ID_PATTERN = /<InvokeID>([^<]{0,100})<\/InvokeID>/;

/** Operation attribute of a request body, read cheaply (for fault matching and recording). */
export function wsOperationOf(body: string): string | undefined {
	return OPERATION_PATTERN.exec(body.slice(0, 4096))?.[2];
}

/** InvokeID of a request body, read cheaply ('' when there is none). */
export function wsInvokeIdOf(body: string): string {
	return decodeXmlEntities(INVOKE_ID_PATTERN.exec(body.slice(0, 4096))?.[1]?.trim() ?? '');
}

/** Answer for a `fail` fault: `<Response Result="Fail">` echoing the request's InvokeID. */
export function wsFaultFail(body: string, code: string, message?: string): SimResponse {
	return wsFail(wsInvokeIdOf(body), code, message ?? wsErrorMessage(code));
}
