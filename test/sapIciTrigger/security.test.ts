import { gzipSync } from 'node:zlib';

import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { writeIciEventAnswer } from '../../nodes/SapIci/events';
import { MAX_EVENT_BYTES } from '../../nodes/SapIci/trigger/request';
import {
	basicCredentials,
	isAllowed,
	parseAllowlist,
	plainAddress,
	sameSecret,
} from '../../nodes/shared/webhookRequest';
import { ENTITY_BOMB_XML } from '../../simulators/shared/httpServer';
import type { OiiSimulator } from '../../simulators/oii';
import type { TriggerHarness, TriggerHarnessOptions } from '../harness';
import {
	appUrlOf,
	emittedJson,
	fixture,
	post,
	startSim,
	startTrigger,
	stopSim,
	type Reply,
} from './helpers';

/**
 * The webhook is open to whoever can reach n8n and OII has no authentication, so: every request
 * must carry the per-workflow secret of the registered appUrl (401 otherwise), may be limited to
 * an IP allowlist (403) and to Basic authentication (401). Bodies that are not a whole, safe
 * IciEvent message are refused — by n8n's own body parser (422) or by the trigger (SOAP Client
 * fault, 413) — and start nothing.
 */

const EVENT = fixture('event.userChanged.request.xml');

/** A well-formed phoneCallChanged of about `bytes` bytes (the attached data grows). */
function hugeEvent(bytes: number): string {
	const head = EVENT.slice(0, EVENT.indexOf('<user>'));
	const tail = EVENT.slice(EVENT.indexOf('</userChanged>'));
	return `${head}<user><userId>HARRI</userId><padding>${'A'.repeat(bytes)}</padding></user>${tail}`;
}

