import fc from 'fast-check';

import { readAkixiMessage, type AkixiPayload } from '../../nodes/shared/transport/akixiXml';

import {
	fixture,
	sim,
	SID,
	EMAIL_ID,
	LIVECHAT_ID,
	GUID,
	postWs,
	wsRaw,
	ws,
	expectFail,
	expectSuccess,
	info,
	emailEntry,
	rest,
	restJson,
	loginSession,
	useAkixiSimulator,
} from './helpers';

useAkixiSimulator();

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
