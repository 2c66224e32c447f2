import {
	CLOSE_REASON,
	COMMAND_RESULT,
	SERVICE_STATE,
	SESSION_STATUS,
	valuesOf,
	type EnumTable,
	CHECK_SESSION_FAIL_REASON,
	CHECK_SESSION_WITH_DATA_FAIL_REASON,
	CLOSE_SESSION_FAIL_REASON,
	GET_SERVICE_STATE_FAIL_REASON,
	LOGOUT_AGENT_FAIL_REASON,
	SESSION_STATUS_FAIL_REASON,
	SET_SESSION_DATA_FAIL_REASON,
	START_SESSION_FAIL_REASON,
} from '../../nodes/TvoxMcc/enums';

/**
 * The MultiChannel Connector's interface as the simulator serves it: the eight methods with
 * their parameters in documented order, and the result types with their fields. The WSDL, the
 * WADL, the SOAP service and the REST service are all written from these tables.
 */

export type McVersion = '1.0.0' | '1.0.1';

export type ParamType = 'int' | 'string' | 'reason' | 'setSessionDataRequest';

export interface SimParam {
	/** Name in the documentation (and of the REST query parameter). */
	name: string;
	type: ParamType;
	/** A Set / List parameter (repeated element, repeated query parameter). */
	repeated?: boolean;
}

export interface SimOperation {
	/** SOAP operation name. */
	name: string;
	restMethod: 'GET' | 'PUT';
	restPath: string;
	params: SimParam[];
	/** JAXB type name of the result, e.g. `startSessionResult`. */
	result: string;
	failReasons: EnumTable;
	/** First MCC version with the method. */
	since: McVersion;
}

export type FieldType = 'string' | 'int' | 'serviceStateMap' | EnumTable;

export interface ResultField {
	name: string;
	type: FieldType;
}

function resultFields(
	failReasons: EnumTable,
	middle: ResultField[],
	tail: ResultField[] = [],
): ResultField[] {
	return [
		{ name: 'result', type: COMMAND_RESULT },
		...middle,
		{ name: 'failReason', type: failReasons },
		{ name: 'failReasonMessage', type: 'string' },
		...tail,
	];
}

/** Result types with their fields in documented order. */
export const RESULT_TYPES: Record<string, ResultField[]> = {
	startSessionResult: resultFields(
		START_SESSION_FAIL_REASON,
		[{ name: 'sessionId', type: 'string' }],
		[
			{ name: 'contactId', type: 'string' },
			{ name: 'contactValue', type: 'string' },
		],
	),
	sessionAcceptResult: resultFields(SESSION_STATUS_FAIL_REASON, [
		{ name: 'sessionId', type: 'string' },
		{ name: 'status', type: SESSION_STATUS },
	]),
	checkSessionResult: resultFields(CHECK_SESSION_FAIL_REASON, [
		{ name: 'sessionId', type: 'string' },
		{ name: 'status', type: SESSION_STATUS },
		{ name: 'username', type: 'string' },
		{ name: 'customMessage', type: 'string' },
	]),
	checkSessionWithDataResult: resultFields(CHECK_SESSION_WITH_DATA_FAIL_REASON, [
		{ name: 'sessionId', type: 'string' },
		{ name: 'status', type: SESSION_STATUS },
		{ name: 'username', type: 'string' },
		{ name: 'customMessage', type: 'string' },
		{ name: 'data', type: 'string' },
		{ name: 'sessionData', type: 'string' },
	]),
	setSessionDataResult: resultFields(SET_SESSION_DATA_FAIL_REASON, [
		{ name: 'sessionId', type: 'string' },
		{ name: 'sessionData', type: 'string' },
	]),
	closeSessionResult: resultFields(CLOSE_SESSION_FAIL_REASON, [
		{ name: 'sessionId', type: 'string' },
	]),
	getServiceStateResult: resultFields(GET_SERVICE_STATE_FAIL_REASON, [
		{ name: 'state', type: 'serviceStateMap' },
		{ name: 'channelId', type: 'int' },
	]),
	logoutAgentResult: resultFields(LOGOUT_AGENT_FAIL_REASON, []),
};

/** The request body type of Set Session Data. */
export const SET_SESSION_DATA_REQUEST_FIELDS = ['sessionId', 'sessionData'] as const;

