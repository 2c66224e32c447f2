import { lookup, CONTAINER_STATUSES, SUBSCRIPTION_END_REASONS } from '../../nodes/SapIci/tables';
import { encodeElement } from '../../nodes/SapIci/elements';
import { oiiFault } from './errors';
import {
	isoTime,
	postDate,
	same,
	type Channel,
	type OiiSubscription,
	type SimChat,
	type SimItem,
	type SimPosting,
	type SimUser,
} from './model';
import { OiiShapes } from './shapes';

/**
 * Event subscriptions (IciUser and IciContainer subscribe / unsubscribe, subscriptionEnded) and
 * the change events each subscriber gets: userChanged, containerChanged, the item events of the
 * four channels, and chatNewPosting.
 */

export abstract class OiiSubscriptions extends OiiShapes {
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
		this.subscriptions = this.subscriptions.filter(
			(s) => !(s.kind === kind && s.appUrl === appUrl && s.appId === appId),
		);
		return before - this.subscriptions.length;
	}

	/** End subscriptions (subscriptionEnded); reason 2 (paused) keeps them. */
	endSubscriptions(reason: 1 | 2 | 3): void {
		const entry = lookup(SUBSCRIPTION_END_REASONS, reason);
		this.emit(
			'subscriptionEnded',
			[...this.subscriptions],
			[{ name: 'reason', value: { id: String(reason), description: entry?.name ?? '' } }],
		);
		if (reason !== 2) this.subscriptions = [];
	}

	private userSubscribers(user: SimUser): OiiSubscription[] {
		return this.subscriptions.filter(
			(s) => s.kind === 'user' && s.userId !== undefined && same(s.userId, user.userId),
		);
	}

	private containerSubscribers(channel: Channel, containerIds: string[]): OiiSubscription[] {
		return this.subscriptions.filter(
			(s) =>
				s.kind === 'container' &&
				s.channelType === String(channel) &&
				containerIds.some(
					(id) => id !== '' && s.containerId !== undefined && same(s.containerId, id),
				),
		);
	}

	protected userChanged(user: SimUser): void {
		this.emit('userChanged', this.userSubscribers(user), [
			{ name: 'user', value: encodeElement('User', this.userWire(user)) },
		]);
	}

	protected containerChanged(channel: string, containerId: string, status: number): void {
		const subs = this.subscriptions.filter(
			(s) =>
				s.kind === 'container' &&
				s.channelType === channel &&
				s.containerId !== undefined &&
				same(s.containerId, containerId),
		);
		this.emit('containerChanged', subs, [
			{ name: 'channelType', value: channel },
			{ name: 'containerId', value: containerId },
			{
				name: 'containerStatus',
				value: { id: String(status), description: lookup(CONTAINER_STATUSES, status)?.name ?? '' },
			},
		]);
	}

	/** Report a changed item to the subscribers of its container (and of the containers it left). */
	protected changed(item: SimItem, alsoContainers: string[] = []): void {
		const containers = [item.containerId, ...alsoContainers];
		const subs = this.containerSubscribers(item.channel, containers);
		switch (item.channel) {
			case 1:
				this.emit('phoneCallChanged', subs, [
					{
						name: 'phoneCall',
						value: encodeElement('PhoneCall', this.callWire(item)),
						namespace: '',
					},
				]);
				return;
			case 2:
				this.emit('messageChanged', subs, [
					{ name: 'message', value: encodeElement('Message', this.messageWire(item)) },
				]);
				return;
			case 3:
				this.emit('chatChanged', subs, [
					{ name: 'chatSession', value: encodeElement('ChatSession', this.chatWire(item)) },
				]);
				return;
			case 4:
				this.emit('actionItemChanged', subs, [
					{ name: 'userIds', value: '' },
					{
						name: 'actionSession',
						value: encodeElement('ActionSession', this.actionSessionWire(item)),
					},
					{ name: 'actionItemId', value: item.id },
					{ name: 'itemData', value: encodeElement('ActionItem', this.actionItemWire(item)) },
					{ name: 'scenarioId', value: '' },
				]);
				return;
		}
	}

	protected newPosting(chat: SimChat, posting: SimPosting): void {
		chat.postings.push(posting);
		const lines = [chat.containerId, ...chat.participants];
		this.emit('chatNewPosting', this.containerSubscribers(3, lines), [
			{ name: 'chatPosting', value: encodeElement('ChatPosting', { ...posting }) },
		]);
	}

	protected systemPosting(chat: SimChat, contentText: string): SimPosting {
		return {
			chatSessionId: chat.id,
			postDate: postDate(this.now()),
			chatParticipant: '',
			contentText,
			systemMessage: true,
		};
	}
}
