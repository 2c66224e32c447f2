import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import {
	attrOf,
	buildXml,
	decodeXmlEntities,
	describeIllegalXmlCharacter,
	escapeXml,
	escapeXmlAttribute,
	findIllegalXmlCharacter,
	parseXml,
	rootOf,
	textOf,
	XmlCharacterError,
	XmlSafetyError,
	type XmlElement,
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
	it('round-trips any text XML 1.0 can carry through element content and attributes', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 60 });
		// Tab, line feed, carriage return, DEL and the C1 controls; the other C0 controls cannot be written.
		const controls = fc.string({
			unit: fc
				.integer({ min: 0, max: 0x9f })
				.filter((c) => c === 0x9 || c === 0xa || c === 0xd || c >= 0x20)
				.map((c) => String.fromCharCode(c)),
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
		expect(escapeXml(`a<b>&"'\r\u0085`)).toBe('a&lt;b&gt;&amp;&quot;&apos;&#xD;&#x85;');
		expect(decodeXmlEntities('&lt;&#x1F600;&#65;&nbsp;&#xD800;')).toBe('<\u{1F600}A&nbsp;&#xD800;');
	});

	it('refuses to write a character XML 1.0 does not allow, naming it and its position', () => {
		const refusal = (write: () => unknown) => {
			try {
				write();
			} catch (error) {
				expect(error).toBeInstanceOf(XmlCharacterError);
				return (error as XmlCharacterError).message;
			}
			return 'no error';
		};
		expect(refusal(() => escapeXml('ab\u0001'))).toBe(
			'character 3 is U+0001, which XML 1.0 does not allow: it cannot be written into an XML request',
		);
		expect(refusal(() => escapeXmlAttribute('\u{1F600}x\uFFFE'))).toMatch(
			/^character 3 is U\+FFFE,/,
		);
		expect(refusal(() => buildXml({ R: { '@_a': 'x', '#text': '\uD800y' } }))).toMatch(
			/^character 1 is U\+D800,/,
		);
		expect(refusal(() => buildXml({ R: 'x\uDFFF' }))).toMatch(/^character 2 is U\+DFFF,/);
		for (let code = 0; code < 0x20; code++) {
			const ch = String.fromCharCode(code);
			const hex = code.toString(16).toUpperCase().padStart(4, '0');
			expect(refusal(() => escapeXml(ch))).toBe(
				code === 9 || code === 10 || code === 13
					? 'no error'
					: `character 1 is U+${hex}, which XML 1.0 does not allow: it cannot be written into an XML request`,
			);
		}
		expect(escapeXml('\u{10FFFF}\uFFFD\uD83D\uDE00')).toBe('\u{10FFFF}\uFFFD\uD83D\uDE00');
	});

	it('finds such characters in a document given as text, also as references', () => {
		expect(
			findIllegalXmlCharacter('<a>ok&#x9;&#10;&#xD;&#x85;</a>', { references: true }),
		).toBeUndefined();
		expect(findIllegalXmlCharacter('<a>&#x1;</a>')).toBeUndefined();
		expect(findIllegalXmlCharacter('<a>&#x1;</a>', { references: true })).toEqual({
			index: 3,
			position: 4,
			codePoint: 1,
			reference: '&#x1;',
		});
		expect(findIllegalXmlCharacter('<a>\u{1F600}&#65535;\u0002</a>', { references: true })).toEqual(
			{
				index: 5,
				position: 5,
				codePoint: 0xffff,
				reference: '&#65535;',
			},
		);
		expect(findIllegalXmlCharacter('<a>\u0002&#0;</a>', { references: true })).toMatchObject({
			index: 3,
			codePoint: 2,
		});
		expect(findIllegalXmlCharacter('&#x110000;', { references: true })).toMatchObject({
			codePoint: 0x110000,
		});
		expect(
			describeIllegalXmlCharacter(findIllegalXmlCharacter('a&#xDFFF;', { references: true })!),
		).toBe('character 2 is the reference &#xDFFF; to U+DFFF, which XML 1.0 does not allow');
	});

	it('refuses DTDs, so entity expansion cannot happen', () => {
		const bomb =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Response>&lol2;</Response>';
		expect(reason(() => parseXml(bomb))).toBe('dtd');
	});

	it('refuses truncated, empty, non-XML and oversized documents', () => {
		expect(reason(() => parseXml('<Response Result="Success"><InvokeID>1</InvokeID>'))).toBe(
			'malformed',
		);
		expect(reason(() => parseXml('   '))).toBe('empty');
		expect(reason(() => parseXml('{"json":true}'))).toBe('not-xml');
		expect(reason(() => parseXml(`<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1000 }))).toBe(
			'too-large',
		);
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

describe('well-formedness check', () => {
	const fixtures = ['akixi', 'sapIci', 'tvoxMcc']
		.flatMap((dir) => {
			const folder = join(__dirname, 'fixtures', dir);
			return readdirSync(folder, { recursive: true, encoding: 'utf8' })
				.filter((name) => name.endsWith('.xml'))
				.map((name) => readFileSync(join(folder, name), 'utf8'))
				.filter((text) => !/<!DOCTYPE|<!ENTITY/i.test(text));
		})
		.filter((text) => XMLValidator.validate(text) === true);

	it('has documents to work on', () => {
		expect(fixtures.length).toBeGreaterThan(50);
	});

	it('refuses every truncation of every sample document', () => {
		let checked = 0;
		for (const text of fixtures) {
			const whole = text.trimEnd();
			expect(reason(() => parseXml(whole))).toBe('no error');
			for (let cut = 1; cut < whole.length; cut += Math.max(1, Math.floor(whole.length / 400))) {
				const prefix = whole.slice(0, cut);
				if (prefix.trim() === '') continue;
				expect([cut, reason(() => parseXml(prefix))]).toEqual([cut, 'malformed']);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(5000);
	});

	it('refuses whatever fast-xml-parser’s own validator refuses, for single-character damage', () => {
		const damage = fc.record({
			doc: fc.constantFrom(...fixtures),
			position: fc.nat(),
			action: fc.constantFrom('delete', 'insert', 'replace'),
			char: fc.constantFrom('<', '>', '/', '"', "'", '&', '=', ' ', 'x', '!', '?', ']'),
		});
		fc.assert(
			fc.property(damage, ({ doc, position, action, char }) => {
				const at = position % doc.length;
				const damaged =
					action === 'delete'
						? doc.slice(0, at) + doc.slice(at + 1)
						: action === 'insert'
							? doc.slice(0, at) + char + doc.slice(at)
							: doc.slice(0, at) + char + doc.slice(at + 1);
				if (/<!DOCTYPE|<!ENTITY/i.test(damaged) || damaged.trim() === '') return;
				// Whitespace before the XML declaration is tolerated on purpose.
				if (/^\s+<\?xml/.test(damaged)) return;
				if (XMLValidator.validate(damaged, { allowBooleanAttributes: false }) !== true) {
					expect(['malformed', 'not-xml']).toContain(reason(() => parseXml(damaged)));
				}
			}),
			{ numRuns: 3000 },
		);
	});

	it('names the place of the damage', () => {
		const error = (() => {
			try {
				parseXml('<a>\n  <b x="1">\n  </c>\n</a>');
			} catch (e) {
				return (e as Error).message;
			}
			return '';
		})();
		expect(error).toBe(
			"Malformed or truncated XML: Expected closing tag 'b' instead of 'c' (line 3, column 3)",
		);
	});

	it.each([
		['<a x=1/>', "The value of attribute 'x' is not quoted"],
		['<a x="1" x="2"/>', "Attribute 'x' is repeated"],
		['<a b/>', "Attribute 'b' has no value"],
		['<a>&</a>', "char '&' is not expected"],
		['<a/>tail', 'Extra text after the root element'],
		['<a/><b/>', "Extra element 'b' after the root element"],
		['<a><![CDATA[x</a>', 'CDATA section is not closed'],
		['<a><!-- x</a>', 'Comment is not closed'],
		['<a><</a>', "Invalid tag name '<'"],
		['<a x="1"y="2"/>', "Attribute in tag 'a' has no space before it"],
	])('%s is refused: %s', (doc, message) => {
		expect(() => parseXml(doc)).toThrow(message);
	});

	it.each([
		'<?xml version="1.0"?>\n<a/>',
		'<a/><!-- after -->',
		'<ns:a xmlns:ns="u"><ns:b  x = "1" y=\'&lt;\'/></ns:a>',
		'<a><![CDATA[<not> & a tag]]></a>',
		'<a>&#x1F600;&amp;&foo;</a>',
		'<é>ü</é>',
		'<a></a >',
	])('%s is accepted', (doc) => {
		expect(reason(() => parseXml(doc))).toBe('no error');
	});
});

describe('entity decoding', () => {
	/** The textbook reading: one regular expression over the whole text. */
	const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	const reference = (value: string) =>
		value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
			if (body[0] === '#') {
				const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
				if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
				return String.fromCodePoint(code);
			}
			return Object.prototype.hasOwnProperty.call(NAMED, body) ? NAMED[body] : whole;
		});

	it('agrees with a regular-expression reading on any mix of references and stray characters', () => {
		const piece = fc.oneof(
			fc.constantFrom(
				'&',
				';',
				'#',
				'x',
				'amp',
				'lt',
				'gt',
				'quot',
				'apos',
				'nbsp',
				'1F600',
				'60',
				'D800',
				'110000',
				'é',
				' ',
			),
			fc.string({ maxLength: 3 }),
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
				const text = pieces.join('');
				expect(decodeXmlEntities(text)).toBe(reference(text));
			}),
			{ numRuns: 5000 },
		);
	});

	it('leaves names of object properties as written', () => {
		expect(decodeXmlEntities('&constructor;&toString;&__proto__;&hasOwnProperty;')).toBe(
			'&constructor;&toString;&__proto__;&hasOwnProperty;',
		);
	});

	it('stays linear on long runs of ampersands and attributes', () => {
		const ampersands = `${'&'.repeat(2_000_000)};&lt;`;
		expect(decodeXmlEntities(ampersands)).toBe(`${'&'.repeat(2_000_000)};<`);
		const attributes = Array.from({ length: 200_000 }, (_, i) => `a${i}="${i}"`).join(' ');
		const doc = parseXml(`<r ${attributes}/>`, { maxBytes: 10 * 1024 * 1024 });
		expect(Object.keys(rootOf(doc).element)).toHaveLength(200_000);
		expect(
			reason(() => parseXml(`<r ${attributes} a7="x"/>`, { maxBytes: 10 * 1024 * 1024 })),
		).toBe('malformed');
	});
});

describe('long text', () => {
	const longText = fc.string({ unit: 'grapheme', minLength: 60, maxLength: 400 });

	it('comes back identical from element content, next to short text and attributes', () => {
		fc.assert(
			fc.property(longText, fc.string({ maxLength: 10 }), longText, (a, b, c) => {
				const doc = parseXml(buildXml({ R: { '@_x': c, A: a, B: b, C: [a, c] } }));
				expect(rootOf(doc).element).toEqual({ '@_x': c, A: a, B: b, C: [a, c] });
			}),
			{ numRuns: 300 },
		);
	});

	it('normalises raw line ends inside long runs as everywhere else, and keeps written CRs', () => {
		const run = 'x'.repeat(70);
		const doc = parseXml(`<R>\r\n<A>${run}\r\n${run}\r${run}&#xD;\n</A><B>a\r\nb</B></R>`);
		expect(rootOf(doc).element).toEqual({ A: `${run}\n${run}\n${run}\r\n`, B: 'a\nb' });
	});

	it('a NUL character or a reference to one cannot pull in other text', () => {
		const run = 'secret-'.repeat(20);
		expect(reason(() => parseXml(`<R><A>${run}</A><B>\u00000\u0000</B></R>`))).toBe('malformed');
		const doc = parseXml(`<R><A>${run}</A><B>&#0;0&#0;</B></R>`);
		expect(rootOf(doc).element.B).toBe('\u00000\u0000');
	});
});

/** fast-xml-parser with the layer's options, on the untouched text: the independent reading to compare with. */
const referenceParser = (removeNSPrefix = false, arrayTags: string[] = []) =>
	new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		textNodeName: '#text',
		trimValues: false,
		parseTagValue: false,
		parseAttributeValue: false,
		processEntities: false,
		htmlEntities: false,
		ignoreDeclaration: true,
		ignorePiTags: true,
		commentPropName: false,
		removeNSPrefix,
		isArray: (tag) => arrayTags.includes(tag),
		tagValueProcessor: (_name, value) => decodeXmlEntities(value),
		attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
	});

