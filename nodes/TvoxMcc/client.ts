import type { IDataObject } from 'n8n-workflow';

import { RemoteError, remoteError } from '../shared/errors';
import { nodeShell, type ClientOptions } from '../shared/nodeShell';
import { HttpEndpoint } from '../shared/transport/http';
import { RestTransport, type RestResult } from '../shared/transport/rest';
import {
	findOperation,
	WsdlService,
	type OperationLookup,
	type WsdlElement,
	type WsdlOperation,
} from '../shared/transport/wsdlClient';
import {
	CREDENTIAL_TEST_SESSION_ID,
	DEFAULT_TIMEOUT_MS,
	JSON_ROOT_SET_SESSION_DATA_REQUEST,
	MCC_BASE_PATH,
	MCC_REST_JSON_PATH,
	MCC_REST_PATH,
	MCC_SOAP_PATH,
} from './constants';
import {
	checkSessionState,
	OPERATIONS,
	restPathName,
	SYSTEM,
	type TvoxArgument,
	type TvoxMethod,
	type TvoxRequest,
	type TvoxResponse,
} from './operations';

export type TvoxProtocol = 'soap' | 'rest';

export interface TvoxCredentials {
	/** Host name, or a base URL (`https://tvox.example.com`, with or without `/mc/cxf/…`). */
	baseUrl: string;
	protocol: TvoxProtocol;
	authentication?: 'none' | 'basicAuth';
	username?: string;
	password?: string;
	ignoreSslIssues?: boolean;
	/** The credential's answer deadline in milliseconds (the node shell turns it into the client's). */
	timeout?: number;
}

/**
 * The server's base URL: a bare host gets https://; a trailing `/mc/cxf/soap`, `/mc/cxf/rest/json`,
 * `/mc/cxf/rest` or `/mc/cxf`, a query (`?wsdl`) and trailing slashes are removed.
 */
