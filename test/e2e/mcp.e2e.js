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
 * `<work dir>/mcp-tools.json`. The tool calls of each system are in mcpToolCalls.js; the MCP client
 * and the simulators' control APIs in mcpClient.js.
 */
const fs = require('node:fs');
const path = require('node:path');

const { expect, short } = require('../../scripts/lib/checks');
const { say } = require('../../scripts/lib/util');
const { packTypes } = require('../../scripts/lib/pack');
const { connect, resetSimulators, secrets } = require('./mcpClient');
const {
	akixiToolCalls,
	badArgumentToolCalls,
	jtelToolCalls,
	sapIciToolCalls,
	tvoxToolCalls,
} = require('./mcpToolCalls');

const FILE = 'mcp-server.workflow.json';
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
	await resetSimulators(sims);

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

		const toolCalls = { step, client, sims, secretValues, rest, lifecycle, entry };
		await akixiToolCalls(toolCalls);
		await tvoxToolCalls(toolCalls);
		await sapIciToolCalls(toolCalls);
		await jtelToolCalls(toolCalls);
		await badArgumentToolCalls(toolCalls);
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

module.exports = { FILE, TOOLS, runMcpChecks };
