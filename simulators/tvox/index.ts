import {
	MCC_REST_JSON_PATH,
	MCC_REST_PATH,
	MCC_SIM_NAMESPACE,
	MCC_SOAP_PATH,
} from '../../nodes/TvoxMcc/constants';
import { SOAP11_ENVELOPE_NS, writeSoapFault } from '../../nodes/shared/transport/soap';
import type { FailFault } from '../shared/faults';
import {
	htmlErrorPage,
	jsonResponse,
	SECRET_MASK,
	startSimServer,
	textResponse,
	type HugeTemplate,
	type RouteInfo,
	type SimRequest,
	type SimResponse,
	type SimServer,
	type SimServerOptions,
	type SimulatorDefinition,
} from '../shared/httpServer';
import { handleRestRequest, restBody, restOperation, type JsonStyle } from './rest';
import {
	checkSoapNames,
	operationBySoapName,
	operationNamed,
	soapNameOf,
	type ElementForm,
	type McVersion,
	type SoapNames,
	type SoapParamStyle,
} from './schema';
import { fault, handleSoapRequest, SOAP_CONTENT_TYPE, soapAnswer, soapOperationOf } from './soap';
import { TvoxState } from './state';
import { writeWadl, writeWsdl } from './wsdl';

/**
 * In-memory simulator of the TVox MultiChannel Connector: one model of channels, services,
 * agents and sessions served over SOAP (with its WSDL at `/mc/cxf/soap?wsdl`) and REST / JSON
 * (below `/mc/cxf/rest/json`, WADL at `/mc/cxf/rest?_wadl`), on one HTTP server.
 */

export { TvoxState } from './state';
export type { Agent, Channel, Session, SessionStatus, SimResult } from './state';
export { OPERATIONS as TVOX_SIM_OPERATIONS, operationsOf } from './schema';
export type { ElementForm, McVersion, SoapNames, SoapParamStyle } from './schema';
export type { JsonStyle } from './rest';
export { SEED_AGENTS, SEED_CHANNELS, SEED_SERVICES } from './seed';

export interface TvoxSimConfig {
	/** MultiChannel Connector version: 1.0.0 lacks Check Session State With Data and Set Session Data. */
	version: McVersion;
	/** WSDL target namespace. */
	namespace: string;
	/** SOAP parameter elements: `arg0…` (CXF's default) or the documented names. */
	paramStyle: SoapParamStyle;
	/** The schema's element form: parameters and result fields unqualified (default) or in the target namespace. */
	elementForm: ElementForm;
	/** REST JSON style. */
	jsonStyle: JsonStyle;
	/**
	 * SOAP operation names the WSDL declares instead of the documented ones, by documented name,
	 * e.g. `{ startSession: 'StartSession', sessionAccept: 'acceptSession', closeSession: 'close_session' }`.
	 * Requests must then use these names; REST is unchanged.
	 */
	soapNames: SoapNames;
	/** When set, every request needs this Basic authentication. */
	basicAuth?: { username: string; password: string };
}

export interface TvoxSimulatorOptions extends SimServerOptions, Partial<TvoxSimConfig> {}

export interface TvoxSimulator extends SimServer {
	/** `${url}/mc/cxf/soap` */
	readonly soapUrl: string;
	/** `${url}/mc/cxf/soap?wsdl` */
	readonly wsdlUrl: string;
	/** `${url}/mc/cxf/rest/json` */
	readonly restBaseUrl: string;
	/** `${url}/mc/cxf/rest?_wadl` */
	readonly wadlUrl: string;
	/** Live model: channels, services, agents, sessions. */
	readonly state: TvoxState;
	/** Live protocol settings (reset() restores the start options). */
	readonly config: TvoxSimConfig;
	/** WSDL documents served since the start or the last reset. */
	readonly wsdlFetches: number;
	/** Change protocol settings, e.g. `{ version: '1.0.1' }` to simulate an upgrade. */
	configure(patch: Partial<TvoxSimConfig>): void;
}

