import { ACD_EVENT_STATUS_PATH } from '../../nodes/AcdDialler/constants';
import type { SimResponse } from '../shared/httpServer';
import {
	byName,
	byNumber,
	isInt,
	isObject,
	isText,
	present,
	type Route,
	type RouteContext,
} from './context';
import { badRequest, fail, listEnvelope, recordsEnvelope } from './errors';
import {
	CALLBACK_EVENT_TYPE_ID,
	STATUS_CLOSED_FROM,
	STATUS_NEW,
	TELEPHONE_EVENT_TYPE_IDS,
	type Row,
} from './seed';
import { jtelTimestamp, type AcdEvent, type AcdGroup, type ClientAccount } from './state';

/**
 * ACD routes: AcdEvents (list, get, create with the no-duplicates rule), AcdEventTypes,
 * AcdEventStatus, ACD groups (list, get, by name).
 */

/** E.164 with or without the leading plus: jtel's pages document both forms (`49199123456789`). */
const E164 = /^\+?[1-9][0-9]{1,14}$/;

/** The public row of a group: every seeded column. */
function groupRow(client: ClientAccount, group: AcdGroup): Row {
	return { ...group, ClientsID: client.clientsId };
}

function listEvents({ client }: RouteContext): SimResponse {
	const rows = [...client.events.values()].sort(
		(a, b) => a.dtCreated.localeCompare(b.dtCreated) || a.ID - b.ID,
	);
	return listEnvelope(rows, 'dtCreated');
}

function getEvent({ client, params }: RouteContext): SimResponse {
	const event = client.events.get(params.AcdEventsID);
	return event ? recordsEnvelope([event]) : fail('eventNotFound');
}

// ---------------------------------------------------------------------------------------------
// Create

interface Target {
	AcdGroupsID: number | null;
	AcdConfigurationGroupsID: number | null;
	AcdAgentGroupsID: number | null;
	/** The group whose configuration decides about duplicates. */
	deciding: AcdGroup;
}

function intField(body: Record<string, unknown>, name: string): number | SimResponse | undefined {
	const value = body[name];
	if (!present(value)) return undefined;
	return isInt(value) ? value : badRequest(`Parameter ${name} must be an integer`);
}

/** The checks below return either a value or the answer that refuses the request. */
function isResponse(value: unknown): value is SimResponse {
	return isObject(value) && typeof value.status === 'number' && 'headers' in value;
}

function target(client: ClientAccount, body: Record<string, unknown>): Target | SimResponse {
	const groupId = intField(body, 'AcdGroupsID');
	const configurationId = intField(body, 'AcdConfigurationGroupsID');
	const agentId = intField(body, 'AcdAgentGroupsID');
	for (const value of [groupId, configurationId, agentId]) if (isResponse(value)) return value;
	const hasGroup = groupId !== undefined;
	const hasConfiguration = configurationId !== undefined;
	const hasAgent = agentId !== undefined;
	if (hasGroup && (hasConfiguration || hasAgent)) return fail('groupBoth');
	if (!hasGroup && !(hasConfiguration && hasAgent)) return fail('groupChoice');
	if (hasGroup) {
		const group = client.groups.get(groupId as number);
		if (!group) return fail('groupNotFound');
		return {
			AcdGroupsID: group.ID,
			AcdConfigurationGroupsID: null,
			AcdAgentGroupsID: null,
			deciding: group,
		};
	}
	const configuration = client.groups.get(configurationId as number);
	if (!configuration) return fail('configurationGroupNotFound');
	if (configuration.AcdGroupType !== 'Configuration') {
		return badRequest(`AcdConfigurationGroupsID ${configuration.ID} is not a configuration group`);
	}
	const agent = client.groups.get(agentId as number);
	if (!agent) return fail('agentGroupNotFound');
	if (agent.AcdGroupType !== 'Agent' || agent.AcdConfigurationGroupsID !== configuration.ID) {
		return badRequest(
			`AcdAgentGroupsID ${agent.ID} is not an agent group of configuration group ${configuration.ID}`,
		);
	}
	return {
		AcdGroupsID: null,
		AcdConfigurationGroupsID: configuration.ID,
		AcdAgentGroupsID: agent.ID,
		deciding: configuration,
	};
}

