import { ICI_EVENT_NAMESPACE } from '../../nodes/SapIci/constants';
import { writeIciEnvelope, type BodyChild } from '../../nodes/SapIci/envelope';
import {
	CHANNEL_TABLES,
	CHANNEL_TYPES,
	capabilityForMethod,
	lookup,
	type StatusEntry,
} from '../../nodes/SapIci/tables';
import type { XmlElement } from '../../nodes/shared/xml';
import { oiiFault } from './errors';
import {
	ITEM_KIND,
	isoTime,
	newId,
	same,
	type Channel,
	type ItemBase,
	type OiiEvent,
	type OiiEventListener,
	type OiiStateOptions,
	type OiiSubscription,
	type SimCallBack,
	type SimItem,
	type SimQueue,
	type SimRecording,
	type SimUser,
} from './model';
import {
	CALLBACK_MAX_CALLS,
	OII_SIM_CMS_HOST_ID,
	SEED_CALLBACKS,
	SEED_QUEUES,
	SEED_RECORDINGS,
	SEED_USERS,
} from './seed';

/**
 * The core of the simulated contact center: its data (users, queues, items, callbacks,
 * recordings, subscriptions and the events built so far), the clock, the seed state `reset()`
 * returns to, the event log every change is written to, the look-ups of users, containers, queues
 * and items, and the capability check that refuses an operation an item's status does not allow.
 */

const DEFAULT_MAX_EVENTS = 1000;

export abstract class OiiCore {
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

	protected emit(operation: string, to: OiiSubscription[], children: BodyChild[]): void {
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
			if (this.events.length > this.maxEvents)
				this.events.splice(0, this.events.length - this.maxEvents);
			for (const listener of this.listeners) listener(event);
		}
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
		return this.users.find((u) =>
			u.addresses.some((a) => a.channel === String(channel) && same(a.address, containerId)),
		);
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
			(q) =>
				(channel === undefined || q.channelType === channel) &&
				(same(q.id, id) || same(q.guid, id) || same(q.name, id)),
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
			throw oiiFault(
				'wrongChannel',
				`Item "${id}" is a ${ITEM_KIND[item.channel]}, not a ${ITEM_KIND[channel]}`,
			);
		}
		return item as Extract<SimItem, { channel: C }>;
	}

	/** The item, which must be in the given container. */
	itemIn<C extends Channel>(
		id: string,
		channel: C,
		containerId: string,
	): Extract<SimItem, { channel: C }> {
		const item = this.findItemOf(id, channel);
		if (!same(item.containerId, containerId)) {
			throw oiiFault(
				'unknownItem',
				`${ITEM_KIND[channel]} "${id}" is not in container "${containerId}"`,
			);
		}
		return item;
	}

	// -----------------------------------------------------------------------------------------
	// Capabilities

	/** The item's status in its channel's status table (chapter 10). */
	protected statusEntry(item: SimItem): StatusEntry | undefined {
		return lookup(CHANNEL_TABLES[item.channel].statuses, item.status);
	}

	capabilities(item: SimItem): number[] {
		return [...(this.statusEntry(item)?.capabilities ?? [])];
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
	listed<C extends Channel>(
		channel: C,
		containerId: string,
	): Array<Extract<SimItem, { channel: C }>> {
		return [...this.items.values()].filter(
			(i): i is Extract<SimItem, { channel: C }> =>
				i.channel === channel && !i.removed && same(i.containerId, containerId),
		);
	}

	// -----------------------------------------------------------------------------------------
	// New items

	protected add<T extends SimItem>(item: T): T {
		this.items.set(item.id, item);
		return item;
	}

	protected base(
		containerId: string,
		queueId: string,
		status: number,
		attachedData = '',
	): ItemBase {
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
}
