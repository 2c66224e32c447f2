import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { remoteError } from '../../shared/errors';
import {
	invalidInput,
	limitProperty,
	type ParamReader,
	resourceOperations,
} from '../../shared/operations';
import type { RestResult } from '../../shared/transport/rest';
import type { AkixiResponse } from '../client';
import { integratorClientPath } from '../constants';
import { declareAkixi } from './declare';

/**
 * Integrator Clients over the REST API (CCS/API/v1): Add (POST), Change (PUT), Delete, List, Info,
 * scoped to a device at /admin/telsys/{telSysID}/partition/{partitionIDInTelSys}/device/{deviceNumber}.
 */

export const RESOURCE = 'integratorClient';

const deviceScopeFields: INodeProperties[] = [
	{
		displayName: 'Telephony Server ID',
		name: 'telSysId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '426',
		description: 'TelSysID of the linked device',
	},
	{
		displayName: 'Partition ID in Telephony Server',
		name: 'partitionIdInTelSys',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		description: 'Partition ID of the linked device',
	},
	{
		displayName: 'Device Number',
		name: 'deviceNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+442046034980',
		description: 'Number of the device, e.g. +442046034980',
	},
];

const listScopeFields: INodeProperties[] = [
	{
		displayName: 'Telephony Server ID',
		name: 'telSysId',
		type: 'string',
		required: true,
		default: '-1',
		description: 'TelSysID of the linked devices; -1 lists every Telephony Server',
	},
	{
		displayName: 'Partition ID in Telephony Server',
		name: 'partitionIdInTelSys',
		type: 'string',
		required: true,
		default: '-1',
		description: 'Partition ID of the linked devices; -1 lists every partition',
	},
	{
		displayName: 'Device Number',
		name: 'deviceNumber',
		type: 'string',
		required: true,
		default: 'UnknownNoneOrAll',
		description: 'Number of the device; UnknownNoneOrAll lists every device',
	},
];

const idField: INodeProperties = {
	displayName: 'Integrator Client ID',
	name: 'integratorClientId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
	description: 'GUID of the Integrator Client',
};

const configBlocksField: INodeProperties = {
	displayName: 'Integrator Client Fields',
	name: 'integratorClientFields',
	type: 'multiOptions',
	default: ['Policies', 'Settings'],
	description: 'Blocks of the configuration the request sets',
	options: [
		{ name: 'Policies', value: 'Policies' },
		{ name: 'Settings', value: 'Settings' },
	],
};

const infoFieldsField: INodeProperties = {
	displayName: 'Integrator Client Fields',
	name: 'integratorClientFields',
	type: 'multiOptions',
	default: [],
	description: 'Additional fields to return',
	options: [
		'DeviceDescription',
		'PartitionDescription',
		'Policies',
		'Settings',
		'TelSysDescription',
	].map((v) => ({ name: v, value: v })),
};

const listFieldsField: INodeProperties = {
	displayName: 'Integrator Client Fields',
	name: 'integratorClientFields',
	type: 'multiOptions',
	default: [],
	description: 'Additional fields to return for each client',
	options: ['DeviceDescription', 'PartitionDescription', 'TelSysDescription'].map((v) => ({
		name: v,
		value: v,
	})),
};

const configFields: INodeProperties[] = [
	{
		displayName: 'CM Environment ID',
		name: 'cmEnvironmentId',
		type: 'string',
		default: '',
		placeholder: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
		description: 'ID of the Central Management Environment',
	},
	{
		displayName: 'Policies (JSON)',
		name: 'policies',
		type: 'json',
		default: '{}',
		description: 'Policies of the client, e.g. {"core::showUseConfigurationWindow": true}',
	},
	{
		displayName: 'Settings (JSON)',
		name: 'settings',
		type: 'json',
		default: '{}',
		description: 'Settings of the client, e.g. {"interface::showCallNotificationPreview": true}',
	},
];

/**
 * A path parameter, trimmed. Blank values and the dot segments `.` and `..` are refused: URL
 * parsers remove dot segments, so the request would go to another resource.
 */
function pathParam(params: ParamReader, name: string, label: string): string {
	const value = String(params.get<string | number>(name)).trim();
	if (value === '') throw invalidInput(`${label} is required`);
	if (value === '.' || value === '..')
		throw invalidInput(`${label} cannot be "${value}": it would change the request path`);
	return value;
}

function scope(params: ParamReader): [string, string, string] {
	return [
		pathParam(params, 'telSysId', 'Telephony Server ID'),
		pathParam(params, 'partitionIdInTelSys', 'Partition ID in Telephony Server'),
		pathParam(params, 'deviceNumber', 'Device Number'),
	];
}

function clientId(params: ParamReader): string {
	return pathParam(params, 'integratorClientId', 'Integrator Client ID');
}

function fieldsQuery(params: ParamReader): Record<string, string> {
	const fields = params.get<string[]>('integratorClientFields', []);
	return fields.length ? { IntegratorClientFields: `[${fields.join(',')}]` } : {};
}

/** A JSON parameter as an object: n8n gives either parsed JSON or its text. */
function jsonObject(raw: unknown, label: string): IDataObject | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw invalidInput(`${label} is not valid JSON`);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw invalidInput(`${label} must be a JSON object`);
	}
	return Object.keys(value).length ? (value as IDataObject) : undefined;
}

