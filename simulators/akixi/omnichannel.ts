import type { AkixiPayload } from '../../nodes/shared/transport/akixiXml';
import { WsFailure } from './errors';
import type { AkixiState, OmnichannelEntry, Partition } from './state';

/**
 * Omnichannel Integration entries: the property table, validation and the five operations
 * (Add, Change, Delete, Info, List) working on the simulator state.
 */

export const API_COMMS = 'APICommunicationSettings';
export const ADVANCED = 'Advanced';
export type ContainerName = typeof API_COMMS | typeof ADVANCED;

type ValueKind = 'text' | 'boolean' | 'port' | 'ssl' | 'integrationType' | 'scope';

interface PropertySpec {
	container?: ContainerName;
	kind: ValueKind;
	/** Accepted by Add and Change but never returned by Info or List. */
	writeOnly?: boolean;
	/** Set by Add only. */
	readOnlyAfterCreate?: boolean;
}

/** Every Omnichannel Integration property, in the order Info returns them. */
export const OMNICHANNEL_PROPERTIES: ReadonlyMap<string, PropertySpec> = new Map<
	string,
	PropertySpec
>([
	['UniqueID', { kind: 'text', readOnlyAfterCreate: true }],
	['PartitionGUID', { kind: 'scope' }],
	['TelSysID', { kind: 'scope' }],
	['PartIDInTelSys', { kind: 'scope' }],
	['IntegrationType', { kind: 'integrationType', readOnlyAfterCreate: true }],
	['Description', { kind: 'text' }],
	['IPAddress1', { container: API_COMMS, kind: 'text' }],
	['TCPPort1', { container: API_COMMS, kind: 'port' }],
	['UseSSLTLS1', { container: API_COMMS, kind: 'ssl' }],
	['IPAddress2', { container: API_COMMS, kind: 'text' }],
	['TCPPort2', { container: API_COMMS, kind: 'port' }],
	['UseSSLTLS2', { container: API_COMMS, kind: 'ssl' }],
	['AuthUserID1', { container: API_COMMS, kind: 'text' }],
	['AuthUserID2', { container: API_COMMS, kind: 'text' }],
	['AuthPassword1', { container: API_COMMS, kind: 'text', writeOnly: true }],
	['AuthPassword2', { container: API_COMMS, kind: 'text', writeOnly: true }],
	['CommsEnabled', { container: API_COMMS, kind: 'boolean' }],
	['APICommsLoggingEnabled', { container: ADVANCED, kind: 'boolean' }],
	['APICommsLoggingIncClassNames', { container: ADVANCED, kind: 'boolean' }],
	['InternalDiagDumpEnabled', { container: ADVANCED, kind: 'boolean' }],
]);

const CONTAINERS: readonly ContainerName[] = [API_COMMS, ADVANCED];

/** Accepted values of each kind, with the wording used in 12004 messages. */
const VALUE_CHECKS: Record<
	Exclude<ValueKind, 'scope'>,
	{ test: (value: string) => boolean; expected: string }
