'use strict';
/**
 * The pack as AI-agent tools: examples/mcp-server.workflow.json ("contact-center MCP server") is
 * published in the running n8n, and the official MCP client (@modelcontextprotocol/sdk, over
 * streamable HTTP) connects to its production URL /mcp/<path>. It lists the tools and checks their
 * names, descriptions and input schemas, calls each tool with arguments a model would give and
 * checks the effect in the simulator's state through the simulators' control APIs, and calls tools
 * with bad arguments, which must come back as tool errors with a clear text while n8n's execution
 * still succeeds.
 *
 * Every check is one e2e line; the tool list as the client saw it is printed and written to
 * `<work dir>/mcp-tools.json`.
 */
const fs = require('node:fs');
const path = require('node:path');

const { expect, short } = require('../../scripts/lib/checks');
const { say, sleep } = require('../../scripts/lib/util');
const { packTypes } = require('../../scripts/lib/pack');

const FILE = 'mcp-server.workflow.json';
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The tools the example exposes, with the arguments a model fills (`$fromAI` keys and types):
 * `required` must be given, `optional` have a default. `formats` are arguments whose description
 * must name their format.
 */
const TOOLS = {
	akixi_list_omnichannel_integrations: { required: { telSysId: 'number', partitionId: 'number' } },
	akixi_get_omnichannel_integration: { required: { uniqueId: 'string' } },
	tvox_start_session: {
		required: { channelId: 'number', serviceCode: 'string' },
		optional: { contactValue: 'string', description: 'string' },
		formats: { contactValue: /E\.164/ },
	},
	tvox_check_session_state: { required: { sessionId: 'string' } },
	tvox_close_session: { required: { sessionId: 'string' } },
	sap_ici_get_user: { required: { userId: 'string' } },
	sap_ici_set_workmode: {
		required: { userId: 'string', workmode: 'string' },
		formats: { workmode: /1 logged off, 2 logged on and ready, 3/ },
	},
	sap_ici_create_phone_call: { required: { lineNumber: 'string' } },
	sap_ici_dial: {
		required: { lineNumber: 'string', callHandle: 'string', number: 'string' },
		formats: { number: /E\.164/, callHandle: /32 hexadecimal/ },
	},
	sap_ici_create_callback: {
		required: { number: 'string', queue: 'string' },
		optional: { callTime: 'string', notes: 'string' },
		formats: { number: /E\.164/, callTime: /UTC.*YYYY-MM-DD HH:MM:SS/ },
	},
	sap_ici_get_callbacks: {},
	jtel_create_acd_event: {
		required: { eventTypeId: 'number', acdGroupId: 'number', sender: 'string', subject: 'string' },
		optional: { body: 'string' },
		formats: { sender: /E\.164/, eventTypeId: /3 callback/ },
	},
	jtel_get_campaign: { required: { campaignId: 'number' } },
	jtel_import_contact: {
		required: { campaignId: 'number', lastName: 'string', phoneNumber: 'string' },
		optional: { firstName: 'string', reference: 'string' },
		formats: { phoneNumber: /E\.164/ },
	},
};

/** Credential secrets of the simulators: none may appear in a tool's answer. */
function secrets() {
	const sim = require(path.join(ROOT, 'dist', 'simulators', 'index.js'));
	return [sim.AKIXI_SIM_PASSWORD, sim.AKIXI_SIM_API_KEY, sim.JTEL_SIM_TOKEN].filter(Boolean);
}

