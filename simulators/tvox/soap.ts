import { SOAP11_ENVELOPE_NS, writeSoapFault } from '../../nodes/shared/transport/soap';
import {
	asElement,
	asElements,
	attrOf,
	buildXml,
	childNames,
	findIllegalXmlCharacter,
	lineAndColumn,
	parseXml,
	rootOf,
	textOf,
	type XmlElement,
	type XmlValue,
} from '../../nodes/shared/xml';
import type { SimResponse } from '../shared/httpServer';
import {
	operationBySoapName,
	SET_SESSION_DATA_REQUEST_FIELDS,
	soapNameOf,
	soapParamName,
	type ElementForm,
	type McVersion,
	type SimOperation,
	type SoapNames,
	type SoapParamStyle,
} from './schema';
import type { SimArgs, SimResult, TvoxState } from './state';

/**
 * The SOAP service of the simulated MultiChannel Connector, answering like Apache CXF: document/
 * literal wrapped requests checked against the WSDL it serves (wrapper element and namespace,
 * parameter elements unqualified or, with the qualified element form, in the target namespace),
 * `<return>` answers, and CXF's fault texts for what it refuses.
 */

export const SOAP_CONTENT_TYPE = 'text/xml;charset=UTF-8';

export interface SoapSettings {
	namespace: string;
	version: McVersion;
	paramStyle: SoapParamStyle;
	/** The schema's element form (default unqualified). */
	elementForm?: ElementForm;
	/** Operation names the WSDL declares instead of the documented ones. */
	soapNames?: SoapNames;
}

class SoapRefusal extends Error {
	constructor(
		readonly faultcode: string,
		message: string,
	) {
		super(message);
	}
}

export function fault(faultcode: string, faultstring: string): SimResponse {
	return {
		status: 500,
		headers: { 'Content-Type': SOAP_CONTENT_TYPE },
		body: writeSoapFault({ faultcode: `soapenv:${faultcode}`, faultstring }),
	};
}

/** The operation a SOAP request names (for fault matching and the request log). */
export function soapOperationOf(body: string): string | undefined {
	return /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body)?.[1];
}

function split(qname: string): { prefix: string; local: string } {
	const at = qname.indexOf(':');
	return at < 0
		? { prefix: '', local: qname }
		: { prefix: qname.slice(0, at), local: qname.slice(at + 1) };
}

/** The namespace of a prefix, looked up from the innermost element outwards. */
function namespaceOf(prefix: string, scopes: XmlElement[]): string {
	for (const scope of scopes) {
		const declared = attrOf(scope, prefix ? `xmlns:${prefix}` : 'xmlns');
		if (declared !== undefined) return declared;
	}
	return '';
}

function child(element: XmlElement, local: string): { key: string; value: XmlValue } | undefined {
	const key = childNames(element).find((name) => split(name).local === local);
	return key === undefined ? undefined : { key, value: element[key] };
}

function nil(element: XmlElement): boolean {
	return Object.keys(element).some(
		(k) => k.startsWith('@_') && k.endsWith(':nil') && element[k] === 'true',
	);
}

function expected(names: string[], namespace: string): string {
	return names.map((n) => `<{${namespace}}${n}>`).join(',');
}

function readParams(
	op: SimOperation,
	wrapper: XmlElement,
	scopes: XmlElement[],
	settings: SoapSettings,
): SimArgs {
	const names = op.params.map((_p, index) => soapParamName(op, index, settings.paramStyle));
	// Local elements are in the target namespace with the qualified form, in none otherwise.
	const local = settings.elementForm === 'qualified' ? settings.namespace : '';
	const args: SimArgs = {};
	for (const key of childNames(wrapper)) {
		const { prefix, local: name } = split(key);
		const values = asElements(wrapper[key]);
		const namespace = namespaceOf(prefix, [values[0] ?? {}, ...scopes]);
		const index = names.indexOf(name);
		if (index < 0 || namespace !== local) {
			throw new SoapRefusal(
				'Client',
				`Unmarshalling Error: unexpected element (uri:"${namespace}", local:"${name}"). Expected elements are ${expected(names, local)}`,
			);
		}
		const param = op.params[index];
		const present = values.filter((v) => !nil(v));
		if (present.length === 0) continue;
		const last = present[present.length - 1];
		switch (param.type) {
			case 'int': {
				const text = textOf(last).trim();
				if (!/^-?\d+$/.test(text)) {
					throw new SoapRefusal('Client', `Unmarshalling Error: For input string: "${text}"`);
				}
				args[param.name] = Number(text);
				break;
			}
			case 'setSessionDataRequest': {
				const fields: Record<string, string | undefined> = {};
				for (const fieldKey of childNames(last)) {
					const { prefix: fieldPrefix, local: field } = split(fieldKey);
					const fieldNamespace = namespaceOf(fieldPrefix, [
						asElement(last[fieldKey]),
						last,
						...scopes,
					]);
					if (
						!(SET_SESSION_DATA_REQUEST_FIELDS as readonly string[]).includes(field) ||
						fieldNamespace !== local
					) {
						throw new SoapRefusal(
							'Client',
							`Unmarshalling Error: unexpected element (uri:"${fieldNamespace}", local:"${field}"). Expected elements are ${expected([...SET_SESSION_DATA_REQUEST_FIELDS], local)}`,
						);
					}
					const value = asElement(last[fieldKey]);
					fields[field] = nil(value) ? undefined : textOf(last[fieldKey]);
				}
				args[param.name] = fields;
				break;
			}
			default:
				args[param.name] = param.repeated ? present.map((v) => textOf(v)) : textOf(last);
		}
	}
	return args;
}

