'use strict';
/**
 * The bursts of `npm run e2e:queue`: many phoneCallChanged events from the OII simulator at once,
 * through the queue-mode instance (two workers, a worker killed in the middle, one worker) and
 * through a single n8n process, each counted from n8n's execution records; the figures go to
 * `figures` for e2eQueueFigures.js.
 */
const fs = require('node:fs');
const path = require('node:path');

const triggers = require('../../test/e2e/triggers.e2e');
const { RUNTIME_DIR } = require('../n8n-env');
const { expect, short } = require('./checks');
const {
	BURST,
	BURST_DELIVERY_CONCURRENCY,
	CALLER,
	LOG,
	PORTS,
	SAP_ICI_LINE,
	SINGLE_USER_FOLDER,
	TRIGGER_WORKFLOW_ID,
	WORK_DIR,
} = require('./e2eQueueSettings');
const {
	burstDeliveries,
	callHandlesOf,
	lastExecutionId,
	stalledExecutions,
	triggerExecutions,
} = require('./e2eQueueRecords');
const {
	ensureOwner,
	exampleWorkflows,
	importSimulatorSetup,
	installPack,
	n8nEnv,
	startN8n,
} = require('./n8n');
const queue = require('./queue');
const { simulatorControl } = require('./simulators');
const { run, say, sleep, stopChild } = require('./util');

/** CPU time (user + system) a process has used so far, in ms; undefined when it is gone. */
function cpuMs(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux)
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

/**
 * One burst: `count` inbound calls on the line at once, the simulator POSTing the events with
 * BURST_DELIVERY_CONCURRENCY under way. `during(progress)` runs while it goes. Resolves when every
 * event is answered and n8n's executions have stopped changing.
 */
async function runBurst({
	oiiUrl,
	count,
	countFinished,
	during,
	processes = [],
	settleMs = 4000,
	timeoutMs = 600000,
}) {
	await simulatorControl(oiiUrl, 'POST', '/__oii/delivery', {
		concurrency: BURST_DELIVERY_CONCURRENCY,
	});
	const cpuBefore = processes.map((p) => cpuMs(p.pid));
	const started = Date.now();
	const burst = await simulatorControl(oiiUrl, 'POST', '/__oii/burst', {
		to: SAP_ICI_LINE,
		from: CALLER,
		count,
	});
	expect(
		burst.events === count,
		`the burst built ${burst.events} events for ${count} calls (subscriptions at the simulator are off)`,
	);
	let answeredAt;
	let last = -1;
	let lastChange = Date.now();
	let duringDone = !during;
	const deadline = started + timeoutMs;
	for (;;) {
		const status = await simulatorControl(oiiUrl, 'GET', '/__oii/delivery');
		if (status.pending === 0 && answeredAt === undefined) answeredAt = Date.now();
		const finished = await countFinished();
		if (!duringDone) duringDone = await during(finished);
		if (finished !== last) {
			last = finished;
			lastChange = Date.now();
		}
		if (
			answeredAt !== undefined &&
			duringDone &&
			(finished >= count || Date.now() - lastChange > settleMs)
		)
			break;
		if (Date.now() > deadline)
			throw new Error(
				`the burst did not settle within ${timeoutMs} ms (${finished} of ${count} executions finished)`,
			);
		await sleep(250);
	}
	await simulatorControl(oiiUrl, 'POST', '/__oii/delivery', { concurrency: 1 });
	// CPU the processes spent per event (a killed process counts up to its last reading)
	const cpu = {};
	processes.forEach((p, i) => {
		const after = cpuMs(p.pid) ?? p.lastCpuMs;
		if (after !== undefined && cpuBefore[i] !== undefined)
			cpu[p.role] = (cpu[p.role] || 0) + (after - cpuBefore[i]) / count;
	});
	return { burst, started, answeredAt, cpu, handles: new Set(burst.callHandles) };
}

/**
 * Counts a burst from n8n's own records: the executions of the trigger workflow after `afterId`,
 * their status, the call handle each one carries, and which worker's log names it.
 */
