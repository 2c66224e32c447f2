import { RemoteError } from '../../nodes/shared/remoteError';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import { writeWsdl } from '../../simulators/tvox/wsdl';
import { NS, type Peer, startPeer, referenceClient, service, tree } from './soapReference';

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
