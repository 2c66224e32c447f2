import type { IDataObject } from 'n8n-workflow';

import { invalidInput, resourceOperations } from '../../shared/operations';
import { SERVICE_CODES_PARAM, START_SESSION_SERVICE_PARAM } from '../constants';
import {
	CHECK_SESSION_FAIL_REASON,
	CHECK_SESSION_WITH_DATA_FAIL_REASON,
	CLOSE_SESSION_FAIL_REASON,
	GET_SERVICE_STATE_FAIL_REASON,
	LOGOUT_AGENT_FAIL_REASON,
	meaningOf,
	SERVICE_STATE,
	SESSION_STATUS,
	SESSION_STATUS_FAIL_REASON,
	SET_SESSION_DATA_FAIL_REASON,
	START_SESSION_FAIL_REASON,
} from '../enums';
import { declareTvox } from './declare';
import {
	channelId,
	channelProperty,
	optionalArgs,
	required,
	serviceCodes,
	sessionIdProperty,
	text,
} from './parameters';
import { resultFields } from './results';
import { RESOURCE_AGENT, RESOURCE_SERVICE, RESOURCE_SESSION, type TvoxArgument } from './types';

/**
 * The eight MultiChannel Connector methods, each declared once: its SOAP operation, REST path
 * and method, parameters in documented order, result type with its fields and fail-reason
 * table. The node's UI, both transports and the reading of every answer come from these.
 */

/** Start, accept, check, update and close sessions. */
export const SESSION_OPERATIONS = resourceOperations(RESOURCE_SESSION, declareTvox, [
	{
		value: 'startSession',
		name: 'Start Session',
		action: 'Start a session',
		description: 'Start a new session to create an interaction on a channel and service',
		method: {
			soapOperation: 'startSession',
			soapNameUnpublished: true,
			rest: { method: 'GET', path: '/startSession' },
			parameters: [
				'channelId',
				START_SESSION_SERVICE_PARAM,
				'sessionId',
				'data',
				'description',
				'contactId',
				'contactValue',
			],
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
				{
					name: START_SESSION_SERVICE_PARAM,
					value: required(params, 'serviceCode', 'Service Code'),
				},
				...optionalArgs(extra, ['sessionId', 'data', 'description', 'contactId', 'contactValue']),
			];
		},
	},
	{
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
	},
	{
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
	},
	{
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
	},
	{
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
				description:
					'Data kept with the session while it is in progress (an object is sent as JSON text)',
			},
		],
		args: (params) => [
			{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') },
			{ name: 'sessionData', value: text(params, 'sessionData') },
		],
	},
	{
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
			const args: TvoxArgument[] = [
				{ name: 'sessionId', value: required(params, 'sessionId', 'Session ID') },
			];
			if (reason) args.push({ name: 'reason', value: reason });
			return args;
		},
	},
]);

/** The state of services on a channel. */
export const SERVICE_OPERATIONS = resourceOperations(RESOURCE_SERVICE, declareTvox, [
	{
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
				description:
					'Codes of the services, separated by commas (or an expression returning a list)',
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
				const meaning =
					typeof serviceState === 'string' ? meaningOf(SERVICE_STATE, serviceState) : undefined;
				if (meaning) item.serviceStateDescription = meaning;
				return item;
			});
		},
	},
]);

/** Agents on a channel. */
export const AGENT_OPERATIONS = resourceOperations(RESOURCE_AGENT, declareTvox, [
	{
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
	},
]);
