import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { describeUnknown, redact, toNodeError } from '../shared/errors';
import { deriveProperties, executeDeclared } from '../shared/operations';
import { IciFaultError, SapIciClient, type SapIciCredentials } from './client';
import { iciDeclarations, iciResources, type IciRequest } from './operations';

const operations = iciDeclarations();

const CREDENTIAL_TEST_TIMEOUT_MS = 15_000;

/**
 * An ICI fault as the n8n error of its item: the message is OII's errorText, the details carry
 * areaCode, errorCode, errorText and errorRetry next to the usual remote-error fields.
 */
function iciNodeError(node: INode, error: IciFaultError, request: IciRequest, secrets: readonly string[]) {
	const nodeError = toNodeError(node, error, request.itemIndex, secrets);
	const remote = (nodeError.context.remote ?? {}) as JsonObject;
	nodeError.context.remote = {
		...remote,
		areaCode: error.ici.areaCode,
		errorCode: error.ici.errorCode,
		errorText: error.ici.errorText === null ? null : redact(error.ici.errorText, secrets),
		errorRetry: error.ici.errorRetry,
	};
	return nodeError;
}

export class SapIci implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP ICI',
		name: 'sapIci',
		icon: { light: 'file:sapIci.svg', dark: 'file:sapIci.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Drive agents, calls, e-mails, chats and action items of SAP Contact Center through the ICI interface of OII (SOAP)',
		defaults: { name: 'SAP ICI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapIciApi', required: true, testedBy: 'sapIciApiTest' }],
		properties: deriveProperties(iciResources(), operations),
	};

	methods = {
		credentialTest: {
			async sapIciApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as unknown as SapIciCredentials;
				const client = new SapIciClient({
					...data,
					timeout: Math.min(data.timeout && data.timeout > 0 ? data.timeout : CREDENTIAL_TEST_TIMEOUT_MS, CREDENTIAL_TEST_TIMEOUT_MS),
				});
				try {
					const hostId = await client.verify();
					return {
						status: 'OK',
						message: hostId ? `Connection successful (cmsHostId ${hostId})` : 'Connection successful',
					};
				} catch (error) {
					return { status: 'Error', message: redact(describeUnknown(error), client.secrets()) };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = (await this.getCredentials('sapIciApi')) as unknown as SapIciCredentials;
		const client = new SapIciClient(credentials);
		const node = this.getNode();
		return await executeDeclared(this, {
			operations,
			send: async (request) => {
				const outcome = await client.send(request.call).then(
					(response) => ({ response }),
					(error: unknown) => ({ error }),
				);
				if ('response' in outcome) return outcome.response;
				if (outcome.error instanceof IciFaultError) {
					throw iciNodeError(node, outcome.error, request, client.secrets());
				}
				return await Promise.reject(outcome.error);
			},
			secrets: () => client.secrets(),
		});
	}
}
