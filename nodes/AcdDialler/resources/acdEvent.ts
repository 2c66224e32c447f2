import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, type ParamReader, resourceOperations } from '../../shared/operations';
import type { JtelResponse } from '../client';
import {
	ACD_EVENT_CREATE_PATH,
	ACD_EVENTS_PATH,
	acdEventPath,
	CALLBACK_EVENT_TYPE,
	PRIORITY_DEFAULT,
	PRIORITY_MAX,
	PRIORITY_MIN,
	RESULT_UPDATED,
	TELEPHONE_EVENT_TYPES,
} from '../constants';
import { getManyFields, readGetMany, singleRecord } from '../output';
import {
	appointmentDate,
	appointmentTime,
	e164,
	intInRange,
	isBlank,
	positiveInt,
	requiredText,
	wellFormedUrl,
} from '../validation';
import { declareJtel } from './declare';

/**
 * ACD events of the client account: Get Many (`GET /acd/events`), Get
 * (`GET /acd/events/event/{AcdEventsID}`) and Create (`POST /acd/events/create`).
 */

export const RESOURCE = 'acdEvent';

const GROUP_RULE =
	'Either AcdGroupsID, or both AcdConfigurationGroupsID and AcdAgentGroupsID, must be given (never both kinds)';

const createFields: INodeProperties[] = [
	{
		displayName: 'Event Type Name or ID',
		name: 'acdEventTypesId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEventTypes' },
		required: true,
		default: '',
		description:
			'Type of event to create (AcdEventTypesID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Distribute To',
		name: 'groupTarget',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'ACD Group',
				value: 'acdGroup',
				description: 'A standalone ACD group receives the event (AcdGroupsID)',
			},
			{
				name: 'Configuration Group and Agent Group',
				value: 'configurationGroup',
				description:
					'A configuration group with one of its agent groups (AcdConfigurationGroupsID and AcdAgentGroupsID)',
			},
		],
		default: 'acdGroup',
		description: `Where the event is distributed. ${GROUP_RULE}.`,
	},
	{
		displayName: 'ACD Group ID',
		name: 'acdGroupsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12',
		description: 'ID of the ACD group that distributes the event (AcdGroupsID)',
		displayOptions: { show: { groupTarget: ['acdGroup'] } },
	},
	{
		displayName: 'Configuration Group ID',
		name: 'acdConfigurationGroupsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '20',
		description: 'ID of the configuration group (AcdConfigurationGroupsID)',
		displayOptions: { show: { groupTarget: ['configurationGroup'] } },
	},
	{
		displayName: 'Agent Group ID',
		name: 'acdAgentGroupsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '21',
		description: 'ID of the agent group of that configuration group (AcdAgentGroupsID)',
		displayOptions: { show: { groupTarget: ['configurationGroup'] } },
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+4930123456',
		description:
			'Who the event comes from. Voice mail and callback events: a telephone number in E.164 format. Other events: context specific, e.g. an e-mail address.',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Free text subject of the event',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Agent (User) ID',
				name: 'usersId',
				type: 'string',
				default: '',
				description:
					'ID of the user who receives the event (UsersID). Without it the group queue distributes it.',
			},
			{
				displayName: 'Appointment Date',
				name: 'dtAppointmentDate',
				type: 'string',
				default: '',
				placeholder: '2025-03-31',
				description:
					'Date part of the appointment, yyyy-mm-dd or yyyymmdd. Date only: 00:00 that day. Past dates are distributed at once. Neither date nor time: as soon as possible.',
			},
			{
				displayName: 'Appointment Time',
				name: 'dtAppointmentTime',
				type: 'string',
				default: '',
				placeholder: '14:30',
				description:
					'Time part of the appointment, hh:mm or hhmm. Time only: the next time that time of day comes.',
			},
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Text added to the event body data. Callback events only.',
			},
			{
				displayName: 'CRM URL',
				name: 'crmUrl',
				type: 'string',
				default: '',
				placeholder: 'https://crm.example.com/ticket/42',
				description: 'A well-formed URL associated with the event (CrmURL)',
			},
			{
				displayName: 'Priority',
				name: 'nPriority',
				type: 'number',
				typeOptions: { minValue: PRIORITY_MIN, maxValue: PRIORITY_MAX },
				default: PRIORITY_DEFAULT,
				description:
					'Priority of the event, 0 to 200 (nPriority). The server uses 50 when it is not sent.',
			},
			{
				displayName: 'Receiver',
				name: 'receiver',
				type: 'string',
				default: '',
				placeholder: '+4989987654',
				description:
					'Who the event is for. Voice mail and callback events: a service number configured in jtel, in E.164 format.',
			},
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				default: '',
				description:
					'Free user data. Ticket (workflow) events: the ticket number of the foreign system.',
			},
		],
	},
];

