import http from 'node:http';

import fc from 'fast-check';
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { ICI_INTERFACES } from '../../nodes/SapIci/constants';
import { readIciEnvelope, readIciErrorCodes } from '../../nodes/SapIci/envelope';
import { codePointName, decodeXmlEntities } from '../../nodes/shared/xml';
import type { AkixiSimulator } from '../../simulators/akixi';
import type { OiiSimulator } from '../../simulators/oii';
import type { TvoxSimulator } from '../../simulators/tvox';
import * as akixi from '../akixi/helpers';
import type { RunNodeResult } from '../harness';
import * as sap from '../sapIci/helpers';
import * as tvox from '../tvoxMcc/helpers';
import { checkAsync } from './check';
import { freeText } from './text';

/**
 * XML 1.0 cannot carry the C0 controls other than tab, line feed and carriage return, U+FFFE,
 * U+FFFF or unpaired surrogates. Through n8n's real engine, such a character in any field of an
 * XML request (Akixi XML Web Services, TVox over SOAP, SAP ICI) stops the item with a
 * NodeOperationError naming the field and the character's position, and nothing reaches the
 * simulator; REST/JSON requests carry it unchanged. The simulators refuse such requests as a
 * strict XML 1.0 reader does, each in its own fault format.
 */

const RUNS = 12;

/** A character XML 1.0 does not allow. */
const illegalCharacter = fc.oneof(
	fc
		.integer({ min: 0, max: 0x1f })
		.filter((code) => code !== 0x9 && code !== 0xa && code !== 0xd)
		.map((code) => String.fromCharCode(code)),
	fc.constantFrom('\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
);

/** Text as typed into a fixed field (a leading "=" would be an expression). */
const text = freeText('xml', { short: true }).filter((t) => !t.startsWith('='));

interface Poisoned {
	value: string;
	/** Position of the character, in characters from 1. */
	position: number;
	code: number;
}

/**
 * Legal text with one illegal character inside: `<a>x<char>y<b>`, so that trimming a field
 * cannot remove it.
 */
const poisoned: fc.Arbitrary<Poisoned> = fc
	.tuple(text, illegalCharacter, text)
	.map(([a, ch, b]) => ({
		value: `${a.startsWith('=') ? ` ${a}` : a}x${ch}y${b}`,
		position: [...(a.startsWith('=') ? ` ${a}` : a)].length + 2,
		code: ch.charCodeAt(0),
	}));

function expectNamed(result: RunNodeResult, label: string, bad: Poisoned): void {
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error?.message).toBe(
		`${label}: character ${bad.position} is ${codePointName(bad.code)}, which XML 1.0 does not allow; the request was not sent`,
	);
}

// ---------------------------------------------------------------------------------------------
// The nodes

