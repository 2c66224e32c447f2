import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { XMLParser } from 'fast-xml-parser';
import * as soap from 'soap';

import { RemoteError } from '../../nodes/shared/remoteError';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { SoapRequestWriter } from '../../nodes/shared/transport/soap';
import { forgetWsdlClients, WsdlService } from '../../nodes/shared/transport/wsdlClient';
import { writeWsdl } from '../../simulators/tvox/wsdl';

/**
 * The WSDL client writes its envelopes and reads its answers itself, with the names the WSDL
 * declares. The `soap` package, which did both before, is the reference: for the same WSDL and
 * arguments the envelopes must be the same XML, and for the same answer the results the same.
 */

const NS = 'http://ws.mcc.tvox.teleniasoftware.com/';

// ---------------------------------------------------------------------------------------------
// A peer serving one WSDL and one canned answer, recording what it is sent

interface Peer {
	url: string;
	wsdlUrl: string;
	wsdl: string;
	answer: { status: number; body: string };
	posts: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

async function startPeer(): Promise<Peer> {
	const peer = {
		wsdl: '',
		answer: { status: 200, body: '' },
		posts: [] as Peer['posts'],
	} as Peer;
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			if (req.method === 'GET') {
				res.writeHead(200, { 'Content-Type': 'text/xml;charset=UTF-8' });
				res.end(peer.wsdl);
				return;
			}
			peer.posts.push({ headers: req.headers, body });
			res.writeHead(peer.answer.status, { 'Content-Type': 'text/xml;charset=UTF-8' });
			res.end(peer.answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return Object.assign(peer, {
		url,
		wsdlUrl: `${url}/svc?wsdl`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	});
}

/** The soap package's client on a WSDL, sending nothing: it records the envelope and hands back `answer`. */
async function referenceClient(peer: Peer) {
	const sent: string[] = [];
	const actions: unknown[] = [];
	class Recording extends soap.HttpClient {
		request(
			rurl: string,
			data: unknown,
			callback: (error: unknown, response?: unknown, body?: unknown) => unknown,
			exheaders?: Record<string, unknown>,
			exoptions?: Record<string, unknown>,
		): ReturnType<soap.HttpClient['request']> {
			if (data === null || data === undefined)
				return super.request(rurl, data, callback, exheaders, exoptions);
			sent.push(String(data));
			actions.push(exheaders?.SOAPAction);
			const { status, body } = peer.answer;
			queueMicrotask(() => callback(null, { status, headers: {}, data: body }, body));
			return Promise.resolve(undefined) as unknown as ReturnType<soap.HttpClient['request']>;
		}
	}
	const client = await soap.createClientAsync(peer.wsdlUrl, {
		disableCache: true,
		handleNilAsNull: true,
		httpClient: new Recording(),
	});
	return {
		sent,
		actions,
		call: async (operation: string, args: Record<string, unknown>) => {
			const method = (client as unknown as Record<string, soap.SoapMethodAsync>)[
				`${operation}Async`
			];
			const [result] = await method.call(client, args);
			return result as unknown;
		},
	};
}

function service(peer: Peer): WsdlService {
	return new WsdlService({ system: 'Peer', wsdlUrl: peer.wsdlUrl });
}

// ---------------------------------------------------------------------------------------------
// XML compared as trees of namespace-qualified names, children in document order

interface Node {
	name: string;
	attributes: Record<string, string>;
	children: Array<Node | string>;
}

const ordered = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	ignoreDeclaration: true,
});

type OrderedEntry = Record<string, unknown> & { ':@'?: Record<string, string> };

function qualify(qname: string, scope: Map<string, string>, attribute: boolean): string {
	const at = qname.indexOf(':');
	if (at < 0) return attribute ? qname : `{${scope.get('') ?? ''}}${qname}`;
	return `{${scope.get(qname.slice(0, at)) ?? `?${qname.slice(0, at)}`}}${qname.slice(at + 1)}`;
}

