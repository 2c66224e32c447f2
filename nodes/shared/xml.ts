import { AsyncLocalStorage } from 'node:async_hooks';

import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * Safe XML layer shared by every XML-speaking transport and simulator.
 *
 * - Documents carrying a DTD (`<!DOCTYPE` / `<!ENTITY`) are refused outright, so entity expansion
 *   ("billion laughs") and external entities can never happen.
 * - Input above a size limit is refused before parsing.
 * - Truncated or otherwise malformed documents are refused by a well-formedness pass before the
 *   (lenient) parser runs, never half-read.
 * - Entities are decoded here (the five predefined ones and numeric character references), so every
 *   character that {@link escapeXml} writes comes back identical.
 * - Values are strings; typing is the job of whoever knows the schema.
 * - Text XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return, U+FFFE,
 *   U+FFFF, unpaired surrogates) is never written: the writer refuses it with an
 *   {@link XmlCharacterError}, and {@link findIllegalXmlCharacter} finds it (also as a `&#x1;`
 *   reference) in documents given as text.
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
		return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, body) ? NAMED_ENTITIES[body] : undefined;
	}
	const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
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

// ---------------------------------------------------------------------------------------------
// Characters of XML 1.0

/** Whether XML 1.0 allows this code point in a document (production Char, section 2.2). */
export function isXmlChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

/** A character XML 1.0 does not allow, where it was found in a text. */
export interface IllegalXmlCharacter {
	/** Index (UTF-16 units) where the character, or the reference written for it, starts. */
	index: number;
	/** Its position in characters (code points), counted from 1. */
	position: number;
	/** The code point (an unpaired surrogate's own value). */
	codePoint: number;
	/** The character reference it was written as (`&#x1;`), when it was one. */
	reference?: string;
}

