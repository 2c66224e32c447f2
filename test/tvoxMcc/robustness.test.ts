import * as net from 'node:net';

import type { TvoxSimulator } from '../../simulators/tvox';
import {
	credentialsFor,
	exposedText,
	jsonOf,
	PROTOCOLS,
	resetSim,
	runTvox,
	startSim,
	stopSim,
	testTvoxCredential,
	type Protocol,
} from './helpers';

const CHECK = { resource: 'session', operation: 'checkSessionState', sessionId: 'any' };

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function soapFault(code: string, text: string): string {
	return (
		'<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
		`<soap:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`
	);
}

describe.each(PROTOCOLS)(
	'TVox MCC node over %s — hostile and failing peers',
	(protocol: Protocol) => {
		let sim: TvoxSimulator;
		beforeAll(async () => {
			sim = await startSim();
		});
		afterAll(async () => {
			await stopSim(sim);
		});
		beforeEach(() => resetSim(sim));

		/** Fault the call itself (not the WSDL). */
		const faultCall = (fault: Parameters<TvoxSimulator['faults']['add']>[0]) =>
			sim.faults.add(fault, { match: 'checkSessionState' });

		it('an HTML error page is named as such, with its title and status', async () => {
			faultCall({ kind: 'html', status: 502 });
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.name).toBe('NodeApiError');
			expect(result.error!.httpCode).toBe('502');
			expect(exposedText(result)).toMatch(/HTML page/);
			expect(exposedText(result)).toMatch(/502 Bad Gateway/);
			expect(result.error!.message).not.toMatch(/<html|<body/i);
			expect(String(result.error!.description)).toMatch(/temporary condition/);
		});

		it('a truncated answer is refused', async () => {
			faultCall({ kind: 'truncated' });
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.message).toMatch(
				protocol === 'soap'
					? /^TVox sent an answer to checkSessionState that cannot be read: Malformed or truncated XML/
					: /^TVox answered checkSessionState with a body that is not valid JSON$/,
			);
		});

		it('an answer cut off mid-body is not mistaken for an answer', async () => {
			faultCall({ kind: 'truncated', abort: true });
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.name).toBe('NodeApiError');
			expect(result.error!.message).toMatch(/^(Could not reach TVox|TVox sent a response larger)/);
			if (protocol === 'soap') {
				expect(result.error!.message).toMatch(/the connection was closed unexpectedly$/);
			}
		});

		it('a slow server ends in a timeout error, not a hang', async () => {
			faultCall({ kind: 'delay', ms: 5000 });
			const result = await runTvox(sim, protocol, CHECK, {
				credentials: credentialsFor(sim, protocol, { timeout: 300 }),
			});
			expect(result.error!.message).toMatch(/^TVox did not answer within 300 ms/);
			expect(String(result.error!.description)).toMatch(/temporary condition/);
		});

		it('a 9 MB body is refused without being kept', async () => {
			faultCall({ kind: 'huge', bytes: 9 * 1024 * 1024 });
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.message).toMatch(/larger than 8388608 bytes/);
		});

		it('a connection reset is a network error', async () => {
			faultCall({ kind: 'reset' });
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.message).toMatch(/^Could not reach TVox/);
			expect(result.error!.message).toMatch(
				/the connection was closed unexpectedly|the request failed/,
			);
		});

		it('a refused connection names the address', async () => {
			const port = await closedPort();
			const result = await runTvox(sim, protocol, CHECK, {
				credentials: credentialsFor(sim, protocol, { baseUrl: `http://127.0.0.1:${port}` }),
			});
			expect(result.error!.message).toMatch(
				new RegExp(`^Could not reach TVox .*127\\.0\\.0\\.1:${port}/mc/cxf/`),
			);
			expect(exposedText(result)).toMatch(/ECONNREFUSED/);
		});

		it('HTTP 500 with a plain text body', async () => {
			faultCall({
				kind: 'status',
				status: 500,
				body: 'Internal Server Error',
				contentType: 'text/plain',
			});
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.message).toMatch(/^TVox answered checkSessionState with HTTP 500/);
			expect(result.error!.httpCode).toBe('500');
		});

		it('an answer that is not a result is refused', async () => {
			faultCall({
				kind: 'status',
				status: 200,
				contentType: protocol === 'soap' ? 'text/xml' : 'application/json',
				body:
					protocol === 'soap'
						? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:checkSessionStateResponse xmlns:ns2="http://ws.mcc.tvox.teleniasoftware.com/"><return><sessionId>any</sessionId></return></ns2:checkSessionStateResponse></soap:Body></soap:Envelope>'
						: '{"sessionId":"any"}',
			});
			const result = await runTvox(sim, protocol, CHECK);
			expect(result.error!.message).toBe('TVox answered checkSessionState without a result');
		});

		it('continues on fail: an error item in place, every item paired to its input', async () => {
			sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'ok-1' });
			sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'ok-3' });
			const result = await runTvox(
				sim,
				protocol,
				{ resource: 'session', operation: 'checkSessionState', sessionId: '={{ $json.id }}' },
				{
					items: [{ id: 'ok-1' }, { id: 'ghost' }, { id: '' }, { id: 'ok-3' }],
					continueOnFail: true,
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(result.items[0].json).toEqual({ result: 'SUCCESS', sessionId: 'ok-1', status: 'NEW' });
			expect(result.items[1].json).toMatchObject({
				error:
					'TVox checkSessionState failed: INVALID_SESSION_ID (Session ID provided is not valid or does not exist): Session ghost does not exist',
				kind: 'remote',
				system: 'TVox',
				code: 'INVALID_SESSION_ID',
				group: 'CheckSessionFailReasonCode',
				serverMessage: 'Session ghost does not exist',
			});
			expect(result.items[2].json).toEqual({ error: 'Session ID is required' });
			expect(result.items[3].json).toMatchObject({ sessionId: 'ok-3', status: 'NEW' });
		});

		it('stops at the first failing item without continue on fail, naming its index', async () => {
			const result = await runTvox(
				sim,
				protocol,
				{ resource: 'session', operation: 'checkSessionState', sessionId: '={{ $json.id }}' },
				{ items: [{ id: 'ghost-1' }, { id: 'ghost-2' }] },
			);
			expect(result.error!.message).toMatch(/Session ghost-1 does not exist/);
			expect(result.error!.context?.itemIndex).toBe(0);
			expect(result.items).toEqual([]);
		});

		it.each([
			[
				{
					resource: 'session',
					operation: 'startSession',
					channelId: '={{ "abc" }}',
					serviceCode: 'S',
				},
				/Channel ID must be a whole number/,
			],
			[
				{
					resource: 'session',
					operation: 'startSession',
					channelId: '={{ 1.5 }}',
					serviceCode: 'S',
				},
				/Channel ID must be a whole number/,
			],
			[
				{ resource: 'session', operation: 'startSession', channelId: 1, serviceCode: '  ' },
				/^Service Code is required$/,
			],
			[
				{ resource: 'session', operation: 'sessionAccept', sessionId: '={{ $json.missing }}' },
				/^Session ID is required$/,
			],
			[
				{ resource: 'service', operation: 'getServiceState', channelId: 1, serviceCodes: ' , ,' },
				/at least one service code/,
			],
			[
				{
					resource: 'agent',
					operation: 'logoutAgentFromChannel',
					channelId: 1,
					agentUsername: '={{ " " }}',
				},
				/^Agent Username is required$/,
			],
		])('refuses unusable input before calling TVox: %j', async (parameters, message) => {
			const result = await runTvox(sim, protocol, parameters);
			expect(result.error!.name).toBe('NodeOperationError');
			expect(result.error!.message).toMatch(message);
			expect(result.error!.context?.itemIndex).toBe(0);
			expect(sim.requests.filter((r) => r.method !== 'GET' || !('wsdl' in r.query))).toHaveLength(
				0,
			);
		});
	},
);

