import fc from 'fast-check';
import { NodeOperationError, type INode } from 'n8n-workflow';

import { toNodeError } from '../../nodes/shared/errors';
import { InvalidInputError } from '../../nodes/shared/operations';

/**
 * fast-check's assert with readable failures: the default report (seed, path, counterexample,
 * the failing assertion) with every very long string cut down, since generated values run to
 * tens of kilobytes.
 */

export const PURE_RUNS = 50;

const LONG_STRING = /"(?:[^"\\]|\\.){400,}"/g;

function shorten(message: string): string {
	return message
		.replace(
			LONG_STRING,
			(literal) => `${literal.slice(0, 160)}…[${literal.length} characters]…${literal.slice(-60)}`,
		)
		.split('\n')
		.map((line) =>
			line.length > 2000 ? `${line.slice(0, 1000)}…[${line.length} characters]` : line,
		)
		.join('\n');
}

function reporter<Ts>(details: fc.RunDetails<Ts>): void {
	if (!details.failed) return;
	const report = fc.defaultReportMessage(details) ?? 'Property failed';
	const cause =
		details.errorInstance instanceof Error
			? details.errorInstance.message
			: String(details.errorInstance ?? '');
	throw new Error(shorten(`${report}\n\nFailure:\n${cause}`));
}

export function check<Ts>(property: fc.IProperty<Ts>, numRuns = PURE_RUNS): void {
	fc.assert(property, { numRuns, reporter });
}

/** `examples` are run first, on every run (regression cases). */
export async function checkAsync<Ts>(
	property: fc.IAsyncProperty<Ts>,
	numRuns = PURE_RUNS,
	examples: Ts[] = [],
): Promise<void> {
	await fc.assert(property, { numRuns, reporter, examples });
}

const NODE: INode = {
	id: 'property-node',
	name: 'Node',
	type: 'property.node',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * Building the request fails with the node's own input error, which the execute loop turns into
 * a NodeOperationError naming the problem (so nothing is sent).
 */
export function expectRefused(build: () => unknown, message: string | RegExp): void {
	let thrown: unknown;
	try {
		build();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(InvalidInputError);
	const nodeError = toNodeError(NODE, thrown, 0);
	expect(nodeError).toBeInstanceOf(NodeOperationError);
	expect(nodeError.message).toMatch(message);
}
