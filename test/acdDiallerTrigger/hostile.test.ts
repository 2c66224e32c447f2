import { EVENT_READ_TIMEOUT_MS } from '../../nodes/shared/webhookRequest';
import { MAX_EVENT_BYTES } from '../../nodes/AcdDialler/trigger/event';
import type { TriggerHarness } from '../harness';
import { HOSTILE_BODIES, JSON_TYPE, MARK, sane, truncated, type HostileBody, type Template } from '../hostile/bodies';
import { sendAndReset, sendEndless, sendRaw, sendTrickled, type RawReply } from '../hostile/client';
import { eventUrl, fixtureEvent, SECRET, startTrigger } from './helpers';

/**
 * The ACD Dialler Trigger's webhook against hostile requests, with the body handled as n8n decides
 * for the trigger (Read Events Raw: the trigger reads the stream) and as n8n handles it when it
 * parses the body itself (422 for JSON it cannot parse). Every hostile request is refused with a
 * 4xx, starts no execution, makes `webhook()` throw nothing and repeats no secret; a valid event is
 * still served afterwards.
 */

const TEMPLATE: Template = {
	format: 'json',
	text: JSON.stringify({ ...fixtureEvent(), Subject: 'SUBJECT' }).replace('"SUBJECT"', MARK),
};

const CONTENT_TYPES: Array<[string, string | null | undefined]> = [
	['application/json', JSON_TYPE],
	['text/plain', 'text/plain; charset=utf-8'],
	['application/octet-stream', 'application/octet-stream'],
	['no content type', null],
	['its own content type', undefined],
];

function verdict(reply: RawReply): string {
	const type = String(reply.headers['content-type'] ?? '');
	if (!type.startsWith('application/json')) return `${reply.status} ${type}: ${reply.body}`;
	const json = JSON.parse(reply.body) as { error?: string; message?: string };
	return `${reply.status} json: ${json.error ?? json.message ?? ''}`;
}

/** A refusal: a 4xx with a JSON error (the trigger's) or n8n's own JSON message. */
const REFUSED = /^4(00|08|13|15|22) json: .+$/;

const NOT_JSON = /The request body is not JSON|Failed to parse request body|is not accepted: jtel posts its events as JSON/;

const EXPECTED: Record<string, RegExp> = {
	'billion laughs': NOT_JSON,
	'external entity': NOT_JSON,
	'50,000 nested elements': NOT_JSON,
	'50,000 nested arrays': /nested more than 100 levels deep|Failed to parse request body/,
	'a 10 MB body': new RegExp(`^413 json: The request body of \\d+ bytes is larger than the limit of ${MAX_EVENT_BYTES} bytes$`),
	'truncated XML': NOT_JSON,
	'truncated JSON': NOT_JSON,
	'the other format': NOT_JSON,
	'a binary image/png body': /not valid UTF-8|is not accepted: jtel posts its events as JSON|Failed to parse request body/,
	'an HTML page': NOT_JSON,
	'invalid UTF-8': /not valid UTF-8|Failed to parse request body/,
	'an empty body': /The request body is empty/,
};

