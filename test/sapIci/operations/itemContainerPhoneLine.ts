import type { IDataObject } from 'n8n-workflow';

import { CUSTOMER, ready, run, sim } from './helpers';

export function itemContainerPhoneLineSuite(): void {
	describe('Item, Container and Phone Line', () => {
		it('create answers the new item decoded with the capability table of its channel', async () => {
			const [call] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '1',
				containerId: '+129',
			});
			expect(call).toMatchObject({
				status: { id: '1', description: 'created', name: 'Created' },
				processingStatus: { id: '1', description: 'not in process', name: 'Not in process' },
				capabilityList: [6, 7, 8, 101, 102, 103],
			});
			expect((call.capabilities as IDataObject[])[3]).toEqual({
				id: 101,
				capability: 'Dial (outbound call)',
				method: 'IciPhoneCall_dial',
			});
			const [message] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '2',
				containerId: 'harri@contact.example',
			});
			expect(message.capabilities).toEqual([
				{ id: 6, capability: 'Get attached data', method: 'IciItem_getAttachedData' },
				{ id: 7, capability: 'Set attached data', method: 'IciItem_setAttachedData' },
				{ id: 8, capability: 'Delete attached data', method: 'IciItem_deleteAttachedData' },
				{ id: 201, capability: 'Set message contents', method: 'IciMessage_setContent' },
			]);
			const [chat] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '3',
				containerId: 'harri.chat@contact.example',
			});
			expect(chat.capabilityList).toEqual([6, 7, 8, 302, 305]);
			const [action] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '4',
				containerId: 'HARRI',
			});
			expect((action.capabilities as IDataObject[]).at(-1)).toEqual({
				id: 403,
				capability: 'End',
				method: 'IciMessage_end',
			});
		});

		it('accept, attached data, wrapUpRequired and wrapUpEnded on an allocated queue call', async () => {
			await run({
				resource: 'user',
				operation: 'setCurrentWorkmode',
				userId: 'ANNA',
				workmode: '2',
			});
			const placed = sim.placeCall({ to: '2001', from: CUSTOMER });
			const [alerting] = await run({
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '+130',
			});
			expect(alerting).toMatchObject({
				callHandle: placed.id,
				callStatus: { id: '3', name: 'Alerting' },
				capabilityList: [1, 2, 3],
				remoteNumbers: [CUSTOMER],
				inbound: true,
				attachedDataJson: {
					'SAP_BCM/OII': {
						FirstBNumber: '2001',
						FirstBName: 'C2DE7EC4-7886-466D-8A04-1120845D5E57',
					},
				},
			});
			await run({ resource: 'item', operation: 'accept', itemId: placed.id, containerId: '+130' });
			const [attached] = await run({
				resource: 'item',
				operation: 'getAttachedData',
				itemId: placed.id,
			});
			expect((attached.attachedDataJson as IDataObject)['SAP_BCM/OII']).toMatchObject({
				OrigQueue: 'C2DE7EC4-7886-466D-8A04-1120845D5E57',
			});
			await run({
				resource: 'item',
				operation: 'setAttachedData',
				itemId: placed.id,
				attachedDataFormat: 'json',
				attachedDataJson: JSON.stringify({
					'CRM_IC/BUPA': { CURRENTCUSTOMER: 'B'.repeat(32), BPCONFIRMED: '' },
				}),
			});
			const [replaced] = await run({
				resource: 'item',
				operation: 'getAttachedData',
				itemId: placed.id,
			});
			expect(replaced.attachedDataJson).toEqual({
				'CRM_IC/BUPA': { CURRENTCUSTOMER: 'B'.repeat(32), BPCONFIRMED: '' },
			});
			expect(String(replaced.attachedData)).toContain('<Application id="CRM_IC/BUPA">');
			await run({ resource: 'item', operation: 'deleteAttachedData', itemId: placed.id });
			expect(
				await run({ resource: 'item', operation: 'getAttachedData', itemId: placed.id }),
			).toEqual([{ attachedData: '', attachedDataJson: null }]);
			// ANNA works in requested wrap-up mode: wrap-up only when asked for.
			await run({ resource: 'item', operation: 'wrapUpRequired', itemId: placed.id });
			await run({
				resource: 'phoneCall',
				operation: 'drop',
				lineNumber: '+130',
				callHandle: placed.id,
			});
			const [ended] = await run({
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '+130',
			});
			expect(ended).toMatchObject({
				callStatus: { id: '4', name: 'Ended' },
				processingStatus: { id: '3', name: 'Wrap up' },
				capabilityList: [5],
			});
			await run({ resource: 'item', operation: 'wrapUpEnded', itemId: placed.id });
			expect(
				await run({ resource: 'phoneLine', operation: 'getCalls', lineNumber: '+130' }),
			).toEqual([]);
		});

		it('reroute sends an alerting call to the next ready agent; forward moves it to a queue or line', async () => {
			await ready('HARRI');
			await ready('ANNA');
			const placed = sim.placeCall({ to: '2001', from: CUSTOMER });
			expect(placed.containerId).toBe('+129');
			await run({ resource: 'item', operation: 'reroute', itemId: placed.id, containerId: '+129' });
			const [atAnna] = await run({
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '+130',
			});
			expect(atAnna.callHandle).toBe(placed.id);
			await run({
				resource: 'item',
				operation: 'forward',
				itemId: placed.id,
				containerId: '+130',
				destType: '1',
				destination: '+131',
			});
			expect(
				await run({ resource: 'phoneLine', operation: 'getCalls', lineNumber: '+130' }),
			).toEqual([]);
			const [atMika] = await run({
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '+131',
			});
			expect(atMika).toMatchObject({ callHandle: placed.id, callStatus: { name: 'Alerting' } });
			await run({
				resource: 'item',
				operation: 'forward',
				itemId: placed.id,
				containerId: '+131',
				destType: '12',
				destination: '2003',
			});
			const [atHarri] = await run({
				resource: 'phoneLine',
				operation: 'getCalls',
				lineNumber: '+129',
			});
			expect(atHarri.callHandle).toBe(placed.id);
		});

		it('container subscribe/unsubscribe: phoneCallChanged events for the subscribed line only', async () => {
			const appUrl = 'http://crm.example/events';
			await run({
				resource: 'container',
				operation: 'subscribe',
				appUrl,
				appId: 'LINE-129',
				channelType: '1',
				containerId: '+129',
			});
			await run({
				resource: 'container',
				operation: 'subscribe',
				appUrl,
				appId: 'LINE-129B',
				channelType: '1',
				containerId: '+129',
			});
			await ready('HARRI');
			sim.placeCall({ to: '2001', from: CUSTOMER });
			const event = sim.events.find((e) => e.operation === 'phoneCallChanged')!;
			expect(event.appIds).toEqual(['LINE-129', 'LINE-129B']);
			expect(event.envelope).toContain('<phoneCall xmlns="">');
			expect(event.envelope).toContain('<description>Alerting</description>');
			await run({ resource: 'container', operation: 'unsubscribe', appUrl, appId: 'LINE-129' });
			expect(sim.subscriptions.map((s) => s.appId)).toEqual(['LINE-129B']);
		});

		it('dropCalls ends every call of a line', async () => {
			sim.placeCall({ to: '+129', from: CUSTOMER });
			sim.placeCall({ to: '+129', from: '+358409999999' });
			expect(
				await run({ resource: 'phoneLine', operation: 'getCalls', lineNumber: '+129' }),
			).toHaveLength(2);
			await run({ resource: 'phoneLine', operation: 'dropCalls', lineNumber: '+129' });
			expect(
				await run({ resource: 'phoneLine', operation: 'getCalls', lineNumber: '+129' }),
			).toEqual([]);
		});
	});
}
