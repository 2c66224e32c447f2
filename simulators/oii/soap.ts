import {
	ICI_INTERFACE_ORDER,
	ICI_INTERFACES,
	interfaceForSoapAction,
	OII_DEFAULT_PATH,
	SOAP_CONTENT_TYPE,
	SOAP_ENV_NS,
	type IciInterface,
} from '../../nodes/SapIci/constants';
import { XSI_NIL } from '../../nodes/SapIci/elements';
import {
	readIciEnvelope,
	writeIciEnvelope,
	type BodyChild,
	type IciErrorCodes,
} from '../../nodes/SapIci/envelope';
import {
	findIciOperation,
	ICI_OPERATIONS,
	type IciOperationDef,
} from '../../nodes/SapIci/operations';
import {
	buildXml,
	childNames,
	findIllegalXmlCharacter,
	lineAndColumn,
	type IllegalXmlCharacter,
	type XmlElement,
} from '../../nodes/shared/xml';
import {
	textResponse,
	type RouteInfo,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import { OiiFault, oiiFault } from './errors';
import { Args, OII_HANDLERS, type Answer } from './handlers';
import type { OiiState } from './state';
import { readResolved, resolvedChild, writeIciFault, type ResolvedElement } from './wire';

/**
 * The OII endpoint: one path whose SOAPAction header selects the interface (chapter 7.1), or the
 * interface's own service path; the body element selects the operation from the operation table;
 * answers and ICI faults are written as the chapter-9 samples show them.
 */

const SERVICE_PATH_PREFIX = '/oii/';

function header(request: SimRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The interface a request addresses: by service path, else by SOAPAction. */
function interfaceOf(request: SimRequest): {
	iface?: IciInterface;
	error?: string;
	notFound?: boolean;
} {
	let path: string;
	try {
		path = decodeURIComponent(request.path).toLowerCase().replace(/\/+$/, '');
	} catch {
		return { notFound: true };
	}
	const action = header(request, 'soapaction');
	const byAction = interfaceForSoapAction(action);
	if (path === OII_DEFAULT_PATH.toLowerCase()) {
		if (!byAction) {
			return {
				error:
					action === undefined
						? 'The SOAPAction header is missing: it selects the ICI interface'
						: `Unknown SOAPAction ${action}: no ICI interface is served for it`,
			};
		}
		return { iface: byAction };
	}
	if (path.startsWith(SERVICE_PATH_PREFIX) && path.endsWith('.asmx')) {
		const service = path.slice(SERVICE_PATH_PREFIX.length);
		const byPath = ICI_INTERFACE_ORDER.map((k) => ICI_INTERFACES[k]).find(
			(i) => i.service.toLowerCase() === service,
		);
		if (!byPath) return { notFound: true };
		if (action !== undefined && action.replace(/"/g, '').trim() !== '' && byAction !== byPath) {
			return { error: `SOAPAction ${action} does not belong to ${byPath.service}` };
		}
		return { iface: byPath };
	}
	return { notFound: true };
}

/** Operation name used for fault matching and recording: `IciPhoneCall.hold`. */
export function describeOiiRequest(request: SimRequest): RouteInfo {
	const { iface } = interfaceOf(request);
	if (!iface) return { format: 'xml' };
	try {
		const name = readIciEnvelope(request.body).name;
		const def = findIciOperation(iface.key, name);
		return {
			operation: def ? `${iface.name}.${def.operation}` : `${iface.name}.${name}`,
			format: 'xml',
		};
	} catch {
		return { format: 'xml' };
	}
}

function xmlResponse(status: number, body: string): SimResponse {
	return { status, headers: { 'Content-Type': SOAP_CONTENT_TYPE }, body };
}

/** A SOAP 1.1 Fault with ICI error codes. */
export function faultResponse(
	codes: IciErrorCodes,
	namespace: string,
	faultcode: 'Client' | 'Server' = 'Client',
	status = 500,
): SimResponse {
	return xmlResponse(
		status,
		writeIciFault({
			faultcode: `soap:${faultcode}`,
			faultstring: `SoapException: ${codes.errorText ?? ''}`,
			namespace,
			codes,
		}),
	);
}

function answerResponse(iface: IciInterface, element: string, answer: Answer): SimResponse {
	const children: BodyChild[] = [];
	if (!answer.bare) {
		const response =
			answer.response === undefined
				? ''
				: answer.response === null
					? { ...XSI_NIL }
					: answer.response;
		children.push({ name: 'response', value: response });
	}
	for (const [name, value] of answer.siblings ?? []) children.push({ name, value });
	return xmlResponse(
		200,
		writeIciEnvelope({
			namespace: iface.namespace,
			operation: `${element}Response`,
			children,
			childForm: 'qualified',
		}),
	);
}

/**
 * What ASP.NET answers when its XML reader meets a character XML 1.0 does not allow, raw or as a
 * reference: the request is never read, so there is no ICI error code, only the SOAP Client fault
 * of the web service layer with the reader's position (line and column, from 1).
 */
function unreadableCharacterResponse(body: string, found: IllegalXmlCharacter): SimResponse {
	const { line, column } = lineAndColumn(body, found.index);
	const hex =
		found.codePoint <= 0xffff
			? found.codePoint.toString(16).toUpperCase().padStart(2, '0')
			: found.codePoint.toString(16).toUpperCase();
	const reader = `${found.reference ? `Reference ${found.reference}, hexadecimal value` : 'Hexadecimal value'} 0x${hex}, is an invalid character. Line ${line}, position ${column}.`;
	return xmlResponse(
		500,
		buildXml(
			{
				'soap:Envelope': {
					'@_xmlns:soap': SOAP_ENV_NS,
					'soap:Body': {
						'soap:Fault': {
							faultcode: 'soap:Client',
							faultstring: `Server was unable to read request. ---> There is an error in XML document (${line}, ${column}). ---> ${reader}`,
							detail: '',
						},
					},
				},
			},
			true,
		),
	);
}

/**
 * Interfaces bound as the WSDL an OII publishes declares them: IciSystem (IciSystemService.asmx),
 * whose schema is `elementFormDefault="qualified"`. .NET's XmlSerializer skips a child element in
 * another namespace, so the value it carries reads as not sent.
 */
const DECLARED_BINDING = new Set<string>(['system']);

/**
 * The children of the body element the OII's XmlSerializer would skip, by local name, with the
 * namespace they were sent in; they are taken out of `element` (unless the same child also came
 * in the declared namespace).
 */
function dropUnbound(
	def: IciOperationDef,
	iface: IciInterface,
	resolved: ResolvedElement | undefined,
	element: XmlElement,
): Map<string, string> {
	const skipped = new Map<string, string>();
	if (!resolved || !DECLARED_BINDING.has(iface.key)) return skipped;
	const declared = new Map(def.params.map((p) => [p.name, p.namespace ?? iface.namespace]));
	const bound = new Set<string>();
	for (const child of resolved.children) {
		const namespace = declared.get(child.name);
		if (namespace === undefined) continue;
		if (child.namespace === namespace) bound.add(child.name);
		else skipped.set(child.name, child.namespace);
	}
	for (const name of [...skipped.keys()]) {
		if (bound.has(name)) skipped.delete(name);
		else delete element[name];
	}
	return skipped;
}

const SCALAR_KINDS = new Set(['string', 'text', 'int', 'boolean', 'options']);

function checkRequired(
	def: IciOperationDef,
	iface: IciInterface,
	element: XmlElement,
	skipped: Map<string, string>,
): void {
	const present = new Set(childNames(element).map((n) => n.toLowerCase()));
	for (const param of def.params) {
		if (param.required && SCALAR_KINDS.has(param.kind) && !present.has(param.name.toLowerCase())) {
			const sentIn = skipped.get(param.name);
			if (sentIn !== undefined) {
				const expected = param.namespace ?? iface.namespace;
				throw oiiFault(
					'missingParameter',
					`${param.name} is required: the element sent is ${sentIn ? `in namespace ${sentIn}` : 'unqualified (xmlns="")'}, OII reads it in ${expected}`,
				);
			}
			throw oiiFault('missingParameter', `${param.name} is required`);
		}
	}
}

/** Answer one request to the OII endpoint. */
export function handleOiiRequest(state: OiiState, request: SimRequest): SimResponse {
	const target = interfaceOf(request);
	if (target.notFound) {
		if (request.method === 'GET' && (request.path === '/' || request.path === '')) {
			return textResponse(
				200,
				`SAP Contact Center OII simulator\nICI endpoint: POST ${OII_DEFAULT_PATH} (SOAPAction selects the interface)\nControl: /__sim/state, /__sim/reset, /__sim/faults, /__oii/\n`,
			);
		}
		return textResponse(404, `Not found: ${request.method} ${request.path}`);
	}
	const namespace = target.iface?.namespace ?? ICI_INTERFACES.system.namespace;
	if (request.method !== 'POST') {
		if (
			request.method === 'GET' &&
			[...request.query.keys()].some((k) => k.toLowerCase() === 'wsdl')
		) {
			return textResponse(
				501,
				'The WSDL of the OII interfaces is available on request; this simulator does not serve it.',
			);
		}
		return textResponse(405, 'The OII web services accept POST only', 'text/plain; charset=utf-8', {
			Allow: 'POST',
		});
	}
	const type = header(request, 'content-type') ?? '';
	if (!/^text\/xml\b/i.test(type.trim())) {
		return textResponse(415, `Unsupported media type "${type}": SOAP 1.1 requests are text/xml`);
	}
	const illegal = findIllegalXmlCharacter(request.body, { references: true });
	if (illegal) return unreadableCharacterResponse(request.body, illegal);
	const iface = target.iface;
	if (!iface) return faultResponse(oiiFault('unknownOperation', target.error).codes, namespace);
	let name: string;
	let element: XmlElement;
	let elementNamespace: string;
	let resolvedElement: ResolvedElement | undefined;
	try {
		const message = readIciEnvelope(request.body);
		if (!message.name || message.fault) throw new Error('The SOAP Body holds no operation element');
		name = message.name;
		element = message.element;
		const body = resolvedChild(readResolved(request.body), 'Body');
		resolvedElement = body?.children[0];
		elementNamespace = resolvedElement?.namespace ?? '';
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return faultResponse(
			oiiFault('malformedRequest', `Malformed request: ${reason}`).codes,
			namespace,
		);
	}
	if (elementNamespace !== iface.namespace) {
		return faultResponse(
			oiiFault(
				'unknownOperation',
				`Element {${elementNamespace}}${name} is not served by ${iface.service} (namespace ${iface.namespace})`,
			).codes,
			namespace,
		);
	}
	const def = findIciOperation(iface.key, name);
	const handler = def ? OII_HANDLERS[`${def.resource}.${def.operation}`] : undefined;
	if (!def || !handler) {
		return faultResponse(
			oiiFault('unknownOperation', `${iface.name} has no operation "${name}"`).codes,
			namespace,
		);
	}
	try {
		checkRequired(def, iface, element, dropUnbound(def, iface, resolvedElement, element));
		return answerResponse(iface, name, handler(state, new Args(element), def));
	} catch (error) {
		if (error instanceof OiiFault) return faultResponse(error.codes, namespace, error.faultcode);
		const reason = error instanceof Error ? error.message : String(error);
		return faultResponse(
			{ areaCode: 9, errorCode: 9, errorText: `Internal error: ${reason}`, errorRetry: false },
			namespace,
			'Server',
		);
	}
}

/** A request body that cannot be read at all: the malformed-request ICI fault. */
export function refuseOiiBody(request: SimRequest, reason: string): SimResponse {
	const namespace = interfaceOf(request).iface?.namespace ?? ICI_INTERFACES.system.namespace;
	return faultResponse(
		oiiFault('malformedRequest', `Malformed request: ${reason}`).codes,
		namespace,
	);
}

/** Every operation of the table has a handler (checked at start). */
export function missingHandlers(): string[] {
	return ICI_OPERATIONS.map((def) => `${def.resource}.${def.operation}`).filter(
		(key) => !OII_HANDLERS[key],
	);
}
