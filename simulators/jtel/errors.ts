import { emptyResponse, jsonResponse, type SimResponse } from '../shared/httpServer';

/**
 * The jtel simulator's answers other than data: the documented envelopes and the error table.
 * Return codes as documented: 400 missing/invalid parameter (the body says which), 401 token or
 * ClientsID wrong, 404 with an empty body for an endpoint that does not exist and with a JSON body
 * for an object that does not, 409 when the object being created or cloned exists, 500 internal.
 * The error texts themselves are this simulator's choice, except "Dialler campaign not found"
 * (the documentation's example).
 */

export const ERRORS = {
	unauthorized: { status: 401, text: 'Unauthorized: invalid token or ClientsID' },
	notJsonObject: { status: 400, text: 'The request body must be a JSON object' },
	invalidJson: { status: 400, text: 'The request body is not valid JSON' },
	contentType: { status: 415, text: 'Content-Type must be application/json' },
	eventNotFound: { status: 404, text: 'AcdEvent not found' },
	groupNotFound: { status: 404, text: 'ACD group not found' },
	configurationGroupNotFound: { status: 404, text: 'ACD configuration group not found' },
	agentGroupNotFound: { status: 404, text: 'ACD agent group not found' },
	campaignNotFound: { status: 404, text: 'Dialler campaign not found' },
	sourceCampaignNotFound: { status: 404, text: 'Source dialler campaign not found' },
	campaignExists: { status: 409, text: 'Dialler campaign already exists' },
	contactNotFound: { status: 404, text: 'Dialler contact not found' },
	userNotFound: { status: 404, text: 'User not found' },
	callNotFound: { status: 404, text: 'Call not found' },
	callNotRinging: { status: 409, text: 'The call is not ringing' },
	callNotConnected: { status: 409, text: 'The call is not connected' },
	callAlreadyHeld: { status: 409, text: 'The call is already on hold' },
	answerNotSupported: {
		status: 409,
		text: 'The PBX connector of this call does not support answer',
	},
	callNoLeg2: { status: 409, text: 'The call has no secondary call (leg 2)' },
	cockpitVariableNotFound: { status: 404, text: 'Cockpit variable not found' },
	cockpitValue: { status: 400, text: 'Parameter value missing or not an integer' },
	groupChoice: {
		status: 400,
		text: 'Either AcdGroupsID or both AcdConfigurationGroupsID and AcdAgentGroupsID must be specified',
	},
	groupBoth: {
		status: 400,
		text: 'Specify either AcdGroupsID or AcdConfigurationGroupsID and AcdAgentGroupsID, not both',
	},
	bodyCallbackOnly: { status: 400, text: 'Body is supported for Callback events only' },
	crmUrl: { status: 400, text: 'CrmURL is not a well formed URL' },
	appointmentDate: { status: 400, text: 'dtAppointmentDate must be yyyy-mm-dd or yyyymmdd' },
	appointmentTime: { status: 400, text: 'dtAppointmentTime must be hh:mm or hhmm' },
	priority: { status: 400, text: 'nPriority must be an integer from 0 to 200' },
	languagesId: {
		status: 400,
		text: 'Parameter languagesID missing or invalid: 1 = English, 2 = German',
	},
	overwriteDuplicates: { status: 400, text: 'Parameter overwriteDuplicates must be true or false' },
	phoneRequired: { status: 400, text: 'At least one of PhoneNumber1 to PhoneNumber6 is required' },
	campaignRequired: {
		status: 400,
		text: 'Parameter DiallerCampaignsID or DiallerCampaignsName missing',
	},
	batchLists: { status: 400, text: 'UserDataList or IDList must contain at least one entry' },
} as const;

export type ErrorName = keyof typeof ERRORS;

/** The documented error envelope: `{ "status": 404, "error": "Dialler campaign not found" }`. */
export function errorResponse(status: number, text: string): SimResponse {
	return jsonResponse(status, { status, error: text });
}

export function fail(name: ErrorName): SimResponse {
	return errorResponse(ERRORS[name].status, ERRORS[name].text);
}

export function badRequest(text: string): SimResponse {
	return errorResponse(400, text);
}

/** 404 with an empty body: the endpoint does not exist. */
export function endpointNotFound(): SimResponse {
	return emptyResponse(404);
}

/** The list envelope: `filter`, `limitStart`, `limitPageSize`, `records`, `count`, `orderBy`, `ascending`, `status`. */
export function listEnvelope(records: unknown[], orderBy: string, ascending = true): SimResponse {
	return jsonResponse(200, {
		filter: '',
		limitStart: 0,
		limitPageSize: -1,
		records,
		count: records.length,
		orderBy,
		ascending,
		status: 200,
	});
}

/** `{ records, count, status }`: get by ID, by name, create, clone, import, batch, result codes. */
export function recordsEnvelope(records: unknown[]): SimResponse {
	return jsonResponse(200, { records, count: records.length, status: 200 });
}

/** `{ status: 200 }`: deletes. */
export function statusOnly(): SimResponse {
	return jsonResponse(200, { status: 200 });
}
