import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { writeIciEventAnswer } from '../../nodes/SapIci/events';
import { MAX_EVENT_BYTES } from '../../nodes/SapIci/trigger/request';
import { appUrlOf, fixture, startSim, startTrigger, stopSim } from '../sapIciTrigger/helpers';
import { MARK, XML_TYPE, type Template } from './bodies';
import type { RawReply } from './client';
import { describeHostileTrigger, LATE_MESSAGE, type ContentTypes } from './triggerSuite';

/**
 * The SAP ICI Trigger's webhook against hostile requests, with the body handled as n8n decides for
 * the trigger (Read Events Raw: n8n leaves the request stream to the trigger) and as n8n handles a
 * trigger saved without that option (n8n parses text/xml and +xml bodies itself and answers 422
 * for what it cannot parse). Every hostile request is refused with a 4xx or a SOAP
 * Client fault, starts no execution, makes `webhook()` throw nothing and repeats no secret; a
 * valid event is still served afterwards. The suite itself is triggerSuite.ts.
 */

const TEMPLATE: Template = {
	format: 'xml',
	text: fixture('event.userChanged.request.xml').replace(
		'<description>Logged off</description>',
		`<description>${MARK}</description>`,
	),
};

/** Besides the content types every trigger gets (`OTHER_CONTENT_TYPES`). */
const CONTENT_TYPES: ContentTypes = [
	['text/xml', 'text/xml; charset=utf-8'],
	['application/soap+xml', 'application/soap+xml; charset=utf-8'],
];

/** How a request was refused, in one line: the status and the fault, JSON message or text of the answer. */
function verdict(reply: RawReply): string {
	const type = String(reply.headers['content-type'] ?? '');
	if (type.startsWith('text/xml')) {
		const fault = readIciEnvelope(reply.body).fault;
		return `${reply.status} fault ${fault?.faultcode ?? '-'}: ${fault?.faultstring ?? '-'}`;
	}
	if (type.startsWith('application/json'))
		return `${reply.status} json: ${String((JSON.parse(reply.body) as { message?: string }).message)}`;
	return `${reply.status} text: ${reply.body}`;
}

/** A refusal: 4xx, or a SOAP 1.1 Client fault (HTTP 500, as SOAP 1.1 answers faults). */
const REFUSED =
	/^(4(00|08|13|15|22) (json|text): .+|500 fault soapenv:Client: Not an IciEvent message: .+)$/;

/** What the answer says for each body, whoever (n8n or the trigger) refused it. */
const EXPECTED: Record<string, RegExp> = {
	'billion laughs':
		/422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'external entity':
		/422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'50,000 nested elements': /422 json: Failed to parse request body|nested tags/,
	'50,000 nested arrays': /422 json: Failed to parse request body|The document is not XML/,
	'a 10 MB body': new RegExp(
		`^413 text: The request body of \\d+ bytes is larger than the limit of ${MAX_EVENT_BYTES} bytes$`,
	),
	'truncated XML': /422 json: Failed to parse request body|Malformed or truncated XML/,
	'truncated JSON': /422 json: Failed to parse request body|The document is not XML/,
	'the other format': /422 json: Failed to parse request body|The document is not XML/,
	'a binary image/png body':
		/422 json: Failed to parse request body|The document is not XML|not valid UTF-8/,
	'an HTML page':
		/422 json: Failed to parse request body|DOCTYPE or ENTITY declaration are refused/,
	'invalid UTF-8': /422 json: Failed to parse request body|not valid UTF-8/,
	'an empty body': /The XML document is empty/,
};

describeHostileTrigger({
	name: 'SAP ICI Trigger',
	template: TEMPLATE,
	contentType: XML_TYPE,
	contentTypes: CONTENT_TYPES,
	start: async (bodyParser) => {
		const sim = await startSim();
		const trigger = await startTrigger(sim, { userIds: ['HARRI'] }, { bodyParser });
		await trigger.activate();
		const url = appUrlOf(trigger);
		const secret = String(trigger.nodeStaticData.secret);
		expect(url).toContain(secret);
		const close = async () => {
			await trigger.close();
			await stopSim(sim);
		};
		return { trigger, url, secret, close };
	},
	verdict,
	refused: REFUSED,
	expected: EXPECTED,
	readAnswer: (reply) => reply.body,
	servedAnswer: writeIciEventAnswer('userChanged'),
	lateAnswer: LATE_MESSAGE,
	endlessChunk: '<item>padding padding</item>',
	slowLoris: { bytes: 300, verdict: /Malformed or truncated XML|Failed to parse/ },
	resetAfterBytes: 400,
});
