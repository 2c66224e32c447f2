import type { IDataObject } from 'n8n-workflow';

import {
	ATTR_PREFIX,
	buildXml,
	childNames,
	parseXml,
	rootOf,
	setOwn,
	TEXT_KEY,
	type XmlElement,
	type XmlValue,
} from '../shared/xml';
import { ATTACHED_DATA_ROOT } from './constants';
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
 * The ICI data elements of chapter 10 as data: each element's fields with their types. One
 * decoder turns parsed XML into clean JSON (arrays always arrays, `xsi:nil` → null, numbers and
 * booleans typed, status and capability ids decoded, attached data parsed), one encoder writes the
 * same shapes back to XML. The node, the simulator and the event trigger all read through here.
 */

/** A table chosen by the item's channel type (IciItem.create answers for any channel). */
export const BY_CHANNEL = 'byChannel';

/** The data elements of chapter 10 (and the composite answers of chapter 9). */
export type ElementName =
	| 'TextElement'
	| 'ProductInformation'
	| 'WorkcenterCapability'
	| 'PresenceQueueInfo'
	| 'QueueInfo'
	| 'GroupInfo'
	| 'UserPresenceInfo'
	| 'CollaborationData'
	| 'CallRecording'
	| 'CallBack'
	| 'Address'
	| 'User'
	| 'Item'
	| 'PhoneCall'
	| 'Message'
	| 'ChatSession'
	| 'ChatPosting'
	| 'ActionSession'
	| 'ActionItem'
	| 'Attribute'
	| 'RouteResult';

export type FieldKind =
	| { kind: 'string' }
	| { kind: 'int' }
	| { kind: 'boolean' }
	| { kind: 'dateTime' }
	/** A number carried as a string (queue statistics). */
	| { kind: 'count' }
	/** '1' → true, '0' → false, '' → null. */
	| { kind: 'flag' }
	/** A TextElement, its id decoded with a table when one is given. */
	| { kind: 'text'; table?: CodeTableName | typeof BY_CHANNEL }
	| { kind: 'textList'; table?: CodeTableName }
	| { kind: 'stringList' }
	/** `capabilityList` (int[]), decoded into `capabilities` with names and methods. */
	| { kind: 'capabilities'; table: CapabilityTableName | typeof BY_CHANNEL }
	/** A code carried as a string or int, decoded into `<field>Name`. */
	| { kind: 'code'; table: CodeTableName }
	| { kind: 'element'; element: ElementName }
	| { kind: 'elementList'; element: ElementName }
	/** Item attached data: the raw XML, and `attachedDataJson` per Application id. */
	| { kind: 'attachedData' }
	/** An XML string with a root element (createCallBack extraData), also given as `<field>Json`. */
	| { kind: 'xmlString' };

export type FieldDef = FieldKind & {
	name: string;
	/** Other spellings accepted when reading (e.g. dialledNumber for dialedNumber). */
	aliases?: readonly string[];
};

const s = (name: string, aliases?: string[]): FieldDef => ({ name, kind: 'string', ...(aliases ? { aliases } : {}) });
const f = <K extends FieldKind>(name: string, kind: K): FieldDef => ({ name, ...kind });

const PROCESSING: FieldDef = f('processingStatus', { kind: 'text', table: 'processingStatus' });

