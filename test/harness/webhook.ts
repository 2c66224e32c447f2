/**
 * Runs a webhook trigger the way n8n does for an active workflow, with n8n-core's real contexts:
 *
 *   - activate(): `webhookMethods.default.checkExists`, then `create` when it answers false, each
 *     with a real HookContext (n8n's WebhookService.createWebhookIfNotExists); deactivate():
 *     `delete`. The workflow's static data is kept between them as n8n stores it after
 *     (de)activation.
 *   - A real HTTP server on loopback receives the requests. A POST to the trigger's webhook path
 *     goes through n8n's request handling for a version-1 node — the raw body is read (limit
 *     N8N_PAYLOAD_SIZE_MAX, 16 MiB) and parsed by content type with n8n's own parsers (xml2js with
 *     n8n's options for XML: a body they cannot parse is answered 422 and no node runs) — and then
 *     becomes a `webhook()` call with a real WebhookContext holding the request and response.
 *   - The result is handled as n8n's executeWebhook does for `responseMode: 'onReceived'`: a node
 *     that answered itself returns `noWebhookResponse`; `workflowData` starts a run of the
 *     workflow through n8n-core's WorkflowExecute, whose trigger output is recorded in `emitted`.
 *
 * As in n8n, each request sees the static data stored at the last (de)activation: what `webhook()`
 * changes there is not kept.
 *
 * Listening for a test event (the editor's "Test workflow") is n8n's TestWebhooks: checkExists and
 * create run in mode 'manual' with the test URL on a copy of the static data that is never stored;
 * requests to the test URL run `webhook()` in mode 'manual' on that copy; after the first request
 * that starts a run, or on stopTestListening(), delete runs on the copy.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
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
import { HarnessCredentialsHelper } from './credentials-helper';
import {
	n8nLeavesBodyUnread,
	parseBody,
	parseIncoming,
	readAll,
	sendJson,
	type N8nRequest,
} from './webhookRequest';

export { n8nLeavesBodyUnread, n8nLeavesBodyUnreadFor } from './webhookRequest';

export interface TriggerHarnessOptions {
	/** An instance of the trigger node class. */
	nodeType: INodeType;
	/** Node parameters (n8n fills in the defaults). */
	parameters: INodeParameters;
	/** Instances of the credential classes the node uses. */
	credentialTypes?: ICredentialType[];
	/** Credential type name -> decrypted data; each one is attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Initial workflow static data. */
	staticData?: IDataObject;
	/** Node name in the workflow; defaults to `description.defaults.name`. */
	nodeName?: string;
	/**
	 * What happens to the body before `webhook()` runs. 'n8n' (default): as n8n's
	 * parseRequestBody decides — for a version-1 node whose `options.binaryData` evaluates true
	 * the request stream is left unread, otherwise the raw body is read and parsed by content type.
	 * 'parse': always read and parse (a node without that option). 'none': never.
	 */
	bodyParser?: 'n8n' | 'parse' | 'none';
	/** n8n's N8N_PAYLOAD_SIZE_MAX in MiB (default 16). */
	payloadSizeMaxMb?: number;
	/** Interface to listen on (default 127.0.0.1). */
	host?: string;
}

export interface TriggerHarness {
	/** `http://host:port` of the server. */
	readonly serverUrl: string;
	/** n8n's webhook base URL (WEBHOOK_URL + `/webhook`), default `${serverUrl}/webhook`. */
	readonly webhookBaseUrl: string;
	/** The production URL of the trigger's `default` webhook. */
	readonly url: string;
	/** The test URL of the trigger's `default` webhook (`/webhook-test/…`). */
	readonly testUrl: string;
	/** Whether a test event is being waited for. */
	readonly testListening: boolean;
	/** The node's part of the test listening's static data copy, while it lasts. */
	readonly testNodeStaticData: IDataObject | undefined;
	/** Whether the workflow is active (its webhook answers). */
	readonly active: boolean;
	/** The trigger's output (`main[0]`) of every run started, in order. */
	readonly emitted: INodeExecutionData[][];
	/** Every run started by a webhook call (`mode` 'webhook', or 'manual' for a test event). */
	readonly runs: IRun[];
	/** Requests that reached `webhook()`. */
	readonly webhookCalls: number;
	/** Errors thrown by `webhook()` (answered 500 as n8n does). */
	readonly webhookErrors: unknown[];
	/** Errors of the clean-up after a failed activation (n8n logs them). */
	readonly cleanupErrors: unknown[];
	/** The stored workflow static data (a copy). */
	readonly staticData: IDataObject;
	/** The node's part of it (`getWorkflowStaticData('node')`), a copy. */
	readonly nodeStaticData: IDataObject;
	/** Edit the node's parameters (a saved change); used from the next activate() or request on. */
	setParameters(parameters: INodeParameters): void;
	/** Point n8n at another public URL (WEBHOOK_URL changed); requests are routed by the new path. */
	setWebhookBaseUrl(url: string): void;
	/** Activate: checkExists, then create when it answers false. Returns whether checkExists was true. */
	activate(activation?: WorkflowActivateMode): Promise<{ existed: boolean }>;
	/** Deactivate: delete. The webhook stops answering even when delete throws (as in n8n). */
	deactivate(): Promise<void>;
	/** Wait for a test event: checkExists / create in mode 'manual' with the test URL. */
	startTestListening(): Promise<void>;
	/** Stop waiting for a test event: delete on the test copy of the static data. */
	stopTestListening(): Promise<void>;
	/** Resolves when every request received so far has been handled and its run has ended. */
	settled(): Promise<void>;
	close(): Promise<void>;
}