/** The request body of Add and Change, with only the fields that are set. */
function configBody(values: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (values.description !== undefined && values.description !== '')
		body.Description = values.description;
	if (values.cmEnvironmentId !== undefined && values.cmEnvironmentId !== '')
		body.CMEnvironmentID = values.cmEnvironmentId;
	const policies = jsonObject(values.policies, 'Policies');
	if (policies) body.Policies = policies;
	const settings = jsonObject(values.settings, 'Settings');
	if (settings) body.Settings = settings;
	return body;
}

function rest(response: AkixiResponse): RestResult {
	return response as RestResult;
}

/** The `Data` object of an answer; an answer without one is refused. */
function data(response: AkixiResponse, what: string): IDataObject {
	const { data: body, status } = rest(response);
	const inner =
		body && typeof body === 'object' && !Array.isArray(body)
			? (body as IDataObject).Data
			: undefined;
	if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as IDataObject;
	throw remoteError(
		body === undefined
			? `Akixi sent an empty answer where ${what} was expected`
			: `Akixi answered without the Data of ${what}`,
		{
			kind: 'response',
			system: 'Akixi',
			httpStatus: status,
			hint: 'The answer is not from the Akixi REST API. Check the Base URL.',
		},
	);
}

export const operations = resourceOperations(RESOURCE, declareAkixi, [
	{
		value: 'add',
		name: 'Add',
		action: 'Add an integrator client',
		description: 'Add a new Integrator Client for a device (POST)',
		properties: [
			...deviceScopeFields,
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				required: true,
				default: '',
				description: 'Description of the Integrator Client',
			},
			...configFields,
			configBlocksField,
		],
		request(params) {
			const body = configBody({
				description: params.get<string>('description'),
				cmEnvironmentId: params.get<string>('cmEnvironmentId', ''),
				policies: params.get<unknown>('policies', undefined) as IDataObject,
				settings: params.get<unknown>('settings', undefined) as IDataObject,
			});
			return {
				api: 'rest',
				method: 'POST',
				path: `${integratorClientPath(...scope(params))}/`,
				query: fieldsQuery(params),
				body,
			};
		},
		read: (response) => ({ success: true, ...((rest(response).data as IDataObject) ?? {}) }),
	},
	{
		value: 'change',
		name: 'Change',
		action: 'Change an integrator client',
		description: 'Change an existing Integrator Client (PUT)',
		properties: [
			...deviceScopeFields,
			idField,
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					...configFields,
				],
			},
			configBlocksField,
		],
		request(params) {
			const body = configBody(params.collection('updateFields'));
			return {
				api: 'rest',
				method: 'PUT',
				path: integratorClientPath(...scope(params), clientId(params)),
				query: fieldsQuery(params),
				body,
			};
		},
		read: (_response, params) => ({ success: true, ID: clientId(params) }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an integrator client',
		description: 'Delete an Integrator Client',
		properties: [...deviceScopeFields, idField],
		request: (params) => ({
			api: 'rest',
			method: 'DELETE',
			path: integratorClientPath(...scope(params), clientId(params)),
		}),
		read: (_response, params) => ({ success: true, ID: clientId(params) }),
	},
	{
		value: 'info',
		name: 'Info',
		action: 'Get an integrator client',
		description: 'Get the configuration of an Integrator Client',
		properties: [...deviceScopeFields, idField, infoFieldsField],
		request: (params) => ({
			api: 'rest',
			method: 'GET',
			path: integratorClientPath(...scope(params), clientId(params)),
			query: fieldsQuery(params),
		}),
		read: (response) => data(response, 'an Integrator Client'),
	},
	{
		value: 'list',
		name: 'List',
		action: 'List integrator clients',
		description: 'List the Integrator Clients of a scope (-1 / -1 / UnknownNoneOrAll for all)',
		properties: [
			...listScopeFields,
			listFieldsField,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
					{ name: 'Server Default', value: '' },
				],
				default: '',
				description: 'Sort order of the record set',
			},
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Starting position of the record set',
			},
			limitProperty,
		],
		request(params) {
			const sort = params.get<string>('sort', '');
			return {
				api: 'rest',
				method: 'GET',
				path: integratorClientPath(...scope(params)),
				query: {
					limit: params.get<boolean>('returnAll', false) ? 100 : params.get<number>('limit', 25),
					offset: params.get<number>('offset', 0),
					...(sort ? { sort } : {}),
					...fieldsQuery(params),
				},
			};
		},
		read(response) {
			const items = data(response, 'a list of Integrator Clients').Items;
			return Array.isArray(items) ? (items as IDataObject[]) : [];
		},
		paging: {
			page: (request, offset, limit) =>
				request.api === 'rest'
					? { ...request, query: { ...request.query, offset, limit } }
					: request,
			pageSize: () => 100,
			startOffset: (params) => params.get<number>('offset', 0),
			total: (response) => {
				const total = data(response, 'a list of Integrator Clients').Total;
				return typeof total === 'number'
					? total
					: typeof total === 'string'
						? Number(total)
						: undefined;
			},
		},
	},
]);
