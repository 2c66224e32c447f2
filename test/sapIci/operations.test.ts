import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ICI_OPERATIONS } from '../../nodes/SapIci/operations';
import type { OiiSimulator } from '../../simulators/oii';
import { ici, iciRequests, runIci, startSim, stopSim } from './helpers';

/**
 * Every operation of the node through n8n's engine against the OII simulator, each one checked
 * on its answer and on the simulated contact center's state.
 */

const CUSTOMER = '+358401234567';
const covered = new Set<string>();

describe('SAP ICI node — every operation against the OII simulator', () => {
	let sim: OiiSimulator;

	async function run(parameters: INodeParameters): Promise<IDataObject[]> {
		const out = await ici(sim, parameters);
		covered.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
		return out;
	}

	async function ready(userId: string): Promise<void> {
		await run({ resource: 'user', operation: 'setCurrentWorkmode', userId, workmode: '2' });
	}

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

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

	describe('Phone Call', () => {
		async function connectedCall(): Promise<string> {
			const placed = sim.placeCall({ to: '+129', from: CUSTOMER });
			await run({ resource: 'item', operation: 'accept', itemId: placed.id, containerId: '+129' });
			return placed.id;
		}

		async function newCall(): Promise<string> {
			const [item] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '1',
				containerId: '+129',
			});
			return String(item.itemId);
		}

		async function status(callHandle: string): Promise<string> {
			const [call] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle,
			});
			return String((call.callStatus as IDataObject).name);
		}

		it('dial answers the dialled number; hold and unhold', async () => {
			const handle = await newCall();
			expect(
				await run({
					resource: 'phoneCall',
					operation: 'dial',
					lineNumber: '+129',
					callHandle: handle,
					dialNumber: '+4930123456',
				}),
			).toEqual([{ dialedNumber: '+4930123456' }]);
			expect(await status(handle)).toBe('Connected');
			await run({
				resource: 'phoneCall',
				operation: 'hold',
				lineNumber: '+129',
				callHandle: handle,
			});
			expect(await status(handle)).toBe('Hold');
			await run({
				resource: 'phoneCall',
				operation: 'unhold',
				lineNumber: '+129',
				callHandle: handle,
			});
			expect(await status(handle)).toBe('Connected');
		});

		it('consult then alternate, reconnect and transfer', async () => {
			const first = await connectedCall();
			const consultation = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: consultation,
				connCallHandle: first,
				dialNumber: '+4930555000',
				nextStep: '2',
			});
			expect([await status(first), await status(consultation)]).toEqual(['Hold', 'Connected']);
			await run({
				resource: 'phoneCall',
				operation: 'alternate',
				lineNumber: '+129',
				connCallHandle: consultation,
				heldCallHandle: first,
			});
			expect([await status(first), await status(consultation)]).toEqual(['Connected', 'Hold']);
			await run({
				resource: 'phoneCall',
				operation: 'reconnect',
				lineNumber: '+129',
				connCallHandle: first,
				heldCallHandle: consultation,
			});
			expect(await status(consultation)).toBe('Connected');
			const [firstCall] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: first,
			});
			expect(firstCall).toMatchObject({
				callStatus: { name: 'Ended' },
				processingStatus: { name: 'Wrap up' },
			});

			const third = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: third,
				connCallHandle: consultation,
				dialNumber: '+4930555111',
				nextStep: '2',
			});
			await run({
				resource: 'phoneCall',
				operation: 'transfer',
				lineNumber: '+129',
				connCallHandle: third,
				heldCallHandle: consultation,
			});
			expect([await status(consultation), await status(third)]).toEqual(['Ended', 'Ended']);
		});

		it('conference joins two calls and dropParty removes one party', async () => {
			const first = await connectedCall();
			const second = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: second,
				connCallHandle: first,
				dialNumber: '+4930555222',
				nextStep: '3',
			});
			await run({
				resource: 'phoneCall',
				operation: 'conference',
				lineNumber: '+129',
				connCallHandle: second,
				heldCallHandle: first,
			});
			const [conference] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: second,
			});
			expect(conference).toMatchObject({
				callStatus: { id: '108', name: 'ConferenceOwner' },
				remoteNumbers: [CUSTOMER, '+4930555222'],
			});
			expect(conference.capabilityList).toEqual([4, 6, 7, 8, 102, 106, 107]);
			await run({
				resource: 'phoneCall',
				operation: 'dropParty',
				lineNumber: '+129',
				remoteNumber: CUSTOMER,
				callHandle: second,
			});
			const [after] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: second,
			});
			expect(after).toMatchObject({
				callStatus: { name: 'Connected' },
				remoteNumbers: ['+4930555222'],
			});
		});
	});

	describe('Folder and Message', () => {
		it('an inbound e-mail: getMessages, accept, getAttributes, getContent, setActionFlags, delete with wrap-up', async () => {
			await ready('HARRI');
			await run({
				resource: 'user',
				operation: 'setCurrentQueues',
				userId: 'HARRI',
				queues: ['support@contact.example'],
			});
			const delivered = sim.deliverEmail({
				to: 'support@contact.example',
				from: 'customer@example.com',
				subject: 'Invoice 42',
				text: 'Hello, where is my invoice?',
				attachments: ['invoice.pdf'],
			});
			const [listed] = await run({
				resource: 'folder',
				operation: 'getMessages',
				folder: 'harri@contact.example',
			});
			expect(listed).toMatchObject({
				messageId: delivered.id,
				subject: 'Invoice 42',
				originator: 'customer@example.com',
				attachments: ['invoice.pdf'],
				messageStatus: { id: '3', name: 'Alerting' },
				read: false,
				notification: false,
			});
			await run({
				resource: 'item',
				operation: 'accept',
				itemId: delivered.id,
				containerId: 'harri@contact.example',
			});
			const [accepted] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(accepted).toMatchObject({
				messageStatus: { id: '201', name: 'Accepted' },
				read: true,
				capabilityList: [3, 4, 6, 7, 8, 203],
			});
			const [content] = await run({
				resource: 'message',
				operation: 'getContent',
				messageId: delivered.id,
			});
			expect(String(content.content)).toMatch(
				/^From: customer@example.com\r\nTo: support@contact.example\r\nSubject: Invoice 42/,
			);
			await run({
				resource: 'message',
				operation: 'setActionFlags',
				messageId: delivered.id,
				read: true,
				answered: true,
				forwarded: false,
			});
			const [flagged] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(flagged).toMatchObject({ read: true, answered: true, forwarded: false });
			await run({ resource: 'message', operation: 'delete', messageId: delivered.id });
			const [deleted] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(deleted).toMatchObject({
				messageStatus: { name: 'Ended' },
				processingStatus: { name: 'Wrap up' },
			});
		});

		it('an outbound e-mail: create, setContent (RFC 822), send with a delivery notification', async () => {
			const [created] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '2',
				containerId: 'harri@contact.example',
			});
			const messageId = String(created.itemId);
			const content =
				'From: harri@contact.example\r\nTo: customer@example.com\r\nSubject: Your invoice\r\n\r\nPlease find it attached.';
			await run({ resource: 'message', operation: 'setContent', messageId, content });
			const [draft] = await run({ resource: 'message', operation: 'getAttributes', messageId });
			expect(draft).toMatchObject({
				messageStatus: { id: '202', name: 'Draft' },
				subject: 'Your invoice',
				messageText: 'Please find it attached.',
			});
			expect(iciRequests(sim).at(-2)!.message.element.content).toBe(content);
			await run({
				resource: 'message',
				operation: 'send',
				messageId,
				requestSuccessNotification: true,
				requestFailureNotification: false,
			});
			const messages = await run({
				resource: 'folder',
				operation: 'getMessages',
				folder: 'harri@contact.example',
			});
			expect(
				messages.map((m) => [
					(m.messageStatus as IDataObject).name,
					m.notification,
					m.originalMessageId,
				]),
			).toEqual([
				['Sent', false, ''],
				['Alerting', true, messageId],
			]);
		});
	});

	describe('Chat Line and Chat Session', () => {
		it('an inbound chat: getSessions, accept, postMessage, getDialog, getAttributes, leave', async () => {
			await ready('HARRI');
			await run({
				resource: 'user',
				operation: 'setCurrentQueues',
				userId: 'HARRI',
				queues: ['chat@contact.example'],
			});
			const chat = sim.deliverChat({
				to: 'chat@contact.example',
				customer: 'john.doe@acme.inc',
				title: 'Order help',
				text: 'Hi!',
			});
			const line = 'harri.chat@contact.example';
			const [session] = await run({
				resource: 'chatLine',
				operation: 'getSessions',
				chatLineId: line,
			});
			expect(session).toMatchObject({
				chatSessionId: chat.id,
				title: 'Order help',
				chatStatus: { name: 'Alerting' },
				chatParticipants: ['john.doe@acme.inc'],
			});
			await run({ resource: 'item', operation: 'accept', itemId: chat.id, containerId: line });
			await run({
				resource: 'chatSession',
				operation: 'postMessage',
				chatSessionId: chat.id,
				chatLineId: line,
				contentText: 'Hello John, how can I help?',
			});
			sim.postChat(chat.id, 'My order is late');
			const dialog = await run({
				resource: 'chatSession',
				operation: 'getDialog',
				chatSessionId: chat.id,
			});
			expect(dialog.map((p) => [p.chatParticipant, p.contentText, p.systemMessage])).toEqual([
				['john.doe@acme.inc', 'Hi!', false],
				['', `${line} joined the chat`, true],
				[line, 'Hello John, how can I help?', false],
				['john.doe@acme.inc', 'My order is late', false],
			]);
			expect(String(dialog[0].postDate)).toMatch(/^\d{14}$/);
			const [attributes] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			expect(attributes).toMatchObject({
				chatStatus: { id: '301', name: 'Connected' },
				chatParticipants: ['john.doe@acme.inc', line],
			});
			await run({
				resource: 'chatSession',
				operation: 'leave',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			const [left] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			expect(left).toMatchObject({ chatStatus: { name: 'Ended' }, capabilityList: [5] });
		});

		it('an outbound chat: create then invite; the participants join', async () => {
			const line = 'harri.chat@contact.example';
			const [created] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '3',
				containerId: line,
			});
			const chatSessionId = String(created.itemId);
			await run({
				resource: 'chatSession',
				operation: 'invite',
				chatSessionId,
				chatLineId: line,
				chatParticipants: ['anna.chat@contact.example'],
				additionalFields: { title: 'Second opinion' },
			});
			const [inviting] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId,
				chatLineId: line,
			});
			expect(inviting).toMatchObject({
				title: 'Second opinion',
				chatStatus: { id: '302', name: 'Inviting' },
				capabilityList: [301],
			});
			sim.acceptChatInvitation(chatSessionId);
			const [connected] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId,
				chatLineId: line,
			});
			expect(connected).toMatchObject({
				chatStatus: { name: 'Connected' },
				chatParticipants: [line, 'anna.chat@contact.example'],
			});
		});
	});

	describe('Action Item', () => {
		it('route with attributes and routing attributes; the required agent gets it; accept and end', async () => {
			await ready('HARRI');
			await ready('ANNA');
			const [routed] = await run({
				resource: 'actionItem',
				operation: 'route',
				actionItemAttributes: {
					attribute: [
						{ name: 'SUBJECT', value: 'Action item test' },
						{ name: 'FROM_ADDRESS', value: 'customer@example.com' },
						{ name: 'TO_ADDRESS', value: 'ERMS@506.Q7D.R3.SAP-AG.DE' },
					],
				},
				itemDataFields: {
					requestId: '000001210200',
					processId: 'FOL29000000000004RAW33000000002161',
				},
				routingAttributes: {
					attribute: [
						{ name: 'SKILL', value: 'English=5' },
						{ name: 'REQUIRED_AGENT', value: 'ANNA' },
						{ name: 'custom', customName: 'Z_PRIORITY', value: '1' },
					],
				},
			});
			const actionItemId = String(routed.actionItemId);
			expect(actionItemId).toMatch(/^[0-9A-F]{32}$/);
			const action = sim.state.findItemOf(actionItemId, 4);
			expect(action).toMatchObject({
				containerId: 'ANNA',
				status: 3,
				queueId: 'ACTION',
				skills: ['English=5'],
			});
			const sent = iciRequests(sim).at(-1)!.message.element;
			expect(sent.routingAttributes).toEqual({
				item: [
					{ id: 'SKILL', description: 'English=5' },
					{ id: 'REQUIRED_AGENT', description: 'ANNA' },
					{ id: 'Z_PRIORITY', description: '1' },
				],
			});
			await run({
				resource: 'item',
				operation: 'accept',
				itemId: actionItemId,
				containerId: 'ANNA',
			});
			expect(sim.state.findItemOf(actionItemId, 4).status).toBe(401);
			await run({ resource: 'message', operation: 'end', messageId: actionItemId });
			expect(sim.state.findItemOf(actionItemId, 4)).toMatchObject({ status: 4 });
			const [deleted] = await run({
				resource: 'actionItem',
				operation: 'route',
				itemDataFields: { requestId: 'R-2', processId: 'P-2' },
				routingAttributes: { attribute: [{ name: 'DELETE', value: 'X' }] },
			});
			expect(deleted).toEqual({ actionItemId: '' });
		});
	});

	it('covers all 54 operations', () => {
		const all = ICI_OPERATIONS.map((def) => `${def.resource}.${def.operation}`);
		expect(all).toHaveLength(54);
		expect(all.filter((op) => !covered.has(op))).toEqual([]);
	});

	it('a declared operation the node does not know is a clear error', async () => {
		const result = await runIci(sim, {
			resource: 'phoneCall',
			operation: 'listen',
			lineNumber: '+129',
			callHandle: 'X',
		});
		expect(result.error?.message).toMatch(/not known for resource "phoneCall"/);
	});
});