const WEBHOOK_NAME = 'default';
const DEFAULT_PAYLOAD_SIZE_MAX_MB = 16;

type AnyNodeType = INodeType | IVersionedNodeType;

class TriggerNodeTypes implements INodeTypes {
	constructor(
		private readonly name: string,
		private readonly type: INodeType,
	) {}

	getByName(nodeType: string): AnyNodeType {
		if (nodeType !== this.name)
			throw new UnexpectedError(`Harness: unknown node type "${nodeType}"`);
		return this.type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return { [this.name]: { className: this.name, sourcePath: '' } };
	}
}

function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/** Start a trigger behind a loopback HTTP server. */
export async function startTriggerHarness(options: TriggerHarnessOptions): Promise<TriggerHarness> {
	ensureEngine();
	const nodeType = options.nodeType;
	const description = nodeType.description;
	if (!nodeType.webhook) throw new UnexpectedError(`Harness: ${description.name} has no webhook()`);
	const webhookDescription: IWebhookDescription | undefined = description.webhooks?.find(
		(w) => w.name === WEBHOOK_NAME,
	);
	if (!webhookDescription)
		throw new UnexpectedError(`Harness: ${description.name} has no "${WEBHOOK_NAME}" webhook`);
	const methods = nodeType.webhookMethods?.[WEBHOOK_NAME];

	const typeName = description.name;
	const typeVersion = Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
	const nodeTypes = new TriggerNodeTypes(typeName, nodeType);
	const credentials = options.credentials ?? {};
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentialTypes ?? [],
		credentials,
		nodeTypes,
	);
	const node: INode = {
		id: randomUUID(),
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion,
		position: [0, 0],
		parameters: deepCopy(options.parameters),
		webhookId: randomUUID(),
	};
	if (Object.keys(credentials).length > 0) {
		node.credentials = {};
		for (const name of Object.keys(credentials))
			node.credentials[name] = { id: `harness-${name}`, name: `${name} (harness)` };
	}
	const workflowId = `harness-wf-${randomUUID()}`;
	const bodyParser = options.bodyParser ?? 'n8n';
	const payloadLimit = (options.payloadSizeMaxMb ?? DEFAULT_PAYLOAD_SIZE_MAX_MB) * 1024 * 1024;

	let stored: IDataObject = plainCopy(options.staticData ?? {});
	let testCopy: IDataObject | undefined;
	let active = false;
	let webhookBaseUrl = '';
	let webhookCalls = 0;
	const emitted: INodeExecutionData[][] = [];
	const runs: IRun[] = [];
	const webhookErrors: unknown[] = [];
	const cleanupErrors: unknown[] = [];
	const inFlight = new Set<Promise<void>>();

	const newWorkflow = (staticData: IDataObject = stored): Workflow =>
		new Workflow({
			id: workflowId,
			name: 'Harness trigger workflow',
			nodes: [deepCopy(node)],
			connections: {},
			active,
			nodeTypes,
			staticData: plainCopy(staticData),
			settings: { executionOrder: 'v1' },
		});

	const additionalData = (
		executionId: string,
		hooks?: ExecutionLifecycleHooks,
	): IWorkflowExecuteAdditionalData => {
		const unsupported = (what: string) => async (): Promise<never> => {
			throw new UnexpectedError(`Harness: ${what} is not supported`);
		};
		const instance = webhookBaseUrl.replace(/\/webhook\/?$/, '');
		return {
			credentialsHelper,
			hooks,
			executionId,
			workflowId,
			userId: 'harness-user',
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: `${instance}/rest`,
			instanceBaseUrl: instance,
			formBaseUrl: `${instance}/form`,
			formWaitingBaseUrl: `${instance}/form-waiting`,
			formTestBaseUrl: `${instance}/form-test`,
			webhookBaseUrl,
			webhookWaitingBaseUrl: `${instance}/webhook-waiting`,
			webhookTestBaseUrl: `${instance}/webhook-test`,
			mcpBaseUrl: `${instance}/mcp`,
			mcpTestBaseUrl: `${instance}/mcp-test`,
			externalSecretsProxy: new ExternalSecretsProxy(),
			executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
			startRunnerTask: unsupported('startRunnerTask (task runners)'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
		} as IWorkflowExecuteAdditionalData;
	};

	const webhookPath = (workflow: Workflow): string => {
		const value = String(
			workflow.expression.getSimpleParameterValue(node, webhookDescription.path, 'webhook', {}) ??
				'',
		);
		return NodeHelpers.getNodeWebhookPath(
			workflowId,
			node,
			value,
			webhookDescription.isFullPath === true,
		);
	};

	const webhookUrl = (): string => `${webhookBaseUrl}/${webhookPath(newWorkflow())}`;
	const testWebhookUrl = (): string =>
		`${webhookBaseUrl.replace(/\/webhook$/, '/webhook-test')}/${webhookPath(newWorkflow())}`;

	const webhookData = (
		workflow: Workflow,
		data: IWorkflowExecuteAdditionalData,
		isTest = false,
	): IWebhookData => ({
		httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
		node: node.name,
		path: webhookPath(workflow),
		webhookDescription,
		workflowId,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
		...(isTest ? { isTest: true } : {}),
	});

	/** n8n's WebhookService.runWebhookMethod. */
	const runWebhookMethod = async (
		workflow: Workflow,
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest = false,
	): Promise<boolean | undefined> => {
		const fn = methods?.[method];
		if (!fn) return undefined;
		const data = additionalData(`harness-hook-${randomUUID()}`);
		const context = new HookContext(
			workflow,
			node,
			data,
			mode,
			activation,
			webhookData(workflow, data, isTest),
		);
		return await fn.call(context);
	};

	const runWorkflow = async (
		workflow: Workflow,
		workflowData: INodeExecutionData[][],
		mode: WorkflowExecuteMode,
	): Promise<void> => {
		const executionId = `harness-exec-${randomUUID()}`;
		const base = {
			id: workflowId,
			name: workflow.name ?? 'Harness trigger workflow',
			active: true,
			isArchived: false,
			activeVersionId: null,
			nodes: [node],
			connections: {},
			settings: { executionOrder: 'v1' },
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, base);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: workflow.getNode(node.name)!, data: { main: workflowData }, source: null },
				],
			},
		});
		const run = await new WorkflowExecute(
			additionalData(executionId, hooks),
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		if (!run) throw new UnexpectedError('Harness: the execution returned no run data');
		runs.push(run);
		const task = run.data.resultData.runData[node.name]?.at(-1);
		emitted.push(task?.data?.main?.[0] ?? []);
	};

	/** n8n's ActiveWorkflowManager.clearWebhooks: delete on the stored workflow, then store its static data. */
	const clearWebhooks = async (): Promise<void> => {
		const workflow = newWorkflow();
		await runWebhookMethod(workflow, 'delete', 'internal', 'update');
		stored = plainCopy(workflow.staticData);
	};

	/** n8n's TestWebhooks.deactivateWebhooks: delete on the test copy of the static data. */
	const stopTest = async (): Promise<void> => {
		if (!testCopy) return;
		const workflow = newWorkflow(testCopy);
		testCopy = undefined;
		await runWebhookMethod(workflow, 'delete', 'internal', 'update', true);
	};

	const handle = async (raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const req = raw as N8nRequest;
		const url = new URL(req.url ?? '/', 'http://harness.invalid');
		const isTest = testCopy !== undefined && url.pathname === new URL(testWebhookUrl()).pathname;
		const live = active && url.pathname === new URL(webhookUrl()).pathname;
		if ((!isTest && !live) || req.method !== webhookDescription.httpMethod) {
			req.resume();
			sendJson(res, 404, {
				code: 404,
				message: `The requested webhook "${req.method ?? ''} ${url.pathname}" is not registered.`,
			});
			return;
		}
		// express: query, params, ip; n8n: content type, raw body reader.
		req.query = parseQueryString(url.search.replace(/^\?/, '')) as Record<
			string,
			string | string[]
		>;
		req.params = {};
		req.ip = req.socket.remoteAddress;
		req.encoding = 'utf-8';
		parseIncoming(req);
		req.readRawBody = async () => {
			if (!req.rawBody) {
				req.rawBody = await readAll(req, payloadLimit);
				req._body = true;
			}
		};
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
		const workflow = newWorkflow(isTest && testCopy ? testCopy : stored);
		if (
			bodyParser === 'parse' ||
			(bodyParser === 'n8n' && !n8nLeavesBodyUnread(workflow, node.name, mode))
		) {
			const refused = await parseBody(req);
			if (refused) {
				sendJson(res, refused.status, refused.body);
				return;
			}
		}

		const executionId = `harness-webhook-${randomUUID()}`;
		const data = additionalData(executionId);
		data.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		data.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name)!,
			data,
			mode,
			webhookData(workflow, data, isTest),
			[],
			null,
		);
		webhookCalls++;
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			webhookErrors.push(error);
			sendJson(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			return;
		}
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true)
				sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (result.noWebhookResponse !== true) sendJson(res, 200, { message: 'Workflow was started' });
		await runWorkflow(workflow, result.workflowData, mode);
		// A test webhook serves one run, then n8n removes it.
		if (isTest) await stopTest().catch((error: unknown) => cleanupErrors.push(error));
	};

	const server = http.createServer((req, res) => {
		const task = handle(req, res).catch((error: unknown) => {
			webhookErrors.push(error);
			sendJson(res, 500, {
				code: 0,
				message: error instanceof Error ? error.message : String(error),
			});
		});
		inFlight.add(task);
		void task.finally(() => inFlight.delete(task));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const serverUrl = `http://${host}:${address.port}`;
	webhookBaseUrl = `${serverUrl}/webhook`;

	return {
		serverUrl,
		get webhookBaseUrl() {
			return webhookBaseUrl;
		},
		get url() {
			return webhookUrl();
		},
		get testUrl() {
			return testWebhookUrl();
		},
		get testListening() {
			return testCopy !== undefined;
		},
		get testNodeStaticData() {
			return testCopy === undefined
				? undefined
				: plainCopy((testCopy[`node:${node.name}`] ?? {}) as IDataObject);
		},
		get active() {
			return active;
		},
		emitted,
		runs,
		get webhookCalls() {
			return webhookCalls;
		},
		webhookErrors,
		cleanupErrors,
		get staticData() {
			return plainCopy(stored);
		},
		get nodeStaticData() {
			return plainCopy((stored[`node:${node.name}`] ?? {}) as IDataObject);
		},
		setParameters(parameters: INodeParameters) {
			node.parameters = deepCopy(parameters);
		},
		setWebhookBaseUrl(url: string) {
			webhookBaseUrl = url.replace(/\/+$/, '');
		},
		async activate(activation: WorkflowActivateMode = 'activate') {
			const workflow = newWorkflow();
			const outcome = await (async () => {
				const existed =
					(await runWebhookMethod(workflow, 'checkExists', 'webhook', activation)) === true;
				if (!existed) await runWebhookMethod(workflow, 'create', 'webhook', activation);
				return existed;
			})().then(
				(existed) => ({ existed }),
				(error: unknown) => ({ error }),
			);
			if ('error' in outcome) {
				// n8n's ActiveWorkflowManager: clear the webhooks of the stored workflow, log what fails there, rethrow.
				active = false;
				await clearWebhooks().catch((cleanupError: unknown) => cleanupErrors.push(cleanupError));
				return await Promise.reject(outcome.error);
			}
			stored = plainCopy(workflow.staticData);
			active = true;
			return { existed: outcome.existed };
		},
		async deactivate() {
			active = false;
			await clearWebhooks();
		},
		async startTestListening() {
			const workflow = newWorkflow();
			const outcome = await (async () => {
				const exists =
					(await runWebhookMethod(workflow, 'checkExists', 'manual', 'manual', true)) === true;
				if (!exists) await runWebhookMethod(workflow, 'create', 'manual', 'manual', true);
			})().then(
				() => undefined,
				(error: unknown) => ({ error }),
			);
			testCopy = plainCopy(workflow.staticData);
			if (outcome) {
				await stopTest().catch((cleanupError: unknown) => cleanupErrors.push(cleanupError));
				return await Promise.reject(outcome.error);
			}
		},
		async stopTestListening() {
			await stopTest();
		},
		async settled() {
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
		},
		async close() {
			active = false;
			await Promise.allSettled([...inFlight]);
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
