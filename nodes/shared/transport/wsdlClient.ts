import { createHash } from 'node:crypto';
import * as soap from 'soap';

import {
	describeUnknown,
	redact,
	RemoteError,
	remoteError,
	type RemoteErrorInfo,
} from '../remoteError';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, HttpEndpoint, pooledAxios } from './http';
import { SoapTransport, type SoapFaultDescriber, type SoapValue } from './soap';
import { resultOf } from './wsdlAnswers';
import { Guard, GuardedDocumentClient, shortText, soapErrorText } from './wsdlDocuments';
import { planOperations, type PlannedOperation, type WsdlOperation } from './wsdlOperations';

export type { WsdlElement, WsdlOperation } from './wsdlOperations';

/**
 * SOAP services driven by their own WSDL. The `soap` package fetches and reads the WSDL (through
 * the pack's pooled keep-alive axios client); every call is then written, posted and read by the
 * pack's shared SOAP transport over the shared HTTP endpoint.
 *
 * - A service is read once per WSDL URL, endpoint, TLS policy and headers (authentication) and
 *   kept for the life of the process, shared by every item and execution. From the WSDL each
 *   operation gets its endpoint address, SOAPAction, request element (name, namespace, child
 *   elements in schema order, their qualification) and response element; its envelope's tags
 *   are prepared then, so a call only escapes the values.
 * - A WSDL that changed is picked up when an operation is missing from the cached service, or
 *   when the server refuses a call as an unknown operation: the service is read again once.
 * - An operation is called by its name or found by an {@link OperationLookup} (names as written,
 *   then names regardless of case); when the WSDL has none of them, the error names the
 *   operations it does offer.
 * - Every exchange has a total deadline and a size cap. WSDL documents are checked before the
 *   `soap` package reads them (HTML pages, malformed or truncated XML, DTDs, HTTP errors, and
 *   references to documents on another server are refused); answers to calls go through the
 *   shared SOAP answer reader (HTML pages, unreadable bodies, Faults, HTTP errors).
 * - Answers are returned as the `soap` package returns them: the response element's content as
 *   objects, values typed by the WSDL's schema (numbers, booleans, dates), trimmed text, lists
 *   for elements declared with maxOccurs > 1, attributes under `attributes` (text then under
 *   `$value`), nil and empty elements as null (an empty string element as '').
 * - Nothing of the `soap` package's own errors reaches the caller: only RemoteErrors with plain,
 *   secret-free texts.
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
	/** Sent with every request (e.g. Authorization). Part of the service's identity. */
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

/** Builds the call's arguments from the operation as the WSDL declares it. */
export type ArgumentBuilder = (operation: WsdlOperation) => Record<string, unknown>;

/**
 * How an operation is found among the ones a WSDL offers, for services whose operation names
 * are not fixed: first each of `exact` as written, in order, then each of `anyCase` regardless
 * of case, in order. A plain name is looked up as written only.
 */
export interface OperationLookup {
	/** The operation's name in messages (usually its documented name). */
	name: string;
	/** Names matched as written, in order of preference. */
	exact: readonly string[];
	/** Names then matched regardless of case, in order of preference. */
	anyCase?: readonly string[];
}

function lookupOf(operation: string | OperationLookup): OperationLookup {
	return typeof operation === 'string' ? { name: operation, exact: [operation] } : operation;
}

/**
 * The offered operation a lookup finds, or undefined. Among offered names equal to a wanted
 * one regardless of case, one spelled exactly as wanted wins, else the first the WSDL declares.
 */
export function findOperation(
	offered: Iterable<string>,
	operation: string | OperationLookup,
): string | undefined {
	const lookup = lookupOf(operation);
	const names = [...offered];
	const available = new Set(names);
	for (const name of lookup.exact) if (available.has(name)) return name;
	for (const wanted of lookup.anyCase ?? []) {
		if (available.has(wanted)) return wanted;
		const lower = wanted.toLowerCase();
		const match = names.find((name) => name.toLowerCase() === lower);
		if (match !== undefined) return match;
	}
	return undefined;
}

/** Offered operation names listed in an error: this many at most. */
const MAX_LISTED_OPERATIONS = 40;

