import {
	COCKPIT_RESULT,
	COCKPIT_VARIABLE_PATH,
	COCKPIT_VARIABLE_SET_VALUE_PATH,
	COCKPIT_VARIABLE_VALUE_PARAMETER,
	COCKPIT_VARIABLES_PATH,
} from '../../nodes/AcdDialler/constants';
import { jsonResponse, type SimResponse } from '../shared/httpServer';
import { byName, type Route, type RouteContext } from './context';
import { fail, listEnvelope, recordsEnvelope } from './errors';
import { jtelTimestamp } from './state';

/**
 * Cockpit variable routes: all variables (list envelope, ordered by Name), one by ID, and Set
 * Value (PATCH, the value in the query). Set Value answers 200 with the documented `result`
 * code: 0 set, 1 not writable, 2 not found or not visible for the cockpit, 3 unchanged (same
 * value), 4 unchanged (outside MinValue / MaxValue); `error` carries the text of a code other
 * than 0. A value that is not a whole number is a 400.
 */

const RESULT_TEXTS: Record<number, string> = {
	[COCKPIT_RESULT.ok]: '',
	[COCKPIT_RESULT.notWritable]: 'Variable is not writable',
	[COCKPIT_RESULT.notFound]: 'Variable not found or not visible for cockpit',
	[COCKPIT_RESULT.sameValue]: 'Value was not changed (same value)',
	[COCKPIT_RESULT.outsideMinMax]: 'Value was not changed (min / max values would be exceeded)',
};

function result(code: number): SimResponse {
	return jsonResponse(200, { result: code, error: RESULT_TEXTS[code], status: 200 });
}

function listVariables({ client }: RouteContext): SimResponse {
	return listEnvelope(
		[...client.cockpitVariables.values()].sort((a, b) => byName(a, b) || a.ID - b.ID),
		'Name',
	);
}

function getVariable({ client, params }: RouteContext): SimResponse {
	const variable = client.cockpitVariables.get(params.CockpitVariablesID);
	return variable ? recordsEnvelope([variable]) : fail('cockpitVariableNotFound');
}

function setValue({ client, params, query }: RouteContext): SimResponse {
	const raw = query.get(COCKPIT_VARIABLE_VALUE_PARAMETER)?.trim();
	if (raw === undefined || !/^-?[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
		return fail('cockpitValue');
	const value = Number(raw);
	const variable = client.cockpitVariables.get(params.CockpitVariablesID);
	if (!variable || !variable.bVisibleInCockpit) return result(COCKPIT_RESULT.notFound);
	if (!variable.bWritable) return result(COCKPIT_RESULT.notWritable);
	if (variable.Value === value) return result(COCKPIT_RESULT.sameValue);
	if (
		(variable.MinValue !== null && value < variable.MinValue) ||
		(variable.MaxValue !== null && value > variable.MaxValue)
	) {
		return result(COCKPIT_RESULT.outsideMinMax);
	}
	variable.Value = value;
	variable.dtLastModified = `${jtelTimestamp()}Z`;
	return result(COCKPIT_RESULT.ok);
}

export const COCKPIT_ROUTES: Route[] = [
	{
		method: 'GET',
		path: COCKPIT_VARIABLES_PATH,
		operation: 'CockpitVariablesGetAll',
		handle: listVariables,
	},
	{
		method: 'GET',
		path: COCKPIT_VARIABLE_PATH,
		operation: 'CockpitVariableGet',
		handle: getVariable,
	},
	// The query parameter name is the node's reading of the documentation (one constant for both).
	{
		method: 'PATCH',
		path: COCKPIT_VARIABLE_SET_VALUE_PATH,
		operation: 'CockpitVariableSetValue',
		handle: setValue,
	},
];
