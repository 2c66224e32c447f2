import http from 'node:http';

import {
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	JTEL_SIM_TOKEN,
	startJtelSimulator,
	type JtelSimulator,
} from '../../simulators/jtel';
import { fixture } from './helpers';

/** The jtel simulator's users, calls, cockpit variables and contacts by user data, over raw HTTP. */

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(
	url: string,
	method = 'GET',
	headers: Record<string, string> = {},
	body?: string,
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: Buffer.concat(chunks).toString('utf8'),
				}),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

let sim: JtelSimulator;
const AUTH = { Authorization: `Bearer ${JTEL_SIM_TOKEN}` };

async function api(
	method: string,
	path: string,
	headers: Record<string, string> = AUTH,
	body?: string,
): Promise<Reply> {
	return await send(`${sim.baseUrl}${path}`, method, headers, body);
}

async function json(
	method: string,
	path: string,
): Promise<{ status: number; data: Record<string, unknown> }> {
	const reply = await api(method, path);
	expect(reply.headers['content-type']).toMatch(/^application\/json/);
	return { status: reply.status, data: JSON.parse(reply.body) as Record<string, unknown> };
}

const keysOf = (name: string) => Object.keys(fixture(name));

beforeAll(async () => {
	sim = await startJtelSimulator({ port: 0 });
});
afterAll(async () => {
	agent.destroy();
	await sim.close();
});
beforeEach(() => sim.reset());

describe('jtel simulator — users', () => {
	it('GET /users: the list envelope in the documented key order, ordered by UID, the documented columns', async () => {
		const { status, data } = await json('GET', '/users');
		expect(status).toBe(200);
		expect(Object.keys(data)).toEqual(keysOf('users.response.json'));
		expect(data).toMatchObject({
			filter: '',
			limitStart: 0,
			limitPageSize: -1,
			orderBy: 'UID',
			ascending: true,
			count: 3,
			status: 200,
		});
		const records = data.records as Array<Record<string, unknown>>;
		expect(records.map((u) => u.UID)).toEqual(['emusterfrau', 'mmustermann', 'supervisor']);
		const documented = fixture<{ records: Array<Record<string, unknown>> }>('users.response.json')
			.records[0];
		for (const record of records)
			expect(Object.keys(record)).toEqual(expect.arrayContaining(Object.keys(documented)));
	});

	it("GET /users/user/{UsersID}: records, count 1, status; 404 with the error envelope for an unknown or other client's user", async () => {
		const found = await json('GET', '/users/user/8');
		expect(found.data).toEqual({
			records: [expect.objectContaining({ ID: 8, UID: 'emusterfrau' })],
			count: 1,
			status: 200,
		});
		const other = await json('GET', '/users/user/95');
		expect(other).toEqual({ status: 404, data: { status: 404, error: 'User not found' } });
	});

	it('the second client sees only its own users', async () => {
		const reply = await send(`${sim.url}/rest/v1.0/${JTEL_SIM_OTHER_CLIENTS_ID}/users`, 'GET', {
			Authorization: `Bearer ${JTEL_SIM_OTHER_TOKEN}`,
		});
		expect(
			(JSON.parse(reply.body) as { records: Array<{ UID: string }> }).records.map((u) => u.UID),
		).toEqual(['other.agent']);
	});
});

