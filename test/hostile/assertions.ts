import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';

/** JSON of any value, cycles written as "[Circular]" and functions left out. */
export function stringifyAll(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, v: unknown) => {
			if (typeof v === 'function') return undefined;
			if (typeof v === 'bigint') return v.toString();
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[Circular]';
				seen.add(v);
			}
			return v;
		}) ?? ''
	);
}

/** A text a user can read: a sentence, not a serialised object, not a stack trace. */
export function expectReadable(text: string, what = 'message'): void {
	expect({ [what]: text }).toEqual({ [what]: expect.stringMatching(/\S.{10,}/s) });
	expect(text).not.toMatch(/\[object \w+\]/);
	expect(text).not.toMatch(/\bundefined\b/);
	expect(text).not.toMatch(/^\s+at \S.*(:\d+:\d+\)?|<anonymous>)$/m);
	expect(text).not.toMatch(/\n\s+at /);
	expect(text).not.toMatch(/[\r\n]/);
}

/** Every text the run exposes or stores: the error whole, its texts, the items and the run data. */
export function everythingShown(result: RunNodeResult): string {
	const parts: string[] = [];
	if (result.error) {
		parts.push(
			stringifyAll(result.error),
			result.error.message,
			String(result.error.description ?? ''),
			String(result.error.stack ?? ''),
		);
	}
	parts.push(stringifyAll(result.items), stringifyAll(result.run.data.resultData));
	return parts.join('\n');
}

export function expectNoSecret(text: string, secrets: readonly string[]): void {
	for (const secret of secrets) {
		expect(
			text.includes(secret) ? `a secret (${secret.length} characters) is shown` : 'no secret',
		).toBe('no secret');
	}
}

/** The run failed with an n8n node error whose message matches and is readable. */
export function expectNodeError(result: RunNodeResult, message: RegExp): void {
	expect(result.error).toBeDefined();
	const error = result.error!;
	expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
	expect(error.message).toMatch(message);
	expectReadable(error.message);
	if (error.description) expectReadable(String(error.description), 'description');
	expect(result.items).toEqual([]);
}

/** The run went on with one error item whose text matches and is readable. */
export function expectErrorItem(result: RunNodeResult, message: RegExp): void {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	const json = result.items[0].json;
	expect(typeof json.error).toBe('string');
	expect(String(json.error)).toMatch(message);
	expectReadable(String(json.error), 'error item');
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
}
