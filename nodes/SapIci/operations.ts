import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { invalidInput, type OperationDeclaration, type ParamReader } from '../shared/operations';
import type { SoapMessage } from '../shared/transport/soap';
import {
	childNames,
	describeIllegalXmlCharacter,
	escapeXml,
	findIllegalXmlCharacter,
	parseXml,
	rootOf,
	setOwn,
	TEXT_KEY,
	XmlCharacterError,
	type XmlElement,
	type XmlValue,
} from '../shared/xml';
import {
	CALLBACK_EXTRA_DATA_ROOT,
	CMS_PING_VALUE,
	DEFAULT_ICI_VERSION,
	DEFAULT_USER_PRESENCE_MAX_HITS,
	ICI_INTERFACE_ORDER,
	ICI_INTERFACES,
	type ChildForm,
	type IciInterface,
	type IciInterfaceKey,
} from './constants';
import type { IciCall } from './client';
import type { BodyChild } from './envelope';
import {
	arrayEntries,
	checkXmlName,
	childOf,
	decodeElement,
	genericJson,
	isNil,
	readAttachedData,
	writeAttachedData,
	XSI_NIL,
	type DecodeContext,
	type ElementName,
} from './elements';
import {
	ACTION_ITEM_ROUTING_ATTRIBUTES,
	CALLBACK_RESULTS,
	CHANNEL_TYPES,
	CONSULT_NEXT_STEPS,
	DESTINATION_TYPES,
	USER_CHANNELS,
	WORKMODES,
	type CodeTable,
} from './tables';

/**
 * Every ICI operation OII serves, declared once as data (chapter 9): interface, body element,
 * request elements with their types, and the shape of the answer. The node's parameters, the
 * request envelope and the reading of the answer are derived from this table, and the simulator
 * routes requests with it.
 */

// ---------------------------------------------------------------------------------------------
// Table types

export type ParamKind =
	/** Text, trimmed. */
	| 'string'
	/** Free text, sent exactly as given (notes, content, chat text, XML). */
	| 'text'
	/** A whole number. */
	| 'int'
	| 'boolean'
	/** One of the documented codes. */
	| 'options'
	/** String[] as `<item>` (or `<Item>`) children. */
	| 'stringList'
	/** Address[] (address + channel pairs). */
	| 'addresses'
	/** Item attached data: XML as given, or built from JSON per Application id. */
	| 'attachedData'
	/** createCallBack extraData: skills, priority and any key, or XML as given. */
	| 'callbackExtraData'
	/** IciUser.getAttributes cmsPing: 'TRUE' when switched on. */
	| 'cmsPing'
	/** IciActionItem.route itemData (ActionItem element). */
	| 'itemData'
	/** Attribute[] of chapter 7.3 (routingAttributes). */
	| 'attributes';

export interface ParamDef {
	/** Element name on the wire, also the n8n parameter name. */
	name: string;
	kind: ParamKind;
	displayName: string;
	description: string;
	/** Top-level field that must be filled; otherwise it is an optional field of the operation. */
	required?: boolean;
	/** Codes for 'options'. */
	options?: CodeTable;
	default?: string | number | boolean;
	placeholder?: string;
	/** Array entry element name (default `item`). */
	itemTag?: string;
	/** Namespace of this element when the sample qualifies it differently from its siblings. */
	namespace?: string;
	/** What an empty optional element becomes: left out (default), sent empty, or xsi:nil. */
	whenEmpty?: 'omit' | 'empty' | 'nil';
	/** Echoed in the output of operations that answer nothing. */
	key?: boolean;
}

export type ResponseDef =
	| { kind: 'void' }
	/** One element of the schema in `<response>`. */
	| { kind: 'element'; element: ElementName }
	/** A list of elements (`<item>` children) in `<response>`: one output item each. */
	| { kind: 'list'; element: ElementName }
	/** A string in `<response>`, output under `field`. */
	| { kind: 'string'; field: string; attachedData?: boolean }
	/** createCallBack: the new callback's GUID, or nil when one already exists. */
	| { kind: 'callbackId' };

