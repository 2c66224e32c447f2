import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import {
	AcdDiallerClient,
	type JtelRequest,
	type JtelResponse,
} from '../../nodes/AcdDialler/client';
import { PHONE_NUMBER_FIELDS } from '../../nodes/AcdDialler/constants';
import * as acdEvent from '../../nodes/AcdDialler/resources/acdEvent';
import * as acdEventStatus from '../../nodes/AcdDialler/resources/acdEventStatus';
import * as acdEventType from '../../nodes/AcdDialler/resources/acdEventType';
import * as acdGroup from '../../nodes/AcdDialler/resources/acdGroup';
import * as call from '../../nodes/AcdDialler/resources/call';
import * as cockpitVariable from '../../nodes/AcdDialler/resources/cockpitVariable';
import * as diallerCampaign from '../../nodes/AcdDialler/resources/diallerCampaign';
import * as diallerContact from '../../nodes/AcdDialler/resources/diallerContact';
import * as user from '../../nodes/AcdDialler/resources/user';
import type { OperationDeclaration } from '../../nodes/shared/operations';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { check, checkAsync, expectRefused } from './check';
import {
	asNodeParameters,
	offeredOperations,
	rawValues,
	readerOver,
	type Overrides,
} from './params';
import { blankText, freeText, isBlank, textWithout } from './text';
import { queryEntries, readTarget, startCaptureServer, type CaptureServer } from './wire';

/**
 * Every jtel ACD / Dialler operation: random parameter values — from each parameter's own
 * domain where the node checks one (IDs, E.164 numbers, dates, times, URLs, priorities) — go
 * through the declaration's request() and the real AcdDiallerClient onto the wire; the path
 * segments, query parameters and JSON body that arrive must hold exactly those values.
 */

type Operation = OperationDeclaration<JtelRequest, JtelResponse>;

const node = new AcdDialler();
const OPERATIONS: Operation[] = [
	...acdEvent.operations,
	...acdEventType.operations,
	...acdEventStatus.operations,
	...acdGroup.operations,
	...diallerCampaign.operations,
	...diallerContact.operations,
	...user.operations,
	...call.operations,
	...cockpitVariable.operations,
];
const label = (op: Operation) => `${op.resource}.${op.value}`;
const find = (name: string) => OPERATIONS.find((op) => label(op) === name)!;

const CLIENTS_ID = 7;
let capture: CaptureServer;
let client: AcdDiallerClient;

beforeAll(async () => {
	capture = await startCaptureServer();
	client = new AcdDiallerClient(
		{ serverUrl: capture.url, clientsId: String(CLIENTS_ID), token: randomUUID() },
		{ timeoutMs: 20_000 },
	);
});

afterAll(async () => {
	resetHttpClients();
	await capture.close();
});

it('covers every operation the ACD Dialler node offers', () => {
	expect(OPERATIONS.map(label).sort()).toEqual(offeredOperations(node));
	expect(OPERATIONS).toHaveLength(32);
});

// ---------------------------------------------------------------------------------------------
// Domains

const pad = fc.constantFrom('', ' ', '\t', '\n ');

/** A positive whole number as typed into a text field: leading zeros and blanks around allowed. */
const positiveIdText = fc
	.tuple(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: 3 }), pad)
	.map(([n, zeros, p]) => `${p}${'0'.repeat(zeros)}${n}${p}`);

/** E.164: a country code not starting with 0, at most 15 digits in all, with or without the plus. */
const e164 = fc
	.tuple(
		fc.integer({ min: 1, max: 9 }),
		fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 14 }),
		fc.constantFrom('+', ''),
		pad,
	)
	.map(([first, rest, plus, p]) => `${p}${plus}${first}${rest}${p}`);

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A calendar date as yyyy-mm-dd or yyyymmdd. */
const appointmentDate = fc
	.tuple(
		fc.date({
			min: new Date(Date.UTC(1000, 0, 1)),
			max: new Date(Date.UTC(9999, 11, 31)),
			noInvalidDate: true,
		}),
		fc.boolean(),
		pad,
	)
	.map(([date, dashed, p]) => {
		const parts = [
			String(date.getUTCFullYear()),
			twoDigits(date.getUTCMonth() + 1),
			twoDigits(date.getUTCDate()),
		];
		return `${p}${parts.join(dashed ? '-' : '')}${p}`;
	});