async function countBurst(topology, oiiUrl, run, afterId) {
	const executions = await triggerExecutions(topology.postgres, afterId);
	const handlesByExecution = await callHandlesOf(topology.postgres, afterId, run.handles);
	const deliveries = await burstDeliveries(oiiUrl, run.burst);
	const byWorker = topology.executionsByWorker();
	const successByHandle = new Map();
	const statuses = {};
	const perWorker = {};
	let notOnOneWorker = 0;
	for (const execution of executions) {
		statuses[execution.status] = (statuses[execution.status] || 0) + 1;
		const workers = byWorker.get(execution.id) || [];
		if (workers.length === 1) perWorker[workers[0]] = (perWorker[workers[0]] || 0) + 1;
		else notOnOneWorker += 1;
		if (execution.status !== 'success') continue;
		for (const handle of handlesByExecution.get(execution.id) || []) {
			successByHandle.set(handle, [...(successByHandle.get(handle) || []), execution.id]);
		}
	}
	const twice = [...successByHandle].filter(([, ids]) => ids.length > 1);
	const missing = [...run.handles].filter((h) => !successByHandle.has(h));
	const stoppedAt = Math.max(
		...executions.filter((e) => e.status === 'success').map((e) => e.stoppedAt),
		0,
	);
	return {
		executions,
		handlesByExecution,
		deliveries,
		acknowledged: deliveries.filter((d) => d.acknowledged).length,
		statuses,
		perWorker,
		notOnOneWorker,
		twice,
		missing,
		seconds: (stoppedAt - run.started) / 1000,
		answeredSeconds: (run.answeredAt - run.started) / 1000,
	};
}

/** How the events that were not acknowledged fared, e.g. `3 timeout (No answer within 10000 ms)`. */
function describeUnacknowledged(deliveries) {
	const by = new Map();
	for (const d of deliveries.filter((x) => !x.acknowledged)) {
		const key = `${d.outcome}${d.status ? ` ${d.status}` : ''} (${short(d.error ?? '', 80)})`;
		by.set(key, (by.get(key) || 0) + 1);
	}
	return [...by].map(([k, v]) => `${v} ${k}`).join('; ') || 'none';
}

function describeCount(c) {
	const statuses = Object.entries(c.statuses)
		.map(([k, v]) => `${v} ${k}`)
		.join(', ');
	const workers = Object.entries(c.perWorker)
		.sort()
		.map(([k, v]) => `${k} ${v}`)
		.join(', ');
	return `${c.executions.length} executions (${statuses}); by worker log: ${workers || 'none'}`;
}

