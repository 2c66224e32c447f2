/**
 * The well-formedness pass run before the (lenient) parser: truncated or malformed documents are
 * refused with the place of the fault, and the text runs the parser need not walk are listed.
 */

/** Text runs at least this long are taken out before parsing (see the parser's runs). */
const LONG_TEXT = 64;

export const DTD_PATTERN = /<!DOCTYPE|<!ENTITY/i;

const ENTITY_AT = /&(?:#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/y;

export interface WellFormednessError {
	message: string;
	at: number;
}

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
		if (i === spaceFrom)
			return { message: `Attribute in tag '${name}' has no space before it`, at: i };
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
		if (text.charCodeAt(i) !== 61)
			return { message: `Attribute '${attribute}' has no value`, at: attrStart };
		i++;
		while (i < length && isSpace(text.charCodeAt(i))) i++;
		const quote = text[i];
		if (quote !== '"' && quote !== "'") {
			return { message: `The value of attribute '${attribute}' is not quoted`, at: i };
		}
		const close = text.indexOf(quote, i + 1);
		if (close === -1)
			return { message: `The value of attribute '${attribute}' is not closed`, at: i };
		attributes ??= new Set();
		if (attributes.has(attribute))
			return { message: `Attribute '${attribute}' is repeated`, at: attrStart };
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
export function wellFormednessError(
	text: string,
	runs?: number[],
): WellFormednessError | undefined {
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
					return {
						message: seenRoot
							? 'Extra text after the root element'
							: 'Text before the root element',
						at: pos,
					};
				}
			} else {
				for (
					let amp = text.indexOf('&', pos);
					amp !== -1 && amp < textEnd;
					amp = text.indexOf('&', amp + 1)
				) {
					ENTITY_AT.lastIndex = amp;
					if (!ENTITY_AT.test(text))
						return { message: "char '&' is not expected (write it as &amp;)", at: amp };
				}
				if (runs) {
					const top = stack.length - 1;
					if (!isBlank(text, pos, textEnd)) {
						mixed[top] = true;
						if (textEnd - pos >= LONG_TEXT) runs.push(pos, textEnd, 1);
					} else if (previous !== 0 && lt !== -1) {
						// Followed by an end tag (1) or a start tag (2); other markup (0) keeps the text.
						const following =
							text.charCodeAt(lt + 1) === 47 ? 1 : isNameStart(text.charCodeAt(lt + 1)) ? 2 : 0;
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
			if (open === undefined)
				return { message: `Closing tag '${name.slice(0, 40)}' has no opening tag`, at: lt };
			const listed = layout.pop();
			if (mixed.pop() && listed && runs) for (const index of listed) runs[index + 2] = 2;
			if (open !== name)
				return {
					message: `Expected closing tag '${open}' instead of '${name.slice(0, 40)}'`,
					at: lt,
				};
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
			if (stack.length === 0 && seenRoot)
				return { message: `Extra element '${tag.name}' after the root element`, at: lt };
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
	if (stack.length)
		return {
			message: `Tag '${stack[stack.length - 1]}' is not closed: the document ends early`,
			at: length,
		};
	if (!seenRoot) return { message: 'No root element', at: 0 };
	return undefined;
}

export function describeWellFormednessError(
	text: string,
	{ message, at }: WellFormednessError,
): string {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return `${message} (line ${line}, column ${at - lineStart + 1})`;
}