describe('jtel simulator — calls', () => {
	it('GET /calls: records, count, orderBy "UFN", status only, with the documented columns', async () => {
		const { status, data } = await json('GET', '/calls');
		expect(status).toBe(200);
		expect(Object.keys(data)).toEqual(keysOf('calls.response.json'));
		const documented = fixture<{ records: object[] }>('calls.response.json').records[0];
		expect((data.records as object[])[0]).toMatchObject(documented);
		expect(data).toMatchObject({ count: 4, orderBy: 'UFN', status: 200 });
	});

	it('answer → hold → hangup walk a ringing call through its states; each answers {"status":200}', async () => {
		const state = () => sim.state.clients.get(1)!.calls.get('sim-ufn-1001');
		expect(await json('GET', '/calls/sim-ufn-1001/hold')).toEqual({
			status: 409,
			data: { status: 409, error: 'The call is not connected' },
		});
		expect(await json('GET', '/calls/sim-ufn-1001/answer')).toEqual({
			status: 200,
			data: { status: 200 },
		});
		expect(state()!.CallState).toBe('Connected');
		expect(await json('GET', '/calls/sim-ufn-1001/answer')).toEqual({
			status: 409,
			data: { status: 409, error: 'The call is not ringing' },
		});
		expect(await json('GET', '/calls/sim-ufn-1001/hold')).toEqual({
			status: 200,
			data: { status: 200 },
		});
		expect(state()!.CallState).toBe('Held');
		expect((await json('GET', '/calls/sim-ufn-1001/hold')).data).toEqual({
			status: 409,
			error: 'The call is already on hold',
		});
		expect(await json('GET', '/calls/sim-ufn-1001/hangup')).toEqual({
			status: 200,
			data: { status: 200 },
		});
		expect(state()).toBeUndefined();
		expect(await json('GET', '/calls/sim-ufn-1001/hangup')).toEqual({
			status: 404,
			data: { status: 404, error: 'Call not found' },
		});
		const left = (await json('GET', '/calls')).data.records as Array<{ UFN: string }>;
		expect(left.map((c) => c.UFN)).toEqual(['sim-ufn-1002', 'sim-ufn-1003', 'sim-ufn-1004']);
	});

	it('answer where the PBX connector does not support it: 409, the call keeps ringing', async () => {
		expect((await json('GET', '/calls/sim-ufn-1004/answer')).data).toEqual({
			status: 409,
			error: 'The PBX connector of this call does not support answer',
		});
	});

	it('hang up leg 2 ends the secondary call once; the call stays', async () => {
		expect((await json('GET', '/calls/sim-ufn-1002/hangupLeg2')).data).toEqual({ status: 200 });
		expect(sim.state.clients.get(1)!.calls.get('sim-ufn-1002')).toMatchObject({
			Leg2Number: null,
			CallState: 'Connected',
		});
		expect((await json('GET', '/calls/sim-ufn-1002/hangupLeg2')).status).toBe(409);
	});

	it('the UFN is a text segment, percent-decoded; other methods 405, unknown functions 404 with an empty body', async () => {
		const calls = sim.state.clients.get(1)!.calls;
		calls.set('a/b ü', { ...calls.get('sim-ufn-1001')!, UFN: 'a/b ü' });
		expect((await api('GET', `/calls/${encodeURIComponent('a/b ü')}/answer`)).status).toBe(200);
		const post = await api(
			'POST',
			'/calls/sim-ufn-1001/answer',
			{ ...AUTH, 'Content-Type': 'application/json' },
			'{}',
		);
		expect(post.status).toBe(405);
		expect(post.headers.allow).toBe('GET');
		const unknown = await api('GET', '/calls/sim-ufn-1001/transfer');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toBe('');
		expect(sim.requests.map((r) => r.operation)).toEqual(['CallAnswer', undefined, undefined]);
	});

	it("another client's call is not found", async () => {
		expect((await json('GET', '/calls/sim-ufn-9001/hangup')).status).toBe(404);
	});
});

