import { writeIciEnvelope } from '../../nodes/SapIci/envelope';
import { encodeElement } from '../../nodes/SapIci/elements';
import {
	ICI_EVENTS,
	readIciEvent,
	writeIciEventAnswer,
	type IciEventName,
} from '../../nodes/SapIci/events';
import { ICI_EVENT_NAMESPACE, ICI_EVENT_SOAP_ACTION } from '../../nodes/SapIci/constants';
import type { OiiSimulator } from '../../simulators/oii';
import type { TriggerHarness } from '../harness';
import {
	appUrlOf,
	canonicalXml,
	emittedJson,
	fixture,
	post,
	SOAP_TYPE,
	startSim,
	startTrigger,
	stopSim,
} from './helpers';

/**
 * The eight IciEvent messages of chapter 9.3, posted to the trigger as the specification prints
 * them: each answered with its exact `<…Response>` envelope and HTTP 200, each becoming one item
 * read as the SAP ICI node reads the same data. monitorDataChanged is passed through; events and
 * call statuses that are not selected are answered and dropped.
 */

const EVENTS = Object.keys(ICI_EVENTS) as IciEventName[];
const PLACEHOLDER_CAPABILITIES = {
	capabilityList: ['int', 'int'],
	capabilities: [{ id: 'int' }, { id: 'int' }],
};

/** What each sample must give, beyond being exactly what the SAP ICI node reads from it. */
const EXPECTED: Record<IciEventName, Record<string, unknown>> = {
	userChanged: {
		appIds: ['1cb65470-a2c1-11da-aa97-001143dc2e6e'],
		user: {
			userId: 'HARRI',
			currentWorkmode: { id: '1', description: 'Logged off', name: 'Logged off' },
			wrapUpMode: 1,
			wrapUpModeName: 'Automatic wrap up status',
			currentChannels: [],
			channels: [
				{ id: '1', description: 'Telephony', name: 'Phone call' },
				{ id: '2', description: 'E-mail', name: 'Message' },
			],
			currentQueues: [{ id: '2001', description: 'Q 2001' }],
			addresses: [{ address: '+123', channel: 1, channelName: 'Phone call' }],
		},
	},
	subscriptionEnded: {
		appIds: ['1cb65470-a2c1-11da-aa97-001143dc2e6e'],
		reason: { id: '1', description: 'WicomOII Stop', name: 'Shut-down' },
	},
	containerChanged: {
		appIds: ['string'],
		channelType: 'string',
		channelTypeName: null,
		containerId: 'string',
		containerStatus: { id: 'string', description: 'string' },
	},
	phoneCallChanged: {
		appIds: ['string'],
		phoneCall: {
			lineNumber: 'string',
			callHandle: 'string',
			remoteNumbers: ['string'],
			dialedNumber: 'string',
			inbound: 'boolean',
			trunkId: 'string',
			attachedData: 'string',
			attachedDataJson: null,
			...PLACEHOLDER_CAPABILITIES,
		},
	},
	messageChanged: {
		appIds: ['string', 'string'],
		message: {
			subject: 'string',
			attachments: ['string', 'string'],
			notification: 'boolean',
			...PLACEHOLDER_CAPABILITIES,
		},
	},
	chatChanged: {
		appIds: ['string', 'string'],
		chatSession: {
			chatParticipants: ['string', 'string'],
			chatStatus: { id: 'string', description: 'string' },
			...PLACEHOLDER_CAPABILITIES,
		},
	},
	chatNewPosting: {
		appIds: ['string', 'string'],
		chatPosting: {
			chatSessionId: 'string',
			postDate: 'string',
			chatParticipant: 'string',
			contentText: 'string',
			systemMessage: 'boolean',
		},
	},
	actionItemChanged: {
		appIds: ['string', 'string'],
		userIds: ['string', 'string'],
		actionItemId: 'string',
		scenarioId: 'string',
		actionSession: {
			actionParticipants: ['string', 'string'],
			title: 'string',
			actionLineId: 'string',
		},
		itemData: {
			requestId: 'string',
			actionItemAttributes: [
				{ id: 'string', description: 'string' },
				{ id: 'string', description: 'string' },
			],
		},
	},
};