> = {
	text: { test: () => true, expected: 'text' },
	boolean: { test: (v) => v === 'True' || v === 'False', expected: 'True or False' },
	port: {
		test: (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535,
		expected: 'an integer from 1 to 65535',
	},
	ssl: { test: (v) => ['[Auto]', 'True', 'False'].includes(v), expected: '[Auto], True or False' },
	integrationType: {
		test: (v) => ['POP3 SMTP', 'LiveChat'].includes(v),
		expected: 'POP3 SMTP or LiveChat',
	},
};

/** Properties Info and List always name (List: the minimal entry). */
const LIST_ALWAYS = ['UniqueID', 'IntegrationType', 'Description'];

const own = (payload: AkixiPayload, name: string): string | AkixiPayload | undefined =>
	Object.prototype.hasOwnProperty.call(payload, name) ? payload[name] : undefined;

/** A top-level string property of a payload ('' counts as absent). */
export function stringProperty(payload: AkixiPayload, name: string): string | undefined {
	const value = own(payload, name);
	if (value === undefined) return undefined;
	if (typeof value !== 'string')
		throw new WsFailure(12004, `${name} must be a Property, not a Container`);
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Scope (Telephony Server / Partition)

function numeric(value: string | undefined): number | undefined {
	return value !== undefined && /^-?\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function resolveTelSys(state: AkixiState, payload: AkixiPayload): number {
	const raw = stringProperty(payload, 'TelSysID');
	const telSysId = numeric(raw);
	if (telSysId === undefined) {
		throw new WsFailure(
			11010,
			raw === undefined ? 'TelSysID (or PartitionGUID) is required' : `'${raw}'`,
		);
	}
	if (!state.telephonyServers.has(telSysId)) throw new WsFailure(11013, `TelSysID ${telSysId}`);
	return telSysId;
}

function resolvePartID(state: AkixiState, telSysId: number, raw: string | undefined): Partition {
	const partId = numeric(raw);
	if (partId === undefined) {
		throw new WsFailure(
			11110,
			raw === undefined ? 'PartIDInTelSys (or PartitionGUID) is required' : `'${raw}'`,
		);
	}
	const partition = state.partition(telSysId, partId);
	if (!partition) throw new WsFailure(11131, `PartIDInTelSys ${partId} in TelSysID ${telSysId}`);
	return partition;
}

function resolveGuid(state: AkixiState, guid: string): Partition {
	const partition = state.partitionByGuid(guid);
	if (!partition) throw new WsFailure(11131, `PartitionGUID ${guid}`);
	return partition;
}

/** The Partition a payload names: PartitionGUID wins over TelSysID + PartIDInTelSys. */
export function resolvePartition(state: AkixiState, payload: AkixiPayload): Partition {
	const guid = stringProperty(payload, 'PartitionGUID');
	if (guid !== undefined) return resolveGuid(state, guid);
	const telSysId = resolveTelSys(state, payload);
	return resolvePartID(state, telSysId, stringProperty(payload, 'PartIDInTelSys'));
}

/** List scope: a Partition, or every Partition of a Telephony Server when PartIDInTelSys is absent. */
function resolveListScope(
	state: AkixiState,
	payload: AkixiPayload,
): (entry: OmnichannelEntry) => boolean {
	const guid = stringProperty(payload, 'PartitionGUID');
	const partIdRaw = stringProperty(payload, 'PartIDInTelSys');
	if (guid === undefined && partIdRaw === undefined) {
		const telSysId = resolveTelSys(state, payload);
		return (entry) => entry.telSysId === telSysId;
	}
	const partition = resolvePartition(state, payload);
	return (entry) => entry.telSysId === partition.telSysId && entry.partId === partition.partId;
}

// ---------------------------------------------------------------------------------------------
// Property validation

/** The value to store (typed values trimmed), or 12004 naming the property. */
function checkValue(name: string, spec: PropertySpec, raw: string): string {
	if (spec.kind === 'scope' || spec.kind === 'text') return raw;
	const check = VALUE_CHECKS[spec.kind];
	const value = raw.trim();
	if (!check.test(value)) {
		throw new WsFailure(12004, `invalid value '${raw}' for ${name} (expected ${check.expected})`);
	}
	return value;
}

function misplaced(name: string, where: string): WsFailure {
	const spec = OMNICHANNEL_PROPERTIES.get(name);
	if (!spec) return new WsFailure(12004, `unknown property ${name}${where}`);
	const home = spec.container
		? `the ${spec.container} container`
		: 'the top level of OperationPayload';
	return new WsFailure(12004, `${name} belongs in ${home}, not${where || ' at the top level'}`);
}

function readContainer(name: string, value: AkixiPayload, into: Map<string, string>): void {
	for (const [property, inner] of Object.entries(value)) {
		if (typeof inner !== 'string')
			throw new WsFailure(12004, `unexpected Container ${property} inside ${name}`);
		const spec = OMNICHANNEL_PROPERTIES.get(property);
		if (!spec || spec.container !== name) throw misplaced(property, ` in the ${name} container`);
		into.set(property, checkValue(property, spec, inner));
	}
}

/** Every non-scope property a payload sets, checked against the property table. */
export function readProperties(payload: AkixiPayload): Map<string, string> {
	const values = new Map<string, string>();
	for (const [name, value] of Object.entries(payload)) {
		if (typeof value !== 'string') {
			if (!(CONTAINERS as readonly string[]).includes(name))
				throw new WsFailure(12004, `unknown container ${name}`);
			readContainer(name, value, values);
			continue;
		}
		const spec = OMNICHANNEL_PROPERTIES.get(name);
		if (!spec || spec.container) {
			if ((CONTAINERS as readonly string[]).includes(name))
				throw new WsFailure(12004, `${name} must be a Container`);
			throw misplaced(name, '');
		}
		if (spec.kind !== 'scope') values.set(name, checkValue(name, spec, value));
	}
	return values;
}

// ---------------------------------------------------------------------------------------------
// Operations

function findEntry(state: AkixiState, payload: AkixiPayload): OmnichannelEntry {
	const id = stringProperty(payload, 'UniqueID');
	if (id === undefined) throw new WsFailure(12001);
	const entry = state.omnichannel.get(id);
	if (!entry) throw new WsFailure(12002, id);
	return entry;
}

export function addEntry(state: AkixiState, payload: AkixiPayload): OmnichannelEntry {
	const partition = resolvePartition(state, payload);
	const values = readProperties(payload);
	const type = values.get('IntegrationType');
	if (type === undefined)
		throw new WsFailure(12004, 'IntegrationType is required (POP3 SMTP or LiveChat)');
	const requested = stringProperty(payload, 'UniqueID');
	if (requested !== undefined && state.omnichannel.has(requested))
		throw new WsFailure(12000, requested);
	const uniqueId = requested ?? state.uids.next();
	values.set('UniqueID', uniqueId);
	if (!values.has('Description')) values.set('Description', '');
	const entry: OmnichannelEntry = {
		seq: state.nextSeq(),
		telSysId: partition.telSysId,
		partId: partition.partId,
		values,
	};
	state.omnichannel.set(uniqueId, entry);
	return entry;
}

function hasScope(payload: AkixiPayload): boolean {
	return ['PartitionGUID', 'TelSysID', 'PartIDInTelSys'].some(
		(name) => own(payload, name) !== undefined,
	);
}

export function changeEntry(state: AkixiState, payload: AkixiPayload): OmnichannelEntry {
	const entry = findEntry(state, payload);
	if (own(payload, 'IntegrationType') !== undefined) {
		throw new WsFailure(12004, 'IntegrationType is read-only after creation');
	}
	const partition = hasScope(payload) ? resolvePartition(state, payload) : undefined;
	const values = readProperties(payload);
	values.delete('UniqueID');
	for (const [name, value] of values) entry.values.set(name, value);
	if (partition) {
		entry.telSysId = partition.telSysId;
		entry.partId = partition.partId;
	}
	return entry;
}

export function deleteEntry(state: AkixiState, payload: AkixiPayload): void {
	const entry = findEntry(state, payload);
	if (entry.values.get('CommsEnabled') === 'True') {
		throw new WsFailure(
			12003,
			`set CommsEnabled to False first (UniqueID ${entry.values.get('UniqueID')})`,
		);
	}
	state.omnichannel.delete(entry.values.get('UniqueID') ?? '');
}

/** Value of a property of an entry as Info and List show it (scope properties from the Partition). */
function readValue(state: AkixiState, entry: OmnichannelEntry, name: string): string | undefined {
	switch (name) {
		case 'PartitionGUID':
			return state.partition(entry.telSysId, entry.partId)?.guid;
		case 'TelSysID':
			return String(entry.telSysId);
		case 'PartIDInTelSys':
			return String(entry.partId);
		default:
			return entry.values.get(name);
	}
}

/** Put named properties of an entry into a payload, each at the top level or inside its container. */
function fillPayload(
	state: AkixiState,
	entry: OmnichannelEntry,
	names: Iterable<string>,
	payload: AkixiPayload,
): AkixiPayload {
	for (const name of names) {
		const spec = OMNICHANNEL_PROPERTIES.get(name);
		const value = readValue(state, entry, name);
		if (!spec || spec.writeOnly || value === undefined) continue;
		if (!spec.container) {
			payload[name] = value;
			continue;
		}
		const container = (payload[spec.container] ??= {});
		if (typeof container !== 'string') container[name] = value;
	}
	return payload;
}

/** Every readable property of an entry, both containers always present (the Info reply payload). */
export function infoPayload(state: AkixiState, payload: AkixiPayload): AkixiPayload {
	const entry = findEntry(state, payload);
	const base: AkixiPayload = {};
	const filled = fillPayload(state, entry, OMNICHANNEL_PROPERTIES.keys(), base);
	for (const container of CONTAINERS) filled[container] ??= {};
	return filled;
}

function listFields(payload: AkixiPayload): string[] {
	const raw =
		stringProperty(payload, 'OmniChannelIntFields') ??
		stringProperty(payload, 'OmnichannelIntFields');
	if (raw === undefined) return [];
	const names = raw
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	for (const name of names) {
		if (!OMNICHANNEL_PROPERTIES.has(name))
			throw new WsFailure(12004, `unknown field ${name} in OmniChannelIntFields`);
	}
	return names;
}

function paging(value: string | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	if (!/^\d{1,15}$/.test(value))
		throw new WsFailure(12004, `${name} must be a non-negative integer, not '${value}'`);
	return Number(value);
}

export interface ListRequest {
	payload: AkixiPayload;
	offset?: string;
	limit?: string;
}

/** Entries of a scope, in creation order, each as the List reply's unnamed Container. */
export function listEntries(state: AkixiState, request: ListRequest): AkixiPayload[] {
	const inScope = resolveListScope(state, request.payload);
	const fields = listFields(request.payload);
	const offset = paging(request.offset, 'Offset', 0);
	const limit = paging(request.limit, 'Limit', 1000);
	return [...state.omnichannel.values()]
		.filter(inScope)
		.sort((a, b) => a.seq - b.seq)
		.slice(offset, offset + limit)
		.map((entry) => fillPayload(state, entry, [...LIST_ALWAYS, ...fields], {}));
}
