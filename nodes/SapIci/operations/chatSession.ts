import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { CHAT_LINE_ID, CHAT_SESSION_ID, param } from './params';

/** The operations of IciChatSession (chapter 9.11). */
export const CHAT_SESSION_OPERATIONS = interfaceOperations('chatSession', [
	{
		operation: 'getAttributes',
		action: 'Get attributes of a chat session',
		description: 'Participants, status and attached data of a chat session',
		params: [CHAT_SESSION_ID, CHAT_LINE_ID],
		response: { kind: 'element', element: 'ChatSession' },
	},
	{
		operation: 'invite',
		action: 'Invite to a chat session',
		description: 'Invite participants to a chat session created with Item → Create',
		params: [
			CHAT_SESSION_ID,
			CHAT_LINE_ID,
			param('title', 'string', 'Title', 'Title of the chat session'),
			param(
				'chatParticipants',
				'stringList',
				'Chat Participants',
				'Chat addresses of the invited participants',
				{ required: true, whenEmpty: 'empty' },
			),
		],
		response: VOID,
	},
	{
		operation: 'leave',
		action: 'Leave a chat session',
		description: 'Remove the chat line from a chat session',
		params: [CHAT_SESSION_ID, CHAT_LINE_ID],
		response: VOID,
	},
	{
		operation: 'getDialog',
		action: 'Get the dialog of a chat session',
		description: 'Every posting of a chat session so far',
		params: [CHAT_SESSION_ID],
		response: { kind: 'list', element: 'ChatPosting' },
	},
	{
		operation: 'postMessage',
		action: 'Post to a chat session',
		description: 'Send a chat contribution',
		params: [
			CHAT_SESSION_ID,
			{ ...CHAT_LINE_ID, description: 'The chat line that makes the contribution' },
			param('contentText', 'text', 'Content Text', 'The text to post', { required: true }),
		],
		response: VOID,
	},
]);
