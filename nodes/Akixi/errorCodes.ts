/**
 * Akixi error codes: the XML Web Services API's general codes (documented meanings), the error
 * groups the Omnichannel Integration operations list, and the Integrator Client REST codes.
 */

export interface AkixiCodeInfo {
	group: string;
	meaning?: string;
	transient?: boolean;
	/** The session is unknown or over: log in again and retry once. */
	session?: boolean;
	hint?: string;
}

/** Documented meanings of the general WS API codes. */
const GENERAL_MEANINGS: Record<string, { meaning: string; transient?: boolean; hint?: string }> = {
	'10000': { meaning: 'Unknown server error' },
	'10001': {
		meaning: 'The Web Services API is not enabled on this Akixi service',
		hint: 'Ask the Akixi administrator to enable the Web Services API.',
	},
	'10101': { meaning: 'The request has no InvokeID or an empty one' },
	'10102': { meaning: 'The Operation attribute is missing or names an unsupported operation' },
	'10103': {
		meaning: 'An internal server resource could not be resolved',
		hint: 'Report it to Akixi if it keeps happening.',
	},
	'10104': {
		meaning: 'Application database data is unavailable (probably maintenance)',
		transient: true,
		hint: 'Retry after a few minutes.',
	},
	'10105': {
		meaning: 'Maintenance or a database backup is in progress',
		transient: true,
		hint: 'Retry later.',
	},
};

/** Codes that mean the API session is unknown or has ended (login again, retry once). */
export const AKIXI_SESSION_ERROR_CODES = new Set(['10301', '10302']);

/** Code ranges of the error groups named by the Omnichannel Integration operations. */
const GROUPS: Array<{ from: number; to: number; group: string; hint?: string }> = [
	{ from: 10000, to: 10299, group: 'General' },
	{
		from: 10300,
		to: 10304,
		group: 'Session',
		hint: 'The API session is unknown or has expired. Check the Session ID in the credential, or use username and password so the node can log in again.',
	},
	{
		from: 10305,
		to: 10499,
		group: 'Authentication',
		hint: 'Check the Akixi user name and password in the credential.',
	},
	{
		from: 10500,
		to: 10999,
		group: 'Permissions',
		hint: 'The Akixi user lacks the privileges for this operation or scope.',
	},
	{
		from: 11000,
		to: 11099,
		group: 'Telephony Server',
		hint: 'Check the Telephony Server ID (TelSysID).',
	},
	{
		from: 11100,
		to: 11199,
		group: 'Partition',
		hint: 'Check the Partition ID within the Telephony Server (PartIDInTelSys) or the Partition GUID.',
	},
	{
		from: 12000,
		to: 12099,
		group: 'Omnichannel Integration Entry',
		hint: 'Check the Unique ID and the entry properties.',
	},
];

/** Group, meaning and handling of an Akixi WS API error code. */
export function describeAkixiCode(code: string | undefined): AkixiCodeInfo {
	if (!code) return { group: 'Unknown' };
	const general = GENERAL_MEANINGS[code];
	const numeric = Number(code);
	const range = GROUPS.find((g) => numeric >= g.from && numeric <= g.to);
	return {
		group: range?.group ?? 'Unknown',
		meaning: general?.meaning,
		transient: general?.transient,
		hint: general?.hint ?? range?.hint,
		session: AKIXI_SESSION_ERROR_CODES.has(code),
	};
}

/** Integrator Client REST error codes (30000–30009): name and meaning. */
export const INTEGRATOR_CLIENT_ERRORS: Record<string, { name: string; meaning: string }> = {
	'30000': {
		name: 'INTEGRATOR_CLIENT_NOT_ENOUGH_PERMISSIONS_FOR_ACTION',
		meaning: 'The current user does not have enough permissions to perform the action',
	},
	'30001': {
		name: 'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		meaning: 'No configuration was provided in the request',
	},
	'30002': {
		name: 'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		meaning: 'No Integrator Client ID was provided in the request',
	},
	'30003': {
		name: 'INTEGRATOR_CLIENT_NOT_FOUND',
		meaning: 'No Integrator Client with the specified ID was found',
	},
	'30004': {
		name: 'INTEGRATOR_CLIENT_DEVICE_NOT_FOUND_IN_TELSYS',
		meaning: 'The specified device was not found in the telephony server',
	},
	'30005': {
		name: 'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE',
		meaning: 'An Integrator Client with the same scope already exists',
	},
	'30006': {
		name: 'INTEGRATOR_CLIENT_EXISTS_FOR_ID',
		meaning: 'An Integrator Client with the same ID already exists',
	},
	'30007': {
		name: 'INTEGRATOR_CLIENT_NOT_RESOLVED_FROM_GENERIC_CONFIG',
		meaning: 'The Integrator Client could not be resolved from the generic configuration',
	},
	'30008': {
		name: 'INTEGRATOR_CLIENT_MULTI_TELSYS_NOT_ALLOWED_FOR_USER',
		meaning: 'The Integrator Client cannot be assigned to several telephony servers for this user',
	},
	'30009': {
		name: 'INTEGRATOR_CLIENT_MULTI_PARTITION_NOT_ALLOWED_FOR_USER',
		meaning: 'The Integrator Client cannot be assigned to several partitions for this user',
	},
};
