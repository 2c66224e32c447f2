import { escapeXml, parseXml, XmlSafetyError } from '../shared/xml';

/**
 * Elements whose content is an XML document of its own. ICI types them as xs:string, and OII sends
 * them as escaped text (`&lt;ItemAttachedData&gt;…`) or CDATA; chapter 9.3's actionItemChanged sample
 * carries the document's elements themselves instead, XML declaration included.
 */
export const EMBEDDED_XML_ELEMENTS: readonly string[] = ['attachedData'];

const NAME_START = /[A-Za-z_]/;
const AFTER_NAME = /[\s/>]/;

/** Where the tag that opens at `lt` ends (its `>`), quotes respected; -1 when it does not end. */
function tagEnd(text: string, lt: number): number {
	let quote = '';
	for (let i = lt + 1; i < text.length; i++) {
		const ch = text[i];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") {
			quote = ch;
		} else if (ch === '>') {
			return i;
		}
	}
	return -1;
}

/** The qualified name of the element starting at `lt` when its local name is `local`, else undefined. */
function qualifiedNameAt(text: string, lt: number, local: string): string | undefined {
	let i = lt + 1;
	if (!NAME_START.test(text[i] ?? '')) return undefined;
	let end = i;
	while (end < text.length && !AFTER_NAME.test(text[end])) end++;
	const qName = text.slice(i, end);
	const colon = qName.lastIndexOf(':');
	i = colon + 1;
	return qName.slice(i) === local ? qName : undefined;
}

/**
 * Where the content of an element opened by `<qName …>` (ending at `contentStart`) ends: the index
 * of its matching end tag, or -1 when there is none. CDATA sections and comments are skipped.
 */
function contentEnd(
	text: string,
	qName: string,
	contentStart: number,
): { end: number; after: number } | undefined {
	let depth = 0;
	let pos = contentStart;
	for (;;) {
		const lt = text.indexOf('<', pos);
		if (lt === -1) return undefined;
		if (text.startsWith('<![CDATA[', lt)) {
			const close = text.indexOf(']]>', lt + 9);
			if (close === -1) return undefined;
			pos = close + 3;
			continue;
		}
		if (text.startsWith('<!--', lt)) {
			const close = text.indexOf('-->', lt + 4);
			if (close === -1) return undefined;
			pos = close + 3;
			continue;
		}
		if (text.startsWith('</', lt)) {
			const gt = text.indexOf('>', lt + 2);
			if (gt === -1) return undefined;
			if (text.slice(lt + 2, gt).trim() === qName) {
				if (depth === 0) return { end: lt, after: gt + 1 };
				depth--;
			}
			pos = gt + 1;
			continue;
		}
		if (text.startsWith(qName, lt + 1) && AFTER_NAME.test(text[lt + 1 + qName.length] ?? '')) {
			const gt = tagEnd(text, lt);
			if (gt === -1) return undefined;
			if (text[gt - 1] !== '/') depth++;
			pos = gt + 1;
			continue;
		}
		pos = lt + 1;
	}
}

/** The error for element content that is not a well-formed XML document. */
function malformedContent(qName: string, reason: string): XmlSafetyError {
	return new XmlSafetyError(`Malformed XML in <${qName}>: ${reason}`, 'malformed');
}

/** Whether element content holds markup of its own (elements, declarations), beyond CDATA and comments. */
function holdsMarkup(content: string): boolean {
	if (!content.includes('<')) return false;
	const rest = content.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
	return rest.includes('<');
}

/**
 * The document with the content of each embedded-XML element that holds elements rewritten as
 * escaped text, so that both forms read the same: the element's text is the XML document
 * (without the layout blanks around it). Element content that is not well-formed XML is refused as
 * the malformed document it makes. Documents without such an element come back unchanged.
 */
export function embedXmlContent(
	text: string,
	names: readonly string[] = EMBEDDED_XML_ELEMENTS,
): string {
	let out = text;
	for (const local of names) {
		if (!out.includes(local)) continue;
		const pieces: string[] = [];
		let last = 0;
		let pos = 0;
		for (;;) {
			const found = out.indexOf(local, pos);
			if (found === -1) break;
			pos = found + local.length;
			// Back to the '<' of the tag whose name ends here, if this is an element name at all.
			let lt = found - 1;
			while (lt >= 0 && out[lt] !== '<' && out[lt] !== '>' && !/\s/.test(out[lt])) lt--;
			if (lt < 0 || out[lt] !== '<') continue;
			const qName = qualifiedNameAt(out, lt, local);
			if (qName === undefined || lt + 1 + qName.length !== pos) continue;
			const gt = tagEnd(out, lt);
			if (gt === -1 || out[gt - 1] === '/') continue;
			const span = contentEnd(out, qName, gt + 1);
			if (!span) break;
			const content = out.slice(gt + 1, span.end);
			pos = span.after;
			if (!holdsMarkup(content)) continue;
			const document = content.trim();
			try {
				parseXml(document);
			} catch (error) {
				const reason = error instanceof Error ? error.message : String(error);
				throw malformedContent(qName, reason);
			}
			pieces.push(out.slice(last, gt + 1), escapeXml(document));
			last = span.end;
		}
		if (pieces.length) out = pieces.join('') + out.slice(last);
	}
	return out;
}
