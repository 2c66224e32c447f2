/**
 * Every error the Akixi simulator emits, in one place.
 *
 * WS API codes: only 10000–10105 have officially known meanings; the messages of the other codes
 * are this simulator's own wording (their official texts were not available).
 * REST codes 30000–30009: names and descriptions as the Integrator Client documentation lists them;
 * the HTTP statuses are this simulator's choice.
 */

export const WS_ERRORS = {
	10000: 'Unknown server error',
	10001: 'The Web Services API is not enabled on this Akixi service',
	10101: 'InvokeID is missing or empty',
	10102: 'The Operation attribute is missing or names an unsupported operation',
	10103: 'An internal server-side resource could not be resolved',
	10104: 'Application database data is unavailable',
	10105: 'Maintenance or a database backup is in progress',
	10301: 'SessionID is missing or unknown',
	10302: 'The session has expired or was logged out',
	10305: 'The session has not been authenticated',
	10511: 'The session user is not permitted to perform this operation',
	11010: 'TelSysID is missing or not a number',
	11013: 'Telephony Server not found',
	11110: 'PartIDInTelSys is missing or not a number',
	11131: 'Partition not found',
	12000: 'An Omnichannel Integration entry with this UniqueID already exists',
	12001: 'UniqueID is required',
	12002: 'Omnichannel Integration entry not found',
	12003: 'An Omnichannel Integration entry cannot be deleted while CommsEnabled is True',
	12004: 'Invalid Omnichannel Integration property',
} as const;

export type WsErrorCode = keyof typeof WS_ERRORS;

/** A WS operation refused with an Akixi error code; becomes `<Response Result="Fail">`. */
export class WsFailure extends Error {
	constructor(
		readonly code: WsErrorCode,
		detail?: string,
	) {
		super(detail ? `${WS_ERRORS[code]}: ${detail}` : WS_ERRORS[code]);
		this.name = 'WsFailure';
	}
}

/** Message for any code, including codes only a `fail` fault produces. */
export function wsErrorMessage(code: string): string {
	const known = (WS_ERRORS as Record<string, string>)[code];
	return known ?? 'Simulated failure';
}

export interface RestErrorSpec {
	name: string;
	description: string;
	status: number;
}

export const REST_ERRORS = {
	30000: {
		name: 'INTEGRATOR_CLIENT_NOT_ENOUGH_PERMISSIONS_FOR_ACTION',
		description: 'The current user does not have enough permissions to perform the action.',
		status: 403,
	},
	30001: {
		name: 'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		description: 'No configuration provided in the request.',
		status: 400,
	},
	30002: {
		name: 'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		description: 'No Integrator Client ID provided in the request.',
		status: 400,
	},
	30003: {
		name: 'INTEGRATOR_CLIENT_NOT_FOUND',
		description: 'Integrator Client with the specified ID was not found.',
		status: 404,
	},
	30004: {
		name: 'INTEGRATOR_CLIENT_DEVICE_NOT_FOUND_IN_TELSYS',
		description: 'The specified device was not found in the telephony server.',
		status: 404,
	},
	30005: {
		name: 'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE',
		description: 'An Integrator Client with the same scope already exists.',
		status: 409,
	},
	30006: {
		name: 'INTEGRATOR_CLIENT_EXISTS_FOR_ID',
		description: 'An Integrator Client with the same ID already exists.',
		status: 409,
	},
	30007: {
		name: 'INTEGRATOR_CLIENT_NOT_RESOLVED_FROM_GENERIC_CONFIG',
		description: 'The Integrator Client could not be resolved from the generic configuration.',
		status: 400,
	},
	30008: {
		name: 'INTEGRATOR_CLIENT_MULTI_TELSYS_NOT_ALLOWED_FOR_USER',
		description:
			'The Integrator Client cannot be assigned to multiple telephony servers for the user.',
		status: 400,
	},
	30009: {
		name: 'INTEGRATOR_CLIENT_MULTI_PARTITION_NOT_ALLOWED_FOR_USER',
		description: 'The Integrator Client cannot be assigned to multiple partitions for the user.',
		status: 400,
	},
} as const satisfies Record<number, RestErrorSpec>;

export type RestErrorCode = keyof typeof REST_ERRORS;

/** Error body of the REST API: `{ Result, ErrorCode, Message, Description }`. */
export interface RestErrorBody {
	Result: 'Fail';
	ErrorCode: number | string;
	Message: string;
	Description: string;
}

/** A REST request refused with an Integrator Client error code. */
export class RestFailure extends Error {
	constructor(readonly code: RestErrorCode) {
		super(REST_ERRORS[code].description);
		this.name = 'RestFailure';
	}
}

export function restErrorBody(
	code: number | string,
	message?: string,
): { status: number; body: RestErrorBody } {
	const spec = (REST_ERRORS as Record<string, RestErrorSpec>)[String(code)];
	const numeric = typeof code === 'number' ? code : /^\d+$/.test(code) ? Number(code) : code;
	if (!spec) {
		const text = message ?? 'Simulated failure';
		return {
			status: 400,
			body: { Result: 'Fail', ErrorCode: numeric, Message: text, Description: text },
		};
	}
	return {
		status: spec.status,
		body: {
			Result: 'Fail',
			ErrorCode: numeric,
			Message: spec.name,
			Description: message ?? spec.description,
		},
	};
}

/** Messages of REST answers that are not Integrator Client errors (body `{ "Message": … }`). */
export const REST_MESSAGES = {
	authRequired: 'Authentication required',
	badApiKey: 'Invalid API key',
	sessionEnded: 'The session has expired or was logged out',
	noSession: 'Unknown or missing session: create one with POST /session first',
	basicRequired: 'Basic authentication required',
	badCredentials: 'Invalid username or password',
	methodNotAllowed: 'Method not allowed',
	notFound: 'Not found',
	badPathEncoding: 'The request path is not valid URL encoding',
} as const;

/** A REST request refused outside the Integrator Client code table: HTTP status + `{ "Message": … }`. */
export class RestHttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = 'RestHttpError';
	}
}
