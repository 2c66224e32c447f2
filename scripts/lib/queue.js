'use strict';
/**
 * n8n in queue mode on one machine: Postgres (Debian's `postgresql`) as the database, Redis
 * (Debian's `redis-server`) as the Bull queue, one main process (editor, REST API, activation of
 * triggers), webhook processes (production webhooks) and workers (executions), all on 127.0.0.1.
 *
 * Every n8n process reads the same user folder, so the pack is installed once; each keeps its own
 * event log and task-runner broker port, and workers their own health port.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { n8nEnv } = require('./n8n');
const { exitedReason, killTree, run, say, startLogged, stopChild, waitFor } = require('./util');

const DATABASE = 'n8n';
const DB_USER = 'postgres';
/** Postgres connections per n8n process (n8n's default is 2). */
const DB_POOL_SIZE = 10;
/** The Debian packages queue mode needs, with the file that shows each is installed. */
const PACKAGES = [
	{ name: 'postgresql', installed: () => postgresBinDir() !== undefined },
	{ name: 'redis-server', installed: () => redisServer() !== undefined },
];

/** Newest /usr/lib/postgresql/<major>/bin with initdb and postgres. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = path.join(root, major, 'bin');
		if (['initdb', 'postgres', 'psql'].every((tool) => fs.existsSync(path.join(bin, tool))))
			return bin;
	}
	return undefined;
}

function redisServer() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
		if (fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Makes sure `postgresql` and `redis-server` are installed: with apt-get when missing and running
 * as root, otherwise throws with the command to run. Returns `{ pgBin, redis }`.
 */
