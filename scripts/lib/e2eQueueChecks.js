'use strict';
/**
 * The checks of `npm run e2e:queue` on a running queue-mode instance, apart from the bursts: the
 * examples run from main and executed by workers, the SAP ICI Trigger across main, the webhook
 * process and the workers, and Akixi's session reuse per worker.
 */
const fs = require('node:fs');
const path = require('node:path');

const { EXAMPLES } = require('../../test/e2e/examples.e2e');
const triggers = require('../../test/e2e/triggers.e2e');
const { expect, short } = require('./checks');
const {
	AKIXI_SESSION_WORKFLOW,
	CALLER,
	LOG,
	PORTS,
	SAP_ICI_LINE,
	TRIGGER_WORKFLOW_ID,
} = require('./e2eQueueSettings');
const { callHandlesOf, lastExecutionId, triggerExecutions } = require('./e2eQueueRecords');
const { checkNodeOutputs, errorSummary } = require('./exampleChecks');
const { simulatorControl } = require('./simulators');
const { say, sleep } = require('./util');

/** Runs a workflow from its manual trigger through main's REST API; resolves with the finished execution. */
async function runManually(rest, workflow, parse, timeoutMs = 120000) {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	expect(trigger, `${workflow.name} has no manual trigger`);
	const started = await rest.ok('POST', `/rest/workflows/${workflow.id}/run`, {
		triggerToStartFrom: { name: trigger.name },
	});
	expect(started?.executionId, `n8n did not start an execution: ${short(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await rest.ok('GET', `/rest/executions/${started.executionId}`);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) {
			const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
			return { id: String(started.executionId), execution, data };
		}
		if (Date.now() > deadline)
			throw new Error(
				`execution ${started.executionId} did not finish within ${timeoutMs} ms (status ${execution?.status})`,
			);
		await sleep(300);
	}
}

/** Runs every example that is not a trigger's from main; a worker executes it. */
async function checkExamples(checks, topology, rest, parse, workflows, simulatorUrls, pack) {
	const triggerFiles = new Set(triggers.TRIGGERS.map((t) => t.file));
	const packNodeTypes = new Set(pack.map((n) => n.type));
	for (const workflow of workflows) {
		const name = path.basename(workflow.file);
		if (triggerFiles.has(name)) continue;
		const example = EXAMPLES.find((e) => e.file === name);
		if (
			!example &&
			!workflow.workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')
		) {
			say(
				`  skip  ${name}: no manual trigger and no entry in test/e2e/examples.e2e.js (not run from main)`,
			);
			continue;
		}
		if (!example) {
			checks.fail(name, 'test/e2e/examples.e2e.js has no entry for this example');
			continue;
		}
		const simulatorUrl = simulatorUrls[example.system];
		await simulatorControl(simulatorUrl, 'POST', 'reset');
		let result;
		const ran = await checks.run(`${name}: runs on a worker`, async () => {
			result = await runManually(rest, workflow.workflow, parse);
			const error = result.data?.resultData?.error;
			expect(
				result.execution.status === 'success',
				`execution ${result.id} ended ${result.execution.status}${error ? `: ${error.message}` : ''}`,
			);
			const workers = await topology.workerOf(result.id);
			expect(
				workers.length === 1,
				`execution ${result.id} is named by ${workers.length} worker logs`,
			);
			return `execution ${result.id} on ${workers[0].name} ("Worker started execution ${result.id}")`;
		});
		if (!ran && !result) continue;
		await checkNodeOutputs(checks, name, {
			workflow: workflow.workflow,
			example,
			data: result.data,
			packNodeTypes,
		});
		for (const failure of example.failures || []) {
			await checks.run(`${name}: ${failure.title}`, async () => {
				await simulatorControl(simulatorUrl, 'POST', 'reset');
				await simulatorControl(simulatorUrl, 'POST', failure.faultPath || 'faults', failure.fault);
				try {
					const failed = await runManually(rest, workflow.workflow, parse);
					expect(
						failed.execution.status === 'error',
						`execution ${failed.id} ended ${failed.execution.status}`,
					);
					expect(failed.data?.resultData?.error, 'n8n recorded no error');
					const summary = errorSummary(failed.data);
					await failure.check(summary);
					const workers = await topology.workerOf(failed.id);
					expect(
						workers.length === 1,
						`execution ${failed.id} is named by ${workers.length} worker logs`,
					);
					return `${workers[0].name}: ${short(summary.message, 120)}`;
				} finally {
					await simulatorControl(simulatorUrl, 'DELETE', 'faults');
					await simulatorControl(simulatorUrl, 'POST', 'reset');
				}
			});
		}
	}
}

async function checkTrigger(checks, topology, rest, parse, oiiUrl, webhookUrl) {
	const label = (name) => `SAP ICI Trigger (queue mode): ${name}`;
	const entry = triggers.TRIGGERS.find((t) => t.nodeType === 'sapIciTrigger');
	const seen = new Set();
	const ctx = {
		workflowId: TRIGGER_WORKFLOW_ID,
		simulatorUrl: oiiUrl,
		n8nUrl: webhookUrl,
		rest,
		expect,
		activate: () => triggers.activate(rest, TRIGGER_WORKFLOW_ID),
		deactivate: () => triggers.deactivate(rest, TRIGGER_WORKFLOW_ID),
		waitForExecutions: async (count, timeoutMs) => {
			const executions = await triggers.waitForExecutions(
				rest,
				TRIGGER_WORKFLOW_ID,
				count,
				timeoutMs,
			);
			for (const e of executions) seen.add(String(e.id));
			return executions;
		},
		executionItems: (executionId, nodeName) =>
			triggers.executionItems(rest, parse, executionId, nodeName),
		step: (name, fn) => checks.run(label(name), fn),
	};
	try {
		// activation on main, one subscription whose appUrl is the webhook process; events; deactivation
		try {
			await entry.steps(ctx);
		} catch (error) {
			checks.fail(label('the steps of test/e2e/triggers.e2e.js'), error?.stack || String(error));
		}
		await checks.run(label('the events ran on workers (from the worker logs)'), async () => {
			expect(seen.size >= 2, `saw ${seen.size} executions`);
			const names = [];
			for (const id of seen) {
				const workers = await topology.workerOf(id);
				expect(workers.length === 1, `execution ${id} is named by ${workers.length} worker logs`);
				names.push(`${id} on ${workers[0].name}`);
			}
			return names.join(', ');
		});

		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
		await checks.run(
			label('main serves no production webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)'),
			async () => {
				await triggers.activate(rest, TRIGGER_WORKFLOW_ID);
				const { subscriptions } = await simulatorControl(oiiUrl, 'GET', '/__oii/subscriptions');
				expect(
					subscriptions.length === 1,
					`the simulator holds ${subscriptions.length} subscriptions after activation`,
				);
				const appUrl = new URL(subscriptions[0].appUrl);
				const onMain = await fetch(
					`http://127.0.0.1:${PORTS.main}${appUrl.pathname}${appUrl.search}`,
					{ method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' },
				);
				expect(
					onMain.status === 404,
					`main answered ${onMain.status} on the production webhook path`,
				);
				return `POST ${appUrl.pathname} on main: 404; the subscription names port ${appUrl.port}`;
			},
		);

		await checks.run(
			label('subscriptionEnded (shut-down) reaches the webhook process, which subscribes again'),
			async () => {
				const before = (await simulatorControl(oiiUrl, 'GET', '/__oii/subscriptions'))
					.subscriptions;
				expect(before.length === 1, `the simulator holds ${before.length} subscriptions`);
				const { events: eventsBefore } = await simulatorControl(oiiUrl, 'GET', '/__oii/events');
				const lastSeq = eventsBefore.length ? eventsBefore[eventsBefore.length - 1].seq : 0;
				await simulatorControl(oiiUrl, 'POST', '/__oii/subscriptions/end', { reason: 1 });
				const deadline = Date.now() + 30000;
				let subscriptions = [];
				while (Date.now() < deadline) {
					subscriptions = (await simulatorControl(oiiUrl, 'GET', '/__oii/subscriptions'))
						.subscriptions;
					if (subscriptions.length > 0) break;
					await sleep(200);
				}
				expect(
					subscriptions.length === 1,
					`the simulator holds ${subscriptions.length} subscriptions after subscriptionEnded`,
				);
				const [again] = subscriptions;
				expect(
					again.appUrl === before[0].appUrl &&
						again.appId === before[0].appId &&
						again.containerId === SAP_ICI_LINE,
					'subscribed again under another appUrl, appId or line',
				);
				const { deliveries } = await simulatorControl(oiiUrl, 'GET', '/__oii/deliveries');
				const ended = deliveries.find(
					(d) => d.seq > lastSeq && d.operation === 'subscriptionEnded',
				);
				expect(
					ended && ended.acknowledged && ended.appUrl.startsWith(`${webhookUrl}/webhook/`),
					`subscriptionEnded was not acknowledged by the webhook process: ${short(ended)}`,
				);
				const webhookLog = fs.readFileSync(LOG.webhook, 'utf8');
				expect(
					!/subscribing again after subscriptionEnded failed/.test(webhookLog),
					'the webhook process logs a failed resubscription',
				);
				return `acknowledged in ${ended.durationMs} ms; ${SAP_ICI_LINE} subscribed again under the same appUrl and appId`;
			},
		);

		await checks.run(
			label('after subscribing again, a call still runs the workflow on a worker'),
			async () => {
				const lastId = await lastExecutionId(topology.postgres);
				const call = await simulatorControl(oiiUrl, 'POST', '/__oii/calls', {
					to: SAP_ICI_LINE,
					from: CALLER,
				});
				const deadline = Date.now() + 30000;
				let executions = [];
				while (Date.now() < deadline) {
					executions = (await triggerExecutions(topology.postgres, lastId)).filter(
						(e) => e.status === 'success',
					);
					if (executions.length > 0) break;
					await sleep(300);
				}
				expect(executions.length === 1, `${executions.length} successful executions for the call`);
				const handles = await callHandlesOf(topology.postgres, lastId, new Set([call.callHandle]));
				expect(
					(handles.get(executions[0].id) || []).includes(call.callHandle),
					'the execution does not carry the call',
				);
				const workers = await topology.workerOf(executions[0].id);
				expect(
					workers.length === 1,
					`execution ${executions[0].id} is named by ${workers.length} worker logs`,
				);
				return `execution ${executions[0].id} (${executions[0].mode}) on ${workers[0].name}`;
			},
		);

		await checks.run(
			label('deactivation from main ends every subscription (nothing left at the simulator)'),
			async () => {
				await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID);
				const { subscriptions } = await simulatorControl(oiiUrl, 'GET', '/__oii/subscriptions');
				expect(
					subscriptions.length === 0,
					`the simulator still holds ${subscriptions.length} subscription(s)`,
				);
				return 'no subscription left';
			},
		);
	} finally {
		await triggers.deactivate(rest, TRIGGER_WORKFLOW_ID).catch(() => undefined);
	}
}

