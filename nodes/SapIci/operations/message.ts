import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { MESSAGE_ID, param } from './params';

/** The operations of IciMessage (chapter 9.9). */
export const MESSAGE_OPERATIONS = interfaceOperations('message', [
	{
		operation: 'getAttributes',
		action: 'Get attributes of a message',
		description: 'Sender, subject, body text, attachment names, status and flags of a message',
		params: [MESSAGE_ID],
		response: { kind: 'element', element: 'Message' },
	},
	{
		operation: 'getContent',
		action: 'Get the content of a message',
		description: 'The complete RFC 822 / MIME content (header and body) of a message',
		params: [MESSAGE_ID],
		response: { kind: 'string', field: 'content' },
	},
	{
		operation: 'setContent',
		action: 'Set the content of a message',
		description: 'Set the complete RFC 822 / MIME content (header and body) of a message',
		params: [
			MESSAGE_ID,
			param(
				'content',
				'text',
				'Content',
				'The RFC 822 message: header lines (From, To, Subject, …), an empty line, then the body',
				{ required: true },
			),
		],
		response: VOID,
	},
	{
		operation: 'delete',
		action: 'Delete a message',
		description: 'Delete a message',
		params: [MESSAGE_ID],
		response: VOID,
	},
	{
		operation: 'send',
		action: 'Send a message',
		description: 'Send the message to the recipients of its header',
		params: [
			MESSAGE_ID,
			param(
				'requestSuccessNotification',
				'boolean',
				'Request Success Notification',
				'Whether to request a delivery notification',
				{ required: true, default: false },
			),
			param(
				'requestFailureNotification',
				'boolean',
				'Request Failure Notification',
				'Whether to request a non-delivery notification',
				{ required: true, default: false },
			),
		],
		response: VOID,
	},
	{
		operation: 'setActionFlags',
		action: 'Set the flags of a message',
		description: 'Mark a message read, answered or forwarded',
		params: [
			MESSAGE_ID,
			param('read', 'boolean', 'Read', 'Whether the message has been read', {
				required: true,
				default: false,
			}),
			param('answered', 'boolean', 'Answered', 'Whether the message has been answered', {
				required: true,
				default: false,
			}),
			param('forwarded', 'boolean', 'Forwarded', 'Whether the message has been forwarded', {
				required: true,
				default: false,
			}),
		],
		response: VOID,
	},
	{
		operation: 'end',
		action: 'End an action item',
		description: 'End an accepted action item (Action channel)',
		params: [
			{ ...MESSAGE_ID, displayName: 'Message ID', description: 'The action item (item ID)' },
		],
		response: VOID,
	},
]);
