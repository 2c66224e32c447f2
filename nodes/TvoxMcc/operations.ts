import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { remoteError } from '../shared/errors';
import { invalidInput, type OperationDeclaration, type ParamReader } from '../shared/operations';
import { setOwn } from '../shared/xml';
import { START_SESSION_SERVICE_PARAM, SERVICE_CODES_PARAM } from './constants';
import {
	CHECK_SESSION_FAIL_REASON,
	CHECK_SESSION_WITH_DATA_FAIL_REASON,
	CLOSE_SESSION_FAIL_REASON,
	COMMAND_RESULT,
	GET_SERVICE_STATE_FAIL_REASON,
	isTransientFailReason,
	LOGOUT_AGENT_FAIL_REASON,
	meaningOf,
	SERVICE_STATE,
	SESSION_STATUS,
	SESSION_STATUS_FAIL_REASON,
	SET_SESSION_DATA_FAIL_REASON,
	START_SESSION_FAIL_REASON,
	type EnumTable,
} from './enums';

/**
 * The eight MultiChannel Connector methods, each declared once: its SOAP operation, REST path
 * and method, parameters in documented order, result type with its fields and fail-reason
 * table. The node's UI, both transports and the reading of every answer come from these.
 */

export const SYSTEM = 'TVox';

export const RESOURCE_SESSION = 'session';
export const RESOURCE_SERVICE = 'service';
export const RESOURCE_AGENT = 'agent';

export type FieldType = 'string' | 'int' | 'serviceStateMap' | EnumTable;

export interface ResultField {
	name: string;
	type: FieldType;
}

export interface TvoxMethod {
	/** SOAP operation name (also the REST method's documented name). */
	soapOperation: string;
	/**
	 * The SOAP operation's name is not published (only the method's documented name is): a
	 * server's WSDL is searched for it by that name, by the REST path's name, then by the
	 * variants in `soapVariants` regardless of case.
	 */
	soapNameUnpublished?: true;
	/** Set by the declaration when the SOAP name is unpublished: {@link soapNameVariants} of the method. */
	soapVariants?: readonly string[];
	rest: { method: 'GET' | 'PUT'; path: string };
	/** Documented request parameters, in order (SOAP elements by position, REST query names). */
	parameters: readonly string[];
	/** The request travels as one object of this type (SOAP: one element; REST: the JSON body). */
	requestType?: string;
	/** Documented result type, e.g. `StartSessionResult`. */
	resultType: string;
	/** Result fields in documented order. */
	fields: readonly ResultField[];
	failReasons: EnumTable;
	/** First MultiChannel Connector version with the method. */
	since: '1.0.0' | '1.0.1';
}

export type TvoxValue = string | number | string[];

export interface TvoxArgument {
	/** Documented parameter name. */
	name: string;
	value: TvoxValue;
}

/** A protocol-neutral request: the method and its arguments (absent ones left out). */
export interface TvoxRequest {
	method: TvoxMethod;
	args: TvoxArgument[];
}

/** The result object as the server sent it, unwrapped from its SOAP / JSON envelope. */
export type TvoxResponse = IDataObject;

export interface TvoxOperation extends OperationDeclaration<TvoxRequest, TvoxResponse> {
	method: TvoxMethod;
}

// ---------------------------------------------------------------------------------------------
// Result reading

