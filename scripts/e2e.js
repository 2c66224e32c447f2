'use strict';
/**
 * `npm run e2e`: the pack in a real n8n (the provisioned n8n 2.41.1, its own user folder and
 * ports, everything torn down at the end). Prints one check per line and, last,
 * `e2e: N passed, M failed`; exits non-zero when a check failed.
 *
 *   1. build the pack, provision n8n, install the pack as the Community Nodes installer does
 *   2. start every simulator, import one credential per system and the example workflows
 *   3. run each example with `n8n execute --id --rawOutput` and check its output, and the failing
 *      calls of test/e2e/examples.e2e.js with a fault injected into the simulator
 *   4. start n8n: node and credential types and icons load, credential tests pass, triggers go
 *      through their life cycle (test/e2e/triggers.e2e.js), the MCP server example answers the
 *      official MCP client and its tools act on the simulators (test/e2e/mcp.e2e.js), the editor works in Chromium
 *      (test/e2e/editor.e2e.js, screenshots per node), and n8n's log has no load error
 *
 * Environment: E2E_N8N_PORT (default 15678; the task broker uses the next port),
 * E2E_KEEP=1 keeps the run's n8n user folder (in the system's temporary folder) for inspection.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { EXAMPLES } = require('../test/e2e/examples.e2e');
const { runEditorChecks } = require('../test/e2e/editor.e2e');
const triggers = require('../test/e2e/triggers.e2e');
const mcp = require('../test/e2e/mcp.e2e');
const { Checks, expect, short } = require('./lib/checks');
const { checkNodeOutputs, errorSummary } = require('./lib/exampleChecks');
const {
	OWNER,
	buildAndProvision,
	ensureOwner,
	exampleWorkflows,
	importSimulatorSetup,
	installPack,
	n8nCli,
	n8nEnv,
	startN8n,
} = require('./lib/n8n');
const { packTypes } = require('./lib/pack');
const {
	resetSimulators,
	simulatorControl,
	simulatorList,
	startSimulators,
} = require('./lib/simulators');
const { SYSTEMS } = require('./lib/systems');
const { Teardown } = require('./lib/teardown');
const { assertPortsFree, readJson, say, stopChild } = require('./lib/util');
const { PACKAGE_NAME, ROOT, RUNTIME_DIR } = require('./n8n-env');

const N8N_PORT = Number(process.env.E2E_N8N_PORT || 15678);
const BROKER_PORT = N8N_PORT + 1;
const WORK_DIR = path.join(RUNTIME_DIR, 'e2e');
const SCREENSHOT_DIR = path.join(RUNTIME_DIR, 'e2e-screenshots');
// outside the repository: see userFoldersDir() in scripts/lib/n8n.js
const USER_FOLDER = path.join(os.tmpdir(), `n8n-nodes-contact-center-e2e-${process.pid}`, 'user');
const LOG = {
	setup: path.join(WORK_DIR, 'setup.log'),
	simulators: path.join(WORK_DIR, 'simulators.log'),
	cli: path.join(WORK_DIR, 'n8n-cli.log'),
	server: path.join(WORK_DIR, 'n8n-server.log'),
	browser: path.join(WORK_DIR, 'browser.log'),
};

/** Lines of n8n's log that mean the pack (or a part of it) did not load. */
const LOAD_ERROR_PATTERNS = [
	/Unrecognized node type/i,
	/Unrecognized credential type/i,
	/Skipping package/i,
	/Failed to load package/i,
	/Cannot find module/i,
	/Class could not be found/i,
	/is not a constructor/i,
	/There was an error loading/i,
];

const UNKNOWN_NODE = {
	id: 'ccE2eUnknownNode',
	nodeName: 'Node Type That Does Not Exist',
	type: 'nodeTypeThatDoesNotExist',
};

const teardown = new Teardown('e2e');

function removeUserFolder() {
	if (process.env.E2E_KEEP !== '1')
		fs.rmSync(path.dirname(USER_FOLDER), { recursive: true, force: true });
}

/** The JSON run record printed by `n8n execute` (pretty-printed, starting with a line "{"). */
function runRecord(output) {
	const lines = output.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// a nested "}" line of a multi-line string: keep looking
		}
	}
	return undefined;
}

