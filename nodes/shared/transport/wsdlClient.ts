import type { AxiosResponse } from 'axios';
import { createHash } from 'node:crypto';
import * as soap from 'soap';
import {
	AllElement,
	ChoiceElement,
	ComplexContentElement,
	ComplexTypeElement,
	ElementElement,
	ExtensionElement,
	GroupElement,
	RestrictionElement,
	SequenceElement,
	SimpleContentElement,
	type DefinitionsElement,
	type Element as SchemaNode,
	type OperationElement,
	type SchemaElement,
} from 'soap/lib/wsdl/elements';

import { describeUnknown, redact, RemoteError, remoteError, type RemoteErrorInfo } from '../remoteError';
import { ATTR_PREFIX, parseXml, rootOf, setOwn, TEXT_KEY, XmlSafetyError, type XmlElement, type XmlValue } from '../xml';
import {
	DEFAULT_MAX_RESPONSE_BYTES,
	DEFAULT_TIMEOUT_MS,
	HttpEndpoint,
	pooledAxios,
	transportFailure,
	type HttpResponse,
} from './http';
import { htmlPageError, httpStatusError, type AnswerSource } from './answers';
import {
	SoapRequestWriter,
	SoapTransport,
	type SoapFaultDescriber,
	type SoapMessage,
	type SoapValue,
} from './soap';

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

/** An element of an operation's input, as the WSDL declares it. */
export interface WsdlElement {
	name: string;
	/** Declared with maxOccurs > 1. */
	repeated: boolean;
	/** Namespace of a qualified element; unset for an unqualified one. */
	namespace?: string;
	/** Child elements of a complex type (one list per type: a recursive type's elements refer back to it). */
	children?: WsdlElement[];
}

