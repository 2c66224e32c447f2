import { randomUUID } from 'node:crypto';

import { ICI_EVENT_NAMESPACE } from '../../nodes/SapIci/constants';
import { encodeElement, readAttachedData, writeAttachedData } from '../../nodes/SapIci/elements';
import { writeIciEnvelope, type BodyChild } from '../../nodes/SapIci/envelope';
import {
	CALLBACK_FAILURES,
	CALLBACK_RESULTS,
	CHANNEL_TABLES,
	CHANNEL_TYPES,
	CONTAINER_STATUSES,
	PROCESSING_STATUSES,
	SUBSCRIPTION_END_REASONS,
	capabilityForMethod,
	lookup,
	type StatusEntry,
} from '../../nodes/SapIci/tables';
import { parseXml, rootOf, type XmlElement } from '../../nodes/shared/xml';
import { oiiFault } from './errors';
import {
	ACTION_QUEUE,
	BUSY_NUMBERS,
	CALLBACK_MAX_CALLS,
	CALLBACK_RETRY_MINUTES,
	NO_ANSWER_NUMBERS,
	OII_SIM_CMS_HOST_ID,
	SEED_CALLBACKS,
	SEED_CHANNELS,
	SEED_QUEUES,
	SEED_RECORDINGS,
	SEED_USERS,
	SEED_WORKMODES,
	type SeedRecording,
} from './seed';

/**
 * The simulated contact center: agents with workmodes, channels, queues and addresses; phone
 * calls, e-mail messages, chat sessions and action items moving through the status tables of
 * chapter 10 (each item's capabilityList is its status's default capabilities, and an operation
 * whose capability is missing is refused); allocation of queued items to ready agents; callbacks,
 * call recordings; and the event subscriptions, with every change turned into the IciEvent message
 * a subscriber would receive.
 */

export type Channel = 1 | 2 | 3 | 4;

export interface TextValue {
	id: string;
	description: string;
}

export interface SimUser {
	userId: string;
	firstName: string;
	lastName: string;
	title: string;
	workmode: string;
	wrapUpMode: 1 | 2;
	channels: string[];
	currentChannels: string[];
	queues: string[];
	currentQueues: string[];
	addresses: Array<{ address: string; channel: string }>;
	/** When the user last became ready (allocation order). */
	readySince: number;
}

export interface SimQueue {
	id: string;
	name: string;
	guid: string;
	channelType: Channel;
}

interface ItemBase {
	id: string;
	status: number;
	processing: number;
	/** Phone line, folder, chat line or action item inbox; '' while waiting in a queue. */
	containerId: string;
	/** The queue the item came through ('' for direct items). */
	queueId: string;
	attachedData: string;
	wrapUpRequested: boolean;
	/** No longer listed in its container (ended without wrap-up, or wrap-up ended). */
	removed: boolean;
	/** Users who rerouted the item: it is not offered to them again. */
	excluded: string[];
	createdAt: number;
	/** When the item was accepted or connected. */
	activeSince?: number;
}

export interface SimCall extends ItemBase {
	channel: 1;
	remoteNumbers: string[];
	dialedNumber: string;
	inbound: boolean;
	internal: boolean;
	trunkId: string;
	/** The other leg of an internal call. */
	peerId?: string;
	/** The held call a consultation call was made for. */
	consultOf?: string;
	nextStep?: string;
}

export interface SimMessage extends ItemBase {
	channel: 2;
	subject: string;
	originator: string;
	messageText: string;
	attachments: string[];
	content: string;
	read: boolean;
	answered: boolean;
	forwarded: boolean;
	notification: boolean;
	originalMessageId: string;
	sentWith?: { success: boolean; failure: boolean };
}

export interface SimPosting {
	chatSessionId: string;
	postDate: string;
	chatParticipant: string;
	contentText: string;
	systemMessage: boolean;
}

export interface SimChat extends ItemBase {
	channel: 3;
	title: string;
	participants: string[];
	invited: string[];
	postings: SimPosting[];
}

export interface SimAttribute {
	id: string;
	description: string;
}

export interface SimAction extends ItemBase {
	channel: 4;
	systemId: string;
	client: string;
	requestId: string;
	processId: string;
	actionItemInboxId: string;
	attributes: SimAttribute[];
	routingAttributes: SimAttribute[];
	participants: string[];
	requiredAgents: string[];
	/** Epoch ms after which any agent may get the item. */
	requiredUntil: number;
	skills: string[];
}

export type SimItem = SimCall | SimMessage | SimChat | SimAction;

export interface SimCallBack {
	id: string;
	number: string;
	queueNumber: string;
	handledTime: string | null;
	lastCallTime: string | null;
	nextCallTime: string | null;
	failures: number;
	maxCalls: number;
	lastResult: string;
	extraData: string;
	notes: string;
	gwPrefix: string;
}

export type SimRecording = SeedRecording;

export interface OiiSubscription {
	kind: 'user' | 'container';
	appUrl: string;
	appId: string;
	userId?: string;
	channelType?: string;
	containerId?: string;
	/** ISO time of the subscribe request. */
	since: string;
}

/** An IciEvent message the simulated OII would POST to a subscriber's appUrl. */
export interface OiiEvent {
	seq: number;
	time: string;
	/** userChanged, subscriptionEnded, containerChanged, phoneCallChanged, messageChanged, chatChanged, chatNewPosting or actionItemChanged. */
	operation: string;
	/** Where it goes. */
	appUrl: string;
	/** The subscribed appIds of that appUrl it is for. */
	appIds: string[];
	/** The body element's children (without appIds), in the XML layer's object form. */
	body: XmlElement;
	/** The complete SOAP 1.1 request, as it is POSTed to appUrl (text/xml, SOAPAction ICI_EVENT_SOAP_ACTION). */
	envelope: string;
}

export type OiiEventListener = (event: OiiEvent) => void;

export interface OiiStateOptions {
	/** Clock (tests). */
	now?: () => Date;
	/** Events kept in `events`. */
	maxEvents?: number;
}

const DEFAULT_MAX_EVENTS = 1000;
const PHONE_NUMBER = /^\+?[0-9]+$/;
const ITEM_KIND: Record<Channel, string> = { 1: 'phone call', 2: 'message', 3: 'chat session', 4: 'action item' };
const DEFAULT_REQUIRED_AGENT_EXPIRY_SECONDS = 604800;

function newId(): string {
	return randomUUID().replace(/-/g, '').toUpperCase();
}