export interface IciOperationDef {
	resource: IciInterfaceKey;
	/** Body element name (the operation as OII names it) and n8n operation value. */
	operation: string;
	displayName?: string;
	action: string;
	description: string;
	params: ParamDef[];
	response: ResponseDef;
	/** Qualification of the children when it differs from the interface's. */
	childForm?: ChildForm;
	/** Other names the answer element may have. */
	responseNames?: string[];
	/** Other names the request element may have (accepted by the simulator). */
	requestAliases?: string[];
	/** Label of the collection holding the optional fields. */
	optionalLabel?: string;
	/** Channel type for decoding the answer: a parameter name, or a fixed value. */
	channelFrom?: { param: string } | { value: string };
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const p = (name: string, kind: ParamKind, displayName: string, description: string, extra: Partial<ParamDef> = {}): ParamDef => ({
	name,
	kind,
	displayName,
	description,
	...extra,
});

const req = (name: string, displayName: string, description: string, extra: Partial<ParamDef> = {}): ParamDef =>
	p(name, 'string', displayName, description, { required: true, key: true, ...extra });

const USER_ID = req('userId', 'User ID', 'The user (login name in the contact center, not case-sensitive)', { placeholder: 'HARRI' });
const ITEM_ID = req('itemId', 'Item ID', 'ID of the item (call handle, message ID, chat session ID or action item ID)', { placeholder: 'A163FDACEE7A476BAB59E15C81B6D4F2' });
const CONTAINER_ID = req('containerId', 'Container ID', 'The container of the item: phone line number, folder name, chat line or action item inbox', { placeholder: '+129' });
const LINE_NUMBER = req('lineNumber', 'Line Number', 'The phone line (container ID), e.g. the agent\'s extension', { placeholder: '+129' });
const CALL_HANDLE = req('callHandle', 'Call Handle', 'The call (item ID)', { placeholder: 'A163FDACEE7A476BAB59E15C81B6D4F2' });
const CONN_CALL = req('connCallHandle', 'Connected Call Handle', 'The connected call');
const HELD_CALL = req('heldCallHandle', 'Held Call Handle', 'The held call');
const MESSAGE_ID = req('messageId', 'Message ID', 'The message (item ID)');
const CHAT_SESSION_ID = req('chatSessionId', 'Chat Session ID', 'The chat session (item ID)');
const CHAT_LINE_ID = req('chatLineId', 'Chat Line ID', 'The chat line (container ID): the agent\'s chat address', { placeholder: 'harri.chat@contact.example' });
const APP_URL = req('appUrl', 'Application URL', 'Address of the SOAP entry point the events are sent to; with the application ID it is the subscription key', { placeholder: 'http://sapserver:80/soapdispatcher' });
const APP_ID = req('appId', 'Application ID', 'Identifies the subscribing application instance');
const CHANNEL_TYPE = (description: string): ParamDef =>
	p('channelType', 'options', 'Channel Type', description, { required: true, options: CHANNEL_TYPES, default: '1', key: true });

const connHeld = [LINE_NUMBER, CONN_CALL, HELD_CALL];
const VOID = { kind: 'void' } as const;

// ---------------------------------------------------------------------------------------------
// The operations (chapter 9, in its order)

export const ICI_OPERATIONS: IciOperationDef[] = [
	// 9.1 IciSystem
	{
		resource: 'system',
		operation: 'exchangeProductInformation',
		action: 'Exchange product information',
		description: 'Tell OII the ICI version and get the product name, version and supported ICI groups',
		params: [req('iciVersion', 'ICI Version', 'ICI version of the SAP system', { default: DEFAULT_ICI_VERSION, key: false })],
		response: { kind: 'element', element: 'ProductInformation' },
	},
	{
		resource: 'system',
		operation: 'getWorkcenterCapability',
		action: 'Get workcenter capability',
		description: 'Workcenter identification types (OII: always 0, free seating not supported)',
		params: [USER_ID],
		response: { kind: 'element', element: 'WorkcenterCapability' },
	},
	{
		resource: 'system',
		operation: 'getPresenceQueueInfo',
		action: 'Get presence queue info',
		description: 'Queues of a channel the user may transfer to, with their statistics',
		params: [
			{ ...USER_ID, description: 'User who requests the presence info', namespace: ICI_INTERFACES.user.namespace },
			CHANNEL_TYPE('Channel whose queues are returned'),
			p('queueGuid', 'string', 'Queue GUID', 'Only the queue with this GUID'),
			p('queueAddress', 'string', 'Queue Address', 'Only the queue with this address (queue number or e-mail address)'),
			p('queueName', 'string', 'Queue Name', 'Only the queue with this name'),
		],
		response: { kind: 'element', element: 'PresenceQueueInfo' },
		optionalLabel: 'Filters',
	},
	{
		resource: 'system',
		operation: 'getUserPresence',
		action: 'Get user presence',
		description: 'Presence and collaboration data of users, by user IDs or by a search term',
		params: [
			p('users', 'stringList', 'Users', 'User IDs whose presence is returned; when empty the search term is used', { itemTag: 'Item', whenEmpty: 'empty' }),
			p('searchterm', 'string', 'Search Term', 'Free-text search: first name, surname, title or address', { whenEmpty: 'nil' }),
			p('maxhits', 'int', 'Max Hits', 'Maximum number of users returned for a search (OII default 100)', { default: DEFAULT_USER_PRESENCE_MAX_HITS, whenEmpty: 'nil' }),
		],
		response: { kind: 'list', element: 'UserPresenceInfo' },
		optionalLabel: 'Search',
	},
	{
		resource: 'system',
		operation: 'getCallRecordings',
		action: 'Get call recordings',
		description: 'Call recording file names, searched by call, user, time, path or name',
		params: [
			p('callHandle', 'string', 'Call Handle', 'Recordings of this call', { whenEmpty: 'nil' }),
			p('userId', 'string', 'User ID', 'Recordings of this user', { whenEmpty: 'nil' }),
			p('dateTimeFrom', 'string', 'Date Time From', 'Lower limit of the recording time, e.g. 2024-05-01 08:00:00', { whenEmpty: 'nil' }),
			p('dateTimeTo', 'string', 'Date Time To', 'Upper limit of the recording time', { whenEmpty: 'nil' }),
			p('filePath', 'string', 'File Path', 'Recordings below this path', { whenEmpty: 'nil' }),
			p('fileName', 'string', 'File Name', 'Recordings with this file name', { whenEmpty: 'nil' }),
			p('maxhits', 'int', 'Max Hits', 'Maximum number of recordings (all when not set)', { default: 100, whenEmpty: 'nil' }),
		],
		response: { kind: 'list', element: 'CallRecording' },
		optionalLabel: 'Filters',
	},
	{
		resource: 'system',
		operation: 'createCallBack',
		displayName: 'Create Callback',
		action: 'Create a callback',
		description: 'Create a callback request for a customer number in a callback queue',
		params: [
			req('number', 'Number', 'Phone number of the customer (characters +0123456789)', { placeholder: '+358401234567' }),
			req('queue', 'Queue', 'Queue number, queue GUID or queue name'),
			p('callTime', 'string', 'Call Time (UTC)', 'When the call should be made, e.g. 2024-05-01 14:30:00 (UTC)', { whenEmpty: 'nil' }),
			p('extraData', 'callbackExtraData', 'Extra Data', 'Skills, priority and any other key passed to the contact center', { whenEmpty: 'nil' }),
			p('gwPrefix', 'string', 'Gateway Prefix', 'Gateway prefix used in call routing', { whenEmpty: 'nil' }),
			p('notes', 'text', 'Notes', 'Shown in the callback script', { whenEmpty: 'nil' }),
		],
		response: { kind: 'callbackId' },
		requestAliases: ['createCallback'],
	},
	{
		resource: 'system',
		operation: 'updateCallBack',
		displayName: 'Update Callback',
		action: 'Update a callback',
		description: 'Report the result of a callback: a failure counts towards the maximum number of calls',
		params: [
			req('id', 'Callback ID', 'GUID of the callback (from Create Callback or Get Callbacks)'),
			p('result', 'options', 'Result', 'Result of the call', { required: true, options: CALLBACK_RESULTS, default: 'SUCCESSFUL', key: true }),
			p('notes', 'text', 'Notes', 'Notes shown in the callback script (left unchanged when empty)', { whenEmpty: 'nil' }),
		],
		response: VOID,
		requestAliases: ['updateCallback'],
	},
	{
		resource: 'system',
		operation: 'getCallBacks',
		displayName: 'Get Callbacks',
		action: 'Get callbacks',
		description: 'Callback requests, all or those matching the filters',
		params: [
			p('id', 'string', 'Callback ID', 'Only the callback with this GUID'),
			p('number', 'string', 'Number', 'Only callbacks to this phone number'),
			p('queueGuid', 'string', 'Queue GUID', 'Only callbacks of the queue with this GUID'),
			p('queueNumber', 'string', 'Queue Number', 'Only callbacks of the queue with this number'),
			p('queueName', 'string', 'Queue Name', 'Only callbacks of the queue with this name'),
		],
		response: { kind: 'list', element: 'CallBack' },
		requestAliases: ['getCallbacks'],
		responseNames: ['getCallbacksResponse'],
		optionalLabel: 'Filters',
	},
	// 9.2 IciUser
	{
		resource: 'user',
		operation: 'getAttributes',
		action: 'Get attributes of a user',
		description: 'Workmode, channels, queues and addresses of a user, and the OII host ID',
		params: [USER_ID, p('cmsPing', 'cmsPing', 'CMS Ping', 'Whether to only test that the contact center is alive: the answer holds the cmsHostId only')],
		response: { kind: 'element', element: 'User' },
	},
	{
		resource: 'user',
		operation: 'setCurrentWorkmode',
		action: 'Set the workmode of a user',
		description: 'Log the user on or off, or make them ready or not ready',
		params: [USER_ID, p('workmode', 'options', 'Workmode', 'The workmode to set', { required: true, options: WORKMODES, default: '2', key: true })],
		response: VOID,
	},
	{
		resource: 'user',
		operation: 'setCurrentChannels',
		action: 'Set the channels of a user',
		description: 'The channels enabled for the user',
		params: [USER_ID, p('channels', 'stringList', 'Channels', 'Channel IDs (1 phone call, 2 message, 3 chat, 4 action)', { required: true, whenEmpty: 'empty' })],
		response: VOID,
	},
	{
		resource: 'user',
		operation: 'setCurrentQueues',
		action: 'Set the queues of a user',
		description: 'The queues the user is assigned to',
		params: [USER_ID, p('queues', 'stringList', 'Queues', 'Queue IDs the user is assigned to', { required: true, whenEmpty: 'empty' })],
		response: VOID,
	},
	{
		resource: 'user',
		operation: 'setAddresses',
		action: 'Set the addresses of a user',
		description: 'The channel-specific addresses of the user (phone number, e-mail address, …)',
		params: [USER_ID, p('addresses', 'addresses', 'Addresses', 'Address and channel pairs', { required: true, whenEmpty: 'empty' })],
		response: VOID,
	},
	{
		resource: 'user',
		operation: 'subscribe',
		action: 'Subscribe to user events',
		description: 'Subscribe an application to the user\'s events (userChanged)',
		params: [APP_URL, APP_ID, USER_ID],
		response: VOID,
	},
	{
		resource: 'user',
		operation: 'unsubscribe',
		action: 'Unsubscribe from user events',
		description: 'End the user event subscriptions of an application',
		params: [APP_URL, APP_ID],
		response: VOID,
	},
	// 9.4 IciItem
	{
		resource: 'item',
		operation: 'create',
		action: 'Create an item',
		description: 'Create an item in the Created status: an outbound call, an e-mail, a chat session or an action item',
		params: [CHANNEL_TYPE('Channel of the new item'), CONTAINER_ID],
		response: { kind: 'element', element: 'Item' },
		channelFrom: { param: 'channelType' },
	},
	{
		resource: 'item',
		operation: 'wrapUpRequired',
		action: 'Require wrap-up for an item',
		description: 'The item goes to Wrap up when its processing ends (requested wrap-up mode)',
		params: [ITEM_ID],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'wrapUpEnded',
		action: 'End the wrap-up of an item',
		description: 'Wrap-up work is finished: the item becomes Not in process',
		params: [ITEM_ID],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'accept',
		action: 'Accept an item',
		description: 'Accept an assigned item (answers a call, opens a message, joins a chat)',
		params: [ITEM_ID, CONTAINER_ID],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'reroute',
		action: 'Reroute an item',
		description: 'Decline an assigned item: the contact center routes it to someone else',
		params: [ITEM_ID, CONTAINER_ID],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'forward',
		action: 'Forward an item',
		description: 'Forward an item to another container or to a queue',
		params: [
			ITEM_ID,
			{ ...CONTAINER_ID, description: 'The container the item is transferred from' },
			p('destType', 'options', 'Destination Type', 'Type of the destination', { required: true, options: DESTINATION_TYPES, default: '12', key: true }),
			req('destination', 'Destination', 'The container ID or the queue ID'),
		],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'getAttachedData',
		action: 'Get attached data of an item',
		description: 'The item attached data XML, also parsed per Application ID',
		params: [ITEM_ID],
		response: { kind: 'string', field: 'attachedData', attachedData: true },
	},
	{
		resource: 'item',
		operation: 'setAttachedData',
		action: 'Set attached data of an item',
		description: 'Replace the item attached data (keep the Applications of others intact)',
		params: [ITEM_ID, p('attachedData', 'attachedData', 'Attached Data', 'The ItemAttachedData XML document', { required: true, whenEmpty: 'empty' })],
		response: VOID,
	},
	{
		resource: 'item',
		operation: 'deleteAttachedData',
		action: 'Delete attached data of an item',
		description: 'Remove the data attached to an item',
		params: [ITEM_ID],
		response: VOID,
	},
	// 9.5 IciContainer
	{
		resource: 'container',
		operation: 'subscribe',
		action: 'Subscribe to container events',
		description: 'Subscribe an application to a container\'s events and the events of its items',
		params: [APP_URL, APP_ID, CHANNEL_TYPE('Events wanted: 1 phone line + phoneCallChanged, 2 folder + messageChanged, 3 chat line + chatChanged, 4 action item inbox + actionItemChanged'), { ...CONTAINER_ID, description: 'The container: phone line number, folder name, chat line or action item inbox' }],
		response: VOID,
	},
	{
		resource: 'container',
		operation: 'unsubscribe',
		action: 'Unsubscribe from container events',
		description: 'End the container event subscriptions of an application',
		params: [APP_URL, APP_ID],
		response: VOID,
	},
	// 9.6 IciPhoneLine
	{
		resource: 'phoneLine',
		operation: 'getCalls',
		action: 'Get the calls of a phone line',
		description: 'Every current call of a phone line',
		params: [LINE_NUMBER],
		response: { kind: 'list', element: 'PhoneCall' },
	},
	{
		resource: 'phoneLine',
		operation: 'dropCalls',
		action: 'Drop the calls of a phone line',
		description: 'Disconnect every call of an extension',
		params: [LINE_NUMBER],
		response: VOID,
	},
	// 9.7 IciPhoneCall
	{
		resource: 'phoneCall',
		operation: 'getAttributes',
		action: 'Get attributes of a phone call',
		description: 'Status, capabilities, numbers and attached data of a call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: { kind: 'element', element: 'PhoneCall' },
	},
	{
		resource: 'phoneCall',
		operation: 'dial',
		action: 'Dial a phone call',
		description: 'Dial a call created with Item → Create',
		params: [LINE_NUMBER, CALL_HANDLE, req('dialNumber', 'Dial Number', 'The number to dial (E.164, characters +0123456789)', { placeholder: '+358401234567' })],
		response: { kind: 'string', field: 'dialedNumber' },
	},
	{
		resource: 'phoneCall',
		operation: 'consult',
		action: 'Consult on a phone call',
		description: 'Put the connected call on hold and dial a consultation call with a created call',
		params: [
			LINE_NUMBER,
			{ ...CALL_HANDLE, displayName: 'Consultation Call Handle', description: 'A call in the Created status that becomes the consultation call' },
			{ ...CONN_CALL, description: 'The connected call to put on hold' },
			req('dialNumber', 'Dial Number', 'The number to consult'),
			p('nextStep', 'options', 'Next Step', 'What is planned after the consultation', { required: true, options: CONSULT_NEXT_STEPS, default: '2', key: true }),
		],
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'transfer',
		action: 'Transfer a phone call',
		description: 'Transfer the held call to the connected consultation call',
		params: [LINE_NUMBER, { ...CONN_CALL, description: 'The connected consultation call' }, { ...HELD_CALL, description: 'The held call to transfer' }],
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'reconnect',
		action: 'Reconnect a phone call',
		description: 'Disconnect the connected call and take back the held call',
		params: connHeld,
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'drop',
		action: 'Drop a phone call',
		description: 'Disconnect a call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'hold',
		action: 'Hold a phone call',
		description: 'Put a connected call on hold',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'unhold',
		action: 'Unhold a phone call',
		description: 'Release a held call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'alternate',
		action: 'Alternate between phone calls',
		description: 'Hold the connected call and release the held call',
		params: connHeld,
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'conference',
		action: 'Conference phone calls',
		description: 'Join the connected call and the held call into a conference',
		params: connHeld,
		response: VOID,
	},
	{
		resource: 'phoneCall',
		operation: 'dropParty',
		action: 'Drop a party from a conference',
		description: 'Remove one remote number from a conference call',
		params: [LINE_NUMBER, req('remoteNumber', 'Remote Number', 'The extension to drop'), { ...CALL_HANDLE, description: 'The conference call' }],
		response: VOID,
	},
	// 9.8 IciFolder
	{
		resource: 'folder',
		operation: 'getMessages',
		action: 'Get the messages of a folder',
		description: 'Every e-mail message in a folder',
		params: [req('folder', 'Folder', 'The folder (container ID)')],
		response: { kind: 'list', element: 'Message' },
	},
	// 9.9 IciMessage
	{
		resource: 'message',
		operation: 'getAttributes',
		action: 'Get attributes of a message',
		description: 'Sender, subject, body text, attachment names, status and flags of a message',
		params: [MESSAGE_ID],
		response: { kind: 'element', element: 'Message' },
	},
	{
		resource: 'message',
		operation: 'getContent',
		action: 'Get the content of a message',
		description: 'The complete RFC 822 / MIME content (header and body) of a message',
		params: [MESSAGE_ID],
		response: { kind: 'string', field: 'content' },
	},
	{
		resource: 'message',
		operation: 'setContent',
		action: 'Set the content of a message',
		description: 'Set the complete RFC 822 / MIME content (header and body) of a message',
		params: [MESSAGE_ID, p('content', 'text', 'Content', 'The RFC 822 message: header lines (From, To, Subject, …), an empty line, then the body', { required: true })],
		response: VOID,
	},
	{
		resource: 'message',
		operation: 'delete',
		action: 'Delete a message',
		description: 'Delete a message',
		params: [MESSAGE_ID],
		response: VOID,
	},
	{
		resource: 'message',
		operation: 'send',
		action: 'Send a message',
		description: 'Send the message to the recipients of its header',
		params: [
			MESSAGE_ID,
			p('requestSuccessNotification', 'boolean', 'Request Success Notification', 'Whether to request a delivery notification', { required: true, default: false }),
			p('requestFailureNotification', 'boolean', 'Request Failure Notification', 'Whether to request a non-delivery notification', { required: true, default: false }),
		],
		response: VOID,
	},
	{
		resource: 'message',
		operation: 'setActionFlags',
		action: 'Set the flags of a message',
		description: 'Mark a message read, answered or forwarded',
		params: [
			MESSAGE_ID,
			p('read', 'boolean', 'Read', 'Whether the message has been read', { required: true, default: false }),
			p('answered', 'boolean', 'Answered', 'Whether the message has been answered', { required: true, default: false }),
			p('forwarded', 'boolean', 'Forwarded', 'Whether the message has been forwarded', { required: true, default: false }),
		],
		response: VOID,
	},
	{
		resource: 'message',
		operation: 'end',
		action: 'End an action item',
		description: 'End an accepted action item (Action channel)',
		params: [{ ...MESSAGE_ID, displayName: 'Message ID', description: 'The action item (item ID)' }],
		response: VOID,
	},
	// 9.10 IciChatLine
	{
		resource: 'chatLine',
		operation: 'getSessions',
		action: 'Get the sessions of a chat line',
		description: 'Every chat session assigned to a chat line',
		params: [CHAT_LINE_ID],
		response: { kind: 'list', element: 'ChatSession' },
		requestAliases: ['getSession'],
		responseNames: ['getSessionResponse'],
	},
	// 9.11 IciChatSession
	{
		resource: 'chatSession',
		operation: 'getAttributes',
		action: 'Get attributes of a chat session',
		description: 'Participants, status and attached data of a chat session',
		params: [CHAT_SESSION_ID, CHAT_LINE_ID],
		response: { kind: 'element', element: 'ChatSession' },
	},
	{
		resource: 'chatSession',
		operation: 'invite',
		action: 'Invite to a chat session',
		description: 'Invite participants to a chat session created with Item → Create',
		params: [
			CHAT_SESSION_ID,
			CHAT_LINE_ID,
			p('title', 'string', 'Title', 'Title of the chat session'),
			p('chatParticipants', 'stringList', 'Chat Participants', 'Chat addresses of the invited participants', { required: true, whenEmpty: 'empty' }),
		],
		response: VOID,
	},
	{
		resource: 'chatSession',
		operation: 'leave',
		action: 'Leave a chat session',
		description: 'Remove the chat line from a chat session',
		params: [CHAT_SESSION_ID, CHAT_LINE_ID],
		response: VOID,
	},
	{
		resource: 'chatSession',
		operation: 'getDialog',
		action: 'Get the dialog of a chat session',
		description: 'Every posting of a chat session so far',
		params: [CHAT_SESSION_ID],
		response: { kind: 'list', element: 'ChatPosting' },
	},
	{
		resource: 'chatSession',
		operation: 'postMessage',
		action: 'Post to a chat session',
		description: 'Send a chat contribution',
		params: [
			CHAT_SESSION_ID,
			{ ...CHAT_LINE_ID, description: 'The chat line that makes the contribution' },
			p('contentText', 'text', 'Content Text', 'The text to post', { required: true }),
		],
		response: VOID,
	},
	// 9.12 IciActionItem
	{
		resource: 'actionItem',
		operation: 'route',
		action: 'Route an action item',
		description: 'Queue an action item for allocation to an agent, with its attributes and routing attributes',
		params: [
			p('actionItemId', 'string', 'Action Item ID', 'Not used by OII'),
			p('itemData', 'itemData', 'Item Data', 'The action item: attributes (FROM_ADDRESS, TO_ADDRESS, SUBJECT, …) and identifiers', { required: true }),
			p('routingAttributes', 'attributes', 'Routing Attributes', 'Attributes that override the item\'s (Z_TO_ADDRESS, SKILL, REQUIRED_AGENT, …)', { required: true, whenEmpty: 'empty' }),
			p('scenarioId', 'string', 'Scenario ID', 'Not used by OII', { whenEmpty: 'empty' }),
		],
		response: { kind: 'element', element: 'RouteResult' },
	},
];

// ---------------------------------------------------------------------------------------------
// Lookup

/** The interface of an operation. */
export function interfaceOf(def: IciOperationDef): IciInterface {
	return ICI_INTERFACES[def.resource];
}

/** The operation a request names on an interface (body element, case-insensitive, aliases included). */
export function findIciOperation(resource: IciInterfaceKey, element: string): IciOperationDef | undefined {
	const wanted = element.toLowerCase();
	return ICI_OPERATIONS.find(
		(def) =>
			def.resource === resource &&
			[def.operation, ...(def.requestAliases ?? [])].some((name) => name.toLowerCase() === wanted),
	);
}

export function headerNamespaceOf(def: IciOperationDef): string {
	return interfaceOf(def).headerNamespace;
}

export function childFormOf(def: IciOperationDef): ChildForm {
	return def.childForm ?? interfaceOf(def).childForm;
}

// ---------------------------------------------------------------------------------------------
// Values from the node's parameters

/** Where optional parameters live. */
export const OPTIONAL_COLLECTION = 'additionalFields';

function codeOptions(table: CodeTable): INodePropertyOptions[] {
	return Object.entries(table).map(([value, entry]) => ({
		name: `${entry.name} (${value})`,
		value,
		...(entry.meaning ? { description: entry.meaning } : {}),
	}));
}

function valueOf(def: ParamDef, params: ParamReader): unknown {
	if (def.required) return params.get<unknown>(def.name, def.default ?? '');
	return params.collection(OPTIONAL_COLLECTION)[def.name];
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function stringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return list.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)).trim()).filter((v) => v !== '');
}

