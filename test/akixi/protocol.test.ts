import { describeAkixiCode } from '../../nodes/Akixi/errorCodes';
import { restBaseUrl, wsEndpointUrl } from '../../nodes/Akixi/client';
import { InvokeIdCounter, readAkixiMessage } from '../../nodes/shared/transport/akixiXml';

describe('Akixi protocol details', () => {
	it('InvokeIDs are five digits, increment and wrap from 99999 to 00000', () => {
		const counter = new InvokeIdCounter(99998);
		expect([counter.take(), counter.take(), counter.take(), counter.take()]).toEqual([
			'99998',
			'99999',
			'00000',
			'00001',
		]);
		const fresh = new InvokeIdCounter();
		const ids = Array.from({ length: 100000 }, () => fresh.take());
		expect(new Set(ids).size).toBe(100000);
	});

	it('maps every documented error code to its group', () => {
		const groups: Record<string, string> = {
			'10101': 'General',
			'10103': 'General',
			'10301': 'Session',
			'10302': 'Session',
			'10305': 'Authentication',
			'10307': 'Authentication',
			'10313': 'Authentication',
			'10511': 'Permissions',
			'10512': 'Permissions',
			'10514': 'Permissions',
			'10700': 'Permissions',
			'10701': 'Permissions',
			'10702': 'Permissions',
			'11010': 'Telephony Server',
			'11013': 'Telephony Server',
			'11110': 'Partition',
			'11131': 'Partition',
			'12000': 'Omnichannel Integration Entry',
			'12001': 'Omnichannel Integration Entry',
			'12002': 'Omnichannel Integration Entry',
			'12003': 'Omnichannel Integration Entry',
			'12004': 'Omnichannel Integration Entry',
		};
		for (const [code, group] of Object.entries(groups))
			expect([code, describeAkixiCode(code).group]).toEqual([code, group]);
		expect(describeAkixiCode('10104')).toMatchObject({
			transient: true,
			meaning: expect.stringContaining('database'),
		});
		expect(describeAkixiCode('10301').session).toBe(true);
		expect(describeAkixiCode('12002').session).toBe(false);
	});

	it.each([
		[
			'<Response Result="Fail"><InvokeID>00001</InvokeID><Fail><ErrorCode>12002</ErrorCode><ErrorMessage>gone</ErrorMessage></Fail></Response>',
		],
		[
			'<Response Result="Fail"><InvokeID>00001</InvokeID><Error Code="12002"><Message>gone</Message></Error></Response>',
		],
		['<Response Result="Fail"><InvokeID>00001</InvokeID><Fail>12002: gone</Fail></Response>'],
		[
			'<Response Result="Fail"><InvokeID>00001</InvokeID><ErrorCode>12002</ErrorCode><ErrorDescription>gone</ErrorDescription></Response>',
		],
		[
			'<Response Result="Fail"><InvokeID>00001</InvokeID><Fail><Property Name="ErrorCode">12002</Property><Property Name="ErrorMessage">gone</Property></Fail></Response>',
		],
	])('reads a Fail response leniently: %s', (xml) => {
		expect(readAkixiMessage(xml).failure).toEqual({ code: '12002', message: 'gone' });
	});

	it('derives the REST and XML endpoints from the base URL', () => {
		expect(restBaseUrl('https://h.example/')).toBe('https://h.example/CCS/API/v1');
		expect(restBaseUrl('https://h.example/CCS/API/v1/')).toBe('https://h.example/CCS/API/v1');
		expect(
			wsEndpointUrl({ baseUrl: 'https://h.example/CCS/API/v1', authentication: 'apiKey' }),
		).toBe('https://h.example/CCS/WS');
		expect(
			wsEndpointUrl({
				baseUrl: 'https://h.example',
				wsUrl: 'https://ws.example/x',
				authentication: 'apiKey',
			}),
		).toBe('https://ws.example/x');
	});
});