describe('SOAP faults', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('become a NodeApiError with faultcode and faultstring', async () => {
		sim.faults.add(
			{
				kind: 'status',
				status: 500,
				contentType: 'text/xml',
				body: soapFault('soap:Server', 'Fault occurred while processing.'),
			},
			{ match: 'checkSessionState' },
		);
		const result = await runTvox(sim, 'soap', CHECK);
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toBe(
			'TVox refused checkSessionState: Fault occurred while processing.',
		);
		expect(result.error!.context?.remote).toMatchObject({
			kind: 'remote',
			code: 'soap:Server',
			group: 'SOAP fault soap:Server',
			serverMessage: 'Fault occurred while processing.',
			httpStatus: 500,
		});
		expect(String(result.error!.description)).toContain('Error code soap:Server');
	});

	it('an entity-expansion answer is refused, not expanded', async () => {
		sim.faults.add({ kind: 'entityBomb' }, { match: 'checkSessionState' });
		const result = await runTvox(sim, 'soap', CHECK);
		expect(result.error!.message).toMatch(
			/cannot be read: XML documents with a DOCTYPE or ENTITY declaration are refused/,
		);
		expect(String(result.error!.description)).toMatch(/DTD/);
	});

	it('an answer that is not a SOAP envelope', async () => {
		sim.faults.add(
			{ kind: 'status', status: 200, contentType: 'text/xml', body: '<result>SUCCESS</result>' },
			{ match: 'checkSessionState' },
		);
		const result = await runTvox(sim, 'soap', CHECK);
		expect(result.error!.message).toBe(
			'TVox sent an answer to checkSessionState that cannot be read: Expected a SOAP Envelope but received <result>',
		);
	});
});

