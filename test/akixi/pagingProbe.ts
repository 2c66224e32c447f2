import type { AkixiSimulator } from '../../simulators/akixi';
import { runAkixi } from './helpers';

/** Lists every Integrator Client with Return All at a given page size, and reports the pages asked for. */
export async function integratorClient(sim: AkixiSimulator, pageSize: number) {
	const { operations } = await import('../../nodes/Akixi/resources/integratorClient');
	const list = operations.find((op) => op.value === 'list')!;
	const original = list.paging!.pageSize;
	list.paging!.pageSize = () => pageSize;
	try {
		const before = sim.requests.length;
		const result = await runAkixi(sim, {
			resource: 'integratorClient',
			operation: 'list',
			telSysId: '-1',
			partitionIdInTelSys: '-1',
			deviceNumber: 'UnknownNoneOrAll',
			returnAll: true,
		});
		const calls = sim.requests.slice(before).filter((r) => r.method === 'GET');
		return {
			total: result.items.length,
			ids: new Set(result.items.map((i) => String(i.json.ID))),
			offsets: calls.map((c) => String(c.query.offset)),
		};
	} finally {
		list.paging!.pageSize = original;
	}
}
