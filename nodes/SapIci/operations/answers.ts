import type { IDataObject } from 'n8n-workflow';

import type { ParamReader } from '../../shared/operations';
import { childNames, setOwn, TEXT_KEY, type XmlElement, type XmlValue } from '../../shared/xml';
import {
	arrayEntries,
	childOf,
	decodeElement,
	genericJson,
	isNil,
	readAttachedData,
	type DecodeContext,
} from '../elements';

import type { IciOperationDef } from './types';
import { OPTIONAL_COLLECTION } from './params';

/** Reading the answer of an operation into the node's output. */

function decodeContext(def: IciOperationDef, params?: ParamReader): DecodeContext {
	const from = def.channelFrom;
	if (!from) return {};
	if ('value' in from) return { channelType: from.value };
	const value = params?.get<unknown>(from.param, '');
	return { channelType: value === undefined || value === null ? undefined : String(value) };
}

function echo(def: IciOperationDef, params?: ParamReader): IDataObject {
	const out: IDataObject = {};
	if (!params) return out;
	for (const param of def.params) {
		if (!param.key) continue;
		const value = param.required
			? params.get<unknown>(param.name, '')
			: params.collection(OPTIONAL_COLLECTION)[param.name];
		if (value !== undefined && value !== null && typeof value !== 'object')
			out[param.name] = String(value).trim();
	}
	return out;
}

function textOfValue(value: XmlValue | undefined): string | null {
	const json = genericJson(value);
	return typeof json === 'string' ? json : json === null ? null : JSON.stringify(json);
}

/**
 * Read an answer's body element into output JSON: `<response>` decoded by the operation's answer
 * shape, its siblings (such as cmsHostId) added. Lists give one entry per element.
 */
export function readIciAnswer(
	def: IciOperationDef,
	body: XmlElement,
	params?: ParamReader,
): IDataObject | IDataObject[] {
	const response = childOf(body, 'response');
	const siblings: IDataObject = {};
	for (const name of childNames(body)) {
		if (name.toLowerCase() === 'response') continue;
		setOwn(siblings, name, genericJson(body[name]) as IDataObject);
	}
	const shape = def.response;
	switch (shape.kind) {
		case 'void':
			return { success: true, ...echo(def, params), ...siblings };
		case 'string': {
			const value = textOfValue(response);
			const out: IDataObject = { [shape.field]: value };
			if (shape.attachedData) {
				const parsed = readAttachedData(value);
				out.attachedDataJson = parsed.applications;
				if (parsed.error) out.attachedDataError = parsed.error;
			}
			return { ...out, ...siblings };
		}
		case 'callbackId': {
			const value = textOfValue(response);
			const id = value === null || value.trim() === '' ? null : value.trim();
			return { id, created: id !== null, ...siblings };
		}
		case 'list': {
			const entries = arrayEntries(response).map((entry) =>
				isNil(entry) ? null : decodeElement(shape.element, entry, decodeContext(def, params)),
			);
			return entries
				.filter((e): e is IDataObject => e !== null)
				.map((e) => ({ ...e, ...siblings }));
		}
		case 'element': {
			const hasContent =
				response !== undefined &&
				typeof response === 'object' &&
				!Array.isArray(response) &&
				childNames(response).length > 0;
			if (!hasContent) {
				const text =
					typeof response === 'string'
						? response.trim()
						: typeof response === 'object' && !Array.isArray(response)
							? String(response[TEXT_KEY] ?? '').trim()
							: '';
				if (text && shape.element === 'RouteResult') return { actionItemId: text, ...siblings };
				return { ...siblings };
			}
			return { ...decodeElement(shape.element, response, decodeContext(def, params)), ...siblings };
		}
	}
}
