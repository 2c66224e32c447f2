'use strict';
/**
 * Trigger life cycles against the running n8n: activation registers the webhook and makes the
 * trigger subscribe at its simulator, events produce executions whose items are checked, and
 * deactivation unsubscribes.
 *
 * One entry per trigger node of the pack (the e2e run fails for a trigger node without one):
 *   nodeType   the node's name, e.g. 'sapIciTrigger' (type `<package>.<nodeType>`)
 *   file       its example workflow in examples/ (imported with the other examples)
 *   system     the key of its simulator (scripts/lib/systems.js)
 *   steps      async (ctx) => void, with ctx = { workflowId, simulatorUrl, n8nUrl, rest, step, expect,
 *              activate(), deactivate(), waitForExecutions(count), executionItems(executionId, nodeName) };
 *              each `await ctx.step(name, fn)` is one e2e check
 *   testEvent  async ({ simulatorUrl, n8nUrl }) => void, optional: makes the simulator send one event while
 *              the editor's "Execute workflow" waits for a test event (the example is otherwise only
 *              started by events, so `n8n execute` does not run it)
 */
const { expect } = require('../../scripts/lib/checks');
const { sleep } = require('../../scripts/lib/util');
const { sapIciEventSteps } = require('./sapIciEvents.e2e');

