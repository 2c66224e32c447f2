import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';

import { describeUnknown, redact, toNodeError } from './errors';
import { executeDeclared, type OperationDeclaration } from './operations';

/**
 * The node shell: how every node and trigger of the pack gets its client from its credential.
 * One place decides each client's answer deadline (the node's Timeout option, the credential's
 * own Timeout field, the cap of the editor's calls), runs the credential's Test button and keeps
 * the credential's secrets out of every message.
 */

/** What every client's constructor takes besides the credential. */
export interface ClientOptions {
	/** Total deadline per answer in milliseconds; the client's default (30 s) when unset. */
	timeoutMs?: number;
}

/** What the shell needs from a client: one real call for the Test button, and its secrets. */
export type ShellClient = VerifiableClient;

export interface ClientFactory<C, K extends ShellClient> {
	/** The credential type's name, e.g. `acdDiallerApi`. */
	credential: string;
	/** Builds the client. It may throw for a credential that cannot be used (reported per item). */
	create(credentials: C, options: ClientOptions): K;
	/** The credential's secrets, kept out of messages also when no client could be built. */
	secrets(credentials: C): readonly (string | undefined)[];
}

/** The credential's own Timeout (Ms) field (`timeout`), when it has one and it is set. */
export function credentialTimeout(credentials: unknown): number | undefined {
	const own = (credentials as { timeout?: unknown } | undefined)?.timeout;
	return typeof own === 'number' && own > 0 ? own : undefined;
}

/** The deadline of a workflow's client: the node's Timeout option when set, else the credential's own. */
export function clientTimeout(credentials: unknown, nodeTimeoutMs?: number): number | undefined {
	return nodeTimeoutMs !== undefined && nodeTimeoutMs > 0
		? nodeTimeoutMs
		: credentialTimeout(credentials);
}

/**
 * The deadline of a call the editor waits on (the Test button, a list of options): the credential's
 * own timeout when shorter, else the one cap of every credential test.
 */
export function editorTimeout(credentials: unknown): number {
	return credentialTestTimeout(credentialTimeout(credentials));
}

export interface NodeShell<K extends ShellClient> {
	/** The credential type's name. */
	readonly credential: string;
	/**
	 * The action node's execute: every item's declared operation sent through one client, built
	 * on first use with the node's Timeout option (a credential that cannot be used fails each
	 * item, so Continue On Fail applies), the node's Concurrent Requests option honoured.
	 */
	execute<Req, Res>(
		ctx: IExecuteFunctions,
		operations: Array<OperationDeclaration<Req, Res>>,
		send: (client: K, request: Req, op: OperationDeclaration<Req, Res>) => Promise<Res>,
	): Promise<INodeExecutionData[][]>;
	/** A trigger's client (its hooks and webhook), with the credential's own timeout. */
	client(ctx: IHookFunctions | IWebhookFunctions): Promise<K>;
	/** A list of options for the editor, loaded with the editor's deadline; a failure is the node's error. */
	loadOptions<T>(ctx: ILoadOptionsFunctions, load: (client: K) => Promise<T>): Promise<T>;
	/** The credential's Test button: the node's `methods.credentialTest` entry named in `testedBy`. */
	credentialTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult>;
}

async function credentialsOf<C>(
	ctx: IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions,
	name: string,
): Promise<C> {
	return (await ctx.getCredentials<ICredentialDataDecryptedObject>(name)) as unknown as C;
}

/** The shell of the nodes using one credential type. */
export function nodeShell<C, K extends ShellClient>(factory: ClientFactory<C, K>): NodeShell<K> {
	const secretsOf = (credentials: C, client?: K): Array<string | undefined> => [
		...factory.secrets(credentials),
		...(client?.secrets() ?? []),
	];

	return {
		credential: factory.credential,

		async execute(ctx, operations, send) {
			const credentials = await credentialsOf<C>(ctx, factory.credential);
			const { timeoutMs, concurrency } = readCommonOptions(ctx);
			let client: K | undefined;
			const connect = (): K =>
				(client ??= factory.create(credentials, {
					timeoutMs: clientTimeout(credentials, timeoutMs),
				}));
			return await executeDeclared(ctx, {
				operations,
				send: async (request, op) => await send(connect(), request, op),
				secrets: () => secretsOf(credentials, client),
				concurrency,
			});
		},

		async client(ctx) {
			const credentials = await credentialsOf<C>(ctx, factory.credential);
			return factory.create(credentials, { timeoutMs: credentialTimeout(credentials) });
		},

		async loadOptions(ctx, load) {
			const credentials = await credentialsOf<C>(ctx, factory.credential);
			let client: K | undefined;
			try {
				client = factory.create(credentials, { timeoutMs: editorTimeout(credentials) });
				return await load(client);
			} catch (error) {
				throw toNodeError(ctx.getNode(), error, 0, secretsOf(credentials, client));
			}
		},

		async credentialTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) {
			const credentials = (credential.data ?? {}) as unknown as C;
			let client: K;
			try {
				client = factory.create(credentials, { timeoutMs: editorTimeout(credentials) });
			} catch (error) {
				return { status: 'Error', message: redact(describeUnknown(error), secretsOf(credentials)) };
			}
			return await credentialTestResult({
				verify: async () => await client.verify(),
				secrets: () => secretsOf(credentials, client),
			});
		},
	};
}

/** Node options every action node offers: a total timeout per answer and how many items run at once. */
export const commonOptions: INodeProperties[] = [
	{
		displayName: 'Concurrent Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: 1,
		description:
			'How many items are sent at the same time. Output order and item linking stay as with one at a time.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30000,
		description: 'How long to wait for each answer before failing',
	},
];

/** The `options` collection of an action node: the common options plus the node's own. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...commonOptions, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The common options as the node set them (read once per execution). */
export function readCommonOptions(ctx: IExecuteFunctions): {
	timeoutMs?: number;
	concurrency: number;
} {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		timeout?: number;
		concurrency?: number;
	};
	const concurrency = Math.max(1, Math.min(64, Math.trunc(Number(options.concurrency ?? 1)) || 1));
	const timeoutMs =
		typeof options.timeout === 'number' && options.timeout > 0 ? options.timeout : undefined;
	return { timeoutMs, concurrency };
}

/** The longest a credential's Test button waits for its one call, whatever the credential's own timeout. */
export const CREDENTIAL_TEST_TIMEOUT_MS = 15_000;

/** The timeout of a credential test: the credential's own timeout when set and shorter, else the cap. */
export function credentialTestTimeout(configured: number | undefined): number {
	return Math.min(
		configured && configured > 0 ? configured : CREDENTIAL_TEST_TIMEOUT_MS,
		CREDENTIAL_TEST_TIMEOUT_MS,
	);
}

/** What a node's credential test needs from its client: one real call, and the secrets to keep out of the message. */
export interface VerifiableClient {
	verify(): Promise<string | void>;
	secrets(): readonly (string | undefined)[];
}

/** The result of a credential's Test button: OK with the client's message, or the redacted error. */
export async function credentialTestResult(
	client: VerifiableClient,
): Promise<INodeCredentialTestResult> {
	try {
		const message = await client.verify();
		return { status: 'OK', message: message || 'Connection successful' };
	} catch (error) {
		return { status: 'Error', message: redact(describeUnknown(error), client.secrets()) };
	}
}
