import { invalidInput } from '../shared/operations';

/**
 * Checks of user input, done before anything is sent. Each failure is an `invalidInput` error,
 * which the execute loop turns into a NodeOperationError carrying the item index.
 */

/**
 * E.164: country code (not starting with 0) and number, at most 15 digits, with or without the
 * leading plus. jtel's pages write such numbers both ways (`49199123456789`, `+4930123456`).
 */
export const E164 = /^\+?[1-9][0-9]{1,14}$/;

/** True when the value is empty (unset, '', or whitespace). */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** A positive whole number (an ID), from a number or its text. */
export function positiveInt(value: unknown, label: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^[0-9]+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
		throw invalidInput(`${label} must be a positive whole number, not ${describe(value)}`);
	}
	return Number(text);
}

/** A whole number within [min, max]. */
export function intInRange(value: unknown, label: string, min: number, max: number): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const number = Number(text);
	if (!/^-?[0-9]+$/.test(text) || number < min || number > max) {
		throw invalidInput(
			`${label} must be a whole number from ${min} to ${max}, not ${describe(value)}`,
		);
	}
	return number;
}

/** A non-empty text, trimmed. */
export function requiredText(value: unknown, label: string): string {
	if (isBlank(value)) throw invalidInput(`${label} is required`);
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(`${label} must be text, not ${describe(value)}`);
	}
	return String(value).trim();
}

/**
 * A telephone number in E.164 format: country code and number, at most 15 digits, the leading
 * plus optional. Sent as given (trimmed): with the plus when it was typed with one, without it
 * when not.
 */
export function e164(value: string, label: string, why: string): string {
	const text = value.trim();
	if (!E164.test(text)) {
		throw invalidInput(
			`${label} must be a telephone number in E.164 format (e.g. +4930123456 or 4930123456) ${why}, not "${value}"`,
		);
	}
	return text;
}

/** A whole number (may be negative), from a number or its text. */
export function wholeNumber(value: unknown, label: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw invalidInput(`${label} must be a whole number, not ${describe(value)}`);
	}
	return Number(text);
}

/** A well-formed absolute URL. */
export function wellFormedUrl(value: string, label: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalidInput(
			`${label} must be a well-formed URL such as https://crm.example.com/ticket/42, not "${value}"`,
		);
	}
	if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') {
		throw invalidInput(`${label} must be a well-formed URL with a host, not "${value}"`);
	}
	return value;
}

function validDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day <= days;
}

/** An appointment date as `yyyy-mm-dd` or `yyyymmdd`, a real calendar date; sent as given. */
export function appointmentDate(value: string, label: string): string {
	const text = value.trim();
	const match =
		/^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text) ??
		/^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(text);
	if (!match) {
		throw invalidInput(
			`${label} must be a date as yyyy-mm-dd or yyyymmdd (e.g. 2025-03-31), not "${value}"`,
		);
	}
	if (!validDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
		throw invalidInput(`${label} "${value}" is not a calendar date`);
	}
	return text;
}

/** An appointment time as `hh:mm` or `hhmm` (24 h); sent as given. */
export function appointmentTime(value: string, label: string): string {
	const text = value.trim();
	const match = /^([0-9]{2}):([0-9]{2})$/.exec(text) ?? /^([0-9]{2})([0-9]{2})$/.exec(text);
	if (!match) {
		throw invalidInput(`${label} must be a time as hh:mm or hhmm (e.g. 14:30), not "${value}"`);
	}
	if (Number(match[1]) > 23 || Number(match[2]) > 59) {
		throw invalidInput(`${label} "${value}" is not a time of day (00:00 to 23:59)`);
	}
	return text;
}

/** A list given as an array or as text separated by commas or new lines; blanks dropped. */
export function listOf(value: unknown): string[] {
	if (isBlank(value)) return [];
	const raw = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return raw.map((entry) => String(entry ?? '').trim()).filter((entry) => entry !== '');
}

function describe(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'empty';
	return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}