function resolve(entries: OrderedEntry[], outer: Map<string, string>): Array<Node | string> {
	const out: Array<Node | string> = [];
	for (const entry of entries) {
		const tag = Object.keys(entry).find((key) => key !== ':@')!;
		if (tag === '#text') {
			out.push(String(entry[tag]));
			continue;
		}
		const scope = new Map(outer);
		const attributes = entry[':@'] ?? {};
		for (const [name, value] of Object.entries(attributes)) {
			if (name === 'xmlns') scope.set('', value);
			else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
		}
		const resolved: Record<string, string> = {};
		for (const [name, value] of Object.entries(attributes)) {
			if (name !== 'xmlns' && !name.startsWith('xmlns:'))
				resolved[qualify(name, scope, true)] = value;
		}
		out.push({
			name: qualify(tag, scope, false),
			attributes: resolved,
			children: resolve(entry[tag] as OrderedEntry[], scope),
		});
	}
	return out;
}

/** The document as a tree of `{namespace}local` names; namespace declarations and prefixes do not matter. */
function tree(xml: string): Array<Node | string> {
	return resolve(ordered.parse(xml) as OrderedEntry[], new Map());
}

// ---------------------------------------------------------------------------------------------

describe("envelopes written from the WSDL, compared with the soap package's", () => {
	let peer: Peer;
	beforeAll(async () => {
		peer = await startPeer();
	});
	afterAll(async () => {
		forgetWsdlClients();
		resetHttpClients();
		await peer.close();
	});
	beforeEach(() => {
		forgetWsdlClients();
		peer.posts.length = 0;
		peer.answer = {
			status: 200,
			body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
		};
	});

	const positional: Array<[string, Record<string, unknown>]> = [
		['startSession', { arg0: 1, arg1: 'SUPPORT', arg2: 'x-1', arg6: '+39 <&"\'>' }],
		['checkSessionState', { arg0: 'a & b' }],
		['getServiceState', { arg0: 1, arg1: ['A', 'B'] }],
		['getServiceState', { arg1: ['ONLY'], arg0: 3 }],
		['setSessionData', { arg0: { sessionData: '{"k":"v"}', sessionId: 'x-1' } }],
		['closeSession', { arg0: 'x-1', arg1: 'REQUEST_FROM_CALLER' }],
		['logoutAgentFromChannel', { arg0: 2, arg1: 'mario.rossi' }],
	];
	const named: Array<[string, Record<string, unknown>]> = [
		['startSession', { channelId: 1, serviceid: 'SUPPORT', contactValue: '+39' }],
		['getServiceState', { channelId: 1, serviceCodes: ['A', 'B'] }],
		['setSessionData', { setSessionDataRequest: { sessionId: 'x-1', sessionData: 'd' } }],
	];

	const variants = [
		{
			label: "CXF's WSDL (arg0…, unqualified)",
			paramStyle: 'positional',
			elementForm: 'unqualified',
			namespace: NS,
			calls: positional,
		},
		{
			label: 'documented names',
			paramStyle: 'named',
			elementForm: 'unqualified',
			namespace: NS,
			calls: named,
		},
		{
			label: 'qualified elements in another namespace',
			paramStyle: 'positional',
			elementForm: 'qualified',
			namespace: 'urn:example:mcc:v2',
			calls: positional,
		},
		{
			label: 'qualified, documented names',
			paramStyle: 'named',
			elementForm: 'qualified',
			namespace: 'urn:example:mcc:v2',
			calls: named,
		},
	] as const;

	it.each(variants)('$label: the same XML as the soap package wrote', async (variant) => {
		peer.wsdl = writeWsdl({
			namespace: variant.namespace,
			version: '1.0.1',
			paramStyle: variant.paramStyle,
			elementForm: variant.elementForm,
			address: `${peer.url}/svc`,
		});
		const reference = await referenceClient(peer);
		const client = service(peer);
		for (const [operation, args] of variant.calls) {
			await reference.call(operation, args);
			await client.call(operation, () => args);
		}
		const written = peer.posts.map((p) => p.body);
		expect(written).toHaveLength(variant.calls.length);
		written.forEach((body, n) => expect(tree(body)).toEqual(tree(reference.sent[n])));
		if (variant.elementForm === 'unqualified') {
			// Byte for byte what the soap package sent, but for its double space before the WSDL's prefixes.
			written.forEach((body, n) =>
				expect(body).toBe(reference.sent[n].replace('"  xmlns:', '" xmlns:')),
			);
		} else {
			expect(written[0]).toContain(`xmlns:tns="${variant.namespace}"`);
			expect(written[0]).toMatch(
				/<tns:startSession><tns:(arg0|channelId)>1<\/tns:(arg0|channelId)>/,
			);
		}
		for (const post of peer.posts) {
			expect(post.headers.soapaction).toBe('""');
			expect(post.headers['content-type']).toBe('text/xml; charset=utf-8');
		}
	});

	it('a WSDL with references, extensions, groups, choices, element forms and a second schema', async () => {
		peer.wsdl = SCHEMA_FEATURES_WSDL(`${peer.url}/svc`);
		const reference = await referenceClient(peer);
		const client = service(peer);
		const args = {
			header: { id: '7', note: 'n' },
			when: '2024-01-01',
			item: [
				{ code: 'A', qty: 1 },
				{ code: 'B', qty: 2 },
			],
			pick: 'left',
			local: 'l',
			extra: 'x',
		};
		await reference.call('place', args);
		await client.call('place', () => args);
		// One difference, where the soap package departs from XML Schema: a local element declared
		// with form="qualified" is in the target namespace even where elementFormDefault is unqualified.
		const expected = JSON.parse(
			JSON.stringify(tree(reference.sent[0])).replace('"{}local"', '"{urn:orders}local"'),
		);
		expect(tree(peer.posts[0].body)).toEqual(expected);
		expect(peer.posts[0].body).toContain('<tns:local>l</tns:local>');
		expect(await client.operations()).toEqual([
			{
				name: 'place',
				input: [
					{
						name: 'header',
						namespace: 'urn:types',
						repeated: false,
						children: [
							{ name: 'id', namespace: 'urn:types', repeated: false },
							{ name: 'note', namespace: 'urn:types', repeated: false },
						],
					},
					{ name: 'when', repeated: false },
					{
						name: 'item',
						repeated: true,
						children: [
							{ name: 'code', repeated: false },
							{ name: 'qty', repeated: false },
						],
					},
					{ name: 'pick', repeated: false },
					{ name: 'other', repeated: false },
					{ name: 'local', namespace: 'urn:orders', repeated: false },
					{ name: 'extra', repeated: false },
				],
			},
		]);
	});

	it("a recursive type: values nested deeper than the type's first level are written too", async () => {
		peer.wsdl = RECURSIVE_WSDL(`${peer.url}/svc`);
		const reference = await referenceClient(peer);
		const client = service(peer);
		const args = {
			value: 'a',
			child: { value: 'b', child: { value: 'c', child: [{ value: 'd' }, { value: 'e' }] } },
		};
		await reference.call('walk', args);
		await client.call('walk', () => args);
		expect(tree(peer.posts[0].body)).toEqual(tree(reference.sent[0]));
		expect(peer.posts[0].body).toContain(
			'<tns:walk><value>a</value><child><value>b</value><child><value>c</value><child><value>d</value></child><child><value>e</value></child></child></child></tns:walk>',
		);
		const [walk] = await client.operations();
		expect(walk.input.map((e) => e.name)).toEqual(['value', 'child']);
		expect(walk.input[1].children).toBe(walk.input);
	});

	it('a target namespace with markup characters is declared escaped', async () => {
		peer.wsdl = writeWsdl({
			namespace: 'urn:x"><y a="',
			version: '1.0.1',
			paramStyle: 'positional',
			address: `${peer.url}/svc`,
		});
		await service(peer).call('checkSessionState', () => ({ arg0: 's' }));
		expect(peer.posts[0].body).toContain('xmlns:tns="urn:x&quot;&gt;&lt;y a=&quot;"');
		expect(tree(peer.posts[0].body)).toMatchObject([
			{
				children: [
					{
						children: [
							{
								name: '{urn:x"><y a="}checkSessionState',
								children: [{ name: '{}arg0', children: ['s'] }],
							},
						],
					},
				],
			},
		]);
	});

	it('a soapAction that cannot be a header value is refused, nothing sent', async () => {
		peer.wsdl = SCHEMA_FEATURES_WSDL(`${peer.url}/svc`).replace(
			'soapAction=""',
			'soapAction="a&#13;&#10;X-Injected: 1"',
		);
		const error = await service(peer)
			.call('place', () => ({}))
			.catch((e: unknown) => e);
		expect((error as RemoteError).message).toBe(
			'The Peer WSDL declares place in a form that is not sent: its soapAction cannot be sent as a header',
		);
		expect(peer.posts).toHaveLength(0);
	});

	it('an operation in the rpc style is refused with a clear error, nothing sent', async () => {
		peer.wsdl = SCHEMA_FEATURES_WSDL(`${peer.url}/svc`).replace(
			'<soap:operation soapAction=""/>',
			'<soap:operation soapAction="" style="rpc"/>',
		);
		const error = await service(peer)
			.call('place', () => ({}))
			.catch((e: unknown) => e);
		expect((error as RemoteError).message).toBe(
			'The Peer WSDL declares place in a form that is not sent: it uses the rpc style; only document style is sent',
		);
		expect(peer.posts).toHaveLength(0);
	});

	it('the SOAPAction the WSDL declares for the operation (empty when it declares none)', async () => {
		peer.wsdl = SCHEMA_FEATURES_WSDL(`${peer.url}/svc`).replace(
			'soapAction=""',
			'soapAction="urn:orders#place"',
		);
		const reference = await referenceClient(peer);
		await reference.call('place', {});
		await service(peer).call('place', () => ({}));
		forgetWsdlClients();
		peer.wsdl = SCHEMA_FEATURES_WSDL(`${peer.url}/svc`).replace(
			'<soap:operation soapAction=""/>',
			'',
		);
		const other = await referenceClient(peer);
		await other.call('place', {});
		await service(peer).call('place', () => ({}));
		expect(peer.posts.map((p) => p.headers.soapaction)).toEqual(['"urn:orders#place"', '""']);
		expect([...reference.actions, ...other.actions]).toEqual(['"urn:orders#place"', '""']);
	});

	it('an argument the WSDL does not declare is refused before anything is sent', async () => {
		peer.wsdl = writeWsdl({
			namespace: NS,
			version: '1.0.1',
			paramStyle: 'positional',
			address: `${peer.url}/svc`,
		});
		const error = await service(peer)
			.call('checkSessionState', () => ({ arg0: 'a', sessionId: 'b' }))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RemoteError);
		expect((error as RemoteError).message).toBe(
			'The Peer WSDL declares checkSessionState differently: <checkSessionState> has no element <sessionId>',
		);
		expect(peer.posts).toHaveLength(0);
	});

	it('element names that are not XML names are never written', async () => {
		peer.wsdl = writeWsdl({
			namespace: NS,
			version: '1.0.1',
			paramStyle: 'positional',
			address: `${peer.url}/svc`,
		}).replace(
			/(<xs:complexType name="checkSessionState"><xs:sequence><xs:element minOccurs="0" )name="arg0"/,
			'$1name="a&gt;&lt;b"',
		);
		const client = service(peer);
		const error = await client
			.call('checkSessionState', () => ({ 'a><b': 'x' }))
			.catch((e: unknown) => e);
		expect((error as RemoteError).message).toMatch(
			/^The Peer WSDL declares checkSessionState in a form that is not sent: "a><b" is not a usable element name$/,
		);
		await client.call('closeSession', () => ({ arg0: 'x' }));
		expect(peer.posts).toHaveLength(1);
	});
});

