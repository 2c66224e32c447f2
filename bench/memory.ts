/**
 * Child process of the bench's memory scenarios, so that nothing measured earlier sits in its
 * heap: the simulator runs in the bench's simulator host, this process only runs the node in n8n-core's engine
 * and samples its resident set size while the execution runs.
 */
import { runTransportNode } from './lib/engine';
import { TRANSPORTS } from './transports';

export interface MemoryTask {
	transport: string;
	url: string;
	keys: string[];
	/** `items`: `count` input items through the operation; `returnAll`: one item, Return All on. */
	kind: 'items' | 'returnAll';
	count: number;
}

export interface MemoryResult {
	baselineRss: number;
	peakRss: number;
	/** Heap still in use after a full collection, the output items still referenced, minus the baseline's. */
	retainedHeap: number;
	peakHeap: number;
	baselineHeap: number;
	outputItems: number;
	ms: number;
}

const SAMPLE_EVERY_MS = 2;

async function measure(task: MemoryTask): Promise<MemoryResult> {
	const transport = TRANSPORTS.find((t) => t.name === task.transport);
	if (!transport) throw new Error(`Unknown transport ${task.transport}`);
	const gc = (globalThis as { gc?: () => void }).gc;
	const list = transport.list;
	if (task.kind === 'returnAll' && !list)
		throw new Error(`${task.transport} has no Return All list`);

	const target = { url: task.url, tls: false, keys: task.keys };
	// Load and warm every code path once, then start from a collected heap.
	await runTransportNode(transport, target, 20);
	gc?.();
	gc?.();
	const baseline = process.memoryUsage();
	let peakRss = baseline.rss;
	let peakHeap = baseline.heapUsed;
	const sample = () => {
		const { rss, heapUsed } = process.memoryUsage();
		if (rss > peakRss) peakRss = rss;
		if (heapUsed > peakHeap) peakHeap = heapUsed;
	};
	const timer = setInterval(sample, SAMPLE_EVERY_MS);
	const start = performance.now();
	try {
		const result =
			task.kind === 'items'
				? await runTransportNode(transport, target, task.count)
				: await runTransportNode(transport, target, 1, list!.parameters);
		sample();
		const ms = performance.now() - start;
		clearInterval(timer);
		gc?.();
		gc?.();
		const retainedHeap = process.memoryUsage().heapUsed - baseline.heapUsed;
		return {
			baselineRss: baseline.rss,
			peakRss,
			retainedHeap,
			baselineHeap: baseline.heapUsed,
			peakHeap,
			outputItems: result.items.length,
			ms,
		};
	} finally {
		clearInterval(timer);
	}
}

process.once('message', (task: MemoryTask) => {
	measure(task).then(
		(result) => process.send?.({ ok: true, result }, () => process.exit(0)),
		(error: unknown) =>
			process.send?.(
				{
					ok: false,
					error: error instanceof Error ? (error.stack ?? error.message) : String(error),
				},
				() => process.exit(1),
			),
	);
});
