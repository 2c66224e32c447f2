import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ICI_INTERFACES } from '../../nodes/SapIci/constants';
import { readAkixiMessage, writeAkixiRequest } from '../../nodes/shared/transport/akixiXml';
import { readSoapEnvelope } from '../../nodes/shared/transport/soap';
import { MCC_SIM_NAMESPACE } from '../../nodes/TvoxMcc/constants';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_SESSION_ID,
	startAkixiSimulator,
} from '../../simulators/akixi';
import { JTEL_SIM_TOKEN, startJtelSimulator } from '../../simulators/jtel';
import { startOiiSimulator } from '../../simulators/oii';
import { DEFAULT_MAX_BODY_BYTES, type SimServer } from '../../simulators/shared/httpServer';
import { startTvoxSimulator } from '../../simulators/tvox';
import {
	HOSTILE_BODIES,
	JSON_TYPE,
	MARK,
	sane,
	truncated,
	XML_TYPE,
	type Template,
} from './bodies';
import { sendAndReset, sendEndless, sendRaw, sendTrickled, type RawReply } from './client';

/**
 * Every endpoint the simulators serve, against hostile request bodies: each is refused in the
 * protocol's own way (a SOAP fault, an Akixi Fail, a JSON error; 4xx, or 5xx for a SOAP 1.1
 * fault), uploads above the body limit get 413, and the simulator still answers a valid request
 * afterwards. Endpoints that read no body (a WSDL GET) answer as usual whatever body comes along.
 */

type SimName = 'akixi' | 'tvox' | 'oii' | 'jtel';

interface Endpoint {
	name: string;
	sim: SimName;
	method: string;
	path: string;
	/** Headers of every request to it (authentication, SOAPAction). */
	headers: Record<string, string>;
	/** The content type it reads. */
	contentType: string;
	/** A valid body with the mark; undefined for an endpoint that reads no body. */
	template?: Template;
	/** How it refuses a body it cannot use. */
	refusal: RegExp;
	/** How it refuses a body because the content type is wrong (when it checks the type). */
	wrongType?: RegExp;
	/** What it answers when it reads no body. */
	usual?: RegExp;
}

/** A request the simulator answers normally, and what that answer is. */
interface ValidRequest {
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string;
	expected: RegExp;
}

function fixture(dir: string, name: string): string {
	return readFileSync(path.join(__dirname, '..', 'fixtures', dir, name), 'utf8');
}

const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const AKIXI_DEVICE =
	'/CCS/API/v1/admin/telsys/426/partition/1/device/%2B442046034980/integratorClient';
const USER_ACTION = ICI_INTERFACES.user.soapAction;

const akixiWsRequest = (uniqueId: string) =>
	writeAkixiRequest({
		operation: 'OmnichannelIntInfo',
		invokeId: '00001',
		sessionId: AKIXI_SIM_SESSION_ID,
		payload: { UniqueID: uniqueId },
	});

const tvoxSoapRequest = (sessionId: string) =>
	`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:checkSessionState xmlns:ns2="${MCC_SIM_NAMESPACE}"><arg0>${sessionId}</arg0></ns2:checkSessionState></soap:Body></soap:Envelope>`;

const SIM_CONTROL = (sim: SimName): Endpoint => ({
	name: `${sim} POST /__sim/faults`,
	sim,
	method: 'POST',
	path: '/__sim/faults',
	headers: {},
	contentType: JSON_TYPE,
	template: {
		format: 'json',
		text: `{"kind":"status","status":503,"body":${MARK},"match":"never-matches-anything"}`,
	},
	refusal:
		/^400 json: (Invalid JSON|Fault|Unknown fault kind|Expected a JSON object|A fault must be|The request body is not valid UTF-8$)/,
});

