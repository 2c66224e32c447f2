/**
 * `npm run bench`: measured speed of every transport in `transports/index.ts` against its
 * simulator, as ratios and counts taken within one run: the variants are interleaved round by
 * round (the order rotates), each timed run right after an untimed run of the same variant, and
 * medians are reported.
 *
 *   BENCH_ONLY       comma-separated row names to measure, e.g. akixi-xml,sap-ici-trigger (default: all)
 *   BENCH_ROUNDS     most rounds of the speed comparison (default 5)
 *   BENCH_BUDGET_S   seconds the whole run aims at (default 600); the speed comparison of each
 *                    transport runs as many rounds as fit its share (in proportion to the
 *                    variants it measures; at least 2 rounds, after its warm-up), the
 *                    concurrency comparison too (at least 1)
 *   BENCH_WARMUP     warm-up runs of 1,000 items per variant before the speed rounds (default 3)
 *
 * Exit code 0 when every scenario ran (even with MISS lines); 1 when a scenario crashed.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import { resetHttpClients } from '../nodes/shared/transport/http';
import {
	prebuiltRequests,
	rawClient,
	runHttpRequestXml,
	runN8nPath,
	runTransportNode,
	sendAll,
} from './lib/engine';
import { n8nNodes } from './lib/n8nNodes';
import { RemoteSim, stopSimHost } from './lib/remoteSim';
import { median, ms, Report, timed, type Took } from './lib/report';
import type { BenchTransport, Target } from './lib/types';
import type { MemoryResult, MemoryTask } from './memory';
import { SCENARIOS } from './scenarios';
import { TRANSPORTS } from './transports';

const ITEMS = 1000;
/**
 * Runs of 1,000 items per variant before anything is timed, the variants interleaved. Until
 * V8 has optimised the engine's, the nodes' and the clients' hot paths, a run costs up to
 * three times its steady figure (the node 0.7–1.0 → 0.33 ms per item over its first five runs, the
 * HTTP Request and XML nodes 1.1 → 0.46 ms), and the variants do not settle at the same pace.
 */
const WARMUP_RUNS = Math.max(1, Number(process.env.BENCH_WARMUP) || 3);
const MAX_ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS) || 5);
const MIN_ROUNDS = 2;
const BUDGET_MS = (Number(process.env.BENCH_BUDGET_S) || 600) * 1000;
/** Part of the budget kept for the memory scenarios, which run side by side at the end. */
const MEMORY_PHASE_MS = 75_000;
/** Variants of a speed round: the node, n8n's request helper (HTTP and HTTPS) and the floor. */
const SPEED_VARIANTS = 5;
/**
 * More of an XML row: n8n's HTTP Request and XML nodes, and the node with Concurrent Requests
 * {@link NODES_CONCURRENCY}, each over HTTP and HTTPS.
 */
const NODES_VARIANTS = 4;
/**
 * The node's Concurrent Requests in the comparison with n8n's HTTP Request and XML nodes: at its
 * defaults the HTTP Request node sends every item at once, so the node is compared with the
 * option a workflow sets for a bulk run, not one request at a time.
 */
const NODES_CONCURRENCY = 8;
const CONCURRENCY_ROUNDS = 3;
const MIN_CONCURRENCY_ROUNDS = 1;
const CONCURRENCY_DELAY_MS = 2;
const MEMORY_ITEMS = 10_000;
const LIST_ENTRIES = 20_000;
const MB = 1024 * 1024;

const TARGETS = {
	/** Node vs n8n's request helper with a prebuilt body: JSON rows, and XML rows (which also write and read XML). */
	vsN8nHttp: { json: 0.6, xml: 0.7 },
	vsN8nHttps: { json: 0.3, xml: 0.4 },
	/** XML rows: node vs n8n's HTTP Request node and XML node. */
	vsNodesHttp: 0.5,
	vsNodesHttps: 0.25,
	vsFloor: 3.0,
	connections: 2,
	concurrency: 3,
	memoryMb: 150,
	/** The same budget per entry as the 10,000-item run. */
	listPeakMbPer1000: 150 / (MEMORY_ITEMS / 1000),
	/**
	 * Heap kept per 1,000 Return All entries once the run is over: the output items themselves
	 * (about 0.25 MB per 1,000 three-field entries) and no pages: one page of 1,000 entries is
	 * about 0.24 MB of XML, so keeping pages, or copies of them, goes over this.
	 */
	listKeptMbPer1000: 0.5,
};

