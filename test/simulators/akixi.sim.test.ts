/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the documentation's published sample values */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

import fc from 'fast-check';

import { integratorClientPath } from '../../nodes/Akixi/constants';
import {
	readAkixiMessage,
	writeAkixiRequest,
	type AkixiMessage,
	type AkixiPayload,
} from '../../nodes/shared/transport/akixiXml';
import { XmlSafetyError } from '../../nodes/shared/xml';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	startAkixiSimulator,
	type AkixiSimulator,
} from '../../simulators';

// ---------------------------------------------------------------------------------------------
// Helpers

const fixture = (name: string): string =>
	readFileSync(path.join(__dirname, '..', 'fixtures', 'akixi', name), 'utf8');
const jsonFixture = (name: string): Record<string, unknown> =>
	JSON.parse(fixture(name)) as Record<string, unknown>;

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	agent?: http.Agent | false;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(url: string, options: SendOptions = {}): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? agent },
			(res) => {
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
				res.on('aborted', () => reject(new Error('response aborted')));
			},
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

let sim: AkixiSimulator;

const SID = AKIXI_SIM_SESSION_ID;
const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const LIVECHAT_ID = 'LiveChat5918734';
const GUID = 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e08';

async function postWs(xml: string): Promise<Reply> {
	return send(sim.wsUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml; charset=utf-8' },
		body: xml,
	});
}

async function wsRaw(xml: string): Promise<AkixiMessage> {
	const reply = await postWs(xml);
	expect(reply.status).toBe(200);
	expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
	return readAkixiMessage(reply.body);
}

interface CallOptions {
	invokeId?: string;
	sessionId?: string;
	offset?: number;
	limit?: number;
}

function requestXml(operation: string, payload?: AkixiPayload, options: CallOptions = {}): string {
	return writeAkixiRequest({
		operation,
		invokeId: options.invokeId ?? '00001',
		sessionId: options.sessionId ?? SID,
		offset: options.offset,
		limit: options.limit,
		payload,
	});
}

function ws(
	operation: string,
	payload?: AkixiPayload,
	options: CallOptions = {},
): Promise<AkixiMessage> {
	return wsRaw(requestXml(operation, payload, options));
}

function expectFail(message: AkixiMessage, code: number, invokeId = '00001'): void {
	expect(message).toMatchObject({ root: 'Response', result: 'Fail', invokeId });
	expect(message.failure?.code).toBe(String(code));
	expect(message.failure?.message).toBeTruthy();
}

function expectSuccess(message: AkixiMessage, invokeId = '00001'): void {
	expect(message.failure).toBeUndefined();
	expect(message).toMatchObject({ root: 'Response', result: 'Success', invokeId });
}

/** Comments and whitespace between tags removed, for comparing documents with the samples. */
function normalizeXml(xml: string): string {
	return xml
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/>\s+</g, '><')
		.trim();
}

const info = (uniqueId: string) => ws('OmnichannelIntInfo', { UniqueID: uniqueId });

const emailEntry = (extra: AkixiPayload = {}): AkixiPayload => ({
	TelSysID: '100100',
	PartIDInTelSys: '2',
	IntegrationType: 'POP3 SMTP',
	Description: 'New mail box',
	...extra,
});

// REST helpers

const apiKey = { 'x-api-key': AKIXI_SIM_API_KEY };

function rest(pathBelowBase: string, options: SendOptions = {}): Promise<Reply> {
	return send(`${sim.restBaseUrl}${pathBelowBase}`, options);
}

function restJson(reply: Reply): Record<string, unknown> {
	return JSON.parse(reply.body) as Record<string, unknown>;
}

function admin(pathBelowBase: string, options: SendOptions = {}): Promise<Reply> {
	const headers = { 'Content-Type': 'application/json', ...apiKey, ...(options.headers ?? {}) };
	return rest(pathBelowBase, { ...options, headers });
}

function expectRestError(reply: Reply, status: number, code: number, name: string): void {
	expect(reply.status).toBe(status);
	const body = restJson(reply);
	expect(body).toEqual({
		Result: 'Fail',
		ErrorCode: code,
		Message: name,
		Description: expect.any(String),
	});
}

const ALL = integratorClientPath('-1', '-1', 'UnknownNoneOrAll');
const DEVICE_0 = integratorClientPath('426', '1', '+442046034980');
const DEVICE_3 = integratorClientPath('426', '1', '+442046034983');
const ADD_BODY = fixture('integratorClientAdd.request.json');
const CHANGE_BODY = fixture('integratorClientChange.request.json');
const LIST_SAMPLE = jsonFixture('integratorClientList.response.json');
const LIST_ITEMS = (LIST_SAMPLE.Data as { Items: Array<Record<string, unknown>> }).Items;

async function listAll(
	query = '',
): Promise<{ Total: number; Items: Array<Record<string, unknown>>; Offset: number }> {
	const reply = await admin(`${ALL}${query}`);
	expect(reply.status).toBe(200);
	const body = restJson(reply);
	expect(body.Result).toBe('Success');
	return body.Data as { Total: number; Items: Array<Record<string, unknown>>; Offset: number };
}

async function addClient(devicePath: string, body = ADD_BODY): Promise<string> {
	const reply = await admin(`${devicePath}/`, { method: 'POST', body });
	expect(reply.status).toBe(200);
	const number = decodeURIComponent(devicePath.split('/')[7]);
	const { Items } = await listAll('?limit=1000');
	const item = Items.find((i) => i.DeviceNumber === number);
	expect(item).toBeDefined();
	return String(item?.ID);
}

async function loginSession(): Promise<string> {
	const created = restJson(await rest('/session', { method: 'POST' }));
	const sessionId = String(created.SessionID);
	const basic = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
	const login = await rest('/login?locale=en_GB', {
		headers: { Authorization: `Basic ${basic}`, Cookie: `JSESSIONID=${sessionId}` },
	});
	expect(login.status).toBe(200);
	return sessionId;
}

beforeAll(async () => {
	sim = await startAkixiSimulator({ port: 0 });
});

afterAll(async () => {
	await sim.close();
	agent.destroy();
});

beforeEach(() => sim.reset());

// ---------------------------------------------------------------------------------------------

describe('Akixi simulator: handle', () => {
	it('listens on loopback with the WS and REST base URLs', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.wsUrl).toBe(`${sim.url}/CCS/WS`);
		expect(sim.restBaseUrl).toBe(`${sim.url}/CCS/API/v1`);
		expect(sim.state.omnichannel.size).toBe(2);
		expect(sim.state.integratorClients.size).toBe(15);
		expect(sim.state.sessions.get(SID)?.status).toBe('authenticated');
	});

	it('accepts the WS path with a trailing slash and refuses other methods', async () => {
		const slash = await send(`${sim.wsUrl}/`, {
			method: 'POST',
			body: fixture('omnichannelIntInfo.request.xml'),
		});
		expect(readAkixiMessage(slash.body).payload?.UniqueID).toBe(EMAIL_ID);
		const get = await send(sim.wsUrl);
		expect(get.status).toBe(405);
		expect((await send(`${sim.url}/nowhere`)).status).toBe(404);
	});
});

