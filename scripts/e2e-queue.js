'use strict';
/**
 * `npm run e2e:queue`: the pack in n8n's queue mode (Postgres, Redis, n8n main, one webhook
 * process, two workers, all on 127.0.0.1 and ports of their own), main's production webhooks
 * switched off, so that events can only arrive through the webhook process. Prints one check per
 * line, the burst figures, and last `e2e-queue: N passed, M failed`; exits non-zero when a check
 * failed.
 *
 *   1. Postgres and Redis (Debian packages, installed when missing and running as root), the pack
 *      installed once into the user folder all n8n processes read, the simulators, credentials and
 *      example workflows imported into Postgres
 *   2. every runnable example runs on a worker (the worker's log names the execution) with the
 *      output checks of test/e2e/examples.e2e.js
 *   3. SAP ICI Trigger: activation on main, events through the webhook process and run by workers,
 *      subscriptionEnded handled in the webhook process, deactivation from main
 *   4. Akixi with username + password: one login per worker, reused by its executions
 *   5. a burst of phoneCallChanged events from the OII simulator with two workers, a worker killed
 *      (SIGKILL) in the middle of a burst, the same burst with one worker and through a
 *      single-process n8n (as `npm start` runs it), counted from n8n's execution records
 *
 * Environment: E2E_QUEUE_BURST (events per burst, default 1000), E2E_KEEP=1 keeps the run's data
 * folder (in the system's temporary folder).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { EXAMPLES } = require('../test/e2e/examples.e2e');
const triggers = require('../test/e2e/triggers.e2e');
const { Checks, expect, short } = require('./lib/checks');
const {
	buildPack,
	ensureOwner,
	exampleWorkflows,
	importCredentials,
	importWorkflows,
	installPack,
	n8nEnv,
	startN8nServer,
	startSimulators,
	waitForN8n,
} = require('./lib/n8n');
const queue = require('./lib/queue');
const { SYSTEMS } = require('./lib/systems');
const {
	assertPortsFree,
	elapsed,
	run: runCommand,
	say,
	sleep,
	stopAllRuns,
	stopChild,
} = require('./lib/util');
const { PACKAGE_NAME, ROOT, RUNTIME_DIR, provision } = require('./n8n-env');

const PORTS = {
	main: 25678,
	mainBroker: 25679,
	webhook: 25690,
	webhookBroker: 25691,
	workers: [
		{ broker: 25681, health: 25682 },
		{ broker: 25683, health: 25684 },
	],
	postgres: 25432,
	redis: 26379,
	single: 25700,
	singleBroker: 25701,
};
/** The simulators: the `npm run e2e` ports plus 20000 (38091–38094). */
const SIMULATOR_PORTS = Object.fromEntries(SYSTEMS.map((s) => [s.key, s.e2ePort + 20000]));
const WORKER_CONCURRENCY = 5;
const BURST = Number(process.env.E2E_QUEUE_BURST || 1000);
/** POSTs the OII simulator keeps under way at once during a burst. */
const BURST_DELIVERY_CONCURRENCY = 16;
const SAP_ICI_LINE = '+129';
const CALLER = '+358401234567';

const WORK_DIR = path.join(RUNTIME_DIR, 'e2e-queue');
// outside the repository: see userFoldersDir() in scripts/lib/n8n.js
const DATA_DIR = path.join(os.tmpdir(), `n8n-nodes-contact-center-e2e-queue-${process.pid}`);
const USER_FOLDER = path.join(DATA_DIR, 'user');
const SINGLE_USER_FOLDER = path.join(DATA_DIR, 'single');
const LOG = {
	setup: path.join(WORK_DIR, 'setup.log'),
	simulators: path.join(WORK_DIR, 'simulators.log'),
	cli: path.join(WORK_DIR, 'n8n-cli.log'),
	postgres: path.join(WORK_DIR, 'postgres.log'),
	redis: path.join(WORK_DIR, 'redis.log'),
	main: path.join(WORK_DIR, 'n8n-main.log'),
	webhook: path.join(WORK_DIR, 'n8n-webhook.log'),
	worker: (n) => path.join(WORK_DIR, `n8n-worker-${n}.log`),
	single: path.join(WORK_DIR, 'n8n-single.log'),
};

const TRIGGER_WORKFLOW_ID = 'ccExampleSapIciT';
const AKIXI_SESSION_WORKFLOW = 'ccQueueAkixiSess';

const teardownSteps = [];
let tornDown = false;

