import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { writeIciEventAnswer } from '../../nodes/SapIci/events';
import { MAX_EVENT_BYTES } from '../../nodes/SapIci/trigger/request';
import { EVENT_READ_TIMEOUT_MS } from '../../nodes/shared/webhookRequest';
import type { OiiSimulator } from '../../simulators/oii';
import type { TriggerHarness } from '../harness';
import { appUrlOf, fixture, startSim, startTrigger, stopSim } from '../sapIciTrigger/helpers';
import { HOSTILE_BODIES, MARK, sane, truncated, XML_TYPE, type HostileBody, type Template } from './bodies';
import { sendAndReset, sendEndless, sendRaw, sendTrickled, type RawReply } from './client';

/**
 * The SAP ICI Trigger's webhook against hostile requests, with the body handled as n8n decides for
 * the trigger (Read Events Raw: n8n leaves the request stream to the trigger) and as n8n handles a
 * trigger saved without that option (n8n parses text/xml and +xml bodies itself and answers 422
 * for what it cannot parse). Every hostile request is refused with a 4xx or a SOAP
 * Client fault, starts no execution, makes `webhook()` throw nothing and repeats no secret; a
 * valid event is still served afterwards.
 */

const TEMPLATE: Template = {
	format: 'xml',
	text: fixture('event.userChanged.request.xml').replace('<description>Logged off</description>', `<description>${MARK}</description>`),
};

/** The content types each hostile body is sent with; `undefined`: the body's own type. */
const CONTENT_TYPES: Array<[string, string | null | undefined]> = [
	['text/xml', 'text/xml; charset=utf-8'],
	['application/soap+xml', 'application/soap+xml; charset=utf-8'],
	['application/octet-stream', 'application/octet-stream'],
	['no content type', null],
	['its own content type', undefined],
];

/** How a request was refused, in one line: the status and the fault, JSON message or text of the answer. */
function verdict(reply: RawReply): string {
	const type = String(reply.headers['content-type'] ?? '');
	if (type.startsWith('text/xml')) {
		const fault = readIciEnvelope(reply.body).fault;
		return `${reply.status} fault ${fault?.faultcode ?? '-'}: ${fault?.faultstring ?? '-'}`;
	}
	if (type.startsWith('application/json')) return `${reply.status} json: ${String((JSON.parse(reply.body) as { message?: string }).message)}`;
	return `${reply.status} text: ${reply.body}`;
}

/** A refusal: 4xx, or a SOAP 1.1 Client fault (HTTP 500, as SOAP 1.1 answers faults). */
const REFUSED = /^(4(00|08|13|15|22) (json|text): .+|500 fault soapenv:Client: Not an IciEvent message: .+)$/;

/** What the answer says for each body, whoever (n8n or the trigger) refused it. */
const EXPECTED: Record<string, RegExp> = {
	'billion laughs': /422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'external entity': /422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'50,000 nested elements': /422 json: Failed to parse request body|nested tags/,
	'50,000 nested arrays': /422 json: Failed to parse request body|The document is not XML/,
	'a 10 MB body': new RegExp(`^413 text: The request body of \\d+ bytes is larger than the limit of ${MAX_EVENT_BYTES} bytes$`),
	'truncated XML': /422 json: Failed to parse request body|Malformed or truncated XML/,
	'truncated JSON': /422 json: Failed to parse request body|The document is not XML/,
	'the other format': /422 json: Failed to parse request body|The document is not XML/,
	'a binary image/png body': /422 json: Failed to parse request body|The document is not XML|not valid UTF-8/,
	'an HTML page': /422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'invalid UTF-8': /422 json: Failed to parse request body|not valid UTF-8/,
	'an empty body': /The XML document is empty/,
};

