import type { IDataObject } from 'n8n-workflow';

import { iciRequests } from '../helpers';
import { ready, run, sim } from './helpers';

export function userSuite(): void {
	describe('User', () => {
		it('getAttributes decodes the user; with cmsPing only the cmsHostId comes back', async () => {
			const [user] = await run({ resource: 'user', operation: 'getAttributes', userId: 'harri' });
			expect(user).toMatchObject({
				userId: 'HARRI',
				currentWorkmode: { id: '1', description: 'Logged off', name: 'Logged off' },
				wrapUpMode: 1,
				wrapUpModeName: 'Automatic wrap up status',
				currentQueues: [
					{ id: '2001', description: 'Q 2001' },
					{ id: '2003', description: 'Q 2003' },
				],
				cmsHostId: 'BA48C51B1B9249F6A56C4E6ADFFC2E3F',
			});
			const [ping] = await run({
				resource: 'user',
				operation: 'getAttributes',
				userId: 'HARRI',
				additionalFields: { cmsPing: true },
			});
			expect(ping).toEqual({ cmsHostId: 'BA48C51B1B9249F6A56C4E6ADFFC2E3F' });
			expect(iciRequests(sim)[1].message.element).toEqual({ userId: 'HARRI', cmsPing: 'TRUE' });
		});

		it('setCurrentWorkmode, setCurrentChannels and setCurrentQueues change the user', async () => {
			expect(
				await run({
					resource: 'user',
					operation: 'setCurrentWorkmode',
					userId: 'HARRI',
					workmode: '3',
				}),
			).toEqual([{ success: true, userId: 'HARRI', workmode: '3' }]);
			await run({
				resource: 'user',
				operation: 'setCurrentChannels',
				userId: 'HARRI',
				channels: ['1', '3'],
			});
			await run({
				resource: 'user',
				operation: 'setCurrentQueues',
				userId: 'HARRI',
				queues: ['2002', 'chat@contact.example'],
			});
			const [user] = await run({ resource: 'user', operation: 'getAttributes', userId: 'HARRI' });
			expect(user.currentWorkmode).toMatchObject({ id: '3', name: 'Logged on - not ready' });
			expect(user.currentChannels).toEqual([
				{ id: '1', description: 'Telephony', name: 'Phone call' },
				{ id: '3', description: 'Chat', name: 'Chat' },
			]);
			expect((user.currentQueues as IDataObject[]).map((q) => q.id)).toEqual([
				'2002',
				'chat@contact.example',
			]);
			const requests = iciRequests(sim);
			expect(requests[1].message.element.channels).toEqual({ item: ['1', '3'] });
		});

		it('setAddresses replaces the addresses (and so the containers) of the user', async () => {
			await run({
				resource: 'user',
				operation: 'setAddresses',
				userId: 'HARRI',
				addresses: {
					address: [
						{ address: '+129', channel: '1' },
						{ address: 'harri.new@contact.example', channel: '2' },
					],
				},
			});
			const [user] = await run({ resource: 'user', operation: 'getAttributes', userId: 'HARRI' });
			expect(user.addresses).toEqual([
				{ address: '+129', channel: 1, channelName: 'Phone call' },
				{ address: 'harri.new@contact.example', channel: 2, channelName: 'Message' },
			]);
			expect(
				await run({
					resource: 'folder',
					operation: 'getMessages',
					folder: 'harri.new@contact.example',
				}),
			).toEqual([]);
		});

		it('subscribe and unsubscribe maintain the user event subscriptions; changes become userChanged events', async () => {
			const appUrl = 'http://crm.example:50000/IciEventService/IciEventConf?style=document';
			await run({
				resource: 'user',
				operation: 'subscribe',
				appUrl,
				appId: 'APP-1',
				userId: 'HARRI',
			});
			expect(sim.subscriptions).toEqual([
				expect.objectContaining({ kind: 'user', appUrl, appId: 'APP-1', userId: 'HARRI' }),
			]);
			await ready('HARRI');
			const event = sim.events.at(-1)!;
			expect(event).toMatchObject({ operation: 'userChanged', appUrl, appIds: ['APP-1'] });
			expect(event.envelope).toContain('<userChanged xmlns="urn:IciEventInterface">');
			expect(event.envelope).toContain('<description>Logged on - ready</description>');
			expect(
				await run({ resource: 'user', operation: 'unsubscribe', appUrl, appId: 'APP-1' }),
			).toEqual([{ success: true, appUrl, appId: 'APP-1' }]);
			expect(sim.subscriptions).toEqual([]);
		});
	});
}
