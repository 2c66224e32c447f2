import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ICI_EVENT_SOAP_ACTION, ICI_INTERFACES } from '../../nodes/SapIci/constants';
import type { OiiSimulator } from '../../simulators/oii';
import type { TriggerHarness } from '../harness';
import { ici, iciRequests } from '../sapIci/helpers';
import { appUrlOf, emittedJson, post, startSim, startTrigger, stopSim } from './helpers';

/**
 * The subscription life cycle against the OII simulator, which POSTs its events to the trigger:
 * activation subscribes (IciUser + IciContainer) with the webhook URL plus a secret as appUrl, the
 * simulator's events become workflow items, deactivation unsubscribes, a changed URL or changed
 * targets re-subscribe, subscriptionEnded 1 and 3 re-subscribe and 2 does not.
 */

const HARRI_CONTAINERS = [
	{ channelType: '1', containerId: '+129' },
	{ channelType: '2', containerId: 'harri@contact.example' },
	{ channelType: '3', containerId: 'harri.chat@contact.example' },
	{ channelType: '4', containerId: 'HARRI' },
];
const HARRI: INodeParameters = { userIds: ['HARRI'], containers: { container: HARRI_CONTAINERS } };
const CUSTOMER = '+358401234567';

interface SubscribeRequest {
	operation: string;
	soapAction: string | undefined;
	children: IDataObject;
}

/** The subscribe / unsubscribe requests OII received, in order. */
function subscriptionRequests(sim: OiiSimulator): SubscribeRequest[] {
	return iciRequests(sim)
		.filter((r) => /^(un)?subscribe$/.test(r.message.name))
		.map((r) => ({
			operation: `${r.soapAction?.includes('IciUserBean') ? 'IciUser' : 'IciContainer'}.${r.message.name}`,
			soapAction: r.soapAction,
			children: r.message.element as IDataObject,
		}));
}

function subscriptionsOf(sim: OiiSimulator): Array<Record<string, string | undefined>> {
	return sim.subscriptions.map((s) => ({
		kind: s.kind,
		appUrl: s.appUrl,
		appId: s.appId,
		userId: s.userId,
		channelType: s.channelType,
		containerId: s.containerId,
	}));
}

function expectedSubscriptions(
	appUrl: string,
	appId: string,
): Array<Record<string, string | undefined>> {
	return [
		{
			kind: 'user',
			appUrl,
			appId,
			userId: 'HARRI',
			channelType: undefined,
			containerId: undefined,
		},
		...HARRI_CONTAINERS.map((c) => ({ kind: 'container', appUrl, appId, userId: undefined, ...c })),
	];
}

async function control(sim: OiiSimulator, route: string, body: unknown = {}): Promise<IDataObject> {
	const response = await fetch(`${sim.url}/__oii/${route}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${JSON.stringify(json)}`);
	return json;
}

/** Wait until the simulator has delivered everything and the trigger has handled it. */
async function delivered(sim: OiiSimulator, trigger: TriggerHarness): Promise<void> {
	await sim.deliveriesSettled();
	await trigger.settled();
}

