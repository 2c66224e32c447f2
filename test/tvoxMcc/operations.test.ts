import type { TvoxSimulator } from '../../simulators/tvox';
import {
	callsOf,
	jsonOf,
	PROTOCOLS,
	resetSim,
	runTvox,
	startSession,
	startSim,
	stopSim,
	type Protocol,
} from './helpers';

const SESSION = { resource: 'session' };

describe.each(PROTOCOLS)('TVox MCC node over %s — every operation', (protocol: Protocol) => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('Start Session with every field returns the session and the contact it was given', async () => {
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'startSession',
			channelId: 1,
			serviceCode: 'SALES',
			additionalFields: {
				sessionId: 'chat-0001',
				data: '{"customer":"ACME"}',
				description: 'Chat from the web site',
				contactId: '5f0c6d1e-7a61-4c55-9d7e-2f4b8c1a9e10',
				contactValue: '+390212345678',
			},
		});
		expect(jsonOf(result)).toEqual([
			{
				result: 'SUCCESS',
				sessionId: 'chat-0001',
				contactId: '5f0c6d1e-7a61-4c55-9d7e-2f4b8c1a9e10',
				contactValue: '+390212345678',
			},
		]);
		const session = sim.state.sessions.get('chat-0001')!;
		expect(session).toMatchObject({
			channelId: 1,
			serviceCode: 'SALES',
			status: 'NEW',
			data: '{"customer":"ACME"}',
			description: 'Chat from the web site',
		});
	});

	it('Start Session without a session ID lets TVox generate one', async () => {
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'startSession',
			channelId: 2,
			serviceCode: 'LEGACY',
		});
		const [json] = jsonOf(result);
		expect(json).toEqual({ result: 'SUCCESS', sessionId: expect.stringMatching(/^MCC-000001-/) });
		expect(sim.state.sessions.get(String(json.sessionId))?.channelId).toBe(2);
	});

	it('Start Session takes a channel ID from an expression', async () => {
		const result = await runTvox(
			sim,
			protocol,
			{
				...SESSION,
				operation: 'startSession',
				channelId: '={{ $json.channel }}',
				serviceCode: '={{ $json.service }}',
			},
			{ items: [{ channel: '2', service: 'SUPPORT' }] },
		);
		const [json] = jsonOf(result);
		expect(sim.state.sessions.get(String(json.sessionId))).toMatchObject({
			channelId: 2,
			serviceCode: 'SUPPORT',
		});
	});

	it('Accept Session without an agent queues the session', async () => {
		const id = await startSession(sim, protocol);
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'sessionAccept',
			sessionId: id,
		});
		expect(jsonOf(result)).toEqual([{ result: 'SUCCESS', sessionId: id, status: 'QUEUED' }]);
	});

	it('Accept Session with an agent assigns it', async () => {
		const id = await startSession(sim, protocol);
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'sessionAccept',
			sessionId: id,
			additionalFields: { user: 'mario.rossi' },
		});
		expect(jsonOf(result)).toEqual([{ result: 'SUCCESS', sessionId: id, status: 'ASSIGNED' }]);
		expect(sim.state.sessions.get(id)?.username).toBe('mario.rossi');
	});

	it('Check Session State returns status, agent and custom message', async () => {
		const id = await startSession(sim, protocol);
		await runTvox(sim, protocol, {
			...SESSION,
			operation: 'sessionAccept',
			sessionId: id,
			additionalFields: { user: 'giulia.bianchi' },
		});
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'checkSessionState',
			sessionId: id,
		});
		expect(jsonOf(result)).toEqual([
			{
				result: 'SUCCESS',
				sessionId: id,
				status: 'ASSIGNED',
				username: 'giulia.bianchi',
				customMessage: 'Assigned to agent giulia.bianchi',
			},
		]);
	});

	it('Check Session State With Data returns the start data and the session data', async () => {
		const id = await startSession(sim, protocol, { data: 'order=42' });
		await runTvox(sim, protocol, {
			...SESSION,
			operation: 'setSessionData',
			sessionId: id,
			sessionData: 'step=2',
		});
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'checkSessionStateWithData',
			sessionId: id,
		});
		expect(jsonOf(result)).toEqual([
			{ result: 'SUCCESS', sessionId: id, status: 'NEW', data: 'order=42', sessionData: 'step=2' },
		]);
	});

	it('Set Session Data stores the data (an object as JSON text) and returns it', async () => {
		const id = await startSession(sim, protocol);
		const result = await runTvox(
			sim,
			protocol,
			{
				...SESSION,
				operation: 'setSessionData',
				sessionId: id,
				sessionData: '={{ $json.payload }}',
			},
			{ items: [{ payload: { step: 3, note: 'a < b & "c"' } }] },
		);
		const expected = JSON.stringify({ step: 3, note: 'a < b & "c"' });
		expect(jsonOf(result)).toEqual([{ result: 'SUCCESS', sessionId: id, sessionData: expected }]);
		expect(sim.state.sessions.get(id)?.sessionData).toBe(expected);
	});

	it.each(['REQUEST_FROM_CALLER', 'REQUEST_FROM_CALLEE'])(
		'Close Session with reason %s',
		async (reason) => {
			const id = await startSession(sim, protocol);
			const result = await runTvox(sim, protocol, {
				...SESSION,
				operation: 'closeSession',
				sessionId: id,
				reason,
			});
			expect(jsonOf(result)).toEqual([{ result: 'SUCCESS', sessionId: id }]);
			expect(sim.state.sessions.get(id)).toMatchObject({ status: 'CLOSED', closeReason: reason });
		},
	);

	it('Get Service State with several codes keeps the ServiceCode → ServiceState map', async () => {
		const result = await runTvox(sim, protocol, {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT, BILLING,NIGHT, BROKEN, LEGACY, NOPE, SUPPORT',
		});
		expect(jsonOf(result)).toEqual([
			{
				result: 'SUCCESS',
				state: {
					SUPPORT: 'ACTIVE',
					BILLING: 'OVERTIME',
					NIGHT: 'OUT_OF_SERVICE',
					BROKEN: 'FAILED',
					LEGACY: 'SERVICE_NOT_ENABLED',
					NOPE: 'UNKNOWN_SERVICE',
				},
				channelId: 1,
			},
		]);
	});

	it('Get Service State gives one item per service when asked, with every state of a channel', async () => {
		const result = await runTvox(
			sim,
			protocol,
			{
				resource: 'service',
				operation: 'getServiceState',
				channelId: '={{ $json.channel }}',
				serviceCodes: '={{ $json.codes }}',
				output: 'perService',
			},
			{
				items: [
					{ channel: 3, codes: ['SUPPORT'] },
					{ channel: 1003, codes: ['SUPPORT', 'SALES'] },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json, i.pairedItem])).toEqual([
			[
				{
					channelId: 3,
					serviceCode: 'SUPPORT',
					serviceState: 'CHANNEL_NOT_ENABLED',
					serviceStateDescription: 'Channel is not enabled',
				},
				{ item: 0 },
			],
			[
				{
					channelId: 1003,
					serviceCode: 'SUPPORT',
					serviceState: 'NO_LICENSE',
					serviceStateDescription: 'License is missing or exceeded',
				},
				{ item: 1 },
			],
			[
				{
					channelId: 1003,
					serviceCode: 'SALES',
					serviceState: 'NO_LICENSE',
					serviceStateDescription: 'License is missing or exceeded',
				},
				{ item: 1 },
			],
		]);
	});

	it('Get Service State with one code (a one-entry map)', async () => {
		const result = await runTvox(sim, protocol, {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 2,
			serviceCodes: 'LEGACY',
		});
		expect(jsonOf(result)).toEqual([
			{ result: 'SUCCESS', state: { LEGACY: 'ACTIVE' }, channelId: 2 },
		]);
	});

	it('Logout Agent From Channel logs the agent out of that channel only', async () => {
		const result = await runTvox(sim, protocol, {
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 2,
			agentUsername: 'mario.rossi',
		});
		expect(jsonOf(result)).toEqual([{ result: 'SUCCESS' }]);
		expect([...sim.state.agents.get('mario.rossi')!.loggedIn]).toEqual([1]);
	});

	it('the session life cycle end to end: NEW → QUEUED → BOOKED → ASSIGNED → CLOSED', async () => {
		const check = async (id: string) =>
			jsonOf(
				await runTvox(sim, protocol, {
					...SESSION,
					operation: 'checkSessionStateWithData',
					sessionId: id,
				}),
			)[0];

		const id = await startSession(sim, protocol, { sessionId: 'life-1', data: 'start' });
		expect(await check(id)).toMatchObject({ status: 'NEW', data: 'start' });

		const queued = jsonOf(
			await runTvox(sim, protocol, { ...SESSION, operation: 'sessionAccept', sessionId: id }),
		)[0];
		expect(queued.status).toBe('QUEUED');
		expect(await check(id)).toMatchObject({
			status: 'QUEUED',
			customMessage: 'Waiting in queue SUPPORT',
		});

		sim.state.book(id, 'mario.rossi');
		expect(await check(id)).toMatchObject({ status: 'BOOKED', username: 'mario.rossi' });

		const assigned = jsonOf(
			await runTvox(sim, protocol, {
				...SESSION,
				operation: 'sessionAccept',
				sessionId: id,
				additionalFields: { user: 'mario.rossi' },
			}),
		)[0];
		expect(assigned.status).toBe('ASSIGNED');

		await runTvox(sim, protocol, {
			...SESSION,
			operation: 'setSessionData',
			sessionId: id,
			sessionData: 'talking',
		});
		expect(await check(id)).toMatchObject({
			status: 'ASSIGNED',
			username: 'mario.rossi',
			sessionData: 'talking',
		});

		const closed = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'closeSession',
			sessionId: id,
			reason: 'REQUEST_FROM_CALLEE',
		});
		expect(jsonOf(closed)).toEqual([{ result: 'SUCCESS', sessionId: id }]);
		expect(await check(id)).toMatchObject({ status: 'CLOSED' });
		expect(sim.state.sessions.get(id)!.history).toEqual([
			'NEW',
			'QUEUED',
			'BOOKED',
			'ASSIGNED',
			'CLOSED',
		]);

		const late = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'setSessionData',
			sessionId: id,
			sessionData: 'x',
		});
		expect(late.error?.message).toMatch(/SESSION_CLOSED/);
	});

	it('keeps the status UNKNOW as TVox spells it', async () => {
		const id = await startSession(sim, protocol);
		sim.state.forceStatus(id, 'UNKNOW');
		const result = await runTvox(sim, protocol, {
			...SESSION,
			operation: 'checkSessionState',
			sessionId: id,
		});
		expect(jsonOf(result)[0].status).toBe('UNKNOW');
	});

	it('runs many items with one call each, output paired to its input', async () => {
		const ids = ['p-1', 'p-2', 'p-3', 'p-4'];
		for (const id of ids) await startSession(sim, protocol, { sessionId: id });
		sim.requests.splice(0, sim.requests.length);
		const result = await runTvox(
			sim,
			protocol,
			{ ...SESSION, operation: 'checkSessionState', sessionId: '={{ $json.id }}' },
			{ items: ids.map((id) => ({ id })) },
		);
		expect(result.items.map((i) => [i.json.sessionId, i.pairedItem])).toEqual(
			ids.map((id, item) => [id, { item }]),
		);
		expect(callsOf(sim, protocol)).toHaveLength(ids.length);
	});
});

