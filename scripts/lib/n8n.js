'use strict';
/**
 * Running the provisioned n8n with the pack: building and provisioning, installing the built pack
 * the way n8n's Community Nodes installer does, importing credentials and workflows, starting a
 * single-process n8n, and the owner account.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { PACKAGE_NAME, ROOT, npm, npmCli, provision } = require('../n8n-env');
const { SYSTEMS } = require('./systems');
const {
	elapsed,
	readJson,
	run,
	say,
	startLogged,
	stopChild,
	waitFor,
	writeJson,
} = require('./util');

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The owner account created on a fresh instance (n8n wants 8+ characters, a digit and a capital). */
const OWNER = {
	email: 'owner@contact-center.test',
	password: 'ContactCenter1',
	firstName: 'Contact',
	lastName: 'Center',
};

/**
 * Where `npm start` keeps its n8n user folder: outside the repository (default
 * ~/.n8n-nodes-contact-center, or N8N_USER_FOLDERS_DIR), because a community package finds
 * n8n-workflow through n8n itself only when no node_modules above its folder has one, which the
 * repository's own node_modules would.
 */
function userFoldersDir() {
	return path.resolve(
		process.env.N8N_USER_FOLDERS_DIR || path.join(os.homedir(), '.n8n-nodes-contact-center'),
	);
}

/** Throws when the installed pack would resolve n8n-workflow from somewhere other than n8n itself. */
function assertResolvesN8nWorkflowFromN8n(packageDir) {
	let found;
	try {
		found = require.resolve('n8n-workflow', { paths: [packageDir] });
	} catch {
		return;
	}
	throw new Error(
		`the installed pack would load n8n-workflow from ${found} instead of n8n's own copy; use an n8n user folder outside any folder whose node_modules has n8n-workflow`,
	);
}

/** Runs `npm run build` in the repository (tsc + icons into dist/). */
async function buildPack(logFile) {
	const started = Date.now();
	say('pack: npm run build…');
	await run(process.execPath, [npmCli(), 'run', 'build'], { cwd: ROOT, logFile });
	say(`pack: built (${elapsed(started)})`);
}

/** Builds the pack and provisions n8n (downloaded on first use); resolves with the runtime. */
async function buildAndProvision(logFile) {
	await buildPack(logFile);
	return provision();
}

/**
 * Installs the built pack into `<userFolder>/.n8n/nodes` as n8n's Community Nodes installer does:
 * `npm pack`, unpack into node_modules/<package>, drop dev/peer/optional dependencies from its
 * package.json, `npm install` its production dependencies there without scripts (shallow), and
 * record it in the folder's package.json ledger.
 */
async function installPack(runtime, userFolder, logFile) {
	const started = Date.now();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(nodesDir, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	try {
		const { stdout } = await npm(
			runtime.node,
			[
				'pack',
				ROOT,
				'--pack-destination',
				packDir,
				'--ignore-scripts',
				'--json',
				'--loglevel=error',
			],
			{
				cwd: packDir,
				logFile,
			},
		);
		const [packed] = JSON.parse(stdout);
		const tarball = path.join(packDir, packed.filename);
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { logFile });
		const manifestPath = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } =
			readJson(manifestPath);
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		writeJson(manifestPath, manifest);
		await npm(
			runtime.node,
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--omit=dev',
				'--loglevel=error',
			],
			{ cwd: packageDir, logFile },
		);
		const ledgerPath = path.join(nodesDir, 'package.json');
		const ledger = fs.existsSync(ledgerPath)
			? readJson(ledgerPath)
			: { name: 'installed-nodes', private: true, dependencies: {} };
		ledger.dependencies = { ...(ledger.dependencies || {}), [PACKAGE_NAME]: manifest.version };
		writeJson(ledgerPath, ledger);
		assertResolvesN8nWorkflowFromN8n(packageDir);
		say(
			`pack: ${packed.filename} (${packed.entryCount} files) installed into ${packageDir} (${elapsed(started)})`,
		);
		return { packageDir, manifest, files: packed.files.map((f) => f.path) };
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/** Environment of every n8n process (server and CLI) of one instance. */
function n8nEnv(runtime, { userFolder, port, brokerPort, logLevel = 'info' }) {
	const base = `http://127.0.0.1:${port}/`;
	return runtime.env({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		WEBHOOK_URL: base,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		NO_COLOR: '1',
	});
}

/** Runs one n8n CLI command (import, execute, …) to completion. */
function n8nCli(runtime, env, args, options = {}) {
	return run(runtime.node.node, [runtime.n8nBin, ...args], { env, cwd: ROOT, ...options });
}

/** Writes the credentials of every system (pointing at its simulator) and imports them. */
async function importCredentials(runtime, env, simulatorUrls, workDir, logFile) {
	const credentials = [];
	for (const system of SYSTEMS) {
		const url = simulatorUrls[system.key];
		if (!url) continue;
		credentials.push(...system.credentials(url));
	}
	const file = path.join(workDir, 'credentials.json');
	writeJson(file, credentials);
	try {
		const { stdout, stderr } = await n8nCli(
			runtime,
			env,
			['import:credentials', `--input=${file}`],
			{ logFile },
		);
		const output = `${stdout}\n${stderr}`;
		if (!new RegExp(`Successfully imported ${credentials.length} credential`).test(output)) {
			throw new Error(
				`import:credentials did not import the ${credentials.length} credential(s):\n${output.trim().slice(-1500)}`,
			);
		}
	} finally {
		// plain credential data is only needed for the import
		fs.rmSync(file, { force: true });
	}
	return credentials;
}

