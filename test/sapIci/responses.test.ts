import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { IciInterfaceKey } from '../../nodes/SapIci/constants';
import { readIciEnvelope, readIciErrorCodes } from '../../nodes/SapIci/envelope';
import { findIciOperation, ICI_OPERATIONS, readIciAnswer } from '../../nodes/SapIci/operations';
import type { ParamReader } from '../../nodes/shared/operations';
import { fixture } from './helpers';

/**
 * Every response sample of chapter 9 fed to the reader gives the expected JSON. The samples carry
 * type placeholders ('string', 'int', 'boolean', 'dateTime'): values that cannot be typed are kept
 * as sent, so the expectations show them unchanged.
 */

function read(file: string, params?: Record<string, unknown>): IDataObject | IDataObject[] {
	const [resource, operation] = file.split('.');
	const def = findIciOperation(resource as IciInterfaceKey, operation)!;
	const message = readIciEnvelope(fixture(file));
	expect(message.name.toLowerCase()).toBe(
		[`${def.operation}Response`, ...(def.responseNames ?? [])]
			.map((n) => n.toLowerCase())
			.find((n) => n === message.name.toLowerCase()),
	);
	const reader: ParamReader | undefined = params
		? {
				itemIndex: 0,
				get: <T>(name: string, fallback?: T) => (name in params ? params[name] : fallback) as T,
				collection: (name: string) => (params[name] as IDataObject) ?? {},
			}
		: undefined;
	return readIciAnswer(def, message.element, reader);
}

const TEXT = { id: 'string', description: 'string' };
const NOT_XML = {
	attachedData: 'string',
	attachedDataJson: null,
	attachedDataError: 'The document is not XML',
};
const PLACEHOLDER_CAPABILITIES = {
	capabilityList: ['int', 'int'],
	capabilities: [{ id: 'int' }, { id: 'int' }],
};

const PHONE_CALL = {
	lineNumber: 'string',
	callHandle: 'string',
	processingStatus: TEXT,
	remoteNumbers: ['string', 'string'],
	dialedNumber: 'string',
	callStatus: TEXT,
	...PLACEHOLDER_CAPABILITIES,
	inbound: 'boolean',
	internal: 'boolean',
	...NOT_XML,
	trunkId: 'string',
};

const MESSAGE = {
	folder: 'string',
	subject: 'string',
	messageId: 'string',
	processingStatus: TEXT,
	originator: 'string',
	messageText: 'string',
	attachments: ['string', 'string'],
	messageStatus: TEXT,
	...PLACEHOLDER_CAPABILITIES,
	...NOT_XML,
	originalMessageId: 'string',
	notification: 'boolean',
	read: 'boolean',
	answered: 'boolean',
	forwarded: 'boolean',
};

const CHAT_SESSION = {
	title: 'string',
	chatLineId: 'string',
	chatSessionId: 'string',
	processingStatus: TEXT,
	...PLACEHOLDER_CAPABILITIES,
	...NOT_XML,
	chatStatus: TEXT,
	chatParticipants: ['string', 'string'],
};

const CHAT_POSTING = {
	chatSessionId: 'string',
	postDate: 'string',
	chatParticipant: 'string',
	contentText: 'string',
	systemMessage: 'boolean',
};

const QUEUE_INFO = Object.fromEntries(
	[
		'id',
		'description',
		'guid',
		'loggedIn',
		'ready',
		'pending',
		'open',
		'avgWaitingTime',
		'maxWaitingTime',
		'busy',
		'wrapUp',
		'notReady',
		'paused',
	].map((k) => [k, 'string']),
);

const CALL_RECORDING = {
	callHandle: 'string',
	userId: 'string',
	creationTime: 'dateTime',
	startTime: 'dateTime',
	endTime: 'dateTime',
	source: 'string',
	destination: 'string',
	fileName: 'string',
};

const CALLBACK = {
	id: 'string',
	number: 'string',
	// Fields of the OII's WSDL the sample does not show: always in the output, null when not sent.
	queueGuid: null,
	queueNumber: 'string',
	queueName: null,
	handledTime: 'dateTime',
	lastCallTime: 'dateTime',
	nextCallTime: 'dateTime',
	failures: 'int',
	maxCalls: 'int',
	lastResult: 'string',
	lastResultName: null,
	extraData: 'string',
	extraDataJson: null,
	extraDataError: 'The document is not XML',
	notes: 'string',
	gwPrefix: 'string',
};

const workmode = (id: string, description: string, extra: IDataObject = {}) => ({
	id,
	description,
	name: description,
	...extra,
});

