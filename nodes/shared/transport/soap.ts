import { redact, remoteError, type RemoteError, type RemoteErrorInfo } from '../remoteError';
import {
	asElement,
	buildXml,
	childNames,
	escapeXml,
	escapeXmlAttribute,
	parseXml,
	rootOf,
	textOf,
	type XmlElement,
	type XmlValue,
} from '../xml';
import { readAnswer, type AnswerSource } from './answers';
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
		parseXml(xml, {
			removeNamespacePrefix: true,
			arrayTags: options.arrayTags,
			maxBytes: options.maxBytes,
		}),
	);
	if (name !== 'Envelope')
		throw new SoapFormatError(`Expected a SOAP Envelope but received <${name}>`);
	const body = element.Body;
	if (body === undefined) throw new SoapFormatError('The SOAP Envelope has no Body');
	const bodyElement = asElement(body);
	const first = childNames(bodyElement)[0];
	if (first === undefined) return { name: '', element: {} };
	const content = asElement(bodyElement[first]);
	if (first === 'Fault') {
		const detail = content.detail ?? content.Detail;
		// SOAP 1.1 names its parts faultcode / faultstring / faultactor; SOAP 1.2 Code/Value, Reason/Text, Role.
		const code = content.faultcode ?? childOf(content.Code, 'Value');
		const reason = content.faultstring ?? childOf(content.Reason, 'Text');
		const actor = content.faultactor ?? content.Role;
		return {
			name: first,
			element: content,
			fault: {
				faultcode: textOf(code).trim(),
				faultstring: textOf(reason).trim(),
				faultactor: actor !== undefined ? textOf(actor).trim() : undefined,
				detail: detail !== undefined ? asElement(detail) : undefined,
			},
		};
	}
	return { name: first, element: content };
}

/** A child element of a parsed value (the first when repeated), or undefined. */
function childOf(value: XmlValue | undefined, name: string): XmlValue | undefined {
	if (value === undefined || typeof value === 'string') return undefined;
	const element = Array.isArray(value) ? value[0] : value;
	if (element === undefined || typeof element === 'string' || Array.isArray(element))
		return undefined;
	return element[name];
}

/** What a system's fault detail means: its own error code, meaning and hint. */
export type SoapFaultDescriber = (
	fault: SoapFault,
) => Pick<RemoteErrorInfo, 'code' | 'meaning' | 'group' | 'hint' | 'transient'> | undefined;

/** One SOAP 1.1 exchange: an envelope already written, where and how it is posted. */
export interface SoapExchange {
	/** The whole request document. */
	envelope: string;
	/** Value of the SOAPAction header (sent quoted). */
	soapAction: string;
	/** Name of the operation, for messages. */
	operation: string;
	/** Path or URL relative to the endpoint's base URL; default: the base URL itself. */
	url?: string;
	headers?: Record<string, string>;
	arrayTags?: Iterable<string>;
	timeoutMs?: number;
}

export interface SoapTransportOptions {
	/** Largest answer read, in bytes (default: the XML layer's limit). */
	maxBytes?: number;
	/** Sentence added to errors that point at a wrong address. */
	urlHint?: string;
}

/** The answer to a SOAP call: its message, or the error it amounts to (with the Fault, when there was one). */
export type SoapAnswer =
	| { message: SoapMessage; error?: undefined; fault?: undefined }
	| { message?: undefined; error: RemoteError; fault?: SoapFault };

/** Sends SOAP 1.1 requests and reads their answers; Faults and unreadable answers become RemoteErrors. */
export class SoapTransport {
	constructor(
		private readonly endpoint: HttpEndpoint,
		private readonly describeFault?: SoapFaultDescriber,
		private readonly options: SoapTransportOptions = {},
	) {}

