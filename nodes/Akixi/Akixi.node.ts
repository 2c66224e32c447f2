import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TEST_TIMEOUT_MS, credentialTestResult, deriveProperties, executeDeclared, optionsCollection, readCommonOptions } from '../shared/operations';
import { AkixiClient, type AkixiCredentials } from './client';
import * as integratorClient from './resources/integratorClient';
import * as omnichannelIntegration from './resources/omnichannelIntegration';

const operations = [...omnichannelIntegration.operations, ...integratorClient.operations];

export class Akixi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Akixi',
		name: 'akixi',
		icon: { light: 'file:akixi.svg', dark: 'file:akixi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Akixi Omnichannel Integrations (XML Web Services API) and Integrator Clients (REST API)',
		defaults: { name: 'Akixi' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'akixiApi', required: true, testedBy: 'akixiApiTest' }],
		properties: deriveProperties(
			[
				{
					name: 'Integrator Client',
					value: integratorClient.RESOURCE,
					description: 'CX Integrator Client configurations (REST API)',
				},
				{
					name: 'Omnichannel Integration',
					value: omnichannelIntegration.RESOURCE,
					description: 'E-mail and LiveChat integration entries (XML Web Services API)',
				},
			],
			operations,
			[optionsCollection()],
		),
	};

	methods = {
		credentialTest: {
			async akixiApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await credentialTestResult(
					new AkixiClient(credential.data as unknown as AkixiCredentials, { timeoutMs: CREDENTIAL_TEST_TIMEOUT_MS }),
				);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = (await this.getCredentials('akixiApi')) as unknown as AkixiCredentials;
		const { timeoutMs, concurrency } = readCommonOptions(this);
		const client = new AkixiClient(credentials, { timeoutMs });
		return await executeDeclared(this, {
			operations,
			send: async (request) => await client.send(request),
			secrets: () => client.secrets(),
			concurrency,
		});
	}
}
