import fc from 'fast-check';

import {
	buildXml,
	decodeXmlEntities,
	escapeXml,
	parseXml,
	rootOf,
	textOf,
	XmlSafetyError,
} from '../nodes/shared/xml';

function reason(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		return error instanceof XmlSafetyError ? error.reason : `unexpected ${String(error)}`;
	}
	return 'no error';
}

describe('safe XML layer', () => {
	it('round-trips any text through element content and attributes', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 60 });
		const controls = fc.string({
			unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
			maxLength: 20,
		});
		fc.assert(
			fc.property(fc.oneof(text, controls, fc.constant(`<&"'> \r\n\t]]>`)), (value) => {
				const xml = buildXml({ Root: { Value: { '@_Name': value, '#text': value } } });
				const root = rootOf(parseXml(xml));
				const el = root.element.Value as Record<string, string>;
				expect(el['@_Name']).toBe(value);
				expect(textOf(el)).toBe(value);
			}),
			{ numRuns: 300 },
		);
	});

	it('escapes markup and control characters on the wire', () => {
		expect(escapeXml(`a<b>&"'\r\u0001`)).toBe('a&lt;b&gt;&amp;&quot;&apos;&#xD;&#x1;');
		expect(decodeXmlEntities('&lt;&#x1F600;&#65;&nbsp;&#xD800;')).toBe('<\u{1F600}A&nbsp;&#xD800;');
	});

	it('refuses DTDs, so entity expansion cannot happen', () => {
		const bomb =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Response>&lol2;</Response>';
		expect(reason(() => parseXml(bomb))).toBe('dtd');
	});

	it('refuses truncated, empty, non-XML and oversized documents', () => {
		expect(reason(() => parseXml('<Response Result="Success"><InvokeID>1</InvokeID>'))).toBe('malformed');
		expect(reason(() => parseXml('   '))).toBe('empty');
		expect(reason(() => parseXml('{"json":true}'))).toBe('not-xml');
		expect(reason(() => parseXml(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000 }))).toBe('too-large');
	});

	it('refuses deep nesting and several root elements as malformed', () => {
		expect(reason(() => parseXml(`${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`))).toBe('malformed');
		expect(reason(() => rootOf(parseXml('<Request/><Request/>')))).toBe('malformed');
	});

	it('keeps listed tags as arrays even when they occur once', () => {
		const doc = parseXml('<R><Item>1</Item></R>', { arrayTags: ['Item'] });
		expect(rootOf(doc).element.Item).toEqual(['1']);
	});
});
