import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { AkixiMessage, AkixiPayload } from '../../shared/transport/akixiXml';
import { setOwn } from '../../shared/xml';
import { limitProperty, type ParamReader, resourceOperations } from '../../shared/operations';
import type { AkixiRequest, AkixiResponse } from '../client';
import { declareAkixi } from './declare';

/**
 * Omnichannel Integration entries over the XML Web Services API: OmnichannelIntAdd, Change,
 * Delete, Info and List. Every property of the entry is declared once in {@link PROPERTIES};
 * the UI fields, the request payload and the typed output are all derived from that table.
 */

export const RESOURCE = 'omnichannelIntegration';

type Container = 'APICommunicationSettings' | 'Advanced';
type Kind = 'string' | 'number' | 'boolean' | 'ssl' | 'password' | 'integrationType';

interface PropertyDef {
	/** Property name on the wire. */
	wire: string;
	/** n8n parameter name. */
	param: string;
	displayName: string;
	kind: Kind;
	container?: Container;
	description: string;
	placeholder?: string;
	/** Not returned by Info / List (write-only). */
	writeOnly?: boolean;
}

/** Every property of an Omnichannel Integration entry, in the documented order. */
export const PROPERTIES: PropertyDef[] = [
	{
		wire: 'UniqueID',
		param: 'uniqueId',
		displayName: 'Unique ID',
		kind: 'string',
		description:
			'Identifier of the entry. Read-only after creation; on Add only give one if the system-wide administrator assigned it.',
		placeholder: '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad',
	},
	{
		wire: 'PartitionGUID',
		param: 'partitionGuid',
		displayName: 'Partition GUID',
		kind: 'string',
		description: 'Partition GUID. When given, Telephony Server ID and Partition ID are ignored.',
		placeholder: 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e08',
	},
	{
		wire: 'TelSysID',
		param: 'telSysId',
		displayName: 'Telephony Server ID',
		kind: 'number',
		description: 'Telephony Server component identifier (TelSysID)',
	},
	{
		wire: 'PartIDInTelSys',
		param: 'partIdInTelSys',
		displayName: 'Partition ID in Telephony Server',
		kind: 'number',
		description: 'Partition identifier within the Telephony Server (PartIDInTelSys)',
	},
	{
		wire: 'IntegrationType',
		param: 'integrationType',
		displayName: 'Integration Type',
		kind: 'integrationType',
		description: 'E-mail (POP3 SMTP) or LiveChat. Read-only after creation.',
	},
	{
		wire: 'Description',
		param: 'description',
		displayName: 'Description',
		kind: 'string',
		description: 'Description of the entry',
	},
	{
		wire: 'IPAddress1',
		param: 'ipAddress1',
		displayName: 'IP Address 1',
		kind: 'string',
		container: 'APICommunicationSettings',
		description: 'Address of the first server (E-mail: incoming, POP3)',
		placeholder: '192.168.10.10',
	},
	{
		wire: 'TCPPort1',
		param: 'tcpPort1',
		displayName: 'TCP Port 1',
		kind: 'number',
		container: 'APICommunicationSettings',
		description: 'TCP port of the first server',
		placeholder: '995',
	},
	{
		wire: 'UseSSLTLS1',
		param: 'useSslTls1',
		displayName: 'Use SSL/TLS 1',
		kind: 'ssl',
		container: 'APICommunicationSettings',
		description: 'Whether the first connection uses SSL/TLS',
	},
	{
		wire: 'IPAddress2',
		param: 'ipAddress2',
		displayName: 'IP Address 2',
		kind: 'string',
		container: 'APICommunicationSettings',
		description: 'Address of the second server (E-mail: outgoing, SMTP)',
		placeholder: '192.168.10.10',
	},
	{
		wire: 'TCPPort2',
		param: 'tcpPort2',
		displayName: 'TCP Port 2',
		kind: 'number',
		container: 'APICommunicationSettings',
		description: 'TCP port of the second server',
		placeholder: '587',
	},
	{
		wire: 'UseSSLTLS2',
		param: 'useSslTls2',
		displayName: 'Use SSL/TLS 2',
		kind: 'ssl',
		container: 'APICommunicationSettings',
		description: 'Whether the second connection uses SSL/TLS',
	},
	{
		wire: 'AuthUserID1',
		param: 'authUserId1',
		displayName: 'Auth User ID 1',
		kind: 'string',
		container: 'APICommunicationSettings',
		description: 'User ID for the first connection',
	},
	{
		wire: 'AuthUserID2',
		param: 'authUserId2',
		displayName: 'Auth User ID 2',
		kind: 'string',
		container: 'APICommunicationSettings',
		description: 'User ID for the second connection',
	},
	{
		wire: 'AuthPassword1',
		param: 'authPassword1',
		displayName: 'Auth Password 1',
		kind: 'password',
		container: 'APICommunicationSettings',
		description: 'Password for the first connection',
		writeOnly: true,
	},
	{
		wire: 'AuthPassword2',
		param: 'authPassword2',
		displayName: 'Auth Password 2',
		kind: 'password',
		container: 'APICommunicationSettings',
		description: 'Password for the second connection',
		writeOnly: true,
	},
	{
		wire: 'CommsEnabled',
		param: 'commsEnabled',
		displayName: 'Comms Enabled',
		kind: 'boolean',
		container: 'APICommunicationSettings',
		description:
			'Whether communication with the channel is enabled. An entry cannot be deleted while this is on.',
	},
	{
		wire: 'APICommsLoggingEnabled',
		param: 'apiCommsLoggingEnabled',
		displayName: 'API Comms Logging Enabled',
		kind: 'boolean',
		container: 'Advanced',
		description: 'Whether API communication is logged',
	},
	{
		wire: 'APICommsLoggingIncClassNames',
		param: 'apiCommsLoggingIncClassNames',
		displayName: 'API Comms Logging Includes Class Names',
		kind: 'boolean',
		container: 'Advanced',
		description: 'Whether the API communication log includes class names',
	},
	{
		wire: 'InternalDiagDumpEnabled',
		param: 'internalDiagDumpEnabled',
		displayName: 'Internal Diagnostic Dump Enabled',
		kind: 'boolean',
		container: 'Advanced',
		description: 'Whether internal diagnostic dumps are enabled',
	},
];

