/**
 * The code tables of the OII specification, chapter 10 (and the value lists of chapter 9): item
 * statuses with their default capabilities, capability ids with the methods they enable, processing
 * statuses, workmodes, channel types and the other enumerations. Readers decode ids with them, the
 * simulator drives its state machines with them.
 */

export interface CodeEntry {
	/** Short name, e.g. 'Connected'. */
	name: string;
	/** The specification's explanation, when it gives one. */
	meaning?: string;
}

export type CodeTable = Readonly<Record<string, CodeEntry>>;

export interface StatusEntry extends CodeEntry {
	/** Capabilities valid in this status (the "Default capabilities" column). */
	capabilities: readonly number[];
}

export type StatusTable = Readonly<Record<string, StatusEntry>>;

export interface CapabilityEntry {
	/** What the capability allows. */
	capability: string;
	/** The ICI method it enables, as the specification names it (Interface_method). */
	method: string;
}

export type CapabilityTable = Readonly<Record<string, CapabilityEntry>>;

/** Channel-independent item capabilities 1–8 (IciItem methods). */
const ITEM_CAPABILITIES = (noun: string, forwardText: string): Record<string, CapabilityEntry> => ({
	1: { capability: `Accept a new ${noun} for processing`, method: 'IciItem_accept' },
	2: { capability: `Reroute a ${noun} before it is accepted`, method: 'IciItem_reroute' },
	3: { capability: forwardText, method: 'IciItem_forward' },
	4: { capability: 'Indicate that wrap-up time is required', method: 'IciItem_wrapUpRequired' },
	5: { capability: 'Indicate that wrap-up time is ended', method: 'IciItem_wrapUpEnded' },
	6: { capability: 'Get attached data', method: 'IciItem_getAttachedData' },
	7: { capability: 'Set attached data', method: 'IciItem_setAttachedData' },
	8: { capability: 'Delete attached data', method: 'IciItem_deleteAttachedData' },
});

/** 10.12.2 Phonecall Capabilities. */
export const PHONE_CALL_CAPABILITIES: CapabilityTable = {
	...ITEM_CAPABILITIES(
		'call',
		'Transfer a call to another destination number without consultation (is equal to deflect or blind transfer)',
	),
	1: { capability: 'Accept (answer) a ringing call', method: 'IciItem_accept' },
	101: { capability: 'Dial (outbound call)', method: 'IciPhoneCall_dial' },
	102: { capability: 'Disconnect a call', method: 'IciPhoneCall_drop' },
	103: { capability: 'Create a consultation call', method: 'IciPhoneCall_consult' },
	104: {
		capability: 'Transfer a held call to a consulted number',
		method: 'IciPhoneCall_transfer',
	},
	105: { capability: 'Create a phone conference', method: 'IciPhoneCall_conference' },
	106: { capability: 'Drop a party from a phone conference', method: 'IciPhoneCall_dropParty' },
	107: { capability: 'Put a call on hold', method: 'IciPhoneCall_hold' },
	108: { capability: 'Release a held call', method: 'IciPhoneCall_unhold' },
	109: { capability: 'Toggle between a held and connected call', method: 'IciPhoneCall_alternate' },
	110: {
		capability: 'Disconnect a connected call and release a held call',
		method: 'IciPhoneCall_reconnect',
	},
	111: { capability: 'Listen to another call', method: 'IciPhoneCall_listen' },
	112: { capability: 'End listening another call', method: 'IciPhoneCall_listenEnd' },
};

