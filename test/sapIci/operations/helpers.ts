import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { OiiSimulator } from '../../../simulators/oii';
import { ici, startSim, stopSim } from '../helpers';

// The suites of every operation share one OII simulator, started and stopped by
// useOperationsSimulator(), and record each operation they run, for the coverage check.

export const CUSTOMER = '+358401234567';
export const covered = new Set<string>();

export let sim: OiiSimulator;

export async function run(parameters: INodeParameters): Promise<IDataObject[]> {
	const out = await ici(sim, parameters);
	covered.add(`${String(parameters.resource)}.${String(parameters.operation)}`);
	return out;
}

export async function ready(userId: string): Promise<void> {
	await run({ resource: 'user', operation: 'setCurrentWorkmode', userId, workmode: '2' });
}

/** Starts the simulator (in `sim`) before the suites, resets it before each test, stops it after. */
export function useOperationsSimulator(): void {
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());
}