function optionalText(body: Record<string, unknown>, name: string): string | null | SimResponse {
	const value = body[name];
	if (!present(value)) return null;
	return typeof value === 'string' ? value : badRequest(`Parameter ${name} must be a string`);
}

function calendarDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `yyyy-mm-dd` / `yyyymmdd` → [y, m, d]; undefined when malformed. */
function parseDate(value: string): [number, number, number] | undefined {
	const match = /^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$/.exec(value);
	if (!match || (value.length !== 8 && value.length !== 10)) return undefined;
	const parts: [number, number, number] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return calendarDate(...parts) ? parts : undefined;
}

/** `hh:mm` / `hhmm` → [h, m]; undefined when malformed. */
function parseTime(value: string): [number, number] | undefined {
	const match = /^([0-9]{2}):?([0-9]{2})$/.exec(value);
	if (!match || (value.length !== 4 && value.length !== 5)) return undefined;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	return hours <= 23 && minutes <= 59 ? [hours, minutes] : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * When the event is due: none → at once (null); date only → 00:00 that day; time only → the next
 * time that time of day comes; both → exactly then. Times are UTC in this simulator.
 */
function appointment(
	date: [number, number, number] | undefined,
	time: [number, number] | undefined,
): string | null {
	if (!date && !time) return null;
	if (date) {
		const [hours, minutes] = time ?? [0, 0];
		return `${date[0]}-${pad(date[1])}-${pad(date[2])}T${pad(hours)}:${pad(minutes)}:00.000`;
	}
	const now = new Date();
	const [hours, minutes] = time as [number, number];
	const due = new Date(
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes),
	);
	if (due.getTime() <= now.getTime()) due.setUTCDate(due.getUTCDate() + 1);
	return jtelTimestamp(due);
}

function createEvent({ state, client, body }: RouteContext): SimResponse {
	if (!isObject(body)) return fail('notJsonObject');
	const typeId = body.AcdEventTypesID;
	if (!present(typeId)) return badRequest('Parameter AcdEventTypesID missing');
	if (!isInt(typeId)) return badRequest('Parameter AcdEventTypesID must be an integer');
	if (!state.eventTypes.some((type) => type.ID === typeId))
		return badRequest(`Unknown AcdEventTypesID ${typeId}`);

	const where = target(client, body);
	if (isResponse(where)) return where;

	const usersId = intField(body, 'UsersID');
	if (isResponse(usersId)) return usersId;
	const telephone = TELEPHONE_EVENT_TYPE_IDS.has(typeId);
	if (!isText(body.Sender)) return badRequest('Parameter Sender missing');
	if (telephone && !E164.test(body.Sender)) {
		return badRequest(
			'Sender must be a telephone number in E.164 format for VoiceMail and Callback events',
		);
	}
	const receiver = optionalText(body, 'Receiver');
	if (isResponse(receiver)) return receiver;
	if (telephone && receiver !== null && !E164.test(receiver)) {
		return badRequest(
			'Receiver must be a telephone number in E.164 format for VoiceMail and Callback events',
		);
	}
	if (!isText(body.Subject)) return badRequest('Parameter Subject missing');
	const eventBody = optionalText(body, 'Body');
	if (isResponse(eventBody)) return eventBody;
	if (eventBody !== null && typeId !== CALLBACK_EVENT_TYPE_ID) return fail('bodyCallbackOnly');
	const crmUrl = optionalText(body, 'CrmURL');
	if (isResponse(crmUrl)) return crmUrl;
	if (crmUrl !== null && !URL.canParse(crmUrl)) return fail('crmUrl');
	const userData = optionalText(body, 'UserData');
	if (isResponse(userData)) return userData;
	const priority = intField(body, 'nPriority');
	if (isResponse(priority)) return priority;
	if (priority !== undefined && (priority < 0 || priority > 200)) return fail('priority');
	const dateText = optionalText(body, 'dtAppointmentDate');
	if (isResponse(dateText)) return dateText;
	const date = dateText === null ? undefined : parseDate(dateText);
	if (dateText !== null && !date) return fail('appointmentDate');
	const timeText = optionalText(body, 'dtAppointmentTime');
	if (isResponse(timeText)) return timeText;
	const time = timeText === null ? undefined : parseTime(timeText);
	if (timeText !== null && !time) return fail('appointmentTime');

	const now = jtelTimestamp();
	if (where.deciding.bNoDuplicateAcdEvents) {
		const existing = [...client.events.values()].find(
			(event) =>
				event.AcdEventTypesID === typeId &&
				event.AcdGroupsID === where.AcdGroupsID &&
				event.AcdConfigurationGroupsID === where.AcdConfigurationGroupsID &&
				event.AcdAgentGroupsID === where.AcdAgentGroupsID &&
				event.Sender === body.Sender &&
				event.AcdEventStatusID < STATUS_CLOSED_FROM,
		);
		if (existing) {
			const note = `${now}: duplicate event received (Subject: ${String(body.Subject)})`;
			existing.Comment = existing.Comment ? `${String(existing.Comment)}\n${note}` : note;
			existing.dtLastModified = now;
			return recordsEnvelope([{ ...existing, Result_: 'UPDATED' }]);
		}
	}

	const event: AcdEvent = {
		ID: state.nextId(),
		ClientsID: client.clientsId,
		AcdEventTypesID: typeId,
		AcdEventStatusID: STATUS_NEW,
		AcdGroupsID: where.AcdGroupsID,
		AcdConfigurationGroupsID: where.AcdConfigurationGroupsID,
		AcdAgentGroupsID: where.AcdAgentGroupsID,
		UsersID: usersId ?? null,
		Sender: body.Sender,
		Receiver: receiver,
		Subject: body.Subject,
		Body: eventBody,
		CrmURL: crmUrl,
		UserData: userData,
		nPriority: priority ?? 50,
		dtAppointment: appointment(date, time),
		SkillsValue1: null,
		SkillsValue2: null,
		ChatConnectorsID: null,
		Comment: null,
		dtCreated: now,
		dtLastModified: now,
	};
	client.events.set(event.ID, event);
	return recordsEnvelope([event]);
}