describe('Akixi simulator: seed samples (XML Web Services)', () => {
	it('accepts the E-mail Add sample, echoes its InvokeID and stores every property', async () => {
		const sample = fixture('omnichannelIntAdd-email.request.xml');
		const reply = await wsRaw(sample);
		expect(reply).toEqual(readAkixiMessage(fixture('omnichannelIntAdd.response.xml')));
		const stored = await info('Email198345');
		expect(stored.payload).toEqual(readAkixiMessage(sample).payload);
	});

	it('refuses the LiveChat Add sample while the seed entry exists (12000), accepts it after Delete', async () => {
		const sample = fixture('omnichannelIntAdd-livechat.request.xml');
		expectFail(await wsRaw(sample), 12000, '00033');
		expectSuccess(await ws('OmnichannelIntDelete', { UniqueID: LIVECHAT_ID }));
		expect(await wsRaw(sample)).toEqual(
			readAkixiMessage(fixture('omnichannelIntAdd.response.xml')),
		);
	});

	it('never returns AuthPassword1/2 (write-only)', async () => {
		const reply = await postWs(requestXml('OmnichannelIntInfo', { UniqueID: LIVECHAT_ID }));
		const message = readAkixiMessage(reply.body);
		const settings = message.payload?.APICommunicationSettings as AkixiPayload;
		expect(settings).toEqual({
			AuthUserID1: '2ty3m6f2a05297e5bbnb7b327n1afbd6',
			CommsEnabled: 'False',
		});
		expect(reply.body).not.toMatch(/AuthPassword|C4gRIuo7|YhHGDZTdp/);
		const list = await postWs(
			requestXml('OmnichannelIntList', {
				PartitionGUID: GUID,
				OmniChannelIntFields: 'AuthPassword1,AuthPassword2,AuthUserID1',
			}),
		);
		expect(list.body).not.toMatch(/AuthPassword|C4gRIuo7|YhHGDZTdp/);
		expect(list.body).toContain('AuthUserID1');
	});

	it.each(['omnichannelIntChange-email.request.xml', 'omnichannelIntChange-livechat.request.xml'])(
		'accepts the Change sample %s',
		async (name) => {
			const reply = await wsRaw(fixture(name));
			expect(reply).toEqual(readAkixiMessage(fixture('omnichannelIntChange.response.xml')));
		},
	);

	it('merges Change properties into the entry', async () => {
		await wsRaw(fixture('omnichannelIntChange-livechat.request.xml'));
		const settings = (await info(EMAIL_ID)).payload?.APICommunicationSettings as AkixiPayload;
		expect(settings).toMatchObject({
			IPAddress1: '192.168.10.10',
			AuthUserID1: '2ty3m6f2a05297e5bbnb7b327n1afbd6',
			CommsEnabled: 'True',
		});
		expect(sim.state.omnichannel.get(EMAIL_ID)?.values.get('AuthPassword1')).toBe(
			'C4gRIuo7ZTdpW/2LejGDLfpt0N+e2YhHBa0PehmQV8s=',
		);
	});

	it('refuses the Delete sample while CommsEnabled is True (12003), accepts it once False', async () => {
		const sample = fixture('omnichannelIntDelete.request.xml');
		expectFail(await wsRaw(sample), 12003, '00035');
		expectSuccess(
			await ws('OmnichannelIntChange', {
				UniqueID: EMAIL_ID,
				APICommunicationSettings: { CommsEnabled: 'False' },
			}),
		);
		expect(await wsRaw(sample)).toEqual(
			readAkixiMessage(fixture('omnichannelIntDelete.response.xml')),
		);
		expectFail(await info(EMAIL_ID), 12002);
	});

	it('answers the Info sample exactly in the documented reply form', async () => {
		const reply = await postWs(fixture('omnichannelIntInfo.request.xml'));
		const expected = fixture('omnichannelIntInfo.response.xml');
		expect(normalizeXml(reply.body)).toBe(normalizeXml(expected));
		expect(readAkixiMessage(reply.body)).toEqual(readAkixiMessage(expected));
	});

	it('answers the List sample (Offset 100 of 2 entries: an empty Success)', async () => {
		const reply = await wsRaw(fixture('omnichannelIntList.request.xml'));
		expectSuccess(reply, '00036');
		expect(reply.entries).toEqual([]);
	});

	it('answers the List sample from Offset 0 with entries shaped like the documented reply', async () => {
		// The documented reply shows the LiveChat entry with CommsEnabled True.
		await ws('OmnichannelIntChange', {
			UniqueID: LIVECHAT_ID,
			APICommunicationSettings: { CommsEnabled: 'True' },
		});
		const request = fixture('omnichannelIntList.request.xml').replace(
			'<Offset>100</Offset>',
			'<Offset>0</Offset>',
		);
		const reply = await postWs(request);
		const withoutIds = reply.body.replace(/<Property Name="UniqueID">[^<]*<\/Property>/g, '');
		expect(normalizeXml(withoutIds)).toBe(normalizeXml(fixture('omnichannelIntList.response.xml')));
		const entries = readAkixiMessage(reply.body).entries ?? [];
		expect(entries.map((e) => e.UniqueID)).toEqual([EMAIL_ID, LIVECHAT_ID]);
	});
});