/** Chapter 10 (and the composite answers of chapter 9). Field order is the documented order. */
export const ELEMENTS: Record<ElementName, readonly FieldDef[]> = {
	TextElement: [s('id'), s('description')],
	ProductInformation: [
		s('message'),
		s('productName'),
		f('iciMessageGroups', { kind: 'stringList' }),
		s('productVersion'),
		s('iciVersion'),
	],
	WorkcenterCapability: [
		s('types'),
		f('workcenterList', { kind: 'boolean' }),
		f('filter', { kind: 'boolean' }),
	],
	PresenceQueueInfo: [
		f('groupInfo', { kind: 'elementList', element: 'GroupInfo' }),
		f('queueInfo', { kind: 'elementList', element: 'QueueInfo' }),
	],
	QueueInfo: [
		s('id'),
		s('description'),
		s('guid'),
		f('loggedIn', { kind: 'count' }),
		f('ready', { kind: 'count' }),
		f('pending', { kind: 'count' }),
		f('open', { kind: 'flag' }),
		f('avgWaitingTime', { kind: 'count' }),
		f('maxWaitingTime', { kind: 'count' }),
		f('busy', { kind: 'count' }),
		f('wrapUp', { kind: 'count' }),
		f('notReady', { kind: 'count' }),
		f('paused', { kind: 'count' }),
	],
	GroupInfo: [s('id'), s('description'), s('parentId', ['parentID']), f('queuesId', { kind: 'stringList' })],
	UserPresenceInfo: [
		s('user'),
		f('presenceStatus', { kind: 'code', table: 'presenceStatus' }),
		s('presenceDescription'),
		f('collaborationData', { kind: 'elementList', element: 'CollaborationData' }),
	],
	CollaborationData: [
		s('description'),
		f('channel', { kind: 'code', table: 'channel' }),
		f('capability', { kind: 'code', table: 'collaborationCapability' }),
		s('address'),
	],
	CallRecording: [
		s('callHandle'),
		s('userId'),
		f('creationTime', { kind: 'dateTime' }),
		f('startTime', { kind: 'dateTime' }),
		f('endTime', { kind: 'dateTime' }),
		s('source'),
		s('destination'),
		s('fileName'),
	],
	// The order of the OII's IciSystemService WSDL, which adds queueGuid and queueName.
	CallBack: [
		s('id'),
		s('number'),
		s('queueGuid'),
		s('queueNumber'),
		s('queueName'),
		f('handledTime', { kind: 'dateTime' }),
		f('lastCallTime', { kind: 'dateTime' }),
		f('nextCallTime', { kind: 'dateTime' }),
		f('failures', { kind: 'int' }),
		f('maxCalls', { kind: 'int' }),
		f('lastResult', { kind: 'code', table: 'callbackResult' }),
		f('extraData', { kind: 'xmlString' }),
		s('notes'),
		s('gwPrefix'),
	],
	Address: [s('address'), f('channel', { kind: 'code', table: 'channel' })],
	User: [
		s('userId'),
		f('currentWorkmode', { kind: 'text', table: 'workmode' }),
		f('workmodes', { kind: 'textList', table: 'workmode' }),
		f('wrapUpMode', { kind: 'code', table: 'wrapUpMode' }),
		f('currentChannels', { kind: 'textList', table: 'channel' }),
		f('channels', { kind: 'textList', table: 'channel' }),
		f('currentQueues', { kind: 'textList' }),
		f('queues', { kind: 'textList' }),
		f('addresses', { kind: 'elementList', element: 'Address' }),
		s('cmsHostId'),
	],
	Item: [
		f('status', { kind: 'text', table: BY_CHANNEL }),
		s('itemId'),
		PROCESSING,
		f('capabilityList', { kind: 'capabilities', table: BY_CHANNEL }),
	],
	PhoneCall: [
		s('lineNumber'),
		s('callHandle'),
		PROCESSING,
		f('remoteNumbers', { kind: 'stringList' }),
		s('dialedNumber', ['dialledNumber', 'dialNumber']),
		f('callStatus', { kind: 'text', table: 'phoneCallStatus' }),
		f('capabilityList', { kind: 'capabilities', table: 'phoneCall' }),
		f('inbound', { kind: 'boolean' }),
		f('internal', { kind: 'boolean' }),
		f('attachedData', { kind: 'attachedData' }),
		s('trunkId'),
	],
	Message: [
		s('folder'),
		s('subject'),
		s('messageId'),
		PROCESSING,
		s('originator'),
		s('messageText'),
		f('attachments', { kind: 'stringList' }),
		f('messageStatus', { kind: 'text', table: 'messageStatus' }),
		f('capabilityList', { kind: 'capabilities', table: 'message' }),
		f('attachedData', { kind: 'attachedData' }),
		s('originalMessageId'),
		f('notification', { kind: 'boolean' }),
		f('read', { kind: 'boolean' }),
		f('answered', { kind: 'boolean' }),
		f('forwarded', { kind: 'boolean' }),
	],
	ChatSession: [
		s('title'),
		s('chatLineId'),
		s('chatSessionId'),
		PROCESSING,
		f('capabilityList', { kind: 'capabilities', table: 'chatSession' }),
		f('attachedData', { kind: 'attachedData' }),
		f('chatStatus', { kind: 'text', table: 'chatStatus' }),
		f('chatParticipants', { kind: 'stringList' }),
	],
	ChatPosting: [
		s('chatSessionId'),
		s('postDate'),
		s('chatParticipant'),
		s('contentText'),
		f('systemMessage', { kind: 'boolean' }),
	],
	ActionSession: [
		f('actionParticipants', { kind: 'stringList' }),
		f('capabilityList', { kind: 'capabilities', table: 'actionSession' }),
		s('title'),
		s('actionSessionId'),
		f('actionStatus', { kind: 'text', table: 'actionStatus' }),
		PROCESSING,
		f('attachedData', { kind: 'attachedData' }),
		s('actionLineId'),
	],
	ActionItem: [
		s('systemId'),
		s('client'),
		s('requestId'),
		s('processId'),
		s('actionItemId'),
		s('actionItemInboxId'),
		f('attachedData', { kind: 'attachedData' }),
		f('capabilityList', { kind: 'capabilities', table: 'actionSession' }),
		PROCESSING,
		f('actionItemStatus', { kind: 'text', table: 'actionStatus' }),
		f('actionItemAttributes', { kind: 'elementList', element: 'Attribute' }),
	],
	Attribute: [s('id'), s('description')],
	RouteResult: [s('actionItemId', ['actionItemID'])],
};