export interface WsdlOperation {
	name: string;
	/** The input wrapper's child elements, in WSDL order. */
	input: WsdlElement[];
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
export function findOperation(offered: Iterable<string>, operation: string | OperationLookup): string | undefined {
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

/** An operation as it is sent: what the WSDL says about it, prepared once. */
interface PlannedOperation extends WsdlOperation {
	soapAction: string;
	/** Where the call is posted. */
	url: string;
	/** Writes the envelope; unset when the WSDL declares the operation in a form that is not sent. */
	writer?: SoapRequestWriter;
	/** Why there is no writer; `early` when that is known before the arguments are built. */
	refusal?: { reason: string; early: boolean };
	/** Local names the response element may have (the declared one first). */
	responseNames: string[];
	/** The `soap` package's description of the response element's content (types by element name). */
	responseSchema: unknown;
}

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

// ---------------------------------------------------------------------------------------------
// Fetching WSDL documents for the soap package

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

/** The guard's system and secrets, as the shared answer reading names them. */
function sourceOf(settings: GuardSettings): AnswerSource {
	return { options: { system: settings.system }, secretValues: settings.secrets };
}

class Guard {
	constructor(readonly settings: GuardSettings) {}

	fail(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		return remoteError(redact(message, this.settings.secrets()), { system: this.settings.system, ...info });
	}

	/** A request that could not be completed: timeout, size cap, network. */
	transportError(error: unknown, what: string, where: string): RemoteError {
		return transportFailure(error, {
			system: this.settings.system,
			what,
			where,
			timeoutMs: this.settings.timeoutMs,
			maxBytes: this.settings.maxBytes,
			secrets: this.settings.secrets(),
		});
	}

	/** Checks a WSDL or schema document; undefined when it may be handed to the soap package. */
	checkDocument(response: HttpResponse, url: string): RemoteError | undefined {
		const system = this.settings.system;
		const body = response.body;
		const what = `the WSDL document ${url}`;
		if (response.status === 401 || response.status === 403) {
			return this.fail(`${system} refused ${what} with HTTP ${response.status}`, {
				kind: 'auth',
				httpStatus: response.status,
				hint: 'Check the username and password of the credential.',
			});
		}
		const request = `the request for ${what}`;
		const html = htmlPageError(sourceOf(this.settings), response, request, {
			urlHint: 'Check the host in the credential.',
			service: 'the SOAP service',
		});
		if (html) return html;
		if (response.status !== 200) {
			const location = response.headers.location;
			return httpStatusError(
				sourceOf(this.settings),
				response,
				request,
				response.status >= 300 && response.status < 400 && location
					? `The server redirects to ${shortText(location, 120)}: use that address in the credential.`
					: 'Check the host in the credential.',
			);
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
}

type RequestCallback = (error: unknown, response?: unknown, body?: unknown) => unknown;

/**
 * The soap package's HTTP client on the pooled axios instance, for WSDL and schema documents
 * only: on the WSDL's server, with a deadline and a size cap, every document checked before the
 * package reads it.
 */
class GuardedDocumentClient extends soap.HttpClient {
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
		let target: URL | undefined;
		try {
			target = new URL(rurl);
		} catch {
			target = undefined;
		}
		const document = data === null || data === undefined;
		if (!document || !target || !/^https?:$/.test(target.protocol) || target.origin !== settings.origin) {
			const refused = this.guard.fail(`${settings.system}: refused to request "${shortText(rurl, 120)}"`, {
				kind: 'network',
				hint: 'Only http and https URLs on the server of the WSDL are requested.',
			});
			queueMicrotask(() => callback(refused));
			return Promise.resolve(undefined) as unknown as ReturnType<soap.HttpClient['request']>;
		}
		const where = `${target.origin}${target.pathname}${target.search}`;
		return super.request(
			rurl,
			data,
			(error: unknown, response?: AxiosResponse, body?: unknown) => {
				if (error) {
					callback(this.guard.transportError(error, `GET ${where}`, where));
					return;
				}
				const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : String(body);
				const problem = this.guard.checkDocument(responseOf(response!, where, text), where);
				if (problem) {
					callback(problem);
					return;
				}
				callback(null, response, body);
			},
			{ ...(exheaders ?? {}), ...settings.headers },
			{
				...(exoptions ?? {}),
				timeout: settings.timeoutMs,
				signal: AbortSignal.timeout(settings.timeoutMs),
				maxContentLength: settings.maxBytes,
				maxBodyLength: Infinity,
			},
		);
	}
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
// Operations as the WSDL declares them

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
/** The soap package's key for a target / default namespace in its prefix maps. */
const TNS_PREFIX = '__tns__';
/** Nesting of distinct types followed into the schema; deeper content is not expanded. */
const MAX_SCHEMA_DEPTH = 64;

/** Attributes of schema nodes as the soap package keeps them (`$` + attribute name). */
interface SchemaAttributes {
	$name?: string;
	$type?: string;
	$ref?: string;
	$form?: string;
	$maxOccurs?: string;
	$base?: string;
	xmlns?: Record<string, string>;
	schemaXmlns?: Record<string, string>;
	definitionsXmlns?: Record<string, string>;
}

/** Where particles are declared: the schema, for its namespace, its element form and its prefixes. */
interface Scope {
	namespace: string;
	schema?: SchemaElement;
}

function attributesOf(node: SchemaNode): SchemaAttributes {
	return node as unknown as SchemaAttributes;
}

function childrenOf(node: SchemaNode): SchemaNode[] {
	return Array.isArray(node.children) ? node.children : [];
}

function isRepeated(maxOccurs: string | undefined): boolean {
	if (maxOccurs === undefined) return false;
	return maxOccurs === 'unbounded' || Number.parseInt(maxOccurs, 10) > 1;
}

/**
 * Reads request shapes out of the soap package's parsed WSDL: element names, their order,
 * namespaces and qualification (a local element is qualified by its `form`, else by its
 * schema's `elementFormDefault`; global elements and references always are), repetition and
 * nesting through named and anonymous complex types, sequences, choices, groups and extensions.
 *
 * Each complex type is read once: every element of that type shares its list of children, so
 * a recursive type refers back to the list being filled (the shape is a graph, not a tree).
 */
class SchemaReader {
	/** Children of each complex type read so far (null: simple content). */
	private readonly types = new Map<SchemaNode, WsdlElement[] | null>();

	/** Groups being expanded, against a group that contains itself. */
	private readonly expanding = new Set<SchemaNode>();

	constructor(private readonly definitions: DefinitionsElement) {}

	private resolve(qname: string, node: SchemaNode, scope: Scope): { namespace?: string; name: string } {
		const at = qname.indexOf(':');
		const prefix = at < 0 ? TNS_PREFIX : qname.slice(0, at);
		const name = at < 0 ? qname : qname.slice(at + 1);
		const own = attributesOf(node);
		for (const map of [scope.schema?.xmlns, own.xmlns, own.schemaXmlns, own.definitionsXmlns, this.definitions.xmlns]) {
			const namespace = (map as Record<string, unknown> | undefined)?.[prefix];
			if (typeof namespace === 'string' && namespace) return { namespace, name };
		}
		return { name };
	}

	private scopeOf(namespace: string): Scope {
		return { namespace, schema: this.definitions.schemas?.[namespace] };
	}

	/** A global element's declaration (the Body element of a call), its content expanded. */
	topElement(element: ElementElement, namespace: string): WsdlElement {
		const scope = this.scopeOf(namespace);
		const declaration: WsdlElement = { name: element.$name ?? '', namespace, repeated: false };
		const children = this.content(element, scope, 0);
		if (children) declaration.children = children;
		return declaration;
	}

	private element(node: ElementElement, scope: Scope, depth: number): WsdlElement {
		const own = attributesOf(node);
		const repeated = isRepeated(own.$maxOccurs);
		if (own.$ref) {
			const ref = this.resolve(own.$ref, node, scope);
			const declaration: WsdlElement = { name: ref.name, repeated };
			if (ref.namespace) declaration.namespace = ref.namespace;
			const target = ref.namespace ? this.definitions.schemas?.[ref.namespace]?.elements?.[ref.name] : undefined;
			const children = target ? this.content(target, this.scopeOf(ref.namespace!), depth + 1) : undefined;
			if (children) declaration.children = children;
			return declaration;
		}
		const form = own.$form ?? (scope.schema as { $elementFormDefault?: string } | undefined)?.$elementFormDefault;
		const declaration: WsdlElement = { name: own.$name ?? '', repeated };
		if (form === 'qualified' && scope.namespace) declaration.namespace = scope.namespace;
		const children = this.content(node, scope, depth + 1);
		if (children) declaration.children = children;
		return declaration;
	}

	/** The child elements of an element's type; undefined for simple content. */
	private content(node: ElementElement, scope: Scope, depth: number): WsdlElement[] | undefined {
		const own = attributesOf(node);
		if (own.$type) {
			const type = this.resolve(own.$type, node, scope);
			if (!type.namespace || type.namespace === XSD_NS) return undefined;
			const schema = this.definitions.schemas?.[type.namespace];
			const complex = schema?.complexTypes?.[type.name];
			return complex ? this.complexType(complex, { namespace: type.namespace, schema }, depth) : undefined;
		}
		for (const child of childrenOf(node)) {
			if (child instanceof ComplexTypeElement) return this.complexType(child, scope, depth);
		}
		return undefined;
	}

	private complexType(type: SchemaNode, scope: Scope, depth: number): WsdlElement[] | undefined {
		const known = this.types.get(type);
		if (known !== undefined) return known ?? undefined;
		if (depth > MAX_SCHEMA_DEPTH) return [];
		if (childrenOf(type).some((child) => child instanceof SimpleContentElement)) {
			this.types.set(type, null);
			return undefined;
		}
		const out: WsdlElement[] = [];
		this.types.set(type, out);
		for (const child of childrenOf(type)) {
			if (child instanceof ComplexContentElement) {
				for (const derivation of childrenOf(child)) {
					if (derivation instanceof ExtensionElement) this.extension(derivation, scope, depth, out);
					else if (derivation instanceof RestrictionElement) this.particles(derivation, scope, depth, out);
				}
			} else {
				this.particle(child, scope, depth, out);
			}
		}
		return out;
	}

	/** An extension's content: its base type's elements first, then its own. */
	private extension(node: SchemaNode, scope: Scope, depth: number, out: WsdlElement[]): void {
		const base = attributesOf(node).$base;
		if (base) {
			const type = this.resolve(base, node, scope);
			const schema = type.namespace ? this.definitions.schemas?.[type.namespace] : undefined;
			const complex = schema?.complexTypes?.[type.name];
			if (complex) out.push(...(this.complexType(complex, { namespace: type.namespace!, schema }, depth + 1) ?? []));
		}
		this.particles(node, scope, depth, out);
	}

	private particles(node: SchemaNode, scope: Scope, depth: number, out: WsdlElement[]): void {
		for (const child of childrenOf(node)) this.particle(child, scope, depth, out);
	}

	private particle(node: SchemaNode, scope: Scope, depth: number, out: WsdlElement[]): void {
		if (node instanceof ElementElement) {
			out.push(this.element(node, scope, depth));
		} else if (node instanceof SequenceElement || node instanceof ChoiceElement || node instanceof AllElement) {
			this.particles(node, scope, depth, out);
		} else if (node instanceof GroupElement) {
			const ref = attributesOf(node).$ref;
			if (!ref) {
				this.particles(node, scope, depth, out);
				return;
			}
			const group = this.resolve(ref, node, scope);
			const schema = group.namespace ? this.definitions.schemas?.[group.namespace] : undefined;
			const definition = schema?.groups?.[group.name];
			if (!definition || depth > MAX_SCHEMA_DEPTH || this.expanding.has(definition)) return;
			this.expanding.add(definition);
			try {
				this.particles(definition, { namespace: group.namespace!, schema }, depth + 1, out);
			} finally {
				this.expanding.delete(definition);
			}
		}
	}
}

/** The WSDL's own prefixes by namespace (the first alias of each), to write envelopes with. */
function wsdlPrefixes(definitions: DefinitionsElement): Map<string, string> {
	const prefixes = new Map<string, string>();
	for (const [alias, namespace] of Object.entries((definitions.xmlns ?? {}) as Record<string, unknown>)) {
		if (alias === '' || alias === TNS_PREFIX || typeof namespace !== 'string') continue;
		if (!prefixes.has(namespace)) prefixes.set(namespace, alias);
	}
	return prefixes;
}

/** Every operation of the WSDL's services, in document order (the first port offering a name wins). */
function planOperations(client: soap.Client, endpointUrl: string | undefined): Map<string, PlannedOperation> {
	const definitions = client.wsdl.definitions;
	const reader = new SchemaReader(definitions);
	const prefixes = wsdlPrefixes(definitions);
	const operations = new Map<string, PlannedOperation>();
	for (const service of Object.values(definitions.services ?? {})) {
		for (const port of Object.values(service.ports ?? {})) {
			for (const [name, method] of Object.entries(port.binding?.methods ?? {})) {
				if (operations.has(name)) continue;
				operations.set(name, planOperation(name, method, port.location, endpointUrl, reader, prefixes, definitions));
			}
		}
	}
	return operations;
}

function planOperation(
	name: string,
	method: OperationElement,
	location: string | undefined,
	endpointUrl: string | undefined,
	reader: SchemaReader,
	prefixes: Map<string, string>,
	definitions: DefinitionsElement,
): PlannedOperation {
	// The binding's soap:operation soapAction; the soap package reads a missing one as empty.
	const soapAction = typeof method.soapAction === 'string' ? method.soapAction : '';
	const output = method.output as unknown as (SchemaAttributes & { $name?: string }) | null;
	const responseName = output?.$name ?? `${name}Response`;
	let responseSchema: unknown;
	try {
		responseSchema = method.description(definitions).output;
	} catch {
		responseSchema = undefined;
	}
	const planned: PlannedOperation = {
		name,
		input: [],
		soapAction,
		url: endpointUrl ?? location ?? '',
		responseNames: [
			...new Set([
				responseName,
				responseName.replace(/(?:Out(?:put)?|Response)$/, ''),
				`${name}Response`,
				`${name}Out`,
				`${name}Output`,
			]),
		],
		responseSchema,
	};
	const input = method.input as unknown;
	const namespace = input instanceof ElementElement ? input.targetNamespace : undefined;
	if (!planned.url) {
		planned.refusal = { reason: 'its port has no address', early: true };
		return planned;
	}
	// eslint-disable-next-line no-control-regex
	if (/["\u0000-\u001F\u007F]/.test(soapAction)) {
		planned.refusal = { reason: 'its soapAction cannot be sent as a header', early: true };
		return planned;
	}
	if ((method.style || 'document') !== 'document') {
		planned.refusal = { reason: `it uses the ${method.style} style; only document style is sent`, early: true };
		return planned;
	}
	if (!(input instanceof ElementElement) || !input.$name || !namespace) {
		planned.refusal = { reason: 'its input message names no schema element', early: false };
		return planned;
	}
	const wrapper = reader.topElement(input, namespace);
	planned.input = wrapper.children ?? [];
	const alias = input.targetNSAlias;
	const ownPrefixes = new Map(prefixes);
	if (alias && (definitions.xmlns as Record<string, unknown> | undefined)?.[alias] === namespace) ownPrefixes.set(namespace, alias);
	try {
		planned.writer = new SoapRequestWriter({ name: input.$name, namespace, children: planned.input, prefixes: ownPrefixes });
	} catch (error) {
		planned.refusal = { reason: describeUnknown(error), early: false };
	}
	return planned;
}

// ---------------------------------------------------------------------------------------------
// Answers as the soap package reads them

const ATTRIBUTES_KEY = 'attributes';
const VALUE_KEY = '$value';

function isSchemaRecord(schema: unknown): schema is Record<string, unknown> {
	return typeof schema === 'object' && schema !== null;
}

/** The local type name in a soap description entry: `xs:int` → `int`, `tns:state|xs:string|A,B` → `state`. */
function typeName(schema: unknown): string | undefined {
	if (typeof schema !== 'string') return undefined;
	const top = schema.split('|', 1)[0];
	return top.slice(top.indexOf(':') + 1);
}

/** Declared `xs:string`: its text is data, read exactly (the soap package trimmed it). */
function isStringType(schema: unknown): boolean {
	return typeName(schema) === 'string';
}

/** Text typed as the soap package types it by the schema's built-in types. */
function typedText(text: string, schema: unknown): unknown {
	switch (typeName(schema)) {
		case 'int':
		case 'integer':
		case 'short':
		case 'long':
			return Number.parseInt(text, 10);
		case 'double':
		case 'float':
		case 'decimal':
			return Number(text);
		case 'bool':
		case 'boolean':
			return text.toLowerCase() === 'true' || text === '1';
		case 'dateTime':
		case 'date':
			return new Date(text);
		default:
			return text;
	}
}

function schemaFor(schema: unknown, name: string): { schema: unknown; list: boolean } {
	if (!isSchemaRecord(schema)) return { schema: undefined, list: false };
	const own = (key: string) => (Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined);
	const listed = own(`${name}[]`);
	return { schema: own(name) || listed, list: Boolean(listed) };
}

/**
 * One element of a parsed answer (the shared XML reader's form: attributes under `@_`, text
 * under `#text`, prefixes removed) in the soap package's form, typed by its description.
 */
function answerValue(value: XmlValue, schema: unknown): unknown {
	let text = '';
	let attributes: Record<string, unknown> | undefined;
	const children: string[] = [];
	if (typeof value === 'string') {
		text = value;
	} else if (!Array.isArray(value)) {
		for (const key of Object.keys(value)) {
			if (key === TEXT_KEY) text = typeof value[key] === 'string' ? (value[key] as string) : '';
			else if (key.startsWith(ATTR_PREFIX)) setOwn((attributes ??= {}), key.slice(ATTR_PREFIX.length), value[key]);
			else children.push(key);
		}
	}
	const nil = attributes?.nil;
	if (typeof nil === 'string' && (nil.toLowerCase() === 'true' || nil === '1')) return null;
	const object: Record<string, unknown> = {};
	if (attributes) object[ATTRIBUTES_KEY] = attributes;
	for (const name of children) {
		const child = value as XmlElement;
		const { schema: childSchema, list } = schemaFor(schema, name);
		const entries = Array.isArray(child[name]) ? (child[name] as XmlValue[]) : [child[name]];
		const read = entries.map((entry) => answerValue(entry, childSchema));
		setOwn(object, name, list || read.length > 1 ? read : read[0]);
	}
	// Text of string elements is data, kept exactly; other values (numbers, enumerations, …) are read trimmed.
	const leaf = children.length === 0 ? text : '';
	const content = isStringType(schema) ? leaf : leaf.trim();
	if (content !== '') {
		const typed = typedText(content, schema);
		if (!attributes) return typed;
		object[VALUE_KEY] = typed;
	}
	if (Object.keys(object).length === 0) return typeName(schema) === 'string' ? '' : null;
	return object;
}

/** The result of a call: the response element's content, as the soap package returns it. */
function resultOf(message: SoapMessage, operation: PlannedOperation): unknown {
	if (message.name === '') return {};
	if (!operation.responseNames.includes(message.name)) return undefined;
	return answerValue(message.element, operation.responseSchema);
}

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
		const httpClient = new GuardedDocumentClient(guard, pooledAxios(target.href, this.options.ignoreSslIssues ?? false));
		const created = await soap.createClientAsync(target.href, { httpClient, disableCache: true }).then(
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
			throw this.fail(`${this.system} sent a WSDL at ${target.href} whose operations cannot be read: ${reason}`, {
				kind: 'response',
			});
		}
		const endpoint = new HttpEndpoint({
			system: this.system,
			baseUrl: target.href,
			ignoreSslIssues: this.options.ignoreSslIssues ?? false,
			timeoutMs: this.timeoutMs,
			maxResponseBytes: this.maxBytes,
			secrets: () => this.secrets(),
		});
		const transport = new SoapTransport(endpoint, this.options.describeFault, { maxBytes: this.maxBytes, urlHint: URL_HINT });
		return { operations, transport };
	}

	/**
	 * The cached service, loading it when there is none. With `stale`, that service is replaced
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

	/** The operations of the WSDL (the cached service's). */
	async operations(): Promise<WsdlOperation[]> {
		const { pending } = await this.service();
		return [...(await pending).operations.values()].map(({ name, input }) => ({ name, input }));
	}

	/** Fetch the WSDL now, bypassing and not touching the cache: proves the service is reachable. */
	async probe(): Promise<WsdlOperation[]> {
		return [...(await this.load()).operations.values()].map(({ name, input }) => ({ name, input }));
	}

	private missingOperation(operation: string | OperationLookup, offered: readonly string[]): RemoteError {
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
				hint: [searched, hint ?? 'The server does not offer this operation.'].filter(Boolean).join(' '),
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
		if (!this.refreshed && first.error instanceof RemoteError && unknownOperationErrors.has(first.error)) {
			this.refreshed = true;
			({ pending } = await this.service(pending));
			return await this.invoke(await pending, operation, build);
		}
		throw first.error;
	}

	private async invoke(service: LoadedService, wanted: string | OperationLookup, build: ArgumentBuilder): Promise<unknown> {
		const operation = findOperation(service.operations.keys(), wanted);
		const declared = operation === undefined ? undefined : service.operations.get(operation);
		if (operation === undefined || !declared) throw this.missingOperation(wanted, [...service.operations.keys()]);
		const refused = () =>
			this.fail(`The ${this.system} WSDL declares ${operation} in a form that is not sent: ${declared.refusal?.reason ?? ''}`, {
				kind: 'response',
				operation,
				hint: 'The service description could not be used for this operation.',
			});
		if (declared.refusal?.early) throw refused();
		// The arguments first: a builder names what the WSDL lacks more precisely than a missing writer does.
		const args = build({ name: declared.name, input: declared.input });
		if (!declared.writer) throw refused();
		let envelope: string;
		try {
			envelope = declared.writer.write(args as Record<string, SoapValue>);
		} catch (error) {
			throw this.fail(`The ${this.system} WSDL declares ${operation} differently: ${describeUnknown(error)}`, {
				kind: 'response',
				operation,
				hint: 'The arguments do not match the request element the WSDL declares.',
			});
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
			if (answer.fault && unknown.test(answer.fault.faultstring)) unknownOperationErrors.add(answer.error);
			throw answer.error;
		}
		return resultOf(answer.message, declared);
	}
}
