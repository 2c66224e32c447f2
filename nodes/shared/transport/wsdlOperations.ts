import type * as soap from 'soap';
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

import { describeUnknown } from '../remoteError';
import { SoapRequestWriter } from './soap';

/**
 * Operations as the WSDL declares them, read once from the `soap` package's parsed WSDL: each
 * one's address, SOAPAction, request element (names, order, namespaces, qualification,
 * repetition, nesting) and response element, with its envelope writer prepared.
 */

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

/** An operation as it is sent: what the WSDL says about it, prepared once. */
export interface PlannedOperation extends WsdlOperation {
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

	private resolve(
		qname: string,
		node: SchemaNode,
		scope: Scope,
	): { namespace?: string; name: string } {
		const at = qname.indexOf(':');
		const prefix = at < 0 ? TNS_PREFIX : qname.slice(0, at);
		const name = at < 0 ? qname : qname.slice(at + 1);
		const own = attributesOf(node);
		for (const map of [
			scope.schema?.xmlns,
			own.xmlns,
			own.schemaXmlns,
			own.definitionsXmlns,
			this.definitions.xmlns,
		]) {
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
			const target = ref.namespace
				? this.definitions.schemas?.[ref.namespace]?.elements?.[ref.name]
				: undefined;
			const children = target
				? this.content(target, this.scopeOf(ref.namespace!), depth + 1)
				: undefined;
			if (children) declaration.children = children;
			return declaration;
		}
		const form =
			own.$form ??
			(scope.schema as { $elementFormDefault?: string } | undefined)?.$elementFormDefault;
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
			return complex
				? this.complexType(complex, { namespace: type.namespace, schema }, depth)
				: undefined;
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
					else if (derivation instanceof RestrictionElement)
						this.particles(derivation, scope, depth, out);
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
			if (complex)
				out.push(
					...(this.complexType(complex, { namespace: type.namespace!, schema }, depth + 1) ?? []),
				);
		}
		this.particles(node, scope, depth, out);
	}

	private particles(node: SchemaNode, scope: Scope, depth: number, out: WsdlElement[]): void {
		for (const child of childrenOf(node)) this.particle(child, scope, depth, out);
	}

	private particle(node: SchemaNode, scope: Scope, depth: number, out: WsdlElement[]): void {
		if (node instanceof ElementElement) {
			out.push(this.element(node, scope, depth));
		} else if (
			node instanceof SequenceElement ||
			node instanceof ChoiceElement ||
			node instanceof AllElement
		) {
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
	for (const [alias, namespace] of Object.entries(
		(definitions.xmlns ?? {}) as Record<string, unknown>,
	)) {
		if (alias === '' || alias === TNS_PREFIX || typeof namespace !== 'string') continue;
		if (!prefixes.has(namespace)) prefixes.set(namespace, alias);
	}
	return prefixes;
}

/** Every operation of the WSDL's services, in document order (the first port offering a name wins). */
export function planOperations(
	client: soap.Client,
	endpointUrl: string | undefined,
): Map<string, PlannedOperation> {
	const definitions = client.wsdl.definitions;
	const reader = new SchemaReader(definitions);
	const prefixes = wsdlPrefixes(definitions);
	const operations = new Map<string, PlannedOperation>();
	for (const service of Object.values(definitions.services ?? {})) {
		for (const port of Object.values(service.ports ?? {})) {
			for (const [name, method] of Object.entries(port.binding?.methods ?? {})) {
				if (operations.has(name)) continue;
				operations.set(
					name,
					planOperation(name, method, port.location, endpointUrl, reader, prefixes, definitions),
				);
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
		planned.refusal = {
			reason: `it uses the ${method.style} style; only document style is sent`,
			early: true,
		};
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
	if (alias && (definitions.xmlns as Record<string, unknown> | undefined)?.[alias] === namespace)
		ownPrefixes.set(namespace, alias);
	try {
		planned.writer = new SoapRequestWriter({
			name: input.$name,
			namespace,
			children: planned.input,
			prefixes: ownPrefixes,
		});
	} catch (error) {
		planned.refusal = { reason: describeUnknown(error), early: false };
	}
	return planned;
}
