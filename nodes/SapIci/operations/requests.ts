import type { IDataObject } from 'n8n-workflow';

import { invalidInput, type ParamReader } from '../../shared/operations';
import {
	describeIllegalXmlCharacter,
	escapeXml,
	findIllegalXmlCharacter,
	parseXml,
	rootOf,
	setOwn,
	XmlCharacterError,
	type XmlElement,
	type XmlValue,
} from '../../shared/xml';
import { CALLBACK_EXTRA_DATA_ROOT, CMS_PING_VALUE } from '../constants';
import type { IciCall } from '../client';
import type { BodyChild } from '../envelope';
import { checkXmlName, writeAttachedData, XSI_NIL } from '../elements';

import type { IciOperationDef, ParamDef } from './types';
import { OPTIONAL_COLLECTION } from './params';
import { childFormOf, headerNamespaceOf, interfaceOf } from './interfaces';

/** The request of an operation: the value of each parameter from the node, written as the body's XML. */

function valueOf(def: ParamDef, params: ParamReader): unknown {
	if (def.required) return params.get<unknown>(def.name, def.default ?? '');
	return params.collection(OPTIONAL_COLLECTION)[def.name];
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function stringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return list
		.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)).trim())
		.filter((v) => v !== '');
}

function fixedEntries(value: unknown, key: string): IDataObject[] {
	if (!value || typeof value !== 'object') return [];
	const entries = (value as IDataObject)[key];
	return Array.isArray(entries) ? (entries as IDataObject[]) : [];
}

function itemList(values: XmlValue[], tag: string): XmlValue {
	return values.length ? { [tag]: values } : '';
}

const SKILL_VALUE = /^[^=\s][^=]*(=[1-5])?$/;

/** One Attribute[] entry list from the UI (name from 7.3 or a custom one, value). */
function attributesXml(value: unknown, label: string): XmlValue {
	const out: XmlElement[] = [];
	for (const entry of fixedEntries(value, 'attribute')) {
		const chosen = String(entry.name ?? '');
		const name = (chosen === 'custom' ? String(entry.customName ?? '') : chosen).trim();
		const text = entry.value === undefined || entry.value === null ? '' : String(entry.value);
		if (!name) throw invalidInput(`${label}: every attribute needs a name`);
		if (name === 'SKILL' && !SKILL_VALUE.test(text.trim())) {
			throw invalidInput(
				`${label}: SKILL must be <GuidOrExtName> or <GuidOrExtName>=1 to 5, not "${text}"`,
			);
		}
		if (name === 'DELETE' && text.trim() !== 'X' && text.trim() !== '') {
			throw invalidInput(`${label}: DELETE takes the value X, not "${text}"`);
		}
		if (name === 'REQUIRED_AGENT_EXPIRY_TIME' && !/^\d+$/.test(text.trim())) {
			throw invalidInput(
				`${label}: REQUIRED_AGENT_EXPIRY_TIME is a number of seconds, not "${text}"`,
			);
		}
		out.push({ id: name, description: text });
	}
	return itemList(out, 'item');
}

/**
 * XML given as text reaches OII as a document of its own: a character XML 1.0 does not allow,
 * written as it is or as a reference (`&#x1;`), would make OII's reader refuse it.
 */
function checkXmlText(text: string, label: string): void {
	const found = findIllegalXmlCharacter(text, { references: true });
	if (found)
		throw invalidInput(`${label}: ${describeIllegalXmlCharacter(found)}; the request was not sent`);
}