function resultElement(result: SimResult, p: string): XmlElement {
	const element: XmlElement = {};
	for (const [name, value] of Object.entries(result)) {
		if (Array.isArray(value)) {
			element[`${p}${name}`] = {
				[`${p}entry`]: value.map(([key, state]) => ({ [`${p}key`]: key, [`${p}value`]: state })),
			};
		} else {
			element[`${p}${name}`] = String(value);
		}
	}
	return element;
}

/** The answer envelope of an operation, as CXF writes it (local elements prefixed with the qualified form). */
export function soapAnswer(
	op: SimOperation,
	namespace: string,
	result: SimResult,
	elementForm: ElementForm = 'unqualified',
	soapNames?: SoapNames,
): SimResponse {
	const p = elementForm === 'qualified' ? 'ns2:' : '';
	const body = buildXml(
		{
			'soap:Envelope': {
				'@_xmlns:soap': SOAP11_ENVELOPE_NS,
				'soap:Body': {
					[`ns2:${soapNameOf(op, soapNames)}Response`]: {
						'@_xmlns:ns2': namespace,
						[`${p}return`]: resultElement(result, p),
					},
				},
			},
		},
		false,
	);
	return { status: 200, headers: { 'Content-Type': SOAP_CONTENT_TYPE }, body };
}

/** The operation a request is for, or the fault CXF answers when it cannot dispatch it. */
function dispatch(
	body: string,
	settings: SoapSettings,
): { op: SimOperation; wrapper: XmlElement; scopes: XmlElement[] } | SimResponse {
	// The XML 1.0 reader under CXF stops at a character XML does not allow, raw or as a reference.
	const illegal = findIllegalXmlCharacter(body, { references: true });
	if (illegal) {
		const { line, column } = lineAndColumn(body, illegal.index);
		const code = illegal.codePoint.toString(16);
		const problem = illegal.reference
			? `Illegal character entity: expansion character (code 0x${code}) not a valid XML character`
			: illegal.codePoint < 0x20
				? `Illegal character ((CTRL-CHAR, code ${illegal.codePoint}))`
				: `Illegal character (code 0x${code})`;
		return fault(
			'Client',
			`Error reading XMLStreamReader: ${problem}\n at [row,col {unknown-source}]: [${line},${column}]`,
		);
	}
	let doc: XmlElement;
	try {
		doc = parseXml(body);
	} catch (error) {
		return fault(
			'Client',
			`Error reading XMLStreamReader: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	const root = rootOf(doc);
	const envelope = root.element;
	const rootName = split(root.name);
	if (
		rootName.local !== 'Envelope' ||
		namespaceOf(rootName.prefix, [envelope]) !== SOAP11_ENVELOPE_NS
	) {
		return fault(
			'VersionMismatch',
			'A SOAP 1.1 message is not valid because the root is not a SOAP 1.1 Envelope.',
		);
	}
	const bodyEntry = child(envelope, 'Body');
	if (!bodyEntry) return fault('Client', 'No SOAP Body in the message.');
	const soapBody = asElement(bodyEntry.value);
	const wrapperKey = childNames(soapBody)[0];
	if (wrapperKey === undefined)
		return fault(
			'Client',
			'No binding operation info while invoking unknown method with params unknown.',
		);
	const wrapper = asElement(soapBody[wrapperKey]);
	const scopes = [wrapper, soapBody, envelope];
	const { prefix, local } = split(wrapperKey);
	const namespace = namespaceOf(prefix, scopes);
	const op = operationBySoapName(settings.version, settings.soapNames, local);
	if (!op || namespace !== settings.namespace) {
		return fault(
			'Client',
			`Message part {${namespace}}${local} was not recognized.  (Does it exist in service WSDL?)`,
		);
	}
	return { op, wrapper, scopes };
}

/** Answer one SOAP request. */
export function handleSoapRequest(
	state: TvoxState,
	settings: SoapSettings,
	body: string,
): SimResponse {
	const target = dispatch(body, settings);
	if ('status' in target) return target;
	let args: SimArgs;
	try {
		args = readParams(target.op, target.wrapper, target.scopes, settings);
	} catch (error) {
		if (error instanceof SoapRefusal) return fault(error.faultcode, error.message);
		return fault('Server', error instanceof Error ? error.message : String(error));
	}
	return soapAnswer(
		target.op,
		settings.namespace,
		state.run(target.op.name, args),
		settings.elementForm,
		settings.soapNames,
	);
}
