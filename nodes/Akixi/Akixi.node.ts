import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { optionsCollection } from '../shared/nodeShell';
import { deriveProperties } from '../shared/operations';
import { akixiShell as shell } from './client';
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
			akixiApiTest: shell.credentialTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await shell.execute(
			this,
			operations,
			async (client, request) => await client.send(request),
		);
	}
}
