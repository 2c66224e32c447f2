/**
 * Runs a node through n8n-core's real execution engine (`WorkflowExecute`) — the same
 * ExecuteContext, parameter/expression resolution, credential plumbing, HTTP helpers,
 * pairedItem handling and error semantics a node gets inside n8n.
 *
 * The workflow is `Harness Input` (a tiny in-harness source node that emits the given
 * items) -> the node under test.
 */
import { randomUUID } from 'node:crypto';

import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	deepCopy,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';

import { ensureEngine } from './container';
import { CREDENTIAL_TEST_NODE_TYPE, HarnessCredentialsHelper } from './credentials-helper';

export interface RunNodeOptions {
	/** An instance of the node class, e.g. `new Akixi()` (versioned node types work too). */
	nodeType: INodeType | IVersionedNodeType;
	/** Type name the node is registered under; defaults to `nodeType.description.name`. */
	typeName?: string;
	/** Defaults to the node's (default / highest) version. */
	typeVersion?: number;
	/** Node name in the workflow; defaults to `description.defaults.name`. */
	nodeName?: string;
	/** Node parameters; expressions allowed (`'={{ $json.x }}'`). Defaults are filled in by n8n. */
	parameters: INodeParameters;
	/** Instances of the credential classes the node uses. */
	credentialTypes?: ICredentialType[];
	/** Credential type name -> decrypted data. Each one is attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Input items (json) fed from the preceding node; default `[{}]`. */
	items?: IDataObject[];
	/** Sets `node.onError = 'continueRegularOutput'` (and `continueOnFail: true`). */
	continueOnFail?: boolean;
	/** Initial workflow static data (`this.getWorkflowStaticData(...)`). */
	staticData?: IDataObject;
}

export type HarnessNodeError = Error & {
	description?: string | null;
	context?: IDataObject;
	httpCode?: string | null;
	[key: string]: unknown;
};

export interface RunNodeResult {
	/** The node's first output (`main[0]`), pairedItem intact. Empty if the run failed. */
	items: INodeExecutionData[];
	/** All `main` outputs of the node. */
	outputs: INodeExecutionData[][];
	/** The node's error when the execution failed (the real NodeApiError/NodeOperationError). */
	error?: HarnessNodeError;
	/** Full run data of the execution (both nodes). */
	runData: IRunData;
	/** The complete IRun returned by WorkflowExecute. */
	run: IRun;
	/** Workflow static data after the run. */
	staticData: IDataObject;
	/** Name of the node under test inside the workflow (key into runData). */
	nodeName: string;
	/** Credential data as stored after the run (e.g. tokens cached by preAuthentication). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export const SOURCE_NODE_NAME = 'Harness Input';
export const SOURCE_NODE_TYPE = 'harness.source';

const HARNESS_BASE_URL = 'http://localhost:5678';

type AnyNodeType = INodeType | IVersionedNodeType;

function descriptionOf(nodeType: AnyNodeType) {
	return nodeType.description;
}

function defaultVersionOf(nodeType: AnyNodeType): number {
	const description = descriptionOf(nodeType);
	if ('defaultVersion' in description && typeof description.defaultVersion === 'number') {
		return description.defaultVersion;
	}
	const { version } = description as { version?: number | number[] };
	if (Array.isArray(version)) return Math.max(...version);
	return version ?? 1;
}

/** The node that starts a harness or bench run: it emits the run's items. */
export function createSourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: SOURCE_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Emits the items given to the harness',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: deepCopy(json), pairedItem: { item: 0 } }))];
		},
	} as INodeType;
}