// ---------------------------------------------------------------------------------------------
// Reading parsed XML

/** Decoding context: the channel type for elements whose tables depend on it (IciItem.create). */
export interface DecodeContext {
	channelType?: string;
}

const NIL_ATTRS = [`${ATTR_PREFIX}nil`, `${ATTR_PREFIX}xsi:nil`];

/** True for an element carrying xsi:nil="true" (prefix removed or not). */
export function isNil(value: XmlValue | undefined): boolean {
	if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return false;
	return NIL_ATTRS.some((key) => typeof value[key] === 'string' && /^(true|1)$/i.test((value[key] as string).trim()));
}

/** The text of a leaf value; nested elements have none. */
function leafText(value: XmlValue): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.length ? leafText(value[0]) : undefined;
	const text = value[TEXT_KEY];
	if (childNames(value).length > 0) return undefined;
	return typeof text === 'string' ? text : '';
}

/** A child by name: exact first, then any listed alias, then case-insensitively. */
export function childOf(element: XmlElement, name: string, aliases: readonly string[] = []): XmlValue | undefined {
	for (const candidate of [name, ...aliases]) {
		if (Object.prototype.hasOwnProperty.call(element, candidate)) return element[candidate];
	}
	const wanted = new Set([name, ...aliases].map((n) => n.toLowerCase()));
	const key = childNames(element).find((k) => wanted.has(k.toLowerCase()));
	return key === undefined ? undefined : element[key];
}

/** The entries of an ICI array (`<item>` / `<Item>` children, or repeated elements). */
export function arrayEntries(value: XmlValue | undefined): XmlValue[] {
	if (value === undefined || typeof value === 'string') return [];
	if (Array.isArray(value)) return value.flatMap((v) => arrayEntries(v));
	if (isNil(value)) return [];
	const names = childNames(value);
	const out: XmlValue[] = [];
	for (const name of names) {
		const entry = value[name];
		if (Array.isArray(entry)) out.push(...entry);
		else out.push(entry);
	}
	return out;
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

/** Any XML value as plain JSON: text → string, nil → null, elements → objects, repeats → arrays. */
export function genericJson(value: XmlValue | undefined): IDataObject | IDataObject[] | string | null {
	if (value === undefined) return null;
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map((v) => genericJson(v)) as IDataObject[];
	if (isNil(value)) return null;
	const names = childNames(value);
	const attributes = Object.keys(value).filter(
		(k) => k.startsWith(ATTR_PREFIX) && !NIL_ATTRS.includes(k) && !/^@_xmlns(:|$)/.test(k),
	);
	if (names.length === 0 && attributes.length === 0) {
		const text = value[TEXT_KEY];
		return typeof text === 'string' ? text : '';
	}
	const out: IDataObject = {};
	for (const key of attributes) setOwn(out, `@${key.slice(ATTR_PREFIX.length)}`, value[key] as string);
	const text = value[TEXT_KEY];
	if (typeof text === 'string' && text.trim() !== '') setOwn(out, TEXT_KEY, text);
	for (const name of names) setOwn(out, name, genericJson(value[name]) as IDataObject);
	return out;
}

function decodeText(value: XmlValue | undefined, table: CodeTableName | undefined): IDataObject | null {
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
		const entry = lookup(CODE_TABLES[table] as Readonly<Record<string, StatusEntry>>, String(out.id));
		if (entry) {
			out.name = entry.name;
			if (entry.meaning) out.meaning = entry.meaning;
		}
	}
	return out;
}