async function teardown() {
	if (tornDown) return;
	tornDown = true;
	for (const step of teardownSteps.reverse()) {
		try {
			await step.stop();
		} catch (error) {
			process.stderr.write(`e2e-queue: stopping ${step.name} failed: ${error.message}\n`);
		}
	}
	await stopAllRuns();
}

function removeDataDir() {
	if (process.env.E2E_KEEP !== '1') fs.rmSync(DATA_DIR, { recursive: true, force: true });
}

function onSignal(signal) {
	say(`\ne2e-queue: ${signal}: stopping everything the run started…`);
	teardown()
		.then(removeDataDir)
		.finally(() => process.exit(130));
}

function rate(count, ms) {
	return ms > 0 ? (count / (ms / 1000)).toFixed(1) : '∞';
}

/** A call to a simulator's control API: `route` below /__sim/, or a full path such as /__oii/burst. */
async function control(url, method, route, body) {
	const target = route.startsWith('/') ? route : `/__sim/${route}`;
	const response = await fetch(`${url}${target}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (response.status >= 400)
		throw new Error(`${method} ${target} answered ${response.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

/** The run data of one node in a parsed execution: status, error and output items (json). */
function nodeRun(data, nodeName) {
	const runs = data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return undefined;
	return {
		status: runs[0].executionStatus,
		error: runs[0].error,
		items: runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json)),
	};
}

class Topology {
	constructor(runtime, postgres, redis, encryptionKey) {
		this.runtime = runtime;
		this.postgres = postgres;
		this.redis = redis;
		this.encryptionKey = encryptionKey;
		this.workers = [];
	}

	env(role, name, ports, extra) {
		return queue.queueEnv(this.runtime, {
			userFolder: USER_FOLDER,
			role,
			name,
			ports,
			postgres: this.postgres,
			redis: this.redis,
			encryptionKey: this.encryptionKey,
			extra,
		});
	}

	cliEnv() {
		return this.env('main', 'cli', {
			main: PORTS.main,
			webhook: PORTS.webhook,
			broker: PORTS.mainBroker,
		});
	}

	async startMain() {
		const env = this.env('main', 'main', {
			main: PORTS.main,
			webhook: PORTS.webhook,
			broker: PORTS.mainBroker,
		});
		this.main = queue.startN8nProcess(this.runtime, env, ['start'], LOG.main, ROOT);
		teardownSteps.push({ name: 'n8n main', stop: () => stopChild(this.main.child, 30000) });
		await queue.waitReady(
			this.main,
			'n8n main',
			`http://127.0.0.1:${PORTS.main}/healthz/readiness`,
		);
	}

	startWebhook() {
		const env = this.env('webhook', 'webhook', {
			main: PORTS.main,
			webhook: PORTS.webhook,
			broker: PORTS.webhookBroker,
		});
		this.webhook = queue.startN8nProcess(this.runtime, env, ['webhook'], LOG.webhook, ROOT);
		teardownSteps.push({
			name: 'n8n webhook process',
			stop: () => stopChild(this.webhook.child, 30000),
		});
		return queue.waitReady(
			this.webhook,
			'n8n webhook process',
			`http://127.0.0.1:${PORTS.webhook}/healthz/readiness`,
		);
	}

	startWorker(index) {
		const ports = PORTS.workers[index];
		const name = `worker-${index + 1}`;
		const env = this.env(
			'worker',
			name,
			{ main: PORTS.main, webhook: PORTS.webhook, broker: ports.broker, health: ports.health },
			{
				// a killed worker's jobs are found stalled within seconds rather than a minute
				QUEUE_WORKER_LOCK_DURATION: '15000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
		);
		const state = queue.startN8nProcess(
			this.runtime,
			env,
			['worker', `--concurrency=${WORKER_CONCURRENCY}`],
			LOG.worker(index + 1),
			ROOT,
		);
		const worker = { index, name, state, log: LOG.worker(index + 1), ports };
		this.workers[index] = worker;
		teardownSteps.push({ name: `n8n ${name}`, stop: () => stopChild(state.child, 30000) });
		return queue
			.waitReady(state, `n8n ${name}`, `http://127.0.0.1:${ports.health}/healthz/readiness`)
			.then(() => worker);
	}

	/** The worker whose log names the execution, waiting a little for the log line. */
	async workerOf(executionId, timeoutMs = 10000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.workers.filter((w) =>
				queue.workerLogExecutions(w.log).started.has(String(executionId)),
			);
			if (found.length > 0 || Date.now() > deadline) return found;
			await sleep(250);
		}
	}

	/** execution id → worker name, from every worker's log. */
	executionsByWorker() {
		const byExecution = new Map();
		for (const worker of this.workers) {
			for (const id of queue.workerLogExecutions(worker.log).started) {
				byExecution.set(id, [...(byExecution.get(id) || []), worker.name]);
			}
		}
		return byExecution;
	}
}

/** Runs a workflow from its manual trigger through main's REST API; resolves with the finished execution. */
async function runManually(rest, workflow, parse, timeoutMs = 120000) {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	expect(trigger, `${workflow.name} has no manual trigger`);
	const started = await rest.ok('POST', `/rest/workflows/${workflow.id}/run`, {
		triggerToStartFrom: { name: trigger.name },
	});
	expect(started?.executionId, `n8n did not start an execution: ${short(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await rest.ok('GET', `/rest/executions/${started.executionId}`);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) {
			const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
			return { id: String(started.executionId), execution, data };
		}
		if (Date.now() > deadline)
			throw new Error(
				`execution ${started.executionId} did not finish within ${timeoutMs} ms (status ${execution?.status})`,
			);
		await sleep(300);
	}
}

async function checkExamples(checks, topology, rest, parse, workflows, simulatorUrls, pack) {
	const triggerFiles = new Set(triggers.TRIGGERS.map((t) => t.file));
	const packNodeTypes = new Set(pack.map((n) => n.type));
	for (const workflow of workflows) {
		const name = path.basename(workflow.file);
		if (triggerFiles.has(name)) continue;
		const example = EXAMPLES.find((e) => e.file === name);
		if (
			!example &&
			!workflow.workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')
		) {
			say(
				`  skip  ${name}: no manual trigger and no entry in test/e2e/examples.e2e.js (not run from main)`,
			);
			continue;
		}
		if (!example) {
			checks.fail(name, 'test/e2e/examples.e2e.js has no entry for this example');
			continue;
		}
		const simulatorUrl = simulatorUrls[example.system];
		await control(simulatorUrl, 'POST', 'reset');
		let result;
		const ran = await checks.run(`${name}: runs on a worker`, async () => {
			result = await runManually(rest, workflow.workflow, parse);
			const error = result.data?.resultData?.error;
			expect(
				result.execution.status === 'success',
				`execution ${result.id} ended ${result.execution.status}${error ? `: ${error.message}` : ''}`,
			);
			const workers = await topology.workerOf(result.id);
			expect(
				workers.length === 1,
				`execution ${result.id} is named by ${workers.length} worker logs`,
			);
			return `execution ${result.id} on ${workers[0].name} ("Worker started execution ${result.id}")`;
		});
		if (!ran && !result) continue;
		for (const node of workflow.workflow.nodes) {
			if (!packNodeTypes.has(node.type)) continue;
			const checkOutput = example.outputs[node.name];
			await checks.run(`${name} › ${node.name}`, async () => {
				expect(checkOutput, `test/e2e/examples.e2e.js has no output check for node "${node.name}"`);
				const nodeResult = nodeRun(result.data, node.name);
				expect(nodeResult, 'the node did not run');
				expect(
					nodeResult.status === 'success' && !nodeResult.error,
					`the node failed: ${short(nodeResult.error?.message ?? nodeResult.status)}`,
				);
				await checkOutput(nodeResult.items);
				return `${nodeResult.items.length} item${nodeResult.items.length === 1 ? '' : 's'}`;
			});
		}
		for (const failure of example.failures || []) {
			await checks.run(`${name}: ${failure.title}`, async () => {
				await control(simulatorUrl, 'POST', 'reset');
				await control(simulatorUrl, 'POST', failure.faultPath || 'faults', failure.fault);
				try {
					const failed = await runManually(rest, workflow.workflow, parse);
					expect(
						failed.execution.status === 'error',
						`execution ${failed.id} ended ${failed.execution.status}`,
					);
					const error = failed.data?.resultData?.error;
					expect(error, 'n8n recorded no error');
					const summary = {
						node: error.node?.name ?? failed.data.resultData.lastNodeExecuted,
						message: error.message ?? '',
						description: error.description ?? '',
					};
					await failure.check(summary);
					const workers = await topology.workerOf(failed.id);
					expect(
						workers.length === 1,
						`execution ${failed.id} is named by ${workers.length} worker logs`,
					);
					return `${workers[0].name}: ${short(summary.message, 120)}`;
				} finally {
					await control(simulatorUrl, 'DELETE', 'faults');
					await control(simulatorUrl, 'POST', 'reset');
				}
			});
		}
	}
}

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

/** Deliveries of the OII simulator in the `seq` range of a burst. */
async function burstDeliveries(oiiUrl, burst) {
	const { deliveries } = await control(oiiUrl, 'GET', '/__oii/deliveries');
	return deliveries.filter((d) => d.seq >= burst.firstSeq && d.seq <= burst.lastSeq);
}

/** Executions of the trigger workflow with an id above `afterId`, from Postgres. */
async function triggerExecutions(postgres, afterId) {
	const { stdout } = await postgres.psql(
		`select id, status, mode, coalesce(round(extract(epoch from "stoppedAt") * 1000), 0) from execution_entity where "workflowId" = '${TRIGGER_WORKFLOW_ID}' and id > ${afterId} order by id`,
	);
	return stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode, stoppedAt] = line.split('|');
			return { id, status, mode, stoppedAt: Number(stoppedAt) };
		});
}

async function lastExecutionId(postgres) {
	return Number(
		(await postgres.psql('select coalesce(max(id), 0) from execution_entity')).stdout.trim(),
	);
}

/** execution id → the burst call handles its stored run data holds. */
async function callHandlesOf(postgres, afterId, handles) {
	const { stdout } = await postgres.psql(
		`select d."executionId", d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${TRIGGER_WORKFLOW_ID}' and e.id > ${afterId}`,
	);
	const byExecution = new Map();
	for (const line of stdout.split('\n')) {
		const bar = line.indexOf('|');
		if (bar < 0) continue;
		const found = new Set(
			(line.slice(bar + 1).match(/[0-9A-F]{32}/g) || []).filter((h) => handles.has(h)),
		);
		byExecution.set(line.slice(0, bar), [...found]);
	}
	return byExecution;
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
	await control(oiiUrl, 'POST', '/__oii/delivery', { concurrency: BURST_DELIVERY_CONCURRENCY });
	const cpuBefore = processes.map((p) => cpuMs(p.pid));
	const started = Date.now();
	const burst = await control(oiiUrl, 'POST', '/__oii/burst', {
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
		const status = await control(oiiUrl, 'GET', '/__oii/delivery');
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
	await control(oiiUrl, 'POST', '/__oii/delivery', { concurrency: 1 });
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

async function checkTrigger(checks, topology, rest, parse, oiiUrl, webhookUrl) {
	const label = (name) => `SAP ICI Trigger (queue mode): ${name}`;
	const entry = triggers.TRIGGERS.find((t) => t.nodeType === 'sapIciTrigger');
	const seen = new Set();
	const ctx = {
		workflowId: TRIGGER_WORKFLOW_ID,
		simulatorUrl: oiiUrl,
		n8nUrl: webhookUrl,
		rest,
		expect,
		activate: () => triggers.activate(rest, TRIGGER_WORKFLOW_ID),
		deactivate: () => triggers.deactivate(rest, TRIGGER_WORKFLOW_ID),
		waitForExecutions: async (count, timeoutMs) => {
			const executions = await triggers.waitForExecutions(
				rest,
				TRIGGER_WORKFLOW_ID,
				count,
				timeoutMs,
			);
			for (const e of executions) seen.add(String(e.id));
			return executions;
		},
		executionItems: (executionId, nodeName) =>
			triggers.executionItems(rest, parse, executionId, nodeName),
		step: (name, fn) => checks.run(label(name), fn),
	};
	try {
		// activation on main, one subscription whose appUrl is the webhook process; events; deactivation
		try {
			await entry.steps(ctx);
		} catch (error) {
			checks.fail(label('the steps of test/e2e/triggers.e2e.js'), error?.stack || String(error));
		}
		await checks.run(label('the events ran on workers (from the worker logs)'), async () => {
			expect(seen.size >= 2, `saw ${seen.size} executions`);
			const names = [];
			for (const id of seen) {
				const workers = await topology.workerOf(id);
				expect(workers.length === 1, `execution ${id} is named by ${workers.length} worker logs`);
				names.push(`${id} on ${workers[0].name}`);
			}
			return names.join(', ');
		});

		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
		await checks.run(
			label('main serves no production webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)'),
			async () => {
				await triggers.activate(rest, TRIGGER_WORKFLOW_ID);
				const { subscriptions } = await control(oiiUrl, 'GET', '/__oii/subscriptions');
				expect(
					subscriptions.length === 1,
					`the simulator holds ${subscriptions.length} subscriptions after activation`,
				);
				const appUrl = new URL(subscriptions[0].appUrl);
				const onMain = await fetch(
					`http://127.0.0.1:${PORTS.main}${appUrl.pathname}${appUrl.search}`,
					{ method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' },
				);
				expect(
					onMain.status === 404,
					`main answered ${onMain.status} on the production webhook path`,
				);
				return `POST ${appUrl.pathname} on main: 404; the subscription names port ${appUrl.port}`;
			},
		);

		await checks.run(
			label('subscriptionEnded (shut-down) reaches the webhook process, which subscribes again'),
			async () => {
				const before = (await control(oiiUrl, 'GET', '/__oii/subscriptions')).subscriptions;
				expect(before.length === 1, `the simulator holds ${before.length} subscriptions`);
				const { events: eventsBefore } = await control(oiiUrl, 'GET', '/__oii/events');
				const lastSeq = eventsBefore.length ? eventsBefore[eventsBefore.length - 1].seq : 0;
				await control(oiiUrl, 'POST', '/__oii/subscriptions/end', { reason: 1 });
				const deadline = Date.now() + 30000;
				let subscriptions = [];
				while (Date.now() < deadline) {
					subscriptions = (await control(oiiUrl, 'GET', '/__oii/subscriptions')).subscriptions;
					if (subscriptions.length > 0) break;
					await sleep(200);
				}
				expect(
					subscriptions.length === 1,
					`the simulator holds ${subscriptions.length} subscriptions after subscriptionEnded`,
				);
				const [again] = subscriptions;
				expect(
					again.appUrl === before[0].appUrl &&
						again.appId === before[0].appId &&
						again.containerId === SAP_ICI_LINE,
					'subscribed again under another appUrl, appId or line',
				);
				const { deliveries } = await control(oiiUrl, 'GET', '/__oii/deliveries');
				const ended = deliveries.find(
					(d) => d.seq > lastSeq && d.operation === 'subscriptionEnded',
				);
				expect(
					ended && ended.acknowledged && ended.appUrl.startsWith(`${webhookUrl}/webhook/`),
					`subscriptionEnded was not acknowledged by the webhook process: ${short(ended)}`,
				);
				const webhookLog = fs.readFileSync(LOG.webhook, 'utf8');
				expect(
					!/subscribing again after subscriptionEnded failed/.test(webhookLog),
					'the webhook process logs a failed resubscription',
				);
				return `acknowledged in ${ended.durationMs} ms; ${SAP_ICI_LINE} subscribed again under the same appUrl and appId`;
			},
		);

		await checks.run(
			label('after subscribing again, a call still runs the workflow on a worker'),
			async () => {
				const lastId = await lastExecutionId(topology.postgres);
				const call = await control(oiiUrl, 'POST', '/__oii/calls', {
					to: SAP_ICI_LINE,
					from: CALLER,
				});
				const deadline = Date.now() + 30000;
				let executions = [];
				while (Date.now() < deadline) {
					executions = (await triggerExecutions(topology.postgres, lastId)).filter(
						(e) => e.status === 'success',
					);
					if (executions.length > 0) break;
					await sleep(300);
				}
				expect(executions.length === 1, `${executions.length} successful executions for the call`);
				const handles = await callHandlesOf(topology.postgres, lastId, new Set([call.callHandle]));
				expect(
					(handles.get(executions[0].id) || []).includes(call.callHandle),
					'the execution does not carry the call',
				);
				const workers = await topology.workerOf(executions[0].id);
				expect(
					workers.length === 1,
					`execution ${executions[0].id} is named by ${workers.length} worker logs`,
				);
				return `execution ${executions[0].id} (${executions[0].mode}) on ${workers[0].name}`;
			},
		);

		await checks.run(
			label('deactivation from main ends every subscription (nothing left at the simulator)'),
			async () => {
				await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID);
				const { subscriptions } = await control(oiiUrl, 'GET', '/__oii/subscriptions');
				expect(
					subscriptions.length === 0,
					`the simulator still holds ${subscriptions.length} subscription(s)`,
				);
				return 'no subscription left';
			},
		);
	} finally {
		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
	}
}

async function checkAkixiSessions(checks, topology, rest, parse, akixiUrl, workflow) {
	await checks.run(
		'Akixi (username + password): each worker logs in once and reuses its session',
		async () => {
			await control(akixiUrl, 'POST', 'reset');
			// every login opens a session (POST /session, then GET /login); the seed state holds one already
			const baseline = (await control(akixiUrl, 'GET', 'state')).sessions.length;
			const runs = await Promise.all(
				Array.from({ length: 8 }, () => runManually(rest, workflow, parse)),
			);
			// a second round, after every worker holds a session
			runs.push(
				...(await Promise.all(Array.from({ length: 4 }, () => runManually(rest, workflow, parse)))),
			);
			const perWorker = {};
			for (const run of runs) {
				expect(
					run.execution.status === 'success',
					`execution ${run.id} ended ${run.execution.status}`,
				);
				const workers = await topology.workerOf(run.id);
				expect(
					workers.length === 1,
					`execution ${run.id} is named by ${workers.length} worker logs`,
				);
				perWorker[workers[0].name] = (perWorker[workers[0].name] || 0) + 1;
			}
			const state = await control(akixiUrl, 'GET', 'state');
			const logins = state.sessions.length - baseline;
			const authenticated =
				state.sessions.filter((s) => s.status === 'authenticated').length - baseline;
			const workersUsed = Object.keys(perWorker).length;
			expect(
				logins === workersUsed && authenticated === workersUsed,
				`${logins} logins (${authenticated} authenticated sessions) at the simulator for ${runs.length} executions on ${workersUsed} worker(s)`,
			);
			return `${runs.length} executions (${Object.entries(perWorker)
				.sort()
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}), ${logins} logins`;
		},
	);
}

/**
 * Not a check: after the simulator ended every session (reset), how many logins concurrent
 * executions on the workers make to get going again.
 */
async function noteAkixiRelogins(topology, rest, parse, akixiUrl, workflow) {
	try {
		await control(akixiUrl, 'POST', 'reset');
		const baseline = (await control(akixiUrl, 'GET', 'state')).sessions.length;
		const runs = await Promise.all(
			Array.from({ length: 8 }, () => runManually(rest, workflow, parse)),
		);
		const workers = new Set();
		for (const run of runs) for (const w of await topology.workerOf(run.id)) workers.add(w.name);
		const state = await control(akixiUrl, 'GET', 'state');
		const logins = state.sessions.length - baseline;
		say(
			`  note  Akixi sessions ended at the server (simulator reset): 8 concurrent executions on ${workers.size} worker(s) logged in ${logins} time(s); ${runs.filter((r) => r.execution.status === 'success').length} succeeded`,
		);
	} catch (error) {
		say(`  note  Akixi re-login after ended sessions not measured: ${error.message}`);
	}
}

/** Executions the webhook process recorded as failed because their job stalled (its worker died). */
function stalledExecutions(afterId) {
	const ids = new Set();
	for (const match of fs
		.readFileSync(LOG.webhook, 'utf8')
		.matchAll(/job stalled more than maxStalledCount \(execution (\d+)\)/g)) {
		if (Number(match[1]) > afterId) ids.add(match[1]);
	}
	return ids;
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
		await control(oiiUrl, 'GET', '/__oii/subscriptions').then(({ subscriptions }) => {
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
	const { stdout } = await runCommand(runtime.node.node, ['-e', script, dbFile, sql], {
		cwd: path.join(RUNTIME_DIR, 'n8n'),
		env: runtime.env(),
	});
	return JSON.parse(stdout);
}

/** The same burst through a single n8n process (SQLite, as `npm start` runs it), counted from its execution records. */
async function singleProcessBurst(runtime, simulators, figures) {
	const install = await installPack(runtime, SINGLE_USER_FOLDER, LOG.setup);
	void install;
	const env = n8nEnv(runtime, {
		userFolder: SINGLE_USER_FOLDER,
		port: PORTS.single,
		brokerPort: PORTS.singleBroker,
	});
	await importCredentials(runtime, env, { oii: simulators.urls.oii }, WORK_DIR, LOG.cli);
	const workflow = exampleWorkflows().find((w) => w.id === TRIGGER_WORKFLOW_ID);
	await importWorkflows(runtime, env, [workflow], path.join(WORK_DIR, 'single-workflows'), LOG.cli);
	const server = startN8nServer(runtime, env, LOG.single);
	teardownSteps.push({ name: 'single-process n8n', stop: () => stopChild(server.child, 20000) });
	await waitForN8n(server, PORTS.single);
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

function printFigures(figures) {
	say('');
	say(
		`e2e-queue: burst figures (${BURST} phoneCallChanged events, the OII simulator keeping ${BURST_DELIVERY_CONCURRENCY} POSTs under way; 2 cores shared by everything)`,
	);
	say(
		'  setup                                        answered    events/s answered   all executed   events/s end to end   CPU ms per event',
	);
	for (const f of figures) {
		const cpu = Object.entries(f.cpu || {})
			.map(([role, ms]) => `${role} ${ms.toFixed(1)}`)
			.join(', ');
		say(
			`  ${f.setup.padEnd(44)} ${`${f.answered.toFixed(1)} s`.padStart(8)}    ${rate(f.count, f.answered * 1000).padStart(17)}   ${`${f.done.toFixed(1)} s`.padStart(12)}   ${rate(f.count, f.done * 1000).padStart(19)}   ${cpu}`,
		);
	}
	say(
		`  load average at the end: ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
	);
	if (figures.single) {
		say(
			`  single process: ${figures.single.acknowledged} of ${BURST} acknowledged, ${figures.single.count} successful executions (${figures.single.statuses})`,
		);
	}
	if (figures.killed) {
		const k = figures.killed;
		say(
			`  killed ${k.worker} after ${k.killedAfter} executions: ${k.success} of ${BURST} events ended in a successful execution; unfinished: ${k.unfinished.join(', ') || 'none'}`,
		);
	}
	say('');
}

async function main() {
	const started = Date.now();
	const checks = new Checks('e2e-queue');
	process.once('SIGINT', () => onSignal('SIGINT'));
	process.once('SIGTERM', () => onSignal('SIGTERM'));
	const timings = [];
	const phase = (name, since) => timings.push(`${name} ${elapsed(since)}`);
	const figures = [];

	try {
		say(
			'e2e-queue: the pack in n8n queue mode (Postgres, Redis, main, webhook process, 2 workers)',
		);
		const workerPorts = PORTS.workers.flatMap((w) => [w.broker, w.health]);
		await assertPortsFree(
			[
				PORTS.main,
				PORTS.mainBroker,
				PORTS.webhook,
				PORTS.webhookBroker,
				...workerPorts,
				PORTS.postgres,
				PORTS.redis,
				PORTS.single,
				PORTS.singleBroker,
				...Object.values(SIMULATOR_PORTS),
			],
			'e2e:queue',
		);
		let since = Date.now();
		fs.rmSync(WORK_DIR, { recursive: true, force: true });
		fs.mkdirSync(WORK_DIR, { recursive: true });
		fs.mkdirSync(USER_FOLDER, { recursive: true });
		const packages = await queue.ensureQueuePackages(LOG.setup);
		await buildPack(LOG.setup);
		const runtime = await provision();
		phase('packages+build+provision', since);

		since = Date.now();
		await installPack(runtime, USER_FOLDER, LOG.setup);
		const postgres = await queue.startPostgres({
			pgBin: packages.pgBin,
			dataDir: path.join(DATA_DIR, 'postgres'),
			port: PORTS.postgres,
			logFile: LOG.postgres,
		});
		teardownSteps.push({ name: 'postgres', stop: postgres.stop });
		const redis = await queue.startRedis({
			redis: packages.redis,
			dir: path.join(DATA_DIR, 'redis'),
			port: PORTS.redis,
			logFile: LOG.redis,
		});
		teardownSteps.push({ name: 'redis', stop: redis.stop });
		say(`e2e-queue: Postgres on 127.0.0.1:${PORTS.postgres}, Redis on 127.0.0.1:${PORTS.redis}`);

		const simulators = await startSimulators(SIMULATOR_PORTS, LOG.simulators);
		teardownSteps.push({ name: 'simulators', stop: () => stopChild(simulators.child) });
		say(
			`e2e-queue: simulators up: ${Object.entries(simulators.urls)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}`,
		);

		const topology = new Topology(
			runtime,
			postgres,
			redis,
			crypto.randomBytes(24).toString('base64url'),
		);
		const cliEnv = topology.cliEnv();
		await importCredentials(runtime, cliEnv, simulators.urls, WORK_DIR, LOG.cli);
		const workflows = exampleWorkflows();
		const akixiExample = workflows.find((w) => path.basename(w.file) === 'akixi.workflow.json');
		const akixiWorkflow = {
			id: AKIXI_SESSION_WORKFLOW,
			name: 'e2e-queue: Akixi session reuse',
			nodes: akixiExample.workflow.nodes.filter(
				(n) =>
					n.type === 'n8n-nodes-base.manualTrigger' || n.name === 'List Omnichannel Integrations',
			),
			connections: {
				[akixiExample.workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name]: {
					main: [[{ node: 'List Omnichannel Integrations', type: 'main', index: 0 }]],
				},
			},
			settings: { executionOrder: 'v1' },
		};
		await importWorkflows(
			runtime,
			cliEnv,
			[
				...workflows,
				{
					id: akixiWorkflow.id,
					name: akixiWorkflow.name,
					file: 'akixi-session.json',
					workflow: akixiWorkflow,
				},
			],
			path.join(WORK_DIR, 'workflows'),
			LOG.cli,
		);
		phase('install+postgres+redis+import', since);

		since = Date.now();
		say(
			`e2e-queue: n8n main on http://127.0.0.1:${PORTS.main}, webhook process on :${PORTS.webhook}, 2 workers (concurrency ${WORKER_CONCURRENCY})`,
		);
		await topology.startMain();
		await Promise.all([topology.startWebhook(), topology.startWorker(0), topology.startWorker(1)]);
		const baseUrl = `http://127.0.0.1:${PORTS.main}`;
		const webhookUrl = `http://127.0.0.1:${PORTS.webhook}`;
		const { client: rest } = await ensureOwner(baseUrl);
		phase('n8n start', since);
		await checks.run(
			'topology: main, webhook process and both workers are ready, on one Postgres and one Redis',
			async () => {
				const settings = await rest.ok('GET', '/rest/settings');
				expect(
					settings.executionMode === 'queue',
					`main runs executions in mode ${settings.executionMode}`,
				);
				for (const worker of topology.workers) {
					const response = await fetch(`http://127.0.0.1:${worker.ports.health}/healthz/readiness`);
					expect(response.status === 200, `${worker.name} readiness ${response.status}`);
				}
				return `executionMode ${settings.executionMode}; webhook ${webhookUrl}; workers' health on ${topology.workers.map((w) => w.ports.health).join(', ')}`;
			},
		);

		const { parse } = require(path.join(RUNTIME_DIR, 'n8n', 'node_modules', 'flatted'));
		const { packTypes } = require('./lib/pack');
		const pack = packTypes().nodes;

		// first, while no worker holds an Akixi session yet
		await checkAkixiSessions(checks, topology, rest, parse, simulators.urls.akixi, akixiWorkflow);

		since = Date.now();
		say('e2e-queue: examples, run from main and executed by the workers');
		await checkExamples(checks, topology, rest, parse, workflows, simulators.urls, pack);
		phase('examples', since);

		since = Date.now();
		for (const url of Object.values(simulators.urls)) await control(url, 'POST', 'reset');
		say('e2e-queue: SAP ICI Trigger across main, webhook process and workers');
		await checkTrigger(checks, topology, rest, parse, simulators.urls.oii, webhookUrl);
		await noteAkixiRelogins(topology, rest, parse, simulators.urls.akixi, akixiWorkflow);
		phase('trigger+akixi', since);

		since = Date.now();
		say(`e2e-queue: bursts of ${BURST} phoneCallChanged events`);
		await control(simulators.urls.oii, 'POST', 'reset');
		await checkBursts(checks, topology, rest, simulators.urls.oii, webhookUrl, figures);
		phase('bursts', since);

		since = Date.now();
		// the queue-mode processes go, so that the single process has the machine to itself
		for (const name of ['n8n worker-1', 'n8n worker-2', 'n8n webhook process', 'n8n main']) {
			const step = teardownSteps.find((s) => s.name === name);
			if (step) await step.stop();
		}
		await control(simulators.urls.oii, 'POST', 'reset');
		say(
			`e2e-queue: the same burst through a single n8n process on http://127.0.0.1:${PORTS.single}`,
		);
		await singleProcessBurst(runtime, simulators, figures);
		phase('single process', since);
	} catch (error) {
		checks.fail('e2e-queue run', error?.stack || String(error));
	} finally {
		await teardown();
	}

	removeDataDir();
	if (figures.length) printFigures(figures);
	if (process.env.E2E_KEEP === '1') say(`e2e-queue: data kept in ${DATA_DIR}`);
	say(`e2e-queue: logs in ${path.relative(ROOT, WORK_DIR) || WORK_DIR}/`);
	say(`e2e-queue: took ${elapsed(started)} (${timings.join(', ')})`);
	say(checks.summary());
	process.exitCode = checks.failed === 0 && checks.passed > 0 ? 0 : 1;
}

void PACKAGE_NAME;
main();
