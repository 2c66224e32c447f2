import { isJsonObject, parseJsonBody } from '../shared/httpServer';
import { RestFailure, RestHttpError } from './errors';
import type { AkixiState, IntegratorClient, JsonObject } from './state';

/**
 * Integrator Clients (REST): scope matching, field selection, and the Add, Change, Delete, Info
 * and List operations on the simulator state.
 */

/** Path parameters, URL-decoded. `-1`, `-1` and `UnknownNoneOrAll` mean "all". */
export interface ClientScope {
	telSysId: string;
	partitionId: string;
	deviceNumber: string;
}

export const ALL_TELSYS = '-1';
export const ALL_PARTITIONS = '-1';
export const ALL_DEVICES = 'UnknownNoneOrAll';

/** Who is calling: a session user or the API key. */
export interface Caller {
	user: string;
	readOnly: boolean;
}

const OPTIONAL_FIELDS = [
	'TelSysDescription',
	'PartitionDescription',
	'DeviceDescription',
	'Policies',
	'Settings',
] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/** Keys of a List item and of Info's Data, in the samples' order (optional ones only when asked for). */
const LIST_KEYS = [
	'TelSysID',
	'DeviceDescription',
	'DeviceNumber',
	'Description',
	'TelSysDescription',
	'ID',
	'PartitionID',
	'PartitionDescription',
] as const;
const INFO_KEYS = [
	'TelSysID',
	'DeviceDescription',
	'DeviceNumber',
	'Description',
	'TelSysDescription',
	'CMEnvironmentID',
	'ID',
	'PartitionID',
	'PartitionDescription',
] as const;
type ClientKey = (typeof INFO_KEYS)[number];

