import * as soap from 'soap';

import { parseXml, rootOf } from '../../nodes/shared/xml';
import { startTvoxSimulator, type TvoxSimulator } from '../../simulators/tvox';

const NS = 'http://ws.mcc.tvox.teleniasoftware.com/';

interface SimDump {
	config: Record<string, unknown>;
	wsdlFetches: number;
	sessions: Array<{ id: string }>;
	channels: Array<{ id: number }>;
}
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

function envelope(inner: string, ns = NS): string {
	return `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP_ENV}" xmlns:m="${ns}"><s:Body>${inner}</s:Body></s:Envelope>`;
}

async function post(sim: TvoxSimulator, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(sim.soapUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', ...headers },
		body,
	});
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		text: await response.text(),
	};
}

async function get(sim: TvoxSimulator, pathAndQuery: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${sim.url}${pathAndQuery}`, { headers });
	return { status: response.status, headers: response.headers, text: await response.text() };
}

function bodyOf(xml: string): Record<string, unknown> {
	const envelopeElement = rootOf(parseXml(xml, { removeNamespacePrefix: true })).element;
	return envelopeElement.Body as Record<string, unknown>;
}

describe('TVox simulator', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startTvoxSimulator({ port: 0 });
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.reset());

	describe('WSDL and WADL', () => {
		it("serves a document/literal WSDL the soap package reads, with the eight methods and the request's address", async () => {
			const response = await get(sim, '/mc/cxf/soap?wsdl');
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
			expect(response.text).toContain(`<soap:address location="${sim.soapUrl}"/>`);
			expect(response.text).toContain('<soap:binding style="document"');
			const client = await soap.createClientAsync(sim.wsdlUrl, { disableCache: true });
			const port = client.describe().MultiChannelConnectorService.MultiChannelConnectorPort;
			expect(Object.keys(port)).toEqual([
				'startSession',
				'sessionAccept',
				'checkSessionState',
				'checkSessionStateWithData',
				'setSessionData',
				'closeSession',
				'getServiceState',
				'logoutAgentFromChannel',
			]);
			expect(port.getServiceState.input).toMatchObject({ arg0: 'xs:int', 'arg1[]': 'xs:string' });
			expect(port.closeSession.input.arg1).toBe(
				'reason|xs:string|REQUEST_FROM_CALLER,REQUEST_FROM_CALLEE',
			);
			expect(port.checkSessionState.output.return.status).toBe(
				'sessionStatus|xs:string|NEW,QUEUED,BOOKED,ASSIGNED,CLOSED,UNKNOW',
			);
			expect(sim.wsdlFetches).toBe(2);
			expect(sim.requests.map((r) => r.operation)).toEqual(['wsdl', 'wsdl']);
		});

		it('an MCC 1.0.0 WSDL lacks the two methods of 1.0.1; the documented names are an option', async () => {
			sim.configure({ version: '1.0.0', paramStyle: 'named' });
			const client = await soap.createClientAsync(sim.wsdlUrl, { disableCache: true });
			const port = client.describe().MultiChannelConnectorService.MultiChannelConnectorPort;
			expect(Object.keys(port)).not.toContain('setSessionData');
			expect(Object.keys(port)).not.toContain('checkSessionStateWithData');
			expect(Object.keys(port.startSession.input).slice(0, 7)).toEqual([
				'channelId',
				'serviceid',
				'sessionId',
				'data',
				'description',
				'contactId',
				'contactValue',
			]);
		});

		it('serves the WADL at /mc/cxf/rest?_wadl', async () => {
			const response = await get(sim, '/mc/cxf/rest?_wadl');
			expect(response.status).toBe(200);
			const app = rootOf(parseXml(response.text, { removeNamespacePrefix: true }));
			expect(app.name).toBe('application');
			for (const path of [
				'/startSession',
				'/sessionAccept',
				'/checkSession',
				'/checkSessionWithData',
				'/setSessionData',
				'/closeSession',
				'/getServiceState',
				'/logoutAgentFromChannel',
			]) {
				expect(response.text).toContain(`<resource path="${path}">`);
			}
			expect(response.text).toContain('<resource path="/setSessionData"><method name="PUT">');
			expect(response.text).toContain(
				'<param name="serviceCodes" style="query" type="xs:string" repeating="true"/>',
			);
		});
	});

	describe('SOAP service', () => {
		it('runs a method and answers like CXF: ns2 wrapper, <return>, unqualified fields', async () => {
			const response = await post(
				sim,
				envelope(
					'<m:startSession><arg0>1</arg0><arg1>SUPPORT</arg1><arg2>soap-1</arg2></m:startSession>',
				),
			);
			expect(response.status).toBe(200);
			expect(response.text).toContain(`<ns2:startSessionResponse xmlns:ns2="${NS}">`);
			expect(bodyOf(response.text)).toEqual({
				startSessionResponse: { return: { result: 'SUCCESS', sessionId: 'soap-1' } },
			});
			expect(sim.state.sessions.get('soap-1')?.status).toBe('NEW');
		});

		it('writes the service state map as JAXB entries', async () => {
			const response = await post(
				sim,
				envelope(
					'<m:getServiceState><arg0>1</arg0><arg1>SUPPORT</arg1><arg1>NIGHT</arg1></m:getServiceState>',
				),
			);
			expect(response.text.replace(/\s+/g, '')).toContain(
				'<state><entry><key>SUPPORT</key><value>ACTIVE</value></entry><entry><key>NIGHT</key><value>OUT_OF_SERVICE</value></entry></state><channelId>1</channelId>',
			);
		});

		it('reports missing required parameters with REQUIRED_PARAMETERS', async () => {
			const response = await post(sim, envelope('<m:startSession><arg0>1</arg0></m:startSession>'));
			expect(bodyOf(response.text)).toMatchObject({
				startSessionResponse: { return: { result: 'FAILED', failReason: 'REQUIRED_PARAMETERS' } },
			});
		});

		it.each([
			[
				'an unknown namespace',
				envelope('<m:checkSessionState><arg0>x</arg0></m:checkSessionState>', 'urn:other'),
				/Message part \{urn:other\}checkSessionState was not recognized/,
			],
			[
				'an unknown operation',
				envelope('<m:deleteEverything/>'),
				/Message part \{http:\/\/ws\.mcc\.tvox\.teleniasoftware\.com\/\}deleteEverything was not recognized/,
			],
			[
				'a parameter named otherwise',
				envelope('<m:checkSessionState><sessionId>x</sessionId></m:checkSessionState>'),
				/unexpected element \(uri:"", local:"sessionId"\)\. Expected elements are <\{\}arg0>/,
			],
			[
				'a qualified parameter',
				envelope('<m:checkSessionState><m:arg0>x</m:arg0></m:checkSessionState>'),
				/unexpected element \(uri:"http:\/\/ws\.mcc\.tvox\.teleniasoftware\.com\/", local:"arg0"\)/,
			],
			[
				'a channel that is not a number',
				envelope('<m:getServiceState><arg0>one</arg0><arg1>A</arg1></m:getServiceState>'),
				/For input string: "one"/,
			],
			[
				'malformed XML',
				'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:x>',
				/Error reading XMLStreamReader/,
			],
			[
				'a SOAP 1.2 envelope',
				'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
				/not a SOAP 1\.1 Envelope/,
			],
		])('answers %s with a SOAP fault', async (_what, body, text) => {
			const response = await post(sim, body);
			expect(response.status).toBe(500);
			expect(response.type).toMatch(/^text\/xml/);
			const fault = bodyOf(response.text).Fault as Record<string, string>;
			expect(fault.faultstring).toMatch(text);
		});

		it('answers a GET without ?wsdl with a fault', async () => {
			const response = await get(sim, '/mc/cxf/soap');
			expect(response.status).toBe(500);
			expect(response.text).toContain('No such operation: (HTTP GET PATH_INFO: /mc/cxf/soap)');
		});

		it('an MCC 1.0.0 server refuses the methods of 1.0.1', async () => {
			sim.configure({ version: '1.0.0' });
			const response = await post(
				sim,
				envelope('<m:setSessionData><arg0><sessionId>x</sessionId></arg0></m:setSessionData>'),
			);
			expect(response.status).toBe(500);
			expect(response.text).toContain('setSessionData was not recognized');
		});
	});

	describe('REST / JSON service', () => {
		it('one model behind both protocols: a session started over REST is seen over SOAP', async () => {
			const started = await get(
				sim,
				'/mc/cxf/rest/json/startSession?channelId=2&serviceid=LEGACY&sessionId=both-1&contactId=c',
			);
			expect(JSON.parse(started.text)).toEqual({
				result: 'SUCCESS',
				sessionId: 'both-1',
				contactId: 'c',
			});
			const checked = await post(
				sim,
				envelope('<m:checkSessionState><arg0>both-1</arg0></m:checkSessionState>'),
			);
			expect(bodyOf(checked.text)).toMatchObject({
				checkSessionStateResponse: {
					return: { result: 'SUCCESS', sessionId: 'both-1', status: 'NEW' },
				},
			});
		});

		it('takes a set as a repeated query parameter and refuses an empty code', async () => {
			const ok = await get(
				sim,
				'/mc/cxf/rest/json/getServiceState?channelId=1&serviceCodes=SALES&serviceCodes=BILLING',
			);
			expect(JSON.parse(ok.text)).toEqual({
				result: 'SUCCESS',
				state: { SALES: 'ACTIVE', BILLING: 'OVERTIME' },
				channelId: 1,
			});
			const empty = await get(sim, '/mc/cxf/rest/json/getServiceState?channelId=1&serviceCodes=');
			expect(JSON.parse(empty.text)).toMatchObject({
				result: 'FAILED',
				failReason: 'INVALID_SERVICE_CODES',
			});
			const none = await get(sim, '/mc/cxf/rest/json/getServiceState?channelId=1');
			expect(JSON.parse(none.text)).toMatchObject({
				result: 'FAILED',
				failReason: 'INVALID_SERVICE_CODES',
			});
		});

		it('reports missing required parameters with REQUIRED_PARAMETERS', async () => {
			const response = await get(sim, '/mc/cxf/rest/json/startSession?channelId=1');
			expect(JSON.parse(response.text)).toEqual({
				result: 'FAILED',
				failReason: 'REQUIRED_PARAMETERS',
				failReasonMessage: 'Parameter serviceid is required',
			});
		});

		it.each([
			['an unknown path', 'GET', '/mc/cxf/rest/json/deleteSession', {}, undefined, 404],
			['the wrong method', 'POST', '/mc/cxf/rest/json/startSession', {}, undefined, 405],
			[
				'an Accept it cannot serve',
				'GET',
				'/mc/cxf/rest/json/checkSession?sessionId=x',
				{ Accept: 'text/xml' },
				undefined,
				406,
			],
			[
				'a number it cannot read',
				'GET',
				'/mc/cxf/rest/json/getServiceState?channelId=one&serviceCodes=A',
				{},
				undefined,
				404,
			],
			[
				'a body that is not JSON',
				'PUT',
				'/mc/cxf/rest/json/setSessionData',
				{ 'Content-Type': 'text/plain' },
				'x',
				415,
			],
			[
				'malformed JSON',
				'PUT',
				'/mc/cxf/rest/json/setSessionData',
				{ 'Content-Type': 'application/json' },
				'{',
				400,
			],
			[
				'an unknown body field',
				'PUT',
				'/mc/cxf/rest/json/setSessionData',
				{ 'Content-Type': 'application/json' },
				'{"sessionId":"x","extra":1}',
				400,
			],
			[
				'a body with its root element (plain provider)',
				'PUT',
				'/mc/cxf/rest/json/setSessionData',
				{ 'Content-Type': 'application/json' },
				'{"setSessionDataRequest":{"sessionId":"x"}}',
				400,
			],
		])(
			'answers %s with the HTTP status CXF uses',
			async (_what, method, path, headers, body, status) => {
				const response = await fetch(`${sim.url}${path}`, { method, headers, body });
				expect(response.status).toBe(status);
				if (status === 405) expect(response.headers.get('allow')).toBe('GET');
			},
		);

		it('the wrapped style refuses a body without its root element and accepts one with it', async () => {
			sim.configure({ jsonStyle: 'wrapped' });
			sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'wr-1' });
			const put = (body: unknown) =>
				fetch(`${sim.restBaseUrl}/setSessionData`, {
					method: 'PUT',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				});
			expect((await put({ sessionId: 'wr-1', sessionData: 'a' })).status).toBe(400);
			const ok = await put({ setSessionDataRequest: { sessionId: 'wr-1', sessionData: 'a' } });
			expect(await ok.json()).toEqual({
				setSessionDataResult: { result: 'SUCCESS', sessionId: 'wr-1', sessionData: 'a' },
			});
		});
	});

	describe('Basic authentication (optional)', () => {
		let guarded: TvoxSimulator;
		beforeAll(async () => {
			guarded = await startTvoxSimulator({
				port: 0,
				basicAuth: { username: 'u', password: 'pw-123456' },
			});
		});
		afterAll(async () => {
			await guarded.close();
		});

		it('refuses every route without it, with an HTML 401 page', async () => {
			for (const path of [
				'/mc/cxf/soap?wsdl',
				'/mc/cxf/rest?_wadl',
				'/mc/cxf/rest/json/checkSession?sessionId=x',
			]) {
				const response = await fetch(`${guarded.url}${path}`);
				expect(response.status).toBe(401);
				expect(response.headers.get('www-authenticate')).toBe('Basic realm="TVox"');
				expect(await response.text()).toMatch(/<title>401 Unauthorized<\/title>/);
			}
			expect(guarded.wsdlFetches).toBe(0);
		});

		it('accepts it, and masks the password in the state dump', async () => {
			const authorization = `Basic ${Buffer.from('u:pw-123456').toString('base64')}`;
			const response = await fetch(`${guarded.url}/mc/cxf/rest/json/checkSession?sessionId=x`, {
				headers: { authorization },
			});
			expect(response.status).toBe(200);
			const dump = (await (await fetch(`${guarded.url}/__sim/state`)).json()) as SimDump;
			expect(dump.config.basicAuth).toEqual({ username: 'u', password: '***' });
			expect(JSON.stringify(dump)).not.toContain('pw-123456');
		});
	});

	describe('faults and control API', () => {
		it("a fail fault answers FAILED with that reason in the protocol's own format", async () => {
			sim.faults.add(
				{ kind: 'fail', code: 'DATABASE_ERROR', message: 'db down' },
				{ match: 'startSession', times: 2 },
			);
			const json = await get(sim, '/mc/cxf/rest/json/startSession?channelId=1&serviceid=SUPPORT');
			expect(JSON.parse(json.text)).toEqual({
				result: 'FAILED',
				failReason: 'DATABASE_ERROR',
				failReasonMessage: 'db down',
			});
			const xml = await post(
				sim,
				envelope('<m:startSession><arg0>1</arg0><arg1>SUPPORT</arg1></m:startSession>'),
			);
			expect(xml.status).toBe(200);
			expect(bodyOf(xml.text)).toMatchObject({
				startSessionResponse: {
					return: { result: 'FAILED', failReason: 'DATABASE_ERROR', failReasonMessage: 'db down' },
				},
			});
			expect(sim.state.sessions.size).toBe(0);
		});

		it('faults match the method by name whichever protocol calls it', async () => {
			sim.faults.add({ kind: 'status', status: 503 }, { match: 'checkSessionState', times: 0 });
			expect((await get(sim, '/mc/cxf/rest/json/checkSession?sessionId=x')).status).toBe(503);
			expect(
				(await post(sim, envelope('<m:checkSessionState><arg0>x</arg0></m:checkSessionState>')))
					.status,
			).toBe(503);
			expect((await get(sim, '/mc/cxf/rest/json/checkSessionWithData?sessionId=x')).status).toBe(
				200,
			);
			expect(sim.requests.map((r) => r.operation)).toEqual([
				'checkSessionState',
				'checkSessionState',
				'checkSessionStateWithData',
			]);
		});

		it('control API: state dump, and reset back to the seed and the start settings', async () => {
			sim.configure({ version: '1.0.0', jsonStyle: 'wrapped' });
			sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'r-1' });
			await get(sim, '/mc/cxf/soap?wsdl');
			const dump = (await (await fetch(`${sim.url}/__sim/state`)).json()) as SimDump;
			expect(dump).toMatchObject({
				config: { version: '1.0.0', jsonStyle: 'wrapped' },
				wsdlFetches: 1,
			});
			expect(dump.sessions.map((s) => s.id)).toEqual(['r-1']);
			expect(dump.channels.map((c) => c.id)).toEqual([1, 2, 3, 1003]);
			expect((await fetch(`${sim.url}/__sim/reset`, { method: 'POST' })).status).toBe(200);
			expect(sim.config).toMatchObject({
				version: '1.0.1',
				jsonStyle: 'plain',
				paramStyle: 'positional',
			});
			expect(sim.state.sessions.size).toBe(0);
			expect(sim.wsdlFetches).toBe(0);
			expect(sim.requests).toHaveLength(0);
		});
	});

	describe('the model', () => {
		it('moves a session through its life cycle and records it', () => {
			const state = sim.state;
			expect(state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'm-1' })).toEqual({
				result: 'SUCCESS',
				sessionId: 'm-1',
			});
			expect(state.sessionAccept({ sessionId: 'm-1' })).toEqual({
				result: 'SUCCESS',
				sessionId: 'm-1',
				status: 'QUEUED',
			});
			state.book('m-1', 'giulia.bianchi');
			expect(state.sessionAccept({ sessionId: 'm-1', user: 'mario.rossi' })).toMatchObject({
				result: 'FAILED',
				failReason: 'GENERIC',
				failReasonMessage: 'Session m-1 is booked for agent giulia.bianchi',
			});
			expect(state.sessionAccept({ sessionId: 'm-1', user: 'giulia.bianchi' })).toMatchObject({
				status: 'ASSIGNED',
			});
			expect(state.closeSession({ sessionId: 'm-1', reason: 'REQUEST_FROM_CALLER' })).toEqual({
				result: 'SUCCESS',
				sessionId: 'm-1',
			});
			expect(state.closeSession({ sessionId: 'm-1' })).toMatchObject({ failReason: 'NOT_FOUND' });
			expect(state.checkSessionState({ sessionId: 'm-1' })).toMatchObject({
				status: 'CLOSED',
				username: 'giulia.bianchi',
			});
			expect(state.sessions.get('m-1')!.history).toEqual([
				'NEW',
				'QUEUED',
				'BOOKED',
				'ASSIGNED',
				'CLOSED',
			]);
		});

		it('answers every service state of every channel', () => {
			const codes = ['SUPPORT', 'SALES', 'BILLING', 'NIGHT', 'BROKEN', 'LEGACY', 'NOPE'];
			const byChannel = Object.fromEntries(
				[1, 2, 3, 1003].map((channelId) => [
					channelId,
					sim.state.getServiceState({ channelId, serviceCodes: codes }).state,
				]),
			);
			expect(byChannel[1]).toEqual([
				['SUPPORT', 'ACTIVE'],
				['SALES', 'ACTIVE'],
				['BILLING', 'OVERTIME'],
				['NIGHT', 'OUT_OF_SERVICE'],
				['BROKEN', 'FAILED'],
				['LEGACY', 'SERVICE_NOT_ENABLED'],
				['NOPE', 'UNKNOWN_SERVICE'],
			]);
			expect(byChannel[3]).toContainEqual(['SUPPORT', 'CHANNEL_NOT_ENABLED']);
			expect(byChannel[1003]).toContainEqual(['SALES', 'NO_LICENSE']);
		});
	});
});