const ENDPOINTS: Endpoint[] = [
	{
		name: 'Akixi XML Web Services POST /CCS/WS',
		sim: 'akixi',
		method: 'POST',
		path: '/CCS/WS',
		headers: {},
		contentType: XML_TYPE,
		template: { format: 'xml', text: akixiWsRequest(MARK) },
		refusal: /^200 akixi Fail 10000: .*the request could not be read: /,
	},
	{
		name: 'Akixi REST POST …/integratorClient/ (Add)',
		sim: 'akixi',
		method: 'POST',
		path: `${AKIXI_DEVICE}/`,
		headers: { 'x-api-key': AKIXI_SIM_API_KEY },
		contentType: JSON_TYPE,
		template: { format: 'json', text: `{"Description":${MARK},"Policies":{}}` },
		refusal: /^400 json: /,
	},
	SIM_CONTROL('akixi'),
	{
		name: 'TVox SOAP POST /mc/cxf/soap',
		sim: 'tvox',
		method: 'POST',
		path: '/mc/cxf/soap',
		headers: { SOAPAction: '""' },
		contentType: XML_TYPE,
		template: { format: 'xml', text: tvoxSoapRequest(MARK) },
		refusal: /^500 fault soapenv:(Client|VersionMismatch): /,
	},
	{
		name: 'TVox REST PUT /mc/cxf/rest/json/setSessionData',
		sim: 'tvox',
		method: 'PUT',
		path: '/mc/cxf/rest/json/setSessionData',
		headers: { Accept: 'application/json' },
		contentType: JSON_TYPE,
		template: { format: 'json', text: `{"sessionId":"session-1","sessionData":${MARK}}` },
		refusal: /^400 text: /,
		wrongType: /^415 /,
	},
	{
		name: 'TVox WSDL GET /mc/cxf/soap?wsdl',
		sim: 'tvox',
		method: 'GET',
		path: '/mc/cxf/soap?wsdl',
		headers: {},
		contentType: XML_TYPE,
		refusal: /^200 xml <definitions>$/,
		usual: /^200 xml <definitions>$/,
	},
	SIM_CONTROL('tvox'),
	{
		name: 'OII SOAP POST /OII/OII.asmx',
		sim: 'oii',
		method: 'POST',
		path: '/OII/OII.asmx',
		headers: { SOAPAction: `"${USER_ACTION}"` },
		contentType: XML_TYPE,
		template: {
			format: 'xml',
			text: fixture('sapIci', 'user.getAttributes.request.xml').replace(
				'<userId xmlns="">string</userId>',
				`<userId xmlns="">${MARK}</userId>`,
			),
		},
		refusal: /^500 fault soap:Client: SoapException: Malformed request: /,
		wrongType: /^415 text: Unsupported media type/,
	},
	{
		name: 'OII control POST /__oii/calls',
		sim: 'oii',
		method: 'POST',
		path: '/__oii/calls',
		headers: {},
		contentType: JSON_TYPE,
		template: { format: 'json', text: `{"to":${MARK},"from":"+358401234567"}` },
		refusal: /^(400|409) json: /,
	},
	SIM_CONTROL('oii'),
	{
		name: 'jtel REST POST /rest/v1.0/1/acd/events/create',
		sim: 'jtel',
		method: 'POST',
		path: '/rest/v1.0/1/acd/events/create',
		headers: { Authorization: `Bearer ${JTEL_SIM_TOKEN}` },
		contentType: JSON_TYPE,
		template: {
			format: 'json',
			text: `{"AcdEventTypesID":3,"AcdGroupsID":12,"Sender":"+4930123456","Subject":${MARK}}`,
		},
		refusal: /^400 json: /,
		wrongType: /^415 json: Content-Type must be application\/json$/,
	},
	SIM_CONTROL('jtel'),
];