async function execute(runtime, env, workflowId) {
	try {
		const { stdout, stderr } = await n8nCli(
			runtime,
			env,
			['execute', `--id=${workflowId}`, '--rawOutput'],
			{
				logFile: LOG.cli,
				timeoutMs: 180000,
			},
		);
		return { ok: true, record: runRecord(stdout), output: `${stdout}\n${stderr}` };
	} catch (error) {
		const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`;
		return { ok: false, record: runRecord(output), output, message: error.message };
	}
}

/** Runs one example workflow and checks each pack node's output; returns the nodes that ran cleanly. */
async function checkExample(checks, runtime, env, example, workflow, simulatorUrl, pack) {
	const label = example.file;
	const succeeded = [];
	await simulatorControl(simulatorUrl, 'POST', 'reset');
	const result = await execute(runtime, env, workflow.id);
	const ran = await checks.run(`${label}: n8n executes the workflow`, async () => {
		const error = result.record?.data?.resultData?.error;
		expect(
			result.ok && result.record,
			`n8n execute failed: ${error ? `${error.message} (${error.node?.name ?? ''})` : result.message}`,
		);
		expect(result.record.status === 'success', `execution status ${result.record.status}`);
		return `${Object.keys(result.record.data.resultData.runData).length} nodes ran`;
	});
	if (!ran && !result.record) return succeeded;

	succeeded.push(
		...(await checkNodeOutputs(checks, label, {
			workflow: workflow.workflow,
			example,
			data: result.record?.data,
			packNodeTypes: new Set(pack.nodes.map((n) => n.type)),
		})),
	);
	for (const name of Object.keys(example.outputs)) {
		if (!workflow.workflow.nodes.some((n) => n.name === name)) {
			checks.fail(`${label} › ${name}`, 'the output table names a node the workflow does not have');
		}
	}

	for (const failure of example.failures || []) {
		await checks.run(`${label}: ${failure.title}`, async () => {
			await simulatorControl(simulatorUrl, 'POST', 'reset');
			await simulatorControl(simulatorUrl, 'POST', failure.faultPath || 'faults', failure.fault);
			try {
				const failed = await execute(runtime, env, workflow.id);
				expect(!failed.ok, 'n8n execute succeeded although the simulator was told to fail');
				expect(
					failed.record?.data?.resultData?.error,
					`n8n reported no error record: ${short(failed.output.slice(-400))}`,
				);
				const summary = errorSummary(failed.record.data);
				await failure.check(summary);
				return short(summary.message, 160);
			} finally {
				await simulatorControl(simulatorUrl, 'DELETE', 'faults');
				await simulatorControl(simulatorUrl, 'POST', 'reset');
			}
		});
	}
	return succeeded;
}

async function checkTypes(checks, baseUrl, rest, pack) {
	// what the editor loads: served to a logged-in user
	const nodeTypes = (await rest.request('GET', '/types/nodes.json')).json;
	const credentialTypes = (await rest.request('GET', '/types/credentials.json')).json;
	expect(
		Array.isArray(nodeTypes) && Array.isArray(credentialTypes),
		'n8n did not serve /types/nodes.json and /types/credentials.json',
	);
	const iconOk = async (iconUrl) => {
		const urls = typeof iconUrl === 'string' ? [iconUrl] : Object.values(iconUrl || {});
		expect(urls.length > 0, 'no iconUrl');
		for (const url of urls) {
			const response = await fetch(`${baseUrl}/${url.replace(/^\//, '')}`, {
				headers: { cookie: rest.cookieHeader() },
			});
			const type = response.headers.get('content-type') || '';
			expect(
				response.status === 200 && /^image\//.test(type),
				`icon ${url} answered ${response.status} ${type}`,
			);
			const body = await response.text();
			expect(
				body.length > 0 && (!/svg/.test(type) || /<svg[\s>]/.test(body)),
				`icon ${url} is empty or not an SVG`,
			);
		}
		return urls.length;
	};
	for (const node of pack.nodes) {
		await checks.run(`n8n loads node type ${node.type}`, async () => {
			const loaded = nodeTypes.find((t) => t.name === node.type);
			expect(loaded, `${node.type} is not among n8n's ${nodeTypes.length} node types`);
			expect(loaded.displayName === node.displayName, `displayName ${loaded.displayName}`);
			const icons = await iconOk(loaded.iconUrl);
			const codexFile = path.join(ROOT, node.file.replace(/\.js$/, '.json'));
			if (fs.existsSync(codexFile)) {
				const codex = readJson(codexFile);
				expect(
					codex.node === node.type,
					`${path.relative(ROOT, codexFile)} names "${codex.node}", the node type is "${node.type}"`,
				);
				expect(
					loaded.codex &&
						JSON.stringify(loaded.codex.categories) === JSON.stringify(codex.categories),
					`n8n did not take the codex categories: ${short(loaded.codex)}`,
				);
			}
			return `${icons} icon${icons === 1 ? '' : 's'}${loaded.codex ? ', codex' : ''}`;
		});
	}
	for (const credential of pack.credentials) {
		await checks.run(`n8n loads credential type ${credential.name}`, async () => {
			const loaded = credentialTypes.find((t) => t.name === credential.name);
			expect(
				loaded,
				`${credential.name} is not among n8n's ${credentialTypes.length} credential types`,
			);
			const icons = await iconOk(loaded.iconUrl);
			const users = (loaded.supportedNodes || []).filter((n) => n.startsWith(`${PACKAGE_NAME}.`));
			expect(users.length > 0, `no node of the pack uses ${credential.name}`);
			return `${icons} icon${icons === 1 ? '' : 's'}, used by ${users.join(', ')}`;
		});
	}
	const strays = nodeTypes
		.filter((t) => t.name.startsWith(`${PACKAGE_NAME}.`) && !t.name.endsWith('Tool'))
		.filter((t) => !pack.nodes.some((n) => n.type === t.name));
	if (strays.length)
		checks.fail('n8n loads only the declared node types', strays.map((t) => t.name).join(', '));
}

