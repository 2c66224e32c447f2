'use strict';
/**
 * `npm run start:queue`: what `npm start` gives (the pack in a real n8n with every simulator, one
 * credential per system and the example workflows), in n8n's queue mode:
 *
 *   Postgres   127.0.0.1:5432 + N8N_QUEUE_PORT_OFFSET (database)        Debian package postgresql
 *   Redis      127.0.0.1:6379 + offset (Bull queue)                      Debian package redis-server
 *   main       http://127.0.0.1:5678: editor, REST API, activation of triggers
 *   webhook    http://127.0.0.1:5690: production webhooks (WEBHOOK_URL points here; main serves none)
 *   workers    2 × `n8n worker --concurrency=5`: every execution, manual ones included
 *
 * The packages are installed with apt-get when missing and running as root; otherwise the script
 * says what to install and stops. The pack is installed once into the n8n user folder all four n8n
 * processes read. Data (user folder, Postgres cluster, Redis files, logs) lives in
 * <N8N_USER_FOLDERS_DIR, default ~/.n8n-nodes-contact-center>/queue, apart from `npm start`'s; when
 * running as root the Postgres cluster goes to /var/lib/postgresql/n8n-nodes-contact-center-queue
 * if the postgres user cannot reach that folder. Ctrl-C stops everything it started.
 *
 * Environment: N8N_QUEUE_WORKERS (default 2), N8N_QUEUE_CONCURRENCY (default 5).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const {
	OWNER,
	buildAndProvision,
	ensureOwner,
	exampleWorkflows,
	importSimulatorSetup,
	installPack,
	userFoldersDir,
} = require('./lib/n8n');
const queue = require('./lib/queue');
const { QueueTopology, startServices } = require('./lib/queueTopology');
const { saySimulators, startSimulators } = require('./lib/simulators');
const { SYSTEMS } = require('./lib/systems');
const { Teardown } = require('./lib/teardown');
const { assertPortsFree, elapsed, say, stopChild } = require('./lib/util');
const { N8N_VERSION, PACKAGE_NAME } = require('./n8n-env');

const WORKERS = Number(process.env.N8N_QUEUE_WORKERS || 2);
const CONCURRENCY = Number(process.env.N8N_QUEUE_CONCURRENCY || 5);
const PORTS = {
	main: 5678,
	mainBroker: 5679,
	webhook: 5690,
	webhookBroker: 5691,
	worker: (i) => ({ broker: 5681 + 2 * i, health: 5682 + 2 * i }),
	postgres: 5432,
	redis: 6379,
};
const DATA_DIR = path.join(userFoldersDir(), 'queue');
const USER_FOLDER = path.join(DATA_DIR, 'user');
const LOG_DIR = path.join(DATA_DIR, 'logs');
const KEY_FILE = path.join(DATA_DIR, 'encryption-key');

const teardown = new Teardown();

async function stopEverything(code, reason) {
	if (teardown.done) return;
	if (reason) say(`\n${reason}`);
	say('Stopping the workers, the webhook process, main, Redis, Postgres and the simulators…');
	await teardown.run();
	say('Stopped.');
	process.exit(code);
}

/** The one encryption key every n8n process of this instance shares, kept between runs. */
function encryptionKey() {
	if (fs.existsSync(KEY_FILE)) return fs.readFileSync(KEY_FILE, 'utf8').trim();
	const key = crypto.randomBytes(24).toString('base64url');
	fs.writeFileSync(KEY_FILE, `${key}\n`, { mode: 0o600 });
	return key;
}

function watch(state, what, logFile) {
	state.child.on(
		'exit',
		(code, signal) => void stopEverything(1, `${what} stopped (${code ?? signal}); see ${logFile}`),
	);
}