export function tvoxBaseUrl(input: string): string {
	let url = (input ?? '').trim();
	if (!url) return '';
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
	url = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
	for (const suffix of [MCC_SOAP_PATH, MCC_REST_JSON_PATH, MCC_REST_PATH, MCC_BASE_PATH]) {
		if (url.toLowerCase().endsWith(suffix.toLowerCase())) {
			url = url.slice(0, -suffix.length).replace(/\/+$/, '');
			break;
		}
	}
	return url;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The result object inside an answer: JAX-WS wraps it in `return`, Apache CXF's JSON provider
 * may wrap it in its root element (`{ "startSessionResult": { … } }`). One key holding an object
 * that is not a documented field of the result is such a wrapper.
 */
export function unwrapResult(
	method: TvoxMethod,
	value: unknown,
): { result: IDataObject; wrapped: boolean } {
	if (!isRecord(value)) {
		throw remoteError(
			`${SYSTEM} answered ${method.soapOperation} with something that is not a ${method.resultType}`,
			{
				kind: 'response',
				system: SYSTEM,
				operation: method.soapOperation,
				hint: 'An object with a result field was expected. Check the host and protocol in the credential.',
			},
		);
	}
	const keys = Object.keys(value).filter((k) => k !== 'attributes');
	const documented = new Set(method.fields.map((f) => f.name.toLowerCase()));
	if (keys.length === 1 && isRecord(value[keys[0]]) && !documented.has(keys[0].toLowerCase())) {
		return { result: unwrapResult(method, value[keys[0]]).result, wrapped: true };
	}
	return { result: value as IDataObject, wrapped: false };
}

// JSON body forms learned per REST base URL: Jettison (CXF's default) wants the root element.
type JsonForm = 'plain' | 'wrapped';
const jsonForms = new Map<string, JsonForm>();

/** Forget what was learned about servers' JSON forms (tests). */
export function forgetTvoxJsonForms(): void {
	jsonForms.clear();
}

function wsdlElementFor(
	elements: WsdlElement[],
	name: string,
	index: number,
): WsdlElement | undefined {
	const byName = elements.find((e) => e.name.toLowerCase() === name.toLowerCase());
	if (byName) return byName;
	const positional = elements[index];
	return positional && /^arg\d+$/.test(positional.name) ? positional : undefined;
}

function mismatch(method: TvoxMethod, detail: string) {
	return remoteError(`The ${SYSTEM} WSDL declares ${method.soapOperation} differently: ${detail}`, {
		kind: 'response',
		system: SYSTEM,
		operation: method.soapOperation,
		hint: 'The server runs a MultiChannel Connector whose interface differs from the documented one.',
	});
}

/** The SOAP arguments of a request, named as the server's WSDL names the input elements. */
export function soapArguments(
	request: TvoxRequest,
	operation: WsdlOperation,
): Record<string, unknown> {
	const { method, args } = request;
	const values = new Map(args.map((a) => [a.name, a.value]));
	if (method.requestType) {
		const wrapper = operation.input[0];
		if (!wrapper?.children) throw mismatch(method, `no ${method.requestType} element`);
		const struct: Record<string, unknown> = {};
		method.parameters.forEach((name, index) => {
			const value = values.get(name);
			if (value === undefined) return;
			const element = wsdlElementFor(wrapper.children!, name, index);
			if (!element) throw mismatch(method, `no element for ${name}`);
			struct[element.name] = value;
		});
		return { [wrapper.name]: struct };
	}
	const out: Record<string, unknown> = {};
	method.parameters.forEach((name, index) => {
		const value = values.get(name);
		if (value === undefined) return;
		const element = wsdlElementFor(operation.input, name, index);
		if (!element) throw mismatch(method, `no element for ${name}`);
		out[element.name] = Array.isArray(value) && !element.repeated ? value.join(',') : value;
	});
	return out;
}

/** The query string of a GET request (repeated names for sets). */
export function restQuery(args: TvoxArgument[]): string {
	const query = new URLSearchParams();
	for (const arg of args) {
		for (const value of Array.isArray(arg.value) ? arg.value : [arg.value])
			query.append(arg.name, String(value));
	}
	const text = query.toString();
	return text ? `?${text}` : '';
}

/**
 * How a method's SOAP operation is found in the server's WSDL: by its documented name, then by
 * its REST path's name, then regardless of case by its known variants (for the methods whose
 * SOAP name is not published) or by those two names.
 */
export function soapLookup(method: TvoxMethod): OperationLookup {
	const exact = [...new Set([method.soapOperation, restPathName(method)])];
	return { name: method.soapOperation, exact, anyCase: method.soapVariants ?? exact };
}

function missingOperationHint(operation: string): string | undefined {
	const method = OPERATIONS.find((op) => op.method.soapOperation === operation)?.method;
	if (method?.since === '1.0.1') {
		return `${operation} came with MultiChannel Connector 1.0.1; the server seems to run an older version.`;
	}
	return undefined;
}

/** The values of a credential that must never appear in a message or output. */
export function credentialSecrets(c: TvoxCredentials): string[] {
	if (c.authentication !== 'basicAuth' || !c.password) return [];
	return [c.password, Buffer.from(`${c.username ?? ''}:${c.password}`).toString('base64')];
}

interface RestSide {
	protocol: 'rest';
	rest: RestTransport;
	/** The JSON API's base URL, the key of the body form this server accepted. */
	base: string;
}

type Transport = { protocol: 'soap'; soap: WsdlService } | RestSide;

/**
 * Everything the node sends goes through here: the protocol of the credential (SOAP through
 * the server's WSDL, or REST / JSON), Basic authentication when configured, and the answer
 * unwrapped into the result object.
 */
export class TvoxClient {
	readonly baseUrl: string;

	/** Only the transport of the credential's protocol is built. */
	private readonly transport: Transport;

	private readonly headers: Record<string, string> = {};

	constructor(
		private readonly credentials: TvoxCredentials,
		options: ClientOptions = {},
	) {
		this.baseUrl = tvoxBaseUrl(credentials.baseUrl);
		const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		if (credentials.authentication === 'basicAuth') {
			this.headers.Authorization = `Basic ${this.basicToken()}`;
		}
		const secrets = () => this.secrets();
		const ignoreSslIssues = credentials.ignoreSslIssues ?? false;
		if (this.protocol === 'soap') {
			this.transport = {
				protocol: 'soap',
				soap: new WsdlService({
					system: SYSTEM,
					wsdlUrl: `${this.baseUrl}${MCC_SOAP_PATH}?wsdl`,
					endpointUrl: `${this.baseUrl}${MCC_SOAP_PATH}`,
					ignoreSslIssues,
					timeoutMs,
					headers: this.headers,
					secrets,
					missingOperationHint,
				}),
			};
		} else {
			const base = `${this.baseUrl}${MCC_REST_JSON_PATH}`;
			this.transport = {
				protocol: 'rest',
				base,
				rest: new RestTransport(
					new HttpEndpoint({ system: SYSTEM, baseUrl: base, ignoreSslIssues, timeoutMs, secrets }),
				),
			};
		}
	}

	get protocol(): TvoxProtocol {
		return this.credentials.protocol === 'rest' ? 'rest' : 'soap';
	}

	private basicToken(): string {
		return Buffer.from(
			`${this.credentials.username ?? ''}:${this.credentials.password ?? ''}`,
		).toString('base64');
	}

	/** Every value that must never appear in a message or output. */
	secrets(): string[] {
		return credentialSecrets(this.credentials);
	}

	/** Send one request over the credential's protocol; the answer is the unwrapped result object. */
	async send(request: TvoxRequest): Promise<TvoxResponse> {
		const transport = this.transport;
		if (transport.protocol === 'soap') {
			const answer = await transport.soap.call(soapLookup(request.method), (operation) =>
				soapArguments(request, operation),
			);
			return unwrapResult(request.method, answer).result;
		}
		const result =
			request.method.rest.method === 'PUT'
				? await this.put(transport, request)
				: await this.get(transport, request);
		const { result: unwrapped, wrapped } = unwrapResult(request.method, result.data);
		if (wrapped && !jsonForms.has(transport.base)) jsonForms.set(transport.base, 'wrapped');
		return unwrapped;
	}

	private async get(transport: RestSide, request: TvoxRequest): Promise<RestResult> {
		const { method } = request;
		return await transport.rest.request(
			{
				method: 'GET',
				path: `${method.rest.path}${restQuery(request.args)}`,
				headers: this.headers,
			},
			{ operation: method.soapOperation },
		);
	}

	/**
	 * PUT with a JSON body. Servers differ on whether the body carries its root element; the form
	 * this server accepted is remembered, and a 400 / 415 answer to one form is retried once with
	 * the other (the server refused the body, so nothing was done).
	 */
	private async put(transport: RestSide, request: TvoxRequest): Promise<RestResult> {
		const { method } = request;
		const body: Record<string, unknown> = {};
		for (const arg of request.args) body[arg.name] = arg.value;
		const send = async (form: JsonForm) =>
			await transport.rest.request(
				{
					method: 'PUT',
					path: method.rest.path,
					body: form === 'wrapped' ? { [JSON_ROOT_SET_SESSION_DATA_REQUEST]: body } : body,
					headers: this.headers,
				},
				{ operation: method.soapOperation },
			);
		const preferred = jsonForms.get(transport.base) ?? 'plain';
		const first = await send(preferred).then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		if ('result' in first) {
			jsonForms.set(transport.base, preferred);
			return first.result;
		}
		const refused =
			first.error instanceof RemoteError &&
			(first.error.info.httpStatus === 400 || first.error.info.httpStatus === 415);
		if (!refused) throw first.error;
		const other: JsonForm = preferred === 'plain' ? 'wrapped' : 'plain';
		const second = await send(other);
		jsonForms.set(transport.base, other);
		return second;
	}

	/**
	 * A real call that proves the credential works: SOAP fetches the WSDL and reads its
	 * operations; REST checks a session that does not exist (a harmless read). Returns a note.
	 */
	async verify(): Promise<string> {
		if (this.transport.protocol === 'soap') {
			const offered = (await this.transport.soap.probe()).map((op) => op.name);
			const missing: string[] = [];
			const renamed: string[] = [];
			for (const { method } of OPERATIONS) {
				const found = findOperation(offered, soapLookup(method));
				if (found === undefined) missing.push(method.soapOperation);
				else if (found !== method.soapOperation)
					renamed.push(`${method.soapOperation} as ${found}`);
			}
			const notes = [
				missing.length ? `the WSDL lacks ${missing.join(', ')}` : '',
				renamed.length ? `it offers ${renamed.join(', ')}` : '',
			].filter(Boolean);
			return notes.length ? `Connection successful; ${notes.join('; ')}` : 'Connection successful';
		}
		const answer = await this.send({
			method: checkSessionState.method,
			args: [{ name: 'sessionId', value: CREDENTIAL_TEST_SESSION_ID }],
		});
		if (answer.result === undefined) {
			throw remoteError(`${SYSTEM} answered the test call without a result`, {
				kind: 'response',
				system: SYSTEM,
				operation: checkSessionState.method.soapOperation,
				hint: 'Check the host and protocol in the credential.',
			});
		}
		return 'Connection successful';
	}
}

/** How the TVox MCC node builds its client and tests the credential. */
export const tvoxShell = nodeShell<TvoxCredentials, TvoxClient>({
	credential: 'tvoxMccApi',
	create: (credentials, options) => new TvoxClient(credentials, options),
	secrets: credentialSecrets,
});