/** The groups of the event: AcdGroupsID, or AcdConfigurationGroupsID + AcdAgentGroupsID. */
function groupFields(params: ParamReader): IDataObject {
	const target = params.get<string>('groupTarget', 'acdGroup');
	if (target === 'acdGroup') {
		const group = params.get<unknown>('acdGroupsId', '');
		if (isBlank(group)) throw invalidInput(`ACD Group ID is missing. ${GROUP_RULE}.`);
		return { AcdGroupsID: positiveInt(group, 'ACD Group ID') };
	}
	if (target === 'configurationGroup') {
		const configuration = params.get<unknown>('acdConfigurationGroupsId', '');
		const agent = params.get<unknown>('acdAgentGroupsId', '');
		if (isBlank(configuration) || isBlank(agent)) {
			const missing = isBlank(configuration) ? 'Configuration Group ID' : 'Agent Group ID';
			throw invalidInput(`${missing} is missing. ${GROUP_RULE}.`);
		}
		return {
			AcdConfigurationGroupsID: positiveInt(configuration, 'Configuration Group ID'),
			AcdAgentGroupsID: positiveInt(agent, 'Agent Group ID'),
		};
	}
	throw invalidInput(`Distribute To must be "acdGroup" or "configurationGroup", not "${target}"`);
}

/** The POST body of Create, in the documented field order, validated. */
export function createBody(params: ParamReader): IDataObject {
	const typeId = positiveInt(params.get<unknown>('acdEventTypesId', ''), 'Event Type');
	const telephone = TELEPHONE_EVENT_TYPES[typeId];
	const extra = params.collection('additionalFields');
	const text = (name: string) => (isBlank(extra[name]) ? undefined : String(extra[name]).trim());

	const body: IDataObject = { AcdEventTypesID: typeId, ...groupFields(params) };
	const usersId = text('usersId');
	if (usersId !== undefined) body.UsersID = positiveInt(usersId, 'Agent (User) ID');

	const sender = requiredText(params.get<unknown>('sender', ''), 'Sender');
	body.Sender = telephone ? e164(sender, 'Sender', `for ${telephone} events`) : sender;
	const receiver = text('receiver');
	if (receiver !== undefined) {
		body.Receiver = telephone ? e164(receiver, 'Receiver', `for ${telephone} events`) : receiver;
	}
	body.Subject = requiredText(params.get<unknown>('subject', ''), 'Subject');

	const eventBody = text('body');
	if (eventBody !== undefined) {
		if (typeId !== CALLBACK_EVENT_TYPE) {
			throw invalidInput(
				`Body is supported for Callback events (type ${CALLBACK_EVENT_TYPE}) only, not type ${typeId}`,
			);
		}
		body.Body = String(extra.body);
	}
	const crmUrl = text('crmUrl');
	if (crmUrl !== undefined) body.CrmURL = wellFormedUrl(crmUrl, 'CRM URL');
	if (!isBlank(extra.userData)) body.UserData = String(extra.userData);
	if (!isBlank(extra.nPriority))
		body.nPriority = intInRange(extra.nPriority, 'Priority', PRIORITY_MIN, PRIORITY_MAX);
	const date = text('dtAppointmentDate');
	if (date !== undefined) body.dtAppointmentDate = appointmentDate(date, 'Appointment Date');
	const time = text('dtAppointmentTime');
	if (time !== undefined) body.dtAppointmentTime = appointmentTime(time, 'Appointment Time');
	return body;
}

/** The created event; when `Result_` is UPDATED, says plainly that an existing event was updated. */
export function readCreated(response: JtelResponse): IDataObject {
	const event = singleRecord(response, 'ACD event');
	const result = typeof event.Result_ === 'string' ? event.Result_.trim().toUpperCase() : '';
	if (result !== RESULT_UPDATED) return { ...event, updatedExisting: false };
	return {
		...event,
		updatedExisting: true,
		notice: `No new event was created: the ACD group allows no duplicate events, so jtel updated the existing event${
			event.ID !== undefined ? ` ${String(event.ID)}` : ''
		} with a comment and returned it (Result_ = UPDATED).`,
	};
}

const acdEventsIdField: INodeProperties = {
	displayName: 'ACD Event ID',
	name: 'acdEventsId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1001',
	description: 'ID of the ACD event (AcdEventsID)',
};

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many ACD events',
		description: 'Get all ACD events of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: ACD_EVENTS_PATH }),
		read: readGetMany,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get an ACD event',
		description: 'Get one ACD event by ID',
		properties: [acdEventsIdField],
		request: (params) => ({
			method: 'GET',
			path: acdEventPath(positiveInt(params.get<unknown>('acdEventsId', ''), 'ACD Event ID')),
		}),
		read: (response) => singleRecord(response, 'ACD event'),
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create an ACD event',
		description: 'Create an ACD event (voice mail, callback, e-mail, ticket, …) and distribute it',
		properties: createFields,
		request: (params) => ({
			method: 'POST',
			path: ACD_EVENT_CREATE_PATH,
			body: createBody(params),
		}),
		read: (response) => readCreated(response),
	},
]);