async function ensureQueuePackages(logFile) {
	let missing = PACKAGES.filter((p) => !p.installed()).map((p) => p.name);
	if (missing.length > 0) {
		if (!isRoot()) {
			throw new Error(
				`queue mode needs the Debian package(s) ${missing.join(' and ')}. Install them, then run this again:\n  sudo apt-get install -y ${missing.join(' ')}`,
			);
		}
		const started = Date.now();
		say(`queue: installing ${missing.join(' ')} with apt-get…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const install = () =>
			run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
				env,
				logFile,
				timeoutMs: 600000,
			});
		try {
			await install();
		} catch {
			await run('apt-get', ['update'], { env, logFile, timeoutMs: 600000 });
			await install();
		}
		missing = PACKAGES.filter((p) => !p.installed()).map((p) => p.name);
		if (missing.length > 0)
			throw new Error(`apt-get did not install ${missing.join(', ')}; see ${logFile}`);
		say(`queue: installed (${Math.round((Date.now() - started) / 1000)} s)`);
	}
	return { pgBin: postgresBinDir(), redis: redisServer() };
}

/** uid and gid of the `postgres` system user (created by the postgresql package). */
function postgresUser() {
	const id = (flag) => Number(execFileSync('id', [flag, DB_USER], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * Where the Postgres cluster goes: `preferred`, unless running as root and a folder above it is
 * closed to other users (as /root is): the `postgres` user could not reach it, so the cluster
 * goes below that user's home, /var/lib/postgresql/<fallbackName>.
 */
function postgresDataDir(preferred, fallbackName) {
	if (!isRoot()) return preferred;
	for (let dir = path.dirname(path.resolve(preferred)); ; dir = path.dirname(dir)) {
		if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0)
			return path.join('/var/lib/postgresql', fallbackName);
		if (dir === path.dirname(dir)) return preferred;
	}
}

/**
 * Postgres in `dataDir` (created with initdb on first use, owned by the `postgres` user when
 * running as root, since initdb and postgres refuse root), listening on 127.0.0.1:`port` only,
 * trust authentication on loopback, with the `n8n` database. Returns `{ state, stop() }`.
 */
async function startPostgres({ pgBin, dataDir, port, logFile }) {
	const owner = isRoot() ? postgresUser() : {};
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		if (owner.uid !== undefined) fs.chownSync(dataDir, owner.uid, owner.gid);
		say(`queue: initdb ${dataDir}`);
		await run(
			path.join(pgBin, 'initdb'),
			['-D', dataDir, '-U', DB_USER, '--auth=trust', '--encoding=UTF8', '--locale=C'],
			{ logFile, cwd: dataDir, ...owner },
		);
	}
	const state = startLogged(
		path.join(pgBin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
		],
		{ logFile, cwd: dataDir, ...owner },
	);
	// fast shutdown: SIGINT ends the sessions of the n8n processes instead of waiting for them
	const stop = () => stopChild(state.child, 20000, 'SIGINT');
	const psql = (sql, database = 'postgres') =>
		run(
			path.join(pgBin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				DB_USER,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-tAc',
				sql,
			],
			{ cwd: dataDir },
		);
	try {
		await waitFor('Postgres', async () => (await psql('select 1')).stdout.trim() === '1', {
			timeoutMs: 60000,
			intervalMs: 300,
			abort: () => exitedReason(state, 'postgres'),
		});
		const exists =
			(await psql(`select 1 from pg_database where datname = '${DATABASE}'`)).stdout.trim() === '1';
		if (!exists) await psql(`create database ${DATABASE}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		state,
		stop,
		port,
		database: DATABASE,
		user: DB_USER,
		psql: (sql) => psql(sql, DATABASE),
	};
}

/** Answers true when a Redis server on 127.0.0.1:`port` answers PING. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** Redis on 127.0.0.1:`port`, working files in `dir`, nothing saved to disk. Returns `{ state, stop() }`. */
async function startRedis({ redis, dir, port, logFile }) {
	fs.mkdirSync(dir, { recursive: true });
	const state = startLogged(
		redis,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ logFile, cwd: dir },
	);
	const stop = () => stopChild(state.child, 10000);
	try {
		await waitFor('Redis', () => redisPing(port), {
			timeoutMs: 30000,
			intervalMs: 200,
			abort: () => exitedReason(state, 'redis-server'),
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return { state, stop, port };
}

/**
 * Environment of one n8n process of the queue-mode instance. `role`: 'main' | 'webhook' |
 * 'worker'; `ports`: { main, webhook, broker, health? }.
 */
function queueEnv(
	runtime,
	{ userFolder, role, name, ports, postgres, redis, encryptionKey, logLevel = 'info', extra = {} },
) {
	const env = n8nEnv(runtime, {
		userFolder,
		port: role === 'webhook' ? ports.webhook : ports.main,
		brokerPort: ports.broker,
		logLevel,
	});
	Object.assign(env, {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default pool of 2 connections starves its own health ping under concurrent webhooks:
		// the process then answers every request 503 "Database is not ready!" until a ping succeeds
		DB_POSTGRESDB_POOL_SIZE: String(DB_POOL_SIZE),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// production webhooks are served by the webhook process; the editor stays on main
		WEBHOOK_URL: `http://127.0.0.1:${ports.webhook}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
	});
	if (role === 'worker') {
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(ports.health),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	return Object.assign(env, extra);
}

/** Starts one n8n process (`start`, `webhook` or `worker --concurrency=N`) detached. */
function startN8nProcess(runtime, env, args, logFile, cwd) {
	return startLogged(runtime.node.node, [runtime.n8nBin, ...args], { env, logFile, cwd });
}

/** SIGKILL to a process started by startN8nProcess and everything it started (its task runner). */
function killNow(state) {
	killTree(state.child, 'SIGKILL');
}

/** Execution ids a worker's log says it started and finished. */
function workerLogExecutions(logFile) {
	const started = new Set();
	const finished = new Set();
	if (!fs.existsSync(logFile)) return { started, finished };
	for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
		const s = /Worker started execution (\d+)/.exec(line);
		if (s) started.add(s[1]);
		const f = /Worker finished execution (\d+)/.exec(line);
		if (f) finished.add(f[1]);
	}
	return { started, finished };
}

module.exports = {
	DATABASE,
	DB_POOL_SIZE,
	ensureQueuePackages,
	killNow,
	postgresBinDir,
	postgresDataDir,
	queueEnv,
	redisServer,
	startN8nProcess,
	startPostgres,
	startRedis,
	workerLogExecutions,
};
