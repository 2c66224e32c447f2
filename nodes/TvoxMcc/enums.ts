/**
 * Every enumeration of the TVox MultiChannel Connector, value by value, with the meaning the
 * MCC documentation gives it. Values are kept exactly as TVox spells them (`UNKNOW` included).
 */

export interface EnumValue {
	value: string;
	description: string;
}

export interface EnumTable {
	/** Type name in the documentation, e.g. `StartSessionFailReasonCode`. */
	name: string;
	values: readonly EnumValue[];
}

function table(name: string, values: Array<[string, string]>): EnumTable {
	return { name, values: values.map(([value, description]) => ({ value, description })) };
}

export const COMMAND_RESULT = table('CommandResult', [
	['SUCCESS', 'Operation was successful'],
	['FAILED', 'Operation failed'],
]);

export const SESSION_STATUS = table('SessionStatus', [
	['NEW', 'Session is new'],
	['QUEUED', 'Session is queued'],
	['BOOKED', 'Session is booked'],
	['ASSIGNED', 'Session is assigned to an agent'],
	['CLOSED', 'Session is closed'],
	['UNKNOW', 'Session is in unknown status'],
]);

export const SERVICE_STATE = table('ServiceState', [
	['ACTIVE', 'Service is active'],
	['OUT_OF_SERVICE', 'Service is out of service'],
	['OVERTIME', 'Service is overtime'],
	['UNKNOWN_SERVICE', 'Service is not found or not configured'],
	['CHANNEL_NOT_ENABLED', 'Channel is not enabled'],
	['SERVICE_NOT_ENABLED', 'Service is not enabled on channel'],
	['NO_LICENSE', 'License is missing or exceeded'],
	['FAILED', 'Generic error'],
]);

export const CLOSE_REASON = table('Reason', [
	['REQUEST_FROM_CALLER', 'Session will be close by service'],
	['REQUEST_FROM_CALLEE', 'Session will be close by agent'],
]);

export const START_SESSION_FAIL_REASON = table('StartSessionFailReasonCode', [
	['GENERIC', 'Generic error'],
	['INVALID_CHANNEL_ID', 'Channel ID is not valid'],
	['NO_LICENSE', 'License is missing or exceeded'],
	['UNKNOWN_CHANNEL_ID', 'Channel ID is not available'],
	['UNKNOWN_SERVICE', 'Service is not found or not configured'],
	['CHANNEL_NOT_ENABLED', 'Channel is not enabled'],
	['SERVICE_NOT_ENABLED', 'Service is not enabled on channel'],
	['REQUIRED_PARAMETERS', 'Required parameter is missing in the request'],
	['DUPLICATED_SESSION_ID', 'Session ID provided already exists'],
	['TIMEOUT_EXCEEDED', 'Server error : Request timeout exceeded'],
	['INVALID_RESPONSE', 'Server error : Response is not valid'],
	['DATABASE_ERROR', 'Server error : Database error'],
]);

export const SESSION_STATUS_FAIL_REASON = table('SessionStatusFailReasonCode', [
	['GENERIC', 'Generic error'],
	['SERVICE_NOT_ENABLED', 'Service is not enabled on channel'],
	['INVALID_SESSION_ID', 'Session ID provided is not valid or does not exist'],
	['SESSION_CLOSED', 'Session has already been closed'],
	['REQUEST_REJECTED_BY_SERVICE', 'Service reject the request'],
	['TIMEOUT_EXCEEDED', 'Server error : Request timeout exceeded'],
	['INVALID_RESPONSE', 'Server error : Response is not valid'],
]);

export const CHECK_SESSION_FAIL_REASON = table('CheckSessionFailReasonCode', [
	['INVALID_SESSION_ID', 'Session ID provided is not valid or does not exist'],
]);

export const CHECK_SESSION_WITH_DATA_FAIL_REASON = table('CheckSessionWithDataFailReasonCode', [
	['INVALID_SESSION_ID', 'Session ID provided is not valid or does not exist'],
]);

