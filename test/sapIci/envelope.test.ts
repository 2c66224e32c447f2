import type { INodeParameters } from 'n8n-workflow';

import { readIciHeader, readResolved } from '../../simulators/oii/wire';
import { findIciOperation, ICI_OPERATIONS } from '../../nodes/SapIci/operations';
import type { IciInterfaceKey } from '../../nodes/SapIci/constants';
import type { OiiSimulator } from '../../simulators/oii';
import {
	bodyElement,
	canonical,
	credentialsFor,
	fixture,
	runIci,
	startSim,
	stopSim,
	type Canonical,
} from './helpers';

/**
 * For every request sample of chapter 9 the node's envelope is compared with the sample: the
 * namespace-resolved element tree (names, namespaces, order, text, xsi:nil), the SOAP header and
 * the SOAPAction of the routing table of chapter 7.1.
 */

/** Chapter 7.1, as printed (kept apart from the node's constants on purpose). */
const SOAP_ACTIONS: Record<IciInterfaceKey, string> = {
	system: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciSystemBean"',
	user: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciUserBean"',
	container: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciContainerBean"',
	item: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciItemBean"',
	phoneLine: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciPhoneLineBean"',
	phoneCall: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciPhoneCallBean"',
	folder: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciFolderBean"',
	message: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciMessageBean"',
	chatLine: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciChatLineBean"',
	chatSession: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciChatSessionBean"',
	actionItem: '"http://inqmy.com/soapdispatcher/rpc/bcbici/IciActionItemBean"',
};

interface Sample {
	/** Fixture file. */
	file: string;
	parameters: INodeParameters;
	/** Sample placeholders ('string', 'int', 'boolean') the node cannot send, by element name. */
	replace?: Record<string, string>;
	/** The sample spells the body element differently from the request name. */
	sampleElement?: string;
	/**
	 * The OII's IciSystemService WSDL declares another form than the sample: the SOAP headers and
	 * the body's children in urn:IciSystemInterface. The node sends the WSDL's form.
	 */
	wsdlForm?: boolean;
}

const SYSTEM_NS = 'urn:IciSystemInterface';

/** The sample in the form the WSDL declares: header entries and unqualified body children moved into urn:IciSystemInterface. */
function inWsdlForm(tree: Canonical): Canonical {
	const local = (name: string) => name.slice(name.indexOf('}') + 1);
	return {
		...tree,
		children: tree.children!.map((part) => {
			if (part.name.endsWith('}Header')) {
				return {
					...part,
					children: part.children!.map((entry) => ({
						...entry,
						name: `{${SYSTEM_NS}}${local(entry.name)}`,
					})),
				};
			}
			const [operation] = part.children!;
			const children = operation.children?.map((c) =>
				c.name.startsWith('{}') ? { ...c, name: `{${SYSTEM_NS}}${local(c.name)}` } : c,
			);
			return { ...part, children: [{ ...operation, ...(children ? { children } : {}) }] };
		}),
	};
}

const HANDLE = 'A163FDACEE7A476BAB59E15C81B6D4F2';
const APP_URL = 'http://ip:50000/IciEventService/IciEventConf?style=document';
const S = 'string';
const attribute = (name: string, value: string) => ({ name: 'custom', customName: name, value });

