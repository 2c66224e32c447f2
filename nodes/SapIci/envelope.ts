import { readSoapEnvelope, type SoapFault, type SoapMessage } from '../shared/transport/soap';
import {
	ATTR_PREFIX,
	buildXml,
	childNames,
	DEFAULT_MAX_XML_BYTES,
	TEXT_KEY,
	type XmlElement,
	type XmlValue,
} from '../shared/xml';
import { SOAP_ENV_NS, XSD_NS, XSI_NS, type ChildForm } from './constants';
import { childOf, isNil } from './elements';
import { EMBEDDED_XML_ELEMENTS, embedXmlContent } from './embeddedXml';

/**
 * The ICI wire format of chapter 9 on top of the safe XML layer: SOAP 1.1 envelopes with an
 * optional `<soap:Header>` carrying `language` and `user`, a body element in the interface
 * namespace whose children are qualified or unqualified (`xmlns=""`) as the samples show, and
 * `IciErrorCodes` fault details.
 */

export interface IciSoapHeader {
	namespace: string;
	language?: string;
	user?: string;
}

export interface BodyChild {
	name: string;
	value: XmlValue;
	/** Namespace of this child when it is neither the body's nor unqualified. */
	namespace?: string;
}

export interface IciEnvelopeSpec {
	/** Namespace of the body element. */
	namespace: string;
	/** Local name of the body element. */
	operation: string;
	children: BodyChild[];
	childForm: ChildForm;
	header?: IciSoapHeader;
}

function withNamespace(value: XmlValue, namespace: string): XmlValue {
	const attr = `${ATTR_PREFIX}xmlns`;
	if (typeof value === 'string')
		return value === '' ? { [attr]: namespace } : { [TEXT_KEY]: value, [attr]: namespace };
	if (Array.isArray(value)) return value.map((v) => withNamespace(v, namespace));
	return { [attr]: namespace, ...value };
}

/** Write an ICI request (or answer) envelope. Text is escaped by the XML layer. */
export function writeIciEnvelope(spec: IciEnvelopeSpec): string {
	const body: XmlElement = { [`${ATTR_PREFIX}xmlns`]: spec.namespace };
	for (const child of spec.children) {
		const namespace = child.namespace ?? (spec.childForm === 'unqualified' ? '' : undefined);
		body[child.name] =
			namespace === undefined ? child.value : withNamespace(child.value, namespace);
	}
	const envelope: XmlElement = {
		[`${ATTR_PREFIX}xmlns:xsi`]: XSI_NS,
		[`${ATTR_PREFIX}xmlns:xsd`]: XSD_NS,
		[`${ATTR_PREFIX}xmlns:soap`]: SOAP_ENV_NS,
	};
	const header = spec.header;
	if (header && (header.language || header.user)) {
		const entries: XmlElement = {};
		if (header.language)
			entries.language = { [`${ATTR_PREFIX}xmlns`]: header.namespace, [TEXT_KEY]: header.language };
		if (header.user)
			entries.user = { [`${ATTR_PREFIX}xmlns`]: header.namespace, [TEXT_KEY]: header.user };
		envelope['soap:Header'] = entries;
	}
	envelope['soap:Body'] = { [spec.operation]: body };
	return buildXml({ 'soap:Envelope': envelope }, true);
}

/**
 * Read an envelope (either direction); namespace prefixes and declarations are dropped. Attached
 * data sent as child elements reads as the same text as attached data sent escaped.
 */
export function readIciEnvelope(
	xml: string | Buffer,
	maxBytes = DEFAULT_MAX_XML_BYTES,
	embeddedXml: readonly string[] = [],
): SoapMessage {
	const size = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.length;
	if (size > maxBytes) return readSoapEnvelope(xml, { maxBytes });
	const text = typeof xml === 'string' ? xml : xml.toString('utf8');
	const embedded = embedXmlContent(text, [...EMBEDDED_XML_ELEMENTS, ...embeddedXml]);
	if (embedded === text) return readSoapEnvelope(text, { maxBytes });
	// Escaping makes the document longer; the limit stays the one of what was sent.
	return readSoapEnvelope(embedded, {
		maxBytes: maxBytes + Buffer.byteLength(embedded, 'utf8') - size,
	});
}

// ---------------------------------------------------------------------------------------------
// Faults

export interface IciErrorCodes {
	areaCode: number | null;
	errorCode: number | null;
	errorText: string | null;
	errorRetry: boolean;
	/** The SoapException `message` element, when sent. */
	message?: string | null;
}

function textValue(value: XmlValue | undefined): string | null {
	if (value === undefined || isNil(value)) return null;
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return textValue(value[0]);
	const text = value[TEXT_KEY];
	return typeof text === 'string' ? text : '';
}

function intValue(value: XmlValue | undefined): number | null {
	const text = textValue(value)?.trim();
	return text && /^[-+]?\d+$/.test(text) ? Number(text) : null;
}

function findCodes(element: XmlElement, depth: number): XmlElement | undefined {
	if (childOf(element, 'errorCode') !== undefined || childOf(element, 'areaCode') !== undefined)
		return element;
	if (depth === 0) return undefined;
	for (const name of childNames(element)) {
		const child = element[name];
		const candidates = Array.isArray(child) ? child : [child];
		for (const candidate of candidates) {
			if (typeof candidate !== 'object' || Array.isArray(candidate)) continue;
			const found = findCodes(candidate, depth - 1);
			if (found) return found;
		}
	}
	return undefined;
}

/**
 * The ICI error codes of a Fault's detail: `IciErrorCodes` (or `SoapException`) with areaCode,
 * errorCode, errorText and errorRetry. Undefined when the detail carries none.
 */
export function readIciErrorCodes(fault: SoapFault): IciErrorCodes | undefined {
	if (!fault.detail) return undefined;
	const codes = findCodes(fault.detail, 3);
	if (!codes) return undefined;
	const retry = textValue(childOf(codes, 'errorRetry'))?.trim() ?? '';
	const out: IciErrorCodes = {
		areaCode: intValue(childOf(codes, 'areaCode')),
		errorCode: intValue(childOf(codes, 'errorCode')),
		errorText: textValue(childOf(codes, 'errorText')),
		errorRetry: /true|^1$/i.test(retry) && !/false/i.test(retry),
	};
	const message = childOf(codes, 'message');
	if (message !== undefined) out.message = textValue(message);
	return out;
}
