import { sapIciTriggerReceive } from './sapIciTrigger';
import type { BenchScenario } from './types';

/** Scenarios measured after the transports. */
export const SCENARIOS: BenchScenario[] = [sapIciTriggerReceive];
