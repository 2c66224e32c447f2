/**
 * An in-memory ICredentialsHelper that behaves like n8n's real one (packages/cli
 * credentials-helper.ts) for everything a node can observe:
 *   - getDecrypted: stored data + the credential type's property defaults, with `={{ }}`
 *     expressions in credential values resolved;
 *   - authenticate: applies the credential type's `authenticate` for real — a function is
 *     called, a generic definition has its headers/qs/body/auth entries resolved as
 *     expressions against `$credentials`;
 *   - preAuthentication: n8n's contract — only for credential types with a hidden
 *     `expirable` property, when that value is empty, expired (401 retry) or a credential
 *     test is running; the result is cached back into the store like n8n persists it.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	deepCopy,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';

/** Node type + parameters n8n's CredentialsTester uses for its throw-away test node. */
export const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

const EXPRESSION_NODE: INode = {
	id: 'harness-credentials',
	name: 'Harness Credentials',
	type: 'harness.credentials',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Plain-JSON ICredentials (n8n's real one needs the encryption key machinery). */
class InMemoryCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		return JSON.parse(this.data ?? '{}') as ICredentialDataDecryptedObject;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...(await this.getData()), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		await this.setData(data);
	}
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** Every call to `updateCredentials` (e.g. a token cached by preAuthentication). */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		credentialTypes: ICredentialType[],
		credentials: Record<string, ICredentialDataDecryptedObject>,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [type, data] of Object.entries(credentials)) this.store.set(type, deepCopy(data));
	}

	getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new UnexpectedError(
				`Harness: unknown credential type "${typeName}" — pass its class instance in credentialTypes`,
			);
		}
		return type;
	}

	/** Current stored (raw) data of a credential type. */
	getStored(typeName: string): ICredentialDataDecryptedObject | undefined {
		return this.store.get(typeName);
	}

	getParentTypes(typeName: string): string[] {
		const parents: string[] = [];
		const visit = (name: string) => {
			for (const parent of this.types.get(name)?.extends ?? []) {
				if (parents.includes(parent)) continue;
				parents.push(parent);
				visit(parent);
			}
		};
		visit(typeName);
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		const supported = type.supportedNodes ?? [];
		const shortName = nodeType.includes('.')
			? nodeType.slice(nodeType.lastIndexOf('.') + 1)
			: nodeType;
		return supported.includes(nodeType) || supported.includes(shortName);
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getType(typeName);
		if (!type.extends?.length) return type.properties;
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			if (this.types.has(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const credentials = new InMemoryCredentials(nodeCredentials, type);
		await credentials.setData(this.store.get(type) ?? {});
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (stored === undefined) {
			throw new UnexpectedError(`Harness: no credentials of type "${type}" were provided`);
		}
		const data = deepCopy(stored);
		if (raw === true) return data;
		return this.applyDefaultsAndResolve(data, type, mode, additionalData, expressionResolveValues);
	}

	/** Fills in property defaults and resolves `={{ }}` expressions, like n8n does. */
	applyDefaultsAndResolve(
		data: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		additionalData?: IWorkflowExecuteAdditionalData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const withDefaults: ICredentialDataDecryptedObject = { ...data };
		for (const property of this.getCredentialsProperties(type)) {
			if (withDefaults[property.name] === undefined && property.default !== undefined) {
				withDefaults[property.name] = deepCopy(property.default) as never;
			}
		}

		const hasExpressions = Object.values(withDefaults).some((value) => isExpression(value));
		if (!hasExpressions) return withDefaults;

		const additionalKeys = { $vars: additionalData?.variables ?? {} };
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			return workflow.expression.getParameterValue(
				withDefaults as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				undefined,
				false,
				withDefaults,
			) as ICredentialDataDecryptedObject;
		}
		return this.expressionWorkflow().expression.getComplexParameterValue(
			EXPRESSION_NODE,
			withDefaults as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (authenticate.type !== 'generic') return requestOptions;

		const resolve = (value: string): string => {
			if (!isExpression(value)) return value;
			const resolved = (workflow ?? this.expressionWorkflow()).expression.getSimpleParameterValue(
				node ?? EXPRESSION_NODE,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};

		requestOptions.headers ??= {};
		const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[section] ??= {};
				target[section]![resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;

		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;

		const isCredentialTest =
			node?.parameters?.temp === '' && node?.type === CREDENTIAL_TEST_NODE_TYPE;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) {
			return undefined;
		}

		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output?.[expirable.name] === undefined) return undefined;

		if (node.credentials?.[typeName]) {
			const stored = this.store.get(typeName) ?? {};
			const toPersist: ICredentialDataDecryptedObject = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(node.credentials[typeName], typeName, toPersist);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) ?? undefined) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, deepCopy(data));
		this.updates.push({ type, data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, { ...this.store.get(type), ...data });
	}

	private expressionWorkflow(): Workflow {
		return new Workflow({
			id: 'harness-credentials',
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
	}
}
