'use strict';
/**
 * SAP ICI Trigger in a real n8n, events posted the way an OII posts them (SOAP 1.1, `text/xml;
 * charset=utf-8`, the ICI event SOAPAction) to the production URL it subscribed:
 *
 *   - hostile bodies, each followed by a valid event: every hostile body gets the trigger's own
 *     answer (never n8n's 422: n8n left the body to the trigger), nothing starts, and the valid
 *     event after it is answered with its SOAP answer and runs the workflow exactly once;
 *   - every chapter 9.3 sample (and 9.3.8.4's attached data sent as elements): answered with its
 *     exact answer envelope, one execution each, the item read field by field.
 *
 * Expected items are read from the built pack (dist/) with the same reader the SAP ICI node uses,
 * and checked against literal values of the samples as well.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { expect } = require('../../scripts/lib/checks');
const { sleep } = require('../../scripts/lib/util');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'sapIci');
const TRIGGER_NODE = 'Call on Line +129';

function fixture(name) {
	return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The built pack's SAP ICI modules (the e2e run builds the pack before it starts). */
function pack() {
	const dist = path.join(ROOT, 'dist', 'nodes', 'SapIci');
	return {
		constants: require(path.join(dist, 'constants.js')),
		events: require(path.join(dist, 'events.js')),
		envelope: require(path.join(dist, 'envelope.js')),
	};
}

/**
 * POST as an OII does; `trickle` sends the body in pieces of `bytes` every `pauseMs`. Resolves
 * with the answer, or with `{ status: 0 }` when none came within `timeoutMs` (a stalled n8n).
 */
function postEvent(
	url,
	body,
	{ contentType = 'text/xml; charset=utf-8', soapAction, trickle, timeoutMs = 20000 } = {},
) {
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const done = (result) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve({ ...result, ms: Date.now() - started });
		};
		const headers = { 'Content-Type': contentType, 'Content-Length': String(payload.length) };
		if (soapAction !== undefined) headers.SOAPAction = soapAction;
		const req = http.request(url, { method: 'POST', agent: false, headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () =>
				done({
					status: res.statusCode,
					headers: res.headers,
					body: Buffer.concat(chunks).toString('utf8'),
				}),
			);
			res.on('error', (error) =>
				done({ status: res.statusCode, headers: res.headers, body: '', error: error.message }),
			);
		});
		const timer = setTimeout(() => {
			req.destroy();
			done({ status: 0, body: '', error: `no answer within ${timeoutMs} ms` });
		}, timeoutMs);
		req.on('error', (error) => done({ status: 0, body: '', error: error.message }));
		if (!trickle) {
			req.end(payload);
			return;
		}
		let offset = 0;
		const next = () => {
			if (settled || req.destroyed) return;
			const piece = payload.subarray(offset, offset + trickle.bytes);
			offset += piece.length;
			if (offset >= payload.length) return void req.end(piece);
			req.write(piece);
			setTimeout(next, trickle.pauseMs);
		};
		next();
	});
}

/** One line for an answer: status, and the fault string or the text. */
function answerLine(reply, envelope) {
	if (reply.status === 0) return `no answer (${reply.error})`;
	const type = String(reply.headers['content-type'] || '');
	if (type.startsWith('text/xml') && reply.status === 500) {
		try {
			const fault = envelope.readIciEnvelope(reply.body).fault;
			return `${reply.status} ${fault.faultcode}: ${fault.faultstring}`;
		} catch {
			// not a fault envelope: shown as text below
		}
	}
	return `${reply.status} ${reply.body.replace(/\s+/g, ' ').slice(0, 120)}`;
}