/** The reference's result with the indentation between child elements left out, keys kept in order. */
const withoutLayout = (value: unknown): unknown => {
	if (Array.isArray(value)) return value.map(withoutLayout);
	if (value === null || typeof value !== 'object') return value;
	const record = value as Record<string, unknown>;
	const hasChild = Object.keys(record).some((key) => key !== '#text' && !key.startsWith('@_'));
	const out: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(record)) {
		if (key === '#text' && hasChild && typeof child === 'string' && child.trim() === '') continue;
		out[key] = withoutLayout(child);
	}
	return out;
};

describe('reading agrees with fast-xml-parser on its own', () => {
	const plain = referenceParser();

	const space = fc.constantFrom('', ' ', '\n', '\n    ', '\r\n\t', '  \n  ');
	const words = fc.constantFrom(
		'x',
		'a b',
		'&amp;&lt;',
		'&#x1F600;',
		'Grüße',
		'semi;colon',
		'long '.repeat(30),
		'&#xD;',
	);
	const name = fc.constantFrom('a', 'b', 'c', 'ns:d');
	const { node } = fc.letrec<{ node: string }>((tie) => ({
		node: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			words,
			space,
			fc.constantFrom('<!-- note -->', '<![CDATA[<raw> & ]]>', '<?pi x?>'),
			fc
				.tuple(name, fc.array(fc.tuple(space, tie('node')), { maxLength: 4 }), space, fc.boolean())
				.map(([tag, children, tail, attr]) =>
					children.length === 0 && !tail
						? `<${tag}${attr ? ' k="v&amp;"' : ''}/>`
						: `<${tag}${attr ? ' k="v&amp;"' : ''}>${children.map(([s, c]) => s + c).join('')}${tail}</${tag}>`,
				),
		),
	}));

	it('for any mix of elements, text, layout, comments and CDATA', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(space, node), { maxLength: 5 }), space, (children, tail) => {
				const doc = `<root>${children.map(([s, c]) => s + c).join('')}${tail}</root>`;
				expect(parseXml(doc)).toEqual(withoutLayout(plain.parse(doc)));
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('reading agrees with fast-xml-parser, key order included', () => {
	const outcome = (read: () => unknown) => {
		try {
			return JSON.stringify(read());
		} catch {
			return 'refused';
		}
	};

	const space = fc.constantFrom('', ' ', '\n', '\n    ', '\r\n\t');
	const text = fc.constantFrom(
		'x',
		' padded ',
		'&amp;&lt;&gt;',
		'&#65;&#x42;',
		'&unknown;',
		'a\r\nb',
		'\u00a0',
		'é',
	);
	const tag = fc.constantFrom(
		'a',
		'b',
		'item',
		'soap:Body',
		'ns:item',
		'a:b:c',
		'toString',
		'valueOf',
		'constructor',
	);
	const attribute = fc.tuple(
		fc.constantFrom('k', 'id', 'xmlns', 'xmlns:soap', 'xsi:type', 'p:id', 'a:b:c', '__proto__'),
		fc.constantFrom('v', '', '&amp;1', 'a\r\nb', ' s '),
	);
	const { node } = fc.letrec<{ node: string }>((tie) => ({
		node: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			text,
			space,
			fc.constantFrom('<!-- c -->', '<?pi x?>', '<![CDATA[<raw> & ]]>', '<![CDATA[]]>'),
			fc
				.tuple(
					tag,
					fc.uniqueArray(attribute, { maxLength: 3, selector: ([name]) => name }),
					fc.array(tie('node'), { maxLength: 4 }),
				)
				.map(([name, attributes, children]) => {
					const attrs = attributes.map(([key, value]) => ` ${key}="${value}"`).join('');
					return children.length === 0
						? `<${name}${attrs}/>`
						: `<${name}${attrs}>${children.join('')}</${name}>`;
				}),
		),
	}));

	it('for namespaces, attributes, repeated and listed elements, method names and mixed text', () => {
		fc.assert(
			fc.property(
				fc.array(node, { maxLength: 6 }),
				fc.boolean(),
				fc.subarray(['item', 'b', 'Body']),
				(children, removeNamespacePrefix, arrayTags) => {
					const doc = `<root>${children.join('')}</root>`;
					const ours = outcome(() => parseXml(doc, { removeNamespacePrefix, arrayTags }));
					const theirs = outcome(() =>
						withoutLayout(referenceParser(removeNamespacePrefix, arrayTags).parse(doc)),
					);
					expect(ours).toBe(theirs);
				},
			),
			{ numRuns: 3000 },
		);
	});

	it('for nesting up to its limit of 101 elements, and refuses one more', () => {
		const nested = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
		for (const depth of [100, 101, 102]) {
			expect(outcome(() => parseXml(nested(depth)))).toBe(
				outcome(() => withoutLayout(referenceParser().parse(nested(depth)))),
			);
		}
		expect(() => parseXml(nested(102))).toThrow(/nested tags/);
	});
});

describe('values read from a document', () => {
	it('do not keep the document alive', () => {
		setFlagsFromString('--expose-gc');
		const collect = runInNewContext('gc') as () => void;
		const entries = Array.from(
			{ length: 50 },
			(_, n) => `<e id="attribute-value-${n}">a text value of entry ${n}</e>`,
		).join('');
		const padding = 'x'.repeat(200_000);
		collect();
		const before = process.memoryUsage().heapUsed;
		const kept: unknown[] = [];
		for (let n = 0; n < 100; n++) {
			const doc = parseXml(`<R n="${n}">${entries}<pad>${padding}</pad></R>`);
			kept.push((rootOf(doc).element.e as XmlElement[])[7]);
		}
		collect();
		// 100 documents of 200 kB: kept whole they would be 20 MB.
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(4_000_000);
		expect(kept[99]).toEqual({ '#text': 'a text value of entry 7', '@_id': 'attribute-value-7' });
	});
});

describe('CDATA and attribute values', () => {
	it('CDATA content is literal: references in it stay as written', () => {
		const doc = parseXml(
			'<R><A><![CDATA[x &amp; y <z/> &#65;]]></A><B>1<![CDATA[&lt;]]>2</B><C><![CDATA[a\r\nb]]></C></R>',
		);
		expect(rootOf(doc).element).toEqual({ A: 'x &amp; y <z/> &#65;', B: '1&lt;2', C: 'a\nb' });
	});

	it('tab, line feed and carriage return survive in attribute values', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme' }),
				fc.constantFrom('\t', '\n', '\r\n', ' \t\n '),
				(text, space) => {
					const value = `${space}${text}${space}`;
					const xml = buildXml({ R: { '@_v': value } });
					expect(xml).not.toMatch(/[\t\n\r]/);
					expect(attrOf(rootOf(parseXml(xml)).element, 'v')).toBe(value);
				},
			),
			{ numRuns: 300 },
		);
	});
});
