import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';

import { readAkixiMessage, type AkixiMessage } from '../../nodes/shared/transport/akixiXml';
import type { AkixiSimulator } from '../../simulators/akixi';
import {
	AKIXI_SIM_SESSION_ID,
	credentialsFor,
	exposedText,
	resetSim,
	runAkixi,
	startSim,
	stopSim,
	wsRequests,
} from './helpers';

const fixture = (name: string) =>
	readFileSync(join(__dirname, '..', 'fixtures', 'akixi', name), 'utf8');

const RESOURCE = { resource: 'omnichannelIntegration' };
const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const GUID = 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e08';

/** The request as a structure, InvokeID aside. */
function shape(message: AkixiMessage): Partial<AkixiMessage> {
	const copy: Partial<AkixiMessage> = { ...message };
	delete copy.invokeId;
	return copy;
}

const emailSettings = {
	ipAddress1: '192.168.10.10',
	tcpPort1: 995,
	useSslTls1: '[Auto]',
	ipAddress2: '192.168.10.10',
	tcpPort2: 587,
	useSslTls2: 'True',
	commsEnabled: true,
};
// The documentation's LiveChat sample values (fake credentials), kept with the other fixtures.
const liveChatSettings = JSON.parse(fixture('livechat-settings.params.json')) as Record<
	string,
	string | boolean
>;
const advancedOff = {
	apiCommsLoggingEnabled: false,
	apiCommsLoggingIncClassNames: false,
	internalDiagDumpEnabled: false,
};
const bothScope = { scopeBy: 'both', partitionGuid: GUID, telSysId: 100100, partIdInTelSys: 2 };