/** 10.12.3 Phonecall Status. */
export const PHONE_CALL_STATUSES: StatusTable = {
	1: {
		name: 'Created',
		meaning: 'Initial outbound call created by an ICI application with IciItem_create',
		capabilities: [6, 7, 8, 101, 102, 103],
	},
	2: {
		name: 'New',
		meaning: 'Inbound call not assigned to any phone line (usually waiting in a queue)',
		capabilities: [],
	},
	3: { name: 'Alerting', meaning: 'Inbound call is signaled', capabilities: [1, 2, 3] },
	4: { name: 'Ended', meaning: 'Disconnected call', capabilities: [5] },
	101: {
		name: 'Connected',
		meaning: 'Call is connected, parties can talk',
		capabilities: [3, 4, 6, 7, 8, 102, 104, 105, 107, 109, 110],
	},
	102: {
		name: 'Idle',
		meaning:
			'Initial call created by the contact center (e.g. user took the receiver off the hook)',
		capabilities: [6, 7, 8, 101, 102, 103],
	},
	103: { name: 'Dialing', meaning: 'Outbound call is dialed', capabilities: [102] },
	104: { name: 'Ringing', meaning: 'Outbound call rings', capabilities: [102] },
	105: { name: 'Busy', meaning: 'Call is busy (the remote party is busy)', capabilities: [102] },
	106: {
		name: 'Hold',
		meaning: 'Call is held, on hold status was triggered by this number',
		capabilities: [4, 6, 7, 8, 102, 103, 104, 105, 108, 109, 110],
	},
	107: {
		name: 'Held',
		meaning: 'Call is held, on hold status was triggered by the remote number',
		capabilities: [4, 6, 7, 8, 102],
	},
	108: {
		name: 'ConferenceOwner',
		meaning: 'Call represents a conference call, established by this number',
		capabilities: [4, 6, 7, 8, 102, 106, 107],
	},
	109: {
		name: 'ConferenceParticipant',
		meaning: 'Call represents a conference call, established by a remote number',
		capabilities: [4, 6, 7, 8, 102, 107],
	},
	110: {
		name: 'Listened',
		meaning: 'User (usually a supervisor) listens to a phone call',
		capabilities: [112],
	},
};

/** 10.13.2 Message Capabilities. */
export const MESSAGE_CAPABILITIES: CapabilityTable = {
	...ITEM_CAPABILITIES('message', 'Forward a message to another destination'),
	201: { capability: 'Set message contents', method: 'IciMessage_setContent' },
	202: { capability: 'Send message', method: 'IciMessage_send' },
	203: { capability: 'Delete message', method: 'IciMessage_delete' },
};

/** 10.13.3 Message Status. */
export const MESSAGE_STATUSES: StatusTable = {
	1: {
		name: 'Created',
		meaning: 'Initial message created by an ICI application with IciItem_create',
		capabilities: [6, 7, 8, 201],
	},
	2: {
		name: 'New',
		meaning: 'Inbound message not assigned to an agent (usually waiting in a queue)',
		capabilities: [],
	},
	3: { name: 'Alerting', meaning: 'Inbound message signaled to an agent', capabilities: [1, 2, 3] },
	4: { name: 'Ended', meaning: 'Message deleted (may be archived)', capabilities: [5] },
	201: {
		name: 'Accepted',
		meaning: 'Inbound message accepted by an agent',
		capabilities: [3, 4, 6, 7, 8, 203],
	},
	202: {
		name: 'Draft',
		meaning: 'Message has been saved but not yet sent',
		capabilities: [4, 6, 7, 8, 201, 202, 203],
	},
	203: { name: 'Sent', meaning: 'Message has been sent', capabilities: [4, 5, 6, 7, 8, 203] },
};

/** 10.14.2 ChatSession Capabilities. */
export const CHAT_SESSION_CAPABILITIES: CapabilityTable = {
	...ITEM_CAPABILITIES('chat session', 'Forward a chat session to another destination'),
	301: { capability: 'Leave a chat session', method: 'IciChatSession_leave' },
	302: {
		capability: 'Join an existing chat session not signaled via event (not implemented)',
		method: 'IciChatSession_join',
	},
	303: {
		capability: 'Start a conference chat session (not implemented)',
		method: 'IciChatSession_conference',
	},
	304: { capability: 'Post a message to the chat session', method: 'IciChatSession_postMessage' },
	305: { capability: 'Invite participants in a chat session', method: 'IciChatSession_invite' },
};