describe('answers read as the soap package read them', () => {
	let peer: Peer;
	beforeAll(async () => {
		peer = await startPeer();
		peer.wsdl = writeWsdl({
			namespace: NS,
			version: '1.0.1',
			paramStyle: 'positional',
			address: `${peer.url}/svc`,
		});
	});
	afterAll(async () => {
		forgetWsdlClients();
		resetHttpClients();
		await peer.close();
	});
	beforeEach(() => forgetWsdlClients());

	/**
	 * Where the node deliberately differs from the soap package: text of `xs:string` elements is
	 * data and comes back exactly, spaces included (the package trimmed it).
	 */
	const EXACT_STRINGS: Record<string, Record<string, unknown>> = {
		'empty string and enum elements': { username: '  ' },
		'text padded with spaces and lines': { customMessage: '  a  b  ' },
	};
	const merge = (expected: unknown, exact: Record<string, unknown> | undefined) =>
		exact && expected && typeof expected === 'object' && 'return' in expected
			? { ...expected, return: { ...(expected as { return: object }).return, ...exact } }
			: expected;

	const envelope = (operation: string, inner: string) =>
		'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
		'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>' +
		`<ns2:${operation}Response xmlns:ns2="${NS}">${inner}</ns2:${operation}Response></soap:Body></soap:Envelope>`;

	it.each([
		[
			'a plain result',
			'checkSessionState',
			'<return><result>SUCCESS</result><sessionId>s-1</sessionId><status>NEW</status></return>',
		],
		[
			'a map of one entry (a list of one)',
			'getServiceState',
			'<return><result>SUCCESS</result><state><entry><key>A</key><value>ACTIVE</value></entry></state><channelId>1</channelId></return>',
		],
		[
			'a map of two entries',
			'getServiceState',
			'<return><result>SUCCESS</result><state><entry><key>A</key><value>ACTIVE</value></entry><entry><key>B</key><value>FAILED</value></entry></state><channelId> 12 </channelId></return>',
		],
		[
			'an empty map, an empty int',
			'getServiceState',
			'<return><result>SUCCESS</result><state/><channelId/></return>',
		],
		[
			'empty string and enum elements',
			'checkSessionState',
			'<return><result/><sessionId/><customMessage></customMessage><username>  </username></return>',
		],
		[
			'nil elements',
			'checkSessionState',
			'<return><result>FAILED</result><sessionId xsi:nil="true"/><failReason xsi:nil="1"/></return>',
		],
		[
			'text padded with spaces and lines',
			'checkSessionState',
			'<return><result>\n  SUCCESS  \n</result><customMessage>  a  b  </customMessage></return>',
		],
		[
			'escaped text and CDATA',
			'checkSessionState',
			'<return><result>SUCCESS</result><customMessage>a &amp; b &lt;c&gt; &#233;</customMessage><username><![CDATA[<u&v>]]></username></return>',
		],
		[
			'attributes, with and without text',
			'checkSessionState',
			'<return kind="r"><result>SUCCESS</result><status code="1">NEW</status><username flag="y"/></return>',
		],
		[
			'elements the WSDL does not declare',
			'checkSessionState',
			'<return><result>SUCCESS</result><extra>5</extra><nested><a>1</a><a>2</a><b/></nested></return><trailer>t</trailer>',
		],
		[
			'repeated undeclared elements',
			'checkSessionState',
			'<return><result>SUCCESS</result><tag>x</tag><tag>y</tag></return>',
		],
		['an empty response element', 'checkSessionState', ''],
		[
			'a result with namespace-qualified fields',
			'checkSessionState',
			'<ns2:return><ns2:result>SUCCESS</ns2:result><ns2:sessionId>q</ns2:sessionId></ns2:return>',
		],
	])('%s', async (_label, operation, inner) => {
		peer.answer = { status: 200, body: envelope(operation, inner) };
		const reference = await referenceClient(peer);
		const expected = await reference.call(operation, { arg0: 'x' });
		const actual = await service(peer).call(operation, () => ({ arg0: 'x' }));
		expect(expected).toBeDefined();
		expect(actual).toEqual(merge(expected, EXACT_STRINGS[_label]));
	});

	it('an answer for another operation is no result, as before', async () => {
		peer.answer = {
			status: 200,
			body: envelope('closeSession', '<return><result>SUCCESS</result></return>'),
		};
		const reference = await referenceClient(peer);
		expect(await reference.call('checkSessionState', { arg0: 'x' })).toBeUndefined();
		expect(await service(peer).call('checkSessionState', () => ({ arg0: 'x' }))).toBeUndefined();
	});

	it('a SOAP 1.2 Fault is named by its code and reason', async () => {
		peer.answer = {
			status: 500,
			body:
				'<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>' +
				'<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Bad session</env:Text></env:Reason>' +
				'</env:Fault></env:Body></env:Envelope>',
		};
		const error = await service(peer)
			.call('checkSessionState', () => ({ arg0: 'x' }))
			.catch((e: unknown) => e);
		expect((error as RemoteError).message).toBe('Peer refused checkSessionState: Bad session');
		expect((error as RemoteError).info).toMatchObject({
			kind: 'remote',
			code: 'env:Sender',
			httpStatus: 500,
		});
	});
});

