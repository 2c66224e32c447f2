import type { IDataObject } from 'n8n-workflow';

import type { SoapMessage } from '../shared/transport/soap';
import { ICI_EVENT_NAMESPACE } from './constants';
import { decodeFields, type FieldDef } from './elements';
import { readIciEnvelope, writeIciEnvelope } from './envelope';

/**
 * The client-side IciEvent interface (chapter 9.3): the messages OII sends to a subscriber's
 * appUrl, declared as data like the operations, with a reader that decodes them into the same JSON
 * the node's operations give, and the answer a subscriber returns.
 */

export type IciEventName =
	| 'userChanged'
	| 'subscriptionEnded'
	| 'containerChanged'
	| 'phoneCallChanged'
	| 'messageChanged'
	| 'chatChanged'
	| 'chatNewPosting'
	| 'actionItemChanged';

/** The subscribed application IDs every event starts with ('applds' is how the specification's sample spells it once). */
const APP_IDS: FieldDef = { name: 'appIds', kind: 'stringList', aliases: ['applds'] };

export const ICI_EVENTS: Record<IciEventName, readonly FieldDef[]> = {
	userChanged: [APP_IDS, { name: 'user', kind: 'element', element: 'User' }],
	subscriptionEnded: [APP_IDS, { name: 'reason', kind: 'text', table: 'subscriptionEndReason' }],
	containerChanged: [
		APP_IDS,
		{ name: 'channelType', kind: 'code', table: 'channelType' },
		{ name: 'containerId', kind: 'string' },
		{ name: 'containerStatus', kind: 'text', table: 'containerStatus' },
	],
	phoneCallChanged: [APP_IDS, { name: 'phoneCall', kind: 'element', element: 'PhoneCall' }],
	messageChanged: [APP_IDS, { name: 'message', kind: 'element', element: 'Message' }],
	chatChanged: [APP_IDS, { name: 'chatSession', kind: 'element', element: 'ChatSession' }],
	chatNewPosting: [APP_IDS, { name: 'chatPosting', kind: 'element', element: 'ChatPosting' }],
	actionItemChanged: [
		APP_IDS,
		{ name: 'userIds', kind: 'stringList' },
		{ name: 'actionSession', kind: 'element', element: 'ActionSession' },
		{ name: 'actionItemId', kind: 'string' },
		{ name: 'itemData', kind: 'element', element: 'ActionItem' },
		{ name: 'scenarioId', kind: 'string' },
	],
};

export function isIciEventName(name: string): name is IciEventName {
	return Object.prototype.hasOwnProperty.call(ICI_EVENTS, name);
}

export class IciEventError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'IciEventError';
	}
}

/**
 * `monitorDataChanged`: chapter 7.1 lists it with the IciEvent operations, but its message is not
 * specified (IciMonitor is not documented). It is read with its appIds and every other child as
 * plain JSON.
 */
export const MONITOR_DATA_CHANGED = 'monitorDataChanged';

/** Every message a subscriber can receive: the eight specified events and monitorDataChanged. */
export type IciNotificationName = IciEventName | typeof MONITOR_DATA_CHANGED;

export const ICI_NOTIFICATIONS: readonly IciNotificationName[] = [
	...(Object.keys(ICI_EVENTS) as IciEventName[]),
	MONITOR_DATA_CHANGED,
];

/** A notification decoded: `{ event, appIds, …its elements }`. */
export type IciNotification = IDataObject & { event: IciNotificationName };

/** Decode a read envelope holding an IciEvent request (or monitorDataChanged). */
export function decodeIciNotification(message: SoapMessage): IciNotification {
	if (message.fault)
		throw new IciEventError('The request is a SOAP Fault, not an IciEvent message');
	const wanted = message.name.toLowerCase();
	const name = Object.keys(ICI_EVENTS).find((e) => e.toLowerCase() === wanted);
	if (name && isIciEventName(name))
		return { event: name, ...decodeFields(ICI_EVENTS[name], message.element) };
	if (wanted === MONITOR_DATA_CHANGED.toLowerCase()) {
		return { event: MONITOR_DATA_CHANGED, ...decodeFields([APP_IDS], message.element) };
	}
	throw new IciEventError(`<${message.name || 'an empty Body'}> is not an IciEvent message`);
}

/** An IciEvent request (one of the eight specified events) decoded: `{ event, appIds, …the event's elements }`. */
export function readIciEvent(xml: string | Buffer): IDataObject {
	const message = readIciEnvelope(xml);
	const notification = decodeIciNotification(message);
	if (notification.event === MONITOR_DATA_CHANGED)
		throw new IciEventError(`<${message.name}> is not an IciEvent message`);
	return notification;
}

const RESPONSE_ELEMENT = 'response';

/**
 * The answer a subscriber returns for an event: `<…Response><response /></…Response>` (chapter 9.3;
 * monitorDataChanged is answered the same way).
 */
export function writeIciEventAnswer(event: IciNotificationName): string {
	return writeIciEnvelope({
		namespace: ICI_EVENT_NAMESPACE,
		operation: `${event}Response`,
		children: [{ name: RESPONSE_ELEMENT, value: '' }],
		childForm: 'qualified',
	});
}