function phoneCallEvent(status: { id: string; description: string }, appId = 'A1'): string {
	return writeIciEnvelope({
		namespace: ICI_EVENT_NAMESPACE,
		operation: 'phoneCallChanged',
		childForm: 'qualified',
		children: [
			{ name: 'appIds', value: { item: [appId] } },
			{
				name: 'phoneCall',
				namespace: '',
				value: encodeElement('PhoneCall', {
					lineNumber: '+129',
					callHandle: 'C0FFEE',
					remoteNumbers: ['+358401234567'],
					dialedNumber: '2001',
					callStatus: status,
					capabilityList: [1, 2, 3],
					inbound: true,
					internal: false,
					attachedData:
						'<ItemAttachedData><Application id="CAD"><ORDER>4711</ORDER></Application></ItemAttachedData>',
				}),
			},
		],
	});
}

describe('SAP ICI Trigger — the chapter 9.3 samples', () => {
	let sim: OiiSimulator;
	let trigger: TriggerHarness;
	beforeAll(async () => {
		sim = await startSim();
		trigger = await startTrigger(sim, { userIds: ['HARRI'] });
		await trigger.activate();
	});
	afterAll(async () => {
		await trigger.close();
		await stopSim(sim);
	});

	it.each(EVENTS)(
		'%s: answered with its exact response envelope and emitted as one item',
		async (event) => {
			const before = trigger.runs.length;
			const request = fixture(`event.${event}.request.xml`);
			const reply = await post(appUrlOf(trigger), request, { SOAPAction: '""' });
			await trigger.settled();

			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe(SOAP_TYPE);
			expect(reply.body).toBe(writeIciEventAnswer(event));
			expect(canonicalXml(reply.body)).toEqual(
				canonicalXml(fixture(`event.${event}.response.xml`)),
			);

			expect(trigger.runs).toHaveLength(before + 1);
			const items = trigger.emitted.at(-1)!;
			expect(items).toHaveLength(1);
			const { resubscription, ...item } = items[0].json;
			// The SAP ICI node's reading of the same message, nothing more and nothing less.
			expect(item).toEqual(readIciEvent(request));
			expect(item).toMatchObject({ event, ...EXPECTED[event] });
			if (event === 'subscriptionEnded') {
				// Reason 1 (shut-down): the trigger subscribed again before starting the workflow.
				expect(resubscription).toEqual({
					subscribed: true,
					attempts: 1,
					appUrl: expect.stringContaining('secret=***'),
				});
			} else {
				expect(resubscription).toBeUndefined();
			}
		},
	);

	it("the SOAPAction header does not matter: none, the simulator's, or any other", async () => {
		const request = fixture('event.chatNewPosting.request.xml');
		const before = trigger.runs.length;
		const variants: Array<Record<string, string>> = [
			{},
			{ SOAPAction: `"${ICI_EVENT_SOAP_ACTION}"` },
			{ SOAPAction: '"urn:IciEventInterface/chatNewPosting"' },
		];
		for (const headers of variants) {
			const reply = await post(appUrlOf(trigger), request, headers);
			expect([reply.status, reply.body]).toEqual([200, writeIciEventAnswer('chatNewPosting')]);
		}
		await trigger.settled();
		expect(trigger.runs).toHaveLength(before + 3);
	});

	it('monitorDataChanged (named in 7.1, not specified) is answered and passed through as JSON', async () => {
		const request = writeIciEnvelope({
			namespace: ICI_EVENT_NAMESPACE,
			operation: 'monitorDataChanged',
			childForm: 'qualified',
			children: [
				{ name: 'appIds', value: { item: ['M1'] } },
				{
					name: 'instance',
					value: {
						id: 'Q2001',
						values: {
							item: [
								{ name: 'waiting', value: '3' },
								{ name: 'ready', value: '1' },
							],
						},
					},
				},
			],
		});
		const reply = await post(appUrlOf(trigger), request);
		await trigger.settled();
		expect(reply.status).toBe(200);
		expect(canonicalXml(reply.body)).toEqual({
			name: '{http://schemas.xmlsoap.org/soap/envelope/}Envelope',
			children: [
				{
					name: '{http://schemas.xmlsoap.org/soap/envelope/}Body',
					children: [
						{
							name: '{urn:IciEventInterface}monitorDataChangedResponse',
							children: [{ name: '{urn:IciEventInterface}response', text: '' }],
						},
					],
				},
			],
		});
		expect(emittedJson(trigger).at(-1)).toEqual({
			event: 'monitorDataChanged',
			appIds: ['M1'],
			instance: {
				id: 'Q2001',
				values: {
					item: [
						{ name: 'waiting', value: '3' },
						{ name: 'ready', value: '1' },
					],
				},
			},
		});
	});
});