describe('jtel simulator — cockpit variables', () => {
	const setValue = async (id: number, value: string) =>
		await json(
			'PATCH',
			`/cockpitVariables/cockpitVariable/${id}/setValue?value=${encodeURIComponent(value)}`,
		);

	it('GET /cockpitVariables: the documented list envelope ordered by Name, with the sample 192', async () => {
		const { data } = await json('GET', '/cockpitVariables');
		expect(Object.keys(data)).toEqual(keysOf('cockpitVariables.response.json'));
		expect(data).toMatchObject({ orderBy: 'Name', ascending: true, count: 5, status: 200 });
		const sample = fixture<{ records: object[] }>('cockpitVariables.response.json').records[0];
		expect((data.records as Array<{ ID: number }>).find((v) => v.ID === 192)).toMatchObject(sample);
	});

	it('GET …/cockpitVariable/{id}: records, count 1; 404 for an unknown one', async () => {
		expect((await json('GET', '/cockpitVariables/cockpitVariable/194')).data).toMatchObject({
			count: 1,
			status: 200,
		});
		expect(await json('GET', '/cockpitVariables/cockpitVariable/999')).toEqual({
			status: 404,
			data: { status: 404, error: 'Cockpit variable not found' },
		});
	});

	it('PATCH …/setValue?value=: result codes 0 to 4 with HTTP 200, the value changes only on 0', async () => {
		const value = (id: number) => sim.state.clients.get(1)!.cockpitVariables.get(id)!.Value;
		expect(await setValue(194, '25')).toEqual({
			status: 200,
			data: { result: 0, error: '', status: 200 },
		});
		expect(value(194)).toBe(25);
		expect((await setValue(195, '90')).data).toEqual({
			result: 1,
			error: 'Variable is not writable',
			status: 200,
		});
		expect((await setValue(196, '1')).data).toEqual({
			result: 2,
			error: 'Variable not found or not visible for cockpit',
			status: 200,
		});
		expect((await setValue(999, '1')).data).toMatchObject({ result: 2 });
		expect((await setValue(194, '25')).data).toEqual({
			result: 3,
			error: 'Value was not changed (same value)',
			status: 200,
		});
		expect((await setValue(194, '51')).data).toMatchObject({ result: 4 });
		expect((await setValue(194, '-1')).data).toMatchObject({ result: 4 });
		expect((await setValue(193, '1')).data).toMatchObject({ result: 0 });
		expect((await setValue(193, '2')).data).toMatchObject({ result: 4 });
		expect(value(194)).toBe(25);
		expect(value(195)).toBe(80);
		expect(sim.state.clients.get(1)!.cockpitVariables.get(194)!.dtLastModified).not.toBe(
			'2022-01-04T13:31:37.477546Z',
		);
	});

	it('Set Value without a whole-number value: 400 with the error envelope', async () => {
		for (const path of [
			'setValue',
			'setValue?value=',
			'setValue?value=1.5',
			'setValue?value=abc',
		]) {
			expect(await json('PATCH', `/cockpitVariables/cockpitVariable/194/${path}`)).toEqual({
				status: 400,
				data: { status: 400, error: 'Parameter value missing or not an integer' },
			});
		}
	});

	it('Set Value is PATCH only; GET on it is 405', async () => {
		const reply = await api('GET', '/cockpitVariables/cockpitVariable/194/setValue?value=1');
		expect(reply.status).toBe(405);
		expect(reply.headers.allow).toBe('PATCH');
	});
});

describe('jtel simulator — dialler contacts by user data, E.164 forms', () => {
	it('GET /dialler/contacts/contact?userData=: every match in every campaign; 404 for none, 400 without userData', async () => {
		const { data } = await json('GET', '/dialler/contacts/contact?userData=CON6174');
		expect(data).toMatchObject({ count: 2, status: 200 });
		expect((data.records as Array<{ ID: number }>).map((c) => c.ID)).toEqual([215387, 215389]);
		expect(await json('GET', '/dialler/contacts/contact?userData=nobody')).toEqual({
			status: 404,
			data: { status: 404, error: 'Dialler contact not found' },
		});
		expect((await json('GET', '/dialler/contacts/contact')).status).toBe(400);
	});

	it.each([
		['49199123456789', 200],
		['+4930123456', 200],
		['4930123456', 200],
		['030 123456', 400],
		['0049301234', 400],
		['+4930123456789012', 400],
		['+', 400],
	])('an ACD callback event with the sender %s: HTTP %i', async (sender, expected) => {
		const body = JSON.stringify({
			AcdEventTypesID: 3,
			AcdGroupsID: 12,
			Sender: sender,
			Subject: 'Callback',
		});
		const reply = await api(
			'POST',
			'/acd/events/create',
			{ ...AUTH, 'Content-Type': 'application/json' },
			body,
		);
		expect(reply.status).toBe(expected);
		if (expected === 200) expect(JSON.parse(reply.body).records[0].Sender).toBe(sender);
	});
});

describe('jtel simulator — reset and dump', () => {
	it('reset brings users, calls and cockpit variables back; the dump lists them', async () => {
		await json('GET', '/calls/sim-ufn-1002/hangup');
		await json('PATCH', '/cockpitVariables/cockpitVariable/194/setValue?value=3');
		sim.reset();
		expect(sim.state.clients.get(1)!.calls.has('sim-ufn-1002')).toBe(true);
		expect(sim.state.clients.get(1)!.cockpitVariables.get(194)!.Value).toBe(10);
		const dump = JSON.parse((await send(`${sim.url}/__sim/state`)).body) as {
			clients: Array<Record<string, unknown[]>>;
		};
		expect(dump.clients[0].users).toHaveLength(3);
		expect(dump.clients[0].calls).toHaveLength(4);
		expect(dump.clients[0].cockpitVariables).toHaveLength(5);
	});
});