const report = new Report();

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The transport's simulators and where its clients reach them. */
interface Rig {
	http: RemoteSim;
	https: RemoteSim;
	httpTarget: Target;
	/** Undefined when the simulator cannot serve HTTPS. */
	httpsTarget?: Target;
}

/**
 * Node vs n8n's request helper (HTTP and HTTPS), vs n8n's HTTP Request node followed by its XML
 * node (XML rows, when `withNodes`; HTTP and HTTPS) and vs the raw keep-alive client. Each round
 * runs every variant twice with 1,000 items, in a rotating order: an untimed lead-in, then the
 * timed run. Without the lead-in a variant's timed run would pay for collecting the garbage of the
 * variant before it (a run of the HTTP Request node, with its 1,000 connections, made the node's
 * next run cost 10–30% more), and the order would decide a row's figure. A ratio is the median
 * of the per-round ratios. The figure compares CPU time of this process — the clients and n8n's
 * engine; the simulators run in their own process, their work being the same for every variant:
 * on an idle machine that is the wall time, on a busy one it is not inflated by the time spent
 * waiting for a core. The node's runs also count the connections the simulator accepts, starting
 * without pooled sockets.
 */
async function speed(
	transport: BenchTransport,
	rig: Rig,
	deadline: number,
	withNodes: boolean,
): Promise<void> {
	const client = rawClient();
	const rawRequests = prebuiltRequests(transport, rig.httpTarget, ITEMS);
	const schemes = rig.httpsTarget ? (['http', 'https'] as const) : (['http'] as const);
	const opened = { http: [] as number[], https: [] as number[] };
	const counted = (transport.counters ?? []).map(() => [] as number[]);
	const viaNode = async (scheme: 'http' | 'https', count: number) => {
		const sim = rig[scheme];
		const counters = (transport.counters ?? []).map((_, n) => n);
		const before = await sim.connections();
		const countersBefore = await Promise.all(counters.map((n) => sim.counter(n)));
		await runTransportNode(transport, scheme === 'http' ? rig.httpTarget : rig.httpsTarget!, count);
		if (!counting) return;
		opened[scheme].push((await sim.connections()) - before);
		const countersAfter = await Promise.all(counters.map((n) => sim.counter(n)));
		counters.forEach((n) => counted[n].push(countersAfter[n] - countersBefore[n]));
	};
	/** Connections the HTTP Request node opened per run of 1,000 items. */
	const nodesOpened = { http: [] as number[], https: [] as number[] };
	const viaNodes = async (scheme: 'http' | 'https', count: number) => {
		const sim = rig[scheme];
		const before = await sim.connections();
		await runHttpRequestXml(
			transport,
			scheme === 'http' ? rig.httpTarget : rig.httpsTarget!,
			count,
		);
		if (counting) nodesOpened[scheme].push((await sim.connections()) - before);
	};
	const nodes = withNodes && transport.httpRequestNode !== undefined;
	const wide = { ...transport.node.parameters, options: { concurrency: NODES_CONCURRENCY } };
	const variants: Record<string, (count: number) => Promise<unknown>> = {
		nodeHttp: (count) => viaNode('http', count),
		n8nHttp: (count) => runN8nPath(transport, rig.httpTarget, count),
		raw: (count) => sendAll(client, rawRequests.slice(0, count)),
	};
	if (nodes) {
		variants.nodeWideHttp = (count) => runTransportNode(transport, rig.httpTarget, count, wide);
		variants.nodesHttp = (count) => viaNodes('http', count);
	}
	if (rig.httpsTarget) {
		const httpsTarget = rig.httpsTarget;
		variants.nodeHttps = (count) => viaNode('https', count);
		variants.n8nHttps = (count) => runN8nPath(transport, httpsTarget, count);
		if (nodes) {
			variants.nodeWideHttps = (count) => runTransportNode(transport, httpsTarget, count, wide);
			variants.nodesHttps = (count) => viaNodes('https', count);
		}
	}
	const names = Object.keys(variants);
	// Connections and counters are counted from the first run after the warm-up.
	let counting = false;
	for (let run = 0; run < WARMUP_RUNS; run++) {
		for (const n of names.keys()) await variants[names[(n + run) % names.length]](ITEMS);
	}
	resetHttpClients();
	for (const counter of transport.counters ?? []) counter.coldStart();
	counting = true;

	const pairs = {
		http: ['nodeHttp', 'n8nHttp'],
		https: ['nodeHttps', 'n8nHttps'],
		nodesHttp: ['nodeWideHttp', 'nodesHttp'],
		nodesHttps: ['nodeWideHttps', 'nodesHttps'],
		floor: ['nodeHttp', 'raw'],
	} as const;
	type Pair = keyof typeof pairs;
	const measured = (Object.keys(pairs) as Pair[]).filter((pair) =>
		pairs[pair].every((name) => name in variants),
	);
	const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
	const perPair = () =>
		Object.fromEntries(
			(Object.keys(pairs) as Pair[]).map((pair) => [pair, [] as number[]]),
		) as Record<Pair, number[]>;
	const ratios = perPair();
	const wallRatios = perPair();
	let rounds = 0;
	let lastRound = 0;
	while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || performance.now() + lastRound < deadline)) {
		const startedAt = performance.now();
		const order = names.map((_, n) => names[(n + rounds) % names.length]);
		const took: Record<string, Took> = {};
		for (const name of order) {
			// The lead-in: the run just before a timed run is one of the same variant, so the garbage
			// collected during the timed run is the variant's own, not what the previous one left.
			// Its connections and counters count (the first after the warm-up starts cold).
			await variants[name](ITEMS);
			took[name] = await timed(() => variants[name](ITEMS));
			cpu[name].push(took[name].cpu / ITEMS);
		}
		for (const pair of measured) {
			const [node, other] = pairs[pair];
			ratios[pair].push(took[node].cpu / took[other].cpu);
			wallRatios[pair].push(took[node].wall / took[other].wall);
		}
		rounds += 1;
		lastRound = performance.now() - startedAt;
	}
	const line = (pair: Pair, name: string, max: number, more = '') => {
		if (!measured.includes(pair)) return;
		const [node, other] = pairs[pair];
		report.ratio(
			`${transport.name} ${name}`,
			median(ratios[pair]),
			{ max },
			`cpu ${ms(median(cpu[node]))} / ${ms(median(cpu[other]))} ms per item; wall ratio ${median(wallRatios[pair]).toFixed(2)}; ${more}${plural(rounds, 'round')}`,
		);
	};
	const kind = transport.json ? 'json' : 'xml';
	const opensMost = (scheme: 'http' | 'https') =>
		`node at Concurrent Requests ${NODES_CONCURRENCY}; HTTP Request node: up to ${Math.max(...nodesOpened[scheme])} connections per ${ITEMS} items; `;
	line('http', 'vs n8n path http', TARGETS.vsN8nHttp[kind]);
	line('https', 'vs n8n path https', TARGETS.vsN8nHttps[kind]);
	line('nodesHttp', 'vs HTTP Request + XML nodes http', TARGETS.vsNodesHttp, opensMost('http'));
	line('nodesHttps', 'vs HTTP Request + XML nodes https', TARGETS.vsNodesHttps, opensMost('https'));
	line('floor', 'vs floor', TARGETS.vsFloor);
	for (const scheme of schemes) {
		const most = Math.max(...opened[scheme]);
		report.add({
			name: `${transport.name} connections per ${ITEMS} items ${scheme}`,
			figure: `${most} [most of ${opened[scheme].length} runs]`,
			target: `<= ${TARGETS.connections}`,
			ok: most <= TARGETS.connections,
		});
	}
	(transport.counters ?? []).forEach((counter, n) => {
		const runs = counted[n];
		const most = Math.max(...runs);
		const total = runs.reduce((sum, value) => sum + value, 0);
		report.add({
			name: `${transport.name} ${counter.name} per ${ITEMS} items`,
			figure: `${most} [${total} in ${runs.length} runs of ${ITEMS} items over ${schemes.join(' and ')}, the first from a cold start]`,
			target: `<= ${counter.max}`,
			ok: most <= counter.max,
		});
	});
}

