import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, type ParamReader, resourceOperations } from '../../shared/operations';
import { chosenPathHint, chosenPathNotice } from '../chosenPath';
import type { JtelResponse } from '../client';
import {
	CALL_ANSWER_PATH,
	CALL_HANGUP_LEG2_PATH,
	CALL_HANGUP_PATH,
	CALL_HOLD_PATH,
	callPath,
	CALLS_PATH,
} from '../constants';
import { body, getManyFields, readGetMany } from '../output';
import { requiredText } from '../validation';
import { declareJtel, type JtelEntry } from './declare';

/**
 * Call control: Get Many (`GET /calls`, the active calls of the client account, ordered by UFN),
 * and the call functions `GET /calls/{UFN}/answer`, `/hangup`, `/hold` and hang up leg 2 (its
 * URL is this pack's choice, see constants.ts). A call is named by its UFN, a text.
 */

export const RESOURCE = 'call';

const ufnField: INodeProperties = {
	displayName: 'Call UFN',
	name: 'ufn',
	type: 'string',
	required: true,
	default: '',
	placeholder: '2022070811331890097701',
	description: 'The UFN of the call, as Get Many returns it',
};

function ufn(params: ParamReader): string {
	const value = requiredText(params.get<unknown>('ufn', ''), 'Call UFN');
	// A path segment of only dots would be read as "this / the parent directory" on the way.
	if (/^\.+$/.test(value)) throw invalidInput(`Call UFN must be the UFN of a call, not "${value}"`);
	return value;
}

/** The output of a call function: success, the server's status, the call and what was done. */
function readDone(response: JtelResponse, params: ParamReader, action: string): IDataObject {
	const status = body(response).status;
	return {
		success: true,
		status: typeof status === 'number' ? status : response.status,
		UFN: ufn(params),
		action,
	};
}

interface CallFunction {
	value: string;
	name: string;
	action: string;
	description: string;
	template: string;
	/** Set for a URL the documentation does not show: the constant that holds it. */
	chosen?: string;
}

const FUNCTIONS: CallFunction[] = [
	{
		value: 'answer',
		name: 'Answer',
		action: 'Answer a call',
		description:
			'Answer the call through the PBX / PBX connector (not every PBX connector supports this)',
		template: CALL_ANSWER_PATH,
	},
	{
		value: 'hangup',
		name: 'Hang Up',
		action: 'Hang up a call',
		description: 'Hang up the (primary) call; an active agent call is disconnected with it',
		template: CALL_HANGUP_PATH,
	},
	{
		value: 'hangupLeg2',
		name: 'Hang Up Leg 2',
		action: 'Hang up leg 2 of a call',
		description:
			'Hang up the secondary call (leg 2) if there is one, e.g. a call to an external destination',
		template: CALL_HANGUP_LEG2_PATH,
		chosen: 'CALL_HANGUP_LEG2_PATH',
	},
	{
		value: 'hold',
		name: 'Hold',
		action: 'Hold a call',
		description: 'Put the call on hold',
		template: CALL_HOLD_PATH,
	},
];

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many calls',
		description: 'Get the calls of the client account, ordered by UFN',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: CALLS_PATH }),
		read: readGetMany,
	},
	...FUNCTIONS.map(
		(fn): JtelEntry => ({
			value: fn.value,
			name: fn.name,
			action: fn.action,
			description: fn.description,
			properties: fn.chosen ? [ufnField, chosenPathNotice(fn.template, fn.chosen)] : [ufnField],
			request: (params) => ({
				method: 'GET',
				path: callPath(fn.template, ufn(params)),
				...(fn.chosen ? { unknownPathHint: chosenPathHint(`GET ${fn.template}`, fn.chosen) } : {}),
			}),
			read: (response, params) => readDone(response, params, fn.value),
		}),
	),
]);
