/**
 * Proves the harness drives n8n-core's real engine: expressions, credentials with a generic
 * `authenticate`, real HTTP over loopback, pairedItem, NodeApiError, continueOnFail,
 * preAuthentication token caching, static data and credential tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runNode, testCredential } from './harness';

// ---------------------------------------------------------------- loopback server

interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

const seen: SeenRequest[] = [];
let server: http.Server;
let baseUrl: string;
let tokensIssued = 0;

const GOOD_KEY = 'secret-key';

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const send = (status: number, payload: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(payload));
			};
			const url = new URL(req.url ?? '/', 'http://x');
			if (url.pathname === '/token') {
				tokensIssued++;
				return send(200, { token: `tok-${tokensIssued}` });
			}
			if (url.pathname === '/bearer') {
				return req.headers.authorization === `Bearer tok-${tokensIssued}`
					? send(200, { ok: true })
					: send(401, { message: 'bad token' });
			}
			if (req.headers['x-api-key'] !== GOOD_KEY) {
				return send(401, { message: 'Invalid API key' });
			}
			if (url.pathname === '/fail') return send(500, { message: 'simulated failure' });
			if (url.pathname === '/me') return send(200, { user: 'harness' });
			if (url.pathname.startsWith('/echo/')) {
				return send(200, {
					path: url.pathname,
					q: url.searchParams.get('q'),
					tenant: req.headers['x-tenant'] ?? null,
				});
			}
			send(404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve, reject) =>
		server.close((err) => (err ? reject(err) : resolve())),
	);
});

beforeEach(() => {
	seen.length = 0;
});

// ---------------------------------------------------------------- credential + node

class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';

	displayName = 'Harness Test API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Tenant', name: 'tenant', type: 'string', default: 'default-tenant' },
	];

	authenticate = {
		type: 'generic' as const,
		properties: {
			headers: {
				'X-API-Key': '={{ $credentials.apiKey }}',
				'X-Tenant': '={{ $credentials.tenant }}',
			},
		},
	};

	test = {
		request: { baseURL: '={{ $credentials.baseUrl }}', url: '/me' },
	};
}

/** A credential with n8n's preAuthentication contract (hidden expirable token). */
class HarnessTokenApi implements ICredentialType {
	name = 'harnessTokenApi';

	displayName = 'Harness Token API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/token`,
			json: true,
		})) as { token: string };
		return { sessionToken: token };
	}

	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{ $credentials.sessionToken }}' } },
	};
}

class HarnessTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test',
		name: 'harnessTest',
		group: ['transform'],
		version: 1,
		description: 'Node used to self-test the harness',
		defaults: { name: 'Harness Test' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'harnessTestApi', required: true, testedBy: 'harnessApiTest' },
			{ name: 'harnessTokenApi', required: false },
		],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo/default' },
			{ displayName: 'Query', name: 'query', type: 'string', default: '' },
		],
	};

	methods = {
		credentialTest: {
			async harnessApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as IDataObject;
				const response = await fetch(`${data.baseUrl as string}/me`, {
					headers: { 'X-API-Key': data.apiKey as string },
				}).catch((error: Error) => error);
				if (response instanceof Error)
					return { status: 'Error', message: `Rejected: ${response.message}` };
				if (!response.ok) {
					return {
						status: 'Error',
						message: `Rejected: Request failed with status code ${response.status}`,
					};
				}
				return { status: 'OK', message: 'Authenticated via testedBy' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('harnessTestApi');
		const staticData = this.getWorkflowStaticData('node');
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const path = this.getNodeParameter('path', i) as string;
				const query = this.getNodeParameter('query', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'GET',
						url: `${credentials.baseUrl as string}${path}`,
						qs: { q: query },
						json: true,
					},
				)) as IDataObject;
				if (response.path === '/echo/operation-error') {
					throw new NodeOperationError(this.getNode(), 'Operation went wrong', { itemIndex: i });
				}
				staticData.calls = ((staticData.calls as number) ?? 0) + 1;
				returnData.push(
					...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(response), {
						itemData: { item: i },
					}),
				);
			} catch (error) {
				const apiError =
					error instanceof NodeApiError || error instanceof NodeOperationError
						? error
						: new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				if (this.continueOnFail()) {
					returnData.push({ json: { error: apiError.message }, pairedItem: { item: i } });
					continue;
				}
				throw apiError;
			}
		}
		return [returnData];
	}
}

/** Uses the token credential (preAuthentication) instead. */
class HarnessTokenNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Token',
		name: 'harnessToken',
		group: ['transform'],
		version: 1,
		description: 'preAuthentication check',
		defaults: { name: 'Harness Token' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessTokenApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('harnessTokenApi');
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'harnessTokenApi',
				{ url: `${credentials.baseUrl as string}/bearer`, json: true },
			)) as IDataObject;
			out.push({ json: response, pairedItem: { item: i } });
		}
		return [out];
	}
}

const testApi = new HarnessTestApi();
const creds = () => ({ harnessTestApi: { baseUrl, apiKey: GOOD_KEY } });

// ---------------------------------------------------------------- tests

