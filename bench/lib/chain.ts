/**
 * A workflow of several nodes in a row (`Bench Input` → first → second → …) run once through
 * n8n-core's `WorkflowExecute`, with the same in-memory engine set-up as the single-node runs of
 * the test harness: what the user's alternative to a node costs when it takes more than one node.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	UnexpectedError,
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IVersionedNodeType,
} from 'n8n-workflow';

import {
	createAdditionalData,
	createSourceNodeType,
	ensureEngine,
	HarnessCredentialsHelper,
	HarnessNodeTypes,
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	workflowBase,
} from '../../test/harness';

/** One node of the chain. */
export interface ChainNode {
	/** Node name in the workflow (unique). */
	name: string;
	/** Type name it is registered under, e.g. `n8n-nodes-base.httpRequest`. */
	typeName: string;
	nodeType: INodeType | IVersionedNodeType;
	typeVersion: number;
	parameters: INodeParameters;
}

export interface ChainResult {
	/** The last node's first output. */
	items: INodeExecutionData[];
	run: IRun;
}

/** Runs `items` through the chain of nodes (no credentials) in one execution. */
export async function runChain(chain: ChainNode[], items: IDataObject[]): Promise<ChainResult> {
	ensureEngine();
	const nodeTypes = new HarnessNodeTypes().register(SOURCE_NODE_TYPE, createSourceNodeType(items));
	const nodes: INode[] = [
		{
			id: randomUUID(),
			name: SOURCE_NODE_NAME,
			type: SOURCE_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: IConnections = {};
	let previous = SOURCE_NODE_NAME;
	chain.forEach((step, index) => {
		nodeTypes.register(step.typeName, step.nodeType);
		nodes.push({
			id: randomUUID(),
			name: step.name,
			type: step.typeName,
			typeVersion: step.typeVersion,
			position: [250 * (index + 1), 0],
			parameters: deepCopy(step.parameters),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});

	const workflowId = `bench-wf-${randomUUID()}`;
	const executionId = `bench-exec-${randomUUID()}`;
	const workflow = new Workflow({
		id: workflowId,
		name: 'Bench workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const base = workflowBase(workflowId, nodes, connections);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, base);
	let finished: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		finished = fullRunData;
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(SOURCE_NODE_NAME)!,
					data: { main: [[{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const run =
		(await new WorkflowExecute(
			createAdditionalData(
				new HarnessCredentialsHelper([], {}, nodeTypes),
				executionId,
				workflowId,
				hooks,
			),
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow)) ?? finished;
	if (!run) throw new UnexpectedError('Bench: the execution returned no run data');
	const error = run.data.resultData.error;
	if (error)
		throw new Error(
			`${error.message}${error.description ? ` (${String(error.description)})` : ''}`,
		);
	const tasks = run.data.resultData.runData[previous] ?? [];
	return { items: tasks[tasks.length - 1]?.data?.main?.[0] ?? [], run };
}
