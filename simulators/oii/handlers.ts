import { encodeElement, arrayEntries, childOf, isNil } from '../../nodes/SapIci/elements';
import type { IciOperationDef } from '../../nodes/SapIci/operations';
import {
	CMS_PING_VALUE,
	DEFAULT_ICI_VERSION,
	DEFAULT_USER_PRESENCE_MAX_HITS,
} from '../../nodes/SapIci/constants';
import { CHANNEL_TYPES, lookup, PRESENCE_STATUSES } from '../../nodes/SapIci/tables';
import { TEXT_KEY, type XmlElement, type XmlValue } from '../../nodes/shared/xml';
import { oiiFault } from './errors';
import { OII_SIM_MESSAGE_GROUPS, OII_SIM_PRODUCT_NAME, OII_SIM_PRODUCT_VERSION } from './seed';
import {
	parseOiiTime,
	type Channel,
	type OiiState,
	type SimAttribute,
	type SimUser,
} from './state';

/**
 * One handler per ICI operation, keyed `<resource>.<operation>` like the operation table: each
 * reads the request's elements, drives the simulated contact center and says what to answer.
 */

/** The request elements of one call, read leniently (any namespace, nil as absent). */
export class Args {
	constructor(readonly element: XmlElement) {}

	private value(name: string): XmlValue | undefined {
		return childOf(this.element, name);
	}

	has(name: string): boolean {
		const value = this.value(name);
		return value !== undefined && !isNil(value);
	}

	/** Text of an element ('' when absent or nil). */
	text(name: string): string {
		return this.nullable(name) ?? '';
	}

	/** Text of an element, null when absent or nil. */
	nullable(name: string): string | null {
		const value = this.value(name);
		if (value === undefined || isNil(value)) return null;
		return textOf(value);
	}

	/** Required text: a fault when absent or empty. */
	required(name: string): string {
		const value = this.text(name).trim();
		if (!value) throw oiiFault('missingParameter', `${name} is required`);
		return value;
	}

	boolean(name: string): boolean | undefined {
		const value = this.nullable(name)?.trim();
		if (value === undefined || value === '') return undefined;
		if (/^(true|1)$/i.test(value)) return true;
		if (/^(false|0)$/i.test(value)) return false;
		throw oiiFault('invalidParameter', `${name} must be true or false, not "${value}"`);
	}

	/** `<item>` / `<Item>` entries as texts. */
	list(name: string): string[] {
		return arrayEntries(this.value(name))
			.map((entry) => textOf(entry).trim())
			.filter((entry) => entry !== '');
	}

	/** `<item>` entries as elements. */
	entries(name: string): XmlElement[] {
		return arrayEntries(this.value(name)).filter(
			(entry): entry is XmlElement =>
				typeof entry === 'object' && !Array.isArray(entry) && !isNil(entry),
		);
	}

	child(name: string): Args {
		const value = this.value(name);
		return new Args(value && typeof value === 'object' && !Array.isArray(value) ? value : {});
	}
}

function textOf(value: XmlValue): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.length ? textOf(value[0]) : '';
	const text = value[TEXT_KEY];
	return typeof text === 'string' ? text : '';
}

export interface Answer {
	/** Content of `<response>`; undefined = an empty `<response />`, null = xsi:nil. */
	response?: XmlValue | null;
	/** Elements after `<response>` (cmsHostId). */
	siblings?: Array<[string, XmlValue]>;
	/** The answer element has no children at all (updateCallBack). */
	bare?: boolean;
}

export type Handler = (state: OiiState, args: Args, def: IciOperationDef) => Answer;

const NONE: Answer = {};

function channelOf(args: Args, name = 'channelType'): Channel {
	const value = args.required(name);
	if (!lookup(CHANNEL_TYPES, value))
		throw oiiFault('invalidParameter', `${name} "${value}" must be 1, 2, 3 or 4`);
	return Number(value) as Channel;
}

