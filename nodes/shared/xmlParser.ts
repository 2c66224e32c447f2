import { XMLParser } from 'fast-xml-parser';

import { escapeRead } from './xmlWriter';
import { describeWellFormednessError, DTD_PATTERN, wellFormednessError } from './xmlWellFormedness';
import {
	ATTR_PREFIX,
	DEFAULT_MAX_XML_BYTES,
	TEXT_KEY,
	XmlSafetyError,
	type XmlElement,
	type XmlParseOptions,
	type XmlValue,
} from './xmlTypes';

/**
 * Reading XML: a size limit and a DTD refusal before anything else, the well-formedness pass,
 * then fast-xml-parser with entities decoded here, and accessors for the plain objects it gives.
 */

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

/** Longest reference body worth reading (`#x10FFFF` and the named ones are far shorter). */
const MAX_REFERENCE_LENGTH = 32;

function isReferenceBody(body: string): boolean {
	if (body.length === 0) return false;
	const first = body.charCodeAt(0);
	let i = 1;
	if (first === 35 /* # */) {
		const hex = body.charCodeAt(1) === 120; /* x */
		i = hex ? 2 : 1;
		if (i >= body.length) return false;
		for (; i < body.length; i++) {
			const c = body.charCodeAt(i);
			const digit = c >= 48 && c <= 57;
			if (!(digit || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102))))) return false;
		}
		return true;
	}
	if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
	for (; i < body.length; i++) {
		const c = body.charCodeAt(i);
		if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
	}
	return true;
}

/** The character a reference body (`amp`, `#60`, `#x3C`) stands for, or undefined to keep it as written. */
function referenced(body: string): string | undefined {
	if (body.charCodeAt(0) !== 35) {
		return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, body)
			? NAMED_ENTITIES[body]
			: undefined;
	}
	const code =
		body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
	if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
		return undefined;
	}
	return String.fromCodePoint(code);
}

/** Decode the predefined XML entities and numeric character references. Unknown names stay as written. */
export function decodeXmlEntities(value: string): string {
	let amp = value.indexOf('&');
	if (amp === -1) return value;
	let out = '';
	let last = 0;
	// The first ';' after the current '&' (kept while later '&'s come before it, so the scan stays linear).
	let semi = -1;
	while (amp !== -1) {
		if (semi <= amp) semi = value.indexOf(';', amp + 1);
		if (semi === -1) break;
		if (semi - amp > MAX_REFERENCE_LENGTH) {
			amp = value.indexOf('&', amp + 1);
			continue;
		}
		const body = value.slice(amp + 1, semi);
		const ch = isReferenceBody(body) ? referenced(body) : undefined;
		if (ch === undefined) {
			amp = value.indexOf('&', amp + 1);
			continue;
		}
		out += value.slice(last, amp) + ch;
		last = semi + 1;
		amp = value.indexOf('&', last);
	}
	return last === 0 ? value : out + value.slice(last);
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

/**
 * Long text runs are taken out of the document before fast-xml-parser reads it and put back
 * when their element's value is processed, and layout whitespace is left out: the parser
 * collects text one character at a time, which made a 10 kB message with a long note cost
 * several times its markup. A NUL character cannot occur in XML, so `NUL index NUL` marks the
 * place of a long run unambiguously.
 */
// eslint-disable-next-line no-control-regex -- NUL marks the runs taken out
const RUN_MARK = /\u0000(\d+)\u0000/g;

/** The raw long text runs of the document being parsed (parsing is synchronous). */
let takenRuns: string[] | undefined;

function takeRuns(text: string, runs: number[]): string {
	const pieces: string[] = [];
	const taken: string[] = [];
	let last = 0;
	for (let i = 0; i < runs.length; i += 3) {
		if (runs[i + 2] === 2) continue;
		pieces.push(text.slice(last, runs[i]));
		if (runs[i + 2] === 1) {
			pieces.push(`\u0000${taken.length}\u0000`);
			taken.push(text.slice(runs[i], runs[i + 1]));
		} else if (runs[i + 2] === 3) {
			// CDATA: its content is literal text, so it is put back escaped (decoding gives it back exactly).
			pieces.push(`\u0000${taken.length}\u0000`);
			taken.push(escapeRead(text.slice(runs[i] + 9, runs[i + 1] - 3).replace(/\r\n?/g, '\n')));
		}
		last = runs[i + 1];
	}
	pieces.push(text.slice(last));
	takenRuns = taken.length ? taken : undefined;
	return pieces.join('');
}

/** Element text as the document meant it: runs put back, line ends normalised, references decoded. */
function elementText(value: string): string {
	const runs = takenRuns;
	if (runs === undefined || !value.includes('\u0000')) return decodeXmlEntities(value);
	let out = '';
	let last = 0;
	for (const mark of value.matchAll(RUN_MARK)) {
		const run = runs[Number(mark[1])].replace(/\r\n?/g, '\n');
		out += decodeXmlEntities(value.slice(last, mark.index)) + decodeXmlEntities(run);
		last = mark.index + mark[0].length;
	}
	return out + decodeXmlEntities(value.slice(last));
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
			// The callbacks below do not use the path; building it for each tag costs about a tenth of the parse.
			jPath: false,
			commentPropName: false,
			isArray: (name) => arraySet.has(name),
			tagValueProcessor: (_name, value) => elementText(value),
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
	if (text.includes('<!') && DTD_PATTERN.test(text)) {
		throw new XmlSafetyError(
			'XML documents with a DOCTYPE or ENTITY declaration are refused (entity expansion protection)',
			'dtd',
		);
	}
	if (!text.trimStart().startsWith('<')) {
		throw new XmlSafetyError('The document is not XML', 'not-xml');
	}
	const runs: number[] = [];
	const problem = wellFormednessError(text, runs);
	if (problem) {
		throw new XmlSafetyError(
			`Malformed or truncated XML: ${describeWellFormednessError(text, problem)}`,
			'malformed',
		);
	}
	try {
		const compact = runs.length ? takeRuns(text, runs) : text;
		return dropLayoutText(getParser(options).parse(compact) as XmlElement);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw malformed(`Malformed XML: ${reason}`);
	} finally {
		takenRuns = undefined;
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
		throw new XmlSafetyError(
			`Expected one root element, found ${value.length} <${names[0]}> elements`,
			'malformed',
		);
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
	if (name === '__proto__') {
		Object.defineProperty(target, name, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	} else {
		target[name] = value;
	}
}

/** Child element names of a parsed element (attributes and text left out). */
export function childNames(element: XmlElement): string[] {
	return Object.keys(element).filter((k) => k !== TEXT_KEY && !k.startsWith(ATTR_PREFIX));
}
