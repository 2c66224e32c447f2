'use strict';
/**
 * Small process and file helpers shared by the provisioning, start and e2e scripts.
 * Output goes through process.stdout.write so that every line is explicit and lint-clean.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

function say(line = '') {
	process.stdout.write(`${line}\n`);
}

function warn(line) {
	process.stderr.write(`${line}\n`);
}

function elapsed(startMs) {
	const seconds = (Date.now() - startMs) / 1000;
	if (seconds < 90) return `${seconds.toFixed(1)} s`;
	return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Children of run() still running: stopped by stopAllRuns() on an interrupted run. */
const running = new Set();

/**
 * Runs a command to completion, in its own process group (so that whatever it starts can be
 * stopped with it). Output is captured (and appended to `logFile` when given);
 * on a non-zero exit the error carries the last lines of output.
 */
function run(command, args, options = {}) {
	const { cwd, env, logFile, echo = false, timeoutMs = 0, input, uid, gid } = options;
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: env ?? process.env,
			detached: true,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			...(uid === undefined ? {} : { uid, gid }),
		});
		running.add(child);
		const chunks = [];
		const stderrChunks = [];
		const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
		if (log) log.write(`\n$ ${command} ${args.join(' ')}\n`);
		child.stdout.on('data', (chunk) => {
			chunks.push(chunk);
			if (log) log.write(chunk);
			if (echo) process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderrChunks.push(chunk);
			if (log) log.write(chunk);
			if (echo) process.stderr.write(chunk);
		});
		if (input !== undefined) child.stdin.end(input);
		let timer;
		if (timeoutMs > 0) {
			timer = setTimeout(() => {
				killTree(child, 'SIGKILL');
			}, timeoutMs);
		}
		child.on('error', (error) => {
			running.delete(child);
			if (timer) clearTimeout(timer);
			if (log) log.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			running.delete(child);
			// nothing the command started may outlive it
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// the group is already empty
			}
			if (timer) clearTimeout(timer);
			if (log) log.end();
			const stdout = Buffer.concat(chunks).toString('utf8');
			const stderr = Buffer.concat(stderrChunks).toString('utf8');
			if (code === 0) {
				resolve({ stdout, stderr, code });
				return;
			}
			const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
			const reason = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
			const error = new Error(
				`${path.basename(command)} ${args.slice(0, 3).join(' ')} ${reason}\n${tail}`,
			);
			error.stdout = stdout;
			error.stderr = stderr;
			error.code = code;
			reject(error);
		});
	});
}

/** Sends a signal to a child started with `detached: true` and to everything it started. */
function killTree(child, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/**
 * Stops a detached child (`signal`, default SIGTERM, then SIGKILL after `graceMs`) and resolves
 * once it has exited.
 */
function stopChild(child, graceMs = 10000, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			// the process group may still hold grandchildren: make sure they go too
			killTree(child, 'SIGKILL');
			resolve();
		});
		killTree(child, signal);
	});
}

/**
 * Starts a long-running process detached (its own group, so that it and whatever it starts can be
 * stopped together), its output appended to `logFile` and kept (the first 200,000 characters) in
 * the returned `{ child, output }`.
 */
function startLogged(command, args, { env, logFile, uid, gid, cwd }) {
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const child = spawn(command, args, {
		cwd,
		env: env ?? process.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...(uid === undefined ? {} : { uid, gid }),
	});
	const state = { child, output: '' };
	const collect = (chunk) => {
		if (state.output.length < 200000) state.output += chunk;
		log.write(chunk);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	child.on('exit', () => log.end());
	return state;
}

/** Why a process of startLogged() is gone, with the last lines of its output; undefined while it runs. */
function exitedReason(state, what) {
	const { child } = state;
	if (child.exitCode === null && child.signalCode === null) return undefined;
	return `${what} exited (${child.exitCode ?? child.signalCode}):\n${state.output.trim().split('\n').slice(-15).join('\n')}`;
}

/** Stops every command started by run() that is still running. */
async function stopAllRuns() {
	await Promise.all([...running].map((child) => stopChild(child, 5000)));
}

function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

async function assertPortsFree(ports, what) {
	const busy = [];
	for (const port of ports) {
		if (!(await isPortFree(port))) busy.push(port);
	}
	if (busy.length > 0) {
		throw new Error(
			`${what}: port(s) ${busy.join(', ')} on 127.0.0.1 already in use; stop what uses them or choose other ports`,
		);
	}
}

async function waitFor(what, probe, { timeoutMs = 120000, intervalMs = 500, abort } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (abort) {
			const reason = abort();
			if (reason) throw new Error(`${what}: ${reason}`);
		}
		try {
			const value = await probe();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(intervalMs);
	}
	const detail = lastError ? ` (last error: ${lastError.message})` : '';
	throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s${detail}`);
}

/** Waits until `url` (a readiness endpoint) answers 200, or the process of startLogged() exits. */
async function waitReady(state, what, url, timeoutMs = 240000) {
	await waitFor(what, async () => (await fetch(url)).status === 200, {
		timeoutMs,
		intervalMs: 500,
		abort: () => exitedReason(state, what),
	});
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

module.exports = {
	assertPortsFree,
	elapsed,
	exitedReason,
	isPortFree,
	killTree,
	readJson,
	run,
	say,
	sleep,
	startLogged,
	stopAllRuns,
	stopChild,
	waitFor,
	waitReady,
	warn,
	writeJson,
};
