'use strict';
/**
 * Trigger life cycles against the running n8n: activation registers the webhook and makes the
 * trigger subscribe at its simulator, events produce executions whose items are checked, and
 * deactivation unsubscribes.
 *
 * One entry per trigger node of the pack (the e2e run fails for a trigger node without one):
 *   nodeType   the node's name, e.g. 'sapIciTrigger' (type `<package>.<nodeType>`)
 *   file       its example workflow in examples/ (imported with the other examples)
 *   system     the key of its simulator (scripts/lib/systems.js)
 *   steps      async (ctx) => void, with ctx = { workflowId, simulatorUrl, n8nUrl, rest, step, expect,
 *              activate(), deactivate(), waitForExecutions(count), executionItems(executionId, nodeName) };
 *              each `await ctx.step(name, fn)` is one e2e check
 */
const { expect } = require('../../scripts/lib/checks');
const { sleep } = require('../../scripts/lib/util');

const TRIGGERS = [];

/** Waits until n8n has finished (un)publishing a workflow; returns the publication status. */
async function settledPublication(rest, workflowId, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let status;
	while (Date.now() < deadline) {
		status = await rest.ok('GET', `/rest/workflows/${workflowId}/publication-status`);
		if (status.status !== 'in_progress') return status;
		await sleep(300);
	}
	throw new Error(`n8n did not finish publishing ${workflowId} within ${timeoutMs} ms: ${JSON.stringify(status)}`);
}

/**
 * Publishes (activates) a workflow through the editor's REST API and waits until n8n has
 * activated every trigger of it (webhooks registered, `checkExists`/`create` run); throws with
 * the trigger's error message otherwise.
 */
async function activate(rest, workflowId) {
	const workflow = await rest.ok('GET', `/rest/workflows/${workflowId}`);
	await rest.ok('POST', `/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	const status = await settledPublication(rest, workflowId);
	const failed = (status.triggers || []).filter((t) => t.status !== 'activated');
	if (status.status !== 'published' || failed.length > 0) {
		throw new Error(`activation of ${workflowId} failed: ${failed.map((t) => t.errorMessage || t.status).join('; ') || status.status}`);
	}
	return status;
}

/** Unpublishes (deactivates) a workflow and waits until n8n has removed its triggers. */
async function deactivate(rest, workflowId) {
	await rest.ok('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	const status = await settledPublication(rest, workflowId);
	if (status.liveVersionId) throw new Error(`${workflowId} is still published after deactivation: ${JSON.stringify(status)}`);
	return status;
}

async function listExecutions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.ok('GET', `/rest/executions?filter=${filter}&limit=100`);
	return page.results ?? [];
}

/** Waits until the workflow has at least `count` finished executions; returns them (newest first). */
async function waitForExecutions(rest, workflowId, count, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = (await listExecutions(rest, workflowId)).filter((e) => e.finished || e.status === 'success' || e.status === 'error');
		if (executions.length >= count) return executions;
		await sleep(500);
	}
	throw new Error(`expected ${count} execution(s) of ${workflowId} within ${timeoutMs} ms, saw ${executions.length}`);
}

/** The output items (json) of one node in one execution (n8n stores run data as `flatted`). */
async function executionItems(rest, parse, executionId, nodeName) {
	const execution = await rest.ok('GET', `/rest/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	const runs = data?.resultData?.runData?.[nodeName];
	expect(runs && runs.length > 0, `execution ${executionId} has no run of "${nodeName}"`);
	return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json));
}

module.exports = { TRIGGERS, activate, deactivate, executionItems, listExecutions, waitForExecutions };
