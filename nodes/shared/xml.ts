/**
 * Safe XML layer shared by every XML-speaking transport and simulator.
 *
 * - Documents carrying a DTD (`<!DOCTYPE` / `<!ENTITY`) are refused outright, so entity expansion
 *   ("billion laughs") and external entities can never happen.
 * - Input above a size limit is refused before parsing.
 * - Truncated or otherwise malformed documents are refused, never half-read: one pass checks
 *   each document and builds its objects, and gives them only when the whole document is sound.
 * - Element names that would reach an object's prototype, and nesting deeper than 101 elements,
 *   are refused.
 * - Entities are decoded here (the five predefined ones and numeric character references), so every
 *   character that {@link escapeXml} writes comes back identical.
 * - Values are strings; typing is the job of whoever knows the schema.
 * - Text XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return, U+FFFE,
 *   U+FFFF, unpaired surrogates) is never written: the writer refuses it with an
 *   {@link XmlCharacterError}, and {@link findIllegalXmlCharacter} finds it (also as a `&#x1;`
 *   reference) in documents given as text.
 *
 * This module is the entry; its parts are the shapes and limits (xmlTypes.ts), the characters
 * of XML 1.0 (xmlCharacters.ts), the reading pass and entity decoding (xmlReader.ts), the limits
 * and accessors around it (xmlParser.ts), and escaping and writing (xmlWriter.ts, on
 * fast-xml-parser's builder).
 */

export {
	codePointName,
	describeIllegalXmlCharacter,
	findIllegalXmlCharacter,
	illegalXmlCharacterAt,
	isXmlChar,
	lineAndColumn,
	surfaceXmlCharacterRefusal,
	XmlCharacterError,
	type IllegalXmlCharacter,
} from './xmlCharacters';
export {
	asElement,
	asElements,
	attrOf,
	childNames,
	decodeXmlEntities,
	parseXml,
	rootOf,
	setOwn,
	textOf,
} from './xmlParser';
export * from './xmlTypes';
export { buildXml, escapeXml, escapeXmlAttribute } from './xmlWriter';
