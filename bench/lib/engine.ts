import http from 'node:http';
import https from 'node:https';

import axios, { type AxiosInstance } from 'axios';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../test/harness';
import { runChain, type ChainResult } from './chain';
import { n8nNodes } from './n8nNodes';
import type { BenchTransport, Target } from './types';

function itemsFor(target: Target, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		key: target.keys[index % target.keys.length],
	}));
}

/** Runs `count` items through the transport's node in n8n-core's engine. */
export async function runTransportNode(
	transport: BenchTransport,
	target: Target,
	count: number,
	parameters: INodeParameters = transport.node.parameters,
): Promise<RunNodeResult> {
	const result = await runNode({
		nodeType: transport.node.type(),
		parameters,
		credentialTypes: transport.node.credentialTypes(),
		credentials: transport.node.credentials(target.url, target.tls),
		items: itemsFor(target, count),
	});
	if (result.error) throw new Error(`${transport.name}: the node failed: ${result.error.message}`);
	return result;
}

/**
 * A node that makes the same requests through n8n's own request helper
 * (`this.helpers.httpRequest`, what the HTTP Request node uses), one per item, reading the
 * per-item value through an expression like the node under test does.
 */
function n8nPathNodeType(transport: BenchTransport, target: Target): INodeType {
	return {
		description: {
			displayName: 'Request Helper Path',
			name: 'benchRequestHelperPath',
			group: ['transform'],
			version: 1,
			description: "Sends one request per item through n8n's request helper",
			defaults: { name: 'Request Helper Path' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const output: INodeExecutionData[] = [];
			for (let index = 0; index < items.length; index++) {
				const key = this.getNodeParameter('key', index) as string;
				const request = transport.request(target.url, key, index);
				const options: IHttpRequestOptions = {
					method: request.method,
					url: request.url,
					headers: request.headers,
					body: request.body,
					json: transport.json,
					skipSslCertificateValidation: target.tls,
				};
				const answer = (await this.helpers.httpRequest(options)) as unknown;
				const json =
					typeof answer === 'object' && answer !== null
						? (answer as IDataObject)
						: { data: String(answer) };
				output.push({ json, pairedItem: { item: index } });
			}
			return [output];
		},
	};
}

/** Runs `count` items through n8n's request helper in the same engine. */
export async function runN8nPath(
	transport: BenchTransport,
	target: Target,
	count: number,
): Promise<RunNodeResult> {
	const result = await runNode({
		nodeType: n8nPathNodeType(transport, target),
		parameters: { key: '={{ $json.key }}' },
		items: itemsFor(target, count),
	});
	if (result.error)
		throw new Error(`${transport.name}: the request helper path failed: ${result.error.message}`);
	return result;
}

/**
 * Runs `count` items through the user's alternative in the same engine: n8n's HTTP Request node
 * (the transport's `httpRequestNode` parameters, Ignore SSL Issues on over HTTPS) and then n8n's
 * XML node (XML to JSON, every option at its default), both from the provisioned n8n.
 */
export async function runHttpRequestXml(
	transport: BenchTransport,
	target: Target,
	count: number,
): Promise<ChainResult> {
	if (!transport.httpRequestNode)
		throw new Error(`${transport.name}: no HTTP Request node parameters`);
	const { httpRequest, xml } = await n8nNodes();
	const parameters = transport.httpRequestNode(target.url);
	if (target.tls)
		parameters.options = { ...(parameters.options as IDataObject), allowUnauthorizedCerts: true };
	const result = await runChain(
		[
			{
				name: 'HTTP Request',
				typeName: 'n8n-nodes-base.httpRequest',
				nodeType: httpRequest,
				typeVersion:
					httpRequest.description.defaultVersion ??
					Math.max(...Object.keys(httpRequest.nodeVersions).map(Number)),
				parameters,
			},
			{
				name: 'XML',
				typeName: 'n8n-nodes-base.xml',
				nodeType: xml,
				typeVersion: 1,
				parameters: { mode: 'xmlToJson', dataPropertyName: 'data', options: {} },
			},
		],
		itemsFor(target, count),
	).catch((error: unknown) =>
		Promise.reject(
			new Error(
				`${transport.name}: the HTTP Request + XML nodes failed: ${error instanceof Error ? error.message : String(error)}`,
			),
		),
	);
	if (result.items.length !== count) {
		throw new Error(
			`${transport.name}: the HTTP Request + XML nodes gave ${result.items.length} items for ${count}`,
		);
	}
	// The first and last items show the calls succeeded.
	for (const index of [0, count - 1]) {
		const key = target.keys[index % target.keys.length];
		if (
			transport.httpRequestAnswered &&
			!transport.httpRequestAnswered(result.items[index].json, key)
		) {
			const got = JSON.stringify(result.items[index].json).slice(0, 300);
			throw new Error(`${transport.name}: item ${index} is not the answer for ${key}: ${got}`);
		}
	}
	return result;
}

/**
 * A plain keep-alive axios client outside the engine: the floor. Idle sockets are dropped before
 * the simulators' 5 s keep-alive timeout, so a socket is never reused just as the server closes it.
 */
export function rawClient(): AxiosInstance {
	return axios.create({
		httpAgent: new http.Agent({ keepAlive: true, timeout: 4000 }),
		httpsAgent: new https.Agent({ keepAlive: true, timeout: 4000, rejectUnauthorized: false }),
		proxy: false,
		responseType: 'text',
		transformResponse: [(data: unknown) => data],
		validateStatus: () => true,
	});
}

export interface PrebuiltRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	data?: string;
}

/** The requests of `count` items, built before any timing starts. */
export function prebuiltRequests(
	transport: BenchTransport,
	target: Target,
	count: number,
): PrebuiltRequest[] {
	return Array.from({ length: count }, (_, index) => {
		const key = target.keys[index % target.keys.length];
		const request = transport.request(target.url, key, index);
		return {
			method: request.method,
			url: request.url,
			headers: request.headers,
			data: request.body,
		};
	});
}

/** Sends prebuilt requests one after the other. */
export async function sendAll(client: AxiosInstance, requests: PrebuiltRequest[]): Promise<void> {
	for (const request of requests) {
		const response = await client.request(request);
		if (response.status !== 200)
			throw new Error(`The raw client got HTTP ${response.status} from ${request.url}`);
	}
}
