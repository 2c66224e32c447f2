'use strict';
/**
 * Where `npm run e2e:queue` runs: its ports (apart from `npm start`'s and `npm run e2e`'s), folders
 * and logs, the burst size, and the workflows and phone numbers its checks use.
 */
const os = require('node:os');
const path = require('node:path');

const { RUNTIME_DIR } = require('../n8n-env');
const { SYSTEMS } = require('./systems');

const PORTS = {
	main: 25678,
	mainBroker: 25679,
	webhook: 25690,
	webhookBroker: 25691,
	workers: [
		{ broker: 25681, health: 25682 },
		{ broker: 25683, health: 25684 },
	],
	postgres: 25432,
	redis: 26379,
	single: 25700,
	singleBroker: 25701,
};
/** The simulators: the `npm run e2e` ports plus 20000 (38091–38094). */
const SIMULATOR_PORTS = Object.fromEntries(SYSTEMS.map((s) => [s.key, s.e2ePort + 20000]));
const WORKER_CONCURRENCY = 5;
const BURST = Number(process.env.E2E_QUEUE_BURST || 1000);
/** POSTs the OII simulator keeps under way at once during a burst. */
const BURST_DELIVERY_CONCURRENCY = 16;
const SAP_ICI_LINE = '+129';
const CALLER = '+358401234567';

const WORK_DIR = path.join(RUNTIME_DIR, 'e2e-queue');
// outside the repository: see userFoldersDir() in scripts/lib/n8n.js
const DATA_DIR = path.join(os.tmpdir(), `n8n-nodes-contact-center-e2e-queue-${process.pid}`);
const USER_FOLDER = path.join(DATA_DIR, 'user');
const SINGLE_USER_FOLDER = path.join(DATA_DIR, 'single');
/** The run's logs; each n8n process of the queue-mode instance logs to WORK_DIR/n8n-<name>.log. */
const LOG = {
	setup: path.join(WORK_DIR, 'setup.log'),
	simulators: path.join(WORK_DIR, 'simulators.log'),
	cli: path.join(WORK_DIR, 'n8n-cli.log'),
	webhook: path.join(WORK_DIR, 'n8n-webhook.log'),
	single: path.join(WORK_DIR, 'n8n-single.log'),
};

/** The example workflow of the SAP ICI Trigger. */
const TRIGGER_WORKFLOW_ID = 'ccExampleSapIciT';
/** The workflow of the Akixi session checks, built from the Akixi example. */
const AKIXI_SESSION_WORKFLOW = 'ccQueueAkixiSess';

module.exports = {
	AKIXI_SESSION_WORKFLOW,
	BURST,
	BURST_DELIVERY_CONCURRENCY,
	CALLER,
	DATA_DIR,
	LOG,
	PORTS,
	SAP_ICI_LINE,
	SIMULATOR_PORTS,
	SINGLE_USER_FOLDER,
	TRIGGER_WORKFLOW_ID,
	USER_FOLDER,
	WORKER_CONCURRENCY,
	WORK_DIR,
};
