import { isUtf8 } from 'node:buffer';

import type { IDataObject } from 'n8n-workflow';

import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../shared/transport/rest';

/**
 * The events jtel posts to an external REST URL set per ACD group (release 3.28 for callbacks,
 * 3.30 for voice mails; ACD Group → Parameters → REST Calls (Create Callback / Voice Mail)):
 * one JSON object per event with the fields below, as jtel's page "REST Calls (Create Callback /
 * Voice Mail)" lists them. The body carries no event kind: which REST call of the group posted it
 * (callback or voice mail) is told by the URL the trigger gives for each (`event` query parameter).
 */

/** The event kinds, as they appear in the `event` query parameter and in the output. */
export const ACD_EVENT_KINDS = ['callback', 'voiceMail'] as const;
export type AcdEventKind = (typeof ACD_EVENT_KINDS)[number];

/** Query parameter of the pasted URL naming the event kind. */
export const EVENT_KIND_PARAMETER = 'event';

/** Query parameter of the pasted URL carrying the trigger's secret. */
export const SECRET_PARAMETER = 'secret';

/** The largest event read: an event is a few hundred bytes plus its Subject and Body texts. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** Documented fields that are texts (E.164 numbers without a plus, names, subject, body). */
export const TEXT_FIELDS = [
	'Caller',
	'CallbackNumber',
	'ServiceNumbersNumber',
	'ServiceNumbersName',
	'AcdGroupsName',
	'AcdGroupsForeignSystemID',
	'dtCallStart',
	'dtCallEnd',
	'Subject',
	'Body',
] as const;

/** Documented fields that are integers (IDs in the jtel system). */
export const ID_FIELDS = ['AcdGroupsID', 'AcdEventsID'] as const;

/** Documented fields holding E.164 telephone numbers. */
export const PHONE_FIELDS = ['Caller', 'CallbackNumber', 'ServiceNumbersNumber'] as const;

/** Documented timestamps (`yyyy-MM-ddTHH:mm:ss`, local time of the jtel system). */
export const TIME_FIELDS = ['dtCallStart', 'dtCallEnd'] as const;

export const DOCUMENTED_FIELDS: readonly string[] = [...TEXT_FIELDS, ...ID_FIELDS];

/** An event that cannot be read: answered with `status` and `{ "error": message }`. */
export class EventError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 415 = 400,
	) {
		super(message);
		this.name = 'EventError';
	}
}

/**
 * Content types an event may come with: JSON, text, an untyped body, or none. Anything that
 * declares another format (HTML, XML, a form, an image) is refused with 415 without being read.
 */
export function checkContentType(header: string | undefined): void {
	const type = (header ?? '').split(';')[0].trim().toLowerCase();
	if (type === '' || type === 'application/json' || type === 'text/json' || type.endsWith('+json'))
		return;
	if (type === 'text/plain' || type === 'application/octet-stream') return;
	const shown = /^[\w.+-]{1,60}\/[\w.+-]{1,60}$/.test(type)
		? `Content-Type ${type}`
		: 'The Content-Type';
	throw new EventError(`${shown} is not accepted: jtel posts its events as JSON`, 415);
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** The event object of a raw body (UTF-8 JSON, an object, at most MAX_JSON_DEPTH levels deep). */
export function parseEventBody(body: Buffer): Record<string, unknown> {
	if (body.length === 0) throw new EventError('The request body is empty: expected a JSON event');
	if (!isUtf8(body)) throw new EventError('The request body is not valid UTF-8');
	const text = body.toString('utf8').replace(/^\uFEFF/, '');
	const parsed = tryJson(text);
	if (!parsed.ok) throw new EventError('The request body is not JSON (malformed or truncated)');
	const value = parsed.value;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new EventError('The request body is not a JSON object: expected one jtel event');
	}
	if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
		throw new EventError(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
	}
	return value as Record<string, unknown>;
}

function absent(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function readId(event: Record<string, unknown>, name: string): number | null {
	const value = event[name];
	if (absent(value)) return null;
	const text =
		typeof value === 'number'
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === undefined || !/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw new EventError(`${name} must be a whole number (jtel documents it as an Integer ID)`);
	}
	return Number(text);
}

