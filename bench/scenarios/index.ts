import { readerGrowth } from './readerGrowth';
import { sapIciTriggerReceive } from './sapIciTrigger';
import type { BenchScenario } from './types';

/** Scenarios measured before the transports' rows. */
export const SCENARIOS: BenchScenario[] = [sapIciTriggerReceive, readerGrowth];