/** A time of day as hh:mm or hhmm. */
const appointmentTime = fc
	.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean(), pad)
	.map(([h, m, colon, p]) => `${p}${twoDigits(h)}${colon ? ':' : ''}${twoDigits(m)}${p}`);

const url = fc
	.tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), pad)
	.map(([u, p]) => `${p}${u}${p}`);

const required = freeText('json', { nonBlank: true });

/** Event types: the two telephone types, Callback (the only one with a Body) and any other ID. */
const eventType = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5), fc.integer({ min: 1, max: 1_000_000 }));

const ID_PARAMS = [
	'acdEventsId',
	'acdGroupsId',
	'acdConfigurationGroupsId',
	'acdAgentGroupsId',
	'diallerCampaignsId',
	'diallerContactsId',
	'usersId',
	'cockpitVariablesId',
];

function overridesFor(op: Operation): Overrides {
	const overrides: Overrides = {};
	for (const name of ID_PARAMS) overrides[name] = positiveIdText;
	for (const name of ['sender', 'subject', 'name', 'source', 'destination', 'diallerCampaignsName'])
		overrides[name] = required;
	if (op.value === 'deleteByUserData' || op.value === 'getByUserData')
		overrides.userData = required;
	overrides.ufn = required.filter((t) => !/^\.+$/.test(t.trim()));
	overrides.chosenPathNotice = fc.constant('');
	if (label(op) === 'diallerContact.getAll')
		overrides.diallerCampaignsId = fc.oneof(positiveIdText, blankText);
	overrides.acdEventTypesId = eventType;
	overrides['additionalFields.usersId'] = positiveIdText;
	overrides['additionalFields.dtAppointmentDate'] = appointmentDate;
	overrides['additionalFields.dtAppointmentTime'] = appointmentTime;
	overrides['additionalFields.crmUrl'] = url;
	overrides['additionalFields.Amount'] = fc
		.double({ noNaN: true, noDefaultInfinity: true })
		.filter((n) => !Object.is(n, -0));
	overrides.userDataList = fc
		.array(textWithout('json', /[,\n]/g, { nonBlank: true }), { maxLength: 4 })
		.chain((entries) => fc.constantFrom(',', ', ', '\n', ' ,\n').map((sep) => entries.join(sep)));
	overrides.idList = fc
		.array(
			positiveIdText.map((t) => t.replace(/\n/g, ' ')),
			{ maxLength: 4 },
		)
		.chain((ids) => fc.constantFrom(',', ', ', '\n').map((sep) => ids.join(sep)));
	return overrides;
}

const TELEPHONE_TYPES = new Set([1, 3]);
const CALLBACK = 3;

/**
 * Raw values of an operation from its domain. Create: Sender and Receiver in E.164 for the
 * telephone event types, a Body only for Callback. Import: at least one phone number. Get Batch:
 * at least one User Data value or Contact ID.
 */