export const OPERATIONS: readonly SimOperation[] = [
	{
		name: 'startSession',
		restMethod: 'GET',
		restPath: '/startSession',
		params: [
			{ name: 'channelId', type: 'int' },
			{ name: 'serviceid', type: 'string' },
			{ name: 'sessionId', type: 'string' },
			{ name: 'data', type: 'string' },
			{ name: 'description', type: 'string' },
			{ name: 'contactId', type: 'string' },
			{ name: 'contactValue', type: 'string' },
		],
		result: 'startSessionResult',
		failReasons: START_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	{
		name: 'sessionAccept',
		restMethod: 'GET',
		restPath: '/sessionAccept',
		params: [
			{ name: 'sessionId', type: 'string' },
			{ name: 'user', type: 'string' },
		],
		result: 'sessionAcceptResult',
		failReasons: SESSION_STATUS_FAIL_REASON,
		since: '1.0.0',
	},
	{
		name: 'checkSessionState',
		restMethod: 'GET',
		restPath: '/checkSession',
		params: [{ name: 'sessionId', type: 'string' }],
		result: 'checkSessionResult',
		failReasons: CHECK_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	{
		name: 'checkSessionStateWithData',
		restMethod: 'GET',
		restPath: '/checkSessionWithData',
		params: [{ name: 'sessionId', type: 'string' }],
		result: 'checkSessionWithDataResult',
		failReasons: CHECK_SESSION_WITH_DATA_FAIL_REASON,
		since: '1.0.1',
	},
	{
		name: 'setSessionData',
		restMethod: 'PUT',
		restPath: '/setSessionData',
		params: [{ name: 'setSessionDataRequest', type: 'setSessionDataRequest' }],
		result: 'setSessionDataResult',
		failReasons: SET_SESSION_DATA_FAIL_REASON,
		since: '1.0.1',
	},
	{
		name: 'closeSession',
		restMethod: 'GET',
		restPath: '/closeSession',
		params: [
			{ name: 'sessionId', type: 'string' },
			{ name: 'reason', type: 'reason' },
		],
		result: 'closeSessionResult',
		failReasons: CLOSE_SESSION_FAIL_REASON,
		since: '1.0.0',
	},
	{
		name: 'getServiceState',
		restMethod: 'GET',
		restPath: '/getServiceState',
		params: [
			{ name: 'channelId', type: 'int' },
			{ name: 'serviceCodes', type: 'string', repeated: true },
		],
		result: 'getServiceStateResult',
		failReasons: GET_SERVICE_STATE_FAIL_REASON,
		since: '1.0.0',
	},
	{
		name: 'logoutAgentFromChannel',
		restMethod: 'GET',
		restPath: '/logoutAgentFromChannel',
		params: [
			{ name: 'channelId', type: 'int' },
			{ name: 'agentUsername', type: 'string' },
		],
		result: 'logoutAgentResult',
		failReasons: LOGOUT_AGENT_FAIL_REASON,
		since: '1.0.0',
	},
];

/** The methods a given MCC version offers. */
export function operationsOf(version: McVersion): SimOperation[] {
	return OPERATIONS.filter((op) => version === '1.0.1' || op.since === '1.0.0');
}

export function operationNamed(name: string | undefined): SimOperation | undefined {
	return OPERATIONS.find((op) => op.name === name);
}

/**
 * SOAP operation names a server declares instead of the documented ones, by documented name
 * (e.g. `{ startSession: 'StartSession' }`): the MCC does not publish the SOAP names of every
 * method, so a real WSDL may name them otherwise. The wrapper elements, messages and types of
 * the WSDL carry the same names, as JAX-WS writes them for an `operationName`.
 */
export type SoapNames = Partial<Record<string, string>>;

/** The name an operation has in the served WSDL. */
export function soapNameOf(op: SimOperation, names: SoapNames | undefined): string {
	const served =
		names && Object.prototype.hasOwnProperty.call(names, op.name) ? names[op.name] : undefined;
	return served ?? op.name;
}

/** The operation the served WSDL names `name`, if any. */
export function operationBySoapName(
	version: McVersion,
	names: SoapNames | undefined,
	name: string | undefined,
): SimOperation | undefined {
	return operationsOf(version).find((op) => soapNameOf(op, names) === name);
}

/** Refuses SOAP names that are not XML names, clash, or rename an operation that does not exist. */
export function checkSoapNames(names: SoapNames | undefined): void {
	if (!names) return;
	const served = new Map<string, string>();
	for (const op of OPERATIONS) served.set(soapNameOf(op, names), op.name);
	for (const [documented, name] of Object.entries(names)) {
		if (name === undefined) continue;
		if (!operationNamed(documented))
			throw new Error(`soapNames: no operation is documented as "${documented}"`);
		if (!/^[A-Za-z_][\w.-]*$/.test(name))
			throw new Error(`soapNames: "${name}" is not an XML name`);
		if (served.get(name) !== documented)
			throw new Error(`soapNames: "${name}" names two operations`);
		const types = [
			...Object.keys(RESULT_TYPES),
			...SIMPLE_TYPES.map((t) => t.name),
			'setSessionDataRequest',
		];
		if (types.includes(name) || types.includes(`${name}Response`))
			throw new Error(`soapNames: "${name}" names a type of the schema`);
		if (`${name}Response` !== name && served.has(`${name}Response`))
			throw new Error(`soapNames: "${name}Response" names two elements`);
	}
}

/** Simple types of the schema: JAXB names (decapitalised) and their values. */
export const SIMPLE_TYPES: Array<{ name: string; values: string[] }> = [
	COMMAND_RESULT,
	SESSION_STATUS,
	SERVICE_STATE,
	CLOSE_REASON,
	START_SESSION_FAIL_REASON,
	SESSION_STATUS_FAIL_REASON,
	CHECK_SESSION_FAIL_REASON,
	CHECK_SESSION_WITH_DATA_FAIL_REASON,
	SET_SESSION_DATA_FAIL_REASON,
	CLOSE_SESSION_FAIL_REASON,
	GET_SERVICE_STATE_FAIL_REASON,
	LOGOUT_AGENT_FAIL_REASON,
].map((t) => ({ name: jaxbName(t.name), values: valuesOf(t) }));

/** `StartSessionFailReasonCode` → `startSessionFailReasonCode`. */
export function jaxbName(typeName: string): string {
	return typeName.charAt(0).toLowerCase() + typeName.slice(1);
}

/**
 * Whether the schema's local elements (parameters, result fields) are in the target namespace:
 * `unqualified` (JAXB's default) or `qualified` (`@XmlSchema(elementFormDefault = QUALIFIED)`).
 */
export type ElementForm = 'unqualified' | 'qualified';

/** How a SOAP parameter element is named: `arg0…` (CXF default) or the documented name. */
export type SoapParamStyle = 'positional' | 'named';

export function soapParamName(op: SimOperation, index: number, style: SoapParamStyle): string {
	return style === 'positional' ? `arg${index}` : op.params[index].name;
}
