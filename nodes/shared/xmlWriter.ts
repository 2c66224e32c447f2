import { XMLBuilder } from 'fast-xml-parser';

import { findIllegalXmlCharacter, isXmlChar, refuseXmlCharacter } from './xmlCharacters';
import { ATTR_PREFIX, TEXT_KEY, type XmlElement } from './xmlTypes';

/**
 * Writing XML: escaping for element content and attribute values (a character XML 1.0 does not
 * allow is refused, never written), and serialising the parser's plain objects back to text.
 */

// Characters written as references: markup, quotes, CR (line-end normalisation would eat it) and
// the C1 controls; the C0 controls XML 1.0 does not allow are matched too, and refused.
// eslint-disable-next-line no-control-regex
const ESCAPE_PATTERN = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// In attribute values tab and line feed too: a reader normalises them to spaces.
const ATTRIBUTE_ESCAPE_PATTERN =
	// eslint-disable-next-line no-control-regex
	/[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
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
	return isXmlChar(ch.charCodeAt(0)) ? reference(ch) : refuseXmlCharacter(text, offset);
}

/**
 * Whether the text has nothing to escape or refuse: no control character, markup character,
 * quote, C1 control, surrogate, U+FFFE or U+FFFF (most values are such text, and are written as they are).
 */
function isPlainText(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c < 0x20 || c === 38 || c === 60 || c === 62 || c === 34 || c === 39) return false;
		if ((c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return false;
	}
	return true;
}

function escapeStrictly(value: string, pattern: RegExp): string {
	if (isPlainText(value)) return value;
	if (NOT_CHARACTER.test(value))
		refuseXmlCharacter(value, findIllegalXmlCharacter(value)?.index ?? 0);
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