async function checkBursts(checks, topology, rest, oiiUrl, webhookUrl, figures) {
	const countSuccess = (afterId) => async () =>
		(await triggerExecutions(topology.postgres, afterId)).filter((e) => e.status === 'success')
			.length;
	const processes = () => [
		{ role: 'webhook', pid: topology.webhook.child.pid },
		...topology.workers
			.filter((w) => w.state.child.exitCode === null && w.state.child.signalCode === null)
			.map((w) => ({ role: 'workers', pid: w.state.child.pid })),
		{ role: 'main', pid: topology.main.child.pid },
	];
	await triggers.activate(rest, TRIGGER_WORKFLOW_ID);
	try {
		await simulatorControl(oiiUrl, 'GET', '/__oii/subscriptions').then(({ subscriptions }) => {
			if (subscriptions.length !== 1)
				throw new Error(`the simulator holds ${subscriptions.length} subscriptions`);
		});

		// two workers
		let afterId = await lastExecutionId(topology.postgres);
		let run = await runBurst({
			oiiUrl,
			count: BURST,
			countFinished: countSuccess(afterId),
			processes: processes(),
		});
		let counted = await countBurst(topology, oiiUrl, run, afterId);
		figures.push({
			setup: 'queue mode, webhook process + 2 workers',
			count: BURST,
			answered: counted.answeredSeconds,
			done: counted.seconds,
			cpu: run.cpu,
		});
		await checks.run(
			`burst: ${BURST} phoneCallChanged events through the webhook process, two workers: each one answered and ends in exactly one successful execution`,
			async () => {
				expect(
					counted.deliveries.length === BURST && counted.acknowledged === BURST,
					`${counted.acknowledged} of ${BURST} events acknowledged (${counted.deliveries.length} delivered; not acknowledged: ${describeUnacknowledged(counted.deliveries)})`,
				);
				expect(
					counted.executions.length === BURST,
					`${counted.executions.length} executions for ${BURST} events: ${describeCount(counted)}`,
				);
				expect(counted.statuses.success === BURST, describeCount(counted));
				expect(
					counted.twice.length === 0,
					`${counted.twice.length} events ran twice, e.g. ${short(counted.twice.slice(0, 3))}`,
				);
				expect(
					counted.missing.length === 0,
					`${counted.missing.length} events have no successful execution`,
				);
				expect(
					counted.notOnOneWorker === 0,
					`${counted.notOnOneWorker} executions are not named by exactly one worker log`,
				);
				expect(
					Object.values(counted.executions).every((e) => e.mode === 'webhook'),
					'an execution of the burst is not a webhook execution',
				);
				return `${describeCount(counted)}; answered in ${counted.answeredSeconds.toFixed(1)} s, all done in ${counted.seconds.toFixed(1)} s`;
			},
		);

		// a worker killed in the middle of a burst
		afterId = await lastExecutionId(topology.postgres);
		const victim = topology.workers[1];
		let killedAfter;
		run = await runBurst({
			oiiUrl,
			count: BURST,
			countFinished: countSuccess(afterId),
			during: async (finished) => {
				if (finished < BURST * 0.3) return false;
				// SIGKILL while the victim's log shows an execution it started and has not finished
				const deadline = Date.now() + 15000;
				for (;;) {
					const log = queue.workerLogExecutions(victim.log);
					const running = [...log.started].filter((id) => !log.finished.has(id));
					if (running.length > 0 || Date.now() > deadline) break;
					await sleep(5);
				}
				killedAfter = finished;
				queue.killNow(victim.state);
				return true;
			},
			settleMs: 25000,
		});
		await stopChild(victim.state.child, 1000);
		counted = await countBurst(topology, oiiUrl, run, afterId);
		const victimLog = queue.workerLogExecutions(victim.log);
		const cut = [...victimLog.started].filter(
			(id) => !victimLog.finished.has(id) && Number(id) > afterId,
		);
		const stalled = stalledExecutions(afterId);
		const unfinished = counted.executions.filter((e) => e.status !== 'success');
		await checks.run(
			`burst with ${victim.name} SIGKILLed after ${killedAfter} executions: every event ends in exactly one successful execution, or is one of those the killed worker was running`,
			async () => {
				expect(
					counted.acknowledged === BURST,
					`${counted.acknowledged} of ${BURST} events acknowledged (not acknowledged: ${describeUnacknowledged(counted.deliveries)}); ${describeCount(counted)}`,
				);
				expect(
					counted.executions.length === BURST,
					`${counted.executions.length} executions for ${BURST} events: ${describeCount(counted)}`,
				);
				expect(counted.twice.length === 0, `${counted.twice.length} events ran twice`);
				const unfinishedIds = new Set(unfinished.map((e) => e.id));
				const unexplained = unfinished.filter((e) => !cut.includes(e.id) && !stalled.has(e.id));
				expect(
					unexplained.length === 0,
					`executions neither successful nor cut by the kill: ${short(unexplained)}`,
				);
				expect(
					counted.missing.length === unfinishedIds.size,
					`${counted.missing.length} events without a successful execution, ${unfinishedIds.size} unfinished executions`,
				);
				return `${describeCount(counted)}; ${victim.name}'s log shows ${cut.length} started, unfinished execution(s) [${cut.join(', ')}]; the webhook process recorded [${[...stalled].join(', ')}] as stalled`;
			},
		);
		figures.killed = {
			worker: victim.name,
			killedAfter,
			success: counted.statuses.success || 0,
			unfinished: unfinished.map((e) => `${e.id} ${e.status}`),
			cut,
			stalled: [...stalled],
		};
		say(
			`  note  ${BURST - (counted.statuses.success || 0)} of ${BURST} events have no successful execution after the kill: executions ${figures.killed.unfinished.join(', ') || 'none'}`,
		);
		say(
			`        not run again: Bull failed their jobs as stalled and the webhook process recorded executions ${figures.killed.stalled.join(', ') || 'none'} as errors ("job stalled more than maxStalledCount")`,
		);

		// one worker
		afterId = await lastExecutionId(topology.postgres);
		run = await runBurst({
			oiiUrl,
			count: BURST,
			countFinished: countSuccess(afterId),
			processes: processes(),
		});
		counted = await countBurst(topology, oiiUrl, run, afterId);
		figures.push({
			setup: 'queue mode, webhook process + 1 worker',
			count: BURST,
			answered: counted.answeredSeconds,
			done: counted.seconds,
			cpu: run.cpu,
		});
		await checks.run(
			`burst: ${BURST} events, one worker: each one answered and ends in exactly one successful execution`,
			async () => {
				expect(
					counted.acknowledged === BURST,
					`${counted.acknowledged} of ${BURST} events acknowledged (not acknowledged: ${describeUnacknowledged(counted.deliveries)})`,
				);
				expect(
					counted.statuses.success === BURST && counted.executions.length === BURST,
					describeCount(counted),
				);
				expect(
					counted.twice.length === 0 && counted.missing.length === 0,
					`${counted.twice.length} twice, ${counted.missing.length} missing`,
				);
				return describeCount(counted);
			},
		);
	} finally {
		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
	}
	void webhookUrl;
}