function isSoapPath(path: string): boolean {
	return path === MCC_SOAP_PATH || path === `${MCC_SOAP_PATH}/`;
}

function hasQueryKey(request: SimRequest, name: string): boolean {
	return [...request.query.keys()].some((key) => key.toLowerCase() === name.toLowerCase());
}

function restSubPath(path: string): string | undefined {
	const prefix = `${MCC_REST_JSON_PATH}/`;
	return path.startsWith(prefix) ? `/${path.slice(prefix.length).replace(/\/+$/, '')}` : undefined;
}

function defaults(options: TvoxSimulatorOptions): TvoxSimConfig {
	return {
		version: options.version ?? '1.0.1',
		namespace: options.namespace ?? MCC_SIM_NAMESPACE,
		paramStyle: options.paramStyle ?? 'positional',
		elementForm: options.elementForm ?? 'unqualified',
		jsonStyle: options.jsonStyle ?? 'plain',
		soapNames: { ...(options.soapNames ?? {}) },
		basicAuth: options.basicAuth ? { ...options.basicAuth } : undefined,
	};
}

function unauthorized(): SimResponse {
	return {
		status: 401,
		headers: {
			'Content-Type': 'text/html;charset=utf-8',
			'WWW-Authenticate': 'Basic realm="TVox"',
		},
		body: htmlErrorPage(401),
	};
}

