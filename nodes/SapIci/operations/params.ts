import { CHANNEL_TYPES } from '../tables';

import type { ParamDef, ParamKind } from './types';

/** Building blocks of the operations' parameters. */

export const param = (
	name: string,
	kind: ParamKind,
	displayName: string,
	description: string,
	extra: Partial<ParamDef> = {},
): ParamDef => ({
	name,
	kind,
	displayName,
	description,
	...extra,
});

export const requiredParam = (
	name: string,
	displayName: string,
	description: string,
	extra: Partial<ParamDef> = {},
): ParamDef =>
	param(name, 'string', displayName, description, { required: true, key: true, ...extra });

export const USER_ID = requiredParam(
	'userId',
	'User ID',
	'The user (login name in the contact center, not case-sensitive)',
	{ placeholder: 'HARRI' },
);
export const ITEM_ID = requiredParam(
	'itemId',
	'Item ID',
	'ID of the item (call handle, message ID, chat session ID or action item ID)',
	{ placeholder: 'A163FDACEE7A476BAB59E15C81B6D4F2' },
);
export const CONTAINER_ID = requiredParam(
	'containerId',
	'Container ID',
	'The container of the item: phone line number, folder name, chat line or action item inbox',
	{ placeholder: '+129' },
);
export const LINE_NUMBER = requiredParam(
	'lineNumber',
	'Line Number',
	"The phone line (container ID), e.g. the agent's extension",
	{ placeholder: '+129' },
);
export const CALL_HANDLE = requiredParam('callHandle', 'Call Handle', 'The call (item ID)', {
	placeholder: 'A163FDACEE7A476BAB59E15C81B6D4F2',
});
export const CONN_CALL = requiredParam(
	'connCallHandle',
	'Connected Call Handle',
	'The connected call',
);
export const HELD_CALL = requiredParam('heldCallHandle', 'Held Call Handle', 'The held call');
export const MESSAGE_ID = requiredParam('messageId', 'Message ID', 'The message (item ID)');
export const CHAT_SESSION_ID = requiredParam(
	'chatSessionId',
	'Chat Session ID',
	'The chat session (item ID)',
);
export const CHAT_LINE_ID = requiredParam(
	'chatLineId',
	'Chat Line ID',
	"The chat line (container ID): the agent's chat address",
	{ placeholder: 'harri.chat@contact.example' },
);
export const APP_URL = requiredParam(
	'appUrl',
	'Application URL',
	'Address of the SOAP entry point the events are sent to; with the application ID it is the subscription key',
	{ placeholder: 'http://sapserver:80/soapdispatcher' },
);
export const APP_ID = requiredParam(
	'appId',
	'Application ID',
	'Identifies the subscribing application instance',
);
export const CHANNEL_TYPE = (description: string): ParamDef =>
	param('channelType', 'options', 'Channel Type', description, {
		required: true,
		options: CHANNEL_TYPES,
		default: '1',
		key: true,
	});

/** Where optional parameters live. */
export const OPTIONAL_COLLECTION = 'additionalFields';
