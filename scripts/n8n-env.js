'use strict';
/**
 * Provisions a pinned n8n for trying and testing the pack, in its own folder (default
 * `.n8n-runtime/` in the repository, override with N8N_RUNTIME_DIR) so that the pack's own
 * node_modules stay small:
 *
 *   <runtime>/node/   Node.js 24 from the npm registry (only when the system Node is older)
 *   <runtime>/n8n/    n8n N8N_VERSION, installed with --ignore-scripts and the xlsx override;
 *                     only sqlite3 is built natively (node-gyp against the Node 24 headers)
 *
 * Idempotent: a marker file records what was provisioned; later runs reuse it. Run directly
 * (`node scripts/n8n-env.js`) to provision only.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { elapsed, readJson, run, say, sleep, writeJson } = require('./lib/util');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE_NAME = readJson(path.join(ROOT, 'package.json')).name;
const RUNTIME_DIR = path.resolve(process.env.N8N_RUNTIME_DIR || path.join(ROOT, '.n8n-runtime'));
const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';
const MIN_NODE_MAJOR = 24;
/** n8n pulls xlsx from a CDN tarball; the registry release replaces it. */
const N8N_OVERRIDES = { xlsx: '0.18.5' };

function nodeMajor(version) {
	return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** The npm CLI script of the npm that runs this process (or the system one). */
function npmCli() {
	const candidates = [
		process.env.npm_execpath,
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	for (const candidate of candidates) {
		if (candidate && candidate.endsWith('npm-cli.js') && fs.existsSync(candidate)) return candidate;
	}
	throw new Error('Cannot find npm-cli.js of the installed npm');
}

function nodeGypCli() {
	const npmDir = path.resolve(path.dirname(npmCli()), '..');
	const candidate = path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (!fs.existsSync(candidate)) throw new Error(`node-gyp not found next to npm (${candidate})`);
	return candidate;
}

/** Environment for commands that must run on `node` (Node 24): its bin folder first on PATH. */
function envWithNode(node, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = `${node.binDir}${path.delimiter}${process.env.PATH || ''}`;
	// settings of an enclosing `npm run` must not leak into the runtime's own npm calls
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key)) delete env[key];
	}
	return env;
}

function npm(node, args, options) {
	return run(node.node, [npmCli(), ...args], { ...options, env: envWithNode(node, options.env) });
}

function lockPath() {
	return path.join(RUNTIME_DIR, '.provision.lock');
}