describe('Akixi simulator: WS operations', () => {
	it('generates a UniqueID in the Akixi style when Add has none', async () => {
		expectSuccess(await ws('OmnichannelIntAdd', emailEntry()));
		const ids = [...sim.state.omnichannel.keys()];
		const created = ids[ids.length - 1];
		expect(created).toMatch(/^[0-9a-f]{16}:-?[0-9a-f]+:[0-9a-f]+:-?[0-9a-f]+$/);
		expect((await info(created)).payload).toMatchObject({
			UniqueID: created,
			PartitionGUID: GUID,
			TelSysID: '100100',
			PartIDInTelSys: '2',
			IntegrationType: 'POP3 SMTP',
			Description: 'New mail box',
			APICommunicationSettings: {},
			Advanced: {},
		});
	});

	it('lets PartitionGUID win over TelSysID and PartIDInTelSys', async () => {
		expectSuccess(
			await ws(
				'OmnichannelIntAdd',
				emailEntry({ UniqueID: 'g1', PartitionGUID: GUID, TelSysID: 'abc', PartIDInTelSys: '77' }),
			),
		);
		expect(sim.state.omnichannel.get('g1')).toMatchObject({ telSysId: 100100, partId: 2 });
	});

	it('moves an entry when Change names another partition', async () => {
		expectSuccess(
			await ws('OmnichannelIntChange', {
				UniqueID: LIVECHAT_ID,
				TelSysID: '100100',
				PartIDInTelSys: '1',
			}),
		);
		expect((await info(LIVECHAT_ID)).payload?.PartIDInTelSys).toBe('1');
	});

	it('lists in creation order with Offset, Limit and a Telephony Server scope', async () => {
		for (const id of ['a', 'b', 'c']) {
			expectSuccess(
				await ws(
					'OmnichannelIntAdd',
					emailEntry({ UniqueID: id, PartIDInTelSys: id === 'b' ? '1' : '2' }),
				),
			);
		}
		const ids = (m: AkixiMessage) => (m.entries ?? []).map((e) => e.UniqueID);
		expect(
			ids(await ws('OmnichannelIntList', { TelSysID: '100100', PartIDInTelSys: '2' })),
		).toEqual([EMAIL_ID, LIVECHAT_ID, 'a', 'c']);
		expect(ids(await ws('OmnichannelIntList', { TelSysID: '100100' }))).toEqual([
			EMAIL_ID,
			LIVECHAT_ID,
			'a',
			'b',
			'c',
		]);
		expect(
			ids(await ws('OmnichannelIntList', { TelSysID: '100100' }, { offset: 1, limit: 2 })),
		).toEqual([LIVECHAT_ID, 'a']);
		expect(ids(await ws('OmnichannelIntList', { PartitionGUID: GUID }, { limit: 0 }))).toEqual([]);
		expect(ids(await ws('OmnichannelIntList', { TelSysID: '426', PartIDInTelSys: '1' }))).toEqual(
			[],
		);
	});

	it('returns only UniqueID, IntegrationType and Description by default; accepts OmnichannelIntFields', async () => {
		const plain = await ws('OmnichannelIntList', { PartitionGUID: GUID });
		expect(plain.entries?.[0]).toEqual({
			UniqueID: EMAIL_ID,
			IntegrationType: 'POP3 SMTP',
			Description: 'Test Email',
		});
		const fields = await ws('OmnichannelIntList', {
			PartitionGUID: GUID,
			OmnichannelIntFields: 'APICommsLoggingEnabled, PartitionGUID,TCPPort2',
		});
		expect(fields.entries?.[0]).toEqual({
			UniqueID: EMAIL_ID,
			IntegrationType: 'POP3 SMTP',
			Description: 'Test Email',
			PartitionGUID: GUID,
			APICommunicationSettings: { TCPPort2: '587' },
			Advanced: { APICommsLoggingEnabled: 'False' },
		});
	});

	it('shares sessions with the REST login flow', async () => {
		const sessionId = await loginSession();
		expectSuccess(await ws('OmnichannelIntList', { PartitionGUID: GUID }, { sessionId }));
		expectSuccess(await ws('OmnichannelIntAdd', emailEntry(), { sessionId }));
	});
});

