import http from 'node:http';

import {
	JTEL_SIM_CLIENTS_ID,
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	JTEL_SIM_TOKEN,
	startJtelSimulator,
	type JtelSimulator,
} from '../../simulators/jtel';
import { fixture } from './helpers';

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
const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json' };

async function api(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<Reply> {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return await send(
		`${sim.baseUrl}${path}`,
		method,
		{ ...(payload ? JSON_HEADERS : AUTH), ...headers },
		payload,
	);
}

async function json(
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; data: Record<string, unknown> }> {
	const reply = await api(method, path, body);
	expect(reply.headers['content-type']).toMatch(/^application\/json/);
	return { status: reply.status, data: JSON.parse(reply.body) as Record<string, unknown> };
}

const LIST_KEYS = [
	'filter',
	'limitStart',
	'limitPageSize',
	'records',
	'count',
	'orderBy',
	'ascending',
	'status',
];

beforeAll(async () => {
	sim = await startJtelSimulator({ port: 0 });
});
afterAll(async () => {
	agent.destroy();
	await sim.close();
});
beforeEach(() => sim.reset());

describe('jtel simulator — authentication and routing', () => {
	it('answers under {server}/rest/v1.0/{ClientsID} with the bearer token', async () => {
		expect(sim.baseUrl).toBe(`${sim.url}/rest/v1.0/${JTEL_SIM_CLIENTS_ID}`);
		const reply = await api('GET', '/acd/events/types');
		expect(reply.status).toBe(200);
	});

	it.each([
		['no Authorization header', {}],
		['a wrong token', { Authorization: 'Bearer wrong-token' }],
		[
			'a Basic header',
			{ Authorization: `Basic ${Buffer.from(`x:${JTEL_SIM_TOKEN}`).toString('base64')}` },
		],
		["another client's token", { Authorization: `Bearer ${JTEL_SIM_OTHER_TOKEN}` }],
	])('401 with the error envelope for %s', async (_label, headers) => {
		const reply = await send(`${sim.baseUrl}/acd/groups`, 'GET', headers);
		expect(reply.status).toBe(401);
		expect(JSON.parse(reply.body)).toEqual({
			status: 401,
			error: 'Unauthorized: invalid token or ClientsID',
		});
	});

	it('401 for a ClientsID the token does not belong to, and for a ClientsID that is not a number', async () => {
		for (const clientsId of ['99', String(JTEL_SIM_OTHER_CLIENTS_ID), 'abc']) {
			const reply = await send(`${sim.url}/rest/v1.0/${clientsId}/acd/groups`, 'GET', AUTH);
			expect(reply.status).toBe(401);
		}
	});

	it('the second client sees only its own data', async () => {
		const reply = await send(
			`${sim.url}/rest/v1.0/${JTEL_SIM_OTHER_CLIENTS_ID}/dialler/campaigns`,
			'GET',
			{
				Authorization: `Bearer ${JTEL_SIM_OTHER_TOKEN}`,
			},
		);
		const data = JSON.parse(reply.body) as { records: Array<{ Name: string }> };
		expect(data.records.map((r) => r.Name)).toEqual(['Other Client Campaign']);
	});

	it.each([
		['/rest/v1.0/1/acd/nothing'],
		['/rest/v1.0/1/acd/events/event/abc'],
		['/rest/v2.0/1/acd/events'],
		['/api/acd/events'],
	])('404 with an empty body for the unknown path %s, even without a token', async (path) => {
		const reply = await send(`${sim.url}${path}`);
		expect(reply.status).toBe(404);
		expect(reply.body).toBe('');
	});

	it('405 with Allow for a known path and another method', async () => {
		const reply = await api('PUT', '/acd/events');
		expect(reply.status).toBe(405);
		expect(reply.headers.allow).toBe('GET');
		expect(reply.body).toBe('');
	});

	it('POST needs Content-Type: application/json and a valid JSON body', async () => {
		const wrongType = await send(
			`${sim.baseUrl}/dialler/campaigns/clone`,
			'POST',
			{ ...AUTH, 'Content-Type': 'text/plain' },
			'{}',
		);
		expect(wrongType.status).toBe(415);
		const broken = await send(
			`${sim.baseUrl}/dialler/campaigns/clone`,
			'POST',
			JSON_HEADERS,
			'{"source":',
		);
		expect(broken.status).toBe(400);
		expect(JSON.parse(broken.body)).toEqual({
			status: 400,
			error: 'The request body is not valid JSON',
		});
	});

	it('records the operation of each request for fault matching', async () => {
		await api('GET', '/dialler/campaigns/538');
		expect(sim.requests[0].operation).toBe('DiallerCampaignGet');
	});
});

describe('jtel simulator — the documented samples', () => {
	it('AcdEventStatus list is the documentation example, exactly', async () => {
		const { status, data } = await json('GET', '/acd/events/status');
		expect(status).toBe(200);
		expect(data).toEqual(fixture('acdEventStatus.response.json'));
		expect(JSON.stringify(Object.keys(data))).toBe(JSON.stringify(LIST_KEYS));
	});

	it('AcdEventTypes list has the documented records, ordered by ID', async () => {
		const { data } = await json('GET', '/acd/events/types');
		expect(data.records).toEqual(fixture('acdEventTypes.records.json'));
		expect(data).toMatchObject({ orderBy: 'ID', ascending: true, status: 200, count: 5 });
	});

	it('AcdEvents list: the envelope keys in order, the sample record, ordered by dtCreated', async () => {
		const { data } = await json('GET', '/acd/events');
		const sample = fixture<{ records: Array<Record<string, unknown>> }>('acdEvents.response.json');
		expect(Object.keys(data)).toEqual(LIST_KEYS);
		expect(data).toMatchObject({
			filter: '',
			limitStart: 0,
			limitPageSize: -1,
			orderBy: 'dtCreated',
			ascending: true,
			status: 200,
			count: 3,
		});
		const records = data.records as Array<Record<string, unknown>>;
		expect(records[0]).toMatchObject(sample.records[0]);
		const created = records.map((r) => String(r.dtCreated));
		expect([...created].sort()).toEqual(created);
	});

	it('ACD group by ID and by name match the samples; by name is a partial match returning three', async () => {
		const byId = await json('GET', '/acd/groups/group/12');
		const idSample = fixture<{ records: unknown[] }>('acdGroup.response.json');
		expect(Object.keys(byId.data)).toEqual(['records', 'count', 'status']);
		expect(byId.data).toMatchObject({ ...idSample, records: [idSample.records[0]] });
		const byName = await json('GET', '/acd/groups/group?name=Support');
		const nameSample = fixture<{ records: unknown[]; count: number }>(
			'acdGroupByName.response.json',
		);
		expect(byName.data.count).toBe(nameSample.count);
		expect((byName.data.records as unknown[])[0]).toMatchObject(nameSample.records[0] as object);
	});

	it('ACD groups list is ordered by Name', async () => {
		const { data } = await json('GET', '/acd/groups');
		const names = (data.records as Array<{ Name: string }>).map((r) => r.Name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(data).toMatchObject({ orderBy: 'Name', count: 8 });
	});

	it('campaign list, by ID and by name hold the "Campaign 1000" sample', async () => {
		for (const [path, name] of [
			['/dialler/campaigns', 'diallerCampaigns.response.json'],
			['/dialler/campaigns/538', 'diallerCampaign.response.json'],
			['/dialler/campaigns/campaign?name=Campaign%201000', 'diallerCampaignByName.response.json'],
		]) {
			const { data } = await json('GET', path);
			const sample = fixture<{ records: Array<Record<string, unknown>> } & Record<string, unknown>>(
				name,
			);
			const envelope = Object.fromEntries(
				Object.entries(sample).filter(([key]) => key !== 'records' && key !== 'count'),
			);
			expect(Object.keys(data)).toEqual(Object.keys(sample));
			expect(data).toMatchObject(envelope);
			const record = (data.records as Array<Record<string, unknown>>).find(
				(r) => r.Name === 'Campaign 1000',
			);
			expect(record).toMatchObject(sample.records[0]);
		}
	});

	it('404 for an unknown campaign is the documented error body', async () => {
		const { status, data } = await json('GET', '/dialler/campaigns/999');
		expect(status).toBe(404);
		expect(data).toEqual(fixture('error.response.json'));
	});

	it('result codes in English and German; 2881 is the documented sample', async () => {
		const en = await json('GET', '/dialler/campaigns/campaign/538/resultCodes?languagesID=1');
		const de = await json('GET', '/dialler/campaigns/campaign/538/resultCodes?languagesID=2');
		const sample = fixture('resultCode.record.json');
		expect(
			(en.data.records as Array<Record<string, unknown>>).find((r) => r.ID === 2881),
		).toMatchObject(sample);
		expect(
			(de.data.records as Array<Record<string, unknown>>).find((r) => r.ID === 2881),
		).toMatchObject({
			...sample,
			Content: 'Maximale Versuche (Abbruch)',
		});
		for (const query of ['', '?languagesID=3', '?languagesID=en']) {
			const bad = await json('GET', `/dialler/campaigns/campaign/538/resultCodes${query}`);
			expect(bad.status).toBe(400);
			expect(String(bad.data.error)).toMatch(/languagesID/);
		}
	});

	it('clone with the documented POST data: 200, then 409 for the same destination, 404 for a missing source', async () => {
		const body = fixture('diallerCampaignClone.request.json');
		const first = await json('POST', '/dialler/campaigns/clone', body);
		expect(first.status).toBe(200);
		const clone = (first.data.records as Array<Record<string, unknown>>)[0];
		expect(clone).toMatchObject({
			Name: 'My New Campaign',
			UserData: 'UserData Field Contents',
			LanguagesID: 2,
		});
		expect(clone.ID).not.toBe(538);
		const codes = await json(
			'GET',
			`/dialler/campaigns/campaign/${String(clone.ID)}/resultCodes?languagesID=1`,
		);
		expect(codes.data.count).toBe(6);
		expect((codes.data.records as Array<{ ID: number }>).map((r) => r.ID)).not.toContain(2881);
		const contacts = await json('GET', `/dialler/contacts?diallerCampaignsID=${String(clone.ID)}`);
		expect(contacts.data.count).toBe(0);
		const again = await json('POST', '/dialler/campaigns/clone', body);
		expect(again).toEqual({
			status: 409,
			data: { status: 409, error: 'Dialler campaign already exists' },
		});
		const missing = await json('POST', '/dialler/campaigns/clone', {
			...body,
			source: 'No Such Campaign',
			destination: 'X',
		});
		expect(missing).toEqual({
			status: 404,
			data: { status: 404, error: 'Source dialler campaign not found' },
		});
		const incomplete = await json('POST', '/dialler/campaigns/clone', { source: 'Campaign 1000' });
		expect(incomplete.status).toBe(400);
	});

	it('the contact batch sample returns the extended record with result code and history', async () => {
		const { status, data } = await json(
			'POST',
			'/dialler/contacts?languagesID=2',
			fixture('diallerContactsBatch.request.json'),
		);
		expect(status).toBe(200);
		expect(Object.keys(data)).toEqual(['records', 'count', 'status']);
		const records = data.records as Array<Record<string, unknown>>;
		expect(records.map((r) => r.ID)).toEqual([215387, 215389]);
		expect(records[0].DiallerCampaignsResultCodes).toMatchObject({
			ID: 2881,
			Content: 'Maximale Versuche (Abbruch)',
		});
		expect((records[0].DiallerContactsHistory as unknown[])[0]).toHaveProperty('StatisticsPartA');
	});
});

describe('jtel simulator — state changes', () => {
	const create = (body: Record<string, unknown>) => json('POST', '/acd/events/create', body);
	const callback = { AcdEventTypesID: 3, Sender: '+4930111222', Subject: 'Callback' };

	it('creates an event with every documented field and lists it', async () => {
		const { status, data } = await create(fixture('acdEventCreate.request.json'));
		expect(status).toBe(200);
		expect(data.count).toBe(1);
		const event = (data.records as Array<Record<string, unknown>>)[0];
		expect(event).toMatchObject({
			AcdEventTypesID: 3,
			AcdGroupsID: 12,
			UsersID: 7,
			nPriority: 80,
			dtAppointment: '2030-03-31T14:30:00.000',
			AcdEventStatusID: 20,
		});
		expect(event.Result_).toBeUndefined();
		const got = await json('GET', `/acd/events/event/${String(event.ID)}`);
		expect(got.data.records).toEqual([event]);
	});

	it('the group rule: AcdGroupsID, or both configuration and agent group, never both kinds', async () => {
		expect((await create({ ...callback })).status).toBe(400);
		expect((await create({ ...callback, AcdConfigurationGroupsID: 20 })).status).toBe(400);
		expect(
			(await create({ ...callback, AcdGroupsID: 12, AcdAgentGroupsID: 21 })).data.error,
		).toMatch(/not both/);
		expect(
			(await create({ ...callback, AcdConfigurationGroupsID: 20, AcdAgentGroupsID: 12 })).data
				.error,
		).toMatch(/not an agent group of configuration group 20/);
		const ok = await create({ ...callback, AcdConfigurationGroupsID: 20, AcdAgentGroupsID: 22 });
		expect((ok.data.records as Array<Record<string, unknown>>)[0]).toMatchObject({
			AcdGroupsID: null,
			AcdConfigurationGroupsID: 20,
			AcdAgentGroupsID: 22,
		});
		expect((await create({ ...callback, AcdGroupsID: 77 })).status).toBe(404);
	});

	it.each([
		[{ Sender: '030 111222' }, /E\.164/],
		[{ Subject: '' }, /Subject/],
		[{ AcdEventTypesID: 99 }, /Unknown AcdEventTypesID 99/],
		[{ CrmURL: 'crm/ticket' }, /CrmURL/],
		[{ nPriority: 201 }, /nPriority/],
		[{ dtAppointmentDate: '31.03.2030' }, /dtAppointmentDate/],
		[{ dtAppointmentDate: '2030-02-30' }, /dtAppointmentDate/],
		[{ dtAppointmentTime: '24:00' }, /dtAppointmentTime/],
		[{ AcdEventTypesID: 5, Sender: 'a@example.com', Body: 'x' }, /Callback events only/],
	])('400 for %j', async (change, error) => {
		const { status, data } = await create({ ...callback, AcdGroupsID: 12, ...change });
		expect(status).toBe(400);
		expect(data.error).toMatch(error);
	});

	it('accepts the compact date and time forms; time only is the next occurrence', async () => {
		const both = await create({
			...callback,
			AcdGroupsID: 12,
			dtAppointmentDate: '20300331',
			dtAppointmentTime: '0705',
		});
		expect((both.data.records as Array<Record<string, unknown>>)[0].dtAppointment).toBe(
			'2030-03-31T07:05:00.000',
		);
		const date = await create({
			...callback,
			AcdGroupsID: 12,
			Sender: '+4930111223',
			dtAppointmentDate: '2030-03-31',
		});
		expect((date.data.records as Array<Record<string, unknown>>)[0].dtAppointment).toBe(
			'2030-03-31T00:00:00.000',
		);
		const time = await create({
			...callback,
			AcdGroupsID: 12,
			Sender: '+4930111224',
			dtAppointmentTime: '23:59',
		});
		const due = Date.parse(
			`${String((time.data.records as Array<Record<string, unknown>>)[0].dtAppointment)}Z`,
		);
		expect(due).toBeGreaterThan(Date.now());
		expect(due - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
	});

	it('a group without duplicates: the second identical create returns the existing event with Result_ UPDATED', async () => {
		const first = await create({ ...callback, AcdGroupsID: 16 });
		const event = (first.data.records as Array<Record<string, unknown>>)[0];
		const second = await create({ ...callback, AcdGroupsID: 16, Subject: 'Again' });
		const updated = (second.data.records as Array<Record<string, unknown>>)[0];
		expect(updated).toMatchObject({ ID: event.ID, Result_: 'UPDATED' });
		expect(String(updated.Comment)).toMatch(/duplicate event received \(Subject: Again\)/);
		const list = await json('GET', '/acd/events');
		expect(list.data.count).toBe(4);
		// A group that allows duplicates creates a second event.
		const a = await create({ ...callback, AcdGroupsID: 12 });
		const b = await create({ ...callback, AcdGroupsID: 12 });
		expect((a.data.records as Array<{ ID: number }>)[0].ID).not.toBe(
			(b.data.records as Array<{ ID: number }>)[0].ID,
		);
	});

	it('import: new, then overwrite by UserData, or always new without overwrite', async () => {
		const body = fixture('diallerContactImport.request.json');
		const first = await json('POST', '/dialler/contacts/import?overwriteDuplicates=true', body);
		expect(first.status).toBe(200);
		const contact = (first.data.records as Array<Record<string, unknown>>)[0];
		expect(contact).toMatchObject({ ...body, ClientsID: 1, PhoneNumber2: null });
		const overwritten = await json('POST', '/dialler/contacts/import?overwriteDuplicates=true', {
			...body,
			FirstName: 'Moritz',
		});
		expect((overwritten.data.records as Array<Record<string, unknown>>)[0]).toMatchObject({
			ID: contact.ID,
			FirstName: 'Moritz',
		});
		const added = await json('POST', '/dialler/contacts/import?overwriteDuplicates=false', body);
		expect((added.data.records as Array<Record<string, unknown>>)[0].ID).not.toBe(contact.ID);
		const list = await json('GET', '/dialler/contacts?diallerCampaignsID=538');
		expect(
			(list.data.records as Array<Record<string, unknown>>).filter((r) => r.UserData === 'CRM-42'),
		).toHaveLength(2);
	});

	it.each([
		[{ Name: 'X', DiallerCampaignsID: 538 }, 400, /PhoneNumber1 to PhoneNumber6/],
		[{ PhoneNumber1: '+49301', DiallerCampaignsID: 538 }, 400, /Name/],
		[{ Name: 'X', PhoneNumber1: '+49301' }, 400, /DiallerCampaignsID or DiallerCampaignsName/],
		[
			{ Name: 'X', PhoneNumber1: '+49301', DiallerCampaignsID: 1 },
			404,
			/Dialler campaign not found/,
		],
		[
			{ Name: 'X', PhoneNumber1: '+49301', DiallerCampaignsName: 'Nope' },
			404,
			/Dialler campaign not found/,
		],
		[
			{ Name: 'X', PhoneNumber1: '+49301', DiallerCampaignsID: 538, Nickname: 'x' },
			400,
			/Unrecognized field "Nickname"/,
		],
		[
			{ Name: 'X', PhoneNumber1: 4930, DiallerCampaignsID: 538 },
			400,
			/PhoneNumber1 must be a string/,
		],
	])('import %j → %i', async (body, status, error) => {
		const reply = await json('POST', '/dialler/contacts/import', body);
		expect(reply.status).toBe(status);
		expect(reply.data.error).toMatch(error);
	});

	it('deletes: campaign by ID and by name with their contacts, contact by ID and by UserData (first found)', async () => {
		expect((await json('DELETE', '/dialler/contacts/contact?userData=CON6174')).data).toEqual({
			status: 200,
		});
		expect((await json('GET', '/dialler/contacts/215387')).status).toBe(404);
		expect((await json('GET', '/dialler/contacts/215389')).status).toBe(200);
		expect((await json('DELETE', '/dialler/contacts/contact/215389')).data).toEqual({
			status: 200,
		});
		expect((await json('DELETE', '/dialler/contacts/contact/215389')).status).toBe(404);
		expect((await json('DELETE', '/dialler/campaigns/campaign/538')).data).toEqual({ status: 200 });
		expect((await json('GET', '/dialler/contacts/215388')).status).toBe(404);
		expect((await json('GET', '/dialler/campaigns/538')).status).toBe(404);
		expect(
			(
				await json(
					'DELETE',
					'/dialler/campaigns/campaign?name=Kampagne%20M%C3%BCller%20%26%20S%C3%B6hne',
				)
			).data,
		).toEqual({ status: 200 });
		expect((await json('DELETE', '/dialler/campaigns/campaign?name=Kampagne')).status).toBe(404);
		const left = await json('GET', '/dialler/campaigns');
		expect((left.data.records as Array<{ Name: string }>).map((r) => r.Name)).toEqual([
			'Campaign 1001',
			'Winter Sale +50%',
		]);
	});

	it('reset brings the seed back; the state dump masks the tokens', async () => {
		await json('DELETE', '/dialler/campaigns/campaign/538');
		const resetReply = await send(`${sim.url}/__sim/reset`, 'POST');
		expect(resetReply.status).toBe(200);
		expect((await json('GET', '/dialler/campaigns/538')).status).toBe(200);
		const dump = await send(`${sim.url}/__sim/state`);
		expect(dump.body).not.toContain(JTEL_SIM_TOKEN);
		expect(dump.body).not.toContain(JTEL_SIM_OTHER_TOKEN);
		expect(JSON.parse(dump.body).clients[0].token).toBe('***');
	});
});

describe('jtel simulator — faults', () => {
	it('a fail fault answers with the error envelope and the chosen status', async () => {
		const added = await send(
			`${sim.url}/__sim/faults`,
			'POST',
			{ 'Content-Type': 'application/json' },
			JSON.stringify({
				kind: 'fail',
				code: 500,
				message: 'Database unavailable',
				match: 'AcdGroupsGetAll',
			}),
		);
		expect(added.status).toBe(201);
		const other = await api('GET', '/acd/events');
		expect(other.status).toBe(200);
		const failed = await api('GET', '/acd/groups');
		expect(failed.status).toBe(500);
		expect(JSON.parse(failed.body)).toEqual({ status: 500, error: 'Database unavailable' });
		expect((await api('GET', '/acd/groups')).status).toBe(200);
	});

	it('a huge fault streams a list envelope of the asked size', async () => {
		sim.faults.add({ kind: 'huge', bytes: 100_000 });
		const reply = await api('GET', '/acd/events');
		expect(reply.body.length).toBe(100_000);
		expect(JSON.parse(reply.body)).toMatchObject({ orderBy: 'dtCreated', status: 200 });
	});
});
