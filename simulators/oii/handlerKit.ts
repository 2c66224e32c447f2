import { encodeElement, arrayEntries, childOf, isNil } from '../../nodes/SapIci/elements';
import type { IciOperationDef } from '../../nodes/SapIci/operations';
import { CHANNEL_TYPES, lookup, PRESENCE_STATUSES } from '../../nodes/SapIci/tables';
import { TEXT_KEY, type XmlElement, type XmlValue } from '../../nodes/shared/xml';
import { oiiFault } from './errors';
import {
	parseOiiTime,
	type Channel,
	type OiiState,
	type SimAttribute,
	type SimUser,
} from './state';

/**
 * What every ICI handler works with: the request's elements (Args), the answer it gives and the
 * readers of recurring request parts. The handlers themselves are in systemHandlers.ts,
 * callHandlers.ts and messageHandlers.ts, joined in handlers.ts.
 */

/** The request elements of one call, read leniently (any namespace, nil as absent). */
export class Args {
	constructor(readonly element: XmlElement) {}

	private value(name: string): XmlValue | undefined {
		return childOf(this.element, name);
	}

	has(name: string): boolean {
		const value = this.value(name);
		return value !== undefined && !isNil(value);
	}

	/** Text of an element ('' when absent or nil). */
	text(name: string): string {
		return this.nullable(name) ?? '';
	}

	/** Text of an element, null when absent or nil. */
	nullable(name: string): string | null {
		const value = this.value(name);
		if (value === undefined || isNil(value)) return null;
		return textOf(value);
	}

	/** Required text: a fault when absent or empty. */
	required(name: string): string {
		const value = this.text(name).trim();
		if (!value) throw oiiFault('missingParameter', `${name} is required`);
		return value;
	}

	boolean(name: string): boolean | undefined {
		const value = this.nullable(name)?.trim();
		if (value === undefined || value === '') return undefined;
		if (/^(true|1)$/i.test(value)) return true;
		if (/^(false|0)$/i.test(value)) return false;
		throw oiiFault('invalidParameter', `${name} must be true or false, not "${value}"`);
	}

	/** `<item>` / `<Item>` entries as texts. */
	list(name: string): string[] {
		return arrayEntries(this.value(name))
			.map((entry) => textOf(entry).trim())
			.filter((entry) => entry !== '');
	}

	/** `<item>` entries as elements. */
	entries(name: string): XmlElement[] {
		return arrayEntries(this.value(name)).filter(
			(entry): entry is XmlElement =>
				typeof entry === 'object' && !Array.isArray(entry) && !isNil(entry),
		);
	}

	child(name: string): Args {
		const value = this.value(name);
		return new Args(value && typeof value === 'object' && !Array.isArray(value) ? value : {});
	}
}

export function textOf(value: XmlValue): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.length ? textOf(value[0]) : '';
	const text = value[TEXT_KEY];
	return typeof text === 'string' ? text : '';
}

export interface Answer {
	/** Content of `<response>`; undefined = an empty `<response />`, null = xsi:nil. */
	response?: XmlValue | null;
	/** Elements after `<response>` (cmsHostId). */
	siblings?: Array<[string, XmlValue]>;
	/** The answer element has no children at all (updateCallBack). */
	bare?: boolean;
}

export type Handler = (state: OiiState, args: Args, def: IciOperationDef) => Answer;

export const NONE: Answer = {};

export function channelOf(args: Args, name = 'channelType'): Channel {
	const value = args.required(name);
	if (!lookup(CHANNEL_TYPES, value))
		throw oiiFault('invalidParameter', `${name} "${value}" must be 1, 2, 3 or 4`);
	return Number(value) as Channel;
}

export function attributes(entries: XmlElement[]): SimAttribute[] {
	return entries.map((entry) => {
		const args = new Args(entry);
		return { id: args.text('id').trim(), description: args.text('description') };
	});
}

export function list(
	values: Array<Record<string, unknown>>,
	element: Parameters<typeof encodeElement>[0],
): XmlValue {
	return values.length ? { item: values.map((v) => encodeElement(element, v)) } : '';
}

export function presenceInfo(state: OiiState, user: SimUser): Record<string, unknown> {
	const presence = state.presenceOf(user);
	const phone = state.containerOf(user, 1);
	const email = state.containerOf(user, 2);
	const collaboration: Array<Record<string, unknown>> = [];
	if (phone) {
		collaboration.push(
			{ description: 'Call', channel: '1', capability: '101', address: phone },
			{ description: 'Blind transfer', channel: '1', capability: '3', address: phone },
			{ description: 'Warm transfer', channel: '1', capability: '104', address: phone },
		);
	}
	if (email)
		collaboration.push({ description: 'Forward', channel: '2', capability: '3', address: email });
	return {
		user: user.userId,
		presenceStatus: String(presence),
		presenceDescription: lookup(PRESENCE_STATUSES, presence)?.name ?? '',
		collaborationData: collaboration,
	};
}

export function matchesSearch(user: SimUser, term: string): boolean {
	const haystack = [
		user.userId,
		user.firstName,
		user.lastName,
		user.title,
		...user.addresses.map((a) => a.address),
	]
		.join(' ')
		.toLowerCase();
	return term
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}

export function maxHits(args: Args, fallback: number | undefined): number | undefined {
	const raw = args.text('maxhits').trim();
	if (raw === '') return fallback;
	if (!/^\d+$/.test(raw))
		throw oiiFault('invalidParameter', `maxhits "${raw}" is not a whole number`);
	return Number(raw);
}

export function timeFilter(args: Args, name: string): number | undefined {
	const raw = args.text(name).trim();
	if (raw === '') return undefined;
	const date = parseOiiTime(raw);
	if (!date) throw oiiFault('invalidParameter', `${name} "${raw}" is not a date and time`);
	return date.getTime();
}