function fixedEntries(value: unknown, key: string): IDataObject[] {
	if (!value || typeof value !== 'object') return [];
	const entries = (value as IDataObject)[key];
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

function itemList(values: XmlValue[], tag: string): XmlValue {
	return values.length ? { [tag]: values } : '';
}

const SKILL_VALUE = /^[^=\s][^=]*(=[1-5])?$/;

/** One Attribute[] entry list from the UI (name from 7.3 or a custom one, value). */
function attributesXml(value: unknown, label: string): XmlValue {
	const out: XmlElement[] = [];
	for (const entry of fixedEntries(value, 'attribute')) {
		const chosen = String(entry.name ?? '');
		const name = (chosen === 'custom' ? String(entry.customName ?? '') : chosen).trim();
		const text = entry.value === undefined || entry.value === null ? '' : String(entry.value);
		if (!name) throw invalidInput(`${label}: every attribute needs a name`);
		if (name === 'SKILL' && !SKILL_VALUE.test(text.trim())) {
			throw invalidInput(`${label}: SKILL must be <GuidOrExtName> or <GuidOrExtName>=1 to 5, not "${text}"`);
		}
		if (name === 'DELETE' && text.trim() !== 'X' && text.trim() !== '') {
			throw invalidInput(`${label}: DELETE takes the value X, not "${text}"`);
		}
		if (name === 'REQUIRED_AGENT_EXPIRY_TIME' && !/^\d+$/.test(text.trim())) {
			throw invalidInput(`${label}: REQUIRED_AGENT_EXPIRY_TIME is a number of seconds, not "${text}"`);
		}
		out.push({ id: name, description: text });
	}
	return itemList(out, 'item');
}

/**
 * XML given as text reaches OII as a document of its own: a character XML 1.0 does not allow,
 * written as it is or as a reference (`&#x1;`), would make OII's reader refuse it.
 */
function checkXmlText(text: string, label: string): void {
	const found = findIllegalXmlCharacter(text, { references: true });
	if (found) throw invalidInput(`${label}: ${describeIllegalXmlCharacter(found)}; the request was not sent`);
}

function xmlWithRoot(text: string, root: string, label: string): string {
	let parsed: { name: string };
	try {
		parsed = rootOf(parseXml(text));
	} catch (error) {
		throw invalidInput(`${label} is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
	}
	if (parsed.name !== root) throw invalidInput(`${label} must have the root element <${root}>, not <${parsed.name}>`);
	return text;
}

/** createCallBack extraData: XML as given, or `<XML><Skills>…</Skills><Priority>…</Priority>…</XML>`. */
function callbackExtraData(fields: IDataObject): string {
	if (typeof fields.extraDataXml === 'string') checkXmlText(fields.extraDataXml, 'Extra Data (XML)');
	const xml = typeof fields.extraDataXml === 'string' ? fields.extraDataXml.trim() : '';
	const skills = fixedEntries(fields.extraDataSkills, 'skill');
	const keys = fixedEntries(fields.extraDataKeys, 'key');
	const priority = fields.extraDataPriority;
	const built = skills.length > 0 || keys.length > 0 || !isEmpty(priority);
	if (xml && built) throw invalidInput('Give the extra data either as XML or as skills, priority and keys, not both');
	if (xml) return xmlWithRoot(xml, CALLBACK_EXTRA_DATA_ROOT, 'Extra Data (XML)');
	if (!built) return '';
	const root: XmlElement = {};
	if (skills.length) {
		root.Skills = skills
			.map((skill) => {
				const name = String(skill.name ?? '').trim();
				if (!name || /[=;]/.test(name)) throw invalidInput(`Skill "${name}" must be a skill GUID or external name without '=' or ';'`);
				const level = Number(skill.level ?? 4);
				if (!Number.isInteger(level) || level < 1 || level > 5) throw invalidInput(`Skill level of "${name}" must be 1 to 5`);
				return `${name}=${level}`;
			})
			.join(';');
	}
	if (!isEmpty(priority)) {
		const value = Number(priority);
		if (!Number.isInteger(value) || value < 1) throw invalidInput('Priority must be a positive whole number');
		root.Priority = String(value);
	}
	for (const entry of keys) {
		const name = String(entry.name ?? '').trim();
		try {
			checkXmlName(name, 'an extra data key');
		} catch (error) {
			throw invalidInput(error instanceof Error ? error.message : String(error));
		}
		if (name === 'Skills' || name === 'Priority' || Object.prototype.hasOwnProperty.call(root, name)) {
			throw invalidInput(`Extra data key "${name}" is given twice`);
		}
		setOwn(root, name, entry.value === undefined || entry.value === null ? '' : String(entry.value));
	}
	return compactXml({ [CALLBACK_EXTRA_DATA_ROOT]: root });
}

/** Compact XML (no declaration, no indentation), as the extraData examples of chapter 9.1.6.2. */
function compactXml(doc: XmlElement): string {
	return Object.entries(doc)
		.map(([name, value]) => {
			if (typeof value === 'string') return `<${name}>${escapeXml(value)}</${name}>`;
			if (Array.isArray(value)) return value.map((v) => compactXml({ [name]: v })).join('');
			return `<${name}>${compactXml(value)}</${name}>`;
		})
		.join('');
}

function attachedDataValue(params: ParamReader, def: ParamDef): string {
	const format = params.get<string>('attachedDataFormat', 'xml');
	if (format === 'json') {
		const raw = params.get<unknown>('attachedDataJson', {});
		let value: unknown = raw;
		if (typeof raw === 'string') {
			try {
				value = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
			} catch (error) {
				throw invalidInput(`Attached Data (JSON) is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			throw invalidInput('Attached Data (JSON) must be an object with one entry per Application ID');
		}
		try {
			return writeAttachedData(value as IDataObject);
		} catch (error) {
			if (error instanceof XmlCharacterError) {
				throw invalidInput(`Attached Data (JSON): in one of its texts ${describeIllegalXmlCharacter(error.found)}; the request was not sent`);
			}
			throw invalidInput(`Attached Data (JSON): ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const xml = String(params.get<string>(def.name, '') ?? '');
	if (xml.trim() === '') return '';
	checkXmlText(xml, def.displayName);
	try {
		rootOf(parseXml(xml.trim()));
	} catch (error) {
		throw invalidInput(`Attached Data is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
	}
	return xml;
}

/** Sent even when empty, as SAP CRM does (chapter 9.12.1.4). */
const ITEM_DATA_ALWAYS = ['systemId', 'client', 'requestId', 'processId'] as const;
/** Left out when empty, as SAP CRM does. */
const ITEM_DATA_WHEN_SET = ['actionItemId', 'actionItemInboxId'] as const;

/** The ActionItem element of route, with the children SAP CRM sends (chapter 9.12.1.4). */
function itemDataXml(params: ParamReader): XmlElement {
	const data = params.collection('itemDataFields');
	const text = (key: string) => (data[key] === undefined || data[key] === null ? '' : String(data[key]));
	const out: XmlElement = {};
	for (const key of ITEM_DATA_ALWAYS) out[key] = text(key).trim();
	for (const key of ITEM_DATA_WHEN_SET) if (text(key).trim() !== '') out[key] = text(key).trim();
	out.attachedData = text('attachedData');
	const capabilities = stringList(data.capabilityList);
	for (const id of capabilities) {
		if (!/^\d+$/.test(id)) throw invalidInput(`Capability List: "${id}" is not a capability ID`);
	}
	out.capabilityList = itemList(capabilities, 'item');
	out.processingStatus = { id: text('processingStatusId').trim(), description: text('processingStatusDescription') };
	out.actionItemStatus = { id: text('actionItemStatusId').trim(), description: text('actionItemStatusDescription') };
	out.actionItemAttributes = attributesXml(params.get<unknown>('actionItemAttributes', {}), 'Action Item Attributes');
	return out;
}

/** The XML value of one parameter, or undefined to leave the element out. */
function paramXml(def: ParamDef, params: ParamReader): XmlValue | undefined {
	const empty = (): XmlValue | undefined => {
		if (def.whenEmpty === 'nil') return { ...XSI_NIL };
		if (def.whenEmpty === 'empty') return '';
		return undefined;
	};
	switch (def.kind) {
		case 'itemData':
			return itemDataXml(params);
		case 'attributes':
			return attributesXml(params.get<unknown>(def.name, {}), def.displayName);
		case 'attachedData': {
			const xml = attachedDataValue(params, def);
			return xml === '' ? empty() : xml;
		}
		case 'callbackExtraData': {
			const xml = callbackExtraData(params.collection(OPTIONAL_COLLECTION));
			return xml === '' ? empty() : xml;
		}
		case 'cmsPing':
			return valueOf(def, params) === true ? CMS_PING_VALUE : undefined;
		case 'stringList': {
			const values = stringList(valueOf(def, params));
			return values.length ? { [def.itemTag ?? 'item']: values } : empty();
		}
		case 'addresses': {
			const entries = fixedEntries(valueOf(def, params), 'address').map((entry) => {
				const address = String(entry.address ?? '').trim();
				if (!address) throw invalidInput('Addresses: every entry needs an address');
				return { address, channel: String(entry.channel ?? '1') };
			});
			return entries.length ? { item: entries } : empty();
		}
		case 'boolean': {
			const value = valueOf(def, params);
			if (isEmpty(value)) return empty();
			return value === true || String(value).toLowerCase() === 'true' ? 'true' : 'false';
		}
		case 'int': {
			const value = valueOf(def, params);
			if (isEmpty(value)) return empty();
			const number = Number(value);
			if (!Number.isInteger(number)) throw invalidInput(`${def.displayName} must be a whole number, not "${String(value)}"`);
			return String(number);
		}
		default: {
			const value = valueOf(def, params);
			if (isEmpty(value)) {
				if (def.required) throw invalidInput(`${def.displayName} is required`);
				return empty();
			}
			const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
			return def.kind === 'text' ? text : text.trim();
		}
	}
}

/** The request of one operation from the item's parameters. */
export function buildIciCall(def: IciOperationDef, params: ParamReader): IciCall {
	const iface = interfaceOf(def);
	const children: BodyChild[] = [];
	for (const param of def.params) {
		const value = paramXml(param, params);
		if (value === undefined) continue;
		children.push({ name: param.name, value, ...(param.namespace ? { namespace: param.namespace } : {}) });
	}
	return {
		iface,
		operation: def.operation,
		children,
		childForm: childFormOf(def),
		headerNamespace: headerNamespaceOf(def),
		responseNames: def.responseNames,
		...(def.response.kind === 'string' && def.response.attachedData ? { embeddedXml: ['response'] } : {}),
	};
}

// ---------------------------------------------------------------------------------------------
// Reading answers

function decodeContext(def: IciOperationDef, params?: ParamReader): DecodeContext {
	const from = def.channelFrom;
	if (!from) return {};
	if ('value' in from) return { channelType: from.value };
	const value = params?.get<unknown>(from.param, '');
	return { channelType: value === undefined || value === null ? undefined : String(value) };
}

function echo(def: IciOperationDef, params?: ParamReader): IDataObject {
	const out: IDataObject = {};
	if (!params) return out;
	for (const param of def.params) {
		if (!param.key) continue;
		const value = param.required ? params.get<unknown>(param.name, '') : params.collection(OPTIONAL_COLLECTION)[param.name];
		if (value !== undefined && value !== null && typeof value !== 'object') out[param.name] = String(value).trim();
	}
	return out;
}

function textOfValue(value: XmlValue | undefined): string | null {
	const json = genericJson(value);
	return typeof json === 'string' ? json : json === null ? null : JSON.stringify(json);
}

/**
 * Read an answer's body element into output JSON: `<response>` decoded by the operation's answer
 * shape, its siblings (such as cmsHostId) added. Lists give one entry per element.
 */
export function readIciAnswer(def: IciOperationDef, body: XmlElement, params?: ParamReader): IDataObject | IDataObject[] {
	const response = childOf(body, 'response');
	const siblings: IDataObject = {};
	for (const name of childNames(body)) {
		if (name.toLowerCase() === 'response') continue;
		setOwn(siblings, name, genericJson(body[name]) as IDataObject);
	}
	const shape = def.response;
	switch (shape.kind) {
		case 'void':
			return { success: true, ...echo(def, params), ...siblings };
		case 'string': {
			const value = textOfValue(response);
			const out: IDataObject = { [shape.field]: value };
			if (shape.attachedData) {
				const parsed = readAttachedData(value);
				out.attachedDataJson = parsed.applications;
				if (parsed.error) out.attachedDataError = parsed.error;
			}
			return { ...out, ...siblings };
		}
		case 'callbackId': {
			const value = textOfValue(response);
			const id = value === null || value.trim() === '' ? null : value.trim();
			return { id, created: id !== null, ...siblings };
		}
		case 'list': {
			const entries = arrayEntries(response).map((entry) =>
				isNil(entry) ? null : decodeElement(shape.element, entry, decodeContext(def, params)),
			);
			return entries.filter((e): e is IDataObject => e !== null).map((e) => ({ ...e, ...siblings }));
		}
		case 'element': {
			const hasContent =
				response !== undefined &&
				typeof response === 'object' &&
				!Array.isArray(response) &&
				childNames(response).length > 0;
			if (!hasContent) {
				const text = typeof response === 'string' ? response.trim() : typeof response === 'object' && !Array.isArray(response) ? String(response[TEXT_KEY] ?? '').trim() : '';
				if (text && shape.element === 'RouteResult') return { actionItemId: text, ...siblings };
				return { ...siblings };
			}
			return { ...decodeElement(shape.element, response, decodeContext(def, params)), ...siblings };
		}
	}
}

// ---------------------------------------------------------------------------------------------
// The node's declarations

export interface IciRequest {
	def: IciOperationDef;
	call: IciCall;
	itemIndex: number;
}

export type IciResponse = SoapMessage;

function displayNameOf(def: IciOperationDef): string {
	if (def.displayName) return def.displayName;
	const words = def.operation.replace(/([a-z])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const ROUTING_ATTRIBUTE_OPTIONS: INodePropertyOptions[] = [
	...Object.entries(ACTION_ITEM_ROUTING_ATTRIBUTES).map(([value, entry]) => ({
		name: value,
		value,
		description: entry.meaning,
	})),
	{ name: 'Custom', value: 'custom', description: 'Any other attribute name' },
];

function attributesProperty(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		description,
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'options',
						options: ROUTING_ATTRIBUTE_OPTIONS,
						default: 'SUBJECT',
						description: 'Attribute name (chapter 7.3); SKILL and REQUIRED_AGENT may be repeated',
					},
					{
						displayName: 'Custom Name',
						name: 'customName',
						type: 'string',
						default: '',
						displayOptions: { show: { name: ['custom'] } },
						description: 'Name of the attribute',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Value; SKILL: &lt;GuidOrExtName&gt;[=1-5], DELETE: X, REQUIRED_AGENT_EXPIRY_TIME: seconds',
					},
				],
			},
		],
	};
}