describe('Akixi simulator: WS error codes', () => {
	const xmlCases: Array<[string, string, number]> = [
		['an empty body', '', 10000],
		['text that is not XML', 'hello world', 10000],
		['truncated XML', fixture('omnichannelIntInfo.request.xml').slice(0, 120), 10000],
		[
			'a billion-laughs document',
			'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><Request Operation="OmnichannelIntInfo"><InvokeID>&b;</InvokeID></Request>',
			10000,
		],
		['a <Response> instead of a <Request>', fixture('omnichannelIntAdd.response.xml'), 10000],
		[
			'deeply nested elements',
			`<Request Operation="OmnichannelIntInfo">${'<a>'.repeat(50000)}${'</a>'.repeat(50000)}</Request>`,
			10000,
		],
		['a JSON body', '{"Operation":"OmnichannelIntInfo"}', 10000],
	];

	it.each(xmlCases)('answers %s with Fail 10000 and HTTP 200', async (_what, body, code) => {
		const message = await wsRaw(body);
		expect(message.result).toBe('Fail');
		expect(message.failure?.code).toBe(String(code));
	});

	it('answers 10101 when InvokeID is missing or empty', async () => {
		const missing = '<Request Operation="OmnichannelIntInfo"><SessionID>x</SessionID></Request>';
		expectFail(await wsRaw(missing), 10101, '');
		expectFail(
			await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { invokeId: '  ' }),
			10101,
			'',
		);
	});

	it('answers 10102 when Operation is missing or unsupported', async () => {
		const missing = `<Request><InvokeID>00001</InvokeID><SessionID>${SID}</SessionID></Request>`;
		expectFail(await wsRaw(missing), 10102);
		expectFail(await ws('DeviceList'), 10102);
		expectFail(await ws('OmniChannelIntInfo', { UniqueID: EMAIL_ID }), 10102);
		expectFail(await ws('__proto__'), 10102);
	});

	it('answers 10301 for a missing or unknown SessionID', async () => {
		const missing = '<Request Operation="OmnichannelIntInfo"><InvokeID>00001</InvokeID></Request>';
		expectFail(await wsRaw(missing), 10301);
		expectFail(
			await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { sessionId: 'NOPE' }),
			10301,
		);
	});

	it('answers 10302 for a logged-out or expired session, 10305 for one not logged in', async () => {
		const sessionId = await loginSession();
		await rest('/logout', { headers: { Cookie: `JSESSIONID=${sessionId}` } });
		expectFail(await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { sessionId }), 10302);
		const expiring = sim.state.createSession();
		sim.state.endSession(expiring.id, 'expired');
		expectFail(
			await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { sessionId: expiring.id }),
			10302,
		);
		const created = restJson(await rest('/session', { method: 'POST' }));
		expectFail(
			await ws(
				'OmnichannelIntInfo',
				{ UniqueID: EMAIL_ID },
				{ sessionId: String(created.SessionID) },
			),
			10305,
		);
	});

	it('answers 10511 to Add/Change/Delete on a read-only session, but serves Info and List', async () => {
		const { id: sessionId } = sim.state.createSession({ readOnly: true });
		expectFail(await ws('OmnichannelIntAdd', emailEntry(), { sessionId }), 10511);
		expectFail(
			await ws('OmnichannelIntChange', { UniqueID: EMAIL_ID, Description: 'x' }, { sessionId }),
			10511,
		);
		expectFail(await ws('OmnichannelIntDelete', { UniqueID: LIVECHAT_ID }, { sessionId }), 10511);
		expectSuccess(await ws('OmnichannelIntList', { PartitionGUID: GUID }, { sessionId }));
		expect((await info(EMAIL_ID)).root).toBe('Request');
	});

	const scopeCases: Array<[string, AkixiPayload, number]> = [
		['TelSysID not a number', { TelSysID: 'abc', PartIDInTelSys: '2' }, 11010],
		['no TelSysID nor PartitionGUID', { PartIDInTelSys: '2' }, 11010],
		['an unknown TelSysID', { TelSysID: '999', PartIDInTelSys: '1' }, 11013],
		['PartIDInTelSys not a number', { TelSysID: '100100', PartIDInTelSys: 'two' }, 11110],
		['no PartIDInTelSys', { TelSysID: '100100' }, 11110],
		['an unknown partition', { TelSysID: '100100', PartIDInTelSys: '9' }, 11131],
		['an unknown PartitionGUID', { PartitionGUID: 'nope:nope' }, 11131],
	];

	it.each(scopeCases)('answers Add with %s by %i', async (_what, scope, code) => {
		expectFail(
			await ws('OmnichannelIntAdd', { IntegrationType: 'LiveChat', Description: 'x', ...scope }),
			code,
		);
	});

	it.each(scopeCases.filter(([what]) => what !== 'no PartIDInTelSys'))(
		'answers List with %s by %i',
		async (_what, scope, code) => {
			expectFail(await ws('OmnichannelIntList', scope), code);
		},
	);

	it('answers 12000 to Add with an existing UniqueID', async () => {
		expectFail(await ws('OmnichannelIntAdd', emailEntry({ UniqueID: EMAIL_ID })), 12000);
	});

	it.each(['OmnichannelIntChange', 'OmnichannelIntDelete', 'OmnichannelIntInfo'])(
		'answers %s without UniqueID by 12001 and with an unknown one by 12002',
		async (operation) => {
			expectFail(await ws(operation, {}), 12001);
			expectFail(await ws(operation), 12001);
			const unknown = await ws(operation, { UniqueID: 'missing-id' });
			expectFail(unknown, 12002);
			expect(unknown.failure?.message).toContain('missing-id');
		},
	);

	const invalidAdds: Array<[string, AkixiPayload, string]> = [
		['no IntegrationType', { TelSysID: '100100', PartIDInTelSys: '2' }, 'IntegrationType'],
		['an unknown IntegrationType', emailEntry({ IntegrationType: 'SMS' }), 'IntegrationType'],
		[
			'UseSSLTLS1 Maybe',
			emailEntry({ APICommunicationSettings: { UseSSLTLS1: 'Maybe' } }),
			'UseSSLTLS1',
		],
		[
			'UseSSLTLS2 auto',
			emailEntry({ APICommunicationSettings: { UseSSLTLS2: 'Auto' } }),
			'UseSSLTLS2',
		],
		[
			'CommsEnabled yes',
			emailEntry({ APICommunicationSettings: { CommsEnabled: 'yes' } }),
			'CommsEnabled',
		],
		['TCPPort1 0', emailEntry({ APICommunicationSettings: { TCPPort1: '0' } }), 'TCPPort1'],
		['TCPPort2 65536', emailEntry({ APICommunicationSettings: { TCPPort2: '65536' } }), 'TCPPort2'],
		['TCPPort1 abc', emailEntry({ APICommunicationSettings: { TCPPort1: 'abc' } }), 'TCPPort1'],
		[
			'InternalDiagDumpEnabled true',
			emailEntry({ Advanced: { InternalDiagDumpEnabled: 'true' } }),
			'InternalDiagDumpEnabled',
		],
		['an unknown property', emailEntry({ Colour: 'blue' }), 'Colour'],
		['a container property at the top level', emailEntry({ CommsEnabled: 'True' }), 'CommsEnabled'],
		['a property in the wrong container', emailEntry({ Advanced: { TCPPort1: '25' } }), 'TCPPort1'],
		['an unknown container', emailEntry({ Extra: { A: '1' } }), 'Extra'],
	];

	it.each(invalidAdds)(
		'answers Add with %s by 12004 naming the property',
		async (_what, payload, name) => {
			const message = await ws('OmnichannelIntAdd', payload);
			expectFail(message, 12004);
			expect(message.failure?.message).toContain(name);
		},
	);

	it('answers 12004 when Change touches IntegrationType or sets an invalid value', async () => {
		const readOnly = await ws('OmnichannelIntChange', {
			UniqueID: EMAIL_ID,
			IntegrationType: 'LiveChat',
		});
		expectFail(readOnly, 12004);
		expect(readOnly.failure?.message).toContain('IntegrationType');
		expectFail(
			await ws('OmnichannelIntChange', {
				UniqueID: EMAIL_ID,
				APICommunicationSettings: { TCPPort1: '-1' },
			}),
			12004,
		);
		expect((await info(EMAIL_ID)).payload?.IntegrationType).toBe('POP3 SMTP');
	});

	it('answers 12004 to List with a bad Offset, Limit or field name', async () => {
		const list = (offset: string, limit: string, fields = 'Description') =>
			wsRaw(
				`<Request Operation="OmnichannelIntList"><InvokeID>00001</InvokeID><SessionID>${SID}</SessionID>` +
					`<Offset>${offset}</Offset><Limit>${limit}</Limit><OperationPayload>` +
					`<Property Name="PartitionGUID">${GUID}</Property><Property Name="OmniChannelIntFields">${fields}</Property>` +
					'</OperationPayload></Request>',
			);
		expectFail(await list('-1', '10'), 12004);
		expectFail(await list('x', '10'), 12004);
		expectFail(await list('0', '1.5'), 12004);
		expectFail(await list('0', '10', 'Description,Bogus'), 12004);
		expectSuccess(await list('0', '10'));
	});

	it('never crashes: any body gets HTTP 200 and an Akixi Response', async () => {
		const sample = fixture('omnichannelIntAdd-email.request.xml');
		const bodies = fc.oneof(
			fc.string({ maxLength: 200 }),
			fc.nat({ max: sample.length }).map((n) => sample.slice(0, n)),
			fc
				.tuple(fc.nat({ max: sample.length }), fc.string({ maxLength: 20 }))
				.map(([n, junk]) => sample.slice(0, n) + junk + sample.slice(n)),
		);
		await fc.assert(
			fc.asyncProperty(bodies, async (body) => {
				const reply = await postWs(body);
				expect(reply.status).toBe(200);
				const message = readAkixiMessage(reply.body);
				expect(message.root).toBe('Response');
				expect(['Success', 'Fail']).toContain(message.result);
			}),
			{ numRuns: 150 },
		);
		expect((await info(EMAIL_ID)).payload?.UniqueID).toBe(EMAIL_ID);
	});
});

