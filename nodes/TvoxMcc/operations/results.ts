import type { IDataObject } from 'n8n-workflow';

import { remoteError } from '../../shared/errors';
import type { ParamReader } from '../../shared/operations';
import { setOwn } from '../../shared/xml';
import { COMMAND_RESULT, isTransientFailReason, meaningOf, type EnumTable } from '../enums';
import {
	SYSTEM,
	type FieldType,
	type ResultField,
	type TvoxMethod,
	type TvoxResponse,
} from './types';

/**
 * The reading of a method's result: documented fields in documented order, typed, and a FAILED
 * result turned into an error naming its fail reason (or an item, with Return Failures).
 */

/** A result type's fields: result, the method's own fields, then failReason and its message. */
export function resultFields(
	failReasons: EnumTable,
	middle: ResultField[],
	tail: ResultField[] = [],
): ResultField[] {
	return [
		{ name: 'result', type: COMMAND_RESULT },
		...middle,
		{ name: 'failReason', type: failReasons },
		{ name: 'failReasonMessage', type: 'string' },
		...tail,
	];
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar of a parsed answer (SOAP text nodes may come as `{ $value }`). */
function scalar(value: unknown): string | number | boolean | undefined {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
		return value;
	if (isRecord(value) && '$value' in value) return scalar(value.$value);
	return undefined;
}

function field(record: Record<string, unknown>, name: string): unknown {
	if (name in record) return record[name];
	const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : record[key];
}

function asList(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * The ServiceCode → ServiceState map in any of its forms: a JSON object, a JAXB map
 * (`{ entry: [{ key, value }] }`, a single entry sent as an object) or a plain list of entries.
 */
export function readStateMap(value: unknown): IDataObject {
	const map: IDataObject = {};
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (
		isRecord(value) &&
		field(value, 'entry') !== undefined &&
		Object.keys(value).length === 1
	) {
		entries = asList(field(value, 'entry'));
	} else if (isRecord(value)) {
		for (const [code, state] of Object.entries(value)) {
			const text = scalar(state);
			if (text !== undefined) setOwn(map, code, String(text));
		}
		return map;
	} else {
		entries = [];
	}
	for (const entry of entries) {
		if (!isRecord(entry)) continue;
		const key = scalar(field(entry, 'key'));
		const state = scalar(field(entry, 'value'));
		if (key !== undefined) setOwn(map, String(key), state === undefined ? null : String(state));
	}
	return map;
}

function typed(type: FieldType, value: unknown): IDataObject[string] | undefined {
	if (type === 'serviceStateMap')
		return value === undefined || value === null ? undefined : readStateMap(value);
	const text = scalar(value);
	if (text === undefined) return undefined;
	if (type === 'int') {
		const number = typeof text === 'number' ? text : Number(String(text).trim());
		return Number.isFinite(number) && String(text).trim() !== '' ? number : String(text);
	}
	return typeof text === 'string' && type !== 'string' ? text.trim() : String(text);
}

/** The answer as clean JSON: documented fields in documented order, typed; other plain values kept. */
export function cleanResult(method: TvoxMethod, raw: TvoxResponse): IDataObject {
	const clean: IDataObject = {};
	const documented = new Set(method.fields.map((f) => f.name.toLowerCase()));
	for (const def of method.fields) {
		const value = typed(def.type, field(raw, def.name));
		if (value !== undefined) clean[def.name] = value;
	}
	for (const [key, value] of Object.entries(raw)) {
		if (documented.has(key.toLowerCase())) continue;
		const text = scalar(value);
		if (text !== undefined) setOwn(clean, key, text);
	}
	return clean;
}

/** Whether failures are returned as items instead of errors. */
function returnFailures(params: ParamReader): boolean {
	return params.collection('options').returnFailures === true;
}

/**
 * SUCCESS → the clean result; FAILED → a RemoteError naming the fail reason, its documented
 * meaning and the server's message (or, with the option, the failure as an item).
 */
export function readResult(
	method: TvoxMethod,
	raw: TvoxResponse,
	params: ParamReader,
): IDataObject | IDataObject[] {
	const clean = cleanResult(method, raw);
	const op = method.soapOperation;
	if (clean.result === 'SUCCESS') return clean;
	if (clean.result !== 'FAILED') {
		throw remoteError(
			clean.result === undefined
				? `${SYSTEM} answered ${op} without a result`
				: `${SYSTEM} answered ${op} with the unknown result "${String(clean.result)}"`,
			{
				kind: 'response',
				system: SYSTEM,
				operation: op,
				hint: `A ${method.resultType} with result SUCCESS or FAILED was expected. Check the host and protocol in the credential.`,
			},
		);
	}
	const code =
		typeof clean.failReason === 'string' && clean.failReason ? clean.failReason : undefined;
	const meaning = code ? meaningOf(method.failReasons, code) : undefined;
	const serverMessage =
		typeof clean.failReasonMessage === 'string' && clean.failReasonMessage
			? clean.failReasonMessage
			: undefined;
	if (returnFailures(params)) {
		return meaning ? { ...clean, failReasonDescription: meaning } : clean;
	}
	const head = code ? `${code}${meaning ? ` (${meaning})` : ''}` : 'no fail reason given';
	throw remoteError(`${SYSTEM} ${op} failed: ${head}${serverMessage ? `: ${serverMessage}` : ''}`, {
		kind: 'remote',
		system: SYSTEM,
		operation: op,
		code,
		meaning,
		group: method.failReasons.name,
		serverMessage,
		transient: code ? isTransientFailReason(code) : undefined,
		hint:
			code && !meaning
				? `${code} is not among the documented values of ${method.failReasons.name}.`
				: undefined,
	});
}
