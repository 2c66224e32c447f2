import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { LINE_NUMBER } from './params';

/** The operations of IciPhoneLine (chapter 9.6). */
export const PHONE_LINE_OPERATIONS = interfaceOperations('phoneLine', [
	{
		operation: 'getCalls',
		action: 'Get the calls of a phone line',
		description: 'Every current call of a phone line',
		params: [LINE_NUMBER],
		response: { kind: 'list', element: 'PhoneCall' },
	},
	{
		operation: 'dropCalls',
		action: 'Drop the calls of a phone line',
		description: 'Disconnect every call of an extension',
		params: [LINE_NUMBER],
		response: VOID,
	},
]);