describe.each(['n8n', 'parse'] as const)('ACD Dialler Trigger, body handled as %s decides: hostile requests', (bodyParser) => {
	let trigger: TriggerHarness;
	let url: string;

	beforeAll(async () => {
		trigger = await startTrigger({}, { bodyParser });
		url = eventUrl(trigger, 'callback');
	});
	afterAll(async () => {
		await trigger.close();
	});

	async function refused(send: () => Promise<RawReply>): Promise<RawReply> {
		const runs = trigger.runs.length;
		const errors = trigger.webhookErrors.length;
		const reply = await send();
		await trigger.settled();
		expect(trigger.runs).toHaveLength(runs);
		expect(trigger.webhookErrors.slice(errors)).toEqual([]);
		expect(`${JSON.stringify(reply.headers)}\n${reply.body}`.includes(SECRET)).toBe(false);
		expect(verdict(reply)).toMatch(REFUSED);
		return reply;
	}

	async function stillServes(): Promise<void> {
		const runs = trigger.runs.length;
		const reply = await sendRaw(url, { headers: { 'Content-Type': JSON_TYPE }, body: sane(TEMPLATE) });
		await trigger.settled();
		expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { received: true, started: true, event: 'callback', AcdEventsID: 7001 }]);
		expect(trigger.runs).toHaveLength(runs + 1);
		expect(trigger.emitted.at(-1)?.[0].json.Subject).toBe('ok');
	}

	const table = HOSTILE_BODIES.flatMap((hostile) => CONTENT_TYPES.map(([label, type]) => ({ hostile, label, type })));

	it.each(table)('$hostile.name sent as $label', async ({ hostile, type }: { hostile: HostileBody; type: string | null | undefined }) => {
		const { body, contentType } = hostile.build(TEMPLATE, url);
		const headers = { 'Content-Type': type === undefined ? contentType : (type ?? undefined) };
		const reply = await refused(async () => await sendRaw(url, { headers, body }));
		expect(verdict(reply)).toMatch(EXPECTED[hostile.name]);
		await stillServes();
	});

	it.each(CONTENT_TYPES.slice(0, 4))('an endless upload sent as %s is cut off with 413', async (_label, type) => {
		const runs = trigger.runs.length;
		const outcome = await sendEndless(url, { headers: { 'Content-Type': type ?? undefined } }, '{"padding":"padding padding"},', 64 * 1024 * 1024);
		await trigger.settled();
		expect({ error: outcome.error, status: outcome.reply?.status }).toEqual({ error: undefined, status: 413 });
		expect(outcome.reply?.body.includes(SECRET)).toBe(false);
		expect(trigger.runs).toHaveLength(runs);
		await stillServes();
	});

	it('a slow-loris body trickled in does not hold up other events, and is refused when it ends', async () => {
		const slowBody = truncated(TEMPLATE).slice(0, 120);
		const trickled = sendTrickled(url, { headers: { 'Content-Type': 'application/octet-stream' }, body: slowBody }, 10, 15);
		await stillServes();
		const reply = await refused(async () => await trickled);
		expect(verdict(reply)).toMatch(/The request body is not JSON|Failed to parse/);
		await stillServes();
	});

	if (bodyParser === 'n8n') {
		it('a valid event still trickling in after the read deadline is answered 408, and the next event is served', async () => {
			const trickled = sendTrickled(url, { headers: { 'Content-Type': JSON_TYPE }, body: sane(TEMPLATE) }, 10, 250);
			const reply = await refused(async () => await trickled);
			expect([reply.status, JSON.parse(reply.body)]).toEqual([408, { error: `The request body did not arrive within ${EVENT_READ_TIMEOUT_MS / 1000} s` }]);
			expect(reply.headers.connection).toBe('close');
			await stillServes();
		});

		it('a body declared as HTML or XML is refused with 415 unread', async () => {
			for (const type of ['text/html; charset=utf-8', 'text/xml', 'application/x-www-form-urlencoded', 'image/png']) {
				const reply = await refused(async () => await sendRaw(url, { headers: { 'Content-Type': type }, body: sane(TEMPLATE) }));
				expect(reply.status).toBe(415);
			}
			await stillServes();
		});
	}

	it.each(CONTENT_TYPES.slice(0, 4))('a request reset mid-body sent as %s starts nothing and breaks nothing', async (_label, type) => {
		const runs = trigger.runs.length;
		const errors = trigger.webhookErrors.length;
		const whole = Buffer.from(sane(TEMPLATE), 'utf8');
		await sendAndReset(url, { headers: { 'Content-Type': type ?? undefined } }, whole.subarray(0, 100), whole.length);
		await trigger.settled();
		expect(trigger.runs).toHaveLength(runs);
		expect(trigger.webhookErrors.slice(errors)).toEqual([]);
		await stillServes();
	});

	it('a valid event is served after all of them', async () => {
		await stillServes();
	});
});
