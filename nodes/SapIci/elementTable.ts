import type { CapabilityTableName, CodeTableName } from './tables';

/**
 * The ICI data elements of chapter 10 as data: each element's fields with their types, read by
 * the decoder and written by the encoder.
 */

/** A table chosen by the item's channel type (IciItem.create answers for any channel). */
export const BY_CHANNEL = 'byChannel';

/** The data elements of chapter 10 (and the composite answers of chapter 9). */
export type ElementName =
	| 'TextElement'
	| 'ProductInformation'
	| 'WorkcenterCapability'
	| 'PresenceQueueInfo'
	| 'QueueInfo'
	| 'GroupInfo'
	| 'UserPresenceInfo'
	| 'CollaborationData'
	| 'CallRecording'
	| 'CallBack'
	| 'Address'
	| 'User'
	| 'Item'
	| 'PhoneCall'
	| 'Message'
	| 'ChatSession'
	| 'ChatPosting'
	| 'ActionSession'
	| 'ActionItem'
	| 'Attribute'
	| 'RouteResult';

export type FieldKind =
	| { kind: 'string' }
	| { kind: 'int' }
	| { kind: 'boolean' }
	| { kind: 'dateTime' }
	/** A number carried as a string (queue statistics). */
	| { kind: 'count' }
	/** '1' → true, '0' → false, '' → null. */
	| { kind: 'flag' }
	/** A TextElement, its id decoded with a table when one is given. */
	| { kind: 'text'; table?: CodeTableName | typeof BY_CHANNEL }
	| { kind: 'textList'; table?: CodeTableName }
	| { kind: 'stringList' }
	/** `capabilityList` (int[]), decoded into `capabilities` with names and methods. */
	| { kind: 'capabilities'; table: CapabilityTableName | typeof BY_CHANNEL }
	/** A code carried as a string or int, decoded into `<field>Name`. */
	| { kind: 'code'; table: CodeTableName }
	| { kind: 'element'; element: ElementName }
	| { kind: 'elementList'; element: ElementName }
	/** Item attached data: the raw XML, and `attachedDataJson` per Application id. */
	| { kind: 'attachedData' }
	/** An XML string with a root element (createCallBack extraData), also given as `<field>Json`. */
	| { kind: 'xmlString' };

export type FieldDef = FieldKind & {
	name: string;
	/** Other spellings accepted when reading (e.g. dialledNumber for dialedNumber). */
	aliases?: readonly string[];
};

const s = (name: string, aliases?: string[]): FieldDef => ({
	name,
	kind: 'string',
	...(aliases ? { aliases } : {}),
});
const f = <K extends FieldKind>(name: string, kind: K): FieldDef => ({ name, ...kind });

const PROCESSING: FieldDef = f('processingStatus', { kind: 'text', table: 'processingStatus' });