describe('SAP ICI Trigger — subscription life cycle against the OII simulator', () => {
	let sim: OiiSimulator;
	let trigger: TriggerHarness | undefined;
	const start = async (parameters: INodeParameters = HARRI): Promise<TriggerHarness> => {
		trigger = await startTrigger(sim, parameters);
		return trigger;
	};

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());
	afterEach(async () => {
		await trigger?.close();
		trigger = undefined;
	});

	it('create subscribes the user and the four containers with the webhook URL plus a secret as appUrl', async () => {
		const t = await start();
		expect(await t.activate()).toEqual({ existed: false });
		const state = t.nodeStaticData;
		expect(state.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(state.appId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(state.appUrl).toBe(`${t.url}?secret=${String(state.secret)}`);
		expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/ici-events$/);
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(appUrlOf(t), String(state.appId)));

		const requests = subscriptionRequests(sim);
		expect(requests.map((r) => r.operation)).toEqual([
			'IciUser.subscribe',
			...HARRI_CONTAINERS.map(() => 'IciContainer.subscribe'),
		]);
		expect(requests[0].soapAction).toBe(`"${ICI_INTERFACES.user.soapAction}"`);
		expect(requests[1].soapAction).toBe(`"${ICI_INTERFACES.container.soapAction}"`);
		expect(requests[0].children).toEqual({
			appUrl: appUrlOf(t),
			appId: state.appId,
			userId: 'HARRI',
		});
		expect(requests[4].children).toEqual({
			appUrl: appUrlOf(t),
			appId: state.appId,
			channelType: '4',
			containerId: 'HARRI',
		});
	});

	it('the simulator POSTs its events to the trigger and they become workflow items', async () => {
		const t = await start();
		await t.activate();
		const appUrl = appUrlOf(t);

		// The agent gets ready (SAP ICI node), a customer calls queue 2001 (control API).
		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '2',
		});
		const placed = await control(sim, 'calls', {
			to: '2001',
			from: CUSTOMER,
			attachedData:
				'<ItemAttachedData><Application id="CAD"><ORDER>4711</ORDER></Application></ItemAttachedData>',
		});
		const handle = String(placed.callHandle);
		await delivered(sim, t);
		await ici(sim, { resource: 'item', operation: 'accept', itemId: handle, containerId: '+129' });
		await control(sim, `calls/${handle}/hangup`);
		await control(sim, 'emails', {
			to: 'harri@contact.example',
			from: 'jane@example.com',
			subject: 'Invoice',
			text: 'Hello',
		});
		const chat = await control(sim, 'chats', {
			to: 'harri.chat@contact.example',
			customer: 'john@example.com',
			text: 'Hi',
		});
		await control(sim, `chats/${String(chat.chatSessionId)}/postings`, { text: 'Anyone there?' });
		const harri = sim.state.findUser('HARRI');
		sim.state.setQueues(harri, ['2001', 'ACTION']);
		sim.state.route({
			systemId: 'CRM',
			client: '100',
			requestId: 'R-1',
			processId: 'P-1',
			attachedData: '',
			attributes: [{ id: 'SUBJECT', description: 'Call back' }],
			routing: [],
		});
		sim.state.setAddresses(
			harri,
			harri.addresses.filter((a) => a.channel !== '4'),
		);
		await delivered(sim, t);

		const ours = sim.deliveries.filter((d) => d.appUrl === appUrl);
		expect(ours.length).toBeGreaterThanOrEqual(10);
		expect(ours.every((d) => d.outcome === 'answered' && d.status === 200 && d.acknowledged)).toBe(
			true,
		);
		expect(sim.deliveries.filter((d) => d.appUrl !== appUrl)).toEqual([]);

		// One run per event, each with the event read as the SAP ICI node reads it.
		const items = emittedJson(t);
		expect(t.emitted.every((run) => run.length === 1)).toBe(true);
		const count = (
			list: Array<{ event?: unknown; operation?: unknown }>,
			key: 'event' | 'operation',
		) =>
			list.reduce<Record<string, number>>(
				(acc, e) => ({ ...acc, [String(e[key])]: (acc[String(e[key])] ?? 0) + 1 }),
				{},
			);
		expect(count(items, 'event')).toEqual(count(ours, 'operation'));
		expect(new Set(items.map((i) => i.event))).toEqual(
			new Set([
				'userChanged',
				'phoneCallChanged',
				'messageChanged',
				'chatChanged',
				'chatNewPosting',
				'actionItemChanged',
				'containerChanged',
			]),
		);
		expect(
			items.every((i) => JSON.stringify(i.appIds) === JSON.stringify([t.nodeStaticData.appId])),
		).toBe(true);

		const calls = items
			.filter((i) => i.event === 'phoneCallChanged')
			.map((i) => i.phoneCall as IDataObject);
		expect(calls.map((c) => (c.callStatus as IDataObject).name)).toEqual(
			expect.arrayContaining(['Alerting', 'Connected', 'Ended']),
		);
		expect(calls.find((c) => (c.callStatus as IDataObject).name === 'Alerting')).toMatchObject({
			lineNumber: '+129',
			callHandle: handle,
			remoteNumbers: [CUSTOMER],
			inbound: true,
			capabilityList: [1, 2, 3],
			capabilities: [
				{ id: 1, capability: 'Accept (answer) a ringing call', method: 'IciItem_accept' },
				{ id: 2, method: 'IciItem_reroute' },
				{ id: 3, method: 'IciItem_forward' },
			],
			attachedDataJson: { CAD: { ORDER: '4711' } },
		});
		expect(items.find((i) => i.event === 'userChanged')).toMatchObject({
			user: { userId: 'HARRI', currentWorkmode: { id: '2', name: 'Logged on - ready' } },
		});
		expect(items.find((i) => i.event === 'messageChanged')).toMatchObject({
			message: {
				folder: 'harri@contact.example',
				subject: 'Invoice',
				originator: 'jane@example.com',
			},
		});
		expect(
			items
				.filter((i) => i.event === 'chatNewPosting')
				.map((i) => (i.chatPosting as IDataObject).contentText),
		).toContain('Anyone there?');
		expect(items.find((i) => i.event === 'actionItemChanged')).toMatchObject({
			itemData: {
				requestId: 'R-1',
				processId: 'P-1',
				actionItemAttributes: [{ id: 'SUBJECT', description: 'Call back' }],
			},
		});
		expect(items.find((i) => i.event === 'containerChanged')).toMatchObject({
			channelType: 4,
			channelTypeName: 'Action routing',
			containerId: 'HARRI',
			containerStatus: { id: '3', name: 'Removed' },
		});
	});

	it('the simulator sends each event as text/xml with the IciEvent SOAPAction and records the answer', async () => {
		const t = await start({ userIds: ['HARRI'] });
		await t.activate();
		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '3',
		});
		await delivered(sim, t);
		const [delivery] = sim.deliveries;
		expect(delivery).toMatchObject({
			operation: 'userChanged',
			appUrl: appUrlOf(t),
			outcome: 'answered',
			status: 200,
			contentType: 'text/xml; charset=utf-8',
			acknowledged: true,
		});
		expect(sim.events[0].envelope).toContain('<userChanged xmlns="urn:IciEventInterface">');
		expect(ICI_EVENT_SOAP_ACTION).toBe('http://inqmy.com/soapdispatcher/rpc/bcbici/IciEventBean');
		expect(emittedJson(t)).toEqual([
			expect.objectContaining({
				event: 'userChanged',
				user: expect.objectContaining({ currentWorkmode: expect.objectContaining({ id: '3' }) }),
			}),
		]);
	});

	it('activating again with nothing changed keeps the subscriptions; n8n starting (init) subscribes again under the same key', async () => {
		const t = await start();
		await t.activate();
		const state = t.nodeStaticData;
		const before = subscriptionRequests(sim).length;
		expect(await t.activate('update')).toEqual({ existed: true });
		expect(subscriptionRequests(sim)).toHaveLength(before);

		expect(await t.activate('init')).toEqual({ existed: false });
		const again = subscriptionRequests(sim).slice(before);
		expect(again.map((r) => r.operation)).toEqual([
			'IciUser.subscribe',
			'IciContainer.subscribe',
			'IciContainer.subscribe',
			'IciContainer.subscribe',
			'IciContainer.subscribe',
		]);
		expect(t.nodeStaticData).toMatchObject({
			secret: state.secret,
			appId: state.appId,
			appUrl: state.appUrl,
		});
		// Same appUrl and appId: OII holds the same five subscriptions, not ten.
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(appUrlOf(t), String(state.appId)));
	});

	it('delete unsubscribes: the simulator holds no subscription afterwards and nothing more arrives', async () => {
		const t = await start();
		await t.activate();
		const { appUrl, appId, secret } = t.nodeStaticData;
		const before = subscriptionRequests(sim).length;
		await t.deactivate();
		expect(subscriptionRequests(sim).slice(before)).toEqual([
			{
				operation: 'IciUser.unsubscribe',
				soapAction: `"${ICI_INTERFACES.user.soapAction}"`,
				children: { appUrl, appId },
			},
			{
				operation: 'IciContainer.unsubscribe',
				soapAction: `"${ICI_INTERFACES.container.soapAction}"`,
				children: { appUrl, appId },
			},
		]);
		expect(sim.subscriptions).toEqual([]);
		// The secret and appId stay; the subscription is forgotten.
		expect(t.nodeStaticData).toEqual({ secret, appId });

		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '2',
		});
		sim.placeCall({ to: '+129', from: CUSTOMER });
		await delivered(sim, t);
		expect(sim.deliveries).toEqual([]);
		expect(t.emitted).toEqual([]);
		// The webhook itself is gone with the active workflow.
		expect((await post(String(appUrl), '<x/>')).status).toBe(404);

		// Activating again subscribes anew, with the same secret and appId.
		expect(await t.activate()).toEqual({ existed: false });
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(String(appUrl), String(appId)));
	});

	it('a changed webhook URL (WEBHOOK_URL) ends the old subscriptions and subscribes the new URL', async () => {
		const t = await start();
		await t.activate();
		const old = appUrlOf(t);
		const { appId, secret } = t.nodeStaticData;
		t.setWebhookBaseUrl(t.webhookBaseUrl.replace('127.0.0.1', 'localhost'));
		expect(t.url).toMatch(/^http:\/\/localhost:\d+\/webhook\//);

		const before = subscriptionRequests(sim).length;
		expect(await t.activate('update')).toEqual({ existed: false });
		const requests = subscriptionRequests(sim).slice(before);
		expect(requests.slice(0, 2).map((r) => [r.operation, r.children.appUrl])).toEqual([
			['IciUser.unsubscribe', old],
			['IciContainer.unsubscribe', old],
		]);
		expect(
			requests
				.slice(2)
				.every(
					(r) =>
						r.operation.endsWith('.subscribe') &&
						r.children.appUrl === `${t.url}?secret=${String(secret)}`,
				),
		).toBe(true);
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(appUrlOf(t), String(appId)));

		sim.placeCall({ to: '+129', from: CUSTOMER });
		await delivered(sim, t);
		expect(sim.deliveries.map((d) => [d.appUrl, d.acknowledged])).toEqual([[appUrlOf(t), true]]);
		expect(emittedJson(t).map((i) => i.event)).toEqual(['phoneCallChanged']);
	});

	it('changed users or containers end the old subscriptions and subscribe the new ones', async () => {
		const t = await start();
		await t.activate();
		t.setParameters({
			userIds: ['ANNA'],
			containers: { container: [{ channelType: '1', containerId: '+130' }] },
		});
		expect(await t.activate('update')).toEqual({ existed: false });
		expect(subscriptionsOf(sim).map((s) => [s.kind, s.userId ?? s.containerId])).toEqual([
			['user', 'ANNA'],
			['container', '+130'],
		]);
	});

	it('App URL Override: OII is given the override (plus the secret) and reaches the trigger through it', async () => {
		const t = await start();
		const override = t.url.replace('127.0.0.1', 'localhost');
		t.setParameters({ ...HARRI, appUrlOverride: override });
		await t.activate();
		const { secret, appId } = t.nodeStaticData;
		expect(appUrlOf(t)).toBe(`${override}?secret=${String(secret)}`);
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(appUrlOf(t), String(appId)));
		sim.placeCall({ to: '+129', from: CUSTOMER });
		await delivered(sim, t);
		expect(sim.deliveries.map((d) => [d.appUrl, d.acknowledged])).toEqual([[appUrlOf(t), true]]);
		expect(t.emitted).toHaveLength(1);

		// Removing the override re-subscribes with n8n's own URL.
		t.setParameters(HARRI);
		expect(await t.activate('update')).toEqual({ existed: false });
		expect(appUrlOf(t)).toBe(`${t.url}?secret=${String(secret)}`);
		expect(new Set(sim.subscriptions.map((s) => s.appUrl))).toEqual(new Set([appUrlOf(t)]));
	});

	it("waiting for a test event subscribes the test URL next to the active workflow's subscriptions and leaves those alone", async () => {
		const t = await start();
		await t.activate();
		const live = appUrlOf(t);
		const { secret, appId } = t.nodeStaticData;
		await t.startTestListening();
		const testAppUrl = `${t.testUrl}?secret=${String(secret)}`;
		expect(t.testUrl).toMatch(/\/webhook-test\/[0-9a-f-]{36}\/ici-events$/);
		expect(t.testNodeStaticData).toMatchObject({ appUrl: testAppUrl, appId });
		expect(subscriptionsOf(sim)).toEqual([
			...expectedSubscriptions(live, String(appId)),
			...expectedSubscriptions(testAppUrl, String(appId)),
		]);
		// The stored static data still describes the workflow's own subscriptions.
		expect(t.nodeStaticData.appUrl).toBe(live);

		sim.placeCall({ to: '+129', from: CUSTOMER });
		await delivered(sim, t);
		expect(t.runs.map((r) => r.mode).sort()).toEqual(['manual', 'webhook']);
		// One test event, then n8n removes the test webhook: its subscriptions end, the others stay.
		expect(t.testListening).toBe(false);
		expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(live, String(appId)));
		sim.placeCall({ to: '+129', from: '+3585550001' });
		await delivered(sim, t);
		expect(t.runs.map((r) => r.mode).sort()).toEqual(['manual', 'webhook', 'webhook']);
	});

	it('a test event waited for without an active workflow subscribes the test URL only, and stopping ends it', async () => {
		const t = await start({ userIds: ['ANNA'] });
		await t.startTestListening();
		expect(sim.subscriptions.map((s) => s.appUrl)).toEqual([t.testNodeStaticData?.appUrl]);
		expect(t.nodeStaticData).toEqual({});
		await t.stopTestListening();
		expect(sim.subscriptions).toEqual([]);
	});

	it.each([1, 3] as const)(
		'subscriptionEnded with reason %i: the trigger subscribes again and still emits the event',
		async (reason) => {
			const t = await start();
			await t.activate();
			const { appId } = t.nodeStaticData;
			const before = subscriptionRequests(sim).length;
			await control(sim, 'subscriptions/end', { reason });
			expect(sim.subscriptions).toEqual([]);
			await delivered(sim, t);

			expect(
				subscriptionRequests(sim)
					.slice(before)
					.map((r) => r.operation),
			).toEqual([
				'IciUser.subscribe',
				'IciContainer.subscribe',
				'IciContainer.subscribe',
				'IciContainer.subscribe',
				'IciContainer.subscribe',
			]);
			expect(subscriptionsOf(sim)).toEqual(expectedSubscriptions(appUrlOf(t), String(appId)));
			expect(emittedJson(t)).toEqual([
				{
					event: 'subscriptionEnded',
					appIds: [appId],
					reason: expect.objectContaining({
						id: String(reason),
						name: reason === 1 ? 'Shut-down' : 'Timeout',
					}),
					resubscription: {
						subscribed: true,
						attempts: 1,
						appUrl: expect.stringMatching(/\?secret=\*\*\*$/),
					},
				},
			]);
			// The events flow again.
			sim.placeCall({ to: '+129', from: CUSTOMER });
			await delivered(sim, t);
			expect(emittedJson(t).map((i) => i.event)).toEqual(['subscriptionEnded', 'phoneCallChanged']);
		},
	);

	it('subscriptionEnded with reason 2 (paused) keeps the subscriptions and subscribes nothing', async () => {
		const t = await start();
		await t.activate();
		const before = subscriptionRequests(sim).length;
		sim.endSubscriptions(2);
		await delivered(sim, t);
		expect(subscriptionRequests(sim)).toHaveLength(before);
		expect(sim.subscriptions).toHaveLength(5);
		expect(emittedJson(t)).toEqual([
			{
				event: 'subscriptionEnded',
				appIds: [t.nodeStaticData.appId],
				reason: {
					id: '2',
					description: 'Paused',
					name: 'Paused',
					meaning: expect.stringContaining('not be lost'),
				},
			},
		]);
	});

	it('a re-subscription OII refuses once is tried again', async () => {
		const t = await start({ userIds: ['HARRI'] });
		await t.activate();
		sim.failNext(
			{ areaCode: 9, errorCode: 1, errorText: 'OII is starting', errorRetry: true },
			{ match: 'IciUser.subscribe' },
		);
		sim.endSubscriptions(3);
		await delivered(sim, t);
		expect(emittedJson(t)[0].resubscription).toMatchObject({ subscribed: true, attempts: 2 });
		expect(sim.subscriptions.map((s) => [s.kind, s.userId, s.appUrl])).toEqual([
			['user', 'HARRI', appUrlOf(t)],
		]);
	});

	it('a re-subscription that keeps failing is reported in the item; deactivating and activating subscribes again', async () => {
		const t = await start({ userIds: ['HARRI'] });
		await t.activate();
		sim.failNext(
			{ areaCode: 9, errorCode: 1, errorText: 'OII is stopping' },
			{ match: 'IciUser.subscribe', times: 3 },
		);
		sim.endSubscriptions(1);
		await delivered(sim, t);
		const [item] = emittedJson(t);
		expect(item.resubscription).toEqual({
			subscribed: false,
			attempts: 3,
			appUrl: expect.stringMatching(/\?secret=\*\*\*$/),
			error: expect.stringContaining('OII is stopping'),
		});
		expect(JSON.stringify(item)).not.toContain(String(t.nodeStaticData.secret));
		expect(sim.subscriptions).toEqual([]);

		await t.deactivate();
		await t.activate();
		expect(sim.subscriptions.map((s) => [s.kind, s.userId, s.appUrl])).toEqual([
			['user', 'HARRI', appUrlOf(t)],
		]);
	});

	it('an activation OII refuses fails, and the subscriptions already made are ended again', async () => {
		const t = await start();
		sim.failNext(
			{ areaCode: 2, errorCode: 7, errorText: 'Unknown container' },
			{ match: 'IciContainer.subscribe' },
		);
		const failure = t.activate();
		await expect(failure).rejects.toThrow(
			'Subscribing container +129 (channel type 1) failed: Unknown container; the 1 subscription(s) already made were ended again',
		);
		await failure.catch((error: { context?: IDataObject }) => {
			expect(error.context?.remote).toMatchObject({
				kind: 'remote',
				operation: 'IciContainer.subscribe',
				code: '2/7',
			});
		});
		expect(sim.subscriptions).toEqual([]);
		expect(t.active).toBe(false);
		expect(t.nodeStaticData.appUrl).toBeUndefined();
		// The next try works.
		await t.activate();
		expect(sim.subscriptions).toHaveLength(5);
	});

	it('a deactivation OII refuses fails loudly and keeps the state, so that the next one ends the subscriptions', async () => {
		const t = await start();
		await t.activate();
		const state = t.nodeStaticData;
		sim.failNext(
			{ areaCode: 9, errorCode: 1, errorText: 'OII is busy' },
			{ match: 'IciContainer.unsubscribe' },
		);
		await expect(t.deactivate()).rejects.toThrow(
			'Ending the subscriptions at OII failed: IciContainer.unsubscribe: OII is busy',
		);
		expect(t.nodeStaticData).toEqual(state);
		expect(subscriptionsOf(sim).map((s) => s.kind)).toEqual([
			'container',
			'container',
			'container',
			'container',
		]);
		await t.deactivate();
		expect(sim.subscriptions).toEqual([]);
		expect(t.nodeStaticData.appUrl).toBeUndefined();
	});

	it('old subscriptions that cannot be ended are made useless: a new secret, so the old appUrl is refused', async () => {
		const t = await start({ userIds: ['HARRI'] });
		await t.activate();
		const old = appUrlOf(t);
		const oldSecret = t.nodeStaticData.secret;
		sim.failNext(
			{ areaCode: 9, errorCode: 1, errorText: 'OII is busy' },
			{ match: 'IciUser.unsubscribe' },
		);
		t.setWebhookBaseUrl(t.webhookBaseUrl.replace('127.0.0.1', 'localhost'));
		await t.activate('update');
		expect(t.nodeStaticData.secret).not.toBe(oldSecret);
		expect(new Set(sim.subscriptions.map((s) => s.appUrl))).toEqual(new Set([old, appUrlOf(t)]));

		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '2',
		});
		await delivered(sim, t);
		// OII still posts to the old appUrl: same path, old secret, refused.
		expect(sim.deliveries.map((d) => [d.appUrl === old ? 'old' : 'new', d.status])).toEqual(
			expect.arrayContaining([
				['old', 401],
				['new', 200],
			]),
		);
		expect(t.emitted).toHaveLength(1);
	});

	it('activation refuses a trigger with nothing to subscribe, a bad override, a bad container or a bad IP allowlist', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[{}, 'Nothing to subscribe: add a user ID or a container'],
			[
				{ userIds: ['HARRI'], appUrlOverride: 'ftp://oii.example/x' },
				'App URL Override: "ftp://oii.example/x" is not an http(s) URL',
			],
			[
				{ containers: { container: [{ channelType: '1', containerId: ' ' }] } },
				'Containers: every container needs its ID',
			],
			[
				{ userIds: ['HARRI'], options: { ipAllowlist: '10.0.0.0/33' } },
				'IP Allowlist: "10.0.0.0/33" has an invalid prefix length',
			],
		];
		for (const [parameters, message] of cases) {
			const t = await start(parameters);
			await expect(t.activate()).rejects.toThrow(message);
			await t.close();
		}
		expect(sim.subscriptions).toEqual([]);
	});
});