describe('Akixi node — Omnichannel Integration (XML Web Services API)', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('Add (E-mail) sends exactly the documented request and succeeds', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'add',
			integrationType: 'POP3 SMTP',
			...bothScope,
			description: 'Test Email',
			additionalFields: { uniqueId: 'Email198345' },
			apiCommunicationSettings: emailSettings,
			advanced: advancedOff,
		});
		expect(result.error).toBeUndefined();
		const [sent] = wsRequests(sim);
		expect(shape(sent)).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntAdd-email.request.xml'))),
		);
		expect(sent.invokeId).toMatch(/^\d{5}$/);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			success: true,
			UniqueID: 'Email198345',
			invokeId: sent.invokeId,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Delete then Add (LiveChat) reproduce the documented requests; passwords go out but never come back', async () => {
		const del = await runAkixi(sim, {
			...RESOURCE,
			operation: 'delete',
			uniqueId: 'LiveChat5918734',
		});
		expect(del.error).toBeUndefined();
		const add = await runAkixi(sim, {
			...RESOURCE,
			operation: 'add',
			integrationType: 'LiveChat',
			...bothScope,
			description: 'Test LiveChat',
			additionalFields: { uniqueId: 'LiveChat5918734' },
			apiCommunicationSettings: liveChatSettings,
			advanced: advancedOff,
		});
		expect(add.error).toBeUndefined();
		const sent = wsRequests(sim);
		expect(shape(sent[1])).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntAdd-livechat.request.xml'))),
		);
		const info = await runAkixi(sim, {
			...RESOURCE,
			operation: 'info',
			uniqueId: 'LiveChat5918734',
		});
		expect(info.items[0].json).toMatchObject({
			UniqueID: 'LiveChat5918734',
			IntegrationType: 'LiveChat',
			TelSysID: 100100,
			PartIDInTelSys: 2,
			APICommunicationSettings: { AuthUserID1: liveChatSettings.authUserId1, CommsEnabled: true },
		});
		expect(JSON.stringify(info.items[0].json)).not.toContain('AuthPassword');
	});

	it('Add outputs the Unique ID that was sent, even when its expression gives a new value each time', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'add',
			integrationType: 'LiveChat',
			scopeBy: 'telSys',
			telSysId: 100100,
			partIdInTelSys: 2,
			additionalFields: { uniqueId: '={{ "U" + Math.random().toString(36).slice(2) }}' },
		});
		expect(result.error).toBeUndefined();
		const sent = wsRequests(sim)[0].payload!.UniqueID;
		expect(result.items[0].json.UniqueID).toBe(sent);
		const info = await runAkixi(sim, { ...RESOURCE, operation: 'info', uniqueId: String(sent) });
		expect(info.items[0].json.UniqueID).toBe(sent);
	});

	it('Change (E-mail and LiveChat samples) sends the documented requests and the entry changes', async () => {
		const email = await runAkixi(sim, {
			...RESOURCE,
			operation: 'change',
			uniqueId: EMAIL_ID,
			updateFields: {
				partitionGuid: GUID,
				telSysId: 100100,
				partIdInTelSys: 2,
				description: 'Test Email',
			},
			apiCommunicationSettings: emailSettings,
			advanced: advancedOff,
		});
		expect(email.error).toBeUndefined();
		expect(email.items[0].json).toMatchObject({ success: true, UniqueID: EMAIL_ID });
		const liveChat = await runAkixi(sim, {
			...RESOURCE,
			operation: 'change',
			uniqueId: EMAIL_ID,
			updateFields: {
				partitionGuid: GUID,
				telSysId: 100100,
				partIdInTelSys: 2,
				description: 'Test LiveChat',
			},
			apiCommunicationSettings: liveChatSettings,
			advanced: advancedOff,
		});
		expect(liveChat.error).toBeUndefined();
		const sent = wsRequests(sim);
		expect(shape(sent[0])).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntChange-email.request.xml'))),
		);
		expect(shape(sent[1])).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntChange-livechat.request.xml'))),
		);
		const info = await runAkixi(sim, { ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID });
		expect(info.items[0].json).toMatchObject({ Description: 'Test LiveChat' });
	});

	it('Change cannot offer the read-only Integration Type', async () => {
		const { Akixi } = await import('../../nodes/Akixi/Akixi.node');
		const changeProps = new Akixi().description.properties.filter(
			(p) =>
				p.displayOptions?.show?.resource?.[0] === 'omnichannelIntegration' &&
				p.displayOptions?.show?.operation?.[0] === 'change',
		);
		const names = JSON.stringify(changeProps);
		expect(names).not.toContain('"integrationType"');
		expect(changeProps.find((p) => p.name === 'uniqueId')?.required).toBe(true);
	});

	it('Info reproduces the documented request and reads the documented reply into typed JSON', async () => {
		const result = await runAkixi(sim, { ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID });
		expect(result.error).toBeUndefined();
		expect(shape(wsRequests(sim)[0])).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntInfo.request.xml'))),
		);
		expect(result.items[0].json).toEqual({
			UniqueID: EMAIL_ID,
			PartitionGUID: GUID,
			TelSysID: 100100,
			PartIDInTelSys: 2,
			IntegrationType: 'POP3 SMTP',
			Description: 'Test Email',
			APICommunicationSettings: {
				IPAddress1: '192.168.10.10',
				TCPPort1: 995,
				UseSSLTLS1: '[Auto]',
				IPAddress2: '192.168.10.10',
				TCPPort2: 587,
				UseSSLTLS2: 'True',
				CommsEnabled: true,
			},
			Advanced: {
				APICommsLoggingEnabled: false,
				APICommsLoggingIncClassNames: false,
				InternalDiagDumpEnabled: false,
			},
		});
	});

	it('List reproduces the documented request (Offset, Limit, OmniChannelIntFields)', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'list',
			...bothScope,
			omniChannelIntFields: [
				'TelSysID',
				'PartIDInTelSys',
				'AuthUserID1',
				'IPAddress1',
				'CommsEnabled',
			],
			offset: 100,
			limit: 20,
		});
		expect(result.error).toBeUndefined();
		expect(shape(wsRequests(sim)[0])).toEqual(
			shape(readAkixiMessage(fixture('omnichannelIntList.request.xml'))),
		);
		expect(result.items).toHaveLength(0);
	});

	it('List returns one typed item per entry, containers nested, as in the documented reply', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'list',
			scopeBy: 'telSys',
			telSysId: 100100,
			partIdInTelSys: 2,
			omniChannelIntFields: [
				'TelSysID',
				'PartIDInTelSys',
				'AuthUserID1',
				'IPAddress1',
				'CommsEnabled',
			],
		});
		expect(result.error).toBeUndefined();
		const [sent] = wsRequests(sim);
		expect(sent.offset).toBe('0');
		expect(sent.limit).toBe('50');
		expect(result.items.map((i) => i.json)).toEqual([
			{
				UniqueID: EMAIL_ID,
				IntegrationType: 'POP3 SMTP',
				Description: 'Test Email',
				TelSysID: 100100,
				PartIDInTelSys: 2,
				APICommunicationSettings: { IPAddress1: '192.168.10.10', CommsEnabled: true },
			},
			{
				UniqueID: 'LiveChat5918734',
				IntegrationType: 'LiveChat',
				Description: 'Test LiveChat',
				TelSysID: 100100,
				PartIDInTelSys: 2,
				APICommunicationSettings: {
					AuthUserID1: liveChatSettings.authUserId1,
					CommsEnabled: false,
				},
			},
		]);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('List with Return All pages by Offset until a short page', async () => {
		const adds = Array.from({ length: 2498 }, (_, n) => ({ n }));
		const added = await runAkixi(
			sim,
			{
				...RESOURCE,
				operation: 'add',
				integrationType: 'LiveChat',
				scopeBy: 'telSys',
				telSysId: 100100,
				partIdInTelSys: 1,
				description: '={{ "bulk " + $json.n }}',
			},
			{ items: adds },
		);
		expect(added.error).toBeUndefined();
		expect(added.items).toHaveLength(2498);
		const listed = await runAkixi(sim, {
			...RESOURCE,
			operation: 'list',
			scopeBy: 'telSys',
			telSysId: 100100,
			partIdInTelSys: 1,
			returnAll: true,
		});
		expect(listed.error).toBeUndefined();
		expect(listed.items).toHaveLength(2498);
		expect(listed.items[0].json.Description).toBe('bulk 0');
		expect(listed.items[2497].json.Description).toBe('bulk 2497');
		const pages = wsRequests(sim).filter((m) => m.operation === 'OmnichannelIntList');
		expect(pages.map((p) => [p.offset, p.limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
			['2000', '1000'],
		]);
	});

	it('InvokeIDs are five digits and distinct across items', async () => {
		await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID },
			{ items: [{}, {}, {}, {}] },
		);
		const ids = wsRequests(sim).map((m) => m.invokeId);
		expect(ids).toHaveLength(4);
		expect(new Set(ids).size).toBe(4);
		for (const id of ids) expect(id).toMatch(/^\d{5}$/);
	});

	describe('Fail responses name the code, the server message and the error group', () => {
		const cases: Array<[string, INodeParameters, string, RegExp]> = [
			[
				'Omnichannel Integration Entry (unknown id)',
				{ operation: 'info', uniqueId: 'nope' },
				'12002',
				/Omnichannel Integration Entry/,
			],
			[
				'Omnichannel Integration Entry (delete while enabled)',
				{ operation: 'delete', uniqueId: EMAIL_ID },
				'12003',
				/Omnichannel Integration Entry/,
			],
			[
				'Telephony Server',
				{ operation: 'list', scopeBy: 'telSys', telSysId: 999, partIdInTelSys: 1 },
				'11013',
				/Telephony Server/,
			],
			[
				'Partition',
				{ operation: 'list', scopeBy: 'telSys', telSysId: 100100, partIdInTelSys: 77 },
				'11131',
				/Partition/,
			],
		];
		it.each(cases)('%s', async (_label, params, code, group) => {
			const result = await runAkixi(sim, { ...RESOURCE, ...params });
			expect(result.error).toBeDefined();
			expect(result.error!.message).toContain(code);
			expect(String(result.error!.description)).toMatch(group);
			expect(String(result.error!.description)).toContain('Server says:');
			expect(result.error!.context?.itemIndex).toBe(0);
		});

		it('Session: an unknown Session ID', async () => {
			const result = await runAkixi(
				sim,
				{ ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID },
				{
					credentials: credentialsFor(sim, 'sessionId', {
						sessionId: 'DEADBEEFDEADBEEFDEADBEEFDEADBEEF',
					}),
				},
			);
			expect(result.error!.message).toContain('10301');
			expect(String(result.error!.description)).toMatch(/Group: Session/);
			expect(exposedText(result)).not.toContain('DEADBEEFDEADBEEFDEADBEEFDEADBEEF');
		});

		const injected: Array<[string, string, RegExp]> = [
			['General', '10103', /internal server resource.*Group: General/s],
			['General (temporary)', '10105', /temporary/],
			['Authentication', '10305', /Group: Authentication/],
			['Permissions', '10511', /Group: Permissions/],
			['Permissions (70x)', '10701', /Group: Permissions/],
			['Telephony Server', '11010', /Group: Telephony Server/],
			['Partition', '11110', /Group: Partition/],
			['Omnichannel Integration Entry', '12000', /Group: Omnichannel Integration Entry/],
		];
		it.each(injected)('%s (code %s injected)', async (_label, code, pattern) => {
			sim.faults.add({ kind: 'fail', code, message: `simulated ${code}` });
			const result = await runAkixi(sim, { ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID });
			expect(result.error!.message).toContain(code);
			expect(String(result.error!.description)).toMatch(pattern);
			expect(String(result.error!.description)).toContain(`simulated ${code}`);
		});
	});

	it('continueOnFail turns each failure into an error item linked to its input', async () => {
		const result = await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'info', uniqueId: '={{ $json.id }}' },
			{
				items: [{ id: EMAIL_ID }, { id: 'missing' }, { id: 'LiveChat5918734' }],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.UniqueID).toBe(EMAIL_ID);
		expect(result.items[1].json).toMatchObject({
			code: '12002',
			group: 'Omnichannel Integration Entry',
			system: 'Akixi',
		});
		expect(String(result.items[1].json.error)).toContain('12002');
		expect(result.items[2].json.UniqueID).toBe('LiveChat5918734');
	});

	it('Description text with markup, quotes, control characters and unicode comes back identical', async () => {
		// The control characters XML 1.0 can carry: tab, line feed, carriage return, DEL and C1 (the others are refused before sending).
		const xmlControl = fc
			.integer({ min: 1, max: 0x9f })
			.filter((c) => c === 0x9 || c === 0xa || c === 0xd || c >= 0x20)
			.map((c) => String.fromCharCode(c));
		const text = fc.oneof(
			fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
			fc.string({ unit: xmlControl, minLength: 1, maxLength: 20 }),
			fc.constantFrom(
				`<&"'>`,
				'&amp;&lt;',
				']]>',
				'<![CDATA[x]]>',
				' leading and trailing ',
				'tab\tnew\nline\rcr',
				'Zoë 🚀 日本',
			),
		);
		// A parameter value that starts with "=" is an n8n expression, so such text is not a literal.
		await fc.assert(
			fc.asyncProperty(
				text.filter((t) => !t.startsWith('=')),
				async (description) => {
					const change = await runAkixi(sim, {
						...RESOURCE,
						operation: 'change',
						uniqueId: EMAIL_ID,
						updateFields: { description },
					});
					expect(change.error).toBeUndefined();
					const info = await runAkixi(sim, { ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID });
					expect(info.items[0].json.Description).toBe(description);
					const raw = sim.requests.filter((r) => r.body.includes('OmnichannelIntChange')).pop()!
						.body;
					const onWire = /<Property Name="Description">([^<]*)<\/Property>/.exec(raw)![1];
					expect(onWire).not.toMatch(/["'>]/);
					expect(
						[...onWire].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\t' && c !== '\n'),
					).toEqual([]);
					expect(onWire).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#x[0-9A-F]+);)/);
				},
			),
			{ numRuns: 40 },
		);
	});

	it('an API key credential gets a clear error for the XML API', async () => {
		const result = await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID },
			{ mode: 'apiKey' },
		);
		expect(result.error!.message).toMatch(/needs an API session/);
		expect(String(result.error!.description)).toMatch(/Session ID.*Username and Password/);
		expect(sim.requests).toHaveLength(0);
	});

	it('never shows the session id in errors or output', async () => {
		sim.faults.add({
			kind: 'fail',
			code: '10000',
			message: `session ${AKIXI_SIM_SESSION_ID} broke`,
		});
		const result = await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'info', uniqueId: EMAIL_ID },
			{ continueOnFail: true },
		);
		const text = exposedText(result);
		expect(text).toContain('session *** broke');
		expect(text).not.toContain(AKIXI_SIM_SESSION_ID);
	});
});
