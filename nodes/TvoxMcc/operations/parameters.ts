import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, type ParamReader } from '../../shared/operations';
import type { TvoxArgument } from './types';

/** The parameters the methods share, and the reading of parameter values into method arguments. */

const CHANNEL_OPTIONS = [
	{ name: 'Custom Channel 1', value: 1 },
	{ name: 'Custom Channel 2', value: 2 },
	{ name: 'Custom Channel 3', value: 3 },
	{ name: 'LiveHelp', value: 1003 },
];

export const channelProperty: INodeProperties = {
	displayName: 'Channel',
	name: 'channelId',
	type: 'options',
	options: CHANNEL_OPTIONS,
	default: 1,
	required: true,
	description:
		'TVox channel: custom channels 1–3 or LiveHelp (1003). Use an expression for another channel ID. The channel must be licensed, enabled and configured on TVox.',
};

export const sessionIdProperty: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '',
	required: true,
	description: 'ID of the TVox session',
};

/** A parameter as text (an object as JSON text, nothing as ''). */
export function text(params: ParamReader, name: string, fallback = ''): string {
	const value = params.get<unknown>(name, fallback);
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** A parameter that must not be blank, trimmed. */
export function required(params: ParamReader, name: string, label: string): string {
	const value = text(params, name).trim();
	if (!value) throw invalidInput(`${label} is required`);
	return value;
}

/** The Channel parameter as a channel ID (a 32-bit whole number). */
export function channelId(params: ParamReader): number {
	const raw = params.get<unknown>('channelId');
	const number =
		typeof raw === 'number'
			? raw
			: typeof raw === 'string' && raw.trim() !== ''
				? Number(raw.trim())
				: NaN;
	if (!Number.isInteger(number) || Math.abs(number) > 2_147_483_647) {
		throw invalidInput(
			`Channel ID must be a whole number (1, 2, 3 for the custom channels, 1003 for LiveHelp), not "${String(raw)}"`,
		);
	}
	return number;
}

/** Service codes from a comma-separated text or a list; duplicates removed (the method takes a set). */
export function serviceCodes(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((v) => String(v ?? ''))
		: String(value ?? '').split(',');
	return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

/** The fields of a collection that are set, as arguments in the order of `names`. */
export function optionalArgs(values: IDataObject, names: readonly string[]): TvoxArgument[] {
	const args: TvoxArgument[] = [];
	for (const name of names) {
		const value = values[name];
		if (value === undefined || value === null || value === '') continue;
		args.push({ name, value: typeof value === 'object' ? JSON.stringify(value) : String(value) });
	}
	return args;
}