describe('Akixi simulator: REST login and authentication', () => {
	it('creates a session, logs in with Basic auth and logs out', async () => {
		const created = await rest('/session', { method: 'POST' });
		expect(created.status).toBe(200);
		const { Nonce, SessionID } = restJson(created);
		expect(Nonce).toMatch(/^[0-9a-f]+$/);
		expect(SessionID).toMatch(/^[0-9A-F]{32}$/);
		const cookie = { Cookie: `JSESSIONID=${String(SessionID)}` };
		expect((await rest(ALL, { headers: cookie })).status).toBe(401);
		expect((await rest('/login?locale=en_GB', { headers: cookie })).status).toBe(401);
		const basic = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
		const login = await rest('/login?locale=en_GB', {
			headers: { ...cookie, Authorization: `Basic ${basic}` },
		});
		expect(login.status).toBe(200);
		expect(restJson(login)).toEqual({ Result: 'Success' });
		expect(
			(await rest(ALL, { headers: { Cookie: `other=1; JSESSIONID=${String(SessionID)};` } }))
				.status,
		).toBe(200);
		const logout = await rest('/logout', { headers: cookie });
		expect(restJson(logout)).toEqual({ Result: 'Success' });
		const after = await rest(ALL, { headers: cookie });
		expect(after.status).toBe(401);
		expect(restJson(after).Message).toEqual(expect.any(String));
	});

	it('drops the session after a wrong password', async () => {
		const { SessionID } = restJson(await rest('/session', { method: 'POST' }));
		const cookie = `JSESSIONID=${String(SessionID)}`;
		const wrong = Buffer.from(`${AKIXI_SIM_USERNAME}:nope`).toString('base64');
		const refused = await rest('/login?locale=en_GB', {
			headers: { Cookie: cookie, Authorization: `Basic ${wrong}` },
		});
		expect(refused.status).toBe(401);
		expect(restJson(refused)).toEqual({ Message: expect.any(String) });
		const right = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
		expect(
			(await rest('/login', { headers: { Cookie: cookie, Authorization: `Basic ${right}` } }))
				.status,
		).toBe(401);
		expectFail(
			await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { sessionId: String(SessionID) }),
			10301,
		);
	});

	it('accepts the x-api-key header and refuses a bad key or no credentials with 401', async () => {
		expect((await rest(ALL, { headers: apiKey })).status).toBe(200);
		const bad = await rest(ALL, { headers: { 'x-api-key': 'wrong' } });
		expect(bad.status).toBe(401);
		const none = await rest(ALL);
		expect(none.status).toBe(401);
		expect(restJson(none)).toEqual({ Message: 'Authentication required' });
		expect((await rest(ALL, { headers: { Cookie: `JSESSIONID=${SID}` } })).status).toBe(200);
	});

	it('refuses wrong methods and unknown routes', async () => {
		expect((await rest('/session')).status).toBe(405);
		expect((await rest('/nothing', { headers: apiKey })).status).toBe(404);
		expect((await admin(`${DEVICE_0}/some-id`, { method: 'POST', body: ADD_BODY })).status).toBe(
			405,
		);
		expect(
			(await admin('/admin/telsys/426/partition/1/device/%E0%A4%A/integratorClient')).status,
		).toBe(400);
	});
});