describe.each(['n8n', 'parse'] as const)('SAP ICI Trigger, body handled as %s decides: hostile requests', (bodyParser) => {
	let sim: OiiSimulator;
	let trigger: TriggerHarness;
	let url: string;
	let secret: string;

	beforeAll(async () => {
		sim = await startSim();
		trigger = await startTrigger(sim, { userIds: ['HARRI'] }, { bodyParser });
		await trigger.activate();
		url = appUrlOf(trigger);
		secret = String(trigger.nodeStaticData.secret);
		expect(url).toContain(secret);
	});
	afterAll(async () => {
		await trigger.close();
		await stopSim(sim);
	});

	/** Send, wait for the trigger to settle; nothing started, nothing thrown, no secret in the answer. */
	async function refused(send: () => Promise<RawReply>): Promise<RawReply> {
		const runs = trigger.runs.length;
		const errors = trigger.webhookErrors.length;
		const reply = await send();
		await trigger.settled();
		expect(trigger.runs).toHaveLength(runs);
		expect(trigger.webhookErrors.slice(errors)).toEqual([]);
		expect(`${JSON.stringify(reply.headers)}\n${reply.body}`.includes(secret)).toBe(false);
		expect(verdict(reply)).toMatch(REFUSED);
		return reply;
	}

	/** A valid event is still answered and starts one execution. */
	async function stillServes(): Promise<void> {
		const runs = trigger.runs.length;
		const reply = await sendRaw(url, { headers: { 'Content-Type': XML_TYPE }, body: sane(TEMPLATE) });
		await trigger.settled();
		expect([reply.status, reply.body]).toEqual([200, writeIciEventAnswer('userChanged')]);
		expect(trigger.runs).toHaveLength(runs + 1);
	}

	const table = HOSTILE_BODIES.flatMap((hostile) => CONTENT_TYPES.map(([label, type]) => ({ hostile, label, type })));

	it.each(table)('$hostile.name sent as $label', async ({ hostile, type }: { hostile: HostileBody; type: string | null | undefined }) => {
		const { body, contentType } = hostile.build(TEMPLATE, url);
		const headers = { 'Content-Type': type === undefined ? contentType : (type ?? undefined) };
		const reply = await refused(async () => await sendRaw(url, { headers, body }));
		expect(verdict(reply)).toMatch(EXPECTED[hostile.name]);
	});

	it.each(CONTENT_TYPES.slice(0, 4))('an endless upload sent as %s is cut off with 413', async (_label, type) => {
		const runs = trigger.runs.length;
		const outcome = await sendEndless(url, { headers: { 'Content-Type': type ?? undefined } }, '<item>padding padding</item>', 64 * 1024 * 1024);
		await trigger.settled();
		expect({ error: outcome.error, status: outcome.reply?.status }).toEqual({ error: undefined, status: 413 });
		expect(outcome.reply?.body.includes(secret)).toBe(false);
		expect(trigger.runs).toHaveLength(runs);
		await stillServes();
	});

	it('a slow-loris body trickled in does not hold up other events, and is refused when it ends', async () => {
		const slowBody = truncated(TEMPLATE).slice(0, 300);
		const trickled = sendTrickled(url, { headers: { 'Content-Type': 'application/octet-stream' }, body: slowBody }, 10, 15);
		await stillServes();
		const reply = await refused(async () => await trickled);
		expect(verdict(reply)).toMatch(/Malformed or truncated XML|Failed to parse/);
		await stillServes();
	});

	if (bodyParser === 'n8n') {
		it('a valid event still trickling in after the read deadline is answered 408, and the next event is served', async () => {
			// 10 bytes every 250 ms: the whole event would take far longer than EVENT_READ_TIMEOUT_MS.
			const trickled = sendTrickled(url, { headers: { 'Content-Type': XML_TYPE }, body: sane(TEMPLATE) }, 10, 250);
			const reply = await refused(async () => await trickled);
			expect([reply.status, reply.body]).toEqual([408, `The request body did not arrive within ${EVENT_READ_TIMEOUT_MS / 1000} s`]);
			expect(reply.headers.connection).toBe('close');
			await stillServes();
		});
	}

	it.each(CONTENT_TYPES.slice(0, 4))('a request reset mid-body sent as %s starts nothing and breaks nothing', async (_label, type) => {
		const runs = trigger.runs.length;
		const errors = trigger.webhookErrors.length;
		const whole = Buffer.from(sane(TEMPLATE), 'utf8');
		await sendAndReset(url, { headers: { 'Content-Type': type ?? undefined } }, whole.subarray(0, 400), whole.length);
		await trigger.settled();
		expect(trigger.runs).toHaveLength(runs);
		expect(trigger.webhookErrors.slice(errors)).toEqual([]);
		await stillServes();
	});

	it('a valid event is served after all of them', async () => {
		await stillServes();
	});
});