/** Rows of one query on the SQLite database of a single-process n8n, read with n8n's own sqlite3 module. */
async function sqliteRows(runtime, dbFile, sql) {
	const script =
		"const sqlite3 = require('sqlite3'); const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);" +
		'db.all(process.argv[2], (error, rows) => { if (error) { console.error(error.message); process.exit(1); } process.stdout.write(JSON.stringify(rows)); db.close(); });';
	const { stdout } = await run(runtime.node.node, ['-e', script, dbFile, sql], {
		cwd: path.join(RUNTIME_DIR, 'n8n'),
		env: runtime.env(),
	});
	return JSON.parse(stdout);
}

/** The same burst through a single n8n process (SQLite, as `npm start` runs it), counted from its execution records. */
async function singleProcessBurst(runtime, simulators, figures, teardown) {
	await installPack(runtime, SINGLE_USER_FOLDER, LOG.setup);
	const env = n8nEnv(runtime, {
		userFolder: SINGLE_USER_FOLDER,
		port: PORTS.single,
		brokerPort: PORTS.singleBroker,
	});
	await importSimulatorSetup(runtime, env, {
		simulatorUrls: { oii: simulators.urls.oii },
		workflows: [exampleWorkflows().find((w) => w.id === TRIGGER_WORKFLOW_ID)],
		workDir: WORK_DIR,
		workflowsDir: path.join(WORK_DIR, 'single-workflows'),
		logFile: LOG.cli,
	});
	const server = await startN8n(runtime, env, {
		port: PORTS.single,
		logFile: LOG.single,
		teardown,
		name: 'single-process n8n',
	});
	const { client: rest } = await ensureOwner(`http://127.0.0.1:${PORTS.single}`);
	const oiiUrl = simulators.urls.oii;
	await triggers.activate(rest, TRIGGER_WORKFLOW_ID);
	try {
		const dbFile = path.join(SINGLE_USER_FOLDER, '.n8n', 'database.sqlite');
		const successes = async () => {
			const [row] = await sqliteRows(
				runtime,
				dbFile,
				`select count(*) as count, max(stoppedAt) as stoppedAt from execution_entity where workflowId = '${TRIGGER_WORKFLOW_ID}' and status = 'success'`,
			);
			return { count: row.count, stoppedAt: row.stoppedAt };
		};
		const run = await runBurst({
			oiiUrl,
			count: BURST,
			countFinished: async () => (await successes()).count,
			processes: [{ role: 'n8n', pid: server.child.pid }],
			settleMs: 30000,
		});
		const { count, stoppedAt } = await successes();
		const deliveries = await burstDeliveries(oiiUrl, run.burst);
		// SQLite keeps UTC times as 'YYYY-MM-DD HH:MM:SS.mmm'
		const done =
			(new Date(`${String(stoppedAt).replace(' ', 'T')}Z`).getTime() - run.started) / 1000;
		figures.push({
			setup: 'single n8n process (as npm start)',
			count: BURST,
			answered: (run.answeredAt - run.started) / 1000,
			done,
			cpu: run.cpu,
		});
		// a figure, not a check: what one process on SQLite makes of the same burst
		const statuses = await sqliteRows(
			runtime,
			dbFile,
			`select status, count(*) as n from execution_entity where workflowId = '${TRIGGER_WORKFLOW_ID}' group by status`,
		);
		const acknowledged = deliveries.filter((d) => d.acknowledged).length;
		figures.single = {
			acknowledged,
			count,
			statuses: statuses.map((r) => `${r.n} ${r.status}`).join(', '),
		};
		say(
			`  note  single n8n process: ${acknowledged} of ${BURST} events acknowledged (not acknowledged: ${describeUnacknowledged(deliveries)}); executions by status: ${figures.single.statuses}`,
		);
	} finally {
		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
		await stopChild(server.child, 20000);
	}
}

module.exports = { checkBursts, singleProcessBurst };
