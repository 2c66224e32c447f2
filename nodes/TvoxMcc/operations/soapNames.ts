import type { TvoxMethod } from './types';

/** The names a method's SOAP operation may have in a server's WSDL. */

/** The REST path's name: `/checkSession` → `checkSession`. */
export function restPathName(method: Pick<TvoxMethod, 'rest'>): string {
	return method.rest.path.replace(/^\/+/, '').split('/')[0];
}

/** `startSession` → `['start', 'session']`. */
function words(camelCase: string): string[] {
	return camelCase
		.split(/(?=[A-Z])|[_\-\s]+/)
		.map((word) => word.toLowerCase())
		.filter(Boolean);
}

/**
 * The names a method's SOAP operation may have in a server's WSDL when it is not published:
 * the words of its documented name and of its REST path's name, in their order and reversed,
 * written camelCase, snake_case and kebab-case (`startSession`, `start_session`,
 * `start-session`, `sessionStart`, `session_start`, `session-start`). They are matched
 * regardless of case, so `StartSession` and `START_SESSION` are found too.
 */
export function soapNameVariants(
	method: Pick<TvoxMethod, 'soapOperation' | 'rest'>,
): readonly string[] {
	const variants: string[] = [];
	for (const name of [method.soapOperation, restPathName(method)]) {
		const parts = words(name);
		for (const order of [parts, [...parts].reverse()]) {
			const camel = order
				.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
				.join('');
			variants.push(camel, order.join('_'), order.join('-'));
		}
	}
	return Object.freeze([...new Set(variants)]);
}
