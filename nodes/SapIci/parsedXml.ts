import type { IDataObject } from 'n8n-workflow';

import {
	ATTR_PREFIX,
	childNames,
	setOwn,
	TEXT_KEY,
	type XmlElement,
	type XmlValue,
} from '../shared/xml';

/**
 * Reading parsed ICI XML whatever the element: nil, children by name or alias, array entries,
 * leaf text, and any value as plain JSON.
 */

const NIL_ATTRS = [`${ATTR_PREFIX}nil`, `${ATTR_PREFIX}xsi:nil`];

/** True for an element carrying xsi:nil="true" (prefix removed or not). */
export function isNil(value: XmlValue | undefined): boolean {
	if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return false;
	return NIL_ATTRS.some(
		(key) => typeof value[key] === 'string' && /^(true|1)$/i.test((value[key] as string).trim()),
	);
}

/** The text of a leaf value; nested elements have none. */
export function leafText(value: XmlValue): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.length ? leafText(value[0]) : undefined;
	const text = value[TEXT_KEY];
	if (childNames(value).length > 0) return undefined;
	return typeof text === 'string' ? text : '';
}

/** A child by name: exact first, then any listed alias, then case-insensitively. */
export function childOf(
	element: XmlElement,
	name: string,
	aliases: readonly string[] = [],
): XmlValue | undefined {
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

/** Any XML value as plain JSON: text → string, nil → null, elements → objects, repeats → arrays. */
export function genericJson(
	value: XmlValue | undefined,
): IDataObject | IDataObject[] | string | null {
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
	for (const key of attributes)
		setOwn(out, `@${key.slice(ATTR_PREFIX.length)}`, value[key] as string);
	const text = value[TEXT_KEY];
	if (typeof text === 'string' && text.trim() !== '') setOwn(out, TEXT_KEY, text);
	for (const name of names) setOwn(out, name, genericJson(value[name]) as IDataObject);
	return out;
}
