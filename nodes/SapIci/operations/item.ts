import { DESTINATION_TYPES } from '../tables';

import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { CHANNEL_TYPE, CONTAINER_ID, ITEM_ID, param, requiredParam } from './params';

/** The operations of IciItem (chapter 9.4). */
export const ITEM_OPERATIONS = interfaceOperations('item', [
	{
		operation: 'create',
		action: 'Create an item',
		description:
			'Create an item in the Created status: an outbound call, an e-mail, a chat session or an action item',
		params: [CHANNEL_TYPE('Channel of the new item'), CONTAINER_ID],
		response: { kind: 'element', element: 'Item' },
		channelFrom: { param: 'channelType' },
	},
	{
		operation: 'wrapUpRequired',
		action: 'Require wrap-up for an item',
		description: 'The item goes to Wrap up when its processing ends (requested wrap-up mode)',
		params: [ITEM_ID],
		response: VOID,
	},
	{
		operation: 'wrapUpEnded',
		action: 'End the wrap-up of an item',
		description: 'Wrap-up work is finished: the item becomes Not in process',
		params: [ITEM_ID],
		response: VOID,
	},
	{
		operation: 'accept',
		action: 'Accept an item',
		description: 'Accept an assigned item (answers a call, opens a message, joins a chat)',
		params: [ITEM_ID, CONTAINER_ID],
		response: VOID,
	},
	{
		operation: 'reroute',
		action: 'Reroute an item',
		description: 'Decline an assigned item: the contact center routes it to someone else',
		params: [ITEM_ID, CONTAINER_ID],
		response: VOID,
	},
	{
		operation: 'forward',
		action: 'Forward an item',
		description: 'Forward an item to another container or to a queue',
		params: [
			ITEM_ID,
			{ ...CONTAINER_ID, description: 'The container the item is transferred from' },
			param('destType', 'options', 'Destination Type', 'Type of the destination', {
				required: true,
				options: DESTINATION_TYPES,
				default: '12',
				key: true,
			}),
			requiredParam('destination', 'Destination', 'The container ID or the queue ID'),
		],
		response: VOID,
	},
	{
		operation: 'getAttachedData',
		action: 'Get attached data of an item',
		description: 'The item attached data XML, also parsed per Application ID',
		params: [ITEM_ID],
		response: { kind: 'string', field: 'attachedData', attachedData: true },
	},
	{
		operation: 'setAttachedData',
		action: 'Set attached data of an item',
		description: 'Replace the item attached data (keep the Applications of others intact)',
		params: [
			ITEM_ID,
			param('attachedData', 'attachedData', 'Attached Data', 'The ItemAttachedData XML document', {
				required: true,
				whenEmpty: 'empty',
			}),
		],
		response: VOID,
	},
	{
		operation: 'deleteAttachedData',
		action: 'Delete attached data of an item',
		description: 'Remove the data attached to an item',
		params: [ITEM_ID],
		response: VOID,
	},
]);