/** Up to 8 requests in flight vs one at a time, against answers the simulator holds back. */
async function concurrency(
	transport: BenchTransport,
	sim: RemoteSim,
	target: Target,
	deadline: number,
): Promise<void> {
	const run = (k: number) =>
		runTransportNode(transport, target, ITEMS, {
			...transport.node.parameters,
			options: { concurrency: k },
		});
	await sim.delayAnswers(CONCURRENCY_DELAY_MS);
	try {
		await run(8);
		const one: Took[] = [];
		const eight: Took[] = [];
		let lastRound = 0;
		for (
			let round = 0;
			round < CONCURRENCY_ROUNDS &&
			(round < MIN_CONCURRENCY_ROUNDS || performance.now() + lastRound < deadline);
			round++
		) {
			const startedAt = performance.now();
			one.push(await timed(() => run(1)));
			eight.push(await timed(() => run(8)));
			lastRound = performance.now() - startedAt;
		}
		const perItem = (runs: Took[], key: keyof Took) => ms(median(runs.map((t) => t[key])) / ITEMS);
		report.ratio(
			`${transport.name} concurrency K=8 vs K=1 (${CONCURRENCY_DELAY_MS} ms answers)`,
			median(one.map((t, n) => t.wall / eight[n].wall)),
			{ min: TARGETS.concurrency },
			`wall ${perItem(one, 'wall')} / ${perItem(eight, 'wall')} ms per item; cpu ${perItem(eight, 'cpu')} ms per item at K=8; ${plural(one.length, 'round')}`,
			'x',
		);
	} finally {
		await sim.clearFaults();
	}
}