const byWire = new Map(PROPERTIES.map((p) => [p.wire, p]));

const INTEGRATION_TYPES = [
	{ name: 'E-Mail (POP3 SMTP)', value: 'POP3 SMTP' },
	{ name: 'LiveChat', value: 'LiveChat' },
];

const SSL_OPTIONS = [
	{ name: 'Auto', value: '[Auto]' },
	{ name: 'True', value: 'True' },
	{ name: 'False', value: 'False' },
];

/** The n8n field for one property (optional ones live in a collection, so no default is sent). */
function field(def: PropertyDef, required = false): INodeProperties {
	const base = {
		displayName: def.displayName,
		name: def.param,
		description: def.description,
		required,
	};
	switch (def.kind) {
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'boolean':
			return {
				...base,
				type: 'boolean',
				default: false,
				description: `Whether ${def.description.replace(/^Whether /, '')}`,
			};
		case 'ssl':
			return { ...base, type: 'options', options: SSL_OPTIONS, default: '[Auto]' };
		case 'integrationType':
			return { ...base, type: 'options', options: INTEGRATION_TYPES, default: 'POP3 SMTP' };
		case 'password':
			return { ...base, type: 'string', typeOptions: { password: true }, default: '' };
		default:
			return { ...base, type: 'string', default: '', placeholder: def.placeholder };
	}
}

function defs(...wires: string[]): PropertyDef[] {
	return wires.map((w) => byWire.get(w)!);
}

function containerDefs(container: Container): PropertyDef[] {
	return PROPERTIES.filter((p) => p.container === container);
}

function collection(name: string, displayName: string, members: PropertyDef[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: members.map((m) => field(m)),
	};
}

const scopeFields: INodeProperties[] = [
	{
		displayName: 'Scope By',
		name: 'scopeBy',
		type: 'options',
		options: [
			{
				name: 'Both',
				value: 'both',
				description: 'Send the Partition GUID and the IDs; Akixi uses the GUID and ignores the IDs',
			},
			{ name: 'Partition GUID', value: 'partitionGuid' },
			{ name: 'Telephony Server and Partition ID', value: 'telSys' },
		],
		default: 'telSys',
		description: 'How the Telephony Server / Partition scope is named',
	},
	{
		...field(byWire.get('PartitionGUID')!, true),
		displayOptions: { show: { scopeBy: ['partitionGuid', 'both'] } },
	},
	{
		...field(byWire.get('TelSysID')!, true),
		displayOptions: { show: { scopeBy: ['telSys', 'both'] } },
	},
	{
		...field(byWire.get('PartIDInTelSys')!, true),
		displayOptions: { show: { scopeBy: ['telSys', 'both'] } },
	},
];

