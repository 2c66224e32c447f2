import {
	MCC_REST_JSON_PATH,
	MCC_SIM_PORT_NAME,
	MCC_SIM_PORT_TYPE_NAME,
	MCC_SIM_SERVICE_NAME,
} from '../../nodes/TvoxMcc/constants';
import { escapeXml } from '../../nodes/shared/xml';
import {
	jaxbName,
	operationsOf,
	RESULT_TYPES,
	SET_SESSION_DATA_REQUEST_FIELDS,
	SIMPLE_TYPES,
	soapNameOf,
	soapParamName,
	type ElementForm,
	type McVersion,
	type ParamType,
	type ResultField,
	type SimOperation,
	type SoapNames,
	type SoapParamStyle,
} from './schema';

/**
 * The WSDL (document/literal wrapped, as Apache CXF writes it for a JAX-WS endpoint) and the
 * WADL of the simulated MultiChannel Connector, written from the interface tables.
 */

export interface WsdlSettings {
	namespace: string;
	version: McVersion;
	paramStyle: SoapParamStyle;
	/** elementFormDefault of the schema (default unqualified). */
	elementForm?: ElementForm;
	/** The soap:address location (CXF writes the address the WSDL was requested on). */
	address: string;
	/** Operation names declared instead of the documented ones. */
	soapNames?: SoapNames;
}

function paramElement(op: SimOperation, index: number, style: SoapParamStyle): string {
	const param = op.params[index];
	const name = soapParamName(op, index, style);
	const types: Record<ParamType, string> = {
		int: 'xs:int',
		string: 'xs:string',
		reason: 'tns:reason',
		setSessionDataRequest: 'tns:setSessionDataRequest',
	};
	if (param.repeated) {
		return `<xs:element maxOccurs="unbounded" minOccurs="0" name="${name}" type="${types[param.type]}"/>`;
	}
	// A primitive int parameter is required in the schema CXF writes; objects are optional.
	const occurs = param.type === 'int' ? '' : 'minOccurs="0" ';
	return `<xs:element ${occurs}name="${name}" type="${types[param.type]}"/>`;
}

function fieldElement(field: ResultField): string {
	if (field.type === 'serviceStateMap') {
		return [
			`<xs:element name="${field.name}">`,
			'<xs:complexType><xs:sequence>',
			'<xs:element maxOccurs="unbounded" minOccurs="0" name="entry">',
			'<xs:complexType><xs:sequence>',
			'<xs:element minOccurs="0" name="key" type="xs:string"/>',
			'<xs:element minOccurs="0" name="value" type="tns:serviceState"/>',
			'</xs:sequence></xs:complexType>',
			'</xs:element>',
			'</xs:sequence></xs:complexType>',
			'</xs:element>',
		].join('');
	}
	if (field.type === 'int') return `<xs:element name="${field.name}" type="xs:int"/>`;
	if (field.type === 'string')
		return `<xs:element minOccurs="0" name="${field.name}" type="xs:string"/>`;
	return `<xs:element minOccurs="0" name="${field.name}" type="tns:${jaxbName(field.type.name)}"/>`;
}

function complexType(name: string, elements: string[]): string {
	return `<xs:complexType name="${name}"><xs:sequence>${elements.join('')}</xs:sequence></xs:complexType>`;
}