/** A call to a simulator's control API (`/__sim/state`, `/__oii/…`); returns the JSON answer. */
async function control(url, method, route) {
	const response = await fetch(`${url}${route}`, { method });
	const text = await response.text();
	if (response.status >= 400)
		throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

const state = (url) => control(url, 'GET', '/__sim/state');

function loadSdk() {
	try {
		const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
		const {
			StreamableHTTPClientTransport,
		} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
		return { Client, StreamableHTTPClientTransport };
	} catch {
		throw new Error(
			'@modelcontextprotocol/sdk is not installed: run npm ci (it is a devDependency of the pack)',
		);
	}
}

async function connect(url) {
	const { Client, StreamableHTTPClientTransport } = loadSdk();
	const client = new Client({ name: 'n8n-nodes-contact-center-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url)));
	return client;
}

/** The text of a tool result (n8n answers with one text part). */
function resultText(result) {
	const parts = (result.content || []).filter((c) => c.type === 'text');
	expect(parts.length === 1, `expected one text part, got ${short(result.content)}`);
	return parts[0].text;
}

/** A successful call: the tool's items as JSON (an array, one entry per output item). */
async function call(client, name, args, secretValues) {
	const result = await client.callTool({ name, arguments: args });
	const text = resultText(result);
	expect(!result.isError, `${name} answered a tool error: ${short(text, 400)}`);
	for (const secret of secretValues)
		expect(!text.includes(secret), `a credential secret appears in the answer of ${name}`);
	let items;
	try {
		items = JSON.parse(text);
	} catch {
		throw new Error(`${name} did not answer JSON: ${short(text)}`);
	}
	expect(Array.isArray(items) && items.length > 0, `${name} answered ${short(text)}`);
	expect(!/\n/.test(text), `${name} answered indented JSON`);
	return items;
}

/** A call that must fail: the tool error's text. */
async function callFailing(client, name, args) {
	const result = await client.callTool({ name, arguments: args });
	const text = resultText(result);
	expect(
		result.isError === true,
		`${name} with bad arguments did not answer a tool error: ${short(text, 400)}`,
	);
	expect(
		!/\[object Object\]|\n\s+at /.test(text),
		`the error text holds an object dump or a stack: ${short(text, 400)}`,
	);
	return text;
}

function one(items, what) {
	expect(items.length === 1, `expected one ${what}, got ${items.length}: ${short(items)}`);
	return items[0];
}

/** The tool nodes of the example: tool name → node (name rules as n8n's nodeNameToToolName). */
function toolNodes(workflow) {
	const trigger = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
	expect(trigger, `${FILE} has no MCP Server Trigger`);
	const connected = Object.entries(workflow.connections || {})
		.filter(([, outputs]) =>
			(outputs.ai_tool || []).some((list) => list.some((c) => c.node === trigger.name)),
		)
		.map(([name]) => name);
	const nodes = new Map();
	for (const name of connected)
		nodes.set(
			name.replace(/[^a-zA-Z0-9_-]+/g, '_'),
			workflow.nodes.find((n) => n.name === name),
		);
	return { trigger, nodes };
}

/** One line per tool: name(arg: type [= default], …) and the schema, as the client saw it. */
function printTools(tools) {
	say(`e2e: the MCP client sees ${tools.length} tools:`);
	for (const tool of tools) {
		const properties = tool.inputSchema?.properties || {};
		const required = new Set(tool.inputSchema?.required || []);
		const args = Object.entries(properties).map(
			([key, p]) =>
				`${key}${required.has(key) ? '' : '?'}: ${p.type}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ''}`,
		);
		say(`        ${tool.name}(${args.join(', ')})`);
		say(`          ${tool.description}`);
		for (const [key, p] of Object.entries(properties)) say(`          - ${key}: ${p.description}`);
		say(`          inputSchema ${JSON.stringify(tool.inputSchema)}`);
	}
}

function checkSchema(tool, expected, node) {
	expect(node, `no tool node of the example gives the tool name ${tool.name}`);
	expect(
		tool.description === node.parameters.toolDescription,
		`description ${short(tool.description)} is not the node's Tool Description`,
	);
	expect(
		tool.description.length >= 60,
		`description too short for a model: ${short(tool.description)}`,
	);
	const schema = tool.inputSchema || {};
	expect(schema.type === 'object', `input schema type ${schema.type}`);
	const properties = schema.properties || {};
	const want = { ...(expected.required || {}), ...(expected.optional || {}) };
	expect(
		JSON.stringify(Object.keys(properties).sort()) === JSON.stringify(Object.keys(want).sort()),
		`arguments ${Object.keys(properties).join(', ') || 'none'}, expected ${Object.keys(want).join(', ') || 'none'}`,
	);
	for (const [key, type] of Object.entries(want)) {
		expect(
			properties[key].type === type,
			`${key} has type ${properties[key].type}, expected ${type}`,
		);
		expect(
			typeof properties[key].description === 'string' && properties[key].description.length >= 10,
			`${key} has no description`,
		);
	}
	const required = [...(schema.required || [])].sort();
	expect(
		JSON.stringify(required) === JSON.stringify(Object.keys(expected.required || {}).sort()),
		`required ${required.join(', ') || 'none'}, expected ${Object.keys(expected.required || {}).join(', ') || 'none'}`,
	);
	for (const key of Object.keys(expected.optional || {}))
		expect(properties[key].default !== undefined, `optional ${key} has no default`);
	for (const [key, pattern] of Object.entries(expected.formats || {})) {
		expect(
			pattern.test(properties[key].description),
			`the description of ${key} does not name its format (${pattern}): ${short(properties[key].description)}`,
		);
	}
	return `${Object.keys(want).length} argument(s), ${required.length} required`;
}

/**
 * @param {import('../../scripts/lib/checks').Checks} checks
 * @param {object} ctx
 * @param {object} ctx.rest  logged-in RestClient of the running n8n
 * @param {string} ctx.baseUrl
 * @param {Array<{file: string, id: string, workflow: object}>} ctx.workflows  imported examples
 * @param {Record<string, string>} ctx.simulatorUrls  simulator key → URL
 * @param {string} ctx.workDir  where the tool list is written
 * @param {{activate: Function, deactivate: Function, listExecutions: Function}} ctx.lifecycle
 */
async function runMcpChecks(checks, ctx) {
	const { rest, baseUrl, simulatorUrls, lifecycle } = ctx;
	const entry = ctx.workflows.find((w) => path.basename(w.file) === FILE);
	if (!entry) {
		checks.fail('mcp: example', `examples/${FILE} is missing`);
		return;
	}
	const { trigger, nodes } = toolNodes(entry.workflow);
	const url = `${baseUrl}/mcp/${trigger.parameters.path}`;
	const sims = {
		akixi: simulatorUrls.akixi,
		tvox: simulatorUrls.tvox,
		oii: simulatorUrls.oii,
		jtel: simulatorUrls.jtel,
	};
	const secretValues = secrets();
	for (const simulatorUrl of Object.values(sims))
		await control(simulatorUrl, 'POST', '/__sim/reset');

	const step = (name, fn) => checks.run(`mcp: ${name}`, fn);
	let client;
	let published = false;
	try {
		published = await step(
			`publishing "${entry.workflow.name}" activates its MCP Server Trigger`,
			async () => {
				await lifecycle.activate(rest, entry.id);
				return `production URL ${url}`;
			},
		);
		if (!published) return;

		const connected = await step(
			`the official MCP client connects to ${url.replace(baseUrl, '')} over streamable HTTP`,
			async () => {
				client = await connect(url);
				const server = client.getServerVersion();
				expect(
					server?.name === trigger.name.replace(/[^a-zA-Z0-9_-]+/g, '_'),
					`server name ${short(server)}`,
				);
				const instructions = client.getInstructions() || '';
				expect(
					instructions === trigger.parameters.instructions,
					`instructions ${short(instructions)}`,
				);
				return `server ${server.name} ${server.version}, instructions sent`;
			},
		);
		if (!connected) return;

		await step(
			'n8n offers a tool variant of every action node of the pack, and the example uses each',
			async () => {
				const nodeTypes = (await rest.request('GET', '/types/nodes.json')).json || [];
				const actions = packTypes().nodes.filter((n) => !n.isTrigger);
				const used = new Set([...nodes.values()].map((n) => n.type));
				for (const node of actions) {
					const tool = nodeTypes.find((t) => t.name === `${node.type}Tool`);
					expect(tool, `n8n has no tool variant ${node.type}Tool`);
					expect(
						JSON.stringify(tool.outputs) === JSON.stringify(['ai_tool']),
						`${tool.name} outputs ${short(tool.outputs)}`,
					);
					expect(used.has(tool.name), `the example has no ${tool.name} node`);
				}
				return actions.map((n) => `${n.name}Tool`).join(', ');
			},
		);

		let tools = [];
		await step('tools/list offers one tool per tool node, nothing else', async () => {
			tools = (await client.listTools()).tools;
			const names = tools.map((t) => t.name).sort();
			expect(
				JSON.stringify(names) === JSON.stringify(Object.keys(TOOLS).sort()),
				`tools ${names.join(', ')}`,
			);
			expect(
				JSON.stringify([...nodes.keys()].sort()) === JSON.stringify(names),
				`the example's tool nodes are ${[...nodes.keys()].join(', ')}`,
			);
			return `${names.length} tools`;
		});
		if (tools.length) {
			printTools(tools);
			if (ctx.workDir)
				fs.writeFileSync(
					path.join(ctx.workDir, 'mcp-tools.json'),
					`${JSON.stringify(tools, null, 2)}\n`,
				);
		}
		for (const tool of tools) {
			if (!TOOLS[tool.name]) continue;
			await step(`tool ${tool.name}: description and input schema`, async () =>
				checkSchema(tool, TOOLS[tool.name], nodes.get(tool.name)),
			);
		}

		// Akixi
		await step(
			'akixi_list_omnichannel_integrations lists the entries the Akixi simulator holds for 100100/2',
			async () => {
				const items = await call(
					client,
					'akixi_list_omnichannel_integrations',
					{ telSysId: 100100, partitionId: 2 },
					secretValues,
				);
				const held = (await state(sims.akixi)).omnichannelIntegrations.filter(
					(e) => e.telSysId === 100100 && e.partId === 2,
				);
				const ids = items.map((i) => i.UniqueID).sort();
				expect(
					JSON.stringify(ids) === JSON.stringify(held.map((e) => e.values.UniqueID).sort()),
					`listed ${ids.join(', ')}`,
				);
				for (const item of items)
					expect(
						item.TelSysID === 100100 &&
							item.PartIDInTelSys === 2 &&
							typeof item.APICommunicationSettings?.CommsEnabled === 'boolean',
						`entry ${short(item)}`,
					);
				return ids.join(', ');
			},
		);
		await step(
			'akixi_get_omnichannel_integration returns the entry as the Akixi simulator holds it, without passwords',
			async () => {
				const held = (await state(sims.akixi)).omnichannelIntegrations.find(
					(e) => e.values.IntegrationType === 'LiveChat',
				);
				const entry = one(
					await call(
						client,
						'akixi_get_omnichannel_integration',
						{ uniqueId: held.values.UniqueID },
						secretValues,
					),
					'entry',
				);
				expect(
					entry.UniqueID === held.values.UniqueID && entry.Description === held.values.Description,
					`got ${short(entry)}`,
				);
				expect(
					entry.APICommunicationSettings?.AuthUserID1 === held.values.AuthUserID1,
					`AuthUserID1 ${short(entry.APICommunicationSettings)}`,
				);
				expect(!/AuthPassword/.test(JSON.stringify(entry)), 'the answer carries a password field');
				return `${entry.UniqueID}: ${entry.Description}`;
			},
		);

		// TVox MCC
		let sessionId;
		await step(
			'tvox_start_session starts a session the TVox simulator holds (service, contact, description)',
			async () => {
				const started = one(
					await call(
						client,
						'tvox_start_session',
						{
							channelId: 1,
							serviceCode: 'SUPPORT',
							contactValue: '+390212345678',
							description: 'Question about invoice 4711',
						},
						secretValues,
					),
					'result',
				);
				expect(started.result === 'SUCCESS' && started.sessionId, `answered ${short(started)}`);
				sessionId = started.sessionId;
				const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
				expect(held, `the simulator holds no session ${sessionId}`);
				expect(
					held.channelId === 1 &&
						held.serviceCode === 'SUPPORT' &&
						held.contactValue === '+390212345678' &&
						held.description === 'Question about invoice 4711',
					`session ${short(held)}`,
				);
				return `${sessionId} ${held.status}`;
			},
		);
		await step('tvox_check_session_state reports the status the TVox simulator holds', async () => {
			expect(sessionId, 'no session was started');
			const checked = one(
				await call(client, 'tvox_check_session_state', { sessionId }, secretValues),
				'result',
			);
			const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
			expect(
				checked.result === 'SUCCESS' && checked.status === held.status,
				`answered ${short(checked)}, the simulator holds ${held.status}`,
			);
			return checked.status;
		});
		await step('tvox_close_session closes the session at the TVox simulator', async () => {
			expect(sessionId, 'no session was started');
			const closed = one(
				await call(client, 'tvox_close_session', { sessionId }, secretValues),
				'result',
			);
			expect(closed.result === 'SUCCESS', `answered ${short(closed)}`);
			const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
			expect(
				held.status === 'CLOSED' && held.closeReason === 'REQUEST_FROM_CALLER',
				`session ${short(held)}`,
			);
			return `${held.history.join(' → ')}`;
		});

		// SAP ICI
		await step('sap_ici_get_user returns the agent as the OII simulator holds it', async () => {
			const user = one(
				await call(client, 'sap_ici_get_user', { userId: 'harri' }, secretValues),
				'user',
			);
			const held = (await state(sims.oii)).users.find((u) => u.userId === 'HARRI');
			expect(
				user.userId === 'HARRI' && user.currentWorkmode?.id === held.workmode,
				`user ${short(user)}`,
			);
			expect(
				user.addresses?.some((a) => a.address === '+129' && a.channel === 1),
				`addresses ${short(user.addresses)}`,
			);
			return `HARRI: ${user.currentWorkmode.name}, line +129`;
		});
		await step('sap_ici_set_workmode makes ANNA ready at the OII simulator', async () => {
			const before = (await state(sims.oii)).users.find((u) => u.userId === 'ANNA');
			expect(before.workmode !== '2', `ANNA is ready before the call (${before.workmode})`);
			const set = one(
				await call(client, 'sap_ici_set_workmode', { userId: 'ANNA', workmode: '2' }, secretValues),
				'result',
			);
			expect(set.success === true, `answered ${short(set)}`);
			const after = (await state(sims.oii)).users.find((u) => u.userId === 'ANNA');
			expect(after.workmode === '2', `ANNA's workmode is ${after.workmode}`);
			return `workmode ${before.workmode} → ${after.workmode}`;
		});
		let callHandle;
		await step(
			'sap_ici_create_phone_call creates an outbound call on line +129 at the OII simulator',
			async () => {
				const created = one(
					await call(client, 'sap_ici_create_phone_call', { lineNumber: '+129' }, secretValues),
					'call',
				);
				expect(/^[0-9A-F]{32}$/.test(created.itemId || ''), `itemId ${short(created.itemId)}`);
				callHandle = created.itemId;
				const held = (await state(sims.oii)).items.find((i) => i.id === callHandle);
				expect(
					held && held.status === 1 && held.containerId === '+129' && held.inbound === false,
					`item ${short(held)}`,
				);
				return `${callHandle}: ${created.status?.name}`;
			},
		);
		await step('sap_ici_dial places the call to +4930123456 at the OII simulator', async () => {
			expect(callHandle, 'no call was created');
			const dialed = one(
				await call(
					client,
					'sap_ici_dial',
					{ lineNumber: '+129', callHandle, number: '+4930123456' },
					secretValues,
				),
				'result',
			);
			expect(dialed.dialedNumber === '+4930123456', `answered ${short(dialed)}`);
			const held = (await state(sims.oii)).items.find((i) => i.id === callHandle);
			expect(held.dialedNumber === '+4930123456' && held.status !== 1, `call ${short(held)}`);
			expect(
				JSON.stringify(held.remoteNumbers) === JSON.stringify(['+4930123456']),
				`remoteNumbers ${short(held.remoteNumbers)}`,
			);
			return `call ${callHandle} in status ${held.status}`;
		});
		let callbackId;
		await step(
			'sap_ici_create_callback creates a callback in queue 600 at the OII simulator',
			async () => {
				const created = one(
					await call(
						client,
						'sap_ici_create_callback',
						{
							number: '+358401234567',
							queue: '600',
							callTime: '2030-01-02 10:00:00',
							notes: 'Wants to talk about invoice 4711',
						},
						secretValues,
					),
					'result',
				);
				expect(
					typeof created.id === 'string' && created.id.length > 0,
					`answered ${short(created)}`,
				);
				callbackId = created.id;
				const held = (await state(sims.oii)).callbacks.find((c) => c.id === callbackId);
				expect(held, `the simulator holds no callback ${callbackId}`);
				expect(
					held.number === '+358401234567' &&
						held.queueNumber === '600' &&
						held.nextCallTime === '2030-01-02T10:00:00Z' &&
						held.notes === 'Wants to talk about invoice 4711',
					`callback ${short(held)}`,
				);
				return `${callbackId} at ${held.nextCallTime}`;
			},
		);
		await step(
			'sap_ici_get_callbacks lists every callback the OII simulator holds, the new one included',
			async () => {
				const items = await call(client, 'sap_ici_get_callbacks', {}, secretValues);
				const held = (await state(sims.oii)).callbacks;
				const ids = items.map((c) => c.id).sort();
				expect(
					JSON.stringify(ids) === JSON.stringify(held.map((c) => c.id).sort()),
					`listed ${ids.join(', ')}`,
				);
				expect(
					callbackId && ids.includes(callbackId),
					`the new callback ${callbackId} is not listed`,
				);
				return `${ids.length} callbacks`;
			},
		);

		// jtel
		await step(
			'jtel_create_acd_event creates a callback event for ACD group 12 at the jtel simulator',
			async () => {
				const event = one(
					await call(
						client,
						'jtel_create_acd_event',
						{
							eventTypeId: 3,
							acdGroupId: 12,
							sender: '+4930123456',
							subject: 'Callback about invoice 4711',
							body: 'Call before noon',
						},
						secretValues,
					),
					'event',
				);
				expect(Number.isInteger(event.ID), `answered ${short(event)}`);
				const held = (await state(sims.jtel)).clients[0].events.find((e) => e.ID === event.ID);
				expect(held, `the simulator holds no event ${event.ID}`);
				expect(
					held.AcdEventTypesID === 3 &&
						held.AcdGroupsID === 12 &&
						held.Sender === '+4930123456' &&
						held.Subject === 'Callback about invoice 4711' &&
						held.Body === 'Call before noon',
					`event ${short(held)}`,
				);
				return `event ${event.ID}, status ${held.AcdEventStatusID}`;
			},
		);
		await step(
			'jtel_get_campaign returns campaign 538 as the jtel simulator holds it',
			async () => {
				const campaign = one(
					await call(client, 'jtel_get_campaign', { campaignId: 538 }, secretValues),
					'campaign',
				);
				const held = (await state(sims.jtel)).clients[0].campaigns.find((c) => c.ID === 538);
				expect(campaign.ID === 538 && campaign.Name === held.Name, `answered ${short(campaign)}`);
				return campaign.Name;
			},
		);
		await step(
			'jtel_import_contact imports a contact into campaign 538 at the jtel simulator',
			async () => {
				const contact = one(
					await call(
						client,
						'jtel_import_contact',
						{
							campaignId: 538,
							lastName: 'Musterfrau',
							phoneNumber: '+4930987654',
							firstName: 'Erika',
							reference: 'CRM-4711',
						},
						secretValues,
					),
					'contact',
				);
				expect(Number.isInteger(contact.ID), `answered ${short(contact)}`);
				const held = (await state(sims.jtel)).clients[0].contacts.find((c) => c.ID === contact.ID);
				expect(held, `the simulator holds no contact ${contact.ID}`);
				expect(
					held.DiallerCampaignsID === 538 &&
						held.Name === 'Musterfrau' &&
						held.FirstName === 'Erika' &&
						held.PhoneNumber1 === '+4930987654' &&
						held.UserData === 'CRM-4711',
					`contact ${short(held)}`,
				);
				return `contact ${contact.ID}`;
			},
		);

		// Bad arguments: tool errors with the reason, not crashed executions
		await step(
			'sap_ici_dial with a number that is not E.164 answers a tool error with the reason; no call is placed',
			async () => {
				const created = one(
					await call(client, 'sap_ici_create_phone_call', { lineNumber: '+129' }, secretValues),
					'call',
				);
				const before = (await lifecycle.listExecutions(rest, entry.id)).length;
				const text = await callFailing(client, 'sap_ici_dial', {
					lineNumber: '+129',
					callHandle: created.itemId,
					number: 'call me maybe',
				});
				expect(
					/Other characters than \+1234567890 in phone number/.test(text),
					`error text ${short(text, 400)}`,
				);
				const held = (await state(sims.oii)).items.find((i) => i.id === created.itemId);
				expect(held.status === 1 && !held.dialedNumber, `the call changed: ${short(held)}`);
				const execution = await newExecution(lifecycle, rest, entry.id, before);
				expect(
					execution.status === 'success',
					`n8n's execution of the failing call ended with ${execution.status}`,
				);
				return `${short(text.split('\n')[0], 160)} (execution ${execution.id}: ${execution.status})`;
			},
		);
		await step(
			'jtel_get_campaign with an unknown campaign ID answers a tool error naming the 404',
			async () => {
				const text = await callFailing(client, 'jtel_get_campaign', { campaignId: 999999 });
				expect(/not found/i.test(text) && /404/.test(text), `error text ${short(text, 400)}`);
				for (const secret of secretValues)
					expect(!text.includes(secret), 'a credential secret appears in the error');
				return short(text.split('\n')[0], 160);
			},
		);
		await step(
			'sap_ici_create_callback without the required number answers a schema error naming it',
			async () => {
				const before = (await state(sims.oii)).callbacks.length;
				const text = await callFailing(client, 'sap_ici_create_callback', { queue: '600' });
				expect(
					/did not match expected schema/.test(text) && /\bnumber\b/.test(text),
					`error text ${short(text, 400)}`,
				);
				const after = (await state(sims.oii)).callbacks.length;
				expect(after === before, `the simulator holds ${after - before} more callback(s)`);
				return short(text.replace(/\s+/g, ' '), 160);
			},
		);
	} finally {
		if (client) await client.close().catch(() => undefined);
		if (published) {
			await step('unpublishing the workflow removes the MCP endpoint', async () => {
				await lifecycle.deactivate(rest, entry.id);
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						accept: 'application/json, text/event-stream',
					},
					body: JSON.stringify({
						jsonrpc: '2.0',
						id: 1,
						method: 'initialize',
						params: {
							protocolVersion: '2025-06-18',
							capabilities: {},
							clientInfo: { name: 'e2e', version: '1' },
						},
					}),
				});
				await response.text();
				expect(response.status === 404, `${url} answered ${response.status} after unpublishing`);
				return `${response.status}`;
			});
		}
	}
}

/** Waits for the execution that follows `before` executions of the workflow; returns it. */
async function newExecution(lifecycle, rest, workflowId, before, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await lifecycle.listExecutions(rest, workflowId);
		const done = executions.filter((e) => e.status !== 'running' && e.status !== 'new');
		if (executions.length > before && done.length === executions.length) {
			return executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
		}
		if (Date.now() > deadline)
			throw new Error(
				`no finished execution of ${workflowId} after the call (${executions.length} in all)`,
			);
		await sleep(300);
	}
}

module.exports = { FILE, TOOLS, runMcpChecks };
