import { ATTR_PREFIX, type XmlElement, type XmlValue } from '../shared/xml';
import { ELEMENTS, type ElementName, type FieldDef } from './elementTable';

/**
 * The one encoder of ICI data elements: plain values written back to XML in the shapes the
 * decoder reads.
 */

export const XSI_NIL: XmlElement = { [`${ATTR_PREFIX}xsi:nil`]: 'true' };

function textElementXml(value: unknown): XmlValue {
	if (value === null) return { ...XSI_NIL };
	const v = (value ?? {}) as { id?: unknown; description?: unknown };
	return {
		id: v.id === null || v.id === undefined ? '' : String(v.id),
		description: v.description === null || v.description === undefined ? '' : String(v.description),
	};
}

function scalarXml(value: unknown): XmlValue {
	if (value === null) return { ...XSI_NIL };
	return String(value);
}

function listXml(values: unknown, each: (v: unknown) => XmlValue): XmlValue {
	if (values === null) return { ...XSI_NIL };
	const list = Array.isArray(values) ? values : [];
	return list.length ? { item: list.map(each) } : '';
}

/**
 * Write an element of the schema from plain values (strings, numbers, booleans, TextElements as
 * `{ id, description }`, lists as arrays). `undefined` leaves a field out, null writes xsi:nil.
 */
export function encodeElement(name: ElementName, value: Record<string, unknown>): XmlElement {
	const out: XmlElement = {};
	for (const def of ELEMENTS[name] as readonly FieldDef[]) {
		const v = value[def.name];
		if (v === undefined) continue;
		switch (def.kind) {
			case 'text':
				out[def.name] = textElementXml(v);
				break;
			case 'textList':
				out[def.name] = listXml(v, textElementXml);
				break;
			case 'stringList':
			case 'capabilities':
				out[def.name] = listXml(v, scalarXml);
				break;
			case 'element':
				out[def.name] =
					v === null ? { ...XSI_NIL } : encodeElement(def.element, v as Record<string, unknown>);
				break;
			case 'elementList':
				out[def.name] = listXml(v, (e) =>
					e === null ? { ...XSI_NIL } : encodeElement(def.element, e as Record<string, unknown>),
				);
				break;
			default:
				out[def.name] = scalarXml(v);
		}
	}
	return out;
}
