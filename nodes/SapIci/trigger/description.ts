import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	incomingAuthenticationProperties,
	ipAllowlistOption,
	READ_EVENTS_RAW,
	readEventsRawOption,
} from '../../shared/webhookRequest';
import { ICI_NOTIFICATIONS, MONITOR_DATA_CHANGED, type IciNotificationName } from '../events';
import { PHONE_CALL_STATUSES } from '../tables';

/** The trigger's parameters. */

/**
 * Read Events Raw (n8n's `options.binaryData`, see nodes/shared/webhookRequest.ts) is on by
 * default; triggers saved before it existed get it from Options > Add Option.
 */
export { READ_EVENTS_RAW };

const EVENT_TEXTS: Record<IciNotificationName, { name: string; description: string }> = {
	actionItemChanged: {
		name: 'Action Item Changed',
		description: 'An action item of a subscribed action item inbox is new or changed',
	},
	chatChanged: {
		name: 'Chat Changed',
		description: 'A chat session of a subscribed chat line is new or changed',
	},
	chatNewPosting: {
		name: 'Chat New Posting',
		description: 'Someone posted in a chat session of a subscribed chat line',
	},
	containerChanged: {
		name: 'Container Changed',
		description: 'A subscribed container is OK again, failed or was removed',
	},
	messageChanged: {
		name: 'Message Changed',
		description: 'An e-mail of a subscribed folder is new, changed or deleted',
	},
	[MONITOR_DATA_CHANGED]: {
		name: 'Monitor Data Changed',
		description: 'Named by OII but not specified: its body is passed through as JSON',
	},
	phoneCallChanged: {
		name: 'Phone Call Changed',
		description: 'A call of a subscribed phone line is new or changed',
	},
	subscriptionEnded: {
		name: 'Subscription Ended',
		description:
			'OII ended the subscriptions: shut-down (1) or timeout (3) make the trigger subscribe again, paused (2) keeps them',
	},
	userChanged: {
		name: 'User Changed',
		description: "A subscribed user's workmode, channels, queues or addresses changed",
	},
};

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export const EVENT_OPTIONS: INodePropertyOptions[] = ICI_NOTIFICATIONS.map((event) => ({
	name: EVENT_TEXTS[event].name,
	value: event,
	description: EVENT_TEXTS[event].description,
})).sort(byName);

const CALL_STATUS_OPTIONS: INodePropertyOptions[] = Object.entries(PHONE_CALL_STATUSES)
	.map(([id, entry]) => ({ name: `${entry.name} (${id})`, value: id, description: entry.meaning }))
	.sort(byName);

/** The container kinds of IciContainer.subscribe (9.5.1), with the events each one brings. */
const CHANNEL_TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Action Item Inbox (4)',
		value: '4',
		description: 'Events: containerChanged and actionItemChanged of the action item inbox',
	},
	{
		name: 'Chat Line (3)',
		value: '3',
		description: 'Events: containerChanged, chatChanged and chatNewPosting of the chat line',
	},
	{
		name: 'Folder (2)',
		value: '2',
		description: 'Events: containerChanged and messageChanged of the e-mail folder',
	},
	{
		name: 'Phone Line (1)',
		value: '1',
		description: 'Events: containerChanged and phoneCallChanged of the phone line',
	},
];

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			"When the workflow is activated, the trigger subscribes at OII for the users and containers below, with this workflow's webhook URL (plus a secret) as appUrl. Deactivating it unsubscribes.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add User ID' },
		default: [],
		placeholder: 'HARRI',
		description: 'Users whose changes are sent as userChanged (IciUser.subscribe)',
	},
	{
		displayName: 'Containers',
		name: 'containers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Container',
		description:
			'Phone lines, e-mail folders, chat lines and action item inboxes whose events are sent (IciContainer.subscribe)',
		options: [
			{
				displayName: 'Container',
				name: 'container',
				values: [
					{
						displayName: 'Channel Type',
						name: 'channelType',
						type: 'options',
						options: CHANNEL_TYPE_OPTIONS,
						default: '1',
					},
					{
						displayName: 'Container ID',
						name: 'containerId',
						type: 'string',
						default: '',
						placeholder: '+129',
						description:
							"The phone line number, folder name, chat line or action item inbox (usually the agent's address on that channel)",
					},
				],
			},
		],
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [...ICI_NOTIFICATIONS],
		description:
			'The events that start the workflow. The others are still answered and then dropped.',
	},
	{
		displayName: 'App URL Override',
		name: 'appUrlOverride',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/1f4c…/ici-events',
		description:
			"The URL OII posts the events to, when it cannot reach n8n's own webhook URL (a reverse proxy, another host name or port). The secret is added to it. Empty: the webhook URL.",
	},
	...incomingAuthenticationProperties('an OII'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: { [READ_EVENTS_RAW]: true },
		options: [
			{
				displayName: 'Call Statuses',
				name: 'callStatuses',
				type: 'multiOptions',
				options: CALL_STATUS_OPTIONS,
				default: [],
				description:
					'Phone Call Changed starts the workflow only for calls in these statuses. None selected: every status.',
			},
			{
				displayName: 'Include Raw XML',
				name: 'includeRawXml',
				type: 'boolean',
				default: false,
				description: 'Whether to add the SOAP request as received (rawXml) to each item',
			},
			ipAllowlistOption(),
			readEventsRawOption(
				"Whether the trigger reads each event from the request itself, so that n8n does not parse it first. Keep it on: a malformed body parsed by n8n can stall n8n's XML parsing for every later request.",
			),
		],
	},
];