async function checkCredentialTests(checks, rest, credentials) {
	for (const credential of credentials) {
		await checks.run(
			`credential "${credential.name}" (${credential.type}): n8n's Test button passes against the simulator`,
			async () => {
				const result = await rest.ok('POST', '/rest/credentials/test', {
					credentials: {
						id: credential.id,
						name: credential.name,
						type: credential.type,
						data: credential.data,
					},
				});
				expect(result && result.status === 'OK', `n8n answered ${short(result)}`);
				return result.message;
			},
		);
	}
}

function checkLogs(checks, files) {
	return checks.run('n8n logs no load error for the pack', async () => {
		const problems = [];
		for (const file of files) {
			if (!fs.existsSync(file)) continue;
			const lines = fs.readFileSync(file, 'utf8').split('\n');
			lines.forEach((line, index) => {
				if (line.includes(UNKNOWN_NODE.type)) return; // the control workflow's node, unknown on purpose
				const generic = LOAD_ERROR_PATTERNS.some((pattern) => pattern.test(line));
				const packError =
					line.includes(PACKAGE_NAME) &&
					/\b(error|failed|cannot)\b/i.test(line) &&
					!line.includes('    at ');
				if (generic || packError)
					problems.push(`${path.basename(file)}:${index + 1}: ${line.trim().slice(0, 240)}`);
			});
		}
		expect(problems.length === 0, problems.slice(0, 10).join('\n'));
		return `${files.length} logs scanned`;
	});
}

function checkInstall(checks, install, manifest) {
	return checks.run('the pack installs the way the Community Nodes installer does', async () => {
		const declared = [...(manifest.n8n?.nodes || []), ...(manifest.n8n?.credentials || [])];
		const missing = declared.filter((file) => !fs.existsSync(path.join(install.packageDir, file)));
		expect(
			missing.length === 0,
			`the tarball lacks files named in package.json "n8n": ${missing.join(', ')}`,
		);
		for (const dependency of Object.keys(manifest.dependencies || {})) {
			expect(
				fs.existsSync(path.join(install.packageDir, 'node_modules', dependency, 'package.json')),
				`production dependency ${dependency} was not installed`,
			);
		}
		for (const dependency of Object.keys(manifest.devDependencies || {})) {
			expect(
				!fs.existsSync(path.join(install.packageDir, 'node_modules', dependency)),
				`dev dependency ${dependency} was installed`,
			);
		}
		return `${install.files.length} files, dependencies: ${Object.keys(manifest.dependencies || {}).join(', ') || 'none'}`;
	});
}