const SAMPLES: Sample[] = [
	{
		file: 'system.exchangeProductInformation.request.xml',
		parameters: { resource: 'system', operation: 'exchangeProductInformation', iciVersion: '3.00' },
		wsdlForm: true,
	},
	{
		file: 'system.getWorkcenterCapability.request.xml',
		parameters: { resource: 'system', operation: 'getWorkcenterCapability', userId: S },
		wsdlForm: true,
	},
	{
		file: 'system.getPresenceQueueInfo.request.xml',
		parameters: {
			resource: 'system',
			operation: 'getPresenceQueueInfo',
			userId: S,
			channelType: '1',
		},
		replace: { channelType: '1' },
	},
	{
		file: 'system.getUserPresence.request.xml',
		parameters: {
			resource: 'system',
			operation: 'getUserPresence',
			additionalFields: { users: [S, S], searchterm: S, maxhits: 50 },
		},
		replace: { maxhits: '50' },
	},
	{
		file: 'system.getCallRecordings.request.xml',
		parameters: {
			resource: 'system',
			operation: 'getCallRecordings',
			additionalFields: {
				callHandle: S,
				userId: S,
				dateTimeFrom: S,
				dateTimeTo: S,
				filePath: S,
				fileName: S,
				maxhits: 10,
			},
		},
		replace: { maxhits: '10' },
	},
	{
		file: 'system.createCallBack.request.xml',
		parameters: {
			resource: 'system',
			operation: 'createCallBack',
			number: S,
			queue: S,
			additionalFields: {
				callTime: S,
				extraDataXml: '<XML><Foo>Bar</Foo></XML>',
				gwPrefix: S,
				notes: S,
			},
		},
		replace: { extraData: '<XML><Foo>Bar</Foo></XML>' },
		sampleElement: 'createCallback',
	},
	{
		file: 'system.updateCallBack.request.xml',
		parameters: {
			resource: 'system',
			operation: 'updateCallBack',
			id: S,
			result: 'SUCCESSFUL',
			additionalFields: { notes: S },
		},
		replace: { result: 'SUCCESSFUL' },
	},
	{
		file: 'system.getCallBacks.request.xml',
		parameters: { resource: 'system', operation: 'getCallBacks' },
		sampleElement: 'getCallbacks',
	},
	{
		file: 'user.getAttributes.request.xml',
		parameters: { resource: 'user', operation: 'getAttributes', userId: S },
	},
	{
		file: 'user.setCurrentWorkmode.request.xml',
		parameters: {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '1',
		},
	},
	{
		file: 'user.setCurrentChannels.request.xml',
		parameters: {
			resource: 'user',
			operation: 'setCurrentChannels',
			userId: 'HARRI',
			channels: ['1'],
		},
	},
	{
		file: 'user.setCurrentQueues.request.xml',
		parameters: {
			resource: 'user',
			operation: 'setCurrentQueues',
			userId: 'HARRI',
			queues: ['2001', '2003'],
		},
	},
	{
		file: 'user.setAddresses.request.xml',
		parameters: {
			resource: 'user',
			operation: 'setAddresses',
			userId: 'HARRI',
			addresses: {
				address: [
					{ address: '+123', channel: '1' },
					{ address: 'name@domain.com', channel: '2' },
				],
			},
		},
	},
	{
		file: 'user.subscribe.request.xml',
		parameters: {
			resource: 'user',
			operation: 'subscribe',
			appUrl: APP_URL,
			appId: 'lcb65470-a2c1-11da-aa97-001143dc2e6e',
			userId: 'HARRI',
		},
	},
	{
		file: 'user.unsubscribe.request.xml',
		parameters: {
			resource: 'user',
			operation: 'unsubscribe',
			appUrl: APP_URL,
			appId: '1cb65470-a2c1-11da-aa97-001143dc2e6e',
		},
	},
	{
		file: 'item.create.request.xml',
		parameters: { resource: 'item', operation: 'create', channelType: '1', containerId: '+129' },
	},
	{
		file: 'item.wrapUpRequired.request.xml',
		parameters: { resource: 'item', operation: 'wrapUpRequired', itemId: HANDLE },
	},
	{
		file: 'item.wrapUpEnded.request.xml',
		parameters: { resource: 'item', operation: 'wrapUpEnded', itemId: HANDLE },
	},
	{
		file: 'item.accept.request.xml',
		parameters: { resource: 'item', operation: 'accept', itemId: HANDLE, containerId: '+129' },
	},
	{
		file: 'item.reroute.request.xml',
		parameters: { resource: 'item', operation: 'reroute', itemId: HANDLE, containerId: '+129' },
	},
	{
		file: 'item.forward.request.xml',
		parameters: {
			resource: 'item',
			operation: 'forward',
			itemId: HANDLE,
			containerId: '+129',
			destType: '1',
			destination: '+130',
		},
	},
	{
		file: 'item.getAttachedData.request.xml',
		parameters: { resource: 'item', operation: 'getAttachedData', itemId: HANDLE },
	},
	{
		file: 'item.setAttachedData.request.xml',
		parameters: {
			resource: 'item',
			operation: 'setAttachedData',
			itemId: HANDLE,
			attachedDataFormat: 'xml',
			attachedData: '<ItemAttachedData/>',
		},
		replace: { attachedData: '<ItemAttachedData/>' },
	},
	{
		file: 'item.deleteAttachedData.request.xml',
		parameters: { resource: 'item', operation: 'deleteAttachedData', itemId: HANDLE },
	},
	{
		file: 'container.subscribe.request.xml',
		parameters: {
			resource: 'container',
			operation: 'subscribe',
			appUrl: APP_URL,
			appId: '1cb65470-a2c1-11da-aa97-001143dc2e6e',
			channelType: '1',
			containerId: '+129',
		},
	},
	{
		file: 'container.unsubscribe.request.xml',
		parameters: {
			resource: 'container',
			operation: 'unsubscribe',
			appUrl: APP_URL,
			appId: '1cb65470-a2c1-11da-aa97-001143dc2e6e',
		},
	},
	{
		file: 'phoneLine.getCalls.request.xml',
		parameters: { resource: 'phoneLine', operation: 'getCalls', lineNumber: '+129' },
	},
	{
		file: 'phoneLine.dropCalls.request.xml',
		parameters: { resource: 'phoneLine', operation: 'dropCalls', lineNumber: '+129' },
	},
	{
		file: 'phoneCall.getAttributes.request.xml',
		parameters: {
			resource: 'phoneCall',
			operation: 'getAttributes',
			lineNumber: '+129',
			callHandle: HANDLE,
		},
	},
	{
		file: 'phoneCall.dial.request.xml',
		parameters: {
			resource: 'phoneCall',
			operation: 'dial',
			lineNumber: '+129',
			callHandle: HANDLE,
			dialNumber: '+130',
		},
	},
	{
		file: 'phoneCall.consult.request.xml',
		parameters: {
			resource: 'phoneCall',
			operation: 'consult',
			lineNumber: S,
			callHandle: S,
			connCallHandle: S,
			dialNumber: S,
			nextStep: '4',
		},
		replace: { nextStep: '4' },
	},
	...(['transfer', 'reconnect', 'alternate', 'conference'] as const).map(
		(operation): Sample => ({
			file: `phoneCall.${operation}.request.xml`,
			parameters: {
				resource: 'phoneCall',
				operation,
				lineNumber: S,
				connCallHandle: S,
				heldCallHandle: S,
			},
		}),
	),
	...(['drop', 'hold', 'unhold'] as const).map(
		(operation): Sample => ({
			file: `phoneCall.${operation}.request.xml`,
			parameters: { resource: 'phoneCall', operation, lineNumber: S, callHandle: S },
		}),
	),
	{
		file: 'phoneCall.dropParty.request.xml',
		parameters: {
			resource: 'phoneCall',
			operation: 'dropParty',
			lineNumber: S,
			remoteNumber: S,
			callHandle: S,
		},
	},
	{
		file: 'folder.getMessages.request.xml',
		parameters: { resource: 'folder', operation: 'getMessages', folder: S },
	},
	...(['getAttributes', 'getContent', 'delete'] as const).map(
		(operation): Sample => ({
			file: `message.${operation}.request.xml`,
			parameters: { resource: 'message', operation, messageId: S },
		}),
	),
	{
		file: 'message.setContent.request.xml',
		parameters: { resource: 'message', operation: 'setContent', messageId: S, content: S },
	},
	{
		file: 'message.send.request.xml',
		parameters: {
			resource: 'message',
			operation: 'send',
			messageId: S,
			requestSuccessNotification: true,
			requestFailureNotification: false,
		},
		replace: { requestSuccessNotification: 'true', requestFailureNotification: 'false' },
	},
	{
		file: 'message.setActionFlags.request.xml',
		parameters: {
			resource: 'message',
			operation: 'setActionFlags',
			messageId: S,
			read: true,
			answered: false,
			forwarded: true,
		},
		replace: { read: 'true', answered: 'false', forwarded: 'true' },
	},
	{
		file: 'chatLine.getSessions.request.xml',
		parameters: { resource: 'chatLine', operation: 'getSessions', chatLineId: S },
		sampleElement: 'getSession',
	},
	{
		file: 'chatSession.getAttributes.request.xml',
		parameters: {
			resource: 'chatSession',
			operation: 'getAttributes',
			chatSessionId: S,
			chatLineId: S,
		},
	},
	{
		file: 'chatSession.invite.request.xml',
		parameters: {
			resource: 'chatSession',
			operation: 'invite',
			chatSessionId: S,
			chatLineId: S,
			chatParticipants: [S, S],
			additionalFields: { title: S },
		},
	},
	{
		file: 'chatSession.leave.request.xml',
		parameters: { resource: 'chatSession', operation: 'leave', chatSessionId: S, chatLineId: S },
	},
	{
		file: 'chatSession.getDialog.request.xml',
		parameters: { resource: 'chatSession', operation: 'getDialog', chatSessionId: S },
	},
	{
		file: 'chatSession.postMessage.request.xml',
		parameters: {
			resource: 'chatSession',
			operation: 'postMessage',
			chatSessionId: S,
			chatLineId: S,
			contentText: S,
		},
	},
	{
		file: 'actionItem.route.request.xml',
		parameters: {
			resource: 'actionItem',
			operation: 'route',
			additionalFields: { actionItemId: S, scenarioId: S },
			itemDataFields: {
				systemId: S,
				client: S,
				requestId: S,
				processId: S,
				actionItemId: S,
				actionItemInboxId: S,
				attachedData: S,
				capabilityList: '7, 7',
				processingStatusId: S,
				processingStatusDescription: S,
				actionItemStatusId: S,
				actionItemStatusDescription: S,
			},
			actionItemAttributes: { attribute: [attribute(S, S), attribute(S, S)] },
			routingAttributes: { attribute: [attribute(S, S), attribute(S, S)] },
		},
		replace: { item: '7' },
	},
	{
		file: 'actionItem.route.crm-sample.request.xml',
		parameters: {
			resource: 'actionItem',
			operation: 'route',
			itemDataFields: { requestId: '000001210200', processId: 'FOL2900000000004RAW3300000002161' },
			actionItemAttributes: {
				attribute: [
					{ name: 'SUBJECT', value: 'Action item test' },
					attribute('SUBJECT_CHARSET', ''),
					attribute('SEND_DATE', '20080205111703 '),
					attribute('SENSITIVITY', ''),
					attribute('IMPORTANCE', ''),
					attribute('MAIL_ID', '2F6364050219C044A1303605B782EB5D05DE72F7@uspale20.pal.sap.corp'),
					attribute('FROM_NAME', 'Thambala, Sudhir'),
					{ name: 'FROM_ADDRESS', value: 'sudhir.thambala@sap.com' },
					attribute('TO_NAME', 'ERMS@506.Q7D.R3.SAP-AG.DE'),
					{ name: 'TO_ADDRESS', value: 'ERMS@506.Q7D.R3.SAP-AG.DE' },
				],
			},
			routingAttributes: {},
		},
	},
];

