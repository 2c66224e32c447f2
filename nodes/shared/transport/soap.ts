import { redact, remoteError, type RemoteError, type RemoteErrorInfo } from '../remoteError';
import {
	asElement,
	buildXml,
	childNames,
	parseXml,
	rootOf,
	textOf,
	type XmlElement,
} from '../xml';
import { htmlPageError, unreadableAnswerError, type AnswerSource } from './answers';
import type { HttpEndpoint, HttpResponse } from './http';

/**
 * SOAP 1.1 over the pooled HTTP transport: envelopes written with the safe XML layer, answers and
 * faults read with it, every failure a RemoteError naming faultcode and faultstring.
 */

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export interface SoapFault {
	faultcode: string;
	faultstring: string;
	faultactor?: string;
	/** The `<detail>` element as parsed XML (namespace prefixes removed), when present. */
	detail?: XmlElement;
}

export interface SoapMessage {
	/** Name of the first element of the Body (namespace prefix removed). */
	name: string;
	/** That element's content. */
	element: XmlElement;
	/** Set when the Body holds a Fault. */
	fault?: SoapFault;
}

export interface EnvelopeSpec {
	/** Namespace of the operation element. */
	namespace: string;
	/** Local name of the operation element (request or response). */
	operation: string;
	/** Children of the operation element, in the XML layer's object form (unqualified). */
	body?: XmlElement;
	/** Prefix used for the operation element; default: a default namespace declaration. */
	prefix?: string;
}

/** Write a SOAP 1.1 envelope whose Body holds one operation element. */
export function writeSoapEnvelope(spec: EnvelopeSpec): string {
	const operation: XmlElement = { ...(spec.body ?? {}) };
	const tag = spec.prefix ? `${spec.prefix}:${spec.operation}` : spec.operation;
	operation[spec.prefix ? `@_xmlns:${spec.prefix}` : '@_xmlns'] = spec.namespace;
	return buildXml(
		{
			'soapenv:Envelope': {
				'@_xmlns:soapenv': SOAP11_ENVELOPE_NS,
				'soapenv:Header': '',
				'soapenv:Body': { [tag]: operation },
			},
		},
		true,
	);
}

export interface FaultSpec {
	faultcode: string;
	faultstring: string;
	detail?: XmlElement;
}

/** Write a SOAP 1.1 Fault envelope. */
export function writeSoapFault(fault: FaultSpec): string {
	const body: XmlElement = { faultcode: fault.faultcode, faultstring: fault.faultstring };
	if (fault.detail) body.detail = fault.detail;
	return buildXml(
		{
			'soapenv:Envelope': {
				'@_xmlns:soapenv': SOAP11_ENVELOPE_NS,
				'soapenv:Body': { 'soapenv:Fault': body },
			},
		},
		true,
	);
}

export class SoapFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SoapFormatError';
	}
}

/**
 * Read a SOAP 1.1 envelope (either direction): the first Body element and, for a Fault, its parts.
 * Namespace prefixes are dropped, so qualified and unqualified children read the same.
 */
export function readSoapEnvelope(
	xml: string | Buffer,
	options: { arrayTags?: Iterable<string>; maxBytes?: number } = {},
): SoapMessage {
	const { name, element } = rootOf(
		parseXml(xml, { removeNamespacePrefix: true, arrayTags: options.arrayTags, maxBytes: options.maxBytes }),
	);
	if (name !== 'Envelope') throw new SoapFormatError(`Expected a SOAP Envelope but received <${name}>`);
	const body = element.Body;
	if (body === undefined) throw new SoapFormatError('The SOAP Envelope has no Body');
	const bodyElement = asElement(body);
	const first = childNames(bodyElement)[0];
	if (first === undefined) return { name: '', element: {} };
	const content = asElement(bodyElement[first]);
	if (first === 'Fault') {
		const detail = content.detail ?? content.Detail;
		return {
			name: first,
			element: content,
			fault: {
				faultcode: textOf(content.faultcode).trim(),
				faultstring: textOf(content.faultstring).trim(),
				faultactor: content.faultactor !== undefined ? textOf(content.faultactor).trim() : undefined,
				detail: detail !== undefined ? asElement(detail) : undefined,
			},
		};
	}
	return { name: first, element: content };
}