function resultFields(failReasons: EnumTable, middle: ResultField[], tail: ResultField[] = []): ResultField[] {
	return [
		{ name: 'result', type: COMMAND_RESULT },
		...middle,
		{ name: 'failReason', type: failReasons },
		{ name: 'failReasonMessage', type: 'string' },
		...tail,
	];
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar of a parsed answer (SOAP text nodes may come as `{ $value }`). */
function scalar(value: unknown): string | number | boolean | undefined {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (isRecord(value) && '$value' in value) return scalar(value.$value);
	return undefined;
}

function field(record: Record<string, unknown>, name: string): unknown {
	if (name in record) return record[name];
	const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : record[key];
}

function asList(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * The ServiceCode → ServiceState map in any of its forms: a JSON object, a JAXB map
 * (`{ entry: [{ key, value }] }`, a single entry sent as an object) or a plain list of entries.
 */
export function readStateMap(value: unknown): IDataObject {
	const map: IDataObject = {};
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (isRecord(value) && field(value, 'entry') !== undefined && Object.keys(value).length === 1) {
		entries = asList(field(value, 'entry'));
	} else if (isRecord(value)) {
		for (const [code, state] of Object.entries(value)) {
			const text = scalar(state);
			if (text !== undefined) setOwn(map, code, String(text));
		}
		return map;
	} else {
		entries = [];
	}
	for (const entry of entries) {
		if (!isRecord(entry)) continue;
		const key = scalar(field(entry, 'key'));
		const state = scalar(field(entry, 'value'));
		if (key !== undefined) setOwn(map, String(key), state === undefined ? null : String(state));
	}
	return map;
}

function typed(type: FieldType, value: unknown): IDataObject[string] | undefined {
	if (type === 'serviceStateMap') return value === undefined || value === null ? undefined : readStateMap(value);
	const text = scalar(value);
	if (text === undefined) return undefined;
	if (type === 'int') {
		const number = typeof text === 'number' ? text : Number(String(text).trim());
		return Number.isFinite(number) && String(text).trim() !== '' ? number : String(text);
	}
	return typeof text === 'string' && type !== 'string' ? text.trim() : String(text);
}

/** The answer as clean JSON: documented fields in documented order, typed; other plain values kept. */
export function cleanResult(method: TvoxMethod, raw: TvoxResponse): IDataObject {
	const clean: IDataObject = {};
	const documented = new Set(method.fields.map((f) => f.name.toLowerCase()));
	for (const def of method.fields) {
		const value = typed(def.type, field(raw, def.name));
		if (value !== undefined) clean[def.name] = value;
	}
	for (const [key, value] of Object.entries(raw)) {
		if (documented.has(key.toLowerCase())) continue;
		const text = scalar(value);
		if (text !== undefined) setOwn(clean, key, text);
	}
	return clean;
}

/** Whether failures are returned as items instead of errors. */
function returnFailures(params: ParamReader): boolean {
	return params.collection('options').returnFailures === true;
}

/**
 * SUCCESS → the clean result; FAILED → a RemoteError naming the fail reason, its documented
 * meaning and the server's message (or, with the option, the failure as an item).
 */
export function readResult(method: TvoxMethod, raw: TvoxResponse, params: ParamReader): IDataObject | IDataObject[] {
	const clean = cleanResult(method, raw);
	const op = method.soapOperation;
	if (clean.result === 'SUCCESS') return clean;
	if (clean.result !== 'FAILED') {
		throw remoteError(
			clean.result === undefined
				? `${SYSTEM} answered ${op} without a result`
				: `${SYSTEM} answered ${op} with the unknown result "${String(clean.result)}"`,
			{
				kind: 'response',
				system: SYSTEM,
				operation: op,
				hint: `A ${method.resultType} with result SUCCESS or FAILED was expected. Check the host and protocol in the credential.`,
			},
		);
	}
	const code = typeof clean.failReason === 'string' && clean.failReason ? clean.failReason : undefined;
	const meaning = code ? meaningOf(method.failReasons, code) : undefined;
	const serverMessage =
		typeof clean.failReasonMessage === 'string' && clean.failReasonMessage ? clean.failReasonMessage : undefined;
	if (returnFailures(params)) {
		return meaning ? { ...clean, failReasonDescription: meaning } : clean;
	}
	const head = code ? `${code}${meaning ? ` (${meaning})` : ''}` : 'no fail reason given';
	throw remoteError(`${SYSTEM} ${op} failed: ${head}${serverMessage ? `: ${serverMessage}` : ''}`, {
		kind: 'remote',
		system: SYSTEM,
		operation: op,
		code,
		meaning,
		group: method.failReasons.name,
		serverMessage,
		transient: code ? isTransientFailReason(code) : undefined,
		hint:
			code && !meaning
				? `${code} is not among the documented values of ${method.failReasons.name}.`
				: undefined,
	});
}

// ---------------------------------------------------------------------------------------------
// Parameters

const CHANNEL_OPTIONS = [
	{ name: 'Custom Channel 1', value: 1 },
	{ name: 'Custom Channel 2', value: 2 },
	{ name: 'Custom Channel 3', value: 3 },
	{ name: 'LiveHelp', value: 1003 },
];

const channelProperty: INodeProperties = {
	displayName: 'Channel',
	name: 'channelId',
	type: 'options',
	options: CHANNEL_OPTIONS,
	default: 1,
	required: true,
	description:
		'TVox channel: custom channels 1–3 or LiveHelp (1003). Use an expression for another channel ID. The channel must be licensed, enabled and configured on TVox.',
};

const sessionIdProperty: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '',
	required: true,
	description: 'ID of the TVox session',
};

function text(params: ParamReader, name: string, fallback = ''): string {
	const value = params.get<unknown>(name, fallback);
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function required(params: ParamReader, name: string, label: string): string {
	const value = text(params, name).trim();
	if (!value) throw invalidInput(`${label} is required`);
	return value;
}

function channelId(params: ParamReader): number {
	const raw = params.get<unknown>('channelId');
	const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
	if (!Number.isInteger(number) || Math.abs(number) > 2_147_483_647) {
		throw invalidInput(
			`Channel ID must be a whole number (1, 2, 3 for the custom channels, 1003 for LiveHelp), not "${String(raw)}"`,
		);
	}
	return number;
}

/** Service codes from a comma-separated text or a list; duplicates removed (the method takes a set). */
export function serviceCodes(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value ?? '').split(',');
	return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

function optionalArgs(values: IDataObject, names: readonly string[]): TvoxArgument[] {
	const args: TvoxArgument[] = [];
	for (const name of names) {
		const value = values[name];
		if (value === undefined || value === null || value === '') continue;
		args.push({ name, value: typeof value === 'object' ? JSON.stringify(value) : String(value) });
	}
	return args;
}

// ---------------------------------------------------------------------------------------------
// SOAP operation names

/** The REST path's name: `/checkSession` → `checkSession`. */
export function restPathName(method: Pick<TvoxMethod, 'rest'>): string {
	return method.rest.path.replace(/^\/+/, '').split('/')[0];
}

/** `startSession` → `['start', 'session']`. */
function words(camelCase: string): string[] {
	return camelCase
		.split(/(?=[A-Z])|[_\-\s]+/)
		.map((word) => word.toLowerCase())
		.filter(Boolean);
}

/**
 * The names a method's SOAP operation may have in a server's WSDL when it is not published:
 * the words of its documented name and of its REST path's name, in their order and reversed,
 * written camelCase, snake_case and kebab-case (`startSession`, `start_session`,
 * `start-session`, `sessionStart`, `session_start`, `session-start`). They are matched
 * regardless of case, so `StartSession` and `START_SESSION` are found too.
 */
export function soapNameVariants(method: Pick<TvoxMethod, 'soapOperation' | 'rest'>): readonly string[] {
	const variants: string[] = [];
	for (const name of [method.soapOperation, restPathName(method)]) {
		const parts = words(name);
		for (const order of [parts, [...parts].reverse()]) {
			const camel = order.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
			variants.push(camel, order.join('_'), order.join('-'));
		}
	}
	return Object.freeze([...new Set(variants)]);
}

// ---------------------------------------------------------------------------------------------
// The methods

interface Declaration {
	resource: string;
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	method: TvoxMethod;
	args(params: ParamReader): TvoxArgument[];
	output?(result: IDataObject, params: ParamReader): IDataObject | IDataObject[];
}

function declare(d: Declaration): TvoxOperation {
	const method: TvoxMethod = d.method.soapNameUnpublished
		? { ...d.method, soapVariants: soapNameVariants(d.method) }
		: d.method;
	return {
		resource: d.resource,
		value: d.value,
		name: d.name,
		action: d.action,
		description: d.description,
		properties: d.properties,
		method,
		request: (params) => ({ method, args: d.args(params) }),
		read: (response, params) => {
			const out = readResult(method, response, params);
			if (Array.isArray(out) || out.result !== 'SUCCESS' || !d.output) return out;
			return d.output(out, params);
		},
	};
}

export const startSession = declare({
	resource: RESOURCE_SESSION,
	value: 'startSession',
	name: 'Start Session',
	action: 'Start a session',
	description: 'Start a new session to create an interaction on a channel and service',
	method: {
		soapOperation: 'startSession',
		soapNameUnpublished: true,
		rest: { method: 'GET', path: '/startSession' },
		parameters: ['channelId', START_SESSION_SERVICE_PARAM, 'sessionId', 'data', 'description', 'contactId', 'contactValue'],
		resultType: 'StartSessionResult',
		fields: resultFields(
			START_SESSION_FAIL_REASON,
			[{ name: 'sessionId', type: 'string' }],
			[
				{ name: 'contactId', type: 'string' },
				{ name: 'contactValue', type: 'string' },
			],
		),
		failReasons: START_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [
		channelProperty,
		{
			displayName: 'Service Code',
			name: 'serviceCode',
			type: 'string',
			default: '',
			required: true,
			description: 'Code of the TVox service that handles the interaction',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Contact ID',
					name: 'contactId',
					type: 'string',
					default: '',
					description: 'UUID of the address book contact',
				},
				{
					displayName: 'Contact Value',
					name: 'contactValue',
					type: 'string',
					default: '',
					description: 'Address book contact value, e.g. a phone number',
				},
				{
					displayName: 'Data',
					name: 'data',
					type: 'string',
					default: '',
					description: 'Additional data for the interaction (an object is sent as JSON text)',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Description of the session',
				},
				{
					displayName: 'Session ID',
					name: 'sessionId',
					type: 'string',
					default: '',
					description: 'ID for the new session. Leave empty to let TVox generate one.',
				},
			],
		},
	],
	args: (params) => {
		const extra = params.collection('additionalFields');
		return [
			{ name: 'channelId', value: channelId(params) },
			{ name: START_SESSION_SERVICE_PARAM, value: required(params, 'serviceCode', 'Service Code') },
			...optionalArgs(extra, ['sessionId', 'data', 'description', 'contactId', 'contactValue']),
		];
	},
});

export const sessionAccept = declare({
	resource: RESOURCE_SESSION,
	value: 'sessionAccept',
	name: 'Accept Session',
	action: 'Accept a session',
	description: 'Let a session enter the contact center flow, or assign it to an agent',
	method: {
		soapOperation: 'sessionAccept',
		soapNameUnpublished: true,
		rest: { method: 'GET', path: '/sessionAccept' },
		parameters: ['sessionId', 'user'],
		resultType: 'SessionAcceptResult',
		fields: resultFields(SESSION_STATUS_FAIL_REASON, [
			{ name: 'sessionId', type: 'string' },
			{ name: 'status', type: SESSION_STATUS },
		]),
		failReasons: SESSION_STATUS_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [
		sessionIdProperty,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Agent Username',
					name: 'user',
					type: 'string',
					default: '',
					description: 'Username of the agent to assign the session to',
				},
			],
		},
	],
	args: (params) => [
		{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') },
		...optionalArgs(params.collection('additionalFields'), ['user']),
	],
});

