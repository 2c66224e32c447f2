import { closedPort } from '../acdDialler/helpers';
import { expectErrorItem, expectNoSecret, everythingShown, expectNodeError } from './assertions';
import {
	billionLaughs,
	deepJson,
	deepXml,
	externalEntity,
	huge,
	htmlPage,
	invalidUtf8,
	otherFormat,
	png,
	sane,
	truncated,
	type Template,
} from './bodies';
import {
	document,
	endless,
	only,
	resetBeforeHeaders,
	resetMidBody,
	slow,
	startHostileServer,
	type Answer,
	type Exchange,
	type HostileServer,
} from './hostileServer';
import { echoOf, nodeTransports, type NodeTransport } from './transports';

/**
 * Every transport that reads remote data, against the same hostile answers: each ends in an n8n
 * node error (or an error item with continue on fail) whose message is a readable sentence and
 * shows no credential secret, within the timeout; an endless body is cut off at the size cap; and
 * the same node then still works against a sane answer over the same pooled connections.
 */

const TIMEOUT_MS = 5000;
const SLOW_TIMEOUT_MS = 400;
const CAP = 8 * 1024 * 1024;

interface NodeCase {
	name: string;
	/** The answer to the call; undefined: the credential points at a port nobody listens on. */
	answer?: (t: NodeTransport) => Answer;
	timeoutMs?: number;
	/** What the message says, by the format the transport expects. */
	message: (t: NodeTransport) => RegExp;
}

/** An answer built from the transport's valid answer to this very request. */
function respond(
	t: NodeTransport,
	build: (
		template: Template,
		echo: string,
	) => { status?: number; contentType?: string; body: string | Buffer },
): Answer {
	return (exchange: Exchange) => {
		const { status, contentType, body } = build(t.template(exchange), echoOf(exchange));
		return document(status ?? 200, contentType, body)(exchange);
	};
}

const byFormat = (xml: RegExp, json: RegExp) => (t: NodeTransport) =>
	t.format === 'xml' ? xml : json;

const DTD_REFUSED =
	/cannot be read: XML documents with a DOCTYPE or ENTITY declaration are refused/;
const NOT_JSON = /with a body that is not valid JSON$/;
const TOO_LARGE = new RegExp(`sent a response larger than ${CAP} bytes`);
const CLOSED = /^Could not reach .+: the connection was closed unexpectedly$/;

const CASES: NodeCase[] = [
	{
		name: 'billion laughs (nested entity declarations)',
		answer: (t) => respond(t, (tpl) => ({ contentType: t.contentType, body: billionLaughs(tpl) })),
		message: byFormat(DTD_REFUSED, NOT_JSON),
	},
	{
		name: 'external entity reading /etc/passwd',
		answer: (t) => respond(t, (tpl) => ({ contentType: t.contentType, body: externalEntity(tpl) })),
		message: byFormat(DTD_REFUSED, NOT_JSON),
	},
	{
		name: '50,000 nested elements or arrays',
		answer: (t) =>
			respond(t, (tpl) => ({
				contentType: t.contentType,
				body: t.format === 'xml' ? deepXml(tpl) : deepJson(tpl),
			})),
		message: byFormat(
			/cannot be read: .*nested tags/,
			/with JSON nested more than 100 levels deep$/,
		),
	},
	{
		name: '50,000 nested elements or arrays in an HTTP 500 answer',
		answer: (t) =>
			respond(t, (tpl) => ({
				status: 500,
				contentType: t.contentType,
				body: t.format === 'xml' ? deepXml(tpl) : deepJson(tpl),
			})),
		message: byFormat(
			/(cannot be read: .*nest|answered .+ with HTTP 500$)/i,
			/(HTTP 500|nested more than 100 levels)/,
		),
	},
	{
		name: 'a 10 MB body',
		answer: (t) => respond(t, (tpl) => ({ contentType: t.contentType, body: huge(tpl) })),
		message: () => TOO_LARGE,
	},
	{
		name: 'an endless body',
		answer: (t) => (exchange) => {
			const whole = sane(t.template(exchange));
			const cut = t.format === 'xml' ? whole.indexOf('>') + 1 : 1;
			return endless(
				t.contentType,
				whole.slice(0, cut),
				t.format === 'xml' ? '<x>padding padding padding</x>' : '"padding",',
			)(exchange);
		},
		message: () => TOO_LARGE,
	},
	{
		name: 'a truncated document',
		answer: (t) => respond(t, (tpl) => ({ contentType: t.contentType, body: truncated(tpl) })),
		message: byFormat(/cannot be read: Malformed or truncated XML/, NOT_JSON),
	},
	{
		name: 'the other format (JSON for XML, XML for JSON)',
		answer: (t) => respond(t, (tpl, echo) => otherFormat(tpl, echo)),
		message: byFormat(/cannot be read: The document is not XML$/, NOT_JSON),
	},
	{
		name: 'a binary image/png body',
		answer: (t) => respond(t, (_tpl, echo) => ({ contentType: 'image/png', body: png(echo) })),
		// Binary bytes are not UTF-8 text: refused before any parser sees them.
		message: () => /sent an answer \(HTTP 200\) that is not valid UTF-8 text/,
	},
	{
		name: 'an HTML error page with status 200',
		answer: (t) =>
			respond(t, (_tpl, echo) => ({
				contentType: 'text/html; charset=utf-8',
				body: htmlPage(200, echo),
			})),
		message: () => /HTML page/,
	},
	{
		name: 'an HTML error page with status 502',
		answer: (t) =>
			respond(t, (_tpl, echo) => ({
				status: 502,
				contentType: 'text/html; charset=utf-8',
				body: htmlPage(502, echo),
			})),
		message: () => /HTML page.*502|HTTP 502/,
	},
	{
		name: 'invalid UTF-8 inside the document',
		answer: (t) => respond(t, (tpl) => ({ contentType: t.contentType, body: invalidUtf8(tpl) })),
		message: () => /UTF-8/,
	},
	{
		name: 'an empty body with status 200',
		answer: (t) => respond(t, () => ({ contentType: t.contentType, body: '' })),
		// TVox's REST reader names the result type it did not get.
		message: (t) =>
			t.name.startsWith('TVox REST')
				? /with something that is not a CheckSessionResult$/
				: /(sent an|is) empty/,
	},
	{
		name: 'an answer slower than the timeout',
		answer: (t) =>
			slow(
				20_000,
				respond(t, (tpl) => ({ contentType: t.contentType, body: sane(tpl) })),
			),
		timeoutMs: SLOW_TIMEOUT_MS,
		message: () => new RegExp(`did not answer within ${SLOW_TIMEOUT_MS} ms`),
	},
	{
		name: 'a connection reset before the headers',
		answer: () => resetBeforeHeaders(),
		message: () => CLOSED,
	},
	{
		name: 'a connection reset in the middle of the body',
		answer: (t) => (exchange) =>
			resetMidBody(200, t.contentType, sane(t.template(exchange)).repeat(50))(exchange),
		message: () => CLOSED,
	},
	{
		name: 'a refused connection',
		message: () => /^Could not reach .+: the connection was refused$/,
	},
];

