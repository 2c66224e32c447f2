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
import { TvoxClient, type TvoxCredentials } from './client';
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
			async tvoxMccApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as unknown as TvoxCredentials;
				return await credentialTestResult(new TvoxClient({ ...data, timeout: credentialTestTimeout(data.timeout) }));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = (await this.getCredentials('tvoxMccApi')) as unknown as TvoxCredentials;
		const { timeoutMs, concurrency } = readCommonOptions(this);
		// The node's Timeout option, when set, wins over the credential's.
		const client = new TvoxClient(timeoutMs ? { ...credentials, timeout: timeoutMs } : credentials);
		return await executeDeclared(this, {
			operations,
			send: async (request) => await client.send(request),
			secrets: () => client.secrets(),
			concurrency,
		});
	}
}