function same(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function isoTime(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** YYYYMMDDHHMMSS, the chat posting time stamp format (10.15.1). */
function postDate(date: Date): string {
	return isoTime(date).replace(/[-:TZ]/g, '');
}

/** Dates as the OII samples give them (YYYY-MM-DD HH:MM:SS, UTC) or ISO 8601. Undefined when unreadable. */
export function parseOiiTime(text: string): Date | undefined {
	const trimmed = text.trim();
	const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
	const date = plain
		? new Date(Date.UTC(+plain[1], +plain[2] - 1, +plain[3], +(plain[4] ?? 0), +(plain[5] ?? 0), +(plain[6] ?? 0)))
		: new Date(trimmed);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Header fields and body of an RFC 822 message (folded header lines joined). */
export function parseRfc822(content: string): { headers: Record<string, string>; body: string } {
	const normalized = content.replace(/\r\n/g, '\n');
	const split = normalized.indexOf('\n\n');
	const head = split < 0 ? normalized : normalized.slice(0, split);
	const body = split < 0 ? '' : normalized.slice(split + 2);
	const headers: Record<string, string> = {};
	let last = '';
	for (const line of head.split('\n')) {
		if (/^[ \t]/.test(line) && last) {
			headers[last] += ` ${line.trim()}`;
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		last = line.slice(0, colon).trim().toLowerCase();
		headers[last] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function text(id: number | string, description: string): TextValue {
	return { id: String(id), description };
}

export class OiiState {
	users: SimUser[] = [];
	queues: SimQueue[] = [];
	items = new Map<string, SimItem>();
	callbacks: SimCallBack[] = [];
	recordings: SimRecording[] = [];
	subscriptions: OiiSubscription[] = [];
	events: OiiEvent[] = [];
	readonly cmsHostId = OII_SIM_CMS_HOST_ID;

	private readonly listeners = new Set<OiiEventListener>();
	private sequence = 0;
	private readonly clock: () => Date;
	private readonly maxEvents: number;

	constructor(options: OiiStateOptions = {}) {
		this.clock = options.now ?? (() => new Date());
		this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
		this.reset();
	}

	now(): Date {
		return this.clock();
	}

	/** Back to the seed state (listeners stay). */
	reset(): void {
		const start = this.now().getTime();
		this.users = SEED_USERS.map((u, index) => ({
			...u,
			channels: [...u.channels],
			currentChannels: [...u.currentChannels],
			queues: [...u.queues],
			currentQueues: [...u.currentQueues],
			addresses: u.addresses.map((a) => ({ ...a })),
			readySince: start + index,
		}));
		this.queues = SEED_QUEUES.map((q) => ({ ...q }));
		this.items = new Map();
		this.callbacks = SEED_CALLBACKS.map((c) => ({
			...c,
			handledTime: null,
			lastCallTime: null,
			failures: 0,
			maxCalls: CALLBACK_MAX_CALLS,
			lastResult: '',
		}));
		this.recordings = SEED_RECORDINGS.map((r) => ({ ...r }));
		this.subscriptions = [];
		this.events = [];
		this.sequence = 0;
	}

	// -----------------------------------------------------------------------------------------
	// Events

	onEvent(listener: OiiEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private emit(operation: string, to: OiiSubscription[], children: BodyChild[]): void {
		const byUrl = new Map<string, string[]>();
		for (const sub of to) {
			const ids = byUrl.get(sub.appUrl) ?? [];
			if (!ids.includes(sub.appId)) ids.push(sub.appId);
			byUrl.set(sub.appUrl, ids);
		}
		for (const [appUrl, appIds] of byUrl) {
			const body: XmlElement = {};
			for (const child of children) body[child.name] = child.value;
			const event: OiiEvent = {
				seq: ++this.sequence,
				time: isoTime(this.now()),
				operation,
				appUrl,
				appIds,
				body,
				envelope: writeIciEnvelope({
					namespace: ICI_EVENT_NAMESPACE,
					operation,
					children: [{ name: 'appIds', value: { item: appIds } }, ...children],
					childForm: 'qualified',
				}),
			};
			this.events.push(event);
			if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
			for (const listener of this.listeners) listener(event);
		}
	}

	private userSubscribers(user: SimUser): OiiSubscription[] {
		return this.subscriptions.filter((s) => s.kind === 'user' && s.userId !== undefined && same(s.userId, user.userId));
	}

	private containerSubscribers(channel: Channel, containerIds: string[]): OiiSubscription[] {
		return this.subscriptions.filter(
			(s) =>
				s.kind === 'container' &&
				s.channelType === String(channel) &&
				containerIds.some((id) => id !== '' && s.containerId !== undefined && same(s.containerId, id)),
		);
	}

	private userChanged(user: SimUser): void {
		this.emit('userChanged', this.userSubscribers(user), [{ name: 'user', value: encodeElement('User', this.userWire(user)) }]);
	}

	private containerChanged(channel: string, containerId: string, status: number): void {
		const subs = this.subscriptions.filter(
			(s) => s.kind === 'container' && s.channelType === channel && s.containerId !== undefined && same(s.containerId, containerId),
		);
		this.emit('containerChanged', subs, [
			{ name: 'channelType', value: channel },
			{ name: 'containerId', value: containerId },
			{ name: 'containerStatus', value: { id: String(status), description: lookup(CONTAINER_STATUSES, status)?.name ?? '' } },
		]);
	}

	/** Report a changed item to the subscribers of its container (and of the containers it left). */
	private changed(item: SimItem, alsoContainers: string[] = []): void {
		const containers = [item.containerId, ...alsoContainers];
		const subs = this.containerSubscribers(item.channel, containers);
		switch (item.channel) {
			case 1:
				this.emit('phoneCallChanged', subs, [
					{ name: 'phoneCall', value: encodeElement('PhoneCall', this.callWire(item)), namespace: '' },
				]);
				return;
			case 2:
				this.emit('messageChanged', subs, [{ name: 'message', value: encodeElement('Message', this.messageWire(item)) }]);
				return;
			case 3:
				this.emit('chatChanged', subs, [{ name: 'chatSession', value: encodeElement('ChatSession', this.chatWire(item)) }]);
				return;
			case 4:
				this.emit('actionItemChanged', subs, [
					{ name: 'userIds', value: '' },
					{ name: 'actionSession', value: encodeElement('ActionSession', this.actionSessionWire(item)) },
					{ name: 'actionItemId', value: item.id },
					{ name: 'itemData', value: encodeElement('ActionItem', this.actionItemWire(item)) },
					{ name: 'scenarioId', value: '' },
				]);
				return;
		}
	}

	private newPosting(chat: SimChat, posting: SimPosting): void {
		chat.postings.push(posting);
		const lines = [chat.containerId, ...chat.participants];
		this.emit('chatNewPosting', this.containerSubscribers(3, lines), [
			{ name: 'chatPosting', value: encodeElement('ChatPosting', { ...posting }) },
		]);
	}

	/** End subscriptions (subscriptionEnded); reason 2 (paused) keeps them. */
	endSubscriptions(reason: 1 | 2 | 3): void {
		const entry = lookup(SUBSCRIPTION_END_REASONS, reason);
		this.emit('subscriptionEnded', [...this.subscriptions], [
			{ name: 'reason', value: { id: String(reason), description: entry?.name ?? '' } },
		]);
		if (reason !== 2) this.subscriptions = [];
	}

	// -----------------------------------------------------------------------------------------
	// Wire shapes (chapter 10 elements)

	userWire(user: SimUser): Record<string, unknown> {
		const queue = (id: string) => text(id, this.queues.find((q) => same(q.id, id))?.name ?? id);
		const channel = (id: string) => text(id, SEED_CHANNELS.find((c) => c.id === id)?.description ?? id);
		const workmode = SEED_WORKMODES.find((w) => w.id === user.workmode) ?? { id: user.workmode, description: user.workmode };
		return {
			userId: user.userId,
			currentWorkmode: workmode,
			workmodes: SEED_WORKMODES,
			wrapUpMode: user.wrapUpMode,
			currentChannels: user.currentChannels.map(channel),
			channels: user.channels.map(channel),
			currentQueues: user.currentQueues.map(queue),
			queues: user.queues.map(queue),
			addresses: user.addresses.map((a) => ({ address: a.address, channel: a.channel })),
		};
	}

	private statusEntry(item: SimItem): StatusEntry | undefined {
		return lookup(CHANNEL_TABLES[item.channel].statuses, item.status);
	}

	capabilities(item: SimItem): number[] {
		return [...(this.statusEntry(item)?.capabilities ?? [])];
	}

	private statusText(item: SimItem): TextValue {
		return text(item.status, this.statusEntry(item)?.name ?? '');
	}

	private processingText(item: SimItem): TextValue {
		return text(item.processing, lookup(PROCESSING_STATUSES, item.processing)?.name ?? '');
	}

	callWire(call: SimCall): Record<string, unknown> {
		return {
			lineNumber: call.containerId,
			callHandle: call.id,
			processingStatus: this.processingText(call),
			remoteNumbers: call.remoteNumbers,
			dialedNumber: call.dialedNumber,
			callStatus: this.statusText(call),
			capabilityList: this.capabilities(call),
			inbound: call.inbound,
			internal: call.internal,
			attachedData: call.attachedData,
			trunkId: call.trunkId,
		};
	}

	messageWire(message: SimMessage): Record<string, unknown> {
		return {
			folder: message.containerId,
			subject: message.subject,
			messageId: message.id,
			processingStatus: this.processingText(message),
			originator: message.originator,
			messageText: message.messageText,
			attachments: message.attachments,
			messageStatus: this.statusText(message),
			capabilityList: this.capabilities(message),
			attachedData: message.attachedData,
			originalMessageId: message.originalMessageId,
			notification: message.notification,
			read: message.read,
			answered: message.answered,
			forwarded: message.forwarded,
		};
	}

	chatWire(chat: SimChat): Record<string, unknown> {
		return {
			title: chat.title,
			chatLineId: chat.containerId,
			chatSessionId: chat.id,
			processingStatus: this.processingText(chat),
			capabilityList: this.capabilities(chat),
			attachedData: chat.attachedData,
			chatStatus: this.statusText(chat),
			chatParticipants: chat.participants,
		};
	}

	actionSessionWire(action: SimAction): Record<string, unknown> {
		return {
			actionParticipants: action.participants,
			capabilityList: this.capabilities(action),
			title: '',
			actionSessionId: '',
			actionStatus: this.statusText(action),
			processingStatus: this.processingText(action),
			attachedData: action.attachedData,
			actionLineId: action.containerId,
		};
	}

	actionItemWire(action: SimAction): Record<string, unknown> {
		return {
			systemId: action.systemId,
			client: action.client,
			requestId: action.requestId,
			processId: action.processId,
			actionItemId: action.id,
			actionItemInboxId: action.containerId,
			attachedData: action.attachedData,
			capabilityList: this.capabilities(action),
			processingStatus: this.processingText(action),
			actionItemStatus: this.statusText(action),
			actionItemAttributes: action.attributes.map((a) => ({ ...a })),
		};
	}

	itemWire(item: SimItem): Record<string, unknown> {
		return {
			status: this.statusText(item),
			itemId: item.id,
			processingStatus: this.processingText(item),
			capabilityList: this.capabilities(item),
		};
	}

	// -----------------------------------------------------------------------------------------
	// Look-ups

	findUser(userId: string): SimUser {
		const user = this.users.find((u) => same(u.userId, userId));
		if (!user || userId.trim() === '') throw oiiFault('unknownUser', `Unknown user "${userId}"`);
		return user;
	}

	/** The user owning a container of a channel (an address of theirs), if any. */
	ownerOfContainer(channel: string | number, containerId: string): SimUser | undefined {
		if (containerId.trim() === '') return undefined;
		return this.users.find((u) => u.addresses.some((a) => a.channel === String(channel) && same(a.address, containerId)));
	}

	requireContainer(channel: string | number, containerId: string): SimUser {
		const owner = this.ownerOfContainer(channel, containerId);
		if (!owner) {
			const kind = lookup(CHANNEL_TYPES, channel)?.name ?? `channel ${String(channel)}`;
			throw oiiFault('unknownContainer', `Unknown ${kind} container "${containerId}"`);
		}
		return owner;
	}

	/** The address of a user's container for a channel. */
	containerOf(user: SimUser, channel: Channel): string | undefined {
		return user.addresses.find((a) => a.channel === String(channel))?.address;
	}

	ownerOf(item: SimItem): SimUser | undefined {
		return this.ownerOfContainer(item.channel, item.containerId);
	}

	findQueue(id: string, channel?: Channel): SimQueue | undefined {
		return this.queues.find(
			(q) => (channel === undefined || q.channelType === channel) && (same(q.id, id) || same(q.guid, id) || same(q.name, id)),
		);
	}

	findItem(id: string): SimItem {
		const item = this.items.get(id.trim().toUpperCase());
		if (!item) throw oiiFault('unknownItem', `Unknown item "${id}"`);
		return item;
	}

	findItemOf<C extends Channel>(id: string, channel: C): Extract<SimItem, { channel: C }> {
		const item = this.findItem(id);
		if (item.channel !== channel) {
			throw oiiFault('wrongChannel', `Item "${id}" is a ${ITEM_KIND[item.channel]}, not a ${ITEM_KIND[channel]}`);
		}
		return item as Extract<SimItem, { channel: C }>;
	}

	/** The item, which must be in the given container. */
	itemIn<C extends Channel>(id: string, channel: C, containerId: string): Extract<SimItem, { channel: C }> {
		const item = this.findItemOf(id, channel);
		if (!same(item.containerId, containerId)) {
			throw oiiFault('unknownItem', `${ITEM_KIND[channel]} "${id}" is not in container "${containerId}"`);
		}
		return item;
	}

	/** Refuse an operation whose capability the item's status does not have. */
	requireCapability(item: SimItem, method: string): void {
		const table = CHANNEL_TABLES[item.channel];
		const capability = capabilityForMethod(table.capabilities, method);
		if (capability === undefined) {
			throw oiiFault('wrongChannel', `${method} is not available for a ${ITEM_KIND[item.channel]}`);
		}
		const status = this.statusEntry(item);
		if (!this.capabilities(item).includes(capability)) {
			throw oiiFault(
				'notAllowedInStatus',
				`${method} is not allowed for ${ITEM_KIND[item.channel]} ${item.id} in status ${status?.name ?? item.status} (${item.status}); its capabilities are [${this.capabilities(item).join(',')}]`,
			);
		}
	}

	/** The items listed in a container (not removed), oldest first. */
	listed<C extends Channel>(channel: C, containerId: string): Array<Extract<SimItem, { channel: C }>> {
		return [...this.items.values()].filter(
			(i): i is Extract<SimItem, { channel: C }> => i.channel === channel && !i.removed && same(i.containerId, containerId),
		);
	}

	// -----------------------------------------------------------------------------------------
	// Users

	setWorkmode(user: SimUser, workmode: string): void {
		if (!SEED_WORKMODES.some((w) => w.id === workmode.trim())) {
			throw oiiFault('invalidWorkmode', `Workmode "${workmode}" is not one of the workmodes of ${user.userId}`);
		}
		const previous = user.workmode;
		user.workmode = workmode.trim();
		if (user.workmode === '2' && previous !== '2') user.readySince = this.now().getTime();
		this.userChanged(user);
		this.allocate();
	}

	setChannels(user: SimUser, channels: string[]): void {
		for (const id of channels) {
			if (!user.channels.includes(id)) throw oiiFault('notAllowedForUser', `Channel "${id}" is not allowed for ${user.userId}`);
		}
		user.currentChannels = [...new Set(channels)];
		this.userChanged(user);
	}

	setQueues(user: SimUser, queues: string[]): void {
		const ids = queues.map((id) => {
			const allowed = user.queues.find((q) => same(q, id));
			if (!allowed) throw oiiFault('notAllowedForUser', `Queue "${id}" is not allowed for ${user.userId}`);
			return allowed;
		});
		user.currentQueues = [...new Set(ids)];
		this.userChanged(user);
		this.allocate();
	}

	setAddresses(user: SimUser, addresses: Array<{ address: string; channel: string }>): void {
		for (const entry of addresses) {
			if (!lookup(CHANNEL_TYPES, entry.channel)) {
				throw oiiFault('invalidParameter', `Address channel "${entry.channel}" must be 1 to 4`);
			}
			if (entry.channel === '1' && !PHONE_NUMBER.test(entry.address)) {
				throw oiiFault('invalidPhoneNumber');
			}
			const owner = this.ownerOfContainer(entry.channel, entry.address);
			if (owner && owner !== user) {
				throw oiiFault('invalidParameter', `Address "${entry.address}" belongs to ${owner.userId}`);
			}
		}
		const key = (a: { address: string; channel: string }) => `${a.channel}|${a.address.toLowerCase()}`;
		const before = new Map(user.addresses.map((a) => [key(a), a]));
		const after = new Map(addresses.map((a) => [key(a), a]));
		user.addresses = [...after.values()].map((a) => ({ ...a }));
		for (const [k, a] of before) if (!after.has(k)) this.containerChanged(a.channel, a.address, 3);
		for (const [k, a] of after) if (!before.has(k)) this.containerChanged(a.channel, a.address, 1);
		this.userChanged(user);
		this.allocate();
	}

	subscribe(sub: Omit<OiiSubscription, 'since'>): void {
		if (!/^https?:\/\/\S+$/i.test(sub.appUrl.trim())) {
			throw oiiFault('invalidParameter', `appUrl "${sub.appUrl}" is not an http(s) URL`);
		}
		if (sub.appId.trim() === '') throw oiiFault('missingParameter', 'appId is required');
		const exists = this.subscriptions.some(
			(s) =>
				s.kind === sub.kind &&
				s.appUrl === sub.appUrl &&
				s.appId === sub.appId &&
				s.userId === sub.userId &&
				s.channelType === sub.channelType &&
				s.containerId === sub.containerId,
		);
		if (!exists) this.subscriptions.push({ ...sub, since: isoTime(this.now()) });
	}

	unsubscribe(kind: OiiSubscription['kind'], appUrl: string, appId: string): number {
		const before = this.subscriptions.length;
		this.subscriptions = this.subscriptions.filter((s) => !(s.kind === kind && s.appUrl === appUrl && s.appId === appId));
		return before - this.subscriptions.length;
	}

	/** 0 NotAvailable, 1 Available, 2 Busy, 3 LoggedOff. */
	presenceOf(user: SimUser): number {
		if (user.workmode === '1') return 3;
		const busy = [...this.items.values()].some(
			(i) => i.processing === 2 && i.status !== 4 && this.ownerOf(i) === user,
		);
		if (busy) return 2;
		return user.workmode === '2' ? 1 : 0;
	}

	// -----------------------------------------------------------------------------------------
	// Allocation

	private busyOn(user: SimUser, channel: Channel): boolean {
		const container = this.containerOf(user, channel);
		if (!container) return true;
		return this.listed(channel, container).some((i) => i.status !== 4);
	}

	private eligible(item: SimItem, user: SimUser): boolean {
		if (user.workmode !== '2') return false;
		if (!user.currentQueues.some((q) => same(q, item.queueId))) return false;
		if (item.excluded.some((u) => same(u, user.userId))) return false;
		if (item.channel === 4 && item.requiredAgents.length > 0 && this.now().getTime() < item.requiredUntil) {
			if (!item.requiredAgents.some((a) => same(a, user.userId))) return false;
		}
		return !this.busyOn(user, item.channel);
	}

	/** Offer waiting items to ready agents of their queues, oldest item first, longest-ready agent first. */
	allocate(): void {
		const waiting = [...this.items.values()]
			.filter((i) => i.status === 2 && i.queueId !== '')
			.sort((a, b) => a.createdAt - b.createdAt);
		for (const item of waiting) {
			const user = this.users
				.filter((u) => this.eligible(item, u))
				.sort((a, b) => a.readySince - b.readySince)[0];
			if (!user) continue;
			item.containerId = this.containerOf(user, item.channel) ?? '';
			item.status = 3;
			item.processing = 1;
			this.changed(item);
		}
	}

	private add<T extends SimItem>(item: T): T {
		this.items.set(item.id, item);
		return item;
	}

	private base(containerId: string, queueId: string, status: number, attachedData = ''): ItemBase {
		return {
			id: newId(),
			status,
			processing: 1,
			containerId,
			queueId,
			attachedData,
			wrapUpRequested: false,
			removed: false,
			excluded: [],
			createdAt: this.now().getTime() + this.items.size / 1000,
		};
	}

	// -----------------------------------------------------------------------------------------
	// Items: common life cycle

	/** IciItem.create: an item in the Created status in a container. */
	createItem(channel: Channel, containerId: string): SimItem {
		this.requireContainer(channel, containerId);
		const base = this.base(containerId.trim(), '', 1);
		let item: SimItem;
		switch (channel) {
			case 1:
				item = { ...base, channel, remoteNumbers: [], dialedNumber: '', inbound: false, internal: false, trunkId: '' };
				break;
			case 2:
				item = {
					...base,
					channel,
					subject: '',
					originator: '',
					messageText: '',
					attachments: [],
					content: '',
					read: false,
					answered: false,
					forwarded: false,
					notification: false,
					originalMessageId: '',
				};
				break;
			case 3:
				item = { ...base, channel, title: '', participants: [], invited: [], postings: [] };
				break;
			case 4:
				item = this.newAction(base, {}, [], []);
				break;
		}
		this.add(item);
		this.changed(item);
		return item;
	}

	/** End an item: Ended, then Wrap up when the agent's mode or a wrapUpRequired asks for it. */
	private finish(item: SimItem): void {
		if (item.status === 4) return;
		const owner = this.ownerOf(item);
		item.status = 4;
		const wrapUp = item.activeSince !== undefined && owner !== undefined && (owner.wrapUpMode === 1 || item.wrapUpRequested);
		item.processing = wrapUp ? 3 : 1;
		if (!wrapUp) item.removed = true;
		if (item.channel === 1) this.recordCall(item, owner);
		this.changed(item);
		this.allocate();
	}

	private recordCall(call: SimCall, owner: SimUser | undefined): void {
		if (call.activeSince === undefined) return;
		const start = new Date(call.activeSince);
		const end = this.now();
		this.recordings.push({
			callHandle: call.id,
			userId: owner?.userId ?? '',
			creationTime: isoTime(end),
			startTime: isoTime(start),
			endTime: isoTime(end),
			source: call.inbound ? (call.remoteNumbers[0] ?? '') : call.containerId,
			destination: call.inbound ? call.containerId : call.dialedNumber,
			fileName: `${isoTime(start).slice(0, 7).replace('-', '_')}\\${isoTime(start).slice(8, 19).replace(/[T:]/g, '_')}_SSR_Cr_${call.id}.wav`,
		});
	}

	accept(item: SimItem, containerId: string): void {
		if (!same(item.containerId, containerId)) {
			throw oiiFault('unknownItem', `${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`);
		}
		this.requireCapability(item, 'IciItem_accept');
		item.processing = 2;
		item.activeSince = this.now().getTime();
		switch (item.channel) {
			case 1: {
				item.status = 101;
				const peer = item.peerId ? this.items.get(item.peerId) : undefined;
				if (peer && peer.channel === 1 && peer.status !== 4) {
					peer.status = 101;
					peer.processing = 2;
					peer.activeSince = item.activeSince;
					this.changed(peer);
				}
				break;
			}
			case 2:
				item.status = 201;
				item.read = true;
				break;
			case 3:
				item.status = 301;
				if (!item.participants.some((p) => same(p, containerId))) item.participants.push(containerId);
				this.changed(item);
				this.newPosting(item, this.systemPosting(item, `${containerId} joined the chat`));
				return;
			case 4:
				item.status = 401;
				item.participants = [this.ownerOf(item)?.userId ?? containerId];
				break;
		}
		this.changed(item);
	}

	reroute(item: SimItem, containerId: string): void {
		if (!same(item.containerId, containerId)) {
			throw oiiFault('unknownItem', `${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`);
		}
		this.requireCapability(item, 'IciItem_reroute');
		const owner = this.ownerOf(item);
		if (owner && !item.excluded.includes(owner.userId)) item.excluded.push(owner.userId);
		const left = item.containerId;
		item.containerId = '';
		item.processing = 1;
		if (item.queueId === '') {
			this.finish(item);
			return;
		}
		item.status = 2;
		this.changed(item, [left]);
		this.allocate();
	}

	forward(item: SimItem, containerId: string, destType: string, destination: string): void {
		if (!same(item.containerId, containerId)) {
			throw oiiFault('unknownItem', `${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`);
		}
		this.requireCapability(item, 'IciItem_forward');
		const left = item.containerId;
		if (destType === '12') {
			const queue = this.findQueue(destination);
			if (!queue) throw oiiFault('unknownQueue', `Unknown queue "${destination}"`);
			item.queueId = queue.id;
			item.containerId = '';
			item.status = 2;
		} else {
			if (!['1', '2', '3', '4'].includes(destType)) {
				throw oiiFault('invalidParameter', `destType "${destType}" must be 1, 2, 3, 4 or 12`);
			}
			if (destType !== String(item.channel)) {
				throw oiiFault('invalidParameter', `A ${ITEM_KIND[item.channel]} cannot be forwarded to destination type ${destType}`);
			}
			this.requireContainer(destType, destination);
			item.containerId = this.ownerOfContainer(destType, destination) ? destination.trim() : '';
			item.status = 3;
		}
		item.processing = 1;
		item.activeSince = undefined;
		item.excluded = [];
		if (item.channel === 2) item.forwarded = true;
		this.changed(item, [left]);
		this.allocate();
	}

	wrapUpRequired(item: SimItem): void {
		this.requireCapability(item, 'IciItem_wrapUpRequired');
		item.wrapUpRequested = true;
		this.changed(item);
	}

	wrapUpEnded(item: SimItem): void {
		this.requireCapability(item, 'IciItem_wrapUpEnded');
		item.processing = 1;
		item.removed = true;
		this.changed(item);
		this.allocate();
	}

	getAttachedData(item: SimItem): string {
		this.requireCapability(item, 'IciItem_getAttachedData');
		return item.attachedData;
	}

	setAttachedData(item: SimItem, xml: string): void {
		this.requireCapability(item, 'IciItem_setAttachedData');
		if (xml.trim() !== '') {
			try {
				rootOf(parseXml(xml.trim()));
			} catch (error) {
				throw oiiFault('invalidParameter', `attachedData is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
		item.attachedData = xml;
		this.changed(item);
	}

	deleteAttachedData(item: SimItem): void {
		this.requireCapability(item, 'IciItem_deleteAttachedData');
		item.attachedData = '';
		this.changed(item);
	}

	// -----------------------------------------------------------------------------------------
	// Phone calls

	/** Call attached data as OII generates it (chapter 7.2.1), plus the caller's applications. */
	private callAttachedData(queue: SimQueue | undefined, extra: string): string {
		const applications: Record<string, unknown> = {};
		if (queue) {
			applications['SAP_BCM/OII'] = {
				FirstBName: queue.guid,
				FirstBNumber: queue.id,
				BNumberName: queue.guid,
				OrigQueue: queue.guid,
			};
		}
		const parsed = readAttachedData(extra);
		Object.assign(applications, parsed.applications ?? {});
		return Object.keys(applications).length ? writeAttachedData(applications) : '';
	}

	/** An inbound call from outside to a phone queue or straight to a phone line. */
	placeCall(options: { to: string; from: string; attachedData?: string; trunkId?: string }): SimCall {
		const from = options.from.trim();
		if (!PHONE_NUMBER.test(from)) throw oiiFault('invalidPhoneNumber');
		const queue = this.findQueue(options.to, 1);
		const line = queue ? undefined : this.ownerOfContainer(1, options.to);
		if (!queue && !line) throw oiiFault('unknownContainer', `"${options.to}" is neither a phone queue nor a phone line`);
		const call = this.add<SimCall>({
			...this.base(queue ? '' : options.to.trim(), queue?.id ?? '', queue ? 2 : 3, this.callAttachedData(queue, options.attachedData ?? '')),
			channel: 1,
			remoteNumbers: [from],
			dialedNumber: queue?.id ?? options.to.trim(),
			inbound: true,
			internal: false,
			trunkId: options.trunkId ?? '1',
		});
		this.changed(call);
		this.allocate();
		return call;
	}

	private connectOutbound(call: SimCall, number: string): void {
		call.dialedNumber = number;
		call.remoteNumbers = [number];
		call.processing = 2;
		const callee = this.ownerOfContainer(1, number);
		if (callee) {
			call.internal = true;
			call.status = 104;
			const peer = this.add<SimCall>({
				...this.base(number, '', 3),
				channel: 1,
				remoteNumbers: [call.containerId],
				dialedNumber: number,
				inbound: true,
				internal: true,
				trunkId: '',
				peerId: call.id,
			});
			call.peerId = peer.id;
			this.changed(call);
			this.changed(peer);
			return;
		}
		if (BUSY_NUMBERS.includes(number)) call.status = 105;
		else if (NO_ANSWER_NUMBERS.includes(number)) call.status = 104;
		else {
			call.status = 101;
			call.activeSince = this.now().getTime();
		}
		this.changed(call);
	}

	dial(call: SimCall, number: string): string {
		this.requireCapability(call, 'IciPhoneCall_dial');
		const dialed = number.trim();
		if (!PHONE_NUMBER.test(dialed)) throw oiiFault('invalidPhoneNumber');
		this.connectOutbound(call, dialed);
		return dialed;
	}

	/** The remote party of a ringing outbound call answers. */
	answerRemote(call: SimCall): void {
		if (call.status !== 104) throw oiiFault('notAllowedInStatus', `Call ${call.id} is not ringing`);
		call.status = 101;
		call.processing = 2;
		call.activeSince = this.now().getTime();
		this.changed(call);
	}

	/** The remote party hangs up. */
	hangUpRemote(call: SimCall): void {
		this.endCall(call);
	}

	/** Put a call into any status of chapter 10.12.3 (tests). */
	setCallStatus(call: SimCall, status: number): void {
		if (!lookup(CHANNEL_TABLES[1].statuses, status)) throw oiiFault('invalidParameter', `Unknown phone call status ${status}`);
		call.status = status;
		if (status === 4) {
			call.status = 101;
			this.endCall(call);
			return;
		}
		if ([101, 106, 107, 108, 109].includes(status)) {
			call.processing = 2;
			call.activeSince ??= this.now().getTime();
		}
		this.changed(call);
	}

	private endCall(call: SimCall): void {
		const peer = call.peerId ? this.items.get(call.peerId) : undefined;
		this.finish(call);
		if (peer && peer.channel === 1 && peer.status !== 4) this.finish(peer);
	}

	drop(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_drop');
		this.endCall(call);
	}

	hold(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_hold');
		call.status = 106;
		this.changed(call);
	}

	unhold(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_unhold');
		call.status = 101;
		this.changed(call);
	}

	consult(call: SimCall, connected: SimCall, number: string, nextStep: string): void {
		this.requireCapability(call, 'IciPhoneCall_consult');
		if (connected.status !== 101 && connected.status !== 106) {
			throw oiiFault('notAllowedInStatus', `Call ${connected.id} is not connected (status ${connected.status})`);
		}
		const dialed = number.trim();
		if (!PHONE_NUMBER.test(dialed)) throw oiiFault('invalidPhoneNumber');
		if (connected.status === 101) {
			connected.status = 106;
			this.changed(connected);
		}
		call.consultOf = connected.id;
		call.nextStep = nextStep;
		this.connectOutbound(call, dialed);
	}

	transfer(connected: SimCall, held: SimCall): void {
		this.requireCapability(held, 'IciPhoneCall_transfer');
		this.requireCapability(connected, 'IciPhoneCall_transfer');
		this.finish(held);
		this.finish(connected);
	}

	reconnect(connected: SimCall, held: SimCall): void {
		this.requireCapability(held, 'IciPhoneCall_reconnect');
		this.requireCapability(connected, 'IciPhoneCall_reconnect');
		this.endCall(connected);
		held.status = 101;
		this.changed(held);
	}

	alternate(connected: SimCall, held: SimCall): void {
		this.requireCapability(connected, 'IciPhoneCall_alternate');
		this.requireCapability(held, 'IciPhoneCall_alternate');
		if (connected.status !== 101) throw oiiFault('notAllowedInStatus', `Call ${connected.id} is not connected`);
		if (held.status !== 106) throw oiiFault('notAllowedInStatus', `Call ${held.id} is not on hold`);
		connected.status = 106;
		held.status = 101;
		this.changed(connected);
		this.changed(held);
	}

	conference(connected: SimCall, held: SimCall): void {
		this.requireCapability(connected, 'IciPhoneCall_conference');
		this.requireCapability(held, 'IciPhoneCall_conference');
		connected.remoteNumbers = [...new Set([...held.remoteNumbers, ...connected.remoteNumbers])];
		connected.status = 108;
		held.status = 4;
		held.processing = 1;
		held.removed = true;
		this.changed(held);
		this.changed(connected);
	}

	dropParty(call: SimCall, remoteNumber: string): void {
		this.requireCapability(call, 'IciPhoneCall_dropParty');
		const index = call.remoteNumbers.findIndex((n) => same(n, remoteNumber));
		if (index < 0) throw oiiFault('invalidParameter', `${remoteNumber} is not a party of conference ${call.id}`);
		call.remoteNumbers.splice(index, 1);
		if (call.remoteNumbers.length <= 1) call.status = 101;
		this.changed(call);
	}

	dropCalls(line: string): void {
		for (const call of this.listed(1, line)) {
			if (call.status !== 4) this.endCall(call);
		}
	}

	// -----------------------------------------------------------------------------------------
	// E-mail messages

	/** An inbound e-mail to a messaging queue or straight to a folder. */
	deliverEmail(options: {
		to: string;
		from: string;
		subject?: string;
		text?: string;
		attachments?: string[];
		attachedData?: string;
	}): SimMessage {
		const queue = this.findQueue(options.to, 2);
		const folder = queue ? undefined : this.ownerOfContainer(2, options.to);
		if (!queue && !folder) throw oiiFault('unknownContainer', `"${options.to}" is neither an e-mail queue nor a folder`);
		const subject = options.subject ?? '';
		const body = options.text ?? '';
		const date = this.now().toUTCString();
		const content = [
			`From: ${options.from}`,
			`To: ${queue?.id ?? options.to}`,
			`Subject: ${subject}`,
			`Date: ${date}`,
			'MIME-Version: 1.0',
			'Content-Type: text/plain; charset=utf-8',
			'',
			body,
		].join('\r\n');
		const message = this.add<SimMessage>({
			...this.base(queue ? '' : options.to.trim(), queue?.id ?? '', queue ? 2 : 3, options.attachedData ?? ''),
			channel: 2,
			subject,
			originator: options.from,
			messageText: body,
			attachments: options.attachments ?? [],
			content,
			read: false,
			answered: false,
			forwarded: false,
			notification: false,
			originalMessageId: '',
		});
		this.changed(message);
		this.allocate();
		return message;
	}

	setContent(message: SimMessage, content: string): void {
		this.requireCapability(message, 'IciMessage_setContent');
		const { headers, body } = parseRfc822(content);
		message.content = content;
		message.subject = headers.subject ?? '';
		message.originator = headers.from ?? this.ownerOf(message)?.addresses.find((a) => a.channel === '2')?.address ?? '';
		message.messageText = body;
		message.status = 202;
		message.processing = 2;
		message.activeSince ??= this.now().getTime();
		this.changed(message);
	}

	send(message: SimMessage, success: boolean, failure: boolean): void {
		this.requireCapability(message, 'IciMessage_send');
		message.status = 203;
		message.sentWith = { success, failure };
		this.changed(message);
		if (success) {
			const notification = this.add<SimMessage>({
				...this.base(message.containerId, '', 3),
				channel: 2,
				subject: `Delivered: ${message.subject}`,
				originator: 'postmaster@contact.example',
				messageText: `Your message "${message.subject}" was delivered.`,
				attachments: [],
				content: '',
				read: false,
				answered: false,
				forwarded: false,
				notification: true,
				originalMessageId: message.id,
			});
			this.changed(notification);
		}
	}

	deleteMessage(message: SimMessage): void {
		this.requireCapability(message, 'IciMessage_delete');
		this.finish(message);
	}

	setActionFlags(message: SimMessage, flags: { read?: boolean; answered?: boolean; forwarded?: boolean }): void {
		if (flags.read !== undefined) message.read = flags.read;
		if (flags.answered !== undefined) message.answered = flags.answered;
		if (flags.forwarded !== undefined) message.forwarded = flags.forwarded;
		this.changed(message);
	}

	/** IciMessage.end: ends an action item (capability 403). */
	end(action: SimAction): void {
		this.requireCapability(action, 'IciMessage_end');
		this.finish(action);
	}

	// -----------------------------------------------------------------------------------------
	// Chat

	private systemPosting(chat: SimChat, contentText: string): SimPosting {
		return { chatSessionId: chat.id, postDate: postDate(this.now()), chatParticipant: '', contentText, systemMessage: true };
	}

	/** An inbound customer chat to a chat queue or straight to a chat line. */
	deliverChat(options: { to: string; customer: string; title?: string; text?: string; attachedData?: string }): SimChat {
		const queue = this.findQueue(options.to, 3);
		const line = queue ? undefined : this.ownerOfContainer(3, options.to);
		if (!queue && !line) throw oiiFault('unknownContainer', `"${options.to}" is neither a chat queue nor a chat line`);
		const chat = this.add<SimChat>({
			...this.base(queue ? '' : options.to.trim(), queue?.id ?? '', queue ? 2 : 3, options.attachedData ?? ''),
			channel: 3,
			title: options.title ?? '',
			participants: [options.customer],
			invited: [],
			postings: [],
		});
		if (options.text) {
			chat.postings.push({
				chatSessionId: chat.id,
				postDate: postDate(this.now()),
				chatParticipant: options.customer,
				contentText: options.text,
				systemMessage: false,
			});
		}
		this.changed(chat);
		this.allocate();
		return chat;
	}

	/** A participant other than the agent posts (the customer, by default the first participant). */
	postAsParticipant(chat: SimChat, contentText: string, participant?: string): SimPosting {
		if (chat.status === 4) throw oiiFault('notAllowedInStatus', `Chat session ${chat.id} has ended`);
		const who = participant ?? chat.participants[0] ?? '';
		const posting: SimPosting = {
			chatSessionId: chat.id,
			postDate: postDate(this.now()),
			chatParticipant: who,
			contentText,
			systemMessage: false,
		};
		this.newPosting(chat, posting);
		return posting;
	}

	postMessage(chat: SimChat, line: string, contentText: string): void {
		this.requireCapability(chat, 'IciChatSession_postMessage');
		if (!chat.participants.some((p) => same(p, line))) {
			throw oiiFault('invalidParameter', `Chat line ${line} is not a participant of chat session ${chat.id}`);
		}
		this.newPosting(chat, {
			chatSessionId: chat.id,
			postDate: postDate(this.now()),
			chatParticipant: line,
			contentText,
			systemMessage: false,
		});
	}

	leave(chat: SimChat, line: string): void {
		this.requireCapability(chat, 'IciChatSession_leave');
		chat.participants = chat.participants.filter((p) => !same(p, line));
		this.newPosting(chat, this.systemPosting(chat, `${line} left the chat`));
		this.finish(chat);
	}

	invite(chat: SimChat, line: string, title: string | undefined, participants: string[]): void {
		this.requireCapability(chat, 'IciChatSession_invite');
		if (participants.length === 0) throw oiiFault('missingParameter', 'chatParticipants must name at least one participant');
		if (title !== undefined) chat.title = title;
		chat.invited = [...participants];
		chat.participants = [line.trim()];
		chat.status = 302;
		chat.processing = 2;
		chat.activeSince = this.now().getTime();
		this.changed(chat);
	}

	/** The invited participants join. */
	acceptInvitation(chat: SimChat): void {
		if (chat.status !== 302) throw oiiFault('notAllowedInStatus', `Chat session ${chat.id} is not inviting`);
		chat.participants = [...chat.participants, ...chat.invited.filter((p) => !chat.participants.includes(p))];
		chat.invited = [];
		chat.status = 301;
		this.changed(chat);
	}

	// -----------------------------------------------------------------------------------------
	// Action items

	private newAction(
		base: ItemBase,
		data: Partial<Pick<SimAction, 'systemId' | 'client' | 'requestId' | 'processId'>>,
		attributes: SimAttribute[],
		routing: SimAttribute[],
	): SimAction {
		return {
			...base,
			channel: 4,
			systemId: data.systemId ?? '',
			client: data.client ?? '',
			requestId: data.requestId ?? '',
			processId: data.processId ?? '',
			actionItemInboxId: base.containerId,
			attributes,
			routingAttributes: routing,
			participants: [],
			requiredAgents: [],
			requiredUntil: 0,
			skills: [],
		};
	}

	/**
	 * IciActionItem.route (chapter 7.3): routing attributes override item attributes; the queue is
	 * chosen by Z_TO_ADDRESS / TO_ADDRESS (default ACTION); DELETE=X deletes a routed item with the
	 * same request and process IDs instead. Answers the action item ID ('' when nothing was created).
	 */
	route(data: {
		systemId: string;
		client: string;
		requestId: string;
		processId: string;
		attachedData: string;
		attributes: SimAttribute[];
		routing: SimAttribute[];
	}): string {
		const all = [...data.attributes, ...data.routing];
		const values = (name: string) => all.filter((a) => a.id === name).map((a) => a.description.trim());
		const last = (name: string) => {
			const routed = data.routing.filter((a) => a.id === name);
			const source = routed.length ? routed : data.attributes.filter((a) => a.id === name);
			return source.length ? source[source.length - 1].description.trim() : undefined;
		};
		for (const skill of values('SKILL')) {
			if (!/^[^=\s][^=]*(=[1-5])?$/.test(skill)) throw oiiFault('invalidParameter', `SKILL "${skill}" is not <GuidOrExtName>[=1-5]`);
		}
		const expiry = last('REQUIRED_AGENT_EXPIRY_TIME');
		if (expiry !== undefined && !/^\d+$/.test(expiry)) {
			throw oiiFault('invalidParameter', `REQUIRED_AGENT_EXPIRY_TIME "${expiry}" is not a number of seconds`);
		}
		if (last('DELETE') === 'X') {
			const existing = [...this.items.values()].find(
				(i): i is SimAction =>
					i.channel === 4 &&
					i.status !== 4 &&
					(data.requestId !== '' || data.processId !== '') &&
					i.requestId === data.requestId &&
					i.processId === data.processId,
			);
			if (!existing) return '';
			existing.status = 4;
			existing.processing = 1;
			existing.removed = true;
			this.changed(existing);
			return existing.id;
		}
		const address = last('Z_TO_ADDRESS') ?? last('TO_ADDRESS') ?? '';
		const queue =
			(address ? this.queues.find((q) => (q.channelType === 2 || q.channelType === 4) && same(q.id, address)) : undefined) ??
			this.findQueue(ACTION_QUEUE, 4);
		const merged = new Map<string, SimAttribute>();
		for (const attribute of data.attributes) merged.set(attribute.id, attribute);
		const applications: Record<string, unknown> = {};
		const readable = readAttachedData(data.attachedData).applications;
		if (readable) Object.assign(applications, readable);
		const fields: Record<string, string> = {};
		for (const attribute of data.attributes) fields[attribute.id] = attribute.description;
		applications.actionItemAttributes = fields;
		const action = this.add(
			this.newAction(
				this.base('', queue?.id ?? ACTION_QUEUE, 2, writeAttachedData(applications)),
				data,
				[...merged.values()],
				data.routing,
			),
		);
		action.requiredAgents = values('REQUIRED_AGENT');
		action.requiredUntil =
			this.now().getTime() + 1000 * (expiry !== undefined ? Number(expiry) : DEFAULT_REQUIRED_AGENT_EXPIRY_SECONDS);
		action.skills = values('SKILL');
		this.changed(action);
		this.allocate();
		return action.id;
	}

	// -----------------------------------------------------------------------------------------
	// System

	queueStatistics(queue: SimQueue): Record<string, string> {
		const members = this.users.filter((u) => u.currentQueues.some((q) => same(q, queue.id)) && u.workmode !== '1');
		const waiting = [...this.items.values()].filter((i) => i.status === 2 && same(i.queueId, queue.id));
		const now = this.now().getTime();
		const waits = waiting.map((i) => Math.max(0, Math.round((now - i.createdAt) / 1000)));
		const busy = members.filter((u) => this.presenceOf(u) === 2).length;
		const wrapUp = members.filter((u) =>
			[...this.items.values()].some((i) => i.processing === 3 && !i.removed && this.ownerOf(i) === u),
		).length;
		return {
			loggedIn: String(members.length),
			ready: String(members.filter((u) => u.workmode === '2' && this.presenceOf(u) === 1).length),
			pending: String(waiting.length),
			open: '1',
			avgWaitingTime: String(waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0),
			maxWaitingTime: String(waits.length ? Math.max(...waits) : 0),
			busy: String(busy),
			wrapUp: String(wrapUp),
			notReady: String(members.filter((u) => u.workmode === '3' || u.workmode === '1000').length),
			paused: '0',
		};
	}

	createCallBack(options: {
		number: string;
		queue: string;
		callTime: string | null;
		extraData: string | null;
		gwPrefix: string | null;
		notes: string | null;
	}): string | null {
		const number = options.number.trim();
		if (!PHONE_NUMBER.test(number)) throw oiiFault('invalidPhoneNumber');
		const queue = this.findQueue(options.queue, 1);
		if (!queue) throw oiiFault('unknownQueue', `Unknown queue "${options.queue}"`);
		let nextCallTime = isoTime(this.now());
		if (options.callTime && options.callTime.trim() !== '') {
			const date = parseOiiTime(options.callTime);
			if (!date) throw oiiFault('invalidParameter', `callTime "${options.callTime}" is not a date and time`);
			nextCallTime = isoTime(date);
		}
		const extraData = options.extraData?.trim() ?? '';
		if (extraData) {
			let root: string;
			try {
				root = rootOf(parseXml(extraData)).name;
			} catch (error) {
				throw oiiFault('invalidParameter', `extraData is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
			}
			if (root !== 'XML') throw oiiFault('invalidParameter', `The root node of extraData must be named "XML", not "${root}"`);
		}
		if (this.callbacks.some((c) => c.number === number && c.queueNumber === queue.id && c.handledTime === null)) return null;
		const id = randomUUID().toUpperCase();
		this.callbacks.push({
			id,
			number,
			queueNumber: queue.id,
			handledTime: null,
			lastCallTime: null,
			nextCallTime,
			failures: 0,
			maxCalls: CALLBACK_MAX_CALLS,
			lastResult: '',
			extraData,
			notes: options.notes ?? '',
			gwPrefix: options.gwPrefix ?? '',
		});
		return id;
	}

	/**
	 * The callbacks as getCallBacks answers them (with the queue's GUID and name), those matching
	 * every filter given: id, number, queueGuid, queueNumber and queueName, each compared whole
	 * (GUIDs and names without regard to case).
	 */
	callBacksMatching(filter: {
		id?: string;
		number?: string;
		queueGuid?: string;
		queueNumber?: string;
		queueName?: string;
	}): Array<SimCallBack & { queueGuid: string; queueName: string }> {
		const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
		return this.callbacks
			.map((c) => {
				const queue = this.queues.find((q) => q.id === c.queueNumber);
				return { ...c, queueGuid: queue?.guid ?? '', queueName: queue?.name ?? '' };
			})
			.filter(
				(c) =>
					(!given(filter.id) || same(c.id, filter.id)) &&
					(!given(filter.number) || c.number === filter.number.trim()) &&
					(!given(filter.queueGuid) || same(c.queueGuid, filter.queueGuid)) &&
					(!given(filter.queueNumber) || same(c.queueNumber, filter.queueNumber)) &&
					(!given(filter.queueName) || same(c.queueName, filter.queueName)),
			);
	}

	updateCallBack(id: string, result: string, notes: string | null): void {
		const callback = this.callbacks.find((c) => same(c.id, id));
		if (!callback) throw oiiFault('unknownCallBack', `Unknown callback "${id}"`);
		const value = result.trim().toUpperCase();
		if (!lookup(CALLBACK_RESULTS, value)) {
			throw oiiFault('invalidParameter', `result "${result}" must be one of ${Object.keys(CALLBACK_RESULTS).join(', ')}`);
		}
		const now = this.now();
		if (notes !== null) callback.notes = notes;
		if (CALLBACK_FAILURES.includes(value)) {
			callback.failures += 1;
			callback.lastCallTime = isoTime(now);
			if (callback.failures >= callback.maxCalls) {
				callback.lastResult = 'HANDLED';
				callback.handledTime = isoTime(now);
				callback.nextCallTime = null;
			} else {
				callback.lastResult = value;
				callback.nextCallTime = isoTime(new Date(now.getTime() + CALLBACK_RETRY_MINUTES * 60_000));
			}
			return;
		}
		if (value === 'SUCCESSFUL') callback.lastCallTime = isoTime(now);
		callback.lastResult = value;
		callback.handledTime = isoTime(now);
		callback.nextCallTime = null;
	}

	/** JSON-friendly dump. */
	dump(): Record<string, unknown> {
		return {
			cmsHostId: this.cmsHostId,
			users: this.users.map((u) => ({ ...u, presence: this.presenceOf(u) })),
			queues: this.queues.map((q) => ({ ...q, ...this.queueStatistics(q) })),
			items: [...this.items.values()].map((i) => ({ ...i, capabilityList: this.capabilities(i) })),
			callbacks: this.callbacks,
			recordings: this.recordings,
			subscriptions: this.subscriptions,
			events: this.events.length,
		};
	}
}
