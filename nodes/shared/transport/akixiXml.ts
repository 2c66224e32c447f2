import { redact, RemoteError } from '../remoteError';
import {
	asElement,
	asElements,
	attrOf,
	buildXml,
	childNames,
	parseXml,
	rootOf,
	setOwn,
	textOf,
	XmlSafetyError,
	type XmlElement,
} from '../xml';
import { readAnswer } from './answers';
import type { HttpEndpoint } from './http';

/**
 * The Akixi XML Web Services message format: `<Request Operation="…">` with InvokeID, SessionID,
 * optional Offset/Limit and an OperationPayload of `<Property Name>` and `<Container Name>` elements;
 * `<Response Result="Success|Fail">` with the InvokeID and, for lists, a `<Success>` of unnamed Containers.
 *
 * A payload is a plain object: strings are Properties, nested objects are Containers.
 * Used by the node (to write requests and read responses) and by the simulator (the other way round).
 */

export interface AkixiPayload {
	[name: string]: string | AkixiPayload;
}

export interface AkixiFailure {
	code?: string;
	message?: string;
}

export interface AkixiMessage {
	/** `Request` or `Response` (the documented Info reply is written as a Request element). */
	root: string;
	operation?: string;
	result?: string;
	invokeId?: string;
	sessionId?: string;
	offset?: string;
	limit?: string;
	/** Properties and Containers of `<OperationPayload>`, when present. */
	payload?: AkixiPayload;
	/** Unnamed Containers inside `<Success>`, one per listed entry. */
	entries?: AkixiPayload[];
	failure?: AkixiFailure;
}

const ARRAY_TAGS = ['Property', 'Container'];

export class AkixiFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AkixiFormatError';
	}
}

/** Read Property and Container children of an element into a payload object. */
export function readPayload(element: XmlElement): AkixiPayload {
	const payload: AkixiPayload = {};
	for (const property of asElements(element.Property)) {
		const name = attrOf(property, 'Name');
		if (name !== undefined) setOwn(payload, name, textOf(property));
	}
	for (const container of asElements(element.Container)) {
		const name = attrOf(container, 'Name');
		if (name !== undefined) setOwn(payload, name, readPayload(container));
	}
	return payload;
}

/** Write a payload object as Property and Container children. */
export function writePayload(payload: AkixiPayload): XmlElement {
	const properties: XmlElement[] = [];
	const containers: XmlElement[] = [];
	for (const [name, value] of Object.entries(payload)) {
		if (typeof value === 'string') {
			properties.push({ '@_Name': name, '#text': value });
		} else {
			containers.push({ '@_Name': name, ...writePayload(value) });
		}
	}
	const element: XmlElement = {};
	if (properties.length) element.Property = properties;
	if (containers.length) element.Container = containers;
	return element;
}

const CODE_NAMES = /^(error)?(code|number|no|id)$|code$/i;
const MESSAGE_NAMES = /message|description|text|reason|detail/i;

function findFailure(root: XmlElement): AkixiFailure {
	const candidates = childNames(root).filter((n) => /^(fail|failure|error|errors)$/i.test(n));
	const failure: AkixiFailure = {};
	const scan = (el: XmlElement) => {
		for (const key of Object.keys(el)) {
			const bare = key.startsWith('@_') ? key.slice(2) : key;
			if (bare === '#text' || bare === 'Name') continue;
			const text = textOf(el[key]).trim();
			if (!failure.code && CODE_NAMES.test(bare) && text) failure.code = text;
			else if (!failure.message && MESSAGE_NAMES.test(bare) && text) failure.message = text;
		}
		for (const property of asElements(el.Property)) {
			const name = attrOf(property, 'Name') ?? '';
			const text = textOf(property).trim();
			if (!failure.code && CODE_NAMES.test(name)) failure.code = text;
			else if (!failure.message && MESSAGE_NAMES.test(name)) failure.message = text;
		}
	};
	scan(root);
	for (const name of candidates) {
		for (const el of asElements(root[name])) {
			scan(el);
			const text = textOf(el).trim();
			if (text && !failure.message) {
				const match = /^(\d{4,6})\s*[-:]?\s*(.*)$/s.exec(text);
				if (match && !failure.code) {
					failure.code = match[1];
					failure.message = match[2] || undefined;
				} else {
					failure.message = text;
				}
			}
		}
	}
	return failure;
}

/** Parse an Akixi Request or Response document. Throws XmlSafetyError or AkixiFormatError. */
export function readAkixiMessage(xml: string | Buffer, maxBytes?: number): AkixiMessage {
	const { name, element } = rootOf(parseXml(xml, { arrayTags: ARRAY_TAGS, maxBytes }));
	if (name !== 'Response' && name !== 'Request') {
		throw new AkixiFormatError(`Expected an Akixi <Response> document but received <${name}>`);
	}
	const message: AkixiMessage = { root: name };
	const operation = attrOf(element, 'Operation');
	if (operation !== undefined) message.operation = operation;
	const result = attrOf(element, 'Result');
	if (result !== undefined) message.result = result;
	for (const [key, field] of [
		['InvokeID', 'invokeId'],
		['SessionID', 'sessionId'],
		['Offset', 'offset'],
		['Limit', 'limit'],
	] as const) {
		if (element[key] !== undefined) message[field] = textOf(element[key]).trim();
	}
	if (element.OperationPayload !== undefined) {
		message.payload = readPayload(asElement(element.OperationPayload));
	}
	if (element.Success !== undefined) {
		const success = asElement(element.Success);
		message.entries = asElements(success.Container).map((c) => readPayload(c));
		const loose = readPayload({ Property: success.Property ?? [] });
		if (Object.keys(loose).length) message.payload = { ...(message.payload ?? {}), ...loose };
	}
	if (result !== undefined && result.toLowerCase() !== 'success') {
		message.failure = findFailure(element);
	}
	return message;
}