const ITEM_DATA_FIELDS: INodeProperties = {
	displayName: 'Item Data Fields',
	name: 'itemDataFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Identifiers and status fields of the action item (sent empty when not set, as SAP CRM does)',
	options: [
		{ displayName: 'Action Item ID', name: 'actionItemId', type: 'string', default: '' },
		{ displayName: 'Action Item Inbox ID', name: 'actionItemInboxId', type: 'string', default: '' },
		{ displayName: 'Action Item Status Description', name: 'actionItemStatusDescription', type: 'string', default: '' },
		{ displayName: 'Action Item Status ID', name: 'actionItemStatusId', type: 'string', default: '' },
		{ displayName: 'Attached Data', name: 'attachedData', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'Item attached data XML' },
		{ displayName: 'Capability List', name: 'capabilityList', type: 'string', default: '', description: 'Comma-separated capability IDs' },
		{ displayName: 'Client', name: 'client', type: 'string', default: '' },
		{ displayName: 'Process ID', name: 'processId', type: 'string', default: '', description: 'Identifies the action item in CRM 5.2' },
		{ displayName: 'Processing Status Description', name: 'processingStatusDescription', type: 'string', default: '' },
		{ displayName: 'Processing Status ID', name: 'processingStatusId', type: 'string', default: '' },
		{ displayName: 'Request ID', name: 'requestId', type: 'string', default: '', description: 'Identifies the action item in CRM 5.2' },
		{ displayName: 'System ID', name: 'systemId', type: 'string', default: '' },
	],
};

