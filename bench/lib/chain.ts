/**
 * A workflow of several nodes in a row (`Bench Input` → first → second → …) run once through
 * n8n-core's `WorkflowExecute`, with the same in-memory engine set-up as the single-node runs of
 * the test harness: what the user's alternative to a node costs when it takes more than one node.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ensureEngine, HarnessCredentialsHelper } from '../../test/harness';

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
const BASE_URL = 'http://localhost:5678';

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

class ChainNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	register(name: string, type: INodeType | IVersionedNodeType): this {
		this.types.set(name, type);
		return this;
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError(`Bench: unknown node type "${name}"`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			[...this.types.keys()].map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}

function additionalData(
	nodeTypes: INodeTypes,
	executionId: string,
	workflowId: string,
	hooks: ExecutionLifecycleHooks,
) {
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new UnexpectedError(`Bench: ${what} is not supported`);
	};
	return {
		credentialsHelper: new HarnessCredentialsHelper([], {}, nodeTypes),
		hooks,
		executionId,
		workflowId,
		userId: 'bench-user',
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow'),
		startRunnerTask: unsupported('startRunnerTask'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as IWorkflowExecuteAdditionalData;
}

/** Runs `items` through the chain of nodes (no credentials) in one execution. */
export async function runChain(chain: ChainNode[], items: IDataObject[]): Promise<ChainResult> {
	ensureEngine();
	const nodeTypes = new ChainNodeTypes().register(INPUT_TYPE, inputNodeType(items));
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
	const now = new Date();
	const base = {
		id: workflowId,
		name: 'Bench workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: now,
		updatedAt: now,
	} as IWorkflowBase;
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
			additionalData(nodeTypes, executionId, workflowId, hooks),
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