describe('what goes on the wire', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('REST: GET with the documented query names, the service code as "serviceid", a set as repeated parameters', async () => {
		await runTvox(sim, 'rest', {
			...SESSION,
			operation: 'startSession',
			channelId: 1,
			serviceCode: 'SUPPORT',
			additionalFields: { sessionId: 'w.1', contactValue: '+39 02' },
		});
		await runTvox(sim, 'rest', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'A,B',
		});
		await runTvox(sim, 'rest', {
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 1,
			agentUsername: 'giulia.bianchi',
		});
		await runTvox(sim, 'rest', {
			...SESSION,
			operation: 'closeSession',
			sessionId: 'w.1',
			reason: 'REQUEST_FROM_CALLER',
		});
		const calls = callsOf(sim, 'rest').map((r) => [r.method, r.path, r.query, r.headers.accept]);
		expect(calls).toEqual([
			[
				'GET',
				'/mc/cxf/rest/json/startSession',
				{ channelId: '1', serviceid: 'SUPPORT', sessionId: 'w.1', contactValue: '+39 02' },
				'application/json',
			],
			[
				'GET',
				'/mc/cxf/rest/json/getServiceState',
				{ channelId: '1', serviceCodes: ['A', 'B'] },
				'application/json',
			],
			[
				'GET',
				'/mc/cxf/rest/json/logoutAgentFromChannel',
				{ channelId: '1', agentUsername: 'giulia.bianchi' },
				'application/json',
			],
			[
				'GET',
				'/mc/cxf/rest/json/closeSession',
				{ sessionId: 'w.1', reason: 'REQUEST_FROM_CALLER' },
				'application/json',
			],
		]);
	});

	it('REST: PUT /setSessionData with a JSON SetSessionDataRequest body', async () => {
		await startSession(sim, 'rest', { sessionId: 's-1' });
		await runTvox(sim, 'rest', {
			...SESSION,
			operation: 'setSessionData',
			sessionId: 's-1',
			sessionData: 'abc',
		});
		const [put] = callsOf(sim, 'rest').filter((r) => r.method === 'PUT');
		expect(put.path).toBe('/mc/cxf/rest/json/setSessionData');
		expect(put.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(put.body)).toEqual({ sessionId: 's-1', sessionData: 'abc' });
	});

	it("SOAP: document/literal wrapped requests with the WSDL's argN elements in documented order", async () => {
		await runTvox(sim, 'soap', {
			...SESSION,
			operation: 'startSession',
			channelId: 1,
			serviceCode: 'SUPPORT',
			additionalFields: { contactValue: '+39', sessionId: 'x-1' },
		});
		await runTvox(sim, 'soap', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'A,B',
		});
		await runTvox(sim, 'soap', {
			...SESSION,
			operation: 'setSessionData',
			sessionId: 'x-1',
			sessionData: 'd',
		});
		const [start, state, data] = callsOf(sim, 'soap').map((r) => r.body);
		expect(start).toMatch(
			/<tns:startSession><arg0>1<\/arg0><arg1>SUPPORT<\/arg1><arg2>x-1<\/arg2><arg6>\+39<\/arg6><\/tns:startSession>/,
		);
		expect(state).toMatch(
			/<tns:getServiceState><arg0>1<\/arg0><arg1>A<\/arg1><arg1>B<\/arg1><\/tns:getServiceState>/,
		);
		expect(data).toMatch(
			/<tns:setSessionData><arg0><sessionId>x-1<\/sessionId><sessionData>d<\/sessionData><\/arg0><\/tns:setSessionData>/,
		);
		const soapCall = sim.requests.find((r) => r.method === 'POST')!;
		expect(soapCall.headers['content-type']).toMatch(/^text\/xml/);
		expect(soapCall.headers.soapaction).toBe('""');
	});

	it('SOAP: a WSDL with the documented parameter names is followed as well', async () => {
		sim.configure({ paramStyle: 'named' });
		const id = await startSession(sim, 'soap', { sessionId: 'named-1', data: 'n' });
		await runTvox(sim, 'soap', {
			...SESSION,
			operation: 'setSessionData',
			sessionId: id,
			sessionData: 'v',
		});
		const state = await runTvox(sim, 'soap', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT,SALES',
		});
		expect(jsonOf(state)[0].state).toEqual({ SUPPORT: 'ACTIVE', SALES: 'ACTIVE' });
		const bodies = callsOf(sim, 'soap').map((r) => r.body);
		expect(bodies[0]).toMatch(
			/<channelId>1<\/channelId><serviceid>SUPPORT<\/serviceid><sessionId>named-1<\/sessionId><data>n<\/data>/,
		);
		expect(bodies[1]).toMatch(
			/<setSessionDataRequest><sessionId>named-1<\/sessionId><sessionData>v<\/sessionData>/,
		);
		expect(bodies[2]).toMatch(
			/<serviceCodes>SUPPORT<\/serviceCodes><serviceCodes>SALES<\/serviceCodes>/,
		);
	});
});