	/**
	 * Post an envelope and read the answer. Transport failures (network, timeout, size cap) are
	 * thrown; every answer that arrived is returned, as its message or as the error it means.
	 */
	async exchange(exchange: SoapExchange): Promise<SoapAnswer> {
		const response = await this.endpoint.send({
			method: 'POST',
			url: exchange.url ?? '',
			body: exchange.envelope,
			headers: {
				'Content-Type': 'text/xml; charset=utf-8',
				Accept: 'text/xml',
				SOAPAction: `"${exchange.soapAction}"`,
				...(exchange.headers ?? {}),
			},
			timeoutMs: exchange.timeoutMs,
		});
		return readSoapAnswer(this.endpoint, response, exchange.operation, {
			describeFault: this.describeFault,
			arrayTags: exchange.arrayTags,
			maxBytes: this.options.maxBytes,
			urlHint: this.options.urlHint,
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Request envelopes of a declared shape

/** An element of a request, as a service description (WSDL / XML Schema) declares it. */
export interface SoapElementDeclaration {
	/** Local name. */
	name: string;
	/** Namespace of a qualified element; unset for an unqualified one. */
	namespace?: string;
	/** May occur more than once (maxOccurs > 1). */
	repeated?: boolean;
	/** Child elements of a complex type, in schema order (a recursive type's elements may share one list). */
	children?: readonly SoapElementDeclaration[];
}

/** The shape of an operation's request: the Body's element and its children. */
export interface SoapRequestShape {
	/** Local name of the Body's element. */
	name: string;
	/** Its namespace. */
	namespace: string;
	/** Its child elements, in schema order. */
	children: readonly SoapElementDeclaration[];
	/** Prefixes to use for namespaces (namespace → prefix), e.g. a WSDL's own; others get tns, ns1, … */
	prefixes?: ReadonlyMap<string, string>;
}

/** A request value: text, a list (repeated elements), a record (child elements), null (xsi:nil). */
export type SoapValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| readonly SoapValue[]
	| { readonly [name: string]: SoapValue };

/** An XML name without a colon (NCName), as element names and prefixes must be. */
const NC_NAME = /^[\p{L}_][\p{L}\p{M}\p{N}_.\-\u00B7]*$/u;
const RESERVED_PREFIXES = new Set(['soap', 'xsi']);

interface CompiledElement {
	declared: string;
	open: string;
	close: string;
	nil: string;
	children?: Map<string, CompiledElement>;
}

function isRecordValue(value: SoapValue): value is { readonly [name: string]: SoapValue } {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes the request envelopes of one operation. Tags and namespace declarations are prepared
 * once from the declared shape; each call only escapes the values (with the shared XML escaping)
 * and joins the pieces. Child elements are written in declared order whatever the order of the
 * values; a value for an element the shape does not declare is refused.
 *
 * The document is compact, with the namespaces declared on the Envelope and the Body's element
 * prefixed: `<soap:Envelope … xmlns:tns="urn:x"><soap:Body><tns:op><arg0>…</arg0></tns:op>…`.
 */
export class SoapRequestWriter {
	private readonly head: string;

	private readonly tail: string;

	private readonly children: Map<string, CompiledElement>;

	constructor(readonly shape: SoapRequestShape) {
		const prefixes = new Map<string, string>();
		const declarations: string[] = [];
		const used = new Set<string>(RESERVED_PREFIXES);
		let counter = 0;
		const prefixOf = (namespace: string): string => {
			const known = prefixes.get(namespace);
			if (known) return known;
			let prefix = shape.prefixes?.get(namespace);
			if (!prefix || !NC_NAME.test(prefix) || used.has(prefix) || /^xml/i.test(prefix)) {
				prefix = prefixes.size === 0 && !used.has('tns') ? 'tns' : `ns${++counter}`;
				while (used.has(prefix)) prefix = `ns${++counter}`;
			}
			used.add(prefix);
			prefixes.set(namespace, prefix);
			declarations.push(` xmlns:${prefix}="${escapeXmlAttribute(namespace)}"`);
			return prefix;
		};
		const tag = `${prefixOf(shape.namespace)}:${checkedName(shape.name)}`;
		// One compiled list per declared list: a recursive type's elements share theirs.
		const lists = new Map<readonly SoapElementDeclaration[], Map<string, CompiledElement>>();
		const compile = (
			elements: readonly SoapElementDeclaration[],
			depth: number,
		): Map<string, CompiledElement> => {
			const known = lists.get(elements);
			if (known) return known;
			if (depth > MAX_DECLARED_DEPTH)
				throw new SoapFormatError('The declared request is nested too deeply');
			const compiled = new Map<string, CompiledElement>();
			lists.set(elements, compiled);
			for (const element of elements) {
				const name = checkedName(element.name);
				if (compiled.has(name)) continue;
				const qualified = element.namespace ? `${prefixOf(element.namespace)}:${name}` : name;
				compiled.set(name, {
					declared: name,
					open: `<${qualified}>`,
					close: `</${qualified}>`,
					nil: `<${qualified} xsi:nil="true"/>`,
					children: element.children ? compile(element.children, depth + 1) : undefined,
				});
			}
			return compiled;
		};
		this.children = compile(shape.children, 0);
		this.head =
			'<?xml version="1.0" encoding="utf-8"?>' +
			`<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}" xmlns:xsi="${XSI_NS}"${declarations.join('')}>` +
			`<soap:Body><${tag}>`;
		this.tail = `</${tag}></soap:Body></soap:Envelope>`;
	}

	/** The envelope for these values of the Body element's children. */
	write(values: { readonly [name: string]: SoapValue }): string {
		return `${this.head}${writeChildren(this.shape.name, this.children, values)}${this.tail}`;
	}
}

const MAX_DECLARED_DEPTH = 64;

function checkedName(name: string): string {
	if (!NC_NAME.test(name))
		throw new SoapFormatError(`"${name.slice(0, 80)}" is not a usable element name`);
	return name;
}

function writeChildren(
	parent: string,
	declared: Map<string, CompiledElement>,
	values: { readonly [name: string]: SoapValue },
): string {
	for (const key of Object.keys(values)) {
		if (!declared.has(key) && values[key] !== undefined) {
			throw new SoapFormatError(`<${parent}> has no element <${key}>`);
		}
	}
	let out = '';
	for (const [name, element] of declared) {
		if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
		const value = values[name];
		if (Array.isArray(value)) {
			for (const item of value as readonly SoapValue[]) out += writeElement(element, item);
		} else {
			out += writeElement(element, value);
		}
	}
	return out;
}

function writeElement(element: CompiledElement, value: SoapValue): string {
	if (value === undefined) return '';
	if (value === null) return element.nil;
	if (isRecordValue(value)) {
		return `${element.open}${writeChildren(element.declared, element.children ?? new Map(), value)}${element.close}`;
	}
	if (Array.isArray(value))
		throw new SoapFormatError(`<${element.declared}> cannot hold a list inside a list`);
	return `${element.open}${escapeXml(String(value))}${element.close}`;
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
	let fault: SoapFault | undefined;
	const answer = readAnswer(source, response, operation, {
		urlHint: options.urlHint ?? 'Check the URL in the credential.',
		read: (body) =>
			readSoapEnvelope(body, { arrayTags: options.arrayTags, maxBytes: options.maxBytes }),
		fault: (message) => {
			if (!message.fault) return undefined;
			fault = message.fault;
			const described = options.describeFault?.(fault);
			return remoteError(
				redact(
					`${system} refused ${operation}: ${fault.faultstring || fault.faultcode || 'SOAP Fault'}`,
					source.secretValues(),
				),
				{
					system,
					kind: 'remote',
					operation,
					code: described?.code ?? (fault.faultcode || undefined),
					meaning: described?.meaning,
					group:
						described?.group ?? (fault.faultcode ? `SOAP fault ${fault.faultcode}` : undefined),
					serverMessage: fault.faultstring || undefined,
					hint: described?.hint,
					transient: described?.transient,
					httpStatus: response.status,
				},
			);
		},
	});
	return answer.error ? { error: answer.error, fault } : { message: answer.value };
}