function checkCoverage(checks, pack, succeededByType) {
	for (const node of pack.nodes.filter((n) => !n.isTrigger)) {
		const ran = succeededByType.get(node.type) || [];
		if (node.resources.length === 0) {
			if (ran.length) checks.pass(`coverage: ${node.displayName} ran in an example`);
			else
				checks.fail(
					`coverage: ${node.displayName}`,
					'no example workflow runs this node successfully',
				);
			continue;
		}
		for (const resource of node.resources) {
			const nodes = ran.filter(
				(n) => (n.parameters?.resource ?? node.defaultResource) === resource.value,
			);
			const operations = [...new Set(nodes.map((n) => n.parameters?.operation).filter(Boolean))];
			if (nodes.length)
				checks.pass(`coverage: ${node.displayName} › ${resource.name}`, operations.join(', '));
			else
				checks.fail(
					`coverage: ${node.displayName} › ${resource.name}`,
					'no example node of this resource ran successfully',
				);
		}
	}
}

async function checkTriggers(checks, pack, context) {
	const { parse } = require(path.join(RUNTIME_DIR, 'n8n', 'node_modules', 'flatted'));
	for (const node of pack.nodes.filter((n) => n.isTrigger)) {
		const entry = triggers.TRIGGERS.find((t) => t.nodeType === node.name);
		if (!entry) {
			checks.fail(
				`trigger ${node.displayName}: life cycle`,
				`test/e2e/triggers.e2e.js has no entry for ${node.name}`,
			);
			continue;
		}
		const workflow = context.workflows.find((w) => path.basename(w.file) === entry.file);
		if (!workflow) {
			checks.fail(`trigger ${node.displayName}: life cycle`, `examples/${entry.file} is missing`);
			continue;
		}
		const { rest } = context;
		const ctx = {
			workflowId: workflow.id,
			simulatorUrl: context.simulatorUrls[entry.system],
			n8nUrl: context.baseUrl,
			rest,
			expect,
			activate: () => triggers.activate(rest, workflow.id),
			deactivate: () => triggers.deactivate(rest, workflow.id),
			waitForExecutions: (count, timeoutMs) =>
				triggers.waitForExecutions(rest, workflow.id, count, timeoutMs),
			executionItems: (executionId, nodeName) =>
				triggers.executionItems(rest, parse, executionId, nodeName),
			step: (name, fn) => checks.run(`trigger ${node.displayName}: ${name}`, fn),
		};
		try {
			await entry.steps(ctx);
		} finally {
			await triggers.deactivate(rest, workflow.id).catch(() => undefined);
		}
	}
}