async function main() {
	const started = Date.now();
	process.on('SIGINT', () => void stopEverything(0, 'Ctrl-C'));
	process.on('SIGTERM', () => void stopEverything(0, 'SIGTERM'));

	const workerPorts = Array.from({ length: WORKERS }, (_, i) => PORTS.worker(i));
	const simulatorPorts = Object.fromEntries(SYSTEMS.map((s) => [s.key, s.port]));
	await assertPortsFree(
		[
			PORTS.main,
			PORTS.mainBroker,
			PORTS.webhook,
			PORTS.webhookBroker,
			...workerPorts.flatMap((w) => [w.broker, w.health]),
			PORTS.postgres,
			PORTS.redis,
			...Object.values(simulatorPorts),
		],
		'npm run start:queue',
	);
	fs.mkdirSync(LOG_DIR, { recursive: true });
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const setupLog = path.join(LOG_DIR, 'setup.log');
	const log = (name) => path.join(LOG_DIR, `${name}.log`);

	const packages = await queue.ensureQueuePackages(setupLog);
	const runtime = await buildAndProvision(setupLog);
	await installPack(runtime, USER_FOLDER, setupLog);

	const pgData = queue.postgresDataDir(
		path.join(DATA_DIR, 'postgres'),
		'n8n-nodes-contact-center-queue',
	);
	const { postgres, redis } = await startServices({
		packages,
		postgresDir: pgData,
		redisDir: path.join(DATA_DIR, 'redis'),
		ports: PORTS,
		logDir: LOG_DIR,
		teardown,
	});
	watch(postgres.state, 'Postgres', log('postgres'));
	watch(redis.state, 'Redis', log('redis'));
	say(
		`queue: Postgres on 127.0.0.1:${PORTS.postgres} (data ${pgData}), Redis on 127.0.0.1:${PORTS.redis}`,
	);

	const simulators = await startSimulators(simulatorPorts, log('simulators'));
	teardown.add('simulators', () => stopChild(simulators.child));
	watch({ child: simulators.child }, 'The simulators', log('simulators'));

	const topology = new QueueTopology({
		runtime,
		userFolder: USER_FOLDER,
		postgres,
		redis,
		encryptionKey: encryptionKey(),
		ports: PORTS,
		concurrency: CONCURRENCY,
		logDir: LOG_DIR,
		teardown,
	});
	say('n8n: importing the simulator credentials and the example workflows into Postgres…');
	const workflows = exampleWorkflows();
	await importSimulatorSetup(runtime, topology.cliEnv(), {
		simulatorUrls: simulators.urls,
		workflows,
		workDir: DATA_DIR,
		workflowsDir: path.join(DATA_DIR, 'import', 'workflows'),
		logFile: setupLog,
	});

	say(
		`n8n: starting n8n ${N8N_VERSION} main on http://127.0.0.1:${PORTS.main} (log: ${log('n8n-main')})…`,
	);
	const mainProcess = await topology.startMain();
	watch(mainProcess, 'n8n main', log('n8n-main'));

	say(
		`n8n: starting the webhook process on http://127.0.0.1:${PORTS.webhook} and ${WORKERS} worker(s) (concurrency ${CONCURRENCY})…`,
	);
	const webhookReady = topology.startWebhook();
	const workersReady = workerPorts.map((ports, i) =>
		topology
			.startWorker(i, ports)
			.then((worker) => watch(worker.state, `n8n ${worker.name}`, worker.log)),
	);
	const [webhookProcess] = await Promise.all([webhookReady, ...workersReady]);
	watch(webhookProcess, 'The n8n webhook process', log('n8n-webhook'));

	const baseUrl = `http://127.0.0.1:${PORTS.main}`;
	const { created } = await ensureOwner(baseUrl);

	say('');
	say(`n8n ${N8N_VERSION} with ${PACKAGE_NAME} is ready in queue mode (${elapsed(started)}):`);
	say('');
	say(`  Editor:    ${baseUrl}/   (main: editor, REST API, trigger activation)`);
	say(
		`  Log in:    ${OWNER.email} / ${OWNER.password}${created ? ' (owner account just created)' : ''}`,
	);
	say(
		`  Webhooks:  http://127.0.0.1:${PORTS.webhook}/webhook/…   (webhook process; main serves no production webhook)`,
	);
	say(
		`  Workers:   ${WORKERS} × concurrency ${CONCURRENCY}; health on ${workerPorts.map((p) => p.health).join(', ')}; every execution runs on one`,
	);
	say(
		`  Postgres:  127.0.0.1:${PORTS.postgres} database ${postgres.database} (user ${postgres.user}, trust on loopback)`,
	);
	say(`  Redis:     127.0.0.1:${PORTS.redis}`);
	say('');
	say('  Example workflows (open one and press "Execute workflow"; a worker runs it):');
	for (const workflow of workflows) say(`    ${workflow.name}: ${baseUrl}/workflow/${workflow.id}`);
	if (
		workflows.some((w) => w.workflow.nodes.some((n) => n.type === `${PACKAGE_NAME}.sapIciTrigger`))
	) {
		say(
			'  SAP ICI Trigger: activate the workflow (OII then posts to the webhook process), then place a call on line +129:',
		);
		say(
			`    curl -X POST ${simulators.urls.oii}/__oii/calls -H 'content-type: application/json' -d '{"to":"+129","from":"+358401234567"}'`,
		);
		say(
			'    Test events ("Execute workflow" on the trigger) go to /webhook-test/ on the webhook URL, which only main serves;',
		);
		say('    with no load balancer sending /webhook-test/ to main, activate the workflow instead.');
	}
	say('');
	saySimulators(simulators.urls);
	say('');
	say(`  Data: ${DATA_DIR}`);
	say(`  Logs: ${LOG_DIR}/`);
	say('  Press Ctrl-C to stop everything.');
}

main().catch((error) => {
	process.stderr.write(`npm run start:queue failed: ${error.message}\n`);
	void stopEverything(1);
});