export const checkSessionState = declare({
	resource: RESOURCE_SESSION,
	value: 'checkSessionState',
	name: 'Check Session State',
	action: 'Check the state of a session',
	description: 'Get the status of a session and the agent it is assigned to',
	method: {
		soapOperation: 'checkSessionState',
		rest: { method: 'GET', path: '/checkSession' },
		parameters: ['sessionId'],
		resultType: 'CheckSessionResult',
		fields: resultFields(CHECK_SESSION_FAIL_REASON, [
			{ name: 'sessionId', type: 'string' },
			{ name: 'status', type: SESSION_STATUS },
			{ name: 'username', type: 'string' },
			{ name: 'customMessage', type: 'string' },
		]),
		failReasons: CHECK_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [sessionIdProperty],
	args: (params) => [{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') }],
});

export const checkSessionStateWithData = declare({
	resource: RESOURCE_SESSION,
	value: 'checkSessionStateWithData',
	name: 'Check Session State With Data',
	action: 'Check the state and data of a session',
	description: 'Get the status of a session together with its start data and session data',
	method: {
		soapOperation: 'checkSessionStateWithData',
		rest: { method: 'GET', path: '/checkSessionWithData' },
		parameters: ['sessionId'],
		resultType: 'CheckSessionWithDataResult',
		fields: resultFields(CHECK_SESSION_WITH_DATA_FAIL_REASON, [
			{ name: 'sessionId', type: 'string' },
			{ name: 'status', type: SESSION_STATUS },
			{ name: 'username', type: 'string' },
			{ name: 'customMessage', type: 'string' },
			{ name: 'data', type: 'string' },
			{ name: 'sessionData', type: 'string' },
		]),
		failReasons: CHECK_SESSION_WITH_DATA_FAIL_REASON,
		since: '1.0.1',
	},
	properties: [sessionIdProperty],
	args: (params) => [{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') }],
});

export const setSessionData = declare({
	resource: RESOURCE_SESSION,
	value: 'setSessionData',
	name: 'Set Session Data',
	action: 'Set the data of a session',
	description: 'Store data with a session while it is in progress',
	method: {
		soapOperation: 'setSessionData',
		rest: { method: 'PUT', path: '/setSessionData' },
		parameters: ['sessionId', 'sessionData'],
		requestType: 'SetSessionDataRequest',
		resultType: 'SetSessionDataResult',
		fields: resultFields(SET_SESSION_DATA_FAIL_REASON, [
			{ name: 'sessionId', type: 'string' },
			{ name: 'sessionData', type: 'string' },
		]),
		failReasons: SET_SESSION_DATA_FAIL_REASON,
		since: '1.0.1',
	},
	properties: [
		sessionIdProperty,
		{
			displayName: 'Session Data',
			name: 'sessionData',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Data kept with the session while it is in progress (an object is sent as JSON text)',
		},
	],
	args: (params) => [
		{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') },
		{ name: 'sessionData', value: text(params, 'sessionData') },
	],
});

export const closeSession = declare({
	resource: RESOURCE_SESSION,
	value: 'closeSession',
	name: 'Close Session',
	action: 'Close a session',
	description: 'Close a session',
	method: {
		soapOperation: 'closeSession',
		soapNameUnpublished: true,
		rest: { method: 'GET', path: '/closeSession' },
		parameters: ['sessionId', 'reason'],
		resultType: 'CloseSessionResult',
		fields: resultFields(CLOSE_SESSION_FAIL_REASON, [{ name: 'sessionId', type: 'string' }]),
		failReasons: CLOSE_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [
		sessionIdProperty,
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'options',
			options: [
				{
					name: 'Request From Callee',
					value: 'REQUEST_FROM_CALLEE',
					description: 'The session is closed by the agent',
				},
				{
					name: 'Request From Caller',
					value: 'REQUEST_FROM_CALLER',
					description: 'The session is closed by the service',
				},
			],
			default: 'REQUEST_FROM_CALLER',
			description: 'Why the session is closed',
		},
	],
	args: (params) => {
		const reason = text(params, 'reason', 'REQUEST_FROM_CALLER').trim();
		const args: TvoxArgument[] = [{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') }];
		if (reason) args.push({ name: 'reason', value: reason });
		return args;
	},
});

export const getServiceState = declare({
	resource: RESOURCE_SERVICE,
	value: 'getServiceState',
	name: 'Get Service State',
	action: 'Get the state of services',
	description: 'Get the state of TVox services on a channel',
	method: {
		soapOperation: 'getServiceState',
		rest: { method: 'GET', path: '/getServiceState' },
		parameters: ['channelId', SERVICE_CODES_PARAM],
		resultType: 'GetServiceStateResult',
		fields: resultFields(GET_SERVICE_STATE_FAIL_REASON, [
			{ name: 'state', type: 'serviceStateMap' },
			{ name: 'channelId', type: 'int' },
		]),
		failReasons: GET_SERVICE_STATE_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [
		channelProperty,
		{
			displayName: 'Service Codes',
			name: 'serviceCodes',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'SUPPORT, SALES',
			description: 'Codes of the services, separated by commas (or an expression returning a list)',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Service',
					value: 'perService',
					description: 'One item per service code with its state',
				},
				{
					name: 'One Item With the Map',
					value: 'map',
					description: 'One item whose "state" maps each service code to its state',
				},
			],
			default: 'map',
		},
	],
	args: (params) => {
		const codes = serviceCodes(params.get<unknown>('serviceCodes'));
		if (codes.length === 0) throw invalidInput('Service Codes needs at least one service code');
		return [
			{ name: 'channelId', value: channelId(params) },
			{ name: SERVICE_CODES_PARAM, value: codes },
		];
	},
	output: (result, params) => {
		if (params.get<string>('output', 'map') !== 'perService') return result;
		const state = (result.state ?? {}) as IDataObject;
		return Object.entries(state).map(([serviceCode, serviceState]) => {
			const item: IDataObject = { channelId: result.channelId, serviceCode, serviceState };
			const meaning = typeof serviceState === 'string' ? meaningOf(SERVICE_STATE, serviceState) : undefined;
			if (meaning) item.serviceStateDescription = meaning;
			return item;
		});
	},
});

export const logoutAgentFromChannel = declare({
	resource: RESOURCE_AGENT,
	value: 'logoutAgentFromChannel',
	name: 'Logout Agent From Channel',
	action: 'Log an agent out of a channel',
	description: 'Log a TVox agent out of a channel',
	method: {
		soapOperation: 'logoutAgentFromChannel',
		rest: { method: 'GET', path: '/logoutAgentFromChannel' },
		parameters: ['channelId', 'agentUsername'],
		resultType: 'LogoutAgentResult',
		fields: resultFields(LOGOUT_AGENT_FAIL_REASON, []),
		failReasons: LOGOUT_AGENT_FAIL_REASON,
		since: '1.0.0',
	},
	properties: [
		channelProperty,
		{
			displayName: 'Agent Username',
			name: 'agentUsername',
			type: 'string',
			default: '',
			required: true,
			description: 'Username of the agent to log out',
		},
	],
	args: (params) => [
		{ name: 'channelId', value: channelId(params) },
		{ name: 'agentUsername', value: required(params, 'agentUsername', 'Agent Username') },
	],
});

/**
 * The names the WSDL is searched for, regardless of case, for the three methods whose SOAP
 * name is not published (derived from their declarations above).
 */
export const START_SESSION_SOAP_VARIANTS = startSession.method.soapVariants!;
export const SESSION_ACCEPT_SOAP_VARIANTS = sessionAccept.method.soapVariants!;
export const CLOSE_SESSION_SOAP_VARIANTS = closeSession.method.soapVariants!;

/** Every method, in documented order. */
export const OPERATIONS: readonly TvoxOperation[] = [
	startSession,
	sessionAccept,
	checkSessionState,
	checkSessionStateWithData,
	setSessionData,
	closeSession,
	getServiceState,
	logoutAgentFromChannel,
];

/** Resources; the first is the default. */
export const RESOURCES = [
	{ name: 'Session', value: RESOURCE_SESSION, description: 'Multichannel sessions (interactions)' },
	{ name: 'Service', value: RESOURCE_SERVICE, description: 'TVox services on a channel' },
	{ name: 'Agent', value: RESOURCE_AGENT, description: 'TVox agents on a channel' },
];
