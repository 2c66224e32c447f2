import { parseXml, rootOf } from '../../nodes/shared/xml';
import { oiiFault } from './errors';
import {
	ITEM_KIND,
	isoTime,
	same,
	type Channel,
	type ItemBase,
	type SimAction,
	type SimAttribute,
	type SimCall,
	type SimItem,
	type SimUser,
} from './model';
import { OiiUsers } from './users';

/**
 * The life cycle every item shares (IciItem): create, accept, reroute, forward, end (with wrap-up
 * when the agent's mode or wrapUpRequired asks for it; an ended call leaves a recording), and the
 * attached data.
 */

export abstract class OiiItems extends OiiUsers {
	/** IciItem.create: an item in the Created status in a container. */
	createItem(channel: Channel, containerId: string): SimItem {
		this.requireContainer(channel, containerId);
		const base = this.base(containerId.trim(), '', 1);
		let item: SimItem;
		switch (channel) {
			case 1:
				item = {
					...base,
					channel,
					remoteNumbers: [],
					dialedNumber: '',
					inbound: false,
					internal: false,
					trunkId: '',
				};
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
	protected finish(item: SimItem): void {
		if (item.status === 4) return;
		const owner = this.ownerOf(item);
		item.status = 4;
		const wrapUp =
			item.activeSince !== undefined &&
			owner !== undefined &&
			(owner.wrapUpMode === 1 || item.wrapUpRequested);
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
			throw oiiFault(
				'unknownItem',
				`${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`,
			);
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
				if (!item.participants.some((p) => same(p, containerId)))
					item.participants.push(containerId);
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
			throw oiiFault(
				'unknownItem',
				`${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`,
			);
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
			throw oiiFault(
				'unknownItem',
				`${ITEM_KIND[item.channel]} "${item.id}" is not in container "${containerId}"`,
			);
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
				throw oiiFault(
					'invalidParameter',
					`A ${ITEM_KIND[item.channel]} cannot be forwarded to destination type ${destType}`,
				);
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
				throw oiiFault(
					'invalidParameter',
					`attachedData is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
				);
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

	/** A new action item's record (IciItem.create, IciActionItem.route). */
	protected newAction(
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
}