const EXTRA_DATA_FIELDS: INodeProperties[] = [
	{
		displayName: 'Extra Data (XML)',
		name: 'extraDataXml',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '<XML><Skills>English=5</Skills><Priority>10</Priority></XML>',
		description: 'The whole extraData document, root element XML. Use instead of the skills, priority and keys.',
	},
	{
		displayName: 'Extra Data Keys',
		name: 'extraDataKeys',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Key',
		default: {},
		description: 'Any other key/value pair passed to the contact center (call attached data)',
		options: [
			{
				displayName: 'Key',
				name: 'key',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Foo' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Priority',
		name: 'extraDataPriority',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Contact priority (a positive whole number)',
	},
	{
		displayName: 'Skills',
		name: 'extraDataSkills',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Skill',
		default: {},
		description: 'Skill requirements, e.g. language as a skill',
		options: [
			{
				displayName: 'Skill',
				name: 'skill',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Skill GUID or external name' },
					{ displayName: 'Level', name: 'level', type: 'number', typeOptions: { minValue: 1, maxValue: 5 }, default: 4, description: 'Required level, 1 to 5' },
				],
			},
		],
	},
];

/** The n8n field(s) of one parameter. */
function fieldsOf(def: ParamDef): INodeProperties[] {
	const base = { displayName: def.displayName, name: def.name, description: def.description, required: def.required ?? false };
	switch (def.kind) {
		case 'int':
			return [{ ...base, type: 'number', default: typeof def.default === 'number' ? def.default : 0 }];
		case 'boolean':
		case 'cmsPing':
			return [{ ...base, type: 'boolean', default: def.default === true }];
		case 'options':
			return [{ ...base, type: 'options', options: codeOptions(def.options ?? {}), default: String(def.default ?? '') }];
		case 'stringList':
			return [{ ...base, type: 'string', typeOptions: { multipleValues: true }, default: [], placeholder: 'Add Value' }];
		case 'addresses':
			return [
				{
					...base,
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Address',
					default: {},
					options: [
						{
							displayName: 'Address',
							name: 'address',
							values: [
								{ displayName: 'Address', name: 'address', type: 'string', default: '', placeholder: '+123 or name@domain.com' },
								{ displayName: 'Channel', name: 'channel', type: 'options', options: codeOptions(USER_CHANNELS), default: '1' },
							],
						},
					],
				},
			];
		case 'attachedData':
			return [
				{
					displayName: 'Attached Data Format',
					name: 'attachedDataFormat',
					type: 'options',
					options: [
						{ name: 'XML', value: 'xml', description: 'The ItemAttachedData document as text' },
						{ name: 'JSON per Application ID', value: 'json', description: 'An object with one entry per Application ID, written as ItemAttachedData XML' },
					],
					default: 'xml',
				},
				{
					...base,
					required: false,
					type: 'string',
					typeOptions: { rows: 6 },
					default: '',
					placeholder: '<ItemAttachedData><Application id="SAP-IC">…</Application></ItemAttachedData>',
					displayOptions: { show: { attachedDataFormat: ['xml'] } },
				},
				{
					displayName: 'Attached Data (JSON)',
					name: 'attachedDataJson',
					type: 'json',
					default: '{}',
					description: 'E.g. {"CRM_IC/BUPA": {"CURRENTCUSTOMER": "…"}}; attributes as "@name", text next to children as "#text".',
					displayOptions: { show: { attachedDataFormat: ['json'] } },
				},
			];
		case 'callbackExtraData':
			return EXTRA_DATA_FIELDS;
		case 'itemData':
			return [
				attributesProperty('actionItemAttributes', 'Action Item Attributes', 'itemData.actionItemAttributes: FROM_ADDRESS, TO_ADDRESS, SUBJECT and the other attributes of chapter 7.3'),
				ITEM_DATA_FIELDS,
			];
		case 'attributes':
			return [attributesProperty(def.name, def.displayName, def.description)];
		case 'text':
			return [{ ...base, type: 'string', typeOptions: { rows: 4 }, default: '' }];
		default:
			return [{ ...base, type: 'string', default: typeof def.default === 'string' ? def.default : '', ...(def.placeholder ? { placeholder: def.placeholder } : {}) }];
	}
}

function propertiesOf(def: IciOperationDef): INodeProperties[] {
	const top: INodeProperties[] = [];
	const optional: INodeProperties[] = [];
	for (const param of def.params) {
		const fields = fieldsOf(param);
		const expands = param.kind === 'itemData' || param.kind === 'attachedData' || param.kind === 'attributes';
		if (param.required || expands) top.push(...fields);
		else optional.push(...fields.map((field) => ({ ...field, required: false })));
	}
	if (optional.length) {
		top.push({
			displayName: def.optionalLabel ?? 'Additional Fields',
			name: OPTIONAL_COLLECTION,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: optional,
		});
	}
	return top;
}

export function iciDeclarations(): Array<OperationDeclaration<IciRequest, IciResponse>> {
	return ICI_OPERATIONS.map((def) => ({
		resource: def.resource,
		value: def.operation,
		name: displayNameOf(def),
		action: def.action,
		description: `${def.description} (${interfaceOf(def).name}.${def.operation})`,
		properties: propertiesOf(def),
		request: (params) => ({ def, call: buildIciCall(def, params), itemIndex: params.itemIndex }),
		read: (response, params) => readIciAnswer(def, response.element, params),
	}));
}

/** Interfaces as the node's resources, in chapter order. */
export function iciResources(): Array<{ name: string; value: string; description: string }> {
	return ICI_INTERFACE_ORDER.map((key) => ({
		name: ICI_INTERFACES[key].displayName,
		value: key,
		description: `${ICI_INTERFACES[key].description} (${ICI_INTERFACES[key].name})`,
	}));
}
