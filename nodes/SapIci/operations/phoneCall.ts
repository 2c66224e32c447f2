import { CONSULT_NEXT_STEPS } from '../tables';

import { VOID } from './types';
import { interfaceOperations } from './interfaces';
import { CALL_HANDLE, CONN_CALL, HELD_CALL, LINE_NUMBER, param, requiredParam } from './params';

/** The phone line with its connected and held calls. */
const LINE_AND_CALLS = [LINE_NUMBER, CONN_CALL, HELD_CALL];

/** The operations of IciPhoneCall (chapter 9.7). */
export const PHONE_CALL_OPERATIONS = interfaceOperations('phoneCall', [
	{
		operation: 'getAttributes',
		action: 'Get attributes of a phone call',
		description: 'Status, capabilities, numbers and attached data of a call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: { kind: 'element', element: 'PhoneCall' },
	},
	{
		operation: 'dial',
		action: 'Dial a phone call',
		description: 'Dial a call created with Item → Create',
		params: [
			LINE_NUMBER,
			CALL_HANDLE,
			requiredParam(
				'dialNumber',
				'Dial Number',
				'The number to dial (E.164, characters +0123456789)',
				{ placeholder: '+358401234567' },
			),
		],
		response: { kind: 'string', field: 'dialedNumber' },
	},
	{
		operation: 'consult',
		action: 'Consult on a phone call',
		description: 'Put the connected call on hold and dial a consultation call with a created call',
		params: [
			LINE_NUMBER,
			{
				...CALL_HANDLE,
				displayName: 'Consultation Call Handle',
				description: 'A call in the Created status that becomes the consultation call',
			},
			{ ...CONN_CALL, description: 'The connected call to put on hold' },
			requiredParam('dialNumber', 'Dial Number', 'The number to consult'),
			param('nextStep', 'options', 'Next Step', 'What is planned after the consultation', {
				required: true,
				options: CONSULT_NEXT_STEPS,
				default: '2',
				key: true,
			}),
		],
		response: VOID,
	},
	{
		operation: 'transfer',
		action: 'Transfer a phone call',
		description: 'Transfer the held call to the connected consultation call',
		params: [
			LINE_NUMBER,
			{ ...CONN_CALL, description: 'The connected consultation call' },
			{ ...HELD_CALL, description: 'The held call to transfer' },
		],
		response: VOID,
	},
	{
		operation: 'reconnect',
		action: 'Reconnect a phone call',
		description: 'Disconnect the connected call and take back the held call',
		params: LINE_AND_CALLS,
		response: VOID,
	},
	{
		operation: 'drop',
		action: 'Drop a phone call',
		description: 'Disconnect a call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		operation: 'hold',
		action: 'Hold a phone call',
		description: 'Put a connected call on hold',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		operation: 'unhold',
		action: 'Unhold a phone call',
		description: 'Release a held call',
		params: [LINE_NUMBER, CALL_HANDLE],
		response: VOID,
	},
	{
		operation: 'alternate',
		action: 'Alternate between phone calls',
		description: 'Hold the connected call and release the held call',
		params: LINE_AND_CALLS,
		response: VOID,
	},
	{
		operation: 'conference',
		action: 'Conference phone calls',
		description: 'Join the connected call and the held call into a conference',
		params: LINE_AND_CALLS,
		response: VOID,
	},
	{
		operation: 'dropParty',
		action: 'Drop a party from a conference',
		description: 'Remove one remote number from a conference call',
		params: [
			LINE_NUMBER,
			requiredParam('remoteNumber', 'Remote Number', 'The extension to drop'),
			{ ...CALL_HANDLE, description: 'The conference call' },
		],
		response: VOID,
	},
]);