/** One provisioning at a time (npm start and npm run e2e may be started together). */
async function withLock(fn) {
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const lock = lockPath();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// being written right now
			}
			let alive = false;
			if (Number.isInteger(holder) && holder > 0) {
				try {
					process.kill(holder, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (!alive && !Number.isNaN(holder)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				say(`n8n runtime: another provisioning (pid ${holder}) is running, waiting for it…`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Node ≥ 24: the running one if it is new enough, else node-<platform>-<arch> from the npm registry. */
async function ensureNode(logFile) {
	if (nodeMajor(process.version) >= MIN_NODE_MAJOR) {
		say(`n8n runtime: using this machine's Node ${process.version}`);
		return {
			node: process.execPath,
			binDir: path.dirname(process.execPath),
			nodeDir: undefined,
			version: process.version,
		};
	}
	const platformPackage = `node-${process.platform}-${process.arch}`;
	const dir = path.join(RUNTIME_DIR, 'node');
	const packageDir = path.join(dir, 'node_modules', platformPackage);
	const binary = path.join(packageDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	const wanted = `v${NODE_VERSION}`;
	const describe = (version) => ({
		node: binary,
		binDir: path.dirname(binary),
		nodeDir: packageDir,
		version,
	});
	if (fs.existsSync(binary)) {
		const { stdout } = await run(binary, ['--version']);
		if (stdout.trim() === wanted) {
			say(`n8n runtime: Node ${wanted} already in ${path.relative(ROOT, dir) || dir}`);
			return describe(wanted);
		}
	}
	const started = Date.now();
	say(
		`n8n runtime: this machine has Node ${process.version}; n8n 2.x needs ${MIN_NODE_MAJOR}+: installing ${platformPackage}@${NODE_VERSION} from the npm registry…`,
	);
	fs.rmSync(dir, { recursive: true, force: true });
	writeJson(path.join(dir, 'package.json'), {
		name: 'n8n-runtime-node',
		private: true,
		description: 'Node.js for the provisioned n8n',
		dependencies: { [platformPackage]: NODE_VERSION },
	});
	const system = { node: process.execPath, binDir: path.dirname(process.execPath) };
	await npm(
		system,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: dir, logFile },
	);
	if (!fs.existsSync(binary))
		throw new Error(`${platformPackage}@${NODE_VERSION} has no ${binary}`);
	fs.chmodSync(binary, 0o755);
	const { stdout } = await run(binary, ['--version']);
	if (stdout.trim() !== wanted)
		throw new Error(`${binary} reports ${stdout.trim()}, expected ${wanted}`);
	say(`n8n runtime: Node ${wanted} ready (${elapsed(started)})`);
	return describe(wanted);
}

function n8nDir() {
	return path.join(RUNTIME_DIR, 'n8n');
}

function n8nBin() {
	return path.join(n8nDir(), 'node_modules', 'n8n', 'bin', 'n8n');
}

function markerFile() {
	return path.join(n8nDir(), '.provisioned.json');
}

async function sqliteLoads(node) {
	try {
		await run(node.node, ['-e', "require('sqlite3')"], { cwd: n8nDir(), env: envWithNode(node) });
		return true;
	} catch {
		return false;
	}
}

/** n8n N8N_VERSION with the overrides, no install scripts, and sqlite3 built natively. */
async function ensureN8n(node, logFile) {
	const dir = n8nDir();
	const marker = fs.existsSync(markerFile()) ? readJson(markerFile()) : undefined;
	if (
		marker &&
		marker.n8n === N8N_VERSION &&
		marker.node === node.version &&
		fs.existsSync(n8nBin()) &&
		(await sqliteLoads(node))
	) {
		say(`n8n runtime: n8n ${N8N_VERSION} already in ${path.relative(ROOT, dir) || dir}`);
		return;
	}
	const started = Date.now();
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(markerFile(), { force: true });
	writeJson(path.join(dir, 'package.json'), {
		name: 'n8n-runtime',
		private: true,
		description: `n8n ${N8N_VERSION} for trying and testing ${PACKAGE_NAME}`,
		dependencies: { n8n: N8N_VERSION },
		overrides: N8N_OVERRIDES,
	});
	say(
		`n8n runtime: installing n8n@${N8N_VERSION} (no install scripts, xlsx override); the first time takes a few minutes and about 3 GB…`,
	);
	const ticker = setInterval(
		() => say(`n8n runtime:   …still installing (${elapsed(started)})`),
		30000,
	);
	try {
		await npm(
			node,
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: dir, logFile },
		);
	} finally {
		clearInterval(ticker);
	}
	say(`n8n runtime: npm install done (${elapsed(started)})`);

	const sqliteDir = path.join(dir, 'node_modules', 'sqlite3');
	if (!fs.existsSync(sqliteDir))
		throw new Error(`n8n@${N8N_VERSION} installed without sqlite3 (${sqliteDir})`);
	const gypStarted = Date.now();
	say('n8n runtime: building sqlite3 with node-gyp (about a minute)…');
	const gypArgs = [nodeGypCli(), 'rebuild', `--jobs=${Math.max(1, os.cpus().length)}`];
	if (node.nodeDir) gypArgs.push(`--nodedir=${node.nodeDir}`);
	await run(node.node, gypArgs, { cwd: sqliteDir, env: envWithNode(node), logFile });
	if (!(await sqliteLoads(node)))
		throw new Error(
			`sqlite3 was built but does not load under Node ${node.version}; see ${logFile}`,
		);
	say(`n8n runtime: sqlite3 built (${elapsed(gypStarted)})`);
	writeJson(markerFile(), {
		n8n: N8N_VERSION,
		node: node.version,
		overrides: N8N_OVERRIDES,
		provisionedAt: new Date().toISOString(),
	});
	say(`n8n runtime: n8n ${N8N_VERSION} ready (${elapsed(started)})`);
}

/**
 * Makes sure Node ≥ 24 and n8n are provisioned. Returns what the other scripts need to run n8n:
 * `{ node, n8nBin, env(extra) }`.
 */
async function provision() {
	const started = Date.now();
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const logFile = path.join(RUNTIME_DIR, 'provision.log');
	const node = await withLock(async () => {
		const found = await ensureNode(logFile);
		await ensureN8n(found, logFile);
		return found;
	});
	say(`n8n runtime: provisioned in ${elapsed(started)} (log: ${path.relative(ROOT, logFile)})`);
	return {
		node,
		n8nBin: n8nBin(),
		env: (extra) => envWithNode(node, extra),
	};
}

module.exports = {
	N8N_VERSION,
	NODE_VERSION,
	PACKAGE_NAME,
	ROOT,
	RUNTIME_DIR,
	envWithNode,
	npm,
	npmCli,
	provision,
};

if (require.main === module) {
	provision().then(
		(runtime) => {
			say(`Node:  ${runtime.node.node} (${runtime.node.version})`);
			say(`n8n:   ${runtime.n8nBin}`);
		},
		(error) => {
			process.stderr.write(`n8n runtime: provisioning failed: ${error.message}\n`);
			process.exit(1);
		},
	);
}
