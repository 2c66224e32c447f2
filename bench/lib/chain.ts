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
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IVersionedNodeType,
} from 'n8n-workflow';

import {
	createAdditionalData,
	ensureEngine,
	HarnessCredentialsHelper,
	HarnessNodeTypes,
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

const INPUT_NAME = 'Bench Input';
const INPUT_TYPE = 'bench.input';

function inputNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: INPUT_NAME,
			name: INPUT_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the items of the run',
			defaults: { name: INPUT_NAME },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: deepCopy(json), pairedItem: { item: 0 } }))];
		},
	} as INodeType;
}

/** Runs `items` through the chain of nodes (no credentials) in one execution. */
export async function runChain(chain: ChainNode[], items: IDataObject[]): Promise<ChainResult> {
	ensureEngine();
	const nodeTypes = new HarnessNodeTypes().register(INPUT_TYPE, inputNodeType(items));
	const nodes: INode[] = [
		{
			id: randomUUID(),
			name: INPUT_NAME,
			type: INPUT_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: IConnections = {};
	let previous = INPUT_NAME;
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
				{ node: workflow.getNode(INPUT_NAME)!, data: { main: [[{ json: {} }]] }, source: null },
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