export interface AkixiRequestSpec {
	operation: string;
	invokeId: string;
	sessionId?: string;
	offset?: number;
	limit?: number;
	payload?: AkixiPayload;
}

/** Write an Akixi `<Request>` document. */
export function writeAkixiRequest(spec: AkixiRequestSpec): string {
	const request: XmlElement = { '@_Operation': spec.operation, InvokeID: spec.invokeId };
	if (spec.sessionId !== undefined) request.SessionID = spec.sessionId;
	if (spec.offset !== undefined) request.Offset = String(spec.offset);
	if (spec.limit !== undefined) request.Limit = String(spec.limit);
	if (spec.payload) request.OperationPayload = writePayload(spec.payload);
	return buildXml({ Request: request });
}

export interface AkixiResponseSpec {
	result: 'Success' | 'Fail';
	invokeId: string;
	entries?: AkixiPayload[];
	failure?: { code: string; message: string };
}

/** Write an Akixi `<Response>` document (Success with optional list entries, or Fail). */
export function writeAkixiResponse(spec: AkixiResponseSpec): string {
	const response: XmlElement = { '@_Result': spec.result, InvokeID: spec.invokeId };
	if (spec.entries) {
		response.Success = { Container: spec.entries.map((entry) => writePayload(entry)) };
	}
	if (spec.failure) {
		response.Fail = { ErrorCode: spec.failure.code, ErrorMessage: spec.failure.message };
	}
	return buildXml({ Response: response });
}

/**
 * InvokeID source: incrementing, zero-padded to five digits, wrapping from 99999 to 00000.
 * Each call returns a distinct value, so concurrent requests never share one.
 */
export class InvokeIdCounter {
	private next: number;

	constructor(start = 1) {
		this.next = start % 100000;
	}

	take(): string {
		const id = String(this.next).padStart(5, '0');
		this.next = (this.next + 1) % 100000;
		return id;
	}
}

export { XmlSafetyError };

/** Group, meaning and handling of an error code, supplied by the system's code table. */
export type AkixiCodeDescriber = (code: string | undefined) => {
	group?: string;
	meaning?: string;
	transient?: boolean;
	hint?: string;
};

export interface AkixiCall {
	operation: string;
	sessionId?: string;
	offset?: number;
	limit?: number;
	payload?: AkixiPayload;
	headers?: Record<string, string>;
}

/** InvokeIDs of this process: shared by every call, so concurrent requests never reuse one. */
const invokeIds = new InvokeIdCounter();

/**
 * Sends Akixi XML requests over the pooled HTTP transport and reads the answers: Success gives the
 * message, Fail and anything unreadable become a RemoteError with code, group and meaning.
 */
export class AkixiXmlTransport {
	constructor(
		private readonly endpoint: HttpEndpoint,
		private readonly describeCode: AkixiCodeDescriber,
	) {}

	private get secrets() {
		return this.endpoint.secretValues();
	}

	private failure(
		message: string,
		info: Omit<ConstructorParameters<typeof RemoteError>[1], 'system'>,
	) {
		return new RemoteError(redact(message, this.secrets), {
			system: this.endpoint.options.system,
			...info,
		});
	}

	async call(call: AkixiCall): Promise<AkixiMessage> {
		const invokeId = invokeIds.take();
		const body = writeAkixiRequest({ ...call, invokeId });
		const response = await this.endpoint.send({
			method: 'POST',
			url: '',
			body,
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				Accept: 'text/xml, application/xml',
				...(call.headers ?? {}),
			},
		});
		const operation = call.operation;
		const answer = readAnswer(this.endpoint, response, operation, {
			urlHint: 'Check the XML Web Services URL in the credential.',
			read: readAkixiMessage,
			fault: (message) => this.refusal(message, operation, invokeId),
		});
		if (answer.error) throw answer.error;
		return answer.value;
	}

	/** Akixi's own refusal in a readable answer: another request's InvokeID, or Result="Fail". */
	private refusal(
		message: AkixiMessage,
		operation: string,
		invokeId: string,
	): RemoteError | undefined {
		if (message.invokeId !== undefined && message.invokeId !== invokeId) {
			return this.failure(
				`Akixi answered ${operation} with InvokeID ${message.invokeId}, but the request carried ${invokeId}`,
				{ kind: 'response', operation, hint: 'A proxy or cache may be mixing up answers.' },
			);
		}
		const success =
			message.result === undefined
				? message.root === 'Request' && message.payload !== undefined
				: message.result.toLowerCase() === 'success';
		if (success) return undefined;
		const code = message.failure?.code;
		const described = this.describeCode(code);
		const head = code
			? `Akixi refused ${operation}: error ${code}${described.meaning ? ` (${described.meaning})` : ''}`
			: `Akixi refused ${operation}${message.failure?.message ? `: ${message.failure.message}` : ''}`;
		return this.failure(head, {
			kind: 'remote',
			operation,
			code,
			meaning: described.meaning,
			group: described.group,
			serverMessage: message.failure?.message,
			transient: described.transient,
			hint: described.hint,
		});
	}
}