function inChild(task: MemoryTask): Promise<MemoryResult> {
	return new Promise((resolve, reject) => {
		// The bench is not part of the package: a child process keeps earlier scenarios out of the RSS figures.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		const child = fork(path.join(__dirname, 'memory.js'), [], {
			execArgv: ['--expose-gc'],
			stdio: 'inherit',
		});
		let settled = false;
		child.once('message', (message: { ok: boolean; result?: MemoryResult; error?: string }) => {
			settled = true;
			if (message.ok && message.result) resolve(message.result);
			else reject(new Error(message.error ?? 'the memory child failed'));
		});
		child.once('exit', (code) => {
			if (!settled) reject(new Error(`the memory child exited with code ${code} before answering`));
		});
		child.send(task);
	});
}

/** 10,000 items through the node in one execution, in a child process; the simulator stays in the host. */
async function memory(transport: BenchTransport, target: Target): Promise<() => void> {
	const result = await inChild({
		transport: transport.name,
		url: target.url,
		keys: [...target.keys],
		kind: 'items',
		count: MEMORY_ITEMS,
	});
	if (result.outputItems !== MEMORY_ITEMS)
		throw new Error(`expected ${MEMORY_ITEMS} output items, got ${result.outputItems}`);
	const growth = (result.peakRss - result.baselineRss) / MB;
	const heap = (bytes: number) => (bytes / MB).toFixed(1);
	return () =>
		report.add({
			name: `${transport.name} memory ${MEMORY_ITEMS} items`,
			figure: `${growth.toFixed(1)} MB peak RSS growth [peak heap +${heap(result.peakHeap - result.baselineHeap)} MB, ${heap(result.retainedHeap)} MB kept after the run]`,
			target: `< ${TARGETS.memoryMb} MB`,
			ok: growth < TARGETS.memoryMb,
		});
}

/** Return All on a list seeded with 20,000 entries, in a child process. */
async function returnAll(
	transport: BenchTransport,
	sim: RemoteSim,
	target: Target,
): Promise<() => void> {
	await sim.seed(LIST_ENTRIES);
	const result = await inChild({
		transport: transport.name,
		url: target.url,
		keys: [...target.keys],
		kind: 'returnAll',
		count: LIST_ENTRIES,
	});
	if (result.outputItems < LIST_ENTRIES)
		throw new Error(`expected at least ${LIST_ENTRIES} entries, got ${result.outputItems}`);
	const thousands = result.outputItems / 1000;
	const peak = (result.peakRss - result.baselineRss) / MB / thousands;
	const kept = result.retainedHeap / MB / thousands;
	return () => {
		report.add({
			name: `${transport.name} return all ${result.outputItems} entries`,
			figure: `${peak.toFixed(2)} MB peak RSS growth per 1000 entries`,
			target: `< ${TARGETS.listPeakMbPer1000} MB`,
			ok: peak < TARGETS.listPeakMbPer1000,
		});
		report.add({
			name: `${transport.name} return all ${result.outputItems} entries kept`,
			figure: `${kept.toFixed(2)} MB heap per 1000 entries after the run`,
			target: `< ${TARGETS.listKeptMbPer1000} MB`,
			ok: kept < TARGETS.listKeptMbPer1000,
		});
	};
}

async function startRig(transport: BenchTransport): Promise<Rig> {
	const http = await RemoteSim.start(transport.name, false);
	const https = await RemoteSim.start(transport.name, true).catch(async (error: unknown) => {
		await http.close();
		return Promise.reject(error);
	});
	const target = (sim: RemoteSim, tls: boolean): Target => ({ url: sim.url, tls, keys: sim.keys });
	return {
		http,
		https,
		httpTarget: target(http, false),
		httpsTarget: https.url.startsWith('https:') ? target(https, true) : undefined,
	};
}

/** A memory scenario left for the end: it runs in a child process against a simulator kept open until then. */
interface MemoryJob {
	name: string;
	run(): Promise<() => void>;
}