describe('REST answers', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('a path the server does not have (MultiChannel Connector 1.0.0) is HTTP 404', async () => {
		sim.configure({ version: '1.0.0' });
		const result = await runTvox(sim, 'rest', {
			resource: 'session',
			operation: 'checkSessionStateWithData',
			sessionId: 'x',
		});
		expect(result.error!.message).toBe('TVox answered checkSessionStateWithData with HTTP 404');
		expect(result.error!.httpCode).toBe('404');
	});

	it('a JSON answer that is not an object', async () => {
		sim.faults.add(
			{ kind: 'status', status: 200, contentType: 'application/json', body: '["SUCCESS"]' },
			{ match: 'checkSessionState' },
		);
		const result = await runTvox(sim, 'rest', CHECK);
		expect(result.error!.message).toBe(
			'TVox answered checkSessionState with something that is not a CheckSessionResult',
		);
	});
});

describe('secrets and the credential test', () => {
	const PHRASE = 'example-Pa55phrase';
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim({ basicAuth: { username: 'n8n', password: PHRASE } });
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	const basic = (password: string) => ({ authentication: 'basicAuth', username: 'n8n', password });
	const token = (password: string) => Buffer.from(`n8n:${password}`).toString('base64');

	it.each(PROTOCOLS)('%s: Basic authentication is sent with every request', async (protocol) => {
		const result = await runTvox(
			sim,
			protocol,
			{ resource: 'service', operation: 'getServiceState', channelId: 1, serviceCodes: 'SUPPORT' },
			{
				credentials: credentialsFor(sim, protocol, basic(PHRASE)),
			},
		);
		expect(jsonOf(result)[0].state).toEqual({ SUPPORT: 'ACTIVE' });
		expect(sim.requests.length).toBeGreaterThan(0);
		for (const request of sim.requests)
			expect(request.headers.authorization).toBe(`Basic ${token(PHRASE)}`);
	});

	it.each(PROTOCOLS)(
		'%s: a wrong password is an authentication error that shows neither password',
		async (protocol) => {
			const wrong = 'Wr0ng-Pa55phrase';
			const result = await runTvox(sim, protocol, CHECK, {
				credentials: credentialsFor(sim, protocol, basic(wrong)),
			});
			expect(result.error!.httpCode).toBe('401');
			expect(result.error!.context?.remote).toMatchObject({ kind: 'auth' });
			const text = exposedText(result);
			for (const secret of [wrong, token(wrong), PHRASE, token(PHRASE)])
				expect(text).not.toContain(secret);
		},
	);

	it.each(PROTOCOLS)(
		'%s: a server echoing the password in its error has it removed',
		async (protocol) => {
			const echo = `request from n8n with password ${PHRASE} and header Basic ${token(PHRASE)} refused`;
			sim.faults.add(
				protocol === 'soap'
					? {
							kind: 'status',
							status: 500,
							contentType: 'text/xml',
							body: soapFault('soap:Client', echo),
						}
					: { kind: 'status', status: 500, contentType: 'text/plain', body: echo },
				{ match: 'checkSessionState' },
			);
			const result = await runTvox(sim, protocol, CHECK, {
				credentials: credentialsFor(sim, protocol, basic(PHRASE)),
				continueOnFail: true,
			});
			const text = exposedText(result);
			expect(text).toContain('request from n8n with password ***');
			expect(text).not.toContain(PHRASE);
			expect(text).not.toContain(token(PHRASE));
		},
	);

	it.each(PROTOCOLS)('%s: the credential test succeeds with a real call', async (protocol) => {
		const before = sim.requests.length;
		const result = await testTvoxCredential(credentialsFor(sim, protocol, basic(PHRASE)));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
		const calls = sim.requests.slice(before);
		expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
			protocol === 'soap' ? 'GET /mc/cxf/soap' : 'GET /mc/cxf/rest/json/checkSession',
		]);
	});

	it('SOAP: the credential test fetches the WSDL every time and names methods an older server lacks', async () => {
		sim.configure({ version: '1.0.0' });
		const data = credentialsFor(sim, 'soap', basic(PHRASE));
		expect(await testTvoxCredential(data)).toEqual({
			status: 'OK',
			message: 'Connection successful; the WSDL lacks checkSessionStateWithData, setSessionData',
		});
		await testTvoxCredential(data);
		expect(sim.wsdlFetches).toBe(2);
	});

	it.each(PROTOCOLS)(
		'%s: the credential test fails on a wrong password without showing it',
		async (protocol) => {
			const wrong = 'Wr0ng-Pa55phrase';
			const result = await testTvoxCredential(credentialsFor(sim, protocol, basic(wrong)));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/401/);
			expect(result.message).not.toContain(wrong);
			expect(result.message).not.toContain(token(wrong));
		},
	);

	it.each(PROTOCOLS)('%s: the credential test fails on an unreachable server', async (protocol) => {
		const port = await closedPort();
		const result = await testTvoxCredential(
			credentialsFor(sim, protocol, { baseUrl: `127.0.0.1:${port}` }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach TVox/);
		expect(result.message).toContain(`https://127.0.0.1:${port}/mc/cxf/`);
	});

	it('REST: the credential test fails when something else answers', async () => {
		sim.faults.add({ kind: 'html', status: 404 });
		const result = await testTvoxCredential(credentialsFor(sim, 'rest', basic(PHRASE)));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/HTTP 404/) });
	});
});