describe('SAP ICI: a character XML 1.0 does not allow is refused before sending', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await sap.startSim();
	});
	afterAll(async () => sap.stopSim(sim));
	beforeEach(() => sim.reset());

	const iciRequests = () =>
		sim.requests.filter((r) => r.method === 'POST' && r.path === '/OII/OII.asmx').length;

	const CASES: Array<[string, (value: string) => INodeParameters]> = [
		[
			'User ID',
			(userId) => ({ resource: 'user', operation: 'setCurrentWorkmode', userId, workmode: '2' }),
		],
		[
			'Notes',
			(notes) => ({
				resource: 'system',
				operation: 'createCallBack',
				number: '+3581234',
				queue: '600',
				additionalFields: { notes },
			}),
		],
		[
			'Content Text',
			(contentText) => ({
				resource: 'chatSession',
				operation: 'postMessage',
				chatSessionId: 'C1',
				chatLineId: 'L1',
				contentText,
			}),
		],
		[
			'Queue Name',
			(queueName) => ({
				resource: 'system',
				operation: 'getCallBacks',
				additionalFields: { queueName },
			}),
		],
		[
			'Users',
			(user) => ({
				resource: 'system',
				operation: 'getUserPresence',
				additionalFields: { users: ['HARRI', user] },
			}),
		],
		[
			'Extra Data Keys → Value',
			(value) => ({
				resource: 'system',
				operation: 'createCallBack',
				number: '+3581234',
				queue: '600',
				additionalFields: { extraDataKeys: { key: [{ name: 'Topic', value }] } },
			}),
		],
	];

	it.each(CASES)('%s', async (label, parameters) => {
		await checkAsync(
			fc.asyncProperty(poisoned, async (bad) => {
				const before = iciRequests();
				const result = await sap.runIci(sim, parameters(bad.value));
				expectNamed(result, label, bad);
				expect(iciRequests()).toBe(before);
			}),
			RUNS,
		);
	});

	it('with Continue On Fail the item becomes an error item and the next item is sent', async () => {
		const result = await sap.runIci(
			sim,
			{
				resource: 'user',
				operation: 'setCurrentWorkmode',
				userId: '={{ $json.user }}',
				workmode: '2',
			},
			{ items: [{ user: 'HAR\u0001RI' }, { user: 'HARRI' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toBe(
			'User ID: character 4 is U+0001, which XML 1.0 does not allow; the request was not sent',
		);
		expect(result.items[1].json).toMatchObject({ success: true, userId: 'HARRI' });
		expect(iciRequests()).toBe(1);
	});

	it('XML given as text: also a character reference to such a character is refused', async () => {
		const attached =
			'<ItemAttachedData><Application id="A"><K>a&#x1;b</K></Application></ItemAttachedData>';
		const xml = await sap.runIci(sim, {
			resource: 'item',
			operation: 'setAttachedData',
			itemId: 'X',
			attachedDataFormat: 'xml',
			attachedData: attached,
		});
		expect(xml.error).toBeInstanceOf(NodeOperationError);
		expect(xml.error?.message).toBe(
			'Attached Data: character 43 is the reference &#x1; to U+0001, which XML 1.0 does not allow; the request was not sent',
		);
		const extra = await sap.runIci(sim, {
			resource: 'system',
			operation: 'createCallBack',
			number: '+3581234',
			queue: '600',
			additionalFields: { extraDataXml: '<XML><Note>&#65534;</Note></XML>' },
		});
		expect(extra.error?.message).toBe(
			'Extra Data (XML): character 12 is the reference &#65534; to U+FFFE, which XML 1.0 does not allow; the request was not sent',
		);
		// Written as text, the same characters are plain text and travel escaped.
		const plain = await sap.runIci(sim, {
			resource: 'system',
			operation: 'createCallBack',
			number: '+3581234',
			queue: '600',
			additionalFields: { notes: 'a&#x1;b' },
		});
		expect(plain.error).toBeUndefined();
		expect(sim.state.callbacks.some((c) => c.notes === 'a&#x1;b')).toBe(true);
		expect(iciRequests()).toBe(1);
	});

	it('attached data given as JSON: the character is found in its texts', async () => {
		const result = await sap.runIci(sim, {
			resource: 'item',
			operation: 'setAttachedData',
			itemId: 'X',
			attachedDataFormat: 'json',
			attachedDataJson: JSON.stringify({ A: { K: 'ab\u0002' } }),
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'Attached Data (JSON): in one of its texts character 3 is U+0002, which XML 1.0 does not allow; the request was not sent',
		);
		expect(iciRequests()).toBe(0);
	});

	it('a credential field (the SOAP header user) is named as such', async () => {
		const result = await sap.runIci(
			sim,
			{ resource: 'phoneLine', operation: 'getCalls', lineNumber: '+129' },
			{ credentials: sap.credentialsFor(sim, { user: 'SYS\u0007' }) },
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'A value of the request or its credential: character 4 is U+0007, which XML 1.0 does not allow; the request was not sent',
		);
		expect(iciRequests()).toBe(0);
	});

	it('tab, line feed and carriage return and every other character travel unchanged', async () => {
		await checkAsync(
			fc.asyncProperty(
				fc.tuple(
					text,
					fc.constantFrom('\t', '\n', '\r', '\r\n', '\u0085', '\u007F', '\uFFFD', '\u{10FFFF}'),
					text,
				),
				async ([a, ch, b]) => {
					const notes = `${a}x${ch}y${b}`;
					const number = `+35840${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
					const [created] = await sap.ici(sim, {
						resource: 'system',
						operation: 'createCallBack',
						number,
						queue: '600',
						additionalFields: { notes },
					});
					expect(sim.state.callbacks.find((c) => c.id === created.id)?.notes).toBe(notes);
				},
			),
			RUNS,
		);
	});
});

describe('Akixi XML Web Services: a character XML 1.0 does not allow is refused before sending', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await akixi.startSim();
	});
	afterAll(async () => akixi.stopSim(sim));

	const wsRequests = () => sim.requests.filter((r) => r.path.startsWith('/CCS/WS')).length;
	const resource = 'omnichannelIntegration';

	it('Description of Add and of Change', async () => {
		await checkAsync(
			fc.asyncProperty(poisoned, fc.boolean(), async (bad, change) => {
				const before = wsRequests();
				const parameters: INodeParameters = change
					? {
							resource,
							operation: 'change',
							uniqueId: 'EMAIL-1',
							updateFields: { description: bad.value },
						}
					: {
							resource,
							operation: 'add',
							integrationType: 'LiveChat',
							scopeBy: 'telSys',
							telSysId: 100100,
							partIdInTelSys: 1,
							description: bad.value,
						};
				expectNamed(await akixi.runAkixi(sim, parameters), 'Description', bad);
				expect(wsRequests()).toBe(before);
			}),
			RUNS,
		);
	});

	it('the REST API (Integrator Clients) carries the same characters as JSON', async () => {
		const device = { telSysId: '426', partitionIdInTelSys: '1', deviceNumber: '+442046034980' };
		const description = 'ctl\u0001\u001F end';
		const before = new Set(sim.state.integratorClients.keys());
		const result = await akixi.runAkixi(sim, {
			resource: 'integratorClient',
			operation: 'add',
			...device,
			description,
		});
		expect(result.error).toBeUndefined();
		const created = [...sim.state.integratorClients.values()].filter((c) => !before.has(c.ID));
		expect(created.map((c) => c.Description)).toEqual([description]);
		await akixi.runAkixi(sim, {
			resource: 'integratorClient',
			operation: 'delete',
			...device,
			integratorClientId: created[0].ID,
		});
	});
});

describe('TVox MCC over SOAP: a character XML 1.0 does not allow is refused before sending', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await tvox.startSim();
	});
	afterAll(async () => tvox.stopSim(sim));

	const CASES: Array<[string, (value: string) => INodeParameters]> = [
		[
			'Session Data',
			(sessionData) => ({
				resource: 'session',
				operation: 'setSessionData',
				sessionId: 'S-1',
				sessionData,
			}),
		],
		[
			'Data',
			(data) => ({
				resource: 'session',
				operation: 'startSession',
				channelId: 1,
				serviceCode: 'SUPPORT',
				additionalFields: { data },
			}),
		],
	];

	it.each(CASES)('%s', async (label, parameters) => {
		await checkAsync(
			fc.asyncProperty(poisoned, async (bad) => {
				const before = tvox.callsOf(sim, 'soap').length;
				expectNamed(await tvox.runTvox(sim, 'soap', parameters(bad.value)), label, bad);
				expect(tvox.callsOf(sim, 'soap').length).toBe(before);
			}),
			RUNS,
		);
	});

	it('over REST the same session data is sent and stored unchanged', async () => {
		const sessionData = 'ctl\u0001\u000B\uFFFF end';
		const [started] = tvox.jsonOf(
			await tvox.runTvox(sim, 'rest', {
				resource: 'session',
				operation: 'startSession',
				channelId: 1,
				serviceCode: 'SUPPORT',
			}),
		);
		const sessionId = String(started.sessionId);
		tvox.jsonOf(
			await tvox.runTvox(sim, 'rest', {
				resource: 'session',
				operation: 'setSessionData',
				sessionId,
				sessionData,
			}),
		);
		expect(sim.state.sessions.get(sessionId)).toMatchObject({ sessionData });
	});
});

// ---------------------------------------------------------------------------------------------
// The simulators, as a strict XML 1.0 reader

interface Reply {
	status: number;
	body: string;
}

function post(url: string, headers: Record<string, string>, body: string): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A character XML 1.0 does not allow, raw or as a reference (decimal or hexadecimal). */
const illegalInDocument = fc.oneof(
	illegalCharacter
		.filter((ch) => ch < '\uD800' || ch > '\uDFFF')
		.map((ch) => ({ written: ch, code: ch.charCodeAt(0), reference: false })),
	fc
		.oneof(
			fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x9 && c !== 0xa && c !== 0xd),
			fc.constantFrom(0xd800, 0xdfff, 0xfffe, 0xffff),
		)
		.chain((code) =>
			fc
				.constantFrom(
					`&#${code};`,
					`&#x${code.toString(16)};`,
					`&#x${code.toString(16).toUpperCase()};`,
				)
				.map((written) => ({ written, code, reference: true })),
		),
);

describe('the simulators refuse such characters in requests', () => {
	let oii: OiiSimulator;
	let ak: AkixiSimulator;
	let tv: TvoxSimulator;
	beforeAll(async () => {
		[oii, ak, tv] = await Promise.all([sap.startSim(), akixi.startSim(), tvox.startSim()]);
	});
	afterAll(async () => {
		await Promise.all([sap.stopSim(oii), akixi.stopSim(ak), tvox.stopSim(tv)]);
	});

	it('OII answers as ASP.NET: HTTP 500, a SOAP Client fault with the reader position, no ICI error codes', async () => {
		await checkAsync(
			fc.asyncProperty(illegalInDocument, async (bad) => {
				const body =
					'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
					`<setCurrentWorkmode xmlns="urn:IciUserInterface"><userId xmlns="">HA${bad.written}RRI</userId><workmode xmlns="">2</workmode></setCurrentWorkmode></soap:Body></soap:Envelope>`;
				const column = body.indexOf(bad.written) - body.indexOf('\n');
				const reply = await post(
					oii.endpoint,
					{
						'Content-Type': 'text/xml; charset=utf-8',
						SOAPAction: `"${ICI_INTERFACES.user.soapAction}"`,
					},
					body,
				);
				expect(reply.status).toBe(500);
				const message = readIciEnvelope(reply.body);
				expect(message.fault?.faultcode).toBe('soap:Client');
				const hex = bad.code.toString(16).toUpperCase().padStart(2, '0');
				expect(message.fault?.faultstring).toBe(
					`Server was unable to read request. ---> There is an error in XML document (2, ${column}). ---> ` +
						`${bad.reference ? `Reference ${bad.written}, hexadecimal value` : 'Hexadecimal value'} 0x${hex}, is an invalid character. Line 2, position ${column}.`,
				);
				expect(readIciErrorCodes(message.fault!)).toBeUndefined();
				expect(oii.state.users.find((u) => u.userId === 'HARRI')?.workmode).not.toBe('2');
			}),
			RUNS,
		);
	});

	it('Akixi answers Fail 10000', async () => {
		await checkAsync(
			fc.asyncProperty(illegalInDocument, async (bad) => {
				const body = `<Request Operation="OmnichannelIntInfo" InvokeID="7"><SessionID>${akixi.AKIXI_SIM_SESSION_ID}</SessionID><UniqueID>a${bad.written}</UniqueID></Request>`;
				const reply = await post(ak.wsUrl, { 'Content-Type': 'text/xml; charset=utf-8' }, body);
				expect(reply.status).toBe(200);
				expect(reply.body).toMatch(/<Response Result="Fail"/);
				expect(reply.body).toMatch(/10000/);
				expect(decodeXmlEntities(reply.body)).toContain(
					`character ${body.indexOf(bad.written) + 1} is ${bad.reference ? `the reference ${bad.written} to ` : ''}${codePointName(bad.code)}, which XML 1.0 does not allow`,
				);
			}),
			RUNS,
		);
	});

	it('TVox answers a CXF Client fault naming the illegal character', async () => {
		await checkAsync(
			fc.asyncProperty(illegalInDocument, async (bad) => {
				const body =
					'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
					`<ns:setSessionData xmlns:ns="${tv.config.namespace}"><sessionId>S</sessionId><sessionData>a${bad.written}</sessionData></ns:setSessionData></soapenv:Body></soapenv:Envelope>`;
				const reply = await post(
					tv.soapUrl,
					{ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
					body,
				);
				expect(reply.status).toBe(500);
				expect(reply.body).toMatch(/<faultcode>soapenv:Client<\/faultcode>/);
				expect(reply.body).toMatch(/Error reading XMLStreamReader: Illegal character/);
				expect(reply.body).toContain(`[1,${body.indexOf(bad.written) + 1}]`);
			}),
			RUNS,
		);
	});

	it('legal characters written as references are read as before', async () => {
		const body = `<Request Operation="OmnichannelIntInfo" InvokeID="8"><SessionID>${akixi.AKIXI_SIM_SESSION_ID}</SessionID><UniqueID>x&#x9;&#10;&#xD;&#x85;&#x10FFFF;</UniqueID></Request>`;
		const reply = await post(ak.wsUrl, { 'Content-Type': 'text/xml; charset=utf-8' }, body);
		expect(reply.body).not.toMatch(/does not allow/);
	});
});
