import { DEFAULT_ICI_VERSION, DEFAULT_USER_PRESENCE_MAX_HITS, ICI_INTERFACES } from '../constants';
import { CALLBACK_RESULTS } from '../tables';

import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { CHANNEL_TYPE, param, requiredParam, USER_ID } from './params';

/** The operations of IciSystem (chapter 9.1). */
export const SYSTEM_OPERATIONS = interfaceOperations('system', [
	{
		operation: 'exchangeProductInformation',
		action: 'Exchange product information',
		description:
			'Tell OII the ICI version and get the product name, version and supported ICI groups',
		params: [
			requiredParam('iciVersion', 'ICI Version', 'ICI version of the SAP system', {
				default: DEFAULT_ICI_VERSION,
				key: false,
			}),
		],
		response: { kind: 'element', element: 'ProductInformation' },
	},
	{
		operation: 'getWorkcenterCapability',
		action: 'Get workcenter capability',
		description: 'Workcenter identification types (OII: always 0, free seating not supported)',
		params: [USER_ID],
		response: { kind: 'element', element: 'WorkcenterCapability' },
	},
	{
		operation: 'getPresenceQueueInfo',
		action: 'Get presence queue info',
		description: 'Queues of a channel the user may transfer to, with their statistics',
		params: [
			{
				...USER_ID,
				description: 'User who requests the presence info',
				namespace: ICI_INTERFACES.user.namespace,
			},
			CHANNEL_TYPE('Channel whose queues are returned'),
			param('queueGuid', 'string', 'Queue GUID', 'Only the queue with this GUID'),
			param(
				'queueAddress',
				'string',
				'Queue Address',
				'Only the queue with this address (queue number or e-mail address)',
			),
			param('queueName', 'string', 'Queue Name', 'Only the queue with this name'),
		],
		response: { kind: 'element', element: 'PresenceQueueInfo' },
		optionalLabel: 'Filters',
	},
	{
		operation: 'getUserPresence',
		action: 'Get user presence',
		description: 'Presence and collaboration data of users, by user IDs or by a search term',
		params: [
			param(
				'users',
				'stringList',
				'Users',
				'User IDs whose presence is returned; when empty the search term is used',
				{ itemTag: 'Item', whenEmpty: 'empty' },
			),
			param(
				'searchterm',
				'string',
				'Search Term',
				'Free-text search: first name, surname, title or address',
				{ whenEmpty: 'nil' },
			),
			param(
				'maxhits',
				'int',
				'Max Hits',
				'Maximum number of users returned for a search (OII default 100)',
				{ default: DEFAULT_USER_PRESENCE_MAX_HITS, whenEmpty: 'nil' },
			),
		],
		response: { kind: 'list', element: 'UserPresenceInfo' },
		optionalLabel: 'Search',
	},
	{
		operation: 'getCallRecordings',
		action: 'Get call recordings',
		description: 'Call recording file names, searched by call, user, time, path or name',
		params: [
			param('callHandle', 'string', 'Call Handle', 'Recordings of this call', { whenEmpty: 'nil' }),
			param('userId', 'string', 'User ID', 'Recordings of this user', { whenEmpty: 'nil' }),
			param(
				'dateTimeFrom',
				'string',
				'Date Time From',
				'Lower limit of the recording time, e.g. 2024-05-01 08:00:00',
				{ whenEmpty: 'nil' },
			),
			param('dateTimeTo', 'string', 'Date Time To', 'Upper limit of the recording time', {
				whenEmpty: 'nil',
			}),
			param('filePath', 'string', 'File Path', 'Recordings below this path', { whenEmpty: 'nil' }),
			param('fileName', 'string', 'File Name', 'Recordings with this file name', {
				whenEmpty: 'nil',
			}),
			param('maxhits', 'int', 'Max Hits', 'Maximum number of recordings (all when not set)', {
				default: 100,
				whenEmpty: 'nil',
			}),
		],
		response: { kind: 'list', element: 'CallRecording' },
		optionalLabel: 'Filters',
	},
	{
		operation: 'createCallBack',
		displayName: 'Create Callback',
		action: 'Create a callback',
		description: 'Create a callback request for a customer number in a callback queue',
		params: [
			requiredParam('number', 'Number', 'Phone number of the customer (characters +0123456789)', {
				placeholder: '+358401234567',
			}),
			requiredParam('queue', 'Queue', 'Queue number, queue GUID or queue name'),
			param(
				'callTime',
				'string',
				'Call Time (UTC)',
				'When the call should be made, e.g. 2024-05-01 14:30:00 (UTC)',
				{ whenEmpty: 'nil' },
			),
			param(
				'extraData',
				'callbackExtraData',
				'Extra Data',
				'Skills, priority and any other key passed to the contact center',
				{ whenEmpty: 'nil' },
			),
			param('gwPrefix', 'string', 'Gateway Prefix', 'Gateway prefix used in call routing', {
				whenEmpty: 'nil',
			}),
			param('notes', 'text', 'Notes', 'Shown in the callback script', { whenEmpty: 'nil' }),
		],
		response: { kind: 'callbackId' },
		requestAliases: ['createCallback'],
	},
	{
		operation: 'updateCallBack',
		displayName: 'Update Callback',
		action: 'Update a callback',
		description:
			'Report the result of a callback: a failure counts towards the maximum number of calls',
		params: [
			requiredParam(
				'id',
				'Callback ID',
				'GUID of the callback (from Create Callback or Get Callbacks)',
			),
			param('result', 'options', 'Result', 'Result of the call', {
				required: true,
				options: CALLBACK_RESULTS,
				default: 'SUCCESSFUL',
				key: true,
			}),
			param(
				'notes',
				'text',
				'Notes',
				'Notes shown in the callback script (left unchanged when empty)',
				{ whenEmpty: 'nil' },
			),
		],
		response: VOID,
		requestAliases: ['updateCallback'],
	},
	{
		operation: 'getCallBacks',
		displayName: 'Get Callbacks',
		action: 'Get callbacks',
		description: 'Callback requests, all or those matching the filters',
		params: [
			param('id', 'string', 'Callback ID', 'Only the callback with this GUID'),
			param('number', 'string', 'Number', 'Only callbacks to this phone number'),
			param('queueGuid', 'string', 'Queue GUID', 'Only callbacks of the queue with this GUID'),
			param(
				'queueNumber',
				'string',
				'Queue Number',
				'Only callbacks of the queue with this number',
			),
			param('queueName', 'string', 'Queue Name', 'Only callbacks of the queue with this name'),
		],
		response: { kind: 'list', element: 'CallBack' },
		requestAliases: ['getCallbacks'],
		responseNames: ['getCallbacksResponse'],
		optionalLabel: 'Filters',
	},
]);
