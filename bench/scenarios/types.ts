import type { Report } from '../lib/report';

/** A figure that does not belong to one transport's row, e.g. a trigger's receive path. */
export interface BenchScenario {
	name: string;
	run(report: Report): Promise<void>;
}
