import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { resetHttpClients } from '../../nodes/shared/transport/http';
import { cachedWsdlClients, forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import { writeWsdl } from '../../simulators/tvox/wsdl';
import type { TvoxSimulator } from '../../simulators/tvox';
import { callsOf, credentialsFor, jsonOf, resetSim, runTvox, startSim, stopSim } from './helpers';

const CHECK = { resource: 'session', operation: 'checkSessionState', sessionId: '={{ $json.id }}' };

function wsdlRequests(sim: TvoxSimulator) {
	return sim.requests.filter(
		(r) => r.method === 'GET' && r.path === '/mc/cxf/soap' && 'wsdl' in r.query,
	);
}

describe("SOAP client built from the server's WSDL", () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('is built once: the WSDL is fetched once for many items and later executions', async () => {
		for (let i = 0; i < 20; i++)
			sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: `s-${i}` });
		const items = Array.from({ length: 20 }, (_v, i) => ({ id: `s-${i}` }));
		const first = await runTvox(sim, 'soap', CHECK, { items });
		expect(jsonOf(first).map((j) => j.sessionId)).toEqual(items.map((i) => i.id));
		await runTvox(sim, 'soap', CHECK, { items: items.slice(0, 5) });
		await runTvox(sim, 'soap', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT',
		});
		expect(sim.wsdlFetches).toBe(1);
		expect(wsdlRequests(sim)).toHaveLength(1);
		expect(callsOf(sim, 'soap')).toHaveLength(26);
		expect(cachedWsdlClients()).toBe(1);
	});

	it('keeps one client per endpoint and authentication', async () => {
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		const other = credentialsFor(sim, 'soap', {
			authentication: 'basicAuth',
			username: 'u',
			password: 'p4ssw0rd',
		});
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'b' }], credentials: other });
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'c' }] });
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'd' }], credentials: other });
		expect(sim.wsdlFetches).toBe(2);
		expect(cachedWsdlClients()).toBe(2);
		const authorizations = wsdlRequests(sim).map((r) => r.headers.authorization);
		expect(authorizations).toEqual([
			undefined,
			`Basic ${Buffer.from('u:p4ssw0rd').toString('base64')}`,
		]);
	});

	it('a new process fetches the WSDL again', async () => {
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		forgetWsdlClients();
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		expect(sim.wsdlFetches).toBe(2);
	});

	it('an upgraded server: an operation missing from the cached client makes it fetch the WSDL once more', async () => {
		sim.configure({ version: '1.0.0' });
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		expect(sim.wsdlFetches).toBe(1);
		sim.configure({ version: '1.0.1' });
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'up-1', data: 'd' });
		const result = await runTvox(
			sim,
			'soap',
			{ resource: 'session', operation: 'checkSessionStateWithData', sessionId: 'up-1' },
			{ items: [{}, {}] },
		);
		expect(jsonOf(result).map((j) => j.data)).toEqual(['d', 'd']);
		expect(sim.wsdlFetches).toBe(2);
		await runTvox(sim, 'soap', {
			resource: 'session',
			operation: 'checkSessionStateWithData',
			sessionId: 'up-1',
		});
		expect(sim.wsdlFetches).toBe(2);
	});

	it('an operation the server lacks: a clear error naming the version, after one fresh look per execution', async () => {
		sim.configure({ version: '1.0.0' });
		const params = {
			resource: 'session',
			operation: 'setSessionData',
			sessionId: 'x',
			sessionData: 'y',
		};
		const first = await runTvox(sim, 'soap', params, { items: [{}, {}, {}], continueOnFail: true });
		expect(first.items.map((i) => i.json.error)).toEqual(
			Array(3).fill(
				`The TVox WSDL at ${sim.wsdlUrl} has no operation "setSessionData"; it offers checkSessionState, closeSession, ` +
					'getServiceState, logoutAgentFromChannel, sessionAccept, startSession',
			),
		);
		expect(first.items[0].json.description).toMatch(
			/setSessionData came with MultiChannel Connector 1\.0\.1/,
		);
		expect(first.items[0].json.description).toMatch(/Looked for "setSessionData" in any case\./);
		expect(sim.wsdlFetches).toBe(1);
		const second = await runTvox(sim, 'soap', params, { items: [{}, {}], continueOnFail: true });
		expect(second.items).toHaveLength(2);
		expect(sim.wsdlFetches).toBe(2);
		expect(callsOf(sim, 'soap')).toHaveLength(0);
	});

	it('a changed WSDL the server dispatches by: the refused call makes the client rebuild and call again once', async () => {
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'ns-1' });
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'ns-1' }] });
		sim.configure({ namespace: 'http://ws.mcc.tvox.example.org/v2' });
		const result = await runTvox(sim, 'soap', CHECK, { items: [{ id: 'ns-1' }, { id: 'ns-1' }] });
		expect(jsonOf(result).map((j) => j.status)).toEqual(['NEW', 'NEW']);
		expect(sim.wsdlFetches).toBe(2);
		const bodies = callsOf(sim, 'soap').map((r) => r.body);
		expect(bodies).toHaveLength(4);
		expect(bodies[1]).toContain('http://ws.mcc.tvox.teleniasoftware.com/');
		expect(bodies[2]).toContain('http://ws.mcc.tvox.example.org/v2');
	});

	it('writes the names, namespace and element form the served WSDL declares', async () => {
		sim.configure({
			namespace: 'urn:example:mcc:2',
			elementForm: 'qualified',
			paramStyle: 'named',
		});
		const started = await runTvox(sim, 'soap', {
			resource: 'session',
			operation: 'startSession',
			channelId: 1,
			serviceCode: 'SUPPORT',
			additionalFields: { sessionId: 'q-1', contactValue: '+39 <02>' },
		});
		expect(jsonOf(started)).toEqual([
			{ result: 'SUCCESS', sessionId: 'q-1', contactValue: '+39 <02>' },
		]);
		const stored = await runTvox(sim, 'soap', {
			resource: 'session',
			operation: 'setSessionData',
			sessionId: 'q-1',
			sessionData: 'd',
		});
		expect(jsonOf(stored)).toEqual([{ result: 'SUCCESS', sessionId: 'q-1', sessionData: 'd' }]);
		const state = await runTvox(sim, 'soap', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT',
		});
		expect(jsonOf(state)).toEqual([
			{ result: 'SUCCESS', state: { SUPPORT: 'ACTIVE' }, channelId: 1 },
		]);
		const [start, data, services] = callsOf(sim, 'soap').map((r) => r.body);
		expect(start).toContain('xmlns:tns="urn:example:mcc:2"');
		expect(start).toContain(
			'<soap:Body><tns:startSession><tns:channelId>1</tns:channelId><tns:serviceid>SUPPORT</tns:serviceid>' +
				'<tns:sessionId>q-1</tns:sessionId><tns:contactValue>+39 &lt;02&gt;</tns:contactValue></tns:startSession></soap:Body>',
		);
		expect(data).toContain(
			'<tns:setSessionData><tns:setSessionDataRequest><tns:sessionId>q-1</tns:sessionId><tns:sessionData>d</tns:sessionData></tns:setSessionDataRequest></tns:setSessionData>',
		);
		expect(services).toContain(
			'<tns:getServiceState><tns:channelId>1</tns:channelId><tns:serviceCodes>SUPPORT</tns:serviceCodes></tns:getServiceState>',
		);
		expect(sim.wsdlFetches).toBe(1);
	});

	it('the envelope follows the cached WSDL: a server that changed its element form since refuses it, shown as its fault', async () => {
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'f-1' });
		await runTvox(sim, 'soap', CHECK, { items: [{ id: 'f-1' }] });
		sim.configure({ elementForm: 'qualified' });
		const result = await runTvox(sim, 'soap', CHECK, {
			items: [{ id: 'f-1' }, { id: 'f-1' }],
			continueOnFail: true,
		});
		expect(result.items[0].json).toMatchObject({
			error: expect.stringMatching(/unexpected element \(uri:"", local:"arg0"\)/),
		});
		expect(callsOf(sim, 'soap').map((r) => /<(\w+:)?arg0>/.exec(r.body)?.[0])).toEqual([
			'<arg0>',
			'<arg0>',
			'<arg0>',
		]);
	});

	it('a fault that is not about the operation is not retried', async () => {
		sim.faults.add(
			{
				kind: 'status',
				status: 500,
				contentType: 'text/xml',
				body: fault('soap:Server', 'Fault: java.lang.NullPointerException'),
			},
			{ match: 'checkSessionState' },
		);
		const result = await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		expect(result.error!.message).toBe(
			'TVox refused checkSessionState: Fault: java.lang.NullPointerException',
		);
		expect(sim.wsdlFetches).toBe(1);
		expect(callsOf(sim, 'soap')).toHaveLength(1);
	});

	it('follows a WSDL split into documents on the same server, as Apache CXF serves it', async () => {
		const master =
			'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" name="MultiChannelConnectorService" ' +
			'targetNamespace="http://impl.mcc.tvox.teleniasoftware.com/">' +
			`<wsdl:import location="${sim.soapUrl}?wsdl=MultiChannelConnector.wsdl" namespace="http://ws.mcc.tvox.teleniasoftware.com/"/>` +
			'</wsdl:definitions>';
		sim.faults.add(
			{ kind: 'status', status: 200, body: master, contentType: 'text/xml' },
			{ match: 'wsdl' },
		);
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'split-1' });
		const result = await runTvox(sim, 'soap', CHECK, {
			items: [{ id: 'split-1' }, { id: 'split-1' }],
		});
		expect(jsonOf(result).map((j) => j.status)).toEqual(['NEW', 'NEW']);
		expect(wsdlRequests(sim).map((r) => r.query.wsdl)).toEqual(['', 'MultiChannelConnector.wsdl']);
	});

	it('a WSDL that could not be fetched is not kept: the next execution tries again', async () => {
		sim.faults.add({ kind: 'html', status: 503 }, { match: 'wsdl' });
		const failed = await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		expect(failed.error!.message).toMatch(
			/^TVox answered the request for the WSDL document .*\?wsdl with an HTML page \(HTTP 503/,
		);
		expect(String(failed.error!.description)).toMatch(/temporary condition/);
		const ok = await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
		expect(ok.error!.message).toMatch(/INVALID_SESSION_ID/);
		expect(wsdlRequests(sim)).toHaveLength(2);
	});
});

