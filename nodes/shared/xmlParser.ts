import { describeXmlFault, DTD_PATTERN, readXmlDocument, XmlFault } from './xmlReader';
import {
	ATTR_PREFIX,
	DEFAULT_MAX_XML_BYTES,
	TEXT_KEY,
	XmlSafetyError,
	type XmlElement,
	type XmlParseOptions,
	type XmlValue,
} from './xmlTypes';

export { decodeXmlEntities } from './xmlReader';

/**
 * Reading XML: a size limit and a DTD refusal before anything else, then the one pass of
 * xmlReader.ts that checks the document and builds its plain objects, and accessors for them.
 */

const NO_ARRAY_TAGS: ReadonlySet<string> = new Set();
/** The set of each array-tag list callers pass (constants, never changed), made once instead of per document. */
const arrayTagSets = new WeakMap<Iterable<string>, ReadonlySet<string>>();

function arrayTagSet(tags: Iterable<string> | undefined): ReadonlySet<string> {
	if (tags === undefined) return NO_ARRAY_TAGS;
	if (tags instanceof Set) return tags as ReadonlySet<string>;
	let set = arrayTagSets.get(tags);
	if (!set) {
		set = new Set(tags);
		arrayTagSets.set(tags, set);
	}
	return set;
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
	const arrayTags = arrayTagSet(options.arrayTags);
	const read = readXmlDocument(text, {
		removeNamespacePrefix: options.removeNamespacePrefix ?? false,
		arrayTags,
	});
	if (read instanceof XmlFault) {
		throw new XmlSafetyError(
			`${read.refused ? 'Refused XML' : 'Malformed or truncated XML'}: ${describeXmlFault(text, read)}`,
			'malformed',
		);
	}
	return read;
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
