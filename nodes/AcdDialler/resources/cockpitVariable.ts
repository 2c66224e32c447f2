import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { remoteError } from '../../shared/errors';
import { type ParamReader, resourceOperations } from '../../shared/operations';
import type { JtelResponse } from '../client';
import {
	COCKPIT_RESULT,
	COCKPIT_VARIABLE_PATH,
	COCKPIT_VARIABLE_SET_VALUE_PATH,
	COCKPIT_VARIABLE_VALUE_PARAMETER,
	COCKPIT_VARIABLES_PATH,
	cockpitVariablePath,
	SYSTEM_NAME,
	withQuery,
} from '../constants';
import { body, getManyFields, readGetMany, singleRecord } from '../output';
import { positiveInt, wholeNumber } from '../validation';
import { declareJtel } from './declare';

/**
 * Cockpit variables of the client account: Get Many (`GET /cockpitVariables`), Get
 * (`GET /cockpitVariables/cockpitVariable/{id}`) and Set Value
 * (`PATCH /cockpitVariables/cockpitVariable/{id}/setValue?value=`).
 *
 * Set Value answers with a `result` code. 0: the value was set. 1 (not writable) and 2 (not found
 * or not visible for the cockpit) are errors: nothing can be set that way. 3 (same value) and 4
 * (outside the variable's minimum / maximum) are output items with `changed: false` and an
 * `outcome` that says which: the call worked and the variable holds a known value, so a workflow
 * can branch on it (an IF on `changed`) instead of failing.
 */

export const RESOURCE = 'cockpitVariable';

const idField: INodeProperties = {
	displayName: 'Cockpit Variable ID',
	name: 'cockpitVariablesId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '192',
	description: 'ID of the cockpit variable (CockpitVariablesID)',
};

function variableId(params: ParamReader): number {
	return positiveInt(params.get<unknown>('cockpitVariablesId', ''), 'Cockpit Variable ID');
}

function newValue(params: ParamReader): number {
	return wholeNumber(params.get<unknown>('value', ''), 'Value');
}

/** Outcome names of Set Value by result code (3 and 4 are not errors). */
const OUTCOMES: Record<number, { outcome: string; changed: boolean; message: string }> = {
	[COCKPIT_RESULT.ok]: { outcome: 'set', changed: true, message: 'The value was set.' },
	[COCKPIT_RESULT.sameValue]: {
		outcome: 'unchangedSameValue',
		changed: false,
		message: 'Nothing was changed: the variable already has this value.',
	},
	[COCKPIT_RESULT.outsideMinMax]: {
		outcome: 'unchangedOutsideMinMax',
		changed: false,
		message: "Nothing was changed: the value is outside the variable's minimum / maximum.",
	},
};

/** Result codes that are errors, with their plain message and hint. */
const FAILURES: Record<number, { text: string; hint: string }> = {
	[COCKPIT_RESULT.notWritable]: {
		text: 'the cockpit variable is not writable',
		hint: 'Its Read / Write setting in jtel (System Settings - Cockpit Variables) does not allow writing.',
	},
	[COCKPIT_RESULT.notFound]: {
		text: 'the cockpit variable was not found or is not visible for the cockpit',
		hint: 'Check the ID, and that "Visible in Cockpit" is set for the variable in jtel (System Settings - Cockpit Variables).',
	},
};

/** The output of Set Value, or the error of result codes 1 and 2. */
export function readSetValue(response: JtelResponse, params: ParamReader): IDataObject {
	const answer = body(response);
	const code = answer.result;
	const serverText =
		typeof answer.error === 'string' && answer.error.trim() !== ''
			? answer.error.trim()
			: undefined;
	const id = variableId(params);
	const value = newValue(params);
	if (typeof code !== 'number' || !Number.isInteger(code)) {
		throw remoteError('Set a cockpit variable value: jtel answered without a "result" code', {
			kind: 'response',
			system: SYSTEM_NAME,
			httpStatus: response.status,
			hint: 'The answer is not from the jtel REST API. Check the Server URL.',
		});
	}
	const failure = FAILURES[code];
	if (failure) {
		throw remoteError(`Set a cockpit variable value failed: ${failure.text} (result ${code})`, {
			kind: 'remote',
			system: SYSTEM_NAME,
			code: String(code),
			meaning: failure.text,
			serverMessage: serverText,
			httpStatus: response.status,
			hint: failure.hint,
			details: { CockpitVariablesID: id },
		});
	}
	const outcome = OUTCOMES[code];
	if (!outcome) {
		throw remoteError(
			`Set a cockpit variable value: jtel answered with the unknown result code ${code}`,
			{
				kind: 'response',
				system: SYSTEM_NAME,
				code: String(code),
				serverMessage: serverText,
				httpStatus: response.status,
				hint: 'Result codes 0 to 4 are documented.',
			},
		);
	}
	return {
		success: true,
		changed: outcome.changed,
		outcome: outcome.outcome,
		result: code,
		message: outcome.message,
		...(serverText ? { error: serverText } : {}),
		CockpitVariablesID: id,
		value,
	};
}

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many cockpit variables',
		description: 'Get all cockpit variables of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: COCKPIT_VARIABLES_PATH }),
		read: readGetMany,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a cockpit variable',
		description: 'Get one cockpit variable by ID',
		properties: [idField],
		request: (params) => ({
			method: 'GET',
			path: cockpitVariablePath(COCKPIT_VARIABLE_PATH, variableId(params)),
		}),
		read: (response) => singleRecord(response, 'cockpit variable'),
	},
	{
		value: 'setValue',
		name: 'Set Value',
		action: 'Set the value of a cockpit variable',
		description:
			'Set the value of a cockpit variable. Same value or outside min / max: an item with changed = false, not an error.',
		properties: [
			idField,
			{
				displayName: 'Value',
				name: 'value',
				type: 'number',
				required: true,
				default: 0,
				description:
					'The new value, a whole number (On/Off variables: 0 or 1). A value outside the minimum / maximum changes nothing.',
			},
		],
		request: (params) => ({
			method: 'PATCH',
			path: withQuery(cockpitVariablePath(COCKPIT_VARIABLE_SET_VALUE_PATH, variableId(params)), {
				[COCKPIT_VARIABLE_VALUE_PARAMETER]: newValue(params),
			}),
		}),
		read: readSetValue,
	},
]);