/** Start the TVox MultiChannel Connector simulator (default 127.0.0.1, a free port). */
export async function startTvoxSimulator(
	options: TvoxSimulatorOptions = {},
): Promise<TvoxSimulator> {
	checkSoapNames(options.soapNames);
	const state = new TvoxState();
	const config: TvoxSimConfig = defaults(options);
	let wsdlFetches = 0;
	let baseUrl = '';

	const authorized = (request: SimRequest): boolean => {
		const auth = config.basicAuth;
		if (!auth) return true;
		const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
		return request.headers.authorization === expected;
	};

	const describe = (request: SimRequest): RouteInfo => {
		if (isSoapPath(request.path)) {
			if (request.method === 'GET' && hasQueryKey(request, 'wsdl'))
				return { operation: 'wsdl', format: 'xml' };
			// Faults and the request log name an operation by its documented name, whatever the WSDL calls it.
			const served = soapOperationOf(request.body);
			return {
				operation: operationBySoapName(config.version, config.soapNames, served)?.name ?? served,
				format: 'xml',
			};
		}
		if (request.path === MCC_REST_PATH && hasQueryKey(request, '_wadl'))
			return { operation: 'wadl', format: 'xml' };
		const sub = restSubPath(request.path);
		if (sub !== undefined) return { operation: restOperation('1.0.1', sub)?.name, format: 'json' };
		return { format: 'text' };
	};

	const handle = (request: SimRequest): SimResponse => {
		if (request.path === '/' && request.method === 'GET') {
			return textResponse(
				200,
				[
					'TVox MultiChannel Connector simulator',
					`SOAP: POST ${MCC_SOAP_PATH} (WSDL: ${MCC_SOAP_PATH}?wsdl)`,
					`REST / JSON: ${MCC_REST_JSON_PATH} (WADL: ${MCC_REST_PATH}?_wadl)`,
					'Control: /__sim/state, /__sim/reset, /__sim/faults',
					'',
				].join('\n'),
			);
		}
		if (!authorized(request)) return unauthorized();
		if (isSoapPath(request.path)) {
			if (request.method === 'GET' && hasQueryKey(request, 'wsdl')) {
				wsdlFetches += 1;
				const host = request.headers.host ? `http://${request.headers.host}` : baseUrl;
				return textResponse(
					200,
					writeWsdl({
						namespace: config.namespace,
						version: config.version,
						paramStyle: config.paramStyle,
						elementForm: config.elementForm,
						address: `${host}${MCC_SOAP_PATH}`,
						soapNames: config.soapNames,
					}),
					'text/xml;charset=UTF-8',
				);
			}
			if (request.method !== 'POST') {
				return {
					status: 500,
					headers: { 'Content-Type': SOAP_CONTENT_TYPE },
					body: writeSoapFault({
						faultcode: 'soapenv:Server',
						faultstring: `No such operation: (HTTP ${request.method} PATH_INFO: ${request.path})`,
					}),
				};
			}
			return handleSoapRequest(state, config, request.body);
		}
		if (
			request.path === MCC_REST_PATH &&
			request.method === 'GET' &&
			hasQueryKey(request, '_wadl')
		) {
			const host = request.headers.host ? `http://${request.headers.host}` : baseUrl;
			return textResponse(
				200,
				writeWadl(config.version, `${host}${MCC_REST_PATH}`),
				'application/xml',
			);
		}
		const sub = restSubPath(request.path);
		if (sub !== undefined) return handleRestRequest(state, config, request, sub);
		return { status: 404, headers: {} };
	};

	const failResponse = (fault: FailFault, request: SimRequest, info: RouteInfo): SimResponse => {
		const op = operationNamed(info.operation);
		if (!op) return textResponse(fault.status ?? 500, fault.message ?? 'Simulated failure');
		const result = {
			result: 'FAILED',
			failReason: String(fault.code),
			failReasonMessage: fault.message ?? 'Simulated failure',
		};
		if (info.format === 'xml')
			return soapAnswer(op, config.namespace, result, config.elementForm, config.soapNames);
		return jsonResponse(fault.status ?? 200, restBody(op, result, config.jsonStyle));
	};

	const hugeTemplate = (_request: SimRequest, info: RouteInfo): HugeTemplate | undefined => {
		if (info.format === 'xml') {
			const check = `${soapNameOf(operationNamed('checkSessionState')!, config.soapNames)}Response`;
			return {
				contentType: SOAP_CONTENT_TYPE,
				head:
					`<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}"><soap:Body>` +
					`<ns2:${check} xmlns:ns2="${config.namespace}"><return><result>SUCCESS</result><customMessage>`,
				item: 'simulated padding simulated padding',
				separator: ' ',
				tail: `</customMessage></return></ns2:${check}></soap:Body></soap:Envelope>`,
			};
		}
		if (info.format === 'json') {
			return {
				contentType: 'application/json; charset=utf-8',
				head: '{"result":"SUCCESS","customMessage":"',
				item: 'simulated padding simulated padding',
				separator: ' ',
				tail: '"}',
			};
		}
		return undefined;
	};

	/** A body that cannot be read, refused as CXF does: a SOAP Client fault, or a 400 text on REST. */
	const refuseBody = (request: SimRequest, _info: RouteInfo, reason: string): SimResponse => {
		if (isSoapPath(request.path))
			return fault('Client', `Error reading XMLStreamReader: ${reason}`);
		return textResponse(400, reason);
	};

	const definition: SimulatorDefinition = {
		name: 'TVox',
		describe,
		handle,
		failResponse,
		refuseBody,
		hugeTemplate,
		reset: () => {
			state.reset();
			Object.assign(config, defaults(options));
			wsdlFetches = 0;
		},
		dumpState: () => ({
			config: {
				...config,
				basicAuth: config.basicAuth
					? { username: config.basicAuth.username, password: SECRET_MASK }
					: undefined,
			},
			wsdlFetches,
			...(state.dump() as object),
		}),
	};
	const server = await startSimServer(definition, options);
	baseUrl = server.url;
	const simulator = Object.assign(server, {
		soapUrl: `${server.url}${MCC_SOAP_PATH}`,
		wsdlUrl: `${server.url}${MCC_SOAP_PATH}?wsdl`,
		restBaseUrl: `${server.url}${MCC_REST_JSON_PATH}`,
		wadlUrl: `${server.url}${MCC_REST_PATH}?_wadl`,
		state,
		config,
		configure(patch: Partial<TvoxSimConfig>) {
			if (patch.soapNames) checkSoapNames(patch.soapNames);
			Object.assign(config, patch);
		},
	});
	Object.defineProperty(simulator, 'wsdlFetches', { enumerable: true, get: () => wsdlFetches });
	return simulator as TvoxSimulator;
}
