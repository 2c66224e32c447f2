import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { JTEL_SIM_OTHER_CLIENTS_ID, type JtelSimulator } from '../../simulators/jtel';
import {
	apiCalls,
	closedPort,
	credentialsFor,
	exposedText,
	JTEL_SIM_TOKEN,
	jsonOf,
	run,
	startSim,
	stopSim,
} from './helpers';

const EVENTS = { resource: 'acdEvent', operation: 'getAll' };
const GROUP = { resource: 'acdGroup', operation: 'get', acdGroupsId: '12' };

describe('ACD Dialler node — return codes, hostile peers, secrets', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	describe('documented return codes', () => {
		it('401 for a wrong token says "token or ClientsID wrong" and never shows the token', async () => {
			const wrong = 'wrong-token-6f1d2c3b4a';
			const result = await run(sim, EVENTS, { credentials: credentialsFor(sim, { token: wrong }) });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get many ACD events failed: token or ClientsID wrong (HTTP 401): Unauthorized: invalid token or ClientsID',
			);
			expect(result.error!.httpCode).toBe('401');
			expect(String(result.error!.description)).toMatch(/Check the token and the ClientsID/);
			expect(apiCalls(sim)[0].headers.authorization).toBe(`Bearer ${wrong}`);
			expect(exposedText(result)).not.toContain(wrong);
		});

		it('401 for a ClientsID the token does not belong to', async () => {
			const result = await run(sim, EVENTS, {
				credentials: credentialsFor(sim, { clientsId: String(JTEL_SIM_OTHER_CLIENTS_ID) }),
			});
			expect(apiCalls(sim)[0].path).toBe(`/rest/v1.0/${JTEL_SIM_OTHER_CLIENTS_ID}/acd/events`);
			expect(result.error!.message).toMatch(/token or ClientsID wrong \(HTTP 401\)/);
		});

		it('401 with an empty body still says "token or ClientsID wrong"', async () => {
			sim.faults.add({ kind: 'status', status: 401, body: '' });
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toBe(
				'Get many ACD events failed: token or ClientsID wrong (HTTP 401)',
			);
			expect(result.error!.httpCode).toBe('401');
		});

		it('404 with an empty body: "endpoint not available on this server" (e.g. a wrong Server URL)', async () => {
			const result = await run(sim, GROUP, {
				credentials: credentialsFor(sim, { serverUrl: `${sim.url}/jtel` }),
			});
			expect(apiCalls(sim)).toHaveLength(0);
			expect(sim.requests[0].path).toBe('/jtel/rest/v1.0/1/acd/groups/group/12');
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get an ACD group failed: endpoint not available on this server (HTTP 404)',
			);
			expect(String(result.error!.description)).toMatch(/Check the Server URL/);
		});

		it('404 with a JSON body: "record not found" with the server text', async () => {
			const result = await run(sim, { ...GROUP, acdGroupsId: '99' });
			expect(result.error!.message).toBe(
				'Get an ACD group failed: record not found (HTTP 404): ACD group not found',
			);
			expect(String(result.error!.description)).toMatch(/Server says: ACD group not found/);
		});

		it('500 with the error envelope: internal server error with the server text', async () => {
			sim.faults.add({ kind: 'fail', code: 500, message: 'Database connection lost' });
			const result = await run(sim, GROUP);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get an ACD group failed: internal server error (HTTP 500): Database connection lost',
			);
			expect(result.error!.httpCode).toBe('500');
			expect(String(result.error!.description)).toMatch(
				/Report the call and the server response to jtel support/,
			);
		});

		it('500 with a text body keeps the text', async () => {
			sim.faults.add({
				kind: 'status',
				status: 500,
				body: 'java.lang.NullPointerException',
				contentType: 'text/plain',
			});
			const result = await run(sim, GROUP);
			expect(result.error!.message).toBe(
				'Get an ACD group failed: internal server error (HTTP 500): java.lang.NullPointerException',
			);
		});

		it('400 and 409 bodies are read the same way', async () => {
			sim.faults.add({ kind: 'fail', code: 400, message: 'Parameter X missing' });
			const bad = await run(sim, GROUP);
			expect(bad.error!.message).toBe(
				'Get an ACD group failed: the request was rejected (HTTP 400): Parameter X missing',
			);
			sim.faults.add({ kind: 'fail', code: 409, message: 'Precondition failed' });
			const conflict = await run(sim, GROUP);
			expect(conflict.error!.message).toBe(
				'Get an ACD group failed: conflict (HTTP 409): Precondition failed',
			);
			expect(conflict.error!.httpCode).toBe('409');
		});
	});

	describe('hostile and failing peers', () => {
		it('an HTML error page is named as such, without markup', async () => {
			sim.faults.add({ kind: 'html', status: 502 });
			const result = await run(sim, EVENTS);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.httpCode).toBe('502');
			expect(result.error!.message).toMatch(/HTTP 502 \("502 Bad Gateway"\)/);
			expect(String(result.error!.description)).toMatch(/HTML page/);
			expect(exposedText(result)).not.toMatch(/<html|<body/i);
		});

		it('an HTML page with status 200 (a login page, a proxy) is refused', async () => {
			sim.faults.add({
				kind: 'status',
				status: 200,
				body: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>',
				contentType: 'text/html',
			});
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toBe(
				'jtel answered Get many ACD events with an HTML page (HTTP 200: "Sign in")',
			);
		});

		it('a truncated answer is refused as invalid JSON', async () => {
			sim.faults.add({ kind: 'truncated' });
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toMatch(/with a body that is not valid JSON/);
		});

		it('a connection dropped mid-body is an error, and nothing half-read is output', async () => {
			sim.faults.add({ kind: 'truncated', abort: true });
			const result = await run(sim, EVENTS);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toMatch(
				/^Could not reach jtel at .*\/rest\/v1\.0\/1\/acd\/events: the connection was closed unexpectedly$/,
			);
			expect(result.items).toHaveLength(0);
		});

		it('a non-JSON 200 body is refused', async () => {
			sim.faults.add({ kind: 'status', status: 200, body: 'OK', contentType: 'text/plain' });
			const result = await run(sim, GROUP);
			expect(result.error!.message).toMatch(/not valid JSON/);
		});

		it('JSON without a records array is refused', async () => {
			sim.faults.add({
				kind: 'status',
				status: 200,
				body: '{"status":200}',
				contentType: 'application/json',
			});
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toBe('jtel answered without a "records" array');
		});

		it('a 10 MB answer is refused without being kept', async () => {
			sim.faults.add({ kind: 'huge', bytes: 10 * 1024 * 1024 });
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toMatch(/larger than 8388608 bytes/);
		});

		it('a slow server ends in a timeout error with the Timeout option', async () => {
			sim.faults.add({ kind: 'delay', ms: 5000 });
			const result = await run(sim, { ...EVENTS, options: { timeout: 300 } });
			expect(result.error!.message).toMatch(
				/jtel did not answer within 300 ms \(GET .*\/rest\/v1\.0\/1\/acd\/events\)/,
			);
			expect(String(result.error!.description)).toMatch(/temporary/);
		});

		it('a reset connection is a network error', async () => {
			sim.faults.add({ kind: 'reset' });
			const result = await run(sim, EVENTS);
			expect(result.error!.message).toMatch(/the connection was closed unexpectedly/);
		});

		it('a refused connection names the address', async () => {
			const port = await closedPort();
			const result = await run(sim, EVENTS, {
				credentials: credentialsFor(sim, { serverUrl: `http://127.0.0.1:${port}` }),
			});
			expect(result.error!.message).toBe(
				`Could not reach jtel at http://127.0.0.1:${port}/rest/v1.0/1/acd/events: the connection was refused`,
			);
		});
	});

	describe('secrets', () => {
		it('a token echoed by the server (JSON, text or HTML) never reaches the error or the output', async () => {
			const echoes = [
				{
					kind: 'status' as const,
					status: 500,
					body: JSON.stringify({ status: 500, error: `bad token ${JTEL_SIM_TOKEN}` }),
					contentType: 'application/json',
				},
				{
					kind: 'status' as const,
					status: 500,
					body: `Authorization: Bearer ${JTEL_SIM_TOKEN}`,
					contentType: 'text/plain',
				},
				{
					kind: 'status' as const,
					status: 200,
					body: `<html><title>${JTEL_SIM_TOKEN}</title></html>`,
					contentType: 'text/html',
				},
			];
			for (const fault of echoes) {
				sim.faults.add(fault);
				for (const continueOnFail of [false, true]) {
					if (continueOnFail) sim.faults.add(fault);
					const result = await run(sim, GROUP, { continueOnFail });
					const text = exposedText(result);
					expect(text).toMatch(/\*\*\*/);
					expect(text).not.toContain(JTEL_SIM_TOKEN);
				}
			}
		});
	});

	describe('items', () => {
		it('continueOnFail: one item per input, errors as items, pairedItem kept', async () => {
			const result = await run(
				sim,
				{ resource: 'acdEvent', operation: 'get', acdEventsId: '={{ $json.id }}' },
				{ items: [{ id: 1001 }, { id: 4242 }, { id: 'x' }, { id: 1003 }], continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			const [first, missing, invalid, last] = jsonOf(result);
			expect(first.ID).toBe(1001);
			expect(missing).toMatchObject({
				error: 'Get an ACD event failed: record not found (HTTP 404): AcdEvent not found',
				httpStatus: 404,
				serverMessage: 'AcdEvent not found',
				system: 'jtel',
			});
			expect(invalid.error).toMatch(/ACD Event ID must be a positive whole number, not "x"/);
			expect(last.ID).toBe(1003);
			expect(apiCalls(sim)).toHaveLength(3);
		});

		it('without continueOnFail the first failing item stops the run and names its index', async () => {
			const result = await run(
				sim,
				{ resource: 'acdEvent', operation: 'get', acdEventsId: '={{ $json.id }}' },
				{ items: [{ id: 1001 }, { id: 4242 }, { id: 1003 }] },
			);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.context?.itemIndex).toBe(1);
			expect(apiCalls(sim)).toHaveLength(2);
		});

		it('many items reuse a few pooled connections', async () => {
			const before = sim.connections;
			const items = Array.from({ length: 20 }, () => ({}));
			const result = await run(sim, GROUP, { items });
			expect(jsonOf(result)).toHaveLength(20);
			expect(sim.connections - before).toBeLessThanOrEqual(2);
		});
	});

	describe('credential', () => {
		it('a Server URL with a trailing slash or ending in /rest/v1.0 works', async () => {
			for (const serverUrl of [`${sim.url}/`, `${sim.url}/rest/v1.0`, `${sim.url}/rest/v1.0/`]) {
				const result = await run(sim, GROUP, { credentials: credentialsFor(sim, { serverUrl }) });
				expect(result.error).toBeUndefined();
			}
			expect(apiCalls(sim).map((r) => r.path)).toEqual(
				Array(3).fill('/rest/v1.0/1/acd/groups/group/12'),
			);
		});

		it('a ClientsID that is not a whole number fails each item with a clear error', async () => {
			const result = await run(sim, GROUP, {
				credentials: credentialsFor(sim, { clientsId: 'one' }),
				items: [{}, {}],
				continueOnFail: true,
			});
			expect(jsonOf(result).map((j) => j.error)).toEqual(
				Array(2).fill('The ClientsID in the credential must be a whole number, not "one"'),
			);
			expect(sim.requests).toHaveLength(0);
		});

		it('names travel percent-encoded: spaces as %20, umlauts as UTF-8, & and + escaped', async () => {
			const urls: string[] = [];
			const server = http.createServer((req, res) => {
				urls.push(req.url ?? '');
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ records: [], count: 0, status: 200 }));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			try {
				const { port } = server.address() as AddressInfo;
				const credentials = credentialsFor(sim, { serverUrl: `http://127.0.0.1:${port}` });
				await run(
					sim,
					{ resource: 'diallerCampaign', operation: 'getByName', name: 'Müller & Söhne +1' },
					{ credentials },
				);
				await run(
					sim,
					{ resource: 'acdGroup', operation: 'getByName', name: 'Rückruf Service' },
					{ credentials },
				);
				expect(urls).toEqual([
					'/rest/v1.0/1/dialler/campaigns/campaign?name=M%C3%BCller%20%26%20S%C3%B6hne%20%2B1',
					'/rest/v1.0/1/acd/groups/group?name=R%C3%BCckruf%20Service',
				]);
			} finally {
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		});

		it('an unknown operation is a NodeOperationError', async () => {
			const result = await run(sim, { resource: 'acdEvent', operation: 'nothing' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
		});
	});
});
