import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { XMLParser } from 'fast-xml-parser';

import {
	ATTR_PREFIX,
	decodeXmlEntities,
	parseXml,
	TEXT_KEY,
	type XmlElement,
	type XmlValue,
} from '../../nodes/shared/xml';

/**
 * Reading requests back off the wire: a loopback server that records exactly what a client
 * sent, an XML reading that applies the end-of-line and attribute-value normalisation of
 * XML 1.0 (what any conformant parser on the other side does), and URL helpers that decode
 * path segments and query parameters as a server does.
 */

export interface CapturedRequest {
	method: string;
	/** The request target exactly as sent: path and query, still percent-encoded. */
	target: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface CaptureServer {
	readonly url: string;
	/** The requests received since the last call, oldest first. */
	take(): CapturedRequest[];
	close(): Promise<void>;
}

/** A server that records every request and answers each with `200 {}`. */
export async function startCaptureServer(): Promise<CaptureServer> {
	let received: CapturedRequest[] = [];
	// Long enough for request targets of a few megabytes: long values travel in URLs too.
	const server = http.createServer({ maxHeaderSize: 16 * 1024 * 1024 }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				target: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		take() {
			const out = received;
			received = [];
			return out;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// XML

/** XML 1.0 §2.11: every CR LF pair and every lone CR becomes LF before anything else. */
function endOfLine(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

function conformantParser(removeNamespacePrefix: boolean): XMLParser {
	return new XMLParser({
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
		removeNSPrefix: removeNamespacePrefix,
		commentPropName: false,
		tagValueProcessor: (_name, value) => decodeXmlEntities(value),
		// XML 1.0 §3.3.3: literal white space in an attribute value is read as a space; references stay.
		attributeValueProcessor: (_name, value) => decodeXmlEntities(value.replace(/[\t\n]/g, ' ')),
	});
}

const parsers = { plain: conformantParser(false), noPrefix: conformantParser(true) };

/**
 * A document as the receiving side reads it. The pack's own `parseXml` must accept it
 * (well-formed, no DTD); values are then read with XML 1.0's normalisation applied.
 */
export function readXml(
	xml: string,
	options: { removeNamespacePrefix?: boolean } = {},
): XmlElement {
	parseXml(xml, { removeNamespacePrefix: options.removeNamespacePrefix });
	const parser = options.removeNamespacePrefix ? parsers.noPrefix : parsers.plain;
	return dropLayout(parser.parse(endOfLine(xml)) as XmlElement);
}

/** Whitespace-only text of elements that have child elements is layout, not content. */
function dropLayout(element: XmlElement): XmlElement {
	const hasChild = Object.keys(element).some((k) => k !== TEXT_KEY && !k.startsWith(ATTR_PREFIX));
	const out: XmlElement = {};
	for (const [key, value] of Object.entries(element)) {
		if (key === TEXT_KEY && hasChild && typeof value === 'string' && value.trim() === '') continue;
		out[key] = dropLayoutValue(value);
	}
	return out;
}

function dropLayoutValue(value: XmlValue): XmlValue {
	if (Array.isArray(value)) return value.map(dropLayoutValue);
	if (typeof value === 'object') return dropLayout(value);
	return value;
}

/** Child elements of a parsed element under one name, as a list. */
export function elements(value: XmlValue | undefined): XmlValue[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** The text of a leaf element ('' for an empty one). */
export function leafText(value: XmlValue | undefined): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) throw new Error('Expected one element, found several');
	const text = value[TEXT_KEY];
	return typeof text === 'string' ? text : '';
}

/** An attribute of a parsed element. */
export function attribute(value: XmlValue | undefined, name: string): string | undefined {
	if (value === undefined || typeof value === 'string' || Array.isArray(value)) return undefined;
	const attr = value[`${ATTR_PREFIX}${name}`];
	return typeof attr === 'string' ? attr : undefined;
}

/** Child element names (attributes and text left out). */
export function childNamesOf(value: XmlValue | undefined): string[] {
	if (value === undefined || typeof value === 'string' || Array.isArray(value)) return [];
	return Object.keys(value).filter((k) => k !== TEXT_KEY && !k.startsWith(ATTR_PREFIX));
}

/** A child element of a parsed element. */
export function child(value: XmlValue | undefined, name: string): XmlValue | undefined {
	if (value === undefined || typeof value === 'string' || Array.isArray(value)) return undefined;
	return Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// URLs

export interface ReadTarget {
	/** Path segments, percent-decoded. */
	segments: string[];
	query: URLSearchParams;
	/** Raw query string (without `?`), '' when there is none. */
	rawQuery: string;
}

/**
 * A request target as a server reads it: the path split into decoded segments and the query.
 * The target must already be what a URL parser makes of it (nothing left to normalise), so
 * every server reads the same path.
 */
export function readTarget(target: string): ReadTarget {
	const parsed = new URL(target, 'http://server.invalid');
	const question = target.indexOf('?');
	const rawPath = question < 0 ? target : target.slice(0, question);
	const rawQuery = question < 0 ? '' : target.slice(question + 1);
	if (parsed.pathname !== rawPath) {
		throw new Error(`The path "${rawPath}" is read as "${parsed.pathname}" by a URL parser`);
	}
	if (rawQuery.includes('#')) throw new Error(`The query "${rawQuery}" carries a fragment`);
	return {
		segments: rawPath.split('/').map((segment) => decodeURIComponent(segment)),
		query: new URLSearchParams(rawQuery),
		rawQuery,
	};
}

/** The query as name → every value, in order. */
export function queryEntries(query: URLSearchParams): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [name, value] of query) (out[name] ??= []).push(value);
	return out;
}