async function main() {
	const started = Date.now();
	const checks = new Checks();
	teardown.stopOnSignals(removeUserFolder);

	try {
		say('e2e: the pack in a real n8n');
		const simulatorPorts = Object.fromEntries(SYSTEMS.map((s) => [s.key, s.e2ePort]));
		await assertPortsFree([N8N_PORT, BROKER_PORT, ...Object.values(simulatorPorts)], 'e2e');
		let since = Date.now();
		fs.rmSync(WORK_DIR, { recursive: true, force: true });
		fs.mkdirSync(WORK_DIR, { recursive: true });
		fs.mkdirSync(USER_FOLDER, { recursive: true });
		fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const runtime = await buildAndProvision(LOG.setup);
		checks.phase('build+provision', since);

		since = Date.now();
		const manifest = readJson(path.join(ROOT, 'package.json'));
		const install = await installPack(runtime, USER_FOLDER, LOG.setup);
		await checkInstall(checks, install, manifest);
		const pack = packTypes();
		say(
			`e2e: the pack declares ${pack.nodes.length} node type(s) and ${pack.credentials.length} credential type(s)`,
		);

		const simulators = await startSimulators(simulatorPorts, LOG.simulators);
		teardown.add('simulators', () => stopChild(simulators.child));
		say(`e2e: simulators up: ${simulatorList(simulators.urls)}`);

		const env = n8nEnv(runtime, {
			userFolder: USER_FOLDER,
			port: N8N_PORT,
			brokerPort: BROKER_PORT,
		});
		const workflows = exampleWorkflows();
		const control = {
			id: UNKNOWN_NODE.id,
			name: 'e2e control: a node type the pack does not have',
			file: 'control.json',
			workflow: {
				id: UNKNOWN_NODE.id,
				name: 'e2e control: a node type the pack does not have',
				nodes: [
					{
						parameters: {},
						id: '0e2e0000-0000-4000-8000-000000000001',
						name: UNKNOWN_NODE.nodeName,
						type: `${PACKAGE_NAME}.${UNKNOWN_NODE.type}`,
						typeVersion: 1,
						position: [0, 0],
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			},
		};
		const credentials = await importSimulatorSetup(runtime, env, {
			simulatorUrls: simulators.urls,
			workflows: [...workflows, control],
			workDir: WORK_DIR,
			workflowsDir: path.join(WORK_DIR, 'workflows'),
			logFile: LOG.cli,
		});
		say(
			`e2e: imported ${credentials.length} credential(s) and ${workflows.length} example workflow(s)`,
		);
		checks.phase('install+import', since);

		since = Date.now();
		say('e2e: examples, executed by n8n (n8n execute --id --rawOutput)');
		const succeededByType = new Map();
		const triggerFiles = new Set([...triggers.TRIGGERS.map((t) => t.file), mcp.FILE]);
		for (const workflow of workflows) {
			const name = path.basename(workflow.file);
			if (triggerFiles.has(name)) continue; // started by events, checked with the triggers below
			const example = EXAMPLES.find((e) => e.file === name);
			if (!example) {
				checks.fail(`${name}`, 'test/e2e/examples.e2e.js has no entry for this example');
				continue;
			}
			const simulatorUrl = simulators.urls[example.system];
			if (!simulatorUrl) {
				checks.fail(`${name}`, `no simulator "${example.system}" in scripts/lib/systems.js`);
				continue;
			}
			const succeeded = await checkExample(
				checks,
				runtime,
				env,
				example,
				workflow,
				simulatorUrl,
				pack,
			);
			for (const node of succeeded)
				succeededByType.set(node.type, [...(succeededByType.get(node.type) || []), node]);
		}
		for (const example of EXAMPLES) {
			if (!workflows.some((w) => path.basename(w.file) === example.file)) {
				checks.fail(example.file, 'examples/ has no such file');
			}
		}
		checkCoverage(checks, pack, succeededByType);
		checks.phase('examples', since);

		since = Date.now();
		say(`e2e: n8n on http://127.0.0.1:${N8N_PORT}`);
		await startN8n(runtime, env, { port: N8N_PORT, logFile: LOG.server, teardown });
		const baseUrl = `http://127.0.0.1:${N8N_PORT}`;
		const { client: rest } = await ensureOwner(baseUrl);
		checks.phase('n8n start', since);

		since = Date.now();
		await checkTypes(checks, baseUrl, rest, pack);
		await checkCredentialTests(checks, rest, credentials);
		await resetSimulators(simulators.urls);
		await checkTriggers(checks, pack, { rest, baseUrl, workflows, simulatorUrls: simulators.urls });
		await mcp.runMcpChecks(checks, {
			rest,
			baseUrl,
			workflows,
			simulatorUrls: simulators.urls,
			workDir: WORK_DIR,
			lifecycle: triggers,
		});
		checks.phase('types+triggers', since);

		since = Date.now();
		say(`e2e: the editor in Chromium; screenshots in ${path.relative(ROOT, SCREENSHOT_DIR)}/`);
		await runEditorChecks({
			checks,
			baseUrl,
			owner: OWNER,
			nodeTypes: pack.nodes,
			workflows: workflows.filter((w) => path.basename(w.file) !== mcp.FILE), // an MCP server runs only when a client calls it
			control: { id: control.id, nodeName: UNKNOWN_NODE.nodeName },
			packageName: PACKAGE_NAME,
			screenshotDir: SCREENSHOT_DIR,
			workDir: WORK_DIR,
			logFile: LOG.browser,
			onBrowser: (context) => teardown.add('chromium', () => context.close()),
			beforeRun: () => resetSimulators(simulators.urls),
			duringRun: async (workflow) => {
				const entry = triggers.TRIGGERS.find((t) => t.file === path.basename(workflow.file));
				if (entry?.testEvent)
					await entry.testEvent({ simulatorUrl: simulators.urls[entry.system], n8nUrl: baseUrl });
			},
		});
		checks.phase('editor', since);

		await checkLogs(checks, [LOG.server, LOG.cli]);
	} catch (error) {
		checks.fail('e2e run', error?.stack || String(error));
	} finally {
		await teardown.run();
	}

	removeUserFolder();
	if (process.env.E2E_KEEP !== '1') {
		for (const folder of ['workflows', 'chromium-profile'])
			fs.rmSync(path.join(WORK_DIR, folder), { recursive: true, force: true });
	} else {
		say(`e2e: n8n user folder kept in ${USER_FOLDER}`);
	}
	say(
		`e2e: logs in ${path.relative(ROOT, WORK_DIR)}/, screenshots in ${path.relative(ROOT, SCREENSHOT_DIR)}/`,
	);
	checks.finish(started);
}

main();
