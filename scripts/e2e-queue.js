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
const path = require('node:path');

const { Checks, expect } = require('./lib/checks');
const { checkBursts, singleProcessBurst } = require('./lib/e2eQueueBursts');
const {
	akixiSessionWorkflow,
	checkAkixiSessions,
	checkExamples,
	checkTrigger,
	noteAkixiRelogins,
} = require('./lib/e2eQueueChecks');
const { printFigures } = require('./lib/e2eQueueFigures');
const {
	BURST,
	DATA_DIR,
	LOG,
	PORTS,
	SIMULATOR_PORTS,
	USER_FOLDER,
	WORKER_CONCURRENCY,
	WORK_DIR,
} = require('./lib/e2eQueueSettings');
const {
	buildAndProvision,
	ensureOwner,
	exampleWorkflows,
	importSimulatorSetup,
	installPack,
} = require('./lib/n8n');
const { packTypes } = require('./lib/pack');
const queue = require('./lib/queue');
const { QueueTopology, startServices } = require('./lib/queueTopology');
const {
	resetSimulators,
	simulatorControl,
	simulatorList,
	startSimulators,
} = require('./lib/simulators');
const { Teardown } = require('./lib/teardown');
const { assertPortsFree, say, stopChild } = require('./lib/util');
const { ROOT, RUNTIME_DIR } = require('./n8n-env');

const teardown = new Teardown('e2e-queue');

function removeDataDir() {
	if (process.env.E2E_KEEP !== '1') fs.rmSync(DATA_DIR, { recursive: true, force: true });
}

async function main() {
	const started = Date.now();
	const checks = new Checks('e2e-queue');
	teardown.stopOnSignals(removeDataDir);
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
		const runtime = await buildAndProvision(LOG.setup);
		checks.phase('packages+build+provision', since);

		since = Date.now();
		await installPack(runtime, USER_FOLDER, LOG.setup);
		const { postgres, redis } = await startServices({
			packages,
			postgresDir: path.join(DATA_DIR, 'postgres'),
			redisDir: path.join(DATA_DIR, 'redis'),
			ports: PORTS,
			logDir: WORK_DIR,
			teardown,
		});
		say(`e2e-queue: Postgres on 127.0.0.1:${PORTS.postgres}, Redis on 127.0.0.1:${PORTS.redis}`);

		const simulators = await startSimulators(SIMULATOR_PORTS, LOG.simulators);
		teardown.add('simulators', () => stopChild(simulators.child));
		say(`e2e-queue: simulators up: ${simulatorList(simulators.urls)}`);

		const topology = new QueueTopology({
			runtime,
			userFolder: USER_FOLDER,
			postgres,
			redis,
			encryptionKey: crypto.randomBytes(24).toString('base64url'),
			ports: PORTS,
			concurrency: WORKER_CONCURRENCY,
			// a killed worker's jobs are found stalled within seconds rather than a minute
			workerEnv: {
				QUEUE_WORKER_LOCK_DURATION: '15000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
			logDir: WORK_DIR,
			cwd: ROOT,
			teardown,
		});
		const workflows = exampleWorkflows();
		const akixiWorkflow = akixiSessionWorkflow(workflows);
		await importSimulatorSetup(runtime, topology.cliEnv(), {
			simulatorUrls: simulators.urls,
			workflows: [
				...workflows,
				{
					id: akixiWorkflow.id,
					name: akixiWorkflow.name,
					file: 'akixi-session.json',
					workflow: akixiWorkflow,
				},
			],
			workDir: WORK_DIR,
			workflowsDir: path.join(WORK_DIR, 'workflows'),
			logFile: LOG.cli,
		});
		checks.phase('install+postgres+redis+import', since);

		since = Date.now();
		say(
			`e2e-queue: n8n main on http://127.0.0.1:${PORTS.main}, webhook process on :${PORTS.webhook}, 2 workers (concurrency ${WORKER_CONCURRENCY})`,
		);
		await topology.startMain();
		await Promise.all([
			topology.startWebhook(),
			topology.startWorker(0, PORTS.workers[0]),
			topology.startWorker(1, PORTS.workers[1]),
		]);
		const baseUrl = `http://127.0.0.1:${PORTS.main}`;
		const webhookUrl = `http://127.0.0.1:${PORTS.webhook}`;
		const { client: rest } = await ensureOwner(baseUrl);
		checks.phase('n8n start', since);
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
		const pack = packTypes().nodes;

		// first, while no worker holds an Akixi session yet
		await checkAkixiSessions(checks, topology, rest, parse, simulators.urls.akixi, akixiWorkflow);

		since = Date.now();
		say('e2e-queue: examples, run from main and executed by the workers');
		await checkExamples(checks, topology, rest, parse, workflows, simulators.urls, pack);
		checks.phase('examples', since);

		since = Date.now();
		await resetSimulators(simulators.urls);
		say('e2e-queue: SAP ICI Trigger across main, webhook process and workers');
		await checkTrigger(checks, topology, rest, parse, simulators.urls.oii, webhookUrl);
		await noteAkixiRelogins(topology, rest, parse, simulators.urls.akixi, akixiWorkflow);
		checks.phase('trigger+akixi', since);

		since = Date.now();
		say(`e2e-queue: bursts of ${BURST} phoneCallChanged events`);
		await simulatorControl(simulators.urls.oii, 'POST', 'reset');
		await checkBursts(checks, topology, rest, simulators.urls.oii, webhookUrl, figures);
		checks.phase('bursts', since);

		since = Date.now();
		// the queue-mode processes go, so that the single process has the machine to itself
		for (const name of ['n8n worker-1', 'n8n worker-2', 'n8n webhook process', 'n8n main']) {
			await teardown.stop(name);
		}
		await simulatorControl(simulators.urls.oii, 'POST', 'reset');
		say(
			`e2e-queue: the same burst through a single n8n process on http://127.0.0.1:${PORTS.single}`,
		);
		await singleProcessBurst(runtime, simulators, figures, teardown);
		checks.phase('single process', since);
	} catch (error) {
		checks.fail('e2e-queue run', error?.stack || String(error));
	} finally {
		await teardown.run();
	}

	removeDataDir();
	if (figures.length) printFigures(figures);
	if (process.env.E2E_KEEP === '1') say(`e2e-queue: data kept in ${DATA_DIR}`);
	say(`e2e-queue: logs in ${path.relative(ROOT, WORK_DIR) || WORK_DIR}/`);
	checks.finish(started);
}

main();