/** 10.14.3 ChatSession Status. */
export const CHAT_SESSION_STATUSES: StatusTable = {
	1: {
		name: 'Created',
		meaning: 'Initial chat session created by an ICI application with IciItem_create',
		capabilities: [6, 7, 8, 302, 305],
	},
	2: {
		name: 'New',
		meaning: 'Chat session not assigned to any chat line (usually waiting in a queue)',
		capabilities: [],
	},
	3: { name: 'Alerting', meaning: 'Inbound chat session is signaled', capabilities: [1, 2, 3] },
	4: { name: 'Ended', meaning: 'Ended chat session', capabilities: [5] },
	301: {
		name: 'Connected',
		meaning: 'Chat session is connected, parties can talk',
		capabilities: [3, 4, 6, 7, 8, 301, 302, 303, 304],
	},
	302: {
		name: 'Inviting',
		meaning:
			'Chat session participants are being invited (equivalent to status "ringing" in telephony)',
		capabilities: [301],
	},
};

/** 10.16.2 ActionSession Capabilities. */
export const ACTION_SESSION_CAPABILITIES: CapabilityTable = {
	...ITEM_CAPABILITIES('action item', 'Forward an action item to another destination'),
	401: { capability: 'Enqueue (not implemented)', method: 'IciActionItem_enqueue' },
	402: {
		capability: 'Route (this actually creates the action item, so this capability is not used)',
		method: 'IciActionItem_route',
	},
	403: { capability: 'End', method: 'IciMessage_end' },
};

/** 10.16.3 ActionSession Status. */
export const ACTION_SESSION_STATUSES: StatusTable = {
	1: {
		name: 'Created',
		meaning:
			'Action Item created by an ICI application with IciItem_create (not used, instead IciActionItem_route is used)',
		capabilities: [6, 7, 8, 401, 402, 403],
	},
	2: {
		name: 'New',
		meaning: 'Action Item not assigned to an agent (usually waiting in a queue)',
		capabilities: [],
	},
	3: { name: 'Alerting', meaning: 'Action Item signaled to an agent', capabilities: [1, 2, 3, 6] },
	4: { name: 'Ended', meaning: 'Ended Action Item', capabilities: [5] },
	401: {
		name: 'Accepted',
		meaning: 'Action Item accepted by an agent',
		capabilities: [3, 4, 6, 7, 8, 403],
	},
};

/** Channel types (item create, container subscribe, presence). */
export const CHANNEL_TYPES: CodeTable = {
	1: { name: 'Telephony', meaning: 'Phone call / phone line' },
	2: { name: 'Messaging', meaning: 'E-mail, fax or pager/SMS message / folder' },
	3: { name: 'Chat', meaning: 'Chat session / chat line' },
	4: { name: 'Action routing', meaning: 'Action item / action item inbox' },
};

/** Forward destination types (9.4.6). */
export const DESTINATION_TYPES: CodeTable = {
	1: { name: 'Phone line' },
	2: { name: 'Folder' },
	3: { name: 'Chat line' },
	4: { name: 'Action item inbox' },
	12: { name: 'Queue' },
};

/** Processing status of every item (10.12.1, 10.13.1, 10.14.1, 10.16.1). */
export const PROCESSING_STATUSES: CodeTable = {
	1: { name: 'Not in process' },
	2: { name: 'Active' },
	3: { name: 'Wrap up' },
	4: { name: 'Suspended' },
};

/** Workmodes (10.10.1). */
export const WORKMODES: CodeTable = {
	1: { name: 'Logged off' },
	2: { name: 'Logged on - ready' },
	3: { name: 'Logged on - not ready' },
	1000: { name: 'No Phone', meaning: 'Treated as "Logged on - not ready"' },
};

/** Wrap-up modes (10.10.1). */
export const WRAP_UP_MODES: CodeTable = {
	1: { name: 'Automatic wrap up status' },
	2: { name: 'Requested wrap up status' },
};

