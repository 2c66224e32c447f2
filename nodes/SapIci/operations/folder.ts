import { interfaceOperations } from './interfaces';
import { requiredParam } from './params';

/** The operations of IciFolder (chapter 9.8). */
export const FOLDER_OPERATIONS = interfaceOperations('folder', [
	{
		operation: 'getMessages',
		action: 'Get the messages of a folder',
		description: 'Every e-mail message in a folder',
		params: [requiredParam('folder', 'Folder', 'The folder (container ID)')],
		response: { kind: 'list', element: 'Message' },
	},
]);
