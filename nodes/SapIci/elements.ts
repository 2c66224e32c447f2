/**
 * The ICI data elements of chapter 10 as data: each element's fields with their types
 * (elementTable.ts). One decoder turns parsed XML into clean JSON (arrays always arrays,
 * `xsi:nil` → null, numbers and booleans typed, status and capability ids decoded, attached data
 * parsed: elementDecoder.ts, parsedXml.ts, attachedData.ts), one encoder writes the same shapes
 * back to XML (elementEncoder.ts). The node, the simulator and the event trigger all read through
 * here.
 */

export {
	checkXmlName,
	jsonToXml,
	readAttachedData,
	readXmlString,
	writeAttachedData,
	XmlNameError,
	type AttachedDataJson,
} from './attachedData';
export {
	decodeElement,
	decodeFields,
	describeCapabilities,
	type DecodeContext,
} from './elementDecoder';
export { encodeElement, XSI_NIL } from './elementEncoder';
export {
	BY_CHANNEL,
	ELEMENTS,
	type ElementName,
	type FieldDef,
	type FieldKind,
} from './elementTable';
export { arrayEntries, childOf, genericJson, isNil } from './parsedXml';