describe('SAP ICI Trigger — which events start the workflow', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));

	it('an event that is not selected is answered 200 with its envelope and starts nothing', async () => {
		const trigger = await startTrigger(sim, { userIds: ['ANNA'], events: ['phoneCallChanged'] });
		try {
			await trigger.activate();
			const reply = await post(appUrlOf(trigger), fixture('event.userChanged.request.xml'));
			await trigger.settled();
			expect(reply.status).toBe(200);
			expect(canonicalXml(reply.body)).toEqual(
				canonicalXml(fixture('event.userChanged.response.xml')),
			);
			expect(trigger.webhookCalls).toBe(1);
			expect(trigger.runs).toHaveLength(0);

			const selected = await post(appUrlOf(trigger), fixture('event.phoneCallChanged.request.xml'));
			await trigger.settled();
			expect(selected.status).toBe(200);
			expect(emittedJson(trigger).map((j) => j.event)).toEqual(['phoneCallChanged']);
		} finally {
			await trigger.close();
		}
	});

	it('subscriptionEnded that is not selected still makes the trigger subscribe again', async () => {
		const trigger = await startTrigger(sim, { userIds: ['MIKA'], events: ['userChanged'] });
		try {
			await trigger.activate();
			sim.endSubscriptions(3);
			expect(sim.subscriptions).toHaveLength(0);
			await sim.deliveriesSettled();
			await trigger.settled();
			expect(trigger.runs).toHaveLength(0);
			expect(sim.subscriptions.map((s) => [s.kind, s.userId, s.appUrl])).toEqual([
				['user', 'MIKA', appUrlOf(trigger)],
			]);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	it('call statuses: only calls in the chosen statuses start the workflow, the others are answered', async () => {
		const trigger = await startTrigger(sim, {
			userIds: ['ANNA'],
			events: ['phoneCallChanged'],
			options: { callStatuses: ['3', '4'] },
		});
		try {
			await trigger.activate();
			const statuses = [
				{ id: '3', description: 'Alerting' },
				{ id: '101', description: 'Connected' },
				{ id: '106', description: 'Hold' },
				{ id: '4', description: 'Ended' },
			];
			for (const status of statuses) {
				const reply = await post(appUrlOf(trigger), phoneCallEvent(status));
				expect([reply.status, reply.body]).toEqual([200, writeIciEventAnswer('phoneCallChanged')]);
			}
			await trigger.settled();
			expect(trigger.webhookCalls).toBe(4);
			const calls = emittedJson(trigger).map((j) => j.phoneCall as Record<string, unknown>);
			expect(calls.map((c) => c.callStatus)).toEqual([
				{ id: '3', description: 'Alerting', name: 'Alerting', meaning: 'Inbound call is signaled' },
				{ id: '4', description: 'Ended', name: 'Ended', meaning: 'Disconnected call' },
			]);
			expect(calls[0]).toMatchObject({
				capabilityList: [1, 2, 3],
				capabilities: [
					{ id: 1, method: 'IciItem_accept' },
					{ id: 2, method: 'IciItem_reroute' },
					{ id: 3, method: 'IciItem_forward' },
				],
				inbound: true,
				attachedDataJson: { CAD: { ORDER: '4711' } },
			});
		} finally {
			await trigger.close();
		}
	});

	it('Include Raw XML adds the request exactly as received', async () => {
		const trigger = await startTrigger(sim, {
			userIds: ['ANNA'],
			options: { includeRawXml: true },
		});
		try {
			await trigger.activate();
			const request = fixture('event.containerChanged.request.xml');
			await post(appUrlOf(trigger), request);
			await trigger.settled();
			expect(emittedJson(trigger)).toEqual([{ ...readIciEvent(request), rawXml: request }]);
		} finally {
			await trigger.close();
		}
	});
});