function exampleFiles() {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(EXAMPLES_DIR, name));
}

/** The example workflows: `{ file, id, name, workflow }` each. */
function exampleWorkflows() {
	return exampleFiles().map((file) => {
		const workflow = readJson(file);
		if (!workflow.id) throw new Error(`${path.relative(ROOT, file)} has no "id"`);
		if (!Array.isArray(workflow.nodes))
			throw new Error(`${path.relative(ROOT, file)} has no "nodes"`);
		return { file, id: workflow.id, name: workflow.name, workflow };
	});
}

/**
 * Imports workflows (each keeps its id) with one `n8n import:workflow --separate` over a folder
 * holding a copy of each.
 */
async function importWorkflows(runtime, env, workflows, folder, logFile) {
	if (workflows.length === 0) return workflows;
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	for (const { id, workflow } of workflows) writeJson(path.join(folder, `${id}.json`), workflow);
	const { stdout, stderr } = await n8nCli(
		runtime,
		env,
		['import:workflow', '--separate', `--input=${folder}`],
		{ logFile },
	);
	const output = `${stdout}\n${stderr}`;
	const imported = output.match(/Successfully imported (\d+) workflow/);
	if (!imported || Number(imported[1]) !== workflows.length) {
		throw new Error(
			`import:workflow imported ${imported ? imported[1] : 'no'} of ${workflows.length} workflows:\n${output.trim().slice(-1500)}`,
		);
	}
	return workflows;
}

/**
 * What every script imports into a fresh or existing instance: one credential per system pointing
 * at its simulator (the file written to `workDir` for the import only) and `workflows` (through a
 * copy in `workflowsDir`). Resolves with the imported credentials.
 */
async function importSimulatorSetup(
	runtime,
	env,
	{ simulatorUrls, workflows, workDir, workflowsDir, logFile },
) {
	const credentials = await importCredentials(runtime, env, simulatorUrls, workDir, logFile);
	await importWorkflows(runtime, env, workflows, workflowsDir, logFile);
	return credentials;
}

/** Starts `n8n start` (detached, so that it and its task runner can be stopped as a group). */
function startN8nServer(runtime, env, logFile) {
	return startLogged(runtime.node.node, [runtime.n8nBin, 'start'], { env, logFile, cwd: ROOT });
}

async function waitForN8n(server, port, timeoutMs = 180000) {
	await waitFor(
		`n8n on port ${port}`,
		async () => {
			const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
			return response.status === 200;
		},
		{
			timeoutMs,
			intervalMs: 500,
			abort: () =>
				server.child.exitCode !== null
					? `n8n exited with code ${server.child.exitCode}:\n${server.output.trim().split('\n').slice(-30).join('\n')}`
					: undefined,
		},
	);
}

/**
 * Starts a single-process n8n on `port`, registers it with `teardown` as `name`, and resolves with
 * `{ child, output }` once it answers its readiness check.
 */
async function startN8n(runtime, env, { port, logFile, teardown, name = 'n8n' }) {
	const server = startN8nServer(runtime, env, logFile);
	teardown.add(name, () => stopChild(server.child, 20000));
	await waitForN8n(server, port);
	return server;
}

/** A cookie-keeping client of n8n's internal REST API (what the editor uses). */
class RestClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookies = new Map();
		this.browserId = 'contact-center-scripts';
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(method, route, body) {
		const headers = { accept: 'application/json', 'browser-id': this.browserId };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookies.size) headers.cookie = this.cookieHeader();
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const index = pair.indexOf('=');
			if (index > 0) this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
		}
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	async ok(method, route, body) {
		const result = await this.request(method, route, body);
		if (result.status >= 400)
			throw new Error(`${method} ${route} answered ${result.status}: ${result.text.slice(0, 300)}`);
		return result.json && 'data' in result.json ? result.json.data : result.json;
	}
}

/**
 * Creates the owner on a fresh instance (`POST /rest/owner/setup`), or logs in as the owner when
 * one exists. Returns a logged-in RestClient, or throws if the owner has another password.
 */
async function ensureOwner(baseUrl, owner = OWNER) {
	const client = new RestClient(baseUrl);
	const settings = await client.ok('GET', '/rest/settings');
	const setUp = settings?.userManagement?.showSetupOnFirstLoad === false;
	if (!setUp) {
		const created = await client.request('POST', '/rest/owner/setup', owner);
		if (created.status === 200) return { client, created: true };
		if (!/already setup/i.test(created.text)) {
			throw new Error(`owner setup answered ${created.status}: ${created.text.slice(0, 300)}`);
		}
	}
	const login = await client.request('POST', '/rest/login', {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	if (login.status !== 200) {
		throw new Error(
			`the owner ${owner.email} exists but logging in with the default password failed (${login.status}): ${login.text.slice(0, 200)}`,
		);
	}
	return { client, created: false };
}

module.exports = {
	EXAMPLES_DIR,
	OWNER,
	RestClient,
	buildAndProvision,
	buildPack,
	ensureOwner,
	exampleFiles,
	exampleWorkflows,
	importCredentials,
	importSimulatorSetup,
	importWorkflows,
	installPack,
	n8nCli,
	n8nEnv,
	startN8n,
	startN8nServer,
	userFoldersDir,
	waitForN8n,
};
