import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { APP_ID, APP_URL, CHANNEL_TYPE, CONTAINER_ID } from './params';

/** The operations of IciContainer (chapter 9.5). */
export const CONTAINER_OPERATIONS = interfaceOperations('container', [
	{
		operation: 'subscribe',
		action: 'Subscribe to container events',
		description: "Subscribe an application to a container's events and the events of its items",
		params: [
			APP_URL,
			APP_ID,
			CHANNEL_TYPE(
				'Events wanted: 1 phone line + phoneCallChanged, 2 folder + messageChanged, 3 chat line + chatChanged, 4 action item inbox + actionItemChanged',
			),
			{
				...CONTAINER_ID,
				description:
					'The container: phone line number, folder name, chat line or action item inbox',
			},
		],
		response: VOID,
	},
	{
		operation: 'unsubscribe',
		action: 'Unsubscribe from container events',
		description: 'End the container event subscriptions of an application',
		params: [APP_URL, APP_ID],
		response: VOID,
	},
]);