const EXPECTED: Record<string, unknown> = {
	'system.exchangeProductInformation.response.xml': {
		message: null,
		productName: 'WicomOII',
		iciMessageGroups: ['IciGroupBasic', 'IciGroupUser', 'IciGroupTelephony', 'IciGroupMessaging'],
		productVersion: '1.0.2214.21309',
		iciVersion: '3.00',
	},
	'system.getWorkcenterCapability.response.xml': {
		types: 'string',
		workcenterList: 'boolean',
		filter: 'boolean',
	},
	'system.getPresenceQueueInfo.response.xml': {
		groupInfo: [
			{ ...TEXT, parentId: 'string', queuesId: [] },
			{ ...TEXT, parentId: 'string', queuesId: [] },
		],
		queueInfo: [QUEUE_INFO, QUEUE_INFO],
	},
	'system.getUserPresence.response.xml': [1, 2].map(() => ({
		user: 'string',
		presenceStatus: 'string',
		presenceStatusName: null,
		presenceDescription: 'string',
		collaborationData: [null, null],
	})),
	'system.getCallRecordings.response.xml': [CALL_RECORDING, CALL_RECORDING],
	'system.createCallBack.response.xml': { id: 'string', created: true },
	'system.updateCallBack.response.xml': { success: true },
	'system.getCallBacks.response.xml': [CALLBACK, CALLBACK],
	'user.getAttributes.response.xml': {
		userId: 'HARRI',
		currentWorkmode: workmode('1', 'Logged off'),
		workmodes: [
			workmode('1', 'Logged off'),
			workmode('2', 'Logged on - ready'),
			workmode('3', 'Logged on - not ready'),
			workmode('1000', 'No Phone', { meaning: 'Treated as "Logged on - not ready"' }),
		],
		wrapUpMode: 1,
		wrapUpModeName: 'Automatic wrap up status',
		currentChannels: [],
		channels: [{ id: '1', description: 'Telephony', name: 'Phone call' }],
		currentQueues: [
			{ id: '2001', description: 'Q 2001' },
			{ id: '2003', description: 'Q 2003' },
		],
		queues: [
			{ id: '2001', description: 'Q 2001' },
			{ id: '2002', description: 'Q 2002' },
			{ id: '2003', description: 'Q 2003' },
		],
		addresses: [{ address: '+129', channel: 1, channelName: 'Phone call' }],
		cmsHostId: 'BA48C51B1B9249F6A56C4E6ADFFC2E3F',
	},
	'item.create.response.xml': {
		status: {
			id: '1',
			description: 'created',
			name: 'Created',
			meaning: 'Initial outbound call created by an ICI application with IciItem_create',
		},
		itemId: 'A163FDACEE7A476BAB59E15C81B6D4F2',
		processingStatus: { id: '1', description: 'not in process', name: 'Not in process' },
		capabilityList: [6, 7, 8, 101, 102, 103],
		capabilities: [
			{ id: 6, capability: 'Get attached data', method: 'IciItem_getAttachedData' },
			{ id: 7, capability: 'Set attached data', method: 'IciItem_setAttachedData' },
			{ id: 8, capability: 'Delete attached data', method: 'IciItem_deleteAttachedData' },
			{ id: 101, capability: 'Dial (outbound call)', method: 'IciPhoneCall_dial' },
			{ id: 102, capability: 'Disconnect a call', method: 'IciPhoneCall_drop' },
			{ id: 103, capability: 'Create a consultation call', method: 'IciPhoneCall_consult' },
		],
	},
	'item.getAttachedData.response.xml': {
		attachedData: 'XML',
		attachedDataJson: null,
		attachedDataError: 'The document is not XML',
	},
	'phoneLine.getCalls.response.xml': [PHONE_CALL],
	'phoneCall.getAttributes.response.xml': PHONE_CALL,
	'phoneCall.dial.response.xml': { dialedNumber: '+130' },
	'folder.getMessages.response.xml': [MESSAGE],
	'message.getAttributes.response.xml': MESSAGE,
	'message.getContent.response.xml': { content: 'string' },
	'chatLine.getSessions.response.xml': [CHAT_SESSION, CHAT_SESSION],
	'chatSession.getAttributes.response.xml': CHAT_SESSION,
	'chatSession.getDialog.response.xml': [CHAT_POSTING, CHAT_POSTING],
	'actionItem.route.response.xml': { actionItemId: 'string' },
};

const RESPONSE_FILES = readdirSync(path.join(__dirname, '..', 'fixtures', 'sapIci')).filter(
	(f) => f.endsWith('.response.xml') && !f.startsWith('event.'),
);

describe('SAP ICI reader — the chapter-9 response samples', () => {
	it('there is a response sample for every operation except end', () => {
		const files = new Set(RESPONSE_FILES.map((f) => f.split('.').slice(0, 2).join('.')));
		expect(
			ICI_OPERATIONS.map((d) => `${d.resource}.${d.operation}`).filter((op) => !files.has(op)),
		).toEqual(['message.end']);
		expect(RESPONSE_FILES).toHaveLength(53);
	});

	it.each(RESPONSE_FILES)('%s', (file) => {
		expect(read(file)).toEqual(EXPECTED[file] ?? { success: true });
	});

	it('answers without data echo the identifying parameters', () => {
		expect(read('phoneCall.hold.response.xml', { lineNumber: '+129', callHandle: 'ABC' })).toEqual({
			success: true,
			lineNumber: '+129',
			callHandle: 'ABC',
		});
		expect(
			read('message.setContent.response.xml', {
				messageId: 'M1',
				content: 'From: a\r\n\r\nlong text',
			}),
		).toEqual({
			success: true,
			messageId: 'M1',
		});
	});

	it('the Item answer of create is decoded with the tables of the channel asked for', () => {
		const message = read('item.create.response.xml', {
			channelType: '2',
			containerId: 'x',
		}) as IDataObject;
		expect(message.status).toEqual({
			id: '1',
			description: 'created',
			name: 'Created',
			meaning: 'Initial message created by an ICI application with IciItem_create',
		});
		expect((message.capabilities as IDataObject[]).map((c) => c.id)).toEqual([
			6, 7, 8, 101, 102, 103,
		]);
		expect((message.capabilities as IDataObject[])[3]).toEqual({ id: 101 });
	});

	it('the fault sample of chapter 1.2 gives its four ICI error fields', () => {
		const message = readIciEnvelope(fixture('fault.iciErrorCodes.xml'));
		expect(message.fault).toMatchObject({
			faultcode: 'SOAP-ENV:Client',
			faultstring: 'com.sap.bcb.common.S SoapException',
		});
		expect(readIciErrorCodes(message.fault!)).toEqual({
			areaCode: 5,
			errorCode: 2,
			errorText: 'SAP BCB:Other characters than +1234567890 in phone\nnumber',
			errorRetry: false,
		});
	});
});
