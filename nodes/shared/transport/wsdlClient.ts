import type { AxiosResponse } from 'axios';
import { createHash } from 'node:crypto';
import * as soap from 'soap';

import { describeUnknown, redact, RemoteError, remoteError, type RemoteErrorInfo } from '../remoteError';
import { parseXml, rootOf, XmlSafetyError, type XmlElement, type XmlValue } from '../xml';
import {
	bodyExcerpt,
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_TIMEOUT_MS,
	isHtml,
	pooledAxios,
	transportFailure,
	type HttpResponse,
} from './http';
import type { AnswerSource } from './answers';
import { readSoapAnswer, type SoapFaultDescriber } from './soap';

/**
 * SOAP services driven by their own WSDL: the `soap` package builds a client from the server's
 * WSDL and sends every request through the pack's pooled keep-alive axios client.
 *
 * - A client is built once per WSDL URL, endpoint, TLS policy and headers (authentication) and
 *   kept for the life of the process, shared by every item and execution.
 * - A WSDL that changed is picked up when an operation is missing from the cached client, or
 *   when the server refuses a call as an unknown operation: the client is rebuilt once.
 * - Every exchange has a total deadline and a size cap. Answers are checked before the `soap`
 *   package reads them: HTML pages, malformed or truncated XML, DTDs, HTTP errors and SOAP
 *   Faults become RemoteErrors (faultcode and faultstring named); WSDL documents may only refer
 *   to documents on the server they came from.
 * - Nothing of the `soap` package's own errors (which carry the request and response) reaches
 *   the caller: only RemoteErrors with plain, secret-free texts.
 */

export interface WsdlServiceOptions {
	/** Name of the remote system, used in error messages. */
	system: string;
	/** The WSDL's URL (http or https). */
	wsdlUrl: string;
	/** Where calls are sent; default: the address in the WSDL. */
	endpointUrl?: string;
	ignoreSslIssues?: boolean;
	/** Deadline of each exchange (WSDL documents and calls). */
	timeoutMs?: number;
	maxResponseBytes?: number;
	/** Sent with every request (e.g. Authorization). Part of the client's identity. */
	headers?: Record<string, string>;
	/** Values that must never appear in an error text. */
	secrets?: () => readonly (string | undefined)[];
	/** What a fault's detail means in the system's own terms. */
	describeFault?: SoapFaultDescriber;
	/** A sentence added when the WSDL does not offer an operation. */
	missingOperationHint?: (operation: string) => string | undefined;
	/** Fault texts that mean "no such operation" (the server dispatches by a WSDL other than ours). */
	unknownOperationFault?: RegExp;
}

/** An element of an operation's input, as the WSDL declares it. */
export interface WsdlElement {
	name: string;
	/** Declared with maxOccurs > 1. */
	repeated: boolean;
	/** Child elements of a complex type. */
	children?: WsdlElement[];
}

export interface WsdlOperation {
	name: string;
	/** The input wrapper's child elements, in WSDL order. */
	input: WsdlElement[];
}

/** Builds the call's arguments from the operation as the WSDL declares it. */
export type ArgumentBuilder = (operation: WsdlOperation) => Record<string, unknown>;

/** Apache CXF's (and other stacks') texts for a request element it cannot dispatch. */
export const DEFAULT_UNKNOWN_OPERATION_FAULT =
	/Unexpected wrapper element|No binding operation info|was not recognized|Cannot find dispatch method|unknown operation|unknown method|No such operation/i;

const XML_NAMESPACE_KEYS = new Set(['targetNSAlias', 'targetNamespace']);


/** Deadline given to one exchange through soap's request options. */
const DEADLINE_OPTION = 'deadlineMs';

interface LoadedService {
	client: soap.Client;
	operations: Map<string, WsdlOperation>;
}

const services = new Map<string, Promise<LoadedService>>();

/** Drop every cached WSDL client (tests, shutdown). */
export function forgetWsdlClients(): void {
	services.clear();
}

/** Number of cached WSDL clients. */
export function cachedWsdlClients(): number {
	return services.size;
}

// ---------------------------------------------------------------------------------------------
// Reading answers before the soap package does