function xmlWithRoot(text: string, root: string, label: string): string {
	let parsed: { name: string };
	try {
		parsed = rootOf(parseXml(text));
	} catch (error) {
		throw invalidInput(
			`${label} is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	if (parsed.name !== root)
		throw invalidInput(`${label} must have the root element <${root}>, not <${parsed.name}>`);
	return text;
}

/** createCallBack extraData: XML as given, or `<XML><Skills>…</Skills><Priority>…</Priority>…</XML>`. */
function callbackExtraData(fields: IDataObject): string {
	if (typeof fields.extraDataXml === 'string')
		checkXmlText(fields.extraDataXml, 'Extra Data (XML)');
	const xml = typeof fields.extraDataXml === 'string' ? fields.extraDataXml.trim() : '';
	const skills = fixedEntries(fields.extraDataSkills, 'skill');
	const keys = fixedEntries(fields.extraDataKeys, 'key');
	const priority = fields.extraDataPriority;
	const built = skills.length > 0 || keys.length > 0 || !isEmpty(priority);
	if (xml && built)
		throw invalidInput(
			'Give the extra data either as XML or as skills, priority and keys, not both',
		);
	if (xml) return xmlWithRoot(xml, CALLBACK_EXTRA_DATA_ROOT, 'Extra Data (XML)');
	if (!built) return '';
	const root: XmlElement = {};
	if (skills.length) {
		root.Skills = skills
			.map((skill) => {
				const name = String(skill.name ?? '').trim();
				if (!name || /[=;]/.test(name))
					throw invalidInput(
						`Skill "${name}" must be a skill GUID or external name without '=' or ';'`,
					);
				const level = Number(skill.level ?? 4);
				if (!Number.isInteger(level) || level < 1 || level > 5)
					throw invalidInput(`Skill level of "${name}" must be 1 to 5`);
				return `${name}=${level}`;
			})
			.join(';');
	}
	if (!isEmpty(priority)) {
		const value = Number(priority);
		if (!Number.isInteger(value) || value < 1)
			throw invalidInput('Priority must be a positive whole number');
		root.Priority = String(value);
	}
	for (const entry of keys) {
		const name = String(entry.name ?? '').trim();
		try {
			checkXmlName(name, 'an extra data key');
		} catch (error) {
			throw invalidInput(error instanceof Error ? error.message : String(error));
		}
		if (
			name === 'Skills' ||
			name === 'Priority' ||
			Object.prototype.hasOwnProperty.call(root, name)
		) {
			throw invalidInput(`Extra data key "${name}" is given twice`);
		}
		setOwn(
			root,
			name,
			entry.value === undefined || entry.value === null ? '' : String(entry.value),
		);
	}
	return compactXml({ [CALLBACK_EXTRA_DATA_ROOT]: root });
}

/** Compact XML (no declaration, no indentation), as the extraData examples of chapter 9.1.6.2. */
function compactXml(doc: XmlElement): string {
	return Object.entries(doc)
		.map(([name, value]) => {
			if (typeof value === 'string') return `<${name}>${escapeXml(value)}</${name}>`;
			if (Array.isArray(value)) return value.map((v) => compactXml({ [name]: v })).join('');
			return `<${name}>${compactXml(value)}</${name}>`;
		})
		.join('');
}

function attachedDataValue(params: ParamReader, def: ParamDef): string {
	const format = params.get<string>('attachedDataFormat', 'xml');
	if (format === 'json') {
		const raw = params.get<unknown>('attachedDataJson', {});
		let value: unknown = raw;
		if (typeof raw === 'string') {
			try {
				value = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
			} catch (error) {
				throw invalidInput(
					`Attached Data (JSON) is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
		}
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			throw invalidInput(
				'Attached Data (JSON) must be an object with one entry per Application ID',
			);
		}
		try {
			return writeAttachedData(value as IDataObject);
		} catch (error) {
			if (error instanceof XmlCharacterError) {
				throw invalidInput(
					`Attached Data (JSON): in one of its texts ${describeIllegalXmlCharacter(error.found)}; the request was not sent`,
				);
			}
			throw invalidInput(
				`Attached Data (JSON): ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
	const xml = String(params.get<string>(def.name, '') ?? '');
	if (xml.trim() === '') return '';
	checkXmlText(xml, def.displayName);
	try {
		rootOf(parseXml(xml.trim()));
	} catch (error) {
		throw invalidInput(
			`Attached Data is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	return xml;
}

/** Sent even when empty, as SAP CRM does (chapter 9.12.1.4). */
const ITEM_DATA_ALWAYS = ['systemId', 'client', 'requestId', 'processId'] as const;
/** Left out when empty, as SAP CRM does. */
const ITEM_DATA_WHEN_SET = ['actionItemId', 'actionItemInboxId'] as const;

/** The ActionItem element of route, with the children SAP CRM sends (chapter 9.12.1.4). */
function itemDataXml(params: ParamReader): XmlElement {
	const data = params.collection('itemDataFields');
	const text = (key: string) =>
		data[key] === undefined || data[key] === null ? '' : String(data[key]);
	const out: XmlElement = {};
	for (const key of ITEM_DATA_ALWAYS) out[key] = text(key).trim();
	for (const key of ITEM_DATA_WHEN_SET) if (text(key).trim() !== '') out[key] = text(key).trim();
	out.attachedData = text('attachedData');
	const capabilities = stringList(data.capabilityList);
	for (const id of capabilities) {
		if (!/^\d+$/.test(id)) throw invalidInput(`Capability List: "${id}" is not a capability ID`);
	}
	out.capabilityList = itemList(capabilities, 'item');
	out.processingStatus = {
		id: text('processingStatusId').trim(),
		description: text('processingStatusDescription'),
	};
	out.actionItemStatus = {
		id: text('actionItemStatusId').trim(),
		description: text('actionItemStatusDescription'),
	};
	out.actionItemAttributes = attributesXml(
		params.get<unknown>('actionItemAttributes', {}),
		'Action Item Attributes',
	);
	return out;
}

/** The XML value of one parameter, or undefined to leave the element out. */
function paramXml(def: ParamDef, params: ParamReader): XmlValue | undefined {
	const empty = (): XmlValue | undefined => {
		if (def.whenEmpty === 'nil') return { ...XSI_NIL };
		if (def.whenEmpty === 'empty') return '';
		return undefined;
	};
	switch (def.kind) {
		case 'itemData':
			return itemDataXml(params);
		case 'attributes':
			return attributesXml(params.get<unknown>(def.name, {}), def.displayName);
		case 'attachedData': {
			const xml = attachedDataValue(params, def);
			return xml === '' ? empty() : xml;
		}
		case 'callbackExtraData': {
			const xml = callbackExtraData(params.collection(OPTIONAL_COLLECTION));
			return xml === '' ? empty() : xml;
		}
		case 'cmsPing':
			return valueOf(def, params) === true ? CMS_PING_VALUE : undefined;
		case 'stringList': {
			const values = stringList(valueOf(def, params));
			return values.length ? { [def.itemTag ?? 'item']: values } : empty();
		}
		case 'addresses': {
			const entries = fixedEntries(valueOf(def, params), 'address').map((entry) => {
				const address = String(entry.address ?? '').trim();
				if (!address) throw invalidInput('Addresses: every entry needs an address');
				return { address, channel: String(entry.channel ?? '1') };
			});
			return entries.length ? { item: entries } : empty();
		}
		case 'boolean': {
			const value = valueOf(def, params);
			if (isEmpty(value)) return empty();
			return value === true || String(value).toLowerCase() === 'true' ? 'true' : 'false';
		}
		case 'int': {
			const value = valueOf(def, params);
			if (isEmpty(value)) return empty();
			const number = Number(value);
			if (!Number.isInteger(number))
				throw invalidInput(`${def.displayName} must be a whole number, not "${String(value)}"`);
			return String(number);
		}
		default: {
			const value = valueOf(def, params);
			if (isEmpty(value)) {
				if (def.required) throw invalidInput(`${def.displayName} is required`);
				return empty();
			}
			const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
			return def.kind === 'text' ? text : text.trim();
		}
	}
}

/** The request of one operation from the item's parameters. */
export function buildIciCall(def: IciOperationDef, params: ParamReader): IciCall {
	const iface = interfaceOf(def);
	const children: BodyChild[] = [];
	for (const param of def.params) {
		const value = paramXml(param, params);
		if (value === undefined) continue;
		children.push({
			name: param.name,
			value,
			...(param.namespace ? { namespace: param.namespace } : {}),
		});
	}
	return {
		iface,
		operation: def.operation,
		children,
		childForm: childFormOf(def),
		headerNamespace: headerNamespaceOf(def),
		responseNames: def.responseNames,
		...(def.response.kind === 'string' && def.response.attachedData
			? { embeddedXml: ['response'] }
			: {}),
	};
}