/** The node types of one harness or bench run, registered by name. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	private readonly watched = new Map<string, (error: unknown) => void>();

	private readonly wrappedVersions = new Map<string, INodeType>();

	register(name: string, type: AnyNodeType): this {
		this.types.set(name, type);
		return this;
	}

	/**
	 * n8n stores a node's error in the run data as a plain-object copy (`{ ...error }`), so
	 * the thrown instance is captured on its way out of `execute()` instead.
	 */
	watchErrors(name: string, onError: (error: unknown) => void): this {
		this.watched.set(name, onError);
		return this;
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new UnexpectedError(`Harness: unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const resolved = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		const onError = this.watched.get(nodeType);
		const execute = resolved.execute;
		if (!onError || typeof execute !== 'function') return resolved;

		const key = `${nodeType}@${resolved.description.version.toString()}`;
		let wrapped = this.wrappedVersions.get(key);
		if (!wrapped) {
			wrapped = Object.create(resolved) as INodeType;
			wrapped.execute = async function (this: IExecuteFunctions) {
				return await execute.call(this).catch((error: unknown) => {
					onError(error);
					return Promise.reject(error);
				});
			};
			this.wrappedVersions.set(key, wrapped);
		}
		return wrapped;
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.types.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}

/** What n8n's engine gets besides the workflow: the in-memory stand-ins of a real instance. */
export function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	executionId: string,
	workflowId: string,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new UnexpectedError(`Harness: ${what} is not supported`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: HARNESS_BASE_URL,
		formBaseUrl: `${HARNESS_BASE_URL}/form`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		formTestBaseUrl: `${HARNESS_BASE_URL}/form-test`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		mcpBaseUrl: `${HARNESS_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${HARNESS_BASE_URL}/mcp-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		startRunnerTask: unsupported('startRunnerTask (task runners)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as IWorkflowExecuteAdditionalData;
}

/** The stored form of a workflow, as the execution hooks take it. */
export function workflowBase(
	id: string,
	nodes: INode[],
	connections: IWorkflowBase['connections'],
) {
	const now = new Date();
	return {
		id,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: now,
		updatedAt: now,
	} as IWorkflowBase;
}

/** The node's references to the harness's credentials, one per type given; none when none is given. */
function credentialReferences(
	credentials: Record<string, ICredentialDataDecryptedObject>,
): INode['credentials'] {
	const names = Object.keys(credentials);
	if (names.length === 0) return undefined;
	return Object.fromEntries(
		names.map((name) => [name, { id: `harness-${name}`, name: `${name} (harness)` }]),
	);
}

/** Runs `nodeType` once, fed by `items`, through n8n-core's WorkflowExecute. */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	ensureEngine();

	const description = descriptionOf(opts.nodeType);
	const typeName = opts.typeName ?? description.name;
	const typeVersion = opts.typeVersion ?? defaultVersionOf(opts.nodeType);
	const resolved = NodeHelpers.getVersionedNodeType(opts.nodeType, typeVersion).description;
	const nodeName = opts.nodeName ?? resolved.defaults?.name ?? resolved.displayName;
	if (nodeName === SOURCE_NODE_NAME) {
		throw new UnexpectedError(`Harness: node name "${SOURCE_NODE_NAME}" is reserved`);
	}

	let thrown: unknown;
	const nodeTypes = new HarnessNodeTypes()
		.register(SOURCE_NODE_TYPE, createSourceNodeType(opts.items ?? [{}]))
		.register(typeName, opts.nodeType)
		.watchErrors(typeName, (error) => {
			thrown = error;
		});

	const credentials = opts.credentials ?? {};
	const credentialsHelper = new HarnessCredentialsHelper(
		opts.credentialTypes ?? [],
		credentials,
		nodeTypes,
	);

	const sourceNode: INode = {
		id: randomUUID(),
		name: SOURCE_NODE_NAME,
		type: SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: randomUUID(),
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [250, 0],
		parameters: deepCopy(opts.parameters),
	};
	nodeUnderTest.credentials = credentialReferences(credentials);
	if (opts.continueOnFail) {
		nodeUnderTest.onError = 'continueRegularOutput';
		nodeUnderTest.continueOnFail = true;
	}

	const workflowId = `harness-wf-${randomUUID()}`;
	const executionId = `harness-exec-${randomUUID()}`;
	const connections = {
		[SOURCE_NODE_NAME]: { main: [[{ node: nodeName, type: 'main' as const, index: 0 }]] },
	};
	const nodes = [sourceNode, nodeUnderTest];

	const workflow = new Workflow({
		id: workflowId,
		name: 'Harness workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: deepCopy(opts.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks(
		'manual',
		executionId,
		workflowBase(workflowId, nodes, connections),
	);
	let finished: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		finished = fullRunData;
	});

	const additionalData = createAdditionalData(credentialsHelper, executionId, workflowId, hooks);
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
		(await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
			workflow,
		)) ?? finished;
	if (!run) throw new UnexpectedError('Harness: the execution returned no run data');

	const runData = run.data.resultData.runData;
	const taskRuns = runData[nodeName] ?? [];
	const lastTask = taskRuns[taskRuns.length - 1];
	const outputs = (lastTask?.data?.main ?? []).map((output) => output ?? []);
	// Only a failed execution has an error; with continueOnFail n8n turns it into items.
	const recorded = run.data.resultData.error;
	let error: HarnessNodeError | undefined;
	if (recorded) {
		error = (
			thrown instanceof Error && thrown.message === recorded.message
				? thrown
				: (lastTask?.error ?? recorded)
		) as HarnessNodeError;
	}

	const storedCredentials: Record<string, ICredentialDataDecryptedObject> = {};
	for (const name of Object.keys(credentials)) {
		storedCredentials[name] = credentialsHelper.getStored(name) ?? {};
	}

	return {
		items: outputs[0] ?? [],
		outputs,
		error,
		runData,
		run,
		staticData: workflow.staticData as IDataObject,
		nodeName,
		credentials: storedCredentials,
	};
}

