import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { AcdDiallerClient } from '../../nodes/AcdDialler/client';
import { PHONE_NUMBER_FIELDS } from '../../nodes/AcdDialler/constants';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { checkAsync } from './check';
import { asNodeParameters, offeredOperations, readerOver } from './params';
import { isBlank } from './text';
import { queryEntries, readTarget, startCaptureServer, type CaptureServer } from './wire';
import { node, OPERATIONS, label, domainValues } from './acdDiallerCases';

/**
 * Every jtel ACD / Dialler operation: random parameter values — from each parameter's own
 * domain where the node checks one (IDs, E.164 numbers, dates, times, URLs, priorities) — go
 * through the declaration's request() and the real AcdDiallerClient onto the wire; the path
 * segments, query parameters and JSON body that arrive must hold exactly those values.
 */

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
