import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CALL_HANGUP_LEG2_PATH } from '../../nodes/AcdDialler/constants';
import type { JtelSimulator } from '../../simulators/jtel';
import { apiCalls, fixture, jsonOf, onlyCall, run, startSim, stopSim } from './helpers';

describe('ACD Dialler node — User and Call', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	const calls = () => sim.state.clients.get(1)!.calls;

	describe('User', () => {
		it('Get Many: GET /users, one item per user ordered by UID, with the documented columns', async () => {
			const result = await run(sim, { resource: 'user', operation: 'getAll', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/users' });
			const users = jsonOf(result);
			expect(users.map((u) => u.UID)).toEqual(['emusterfrau', 'mmustermann', 'supervisor']);
			const documented = fixture<{ records: object[] }>('users.response.json').records[0];
			for (const user of users)
				expect(Object.keys(user)).toEqual(expect.arrayContaining(Object.keys(documented)));
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 0 },
				{ item: 0 },
			]);
		});

		it('Get Many: Limit cuts the list; Keep Envelope outputs the documented envelope', async () => {
			const limited = await run(sim, { resource: 'user', operation: 'getAll', limit: 1 });
			expect(jsonOf(limited).map((u) => u.UID)).toEqual(['emusterfrau']);
			const envelope = await run(sim, {
				resource: 'user',
				operation: 'getAll',
				keepEnvelope: true,
			});
			const documented = fixture('users.response.json');
			expect(Object.keys(jsonOf(envelope)[0])).toEqual(Object.keys(documented));
			expect(jsonOf(envelope)[0]).toMatchObject({
				orderBy: 'UID',
				ascending: true,
				count: 3,
				status: 200,
			});
		});

		it('Get: GET /users/user/{UsersID}, the one user', async () => {
			const result = await run(sim, { resource: 'user', operation: 'get', usersId: ' 7 ' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/users/user/7' });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ ID: 7, UID: 'mmustermann', ClientsID: 1 }),
			]);
		});

		it('Get of an unknown user: record not found (HTTP 404) with the server text', async () => {
			const result = await run(sim, { resource: 'user', operation: 'get', usersId: '95' });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get a user failed: record not found (HTTP 404): User not found',
			);
		});

		it('Get with an ID that is not a positive whole number is refused before sending', async () => {
			const result = await run(sim, { resource: 'user', operation: 'get', usersId: 'abc' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toBe('User ID must be a positive whole number, not "abc"');
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('continueOnFail: found, missing and invalid users each give one item with pairedItem', async () => {
			const result = await run(
				sim,
				{ resource: 'user', operation: 'get', usersId: '={{ $json.id }}' },
				{ items: [{ id: 8 }, { id: 4242 }, { id: 'x' }], continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			const [found, missing, invalid] = jsonOf(result);
			expect(found).toMatchObject({ ID: 8, UID: 'emusterfrau' });
			expect(missing).toMatchObject({
				error: 'Get a user failed: record not found (HTTP 404): User not found',
				httpStatus: 404,
			});
			expect(invalid.error).toBe('User ID must be a positive whole number, not "x"');
		});
	});

	describe('Call', () => {
		it('Get Many: GET /calls, one item per call ordered by UFN, with the documented columns', async () => {
			const result = await run(sim, { resource: 'call', operation: 'getAll', returnAll: true });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/calls' });
			const records = jsonOf(result);
			expect(records.map((c) => c.UFN)).toEqual([
				'sim-ufn-1001',
				'sim-ufn-1002',
				'sim-ufn-1003',
				'sim-ufn-1004',
			]);
			const documented = fixture<{ records: object[] }>('calls.response.json').records[0];
			expect(records[0]).toMatchObject(documented);
		});

		it('Get Many with Keep Envelope: records, count, orderBy UFN, status (no list envelope fields)', async () => {
			const result = await run(sim, { resource: 'call', operation: 'getAll', keepEnvelope: true });
			const [envelope] = jsonOf(result);
			expect(Object.keys(envelope)).toEqual(Object.keys(fixture('calls.response.json')));
			expect(envelope).toMatchObject({ count: 4, orderBy: 'UFN', status: 200 });
		});

		it('Answer: GET /calls/{UFN}/answer; the ringing call is connected', async () => {
			const result = await run(sim, { resource: 'call', operation: 'answer', ufn: 'sim-ufn-1001' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/calls/sim-ufn-1001/answer' });
			expect(jsonOf(result)).toEqual([
				{ success: true, status: 200, UFN: 'sim-ufn-1001', action: 'answer' },
			]);
			expect(calls().get('sim-ufn-1001')!.CallState).toBe('Connected');
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
		});

		it('Answer of a call that is not ringing: conflict (HTTP 409) with the server text', async () => {
			const result = await run(sim, { resource: 'call', operation: 'answer', ufn: 'sim-ufn-1002' });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Answer a call failed: conflict (HTTP 409): The call is not ringing',
			);
		});

		it('Answer where the PBX connector does not support it: conflict (HTTP 409), the call keeps ringing', async () => {
			const result = await run(sim, { resource: 'call', operation: 'answer', ufn: 'sim-ufn-1004' });
			expect(result.error!.message).toBe(
				'Answer a call failed: conflict (HTTP 409): The PBX connector of this call does not support answer',
			);
			expect(calls().get('sim-ufn-1004')!.CallState).toBe('Ringing');
		});

		it('Hang Up: GET /calls/{UFN}/hangup; the call is gone from the list', async () => {
			const result = await run(sim, { resource: 'call', operation: 'hangup', ufn: 'sim-ufn-1002' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/calls/sim-ufn-1002/hangup' });
			expect(jsonOf(result)).toEqual([
				{ success: true, status: 200, UFN: 'sim-ufn-1002', action: 'hangup' },
			]);
			expect(calls().has('sim-ufn-1002')).toBe(false);
			const again = await run(sim, { resource: 'call', operation: 'hangup', ufn: 'sim-ufn-1002' });
			expect(again.error!.message).toBe(
				'Hang up a call failed: record not found (HTTP 404): Call not found',
			);
		});

		it('Hold: GET /calls/{UFN}/hold; a connected call is held, a held or ringing one is a conflict', async () => {
			const result = await run(sim, { resource: 'call', operation: 'hold', ufn: 'sim-ufn-1002' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/calls/sim-ufn-1002/hold' });
			expect(calls().get('sim-ufn-1002')!.CallState).toBe('Held');
			const held = await run(sim, { resource: 'call', operation: 'hold', ufn: 'sim-ufn-1002' });
			expect(held.error!.message).toBe(
				'Hold a call failed: conflict (HTTP 409): The call is already on hold',
			);
			const ringing = await run(sim, { resource: 'call', operation: 'hold', ufn: 'sim-ufn-1001' });
			expect(ringing.error!.message).toBe(
				'Hold a call failed: conflict (HTTP 409): The call is not connected',
			);
		});

		it('Hang Up Leg 2: GET on the chosen path; the secondary call ends, the call stays', async () => {
			expect(CALL_HANGUP_LEG2_PATH).toBe('/calls/{UFN}/hangupLeg2');
			const result = await run(sim, {
				resource: 'call',
				operation: 'hangupLeg2',
				ufn: 'sim-ufn-1002',
			});
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({
				method: 'GET',
				path: '/calls/sim-ufn-1002/hangupLeg2',
			});
			expect(jsonOf(result)).toEqual([
				{ success: true, status: 200, UFN: 'sim-ufn-1002', action: 'hangupLeg2' },
			]);
			expect(calls().get('sim-ufn-1002')).toMatchObject({
				Leg2Number: null,
				CallState: 'Connected',
			});
			const again = await run(sim, {
				resource: 'call',
				operation: 'hangupLeg2',
				ufn: 'sim-ufn-1002',
			});
			expect(again.error!.message).toBe(
				'Hang up leg 2 of a call failed: conflict (HTTP 409): The call has no secondary call (leg 2)',
			);
		});

		it('Hang Up Leg 2 on a server without that URL: endpoint not available, and the hint says what to do', async () => {
			sim.faults.add({ kind: 'status', status: 404, body: '' }, { match: 'CallHangupLeg2' });
			const result = await run(sim, {
				resource: 'call',
				operation: 'hangupLeg2',
				ufn: 'sim-ufn-1002',
			});
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Hang up leg 2 of a call failed: endpoint not available on this server (HTTP 404)',
			);
			expect(result.error!.description).toContain('jtel does not publish the URL of this function');
			expect(result.error!.description).toContain('CALL_HANGUP_LEG2_PATH');
		});

		it('an unknown UFN: record not found (HTTP 404) with the server text', async () => {
			const result = await run(sim, { resource: 'call', operation: 'hold', ufn: 'no-such-call' });
			expect(result.error!.message).toBe(
				'Hold a call failed: record not found (HTTP 404): Call not found',
			);
		});

		it('a UFN with reserved characters is percent-encoded into one path segment', async () => {
			const state = calls();
			const odd = { ...state.get('sim-ufn-1001')!, UFN: 'a/b c?d#ü' };
			state.set(odd.UFN, odd);
			const result = await run(sim, { resource: 'call', operation: 'answer', ufn: 'a/b c?d#ü' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim).path).toBe('/calls/a%2Fb%20c%3Fd%23%C3%BC/answer');
			expect(state.get('a/b c?d#ü')!.CallState).toBe('Connected');
		});

		it('a blank UFN is refused before sending', async () => {
			const result = await run(sim, { resource: 'call', operation: 'hangup', ufn: '  ' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toBe('Call UFN is required');
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('a UFN of dots only is refused before sending (it would not stay one path segment)', async () => {
			const result = await run(sim, { resource: 'call', operation: 'hangup', ufn: '..' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toBe('Call UFN must be the UFN of a call, not ".."');
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('continueOnFail: one item per input call, errors as items, pairedItem kept', async () => {
			const result = await run(
				sim,
				{ resource: 'call', operation: 'hold', ufn: '={{ $json.ufn }}' },
				{
					items: [{ ufn: 'sim-ufn-1002' }, { ufn: 'sim-ufn-1003' }, { ufn: '' }, { ufn: 'gone' }],
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
			const [held, already, blank, gone] = jsonOf(result);
			expect(held).toMatchObject({ success: true, UFN: 'sim-ufn-1002', action: 'hold' });
			expect(already).toMatchObject({
				error: 'Hold a call failed: conflict (HTTP 409): The call is already on hold',
				httpStatus: 409,
			});
			expect(blank.error).toBe('Call UFN is required');
			expect(gone).toMatchObject({ httpStatus: 404, serverMessage: 'Call not found' });
		});
	});
});