describe('Akixi simulator: Integrator Clients', () => {
	it('lists the seed entries exactly as the List sample shows', async () => {
		const reply = await admin(
			`${ALL}?limit=25&offset=0&IntegratorClientFields='[TelSysDescription,PartitionDescription,DeviceDescription]'`,
		);
		expect(reply.status).toBe(200);
		expect(JSON.stringify(restJson(reply))).toBe(JSON.stringify(LIST_SAMPLE));
	});

	it('leaves the description fields out unless asked for', async () => {
		const { Items } = await listAll('?limit=1');
		expect(Object.keys(Items[0])).toEqual([
			'TelSysID',
			'DeviceNumber',
			'Description',
			'ID',
			'PartitionID',
		]);
	});

	it('pages with limit (default 25) and offset', async () => {
		const page = await listAll('?limit=5&offset=10');
		expect(page.Total).toBe(15);
		expect(page.Offset).toBe(10);
		expect(page.Items.map((i) => i.ID)).toEqual(LIST_ITEMS.slice(10, 15).map((i) => i.ID));
		expect((await listAll('?offset=14')).Items).toHaveLength(1);
		expect((await listAll('?offset=20')).Items).toHaveLength(0);
		expect((await admin(`${ALL}?limit=-1`)).status).toBe(400);
		expect((await admin(`${ALL}?offset=abc`)).status).toBe(400);
	});

	it('defaults to 25 items per page', async () => {
		for (let i = 0; i < 12; i++) {
			sim.state.integratorClients.set(`extra-${i}`, {
				...sim.state.integratorClients.get(String(LIST_ITEMS[0].ID))!,
				ID: `extra-${i}`,
				seq: sim.state.nextSeq(),
			});
		}
		const page = await listAll();
		expect(page.Total).toBe(27);
		expect(page.Items).toHaveLength(25);
	});

	it('sorts by Description, ASC and DESC, keeping creation order among equals', async () => {
		const asc = (await listAll('?sort=ASC')).Items.map((i) => i.Description as string);
		expect(asc).toEqual(
			[...asc].sort((a, b) =>
				a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
			),
		);
		const desc = (await listAll("?sort='DESC'")).Items;
		expect(desc[0].Description).toBe('test-123');
		const threes = desc.filter((i) => i.Description === '3').map((i) => i.ID);
		expect(threes).toEqual([
			'a05241ee7b21d0ac:-69f03ef2:1989d3eaf18:3533',
			'fd3548fed99dcd47:463d17a5:19864e67f42:79b8',
		]);
		expect((await admin(`${ALL}?sort=UP`)).status).toBe(400);
	});

	it('filters by telsys, partition and device; -1 and UnknownNoneOrAll mean all', async () => {
		const count = (t: number, p?: number) =>
			LIST_ITEMS.filter((i) => i.TelSysID === t && (p === undefined || i.PartitionID === p)).length;
		const telsys403 = restJson(await admin(integratorClientPath('403', '-1', 'UnknownNoneOrAll')));
		expect((telsys403.Data as { Total: number }).Total).toBe(count(403));
		const p417 = restJson(await admin(integratorClientPath('417', '1', 'UnknownNoneOrAll')));
		expect((p417.Data as { Total: number }).Total).toBe(count(417, 1));
		const device = restJson(await admin(integratorClientPath('417', '1', '01234567120')));
		expect((device.Data as { Items: Array<{ ID: string }> }).Items.map((i) => i.ID)).toEqual([
			'a21abf960a398ee2:7b73f31a:198d18707a9:6e88',
		]);
		expect((await admin(`${ALL}?IntegratorClientFields=Bogus`)).status).toBe(400);
	});

	it('adds a client for a device (Add sample), with or without a trailing slash', async () => {
		const reply = await admin(`${DEVICE_0}/`, { method: 'POST', body: ADD_BODY });
		expect(reply.status).toBe(200);
		expect(restJson(reply)).toEqual(jsonFixture('integratorClientAdd.response.json'));
		const again = await admin(DEVICE_0, { method: 'POST', body: ADD_BODY });
		expectRestError(again, 409, 30005, 'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE');
		const noSlash = await admin(DEVICE_3, { method: 'POST', body: ADD_BODY });
		expect(noSlash.status).toBe(200);
		expect((await listAll()).Total).toBe(17);
	});

	it('refuses Add without a body (30001), for an unknown device (30004) or an occupied scope (30005)', async () => {
		expectRestError(
			await admin(DEVICE_0, { method: 'POST' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expectRestError(
			await admin(DEVICE_0, { method: 'POST', body: '{}' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expect((await admin(DEVICE_0, { method: 'POST', body: '{"Description":' })).status).toBe(400);
		expect(
			(await admin(DEVICE_0, { method: 'POST', body: '{"Description":"x","Policies":[]}' })).status,
		).toBe(400);
		for (const devicePath of [
			integratorClientPath('426', '1', '+449999999999'),
			integratorClientPath('417', '1', '+442046034980'),
			integratorClientPath('999', '1', '+442046034980'),
			integratorClientPath('426', '2', '+442046034980'),
			integratorClientPath('abc', '1', '+442046034980'),
		]) {
			expectRestError(
				await admin(devicePath, { method: 'POST', body: ADD_BODY }),
				404,
				30004,
				'INTEGRATOR_CLIENT_DEVICE_NOT_FOUND_IN_TELSYS',
			);
		}
		expectRestError(
			await admin(integratorClientPath('426', '1', '+442046034981'), {
				method: 'POST',
				body: ADD_BODY,
			}),
			409,
			30005,
			'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE',
		);
	});

	it('answers Info in the Info sample form, with optional fields only when asked for', async () => {
		const id = await addClient(
			DEVICE_3,
			JSON.stringify({
				Description: 'new test CXI',
				CMEnvironmentID: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
			}),
		);
		const sample = jsonFixture('integratorClientInfo.response.json');
		const full = restJson(
			await admin(
				`${DEVICE_3}/${encodeURIComponent(id)}?IntegratorClientFields=[TelSysDescription,PartitionDescription,DeviceDescription]`,
			),
		);
		expect(Object.keys(full)).toEqual(Object.keys(sample));
		const data = full.Data as Record<string, unknown>;
		expect(Object.keys(data)).toEqual(Object.keys(sample.Data as object));
		expect({ ...data, ID: 'x' }).toEqual({ ...(sample.Data as object), ID: 'x' });
		const plain = restJson(await admin(integratorClientPath('426', '1', '+442046034983', id)));
		expect(plain.Data).toEqual({
			TelSysID: '426',
			DeviceNumber: '+442046034983',
			Description: 'new test CXI',
			CMEnvironmentID: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
			ID: id,
			PartitionID: '1',
		});
	});

	it('returns Policies and Settings when IntegratorClientFields asks, in any spelling', async () => {
		const id = await addClient(DEVICE_0);
		const sample = JSON.parse(ADD_BODY) as Record<string, unknown>;
		for (const fields of [
			'[Policies,Settings]',
			"'[Policies,Settings]'",
			'"[Policies, Settings]"',
			'Policies,Settings',
		]) {
			const reply = await admin(
				`${integratorClientPath('426', '1', '+442046034980', id)}?IntegratorClientFields=${encodeURIComponent(fields)}`,
			);
			const data = restJson(reply).Data as Record<string, unknown>;
			expect(data.Policies).toEqual(sample.Policies);
			expect(data.Settings).toEqual(sample.Settings);
		}
		const listed = await listAll('?IntegratorClientFields=[Settings]&limit=100');
		expect(listed.Items.find((i) => i.ID === id)?.Settings).toEqual(sample.Settings);
	});

	it('finds a client through the all-scope path but not through another device', async () => {
		const id = String(LIST_ITEMS[12].ID);
		expect((await admin(integratorClientPath('-1', '-1', 'UnknownNoneOrAll', id))).status).toBe(
			200,
		);
		expect((await admin(integratorClientPath('417', '1', '01234567102', id))).status).toBe(200);
		expectRestError(
			await admin(integratorClientPath('417', '1', '01234567120', id)),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
	});

	it('changes a client (Change sample → 204) and refuses unknown IDs, empty bodies and missing IDs', async () => {
		const id = await addClient(DEVICE_0);
		const itemPath = integratorClientPath('426', '1', '+442046034980', id);
		const changed = await admin(itemPath, { method: 'PUT', body: CHANGE_BODY });
		expect(changed.status).toBe(204);
		expect(changed.body).toBe('');
		const data = restJson(await admin(`${itemPath}?IntegratorClientFields=[Settings]`))
			.Data as Record<string, unknown>;
		expect(data.Settings).toEqual((JSON.parse(CHANGE_BODY) as Record<string, unknown>).Settings);
		expectRestError(
			await admin(integratorClientPath('426', '1', '+442046034980', 'nope:1:-2'), {
				method: 'PUT',
				body: CHANGE_BODY,
			}),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
		expectRestError(
			await admin(itemPath, { method: 'PUT' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expectRestError(
			await admin(`${DEVICE_0}/`, { method: 'PUT', body: CHANGE_BODY }),
			400,
			30002,
			'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		);
	});

	it('deletes a client (204), then answers 30003', async () => {
		const itemPath = integratorClientPath('-1', '-1', 'UnknownNoneOrAll', String(LIST_ITEMS[0].ID));
		const deleted = await admin(itemPath, { method: 'DELETE' });
		expect(deleted.status).toBe(204);
		expectRestError(
			await admin(itemPath, { method: 'DELETE' }),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
		expectRestError(await admin(itemPath), 404, 30003, 'INTEGRATOR_CLIENT_NOT_FOUND');
		expectRestError(
			await admin(ALL, { method: 'DELETE' }),
			400,
			30002,
			'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		);
		expect((await listAll()).Total).toBe(14);
	});

	it('never crashes on odd paths, queries and bodies: JSON answers below 500', async () => {
		const segment = fc.oneof(
			fc.constantFrom(
				'-1',
				'426',
				'1',
				'%2B442046034980',
				'UnknownNoneOrAll',
				'%E0%A4%A',
				'%00',
				'..',
				'',
			),
			fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
		);
		const requestArb = fc.record({
			method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
			segments: fc.tuple(segment, segment, segment, fc.option(segment, { nil: undefined })),
			query: fc.constantFrom(
				'',
				'?limit=x',
				'?sort=%5B%27ASC%27%5D',
				'?IntegratorClientFields=%5B%5D',
				'?offset=99999999999',
			),
			body: fc.oneof(fc.constant(''), fc.json(), fc.string({ maxLength: 40 })),
		});
		await fc.assert(
			fc.asyncProperty(requestArb, async ({ method, segments: [t, p, d, id], query, body }) => {
				const base = `/admin/telsys/${t}/partition/${p}/device/${d}/integratorClient`;
				const reply = await admin(`${id === undefined ? base : `${base}/${id}`}${query}`, {
					method,
					body,
				});
				expect(reply.status).toBeLessThan(500);
				if (reply.body !== '') expect(() => JSON.parse(reply.body)).not.toThrow();
			}),
			{ numRuns: 150 },
		);
		expect(sim.state.integratorClients.size).toBeGreaterThanOrEqual(13);
	});

	it('refuses writes from a read-only session with 30000 but serves reads', async () => {
		const { id } = sim.state.createSession({ readOnly: true });
		const cookie = { Cookie: `JSESSIONID=${id}` };
		expectRestError(
			await rest(DEVICE_0, { method: 'POST', body: ADD_BODY, headers: cookie }),
			403,
			30000,
			'INTEGRATOR_CLIENT_NOT_ENOUGH_PERMISSIONS_FOR_ACTION',
		);
		expect((await rest(ALL, { headers: cookie })).status).toBe(200);
	});
});

describe('Akixi simulator: faults', () => {
	const infoXml = () => fixture('omnichannelIntInfo.request.xml');

	it('answers with an HTTP status once, then normally', async () => {
		sim.faults.add({ kind: 'status', status: 500 });
		const failed = await postWs(infoXml());
		expect(failed.status).toBe(500);
		expect(failed.body).toContain('500');
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('applies a fault `times` times to matching requests only, or until cleared', async () => {
		sim.faults.add(
			{ kind: 'status', status: 503, body: '{"x":1}', contentType: 'application/json' },
			{ times: 2, match: 'OmnichannelIntList' },
		);
		expect((await postWs(infoXml())).status).toBe(200);
		const first = await postWs(requestXml('OmnichannelIntList', { PartitionGUID: GUID }));
		expect(first.status).toBe(503);
		expect(first.headers['content-type']).toBe('application/json');
		expect((await postWs(requestXml('OmnichannelIntList', { PartitionGUID: GUID }))).status).toBe(
			503,
		);
		expectSuccess(await ws('OmnichannelIntList', { PartitionGUID: GUID }));
		sim.faults.add({ kind: 'status', status: 500 }, { times: 0, match: '/integratorClient' });
		for (let i = 0; i < 3; i++) expect((await admin(ALL)).status).toBe(500);
		expect((await postWs(infoXml())).status).toBe(200);
		expect(sim.faults.clear()).toBe(1);
		expect((await admin(ALL)).status).toBe(200);
	});

	it('answers with an HTML error page', async () => {
		sim.faults.add({ kind: 'html' });
		const reply = await postWs(infoXml());
		expect(reply.status).toBe(502);
		expect(reply.headers['content-type']).toMatch(/text\/html/);
		expect(reply.body).toMatch(/<html>.*502 Bad Gateway/s);
	});

	it('cuts the real answer in half', async () => {
		const whole = await postWs(infoXml());
		sim.faults.add({ kind: 'truncated' }, { times: 2 });
		const cut = await postWs(infoXml());
		expect(cut.status).toBe(200);
		expect(cut.body).toBe(whole.body.slice(0, Math.floor(Buffer.byteLength(whole.body) / 2)));
		expect(() => readAkixiMessage(cut.body)).toThrow(XmlSafetyError);
		const json = await admin(ALL);
		expect(() => JSON.parse(json.body)).toThrow();
	});

	it('can announce the full length and then drop the connection', async () => {
		sim.faults.add({ kind: 'truncated', abort: true });
		await expect(postWs(infoXml())).rejects.toThrow();
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('sends a billion-laughs document', async () => {
		sim.faults.add({ kind: 'entityBomb' });
		const reply = await postWs(infoXml());
		expect(reply.body).toContain('<!ENTITY lol9');
		expect(() => readAkixiMessage(reply.body)).toThrow(expect.objectContaining({ reason: 'dtd' }));
	});

	it('answers late (and still applies the operation)', async () => {
		sim.faults.add({ kind: 'delay', ms: 300 }, { match: 'OmnichannelIntAdd' });
		const started = Date.now();
		const reply = await ws('OmnichannelIntAdd', emailEntry({ UniqueID: 'late' }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expectSuccess(reply);
		expect(sim.state.omnichannel.has('late')).toBe(true);
	});

	it('streams a huge, valid-looking body of the exact size', async () => {
		const bytes = 10 * 1024 * 1024;
		sim.faults.add({ kind: 'huge', bytes });
		const reply = await postWs(infoXml());
		expect(Number(reply.headers['content-length'])).toBe(bytes);
		expect(Buffer.byteLength(reply.body)).toBe(bytes);
		expect(
			reply.body.startsWith('<Response Result="Success">\n    <InvokeID>00037</InvokeID>'),
		).toBe(true);
		expect(reply.body.endsWith('</Success>\n</Response>\n')).toBe(true);
		expect(() => readAkixiMessage(reply.body)).toThrow(
			expect.objectContaining({ reason: 'too-large' }),
		);
		sim.faults.add({ kind: 'huge', bytes: 200_000 });
		const json = await admin(ALL);
		expect(Buffer.byteLength(json.body)).toBe(200_000);
		const parsed = JSON.parse(json.body) as { Data: { Items: unknown[] } };
		expect(parsed.Data.Items.length).toBeGreaterThan(100);
		sim.faults.add({ kind: 'huge', bytes: 10 });
		expect((await postWs(infoXml())).body.length).toBeGreaterThan(10);
	});

	it('resets the connection', async () => {
		sim.faults.add({ kind: 'reset' });
		await expect(postWs(infoXml())).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('answers a WS fail fault with <Response Result="Fail"> echoing the InvokeID', async () => {
		sim.faults.add({ kind: 'fail', code: 10105 });
		expectFail(await wsRaw(infoXml()), 10105, '00037');
		sim.faults.add({ kind: 'fail', code: '10302', message: 'Session timed out' });
		const custom = await wsRaw(infoXml());
		expectFail(custom, 10302, '00037');
		expect(custom.failure?.message).toBe('Session timed out');
	});

	it('answers a REST fail fault with the error body of that code', async () => {
		sim.faults.add({ kind: 'fail', code: 30003 }, { match: 'IntegratorClientList' });
		expectRestError(await admin(ALL), 404, 30003, 'INTEGRATOR_CLIENT_NOT_FOUND');
		sim.faults.add({ kind: 'fail', code: 42, message: 'Busy', status: 503 });
		const custom = await admin(ALL);
		expect(custom.status).toBe(503);
		expect(restJson(custom)).toEqual({
			Result: 'Fail',
			ErrorCode: 42,
			Message: 'Busy',
			Description: 'Busy',
		});
	});

	it('refuses invalid faults', () => {
		expect(() => sim.faults.add({ kind: 'status', status: 42 })).toThrow(/status/);
		expect(() => sim.faults.add({ kind: 'delay', ms: -1 })).toThrow(/ms/);
		expect(() => sim.faults.add({ kind: 'nope' } as never)).toThrow(/Unknown fault kind/);
		expect(() => sim.faults.add({ kind: 'reset' }, { times: -1 })).toThrow(/times/);
	});
});

describe('Akixi simulator: control API and server', () => {
	const control = (route: string, options: SendOptions = {}) =>
		send(`${sim.url}/__sim/${route}`, options);

	it('adds, lists and clears faults over HTTP', async () => {
		const added = await control('faults', {
			method: 'POST',
			body: JSON.stringify({ kind: 'status', status: 500, times: 2, match: 'OmnichannelIntInfo' }),
		});
		expect(added.status).toBe(201);
		expect(restJson(added).fault).toMatchObject({
			fault: { kind: 'status', status: 500 },
			remaining: 2,
		});
		const nested = await control('faults', {
			method: 'POST',
			body: JSON.stringify({ fault: { kind: 'html', status: 504 } }),
		});
		expect(nested.status).toBe(201);
		expect((restJson(await control('faults')).faults as unknown[]).length).toBe(2);
		expect((await postWs(fixture('omnichannelIntInfo.request.xml'))).status).toBe(500);
		expect((await control('state')).status).toBe(200);
		expect(restJson(await control('faults', { method: 'DELETE' }))).toEqual({
			ok: true,
			cleared: 2,
		});
		expect((await postWs(fixture('omnichannelIntInfo.request.xml'))).status).toBe(200);
		expect((await control('faults', { method: 'POST', body: '{"kind":"status"}' })).status).toBe(
			400,
		);
		expect((await control('faults', { method: 'POST', body: 'not json' })).status).toBe(400);
		expect((await control('nothing')).status).toBe(404);
	});

	it('resets to the seed state', async () => {
		expectSuccess(await ws('OmnichannelIntDelete', { UniqueID: LIVECHAT_ID }));
		await admin(integratorClientPath('-1', '-1', 'UnknownNoneOrAll', String(LIST_ITEMS[0].ID)), {
			method: 'DELETE',
		});
		const reset = await control('reset', { method: 'POST' });
		expect(reset.status).toBe(200);
		expect((await info(LIVECHAT_ID)).payload?.UniqueID).toBe(LIVECHAT_ID);
		expect((await listAll()).Total).toBe(15);
	});

	it('dumps the state with every secret masked', async () => {
		const sessionId = await loginSession();
		const reply = await control('state');
		const state = restJson(reply);
		expect(state).toMatchObject({
			credentials: { username: AKIXI_SIM_USERNAME, password: '***', apiKey: '***' },
		});
		for (const secret of [
			AKIXI_SIM_PASSWORD,
			AKIXI_SIM_API_KEY,
			SID,
			sessionId,
			'C4gRIuo7',
			'YhHGDZTdp',
		]) {
			expect(reply.body).not.toContain(secret);
		}
		expect(reply.body).toContain('"AuthPassword1":"***"');
		expect((state.omnichannelIntegrations as unknown[]).length).toBe(2);
		expect((state.integratorClients as unknown[]).length).toBe(15);
	});

	it('records requests (not control ones) and counts connections', async () => {
		const before = sim.connections;
		await postWs(fixture('omnichannelIntInfo.request.xml'));
		await admin(`${ALL}?limit=3`);
		await control('state');
		expect(sim.requests).toHaveLength(2);
		expect(sim.requests[0]).toMatchObject({
			method: 'POST',
			path: '/CCS/WS',
			operation: 'OmnichannelIntInfo',
		});
		expect(sim.requests[0].body).toContain('<InvokeID>00037</InvokeID>');
		expect(sim.requests[1]).toMatchObject({
			method: 'GET',
			query: { limit: '3' },
			operation: 'IntegratorClientList',
			headers: expect.objectContaining({ 'x-api-key': AKIXI_SIM_API_KEY }),
		});
		expect(sim.requests[1].time).toBeLessThanOrEqual(Date.now());
		// The keep-alive agent reuses its sockets: at most its 4 sockets are new.
		expect(sim.connections - before).toBeLessThanOrEqual(4);
		await send(sim.wsUrl, { method: 'POST', body: 'x', agent: false });
		expect(sim.connections).toBeGreaterThan(before);
	});

	it('refuses bodies above the limit with 413', async () => {
		const small = await startAkixiSimulator({ maxBodyBytes: 1024 });
		try {
			const reply = await send(small.wsUrl, {
				method: 'POST',
				body: 'x'.repeat(5000),
				agent: false,
			});
			expect(reply.status).toBe(413);
			expect(
				(
					await send(small.wsUrl, {
						method: 'POST',
						body: fixture('omnichannelIntInfo.request.xml'),
						agent: false,
					})
				).status,
			).toBe(200);
		} finally {
			await small.close();
		}
	});

	it('closes idle keep-alive sockets and pending delayed answers', async () => {
		const other = await startAkixiSimulator();
		const keepAlive = new http.Agent({ keepAlive: true });
		try {
			const infoRequest = fixture('omnichannelIntInfo.request.xml');
			expect(
				(await send(other.wsUrl, { method: 'POST', body: infoRequest, agent: keepAlive })).status,
			).toBe(200);
			other.faults.add({ kind: 'delay', ms: 60_000 });
			const pending = send(other.wsUrl, { method: 'POST', body: infoRequest, agent: false });
			pending.catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 100));
			// The answer is held back for a minute: close() must not wait for it (jest's timeout would fail).
			await other.close();
			await expect(pending).rejects.toThrow();
			await expect(
				new Promise((resolve, reject) => {
					const socket = net.connect(other.port, '127.0.0.1', () => resolve(socket.end()));
					socket.on('error', reject);
				}),
			).rejects.toThrow(/ECONNREFUSED/);
			await other.close();
		} finally {
			keepAlive.destroy();
		}
	});
});
