import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Safe XML layer shared by every XML-speaking transport and simulator.
 *
 * - Documents carrying a DTD (`<!DOCTYPE` / `<!ENTITY`) are refused outright, so entity expansion
 *   ("billion laughs") and external entities can never happen.
 * - Input above a size limit is refused before parsing.
 * - Truncated or otherwise malformed documents are refused by the validator, never half-read.
 * - Entities are decoded here (the five predefined ones and numeric character references), so every
 *   character that {@link escapeXml} writes comes back identical.
 * - Values are strings; typing is the job of whoever knows the schema.
 */

export const DEFAULT_MAX_XML_BYTES = 5 * 1024 * 1024;

export const ATTR_PREFIX = '@_';
export const TEXT_KEY = '#text';

export type XmlReason = 'dtd' | 'too-large' | 'malformed' | 'empty' | 'not-xml';

export class XmlSafetyError extends Error {
	constructor(
		message: string,
		readonly reason: XmlReason,
	) {
		super(message);
		this.name = 'XmlSafetyError';
	}
}

export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
	[key: string]: XmlValue;
}

export interface XmlParseOptions {
	/** Refuse documents longer than this many bytes (UTF-8). */
	maxBytes?: number;
	/** Element names that are always read as arrays, even when they occur once. */
	arrayTags?: Iterable<string>;
	/** Drop namespace prefixes from element and attribute names (SOAP). */
	removeNamespacePrefix?: boolean;
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

const ENTITY_PATTERN = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g;

/** Decode the predefined XML entities and numeric character references. Unknown names stay as written. */
export function decodeXmlEntities(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(ENTITY_PATTERN, (whole, body: string) => {
		if (body[0] === '#') {
			const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
				return whole;
			}
			return String.fromCodePoint(code);
		}
		return NAMED_ENTITIES[body] ?? whole;
	});
}

// Characters written as references: markup, quotes, CR (line-end normalisation would eat it)
// and the C0/C1 controls other than tab and line feed.
// eslint-disable-next-line no-control-regex
const ESCAPE_PATTERN = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Escape text for element content and attribute values alike. */
export function escapeXml(value: string): string {
	return value.replace(ESCAPE_PATTERN, (ch) => {
		switch (ch) {
			case '&':
				return '&amp;';
			case '<':
				return '&lt;';
			case '>':
				return '&gt;';
			case '"':
				return '&quot;';
			case "'":
				return '&apos;';
			default:
				return `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`;
		}
	});
}

/**
 * Remove the indentation between child elements: whitespace-only text of an element that has
 * child elements. Text of leaf elements is kept exactly, whitespace included.
 */
function dropLayoutText(value: XmlElement): XmlElement {
	const stack: XmlValue[] = [value];
	while (stack.length) {
		const current = stack.pop()!;
		if (Array.isArray(current)) {
			for (const v of current) if (typeof v === 'object') stack.push(v);
			continue;
		}
		if (typeof current !== 'object') continue;
		let hasChild = false;
		for (const key of Object.keys(current)) {
			if (key === TEXT_KEY || key.startsWith(ATTR_PREFIX)) continue;
			hasChild = true;
			const child = current[key];
			if (typeof child === 'object') stack.push(child);
		}
		const text = current[TEXT_KEY];
		if (hasChild && typeof text === 'string' && text.trim() === '') delete current[TEXT_KEY];
	}
	return value;
}

function malformed(message: string): XmlSafetyError {
	return new XmlSafetyError(message, 'malformed');
}

const DTD_PATTERN = /<!DOCTYPE|<!ENTITY/i;

function describeValidationError(err: { code: string; msg: string; line: number; col: number }): string {
	return `${err.msg} (line ${err.line}, column ${err.col})`;
}

const parserCache = new Map<string, XMLParser>();

function getParser(options: XmlParseOptions): XMLParser {
	const arrayTags = options.arrayTags ? [...options.arrayTags].sort() : [];
	const key = `${options.removeNamespacePrefix ? 1 : 0}|${arrayTags.join(',')}`;
	let parser = parserCache.get(key);
	if (!parser) {
		const arraySet = new Set(arrayTags);
		parser = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: ATTR_PREFIX,
			textNodeName: TEXT_KEY,
			trimValues: false,
			parseTagValue: false,
			parseAttributeValue: false,
			processEntities: false,
			htmlEntities: false,
			ignoreDeclaration: true,
			ignorePiTags: true,
			removeNSPrefix: options.removeNamespacePrefix ?? false,
			commentPropName: false,
			isArray: (name) => arraySet.has(name),
			tagValueProcessor: (_name, value) => decodeXmlEntities(value),
			attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
		});
		parserCache.set(key, parser);
	}
	return parser;
}

