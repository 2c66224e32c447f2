import { randomUUID } from 'node:crypto';

import type { XmlElement } from '../../nodes/shared/xml';
import type { SeedQueue, SeedRecording, SeedUser } from './seed';

/**
 * The records of the simulated contact center (users, queues, the four kinds of item, callbacks,
 * recordings, subscriptions and events) and the small helpers every part of it uses: IDs, the
 * case-insensitive comparison OII applies to IDs, and the time formats of the OII samples.
 */

export type Channel = 1 | 2 | 3 | 4;

export interface TextValue {
	id: string;
	description: string;
}

export interface SimUser extends SeedUser {
	/** When the user last became ready (allocation order). */
	readySince: number;
}

export type SimQueue = SeedQueue;

export interface ItemBase {
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

export const PHONE_NUMBER = /^\+?[0-9]+$/;
export const ITEM_KIND: Record<Channel, string> = {
	1: 'phone call',
	2: 'message',
	3: 'chat session',
	4: 'action item',
};

export function newId(): string {
	return randomUUID().replace(/-/g, '').toUpperCase();
}

export function same(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function isoTime(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** YYYYMMDDHHMMSS, the chat posting time stamp format (10.15.1). */
export function postDate(date: Date): string {
	return isoTime(date).replace(/[-:TZ]/g, '');
}

/** Dates as the OII samples give them (YYYY-MM-DD HH:MM:SS, UTC) or ISO 8601. Undefined when unreadable. */
export function parseOiiTime(text: string): Date | undefined {
	const trimmed = text.trim();
	const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
	const date = plain
		? new Date(
				Date.UTC(
					+plain[1],
					+plain[2] - 1,
					+plain[3],
					+(plain[4] ?? 0),
					+(plain[5] ?? 0),
					+(plain[6] ?? 0),
				),
			)
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

export function text(id: number | string, description: string): TextValue {
	return { id: String(id), description };
}
