import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { JTEL_OUTBOUND_FIELDS, type JtelSimulator } from '../../simulators/jtel';
import { control, JSON_TYPE, startSim } from './helpers';

/**
 * The jtel simulator as the sender of ACD groups' REST calls: what it posts (the documented fields,
 * in order, as JSON, E.164 without the plus), how it records each answer with the meaning jtel
 * documents for 200, 300, 404 and 500, and its control API's refusals.
 */

interface Received {
	headers: http.IncomingHttpHeaders;
	body: string;
	url: string;
}

/** A receiver answering each POST with the next status of `statuses` (then 200). */
async function receiver(
	statuses: number[] = [],
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				url: req.url ?? '',
			});
			const status = statuses.shift() ?? 200;
			res.writeHead(status, { 'Content-Type': JSON_TYPE });
			res.end(JSON.stringify({ answered: status }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/jtel`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('jtel simulator: ACD groups post callbacks and voice mails to their REST-call URL', () => {
	let sim: JtelSimulator;

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(async () => {
		await control(sim, 'POST', '/__sim/reset');
	});

	it('posts one JSON object with exactly the documented fields, in order, numbers in E.164 without a plus', async () => {
		const target = await receiver();
		try {
			await control(sim, 'POST', '/__jtel/groups/16/rest-calls', {
				callbackUrl: `${target.url}?secret=s3cr3t-value-0123&event=callback`,
				foreignSystemId: 'SERVICE_B2B',
			});
			const { json } = await control(sim, 'POST', '/__jtel/groups/16/callbacks', {
				Caller: '+49199123456789',
				ServiceNumbersNumber: '+4930123456',
				ServiceNumbersName: 'Service Hotline',
			});
			expect(target.received).toHaveLength(1);
			const [request] = target.received;
			expect(request.url).toBe('/jtel?secret=s3cr3t-value-0123&event=callback');
			expect(request.headers['content-type']).toBe(JSON_TYPE);
			const event = JSON.parse(request.body) as Record<string, unknown>;
			expect(Object.keys(event)).toEqual([...JTEL_OUTBOUND_FIELDS]);
			expect(event).toMatchObject({
				Caller: '49199123456789',
				CallbackNumber: '49199123456789',
				ServiceNumbersNumber: '4930123456',
				ServiceNumbersName: 'Service Hotline',
				AcdGroupsID: 16,
				AcdGroupsName: 'Rückruf Service',
				AcdGroupsForeignSystemID: 'SERVICE_B2B',
				AcdEventsID: json.AcdEventsID,
			});
			expect(event.dtCallStart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
			expect(event.dtCallEnd).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
			expect(typeof event.Subject).toBe('string');
		} finally {
			await target.close();
		}
	});

	it('records each answer with the meaning jtel documents for it', async () => {
		const target = await receiver([200, 300, 404, 500, 202]);
		try {
			await control(sim, 'POST', '/__jtel/groups/12/rest-calls', { voiceMailUrl: target.url });
			const outcomes: unknown[] = [];
			for (let i = 0; i < 5; i++) {
				const { json } = await control(sim, 'POST', '/__jtel/groups/12/voice-mails', {
					Caller: '4989765432',
				});
				const delivery = json.delivery as Record<string, unknown>;
				outcomes.push([delivery.status, delivery.outcome, delivery.meaning]);
			}
			expect(outcomes).toEqual([
				[200, 'processed', 'The call was processed successfully'],
				[300, 'multipleRecords', 'Multiple records were found (no records returned)'],
				[404, 'noRecord', 'No record was found'],
				[500, 'serverError', 'An internal error occurred processing the request'],
				[202, 'unexpected', 'HTTP 202 is not one of the documented answers (200, 300, 404, 500)'],
			]);
			const { json } = await control(sim, 'GET', '/__jtel/deliveries');
			expect((json.deliveries as unknown[]).length).toBe(5);
		} finally {
			await target.close();
		}
	});

	it('user information in the URL is sent as Basic authentication and masked in the records', async () => {
		const target = await receiver();
		try {
			const url = target.url.replace('http://', 'http://jtel:pa%3Ass@');
			const delivery = (
				await control(sim, 'POST', '/__jtel/outbound', { url, event: { AcdEventsID: 1 } })
			).json;
			expect(target.received[0].headers.authorization).toBe(
				`Basic ${Buffer.from('jtel:pa:ss').toString('base64')}`,
			);
			expect(String(delivery.url)).not.toContain('pa%3Ass');
			expect(delivery.AcdEventsID).toBe(1);
		} finally {
			await target.close();
		}
	});

	it('a URL nobody listens on is recorded as failed', async () => {
		const target = await receiver();
		await target.close();
		const { json } = await control(sim, 'POST', '/__jtel/outbound', {
			url: target.url,
			event: { AcdEventsID: 2 },
		});
		expect([json.status, json.outcome]).toEqual([0, 'failed']);
		expect(String(json.error)).toMatch(/ECONNREFUSED/);
	});

	it('the control API refuses unknown groups, non-URLs and missing fields', async () => {
		expect(
			(await control(sim, 'POST', '/__jtel/groups/999/rest-calls', { callbackUrl: 'http://x/' }))
				.status,
		).toBe(404);
		expect(
			(await control(sim, 'POST', '/__jtel/groups/12/rest-calls', { callbackUrl: 'not a url' }))
				.json.error,
		).toBe('"callbackUrl" is not a URL');
		expect(
			(await control(sim, 'POST', '/__jtel/groups/12/rest-calls', { callbackUrl: 'ftp://x/' })).json
				.error,
		).toBe('"callbackUrl" must be an http or https URL');
		expect((await control(sim, 'POST', '/__jtel/groups/12/callbacks', {})).json.error).toBe(
			'"Caller" is required',
		);
		expect(
			(await control(sim, 'POST', '/__jtel/outbound', { url: 'http://127.0.0.1:9/' })).json.error,
		).toMatch(/"event".*or "body"/);
		expect((await control(sim, 'GET', '/__jtel/nothing')).status).toBe(404);
	});

	it('reset forgets the REST-call settings and the deliveries; the setting is shown with the secret masked', async () => {
		await control(sim, 'POST', '/__jtel/groups/12/rest-calls', {
			callbackUrl: 'http://127.0.0.1:9/x?secret=s3cr3t-value-0123&event=callback',
		});
		const shown = (await control(sim, 'GET', '/__jtel/groups/12/rest-calls')).json;
		expect(shown).toEqual({
			AcdGroupsID: 12,
			callbackUrl: 'http://127.0.0.1:9/x?secret=***&event=callback',
			voiceMailUrl: null,
			foreignSystemId: '',
		});
		await control(sim, 'POST', '/__sim/reset');
		expect((await control(sim, 'GET', '/__jtel/groups/12/rest-calls')).json.callbackUrl).toBeNull();
		expect((await control(sim, 'GET', '/__jtel/deliveries')).json.deliveries).toEqual([]);
	});
});