const VALID: Record<SimName, ValidRequest> = {
	akixi: {
		method: 'POST',
		path: '/CCS/WS',
		headers: { 'Content-Type': XML_TYPE },
		body: akixiWsRequest(EMAIL_ID),
		expected: /^200 akixi Request$/,
	},
	tvox: {
		method: 'POST',
		path: '/mc/cxf/soap',
		headers: { 'Content-Type': XML_TYPE, SOAPAction: '""' },
		body: tvoxSoapRequest('session-1'),
		expected: /^200 soap checkSessionStateResponse$/,
	},
	oii: {
		method: 'POST',
		path: '/OII/OII.asmx',
		headers: { 'Content-Type': XML_TYPE, SOAPAction: `"${USER_ACTION}"` },
		body: fixture('sapIci', 'user.getAttributes.request.xml').replace('>string<', '>HARRI<'),
		expected: /^200 soap getAttributesResponse$/,
	},
	jtel: {
		method: 'GET',
		path: '/rest/v1.0/1/acd/groups/group/12',
		headers: { Authorization: `Bearer ${JTEL_SIM_TOKEN}` },
		expected: /^200 json: \{"records":\[\{/,
	},
};

/** The answer in one line: status, then the SOAP fault, Akixi result, JSON message or text. */
function verdict(reply: RawReply): string {
	const type = String(reply.headers['content-type'] ?? '');
	const body = reply.body;
	if (/xml/.test(type)) {
		try {
			const message = readSoapEnvelope(body);
			if (message.fault)
				return `${reply.status} fault ${message.fault.faultcode}: ${message.fault.faultstring}`;
			return `${reply.status} soap ${message.name}`;
		} catch {
			// not a SOAP envelope
		}
		try {
			const message = readAkixiMessage(body);
			if (message.failure)
				return `${reply.status} akixi ${message.result ?? ''} ${message.failure.code ?? ''}: ${message.failure.message ?? ''}`;
			return `${reply.status} akixi ${message.root}`;
		} catch {
			// not an Akixi message
		}
		const root = /<(?:\w+:)?(\w+)[\s>]/.exec(body.replace(/<\?[^>]*\?>/g, ''))?.[1];
		return `${reply.status} xml <${root ?? '?'}>`;
	}
	if (/json/.test(type)) {
		try {
			const value = JSON.parse(body) as Record<string, unknown>;
			const text = value.Message ?? value.error ?? value.message;
			return `${reply.status} json: ${typeof text === 'string' ? text : body.slice(0, 200)}`;
		} catch {
			return `${reply.status} json (unreadable): ${body.slice(0, 100)}`;
		}
	}
	return `${reply.status} text: ${body.slice(0, 200)}`;
}

const TOO_LARGE = new RegExp(
	`^413 text: Request body larger than ${DEFAULT_MAX_BODY_BYTES} bytes$`,
);

describe('Simulators: hostile requests', () => {
	const sims = {} as Record<SimName, SimServer>;

	beforeAll(async () => {
		sims.akixi = await startAkixiSimulator();
		sims.tvox = await startTvoxSimulator();
		sims.oii = await startOiiSimulator({ deliverEvents: false });
		sims.jtel = await startJtelSimulator();
	});
	afterAll(async () => {
		await Promise.all(Object.values(sims).map(async (sim) => await sim.close()));
	});

	async function expectStillServes(sim: SimName): Promise<void> {
		const valid = VALID[sim];
		const reply = await sendRaw(`${sims[sim].url}${valid.path}`, {
			method: valid.method,
			headers: valid.headers,
			body: valid.body,
		});
		expect(verdict(reply)).toMatch(valid.expected);
	}

	/** Paths of every route family with a percent sign that does not decode. */
	const BAD_PATHS: Record<SimName, string[]> = {
		akixi: [
			'/CCS/WS/%E0%A4%A',
			'/CCS/API/v1/admin/telsys/%E0%A4%A/partition/1/device/x/integratorClient',
			'/CCS/API/v1/session%E0%A4%A',
			'/__sim/%E0%A4%A',
		],
		tvox: [
			'/mc/cxf/soap%E0%A4%A',
			'/mc/cxf/rest/json/%E0%A4%A',
			'/mc/cxf/rest%E0%A4%A?_wadl',
			'/__sim/%E0%A4%A',
		],
		oii: [
			'/OII/OII.asmx%E0%A4%A',
			'/OII/%E0%A4%A.asmx',
			'/__oii/calls/%E0%A4%A/answer',
			'/__oii/%E0%A4%A',
			'/__sim/%E0%A4%A',
		],
		jtel: [
			'/rest/v1.0/1/acd/groups/group/%E0%A4%A',
			'/rest/v1.0/%E0%A4%A/acd/events',
			'/__sim/%E0%A4%A',
		],
	};

	it.each(Object.keys(BAD_PATHS) as SimName[])(
		'%s: paths that are not valid URL encoding get a 4xx',
		async (sim) => {
			for (const badPath of BAD_PATHS[sim]) {
				for (const method of ['GET', 'POST', 'PUT']) {
					const reply = await sendRaw(`${sims[sim].url}${badPath}`, {
						method,
						headers: { 'Content-Type': XML_TYPE },
						body: method === 'GET' ? undefined : '<a/>',
					});
					expect(`${method} ${badPath} ${reply.status}`).toMatch(new RegExp(` 4\\d\\d$`));
				}
			}
			await expectStillServes(sim);
		},
	);

	describe.each(ENDPOINTS)('$name', (endpoint: Endpoint) => {
		const url = () => `${sims[endpoint.sim].url}${endpoint.path}`;
		const template = endpoint.template ?? { format: 'xml', text: `<Request>${MARK}</Request>` };
		const send = async (body: string | Buffer, contentType: string | undefined) =>
			await sendRaw(url(), {
				method: endpoint.method,
				headers: { ...endpoint.headers, 'Content-Type': contentType },
				body,
			});

		it.each(HOSTILE_BODIES)('$name', async (hostile) => {
			const { body, contentType } = hostile.build(template, AKIXI_SIM_SESSION_ID);
			const expected =
				hostile.name === 'a 10 MB body' ? TOO_LARGE : (endpoint.usual ?? endpoint.refusal);
			const reply = await send(body, endpoint.contentType);
			expect(verdict(reply)).toMatch(expected);
			if (
				contentType.split(';')[0] !== endpoint.contentType.split(';')[0] &&
				hostile.name !== 'a 10 MB body'
			) {
				// Refused for its type, or (a body that is not text at all) for that.
				const typed = await send(body, contentType);
				const refused = endpoint.wrongType
					? new RegExp(`${endpoint.wrongType.source}|${endpoint.refusal.source}`)
					: endpoint.refusal;
				expect(verdict(typed)).toMatch(endpoint.usual ?? refused);
			}
			await expectStillServes(endpoint.sim);
		});

		it('a valid body without a content type is refused, or read as with it', async () => {
			const answer = async (contentType: string | undefined) => {
				sims[endpoint.sim].reset();
				return verdict(await send(sane(template, 'x'), contentType)).replace(/"id":\d+/g, '"id":N');
			};
			const typed = await answer(endpoint.contentType);
			const untyped = await answer(undefined);
			if (endpoint.wrongType) expect(untyped).toMatch(endpoint.wrongType);
			else expect(untyped).toBe(typed);
			await expectStillServes(endpoint.sim);
		});

		it('an endless upload is answered 413 as soon as it passes the limit', async () => {
			const outcome = await sendEndless(
				url(),
				{
					method: endpoint.method,
					headers: { ...endpoint.headers, 'Content-Type': endpoint.contentType },
				},
				'padding ',
				256 * 1024 * 1024,
			);
			expect({ error: outcome.error, verdict: outcome.reply && verdict(outcome.reply) }).toEqual({
				error: undefined,
				verdict: expect.stringMatching(TOO_LARGE),
			});
			// The answer came while the upload went on: the client stopped long before the hard stop.
			expect(outcome.sent).toBeLessThan(16 * DEFAULT_MAX_BODY_BYTES);
			await expectStillServes(endpoint.sim);
		});

		it('a slow-loris body does not hold up other requests, and is refused when it ends', async () => {
			const slow = truncated(template).slice(0, 200);
			const trickled = sendTrickled(
				url(),
				{
					method: endpoint.method,
					headers: { ...endpoint.headers, 'Content-Type': endpoint.contentType },
					body: slow,
				},
				8,
				15,
			);
			await expectStillServes(endpoint.sim);
			expect(verdict(await trickled)).toMatch(endpoint.usual ?? endpoint.refusal);
			await expectStillServes(endpoint.sim);
		});

		it('a request reset in the middle of its body breaks nothing', async () => {
			const whole = Buffer.from(sane(template), 'utf8');
			const reply = await sendAndReset(
				url(),
				{
					method: endpoint.method,
					headers: { ...endpoint.headers, 'Content-Type': endpoint.contentType },
				},
				whole.subarray(0, Math.floor(whole.length / 2)),
				whole.length,
			);
			expect(reply).toBeUndefined();
			await expectStillServes(endpoint.sim);
		});
	});
});
