import type { IDataObject } from 'n8n-workflow';

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

/** An IciEvent request decoded: `{ event, appIds, …the event's elements }`. */
export function readIciEvent(xml: string | Buffer): IDataObject {
	const message = readIciEnvelope(xml);
	if (message.fault) throw new IciEventError('The request is a SOAP Fault, not an IciEvent message');
	const name = Object.keys(ICI_EVENTS).find((e) => e.toLowerCase() === message.name.toLowerCase());
	if (!name || !isIciEventName(name)) throw new IciEventError(`<${message.name || 'an empty Body'}> is not an IciEvent message`);
	return { event: name, ...decodeFields(ICI_EVENTS[name], message.element) };
}

const RESPONSE_ELEMENT = 'response';

/** The answer a subscriber returns for an event: `<…Response><response /></…Response>` (chapter 9.3). */
export function writeIciEventAnswer(event: IciEventName): string {
	return writeIciEnvelope({
		namespace: ICI_EVENT_NAMESPACE,
		operation: `${event}Response`,
		children: [{ name: RESPONSE_ELEMENT, value: '' }],
		childForm: 'qualified',
	});
}