function domainValues(op: Operation): fc.Arbitrary<IDataObject> {
	const values = rawValues(op, { format: 'json', overrides: overridesFor(op) });
	switch (label(op)) {
		case 'acdEvent.create':
			return fc.tuple(values, e164, e164).map(([raw, sender, receiver]) => {
				const type = Number(raw.acdEventTypesId);
				const extra = { ...((raw.additionalFields ?? {}) as IDataObject) };
				if (type !== CALLBACK) delete extra.body;
				if (!TELEPHONE_TYPES.has(type)) return { ...raw, additionalFields: extra };
				if (extra.receiver !== undefined) extra.receiver = receiver;
				return { ...raw, sender, additionalFields: extra };
			});
		case 'diallerContact.import':
			return fc
				.tuple(values, fc.constantFrom(...PHONE_NUMBER_FIELDS), required)
				.map(([raw, field, phone]) => ({
					...raw,
					phoneNumbers: { ...((raw.phoneNumbers ?? {}) as IDataObject), [field]: phone },
				}));
		case 'diallerContact.getBatch':
			return fc
				.tuple(
					values,
					fc.boolean(),
					positiveIdText,
					textWithout('json', /[,\n]/g, { nonBlank: true }),
				)
				.map(([raw, byId, id, userData]) =>
					byId
						? { ...raw, idList: `${String(raw.idList)},${id}` }
						: { ...raw, userDataList: `${userData}\n${String(raw.userDataList)}` },
				);
		default:
			return values;
	}
}

// ---------------------------------------------------------------------------------------------
// What each request must carry

interface ExpectedRequest {
	method: string;
	segments: string[];
	query: Record<string, string[]>;
	body?: IDataObject;
}

const id = (value: unknown) => String(Number(String(value).trim()));
const trimmed = (value: unknown) => String(value).trim();
const set = (value: unknown) =>
	!(value === undefined || value === null || (typeof value === 'string' && isBlank(value)));
const list = (value: unknown) =>
	String(value ?? '')
		.split(/[,\n]/)
		.map((v) => v.trim())
		.filter((v) => v !== '');

function createBody(values: IDataObject): IDataObject {
	const extra = (values.additionalFields ?? {}) as IDataObject;
	const body: IDataObject = { AcdEventTypesID: Number(values.acdEventTypesId) };
	if (values.groupTarget === 'acdGroup') body.AcdGroupsID = Number(id(values.acdGroupsId));
	else {
		body.AcdConfigurationGroupsID = Number(id(values.acdConfigurationGroupsId));
		body.AcdAgentGroupsID = Number(id(values.acdAgentGroupsId));
	}
	if (set(extra.usersId)) body.UsersID = Number(id(extra.usersId));
	body.Sender = trimmed(values.sender);
	if (set(extra.receiver)) body.Receiver = trimmed(extra.receiver);
	body.Subject = trimmed(values.subject);
	if (set(extra.body)) body.Body = String(extra.body);
	if (set(extra.crmUrl)) body.CrmURL = trimmed(extra.crmUrl);
	if (set(extra.userData)) body.UserData = String(extra.userData);
	if (set(extra.nPriority)) body.nPriority = extra.nPriority;
	if (set(extra.dtAppointmentDate)) body.dtAppointmentDate = trimmed(extra.dtAppointmentDate);
	if (set(extra.dtAppointmentTime)) body.dtAppointmentTime = trimmed(extra.dtAppointmentTime);
	return body;
}

function importBody(values: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (values.campaignBy === 'name')
		body.DiallerCampaignsName = trimmed(values.diallerCampaignsName);
	else body.DiallerCampaignsID = Number(id(values.diallerCampaignsId));
	body.Name = trimmed(values.name);
	const phones = (values.phoneNumbers ?? {}) as IDataObject;
	for (const field of PHONE_NUMBER_FIELDS)
		if (set(phones[field])) body[field] = trimmed(phones[field]);
	for (const [field, value] of Object.entries((values.additionalFields ?? {}) as IDataObject)) {
		if (set(value)) body[field] = typeof value === 'number' ? value : String(value);
	}
	return body;
}