function readText(event: Record<string, unknown>, name: string): string | null {
	const value = event[name];
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new EventError(
		`${name} must be text, not a JSON ${Array.isArray(value) ? 'array' : 'object'}`,
	);
}

const E164_DIGITS = /^[1-9][0-9]{1,14}$/;

/** An E.164 number in both forms; null when the value is not one (empty, anonymous, internal). */
export function phoneNumberForms(
	value: string | null,
): { withPlus: string; withoutPlus: string } | null {
	if (value === null) return null;
	const compact = value
		.trim()
		.replace(/^00/, '+')
		.replace(/[\s()/.-]/g, '');
	const digits = compact.startsWith('+') ? compact.slice(1) : compact;
	if (!E164_DIGITS.test(digits)) return null;
	return { withPlus: `+${digits}`, withoutPlus: digits };
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;

/**
 * jtel's local timestamp as ISO 8601 without an offset (`2024-05-06T14:03:27`, jtel sends no zone),
 * or null when the text is not a valid date and time of that form.
 */
export function isoLocalTime(value: string | null): string | null {
	const match = TIMESTAMP.exec((value ?? '').trim());
	if (!match) return null;
	const [, y, mo, d, h, mi, s, fraction] = match;
	const date = new Date(
		Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
	);
	const same =
		date.getUTCFullYear() === Number(y) &&
		date.getUTCMonth() === Number(mo) - 1 &&
		date.getUTCDate() === Number(d) &&
		date.getUTCHours() === Number(h) &&
		date.getUTCMinutes() === Number(mi) &&
		date.getUTCSeconds() === Number(s);
	return same ? `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ?? ''}` : null;
}

function wallClockMs(iso: string): number {
	return Date.parse(`${iso}Z`);
}

/**
 * The trigger's output for one event: every documented field (null when not sent; IDs as numbers),
 * the event kind, the timestamps in ISO form, the time the caller spent in the jtel system, the
 * telephone numbers with and without the plus, and any further fields jtel sent.
 */
export function decodeAcdEvent(kind: AcdEventKind, event: Record<string, unknown>): IDataObject {
	if (!DOCUMENTED_FIELDS.some((name) => Object.prototype.hasOwnProperty.call(event, name))) {
		throw new EventError(
			`The JSON object holds none of the fields of a jtel callback or voice-mail event (${DOCUMENTED_FIELDS.join(', ')})`,
		);
	}
	const out: IDataObject = { event: kind };
	out.AcdEventsID = readId(event, 'AcdEventsID');
	for (const name of TEXT_FIELDS.slice(0, 4)) out[name] = readText(event, name);
	out.AcdGroupsID = readId(event, 'AcdGroupsID');
	for (const name of TEXT_FIELDS.slice(4)) out[name] = readText(event, name);

	const callStart = isoLocalTime(out.dtCallStart as string | null);
	const callEnd = isoLocalTime(out.dtCallEnd as string | null);
	out.callStart = callStart;
	out.callEnd = callEnd;
	const seconds =
		callStart && callEnd ? (wallClockMs(callEnd) - wallClockMs(callStart)) / 1000 : null;
	out.secondsInSystem = seconds !== null && seconds >= 0 ? seconds : null;

	const phoneNumbers: IDataObject = {};
	for (const name of PHONE_FIELDS)
		phoneNumbers[name] = phoneNumberForms(out[name] as string | null);
	out.phoneNumbers = phoneNumbers;

	const additionalFields: IDataObject = {};
	for (const [name, value] of Object.entries(event)) {
		if (!DOCUMENTED_FIELDS.includes(name)) additionalFields[name] = value as IDataObject[string];
	}
	out.additionalFields = additionalFields;
	return out;
}

/** The event kind named by the URL, or undefined. */
export function eventKindOf(value: string | undefined): AcdEventKind | undefined {
	return ACD_EVENT_KINDS.find((kind) => kind.toLowerCase() === (value ?? '').trim().toLowerCase());
}
