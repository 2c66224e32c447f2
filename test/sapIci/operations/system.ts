import type { IDataObject } from 'n8n-workflow';

import { iciRequests } from '../helpers';
import { CUSTOMER, ready, run, sim } from './helpers';

export function systemSuite(): void {
	describe('System', () => {
		it('exchangeProductInformation echoes the ICI version with the product data', async () => {
			const [info] = await run({
				resource: 'system',
				operation: 'exchangeProductInformation',
				iciVersion: '3.07',
			});
			expect(info).toEqual({
				message: null,
				productName: 'WicomOII',
				iciMessageGroups: [
					'IciGroupBasic',
					'IciGroupUser',
					'IciGroupTelephony',
					'IciGroupMessaging',
				],
				productVersion: '7.0.1.10033',
				iciVersion: '3.07',
			});
			expect(iciRequests(sim)[0].message.element.iciVersion).toBe('3.07');
		});

		it('getWorkcenterCapability answers types 0 and typed booleans', async () => {
			const [capability] = await run({
				resource: 'system',
				operation: 'getWorkcenterCapability',
				userId: 'HARRI',
			});
			expect(capability).toEqual({ types: '0', workcenterList: false, filter: false });
		});

		it('getPresenceQueueInfo gives the queues of the channel with typed statistics', async () => {
			sim.placeCall({ to: '2002', from: CUSTOMER });
			const [presence] = await run({
				resource: 'system',
				operation: 'getPresenceQueueInfo',
				userId: 'HARRI',
				channelType: '1',
			});
			expect(presence.groupInfo).toEqual([
				{ id: '1', description: '*', parentId: '', queuesId: [] },
			]);
			const queues = presence.queueInfo as IDataObject[];
			expect(queues.map((q) => q.id)).toEqual(['2001', '2002', '2003', '600']);
			const q2002 = queues.find((q) => q.id === '2002')!;
			expect(q2002).toMatchObject({
				description: 'Q 2002',
				pending: 1,
				open: true,
				loggedIn: 1,
				ready: 0,
				notReady: 1,
				paused: 0,
			});
			expect(typeof q2002.avgWaitingTime).toBe('number');
			const [email] = await run({
				resource: 'system',
				operation: 'getPresenceQueueInfo',
				userId: 'HARRI',
				channelType: '2',
			});
			expect((email.queueInfo as IDataObject[]).map((q) => q.id)).toEqual([
				'support@contact.example',
			]);
		});

		it('getUserPresence by user list, then by search term with max hits', async () => {
			await ready('ANNA');
			const byUsers = await run({
				resource: 'system',
				operation: 'getUserPresence',
				additionalFields: { users: ['HARRI', 'ANNA'] },
			});
			expect(byUsers.map((u) => [u.user, u.presenceStatus, u.presenceStatusName])).toEqual([
				['HARRI', 3, 'LoggedOff'],
				['ANNA', 1, 'Available'],
			]);
			expect(byUsers[1].collaborationData).toEqual(
				expect.arrayContaining([
					{
						description: 'Call',
						channel: 1,
						channelName: 'Phone call',
						capability: 101,
						capabilityName: 'Dial',
						address: '+130',
					},
				]),
			);
			const search = await run({
				resource: 'system',
				operation: 'getUserPresence',
				additionalFields: { searchterm: 'contact.example', maxhits: 2 },
			});
			expect(search.map((u) => u.user)).toEqual(['HARRI', 'ANNA']);
			const request = iciRequests(sim).at(-1)!.message.element;
			expect(request).toMatchObject({ users: '', searchterm: 'contact.example', maxhits: '2' });
		});

		it('getCallRecordings filters by user, time and file name', async () => {
			const harri = await run({
				resource: 'system',
				operation: 'getCallRecordings',
				additionalFields: { userId: 'HARRI' },
			});
			expect(harri).toHaveLength(1);
			expect(harri[0]).toMatchObject({
				callHandle: 'F5F047CF7DAF4AE1AA6E556BF0D84A41',
				startTime: '2012-04-02T10:29:42Z',
				fileName: '2012_04\\02_10_29_42_SSR_Cr_F5F047CF7DAF4AE1AA6E556BF0D84A41.wav',
			});
			const byTime = await run({
				resource: 'system',
				operation: 'getCallRecordings',
				additionalFields: { dateTimeFrom: '2012-04-03 00:00:00', maxhits: 5 },
			});
			expect(byTime.map((r) => r.userId)).toEqual(['ANNA']);
			const none = await run({
				resource: 'system',
				operation: 'getCallRecordings',
				additionalFields: { fileName: 'missing.wav' },
			});
			expect(none).toEqual([]);
		});

		it('createCallBack builds extraData from skills, priority and keys; a second one for the same number is not created', async () => {
			const parameters = {
				resource: 'system',
				operation: 'createCallBack',
				number: '+358401112222',
				queue: 'Callback',
				additionalFields: {
					callTime: '2030-05-01 14:30:00',
					notes: 'Call about order 42',
					gwPrefix: '9',
					extraDataSkills: {
						skill: [
							{ name: 'English', level: 5 },
							{ name: 'Sales', level: 3 },
						],
					},
					extraDataPriority: 10,
					extraDataKeys: { key: [{ name: 'Foo', value: 'Bar & <Baz>' }] },
				},
			};
			const [created] = await run(parameters);
			expect(created.created).toBe(true);
			expect(created.id).toMatch(/^[0-9A-F-]{36}$/);
			const sent = iciRequests(sim).at(-1)!.message.element;
			expect(sent.extraData).toBe(
				'<XML><Skills>English=5;Sales=3</Skills><Priority>10</Priority><Foo>Bar &amp; &lt;Baz&gt;</Foo></XML>',
			);
			const [again] = await run(parameters);
			expect(again).toEqual({ id: null, created: false });
			const callbacks = await run({ resource: 'system', operation: 'getCallBacks' });
			const mine = callbacks.find((c) => c.id === created.id)!;
			expect(mine).toMatchObject({
				number: '+358401112222',
				queueNumber: '600',
				nextCallTime: '2030-05-01T14:30:00Z',
				failures: 0,
				maxCalls: 3,
				notes: 'Call about order 42',
				gwPrefix: '9',
				extraDataJson: { Skills: 'English=5;Sales=3', Priority: '10', Foo: 'Bar & <Baz>' },
			});
		});

		it('updateCallBack counts failures and ends with HANDLED at the maximum number of calls', async () => {
			const id = '6F9619FF-8B86-D011-B42D-00C04FC964FF';
			const [result] = await run({
				resource: 'system',
				operation: 'updateCallBack',
				id,
				result: 'BUSY',
				additionalFields: { notes: 'No luck' },
			});
			expect(result).toEqual({ success: true, id, result: 'BUSY' });
			await run({ resource: 'system', operation: 'updateCallBack', id, result: 'NO_ANSWER' });
			let callback = (await run({ resource: 'system', operation: 'getCallBacks' }))[0];
			expect(callback).toMatchObject({
				failures: 2,
				lastResult: 'NO_ANSWER',
				lastResultName: 'No answer',
				handledTime: null,
				notes: 'No luck',
			});
			await run({ resource: 'system', operation: 'updateCallBack', id, result: 'VOICEMAIL' });
			callback = (await run({ resource: 'system', operation: 'getCallBacks' }))[0];
			expect(callback).toMatchObject({ failures: 3, lastResult: 'HANDLED', nextCallTime: null });
			expect(typeof callback.handledTime).toBe('string');
			expect(iciRequests(sim)[0].message.element).toEqual({ id, result: 'BUSY', notes: 'No luck' });
		});
	});
}