function expected(name: string, values: IDataObject): ExpectedRequest {
	const get = (method: string, ...segments: string[]): ExpectedRequest => ({
		method,
		segments,
		query: {},
	});
	switch (name) {
		case 'acdEvent.getAll':
			return get('GET', 'acd', 'events');
		case 'acdEvent.get':
			return get('GET', 'acd', 'events', 'event', id(values.acdEventsId));
		case 'acdEvent.create':
			return { ...get('POST', 'acd', 'events', 'create'), body: createBody(values) };
		case 'acdEventType.getAll':
			return get('GET', 'acd', 'events', 'types');
		case 'acdEventStatus.getAll':
			return get('GET', 'acd', 'events', 'status');
		case 'acdGroup.get':
			return get('GET', 'acd', 'groups', 'group', id(values.acdGroupsId));
		case 'acdGroup.getByName':
			return { ...get('GET', 'acd', 'groups', 'group'), query: { name: [trimmed(values.name)] } };
		case 'acdGroup.getAll':
			return get('GET', 'acd', 'groups');
		case 'diallerCampaign.getAll':
			return get('GET', 'dialler', 'campaigns');
		case 'diallerCampaign.get':
			return get('GET', 'dialler', 'campaigns', id(values.diallerCampaignsId));
		case 'diallerCampaign.getByName':
			return {
				...get('GET', 'dialler', 'campaigns', 'campaign'),
				query: { name: [trimmed(values.name)] },
			};
		case 'diallerCampaign.getResultCodes':
			return {
				...get(
					'GET',
					'dialler',
					'campaigns',
					'campaign',
					id(values.diallerCampaignsId),
					'resultCodes',
				),
				query: { languagesID: [String(values.languagesId)] },
			};
		case 'diallerCampaign.clone':
			return {
				...get('POST', 'dialler', 'campaigns', 'clone'),
				body: {
					source: trimmed(values.source),
					destination: trimmed(values.destination),
					...(set(values.userData) ? { userData: String(values.userData) } : {}),
				},
			};
		case 'diallerCampaign.delete':
			return get('DELETE', 'dialler', 'campaigns', 'campaign', id(values.diallerCampaignsId));
		case 'diallerCampaign.deleteByName':
			return {
				...get('DELETE', 'dialler', 'campaigns', 'campaign'),
				query: { name: [trimmed(values.name)] },
			};
		case 'diallerContact.import':
			return {
				...get('POST', 'dialler', 'contacts', 'import'),
				query: { overwriteDuplicates: [String(values.overwriteDuplicates === true)] },
				body: importBody(values),
			};
		case 'diallerContact.getAll':
			return {
				...get('GET', 'dialler', 'contacts'),
				query: set(values.diallerCampaignsId)
					? { diallerCampaignsID: [id(values.diallerCampaignsId)] }
					: {},
			};
		case 'diallerContact.get':
			return get('GET', 'dialler', 'contacts', id(values.diallerContactsId));
		case 'diallerContact.getBatch': {
			const body: IDataObject = {};
			const userData = list(values.userDataList);
			const ids = list(values.idList).map((v) => Number(id(v)));
			if (userData.length) body.UserDataList = userData;
			if (ids.length) body.IDList = ids;
			return {
				...get('POST', 'dialler', 'contacts'),
				query: { languagesID: [String(values.languagesId)] },
				body,
			};
		}
		case 'diallerContact.delete':
			return get('DELETE', 'dialler', 'contacts', 'contact', id(values.diallerContactsId));
		case 'diallerContact.deleteByUserData':
			return {
				...get('DELETE', 'dialler', 'contacts', 'contact'),
				query: { userData: [trimmed(values.userData)] },
			};
		case 'diallerContact.getByUserData':
			return {
				...get('GET', 'dialler', 'contacts', 'contact'),
				query: { userData: [trimmed(values.userData)] },
			};
		case 'user.getAll':
			return get('GET', 'users');
		case 'user.get':
			return get('GET', 'users', 'user', id(values.usersId));
		case 'call.getAll':
			return get('GET', 'calls');
		case 'call.answer':
		case 'call.hangup':
		case 'call.hangupLeg2':
		case 'call.hold':
			return get('GET', 'calls', trimmed(values.ufn), name.slice('call.'.length));
		case 'cockpitVariable.getAll':
			return get('GET', 'cockpitVariables');
		case 'cockpitVariable.get':
			return get('GET', 'cockpitVariables', 'cockpitVariable', id(values.cockpitVariablesId));
		case 'cockpitVariable.setValue':
			return {
				...get(
					'PATCH',
					'cockpitVariables',
					'cockpitVariable',
					id(values.cockpitVariablesId),
					'setValue',
				),
				query: { value: [String(values.value)] },
			};
		default:
			throw new Error(`No expectation for ${name}`);
	}
}

