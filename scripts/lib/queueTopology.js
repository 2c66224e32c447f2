'use strict';
/**
 * Starting and stopping one queue-mode instance, as `npm run start:queue` and `npm run e2e:queue`
 * run it: Postgres and Redis, then n8n main, the webhook process and the workers, each logging to
 * `<logDir>/<name>.log` and registered with the script's Teardown.
 */
const path = require('node:path');

const queue = require('./queue');
const { sleep, stopChild, waitReady } = require('./util');

/**
 * Postgres (cluster in `postgresDir`) and Redis (files in `redisDir`) on 127.0.0.1, with the
 * binaries `ensureQueuePackages()` found. Resolves with `{ postgres, redis }`.
 */
async function startServices({ packages, postgresDir, redisDir, ports, logDir, teardown }) {
	const postgres = await queue.startPostgres({
		pgBin: packages.pgBin,
		dataDir: postgresDir,
		port: ports.postgres,
		logFile: path.join(logDir, 'postgres.log'),
	});
	teardown.add('postgres', postgres.stop);
	const redis = await queue.startRedis({
		redis: packages.redis,
		dir: redisDir,
		port: ports.redis,
		logFile: path.join(logDir, 'redis.log'),
	});
	teardown.add('redis', redis.stop);
	return { postgres, redis };
}

class QueueTopology {
	/**
	 * @param {object} options
	 * @param {object} options.runtime        the provisioned n8n
	 * @param {string} options.userFolder     the n8n user folder every process reads
	 * @param {object} options.postgres       from startServices()
	 * @param {object} options.redis          from startServices()
	 * @param {string} options.encryptionKey  shared by every process
	 * @param {{ main: number, mainBroker: number, webhook: number, webhookBroker: number }} options.ports
	 * @param {number} options.concurrency    jobs each worker runs at once
	 * @param {object} [options.workerEnv]    extra environment of the workers
	 * @param {string} options.logDir
	 * @param {string} [options.cwd]          working folder of the n8n processes
	 * @param {import('./teardown').Teardown} options.teardown
	 */
	constructor(options) {
		Object.assign(this, options);
		this.workers = [];
	}

	env(role, name, ports, extra) {
		return queue.queueEnv(this.runtime, {
			userFolder: this.userFolder,
			role,
			name,
			ports,
			postgres: this.postgres,
			redis: this.redis,
			encryptionKey: this.encryptionKey,
			extra,
		});
	}

	mainPorts() {
		return { main: this.ports.main, webhook: this.ports.webhook, broker: this.ports.mainBroker };
	}

	/** Environment of the n8n CLI (import:credentials, import:workflow) against this instance. */
	cliEnv() {
		return this.env('main', 'cli', this.mainPorts());
	}

	log(name) {
		return path.join(this.logDir, `n8n-${name}.log`);
	}

	/** Starts one n8n process, registers it with the teardown, resolves once `readinessUrl` answers. */
	startProcess(what, args, env, logFile, readinessUrl) {
		const state = queue.startN8nProcess(this.runtime, env, args, logFile, this.cwd);
		this.teardown.add(what, () => stopChild(state.child, 30000));
		return { state, ready: waitReady(state, what, readinessUrl) };
	}

	/** n8n main (`n8n start`): editor, REST API, activation of triggers. */
	async startMain() {
		const { state, ready } = this.startProcess(
			'n8n main',
			['start'],
			this.env('main', 'main', this.mainPorts()),
			this.log('main'),
			`http://127.0.0.1:${this.ports.main}/healthz/readiness`,
		);
		this.main = state;
		await ready;
		return state;
	}

	/** The webhook process (`n8n webhook`): production webhooks. */
	startWebhook() {
		const { state, ready } = this.startProcess(
			'n8n webhook process',
			['webhook'],
			this.env('webhook', 'webhook', { ...this.mainPorts(), broker: this.ports.webhookBroker }),
			this.log('webhook'),
			`http://127.0.0.1:${this.ports.webhook}/healthz/readiness`,
		);
		this.webhook = state;
		return ready.then(() => state);
	}

	/** Worker `index` (`n8n worker --concurrency=N`) on its own broker and health ports. */
	startWorker(index, ports) {
		const name = `worker-${index + 1}`;
		const log = this.log(name);
		const { state, ready } = this.startProcess(
			`n8n ${name}`,
			['worker', `--concurrency=${this.concurrency}`],
			this.env(
				'worker',
				name,
				{ ...this.mainPorts(), broker: ports.broker, health: ports.health },
				this.workerEnv,
			),
			log,
			`http://127.0.0.1:${ports.health}/healthz/readiness`,
		);
		const worker = { index, name, state, log, ports };
		this.workers[index] = worker;
		return ready.then(() => worker);
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

module.exports = { QueueTopology, startServices };