/** Decoded capability ids: id, what it allows and the ICI method it enables. */
export function describeCapabilities(ids: ReadonlyArray<number | string>, table: CapabilityTableName): IDataObject[] {
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

function decodeField(out: IDataObject, def: FieldDef, value: XmlValue | undefined, context: DecodeContext): void {
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
				resolveTable<CapabilityTableName>(def.table, capabilityTableForChannel(context.channelType)),
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
export function decodeElement(name: ElementName, value: XmlValue, context: DecodeContext = {}): IDataObject {
	return decodeFields(ELEMENTS[name], value, context);
}

/** Decode an element by a list of fields; children not listed are kept as generic JSON. */
export function decodeFields(fields: readonly FieldDef[], value: XmlValue, context: DecodeContext = {}): IDataObject {
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

// ---------------------------------------------------------------------------------------------
// Attached data and other XML strings

export interface AttachedDataJson {
	/** Content per Application id; null when there is no attached data. */
	applications: IDataObject | null;
	/** Why the attached data could not be read as XML. */
	error?: string;
}

/** Item attached data (chapter 7.2) as JSON per Application id. A bare Application root works too. */
export function readAttachedData(raw: string | null | undefined): AttachedDataJson {
	if (raw === null || raw === undefined || raw.trim() === '') return { applications: null };
	let root: { name: string; element: XmlElement };
	try {
		root = rootOf(parseXml(raw.trim()));
	} catch (error) {
		return { applications: null, error: error instanceof Error ? error.message : String(error) };
	}
	const applications: IDataObject = {};
	const idKey = `${ATTR_PREFIX}id`;
	const add = (app: XmlValue) => {
		const element: XmlElement = typeof app === 'string' ? { [TEXT_KEY]: app } : Array.isArray(app) ? {} : app;
		const idValue = element[idKey];
		const id = typeof idValue === 'string' ? idValue : '';
		const rest: XmlElement = {};
		for (const key of Object.keys(element)) if (key !== idKey) setOwn(rest, key, element[key]);
		const content = genericJson(rest);
		const json: IDataObject =
			content !== null && typeof content === 'object' && !Array.isArray(content)
				? content
				: content
					? { [TEXT_KEY]: content }
					: {};
		if (Object.prototype.hasOwnProperty.call(applications, id)) {
			const existing = applications[id];
			setOwn(applications, id, (Array.isArray(existing) ? [...existing, json] : [existing, json]) as IDataObject[]);
		} else {
			setOwn(applications, id, json);
		}
	};
	if (root.name === 'Application') {
		add(root.element);
	} else {
		const apps = root.element.Application;
		for (const app of apps === undefined ? [] : Array.isArray(apps) ? apps : [apps]) add(app);
	}
	return { applications };
}

/** An XML string (createCallBack extraData) as JSON of its root's children. */
export function readXmlString(raw: string | null | undefined): { json: IDataObject | null; error?: string } {
	if (raw === null || raw === undefined || raw.trim() === '') return { json: null };
	try {
		const root = rootOf(parseXml(raw.trim()));
		const json = genericJson(root.element);
		return { json: typeof json === 'object' && json !== null && !Array.isArray(json) ? json : { [TEXT_KEY]: json ?? '' } };
	} catch (error) {
		return { json: null, error: error instanceof Error ? error.message : String(error) };
	}
}

export class XmlNameError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XmlNameError';
	}
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** Check a name that becomes an element or attribute name. */
export function checkXmlName(name: string, what: string): string {
	if (!XML_NAME.test(name) || /^xml/i.test(name)) {
		throw new XmlNameError(`"${name}" cannot be used as ${what}: use letters, digits, '_', '-' and '.', starting with a letter`);
	}
	return name;
}

/** JSON (the shape {@link genericJson} produces) back to XML content. */
export function jsonToXml(value: unknown, path: string): XmlValue {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object') return String(value);
	if (Array.isArray(value)) throw new XmlNameError(`${path}: a list must be the value of a named element`);
	const out: XmlElement = {};
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		if (key === TEXT_KEY) {
			out[TEXT_KEY] = child === null || child === undefined ? '' : String(child);
		} else if (key.startsWith('@')) {
			const attr = checkXmlName(key.slice(1), `an attribute name (${path})`);
			setOwn(out, `${ATTR_PREFIX}${attr}`, child === null || child === undefined ? '' : String(child));
		} else {
			const name = checkXmlName(key, `an element name (${path})`);
			setOwn(
				out,
				name,
				Array.isArray(child) ? child.map((c: unknown) => jsonToXml(c, `${path}.${name}`)) : jsonToXml(child, `${path}.${name}`),
			);
		}
	}
	return out;
}

/** Item attached data XML from JSON per Application id (the inverse of {@link readAttachedData}). */
export function writeAttachedData(applications: Readonly<Record<string, unknown>>): string {
	const apps: XmlElement[] = [];
	for (const [id, content] of Object.entries(applications)) {
		for (const one of Array.isArray(content) ? content : [content]) {
			const body = jsonToXml(one, id);
			const element: XmlElement = typeof body === 'string' ? (body ? { [TEXT_KEY]: body } : {}) : (body as XmlElement);
			apps.push({ [`${ATTR_PREFIX}id`]: id, ...element });
		}
	}
	return buildXml({ [ATTACHED_DATA_ROOT]: apps.length ? { Application: apps } : '' }, true);
}

// ---------------------------------------------------------------------------------------------
// Writing

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
				out[def.name] = v === null ? { ...XSI_NIL } : encodeElement(def.element, v as Record<string, unknown>);
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