describe.each(nodeTransports())('$name: hostile answers', (t: NodeTransport) => {
	let server: HostileServer;
	let closedUrl: string;
	const saneAnswer = (): Answer =>
		only(
			t.isCall,
			respond(t, (tpl) => ({ contentType: t.contentType, body: sane(tpl) })),
			t.supporting,
		);

	beforeAll(async () => {
		server = await startHostileServer(saneAnswer());
		closedUrl = `http://127.0.0.1:${await closedPort()}`;
	});
	afterAll(async () => {
		t.forget();
		await server.close();
	});

	it('works against the sane answer, which carries the credential', async () => {
		const result = await t.run(server.url, { timeoutMs: TIMEOUT_MS });
		expect(result.error).toBeUndefined();
		t.expectSane(result.items.map((i) => i.json));
		const calls = server.requests.filter((r) => r.method === 'POST' || t.format === 'json');
		const last = calls[calls.length - 1];
		const echo = [
			last.headers.authorization,
			last.headers.cookie,
			last.headers['x-api-key'],
			last.body,
		].join(' ');
		expect(t.secrets.some((secret) => echo.includes(secret))).toBe(true);
	});

	it.each(CASES)('$name', async (c: NodeCase) => {
		const url = c.answer ? server.url : closedUrl;
		if (c.answer) server.answer(only(t.isCall, c.answer(t), t.supporting));
		const streamsBefore = server.streams.length;
		const timeoutMs = c.timeoutMs ?? TIMEOUT_MS;
		const message = c.message(t);

		const failed = await t.run(url, { timeoutMs });
		expectNodeError(failed, message);
		expectNoSecret(everythingShown(failed), t.secrets);

		const continued = await t.run(url, { timeoutMs, continueOnFail: true });
		expectErrorItem(continued, message);
		expectNoSecret(everythingShown(continued), t.secrets);

		if (c.name === 'an endless body') {
			const streams = server.streams.slice(streamsBefore);
			expect(streams).toHaveLength(2);
			await Promise.all(streams.map((s) => s.stopped));
			for (const stream of streams) {
				expect(stream.written).toBeGreaterThan(CAP);
				expect(stream.written).toBeLessThan(8 * CAP);
			}
		}

		server.answer(saneAnswer());
		const after = await t.run(server.url, { timeoutMs: TIMEOUT_MS });
		expect(after.error?.message).toBeUndefined();
		t.expectSane(after.items.map((i) => i.json));
	});
});
