import {
	CALL_ANSWER_PATH,
	CALL_HANGUP_LEG2_PATH,
	CALL_HANGUP_PATH,
	CALL_HOLD_PATH,
	CALLS_PATH,
} from '../../nodes/AcdDialler/constants';
import { jsonResponse, type SimResponse } from '../shared/httpServer';
import type { Route, RouteContext } from './context';
import { fail, statusOnly } from './errors';
import type { Call } from './state';

/**
 * Call control routes: the active calls of the client (`{ records, count, orderBy: "UFN",
 * status }`, no list envelope fields) and the call functions, all GET on `/calls/{UFN}/…`:
 * answer (a ringing call, where its PBX connector supports it), hangup (the call ends, with an
 * agent call on it), hold (a connected call) and hang up leg 2 (the secondary call, when there
 * is one). The documentation gives only "200 OK" for the functions; this simulator answers
 * `{ "status": 200 }`, 404 for an unknown UFN and 409 when the call is not in a state the
 * function applies to.
 */

function listCalls({ client }: RouteContext): SimResponse {
	const records = [...client.calls.values()].sort((a, b) => a.UFN.localeCompare(b.UFN));
	return jsonResponse(200, { records, count: records.length, orderBy: 'UFN', status: 200 });
}

function withCall(
	handle: (ctx: RouteContext, call: Call) => SimResponse,
): (ctx: RouteContext) => SimResponse {
	return (ctx) => {
		const call = ctx.client.calls.get(ctx.texts.UFN);
		return call ? handle(ctx, call) : fail('callNotFound');
	};
}

const answer = withCall((_ctx, call) => {
	if (!call.bAnswerSupported) return fail('answerNotSupported');
	if (call.CallState !== 'Ringing') return fail('callNotRinging');
	call.CallState = 'Connected';
	return statusOnly();
});

const hangup = withCall(({ client }, call) => {
	client.calls.delete(call.UFN);
	return statusOnly();
});

const hold = withCall((_ctx, call) => {
	if (call.CallState === 'Held') return fail('callAlreadyHeld');
	if (call.CallState !== 'Connected') return fail('callNotConnected');
	call.CallState = 'Held';
	return statusOnly();
});

const hangupLeg2 = withCall((_ctx, call) => {
	if (call.Leg2Number === null) return fail('callNoLeg2');
	call.Leg2Number = null;
	return statusOnly();
});

const UFN = ['UFN'] as const;

export const CALL_ROUTES: Route[] = [
	{ method: 'GET', path: CALLS_PATH, operation: 'CallsGetAll', handle: listCalls },
	{
		method: 'GET',
		path: CALL_ANSWER_PATH,
		textParams: UFN,
		operation: 'CallAnswer',
		handle: answer,
	},
	{
		method: 'GET',
		path: CALL_HANGUP_PATH,
		textParams: UFN,
		operation: 'CallHangup',
		handle: hangup,
	},
	{ method: 'GET', path: CALL_HOLD_PATH, textParams: UFN, operation: 'CallHold', handle: hold },
	// Not in the documentation: the path the ACD Dialler node chose (one constant for both).
	{
		method: 'GET',
		path: CALL_HANGUP_LEG2_PATH,
		textParams: UFN,
		operation: 'CallHangupLeg2',
		handle: hangupLeg2,
	},
];
