import { interfaceOperations } from './interfaces';
import { CHAT_LINE_ID } from './params';

/** The operations of IciChatLine (chapter 9.10). */
export const CHAT_LINE_OPERATIONS = interfaceOperations('chatLine', [
	{
		operation: 'getSessions',
		action: 'Get the sessions of a chat line',
		description: 'Every chat session assigned to a chat line',
		params: [CHAT_LINE_ID],
		response: { kind: 'list', element: 'ChatSession' },
		requestAliases: ['getSession'],
		responseNames: ['getSessionResponse'],
	},
]);
