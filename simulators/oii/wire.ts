import { XMLParser } from 'fast-xml-parser';

import { SOAP_ENV_NS, XSD_NS, XSI_NS } from '../../nodes/SapIci/constants';
import { childOf } from '../../nodes/SapIci/elements';
import type { IciErrorCodes } from '../../nodes/SapIci/envelope';
import {
	ATTR_PREFIX,
	buildXml,
	decodeXmlEntities,
	parseXml,
	TEXT_KEY,
	XmlSafetyError,
	type XmlElement,
	type XmlValue,
} from '../../nodes/shared/xml';

/**
 * The server side of the ICI wire format, which the nodes never need: ICI faults as OII writes
 * them, the SOAP headers of a request, and a namespace-resolved reading of a document (what a
 * namespace-aware SOAP stack binds, used to check requests and by the tests).
 */

/** Write a SOAP 1.1 Fault carrying ICI error codes (chapter 1.2). */
export function writeIciFault(fault: {
	faultcode: string;
	faultstring: string;
	namespace: string;
	codes: IciErrorCodes;
}): string {
	const codes: XmlElement = {
		[`${ATTR_PREFIX}xmlns:ns1`]: fault.namespace,
		areaCode: String(fault.codes.areaCode ?? 0),
		errorCode: String(fault.codes.errorCode ?? 0),
		errorText: fault.codes.errorText ?? '',
		errorRetry: fault.codes.errorRetry ? 'true' : 'false',
	};
	return buildXml(
		{
			'soap:Envelope': {
				[`${ATTR_PREFIX}xmlns:xsi`]: XSI_NS,
				[`${ATTR_PREFIX}xmlns:xsd`]: XSD_NS,
				[`${ATTR_PREFIX}xmlns:soap`]: SOAP_ENV_NS,
				'soap:Body': {
					'soap:Fault': {
						faultcode: fault.faultcode,
						faultstring: fault.faultstring,
						detail: { 'ns1:IciErrorCodes': codes },
					},
				},
			},
		},
		true,
	);
}

/** The language / user SOAP headers of a request, whatever their namespace. */
export function readIciHeader(xml: string): { language?: string; user?: string } {
	const doc = parseXml(xml, { removeNamespacePrefix: true });
	const envelope = doc.Envelope;
	if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) return {};
	const header = envelope.Header;
	if (!header || typeof header !== 'object' || Array.isArray(header)) return {};
	const text = (v: XmlValue | undefined) =>
		v === undefined
			? undefined
			: typeof v === 'string'
				? v
				: Array.isArray(v)
					? undefined
					: ((v[TEXT_KEY] as string | undefined) ?? '');
	return { language: text(childOf(header, 'language')), user: text(childOf(header, 'user')) };
}

// ---------------------------------------------------------------------------------------------
// Namespace-resolved reading

/** An element with its namespace resolved: what a namespace-aware SOAP stack sees. */
export interface ResolvedElement {
	/** Namespace URI ('' when unqualified). */
	namespace: string;
	/** Local name. */
	name: string;
	/** Attributes other than namespace declarations, by `{namespace}local` (or `local` when unqualified). */
	attributes: Record<string, string>;
	children: ResolvedElement[];
	/** Concatenated text of a leaf element. */
	text: string;
}

const orderedParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: ATTR_PREFIX,
	preserveOrder: true,
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	processEntities: false,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function resolveNode(node: OrderedNode, scope: Map<string, string>): ResolvedElement | undefined {
	const tag = Object.keys(node).find((k) => k !== ':@');
	if (tag === undefined || tag === TEXT_KEY || tag.startsWith('?') || tag.startsWith('!'))
		return undefined;
	const attrs = node[':@'] ?? {};
	const local = new Map(scope);
	const plain: Array<[string, string]> = [];
	for (const [key, raw] of Object.entries(attrs)) {
		const name = key.slice(ATTR_PREFIX.length);
		const value = decodeXmlEntities(String(raw));
		if (name === 'xmlns') local.set('', value);
		else if (name.startsWith('xmlns:')) local.set(name.slice(6), value);
		else plain.push([name, value]);
	}
	const [prefix, name] = tag.includes(':') ? tag.split(':', 2) : ['', tag];
	const namespace = local.get(prefix) ?? '';
	const attributes: Record<string, string> = {};
	for (const [attrName, value] of plain) {
		if (attrName.includes(':')) {
			const [p, l] = attrName.split(':', 2);
			attributes[`{${local.get(p) ?? p}}${l}`] = value;
		} else {
			attributes[attrName] = value;
		}
	}
	const children: ResolvedElement[] = [];
	let text = '';
	for (const child of (node[tag] as OrderedNode[]) ?? []) {
		if (Object.prototype.hasOwnProperty.call(child, TEXT_KEY)) {
			text += decodeXmlEntities(String(child[TEXT_KEY]));
			continue;
		}
		const resolved = resolveNode(child, local);
		if (resolved) children.push(resolved);
	}
	return { namespace, name, attributes, children, text: children.length ? '' : text };
}

/**
 * Parse a document keeping element order and resolving every namespace (default and prefixed),
 * after the safe layer's checks (no DTD, size limit, well-formedness).
 */
export function readResolved(xml: string): ResolvedElement {
	parseXml(xml);
	const nodes = orderedParser.parse(xml) as OrderedNode[];
	for (const node of nodes) {
		const resolved = resolveNode(node, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
		if (resolved) return resolved;
	}
	throw new XmlSafetyError('The document has no root element', 'malformed');
}

/** The first child element with this local name (any namespace). */
export function resolvedChild(element: ResolvedElement, name: string): ResolvedElement | undefined {
	return element.children.find((c) => c.name === name);
}
