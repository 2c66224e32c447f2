'use strict';
/**
 * The n8n editor in a real browser (Debian Chromium driven by playwright-core, headless): log in
 * as the owner, open an example workflow holding each node of the pack, check that the node is
 * known and its icon loaded (on the canvas and in the parameter panel), open its parameter panel
 * and take a screenshot per node.
 */
const fs = require('node:fs');
const path = require('node:path');

const { expect } = require('../../scripts/lib/checks');
const { run, say } = require('../../scripts/lib/util');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

/** Debian's Chromium; installed with apt-get when missing and running as root. */
async function ensureChromium(logFile) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || CHROMIUM !== '/usr/bin/chromium') {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`,
		);
	}
	say(
		"e2e: /usr/bin/chromium is missing; installing Debian's chromium package with apt-get (running as root)…",
	);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update', '-qq'], { env, logFile });
	await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
		env,
		logFile,
	});
	if (!fs.existsSync(CHROMIUM))
		throw new Error('apt-get installed chromium but /usr/bin/chromium is still missing');
	say('e2e: chromium installed');
	return CHROMIUM;
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error(
			'playwright-core is not installed: run npm ci (it is a devDependency of the pack)',
		);
	}
}

async function launch(logFile, userDataDir) {
	const executablePath = await ensureChromium(logFile);
	const { chromium } = loadPlaywright();
	fs.rmSync(userDataDir, { recursive: true, force: true });
	fs.mkdirSync(userDataDir, { recursive: true });
	return await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
}

async function logIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('#emailOrLdapLoginId').fill(owner.email);
	await page.locator('#password').fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'attached', timeout: 60000 });
	// let icons and fonts settle, then show the whole workflow
	await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
	await page
		.locator('[data-test-id="zoom-to-fit"]')
		.click()
		.catch(() => undefined);
	await page.waitForTimeout(400);
}

function slug(workflow) {
	return path.basename(workflow.file, '.json').replace(/\.workflow$/, '');
}

/** The icon `<img>` elements inside `root` and whether each is loaded. */
async function icons(locator) {
	return await locator.locator('img').evaluateAll((images) =>
		images.map((img) => ({
			src: img.getAttribute('src') || '',
			loaded: img.complete && img.naturalWidth > 0,
		})),
	);
}

/**
 * Checks that a node on the canvas is a known node of the pack with its icon loaded, then opens
 * its parameter panel and checks it too. Returns a description; throws on the first problem.
 */
async function inspectNode(page, { nodeName, iconPrefix, screenshot }) {
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	expect((await canvasNode.count()) === 1, `node "${nodeName}" is not on the canvas`);
	await canvasNode.scrollIntoViewIfNeeded().catch(() => undefined);
	const canvasIcons = await icons(canvasNode.locator('.n8n-node-icon'));
	const canvasIcon = canvasIcons.find((icon) => icon.src.includes(iconPrefix));
	expect(
		canvasIcon,
		`canvas shows no icon from ${iconPrefix} for "${nodeName}" (icons: ${JSON.stringify(canvasIcons)})`,
	);
	expect(canvasIcon.loaded, `canvas icon ${canvasIcon.src} of "${nodeName}" did not load`);

	await canvasNode.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 20000 });
	await page
		.locator('[data-test-id="node-not-installed"], [data-test-id="parameter-input"]')
		.first()
		.waitFor({ timeout: 20000 });
	const notInstalled = await page.locator('[data-test-id="node-not-installed"]').count();
	expect(notInstalled === 0, `the parameter panel of "${nodeName}" says the node is not installed`);
	const parameters = await ndv.locator('[data-test-id="parameter-input"]').count();
	expect(parameters > 0, `the parameter panel of "${nodeName}" shows no parameters`);
	await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => undefined);
	const panelIcons = await icons(ndv);
	const panelIcon = panelIcons.find((icon) => icon.src.includes(iconPrefix));
	expect(
		panelIcon && panelIcon.loaded,
		`the parameter panel of "${nodeName}" shows no loaded icon from ${iconPrefix}`,
	);
	if (screenshot) await page.screenshot({ path: screenshot });
	await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
	return `${parameters} parameters`;
}

/**
 * @param {object} options
 * @param {import('../../scripts/lib/checks').Checks} options.checks
 * @param {string} options.baseUrl          n8n editor URL
 * @param {{email: string, password: string}} options.owner
 * @param {Array<{type: string, displayName: string}>} options.nodeTypes  the pack's node types
 * @param {Array<{id: string, name: string, workflow: object}>} options.workflows  imported examples
 * @param {{id: string, nodeName: string}} options.control  a workflow with a node type that does not exist
 * @param {string} options.packageName
 * @param {string} options.screenshotDir
 * @param {string} options.workDir
 * @param {string} options.logFile
 * @param {(browser: object) => void} options.onBrowser  receives the browser context (for teardown)
 * @param {(workflow: object) => Promise<void>} [options.beforeRun]  before a workflow is run from the editor
 * @param {(workflow: object) => Promise<void>} [options.duringRun]  after "Execute workflow" was clicked (a
 *   trigger workflow waits for its test event)
 */
async function runEditorChecks(options) {
	const {
		checks,
		baseUrl,
		owner,
		nodeTypes,
		workflows,
		control,
		packageName,
		screenshotDir,
		workDir,
		logFile,
	} = options;
	const iconPrefix = `/icons/${packageName}/`;
	let context;
	const started = await checks.run('editor: Chromium starts headless', async () => {
		context = await launch(logFile, path.join(workDir, 'chromium-profile'));
		options.onBrowser(context);
		return (await context.browser()?.version()) || 'persistent context';
	});
	if (!started) return;
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30000);
	const loggedIn = await checks.run('editor: owner logs in through the sign-in form', async () => {
		await logIn(page, baseUrl, owner);
		return page.url();
	});
	if (!loggedIn) return;

	for (const workflow of workflows) {
		await checks.run(`editor: workflow "${workflow.name}" opens`, async () => {
			await openWorkflow(page, baseUrl, workflow.id);
			const count = await page.locator('[data-test-id="canvas-node"]').count();
			expect(
				count === workflow.workflow.nodes.length,
				`canvas shows ${count} of ${workflow.workflow.nodes.length} nodes`,
			);
			const file = path.join(screenshotDir, `workflow-${slug(workflow)}.png`);
			await page.screenshot({ path: file });
			return path.relative(process.cwd(), file);
		});
		await checks.run(
			`editor: "Execute workflow" runs "${workflow.name}" and every node succeeds`,
			async () => {
				if (options.beforeRun) await options.beforeRun(workflow);
				await openWorkflow(page, baseUrl, workflow.id);
				const expected = workflow.workflow.nodes.length;
				await page.locator('[data-test-id="execute-workflow-button"]').click();
				if (options.duringRun) await options.duringRun(workflow);
				const done = await page
					.waitForFunction(
						(count) =>
							document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >=
							count,
						expected,
						{ timeout: 90000 },
					)
					.then(() => true)
					.catch(() => false);
				const succeeded = await page.locator('[data-test-id="canvas-node-status-success"]').count();
				const file = path.join(screenshotDir, `run-${slug(workflow)}.png`);
				await page.waitForTimeout(500);
				await page.screenshot({ path: file });
				expect(
					done,
					`${succeeded} of ${expected} nodes show success (see ${path.relative(process.cwd(), file)})`,
				);
				return path.relative(process.cwd(), file);
			},
		);
	}

	for (const nodeType of nodeTypes) {
		const holder = workflows.find((w) => w.workflow.nodes.some((n) => n.type === nodeType.type));
		await checks.run(
			`editor: ${nodeType.displayName} (${nodeType.type}) shows with its icon and parameter panel`,
			async () => {
				expect(holder, `no example workflow contains ${nodeType.type}`);
				const node = holder.workflow.nodes.find((n) => n.type === nodeType.type);
				await openWorkflow(page, baseUrl, holder.id);
				const file = path.join(screenshotDir, `node-${nodeType.type.split('.').pop()}.png`);
				const detail = await inspectNode(page, {
					nodeName: node.name,
					iconPrefix,
					screenshot: file,
				});
				return `${detail}; ${path.relative(process.cwd(), file)}`;
			},
		);
	}

	// The same inspection must reject a node type the pack does not have.
	await checks.run(
		'editor: a node type the pack does not have is detected as unknown',
		async () => {
			await openWorkflow(page, baseUrl, control.id);
			let rejected;
			try {
				await inspectNode(page, { nodeName: control.nodeName, iconPrefix });
			} catch (error) {
				rejected = error;
			}
			await page.keyboard.press('Escape');
			expect(rejected, 'the inspection accepted a node type that does not exist');
			return String(rejected.message).split('\n')[0];
		},
	);
}

module.exports = { runEditorChecks };