describe('SAP ICI node — request envelopes against the chapter-9 samples', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

	it('there is a sample test for every operation with a request sample (end has none)', () => {
		const tested = new Set(
			SAMPLES.map((s) => `${String(s.parameters.resource)}.${String(s.parameters.operation)}`),
		);
		const untested = ICI_OPERATIONS.map((d) => `${d.resource}.${d.operation}`).filter(
			(op) => !tested.has(op),
		);
		expect(untested).toEqual(['message.end']);
	});

	it.each(SAMPLES.map((s) => [s.file, s] as const))('%s', async (_file, sample) => {
		const xml = fixture(sample.file);
		const header = readIciHeader(xml);
		const result = await runIci(sim, sample.parameters, {
			continueOnFail: true,
			credentials: credentialsFor(sim, {
				language: header.language ?? '',
				user: header.user ?? '',
			}),
		});
		expect(result.error).toBeUndefined();
		const requests = sim.requests.filter((r) => r.path === '/OII/OII.asmx');
		expect(requests).toHaveLength(1);
		const sent = requests[0];
		const resource = sample.parameters.resource as IciInterfaceKey;
		expect(sent.headers.soapaction).toBe(SOAP_ACTIONS[resource]);
		expect(sent.headers['content-type']).toBe('text/xml; charset=utf-8');

		const printed = canonical(readResolved(xml), sample.replace);
		const expected = sample.wsdlForm ? inWsdlForm(printed) : printed;
		if (sample.wsdlForm) expect(expected).not.toEqual(printed);
		const actual = canonical(readResolved(sent.body));
		if (sample.sampleElement) {
			const def = findIciOperation(resource, String(sample.parameters.operation))!;
			expect(bodyElement(expected).name.endsWith(`}${sample.sampleElement}`)).toBe(true);
			expect(def.requestAliases).toContain(sample.sampleElement);
			bodyElement(expected).name = bodyElement(actual).name;
		}
		expect(actual).toEqual(expected);
	});

	it('without language and user in the credential no SOAP header is sent', async () => {
		await runIci(sim, { resource: 'phoneLine', operation: 'getCalls', lineNumber: '+129' });
		const tree = readResolved(sim.requests[0].body);
		expect(tree.children.map((c) => c.name)).toEqual(['Body']);
	});

	it('createCallBack sends the optional elements as xsi:nil when they are not set', async () => {
		await runIci(sim, {
			resource: 'system',
			operation: 'createCallBack',
			number: '+3581234',
			queue: '600',
		});
		const body = bodyElement(canonical(readResolved(sim.requests[0].body)));
		expect(body.children).toEqual([
			{ name: '{urn:IciSystemInterface}number', text: '+3581234' },
			{ name: '{urn:IciSystemInterface}queue', text: '600' },
			{ name: '{urn:IciSystemInterface}callTime', nil: 'true', text: '' },
			{ name: '{urn:IciSystemInterface}extraData', nil: 'true', text: '' },
			{ name: '{urn:IciSystemInterface}gwPrefix', nil: 'true', text: '' },
			{ name: '{urn:IciSystemInterface}notes', nil: 'true', text: '' },
		]);
	});

	it('getUserPresence, getCallRecordings and updateCallBack send the elements the WSDL requires as xsi:nil when not set', async () => {
		const nil = (name: string) => ({
			name: `{urn:IciSystemInterface}${name}`,
			nil: 'true',
			text: '',
		});
		const sent = async (parameters: INodeParameters) => {
			sim.reset();
			await runIci(sim, parameters, { continueOnFail: true });
			return bodyElement(canonical(readResolved(sim.requests[0].body))).children;
		};
		expect(
			await sent({
				resource: 'system',
				operation: 'getUserPresence',
				additionalFields: { users: ['HARRI'] },
			}),
		).toEqual([
			{
				name: '{urn:IciSystemInterface}users',
				children: [{ name: '{urn:IciSystemInterface}Item', text: 'HARRI' }],
			},
			nil('searchterm'),
			nil('maxhits'),
		]);
		expect(
			await sent({
				resource: 'system',
				operation: 'getCallRecordings',
				additionalFields: { userId: 'HARRI' },
			}),
		).toEqual([
			nil('callHandle'),
			{ name: '{urn:IciSystemInterface}userId', text: 'HARRI' },
			nil('dateTimeFrom'),
			nil('dateTimeTo'),
			nil('filePath'),
			nil('fileName'),
			nil('maxhits'),
		]);
		expect(
			await sent({ resource: 'system', operation: 'updateCallBack', id: 'X', result: 'BUSY' }),
		).toEqual([
			{ name: '{urn:IciSystemInterface}id', text: 'X' },
			{ name: '{urn:IciSystemInterface}result', text: 'BUSY' },
			nil('notes'),
		]);
		// The filters of getCallBacks and getPresenceQueueInfo are optional: only those given are sent.
		expect(await sent({ resource: 'system', operation: 'getCallBacks' })).toBeUndefined();
		expect(
			await sent({
				resource: 'system',
				operation: 'getCallBacks',
				additionalFields: { queueNumber: '600', id: 'I' },
			}),
		).toEqual([
			{ name: '{urn:IciSystemInterface}id', text: 'I' },
			{ name: '{urn:IciSystemInterface}queueNumber', text: '600' },
		]);
		expect(
			await sent({
				resource: 'system',
				operation: 'getPresenceQueueInfo',
				userId: 'HARRI',
				channelType: '2',
				additionalFields: { queueName: 'Q', queueGuid: 'G' },
			}),
		).toEqual([
			{ name: '{urn:IciUserInterface}userId', text: 'HARRI' },
			{ name: '{urn:IciSystemInterface}channelType', text: '2' },
			{ name: '{urn:IciSystemInterface}queueGuid', text: 'G' },
			{ name: '{urn:IciSystemInterface}queueName', text: 'Q' },
		]);
	});

	it('message end is built like its siblings: messageId in the IciMessage namespace', async () => {
		await runIci(
			sim,
			{ resource: 'message', operation: 'end', messageId: HANDLE },
			{ continueOnFail: true },
		);
		const sent = sim.requests[0];
		expect(sent.headers.soapaction).toBe(SOAP_ACTIONS.message);
		expect(bodyElement(canonical(readResolved(sent.body)))).toEqual({
			name: '{urn:IciMessageInterface}end',
			children: [{ name: '{urn:IciMessageInterface}messageId', text: HANDLE }],
		});
	});

	it('text is escaped and comes back identical', async () => {
		const content = 'Subject: <&> "quoted" \'x\'\r\n\r\nBody ünïcödé & more';
		await runIci(
			sim,
			{ resource: 'message', operation: 'setContent', messageId: HANDLE, content },
			{ continueOnFail: true },
		);
		const tree = readResolved(sim.requests[0].body);
		const body = tree.children.find((c) => c.name === 'Body')!.children[0];
		expect(body.children[1].text).toBe(content);
	});
});
