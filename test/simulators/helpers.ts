import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { integratorClientPath } from '../../nodes/Akixi/constants';
import {
	readAkixiMessage,
	writeAkixiRequest,
	type AkixiMessage,
	type AkixiPayload,
} from '../../nodes/shared/transport/akixiXml';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	startAkixiSimulator,
	type AkixiSimulator,
} from '../../simulators';

// The Akixi simulator's suites share one simulator per test file, started and stopped here, and
// these raw HTTP helpers for its XML Web Services and REST API.

export const fixture = (name: string): string =>
	readFileSync(path.join(__dirname, '..', 'fixtures', 'akixi', name), 'utf8');
export const jsonFixture = (name: string): Record<string, unknown> =>
	JSON.parse(fixture(name)) as Record<string, unknown>;

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	agent?: http.Agent | false;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function send(url: string, options: SendOptions = {}): Promise<Reply> {
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

export let sim: AkixiSimulator;

export const SID = AKIXI_SIM_SESSION_ID;
export const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
export const LIVECHAT_ID = 'LiveChat5918734';
export const GUID = 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e08';

export async function postWs(xml: string): Promise<Reply> {
	return send(sim.wsUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml; charset=utf-8' },
		body: xml,
	});
}

export async function wsRaw(xml: string): Promise<AkixiMessage> {
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

export function requestXml(
	operation: string,
	payload?: AkixiPayload,
	options: CallOptions = {},
): string {
	return writeAkixiRequest({
		operation,
		invokeId: options.invokeId ?? '00001',
		sessionId: options.sessionId ?? SID,
		offset: options.offset,
		limit: options.limit,
		payload,
	});
}

export function ws(
	operation: string,
	payload?: AkixiPayload,
	options: CallOptions = {},
): Promise<AkixiMessage> {
	return wsRaw(requestXml(operation, payload, options));
}

export function expectFail(message: AkixiMessage, code: number, invokeId = '00001'): void {
	expect(message).toMatchObject({ root: 'Response', result: 'Fail', invokeId });
	expect(message.failure?.code).toBe(String(code));
	expect(message.failure?.message).toBeTruthy();
}

export function expectSuccess(message: AkixiMessage, invokeId = '00001'): void {
	expect(message.failure).toBeUndefined();
	expect(message).toMatchObject({ root: 'Response', result: 'Success', invokeId });
}

/** Comments and whitespace between tags removed, for comparing documents with the samples. */
export function normalizeXml(xml: string): string {
	return xml
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/>\s+</g, '><')
		.trim();
}

export const info = (uniqueId: string) => ws('OmnichannelIntInfo', { UniqueID: uniqueId });

export const emailEntry = (extra: AkixiPayload = {}): AkixiPayload => ({
	TelSysID: '100100',
	PartIDInTelSys: '2',
	IntegrationType: 'POP3 SMTP',
	Description: 'New mail box',
	...extra,
});

// REST helpers

export const apiKey = { 'x-api-key': AKIXI_SIM_API_KEY };

export function rest(pathBelowBase: string, options: SendOptions = {}): Promise<Reply> {
	return send(`${sim.restBaseUrl}${pathBelowBase}`, options);
}

export function restJson(reply: Reply): Record<string, unknown> {
	return JSON.parse(reply.body) as Record<string, unknown>;
}

export function admin(pathBelowBase: string, options: SendOptions = {}): Promise<Reply> {
	const headers = { 'Content-Type': 'application/json', ...apiKey, ...(options.headers ?? {}) };
	return rest(pathBelowBase, { ...options, headers });
}

export function expectRestError(reply: Reply, status: number, code: number, name: string): void {
	expect(reply.status).toBe(status);
	const body = restJson(reply);
	expect(body).toEqual({
		Result: 'Fail',
		ErrorCode: code,
		Message: name,
		Description: expect.any(String),
	});
}

export const ALL = integratorClientPath('-1', '-1', 'UnknownNoneOrAll');
export const DEVICE_0 = integratorClientPath('426', '1', '+442046034980');
export const DEVICE_3 = integratorClientPath('426', '1', '+442046034983');
export const ADD_BODY = fixture('integratorClientAdd.request.json');
export const CHANGE_BODY = fixture('integratorClientChange.request.json');
export const LIST_SAMPLE = jsonFixture('integratorClientList.response.json');
export const LIST_ITEMS = (LIST_SAMPLE.Data as { Items: Array<Record<string, unknown>> }).Items;

export async function listAll(
	query = '',
): Promise<{ Total: number; Items: Array<Record<string, unknown>>; Offset: number }> {
	const reply = await admin(`${ALL}${query}`);
	expect(reply.status).toBe(200);
	const body = restJson(reply);
	expect(body.Result).toBe('Success');
	return body.Data as { Total: number; Items: Array<Record<string, unknown>>; Offset: number };
}

export async function addClient(devicePath: string, body = ADD_BODY): Promise<string> {
	const reply = await admin(`${devicePath}/`, { method: 'POST', body });
	expect(reply.status).toBe(200);
	const number = decodeURIComponent(devicePath.split('/')[7]);
	const { Items } = await listAll('?limit=1000');
	const item = Items.find((i) => i.DeviceNumber === number);
	expect(item).toBeDefined();
	return String(item?.ID);
}

export async function loginSession(): Promise<string> {
	const created = restJson(await rest('/session', { method: 'POST' }));
	const sessionId = String(created.SessionID);
	const basic = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
	const login = await rest('/login?locale=en_GB', {
		headers: { Authorization: `Basic ${basic}`, Cookie: `JSESSIONID=${sessionId}` },
	});
	expect(login.status).toBe(200);
	return sessionId;
}

/** Starts the simulator (in `sim`) before the file's tests, resets it before each, closes it after. */
export function useAkixiSimulator(): void {
	beforeAll(async () => {
		sim = await startAkixiSimulator({ port: 0 });
	});

	afterAll(async () => {
		await sim.close();
		agent.destroy();
	});

	beforeEach(() => sim.reset());
}
