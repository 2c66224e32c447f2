import { ATTR_PREFIX, TEXT_KEY, type XmlElement, type XmlValue } from './xmlTypes';

/**
 * The one pass that reads an XML document: it checks what makes a document well-formed (every
 * element closed by its own name, one root, attributes quoted and not repeated, no bare `&`, no
 * text outside the root, comments, CDATA sections and processing instructions terminated, so a
 * truncated document shows as an unclosed tag) and builds the plain objects the nodes read as it
 * goes: attributes under `@_name`, text under `#text`, or the element's value directly when it
 * has neither attributes nor children; repeated elements (and the array tags) as arrays, the
 * indentation between child elements left out, text of leaf elements kept exactly. The shape is
 * the one fast-xml-parser gives with the options this pack used with it (a test compares the two
 * on generated documents); reading the document once instead of checking it and then parsing it
 * with that library costs a fifth of the time.
 */

export const DTD_PATTERN = /<!DOCTYPE|<!ENTITY/i;

/**
 * Most elements open at once (fast-xml-parser's default limit): deeper documents are refused,
 * so nothing that walks a result can be driven into a deep recursion.
 */
export const MAX_NESTED_TAGS = 101;

const ENTITY_AT = /&(?:#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/y;

/** Why a document was refused, and where. */
export class XmlFault {
	constructor(
		readonly message: string,
		readonly at: number,
		/** A well-formed document refused for what it holds (a name that could pollute a prototype, too deep a nesting). */
		readonly refused = false,
	) {}
}

export interface XmlReadOptions {
	/** Drop namespace prefixes from element and attribute names, and `xmlns` attributes. */
	removeNamespacePrefix?: boolean;
	/** Element names that are always read as arrays, even when they occur once. */
	arrayTags?: ReadonlySet<string>;
}

// ---- Entities -------------------------------------------------------------------------------

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

/** Text as the document means it: line ends normalised (CR LF and CR to LF), references decoded. */
function contentText(raw: string): string {
	return decodeXmlEntities(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

/**
 * A string that does not hold on to the document it was cut from. V8 keeps a slice of 13 or
 * more characters as a view of its source, so one value kept in an output item would keep the
 * whole answer alive. A JSON round trip gives every string back exactly (lone surrogates
 * included) as a compact copy of its own: a slice of a copy would keep the view's header too.
 */
function detached(value: string): string {
	return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}

// ---- Names ----------------------------------------------------------------------------------

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** A character that may start an element or attribute name (letters, `_`, `:` and any non-ASCII). */
const isNameStart = (code: number) =>
	(code >= 65 && code <= 90) ||
	(code >= 97 && code <= 122) ||
	code === 95 ||
	code === 58 ||
	code >= 0x80;

/** A character that may continue a name: a name start, a digit, `-` or `.`. */
const isNameChar = (code: number) =>
	isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;

function isName(name: string): boolean {
	if (name === '' || !isNameStart(name.charCodeAt(0))) return false;
	for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
	return true;
}

function isBlank(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
	return true;
}

/** Element names that would reach an object's prototype: the document is refused. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Element names that would hide an object method: read with `__` in front. */
const METHOD_NAMES: ReadonlySet<string> = new Set([
	'hasOwnProperty',
	'toString',
	'valueOf',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__',
]);

/** An element's name in the result, or a fault for a name that could pollute a prototype. */
function elementKey(name: string, removeNs: boolean, at: number): string | XmlFault {
	let key = name;
	if (removeNs) {
		const colon = key.indexOf(':');
		if (colon !== -1) key = key.slice(colon + 1);
	}
	if (PROTOTYPE_NAMES.has(key)) {
		return new XmlFault(`Element name '${key}' could cause prototype pollution`, at, true);
	}
	return METHOD_NAMES.has(key) ? `__${key}` : key;
}

/** An attribute's name in the result, or undefined to leave it out (namespace declarations, without prefixes). */
function attributeKey(name: string, removeNs: boolean): string | undefined {
	let key = name;
	if (removeNs) {
		const parts = name.split(':');
		if (parts[0] === 'xmlns') return undefined;
		if (parts.length === 2) key = parts[1];
		if (key === '') return undefined;
	}
	return ATTR_PREFIX + key;
}

/** Attributes of one tag checked for repetition one by one; more are checked through a set. */
const FEW_ATTRIBUTES = 8;

// ---- Tags -----------------------------------------------------------------------------------

interface StartTag {
	name: string;
	end: number;
	selfClosing: boolean;
	/** Raw attribute names and where their values are: name, value start, value end, … */
	attributes: Array<string | number> | undefined;
}

/** Reads the start tag at `lt`: its name, its attributes, where it ends and whether it closes itself. */
function readStartTag(text: string, lt: number): StartTag | XmlFault {
	const length = text.length;
	let i = lt + 1;
	while (i < length) {
		const code = text.charCodeAt(i);
		if (isSpace(code) || code === 47 || code === 62) break;
		i++;
	}
	const name = text.slice(lt + 1, i);
	if (!isName(name)) {
		return new XmlFault(`Invalid tag name '${name.slice(0, 40)}'`, lt);
	}
	let attributes: Array<string | number> | undefined;
	let seen: Set<string> | undefined;
	for (;;) {
		const spaceFrom = i;
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		if (i >= length) return new XmlFault(`Tag '${name}' is not closed`, lt);
		const code = text.charCodeAt(i);
		if (code === 62) return { name, end: i + 1, selfClosing: false, attributes };
		if (code === 47) {
			if (text.charCodeAt(i + 1) === 62) return { name, end: i + 2, selfClosing: true, attributes };
			return new XmlFault(`Unexpected '/' in tag '${name}'`, i);
		}
		if (i === spaceFrom)
			return new XmlFault(`Attribute in tag '${name}' has no space before it`, i);
		const attrStart = i;
		while (i < length) {
			const c = text.charCodeAt(i);
			if (c === 61 || isSpace(c) || c === 47 || c === 62) break;
			i++;
		}
		const attribute = text.slice(attrStart, i);
		if (!isName(attribute)) {
			return new XmlFault(`Invalid attribute name '${attribute.slice(0, 40)}'`, attrStart);
		}
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		if (text.charCodeAt(i) !== 61)
			return new XmlFault(`Attribute '${attribute}' has no value`, attrStart);
		i++;
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		const quote = text[i];
		if (quote !== '"' && quote !== "'") {
			return new XmlFault(`The value of attribute '${attribute}' is not quoted`, i);
		}
		const close = text.indexOf(quote, i + 1);
		if (close === -1) return new XmlFault(`The value of attribute '${attribute}' is not closed`, i);
		if (attributes === undefined) {
			attributes = [attribute, i + 1, close];
		} else {
			// A few attributes are compared one by one; past that a set keeps the check linear.
			if (seen === undefined && attributes.length >= FEW_ATTRIBUTES * 3) {
				seen = new Set();
				for (let a = 0; a < attributes.length; a += 3) seen.add(attributes[a] as string);
			}
			let repeated = false;
			if (seen !== undefined) {
				repeated = seen.has(attribute);
				seen.add(attribute);
			} else {
				for (let a = 0; a < attributes.length; a += 3)
					if (attributes[a] === attribute) repeated = true;
			}
			if (repeated) return new XmlFault(`Attribute '${attribute}' is repeated`, attrStart);
			attributes.push(attribute, i + 1, close);
		}
		i = close + 1;
	}
}

// ---- Elements -------------------------------------------------------------------------------

/** An element being read. */
interface Open {
	/** The name as written, which its end tag must repeat. */
	name: string;
	/** The name in the result. */
	key: string;
	/** Its child elements, then its text and its attributes, in that order. */
	content: XmlElement;
	hasChild: boolean;
	text: string | undefined;
	attributes: Array<string | number> | undefined;
}

function addChild(
	parent: XmlElement,
	key: string,
	value: XmlValue,
	arrayTags?: ReadonlySet<string>,
) {
	if (Object.prototype.hasOwnProperty.call(parent, key)) {
		const existing = parent[key];
		if (Array.isArray(existing)) existing.push(value);
		else parent[key] = [existing, value];
	} else {
		parent[key] = arrayTags?.has(key) ? [value] : value;
	}
}

/** The value of a closed element: a string when it has neither attributes nor children. */
function valueOf(element: Open, source: string, removeNs: boolean): XmlValue {
	const { content, attributes } = element;
	let text = element.text;
	// Whitespace between child elements is indentation, not the element's text.
	if (element.hasChild && text !== undefined && text.trim() === '') text = undefined;
	if (text !== undefined) text = detached(text);
	let hasAttributes = false;
	if (attributes !== undefined) {
		for (let a = 0; a < attributes.length; a += 3) {
			const key = attributeKey(attributes[a] as string, removeNs);
			if (key === undefined) continue;
			if (!hasAttributes) {
				// The text goes before the attributes.
				if (text !== undefined) content[TEXT_KEY] = text;
				hasAttributes = true;
			}
			const raw = source.slice(attributes[a + 1] as number, attributes[a + 2] as number);
			content[key] = detached(contentText(raw));
		}
	}
	if (hasAttributes) return content;
	if (!element.hasChild) return text ?? '';
	if (text !== undefined) content[TEXT_KEY] = text;
	return content;
}

/** Adds a piece of an element's text. */
function addText(element: Open, piece: string): void {
	if (piece === '') return;
	element.text = element.text === undefined ? piece : element.text + piece;
}

/**
 * Reads a document in one pass: its root as plain objects (`{ rootName: value }`), or the first
 * fault found, with its place. Documents with a DTD are refused before this pass (see
 * {@link DTD_PATTERN}).
 */
export function readXmlDocument(text: string, options: XmlReadOptions = {}): XmlElement | XmlFault {
	const nul = text.indexOf('\u0000');
	if (nul !== -1) return new XmlFault('The document contains a NUL character', nul);
	const removeNs = options.removeNamespacePrefix ?? false;
	const arrayTags = options.arrayTags;
	const document: XmlElement = {};
	const stack: Open[] = [];
	const length = text.length;
	let seenRoot = false;
	let refusal: XmlFault | undefined;
	let pos = 0;
	while (pos < length) {
		const lt = text.indexOf('<', pos);
		const textEnd = lt === -1 ? length : lt;
		if (textEnd > pos) {
			if (stack.length === 0) {
				if (!isBlank(text, pos, textEnd)) {
					return new XmlFault(
						seenRoot ? 'Extra text after the root element' : 'Text before the root element',
						pos,
					);
				}
			} else {
				// The '&'s are looked for in this text only: a search in the whole document would run
				// to its end for every text without one, and reading would grow with the square of it.
				const raw = text.slice(pos, textEnd);
				for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', amp + 1)) {
					ENTITY_AT.lastIndex = pos + amp;
					if (!ENTITY_AT.test(text))
						return new XmlFault("char '&' is not expected (write it as &amp;)", pos + amp);
				}
				addText(stack[stack.length - 1], contentText(raw));
			}
		}
		if (lt === -1) break;
		const next = text.charCodeAt(lt + 1);
		if (next === 47) {
			const gt = text.indexOf('>', lt + 2);
			if (gt === -1) return new XmlFault('Closing tag is not closed', lt);
			const name = text.slice(lt + 2, gt).trimEnd();
			const open = stack.pop();
			if (open === undefined)
				return new XmlFault(`Closing tag '${name.slice(0, 40)}' has no opening tag`, lt);
			if (open.name !== name)
				return new XmlFault(
					`Expected closing tag '${open.name}' instead of '${name.slice(0, 40)}'`,
					lt,
				);
			const parent = stack.length ? stack[stack.length - 1] : undefined;
			if (parent) parent.hasChild = true;
			addChild(
				parent ? parent.content : document,
				open.key,
				valueOf(open, text, removeNs),
				arrayTags,
			);
			pos = gt + 1;
		} else if (next === 63) {
			const end = text.indexOf('?>', lt + 2);
			if (end === -1) return new XmlFault('Processing instruction is not closed', lt);
			pos = end + 2;
		} else if (text.startsWith('<!--', lt)) {
			const end = text.indexOf('-->', lt + 4);
			if (end === -1) return new XmlFault('Comment is not closed', lt);
			pos = end + 3;
		} else if (text.startsWith('<![CDATA[', lt)) {
			if (stack.length === 0) return new XmlFault('CDATA section outside the root element', lt);
			const end = text.indexOf(']]>', lt + 9);
			if (end === -1) return new XmlFault('CDATA section is not closed', lt);
			// Literal text: nothing in it is a reference.
			const raw = text.slice(lt + 9, end);
			addText(stack[stack.length - 1], raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
			pos = end + 3;
		} else {
			const tag = readStartTag(text, lt);
			if (tag instanceof XmlFault) return tag;
			if (stack.length === 0 && seenRoot)
				return new XmlFault(`Extra element '${tag.name}' after the root element`, lt);
			seenRoot = true;
			let key = elementKey(tag.name, removeNs, lt);
			if (key instanceof XmlFault) {
				// Said once the whole document is known to be well-formed (a malformed one is told as such).
				refusal ??= key;
				key = '#refused';
			}
			const element: Open = {
				name: tag.name,
				key,
				content: {},
				hasChild: false,
				text: undefined,
				attributes: tag.attributes,
			};
			if (tag.selfClosing) {
				const parent = stack.length ? stack[stack.length - 1] : undefined;
				if (parent) parent.hasChild = true;
				addChild(
					parent ? parent.content : document,
					key,
					valueOf(element, text, removeNs),
					arrayTags,
				);
			} else {
				if (stack.length === MAX_NESTED_TAGS) {
					refusal ??= new XmlFault(
						`Too many nested tags: elements open more than ${MAX_NESTED_TAGS} levels deep`,
						lt,
						true,
					);
				}
				stack.push(element);
			}
			pos = tag.end;
		}
	}
	if (stack.length)
		return new XmlFault(
			`Tag '${stack[stack.length - 1].name}' is not closed: the document ends early`,
			length,
		);
	if (!seenRoot) return new XmlFault('No root element', 0);
	return refusal ?? document;
}

export function describeXmlFault(text: string, { message, at }: XmlFault): string {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return `${message} (line ${line}, column ${at - lineStart + 1})`;
}