/** A call to the OII simulator's control API (`/__oii/…`); returns the JSON answer. */
async function oii(simulatorUrl, method, route, body) {
	const response = await fetch(`${simulatorUrl}/__oii/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (response.status >= 400)
		throw new Error(`${method} /__oii/${route} answered ${response.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

/** An appUrl without its query (the secret stays out of the output). */
function withoutQuery(url) {
	return String(url).split('?')[0];
}

/** Waits until the simulator has delivered `count` events to `appUrl`; returns those deliveries. */
async function waitForDeliveries(simulatorUrl, appUrl, count, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let mine = [];
	while (Date.now() < deadline) {
		const { deliveries } = await oii(simulatorUrl, 'GET', 'deliveries');
		mine = deliveries.filter((d) => d.appUrl === appUrl);
		if (mine.length >= count) return mine;
		await sleep(200);
	}
	throw new Error(
		`the simulator delivered ${mine.length} of ${count} event(s) to ${withoutQuery(appUrl)} within ${timeoutMs} ms`,
	);
}

const SAP_ICI_LINE = '+129';
const SAP_ICI_CALLER = '+358401234567';

/** SAP ICI Trigger: a phone line subscription at the OII simulator and its phoneCallChanged events. */
async function sapIciTriggerSteps(ctx) {
	const { expect, simulatorUrl } = ctx;
	let subscription;
	const subscribed = await ctx.step(
		`activation subscribes phone line ${SAP_ICI_LINE} at the OII simulator`,
		async () => {
			await ctx.activate();
			const { subscriptions } = await oii(simulatorUrl, 'GET', 'subscriptions');
			expect(
				subscriptions.length === 1,
				`expected one subscription, the simulator holds ${subscriptions.length}: ${JSON.stringify(subscriptions.map((s) => ({ ...s, appUrl: withoutQuery(s.appUrl) })))}`,
			);
			[subscription] = subscriptions;
			expect(
				subscription.kind === 'container' &&
					subscription.channelType === '1' &&
					subscription.containerId === SAP_ICI_LINE,
				`subscribed ${subscription.kind} ${subscription.channelType}/${subscription.containerId}`,
			);
			const url = new URL(subscription.appUrl);
			const expectedBase = `${ctx.n8nUrl}/webhook/`;
			expect(
				subscription.appUrl.startsWith(expectedBase),
				`appUrl ${withoutQuery(subscription.appUrl)} is not below ${expectedBase} (WEBHOOK_URL)`,
			);
			expect(
				url.pathname.endsWith('/ici-events'),
				`appUrl path ${url.pathname} is not the trigger's webhook`,
			);
			expect(
				[...url.searchParams.values()].some((v) => v.length >= 32),
				'the appUrl carries no secret',
			);
			expect(subscription.appId, 'the subscription has no appId');
			return `${withoutQuery(subscription.appUrl)} (appId ${subscription.appId})`;
		},
	);
	if (!subscribed) return;

	await ctx.step(
		`an inbound call on ${SAP_ICI_LINE} runs the workflow for each phoneCallChanged (Alerting, Ended)`,
		async () => {
			const call = await oii(simulatorUrl, 'POST', 'calls', {
				to: SAP_ICI_LINE,
				from: SAP_ICI_CALLER,
			});
			expect(call && call.callHandle, `the simulator placed no call: ${JSON.stringify(call)}`);
			await ctx.waitForExecutions(1);
			await oii(simulatorUrl, 'POST', `calls/${call.callHandle}/hangup`);
			const deliveries = await waitForDeliveries(simulatorUrl, subscription.appUrl, 2);
			for (const d of deliveries) {
				expect(d.operation === 'phoneCallChanged', `the simulator sent ${d.operation}`);
				expect(
					d.outcome === 'answered' && d.status === 200 && d.acknowledged,
					`event ${d.seq} was not acknowledged: ${d.outcome} ${d.status ?? ''} ${d.error ?? ''}`,
				);
			}
			const executions = (await ctx.waitForExecutions(2)).sort(
				(a, b) => Number(a.id) - Number(b.id),
			);
			await sleep(1000);
			const all = await ctx.waitForExecutions(2);
			expect(all.length === 2, `expected 2 executions, n8n has ${all.length}`);
			const statuses = [];
			for (const execution of executions) {
				expect(
					execution.status === 'success',
					`execution ${execution.id} ended with ${execution.status}`,
				);
				expect(
					execution.mode === 'webhook' || execution.mode === 'trigger',
					`execution ${execution.id} has mode ${execution.mode}`,
				);
				const items = await ctx.executionItems(execution.id, 'Call on Line +129');
				expect(items.length === 1, `execution ${execution.id}: ${items.length} trigger items`);
				const [item] = items;
				expect(item.event === 'phoneCallChanged', `event ${item.event}`);
				expect(
					JSON.stringify(item.appIds) === JSON.stringify([subscription.appId]),
					`appIds ${JSON.stringify(item.appIds)}`,
				);
				const phoneCall = item.phoneCall || {};
				expect(
					phoneCall.callHandle === call.callHandle,
					`callHandle ${phoneCall.callHandle}, the call is ${call.callHandle}`,
				);
				expect(
					phoneCall.lineNumber === SAP_ICI_LINE && phoneCall.inbound === true,
					`lineNumber ${phoneCall.lineNumber}, inbound ${phoneCall.inbound}`,
				);
				expect(
					JSON.stringify(phoneCall.remoteNumbers) === JSON.stringify([SAP_ICI_CALLER]),
					`remoteNumbers ${JSON.stringify(phoneCall.remoteNumbers)}`,
				);
				expect(
					typeof phoneCall.callStatus?.meaning === 'string' && phoneCall.callStatus.meaning !== '',
					`callStatus not decoded: ${JSON.stringify(phoneCall.callStatus)}`,
				);
				expect(
					Array.isArray(phoneCall.capabilities) && phoneCall.capabilities.every((c) => c.method),
					`capabilities not decoded: ${JSON.stringify(phoneCall.capabilities)}`,
				);
				const next = await ctx.executionItems(execution.id, 'Handle the Call Event');
				expect(
					next.length === 1 && next[0].phoneCall?.callHandle === call.callHandle,
					`"Handle the Call Event" got ${next.length} item(s)`,
				);
				statuses.push(`${phoneCall.callStatus.id} ${phoneCall.callStatus.name}`);
			}
			expect(
				JSON.stringify(statuses) === JSON.stringify(['3 Alerting', '4 Ended']),
				`call statuses ${JSON.stringify(statuses)}`,
			);
			return `executions ${executions.map((e) => e.id).join(', ')}: ${statuses.join(' → ')}`;
		},
	);

	await sapIciEventSteps(ctx, subscription.appUrl);

	await ctx.step('deactivation ends the subscription at the OII simulator', async () => {
		await ctx.deactivate();
		const { subscriptions } = await oii(simulatorUrl, 'GET', 'subscriptions');
		expect(
			subscriptions.length === 0,
			`the simulator still holds ${subscriptions.length} subscription(s)`,
		);
		const before = (await oii(simulatorUrl, 'GET', 'events')).events.length;
		const call = await oii(simulatorUrl, 'POST', 'calls', {
			to: SAP_ICI_LINE,
			from: SAP_ICI_CALLER,
		});
		await oii(simulatorUrl, 'POST', `calls/${call.callHandle}/hangup`);
		const after = (await oii(simulatorUrl, 'GET', 'events')).events.length;
		expect(
			after === before,
			`the simulator built ${after - before} event(s) for a call after deactivation`,
		);
		return 'no subscription left; a further call sends no event';
	});
}

/** While the editor waits for a test event: the test webhook's subscription, then a call on the line. */
async function sapIciTriggerTestEvent({ simulatorUrl }) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const { subscriptions } = await oii(simulatorUrl, 'GET', 'subscriptions');
		if (
			subscriptions.some(
				(s) => s.containerId === SAP_ICI_LINE && s.appUrl.includes('/webhook-test/'),
			)
		)
			break;
		if (Date.now() > deadline)
			throw new Error(
				`the editor's test run did not subscribe ${SAP_ICI_LINE} at the OII simulator`,
			);
		await sleep(300);
	}
	await oii(simulatorUrl, 'POST', 'calls', { to: SAP_ICI_LINE, from: SAP_ICI_CALLER });
}

/** A call to the jtel simulator's control API (`/__jtel/…`); returns the JSON answer. */
async function jtel(simulatorUrl, method, route, body) {
	const response = await fetch(`${simulatorUrl}/__jtel/${route}`, {
		method,
		headers: body ? { 'content-type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (response.status >= 400)
		throw new Error(
			`${method} /__jtel/${route} answered ${response.status}: ${text.slice(0, 300)}`,
		);
	return text ? JSON.parse(text) : undefined;
}

const ACD_TRIGGER_FILE = 'acd-dialler-trigger.workflow.json';
const ACD_TRIGGER_GROUP = 16;
const ACD_TRIGGER_CALLER = '49199123456789';
const ACD_TRIGGER_SERVICE = '4930123456';

/** The example's trigger node (its URL Secret and webhook ID make the URL pasted into jtel). */
function acdTriggerNode() {
	const workflow = require(`../../examples/${ACD_TRIGGER_FILE}`);
	return workflow.nodes.find((n) => n.type.endsWith('.acdDiallerTrigger'));
}

/** The URL pasted into the ACD group's REST Calls for one event kind (`webhook` or `webhook-test`). */
function acdTriggerUrl(n8nUrl, kind, { base = 'webhook', secret } = {}) {
	const node = acdTriggerNode();
	const value = secret ?? node.parameters.urlSecret;
	return `${n8nUrl}/${base}/${node.webhookId}/jtel-acd-events?secret=${encodeURIComponent(value)}&event=${kind}`;
}

/** ACD Dialler Trigger: the ACD group's REST calls of the jtel simulator post a callback and a voice mail to n8n. */
async function acdDiallerTriggerSteps(ctx) {
	const { expect, simulatorUrl, n8nUrl } = ctx;
	const triggerName = acdTriggerNode().name;
	await ctx.step(
		'activation registers the production URL: an event without the secret is answered 401',
		async () => {
			await ctx.activate();
			const refused = await jtel(simulatorUrl, 'POST', 'outbound', {
				url: acdTriggerUrl(n8nUrl, 'callback', { secret: 'not-the-secret-0000' }),
				event: { AcdEventsID: 1 },
			});
			expect(refused.status === 401, `answered ${refused.status} ${refused.answer}`);
			return `401 ${refused.answer}`;
		},
	);

	const events = {};
	await ctx.step(
		`ACD group ${ACD_TRIGGER_GROUP}'s REST calls post a callback and a voice mail; jtel gets 200 for each`,
		async () => {
			await jtel(simulatorUrl, 'POST', `groups/${ACD_TRIGGER_GROUP}/rest-calls`, {
				callbackUrl: acdTriggerUrl(n8nUrl, 'callback'),
				voiceMailUrl: acdTriggerUrl(n8nUrl, 'voiceMail'),
				foreignSystemId: 'SERVICE_B2B',
			});
			for (const [kind, route] of [
				['callback', 'callbacks'],
				['voiceMail', 'voice-mails'],
			]) {
				const arrived = await jtel(simulatorUrl, 'POST', `groups/${ACD_TRIGGER_GROUP}/${route}`, {
					Caller: ACD_TRIGGER_CALLER,
					ServiceNumbersNumber: ACD_TRIGGER_SERVICE,
					ServiceNumbersName: 'Service Hotline',
					dtCallStart: '2024-05-06T14:03:27',
					dtCallEnd: '2024-05-06T14:05:02',
					Subject: `e2e ${kind}`,
				});
				const delivery = arrived.delivery;
				expect(
					delivery && delivery.status === 200 && delivery.outcome === 'processed',
					`${kind}: ${JSON.stringify(delivery)}`,
				);
				const answer = JSON.parse(delivery.answer);
				expect(
					answer.received === true &&
						answer.started === true &&
						answer.event === kind &&
						answer.AcdEventsID === arrived.AcdEventsID,
					`${kind} answer ${delivery.answer}`,
				);
				events[kind] = arrived.AcdEventsID;
			}
			return `AcdEventsID callback ${events.callback}, voice mail ${events.voiceMail}`;
		},
	);

	await ctx.step('each event ran the workflow once with every documented field', async () => {
		const executions = (await ctx.waitForExecutions(2)).slice(0, 2).reverse();
		const seen = [];
		for (const execution of executions) {
			const [item, ...more] = await ctx.executionItems(execution.id, triggerName);
			expect(
				item && more.length === 0,
				`execution ${execution.id}: ${more.length + (item ? 1 : 0)} item(s)`,
			);
			const kind = item.event;
			const expected = {
				event: kind,
				AcdEventsID: events[kind],
				Caller: ACD_TRIGGER_CALLER,
				CallbackNumber: ACD_TRIGGER_CALLER,
				ServiceNumbersNumber: ACD_TRIGGER_SERVICE,
				ServiceNumbersName: 'Service Hotline',
				AcdGroupsID: ACD_TRIGGER_GROUP,
				AcdGroupsName: 'Rückruf Service',
				AcdGroupsForeignSystemID: 'SERVICE_B2B',
				dtCallStart: '2024-05-06T14:03:27',
				dtCallEnd: '2024-05-06T14:05:02',
				Subject: `e2e ${kind}`,
				Body: '',
				callStart: '2024-05-06T14:03:27',
				callEnd: '2024-05-06T14:05:02',
				secondsInSystem: 95,
			};
			for (const [field, value] of Object.entries(expected)) {
				expect(
					item[field] === value,
					`execution ${execution.id} ${field}: ${JSON.stringify(item[field])}, expected ${JSON.stringify(value)}`,
				);
			}
			expect(
				item.phoneNumbers?.Caller?.withPlus === `+${ACD_TRIGGER_CALLER}`,
				`phoneNumbers ${JSON.stringify(item.phoneNumbers)}`,
			);
			const next = await ctx.executionItems(execution.id, 'Handle the ACD Event');
			expect(
				next.length === 1 && next[0].AcdEventsID === events[kind],
				`"Handle the ACD Event" got ${next.length} item(s)`,
			);
			seen.push(`${execution.id} ${kind}`);
		}
		expect(
			JSON.stringify(seen.map((s) => s.split(' ')[1]).sort()) ===
				JSON.stringify(['callback', 'voiceMail']),
			`kinds ${seen.join(', ')}`,
		);
		return seen.join(', ');
	});

	await ctx.step('deactivation: jtel gets 404 from n8n and no execution starts', async () => {
		await ctx.deactivate();
		const before = (await ctx.waitForExecutions(2)).length;
		const arrived = await jtel(simulatorUrl, 'POST', `groups/${ACD_TRIGGER_GROUP}/callbacks`, {
			Caller: ACD_TRIGGER_CALLER,
		});
		expect(arrived.delivery.status === 404, `answered ${arrived.delivery.status}`);
		await sleep(1000);
		const after = (await ctx.waitForExecutions(before)).length;
		expect(after === before, `${after - before} execution(s) after deactivation`);
		return `404 (${arrived.delivery.outcome}), ${after} execution(s)`;
	});
}

/** While the editor waits for a test event: the simulator posts a callback to the test URL until n8n listens. */
async function acdDiallerTriggerTestEvent({ simulatorUrl, n8nUrl }) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const delivery = await jtel(simulatorUrl, 'POST', 'outbound', {
			url: acdTriggerUrl(n8nUrl, 'callback', { base: 'webhook-test' }),
			kind: 'callback',
			event: {
				Caller: ACD_TRIGGER_CALLER,
				AcdGroupsID: ACD_TRIGGER_GROUP,
				AcdEventsID: 1,
				Subject: 'editor test event',
			},
		});
		if (delivery.status === 200) return;
		if (Date.now() > deadline)
			throw new Error(`the editor's test URL answered ${delivery.status}, not 200`);
		await sleep(500);
	}
}

const TRIGGERS = [
	{
		nodeType: 'sapIciTrigger',
		file: 'sap-ici-trigger.workflow.json',
		system: 'oii',
		steps: sapIciTriggerSteps,
		testEvent: sapIciTriggerTestEvent,
	},
	{
		nodeType: 'acdDiallerTrigger',
		file: ACD_TRIGGER_FILE,
		system: 'jtel',
		steps: acdDiallerTriggerSteps,
		testEvent: acdDiallerTriggerTestEvent,
	},
];

/** Waits until n8n has finished (un)publishing a workflow; returns the publication status. */
async function settledPublication(rest, workflowId, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let status;
	while (Date.now() < deadline) {
		status = await rest.ok('GET', `/rest/workflows/${workflowId}/publication-status`);
		if (status.status !== 'in_progress') return status;
		await sleep(300);
	}
	throw new Error(
		`n8n did not finish publishing ${workflowId} within ${timeoutMs} ms: ${JSON.stringify(status)}`,
	);
}

/**
 * Publishes (activates) a workflow through the editor's REST API and waits until n8n has
 * activated every trigger of it (webhooks registered, `checkExists`/`create` run); throws with
 * the trigger's error message otherwise.
 */
async function activate(rest, workflowId) {
	const workflow = await rest.ok('GET', `/rest/workflows/${workflowId}`);
	await rest.ok('POST', `/rest/workflows/${workflowId}/activate`, {
		versionId: workflow.versionId,
	});
	const status = await settledPublication(rest, workflowId);
	const failed = (status.triggers || []).filter((t) => t.status !== 'activated');
	if (status.status !== 'published' || failed.length > 0) {
		throw new Error(
			`activation of ${workflowId} failed: ${failed.map((t) => t.errorMessage || t.status).join('; ') || status.status}`,
		);
	}
	return status;
}

/** Unpublishes (deactivates) a workflow and waits until n8n has removed its triggers. */
async function deactivate(rest, workflowId) {
	await rest.ok('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	const status = await settledPublication(rest, workflowId);
	if (status.liveVersionId)
		throw new Error(
			`${workflowId} is still published after deactivation: ${JSON.stringify(status)}`,
		);
	return status;
}

async function listExecutions(rest, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.ok('GET', `/rest/executions?filter=${filter}&limit=100`);
	return page.results ?? [];
}

/** Waits until the workflow has at least `count` finished executions; returns them (newest first). */
async function waitForExecutions(rest, workflowId, count, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = (await listExecutions(rest, workflowId)).filter(
			(e) => e.finished || e.status === 'success' || e.status === 'error',
		);
		if (executions.length >= count) return executions;
		await sleep(500);
	}
	throw new Error(
		`expected ${count} execution(s) of ${workflowId} within ${timeoutMs} ms, saw ${executions.length}`,
	);
}

/** The output items (json) of one node in one execution (n8n stores run data as `flatted`). */
async function executionItems(rest, parse, executionId, nodeName) {
	const execution = await rest.ok('GET', `/rest/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	const runs = data?.resultData?.runData?.[nodeName];
	expect(runs && runs.length > 0, `execution ${executionId} has no run of "${nodeName}"`);
	return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json));
}

module.exports = {
	TRIGGERS,
	activate,
	deactivate,
	executionItems,
	listExecutions,
	waitForExecutions,
};
