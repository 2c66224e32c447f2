import { RemoteError } from '../../nodes/shared/remoteError';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import { writeWsdl } from '../../simulators/tvox/wsdl';
import { NS, type Peer, startPeer, referenceClient, service } from './soapReference';

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
