/** The shape of XML as this pack reads and writes it, its limits and its reading errors. */

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
