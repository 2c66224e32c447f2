/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the documentation's published sample values */
import {
	readAkixiMessage,
	type AkixiMessage,
	type AkixiPayload,
} from '../../nodes/shared/transport/akixiXml';

import {
	fixture,
	sim,
	EMAIL_ID,
	LIVECHAT_ID,
	GUID,
	postWs,
	wsRaw,
	requestXml,
	ws,
	expectFail,
	expectSuccess,
	normalizeXml,
	info,
	emailEntry,
	loginSession,
	useAkixiSimulator,
} from './helpers';

useAkixiSimulator();

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