/** Channels of a user (10.10.1, extended with the chat and action channels of 10.6.1). */
export const USER_CHANNELS: CodeTable = {
	1: { name: 'Phone call' },
	2: { name: 'Message' },
	3: { name: 'Chat' },
	4: { name: 'Action' },
};

/** Item status of IciItem.create (10.11.1). */
export const ITEM_STATUSES: CodeTable = {
	1: { name: 'Created' },
};

/** Presence status of getUserPresence (10.5.1). */
export const PRESENCE_STATUSES: CodeTable = {
	0: { name: 'NotAvailable' },
	1: { name: 'Available' },
	2: { name: 'Busy' },
	3: { name: 'LoggedOff' },
};

/** Collaboration capabilities of getUserPresence (10.6.1). */
export const COLLABORATION_CAPABILITIES: CodeTable = {
	3: { name: 'Forward' },
	101: { name: 'Dial' },
	104: { name: 'Transfer' },
};

/** Container status of containerChanged (9.3.3). */
export const CONTAINER_STATUSES: CodeTable = {
	1: { name: 'OK' },
	2: { name: 'Failure' },
	3: { name: 'Removed' },
};

/** Reasons of subscriptionEnded (9.3.2). */
export const SUBSCRIPTION_END_REASONS: CodeTable = {
	1: {
		name: 'Shut-down',
		meaning:
			'Contact center shut-down phase. Subscriptions will be lost and resubscriptions are necessary.',
	},
	2: {
		name: 'Paused',
		meaning:
			'Contact center paused. Subscriptions will not be lost and a resubscription is not necessary.',
	},
	3: {
		name: 'Timeout',
		meaning:
			'Subscription timeout. The application needs a resubscription if it is still interested in getting the events.',
	},
};

/** nextStep of IciPhoneCall.consult (9.7.3). */
export const CONSULT_NEXT_STEPS: CodeTable = {
	1: { name: 'Unknown' },
	2: { name: 'Transfer' },
	3: { name: 'Conference' },
	4: { name: 'Reconnect' },
};

/** Results of updateCallBack (9.1.7). */
export const CALLBACK_RESULTS: CodeTable = {
	BADADDRESS: { name: 'Bad address', meaning: 'Failure: increments the failure count' },
	BUSY: { name: 'Busy', meaning: 'Failure: increments the failure count' },
	NO_ANSWER: { name: 'No answer', meaning: 'Failure: increments the failure count' },
	VOICEMAIL: { name: 'Voicemail', meaning: 'Failure: increments the failure count' },
	OTHER: { name: 'Other', meaning: 'Failure: increments the failure count' },
	SUCCESSFUL: { name: 'Successful', meaning: 'The callback succeeded' },
	HANDLED: { name: 'Handled', meaning: 'Removes the callback' },
};

/** The callback results that count as failures. */
export const CALLBACK_FAILURES: readonly string[] = [
	'BADADDRESS',
	'BUSY',
	'NO_ANSWER',
	'VOICEMAIL',
	'OTHER',
];

/** Routing attributes of action items (7.3). */
export const ACTION_ITEM_ROUTING_ATTRIBUTES: CodeTable = {
	FROM_ADDRESS: { name: 'From Address', meaning: 'Saved to Activity.SourceAddress' },
	TO_ADDRESS: {
		name: 'To Address',
		meaning:
			'Saved to Activity.DestinationAddress; also selects the e-mail queue by queue address (case insensitive)',
	},
	Z_TO_ADDRESS: {
		name: 'Z To Address',
		meaning: 'Overrides TO_ADDRESS to select the e-mail queue by queue address',
	},
	Z_TO_ADDRESS_DIS: {
		name: 'Z To Address Dis',
		meaning: 'Overrides TO_ADDRESS to save Activity.DestinationAddress',
	},
	SUBJECT: { name: 'Subject', meaning: 'Saved to Activity.Subject' },
	SKILL: {
		name: 'Skill',
		meaning: 'Skill requirement <GuidOrExtName>[=1-5] (default 4); repeatable',
	},
	DELETE: {
		name: 'Delete',
		meaning: 'X deletes the existing action item (or does not create a new one)',
	},
	REQUIRED_AGENT: {
		name: 'Required Agent',
		meaning: 'Required agent GUID, CRM login ID or user login ID; repeatable',
	},
	REQUIRED_AGENT_EXPIRY_TIME: {
		name: 'Required Agent Expiry Time',
		meaning: 'Seconds until any agent may get the item (default 604800)',
	},
};

