import { MAX_EVENT_BYTES } from '../../nodes/AcdDialler/trigger/event';
import { JSON_TYPE, MARK, sane, type Template } from '../hostile/bodies';
import { sendRaw, type RawReply } from '../hostile/client';
import { describeHostileTrigger, LATE_MESSAGE, type ContentTypes } from '../hostile/triggerSuite';
import { eventUrl, fixtureEvent, SECRET, startTrigger } from './helpers';

/**
 * The ACD Dialler Trigger's webhook against hostile requests, with the body handled as n8n decides
 * for the trigger (Read Events Raw: the trigger reads the stream) and as n8n handles it when it
 * parses the body itself (422 for JSON it cannot parse). Every hostile request is refused with a
 * 4xx, starts no execution, makes `webhook()` throw nothing and repeats no secret; a valid event is
 * still served afterwards. The suite itself is test/hostile/triggerSuite.ts.
 */

const TEMPLATE: Template = {
	format: 'json',
	text: JSON.stringify({ ...fixtureEvent(), Subject: 'SUBJECT' }).replace('"SUBJECT"', MARK),
};

/** Besides the content types every trigger gets (`OTHER_CONTENT_TYPES`). */
const CONTENT_TYPES: ContentTypes = [
	['application/json', JSON_TYPE],
	['text/plain', 'text/plain; charset=utf-8'],
];

function verdict(reply: RawReply): string {
	const type = String(reply.headers['content-type'] ?? '');
	if (!type.startsWith('application/json')) return `${reply.status} ${type}: ${reply.body}`;
	const json = JSON.parse(reply.body) as { error?: string; message?: string };
	return `${reply.status} json: ${json.error ?? json.message ?? ''}`;
}

/** A refusal: a 4xx with a JSON error (the trigger's) or n8n's own JSON message. */
const REFUSED = /^4(00|08|13|15|22) json: .+$/;

const NOT_JSON =
	/The request body is not JSON|Failed to parse request body|is not accepted: jtel posts its events as JSON/;

const EXPECTED: Record<string, RegExp> = {
	'billion laughs': NOT_JSON,
	'external entity': NOT_JSON,
	'50,000 nested elements': NOT_JSON,
	'50,000 nested arrays': /nested more than 100 levels deep|Failed to parse request body/,
	'a 10 MB body': new RegExp(
		`^413 json: The request body of \\d+ bytes is larger than the limit of ${MAX_EVENT_BYTES} bytes$`,
	),
	'truncated XML': NOT_JSON,
	'truncated JSON': NOT_JSON,
	'the other format': NOT_JSON,
	'a binary image/png body':
		/not valid UTF-8|is not accepted: jtel posts its events as JSON|Failed to parse request body/,
	'an HTML page': NOT_JSON,
	'invalid UTF-8': /not valid UTF-8|Failed to parse request body/,
	'an empty body': /The request body is empty/,
};

describeHostileTrigger({
	name: 'ACD Dialler Trigger',
	template: TEMPLATE,
	contentType: JSON_TYPE,
	contentTypes: CONTENT_TYPES,
	start: async (bodyParser) => {
		const trigger = await startTrigger({}, { bodyParser });
		return {
			trigger,
			url: eventUrl(trigger, 'callback'),
			secret: SECRET,
			close: async () => await trigger.close(),
		};
	},
	verdict,
	refused: REFUSED,
	expected: EXPECTED,
	readAnswer: (reply) => JSON.parse(reply.body) as unknown,
	servedAnswer: { received: true, started: true, event: 'callback', AcdEventsID: 7001 },
	checkServedRun: (trigger) => expect(trigger.emitted.at(-1)?.[0].json.Subject).toBe('ok'),
	lateAnswer: { error: LATE_MESSAGE },
	endlessChunk: '{"padding":"padding padding"},',
	slowLoris: { bytes: 120, verdict: /The request body is not JSON|Failed to parse/ },
	resetAfterBytes: 100,
	moreWhenN8nDecides: (suite) => {
		it('a body declared as HTML or XML is refused with 415 unread', async () => {
			for (const type of [
				'text/html; charset=utf-8',
				'text/xml',
				'application/x-www-form-urlencoded',
				'image/png',
			]) {
				const reply = await suite.refused(
					async () =>
						await sendRaw(suite.url, { headers: { 'Content-Type': type }, body: sane(TEMPLATE) }),
				);
				expect(reply.status).toBe(415);
			}
			await suite.stillServes();
		});
	},
});
