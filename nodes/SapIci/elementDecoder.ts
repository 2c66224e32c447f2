import type { IDataObject } from 'n8n-workflow';

import { childNames, setOwn, type XmlElement, type XmlValue } from '../shared/xml';
import { readAttachedData, readXmlString } from './attachedData';
import { BY_CHANNEL, ELEMENTS, type ElementName, type FieldDef } from './elementTable';
import { arrayEntries, childOf, genericJson, isNil, leafText } from './parsedXml';
import {
	CAPABILITY_TABLES,
	capabilityTableForChannel,
	CODE_TABLES,
	lookup,
	statusTableForChannel,
	type CapabilityTableName,
	type CodeTableName,
	type StatusEntry,
} from './tables';

/**
 * The one decoder of ICI data elements: parsed XML into clean JSON (arrays always arrays,
 * `xsi:nil` → null, numbers and booleans typed, status and capability ids decoded, attached data
 * parsed), field by field as the element table declares them.
 */

/** Decoding context: the channel type for elements whose tables depend on it (IciItem.create). */
export interface DecodeContext {
	channelType?: string;
}

function single(value: XmlValue | undefined): string | XmlElement | undefined {
	if (Array.isArray(value)) return single(value[0]);
	return value;
}

function asText(value: XmlValue | undefined): string | null {
	const one = single(value);
	if (one === undefined || isNil(one)) return null;
	return leafText(one) ?? null;
}

function typedInt(text: string | null): number | string | null {
	if (text === null) return null;
	const trimmed = text.trim();
	if (trimmed === '') return null;
	return /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : text;
}

function typedBoolean(text: string | null): boolean | string | null {
	if (text === null) return null;
	const trimmed = text.trim();
	if (/^(true|1)$/i.test(trimmed)) return true;
	if (/^(false|0)$/i.test(trimmed)) return false;
	return trimmed === '' ? null : text;
}

function typedFlag(text: string | null): boolean | string | null {
	if (text === null) return null;
	const trimmed = text.trim();
	if (trimmed === '1') return true;
	if (trimmed === '0') return false;
	return trimmed === '' ? null : text;
}

function emptyToNull(text: string | null): string | null {
	return text === null || text.trim() === '' ? null : text;
}

function decodeText(
	value: XmlValue | undefined,
	table: CodeTableName | undefined,
): IDataObject | null {
	const one = single(value);
	if (one === undefined || isNil(one)) return null;
	if (typeof one === 'string') return { id: one, description: null };
	const out: IDataObject = {
		id: asText(childOf(one, 'id')),
		description: asText(childOf(one, 'description')),
	};
	const message = childOf(one, 'message');
	if (message !== undefined && !isNil(message)) out.message = asText(message);
	if (table && out.id !== null) {
		const entry = lookup(
			CODE_TABLES[table] as Readonly<Record<string, StatusEntry>>,
			String(out.id),
		);
		if (entry) {
			out.name = entry.name;
			if (entry.meaning) out.meaning = entry.meaning;
		}
	}
	return out;
}

/** Decoded capability ids: id, what it allows and the ICI method it enables. */
export function describeCapabilities(
	ids: ReadonlyArray<number | string>,
	table: CapabilityTableName,
): IDataObject[] {
	return ids.map((id) => {
		const entry = typeof id === 'number' ? lookup(CAPABILITY_TABLES[table], id) : undefined;
		return entry ? { id, capability: entry.capability, method: entry.method } : { id };
	});
}

function codeName(table: CodeTableName, value: number | string | null): string | null {
	if (value === null) return null;
	return lookup(CODE_TABLES[table], value)?.name ?? null;
}

function resolveTable<T extends string>(table: T | typeof BY_CHANNEL, byChannel: T): T {
	return table === BY_CHANNEL ? byChannel : table;
}

function decodeField(
	out: IDataObject,
	def: FieldDef,
	value: XmlValue | undefined,
	context: DecodeContext,
): void {
	const name = def.name;
	switch (def.kind) {
		case 'string':
			out[name] = asText(value);
			return;
		case 'dateTime':
			out[name] = emptyToNull(asText(value));
			return;
		case 'int':
		case 'count':
			out[name] = typedInt(asText(value));
			return;
		case 'boolean':
			out[name] = typedBoolean(asText(value));
			return;
		case 'flag':
			out[name] = typedFlag(asText(value));
			return;
		case 'text':
			out[name] = decodeText(
				value,
				def.table === undefined
					? undefined
					: resolveTable<CodeTableName>(def.table, statusTableForChannel(context.channelType)),
			);
			return;
		case 'textList':
			out[name] = arrayEntries(value).map((entry) => decodeText(entry, def.table)) as IDataObject[];
			return;
		case 'stringList':
			out[name] = arrayEntries(value).map((entry) => asText(entry)) as string[];
			return;
		case 'capabilities': {
			const ids = arrayEntries(value)
				.map((entry) => typedInt(asText(entry)))
				.filter((id): id is number | string => id !== null);
			out[name] = ids;
			out.capabilities = describeCapabilities(
				ids,
				resolveTable<CapabilityTableName>(
					def.table,
					capabilityTableForChannel(context.channelType),
				),
			);
			return;
		}
		case 'code': {
			const code = typedInt(asText(value));
			out[name] = code;
			out[`${name}Name`] = codeName(def.table, code);
			return;
		}
		case 'element': {
			const one = single(value);
			out[name] = one === undefined || isNil(one) ? null : decodeElement(def.element, one, context);
			return;
		}
		case 'elementList':
			out[name] = arrayEntries(value).map((entry) =>
				isNil(entry) ? null : decodeElement(def.element, entry, context),
			) as IDataObject[];
			return;
		case 'attachedData': {
			const raw = asText(value);
			out[name] = raw;
			const parsed = readAttachedData(raw);
			out.attachedDataJson = parsed.applications;
			if (parsed.error) out.attachedDataError = parsed.error;
			return;
		}
		case 'xmlString': {
			const raw = asText(value);
			out[name] = raw;
			const parsed = readXmlString(raw);
			out[`${name}Json`] = parsed.json;
			if (parsed.error) out[`${name}Error`] = parsed.error;
			return;
		}
	}
}

/** Decode one element of the schema; children not in the schema are kept as generic JSON. */
export function decodeElement(
	name: ElementName,
	value: XmlValue,
	context: DecodeContext = {},
): IDataObject {
	return decodeFields(ELEMENTS[name], value, context);
}

/** Decode an element by a list of fields; children not listed are kept as generic JSON. */
export function decodeFields(
	fields: readonly FieldDef[],
	value: XmlValue,
	context: DecodeContext = {},
): IDataObject {
	const element: XmlElement = typeof value === 'string' ? {} : Array.isArray(value) ? {} : value;
	const out: IDataObject = {};
	const known = new Set<string>();
	for (const def of fields) {
		for (const n of [def.name, ...(def.aliases ?? [])]) known.add(n.toLowerCase());
		decodeField(out, def, childOf(element, def.name, def.aliases), context);
	}
	for (const child of childNames(element)) {
		if (known.has(child.toLowerCase())) continue;
		setOwn(out, child, genericJson(element[child]) as IDataObject);
	}
	return out;
}