describe("REST with Apache CXF's default JSON provider (root element kept, values as text)", () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim({ jsonStyle: 'wrapped' });
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('unwraps the root element and reads a one-entry map sent as an object', async () => {
		const result = await runTvox(sim, 'rest', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT',
		});
		expect(jsonOf(result)).toEqual([
			{ result: 'SUCCESS', state: { SUPPORT: 'ACTIVE' }, channelId: 1 },
		]);
		const raw = await fetch(
			`${sim.restBaseUrl}/getServiceState?channelId=1&serviceCodes=SUPPORT`,
		).then((r) => r.json());
		expect(raw).toEqual({
			getServiceStateResult: {
				result: 'SUCCESS',
				state: { entry: { key: 'SUPPORT', value: 'ACTIVE' } },
				channelId: '1',
			},
		});
	});

	it('reads a map of several entries and every other result the same way', async () => {
		const id = await startSession(sim, 'rest', { sessionId: 'w-1', contactId: 'c' });
		expect(id).toBe('w-1');
		const state = await runTvox(sim, 'rest', {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'SUPPORT,NIGHT',
		});
		expect(jsonOf(state)[0].state).toEqual({ SUPPORT: 'ACTIVE', NIGHT: 'OUT_OF_SERVICE' });
		const check = await runTvox(sim, 'rest', {
			...SESSION,
			operation: 'checkSessionState',
			sessionId: 'w-1',
		});
		expect(jsonOf(check)).toEqual([{ result: 'SUCCESS', sessionId: 'w-1', status: 'NEW' }]);
	});

	it('sends Set Session Data with its root element once the server is known to want it', async () => {
		await startSession(sim, 'rest', { sessionId: 'w-2' });
		const result = await runTvox(sim, 'rest', {
			...SESSION,
			operation: 'setSessionData',
			sessionId: 'w-2',
			sessionData: 'x',
		});
		expect(jsonOf(result)).toEqual([{ result: 'SUCCESS', sessionId: 'w-2', sessionData: 'x' }]);
		const puts = callsOf(sim, 'rest').filter((r) => r.method === 'PUT');
		expect(puts.map((r) => JSON.parse(r.body))).toEqual([
			{ setSessionDataRequest: { sessionId: 'w-2', sessionData: 'x' } },
		]);
	});

	it('falls back to the root element when the body without it is refused, and remembers', async () => {
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'w-3' });
		const result = await runTvox(
			sim,
			'rest',
			{ ...SESSION, operation: 'setSessionData', sessionId: 'w-3', sessionData: '={{ $json.d }}' },
			{ items: [{ d: 'one' }, { d: 'two' }] },
		);
		expect(jsonOf(result).map((j) => j.sessionData)).toEqual(['one', 'two']);
		const puts = callsOf(sim, 'rest').map((r) => JSON.parse(r.body));
		expect(puts).toEqual([
			{ sessionId: 'w-3', sessionData: 'one' },
			{ setSessionDataRequest: { sessionId: 'w-3', sessionData: 'one' } },
			{ setSessionDataRequest: { sessionId: 'w-3', sessionData: 'two' } },
		]);
	});
});