/**
 * A workflow of the Akixi example's manual trigger and its "List Omnichannel Integrations" node
 * only: one Akixi call per execution, for counting logins.
 */
function akixiSessionWorkflow(workflows) {
	const akixiExample = workflows.find((w) => path.basename(w.file) === 'akixi.workflow.json');
	return {
		id: AKIXI_SESSION_WORKFLOW,
		name: 'e2e-queue: Akixi session reuse',
		nodes: akixiExample.workflow.nodes.filter(
			(n) =>
				n.type === 'n8n-nodes-base.manualTrigger' || n.name === 'List Omnichannel Integrations',
		),
		connections: {
			[akixiExample.workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name]: {
				main: [[{ node: 'List Omnichannel Integrations', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

async function checkAkixiSessions(checks, topology, rest, parse, akixiUrl, workflow) {
	await checks.run(
		'Akixi (username + password): each worker logs in once and reuses its session',
		async () => {
			await simulatorControl(akixiUrl, 'POST', 'reset');
			// every login opens a session (POST /session, then GET /login); the seed state holds one already
			const baseline = (await simulatorControl(akixiUrl, 'GET', 'state')).sessions.length;
			const runs = await Promise.all(
				Array.from({ length: 8 }, () => runManually(rest, workflow, parse)),
			);
			// a second round, after every worker holds a session
			runs.push(
				...(await Promise.all(Array.from({ length: 4 }, () => runManually(rest, workflow, parse)))),
			);
			const perWorker = {};
			for (const run of runs) {
				expect(
					run.execution.status === 'success',
					`execution ${run.id} ended ${run.execution.status}`,
				);
				const workers = await topology.workerOf(run.id);
				expect(
					workers.length === 1,
					`execution ${run.id} is named by ${workers.length} worker logs`,
				);
				perWorker[workers[0].name] = (perWorker[workers[0].name] || 0) + 1;
			}
			const state = await simulatorControl(akixiUrl, 'GET', 'state');
			const logins = state.sessions.length - baseline;
			const authenticated =
				state.sessions.filter((s) => s.status === 'authenticated').length - baseline;
			const workersUsed = Object.keys(perWorker).length;
			expect(
				logins === workersUsed && authenticated === workersUsed,
				`${logins} logins (${authenticated} authenticated sessions) at the simulator for ${runs.length} executions on ${workersUsed} worker(s)`,
			);
			return `${runs.length} executions (${Object.entries(perWorker)
				.sort()
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')}), ${logins} logins`;
		},
	);
}

/**
 * Not a check: after the simulator ended every session (reset), how many logins concurrent
 * executions on the workers make to get going again.
 */
async function noteAkixiRelogins(topology, rest, parse, akixiUrl, workflow) {
	try {
		await simulatorControl(akixiUrl, 'POST', 'reset');
		const baseline = (await simulatorControl(akixiUrl, 'GET', 'state')).sessions.length;
		const runs = await Promise.all(
			Array.from({ length: 8 }, () => runManually(rest, workflow, parse)),
		);
		const workers = new Set();
		for (const run of runs) for (const w of await topology.workerOf(run.id)) workers.add(w.name);
		const state = await simulatorControl(akixiUrl, 'GET', 'state');
		const logins = state.sessions.length - baseline;
		say(
			`  note  Akixi sessions ended at the server (simulator reset): 8 concurrent executions on ${workers.size} worker(s) logged in ${logins} time(s); ${runs.filter((r) => r.execution.status === 'success').length} succeeded`,
		);
	} catch (error) {
		say(`  note  Akixi re-login after ended sessions not measured: ${error.message}`);
	}
}

module.exports = {
	akixiSessionWorkflow,
	checkAkixiSessions,
	checkExamples,
	checkTrigger,
	noteAkixiRelogins,
	runManually,
};
