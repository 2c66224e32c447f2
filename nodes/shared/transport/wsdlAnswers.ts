import { ATTR_PREFIX, setOwn, TEXT_KEY, type XmlElement, type XmlValue } from '../xml';
import type { SoapMessage } from './soap';
import type { PlannedOperation } from './wsdlOperations';

/**
 * Answers in the form the `soap` package returns them: the response element's content as
 * objects, values typed by the WSDL's schema, attributes under `attributes` (text then under
 * `$value`), nil and empty elements as null.
 */

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
	const own = (key: string) =>
		Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
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
			else if (key.startsWith(ATTR_PREFIX))
				setOwn((attributes ??= {}), key.slice(ATTR_PREFIX.length), value[key]);
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
export function resultOf(message: SoapMessage, operation: PlannedOperation): unknown {
	if (message.name === '') return {};
	if (!operation.responseNames.includes(message.name)) return undefined;
	return answerValue(message.element, operation.responseSchema);
}
