import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { optionsCollection } from '../shared/nodeShell';
import { deriveProperties } from '../shared/operations';
import { tvoxShell as shell } from './client';
import { OPERATIONS, RESOURCES } from './operations';

const operations = [...OPERATIONS];

export class TvoxMcc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TVox MCC',
		name: 'tvoxMcc',
		icon: { light: 'file:tvoxMcc.svg', dark: 'file:tvoxMcc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Start, accept, check, update and close multichannel sessions, read service states and log agents out with the TVox MultiChannel Connector (SOAP or REST)',
		defaults: { name: 'TVox MCC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tvoxMccApi', required: true, testedBy: 'tvoxMccApiTest' }],
		properties: deriveProperties(RESOURCES, operations, [
			optionsCollection([
				{
					displayName: 'Return Failures as Output Instead of Errors',
					name: 'returnFailures',
					type: 'boolean',
					default: false,
					description:
						'Whether a FAILED result is returned as an item (with failReason, failReasonMessage and failReasonDescription) instead of stopping the workflow with an error',
				},
			]),
		]),
	};

	methods = {
		credentialTest: {
			tvoxMccApiTest: shell.credentialTest,
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