const containerCollections: INodeProperties[] = [
	collection(
		'apiCommunicationSettings',
		'API Communication Settings',
		containerDefs('APICommunicationSettings'),
	),
	collection('advanced', 'Advanced', containerDefs('Advanced')),
];

// ---------------------------------------------------------------------------------------------
// Values: n8n → wire, wire → typed JSON

function wireValue(def: PropertyDef, value: unknown): string {
	if (def.kind === 'boolean')
		return value === true || value === 'True' || value === 'true' ? 'True' : 'False';
	if (def.kind === 'number')
		return String(typeof value === 'number' ? Math.trunc(value) : value).trim();
	return String(value);
}

function typedValue(def: PropertyDef | undefined, value: string): string | number | boolean {
	if (!def) return value;
	if (def.kind === 'boolean') {
		if (/^true$/i.test(value)) return true;
		if (/^false$/i.test(value)) return false;
		return value;
	}
	if (def.kind === 'number' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return value;
}

/** Put one property into the payload, in its container when it has one. */
function put(payload: AkixiPayload, def: PropertyDef, value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	const text = wireValue(def, value);
	if (def.container) {
		const container = (payload[def.container] ??= {}) as AkixiPayload;
		container[def.wire] = text;
	} else {
		payload[def.wire] = text;
	}
}

/** Properties in documented order, so the XML reads like the documentation's samples. */
function ordered(payload: AkixiPayload): AkixiPayload {
	const out: AkixiPayload = {};
	for (const def of PROPERTIES) {
		if (!def.container && payload[def.wire] !== undefined) out[def.wire] = payload[def.wire];
	}
	for (const [key, value] of Object.entries(payload)) {
		if (!(key in out) && typeof value === 'string') out[key] = value;
	}
	for (const container of ['APICommunicationSettings', 'Advanced'] as const) {
		const inner = payload[container];
		if (inner && typeof inner === 'object') {
			const sorted: AkixiPayload = {};
			for (const def of containerDefs(container)) {
				if (inner[def.wire] !== undefined) sorted[def.wire] = inner[def.wire];
			}
			out[container] = { ...sorted, ...inner };
		}
	}
	return out;
}

function putCollection(payload: AkixiPayload, values: IDataObject, members: PropertyDef[]): void {
	for (const def of members) put(payload, def, values[def.param]);
}

function putScope(payload: AkixiPayload, params: ParamReader): void {
	const scopeBy = params.get<string>('scopeBy', 'telSys');
	if (scopeBy !== 'telSys')
		put(payload, byWire.get('PartitionGUID')!, params.get<string>('partitionGuid'));
	if (scopeBy !== 'partitionGuid') {
		put(payload, byWire.get('TelSysID')!, params.get<number>('telSysId'));
		put(payload, byWire.get('PartIDInTelSys')!, params.get<number>('partIdInTelSys'));
	}
}

/** An entry payload as clean JSON: typed values, containers as nested objects, no secrets. */
export function entryJson(payload: AkixiPayload): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(payload)) {
		if (typeof value === 'string') {
			const def = byWire.get(name);
			if (def?.writeOnly) continue;
			setOwn(out, name, typedValue(def, value));
		} else {
			setOwn(out, name, entryJson(value));
		}
	}
	return out;
}

function uniqueId(params: ParamReader): AkixiPayload {
	return { UniqueID: String(params.get<string>('uniqueId')).trim() };
}

function ws(operation: string, payload: AkixiPayload): AkixiRequest {
	return { api: 'ws', operation, payload: ordered(payload) };
}

function message(response: AkixiResponse): AkixiMessage {
	return response as AkixiMessage;
}

/** Output of Add, Change and Delete: success, the InvokeID, and the Unique ID that was sent (if any). */
function echo(response: AkixiResponse, request: AkixiRequest): IDataObject {
	const sent = request.api === 'ws' ? request.payload?.UniqueID : undefined;
	return {
		success: true,
		invokeId: message(response).invokeId ?? null,
		...(typeof sent === 'string' ? { UniqueID: sent } : {}),
	};
}

const uniqueIdField: INodeProperties = {
	...field(byWire.get('UniqueID')!, true),
	description: 'Unique ID of the Omnichannel Integration entry',
};

const DEFAULT_LIST_FIELDS = new Set(['UniqueID', 'IntegrationType', 'Description']);

