import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { ICI_INTERFACES } from '../../nodes/SapIci/constants';
import { decodeElement } from '../../nodes/SapIci/elements';
import { readIciEnvelope, readIciErrorCodes, writeIciEnvelope } from '../../nodes/SapIci/envelope';
import { ICI_OPERATIONS } from '../../nodes/SapIci/operations';
import { OII_HANDLERS, type OiiEvent, type OiiSimulator } from '../../simulators/oii';
import { fixture, startSim, stopSim } from './helpers';

/** The OII simulator over raw HTTP: routing, answers, faults, state machine, events, control API. */

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, agent },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

const SOAP_XML = 'text/xml; charset=utf-8';

describe('OII simulator', () => {
	let sim: OiiSimulator;

	function post(
		xml: string,
		soapAction: string | undefined,
		pathName = '/OII/OII.asmx',
		type = SOAP_XML,
	): Promise<Reply> {
		const headers: Record<string, string> = { 'Content-Type': type };
		if (soapAction !== undefined) headers.SOAPAction = soapAction;
		return send(`${sim.url}${pathName}`, { method: 'POST', headers, body: xml });
	}

	function envelope(
		iface: keyof typeof ICI_INTERFACES,
		operation: string,
		children: Record<string, string>,
	): string {
		return writeIciEnvelope({
			namespace: ICI_INTERFACES[iface].namespace,
			operation,
			children: Object.entries(children).map(([name, value]) => ({ name, value })),
			childForm: ICI_INTERFACES[iface].childForm,
		});
	}

	const action = (iface: keyof typeof ICI_INTERFACES) => `"${ICI_INTERFACES[iface].soapAction}"`;

	async function call(
		iface: keyof typeof ICI_INTERFACES,
		operation: string,
		children: Record<string, string> = {},
	) {
		const reply = await post(envelope(iface, operation, children), action(iface));
		const message = readIciEnvelope(reply.body);
		return { reply, message, codes: message.fault ? readIciErrorCodes(message.fault) : undefined };
	}

	const control = async (route: string, body?: unknown, method = 'POST') =>
		send(`${sim.url}/__oii/${route}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		agent.destroy();
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	it('has a handler for every operation of the table and nothing else', () => {
		expect(Object.keys(OII_HANDLERS).sort()).toEqual(
			ICI_OPERATIONS.map((d) => `${d.resource}.${d.operation}`).sort(),
		);
	});

	describe('routing', () => {
		it('the SOAPAction selects the interface; the answer mirrors the request element', async () => {
			const { reply, message } = await call('user', 'getAttributes', { userId: 'HARRI' });
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe(SOAP_XML);
			expect(message.name).toBe('getAttributesResponse');
			expect(reply.body).toContain('<getAttributesResponse xmlns="urn:IciUserInterface">');
			expect(message.element.cmsHostId).toBe('BA48C51B1B9249F6A56C4E6ADFFC2E3F');
		});

		it('the body element must be in the namespace of the interface the SOAPAction selects', async () => {
			const reply = await post(
				envelope('user', 'getAttributes', { userId: 'HARRI' }),
				action('phoneCall'),
			);
			expect(reply.status).toBe(500);
			const codes = readIciErrorCodes(readIciEnvelope(reply.body).fault!);
			expect(codes).toMatchObject({ areaCode: 1, errorCode: 2 });
			expect(codes?.errorText).toMatch(
				/\{urn:IciUserInterface\}getAttributes is not served by IciPhoneCallService\.asmx/,
			);
		});

		it('a missing or unknown SOAPAction is an ICI fault; IciMonitor is not served', async () => {
			for (const soapAction of [
				undefined,
				'"urn:nothing"',
				'"http://inqmy.com/soapdispatcher/rpc/bcbici/IciMonitorBean"',
			]) {
				const reply = await post(
					envelope('user', 'getAttributes', { userId: 'HARRI' }),
					soapAction,
				);
				const codes = readIciErrorCodes(readIciEnvelope(reply.body).fault!);
				expect([reply.status, codes?.areaCode, codes?.errorCode]).toEqual([500, 1, 2]);
			}
		});

		it('the service path of an interface works as OII rewrites it', async () => {
			const reply = await post(
				envelope('system', 'getCallBacks', {}),
				undefined,
				'/OII/IciSystemService.asmx',
			);
			expect(reply.status).toBe(200);
			expect(readIciEnvelope(reply.body).name).toBe('getCallBacksResponse');
			const conflict = await post(
				envelope('system', 'getCallBacks', {}),
				action('user'),
				'/OII/IciSystemService.asmx',
			);
			expect(conflict.status).toBe(500);
		});

		it('HTTP-level refusals: GET, WSDL, content type, unknown path', async () => {
			expect((await send(`${sim.url}/OII/OII.asmx`)).status).toBe(405);
			expect((await send(`${sim.url}/OII/OII.asmx?WSDL`)).status).toBe(501);
			expect(
				(
					await post(
						envelope('system', 'getCallBacks', {}),
						action('system'),
						'/OII/OII.asmx',
						'application/json',
					)
				).status,
			).toBe(415);
			expect((await post('<a/>', action('system'), '/other')).status).toBe(404);
			expect((await send(`${sim.url}/`)).body).toMatch(/ICI endpoint: POST \/OII\/OII\.asmx/);
		});

		it('malformed and hostile requests, unknown operations and missing parameters are ICI faults', async () => {
			const codesOf = async (xml: string, soapAction = action('user')) => {
				const reply = await post(xml, soapAction);
				expect(reply.status).toBe(500);
				return readIciErrorCodes(readIciEnvelope(reply.body).fault!);
			};
			expect(await codesOf('<soap:Envelope')).toMatchObject({ areaCode: 1, errorCode: 1 });
			expect((await codesOf('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'))?.errorText).toMatch(
				/DOCTYPE/,
			);
			expect(await codesOf(envelope('user', 'getSomething', {}))).toMatchObject({
				areaCode: 1,
				errorCode: 2,
				errorText: 'IciUser has no operation "getSomething"',
			});
			expect(
				await codesOf(envelope('user', 'setCurrentWorkmode', { userId: 'HARRI' })),
			).toMatchObject({
				areaCode: 1,
				errorCode: 3,
				errorText: 'workmode is required',
			});
		});

		it('every chapter-9 request sample is answered with a result or an ICI fault', async () => {
			const requests = readdirSync(path.join(__dirname, '..', 'fixtures', 'sapIci')).filter(
				(f) => f.endsWith('.request.xml') && !f.startsWith('event.'),
			);
			expect(requests).toHaveLength(54);
			for (const file of requests) {
				sim.reset();
				const iface = file.split('.')[0] as keyof typeof ICI_INTERFACES;
				const reply = await post(fixture(file), action(iface));
				const message = readIciEnvelope(reply.body);
				const codes = message.fault ? readIciErrorCodes(message.fault) : undefined;
				expect([
					file,
					reply.status === 200 || (codes !== undefined && codes.areaCode !== 9),
				]).toEqual([file, true]);
			}
		});

		it('the sample spellings createCallback, getCallbacks and getSession are accepted', async () => {
			const created = await post(
				fixture('system.createCallBack.request.xml')
					.replace('<extraData>string</extraData>', '<extraData/>')
					.replace(
						/<(number|queue)>string</g,
						(m, n: string) => `<${n}>${n === 'number' ? '+3585' : '600'}<`,
					)
					.replace('<callTime>string</callTime>', '<callTime/>'),
				action('system'),
			);
			expect(created.status).toBe(200);
			expect(readIciEnvelope(created.body).name).toBe('createCallbackResponse');
			expect(
				(await post(fixture('system.getCallBacks.request.xml'), action('system'))).body,
			).toContain('<getCallbacksResponse');
			const sessions = await post(
				fixture('chatLine.getSessions.request.xml').replace(
					'>string<',
					'>harri.chat@contact.example<',
				),
				action('chatLine'),
			);
			expect(readIciEnvelope(sessions.body).name).toBe('getSessionResponse');
		});

		it('the real SAP CRM route request of chapter 9.12.1.4 creates an action item in the ACTION queue', async () => {
			const reply = await post(
				fixture('actionItem.route.crm-sample.request.xml'),
				action('actionItem'),
			);
			expect(reply.status).toBe(200);
			const id = (readIciEnvelope(reply.body).element.response as Record<string, string>)
				.actionItemID;
			const item = sim.state.findItemOf(id, 4);
			expect(item).toMatchObject({ queueId: 'ACTION', status: 2, requestId: '000001210200' });
			expect(item.attributes.find((a) => a.id === 'FROM_ADDRESS')?.description).toBe(
				'sudhir.thambala@sap.com',
			);
			expect(item.attachedData).toContain('<Application id="actionItemAttributes">');
			// ANNA is in the ACTION queue: once ready she is offered the item.
			await call('user', 'setCurrentWorkmode', { userId: 'ANNA', workmode: '2' });
			expect(sim.state.findItemOf(id, 4)).toMatchObject({ status: 3, containerId: 'ANNA' });
		});
	});

	describe('state machine', () => {
		it('capabilities follow the status; an operation outside them is refused', async () => {
			const placed = sim.placeCall({ to: '+129', from: '+3584011' });
			const hold = await call('phoneCall', 'hold', { lineNumber: '+129', callHandle: placed.id });
			expect(hold.codes).toMatchObject({ areaCode: 3, errorCode: 3 });
			const attached = await call('item', 'getAttachedData', { itemId: placed.id });
			expect(attached.codes?.errorText).toMatch(
				/IciItem_getAttachedData is not allowed .* Alerting \(3\); its capabilities are \[1,2,3\]/,
			);
			const wrongLine = await call('item', 'accept', { itemId: placed.id, containerId: '+130' });
			expect(wrongLine.codes).toMatchObject({ areaCode: 3, errorCode: 1 });
			const messageOp = await call('message', 'getAttributes', { messageId: placed.id });
			expect(messageOp.codes?.errorText).toBe(`Item "${placed.id}" is a phone call, not a message`);
			expect(
				(await call('item', 'accept', { itemId: placed.id, containerId: '+129' })).reply.status,
			).toBe(200);
			expect(sim.state.findItemOf(placed.id, 1)).toMatchObject({ status: 101, processing: 2 });
		});

		it('setCallStatus puts a call into any chapter-10 status, e.g. Held by the remote party', async () => {
			const placed = sim.placeCall({ to: '+129', from: '+3584011' });
			sim.setCallStatus(placed.id, 107);
			const { message } = await call('phoneCall', 'getAttributes', {
				lineNumber: '+129',
				callHandle: placed.id,
			});
			const decoded = decodeElement('PhoneCall', message.element.response);
			expect(decoded).toMatchObject({
				callStatus: { id: '107', name: 'Held' },
				capabilityList: [4, 6, 7, 8, 102],
			});
			expect(() => sim.setCallStatus(placed.id, 999)).toThrow(/Unknown phone call status 999/);
		});

		it('callbacks: invalid number, unknown queue, bad extraData root, duplicates answered nil', async () => {
			const create = (number: string, queue: string, extraData = '') =>
				call('system', 'createCallBack', { number, queue, ...(extraData ? { extraData } : {}) });
			expect((await create('12-34', '600')).codes).toMatchObject({ areaCode: 5, errorCode: 2 });
			expect((await create('+3581', 'nope')).codes).toMatchObject({ areaCode: 6, errorCode: 2 });
			expect((await create('+3581', '600', '<Data/>')).codes?.errorText).toBe(
				'The root node of extraData must be named "XML", not "Data"',
			);
			expect((await create('+3581', 'Callback')).reply.status).toBe(200);
			const again = await create('+3581', '0F1E2D3C-4B5A-4968-8776-655443322110');
			expect(again.reply.body).toMatch(
				/<response xsi:nil="true"><\/response>|<response xsi:nil="true"\/>/,
			);
		});
	});

	describe('subscriptions and events', () => {
		it('container and user subscriptions produce IciEvent envelopes a trigger can read', async () => {
			const seen: OiiEvent[] = [];
			const stop = sim.onEvent((event) => seen.push(event));
			await call('container', 'subscribe', {
				appUrl: 'http://crm.example/events',
				appId: 'A1',
				channelType: '3',
				containerId: 'harri.chat@contact.example',
			});
			await call('user', 'subscribe', {
				appUrl: 'http://crm.example/events',
				appId: 'U1',
				userId: 'HARRI',
			});
			expect(sim.subscriptions.map((s) => [s.kind, s.appId])).toEqual([
				['container', 'A1'],
				['user', 'U1'],
			]);
			const chat = sim.deliverChat({
				to: 'harri.chat@contact.example',
				customer: 'john@acme.inc',
				text: 'Hello',
			});
			await call('item', 'accept', { itemId: chat.id, containerId: 'harri.chat@contact.example' });
			sim.postChat(chat.id, 'Are you there?');
			await call('user', 'setCurrentWorkmode', { userId: 'HARRI', workmode: '3' });
			stop();
			sim.postChat(chat.id, 'not seen by the stopped listener');
			expect(seen.map((e) => e.operation)).toEqual([
				'chatChanged',
				'chatChanged',
				'chatNewPosting',
				'chatNewPosting',
				'userChanged',
			]);
			const posting = readIciEnvelope(seen[3].envelope);
			expect(posting.name).toBe('chatNewPosting');
			expect(posting.element.appIds).toEqual({ item: 'A1' });
			expect(decodeElement('ChatPosting', posting.element.chatPosting)).toMatchObject({
				chatParticipant: 'john@acme.inc',
				contentText: 'Are you there?',
				systemMessage: false,
			});
			const user = readIciEnvelope(seen[4].envelope);
			expect(decodeElement('User', user.element.user)).toMatchObject({
				userId: 'HARRI',
				currentWorkmode: { id: '3' },
			});
			expect(sim.events).toHaveLength(6);
		});

		it('subscriptionEnded: reason 2 keeps the subscriptions, reason 1 drops them', async () => {
			await call('user', 'subscribe', {
				appUrl: 'http://crm.example/a',
				appId: 'X',
				userId: 'ANNA',
			});
			sim.endSubscriptions(2);
			expect(sim.subscriptions).toHaveLength(1);
			sim.endSubscriptions(1);
			expect(sim.subscriptions).toHaveLength(0);
			const ended = readIciEnvelope(sim.events.at(-1)!.envelope);
			expect(ended.name).toBe('subscriptionEnded');
			expect(ended.element.reason).toEqual({ id: '1', description: 'Shut-down' });
		});

		it('subscribe refuses an appUrl that is not an http(s) URL', async () => {
			const { codes } = await call('user', 'subscribe', {
				appUrl: 'ftp://x',
				appId: 'X',
				userId: 'ANNA',
			});
			expect(codes).toMatchObject({ areaCode: 1, errorCode: 4 });
		});
	});

	describe('control API', () => {
		it('places calls, delivers e-mails and chats, posts and accepts invitations over HTTP', async () => {
			const callReply = await control('calls', { to: '+129', from: '+3584099' });
			expect(callReply.status).toBe(201);
			const placed = JSON.parse(callReply.body) as {
				callHandle: string;
				callStatus: { id: string };
			};
			expect(placed.callStatus.id).toBe('3');
			expect((await control(`calls/${placed.callHandle}/status`, { status: 101 })).status).toBe(
				200,
			);
			expect((await control(`calls/${placed.callHandle}/hangup`)).status).toBe(200);
			expect(sim.state.findItemOf(placed.callHandle, 1).status).toBe(4);

			const email = await control('emails', {
				to: 'harri@contact.example',
				from: 'a@b.c',
				subject: 'Hi',
				attachments: ['x.pdf'],
			});
			expect(JSON.parse(email.body)).toMatchObject({ subject: 'Hi', attachments: ['x.pdf'] });
			const chatReply = await control('chats', {
				to: 'harri.chat@contact.example',
				customer: 'c@d.e',
				text: 'Hello',
			});
			const chat = JSON.parse(chatReply.body) as { chatSessionId: string };
			expect((await control(`chats/${chat.chatSessionId}/postings`, { text: 'More' })).status).toBe(
				201,
			);
			expect(
				sim.state.findItemOf(chat.chatSessionId, 3).postings.map((p) => p.contentText),
			).toEqual(['Hello', 'More']);
			expect((await control(`chats/${chat.chatSessionId}/invitation`)).status).toBe(409);

			const subs = await control('subscriptions', undefined, 'GET');
			expect(JSON.parse(subs.body)).toEqual({ subscriptions: [] });
			expect(JSON.parse((await control('events', undefined, 'GET')).body)).toEqual({ events: [] });
			expect(JSON.parse((await control('', undefined, 'GET')).body).routes.length).toBeGreaterThan(
				5,
			);
		});

		it('injects ICI faults over HTTP', async () => {
			const added = await control('faults', {
				areaCode: 9,
				errorCode: 1,
				errorText: 'Agent Server down',
				errorRetry: true,
				match: 'IciUser.getAttributes',
			});
			expect(added.status).toBe(201);
			const other = await call('system', 'getCallBacks');
			expect(other.reply.status).toBe(200);
			const { codes } = await call('user', 'getAttributes', { userId: 'HARRI' });
			expect(codes).toEqual({
				areaCode: 9,
				errorCode: 1,
				errorText: 'Agent Server down',
				errorRetry: true,
			});
		});

		it('refuses bad control requests clearly', async () => {
			expect((await control('calls', { to: '+129' })).status).toBe(400);
			expect((await send(`${sim.url}/__oii/calls`, { method: 'POST', body: '{' })).status).toBe(
				400,
			);
			expect((await control('calls', { to: 'nowhere', from: '+1' })).status).toBe(409);
			expect((await control('calls/NOPE/answer')).status).toBe(409);
			expect((await control('nothing')).status).toBe(404);
			expect((await control('faults', { errorCode: 'x' })).status).toBe(400);
		});

		it('the shared control API dumps and resets the state', async () => {
			sim.placeCall({ to: '+129', from: '+3584011' });
			const state = JSON.parse((await send(`${sim.url}/__sim/state`)).body) as {
				items: unknown[];
				users: Array<{ userId: string }>;
			};
			expect(state.items).toHaveLength(1);
			expect(state.users.map((u) => u.userId)).toEqual(['HARRI', 'ANNA', 'MIKA']);
			await send(`${sim.url}/__sim/reset`, { method: 'POST' });
			expect(sim.state.items.size).toBe(0);
		});
	});
});