/** The offered operations as one line: sorted, at most MAX_LISTED_OPERATIONS of them. */
function offeredList(offered: readonly string[]): string {
	if (offered.length === 0) return 'it offers no operation';
	const sorted = [...offered].sort((a, b) => a.localeCompare(b));
	const shown = sorted.slice(0, MAX_LISTED_OPERATIONS).map((name) => shortText(name, 80));
	const more = sorted.length - shown.length;
	return `it offers ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Apache CXF's (and other stacks') texts for a request element it cannot dispatch. */
export const DEFAULT_UNKNOWN_OPERATION_FAULT =
	/Unexpected wrapper element|No binding operation info|was not recognized|Cannot find dispatch method|unknown operation|unknown method|No such operation/i;

const URL_HINT = 'Check the host in the credential.';

interface LoadedService {
	operations: Map<string, PlannedOperation>;
	transport: SoapTransport;
}

const services = new Map<string, Promise<LoadedService>>();

/** Drop every cached WSDL service (tests, shutdown). */
export function forgetWsdlClients(): void {
	services.clear();
}

/** Number of cached WSDL services. */
export function cachedWsdlClients(): number {
	return services.size;
}

/** Errors that mean the server did not know the operation: the WSDL may have changed. */
const unknownOperationErrors = new WeakSet<RemoteError>();

// ---------------------------------------------------------------------------------------------
// The service

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** One SOAP service, read from its WSDL once for the whole process and called through the shared SOAP transport. */
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

	private get maxBytes(): number {
		return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
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

	/** Fetch and read the WSDL, and prepare its operations (not cached). */
	private async load(): Promise<LoadedService> {
		const target = this.wsdlTarget();
		const guard = new Guard({
			system: this.system,
			origin: target.origin,
			timeoutMs: this.timeoutMs,
			maxBytes: this.maxBytes,
			headers: { ...(this.options.headers ?? {}) },
			secrets: () => this.secrets(),
		});
		const httpClient = new GuardedDocumentClient(
			guard,
			pooledAxios(target.href, this.options.ignoreSslIssues ?? false),
		);
		const created = await soap
			.createClientAsync(target.href, { httpClient, disableCache: true })
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
		let operations: Map<string, PlannedOperation> | undefined;
		let reason = '';
		try {
			operations = planOperations(created.client, this.options.endpointUrl?.trim() || undefined);
		} catch (error) {
			reason = soapErrorText(error);
		}
		if (!operations) {
			throw this.fail(
				`${this.system} sent a WSDL at ${target.href} whose operations cannot be read: ${reason}`,
				{
					kind: 'response',
				},
			);
		}
		const endpoint = new HttpEndpoint({
			system: this.system,
			baseUrl: target.href,
			ignoreSslIssues: this.options.ignoreSslIssues ?? false,
			timeoutMs: this.timeoutMs,
			maxResponseBytes: this.maxBytes,
			secrets: () => this.secrets(),
		});
		const transport = new SoapTransport(endpoint, this.options.describeFault, {
			maxBytes: this.maxBytes,
			urlHint: URL_HINT,
		});
		return { operations, transport };
	}

	/**
	 * The cached service, loading it when there is none. With `stale`, that service is replaced
	 * (unless another caller replaced it already). `loaded` tells whether this call fetched the WSDL.
	 */
	private async service(
		stale?: Promise<LoadedService>,
	): Promise<{ pending: Promise<LoadedService>; loaded: boolean }> {
		const current = services.get(this.key);
		if (current && current !== stale) return { pending: current, loaded: false };
		const pending = this.load();
		services.set(this.key, pending);
		pending.catch(() => {
			if (services.get(this.key) === pending) services.delete(this.key);
		});
		return { pending, loaded: true };
	}

	/** The operations of the WSDL (the cached service's). */
	async operations(): Promise<WsdlOperation[]> {
		const { pending } = await this.service();
		return [...(await pending).operations.values()].map(({ name, input }) => ({ name, input }));
	}

	/** Fetch the WSDL now, bypassing and not touching the cache: proves the service is reachable. */
	async probe(): Promise<WsdlOperation[]> {
		return [...(await this.load()).operations.values()].map(({ name, input }) => ({ name, input }));
	}

	private missingOperation(
		operation: string | OperationLookup,
		offered: readonly string[],
	): RemoteError {
		const lookup = lookupOf(operation);
		const hint = this.options.missingOperationHint?.(lookup.name);
		const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
		const anyCase = lookup.anyCase ?? [];
		const names = new Set([...lookup.exact, ...anyCase]);
		let searched: string | undefined;
		if (names.size > 1) {
			searched = `Looked for ${quoted(lookup.exact)}${anyCase.length ? `, then in any case for ${quoted(anyCase)}` : ''}.`;
		} else if (anyCase.length) {
			searched = `Looked for ${quoted(lookup.exact)} in any case.`;
		}
		return this.fail(
			`The ${this.system} WSDL at ${this.options.wsdlUrl.trim()} has no operation "${lookup.name}"; ${offeredList(offered)}`,
			{
				kind: 'remote',
				operation: lookup.name,
				hint: [searched, hint ?? 'The server does not offer this operation.']
					.filter(Boolean)
					.join(' '),
			},
		);
	}

	/**
	 * Call an operation, named or found by a lookup among the ones the WSDL offers. The arguments
	 * are built from the operation as the WSDL declares it; the answer is the response element's
	 * content as the soap package would read it. When the cached service lacks the operation, or
	 * the server refuses the call as an unknown operation, the WSDL is fetched again (once per
	 * instance) and the call made again. When the WSDL has no such operation, the error names the
	 * ones it offers.
	 */
	async call(operation: string | OperationLookup, build: ArgumentBuilder): Promise<unknown> {
		const cached = await this.service();
		if (cached.loaded) this.refreshed = true;
		let pending = cached.pending;
		let service = await pending;
		if (findOperation(service.operations.keys(), operation) === undefined && !this.refreshed) {
			this.refreshed = true;
			({ pending } = await this.service(pending));
			service = await pending;
		}
		const first = await this.invoke(service, operation, build).then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		if ('result' in first) return first.result;
		if (
			!this.refreshed &&
			first.error instanceof RemoteError &&
			unknownOperationErrors.has(first.error)
		) {
			this.refreshed = true;
			({ pending } = await this.service(pending));
			return await this.invoke(await pending, operation, build);
		}
		throw first.error;
	}

	private async invoke(
		service: LoadedService,
		wanted: string | OperationLookup,
		build: ArgumentBuilder,
	): Promise<unknown> {
		const operation = findOperation(service.operations.keys(), wanted);
		const declared = operation === undefined ? undefined : service.operations.get(operation);
		if (operation === undefined || !declared)
			throw this.missingOperation(wanted, [...service.operations.keys()]);
		const refused = () =>
			this.fail(
				`The ${this.system} WSDL declares ${operation} in a form that is not sent: ${declared.refusal?.reason ?? ''}`,
				{
					kind: 'response',
					operation,
					hint: 'The service description could not be used for this operation.',
				},
			);
		if (declared.refusal?.early) throw refused();
		// The arguments first: a builder names what the WSDL lacks more precisely than a missing writer does.
		const args = build({ name: declared.name, input: declared.input });
		if (!declared.writer) throw refused();
		let envelope: string;
		try {
			envelope = declared.writer.write(args as Record<string, SoapValue>);
		} catch (error) {
			throw this.fail(
				`The ${this.system} WSDL declares ${operation} differently: ${describeUnknown(error)}`,
				{
					kind: 'response',
					operation,
					hint: 'The arguments do not match the request element the WSDL declares.',
				},
			);
		}
		const answer = await service.transport.exchange({
			envelope,
			soapAction: declared.soapAction,
			operation,
			url: declared.url,
			headers: this.options.headers,
			timeoutMs: this.timeoutMs,
		});
		if (answer.error) {
			const unknown = this.options.unknownOperationFault ?? DEFAULT_UNKNOWN_OPERATION_FAULT;
			if (answer.fault && unknown.test(answer.fault.faultstring))
				unknownOperationErrors.add(answer.error);
			throw answer.error;
		}
		return resultOf(answer.message, declared);
	}
}