/** What a system's fault detail means: its own error code, meaning and hint. */
export type SoapFaultDescriber = (
	fault: SoapFault,
) => Pick<RemoteErrorInfo, 'code' | 'meaning' | 'group' | 'hint' | 'transient'> | undefined;

export interface SoapCall {
	/** Value of the SOAPAction header (sent quoted). */
	soapAction: string;
	namespace: string;
	operation: string;
	body?: XmlElement;
	/** Path or URL relative to the endpoint's base URL; default: the base URL itself. */
	url?: string;
	headers?: Record<string, string>;
	arrayTags?: Iterable<string>;
	timeoutMs?: number;
}

/** Sends SOAP 1.1 requests and reads their answers; Faults and unreadable answers become RemoteErrors. */
export class SoapTransport {
	constructor(
		private readonly endpoint: HttpEndpoint,
		private readonly describeFault?: SoapFaultDescriber,
	) {}

	async call(call: SoapCall): Promise<SoapMessage> {
		const response = await this.endpoint.send({
			method: 'POST',
			url: call.url ?? '',
			body: writeSoapEnvelope({ namespace: call.namespace, operation: call.operation, body: call.body }),
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				Accept: 'text/xml',
				SOAPAction: `"${call.soapAction}"`,
				...(call.headers ?? {}),
			},
			timeoutMs: call.timeoutMs,
		});
		const answer = readSoapAnswer(this.endpoint, response, call.operation, {
			describeFault: this.describeFault,
			arrayTags: call.arrayTags,
		});
		if (answer.error) throw answer.error;
		return answer.message;
	}
}

export interface SoapAnswerOptions {
	describeFault?: SoapFaultDescriber;
	arrayTags?: Iterable<string>;
	maxBytes?: number;
	urlHint?: string;
}

/**
 * Read the answer to a SOAP call: the message, or the error it amounts to (an HTML page, an
 * unreadable body, a Fault with its described code, or an HTTP error status without a Fault).
 */
export function readSoapAnswer(
	source: AnswerSource,
	response: HttpResponse,
	operation: string,
	options: SoapAnswerOptions = {},
): { message: SoapMessage; error?: undefined } | { error: RemoteError; fault?: SoapFault } {
	const system = source.options.system;
	const urlHint = options.urlHint ?? 'Check the URL in the credential.';
	const html = htmlPageError(source, response, operation, urlHint);
	if (html) return { error: html };
	let message: SoapMessage;
	try {
		message = readSoapEnvelope(response.body, { arrayTags: options.arrayTags, maxBytes: options.maxBytes });
	} catch (error) {
		return { error: unreadableAnswerError(source, response, operation, error, urlHint) };
	}
	const fail = (text: string, info: Omit<RemoteErrorInfo, 'system'>) =>
		remoteError(redact(text, source.secretValues()), { system, ...info });
	if (message.fault) {
		const fault = message.fault;
		const described = options.describeFault?.(fault);
		return {
			fault,
			error: fail(`${system} refused ${operation}: ${fault.faultstring || fault.faultcode || 'SOAP Fault'}`, {
				kind: 'remote',
				operation,
				code: described?.code ?? (fault.faultcode || undefined),
				meaning: described?.meaning,
				group: described?.group ?? (fault.faultcode ? `SOAP fault ${fault.faultcode}` : undefined),
				serverMessage: fault.faultstring || undefined,
				hint: described?.hint,
				transient: described?.transient,
				httpStatus: response.status,
			}),
		};
	}
	if (response.status < 200 || response.status >= 300) {
		const auth = response.status === 401 || response.status === 403;
		return {
			error: fail(`${system} answered ${operation} with HTTP ${response.status}`, {
				kind: auth ? 'auth' : 'http',
				operation,
				httpStatus: response.status,
				transient: response.status >= 502,
			}),
		};
	}
	return { message };
}
