import http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

import { SapIciApi } from '../../credentials/SapIciApi.credentials';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import type { OiiSimulator } from '../../simulators/oii';
import { testCredential } from '../harness';
import { credentialsFor, exposedText, fixture, ici, runIci, startSim, stopSim } from './helpers';

const PING = { resource: 'user', operation: 'getAttributes', userId: 'HARRI' };

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('SAP ICI node — ICI faults, failing and hostile peers', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

	describe('ICI faults', () => {
		it('errorRetry=false: the message is the errorText, the details carry the four fields', async () => {
			const [created] = await ici(sim, {
				resource: 'item',
				operation: 'create',
				channelType: '1',
				containerId: '+129',
			});
			const result = await runIci(sim, {
				resource: 'phoneCall',
				operation: 'dial',
				lineNumber: '+129',
				callHandle: String(created.itemId),
				dialNumber: '0049 (30) 123',
			});
			const error = result.error!;
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toBe('SAP BCB:Other characters than +1234567890 in phone number');
			expect(error.context?.remote).toEqual({
				kind: 'remote',
				system: 'SAP ICI',
				operation: 'IciPhoneCall.dial',
				code: '5/2',
				group: 'ICI area 5',
				serverMessage: 'SoapException: SAP BCB:Other characters than +1234567890 in phone number',
				httpStatus: 500,
				transient: false,
				areaCode: 5,
				errorCode: 2,
				errorText: 'SAP BCB:Other characters than +1234567890 in phone number',
				errorRetry: false,
			});
			expect(String(error.description)).toMatch(/^Error code 5\/2 · Group: ICI area 5/);
			expect(String(error.description)).not.toMatch(/temporary/);
			expect(error.context?.itemIndex).toBe(0);
		});

		it('errorRetry=true is marked transient', async () => {
			sim.failNext(
				{ areaCode: 9, errorCode: 1, errorText: 'Agent Server not connected', errorRetry: true },
				{ match: 'IciUser.getAttributes' },
			);
			const result = await runIci(sim, PING);
			expect(result.error?.message).toBe('Agent Server not connected');
			expect(result.error?.context?.remote).toMatchObject({
				transient: true,
				errorRetry: true,
				areaCode: 9,
				errorCode: 1,
				code: '9/1',
			});
			expect(String(result.error?.description)).toMatch(
				/temporary condition; retrying later may succeed.*errorRetry/,
			);
			// The fault was for one request only.
			expect((await ici(sim, PING))[0].userId).toBe('HARRI');
		});

		it('a fault injected through the shared control API with an AREA.ERROR.retry code', async () => {
			sim.faults.add({ kind: 'fail', code: '4.7.retry', message: 'Busy, try later' });
			const result = await runIci(sim, PING);
			expect(result.error?.context?.remote).toMatchObject({
				areaCode: 4,
				errorCode: 7,
				errorText: 'Busy, try later',
				errorRetry: true,
			});
		});

		it("the fault of chapter 1.2 as sent with HTTP 200 by the specification's server", async () => {
			const server = http.createServer((_req, res) => {
				res.writeHead(200, { 'Content-Type': 'text/xml' });
				res.end(fixture('fault.iciErrorCodes.xml'));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			try {
				const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/OII/OII.asmx`;
				const result = await runIci(sim, PING, { credentials: credentialsFor(sim, { url }) });
				expect(result.error?.message).toBe(
					'SAP BCB:Other characters than +1234567890 in phone number',
				);
				expect(result.error?.context?.remote).toMatchObject({
					areaCode: 5,
					errorCode: 2,
					errorText: 'SAP BCB:Other characters than +1234567890 in phone\nnumber',
					errorRetry: false,
					serverMessage: 'com.sap.bcb.common.S SoapException',
					httpStatus: 200,
				});
			} finally {
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		});

		it('continueOnFail: an error item per failed input item, pairedItem kept', async () => {
			const result = await runIci(
				sim,
				{ resource: 'user', operation: 'getAttributes', userId: '={{ $json.user }}' },
				{ continueOnFail: true, items: [{ user: 'HARRI' }, { user: 'NOBODY' }, { user: 'ANNA' }] },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(result.items[0].json.userId).toBe('HARRI');
			expect(result.items[2].json.userId).toBe('ANNA');
			expect(result.items[1].json).toMatchObject({
				error: 'Unknown user "NOBODY"',
				areaCode: 2,
				errorCode: 1,
				errorText: 'Unknown user "NOBODY"',
				errorRetry: false,
			});
		});

		it('without continueOnFail the execution stops at the failing item, which the error names', async () => {
			const result = await runIci(
				sim,
				{ resource: 'user', operation: 'getAttributes', userId: '={{ $json.user }}' },
				{ items: [{ user: 'HARRI' }, { user: 'NOBODY' }] },
			);
			expect(result.error?.message).toBe('Unknown user "NOBODY"');
			expect(result.error?.context?.itemIndex).toBe(1);
		});
	});

	describe('HTTP and transport failures', () => {
		it('an HTML page (proxy error) is named as such', async () => {
			sim.faults.add({ kind: 'html', status: 502 });
			const result = await runIci(sim, PING);
			expect(result.error?.message).toMatch(
				/^SAP ICI answered IciUser\.getAttributes with an HTML page \(HTTP 502: "502 Bad Gateway"\)$/,
			);
			expect(String(result.error?.description)).toMatch(/temporary.*OII endpoint URL/);
		});

		it('HTTP 500 without a SOAP body', async () => {
			sim.faults.add({
				kind: 'status',
				status: 500,
				body: 'Internal Server Error',
				contentType: 'text/plain',
			});
			const result = await runIci(sim, PING);
			expect(result.error?.message).toBe('SAP ICI answered IciUser.getAttributes with HTTP 500');
			expect(result.error?.context?.remote).toMatchObject({
				kind: 'http',
				httpStatus: 500,
				serverMessage: 'Internal Server Error',
			});
		});

		it('HTTP 401 from the web server in front of OII is an authentication error', async () => {
			sim.faults.add({ kind: 'status', status: 401, body: '' });
			const result = await runIci(sim, PING);
			expect(result.error?.message).toBe(
				'SAP ICI refused IciUser.getAttributes: HTTP 401 (not authorized)',
			);
			expect(String(result.error?.description)).toMatch(/Basic authentication/);
		});

		it('an entity-expansion document is refused, not expanded', async () => {
			sim.faults.add({ kind: 'entityBomb' });
			const result = await runIci(sim, PING);
			expect(result.error?.message).toMatch(
				/cannot be read: XML documents with a DOCTYPE or ENTITY declaration are refused/,
			);
			expect(String(result.error?.description)).toMatch(/DTD/);
		});

		it('a truncated answer is refused', async () => {
			sim.faults.add({ kind: 'truncated' });
			const result = await runIci(sim, PING);
			expect(result.error?.message).toMatch(/cannot be read: Malformed or truncated XML/);
		});

		it('a body above the size limit is refused', async () => {
			sim.faults.add({ kind: 'huge', bytes: 9 * 1024 * 1024 });
			const result = await runIci(sim, PING);
			expect(result.error?.message).toMatch(/larger than 8388608 bytes/);
		});

		it("a slow server ends in a timeout after the credential's timeout", async () => {
			sim.faults.add({ kind: 'delay', ms: 3000 });
			const result = await runIci(sim, PING, {
				credentials: credentialsFor(sim, { timeout: 300 }),
			});
			expect(result.error?.message).toMatch(/did not answer within 300 ms/);
			expect(result.error?.context?.remote).toMatchObject({ kind: 'timeout', transient: true });
		});

		it('a reset connection and a refused one are network errors', async () => {
			sim.faults.add({ kind: 'reset' });
			expect((await runIci(sim, PING)).error?.message).toMatch(
				/Could not reach SAP ICI at .*: the connection was closed unexpectedly/,
			);
			const port = await closedPort();
			const refused = await runIci(sim, PING, {
				credentials: credentialsFor(sim, { url: `http://127.0.0.1:${port}/OII/OII.asmx` }),
			});
			expect(refused.error?.message).toBe(
				`Could not reach SAP ICI at http://127.0.0.1:${port}/OII/OII.asmx: the connection was refused`,
			);
		});

		it('XML that is not a SOAP envelope, an empty answer and an answer for another operation', async () => {
			sim.faults.add({
				kind: 'status',
				status: 200,
				body: '<data><a/></data>',
				contentType: 'text/xml',
			});
			expect((await runIci(sim, PING)).error?.message).toMatch(
				/cannot be read: Expected a SOAP Envelope but received <data>/,
			);
			sim.faults.add({ kind: 'status', status: 200, body: '', contentType: 'text/xml' });
			expect((await runIci(sim, PING)).error?.message).toBe(
				'SAP ICI sent an empty answer to IciUser.getAttributes',
			);
			sim.faults.add({
				kind: 'status',
				status: 200,
				contentType: 'text/xml',
				body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><holdResponse xmlns="urn:IciPhoneCallInterface"><response/></holdResponse></soap:Body></soap:Envelope>',
			});
			expect((await runIci(sim, PING)).error?.message).toBe(
				'SAP ICI answered IciUser.getAttributes with <holdResponse> instead of <getAttributesResponse>',
			);
		});

		it('a SOAP fault without ICI codes keeps faultcode and faultstring', async () => {
			sim.faults.add({
				kind: 'status',
				status: 500,
				contentType: 'text/xml',
				body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring></soap:Fault></soap:Body></soap:Envelope>',
			});
			const result = await runIci(sim, PING);
			expect(result.error?.message).toBe(
				'SAP ICI refused IciUser.getAttributes: Server was unable to process request.',
			);
			expect(result.error?.context?.remote).toMatchObject({
				code: 'soap:Server',
				group: 'SOAP fault soap:Server',
			});
		});
	});

	describe('credential', () => {
		const SECRET = 's3cr3t-Passw0rd';

		it('Basic authentication and the SOAP header from the credential; the password never shows', async () => {
			sim.failNext({ areaCode: 1, errorCode: 4, errorText: `password ${SECRET} rejected` });
			const result = await runIci(sim, PING, {
				credentials: credentialsFor(sim, {
					authentication: 'basicAuth',
					username: 'crm',
					password: SECRET,
					language: 'EN',
					user: 'WF-BATCH',
				}),
			});
			const request = sim.requests[0];
			expect(request.headers.authorization).toBe(
				`Basic ${Buffer.from(`crm:${SECRET}`).toString('base64')}`,
			);
			expect(request.body).toContain('<language xmlns="urn:IciUserInterface">EN</language>');
			expect(request.body).toContain('<user xmlns="urn:IciUserInterface">WF-BATCH</user>');
			expect(result.error?.message).toBe('password *** rejected');
			expect(exposedText(result)).not.toContain(SECRET);
		});

		it('the Test button pings with cmsPing=TRUE and reports the cmsHostId', async () => {
			const ok = await testCredential(
				new SapIciApi(),
				credentialsFor(sim, { user: 'HARRI' }),
				new SapIci(),
			);
			expect(ok).toEqual({
				status: 'OK',
				message: 'Connection successful (cmsHostId BA48C51B1B9249F6A56C4E6ADFFC2E3F)',
			});
			const sent = sim.requests[0];
			expect(sent.headers.soapaction).toBe(
				'"http://inqmy.com/soapdispatcher/rpc/bcbici/IciUserBean"',
			);
			expect(sent.body).toContain('<cmsPing xmlns="">TRUE</cmsPing>');
		});

		it('the Test button reports what went wrong', async () => {
			const port = await closedPort();
			const refused = await testCredential(
				new SapIciApi(),
				credentialsFor(sim, { url: `http://127.0.0.1:${port}/OII/OII.asmx` }),
				new SapIci(),
			);
			expect(refused).toEqual({
				status: 'Error',
				message: `Could not reach SAP ICI at http://127.0.0.1:${port}/OII/OII.asmx: the connection was refused`,
			});
			sim.failNext({
				areaCode: 9,
				errorCode: 1,
				errorText: 'The contact center is not available',
				errorRetry: true,
			});
			const fault = await testCredential(new SapIciApi(), credentialsFor(sim), new SapIci());
			expect(fault).toEqual({ status: 'Error', message: 'The contact center is not available' });
			const wrongPath = await testCredential(
				new SapIciApi(),
				credentialsFor(sim, { url: `${sim.url}/wrong.asmx` }),
				new SapIci(),
			);
			expect(wrongPath).toEqual({
				status: 'Error',
				message: 'SAP ICI answered IciUser.getAttributes with HTTP 404',
			});
		});
	});

	describe('invalid input', () => {
		it('attached data that is not XML, bad attribute values and doubled extra data are refused before sending', async () => {
			const notXml = await runIci(sim, {
				resource: 'item',
				operation: 'setAttachedData',
				itemId: 'X',
				attachedDataFormat: 'xml',
				attachedData: '<a><b></a>',
			});
			expect(notXml.error?.constructor.name).toBe('NodeOperationError');
			expect(notXml.error?.message).toMatch(
				/^Attached Data is not well-formed XML: Malformed or truncated XML/,
			);
			const badJson = await runIci(sim, {
				resource: 'item',
				operation: 'setAttachedData',
				itemId: 'X',
				attachedDataFormat: 'json',
				attachedDataJson: '[1]',
			});
			expect(badJson.error?.message).toBe(
				'Attached Data (JSON) must be an object with one entry per Application ID',
			);
			const skill = await runIci(sim, {
				resource: 'actionItem',
				operation: 'route',
				routingAttributes: { attribute: [{ name: 'SKILL', value: 'English=9' }] },
			});
			expect(skill.error?.message).toBe(
				'Routing Attributes: SKILL must be <GuidOrExtName> or <GuidOrExtName>=1 to 5, not "English=9"',
			);
			const both = await runIci(sim, {
				resource: 'system',
				operation: 'createCallBack',
				number: '+3581',
				queue: '600',
				additionalFields: { extraDataXml: '<XML/>', extraDataPriority: 3 },
			});
			expect(both.error?.message).toBe(
				'Give the extra data either as XML or as skills, priority and keys, not both',
			);
			const root = await runIci(sim, {
				resource: 'system',
				operation: 'createCallBack',
				number: '+3581',
				queue: '600',
				additionalFields: { extraDataXml: '<Data/>' },
			});
			expect(root.error?.message).toBe(
				'Extra Data (XML) must have the root element <XML>, not <Data>',
			);
			const required = await runIci(sim, {
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '  ',
			});
			expect(required.error?.message).toBe('Line Number is required');
			expect(required.error?.context?.itemIndex).toBe(0);
			expect(sim.requests).toHaveLength(0);
		});
	});
});
