/**
 * jtel ACD / Dialler REST API facts in one place. Every request goes to
 * `{server}/rest/v1.0/{ClientsID}{path}`; the paths below are relative to that base.
 *
 * Two paths are not legible in the published documentation and are this pack's choice; each is
 * kept in exactly one constant so it can be corrected in one place:
 * - {@link ACD_EVENT_STATUS_PATH}: the "retrieve all AcdEventStatus" function is documented with
 *   its answer but without its URL. It sits beside `/acd/events/types`, which is named after the
 *   entity its records carry (`AcdEventTypes.*` → `types`); the status records carry
 *   `AcdEventStatus.*`, so the path is `/acd/events/status`.
 * - {@link DIALLER_CAMPAIGN_DELETE_BY_ID_PATH}: the delete-by-ID URL is cut off. Every other call on a
 *   single campaign uses `/dialler/campaigns/campaign…` (result codes, delete by name), and a
 *   single contact is deleted at `/dialler/contacts/contact/{id}`, so the campaign is deleted at
 *   `/dialler/campaigns/campaign/{DiallerCampaignsID}`.
 *
 * Three further URLs are not legible either, and are chosen the same way:
 * - {@link DIALLER_CONTACT_GET_BY_USER_DATA_PATH}: "retrieve dialler contacts by user data" is
 *   documented, its URL is not. A contact is deleted by user data at
 *   `DELETE /dialler/contacts/contact?userData=`, so it is read by user data with GET on that URL.
 * - {@link CALL_HANGUP_LEG2_PATH}: "hangup a call leg 2" is documented beside answer, hangup and
 *   hold (`/calls/{UFN}/answer|hangup|hold`); its URL is cut off. It follows their pattern as
 *   `/calls/{UFN}/hangupLeg2`.
 * - {@link COCKPIT_VARIABLE_SET_VALUE_PATH}: the URL of Set Value is documented up to
 *   `/setValue`; its `value` parameter is listed as a URL parameter and is sent as the query
 *   parameter `value` ({@link COCKPIT_VARIABLE_VALUE_PARAMETER}).
 *
 * When a server answers one of these with 404 and an empty body, the function is there under
 * another URL (or not offered by that release): correct the one constant.
 */

/** Path of the REST API below the server URL; the ClientsID follows it. */
export const JTEL_REST_PATH = '/rest/v1.0';

export const SYSTEM_NAME = 'jtel';

// ---------------------------------------------------------------------------------------------
// ACD

export const ACD_EVENTS_PATH = '/acd/events';
export const ACD_EVENT_CREATE_PATH = '/acd/events/create';
export const ACD_EVENT_TYPES_PATH = '/acd/events/types';
/** Chosen path (see the file comment). */
export const ACD_EVENT_STATUS_PATH = '/acd/events/status';
export const ACD_GROUPS_PATH = '/acd/groups';
export const ACD_GROUP_BY_NAME_PATH = '/acd/groups/group';

export function acdEventPath(acdEventsId: number): string {
	return `/acd/events/event/${encodeURIComponent(String(acdEventsId))}`;
}

export function acdGroupPath(acdGroupsId: number): string {
	return `/acd/groups/group/${encodeURIComponent(String(acdGroupsId))}`;
}

// ---------------------------------------------------------------------------------------------
// Dialler

export const DIALLER_CAMPAIGNS_PATH = '/dialler/campaigns';
export const DIALLER_CAMPAIGN_BY_NAME_PATH = '/dialler/campaigns/campaign';
export const DIALLER_CAMPAIGN_CLONE_PATH = '/dialler/campaigns/clone';
export const DIALLER_CONTACTS_PATH = '/dialler/contacts';
export const DIALLER_CONTACT_IMPORT_PATH = '/dialler/contacts/import';
export const DIALLER_CONTACT_BY_USER_DATA_PATH = '/dialler/contacts/contact';

export function diallerCampaignPath(diallerCampaignsId: number): string {
	return `/dialler/campaigns/${encodeURIComponent(String(diallerCampaignsId))}`;
}

export function diallerCampaignResultCodesPath(diallerCampaignsId: number): string {
	return `/dialler/campaigns/campaign/${encodeURIComponent(String(diallerCampaignsId))}/resultCodes`;
}

/** Chosen path (see the file comment); `{DiallerCampaignsID}` is filled in per request. */
export const DIALLER_CAMPAIGN_DELETE_BY_ID_PATH =
	'/dialler/campaigns/campaign/{DiallerCampaignsID}';