/** A document/literal WSDL whose request element is of a type that contains itself. */
function RECURSIVE_WSDL(address: string): string {
	return SCHEMA_FEATURES_WSDL(address)
		.replace(/<xs:schema targetNamespace="urn:orders"[\s\S]*?<\/xs:schema>/, () =>
			[
				'<xs:schema targetNamespace="urn:orders" xmlns:tns="urn:orders">',
				'<xs:complexType name="Node"><xs:sequence><xs:element name="value" type="xs:string"/>',
				'<xs:element name="child" type="tns:Node" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>',
				'<xs:element name="walk" type="tns:Node"/><xs:element name="walkResponse" type="tns:Node"/>',
				'</xs:schema>',
			].join(''),
		)
		.replace(/"tns:place"/g, '"tns:walk"')
		.replace(/"tns:placeResponse"/g, '"tns:walkResponse"')
		.replace(/name="place(Response)?"/g, 'name="walk$1"');
}

/**
 * A document/literal WSDL whose request uses what XML Schema offers: a reference to a global
 * element of a second, qualified schema, a type extending another, a repeated element of an
 * anonymous type, a choice, a group reference, and a local element qualified by its own form.
 */
function SCHEMA_FEATURES_WSDL(address: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:orders" xmlns:ty="urn:types" name="Orders" targetNamespace="urn:orders">
  <wsdl:types>
    <xs:schema targetNamespace="urn:types" elementFormDefault="qualified" xmlns:ty="urn:types">
      <xs:element name="header" type="ty:Header"/>
      <xs:complexType name="Header"><xs:sequence>
        <xs:element name="id" type="xs:string"/><xs:element name="note" type="xs:string" minOccurs="0"/>
      </xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="urn:orders" elementFormDefault="unqualified" xmlns:tns="urn:orders" xmlns:ty="urn:types">
      <xs:import namespace="urn:types"/>
      <xs:complexType name="Base"><xs:sequence>
        <xs:element ref="ty:header"/><xs:element name="when" type="xs:date"/>
      </xs:sequence></xs:complexType>
      <xs:group name="Tail"><xs:sequence>
        <xs:element name="local" type="xs:string" form="qualified"/><xs:element name="extra" type="xs:string" minOccurs="0"/>
      </xs:sequence></xs:group>
      <xs:complexType name="Order"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence>
        <xs:element name="item" maxOccurs="unbounded"><xs:complexType><xs:sequence>
          <xs:element name="code" type="xs:string"/><xs:element name="qty" type="xs:int"/>
        </xs:sequence></xs:complexType></xs:element>
        <xs:choice><xs:element name="pick" type="xs:string"/><xs:element name="other" type="xs:string"/></xs:choice>
        <xs:group ref="tns:Tail"/>
      </xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:element name="place" type="tns:Order"/>
      <xs:element name="placeResponse"><xs:complexType><xs:sequence><xs:element name="ok" type="xs:boolean"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="place"><wsdl:part name="parameters" element="tns:place"/></wsdl:message>
  <wsdl:message name="placeResponse"><wsdl:part name="parameters" element="tns:placeResponse"/></wsdl:message>
  <wsdl:portType name="OrdersPort"><wsdl:operation name="place"><wsdl:input message="tns:place"/><wsdl:output message="tns:placeResponse"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="OrdersBinding" type="tns:OrdersPort"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="place"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Orders"><wsdl:port name="OrdersPort" binding="tns:OrdersBinding"><soap:address location="${address}"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

describe('SoapRequestWriter', () => {
	const shape = {
		name: 'op',
		namespace: 'urn:a',
		children: [
			{ name: 'first', repeated: false },
			{ name: 'list', repeated: true },
			{ name: 'qualified', namespace: 'urn:b', children: [{ name: 'inner', namespace: 'urn:b' }] },
		],
	};

	it('writes declared children in declared order, lists repeated, null as xsi:nil, text escaped', () => {
		const writer = new SoapRequestWriter(shape);
		expect(
			writer.write({ qualified: { inner: 'i' }, list: ['x', 2, true], first: `<&"'>\r` }),
		).toBe(
			'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
				'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tns="urn:a" xmlns:ns1="urn:b"><soap:Body><tns:op>' +
				'<first>&lt;&amp;&quot;&apos;&gt;&#xD;</first><list>x</list><list>2</list><list>true</list>' +
				'<ns1:qualified><ns1:inner>i</ns1:inner></ns1:qualified></tns:op></soap:Body></soap:Envelope>',
		);
		expect(writer.write({ first: null, list: [], qualified: undefined })).toContain(
			'<tns:op><first xsi:nil="true"/></tns:op>',
		);
	});

	it('uses the prefixes it is given when they are usable', () => {
		const given = new Map([
			['urn:a', 'mine'],
			['urn:b', 'xsi'],
		]);
		const xml = new SoapRequestWriter({ ...shape, prefixes: given }).write({
			qualified: { inner: 'i' },
		});
		expect(xml).toContain('xmlns:mine="urn:a" xmlns:ns1="urn:b"');
		expect(xml).toContain(
			'<mine:op><ns1:qualified><ns1:inner>i</ns1:inner></ns1:qualified></mine:op>',
		);
		expect(tree(xml)).toEqual(
			tree(new SoapRequestWriter(shape).write({ qualified: { inner: 'i' } })),
		);
	});

	it('refuses what the shape does not declare, lists inside lists and names that are not XML names', () => {
		const writer = new SoapRequestWriter(shape);
		expect(() => writer.write({ other: '1' })).toThrow('<op> has no element <other>');
		expect(() => writer.write({ qualified: { deeper: '1' } })).toThrow(
			'<qualified> has no element <deeper>',
		);
		expect(() => writer.write({ list: [['a']] })).toThrow(
			'<list> cannot hold a list inside a list',
		);
		expect(() => new SoapRequestWriter({ ...shape, children: [{ name: 'a b' }] })).toThrow(
			'"a b" is not a usable element name',
		);
		expect(() => new SoapRequestWriter({ ...shape, name: 'x:y' })).toThrow(
			'"x:y" is not a usable element name',
		);
		expect(writer.write({ other: undefined })).toContain('<tns:op></tns:op>');
	});
});