describe('runNode (real WorkflowExecute)', () => {
	it('resolves expressions, applies the generic authenticate and keeps pairedItem', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '={{ "/echo/" + $json.id }}', query: '={{ $json.name.toUpperCase() }}' },
			credentialTypes: [testApi],
			credentials: creds(),
			items: [
				{ id: 'a', name: 'alpha' },
				{ id: 'b', name: 'beta' },
				{ id: 'c', name: 'gamma' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ path: '/echo/a', q: 'ALPHA', tenant: 'default-tenant' },
			{ path: '/echo/b', q: 'BETA', tenant: 'default-tenant' },
			{ path: '/echo/c', q: 'GAMMA', tenant: 'default-tenant' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.outputs).toHaveLength(1);
		expect(seen).toHaveLength(3);
		for (const request of seen) {
			expect(request.headers['x-api-key']).toBe(GOOD_KEY);
			// property default of the credential type was applied
			expect(request.headers['x-tenant']).toBe('default-tenant');
		}
		expect(result.staticData).toEqual({ 'node:Harness Test': { calls: 3 } });
		expect(result.run.status).toBe('success');
	});

	it('uses parameter defaults and a single default input item', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: {},
			credentialTypes: [testApi],
			credentials: { harnessTestApi: { baseUrl, apiKey: GOOD_KEY, tenant: 't-1' } },
		});
		expect(result.items).toEqual([
			{ json: { path: '/echo/default', q: '', tenant: 't-1' }, pairedItem: { item: 0 } },
		]);
	});

	it('surfaces a thrown NodeApiError as result.error', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '/fail' },
			credentialTypes: [testApi],
			credentials: creds(),
			items: [{ id: 1 }],
		});
		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		// n8n's own NodeApiError mapping: generic message for 5xx, API text in description
		expect(result.error?.message).toBe('The service was not able to process your request');
		expect(result.error?.description).toBe('simulated failure');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.node).toMatchObject({ name: 'Harness Test', type: 'harnessTest' });
		expect(result.run.status).toBe('error');
	});

	it('surfaces a NodeOperationError with its exact message', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '/echo/operation-error' },
			credentialTypes: [testApi],
			credentials: creds(),
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Operation went wrong');
	});

	it('turns errors into { error } items with pairedItem when continueOnFail is set', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '={{ $json.path }}' },
			credentialTypes: [testApi],
			credentials: creds(),
			items: [{ path: '/echo/ok' }, { path: '/fail' }, { path: '/echo/ok2' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.path).toBe('/echo/ok');
		expect(result.items[1]).toEqual({
			json: { error: 'The service was not able to process your request' },
			pairedItem: { item: 1 },
		});
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
	});

	it('fails the node when the API rejects bad credentials', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: {},
			credentialTypes: [testApi],
			credentials: { harnessTestApi: { baseUrl, apiKey: 'wrong' } },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.httpCode).toBe('401');
	});

	it('runs preAuthentication like n8n (empty expirable token, refresh on 401) and caches the token', async () => {
		const nodeType = new HarnessTokenNode();
		const credentialTypes = [new HarnessTokenApi()];
		const first = await runNode({
			nodeType,
			parameters: {},
			credentialTypes,
			credentials: { harnessTokenApi: { baseUrl, sessionToken: '' } },
			items: [{}, {}],
		});
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json)).toEqual([{ ok: true }, { ok: true }]);
		// fetched once, then reused for the second item
		expect(seen.filter((r) => r.url === '/token')).toHaveLength(1);
		const cached = first.credentials.harnessTokenApi.sessionToken;
		expect(cached).toBe(`tok-${tokensIssued}`);

		seen.length = 0;
		const stale = await runNode({
			nodeType,
			parameters: {},
			credentialTypes,
			credentials: { harnessTokenApi: { baseUrl, sessionToken: 'expired' } },
		});
		expect(stale.error).toBeUndefined();
		expect(seen.map((r) => r.url)).toEqual(['/bearer', '/token', '/bearer']);
	});
});

describe('testCredential', () => {
	it('performs the credential type test request with authenticate applied (OK)', async () => {
		const result = await testCredential(testApi, { baseUrl, apiKey: GOOD_KEY });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen).toHaveLength(1);
		expect(seen[0].url).toBe('/me');
		expect(seen[0].headers['x-api-key']).toBe(GOOD_KEY);
	});

	it('returns Error (never throws) when the server rejects the credential', async () => {
		const result = await testCredential(testApi, { baseUrl, apiKey: 'nope' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/unauthorized|401|invalid/i);
	});

	it('returns Error when the server is unreachable', async () => {
		const result = await testCredential(testApi, {
			baseUrl: 'http://127.0.0.1:1',
			apiKey: GOOD_KEY,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED/);
	});

	it('uses the node testedBy function when the credential has no test request', async () => {
		const untested: ICredentialType = Object.assign({}, new HarnessTestApi());
		delete untested.test;
		const node = new HarnessTestNode();

		expect(await testCredential(untested, { baseUrl, apiKey: GOOD_KEY }, node)).toEqual({
			status: 'OK',
			message: 'Authenticated via testedBy',
		});
		const failed = await testCredential(untested, { baseUrl, apiKey: 'nope' }, node);
		expect(failed.status).toBe('Error');
		expect(failed.message).toMatch(/^Rejected: /);
		expect(await testCredential(untested, { baseUrl, apiKey: GOOD_KEY })).toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});
