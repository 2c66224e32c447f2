import {
	ICI_EVENTS,
	readIciEvent,
	writeIciEventAnswer,
	type IciEventName,
} from '../../nodes/SapIci/events';
import { readResolved } from '../../simulators/oii/wire';
import type { OiiSimulator } from '../../simulators/oii';
import { canonical, fixture, startSim, stopSim } from './helpers';

/**
 * The IciEvent messages of chapter 9.3 (what OII sends to subscribers): read into the node's JSON,
 * answered as the samples show, and the simulator's events read the same way.
 */

const EVENTS = Object.keys(ICI_EVENTS) as IciEventName[];
const PLACEHOLDER_CAPABILITIES = {
	capabilityList: ['int', 'int'],
	capabilities: [{ id: 'int' }, { id: 'int' }],
};

describe('SAP ICI events — chapter 9.3 samples', () => {
	it('userChanged', () => {
		const event = readIciEvent(fixture('event.userChanged.request.xml'));
		expect(event).toMatchObject({
			event: 'userChanged',
			appIds: ['1cb65470-a2c1-11da-aa97-001143dc2e6e'],
			user: {
				userId: 'HARRI',
				currentWorkmode: { id: '1', description: 'Logged off', name: 'Logged off' },
				wrapUpMode: 1,
				currentChannels: [],
				channels: [
					{ id: '1', description: 'Telephony', name: 'Phone call' },
					{ id: '2', description: 'E-mail', name: 'Message' },
				],
				currentQueues: [{ id: '2001', description: 'Q 2001' }],
				addresses: [{ address: '+123', channel: 1, channelName: 'Phone call' }],
			},
		});
		expect((event.user as { workmodes: unknown[] }).workmodes).toHaveLength(4);
	});

	it('subscriptionEnded (the sample spells appIds "applds")', () => {
		expect(readIciEvent(fixture('event.subscriptionEnded.request.xml'))).toEqual({
			event: 'subscriptionEnded',
			appIds: ['1cb65470-a2c1-11da-aa97-001143dc2e6e'],
			reason: {
				id: '1',
				description: 'WicomOII Stop',
				name: 'Shut-down',
				meaning:
					'Contact center shut-down phase. Subscriptions will be lost and resubscriptions are necessary.',
			},
		});
	});

	it('containerChanged', () => {
		expect(readIciEvent(fixture('event.containerChanged.request.xml'))).toEqual({
			event: 'containerChanged',
			appIds: ['string'],
			channelType: 'string',
			channelTypeName: null,
			containerId: 'string',
			containerStatus: { id: 'string', description: 'string' },
		});
	});

	it('phoneCallChanged (dialledNumber), messageChanged, chatChanged, chatNewPosting, actionItemChanged', () => {
		expect(readIciEvent(fixture('event.phoneCallChanged.request.xml'))).toMatchObject({
			event: 'phoneCallChanged',
			appIds: ['string'],
			phoneCall: {
				lineNumber: 'string',
				remoteNumbers: ['string'],
				dialedNumber: 'string',
				inbound: 'boolean',
				...PLACEHOLDER_CAPABILITIES,
			},
		});
		expect(readIciEvent(fixture('event.messageChanged.request.xml'))).toMatchObject({
			event: 'messageChanged',
			appIds: ['string', 'string'],
			message: {
				attachments: ['string', 'string'],
				notification: 'boolean',
				...PLACEHOLDER_CAPABILITIES,
			},
		});
		expect(readIciEvent(fixture('event.chatChanged.request.xml'))).toMatchObject({
			event: 'chatChanged',
			chatSession: {
				chatParticipants: ['string', 'string'],
				chatStatus: { id: 'string', description: 'string' },
			},
		});
		expect(readIciEvent(fixture('event.chatNewPosting.request.xml'))).toEqual({
			event: 'chatNewPosting',
			appIds: ['string', 'string'],
			chatPosting: {
				chatSessionId: 'string',
				postDate: 'string',
				chatParticipant: 'string',
				contentText: 'string',
				systemMessage: 'boolean',
			},
		});
		expect(readIciEvent(fixture('event.actionItemChanged.request.xml'))).toMatchObject({
			event: 'actionItemChanged',
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
		});
	});

	it.each(EVENTS)('the answer to %s is the sample answer', (event) => {
		expect(canonical(readResolved(writeIciEventAnswer(event)))).toEqual(
			canonical(readResolved(fixture(`event.${event}.response.xml`))),
		);
	});

	it('other requests are not events', () => {
		expect(() => readIciEvent(fixture('user.getAttributes.request.xml'))).toThrow(
			'<getAttributes> is not an IciEvent message',
		);
		expect(() => readIciEvent(fixture('fault.iciErrorCodes.xml'))).toThrow(/SOAP Fault/);
	});
});

describe("SAP ICI events — the simulator's event messages", () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));

	it('every event the simulator builds reads back with the decoders', () => {
		const appUrl = 'http://crm.example/events';
		sim.state.subscribe({ kind: 'user', appUrl, appId: 'U', userId: 'HARRI' });
		for (const [channelType, containerId] of [
			['1', '+129'],
			['2', 'harri@contact.example'],
			['3', 'harri.chat@contact.example'],
			['4', 'HARRI'],
		]) {
			sim.state.subscribe({
				kind: 'container',
				appUrl,
				appId: `C${channelType}`,
				channelType,
				containerId,
			});
		}
		const harri = sim.state.findUser('HARRI');
		sim.state.setWorkmode(harri, '2');
		sim.state.setQueues(harri, [
			'2001',
			'support@contact.example',
			'chat@contact.example',
			'ACTION',
		]);
		sim.placeCall({ to: '2001', from: '+3584011' });
		sim.deliverEmail({ to: 'harri@contact.example', from: 'x@y.z', subject: 'S' });
		const chat = sim.deliverChat({ to: 'harri.chat@contact.example', customer: 'c@d.e' });
		sim.postChat(chat.id, 'hello');
		sim.state.route({
			systemId: '',
			client: '',
			requestId: 'R',
			processId: 'P',
			attachedData: '',
			attributes: [{ id: 'SUBJECT', description: 'Subj' }],
			routing: [],
		});
		sim.state.setAddresses(
			harri,
			harri.addresses.filter((a) => a.channel !== '4'),
		);
		sim.endSubscriptions(1);
		const read = sim.events.map((e) => readIciEvent(e.envelope));
		expect(new Set(read.map((e) => e.event))).toEqual(new Set(EVENTS));
		expect(read.find((e) => e.event === 'actionItemChanged')).toMatchObject({
			appIds: ['C4'],
			actionSession: { actionStatus: { name: 'Alerting' }, capabilityList: [1, 2, 3, 6] },
			itemData: {
				requestId: 'R',
				actionItemAttributes: [{ id: 'SUBJECT', description: 'Subj' }],
				attachedDataJson: { actionItemAttributes: { SUBJECT: 'Subj' } },
			},
		});
		expect(read.find((e) => e.event === 'containerChanged')).toEqual({
			event: 'containerChanged',
			appIds: ['C4'],
			channelType: 4,
			channelTypeName: 'Action routing',
			containerId: 'HARRI',
			containerStatus: { id: '3', description: 'Removed', name: 'Removed' },
		});
	});
});