describe('every operation puts every value into its REST request', () => {
	it.each(OPERATIONS.map((op) => [label(op), op] as const))('%s', async (name, op) => {
		await checkAsync(
			fc.asyncProperty(domainValues(op), async (raw) => {
				const values = asNodeParameters(node, raw);
				await client.send(op.request(readerOver(values)), op.action).catch(() => undefined);
				const sent = capture.take();
				expect(sent).toHaveLength(1);
				const [call] = sent;
				const target = readTarget(call.target);
				const want = expected(name, values);
				expect({
					method: call.method,
					segments: target.segments,
					query: queryEntries(target.query),
				}).toEqual({
					method: want.method,
					segments: ['', 'rest', 'v1.0', String(CLIENTS_ID), ...want.segments],
					query: want.query,
				});
				if (want.body === undefined) expect(call.body).toBe('');
				else expect(JSON.parse(call.body)).toEqual(want.body);
			}),
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Values outside a parameter's domain

/** Text that is not a positive whole number within the safe integer range. */
const notAPositiveId = fc.oneof(
	fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '+5', '9007199254740993', '١٢', '12 34'),
	freeText('json', { short: true }).filter((t) => !/^\d+$/.test(t.trim()) || Number(t.trim()) < 1),
);

const notE164 = fc.oneof(
	fc.constantFrom(
		'0301234567',
		'+0123',
		'+1',
		'1',
		'+1234567890123456',
		'1234567890123456',
		'+49 30 123',
		'+49-30',
		'00493012',
		'++4930',
	),
	freeText('json', { nonBlank: true, short: true }).filter(
		(t) => !/^\+?[1-9][0-9]{1,14}$/.test(t.trim()),
	),
);

interface Refusal {
	operation: string;
	name: string;
	/** Raw values with one parameter taken out of its domain. */
	bad: fc.Arbitrary<(raw: IDataObject) => IDataObject>;
	message: string | RegExp;
}

const patchExtra = (raw: IDataObject, fields: IDataObject): IDataObject => ({
	...raw,
	additionalFields: { ...((raw.additionalFields ?? {}) as IDataObject), ...fields },
});

const top = (param: string, bad: fc.Arbitrary<unknown>) =>
	bad.map(
		(value) =>
			(raw: IDataObject): IDataObject => ({ ...raw, [param]: value as IDataObject[string] }),
	);
const extra = (field: string, bad: fc.Arbitrary<unknown>) =>
	bad.map(
		(value) =>
			(raw: IDataObject): IDataObject =>
				patchExtra(raw, { [field]: value as IDataObject[string] }),
	);

const REFUSALS: Refusal[] = [
	...[
		['acdEvent.get', 'acdEventsId', 'ACD Event ID'],
		['acdGroup.get', 'acdGroupsId', 'ACD Group ID'],
		['diallerCampaign.get', 'diallerCampaignsId', 'Campaign ID'],
		['diallerCampaign.getResultCodes', 'diallerCampaignsId', 'Campaign ID'],
		['diallerCampaign.delete', 'diallerCampaignsId', 'Campaign ID'],
		['diallerContact.get', 'diallerContactsId', 'Contact ID'],
		['diallerContact.delete', 'diallerContactsId', 'Contact ID'],
		['user.get', 'usersId', 'User ID'],
		['cockpitVariable.get', 'cockpitVariablesId', 'Cockpit Variable ID'],
		['cockpitVariable.setValue', 'cockpitVariablesId', 'Cockpit Variable ID'],
	].map(([operation, param, name]) => ({
		operation,
		name: `${param} not a positive whole number`,
		bad: top(param, notAPositiveId),
		message: name,
	})),
	{
		operation: 'diallerContact.getAll',
		name: 'diallerCampaignsId not a positive whole number',
		bad: top(
			'diallerCampaignsId',
			notAPositiveId.filter((t) => !isBlank(t)),
		),
		message: 'Campaign ID must be a positive whole number',
	},
	{
		operation: 'acdEvent.create',
		name: 'a group ID not a positive whole number',
		bad: fc
			.tuple(
				fc.constantFrom('acdGroupsId', 'acdConfigurationGroupsId', 'acdAgentGroupsId'),
				notAPositiveId,
			)
			.map(([param, value]) => (raw: IDataObject) => ({
				...raw,
				groupTarget: param === 'acdGroupsId' ? 'acdGroup' : 'configurationGroup',
				acdGroupsId: '1',
				acdConfigurationGroupsId: '2',
				acdAgentGroupsId: '3',
				[param]: value,
			})),
		message: /Group ID/,
	},
	{
		operation: 'acdEvent.create',
		name: 'an event type not a positive whole number',
		bad: top('acdEventTypesId', fc.oneof(fc.integer({ max: 0 }), notAPositiveId)),
		message: 'Event Type must be a positive whole number',
	},
	{
		operation: 'acdEvent.create',
		name: 'a sender or receiver not in E.164 for voice mail and callback events',
		bad: fc.tuple(fc.constantFrom(1, 3), fc.boolean(), notE164).map(
			([type, sender, value]) =>
				(raw: IDataObject) =>
					sender
						? { ...raw, acdEventTypesId: type, sender: value }
						: patchExtra(
								{ ...raw, acdEventTypesId: type, sender: '+4930123456' },
								{ receiver: value },
							),
		),
		message: /(Sender|Receiver) must be a telephone number in E.164 format/,
	},
	{
		operation: 'acdEvent.create',
		name: 'a body on an event that is not a callback',
		bad: fc
			.tuple(
				eventType.filter((t) => t !== CALLBACK && !TELEPHONE_TYPES.has(t)),
				required,
			)
			.map(
				([type, body]) =>
					(raw: IDataObject) =>
						patchExtra({ ...raw, acdEventTypesId: type }, { body }),
			),
		message: 'Body is supported for Callback events',
	},
	{
		operation: 'acdEvent.create',
		name: 'a CRM URL that is not a URL',
		bad: extra(
			'crmUrl',
			fc
				.oneof(
					fc.constantFrom('crm.example.com/x', 'http//x', '://x', 'http://', 'https:///path'),
					freeText('json', { nonBlank: true, short: true }),
				)
				.filter((t) => {
					try {
						const parsed = new URL(t.trim());
						return (
							(parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
							parsed.hostname === ''
						);
					} catch {
						return true;
					}
				}),
		),
		message: 'CRM URL must be a well-formed URL',
	},
	{
		operation: 'acdEvent.create',
		name: 'an appointment date that is not a calendar date',
		bad: extra(
			'dtAppointmentDate',
			fc.constantFrom(
				'2025-02-29',
				'2024-13-01',
				'2024-00-10',
				'2024-04-31',
				'20240230',
				'2024-1-1',
				'31.12.2024',
				'tomorrow',
				'2024/01/01',
			),
		),
		message: 'Appointment Date',
	},
	{
		operation: 'acdEvent.create',
		name: 'an appointment time that is not a time of day',
		bad: extra(
			'dtAppointmentTime',
			fc.constantFrom('24:00', '12:60', '1260', '9:30', '12:3', 'noon', '12:30:00', '-1:00'),
		),
		message: 'Appointment Time',
	},
	{
		operation: 'acdEvent.create',
		name: 'a priority outside 0 to 200',
		bad: extra(
			'nPriority',
			fc.oneof(
				fc.integer({ max: -1 }),
				fc.integer({ min: 201 }),
				fc.double({ min: 0, max: 200, noNaN: true }).filter((n) => !Number.isInteger(n)),
			),
		),
		message: 'Priority must be a whole number from 0 to 200',
	},
	...[
		['acdEvent.create', 'sender', 'Sender is required'],
		['acdEvent.create', 'subject', 'Subject is required'],
		['acdGroup.getByName', 'name', 'Name is required'],
		['diallerCampaign.getByName', 'name', 'Name is required'],
		['diallerCampaign.deleteByName', 'name', 'Name is required'],
		['diallerCampaign.clone', 'source', 'Source Campaign Name is required'],
		['diallerCampaign.clone', 'destination', 'Destination Campaign Name is required'],
		['diallerContact.import', 'name', 'Name is required'],
		['diallerContact.deleteByUserData', 'userData', 'User Data is required'],
		['diallerContact.getByUserData', 'userData', 'User Data is required'],
		['call.answer', 'ufn', 'Call UFN is required'],
		['call.hangup', 'ufn', 'Call UFN is required'],
		['call.hangupLeg2', 'ufn', 'Call UFN is required'],
		['call.hold', 'ufn', 'Call UFN is required'],
	].map(([operation, param, message]) => ({
		operation,
		name: `${param} blank`,
		bad: top(param, blankText),
		message,
	})),
	...['call.answer', 'call.hangup', 'call.hangupLeg2', 'call.hold'].map((operation) => ({
		operation,
		name: 'a UFN of dots only (a path segment a URL parser would resolve)',
		bad: top(
			'ufn',
			fc.tuple(fc.constantFrom('.', '..', '...'), pad).map(([dots, p]) => `${p}${dots}${p}`),
		),
		message: 'Call UFN must be the UFN of a call',
	})),
	{
		operation: 'cockpitVariable.setValue',
		name: 'a value that is not a whole number',
		bad: top(
			'value',
			fc.oneof(
				fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
				fc.constantFrom('abc', '1.5', '1e3', '', ' ', '0x10', '9007199254740993'),
			),
		),
		message: 'Value must be a whole number',
	},
	{
		operation: 'diallerContact.import',
		name: 'no phone number',
		bad: fc
			.dictionary(fc.constantFrom(...PHONE_NUMBER_FIELDS), blankText)
			.map((phones) => (raw: IDataObject) => ({ ...raw, phoneNumbers: phones })),
		message: 'At least one phone number',
	},
	{
		operation: 'diallerContact.import',
		name: 'a number field that is not a number',
		bad: fc
			.tuple(
				fc.constantFrom('RandomSortOrder', 'Amount'),
				fc.constantFrom('abc', '1,5', 'NaN', '1e', '--1'),
			)
			.map(
				([field, value]) =>
					(raw: IDataObject) =>
						patchExtra(raw, { [field]: value }),
			),
		message: /(Random Sort Order|Amount) must be a number/,
	},
	{
		operation: 'diallerContact.getBatch',
		name: 'neither User Data values nor Contact IDs',
		bad: fc
			.tuple(fc.constantFrom('', ',', ' , \n', '\n\n'), fc.constantFrom('', ',', ' ,'))
			.map(([userDataList, idList]) => (raw: IDataObject) => ({ ...raw, userDataList, idList })),
		message: 'Give at least one User Data value or one Contact ID',
	},
	{
		operation: 'diallerContact.getBatch',
		name: 'a Contact ID that is not a positive whole number',
		bad: notAPositiveId
			.map((t) => t.replace(/[,\n]/g, ' '))
			.filter((t) => !isBlank(t))
			.map((value) => (raw: IDataObject) => ({ ...raw, idList: `1,${value}` })),
		message: 'Contact IDs must be a positive whole number',
	},
];

describe('a value outside its domain is refused before anything is sent', () => {
	it.each(REFUSALS.map((r) => [r.operation, r.name, r] as const))(
		'%s: %s',
		(operation, _name, refusal) => {
			const op = find(operation);
			check(
				fc.property(domainValues(op), refusal.bad, (raw, patch) => {
					const values = asNodeParameters(node, patch(raw));
					expectRefused(() => op.request(readerOver(values)), refusal.message);
				}),
			);
		},
	);
});