function fault(code: string, text: string): string {
	return (
		'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
		`<faultcode>${code}</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`
	);
}

describe('WSDL documents that are refused', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	const run = async () => await runTvox(sim, 'soap', CHECK, { items: [{ id: 'a' }] });
	const serve = (body: string, contentType = 'text/xml', status = 200) =>
		sim.faults.add({ kind: 'status', status, body, contentType }, { match: 'wsdl' });
	const realWsdl = () =>
		writeWsdl({
			namespace: 'http://ws.mcc.tvox.teleniasoftware.com/',
			version: '1.0.1',
			paramStyle: 'positional',
			address: sim.soapUrl,
		});

	it('with a DTD (entity expansion)', async () => {
		sim.faults.add({ kind: 'entityBomb' }, { match: 'wsdl' });
		const result = await run();
		expect(result.error!.message).toMatch(
			/sent the WSDL document .* which cannot be read: XML documents with a DOCTYPE/,
		);
		expect(String(result.error!.description)).toMatch(/DTD/);
	});

	it('truncated', async () => {
		serve(realWsdl().slice(0, 3000));
		expect((await run()).error!.message).toMatch(
			/which cannot be read: Malformed or truncated XML/,
		);
	});

	it('not XML at all', async () => {
		serve('{"services":[]}', 'application/json');
		expect((await run()).error!.message).toMatch(/which cannot be read: The document is not XML/);
	});

	it('XML that is not a WSDL', async () => {
		serve('<services><service name="x"/></services>');
		expect((await run()).error!.message).toMatch(
			/which is not a WSDL \(its root element is <services>\)/,
		);
	});

	it.each([
		['another server', 'http://169.254.169.254/latest/meta-data'],
		['the file system', 'file:///etc/passwd'],
	])('referring to a document on %s', async (_what, location) => {
		serve(
			realWsdl().replace(
				'<wsdl:types>',
				`<wsdl:import namespace="urn:x" location="${location}"/><wsdl:types>`,
			),
		);
		const result = await run();
		expect(result.error!.message).toMatch(/which refers to a document elsewhere/);
		expect(result.error!.message).toContain(location);
	});

	it('that the soap package cannot use: its error is named, nothing more', async () => {
		serve(
			'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:x" targetNamespace="urn:x">' +
				'<wsdl:message name="m"><wsdl:part name="p" element="nope:el"/></wsdl:message>' +
				'<wsdl:portType name="P"><wsdl:operation name="checkSessionState"><wsdl:input message="tns:m"/></wsdl:operation></wsdl:portType>' +
				'<wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>' +
				'<wsdl:operation name="checkSessionState"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>' +
				'<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x/"/></wsdl:port></wsdl:service></wsdl:definitions>',
		);
		const result = await run();
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toBe(
			`TVox sent a WSDL at ${sim.wsdlUrl} that cannot be used: Cannot read properties of undefined (reading 'elements')`,
		);
	});

	it('that declares the operation without its parameters', async () => {
		serve(
			'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:x" targetNamespace="urn:x">' +
				'<wsdl:portType name="P"><wsdl:operation name="checkSessionState"><wsdl:input message="tns:missing"/></wsdl:operation></wsdl:portType>' +
				'<wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>' +
				'<wsdl:operation name="checkSessionState"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>' +
				'<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x/"/></wsdl:port></wsdl:service></wsdl:definitions>',
		);
		const result = await run();
		expect(result.error!.message).toBe(
			'The TVox WSDL declares checkSessionState differently: no element for sessionId',
		);
		expect(callsOf(sim, 'soap')).toHaveLength(0);
	});

	it('behind a redirect: not followed, the new address given as a hint', async () => {
		const redirector = http.createServer((_req, res) => {
			res.writeHead(301, { Location: sim.wsdlUrl, 'Content-Length': '0' });
			res.end();
		});
		await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
		const { port } = redirector.address() as AddressInfo;
		try {
			const result = await runTvox(sim, 'soap', CHECK, {
				items: [{ id: 'a' }],
				credentials: credentialsFor(sim, 'soap', { baseUrl: `http://127.0.0.1:${port}` }),
			});
			expect(result.error!.message).toBe(
				`TVox answered the request for the WSDL document http://127.0.0.1:${port}/mc/cxf/soap?wsdl with HTTP 301`,
			);
			expect(String(result.error!.description)).toContain(
				`The server redirects to ${sim.wsdlUrl}: use that address`,
			);
			expect(sim.wsdlFetches).toBe(0);
		} finally {
			resetHttpClients();
			await new Promise<void>((resolve) => redirector.close(() => resolve()));
		}
	});

	it('refused with 401', async () => {
		serve('', 'text/plain', 401);
		const result = await run();
		expect(result.error!.message).toMatch(/refused the WSDL document .* with HTTP 401/);
		expect(result.error!.httpCode).toBe('401');
	});

	it('too slow', async () => {
		sim.faults.add({ kind: 'delay', ms: 3000 }, { match: 'wsdl' });
		const result = await runTvox(sim, 'soap', CHECK, {
			items: [{ id: 'a' }],
			credentials: credentialsFor(sim, 'soap', { timeout: 300 }),
		});
		expect(result.error!.message).toBe(`TVox did not answer within 300 ms (GET ${sim.wsdlUrl})`);
	});

	it('too large', async () => {
		sim.faults.add({ kind: 'huge', bytes: 9 * 1024 * 1024 }, { match: 'wsdl' });
		expect((await run()).error!.message).toMatch(/sent a response larger than 8388608 bytes/);
	});
});
