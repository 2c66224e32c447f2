import { CHANNEL_TYPES, lookup } from '../../nodes/SapIci/tables';
import { oiiFault } from './errors';
import { PHONE_NUMBER, same, type Channel, type SimItem, type SimUser } from './model';
import { SEED_WORKMODES } from './seed';
import { OiiSubscriptions } from './subscriptions';

/**
 * Users: workmode, current channels and queues, addresses (the containers they own), presence,
 * and the allocation of queued items to the users who are ready for them.
 */

export abstract class OiiUsers extends OiiSubscriptions {
	setWorkmode(user: SimUser, workmode: string): void {
		if (!SEED_WORKMODES.some((w) => w.id === workmode.trim())) {
			throw oiiFault(
				'invalidWorkmode',
				`Workmode "${workmode}" is not one of the workmodes of ${user.userId}`,
			);
		}
		const previous = user.workmode;
		user.workmode = workmode.trim();
		if (user.workmode === '2' && previous !== '2') user.readySince = this.now().getTime();
		this.userChanged(user);
		this.allocate();
	}

	setChannels(user: SimUser, channels: string[]): void {
		for (const id of channels) {
			if (!user.channels.includes(id))
				throw oiiFault('notAllowedForUser', `Channel "${id}" is not allowed for ${user.userId}`);
		}
		user.currentChannels = [...new Set(channels)];
		this.userChanged(user);
	}

	setQueues(user: SimUser, queues: string[]): void {
		const ids = queues.map((id) => {
			const allowed = user.queues.find((q) => same(q, id));
			if (!allowed)
				throw oiiFault('notAllowedForUser', `Queue "${id}" is not allowed for ${user.userId}`);
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
		const key = (a: { address: string; channel: string }) =>
			`${a.channel}|${a.address.toLowerCase()}`;
		const before = new Map(user.addresses.map((a) => [key(a), a]));
		const after = new Map(addresses.map((a) => [key(a), a]));
		user.addresses = [...after.values()].map((a) => ({ ...a }));
		for (const [k, a] of before) if (!after.has(k)) this.containerChanged(a.channel, a.address, 3);
		for (const [k, a] of after) if (!before.has(k)) this.containerChanged(a.channel, a.address, 1);
		this.userChanged(user);
		this.allocate();
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
		if (
			item.channel === 4 &&
			item.requiredAgents.length > 0 &&
			this.now().getTime() < item.requiredUntil
		) {
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
}