/** The classic entity-expansion bomb inside an IciEvent envelope. */
const BILLION_LAUGHS = (() => {
	const lines = ENTITY_BOMB_XML.split('\n');
	const entities = lines.filter((l) => l.includes('<!ENTITY')).join('\n');
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<!DOCTYPE soap:Envelope [\n${entities}\n]>`,
		'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>',
		'<userChanged xmlns="urn:IciEventInterface"><appIds><item>&lol9;</item></appIds><user><userId>&lol9;</userId></user></userChanged>',
		'</soap:Body></soap:Envelope>',
	].join('\n');
})();

const HTML_PAGE =
	'<!DOCTYPE html><html><head><title>Login</title></head><body><p>Please log in<br></body></html>';
const TRUNCATED = EVENT.slice(0, Math.floor(EVENT.length / 2));

function expectClientFault(reply: Reply, text: string | RegExp): void {
	expect(reply.status).toBe(500);
	expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
	const fault = readIciEnvelope(reply.body).fault;
	expect(fault?.faultcode).toBe('soapenv:Client');
	expect(fault?.faultstring).toMatch(text);
}

describe('SAP ICI Trigger — security and hostile input', () => {
	let sim: OiiSimulator;
	const triggers: TriggerHarness[] = [];
	const start = async (
		parameters: Record<string, unknown> = {},
		options: Partial<TriggerHarnessOptions> = {},
	) => {
		const trigger = await startTrigger(sim, { userIds: ['HARRI'], ...parameters }, options);
		triggers.push(trigger);
		await trigger.activate();
		return trigger;
	};

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		for (const trigger of triggers) await trigger.close();
		await stopSim(sim);
	});

	describe('the secret of the appUrl', () => {
		let trigger: TriggerHarness;
		beforeAll(async () => {
			trigger = await start();
		});

		it('requests without it, with a wrong one or with it twice get 401 and start nothing', async () => {
			const secret = String(trigger.nodeStaticData.secret);
			const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
			const urls = [
				trigger.url,
				`${trigger.url}?secret=`,
				`${trigger.url}?secret=${wrong}`,
				`${trigger.url}?secret=${secret.toLowerCase() === secret ? secret.toUpperCase() : secret.toLowerCase()}`,
				`${trigger.url}?key=${secret}`,
				`${trigger.url}?secret=${wrong}&secret=${secret}`,
				`${trigger.url}?secret=${secret}x`,
			];
			for (const url of urls) {
				const reply = await post(url, EVENT);
				expect([url, reply.status, reply.body]).toEqual([url, 401, 'Unauthorized']);
			}
			await trigger.settled();
			expect(trigger.webhookCalls).toBe(urls.length);
			expect(trigger.runs).toEqual([]);
		});

		it('the right one is answered and starts the workflow; no answer or item shows the secret', async () => {
			const secret = String(trigger.nodeStaticData.secret);
			const reply = await post(appUrlOf(trigger), EVENT);
			await trigger.settled();
			expect([reply.status, reply.body]).toEqual([200, writeIciEventAnswer('userChanged')]);
			expect(trigger.runs).toHaveLength(1);
			expect(JSON.stringify(trigger.emitted)).not.toContain(secret);
		});

		it('is compared in constant time over equal-length digests', () => {
			expect(sameSecret('abc', 'abc')).toBe(true);
			expect(sameSecret('abc', 'abd')).toBe(false);
			expect(sameSecret('', '')).toBe(false);
			expect(sameSecret('a'.repeat(10_000), 'a')).toBe(false);
		});
	});

	describe('bodies that are not a whole IciEvent message start nothing', () => {
		let trigger: TriggerHarness;
		let calls = 0;
		beforeAll(async () => {
			trigger = await start();
		});
		afterEach(async () => {
			await trigger.settled();
			expect(trigger.runs).toEqual([]);
		});
		const send = async (
			body: string | Buffer,
			contentType: string,
			extra: Record<string, string> = {},
		) => {
			calls = trigger.webhookCalls;
			return await post(appUrlOf(trigger), body, { 'Content-Type': contentType, ...extra });
		};

		it('n8n leaves text/xml it could not parse to the trigger (Read Events Raw), which answers with its own SOAP Client fault', async () => {
			for (const body of [
				TRUNCATED,
				'<soap:Envelope><soap:Body></soap:Envelope>',
				HTML_PAGE,
				BILLION_LAUGHS,
			]) {
				const reply = await send(body, 'text/xml; charset=utf-8');
				expect(reply.status).toBe(500);
				expect(readIciEnvelope(reply.body).fault?.faultcode).toMatch(/Client$/);
				expect(trigger.webhookCalls).toBe(calls + 1);
			}
		});

		it('the trigger refuses malformed XML, HTML and entity declarations that n8n passes through with a SOAP Client fault', async () => {
			expectClientFault(
				await send(TRUNCATED, 'application/octet-stream'),
				/^Not an IciEvent message: Malformed or truncated XML/,
			);
			expect(trigger.webhookCalls).toBe(calls + 1);
			expectClientFault(
				await send(HTML_PAGE, 'text/html'),
				/DOCTYPE or ENTITY declaration are refused/,
			);
			expectClientFault(
				await send('<html><body>Service Unavailable</body></html>', 'text/html'),
				'Not an IciEvent message: Expected a SOAP Envelope but received <html>',
			);
			expectClientFault(
				await send(BILLION_LAUGHS, 'application/octet-stream'),
				/DOCTYPE or ENTITY declaration are refused \(entity expansion protection\)/,
			);
			expectClientFault(
				await send('', 'application/octet-stream'),
				'Not an IciEvent message: The XML document is empty',
			);
			expectClientFault(
				await send('just text', 'text/plain'),
				'Not an IciEvent message: The document is not XML',
			);
		});

		it('well-formed XML that is not an IciEvent message gets a SOAP Client fault', async () => {
			expectClientFault(
				await send('<order><id>1</id></order>', 'text/xml'),
				'Not an IciEvent message: Expected a SOAP Envelope but received <order>',
			);
			expectClientFault(
				await send(fixture('user.getAttributes.request.xml'), 'text/xml'),
				'Not an IciEvent message: <getAttributes> is not an IciEvent message',
			);
			expectClientFault(
				await send(fixture('fault.iciErrorCodes.xml'), 'text/xml'),
				/The request is a SOAP Fault/,
			);
			expectClientFault(
				await send(
					'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
					'text/xml',
				),
				'Not an IciEvent message: <an empty Body> is not an IciEvent message',
			);
		});

		it('a 10 MB event is refused with 413, whether n8n parsed it or not', async () => {
			const huge = hugeEvent(10 * 1024 * 1024);
			for (const contentType of ['text/xml; charset=utf-8', 'application/octet-stream']) {
				const reply = await send(huge, contentType, { Connection: 'keep-alive' });
				expect(reply.status).toBe(413);
				expect(reply.body).toBe(
					`The request body of ${Buffer.byteLength(huge)} bytes is larger than the limit of ${MAX_EVENT_BYTES} bytes`,
				);
				// Declared within n8n's own payload limit: read to its end and dropped, so the sender gets the 413, not a reset.
				expect(reply.headers.connection).not.toBe('close');
				expect(trigger.webhookCalls).toBe(calls + 1);
			}
		});
	});

	it('events up to the size limit are read (chapter 7.6: 15–20 kB with call attached data, the limit is 1 MB)', async () => {
		const trigger = await start();
		const big = hugeEvent(MAX_EVENT_BYTES - 2000);
		expect(Buffer.byteLength(big)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
		const reply = await post(appUrlOf(trigger), big);
		await trigger.settled();
		expect(reply.status).toBe(200);
		expect(trigger.runs).toHaveLength(1);
		expect((emittedJson(trigger)[0].user as Record<string, string>).padding).toHaveLength(
			MAX_EVENT_BYTES - 2000,
		);
	});

	it('a trigger saved without Read Events Raw gets its body parsed by n8n, which refuses what it cannot parse with 422', async () => {
		const legacy = await start({ options: {} });
		for (const body of [TRUNCATED, HTML_PAGE, BILLION_LAUGHS]) {
			const reply = await post(appUrlOf(legacy), body, {
				'Content-Type': 'text/xml; charset=utf-8',
			});
			expect(reply.status).toBe(422);
			expect(JSON.parse(reply.body)).toMatchObject({
				code: 422,
				message: 'Failed to parse request body',
			});
		}
		expect(legacy.webhookCalls).toBe(0);
		const reply = await post(appUrlOf(legacy), EVENT);
		await legacy.settled();
		expect(reply.status).toBe(200);
		expect(legacy.runs).toHaveLength(1);
	});

	describe('reading the request stream itself (n8n left the body unread)', () => {
		let trigger: TriggerHarness;
		beforeAll(async () => {
			trigger = await start({}, { bodyParser: 'none' });
		});

		it('a whole event is read and emitted', async () => {
			const reply = await post(appUrlOf(trigger), EVENT);
			await trigger.settled();
			expect(reply.status).toBe(200);
			expect(emittedJson(trigger)).toEqual([expect.objectContaining({ event: 'userChanged' })]);
		});

		it('malformed, entity-expanding, compressed and oversized bodies are refused and start nothing', async () => {
			const before = trigger.runs.length;
			expectClientFault(await post(appUrlOf(trigger), TRUNCATED), /Malformed or truncated XML/);
			expectClientFault(
				await post(appUrlOf(trigger), BILLION_LAUGHS),
				/entity expansion protection/,
			);
			const gzipped = await post(appUrlOf(trigger), gzipSync(EVENT), {
				'Content-Encoding': 'gzip',
			});
			expect([gzipped.status, gzipped.body]).toEqual([
				415,
				'Content-Encoding "gzip" is not accepted: send the event uncompressed',
			]);
			const declared = await post(appUrlOf(trigger), hugeEvent(10 * 1024 * 1024));
			expect(declared.status).toBe(413);
			expect(declared.headers.connection).toBe('close');
			await trigger.settled();
			expect(trigger.runs).toHaveLength(before);
		});

		it('a body longer than the limit without a Content-Length is cut off at the limit with 413', async () => {
			const before = trigger.runs.length;
			const reply = await post(
				appUrlOf(trigger),
				hugeEvent(3 * MAX_EVENT_BYTES),
				{},
				{ chunked: true },
			);
			expect(reply.status).toBe(413);
			expect(reply.body).toBe(
				`The request body is larger than the limit of ${MAX_EVENT_BYTES} bytes`,
			);
			await trigger.settled();
			expect(trigger.runs).toHaveLength(before);
		});
	});

	describe('IP allowlist', () => {
		it('a caller outside the list gets 403 (even with the right secret) and starts nothing', async () => {
			const trigger = await start({
				options: { ipAllowlist: '10.0.0.0/8, 192.168.1.20, 2001:db8::/32' },
			});
			const reply = await post(appUrlOf(trigger), EVENT);
			await trigger.settled();
			expect([reply.status, reply.body]).toEqual([403, 'Forbidden']);
			expect(trigger.runs).toEqual([]);
		});

		it('a caller inside the list is served', async () => {
			const trigger = await start({ options: { ipAllowlist: '10.31.100.50\n127.0.0.0/8' } });
			const reply = await post(appUrlOf(trigger), EVENT);
			await trigger.settled();
			expect(reply.status).toBe(200);
			expect(trigger.runs).toHaveLength(1);
		});

		it('addresses and ranges, IPv4 and IPv6, IPv4-mapped IPv6 callers', () => {
			const list = parseAllowlist('10.31.0.0/16, 192.168.1.20 ::1 2001:db8::/32')!;
			for (const [address, allowed] of [
				['10.31.200.1', true],
				['10.32.0.1', false],
				['192.168.1.20', true],
				['192.168.1.21', false],
				['::1', true],
				['2001:db8::77', true],
				['2001:db9::1', false],
				[plainAddress('::ffff:10.31.0.9'), true],
				['not an address', false],
			] as const) {
				expect([address, isAllowed(list, address)]).toEqual([address, allowed]);
			}
			expect(parseAllowlist(' , ')).toBeUndefined();
			expect(() => parseAllowlist('10.0.0.1, example.com')).toThrow(
				'IP Allowlist: "example.com" is not an IP address or CIDR range',
			);
			expect(() => parseAllowlist('10.0.0.0/8/1')).toThrow('is not an IP address or CIDR range');
			expect(() => parseAllowlist('::/129')).toThrow('has an invalid prefix length');
		});
	});

	describe('Basic authentication', () => {
		let trigger: TriggerHarness;
		const auth = (user: string, password: string) =>
			`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
		beforeAll(async () => {
			trigger = await start({
				incomingAuthentication: 'basicAuth',
				basicAuthUser: 'oii',
				basicAuthPassword: 'p@ss:word',
			});
		});

		it('without it, or with a wrong user or password, 401 with a Basic challenge and no run', async () => {
			for (const header of [
				undefined,
				auth('oii', 'wrong'),
				auth('OII', 'p@ss:word'),
				'Bearer p@ss:word',
				'Basic !!!',
			]) {
				const reply = await post(
					appUrlOf(trigger),
					EVENT,
					header === undefined ? {} : { Authorization: header },
				);
				expect([header, reply.status, reply.headers['www-authenticate']]).toEqual([
					header,
					401,
					'Basic realm="SAP ICI Trigger", charset="UTF-8"',
				]);
			}
			await trigger.settled();
			expect(trigger.runs).toEqual([]);
		});

		it('the right user and password are still not enough without the secret', async () => {
			const reply = await post(trigger.url, EVENT, { Authorization: auth('oii', 'p@ss:word') });
			expect(reply.status).toBe(401);
		});

		it('the right user, password and secret are served', async () => {
			const reply = await post(appUrlOf(trigger), EVENT, {
				Authorization: auth('oii', 'p@ss:word'),
			});
			await trigger.settled();
			expect(reply.status).toBe(200);
			expect(trigger.runs).toHaveLength(1);
		});

		it('reads the Authorization header (a colon in the password stays in the password)', () => {
			expect(basicCredentials(auth('oii', 'p@ss:word'))).toEqual({
				user: 'oii',
				password: 'p@ss:word',
			});
			expect(basicCredentials('basic  b2lpOg== ')).toEqual({ user: 'oii', password: '' });
			expect(
				basicCredentials(`Basic ${Buffer.from('no colon').toString('base64')}`),
			).toBeUndefined();
			expect(basicCredentials(undefined)).toBeUndefined();
		});
	});
});
