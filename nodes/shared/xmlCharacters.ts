import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The characters of XML 1.0: which code points a document may hold, finding one it may not
 * (also written as a `&#x1;` reference), naming it, and the writer's refusal of one.
 */

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

function illegalAt(
	text: string,
	index: number,
	reference?: string,
	codePoint?: number,
): IllegalXmlCharacter {
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
export function findIllegalXmlCharacter(
	text: string,
	options: { references?: boolean } = {},
): IllegalXmlCharacter | undefined {
	const raw = ILLEGAL_CHARACTER.exec(text);
	let found = raw ? illegalAt(text, raw.index) : undefined;
	if (options.references && text.includes('&#')) {
		CHARACTER_REFERENCE.lastIndex = 0;
		for (
			let match = CHARACTER_REFERENCE.exec(text);
			match;
			match = CHARACTER_REFERENCE.exec(text)
		) {
			if (found && match.index > found.index) break;
			const body = match[1];
			const code = body[0] === 'x' ? parseInt(body.slice(1), 16) : parseInt(body, 10);
			if (!isXmlChar(code)) {
				found = illegalAt(
					text,
					match.index,
					match[0],
					Number.isFinite(code) && code <= 0x10ffff ? code : 0x110000,
				);
				break;
			}
		}
	}
	return found;
}

/** `character 5 is U+0001, which XML 1.0 does not allow` (or `… is the reference &#x1; to U+0001 …`). */
export function describeIllegalXmlCharacter(found: IllegalXmlCharacter): string {
	const what =
		found.codePoint > 0x10ffff ? 'a code point beyond U+10FFFF' : codePointName(found.codePoint);
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
export async function surfaceXmlCharacterRefusal<T>(
	work: () => Promise<T>,
	keep: (error: unknown) => boolean,
): Promise<T> {
	const watch: CharacterWatch = {};
	const surfaced = (error: unknown) =>
		watch.refused && !(error instanceof XmlCharacterError) && !keep(error) ? watch.refused : error;
	return await characterWatches.run(
		watch,
		async () => await work().catch((error: unknown) => Promise.reject(surfaced(error))),
	);
}

/** The writer's refusal of the character at `index`, remembered for {@link surfaceXmlCharacterRefusal}. */
export function refuseXmlCharacter(text: string, index: number): never {
	const error = new XmlCharacterError(text, illegalAt(text, index));
	const watch = characterWatches.getStore();
	if (watch && !watch.refused) watch.refused = error;
	throw error;
}
