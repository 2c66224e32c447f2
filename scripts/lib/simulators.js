'use strict';
/**
 * The pack's simulators as the scripts run them: started together by dist/simulators/cli.js on the
 * ports a script chooses, driven through their control API, and listed for the reader.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../n8n-env');
const { SYSTEMS } = require('./systems');
const { say, stopChild, waitFor } = require('./util');

/**
 * Starts `node dist/simulators/cli.js` with the given port per system and resolves once every
 * simulator has printed its URL. Returns `{ child, urls: { key: url } }`.
 */
async function startSimulators(ports, logFile) {
	const cli = path.join(ROOT, 'dist', 'simulators', 'cli.js');
	if (!fs.existsSync(cli))
		throw new Error(`${path.relative(ROOT, cli)} is missing: run npm run build`);
	const env = { ...process.env, SIM_HOST: '127.0.0.1' };
	for (const system of SYSTEMS) env[system.portVariable] = String(ports[system.key]);
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const child = spawn(process.execPath, [cli], {
		cwd: ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => {
		output += chunk;
		log.write(chunk);
	});
	child.stderr.on('data', (chunk) => {
		output += chunk;
		log.write(chunk);
	});
	child.on('exit', () => log.end());
	try {
		await waitFor('simulators', () => output.includes('Press Ctrl+C to stop.'), {
			timeoutMs: 30000,
			intervalMs: 100,
			abort: () =>
				child.exitCode !== null
					? `exited with code ${child.exitCode}: ${output.trim().slice(-500)}`
					: undefined,
		});
	} catch (error) {
		await stopChild(child);
		throw error;
	}
	const urls = {};
	for (const system of SYSTEMS) {
		const escaped = system.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const match = output.match(new RegExp(`^${escaped} simulator: (\\S+)`, 'm'));
		if (!match) {
			await stopChild(child);
			throw new Error(`the simulator CLI did not start the ${system.name} simulator`);
		}
		urls[system.key] = match[1];
	}
	return { child, urls, output };
}

/** A call to a simulator's control API: `route` below /__sim/, or a full path such as /__oii/burst. */
async function simulatorControl(url, method, route, body) {
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

/** Puts every simulator back into its seed state. */
async function resetSimulators(urls) {
	for (const url of Object.values(urls)) await simulatorControl(url, 'POST', 'reset');
}

/** "akixi http://127.0.0.1:18091, jtel …": the simulators and where they listen. */
function simulatorList(urls) {
	return Object.entries(urls)
		.map(([k, v]) => `${k} ${v}`)
		.join(', ');
}

/** Prints each simulator with the credential that points at it (for `npm start` and `npm run start:queue`). */
function saySimulators(urls) {
	say('  Simulators and the credentials pointing at them:');
	for (const system of SYSTEMS) {
		const url = urls[system.key];
		const names = system.credentials(url).map((c) => `"${c.name}"`);
		say(
			`    ${system.name}: ${url}  (credential ${names.join(', ')}; control API ${url}/__sim/state)`,
		);
	}
}

module.exports = {
	resetSimulators,
	saySimulators,
	simulatorControl,
	simulatorList,
	startSimulators,
};