export const SET_SESSION_DATA_FAIL_REASON = table('SetSessionDataFailReasonCode', [
	['INVALID_RESPONSE', 'Server error : Response is not valid'],
	['INVALID_SESSION_ID', 'Session ID provided is not valid or does not exist'],
	['SESSION_CLOSED', 'Session has already been closed'],
]);

export const CLOSE_SESSION_FAIL_REASON = table('CloseSessionFailReasonCode', [
	['GENERIC', 'Generic error'],
	['UNKNOWN_SERVICE', 'Service is not found or not configured'],
	['SERVICE_NOT_ENABLED', 'Service is not enabled on channel'],
	['IS_PENDING', 'Another closing request is in progress'],
	['NOT_FOUND', 'Session was not found'],
	['INVALID_SESSION_ID', 'Session ID provided is not valid or does not exist'],
	['TIMEOUT_EXCEEDED', 'Server error : Request timeout exceeded'],
	['INVALID_RESPONSE', 'Server error : Response is not valid'],
	['DATABASE_ERROR', 'Server error : Database error'],
]);

export const GET_SERVICE_STATE_FAIL_REASON = table('GetServiceStateResultFailReasonCode', [
	['INVALID_CHANNEL_ID', 'Channel ID is not valid'],
	['INVALID_SERVICE_CODES', 'Service code are not valid'],
	['SERVICE_STATE_NOT_FOUND', 'Service state can not be found'],
	['SERVICE_NOT_ENABLED', 'Service is not enabled on channel'],
	['TIMEOUT_EXCEEDED', 'Server error : Request timeout exceeded'],
	['REQUEST_REJECTED_BY_SERVICE', 'Service reject the request'],
	['INVALID_RESPONSE', 'Server error : Response is not valid'],
]);

export const LOGOUT_AGENT_FAIL_REASON = table('LogoutAgentResultFailReasonCode', [
	['INVALID_CHANNEL_ID', 'Channel ID is not valid'],
	['INVALID_USERNAME', 'Username of the agent is not valid or does not exist'],
	['INVALID_USER_PROFILES', 'Agent profile is not valid'],
	['USER_NOT_LOGGED', 'Agent is not logged'],
	['LOGOUT_DATABASE_ERROR', 'Server error : Database error'],
	['LOGOUT_LICENSE_ERROR', 'Server error : License error'],
	['LOGOUT_EXTENSION_ERROR', 'Server error : Extension error'],
	['LOGOUT_USERNAME_ERROR', 'Server error : Username error'],
	['LOGOUT_ASTERISK_ERROR', 'Server error : Asterisk error'],
	['LOGOUT_TWIN_ERROR', 'Server error : Twin error'],
	['LOGOUT_UNKNOWN_ERROR', 'Server error : Unknown error'],
]);

/** Every enumeration of the documentation. */
export const ALL_ENUMS: readonly EnumTable[] = [
	COMMAND_RESULT,
	SESSION_STATUS,
	SERVICE_STATE,
	CLOSE_REASON,
	START_SESSION_FAIL_REASON,
	SESSION_STATUS_FAIL_REASON,
	CHECK_SESSION_FAIL_REASON,
	CHECK_SESSION_WITH_DATA_FAIL_REASON,
	SET_SESSION_DATA_FAIL_REASON,
	CLOSE_SESSION_FAIL_REASON,
	GET_SERVICE_STATE_FAIL_REASON,
	LOGOUT_AGENT_FAIL_REASON,
];

/** What a value of a table means (undefined when the table does not list it). */
export function meaningOf(enumTable: EnumTable, value: string): string | undefined {
	return enumTable.values.find((entry) => entry.value === value)?.description;
}

/** The plain values of a table. */
export function valuesOf(enumTable: EnumTable): string[] {
	return enumTable.values.map((entry) => entry.value);
}

/**
 * Fail reasons that describe a server-side condition (documented as "Server error : …"):
 * retrying later may succeed.
 */
export function isTransientFailReason(code: string): boolean {
	return (
		code === 'TIMEOUT_EXCEEDED' ||
		code === 'INVALID_RESPONSE' ||
		code === 'DATABASE_ERROR' ||
		/^LOGOUT_[A-Z]+_ERROR$/.test(code)
	);
}
