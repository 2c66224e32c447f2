import { WORKMODES } from '../tables';

import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { APP_ID, APP_URL, param, USER_ID } from './params';

/** The operations of IciUser (chapter 9.2). */
export const USER_OPERATIONS = interfaceOperations('user', [
	{
		operation: 'getAttributes',
		action: 'Get attributes of a user',
		description: 'Workmode, channels, queues and addresses of a user, and the OII host ID',
		params: [
			USER_ID,
			param(
				'cmsPing',
				'cmsPing',
				'CMS Ping',
				'Whether to only test that the contact center is alive: the answer holds the cmsHostId only',
			),
		],
		response: { kind: 'element', element: 'User' },
	},
	{
		operation: 'setCurrentWorkmode',
		action: 'Set the workmode of a user',
		description: 'Log the user on or off, or make them ready or not ready',
		params: [
			USER_ID,
			param('workmode', 'options', 'Workmode', 'The workmode to set', {
				required: true,
				options: WORKMODES,
				default: '2',
				key: true,
			}),
		],
		response: VOID,
	},
	{
		operation: 'setCurrentChannels',
		action: 'Set the channels of a user',
		description: 'The channels enabled for the user',
		params: [
			USER_ID,
			param(
				'channels',
				'stringList',
				'Channels',
				'Channel IDs (1 phone call, 2 message, 3 chat, 4 action)',
				{ required: true, whenEmpty: 'empty' },
			),
		],
		response: VOID,
	},
	{
		operation: 'setCurrentQueues',
		action: 'Set the queues of a user',
		description: 'The queues the user is assigned to',
		params: [
			USER_ID,
			param('queues', 'stringList', 'Queues', 'Queue IDs the user is assigned to', {
				required: true,
				whenEmpty: 'empty',
			}),
		],
		response: VOID,
	},
	{
		operation: 'setAddresses',
		action: 'Set the addresses of a user',
		description: 'The channel-specific addresses of the user (phone number, e-mail address, …)',
		params: [
			USER_ID,
			param('addresses', 'addresses', 'Addresses', 'Address and channel pairs', {
				required: true,
				whenEmpty: 'empty',
			}),
		],
		response: VOID,
	},
	{
		operation: 'subscribe',
		action: 'Subscribe to user events',
		description: "Subscribe an application to the user's events (userChanged)",
		params: [APP_URL, APP_ID, USER_ID],
		response: VOID,
	},
	{
		operation: 'unsubscribe',
		action: 'Unsubscribe from user events',
		description: 'End the user event subscriptions of an application',
		params: [APP_URL, APP_ID],
		response: VOID,
	},
]);