export function diallerCampaignDeleteByIdPath(diallerCampaignsId: number): string {
	return DIALLER_CAMPAIGN_DELETE_BY_ID_PATH.replace(
		'{DiallerCampaignsID}',
		encodeURIComponent(String(diallerCampaignsId)),
	);
}

export function diallerContactPath(diallerContactsId: number): string {
	return `/dialler/contacts/${encodeURIComponent(String(diallerContactsId))}`;
}

export function diallerContactDeletePath(diallerContactsId: number): string {
	return `/dialler/contacts/contact/${encodeURIComponent(String(diallerContactsId))}`;
}

/** Chosen path (see the file comment); the user data goes in the query parameter `userData`. */
export const DIALLER_CONTACT_GET_BY_USER_DATA_PATH = '/dialler/contacts/contact';

// ---------------------------------------------------------------------------------------------
// Master data: users

export const USERS_PATH = '/users';

export function userPath(usersId: number): string {
	return `/users/user/${encodeURIComponent(String(usersId))}`;
}

// ---------------------------------------------------------------------------------------------
// Call control

export const CALLS_PATH = '/calls';

/** The documented call actions, each `GET /calls/{UFN}/{action}`. */
export const CALL_ANSWER_PATH = '/calls/{UFN}/answer';
export const CALL_HANGUP_PATH = '/calls/{UFN}/hangup';
export const CALL_HOLD_PATH = '/calls/{UFN}/hold';
/** Chosen path (see the file comment). */
export const CALL_HANGUP_LEG2_PATH = '/calls/{UFN}/hangupLeg2';

/** A call action path with the UFN (a text, e.g. `sim-ufn-1`) filled in, percent-encoded. */
export function callPath(template: string, ufn: string): string {
	return template.replace('{UFN}', encodeURIComponent(ufn));
}

// ---------------------------------------------------------------------------------------------
// Cockpit variables

export const COCKPIT_VARIABLES_PATH = '/cockpitVariables';
/** One cockpit variable; `{CockpitVariablesID}` is filled in per request. */
export const COCKPIT_VARIABLE_PATH = '/cockpitVariables/cockpitVariable/{CockpitVariablesID}';
/** Documented up to `/setValue` (PATCH); see the file comment for the value. */
export const COCKPIT_VARIABLE_SET_VALUE_PATH =
	'/cockpitVariables/cockpitVariable/{CockpitVariablesID}/setValue';
/** Name of the query parameter that carries the new value of Set Value. */
export const COCKPIT_VARIABLE_VALUE_PARAMETER = 'value';

export function cockpitVariablePath(template: string, cockpitVariablesId: number): string {
	return template.replace('{CockpitVariablesID}', encodeURIComponent(String(cockpitVariablesId)));
}

/**
 * The documented `result` codes of Set Value: 0 set; 1 the variable is not writable; 2 not found
 * or not visible for the cockpit; 3 unchanged (it already has that value); 4 unchanged (the
 * value is outside its minimum / maximum).
 */
export const COCKPIT_RESULT = {
	ok: 0,
	notWritable: 1,
	notFound: 2,
	sameValue: 3,
	outsideMinMax: 4,
} as const;

// ---------------------------------------------------------------------------------------------
// Values

/** `languagesID` values of the result codes and contact batch calls. */
export const LANGUAGES = [
	{ name: 'English', value: 1 },
	{ name: 'German', value: 2 },
] as const;

/** AcdEventTypes whose Sender (and Receiver) are telephone numbers in E.164 format. */
export const TELEPHONE_EVENT_TYPES: Readonly<Record<number, string>> = {
	1: 'Voice Mail',
	3: 'Callback',
};

/** The only AcdEventType that takes a Body. */
export const CALLBACK_EVENT_TYPE = 3;

/** Priority range of an ACD event; the server uses 50 when none is sent. */
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 200;
export const PRIORITY_DEFAULT = 50;

/** The value of `Result_` when a group allows no duplicates and the existing event was updated. */
export const RESULT_UPDATED = 'UPDATED';

/** Contact phone number fields accepted by the import. */
export const PHONE_NUMBER_FIELDS = [
	'PhoneNumber1',
	'PhoneNumber2',
	'PhoneNumber3',
	'PhoneNumber4',
	'PhoneNumber5',
	'PhoneNumber6',
] as const;

/** `path?name=value&…` with every value percent-encoded (spaces as %20, umlauts as UTF-8). */
export function withQuery(
	path: string,
	query: Record<string, string | number | boolean | undefined>,
): string {
	const parts = Object.entries(query)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	return parts.length ? `${path}?${parts.join('&')}` : path;
}