/** Chapter 10 (and the composite answers of chapter 9). Field order is the documented order. */
export const ELEMENTS: Record<ElementName, readonly FieldDef[]> = {
	TextElement: [s('id'), s('description')],
	ProductInformation: [
		s('message'),
		s('productName'),
		f('iciMessageGroups', { kind: 'stringList' }),
		s('productVersion'),
		s('iciVersion'),
	],
	WorkcenterCapability: [
		s('types'),
		f('workcenterList', { kind: 'boolean' }),
		f('filter', { kind: 'boolean' }),
	],
	PresenceQueueInfo: [
		f('groupInfo', { kind: 'elementList', element: 'GroupInfo' }),
		f('queueInfo', { kind: 'elementList', element: 'QueueInfo' }),
	],
	QueueInfo: [
		s('id'),
		s('description'),
		s('guid'),
		f('loggedIn', { kind: 'count' }),
		f('ready', { kind: 'count' }),
		f('pending', { kind: 'count' }),
		f('open', { kind: 'flag' }),
		f('avgWaitingTime', { kind: 'count' }),
		f('maxWaitingTime', { kind: 'count' }),
		f('busy', { kind: 'count' }),
		f('wrapUp', { kind: 'count' }),
		f('notReady', { kind: 'count' }),
		f('paused', { kind: 'count' }),
	],
	GroupInfo: [
		s('id'),
		s('description'),
		s('parentId', ['parentID']),
		f('queuesId', { kind: 'stringList' }),
	],
	UserPresenceInfo: [
		s('user'),
		f('presenceStatus', { kind: 'code', table: 'presenceStatus' }),
		s('presenceDescription'),
		f('collaborationData', { kind: 'elementList', element: 'CollaborationData' }),
	],
	CollaborationData: [
		s('description'),
		f('channel', { kind: 'code', table: 'channel' }),
		f('capability', { kind: 'code', table: 'collaborationCapability' }),
		s('address'),
	],
	CallRecording: [
		s('callHandle'),
		s('userId'),
		f('creationTime', { kind: 'dateTime' }),
		f('startTime', { kind: 'dateTime' }),
		f('endTime', { kind: 'dateTime' }),
		s('source'),
		s('destination'),
		s('fileName'),
	],
	// The order of the OII's IciSystemService WSDL, which adds queueGuid and queueName.
	CallBack: [
		s('id'),
		s('number'),
		s('queueGuid'),
		s('queueNumber'),
		s('queueName'),
		f('handledTime', { kind: 'dateTime' }),
		f('lastCallTime', { kind: 'dateTime' }),
		f('nextCallTime', { kind: 'dateTime' }),
		f('failures', { kind: 'int' }),
		f('maxCalls', { kind: 'int' }),
		f('lastResult', { kind: 'code', table: 'callbackResult' }),
		f('extraData', { kind: 'xmlString' }),
		s('notes'),
		s('gwPrefix'),
	],
	Address: [s('address'), f('channel', { kind: 'code', table: 'channel' })],
	User: [
		s('userId'),
		f('currentWorkmode', { kind: 'text', table: 'workmode' }),
		f('workmodes', { kind: 'textList', table: 'workmode' }),
		f('wrapUpMode', { kind: 'code', table: 'wrapUpMode' }),
		f('currentChannels', { kind: 'textList', table: 'channel' }),
		f('channels', { kind: 'textList', table: 'channel' }),
		f('currentQueues', { kind: 'textList' }),
		f('queues', { kind: 'textList' }),
		f('addresses', { kind: 'elementList', element: 'Address' }),
		s('cmsHostId'),
	],
	Item: [
		f('status', { kind: 'text', table: BY_CHANNEL }),
		s('itemId'),
		PROCESSING,
		f('capabilityList', { kind: 'capabilities', table: BY_CHANNEL }),
	],
	PhoneCall: [
		s('lineNumber'),
		s('callHandle'),
		PROCESSING,
		f('remoteNumbers', { kind: 'stringList' }),
		s('dialedNumber', ['dialledNumber', 'dialNumber']),
		f('callStatus', { kind: 'text', table: 'phoneCallStatus' }),
		f('capabilityList', { kind: 'capabilities', table: 'phoneCall' }),
		f('inbound', { kind: 'boolean' }),
		f('internal', { kind: 'boolean' }),
		f('attachedData', { kind: 'attachedData' }),
		s('trunkId'),
	],
	Message: [
		s('folder'),
		s('subject'),
		s('messageId'),
		PROCESSING,
		s('originator'),
		s('messageText'),
		f('attachments', { kind: 'stringList' }),
		f('messageStatus', { kind: 'text', table: 'messageStatus' }),
		f('capabilityList', { kind: 'capabilities', table: 'message' }),
		f('attachedData', { kind: 'attachedData' }),
		s('originalMessageId'),
		f('notification', { kind: 'boolean' }),
		f('read', { kind: 'boolean' }),
		f('answered', { kind: 'boolean' }),
		f('forwarded', { kind: 'boolean' }),
	],
	ChatSession: [
		s('title'),
		s('chatLineId'),
		s('chatSessionId'),
		PROCESSING,
		f('capabilityList', { kind: 'capabilities', table: 'chatSession' }),
		f('attachedData', { kind: 'attachedData' }),
		f('chatStatus', { kind: 'text', table: 'chatStatus' }),
		f('chatParticipants', { kind: 'stringList' }),
	],
	ChatPosting: [
		s('chatSessionId'),
		s('postDate'),
		s('chatParticipant'),
		s('contentText'),
		f('systemMessage', { kind: 'boolean' }),
	],
	ActionSession: [
		f('actionParticipants', { kind: 'stringList' }),
		f('capabilityList', { kind: 'capabilities', table: 'actionSession' }),
		s('title'),
		s('actionSessionId'),
		f('actionStatus', { kind: 'text', table: 'actionStatus' }),
		PROCESSING,
		f('attachedData', { kind: 'attachedData' }),
		s('actionLineId'),
	],
	ActionItem: [
		s('systemId'),
		s('client'),
		s('requestId'),
		s('processId'),
		s('actionItemId'),
		s('actionItemInboxId'),
		f('attachedData', { kind: 'attachedData' }),
		f('capabilityList', { kind: 'capabilities', table: 'actionSession' }),
		PROCESSING,
		f('actionItemStatus', { kind: 'text', table: 'actionStatus' }),
		f('actionItemAttributes', { kind: 'elementList', element: 'Attribute' }),
	],
	Attribute: [s('id'), s('description')],
	RouteResult: [s('actionItemId', ['actionItemID'])],
};
