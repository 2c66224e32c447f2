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
	buildPack,
	ensureOwner,
	exampleWorkflows,
	importCredentials,
	importWorkflows,
	installPack,
	startSimulators,
	userFoldersDir,
} = require('./lib/n8n');
const queue = require('./lib/queue');
const { SYSTEMS } = require('./lib/systems');
const { assertPortsFree, elapsed, say, stopAllRuns, stopChild } = require('./lib/util');
const { N8N_VERSION, PACKAGE_NAME, provision } = require('./n8n-env');

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

const running = [];
let stopping = false;

async function stopEverything(code, reason) {
	if (stopping) return;
	stopping = true;
	if (reason) say(`\n${reason}`);
	say('Stopping the workers, the webhook process, main, Redis, Postgres and the simulators…');
	for (const { name, stop } of running.reverse()) {
		try {
			await stop();
		} catch (error) {
			process.stderr.write(`stopping ${name} failed: ${error.message}\n`);
		}
	}
	await stopAllRuns();
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
	await buildPack(setupLog);
	const runtime = await provision();
	await installPack(runtime, USER_FOLDER, setupLog);

	const pgData = queue.postgresDataDir(
		path.join(DATA_DIR, 'postgres'),
		'n8n-nodes-contact-center-queue',
	);
	const postgres = await queue.startPostgres({
		pgBin: packages.pgBin,
		dataDir: pgData,
		port: PORTS.postgres,
		logFile: log('postgres'),
	});
	running.push({ name: 'postgres', stop: postgres.stop });
	watch(postgres.state, 'Postgres', log('postgres'));
	const redis = await queue.startRedis({
		redis: packages.redis,
		dir: path.join(DATA_DIR, 'redis'),
		port: PORTS.redis,
		logFile: log('redis'),
	});
	running.push({ name: 'redis', stop: redis.stop });
	watch(redis.state, 'Redis', log('redis'));
	say(
		`queue: Postgres on 127.0.0.1:${PORTS.postgres} (data ${pgData}), Redis on 127.0.0.1:${PORTS.redis}`,
	);

	const simulators = await startSimulators(simulatorPorts, log('simulators'));
	running.push({ name: 'simulators', stop: () => stopChild(simulators.child) });
	watch({ child: simulators.child }, 'The simulators', log('simulators'));

	const key = encryptionKey();
	const envOf = (role, name, ports) =>
		queue.queueEnv(runtime, {
			userFolder: USER_FOLDER,
			role,
			name,
			ports,
			postgres,
			redis,
			encryptionKey: key,
		});
	const mainPorts = { main: PORTS.main, webhook: PORTS.webhook, broker: PORTS.mainBroker };
	say('n8n: importing the simulator credentials and the example workflows into Postgres…');
	const cliEnv = envOf('main', 'cli', mainPorts);
	await importCredentials(runtime, cliEnv, simulators.urls, DATA_DIR, setupLog);
	const workflows = exampleWorkflows();
	await importWorkflows(
		runtime,
		cliEnv,
		workflows,
		path.join(DATA_DIR, 'import', 'workflows'),
		setupLog,
	);

	say(
		`n8n: starting n8n ${N8N_VERSION} main on http://127.0.0.1:${PORTS.main} (log: ${log('n8n-main')})…`,
	);
	const mainProcess = queue.startN8nProcess(
		runtime,
		envOf('main', 'main', mainPorts),
		['start'],
		log('n8n-main'),
	);
	running.push({ name: 'n8n main', stop: () => stopChild(mainProcess.child, 30000) });
	await queue.waitReady(
		mainProcess,
		'n8n main',
		`http://127.0.0.1:${PORTS.main}/healthz/readiness`,
	);
	watch(mainProcess, 'n8n main', log('n8n-main'));

	say(
		`n8n: starting the webhook process on http://127.0.0.1:${PORTS.webhook} and ${WORKERS} worker(s) (concurrency ${CONCURRENCY})…`,
	);
	const webhookProcess = queue.startN8nProcess(
		runtime,
		envOf('webhook', 'webhook', { ...mainPorts, broker: PORTS.webhookBroker }),
		['webhook'],
		log('n8n-webhook'),
	);
	running.push({ name: 'n8n webhook process', stop: () => stopChild(webhookProcess.child, 30000) });
	const ready = [
		queue.waitReady(
			webhookProcess,
			'n8n webhook process',
			`http://127.0.0.1:${PORTS.webhook}/healthz/readiness`,
		),
	];
	workerPorts.forEach((ports, i) => {
		const name = `worker-${i + 1}`;
		const worker = queue.startN8nProcess(
			runtime,
			envOf('worker', name, { ...mainPorts, broker: ports.broker, health: ports.health }),
			['worker', `--concurrency=${CONCURRENCY}`],
			log(`n8n-${name}`),
		);
		running.push({ name: `n8n ${name}`, stop: () => stopChild(worker.child, 30000) });
		ready.push(
			queue
				.waitReady(worker, `n8n ${name}`, `http://127.0.0.1:${ports.health}/healthz/readiness`)
				.then(() => watch(worker, `n8n ${name}`, log(`n8n-${name}`))),
		);
	});
	await Promise.all(ready);
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
	say('  Simulators and the credentials pointing at them:');
	for (const system of SYSTEMS) {
		const url = simulators.urls[system.key];
		const names = system.credentials(url).map((c) => `"${c.name}"`);
		say(
			`    ${system.name}: ${url}  (credential ${names.join(', ')}; control API ${url}/__sim/state)`,
		);
	}
	say('');
	say(`  Data: ${DATA_DIR}`);
	say(`  Logs: ${LOG_DIR}/`);
	say('  Press Ctrl-C to stop everything.');
}

main().catch((error) => {
	process.stderr.write(`npm run start:queue failed: ${error.message}\n`);
	void stopEverything(1);
});
