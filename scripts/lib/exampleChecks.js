'use strict';
/**
 * The output checks of test/e2e/examples.e2e.js applied to the run data of one execution of an
 * example workflow, the same for `npm run e2e` (`n8n execute`) and `npm run e2e:queue` (a worker).
 */
const { expect, short } = require('./checks');

/** The run data of one node in an execution's data: status, error and output items (json). */
function nodeRun(data, nodeName) {
	const runs = data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return undefined;
	return {
		status: runs[0].executionStatus,
		error: runs[0].error,
		items: runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json)),
	};
}

/**
 * One check per node of the pack in the workflow (`label › node`): it ran cleanly and its items
 * pass the example's output check. Returns the nodes that passed.
 */
async function checkNodeOutputs(checks, label, { workflow, example, data, packNodeTypes }) {
	const passed = [];
	for (const node of workflow.nodes) {
		if (!packNodeTypes.has(node.type)) continue;
		const checkOutput = example.outputs[node.name];
		await checks.run(`${label} › ${node.name}`, async () => {
			expect(checkOutput, `test/e2e/examples.e2e.js has no output check for node "${node.name}"`);
			const nodeResult = nodeRun(data, node.name);
			expect(nodeResult, 'the node did not run');
			expect(
				nodeResult.status === 'success' && !nodeResult.error,
				`the node failed: ${short(nodeResult.error?.message ?? nodeResult.status)}`,
			);
			await checkOutput(nodeResult.items);
			passed.push(node);
			return `${nodeResult.items.length} item${nodeResult.items.length === 1 ? '' : 's'}`;
		});
	}
	return passed;
}

/** What a failure check of examples.e2e.js looks at: the failing node, message and description. */
function errorSummary(data) {
	const error = data.resultData.error;
	return {
		node: error.node?.name ?? data.resultData.lastNodeExecuted,
		message: error.message ?? '',
		description: error.description ?? '',
	};
}

module.exports = { checkNodeOutputs, errorSummary, nodeRun };
