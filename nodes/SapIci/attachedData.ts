import type { IDataObject } from 'n8n-workflow';

import {
	ATTR_PREFIX,
	buildXml,
	parseXml,
	rootOf,
	setOwn,
	TEXT_KEY,
	type XmlElement,
	type XmlValue,
} from '../shared/xml';
import { ATTACHED_DATA_ROOT } from './constants';
import { genericJson } from './parsedXml';

/**
 * Item attached data (an XML document per item, its content per Application id) and the other
 * XML strings ICI fields carry: read into JSON, and JSON written back, with element names checked.
 */

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
		const element: XmlElement =
			typeof app === 'string' ? { [TEXT_KEY]: app } : Array.isArray(app) ? {} : app;
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
			setOwn(
				applications,
				id,
				(Array.isArray(existing) ? [...existing, json] : [existing, json]) as IDataObject[],
			);
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
export function readXmlString(raw: string | null | undefined): {
	json: IDataObject | null;
	error?: string;
} {
	if (raw === null || raw === undefined || raw.trim() === '') return { json: null };
	try {
		const root = rootOf(parseXml(raw.trim()));
		const json = genericJson(root.element);
		return {
			json:
				typeof json === 'object' && json !== null && !Array.isArray(json)
					? json
					: { [TEXT_KEY]: json ?? '' },
		};
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
		throw new XmlNameError(
			`"${name}" cannot be used as ${what}: use letters, digits, '_', '-' and '.', starting with a letter`,
		);
	}
	return name;
}

/** JSON (the shape {@link genericJson} produces) back to XML content. */
export function jsonToXml(value: unknown, path: string): XmlValue {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object') return String(value);
	if (Array.isArray(value))
		throw new XmlNameError(`${path}: a list must be the value of a named element`);
	const out: XmlElement = {};
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		if (key === TEXT_KEY) {
			out[TEXT_KEY] = child === null || child === undefined ? '' : String(child);
		} else if (key.startsWith('@')) {
			const attr = checkXmlName(key.slice(1), `an attribute name (${path})`);
			setOwn(
				out,
				`${ATTR_PREFIX}${attr}`,
				child === null || child === undefined ? '' : String(child),
			);
		} else {
			const name = checkXmlName(key, `an element name (${path})`);
			setOwn(
				out,
				name,
				Array.isArray(child)
					? child.map((c: unknown) => jsonToXml(c, `${path}.${name}`))
					: jsonToXml(child, `${path}.${name}`),
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
			const element: XmlElement =
				typeof body === 'string' ? (body ? { [TEXT_KEY]: body } : {}) : (body as XmlElement);
			apps.push({ [`${ATTR_PREFIX}id`]: id, ...element });
		}
	}
	return buildXml({ [ATTACHED_DATA_ROOT]: apps.length ? { Application: apps } : '' }, true);
}
