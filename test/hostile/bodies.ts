/**
 * Hostile documents, each derived from a valid one of the protocol under test. A template is a
 * valid document holding MARK once: in XML where element text may stand, in JSON where a value
 * may stand. Every variant replaces the mark (or cuts the document) so the rest of the document
 * stays what the protocol expects.
 */

export const MARK = '@@HOSTILE@@';

export type Format = 'xml' | 'json';

export interface Template {
	format: Format;
	/** A valid document with MARK in it once. */
	text: string;
}

export const XML_TYPE = 'text/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Nesting depth of the deep documents. */
export const DEPTH = 50_000;

export const TEN_MB = 10 * 1024 * 1024;

/** Bytes that are not UTF-8: a lone continuation byte, an invalid lead byte, an encoded surrogate, a truncated sequence. */
export const INVALID_UTF8 = Buffer.from([0x80, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc3]);

const LAUGHS = [
	' <!ENTITY lol "lol">',
	...Array.from(
		{ length: 9 },
		(_v, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
	),
];

function put(template: Template, replacement: string): string {
	if (!template.text.includes(MARK)) throw new Error('The template holds no mark');
	return template.text.replace(MARK, () => replacement);
}

/** The document type line goes after an XML declaration, if there is one. */
function withDoctype(xml: string, declarations: string[]): string {
	const match = /^\s*<\?xml[^>]*\?>\s*/.exec(xml);
	const head = match ? match[0] : '';
	const rest = xml.slice(head.length);
	const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1] ?? 'root';
	return `${head}<!DOCTYPE ${root} [\n${declarations.join('\n')}\n]>\n${rest}`;
}

/** The template with harmless text: the valid document. */
export function sane(template: Template, text = 'ok'): string {
	return put(template, template.format === 'xml' ? text : JSON.stringify(text));
}

/** Classic entity expansion: ten levels of ten references (10^9 "lol"s). */
export function billionLaughs(template: Template): string {
	if (template.format === 'json') return withDoctype(put(XML_OF_JSON, '&lol9;'), LAUGHS);
	return withDoctype(put(template, '&lol9;'), LAUGHS);
}

/** An external entity that would read a local file. */
export function externalEntity(template: Template): string {
	const declaration = [' <!ENTITY xxe SYSTEM "file:///etc/passwd">'];
	if (template.format === 'json') return withDoctype(put(XML_OF_JSON, '&xxe;'), declaration);
	return withDoctype(put(template, '&xxe;'), declaration);
}

/** DEPTH nested elements inside the document (an XML document for JSON templates). */
export function deepXml(template: Template): string {
	const inner = `${'<n>'.repeat(DEPTH)}x${'</n>'.repeat(DEPTH)}`;
	return put(template.format === 'xml' ? template : XML_OF_JSON, inner);
}

/** DEPTH nested arrays inside the document (a JSON document for XML templates). */
export function deepJson(template: Template): string {
	const inner = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
	return put(template.format === 'json' ? template : JSON_OF_XML, inner);
}

/** A valid document of about `bytes` bytes: the mark replaced by that much text. */
export function huge(template: Template, bytes = TEN_MB): string {
	const padding = 'A'.repeat(Math.max(0, bytes - template.text.length));
	return put(template, template.format === 'xml' ? padding : `"${padding}"`);
}

/** The first half of the valid document. */
export function truncated(template: Template): string {
	const whole = sane(template);
	return whole.slice(0, Math.floor(whole.length / 2));
}

/** A truncated document of the other format. */
export function truncatedOther(template: Template): string {
	return truncated(template.format === 'xml' ? JSON_OF_XML : XML_OF_JSON);
}

/** A well-formed document of the other format, carrying `echo`. */
export function otherFormat(
	template: Template,
	echo: string,
): { body: string; contentType: string } {
	return template.format === 'xml'
		? { body: sane(JSON_OF_XML, echo), contentType: JSON_TYPE }
		: { body: sane(XML_OF_JSON, escapeText(echo)), contentType: XML_TYPE };
}

