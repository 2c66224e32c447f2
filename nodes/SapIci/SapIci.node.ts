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

import { credentialTestResult, credentialTestTimeout, deriveProperties, executeDeclared, optionsCollection, readCommonOptions } from '../shared/operations';
import { SapIciClient, type SapIciCredentials } from './client';
import { iciDeclarations, iciResources } from './operations';

const operations = iciDeclarations();


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
		properties: deriveProperties(iciResources(), operations, [optionsCollection()]),
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
					timeout: credentialTestTimeout(data.timeout),
				});
				return await credentialTestResult({
					verify: async () => {
						const hostId = await client.verify();
						return hostId ? `Connection successful (cmsHostId ${hostId})` : undefined;
					},
					secrets: () => client.secrets(),
				});
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = (await this.getCredentials('sapIciApi')) as unknown as SapIciCredentials;
		const { timeoutMs, concurrency } = readCommonOptions(this);
		// The node's Timeout option, when set, wins over the credential's.
		const client = new SapIciClient(timeoutMs ? { ...credentials, timeout: timeoutMs } : credentials);
		return await executeDeclared(this, {
			concurrency,
			operations,
			send: async (request) => await client.send(request.call),
			secrets: () => client.secrets(),
		});
	}
}
