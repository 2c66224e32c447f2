'use strict';
/**
 * What `npm run e2e:queue` counts with: n8n's execution records of the SAP ICI Trigger workflow in
 * Postgres, the OII simulator's deliveries, and the stalled jobs the webhook process logs.
 */
const fs = require('node:fs');

const { LOG, TRIGGER_WORKFLOW_ID } = require('./e2eQueueSettings');
const { simulatorControl } = require('./simulators');

/** Deliveries of the OII simulator in the `seq` range of a burst. */
async function burstDeliveries(oiiUrl, burst) {
	const { deliveries } = await simulatorControl(oiiUrl, 'GET', '/__oii/deliveries');
	return deliveries.filter((d) => d.seq >= burst.firstSeq && d.seq <= burst.lastSeq);
}

/** Executions of the trigger workflow with an id above `afterId`, from Postgres. */
async function triggerExecutions(postgres, afterId) {
	const { stdout } = await postgres.psql(
		`select id, status, mode, coalesce(round(extract(epoch from "stoppedAt") * 1000), 0) from execution_entity where "workflowId" = '${TRIGGER_WORKFLOW_ID}' and id > ${afterId} order by id`,
	);
	return stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode, stoppedAt] = line.split('|');
			return { id, status, mode, stoppedAt: Number(stoppedAt) };
		});
}

async function lastExecutionId(postgres) {
	return Number(
		(await postgres.psql('select coalesce(max(id), 0) from execution_entity')).stdout.trim(),
	);
}

/** execution id → the burst call handles its stored run data holds. */
async function callHandlesOf(postgres, afterId, handles) {
	const { stdout } = await postgres.psql(
		`select d."executionId", d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${TRIGGER_WORKFLOW_ID}' and e.id > ${afterId}`,
	);
	const byExecution = new Map();
	for (const line of stdout.split('\n')) {
		const bar = line.indexOf('|');
		if (bar < 0) continue;
		const found = new Set(
			(line.slice(bar + 1).match(/[0-9A-F]{32}/g) || []).filter((h) => handles.has(h)),
		);
		byExecution.set(line.slice(0, bar), [...found]);
	}
	return byExecution;
}

/** Executions the webhook process recorded as failed because their job stalled (its worker died). */
function stalledExecutions(afterId) {
	const ids = new Set();
	for (const match of fs
		.readFileSync(LOG.webhook, 'utf8')
		.matchAll(/job stalled more than maxStalledCount \(execution (\d+)\)/g)) {
		if (Number(match[1]) > afterId) ids.add(match[1]);
	}
	return ids;
}

module.exports = {
	burstDeliveries,
	callHandlesOf,
	lastExecutionId,
	stalledExecutions,
	triggerExecutions,
};
