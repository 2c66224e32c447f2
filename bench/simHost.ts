/**
 * A child process that runs the simulators of one transport, so that the bench process measures
 * only the clients (the node in n8n's engine, n8n's request helper, the raw client) and not the
 * simulator's work, which is the same for all of them. The parent talks to it over IPC.
 */
import type { BenchSim } from './lib/types';
import { TRANSPORTS } from './transports';

export type SimHostRequest =
	| { id: number; op: 'start'; transport: string; tls: boolean }
	| { id: number; op: 'connections' | 'close' | 'clearFaults'; sim: number }
	| { id: number; op: 'counter'; sim: number; index: number }
	| { id: number; op: 'delay'; sim: number; ms: number }
	| { id: number; op: 'seed'; sim: number; count: number };

export type SimHostAnswer =
	| { id: number; ok: true; value: unknown }
	| { id: number; ok: false; error: string };

const sims: Array<{ sim: BenchSim; transport: (typeof TRANSPORTS)[number] }> = [];

function transportNamed(name: string) {
	const transport = TRANSPORTS.find((t) => t.name === name);
	if (!transport) throw new Error(`unknown transport ${name}`);
	return transport;
}

async function answer(request: SimHostRequest): Promise<unknown> {
	if (request.op === 'start') {
		const transport = transportNamed(request.transport);
		const sim = await transport.start({ tls: request.tls });
		sims.push({ sim, transport });
		return { handle: sims.length - 1, url: sim.url, keys: transport.keys(sim) };
	}
	const entry = sims[request.sim];
	if (!entry) throw new Error(`no simulator ${request.sim}`);
	const { sim, transport } = entry;
	switch (request.op) {
		case 'connections':
			return sim.connections;
		case 'counter':
			return transport.counters![request.index].read(sim);
		case 'delay':
			return sim.faults.add({ kind: 'delay', ms: request.ms }, { times: 0 }) !== undefined;
		case 'clearFaults':
			return sim.faults.clear();
		case 'seed':
			transport.list!.seed(sim, request.count);
			return request.count;
		case 'close':
			await sim.close();
			return true;
	}
}

process.on('message', (request: SimHostRequest) => {
	answer(request).then(
		(value) => process.send!({ id: request.id, ok: true, value } satisfies SimHostAnswer),
		(error: unknown) =>
			process.send!({
				id: request.id,
				ok: false,
				error: error instanceof Error ? error.message : String(error),
			} satisfies SimHostAnswer),
	);
});
process.on('disconnect', () => process.exit(0));
