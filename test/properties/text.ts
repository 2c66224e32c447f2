import fc from 'fast-check';

/**
 * Free text as users put it into n8n fields: markup of every wire format, unicode beyond the
 * basic plane, combining marks, right-to-left text, whitespace, control characters where the
 * format can carry them, and now and then values of tens of kilobytes.
 */

/** Where the text travels: XML 1.0 cannot carry most C0 controls; JSON and URLs carry any. */
export type WireFormat = 'xml' | 'json' | 'url';

/** Markup and escaping sequences of XML, JSON, URLs and the entity / percent forms themselves. */
const MARKUP = [
	'<',
	'>',
	'&',
	'"',
	"'",
	']]>',
	'<![CDATA[',
	'<!--',
	'-->',
	'<?xml',
	'</Property>',
	'<x/>',
	'&amp;',
	'&lt;',
	'&#x41;',
	'&#0;',
	'%',
	'%20',
	'%2F',
	'%25',
	'%E2%82%AC',
	'+',
	'/',
	'?',
	'#',
	'=',
	'&=',
	';',
	',',
	':',
	'@',
	'\\',
	'\\u0000',
	'{',
	'}',
	'[',
	']',
	'{"a":1}',
	'$',
	'`',
	'.',
	'..',
	'../',
	'*',
	'__proto__',
	'null',
];

const WHITESPACE = [
	' ',
	'  ',
	'\t',
	'\n',
	'\r',
	'\r\n',
	'\u00A0',
	'\u2028',
	'\u2029',
	'\u3000',
	'\u200B',
	'\uFEFF',
];

const RTL = [
	'\u202E',
	'\u202B',
	'\u200F',
	'\u200E',
	'\u2067',
	'\u2069',
	'שלום',
	'مرحبا',
	'\u05D0',
	'\u0627\u0644',
];

const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🇮🇹', '👍🏽', '🏳️‍🌈', '𝄞', '𠜎', '\u{10FFFD}', '\u{1F600}\u{FE0F}'];

/** C0 controls (tab, line feed and carriage return aside) and DEL: JSON and URLs only. */
const C0_CONTROLS = [
	...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter(
		(ch) => !'\t\n\r'.includes(ch),
	),
	'\u007F',
];

/** C1 controls are characters of XML 1.0 (discouraged, but allowed). */
const C1_CONTROLS = ['\u0080', '\u0085', '\u009F'];

const astral = fc
	.integer({ min: 0x10000, max: 0x10ffff })
	.map((code) => String.fromCodePoint(code));

const bmp = fc
	.integer({ min: 0xa0, max: 0xfffd })
	.filter((code) => code < 0xd800 || code > 0xdfff)
	.map((code) => String.fromCharCode(code));

const combining = fc
	.tuple(
		fc.constantFrom('a', 'e', 'Z', 'ق', '字', ' '),
		fc.array(fc.integer({ min: 0x300, max: 0x36f }), { minLength: 1, maxLength: 4 }),
	)
	.map(([base, marks]) => base + String.fromCharCode(...marks));

const ascii = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 });

function unitFor(format: WireFormat): fc.Arbitrary<string> {
	const controls = format === 'xml' ? C1_CONTROLS : [...C0_CONTROLS, ...C1_CONTROLS];
	return fc.oneof(
		{ weight: 6, arbitrary: ascii },
		{ weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
		{ weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
		{ weight: 2, arbitrary: fc.constantFrom(...RTL) },
		{ weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
		{ weight: 2, arbitrary: astral },
		{ weight: 2, arbitrary: bmp },
		{ weight: 2, arbitrary: combining },
		{ weight: 1, arbitrary: fc.constantFrom(...controls) },
	);
}

/** Tens of kilobytes: a random chunk repeated (never cut, so no surrogate pair is split). */
function longText(format: WireFormat): fc.Arbitrary<string> {
	return fc
		.tuple(
			fc.string({ unit: unitFor(format), minLength: 1, maxLength: 12 }),
			fc.integer({ min: 10_000, max: 50_000 }),
		)
		.map(([chunk, size]) => chunk.repeat(Math.ceil(size / chunk.length)));
}

export interface TextOptions {
	/** At least one character that is not whitespace. */
	nonBlank?: boolean;
	/** No whitespace at either end (the value survives a trim). */
	trimmed?: boolean;
	/** Leave out long values (fields of operations that carry several of them at once). */
	short?: boolean;
}

/** Whitespace in the sense of String.prototype.trim. */
export function isBlank(value: string): boolean {
	return value.trim() === '';
}

/** Free text for a wire format. */
export function freeText(format: WireFormat, options: TextOptions = {}): fc.Arbitrary<string> {
	const short = fc.string({ unit: unitFor(format), minLength: 0, maxLength: 24 });
	const variants: Array<fc.WeightedArbitrary<string>> = [
		{ weight: 14, arbitrary: short },
		// Text that looks like a CDATA section or an escaped entity all the way through.
		{ weight: 2, arbitrary: short.map((t) => `<![CDATA[${t}]]>`) },
		{ weight: 1, arbitrary: short.map((t) => `&amp;${t}&#x26;`) },
	];
	if (!options.short) variants.push({ weight: 1, arbitrary: longText(format) });
	let text = fc.oneof(...variants);
	if (options.trimmed) text = text.map((t) => t.trim());
	if (options.nonBlank)
		text = text
			.map((t) => (isBlank(t) ? `${t}x${t}` : t))
			.map((t) => (options.trimmed ? t.trim() : t));
	return text;
}

/** Text without the given separator characters (entries of a comma-separated list). */
export function textWithout(
	format: WireFormat,
	separators: RegExp,
	options: TextOptions = {},
): fc.Arbitrary<string> {
	return freeText(format, { ...options, short: true })
		.map((t) => t.replace(separators, '_'))
		.map((t) => (options.trimmed ? t.trim() : t))
		.filter((t) => !options.nonBlank || !isBlank(t));
}

/** Whitespace-only values (what a required field must refuse). */
export const blankText: fc.Arbitrary<string> = fc
	.array(fc.constantFrom(...WHITESPACE.filter(isBlank)), { minLength: 0, maxLength: 4 })
	.map((parts) => parts.join(''));