// eslint-disable-next-line no-control-regex
const ILLEGAL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/u;
const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/** `U+0001`, `U+FFFE`, `U+D800`. */
export function codePointName(code: number): string {
	return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function positionOf(text: string, index: number): number {
	let position = 1;
	for (let i = 0; i < index; i++) {
		const code = text.charCodeAt(i);
		// A surrogate pair is one character.
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		position++;
	}
	return position;
}

/** The character at `index` of `text`, described as {@link findIllegalXmlCharacter} finds one. */
export function illegalXmlCharacterAt(text: string, index: number): IllegalXmlCharacter {
	return illegalAt(text, index);
}

function illegalAt(text: string, index: number, reference?: string, codePoint?: number): IllegalXmlCharacter {
	return {
		index,
		position: positionOf(text, index),
		codePoint: codePoint ?? text.charCodeAt(index),
		...(reference === undefined ? {} : { reference }),
	};
}

/**
 * The first character of `text` that XML 1.0 does not allow; with `references`, also a character
 * reference to one (`&#x1;`, `&#0;`, `&#xFFFE;`), as in a document given as text.
 */
export function findIllegalXmlCharacter(text: string, options: { references?: boolean } = {}): IllegalXmlCharacter | undefined {
	const raw = ILLEGAL_CHARACTER.exec(text);
	let found = raw ? illegalAt(text, raw.index) : undefined;
	if (options.references && text.includes('&#')) {
		CHARACTER_REFERENCE.lastIndex = 0;
		for (let match = CHARACTER_REFERENCE.exec(text); match; match = CHARACTER_REFERENCE.exec(text)) {
			if (found && match.index > found.index) break;
			const body = match[1];
			const code = body[0] === 'x' ? parseInt(body.slice(1), 16) : parseInt(body, 10);
			if (!isXmlChar(code)) {
				found = illegalAt(text, match.index, match[0], Number.isFinite(code) && code <= 0x10ffff ? code : 0x110000);
				break;
			}
		}
	}
	return found;
}

/** `character 5 is U+0001, which XML 1.0 does not allow` (or `… is the reference &#x1; to U+0001 …`). */
export function describeIllegalXmlCharacter(found: IllegalXmlCharacter): string {
	const what = found.codePoint > 0x10ffff ? 'a code point beyond U+10FFFF' : codePointName(found.codePoint);
	const kind = found.reference ? `the reference ${found.reference} to ${what}` : what;
	return `character ${found.position} is ${kind}, which XML 1.0 does not allow`;
}

/** Line and column (both from 1) of an index, as XML readers report positions. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: positionOf(text.slice(lineStart), index - lineStart) };
}

/**
 * Text the XML writer refused: a character XML 1.0 does not allow. The text itself is kept (not
 * enumerable, never in the message) so that the caller can tell which value it was.
 */
export class XmlCharacterError extends Error {
	declare readonly text: string;

	constructor(
		text: string,
		readonly found: IllegalXmlCharacter,
	) {
		super(`${describeIllegalXmlCharacter(found)}: it cannot be written into an XML request`);
		this.name = 'XmlCharacterError';
		Object.defineProperty(this, 'text', { value: text, enumerable: false });
	}
}

interface CharacterWatch {
	refused?: XmlCharacterError;
}

const characterWatches = new AsyncLocalStorage<CharacterWatch>();

/**
 * Run `work`; when it fails after the XML writer refused a character in this same asynchronous
 * flow, it fails with that refusal, whatever the refusal was wrapped into on its way up (a WSDL
 * client's own error, say). Errors `keep` accepts pass unchanged.
 */
export async function surfaceXmlCharacterRefusal<T>(work: () => Promise<T>, keep: (error: unknown) => boolean): Promise<T> {
	const watch: CharacterWatch = {};
	const surfaced = (error: unknown) =>
		watch.refused && !(error instanceof XmlCharacterError) && !keep(error) ? watch.refused : error;
	return await characterWatches.run(watch, async () => await work().catch((error: unknown) => Promise.reject(surfaced(error))));
}

function refuse(text: string, index: number): never {
	const error = new XmlCharacterError(text, illegalAt(text, index));
	const watch = characterWatches.getStore();
	if (watch && !watch.refused) watch.refused = error;
	throw error;
}

// Characters written as references: markup, quotes, CR (line-end normalisation would eat it) and
// the C1 controls; the C0 controls XML 1.0 does not allow are matched too, and refused.
// eslint-disable-next-line no-control-regex
const ESCAPE_PATTERN = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// In attribute values tab and line feed too: a reader normalises them to spaces.
// eslint-disable-next-line no-control-regex
const ATTRIBUTE_ESCAPE_PATTERN = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** An unpaired surrogate (a surrogate code point to a Unicode-mode expression), U+FFFE or U+FFFF. */
const NOT_CHARACTER = /[\p{Cs}\uFFFE\uFFFF]/u;

function reference(ch: string): string {
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
}

function strictReference(ch: string, offset: number, text: string): string {
	return isXmlChar(ch.charCodeAt(0)) ? reference(ch) : refuse(text, offset);
}

function escapeStrictly(value: string, pattern: RegExp): string {
	if (NOT_CHARACTER.test(value)) refuse(value, findIllegalXmlCharacter(value)?.index ?? 0);
	return value.replace(pattern, strictReference);
}

/** Escape text for element content; a character XML 1.0 does not allow is an {@link XmlCharacterError}. */
export function escapeXml(value: string): string {
	return escapeStrictly(value, ESCAPE_PATTERN);
}

/** Escape an attribute value: as element content, and tab and line feed as references. */
export function escapeXmlAttribute(value: string): string {
	return escapeStrictly(value, ATTRIBUTE_ESCAPE_PATTERN);
}

/** Escape text read from a document (a CDATA section put back for the parser): nothing is refused. */
function escapeRead(value: string): string {
	return value.replace(ESCAPE_PATTERN, reference);
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

const ENTITY_AT = /&(?:#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/y;

interface WellFormednessError {
	message: string;
	at: number;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** A character that may start an element or attribute name (letters, `_`, `:` and any non-ASCII). */
const isNameStart = (code: number) =>
	(code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code >= 0x80;

/** A character that may continue a name: a name start, a digit, `-` or `.`. */
const isNameChar = (code: number) => isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;

function isName(name: string): boolean {
	if (name === '' || !isNameStart(name.charCodeAt(0))) return false;
	for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
	return true;
}

function isBlank(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
	return true;
}

/** Reads the start tag at `lt`: its name, where it ends and whether it closes itself. */
function readStartTag(
	text: string,
	lt: number,
): { name: string; end: number; selfClosing: boolean } | WellFormednessError {
	const length = text.length;
	let i = lt + 1;
	while (i < length) {
		const code = text.charCodeAt(i);
		if (isSpace(code) || code === 47 || code === 62) break;
		i++;
	}
	const name = text.slice(lt + 1, i);
	if (!isName(name)) {
		return { message: `Invalid tag name '${name.slice(0, 40)}'`, at: lt };
	}
	let attributes: Set<string> | undefined;
	for (;;) {
		const spaceFrom = i;
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		if (i >= length) return { message: `Tag '${name}' is not closed`, at: lt };
		const code = text.charCodeAt(i);
		if (code === 62) return { name, end: i + 1, selfClosing: false };
		if (code === 47) {
			if (text.charCodeAt(i + 1) === 62) return { name, end: i + 2, selfClosing: true };
			return { message: `Unexpected '/' in tag '${name}'`, at: i };
		}
		if (i === spaceFrom) return { message: `Attribute in tag '${name}' has no space before it`, at: i };
		const attrStart = i;
		while (i < length) {
			const c = text.charCodeAt(i);
			if (c === 61 || isSpace(c) || c === 47 || c === 62) break;
			i++;
		}
		const attribute = text.slice(attrStart, i);
		if (!isName(attribute)) {
			return { message: `Invalid attribute name '${attribute.slice(0, 40)}'`, at: attrStart };
		}
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		if (text.charCodeAt(i) !== 61) return { message: `Attribute '${attribute}' has no value`, at: attrStart };
		i++;
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		const quote = text[i];
		if (quote !== '"' && quote !== "'") {
			return { message: `The value of attribute '${attribute}' is not quoted`, at: i };
		}
		const close = text.indexOf(quote, i + 1);
		if (close === -1) return { message: `The value of attribute '${attribute}' is not closed`, at: i };
		attributes ??= new Set();
		if (attributes.has(attribute)) return { message: `Attribute '${attribute}' is repeated`, at: attrStart };
		attributes.add(attribute);
		i = close + 1;
	}
}

/**
 * One pass over the document checking what the lenient parser lets through: every element
 * closed by its own name, one root, attributes quoted, no bare `&`, no text outside the root,
 * comments/CDATA/processing instructions terminated. Truncation shows as an unclosed tag.
 *
 * With `runs`, it also lists the text runs the parser need not walk through, as triples
 * (start, end, keep): long runs (keep 1, put back after parsing) and layout — whitespace
 * between a tag and a sibling or parent tag, which is not the text of a leaf (keep 0, dropped;
 * 2 when its element turns out to hold text of its own too, where the whitespace is content)
 * and CDATA sections (keep 3, put back as the literal text they hold).
 */
function wellFormednessError(text: string, runs?: number[]): WellFormednessError | undefined {
	const nul = text.indexOf('\u0000');
	if (nul !== -1) return { message: 'The document contains a NUL character', at: nul };
	const stack: string[] = [];
	// Per open element: whether it holds non-blank text, and where its layout runs are listed.
	const mixed: boolean[] = [];
	const layout: Array<number[] | undefined> = [];
	const length = text.length;
	let seenRoot = false;
	let pos = 0;
	// What came before the current text: 0 nothing or other markup, 1 a start tag, 2 an end or empty-element tag.
	let previous = 0;
	while (pos < length) {
		const lt = text.indexOf('<', pos);
		const textEnd = lt === -1 ? length : lt;
		if (textEnd > pos) {
			if (stack.length === 0) {
				if (!isBlank(text, pos, textEnd)) {
					return { message: seenRoot ? 'Extra text after the root element' : 'Text before the root element', at: pos };
				}
			} else {
				for (let amp = text.indexOf('&', pos); amp !== -1 && amp < textEnd; amp = text.indexOf('&', amp + 1)) {
					ENTITY_AT.lastIndex = amp;
					if (!ENTITY_AT.test(text)) return { message: "char '&' is not expected (write it as &amp;)", at: amp };
				}
				if (runs) {
					const top = stack.length - 1;
					if (!isBlank(text, pos, textEnd)) {
						mixed[top] = true;
						if (textEnd - pos >= LONG_TEXT) runs.push(pos, textEnd, 1);
					} else if (previous !== 0 && lt !== -1) {
						// Followed by an end tag (1) or a start tag (2); other markup (0) keeps the text.
						const following = text.charCodeAt(lt + 1) === 47 ? 1 : isNameStart(text.charCodeAt(lt + 1)) ? 2 : 0;
						if (following !== 0 && !(previous === 1 && following === 1)) {
							(layout[top] ??= []).push(runs.length);
							runs.push(pos, textEnd, 0);
						}
					}
				}
			}
		}
		if (lt === -1) break;
		const next = text.charCodeAt(lt + 1);
		if (next === 47) {
			const gt = text.indexOf('>', lt + 2);
			if (gt === -1) return { message: 'Closing tag is not closed', at: lt };
			const name = text.slice(lt + 2, gt).trimEnd();
			const open = stack.pop();
			if (open === undefined) return { message: `Closing tag '${name.slice(0, 40)}' has no opening tag`, at: lt };
			const listed = layout.pop();
			if (mixed.pop() && listed && runs) for (const index of listed) runs[index + 2] = 2;
			if (open !== name) return { message: `Expected closing tag '${open}' instead of '${name.slice(0, 40)}'`, at: lt };
			previous = 2;
			pos = gt + 1;
		} else if (next === 63) {
			const end = text.indexOf('?>', lt + 2);
			if (end === -1) return { message: 'Processing instruction is not closed', at: lt };
			previous = 0;
			pos = end + 2;
		} else if (text.startsWith('<!--', lt)) {
			const end = text.indexOf('-->', lt + 4);
			if (end === -1) return { message: 'Comment is not closed', at: lt };
			previous = 0;
			pos = end + 3;
		} else if (text.startsWith('<![CDATA[', lt)) {
			if (stack.length === 0) return { message: 'CDATA section outside the root element', at: lt };
			const end = text.indexOf(']]>', lt + 9);
			if (end === -1) return { message: 'CDATA section is not closed', at: lt };
			mixed[stack.length - 1] = true;
			runs?.push(lt, end + 3, 3);
			previous = 0;
			pos = end + 3;
		} else {
			const tag = readStartTag(text, lt);
			if ('message' in tag) return tag;
			if (stack.length === 0 && seenRoot) return { message: `Extra element '${tag.name}' after the root element`, at: lt };
			seenRoot = true;
			if (!tag.selfClosing) {
				stack.push(tag.name);
				mixed.push(false);
				layout.push(undefined);
			}
			previous = tag.selfClosing ? 2 : 1;
			pos = tag.end;
		}
	}
	if (stack.length) return { message: `Tag '${stack[stack.length - 1]}' is not closed: the document ends early`, at: length };
	if (!seenRoot) return { message: 'No root element', at: 0 };
	return undefined;
}

/**
 * Long text runs are taken out of the document before fast-xml-parser reads it and put back
 * when their element's value is processed, and layout whitespace is left out: the parser
 * collects text one character at a time, which made a 10 kB message with a long note cost
 * several times its markup. A NUL character cannot occur in XML, so `NUL index NUL` marks the
 * place of a long run unambiguously.
 */
const LONG_TEXT = 64;
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

function describeWellFormednessError(text: string, { message, at }: WellFormednessError): string {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return `${message} (line ${line}, column ${at - lineStart + 1})`;
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
	if (name === '__proto__') {
		Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
	} else {
		target[name] = value;
	}
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
	attributeValueProcessor: (_name, value) => escapeXmlAttribute(String(value)),
});

/**
 * Serialise plain objects (same shape {@link parseXml} returns) into XML text.
 * Every text and attribute value is escaped with {@link escapeXml}.
 */
export function buildXml(doc: XmlElement, declaration = false): string {
	const body = (builder.build(doc) as string).trimEnd();
	return declaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
}