/**
 * The timed scenarios of one transport, its lines printed together: concurrency first, then the
 * speed rounds with what is left of the transport's share of the time budget. Its memory
 * scenarios are returned for the end, where they run side by side (RSS is per process, and
 * nothing is timed then); the simulator they need is closed by `close`.
 */
async function bench(
	transport: BenchTransport,
	deadline: number,
	withNodes: boolean,
): Promise<{ jobs: MemoryJob[]; close(): Promise<void> }> {
	let rig: Rig | undefined;
	const jobs: MemoryJob[] = [];
	const section = report.section();
	const scenario = async (name: string, order: number, work: () => Promise<void>) => {
		section.order = order;
		try {
			await work();
		} catch (error) {
			report.crash(`${transport.name} ${name}`, error);
		}
	};
	try {
		rig = await startRig(transport);
		const { http, httpTarget } = rig;
		const nodeScenarios = transport.nodeScenarios !== false;
		if (nodeScenarios) {
			const concurrencyDeadline = performance.now() + (deadline - performance.now()) / 4;
			await scenario('concurrency', 2, () =>
				concurrency(transport, http, httpTarget, concurrencyDeadline),
			);
			jobs.push({ name: `${transport.name} memory`, run: () => memory(transport, httpTarget) });
		}
		if (transport.list)
			jobs.push({
				name: `${transport.name} return all`,
				run: () => returnAll(transport, http, httpTarget),
			});
		await scenario('speed', 1, () => speed(transport, rig!, deadline, withNodes));
	} catch (error) {
		report.crash(transport.name, error);
	} finally {
		section.flush();
		resetHttpClients();
		await rig?.https.close();
	}
	return { jobs: rig ? jobs : [], close: async () => void (await rig?.http.close()) };
}

/**
 * Finds (or provisions) n8n's HTTP Request and XML nodes when an XML row is measured, and says
 * where they come from; when they cannot be had, that is reported as a crash and the XML rows
 * run without their comparison against them.
 */
async function nodesForXmlRows(transports: BenchTransport[]): Promise<boolean> {
	if (!transports.some((transport) => transport.httpRequestNode)) return false;
	try {
		const found = await n8nNodes();
		process.stdout.write(
			`bench: n8n's HTTP Request node ${found.httpRequest.description.defaultVersion} and XML node from n8n-nodes-base ${found.nodesBaseVersion} ` +
				`of n8n ${found.n8nVersion}, ${found.dir}\n`,
		);
		return true;
	} catch (error) {
		report.crash("n8n's HTTP Request and XML nodes", error);
		return false;
	}
}

async function main(): Promise<void> {
	const only = (process.env.BENCH_ONLY ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const known = [...TRANSPORTS.map((t) => t.name), ...SCENARIOS.map((s) => s.name)];
	const unknown = only.filter((name) => !known.includes(name));
	if (unknown.length)
		throw new Error(`Unknown name(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
	const wanted = (name: string) => only.length === 0 || only.includes(name);
	const transports = TRANSPORTS.filter((t) => wanted(t.name));
	const scenarios = SCENARIOS.filter((s) => wanted(s.name));
	const withNodes = await nodesForXmlRows(transports);
	const end = performance.now() + BUDGET_MS - MEMORY_PHASE_MS;
	for (const scenario of scenarios) {
		try {
			await scenario.run(report);
		} catch (error) {
			report.crash(scenario.name, error);
		}
	}
	const jobs: MemoryJob[] = [];
	const closers: Array<() => Promise<void>> = [];
	// A row's share of the time left is in proportion to the variants it measures per round.
	const weight = (transport: BenchTransport) =>
		withNodes && transport.httpRequestNode ? SPEED_VARIANTS + NODES_VARIANTS : SPEED_VARIANTS;
	for (let n = 0; n < transports.length; n++) {
		const left = transports.slice(n).reduce((sum, transport) => sum + weight(transport), 0);
		const share = ((end - performance.now()) * weight(transports[n])) / left;
		const done = await bench(transports[n], performance.now() + share, withNodes);
		jobs.push(...done.jobs);
		closers.push(done.close);
	}
	const outcomes = await Promise.allSettled(jobs.map((job) => job.run()));
	outcomes.forEach((outcome, n) => {
		if (outcome.status === 'fulfilled') outcome.value();
		else report.crash(jobs[n].name, outcome.reason);
	});
	for (const close of closers) await close();
	stopSimHost();
	process.stdout.write(`${report.summary()}\n`);
	process.exitCode = report.crashed.length ? 1 : 0;
}

main().catch((error: unknown) => {
	report.crash('run', error);
	process.exitCode = 1;
});
