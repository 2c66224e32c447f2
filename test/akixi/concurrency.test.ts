import type { AkixiSimulator } from '../../simulators/akixi';
import { resetSim, runAkixi, startSim, stopSim } from './helpers';
import { resetHttpClients } from '../../nodes/shared/transport/http';

const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const LIVECHAT_ID = 'LiveChat5918734';
const INFO = { resource: 'omnichannelIntegration', operation: 'info', uniqueId: '={{ $json.id }}' };

describe('Akixi node — concurrent requests', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => {
		resetSim(sim);
		resetHttpClients();
	});

	const items = Array.from({ length: 12 }, (_, n) => ({ id: n % 2 ? LIVECHAT_ID : EMAIL_ID }));

	it('one at a time by default: a single keep-alive connection serves every item', async () => {
		const before = sim.connections;
		const result = await runAkixi(sim, INFO, { items });
		expect(result.error).toBeUndefined();
		expect(sim.connections - before).toBe(1);
		expect(result.items.map((i) => i.json.UniqueID)).toEqual(items.map((i) => i.id));
	});

	it('with 4 in flight, answers held back by the server open 4 connections; order and pairedItem are kept', async () => {
		sim.faults.add({ kind: 'delay', ms: 150 }, { times: 0 });
		const before = sim.connections;
		const result = await runAkixi(sim, { ...INFO, options: { concurrency: 4 } }, { items });
		expect(result.error).toBeUndefined();
		expect(sim.connections - before).toBe(4);
		expect(result.items.map((i) => i.json.UniqueID)).toEqual(items.map((i) => i.id));
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});

	it('the first failing item is the one reported, with its index', async () => {
		const failing = items.map((item, n) => (n === 5 || n === 9 ? { id: 'missing' } : item));
		const result = await runAkixi(
			sim,
			{ ...INFO, options: { concurrency: 4 } },
			{ items: failing },
		);
		expect(result.error!.message).toContain('12002');
		expect(result.error!.context?.itemIndex).toBe(5);
	});

	it('with continue-on-fail every item has its own output, in order', async () => {
		const failing = items.map((item, n) => (n === 5 ? { id: 'missing' } : item));
		const result = await runAkixi(
			sim,
			{ ...INFO, options: { concurrency: 4 } },
			{ items: failing, continueOnFail: true },
		);
		expect(result.items).toHaveLength(12);
		expect(result.items[5].json).toMatchObject({ code: '12002' });
		expect(result.items.filter((i) => i.json.error)).toHaveLength(1);
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});
});
