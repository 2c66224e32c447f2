import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { startTriggerHarness, type TriggerHarness } from '../harness';
import { post } from './helpers';

/**
 * The webhook harness itself, with a minimal trigger: n8n's routing (404 for an inactive or
 * unknown webhook), body handling (parsed JSON and XML, 422 for what n8n cannot parse), the
 * answers for a node that does not answer itself or throws, runs through WorkflowExecute, and
 * static data kept from the webhook methods but not from `webhook()`.
 */

class EchoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo Trigger',
		name: 'echoTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Echoes requests',
		defaults: { name: 'Echo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'echo' }],
		properties: [{ displayName: 'Mode', name: 'mode', type: 'string', default: 'run' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				data.checks = Number(data.checks ?? 0) + 1;
				return data.url === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				data.url = this.getNodeWebhookUrl('default');
				data.mode = this.getMode();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				delete data.url;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const mode = this.getNodeParameter('mode') as string;
		const data = this.getWorkflowStaticData('node');
		data.touchedByWebhook = true;
		if (mode === 'throw') throw new NodeOperationError(this.getNode(), 'broken');
		if (mode === 'silent') return {};
		const req = this.getRequestObject() as { rawBody?: Buffer };
		return {
			workflowData: [
				this.helpers.returnJsonArray([
					{
						body: this.getBodyData(),
						query: this.getQueryData() as IDataObject,
						raw: req.rawBody?.toString('utf8') ?? null,
						url: String(data.url),
					},
				]),
			],
		};
	}
}

describe('webhook harness', () => {
	let harness: TriggerHarness;
	afterEach(async () => harness.close());

	it('serves the production URL only while active; methods run with real hook contexts and their static data is kept', async () => {
		harness = await startTriggerHarness({ nodeType: new EchoTrigger(), parameters: {} });
		expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/echo$/);
		expect((await post(harness.url, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			404,
		);
		expect(await harness.activate()).toEqual({ existed: false });
		expect(harness.nodeStaticData).toEqual({ checks: 1, url: harness.url, mode: 'webhook' });
		expect(await harness.activate('update')).toEqual({ existed: true });

		const reply = await post(`${harness.url}?a=1&a=2`, '{"x":[1,2]}', {
			'Content-Type': 'application/json',
		});
		await harness.settled();
		expect([reply.status, JSON.parse(reply.body)]).toEqual([
			200,
			{ message: 'Workflow was started' },
		]);
		expect(harness.runs.map((r) => [r.mode, r.status])).toEqual([['webhook', 'success']]);
		expect(harness.emitted).toEqual([
			[
				expect.objectContaining({
					json: {
						body: { x: [1, 2] },
						query: { a: ['1', '2'] },
						raw: '{"x":[1,2]}',
						url: harness.url,
					},
				}),
			],
		]);
		// What webhook() wrote to the static data is not kept.
		expect(harness.nodeStaticData.touchedByWebhook).toBeUndefined();
		expect((await post(`${harness.url}x`, '{}')).status).toBe(404);

		await harness.deactivate();
		expect(harness.nodeStaticData).toEqual({ checks: 2, mode: 'webhook' });
		expect((await post(harness.url, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			404,
		);
	});

	it('parses bodies as n8n does: XML with xml2js, 422 for a body n8n cannot parse', async () => {
		harness = await startTriggerHarness({ nodeType: new EchoTrigger(), parameters: {} });
		await harness.activate();
		await post(harness.url, '<Order Id="7"><Item>A</Item></Order>', {
			'Content-Type': 'application/xml',
		});
		await harness.settled();
		expect(harness.emitted[0][0].json.body).toEqual({ order: { $: { Id: '7' }, item: 'A' } });
		const refused = await post(harness.url, '{"x":', { 'Content-Type': 'application/json' });
		expect([refused.status, JSON.parse(refused.body).message]).toEqual([
			422,
			'Failed to parse request body',
		]);
		expect(harness.webhookCalls).toBe(1);
	});

	it("a node that answers nothing gets n8n's default answer; one that throws gets 500", async () => {
		harness = await startTriggerHarness({
			nodeType: new EchoTrigger(),
			parameters: { mode: 'silent' },
		});
		await harness.activate();
		const silent = await post(harness.url, '{}', { 'Content-Type': 'application/json' });
		expect([silent.status, JSON.parse(silent.body)]).toEqual([
			200,
			{ message: 'Webhook call received' },
		]);
		harness.setParameters({ mode: 'throw' });
		const thrown = await post(harness.url, '{}', { 'Content-Type': 'application/json' });
		expect([thrown.status, JSON.parse(thrown.body).message]).toEqual([
			500,
			'Workflow Webhook Error: Workflow could not be started!',
		]);
		expect(harness.webhookErrors.map((e) => (e as Error).message)).toEqual(['broken']);
		expect(harness.runs).toEqual([]);
	});

	it('a changed WEBHOOK_URL moves the route; test listening uses the test URL and mode manual once', async () => {
		harness = await startTriggerHarness({ nodeType: new EchoTrigger(), parameters: {} });
		await harness.startTestListening();
		expect(harness.testNodeStaticData).toMatchObject({ url: harness.testUrl, mode: 'manual' });
		expect(harness.nodeStaticData).toEqual({});
		expect((await post(harness.url, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			404,
		);
		expect((await post(harness.testUrl, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			200,
		);
		await harness.settled();
		expect(harness.runs.map((r) => r.mode)).toEqual(['manual']);
		expect(harness.testListening).toBe(false);
		expect((await post(harness.testUrl, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			404,
		);

		await harness.activate();
		const before = harness.url;
		harness.setWebhookBaseUrl(`${harness.serverUrl}/hooks/`);
		expect(harness.url).toBe(before.replace('/webhook/', '/hooks/'));
		expect((await post(before, '{}', { 'Content-Type': 'application/json' })).status).toBe(404);
		expect(await harness.activate('update')).toEqual({ existed: false });
		expect((await post(harness.url, '{}', { 'Content-Type': 'application/json' })).status).toBe(
			200,
		);
	});
});
