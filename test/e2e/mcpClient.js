'use strict';
/**
 * The MCP client side of the e2e checks: the official MCP client connected to n8n's MCP Server
 * Trigger, tool calls that must succeed or fail (their answers checked for credential secrets,
 * object dumps and stacks), and the simulators' state read through their control APIs (with the
 * scripts' control client).
 */
const path = require('node:path');

const { expect, short } = require('../../scripts/lib/checks');
const { resetSimulators, simulatorControl } = require('../../scripts/lib/simulators');
const { sleep } = require('../../scripts/lib/util');

const ROOT = path.resolve(__dirname, '..', '..');

/** Credential secrets of the simulators: none may appear in a tool's answer. */
function secrets() {
	const sim = require(path.join(ROOT, 'dist', 'simulators', 'index.js'));
	return [sim.AKIXI_SIM_PASSWORD, sim.AKIXI_SIM_API_KEY, sim.JTEL_SIM_TOKEN].filter(Boolean);
}

/** What a simulator holds, read through its control API. */
const state = (url) => simulatorControl(url, 'GET', 'state');

function loadSdk() {
	try {
		const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
		const {
			StreamableHTTPClientTransport,
		} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
		return { Client, StreamableHTTPClientTransport };
	} catch {
		throw new Error(
			'@modelcontextprotocol/sdk is not installed: run npm ci (it is a devDependency of the pack)',
		);
	}
}

async function connect(url) {
	const { Client, StreamableHTTPClientTransport } = loadSdk();
	const client = new Client({ name: 'n8n-nodes-contact-center-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url)));
	return client;
}

/** The text of a tool result (n8n answers with one text part). */
function resultText(result) {
	const parts = (result.content || []).filter((c) => c.type === 'text');
	expect(parts.length === 1, `expected one text part, got ${short(result.content)}`);
	return parts[0].text;
}

/** A successful call: the tool's items as JSON (an array, one entry per output item). */
async function call(client, name, args, secretValues) {
	const result = await client.callTool({ name, arguments: args });
	const text = resultText(result);
	expect(!result.isError, `${name} answered a tool error: ${short(text, 400)}`);
	for (const secret of secretValues)
		expect(!text.includes(secret), `a credential secret appears in the answer of ${name}`);
	let items;
	try {
		items = JSON.parse(text);
	} catch {
		throw new Error(`${name} did not answer JSON: ${short(text)}`);
	}
	expect(Array.isArray(items) && items.length > 0, `${name} answered ${short(text)}`);
	expect(!/\n/.test(text), `${name} answered indented JSON`);
	return items;
}

/** A call that must fail: the tool error's text. */
async function callFailing(client, name, args) {
	const result = await client.callTool({ name, arguments: args });
	const text = resultText(result);
	expect(
		result.isError === true,
		`${name} with bad arguments did not answer a tool error: ${short(text, 400)}`,
	);
	expect(
		!/\[object Object\]|\n\s+at /.test(text),
		`the error text holds an object dump or a stack: ${short(text, 400)}`,
	);
	return text;
}

function one(items, what) {
	expect(items.length === 1, `expected one ${what}, got ${items.length}: ${short(items)}`);
	return items[0];
}

/** Waits for the execution that follows `before` executions of the workflow; returns it. */
async function newExecution(lifecycle, rest, workflowId, before, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await lifecycle.listExecutions(rest, workflowId);
		const done = executions.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (executions.length > before && done.length === executions.length) {
			return executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
		}
		if (Date.now() > deadline)
			throw new Error(
				`no finished execution of ${workflowId} after the call (${executions.length} in all)`,
			);
		await sleep(300);
	}
}

module.exports = { secrets, resetSimulators, state, connect, call, callFailing, one, newExecution };