// ---------------------------------------------------------------------------------------------
// Types, statuses, groups

function listGroups({ client }: RouteContext): SimResponse {
	return listEnvelope(
		[...client.groups.values()].sort(byName).map((group) => groupRow(client, group)),
		'Name',
	);
}

function getGroup({ client, params }: RouteContext): SimResponse {
	const group = client.groups.get(params.AcdGroupsID);
	return group ? recordsEnvelope([groupRow(client, group)]) : fail('groupNotFound');
}

function groupsByName({ client, query }: RouteContext): SimResponse {
	const name = query.get('name');
	if (name === null || name.trim() === '') return badRequest('Parameter name missing');
	const needle = name.toLowerCase();
	const found = [...client.groups.values()]
		.filter((group) => group.Name.toLowerCase().includes(needle))
		.sort(byName);
	return found.length
		? recordsEnvelope(found.map((group) => groupRow(client, group)))
		: fail('groupNotFound');
}

export const ACD_ROUTES: Route[] = [
	{ method: 'GET', path: '/acd/events', operation: 'AcdEventsGetAll', handle: listEvents },
	{
		method: 'GET',
		path: '/acd/events/event/{AcdEventsID}',
		operation: 'AcdEventGet',
		handle: getEvent,
	},
	{ method: 'POST', path: '/acd/events/create', operation: 'AcdEventCreate', handle: createEvent },
	{
		method: 'GET',
		path: '/acd/events/types',
		operation: 'AcdEventTypesGetAll',
		handle: ({ state }) => listEnvelope([...state.eventTypes].sort(byNumber('ID')), 'ID'),
	},
	{
		method: 'GET',
		// Not in the documentation: the path the ACD Dialler node chose (one constant for both).
		path: ACD_EVENT_STATUS_PATH,
		operation: 'AcdEventStatusGetAll',
		handle: ({ state }) => listEnvelope([...state.eventStatuses].sort(byNumber('ID')), 'ID'),
	},
	{ method: 'GET', path: '/acd/groups', operation: 'AcdGroupsGetAll', handle: listGroups },
	{
		method: 'GET',
		path: '/acd/groups/group/{AcdGroupsID}',
		operation: 'AcdGroupGet',
		handle: getGroup,
	},
	{
		method: 'GET',
		path: '/acd/groups/group',
		operation: 'AcdGroupsGetByName',
		handle: groupsByName,
	},
];