/**
 * Parse an XML document into plain objects: attributes under `@_name`, text under `#text`
 * (or the element's value directly when it has neither attributes nor children).
 */
export function parseXml(input: string | Buffer, options: XmlParseOptions = {}): XmlElement {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
	const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
	if (size > maxBytes) {
		throw new XmlSafetyError(
			`XML document of ${size} bytes is larger than the limit of ${maxBytes} bytes`,
			'too-large',
		);
	}
	let text = typeof input === 'string' ? input : input.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') throw new XmlSafetyError('The XML document is empty', 'empty');
	if (DTD_PATTERN.test(text)) {
		throw new XmlSafetyError(
			'XML documents with a DOCTYPE or ENTITY declaration are refused (entity expansion protection)',
			'dtd',
		);
	}
	if (!text.trimStart().startsWith('<')) {
		throw new XmlSafetyError('The document is not XML', 'not-xml');
	}
	const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
	if (valid !== true) {
		throw new XmlSafetyError(
			`Malformed or truncated XML: ${describeValidationError(valid.err)}`,
			'malformed',
		);
	}
	try {
		return dropLayoutText(getParser(options).parse(text) as XmlElement);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw malformed(`Malformed XML: ${reason}`);
	}
}

/** The single root element of a parsed document: its name and content. */
export function rootOf(doc: XmlElement): { name: string; element: XmlElement } {
	const names = Object.keys(doc).filter((k) => !k.startsWith('?'));
	if (names.length !== 1) {
		throw new XmlSafetyError(`Expected one root element, found ${names.length}`, 'malformed');
	}
	const value = doc[names[0]];
	if (Array.isArray(value)) {
		throw new XmlSafetyError(`Expected one root element, found ${value.length} <${names[0]}> elements`, 'malformed');
	}
	return { name: names[0], element: asElement(value) };
}

/** Normalise a parsed value into an element object (text-only elements become `{ '#text': … }`). */
export function asElement(value: XmlValue | undefined): XmlElement {
	if (value === undefined) return {};
	if (Array.isArray(value)) return asElement(value[0]);
	if (typeof value === 'string') return { [TEXT_KEY]: value };
	return value;
}

/** Normalise a parsed value into a list of elements. */
export function asElements(value: XmlValue | undefined): XmlElement[] {
	if (value === undefined) return [];
	return (Array.isArray(value) ? value : [value]).map((v) => asElement(v));
}

/** Text content of a parsed element or value ('' when absent). */
export function textOf(value: XmlValue | undefined): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return textOf(value[0]);
	const text = value[TEXT_KEY];
	return typeof text === 'string' ? text : '';
}

/** An attribute of a parsed element, or undefined. */
export function attrOf(element: XmlElement, name: string): string | undefined {
	const value = element[ATTR_PREFIX + name];
	return typeof value === 'string' ? value : undefined;
}

/**
 * Set a property whose name comes from a document. Names such as `__proto__` become ordinary
 * own properties instead of changing the object's prototype.
 */
export function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
	Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Child element names of a parsed element (attributes and text left out). */
export function childNames(element: XmlElement): string[] {
	return Object.keys(element).filter((k) => k !== TEXT_KEY && !k.startsWith(ATTR_PREFIX));
}

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: ATTR_PREFIX,
	textNodeName: TEXT_KEY,
	format: true,
	indentBy: '    ',
	suppressEmptyNode: false,
	suppressBooleanAttributes: false,
	processEntities: false,
	tagValueProcessor: (_name, value) => escapeXml(String(value)),
	attributeValueProcessor: (_name, value) => escapeXml(String(value)),
});

/**
 * Serialise plain objects (same shape {@link parseXml} returns) into XML text.
 * Every text and attribute value is escaped with {@link escapeXml}.
 */
export function buildXml(doc: XmlElement, declaration = false): string {
	const body = (builder.build(doc) as string).trimEnd();
	return declaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
}