/** The WSDL document. */
export function writeWsdl(settings: WsdlSettings): string {
	const ns = escapeXml(settings.namespace);
	const ops = operationsOf(settings.version);
	const served = (op: SimOperation) => soapNameOf(op, settings.soapNames);
	const usedResults = new Set(ops.map((op) => op.result));
	const schema: string[] = [];
	for (const op of ops) {
		schema.push(`<xs:element name="${served(op)}" type="tns:${served(op)}"/>`);
		schema.push(`<xs:element name="${served(op)}Response" type="tns:${served(op)}Response"/>`);
	}
	for (const op of ops) {
		schema.push(
			complexType(
				served(op),
				op.params.map((_p, index) => paramElement(op, index, settings.paramStyle)),
			),
		);
		schema.push(
			complexType(`${served(op)}Response`, [
				`<xs:element minOccurs="0" name="return" type="tns:${op.result}"/>`,
			]),
		);
	}
	for (const [name, fields] of Object.entries(RESULT_TYPES)) {
		if (usedResults.has(name)) schema.push(complexType(name, fields.map(fieldElement)));
	}
	if (ops.some((op) => op.name === 'setSessionData')) {
		schema.push(
			complexType(
				'setSessionDataRequest',
				SET_SESSION_DATA_REQUEST_FIELDS.map(
					(f) => `<xs:element minOccurs="0" name="${f}" type="xs:string"/>`,
				),
			),
		);
	}
	for (const simple of SIMPLE_TYPES) {
		schema.push(
			`<xs:simpleType name="${simple.name}"><xs:restriction base="xs:string">${simple.values
				.map((v) => `<xs:enumeration value="${v}"/>`)
				.join('')}</xs:restriction></xs:simpleType>`,
		);
	}
	const messages = ops
		.map(
			(op) =>
				`<wsdl:message name="${served(op)}"><wsdl:part element="tns:${served(op)}" name="parameters"/></wsdl:message>` +
				`<wsdl:message name="${served(op)}Response"><wsdl:part element="tns:${served(op)}Response" name="parameters"/></wsdl:message>`,
		)
		.join('\n  ');
	const portOps = ops
		.map(
			(op) =>
				`<wsdl:operation name="${served(op)}"><wsdl:input message="tns:${served(op)}" name="${served(op)}"/>` +
				`<wsdl:output message="tns:${served(op)}Response" name="${served(op)}Response"/></wsdl:operation>`,
		)
		.join('\n    ');
	const bindingOps = ops
		.map(
			(op) =>
				`<wsdl:operation name="${served(op)}"><soap:operation soapAction="" style="document"/>` +
				`<wsdl:input name="${served(op)}"><soap:body use="literal"/></wsdl:input>` +
				`<wsdl:output name="${served(op)}Response"><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
		)
		.join('\n    ');
	const binding = `${MCC_SIM_SERVICE_NAME}SoapBinding`;
	return [
		"<?xml version='1.0' encoding='UTF-8'?>",
		`<wsdl:definitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="${ns}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:ns1="http://schemas.xmlsoap.org/soap/http" name="${MCC_SIM_SERVICE_NAME}" targetNamespace="${ns}">`,
		'  <wsdl:types>',
		`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}" elementFormDefault="${settings.elementForm ?? 'unqualified'}" targetNamespace="${ns}" version="1.0">`,
		schema.join('\n'),
		'</xs:schema>',
		'  </wsdl:types>',
		`  ${messages}`,
		`  <wsdl:portType name="${MCC_SIM_PORT_TYPE_NAME}">`,
		`    ${portOps}`,
		'  </wsdl:portType>',
		`  <wsdl:binding name="${binding}" type="tns:${MCC_SIM_PORT_TYPE_NAME}">`,
		'    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
		`    ${bindingOps}`,
		'  </wsdl:binding>',
		`  <wsdl:service name="${MCC_SIM_SERVICE_NAME}">`,
		`    <wsdl:port binding="tns:${binding}" name="${MCC_SIM_PORT_NAME}">`,
		`      <soap:address location="${escapeXml(settings.address)}"/>`,
		'    </wsdl:port>',
		'  </wsdl:service>',
		'</wsdl:definitions>',
		'',
	].join('\n');
}

/** The WADL document of the REST / JSON service. */
export function writeWadl(version: McVersion, base: string): string {
	const resources = operationsOf(version)
		.map((op) => {
			const params =
				op.restMethod === 'GET'
					? op.params
							.map(
								(p) =>
									`<param name="${p.name}" style="query" type="${p.type === 'int' ? 'xs:int' : 'xs:string'}"${
										p.repeated ? ' repeating="true"' : ''
									}/>`,
							)
							.join('')
					: '';
			const request =
				op.restMethod === 'PUT'
					? '<request><representation mediaType="application/json"/></request>'
					: `<request>${params}</request>`;
			return `<resource path="${op.restPath}"><method name="${op.restMethod}">${request}<response><representation mediaType="application/json"/></response></method></resource>`;
		})
		.join('\n      ');
	return [
		'<?xml version="1.0"?>',
		'<application xmlns="http://wadl.dev.java.net/2009/02" xmlns:xs="http://www.w3.org/2001/XMLSchema">',
		`  <resources base="${escapeXml(base)}">`,
		`    <resource path="${MCC_REST_JSON_PATH.replace(/^.*\/rest/, '')}">`,
		`      ${resources}`,
		'    </resource>',
		'  </resources>',
		'</application>',
		'',
	].join('\n');
}
