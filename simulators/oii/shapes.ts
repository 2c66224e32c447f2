import { lookup, PROCESSING_STATUSES } from '../../nodes/SapIci/tables';
import { OiiCore } from './core';
import {
	same,
	text,
	type SimAction,
	type SimCall,
	type SimChat,
	type SimItem,
	type SimMessage,
	type SimUser,
	type TextValue,
} from './model';
import { SEED_CHANNELS, SEED_WORKMODES } from './seed';

/**
 * The chapter 10 elements of the simulated records as OII answers them and sends them in events:
 * User, PhoneCall, Message, ChatSession, ActionSession, ActionItem and the generic Item, each with
 * its status, processing status and the capability list of its status.
 */

export abstract class OiiShapes extends OiiCore {
	userWire(user: SimUser): Record<string, unknown> {
		const queue = (id: string) => text(id, this.queues.find((q) => same(q.id, id))?.name ?? id);
		const channel = (id: string) =>
			text(id, SEED_CHANNELS.find((c) => c.id === id)?.description ?? id);
		const workmode = SEED_WORKMODES.find((w) => w.id === user.workmode) ?? {
			id: user.workmode,
			description: user.workmode,
		};
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
}