/** The hostile bodies, built around the chapter 9.3 phoneCallChanged sample. */
function hostileBodies(sample) {
	const envelopeOpen = sample.slice(0, sample.indexOf('<soap:Body>') + '<soap:Body>'.length);
	const lol = [
		'<!ENTITY lol "lol">',
		...Array.from(
			{ length: 9 },
			(_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`,
		),
	];
	const bytes = Buffer.from(sample, 'utf8');
	const at = bytes.indexOf(Buffer.from('<lineNumber>'));
	const tenMb = sample.replace(
		'<trunkId>',
		`<padding>${'A'.repeat(10 * 1024 * 1024)}</padding><trunkId>`,
	);
	return [
		{
			name: 'truncated XML',
			body: sample.slice(0, Math.floor(sample.length / 2)),
			expect: /^500 .*Client: Not an IciEvent message: Malformed or truncated XML/,
		},
		{
			name: 'entity expansion (billion laughs)',
			body: `<?xml version="1.0"?>\n<!DOCTYPE soap:Envelope [\n${lol.join('\n')}\n]>\n${envelopeOpen}<phoneCallChanged xmlns="urn:IciEventInterface"><appIds><item>&lol9;</item></appIds></phoneCallChanged></soap:Body></soap:Envelope>`,
			expect: /^500 .*Client: Not an IciEvent message: .*DOCTYPE or ENTITY/,
		},
		{
			name: 'external entity',
			body: `<?xml version="1.0"?>\n<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${envelopeOpen}<phoneCallChanged xmlns="urn:IciEventInterface"><appIds><item>&xxe;</item></appIds></phoneCallChanged></soap:Body></soap:Envelope>`,
			expect: /^500 .*Client: Not an IciEvent message: .*DOCTYPE or ENTITY/,
		},
		{
			name: 'an HTML error page',
			body: '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
			expect: /^500 .*Client: Not an IciEvent message: /,
		},
		{
			name: 'invalid UTF-8',
			body: Buffer.concat([
				bytes.subarray(0, at),
				Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
				bytes.subarray(at),
			]),
			expect: /^500 .*Client: Not an IciEvent message: the body is not valid UTF-8/,
		},
		{
			name: 'a 10 MB body',
			body: tenMb,
			expect: /^413 The request body of \d+ bytes is larger than the limit of 1048576 bytes/,
		},
		{
			name: 'a slow trickle (the valid event, 20 bytes every 300 ms)',
			body: sample,
			trickle: { bytes: 20, pauseMs: 300 },
			expect: /^408 The request body did not arrive within 5 s/,
		},
	];
}

/** Execution ids of the workflow, newest first. */
async function executionIds(ctx) {
	const { listExecutions } = require('./triggers.e2e');
	return (await listExecutions(ctx.rest, ctx.workflowId)).map((e) => String(e.id));
}

/** Waits until exactly `count` executions more than `before` exist (and no further one shows up). */
async function newExecutions(ctx, before, count) {
	const deadline = Date.now() + 30000;
	let fresh = [];
	while (Date.now() < deadline) {
		fresh = (await executionIds(ctx)).filter((id) => !before.includes(id));
		if (fresh.length >= count) break;
		await sleep(300);
	}
	await sleep(800);
	fresh = (await executionIds(ctx)).filter((id) => !before.includes(id));
	expect(fresh.length === count, `expected ${count} new execution(s), n8n has ${fresh.length}`);
	const executions = [];
	for (const id of fresh) {
		const deadline2 = Date.now() + 30000;
		let execution;
		while (Date.now() < deadline2) {
			execution = await ctx.rest.ok('GET', `/rest/executions/${id}`);
			if (execution.finished || execution.status === 'success' || execution.status === 'error')
				break;
			await sleep(300);
		}
		expect(execution.status === 'success', `execution ${id} ended with ${execution.status}`);
		executions.push(execution);
	}
	return executions;
}

/** Deep equality of JSON values, reporting the first path that differs. */
function firstDifference(actual, expected, at = '$') {
	if (expected === null || typeof expected !== 'object') {
		return Object.is(actual, expected)
			? undefined
			: `${at}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`;
	}
	if (
		actual === null ||
		typeof actual !== 'object' ||
		Array.isArray(actual) !== Array.isArray(expected)
	) {
		return `${at}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`;
	}
	const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
	for (const key of keys) {
		const difference = firstDifference(actual[key], expected[key], `${at}.${key}`);
		if (difference) return difference;
	}
	return undefined;
}

/** Literal values of the samples, besides the reader's whole reading. */
const LITERALS = {
	userChanged: (item) =>
		item.user?.userId === 'HARRI' &&
		item.user?.currentWorkmode?.id === '1' &&
		item.user?.addresses?.[0]?.address === '+123',
	subscriptionEnded: (item) =>
		item.reason?.id === '1' &&
		item.reason?.name === 'Shut-down' &&
		item.resubscription?.subscribed === true,
	containerChanged: (item) =>
		item.containerId === 'string' && item.containerStatus?.id === 'string',
	phoneCallChanged: (item) =>
		item.phoneCall?.callHandle === 'string' && item.phoneCall?.lineNumber === 'string',
	messageChanged: (item) =>
		item.message?.subject === 'string' && item.message?.attachments?.length === 2,
	chatChanged: (item) => item.chatSession?.chatParticipants?.length === 2,
	chatNewPosting: (item) => item.chatPosting?.contentText === 'string',
	actionItemChanged: (item) =>
		item.actionItemId === 'string' && item.actionSession?.title === 'string',
};

const RAW_ATTACHED_DATA_JSON = {
	RRequestedSkills: {},
	actionItemAttributes: {
		TO_ADDRESS: 'ERMS@505.Q6D.R3.SAP-AG.DE',
		TO_NAME: 'ERMS@505.Q6D.R3.SAP-AG.DE',
		SENSITIVITY: '',
		SEND_DATE: '20080128234007 ',
		SUBJECT: 'Test Octavian',
	},
};

/** The steps, run while the example trigger is active and subscribed (`appUrl` carries the secret). */
async function sapIciEventSteps(ctx, appUrl) {
	const { constants, events, envelope } = pack();
	const soapAction = `"${constants.ICI_EVENT_SOAP_ACTION}"`;
	const sample = fixture('event.phoneCallChanged.request.xml');
	const validAnswer = events.writeIciEventAnswer('phoneCallChanged');

	for (const hostile of hostileBodies(sample)) {
		await ctx.step(`hostile body, then a valid event: ${hostile.name}`, async () => {
			const before = await executionIds(ctx);
			const reply = await postEvent(appUrl, hostile.body, { soapAction, trickle: hostile.trickle });
			const line = answerLine(reply, envelope);
			expect(reply.status !== 0, `the hostile body got no answer: ${line}`);
			expect(reply.status !== 422, `n8n parsed the body itself: ${line}`);
			expect(hostile.expect.test(line), `answer: ${line}`);
			expect(!line.includes(new URL(appUrl).search.slice(1)), 'the answer repeats the secret');
			const valid = await postEvent(appUrl, sample, { soapAction });
			expect(
				valid.status === 200 && valid.body === validAnswer,
				`the valid event after it: ${answerLine(valid, envelope)}`,
			);
			const [execution] = await newExecutions(ctx, before, 1);
			return `${line.slice(0, 110)} (${reply.ms} ms); next event: 200 in ${valid.ms} ms, execution ${execution.id}`;
		});
	}

	// Every event of chapter 9.3: the example is switched to all events for this.
	const workflow = await ctx.rest.ok('GET', `/rest/workflows/${ctx.workflowId}`);
	const nodes = workflow.nodes.map((n) =>
		n.name === TRIGGER_NODE
			? { ...n, parameters: { ...n.parameters, events: [...events.ICI_NOTIFICATIONS] } }
			: n,
	);
	await ctx.rest.ok('PATCH', `/rest/workflows/${ctx.workflowId}`, {
		versionId: workflow.versionId,
		nodes,
		connections: workflow.connections,
	});
	await ctx.activate();

	const samples = Object.keys(events.ICI_EVENTS).map((event) => ({
		event,
		file: `event.${event}.request.xml`,
	}));
	samples.push({
		event: 'actionItemChanged',
		file: 'event.actionItemChanged.raw-attached-data.request.xml',
		raw: true,
	});
	for (const { event, file, raw } of samples) {
		await ctx.step(
			`chapter 9.3 sample ${file} posted as OII posts it: answered, one execution, every field`,
			async () => {
				const body = fixture(file);
				const before = await executionIds(ctx);
				const reply = await postEvent(appUrl, body, { soapAction });
				expect(reply.status === 200, `answer: ${answerLine(reply, envelope)}`);
				expect(
					reply.body === events.writeIciEventAnswer(event),
					`answer body: ${reply.body.slice(0, 200)}`,
				);
				const [execution] = await newExecutions(ctx, before, 1);
				const items = await ctx.executionItems(execution.id, TRIGGER_NODE);
				expect(items.length === 1, `${items.length} trigger items`);
				const { resubscription, ...item } = items[0];
				const difference = firstDifference(item, events.readIciEvent(body));
				expect(!difference, `the item differs from the sample's reading at ${difference}`);
				if (!raw)
					expect(
						LITERALS[event]({ ...item, resubscription }),
						`literal fields: ${JSON.stringify(items[0]).slice(0, 300)}`,
					);
				if (raw) {
					expect(
						JSON.stringify(item.appIds) === '["479E5A480CD25382E1000000A4241B7"]',
						`appIds ${JSON.stringify(item.appIds)}`,
					);
					const session = item.actionSession || {};
					expect(
						firstDifference(session.attachedDataJson, RAW_ATTACHED_DATA_JSON) === undefined,
						`attachedDataJson ${JSON.stringify(session.attachedDataJson)}`,
					);
					expect(
						String(session.attachedData).startsWith('<?xml version="1.0" encoding="iso-8859-1"?>'),
						`attachedData ${String(session.attachedData).slice(0, 80)}`,
					);
				}
				return `execution ${execution.id}: ${Object.keys(item)
					.filter((k) => k !== 'event')
					.join(', ')}`;
			},
		);
	}
}

module.exports = { sapIciEventSteps, postEvent };