/** The valid document with bytes that are not UTF-8 where the mark was. */
export function invalidUtf8(template: Template): Buffer {
	const [before, after] = template.text.split(MARK);
	const quote = template.format === 'json' ? '"' : '';
	return Buffer.concat([
		Buffer.from(`${before}${quote}x`, 'utf8'),
		INVALID_UTF8,
		Buffer.from(`x${quote}${after}`, 'utf8'),
	]);
}

/** A PNG image (signature, IHDR, some data), with `echo` in a text chunk. */
export function png(echo: string): Buffer {
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
		Buffer.from('IHDR', 'ascii'),
		Buffer.from([
			0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15,
			0xc4, 0x89,
		]),
		Buffer.from(`tEXtComment\u0000${echo}`, 'latin1'),
		Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
	]);
}

/** An error page as a web server or proxy writes it, with `echo` in its title and body. */
export function htmlPage(status: number, echo: string): string {
	const text = escapeText(echo);
	return [
		'<!DOCTYPE html>',
		`<html><head><title>${status} Error for ${text}</title></head>`,
		`<body><h1>Error ${status}</h1><p>Request was: ${text}</p><hr><address>nginx</address></body></html>`,
		'',
	].join('\n');
}

export function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A generic XML document, used where a JSON API gets XML. */
export const XML_OF_JSON: Template = {
	format: 'xml',
	text: `<?xml version="1.0" encoding="UTF-8"?>\n<Response Result="Success"><Message>${MARK}</Message></Response>\n`,
};

/** A generic JSON document, used where an XML API gets JSON. */
export const JSON_OF_XML: Template = {
	format: 'json',
	text: `{"Result":"Success","status":200,"records":[],"Message":${MARK}}`,
};

/** A hostile request or answer body and the content type it would naturally be sent with. */
export interface HostileBody {
	name: string;
	build(template: Template, echo: string): { body: string | Buffer; contentType: string };
}

const typeOf = (format: Format) => (format === 'xml' ? XML_TYPE : JSON_TYPE);

/** The hostile bodies every endpoint that reads a request body is sent (`echo` is a secret it must not repeat). */
export const HOSTILE_BODIES: HostileBody[] = [
	{ name: 'billion laughs', build: (t) => ({ body: billionLaughs(t), contentType: XML_TYPE }) },
	{ name: 'external entity', build: (t) => ({ body: externalEntity(t), contentType: XML_TYPE }) },
	{ name: '50,000 nested elements', build: (t) => ({ body: deepXml(t), contentType: XML_TYPE }) },
	{ name: '50,000 nested arrays', build: (t) => ({ body: deepJson(t), contentType: JSON_TYPE }) },
	{ name: 'a 10 MB body', build: (t) => ({ body: huge(t), contentType: typeOf(t.format) }) },
	{
		name: 'truncated XML',
		build: (t) => ({
			body: t.format === 'xml' ? truncated(t) : truncatedOther(t),
			contentType: XML_TYPE,
		}),
	},
	{
		name: 'truncated JSON',
		build: (t) => ({
			body: t.format === 'json' ? truncated(t) : truncatedOther(t),
			contentType: JSON_TYPE,
		}),
	},
	{ name: 'the other format', build: (t, echo) => otherFormat(t, echo) },
	{
		name: 'a binary image/png body',
		build: (_t, echo) => ({ body: png(echo), contentType: 'image/png' }),
	},
	{
		name: 'an HTML page',
		build: (_t, echo) => ({ body: htmlPage(200, echo), contentType: 'text/html; charset=utf-8' }),
	},
	{
		name: 'invalid UTF-8',
		build: (t) => ({ body: invalidUtf8(t), contentType: typeOf(t.format) }),
	},
	{ name: 'an empty body', build: (t) => ({ body: '', contentType: typeOf(t.format) }) },
];