function attributes(entries: XmlElement[]): SimAttribute[] {
	return entries.map((entry) => {
		const args = new Args(entry);
		return { id: args.text('id').trim(), description: args.text('description') };
	});
}

function list(
	values: Array<Record<string, unknown>>,
	element: Parameters<typeof encodeElement>[0],
): XmlValue {
	return values.length ? { item: values.map((v) => encodeElement(element, v)) } : '';
}

function presenceInfo(state: OiiState, user: SimUser): Record<string, unknown> {
	const presence = state.presenceOf(user);
	const phone = state.containerOf(user, 1);
	const email = state.containerOf(user, 2);
	const collaboration: Array<Record<string, unknown>> = [];
	if (phone) {
		collaboration.push(
			{ description: 'Call', channel: '1', capability: '101', address: phone },
			{ description: 'Blind transfer', channel: '1', capability: '3', address: phone },
			{ description: 'Warm transfer', channel: '1', capability: '104', address: phone },
		);
	}
	if (email)
		collaboration.push({ description: 'Forward', channel: '2', capability: '3', address: email });
	return {
		user: user.userId,
		presenceStatus: String(presence),
		presenceDescription: lookup(PRESENCE_STATUSES, presence)?.name ?? '',
		collaborationData: collaboration,
	};
}

function matchesSearch(user: SimUser, term: string): boolean {
	const haystack = [
		user.userId,
		user.firstName,
		user.lastName,
		user.title,
		...user.addresses.map((a) => a.address),
	]
		.join(' ')
		.toLowerCase();
	return term
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}

function maxHits(args: Args, fallback: number | undefined): number | undefined {
	const raw = args.text('maxhits').trim();
	if (raw === '') return fallback;
	if (!/^\d+$/.test(raw))
		throw oiiFault('invalidParameter', `maxhits "${raw}" is not a whole number`);
	return Number(raw);
}

function timeFilter(args: Args, name: string): number | undefined {
	const raw = args.text(name).trim();
	if (raw === '') return undefined;
	const date = parseOiiTime(raw);
	if (!date) throw oiiFault('invalidParameter', `${name} "${raw}" is not a date and time`);
	return date.getTime();
}

