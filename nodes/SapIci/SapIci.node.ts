import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { optionsCollection } from '../shared/nodeShell';
import { deriveProperties } from '../shared/operations';
import { sapIciShell } from './client';
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
			sapIciApiTest: sapIciShell.credentialTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sapIciShell.execute(
			this,
			operations,
			async (client, request) => await client.send(request.call),
		);
	}
}
