'use strict';
/**
 * `npm start`: the pack in a real n8n on http://127.0.0.1:5678, with every simulator running,
 * one credential per system pointing at its simulator, and the example workflows of examples/.
 *
 *   1. build the pack, provision n8n (first run: a few minutes; later runs reuse .n8n-runtime/)
 *   2. install the built pack into the n8n user folder as the Community Nodes installer does
 *   3. start the simulators, import the credentials and the example workflows
 *   4. start n8n, create the owner account on a fresh instance, print how to log in
 *
 * Ctrl-C stops n8n and the simulators. Environment: N8N_PORT (default 5678; the task broker uses
 * the next port), N8N_USER_FOLDERS_DIR (default ~/.n8n-nodes-contact-center). The n8n user folder
 * <that>/user keeps the database between runs; the example workflows and the simulator
 * credentials are imported again at every start (same ids).
 */
const fs = require('node:fs');
const path = require('node:path');

const {
	OWNER,
	buildAndProvision,
	ensureOwner,
	exampleWorkflows,
	importSimulatorSetup,
	installPack,
	n8nEnv,
	startN8n,
	userFoldersDir,
} = require('./lib/n8n');
const { saySimulators, startSimulators } = require('./lib/simulators');
const { SYSTEMS } = require('./lib/systems');
const { Teardown } = require('./lib/teardown');
const { assertPortsFree, elapsed, say, stopChild } = require('./lib/util');
const { N8N_VERSION, PACKAGE_NAME, ROOT, RUNTIME_DIR } = require('./n8n-env');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const BROKER_PORT = N8N_PORT + 1;
const USER_FOLDER = path.join(userFoldersDir(), 'user');
const LOG_DIR = path.join(RUNTIME_DIR, 'logs');

const teardown = new Teardown();

async function stopEverything(code, reason) {
	if (teardown.done) return;
	if (reason) say(`\n${reason}`);
	say('Stopping n8n and the simulators…');
	await teardown.run();
	say('Stopped.');
	process.exit(code);
}

async function main() {
	const started = Date.now();
	process.on('SIGINT', () => void stopEverything(0, 'Ctrl-C'));
	process.on('SIGTERM', () => void stopEverything(0, 'SIGTERM'));

	const simulatorPorts = Object.fromEntries(SYSTEMS.map((s) => [s.key, s.port]));
	await assertPortsFree([N8N_PORT, BROKER_PORT, ...Object.values(simulatorPorts)], 'npm start');
	fs.mkdirSync(LOG_DIR, { recursive: true });
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const setupLog = path.join(LOG_DIR, 'setup.log');
	const serverLog = path.join(LOG_DIR, 'n8n.log');

	const runtime = await buildAndProvision(setupLog);
	await installPack(runtime, USER_FOLDER, setupLog);

	const simulators = await startSimulators(simulatorPorts, path.join(LOG_DIR, 'simulators.log'));
	teardown.add('simulators', () => stopChild(simulators.child));
	simulators.child.on(
		'exit',
		(code) =>
			void stopEverything(
				1,
				`The simulators stopped (exit code ${code}); see ${path.relative(ROOT, LOG_DIR)}/simulators.log`,
			),
	);

	const env = n8nEnv(runtime, { userFolder: USER_FOLDER, port: N8N_PORT, brokerPort: BROKER_PORT });
	say('n8n: importing the simulator credentials and the example workflows…');
	const workflows = exampleWorkflows();
	await importSimulatorSetup(runtime, env, {
		simulatorUrls: simulators.urls,
		workflows,
		workDir: RUNTIME_DIR,
		workflowsDir: path.join(RUNTIME_DIR, 'import', 'workflows'),
		logFile: setupLog,
	});

	say(
		`n8n: starting n8n ${N8N_VERSION} on http://127.0.0.1:${N8N_PORT} (log: ${path.relative(ROOT, serverLog)})…`,
	);
	const server = await startN8n(runtime, env, { port: N8N_PORT, logFile: serverLog, teardown });
	server.child.on(
		'exit',
		(code) =>
			void stopEverything(
				1,
				`n8n stopped (exit code ${code}); see ${path.relative(ROOT, serverLog)}`,
			),
	);
	const baseUrl = `http://127.0.0.1:${N8N_PORT}`;
	const { created } = await ensureOwner(baseUrl);

	say('');
	say(`n8n ${N8N_VERSION} with ${PACKAGE_NAME} is ready (${elapsed(started)}):`);
	say('');
	say(`  Editor:    ${baseUrl}/`);
	say(
		`  Log in:    ${OWNER.email} / ${OWNER.password}${created ? ' (owner account just created)' : ''}`,
	);
	say('');
	say('  Example workflows (open one and press "Execute workflow"):');
	for (const workflow of workflows) say(`    ${workflow.name}: ${baseUrl}/workflow/${workflow.id}`);
	if (
		workflows.some((w) => w.workflow.nodes.some((n) => n.type === `${PACKAGE_NAME}.sapIciTrigger`))
	) {
		say(
			'  SAP ICI Trigger: press "Execute workflow" (or activate the workflow), then place a call on line +129:',
		);
		say(
			`    curl -X POST ${simulators.urls.oii}/__oii/calls -H 'content-type: application/json' -d '{"to":"+129","from":"+358401234567"}'`,
		);
	}
	say('');
	saySimulators(simulators.urls);
	say('');
	say(`  n8n user folder: ${USER_FOLDER}`);
	say(`  Logs: ${path.relative(ROOT, LOG_DIR)}/`);
	say('  Press Ctrl-C to stop n8n and the simulators.');
}

main().catch((error) => {
	process.stderr.write(`npm start failed: ${error.message}\n`);
	void stopEverything(1);
});