/** Errors that mean the server did not know the operation: the WSDL may have changed. */
const unknownOperationErrors = new WeakSet<RemoteError>();

function shortText(text: string, max = 200): string {
	const line = text.split(/\r?\n/)[0].trim();
	return line.length > max ? `${line.slice(0, max)}…` : line;
}

function responseOf(response: AxiosResponse, url: string, body: string): HttpResponse {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries((response.headers ?? {}) as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return { status: response.status, headers, body, url };
}

interface GuardSettings {
	system: string;
	/** Origin documents may come from. */
	origin: string;
	timeoutMs: number;
	maxBytes: number;
	headers: Record<string, string>;
	secrets: () => readonly (string | undefined)[];
	describeFault?: SoapFaultDescriber;
	unknownOperationFault: RegExp;
}

/** Every `location` / `schemaLocation` a WSDL or schema refers to. */
function referencedLocations(doc: XmlElement): string[] {
	const found: string[] = [];
	const stack: XmlValue[] = [doc];
	while (stack.length) {
		const current = stack.pop()!;
		if (Array.isArray(current)) {
			for (const entry of current) stack.push(entry);
			continue;
		}
		if (typeof current !== 'object') continue;
		for (const key of Object.keys(current)) {
			const value = current[key];
			if ((key === 'import' || key === 'include' || key === 'redefine') && typeof value === 'object') {
				for (const element of Array.isArray(value) ? value : [value]) {
					if (typeof element !== 'object' || Array.isArray(element)) continue;
					for (const attr of ['@_location', '@_schemaLocation']) {
						const location = element[attr];
						if (typeof location === 'string') found.push(location);
					}
				}
			}
			if (!key.startsWith('@_') && typeof value === 'object') stack.push(value);
		}
	}
	return found;
}

class Guard {
	constructor(readonly settings: GuardSettings) {}

	fail(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		return remoteError(redact(message, this.settings.secrets()), { system: this.settings.system, ...info });
	}

	/** Who answers, for the shared answer readers. */
	get source(): AnswerSource {
		return { options: { system: this.settings.system }, secretValues: () => this.settings.secrets() };
	}

	/** A request that could not be completed: timeout, size cap, network. */
	transportError(error: unknown, what: string, where: string, timeoutMs: number): RemoteError {
		return transportFailure(error, {
			system: this.settings.system,
			what,
			where,
			timeoutMs,
			maxBytes: this.settings.maxBytes,
			secrets: this.settings.secrets(),
		});
	}

	/** Checks a WSDL or schema document; undefined when it may be handed to the soap package. */
	checkDocument(response: HttpResponse, url: string): RemoteError | undefined {
		const system = this.settings.system;
		const secrets = this.settings.secrets();
		const body = response.body;
		const what = `the WSDL document ${url}`;
		if (response.status === 401 || response.status === 403) {
			return this.fail(`${system} refused ${what} with HTTP ${response.status}`, {
				kind: 'auth',
				httpStatus: response.status,
				hint: 'Check the username and password of the credential.',
			});
		}
		if (body.trim() !== '' && isHtml(response)) {
			return this.fail(
				`${system} answered the request for ${what} with an HTML page (HTTP ${response.status}: "${bodyExcerpt(body, secrets)}")`,
				{
					kind: 'response',
					httpStatus: response.status,
					transient: response.status >= 502 && response.status <= 504,
					hint: 'A proxy, login page or wrong URL answered instead of the SOAP service. Check the host in the credential.',
				},
			);
		}
		if (response.status !== 200) {
			const location = response.headers.location;
			return this.fail(`${system} answered the request for ${what} with HTTP ${response.status}`, {
				kind: 'http',
				httpStatus: response.status,
				transient: response.status >= 502 && response.status <= 504,
				serverMessage: body.trim() ? bodyExcerpt(body, secrets) : undefined,
				hint:
					response.status >= 300 && response.status < 400 && location
						? `The server redirects to ${shortText(location, 120)}: use that address in the credential.`
						: 'Check the host in the credential.',
			});
		}
		let parsed: XmlElement;
		let root: string;
		try {
			parsed = parseXml(body, { removeNamespacePrefix: true, maxBytes: this.settings.maxBytes });
			root = rootOf(parsed).name;
		} catch (error) {
			return this.fail(`${system} sent ${what}, which cannot be read: ${describeUnknown(error)}`, {
				kind: 'response',
				httpStatus: response.status,
				hint:
					error instanceof XmlSafetyError && error.reason === 'dtd'
						? 'The document contained a DTD, which is refused for safety.'
						: 'The document was malformed, truncated or not XML.',
			});
		}
		if (root !== 'definitions' && root !== 'schema') {
			return this.fail(`${system} sent ${what}, which is not a WSDL (its root element is <${root}>)`, {
				kind: 'response',
				httpStatus: response.status,
				hint: 'Check the host in the credential: the URL with ?wsdl should answer with the service description.',
			});
		}
		for (const location of referencedLocations(parsed)) {
			let target: URL | undefined;
			try {
				target = new URL(location, url);
			} catch {
				target = undefined;
			}
			if (!target || target.origin !== this.settings.origin || !/^https?:$/.test(target.protocol)) {
				return this.fail(`${system} sent ${what}, which refers to a document elsewhere ("${shortText(location, 120)}")`, {
					kind: 'response',
					hint: 'Only documents on the same server as the WSDL are read.',
				});
			}
		}
		return undefined;
	}

	/** Checks a call's answer; undefined when it is a SOAP envelope the soap package may read. */
	checkEnvelope(response: HttpResponse, operation: string): RemoteError | undefined {
		const answer = readSoapAnswer(this.source, response, operation, {
			describeFault: this.settings.describeFault,
			maxBytes: this.settings.maxBytes,
			urlHint: 'Check the host in the credential.',
		});
		if (!answer.error) return undefined;
		if (answer.fault && this.settings.unknownOperationFault.test(answer.fault.faultstring)) {
			unknownOperationErrors.add(answer.error);
		}
		return answer.error;
	}
}

type RequestCallback = (error: unknown, response?: unknown, body?: unknown) => unknown;

/**
 * The soap package's HTTP client on the pooled axios instance, with deadlines, size caps and
 * every answer checked before the package reads it.
 */
class GuardedHttpClient extends soap.HttpClient {
	constructor(
		private readonly guard: Guard,
		request: ReturnType<typeof pooledAxios>,
	) {
		super({ request });
	}

	request(
		rurl: string,
		data: unknown,
		callback: RequestCallback,
		exheaders?: Record<string, unknown>,
		exoptions?: Record<string, unknown>,
	): ReturnType<soap.HttpClient['request']> {
		const settings = this.guard.settings;
		const document = data === null || data === undefined;
		const { [DEADLINE_OPTION]: deadline, ...options } = exoptions ?? {};
		const timeoutMs = typeof deadline === 'number' && deadline > 0 ? deadline : settings.timeoutMs;
		let target: URL | undefined;
		try {
			target = new URL(rurl);
		} catch {
			target = undefined;
		}
		const operation = typeof options.operation === 'string' ? options.operation : 'the call';
		delete options.operation;
		if (!target || !/^https?:$/.test(target.protocol) || (document && target.origin !== settings.origin)) {
			const refused = this.guard.fail(`${settings.system}: refused to request "${shortText(rurl, 120)}"`, {
				kind: 'network',
				hint: 'Only http and https URLs on the server of the WSDL are requested.',
			});
			queueMicrotask(() => callback(refused));
			return Promise.resolve(undefined) as unknown as ReturnType<soap.HttpClient['request']>;
		}
		const where = `${target.origin}${target.pathname}${document ? target.search : ''}`;
		const what = document ? `GET ${where}` : `${operation} at ${where}`;
		return super.request(
			rurl,
			data,
			(error: unknown, response?: AxiosResponse, body?: unknown) => {
				if (error) {
					callback(this.guard.transportError(error, what, where, timeoutMs));
					return;
				}
				const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : String(body);
				const http = responseOf(response!, where, text);
				const problem = document
					? this.guard.checkDocument(http, `${target.origin}${target.pathname}${target.search}`)
					: this.guard.checkEnvelope(http, operation);
				if (problem) {
					callback(problem);
					return;
				}
				callback(null, response, body);
			},
			{ ...(exheaders ?? {}), ...settings.headers },
			{
				...options,
				timeout: timeoutMs,
				signal: AbortSignal.timeout(timeoutMs),
				maxContentLength: settings.maxBytes,
				maxBodyLength: Infinity,
			},
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Operations as the WSDL declares them

function elementsOf(description: unknown): WsdlElement[] {
	if (!description || typeof description !== 'object') return [];
	const out: WsdlElement[] = [];
	for (const [key, value] of Object.entries(description as Record<string, unknown>)) {
		if (XML_NAMESPACE_KEYS.has(key)) continue;
		const repeated = key.endsWith('[]');
		const name = repeated ? key.slice(0, -2) : key;
		const element: WsdlElement = { name, repeated };
		if (value && typeof value === 'object') element.children = elementsOf(value);
		out.push(element);
	}
	return out;
}

function operationsOf(client: soap.Client): Map<string, WsdlOperation> {
	const operations = new Map<string, WsdlOperation>();
	const described = client.describe() as Record<string, Record<string, Record<string, { input?: unknown }>>>;
	for (const service of Object.values(described ?? {})) {
		for (const port of Object.values(service ?? {})) {
			for (const [name, operation] of Object.entries(port ?? {})) {
				if (!operations.has(name)) operations.set(name, { name, input: elementsOf(operation?.input) });
			}
		}
	}
	return operations;
}

/** A readable text of whatever the soap package threw. */
function soapErrorText(error: unknown): string {
	const fault = (error as { Fault?: { faultstring?: unknown; detail?: unknown } })?.Fault;
	if (fault && typeof fault === 'object') {
		return [fault.faultstring, fault.detail].filter((v) => typeof v === 'string' && v).join(': ') || 'Invalid XML';
	}
	return shortText(describeUnknown(error));
}

// ---------------------------------------------------------------------------------------------
// The service

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** One SOAP service, called through a WSDL client shared by the whole process. */
export class WsdlService {
	private readonly key: string;

	/** This instance fetched the WSDL already: a missing operation is not worth another look. */
	private refreshed = false;

	constructor(readonly options: WsdlServiceOptions) {
		const headers = Object.entries(options.headers ?? {})
			.map(([name, value]) => [name.toLowerCase(), value])
			.sort(([a], [b]) => a.localeCompare(b));
		this.key = [
			options.wsdlUrl.trim(),
			options.endpointUrl?.trim() ?? '',
			options.ignoreSslIssues ? 'insecure' : 'strict',
			options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
			sha256(JSON.stringify(headers)),
		].join('|');
	}

	private get system(): string {
		return this.options.system;
	}

	private get timeoutMs(): number {
		return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	}

	private secrets(): readonly (string | undefined)[] {
		return this.options.secrets?.() ?? [];
	}

	private fail(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		return remoteError(redact(message, this.secrets()), { system: this.system, ...info });
	}

	private wsdlTarget(): URL {
		const raw = this.options.wsdlUrl.trim();
		let target: URL | undefined;
		try {
			target = new URL(raw);
		} catch {
			target = undefined;
		}
		if (!target || !/^https?:$/.test(target.protocol)) {
			throw this.fail(`Invalid ${this.system} WSDL URL "${raw}"`, {
				kind: 'network',
				hint: 'Check the host in the credential: the URL must start with http:// or https://.',
			});
		}
		return target;
	}

	/** Fetch and read the WSDL, and build the client (not cached). */
	private async load(): Promise<LoadedService> {
		const target = this.wsdlTarget();
		const guard = new Guard({
			system: this.system,
			origin: target.origin,
			timeoutMs: this.timeoutMs,
			maxBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
			headers: { ...(this.options.headers ?? {}) },
			secrets: () => this.secrets(),
			describeFault: this.options.describeFault,
			unknownOperationFault: this.options.unknownOperationFault ?? DEFAULT_UNKNOWN_OPERATION_FAULT,
		});
		const httpClient = new GuardedHttpClient(guard, pooledAxios(target.href, this.options.ignoreSslIssues ?? false));
		const created = await soap
			.createClientAsync(target.href, {
				httpClient,
				disableCache: true,
				endpoint: this.options.endpointUrl,
				handleNilAsNull: true,
			})
			.then(
				(client) => ({ client }),
				(error: unknown) => ({ error }),
			);
		if ('error' in created) {
			if (created.error instanceof RemoteError) throw created.error;
			throw this.fail(
				`${this.system} sent a WSDL at ${target.href} that cannot be used: ${soapErrorText(created.error)}`,
				{ kind: 'response', hint: 'The service description could not be read as a SOAP 1.1 WSDL.' },
			);
		}
		let operations: Map<string, WsdlOperation> | undefined;
		let reason = '';
		try {
			operations = operationsOf(created.client);
		} catch (error) {
			reason = soapErrorText(error);
		}
		if (!operations) {
			throw this.fail(`${this.system} sent a WSDL at ${target.href} whose operations cannot be read: ${reason}`, {
				kind: 'response',
			});
		}
		return { client: created.client, operations };
	}

	/**
	 * The cached client, loading it when there is none. With `stale`, that client is replaced
	 * (unless another caller replaced it already). `loaded` tells whether this call fetched the WSDL.
	 */
	private async service(stale?: Promise<LoadedService>): Promise<{ pending: Promise<LoadedService>; loaded: boolean }> {
		const current = services.get(this.key);
		if (current && current !== stale) return { pending: current, loaded: false };
		const pending = this.load();
		services.set(this.key, pending);
		pending.catch(() => {
			if (services.get(this.key) === pending) services.delete(this.key);
		});
		return { pending, loaded: true };
	}

	/** The operations of the WSDL (the cached client's). */
	async operations(): Promise<WsdlOperation[]> {
		const { pending } = await this.service();
		return [...(await pending).operations.values()];
	}

	/** Fetch the WSDL now, bypassing and not touching the cache: proves the service is reachable. */
	async probe(): Promise<WsdlOperation[]> {
		return [...(await this.load()).operations.values()];
	}

	private missingOperation(operation: string): RemoteError {
		const hint = this.options.missingOperationHint?.(operation);
		return this.fail(`The ${this.system} WSDL at ${this.options.wsdlUrl.trim()} has no operation "${operation}"`, {
			kind: 'remote',
			operation,
			hint: hint ?? 'The server does not offer this operation.',
		});
	}

	/**
	 * Call an operation. The arguments are built from the operation as the WSDL declares it;
	 * the answer is the response wrapper's content as the soap package reads it. When the cached
	 * client lacks the operation, or the server refuses the call as an unknown operation, the
	 * WSDL is fetched again (once per instance) and the call made with the new client.
	 */
	async call(operation: string, build: ArgumentBuilder): Promise<unknown> {
		const cached = await this.service();
		if (cached.loaded) this.refreshed = true;
		let pending = cached.pending;
		let service = await pending;
		if (!service.operations.has(operation) && !this.refreshed) {
			this.refreshed = true;
			({ pending } = await this.service(pending));
			service = await pending;
		}
		const first = await this.invoke(service, operation, build).then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		if ('result' in first) return first.result;
		if (!this.refreshed && first.error instanceof RemoteError && unknownOperationErrors.has(first.error)) {
			this.refreshed = true;
			({ pending } = await this.service(pending));
			return await this.invoke(await pending, operation, build);
		}
		throw first.error;
	}

	private async invoke(service: LoadedService, operation: string, build: ArgumentBuilder): Promise<unknown> {
		const declared = service.operations.get(operation);
		const method = declared
			? (service.client as unknown as Record<string, unknown>)[`${operation}Async`]
			: undefined;
		if (!declared || typeof method !== 'function') throw this.missingOperation(operation);
		const args = build(declared);
		const outcome = await (method as soap.SoapMethodAsync)
			.call(service.client, args, { [DEADLINE_OPTION]: this.timeoutMs, operation })
			.then(
				([result]) => ({ result: result as unknown }),
				(error: unknown) => ({ error }),
			);
		if ('result' in outcome) return outcome.result;
		if (outcome.error instanceof RemoteError) throw outcome.error;
		throw this.fail(`${this.system} sent an answer to ${operation} that cannot be read: ${soapErrorText(outcome.error)}`, {
			kind: 'response',
			operation,
			hint: 'The answer does not match the WSDL.',
		});
	}
}