export const operations = resourceOperations(RESOURCE, declareAkixi, [
	{
		value: 'add',
		name: 'Add',
		action: 'Add an omnichannel integration',
		description: 'Add a new Omnichannel Integration entry (OmnichannelIntAdd)',
		properties: [
			{ ...field(byWire.get('IntegrationType')!, true) },
			...scopeFields,
			{ ...field(byWire.get('Description')!), description: 'Description of the new entry' },
			collection('additionalFields', 'Additional Fields', defs('UniqueID')),
			...containerCollections,
		],
		request(params) {
			const payload: AkixiPayload = {};
			putCollection(payload, params.collection('additionalFields'), defs('UniqueID'));
			putScope(payload, params);
			put(payload, byWire.get('IntegrationType')!, params.get<string>('integrationType'));
			put(payload, byWire.get('Description')!, params.get<string>('description', ''));
			putCollection(
				payload,
				params.collection('apiCommunicationSettings'),
				containerDefs('APICommunicationSettings'),
			);
			putCollection(payload, params.collection('advanced'), containerDefs('Advanced'));
			return ws('OmnichannelIntAdd', payload);
		},
		read: (response, _params, request) => echo(response, request),
	},
	{
		value: 'change',
		name: 'Change',
		action: 'Change an omnichannel integration',
		description: 'Change an existing Omnichannel Integration entry (OmnichannelIntChange)',
		properties: [
			uniqueIdField,
			collection(
				'updateFields',
				'Update Fields',
				defs('Description', 'PartitionGUID', 'TelSysID', 'PartIDInTelSys'),
			),
			...containerCollections,
		],
		request(params) {
			const payload = uniqueId(params);
			putCollection(
				payload,
				params.collection('updateFields'),
				defs('PartitionGUID', 'TelSysID', 'PartIDInTelSys', 'Description'),
			);
			putCollection(
				payload,
				params.collection('apiCommunicationSettings'),
				containerDefs('APICommunicationSettings'),
			);
			putCollection(payload, params.collection('advanced'), containerDefs('Advanced'));
			return ws('OmnichannelIntChange', payload);
		},
		read: (response, _params, request) => echo(response, request),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an omnichannel integration',
		description:
			'Delete an Omnichannel Integration entry (OmnichannelIntDelete); refused while Comms Enabled is on',
		properties: [uniqueIdField],
		request: (params) => ws('OmnichannelIntDelete', uniqueId(params)),
		read: (response, _params, request) => echo(response, request),
	},
	{
		value: 'info',
		name: 'Info',
		action: 'Get an omnichannel integration',
		description: 'Get every property of an Omnichannel Integration entry (OmnichannelIntInfo)',
		properties: [uniqueIdField],
		request: (params) => ws('OmnichannelIntInfo', uniqueId(params)),
		read(response) {
			const msg = message(response);
			const payload = msg.payload ?? msg.entries?.[0] ?? {};
			return entryJson(payload);
		},
	},
	{
		value: 'list',
		name: 'List',
		action: 'List omnichannel integrations',
		description: 'List the entries of a Telephony Server / Partition scope (OmnichannelIntList)',
		properties: [
			...scopeFields,
			{
				displayName: 'Additional Properties',
				name: 'omniChannelIntFields',
				type: 'multiOptions',
				default: [],
				description:
					'Properties to return besides the Unique ID, Integration Type and Description (OmniChannelIntFields)',
				options: PROPERTIES.filter((p) => !p.writeOnly && !DEFAULT_LIST_FIELDS.has(p.wire)).map(
					(p) => ({
						name: p.wire,
						value: p.wire,
					}),
				),
			},
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How many entries to skip (the first entry is entry 0)',
			},
			limitProperty,
		],
		request(params) {
			const payload: AkixiPayload = {};
			putScope(payload, params);
			const fields = params.get<string[]>('omniChannelIntFields', []);
			if (fields.length) payload.OmniChannelIntFields = fields.join(',');
			return {
				...ws('OmnichannelIntList', payload),
				offset: params.get<number>('offset', 0),
				limit: params.get<boolean>('returnAll', false) ? 1000 : params.get<number>('limit', 1000),
			};
		},
		read: (response) => (message(response).entries ?? []).map(entryJson),
		paging: {
			page: (request, offset, limit) => ({ ...request, offset, limit }),
			pageSize: () => 1000,
			startOffset: (params) => params.get<number>('offset', 0),
		},
	},
]);