export const OII_HANDLERS: Record<string, Handler> = {
	// IciSystem
	'system.exchangeProductInformation': (_state, args) => ({
		response: encodeElement('ProductInformation', {
			message: null,
			productName: OII_SIM_PRODUCT_NAME,
			iciMessageGroups: OII_SIM_MESSAGE_GROUPS,
			productVersion: OII_SIM_PRODUCT_VERSION,
			iciVersion: args.text('iciVersion').trim() || DEFAULT_ICI_VERSION,
		}),
	}),
	'system.getWorkcenterCapability': (state, args) => {
		state.findUser(args.required('userId'));
		return {
			response: encodeElement('WorkcenterCapability', {
				types: '0',
				workcenterList: false,
				filter: false,
			}),
		};
	},
	'system.getPresenceQueueInfo': (state, args) => {
		const user = state.findUser(args.required('userId'));
		const channel = channelOf(args);
		// Optional filters of the OII's WSDL: each one given narrows the queues to those matching it whole.
		const filter = (name: string, value: (q: (typeof state.queues)[number]) => string) => {
			const wanted = args.text(name).trim().toLowerCase();
			return (q: (typeof state.queues)[number]) =>
				wanted === '' || value(q).toLowerCase() === wanted;
		};
		const byGuid = filter('queueGuid', (q) => q.guid);
		const byAddress = filter('queueAddress', (q) => q.id);
		const byName = filter('queueName', (q) => q.name);
		const queues = state.queues.filter(
			(q) =>
				q.channelType === channel &&
				user.queues.includes(q.id) &&
				byGuid(q) &&
				byAddress(q) &&
				byName(q),
		);
		return {
			response: encodeElement('PresenceQueueInfo', {
				groupInfo: [{ id: '1', description: '*', parentId: '', queuesId: null }],
				queueInfo: queues.map((q) => ({
					id: q.id,
					description: q.name,
					guid: q.guid,
					...state.queueStatistics(q),
				})),
			}),
		};
	},
	'system.getUserPresence': (state, args) => {
		const ids = args.list('users');
		const limit = maxHits(args, DEFAULT_USER_PRESENCE_MAX_HITS) ?? DEFAULT_USER_PRESENCE_MAX_HITS;
		let users: SimUser[];
		if (ids.length) {
			users = ids.flatMap((id) =>
				state.users.filter((u) => u.userId.toLowerCase() === id.toLowerCase()),
			);
		} else {
			const term = args.text('searchterm').trim();
			users = term ? state.users.filter((u) => matchesSearch(u, term)).slice(0, limit) : [];
		}
		return {
			response: list(
				users.map((u) => presenceInfo(state, u)),
				'UserPresenceInfo',
			),
		};
	},
	'system.getCallRecordings': (state, args) => {
		const from = timeFilter(args, 'dateTimeFrom');
		const to = timeFilter(args, 'dateTimeTo');
		const handle = args.text('callHandle').trim().toUpperCase();
		const userId = args.text('userId').trim().toLowerCase();
		const path = args.text('filePath').trim().toLowerCase();
		const name = args.text('fileName').trim().toLowerCase();
		const limit = maxHits(args, undefined);
		const found = state.recordings.filter((r) => {
			const created = new Date(r.creationTime).getTime();
			const file = r.fileName.toLowerCase();
			const slash = Math.max(file.lastIndexOf('\\'), file.lastIndexOf('/'));
			return (
				(!handle || r.callHandle.toUpperCase() === handle) &&
				(!userId || r.userId.toLowerCase() === userId) &&
				(from === undefined || created >= from) &&
				(to === undefined || created <= to) &&
				(!path || file.slice(0, Math.max(slash, 0)).startsWith(path.replace(/[\\/]+$/, ''))) &&
				(!name || file.slice(slash + 1) === name)
			);
		});
		return {
			response: list(
				(limit === undefined ? found : found.slice(0, limit)).map((r) => ({ ...r })),
				'CallRecording',
			),
		};
	},
	'system.createCallBack': (state, args) => ({
		response: state.createCallBack({
			number: args.required('number'),
			queue: args.required('queue'),
			callTime: args.nullable('callTime'),
			extraData: args.nullable('extraData'),
			gwPrefix: args.nullable('gwPrefix'),
			notes: args.nullable('notes'),
		}),
	}),
	'system.updateCallBack': (state, args) => {
		state.updateCallBack(args.required('id'), args.required('result'), args.nullable('notes'));
		return { bare: true };
	},
	'system.getCallBacks': (state, args) => ({
		response: list(
			state
				.callBacksMatching({
					id: args.text('id'),
					number: args.text('number'),
					queueGuid: args.text('queueGuid'),
					queueNumber: args.text('queueNumber'),
					queueName: args.text('queueName'),
				})
				.map((c) => ({ ...c })),
			'CallBack',
		),
	}),

	// IciUser
	'user.getAttributes': (state, args) => {
		const siblings: Array<[string, XmlValue]> = [['cmsHostId', state.cmsHostId]];
		if (args.text('cmsPing').trim().toUpperCase() === CMS_PING_VALUE) return { siblings };
		const user = state.findUser(args.required('userId'));
		return { response: encodeElement('User', state.userWire(user)), siblings };
	},
	'user.setCurrentWorkmode': (state, args) => {
		state.setWorkmode(state.findUser(args.required('userId')), args.required('workmode'));
		return NONE;
	},
	'user.setCurrentChannels': (state, args) => {
		state.setChannels(state.findUser(args.required('userId')), args.list('channels'));
		return NONE;
	},
	'user.setCurrentQueues': (state, args) => {
		state.setQueues(state.findUser(args.required('userId')), args.list('queues'));
		return NONE;
	},
	'user.setAddresses': (state, args) => {
		const user = state.findUser(args.required('userId'));
		const addresses = args.entries('addresses').map((entry) => {
			const a = new Args(entry);
			return { address: a.required('address'), channel: a.required('channel') };
		});
		state.setAddresses(user, addresses);
		return NONE;
	},
	'user.subscribe': (state, args) => {
		const user = state.findUser(args.required('userId'));
		state.subscribe({
			kind: 'user',
			appUrl: args.required('appUrl'),
			appId: args.required('appId'),
			userId: user.userId,
		});
		return NONE;
	},
	'user.unsubscribe': (state, args) => {
		state.unsubscribe('user', args.required('appUrl'), args.required('appId'));
		return NONE;
	},

	// IciItem
	'item.create': (state, args) => {
		const item = state.createItem(channelOf(args), args.required('containerId'));
		const wire = state.itemWire(item);
		return {
			response: encodeElement('Item', {
				...wire,
				status: { id: '1', description: 'created' },
				processingStatus: { id: '1', description: 'not in process' },
			}),
		};
	},
	'item.wrapUpRequired': (state, args) => {
		state.wrapUpRequired(state.findItem(args.required('itemId')));
		return NONE;
	},
	'item.wrapUpEnded': (state, args) => {
		state.wrapUpEnded(state.findItem(args.required('itemId')));
		return NONE;
	},
	'item.accept': (state, args) => {
		state.accept(state.findItem(args.required('itemId')), args.required('containerId'));
		return NONE;
	},
	'item.reroute': (state, args) => {
		state.reroute(state.findItem(args.required('itemId')), args.required('containerId'));
		return NONE;
	},
	'item.forward': (state, args) => {
		state.forward(
			state.findItem(args.required('itemId')),
			args.required('containerId'),
			args.required('destType'),
			args.required('destination'),
		);
		return NONE;
	},
	'item.getAttachedData': (state, args) => ({
		response: state.getAttachedData(state.findItem(args.required('itemId'))),
	}),
	'item.setAttachedData': (state, args) => {
		state.setAttachedData(state.findItem(args.required('itemId')), args.text('attachedData'));
		return NONE;
	},
	'item.deleteAttachedData': (state, args) => {
		state.deleteAttachedData(state.findItem(args.required('itemId')));
		return NONE;
	},

	// IciContainer
	'container.subscribe': (state, args) => {
		const channel = channelOf(args);
		const containerId = args.required('containerId');
		state.requireContainer(channel, containerId);
		state.subscribe({
			kind: 'container',
			appUrl: args.required('appUrl'),
			appId: args.required('appId'),
			channelType: String(channel),
			containerId,
		});
		return NONE;
	},
	'container.unsubscribe': (state, args) => {
		state.unsubscribe('container', args.required('appUrl'), args.required('appId'));
		return NONE;
	},

	// IciPhoneLine
	'phoneLine.getCalls': (state, args) => {
		const line = args.required('lineNumber');
		state.requireContainer(1, line);
		return {
			response: list(
				state.listed(1, line).map((call) => state.callWire(call)),
				'PhoneCall',
			),
		};
	},
	'phoneLine.dropCalls': (state, args) => {
		const line = args.required('lineNumber');
		state.requireContainer(1, line);
		state.dropCalls(line);
		return NONE;
	},

	// IciPhoneCall
	'phoneCall.getAttributes': (state, args) => ({
		response: encodeElement(
			'PhoneCall',
			state.callWire(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber'))),
		),
	}),
	'phoneCall.dial': (state, args) => ({
		response: state.dial(
			state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')),
			args.required('dialNumber'),
		),
	}),
	'phoneCall.consult': (state, args) => {
		const line = args.required('lineNumber');
		state.consult(
			state.itemIn(args.required('callHandle'), 1, line),
			state.itemIn(args.required('connCallHandle'), 1, line),
			args.required('dialNumber'),
			args.text('nextStep').trim() || '1',
		);
		return NONE;
	},
	'phoneCall.transfer': (state, args) => {
		const line = args.required('lineNumber');
		state.transfer(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.reconnect': (state, args) => {
		const line = args.required('lineNumber');
		state.reconnect(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.drop': (state, args) => {
		state.drop(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.hold': (state, args) => {
		state.hold(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.unhold': (state, args) => {
		state.unhold(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.alternate': (state, args) => {
		const line = args.required('lineNumber');
		state.alternate(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.conference': (state, args) => {
		const line = args.required('lineNumber');
		state.conference(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.dropParty': (state, args) => {
		state.dropParty(
			state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')),
			args.required('remoteNumber'),
		);
		return NONE;
	},

	// IciFolder
	'folder.getMessages': (state, args) => {
		const folder = args.required('folder');
		state.requireContainer(2, folder);
		return {
			response: list(
				state.listed(2, folder).map((m) => state.messageWire(m)),
				'Message',
			),
		};
	},

	// IciMessage
	'message.getAttributes': (state, args) => ({
		response: encodeElement(
			'Message',
			state.messageWire(state.findItemOf(args.required('messageId'), 2)),
		),
	}),
	'message.getContent': (state, args) => ({
		response: state.findItemOf(args.required('messageId'), 2).content,
	}),
	'message.setContent': (state, args) => {
		state.setContent(state.findItemOf(args.required('messageId'), 2), args.text('content'));
		return NONE;
	},
	'message.delete': (state, args) => {
		state.deleteMessage(state.findItemOf(args.required('messageId'), 2));
		return NONE;
	},
	'message.send': (state, args) => {
		state.send(
			state.findItemOf(args.required('messageId'), 2),
			args.boolean('requestSuccessNotification') ?? false,
			args.boolean('requestFailureNotification') ?? false,
		);
		return NONE;
	},
	'message.setActionFlags': (state, args) => {
		state.setActionFlags(state.findItemOf(args.required('messageId'), 2), {
			read: args.boolean('read'),
			answered: args.boolean('answered'),
			forwarded: args.boolean('forwarded'),
		});
		return NONE;
	},
	'message.end': (state, args) => {
		state.end(state.findItemOf(args.required('messageId'), 4));
		return NONE;
	},

	// IciChatLine
	'chatLine.getSessions': (state, args) => {
		const line = args.required('chatLineId');
		state.requireContainer(3, line);
		return {
			response: list(
				state.listed(3, line).map((c) => state.chatWire(c)),
				'ChatSession',
			),
		};
	},

	// IciChatSession
	'chatSession.getAttributes': (state, args) => ({
		response: encodeElement(
			'ChatSession',
			state.chatWire(state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId'))),
		),
	}),
	'chatSession.invite': (state, args) => {
		state.invite(
			state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId')),
			args.required('chatLineId'),
			args.nullable('title') ?? undefined,
			args.list('chatParticipants'),
		);
		return NONE;
	},
	'chatSession.leave': (state, args) => {
		state.leave(
			state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId')),
			args.required('chatLineId'),
		);
		return NONE;
	},
	'chatSession.getDialog': (state, args) => ({
		response: list(
			state.findItemOf(args.required('chatSessionId'), 3).postings.map((p) => ({ ...p })),
			'ChatPosting',
		),
	}),
	'chatSession.postMessage': (state, args) => {
		const text = args.text('contentText');
		if (text.trim() === '') throw oiiFault('missingParameter', 'contentText is required');
		state.postMessage(
			state.findItemOf(args.required('chatSessionId'), 3),
			args.required('chatLineId'),
			text,
		);
		return NONE;
	},

	// IciActionItem
	'actionItem.route': (state, args) => {
		if (!args.has('itemData')) throw oiiFault('missingParameter', 'itemData is required');
		const data = args.child('itemData');
		const id = state.route({
			systemId: data.text('systemId').trim(),
			client: data.text('client').trim(),
			requestId: data.text('requestId').trim(),
			processId: data.text('processId').trim(),
			attachedData: data.text('attachedData'),
			attributes: attributes(data.entries('actionItemAttributes')),
			routing: attributes(args.entries('routingAttributes')),
		});
		return { response: { actionItemID: id } };
	},
};