// ---------------------------------------------------------------------------------------
// Credential tests (mirrors n8n's CredentialsTester)
// ---------------------------------------------------------------------------------------

type CredentialTest =
	| { kind: 'function'; fn: ICredentialTestFunction }
	| { kind: 'request'; request: ICredentialTestRequest; nodeType?: INodeType };

function findCredentialTest(
	credentialType: ICredentialType,
	nodeType?: AnyNodeType,
): CredentialTest | undefined {
	if (credentialType.test) return { kind: 'request', request: credentialType.test };
	if (!nodeType) return undefined;

	const versions: INodeType[] =
		'nodeVersions' in nodeType
			? Object.keys(nodeType.nodeVersions)
					.map(Number)
					.sort((a, b) => b - a)
					.map((v) => nodeType.nodeVersions[v])
			: [nodeType];

	for (const version of versions) {
		for (const { name, testedBy } of version.description.credentials ?? []) {
			if (name !== credentialType.name || !testedBy) continue;
			if (typeof testedBy === 'string') {
				const fn = version.methods?.credentialTest?.[testedBy];
				if (fn) return { kind: 'function', fn };
				continue;
			}
			return { kind: 'request', request: testedBy, nodeType: version };
		}
	}
	return undefined;
}

function messageOf(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

interface ResponseLike {
	status?: number;
	statusCode?: number;
	statusText?: string;
	statusMessage?: string;
}

function responseOf(error: unknown): ResponseLike | undefined {
	const err = error as {
		cause?: { response?: ResponseLike; status?: number };
		response?: ResponseLike;
		httpCode?: string | null;
	};
	const response = err?.cause?.response ?? err?.response;
	if (response) return response;
	const code = Number(err?.httpCode);
	return Number.isInteger(code) && code > 0 ? { status: code } : undefined;
}

export interface LoadOptionsRequest {
	nodeType: AnyNodeType;
	/** The name under the node's `methods.loadOptions`. */
	method: string;
	credentialTypes?: ICredentialType[];
	/** Credential data keyed by credential type name; the node refers to each. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The node's parameters as the editor has them. */
	parameters?: INodeParameters;
	/** The parameter the list is for, e.g. `parameters.eventType`. */
	path?: string;
}

/**
 * Loads a list of options the way n8n's editor does: the node alone in a workflow, its
 * `methods.loadOptions` method called in n8n-core's LoadOptionsContext (credentials, parameters
 * and helpers as n8n gives them). Errors are thrown as the method throws them.
 */
export async function loadOptions(request: LoadOptionsRequest): Promise<INodePropertyOptions[]> {
	ensureEngine();

	const typeName = descriptionOf(request.nodeType).name;
	const typeVersion = defaultVersionOf(request.nodeType);
	const versioned = NodeHelpers.getVersionedNodeType(request.nodeType, typeVersion);
	const method = versioned.methods?.loadOptions?.[request.method];
	if (!method) {
		throw new UnexpectedError(`Harness: ${typeName} has no loadOptions method "${request.method}"`);
	}
	const nodeTypes = new HarnessNodeTypes().register(typeName, request.nodeType);
	const credentials = request.credentials ?? {};
	const credentialsHelper = new HarnessCredentialsHelper(
		request.credentialTypes ?? [],
		credentials,
		nodeTypes,
	);
	const node: INode = {
		id: randomUUID(),
		name: versioned.description.defaults?.name ?? versioned.description.displayName,
		type: typeName,
		typeVersion,
		position: [0, 0],
		parameters: deepCopy(request.parameters ?? {}),
	};
	node.credentials = credentialReferences(credentials);
	const workflowId = `harness-load-options-${randomUUID()}`;
	const workflow = new Workflow({
		id: workflowId,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = createAdditionalData(credentialsHelper, workflowId, workflowId);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		request.path ?? 'parameters',
	);
	return await method.call(context);
}

/**
 * Tests a credential the way n8n's "Test credential" button does: the credential type's
 * own `test` request, else the node's `testedBy` (request definition or
 * `methods.credentialTest` function). Never throws for a failed test.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	nodeType?: AnyNodeType,
): Promise<INodeCredentialTestResult> {
	ensureEngine();

	const test = findCredentialTest(credentialType, nodeType);
	if (!test) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const typeName = credentialType.name;
	const mode: WorkflowExecuteMode = 'internal';
	const nodeTypes = new HarnessNodeTypes();
	const credentialsHelper = new HarnessCredentialsHelper(
		[credentialType],
		{ [typeName]: data },
		nodeTypes,
	);
	const executionId = `harness-credential-test-${randomUUID()}`;
	const additionalData = createAdditionalData(
		credentialsHelper,
		executionId,
		'harness-credential-test',
	);

	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		credentialsDecrypted = {
			id: `harness-${typeName}`,
			name: `${typeName} (harness)`,
			type: typeName,
			data: credentialsHelper.applyDefaultsAndResolve(
				deepCopy(data),
				typeName,
				mode,
				additionalData,
			),
		};
	} catch (error) {
		return { status: 'Error', message: messageOf(error) };
	}

	if (test.kind === 'function') {
		try {
			const context = new CredentialTestContext(additionalData);
			const result = await test.fn.call(context, credentialsDecrypted);
			return result ?? { status: 'Error', message: 'Credential test function returned nothing' };
		} catch (error) {
			return { status: 'Error', message: messageOf(error) };
		}
	}

	const baseNodeType = test.nodeType;
	const testNodeTypeName = baseNodeType?.description.name ?? CREDENTIAL_TEST_NODE_TYPE;
	const testNodeType: INodeType = {
		description: {
			...(baseNodeType?.description ?? {
				displayName: 'Credential Test',
				name: CREDENTIAL_TEST_NODE_TYPE,
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Temp-Node' },
				inputs: ['main'],
				outputs: ['main'],
			}),
			name: testNodeTypeName,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request.request },
				},
			],
		},
	} as INodeType;
	nodeTypes.register(testNodeTypeName, testNodeType);

	const description = testNodeType.description;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: testNodeTypeName,
		typeVersion: Array.isArray(description.version)
			? description.version[description.version.length - 1]
			: description.version,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({
		id: 'harness-credential-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		createRunExecutionData({ executionData: null }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	const { rules } = test.request;
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const httpResponse = responseOf(error);
		if (httpResponse) {
			const statusCode = httpResponse.status ?? httpResponse.statusCode ?? 0;
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 200 || statusCode > 299) {
				return {
					status: 'Error',
					message:
						httpResponse.statusText ||
						httpResponse.statusMessage ||
						`Received HTTP status code: ${statusCode}`,
				};
			}
		}
		const code = (error as { cause?: { code?: unknown } })?.cause?.code;
		if (typeof code === 'string' && code) return { status: 'Error', message: code };
		return { status: 'Error', message: messageOf(error) };
	}

	for (const rule of rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json;
		if (getPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getPath(value: unknown, key: string): unknown {
	let current: unknown = value;
	for (const part of key.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}