/** The tables of one channel type. */
export interface ChannelTables {
	statuses: StatusTable;
	capabilities: CapabilityTable;
}

export const CHANNEL_TABLES: Readonly<Record<string, ChannelTables>> = {
	1: { statuses: PHONE_CALL_STATUSES, capabilities: PHONE_CALL_CAPABILITIES },
	2: { statuses: MESSAGE_STATUSES, capabilities: MESSAGE_CAPABILITIES },
	3: { statuses: CHAT_SESSION_STATUSES, capabilities: CHAT_SESSION_CAPABILITIES },
	4: { statuses: ACTION_SESSION_STATUSES, capabilities: ACTION_SESSION_CAPABILITIES },
};

/** Every code table by name, for the element schema. */
export const CODE_TABLES = {
	phoneCallStatus: PHONE_CALL_STATUSES,
	messageStatus: MESSAGE_STATUSES,
	chatStatus: CHAT_SESSION_STATUSES,
	actionStatus: ACTION_SESSION_STATUSES,
	processingStatus: PROCESSING_STATUSES,
	workmode: WORKMODES,
	wrapUpMode: WRAP_UP_MODES,
	channel: USER_CHANNELS,
	channelType: CHANNEL_TYPES,
	itemStatus: ITEM_STATUSES,
	presenceStatus: PRESENCE_STATUSES,
	collaborationCapability: COLLABORATION_CAPABILITIES,
	containerStatus: CONTAINER_STATUSES,
	subscriptionEndReason: SUBSCRIPTION_END_REASONS,
	callbackResult: CALLBACK_RESULTS,
} as const satisfies Record<string, CodeTable>;

export type CodeTableName = keyof typeof CODE_TABLES;

export const CAPABILITY_TABLES = {
	phoneCall: PHONE_CALL_CAPABILITIES,
	message: MESSAGE_CAPABILITIES,
	chatSession: CHAT_SESSION_CAPABILITIES,
	actionSession: ACTION_SESSION_CAPABILITIES,
} as const satisfies Record<string, CapabilityTable>;

export type CapabilityTableName = keyof typeof CAPABILITY_TABLES;

/** The capability table of a channel type ('1'–'4'), phone calls when unknown. */
export function capabilityTableForChannel(
	channelType: string | number | undefined,
): CapabilityTableName {
	switch (String(channelType ?? '').trim()) {
		case '2':
			return 'message';
		case '3':
			return 'chatSession';
		case '4':
			return 'actionSession';
		default:
			return 'phoneCall';
	}
}

/** The status table of a channel type ('1'–'4'), phone calls when unknown. */
export function statusTableForChannel(channelType: string | number | undefined): CodeTableName {
	switch (String(channelType ?? '').trim()) {
		case '2':
			return 'messageStatus';
		case '3':
			return 'chatStatus';
		case '4':
			return 'actionStatus';
		default:
			return 'phoneCallStatus';
	}
}

/** Look a code up (own properties only). */
export function lookup<T>(table: Readonly<Record<string, T>>, id: string | number): T | undefined {
	const key = String(id).trim();
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The capability id that enables an ICI method (e.g. 'IciPhoneCall_hold' → 107) in a table. */
export function capabilityForMethod(table: CapabilityTable, method: string): number | undefined {
	const found = Object.entries(table).find(([, entry]) => entry.method === method);
	return found ? Number(found[0]) : undefined;
}