function numericSegment(value: string): number | undefined {
	return /^-?\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function scopeMatches(client: IntegratorClient, scope: ClientScope): boolean {
	const telSys =
		scope.telSysId === ALL_TELSYS || numericSegment(scope.telSysId) === client.TelSysID;
	const partition =
		scope.partitionId === ALL_PARTITIONS ||
		numericSegment(scope.partitionId) === client.PartitionID;
	const device = scope.deviceNumber === ALL_DEVICES || scope.deviceNumber === client.DeviceNumber;
	return telSys && partition && device;
}

/** `IntegratorClientFields`: `[Policies,Settings]`, `'[A,B]'`, `A,B` or repeated parameters. */
export function parseFields(values: string[]): Set<OptionalField> {
	const fields = new Set<OptionalField>();
	for (const raw of values.join(',').split(',')) {
		const name = raw.replace(/[[\]'"\s]/g, '');
		if (name === '') continue;
		if (!(OPTIONAL_FIELDS as readonly string[]).includes(name)) {
			throw new RestHttpError(
				400,
				`Unknown IntegratorClientFields value '${name}'; expected some of ${OPTIONAL_FIELDS.join(', ')}`,
			);
		}
		fields.add(name as OptionalField);
	}
	return fields;
}

function present(
	client: IntegratorClient,
	keys: readonly ClientKey[],
	fields: Set<OptionalField>,
	idsAsText: boolean,
): JsonObject {
	const out: JsonObject = {};
	for (const key of keys) {
		if ((OPTIONAL_FIELDS as readonly string[]).includes(key) && !fields.has(key as OptionalField))
			continue;
		const value = client[key];
		out[key] = idsAsText && (key === 'TelSysID' || key === 'PartitionID') ? String(value) : value;
	}
	if (fields.has('Policies')) out.Policies = client.Policies;
	if (fields.has('Settings')) out.Settings = client.Settings;
	return out;
}

// ---------------------------------------------------------------------------------------------
// Request bodies

interface ClientConfig {
	Description?: string;
	CMEnvironmentID?: string | null;
	Policies?: JsonObject;
	Settings?: JsonObject;
}

const CONFIG_KEYS = ['Description', 'CMEnvironmentID', 'Policies', 'Settings'] as const;

function checkConfigTypes(body: Record<string, unknown>): ClientConfig {
	const config: ClientConfig = {};
	if (body.Description !== undefined) {
		if (typeof body.Description !== 'string')
			throw new RestHttpError(400, 'Description must be a string');
		config.Description = body.Description;
	}
	if (body.CMEnvironmentID !== undefined) {
		if (body.CMEnvironmentID !== null && typeof body.CMEnvironmentID !== 'string') {
			throw new RestHttpError(400, 'CMEnvironmentID must be a string');
		}
		config.CMEnvironmentID = body.CMEnvironmentID;
	}
	for (const key of ['Policies', 'Settings'] as const) {
		if (body[key] === undefined) continue;
		const value = body[key];
		if (!isJsonObject(value)) throw new RestHttpError(400, `${key} must be a JSON object`);
		config[key] = value;
	}
	return config;
}

/** The configuration a request body carries; 30001 when there is none. */
export function readConfig(text: string): ClientConfig {
	const parsed = parseJsonBody(text);
	if (!parsed.ok)
		throw new RestHttpError(400, `The request body is not valid JSON: ${parsed.error}`);
	if (parsed.value === undefined || parsed.value === null) throw new RestFailure(30001);
	if (!isJsonObject(parsed.value))
		throw new RestHttpError(400, 'The request body must be a JSON object');
	const body = parsed.value;
	if (!CONFIG_KEYS.some((key) => body[key] !== undefined)) throw new RestFailure(30001);
	return checkConfigTypes(body);
}

// ---------------------------------------------------------------------------------------------
// Operations

function findClient(state: AkixiState, scope: ClientScope, id: string): IntegratorClient {
	const client = state.integratorClients.get(id);
	if (!client || !scopeMatches(client, scope)) throw new RestFailure(30003);
	return client;
}

function timestamp(): string {
	return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

export function addClient(
	state: AkixiState,
	scope: ClientScope,
	text: string,
	caller: Caller,
): IntegratorClient {
	const config = readConfig(text);
	const telSysId = numericSegment(scope.telSysId);
	const partId = numericSegment(scope.partitionId);
	const device =
		telSysId === undefined || partId === undefined
			? undefined
			: state.device(telSysId, partId, scope.deviceNumber);
	if (!device) throw new RestFailure(30004);
	for (const client of state.integratorClients.values()) {
		if (
			client.TelSysID === device.telSysId &&
			client.PartitionID === device.partId &&
			client.DeviceNumber === device.number
		) {
			throw new RestFailure(30005);
		}
	}
	const now = timestamp();
	const client: IntegratorClient = {
		seq: state.nextSeq(),
		ID: state.uids.next(),
		Description: config.Description ?? '',
		CMEnvironmentID: config.CMEnvironmentID ?? null,
		TelSysID: device.telSysId,
		PartitionID: device.partId,
		DeviceNumber: device.number,
		TelSysDescription: state.telephonyServers.get(device.telSysId)?.description ?? null,
		PartitionDescription: state.partition(device.telSysId, device.partId)?.description ?? null,
		DeviceDescription: device.description,
		Policies: config.Policies ?? {},
		Settings: config.Settings ?? {},
		UserIDCreatedBy: caller.user,
		UserIDUpdatedBy: caller.user,
		DateTimeCreated: now,
		DateTimeUpdated: now,
	};
	state.integratorClients.set(client.ID, client);
	return client;
}

export function changeClient(
	state: AkixiState,
	scope: ClientScope,
	id: string,
	text: string,
	caller: Caller,
): void {
	const client = findClient(state, scope, id);
	const config = readConfig(text);
	if (config.Description !== undefined) client.Description = config.Description;
	if (config.CMEnvironmentID !== undefined) client.CMEnvironmentID = config.CMEnvironmentID;
	if (config.Policies !== undefined) client.Policies = config.Policies;
	if (config.Settings !== undefined) client.Settings = config.Settings;
	client.UserIDUpdatedBy = caller.user;
	client.DateTimeUpdated = timestamp();
}

export function deleteClient(state: AkixiState, scope: ClientScope, id: string): void {
	findClient(state, scope, id);
	state.integratorClients.delete(id);
}

export function clientInfo(
	state: AkixiState,
	scope: ClientScope,
	id: string,
	query: URLSearchParams,
): JsonObject {
	const client = findClient(state, scope, id);
	return present(client, INFO_KEYS, parseFields(query.getAll('IntegratorClientFields')), true);
}

function pagingParam(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw.trim() === '') return fallback;
	if (!/^\d{1,9}$/.test(raw.trim()))
		throw new RestHttpError(400, `${name} must be a non-negative integer`);
	return Number(raw.trim());
}

function sortParam(query: URLSearchParams): 'ASC' | 'DESC' | undefined {
	const raw = query.get('sort');
	if (raw === null) return undefined;
	const value = raw.replace(/[[\]'"\s]/g, '').toUpperCase();
	if (value === '') return undefined;
	if (value !== 'ASC' && value !== 'DESC')
		throw new RestHttpError(400, `sort must be ASC or DESC, not '${raw}'`);
	return value;
}

/** Case-insensitive, then exact comparison of descriptions (0 when equal). */
function compareDescriptions(a: IntegratorClient, b: IntegratorClient): number {
	const x = a.Description.toLowerCase();
	const y = b.Description.toLowerCase();
	if (x !== y) return x < y ? -1 : 1;
	if (a.Description !== b.Description) return a.Description < b.Description ? -1 : 1;
	return 0;
}

/** Creation order, or by Description (ties keep creation order). */
function sorter(
	sort: 'ASC' | 'DESC' | undefined,
): (a: IntegratorClient, b: IntegratorClient) => number {
	const direction = sort === 'DESC' ? -1 : 1;
	return (a, b) =>
		(sort === undefined ? 0 : direction * compareDescriptions(a, b)) || a.seq - b.seq;
}

export function listClients(
	state: AkixiState,
	scope: ClientScope,
	query: URLSearchParams,
): JsonObject {
	const fields = parseFields(query.getAll('IntegratorClientFields'));
	const limit = pagingParam(query, 'limit', 25);
	const offset = pagingParam(query, 'offset', 0);
	const sort = sortParam(query);
	const matching = [...state.integratorClients.values()].filter((client) =>
		scopeMatches(client, scope),
	);
	matching.sort(sorter(sort));
	return {
		Total: matching.length,
		Items: matching
			.slice(offset, offset + limit)
			.map((client) => present(client, LIST_KEYS, fields, false)),
		Offset: offset,
	};
}
