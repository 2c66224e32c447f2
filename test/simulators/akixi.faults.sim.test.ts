import { readAkixiMessage } from '../../nodes/shared/transport/akixiXml';
import { XmlSafetyError } from '../../nodes/shared/xml';

import {
	fixture,
	sim,
	GUID,
	postWs,
	wsRaw,
	requestXml,
	ws,
	expectFail,
	expectSuccess,
	emailEntry,
	restJson,
	admin,
	expectRestError,
	ALL,
	useAkixiSimulator,
} from './helpers';

useAkixiSimulator();

describe('Akixi simulator: faults', () => {
	const infoXml = () => fixture('omnichannelIntInfo.request.xml');

	it('answers with an HTTP status once, then normally', async () => {
		sim.faults.add({ kind: 'status', status: 500 });
		const failed = await postWs(infoXml());
		expect(failed.status).toBe(500);
		expect(failed.body).toContain('500');
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('applies a fault `times` times to matching requests only, or until cleared', async () => {
		sim.faults.add(
			{ kind: 'status', status: 503, body: '{"x":1}', contentType: 'application/json' },
			{ times: 2, match: 'OmnichannelIntList' },
		);
		expect((await postWs(infoXml())).status).toBe(200);
		const first = await postWs(requestXml('OmnichannelIntList', { PartitionGUID: GUID }));
		expect(first.status).toBe(503);
		expect(first.headers['content-type']).toBe('application/json');
		expect((await postWs(requestXml('OmnichannelIntList', { PartitionGUID: GUID }))).status).toBe(
			503,
		);
		expectSuccess(await ws('OmnichannelIntList', { PartitionGUID: GUID }));
		sim.faults.add({ kind: 'status', status: 500 }, { times: 0, match: '/integratorClient' });
		for (let i = 0; i < 3; i++) expect((await admin(ALL)).status).toBe(500);
		expect((await postWs(infoXml())).status).toBe(200);
		expect(sim.faults.clear()).toBe(1);
		expect((await admin(ALL)).status).toBe(200);
	});

	it('answers with an HTML error page', async () => {
		sim.faults.add({ kind: 'html' });
		const reply = await postWs(infoXml());
		expect(reply.status).toBe(502);
		expect(reply.headers['content-type']).toMatch(/text\/html/);
		expect(reply.body).toMatch(/<html>.*502 Bad Gateway/s);
	});

	it('cuts the real answer in half', async () => {
		const whole = await postWs(infoXml());
		sim.faults.add({ kind: 'truncated' }, { times: 2 });
		const cut = await postWs(infoXml());
		expect(cut.status).toBe(200);
		expect(cut.body).toBe(whole.body.slice(0, Math.floor(Buffer.byteLength(whole.body) / 2)));
		expect(() => readAkixiMessage(cut.body)).toThrow(XmlSafetyError);
		const json = await admin(ALL);
		expect(() => JSON.parse(json.body)).toThrow();
	});

	it('can announce the full length and then drop the connection', async () => {
		sim.faults.add({ kind: 'truncated', abort: true });
		await expect(postWs(infoXml())).rejects.toThrow();
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('sends a billion-laughs document', async () => {
		sim.faults.add({ kind: 'entityBomb' });
		const reply = await postWs(infoXml());
		expect(reply.body).toContain('<!ENTITY lol9');
		expect(() => readAkixiMessage(reply.body)).toThrow(expect.objectContaining({ reason: 'dtd' }));
	});

	it('answers late (and still applies the operation)', async () => {
		sim.faults.add({ kind: 'delay', ms: 300 }, { match: 'OmnichannelIntAdd' });
		const started = Date.now();
		const reply = await ws('OmnichannelIntAdd', emailEntry({ UniqueID: 'late' }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expectSuccess(reply);
		expect(sim.state.omnichannel.has('late')).toBe(true);
	});

	it('streams a huge, valid-looking body of the exact size', async () => {
		const bytes = 10 * 1024 * 1024;
		sim.faults.add({ kind: 'huge', bytes });
		const reply = await postWs(infoXml());
		expect(Number(reply.headers['content-length'])).toBe(bytes);
		expect(Buffer.byteLength(reply.body)).toBe(bytes);
		expect(
			reply.body.startsWith('<Response Result="Success">\n    <InvokeID>00037</InvokeID>'),
		).toBe(true);
		expect(reply.body.endsWith('</Success>\n</Response>\n')).toBe(true);
		expect(() => readAkixiMessage(reply.body)).toThrow(
			expect.objectContaining({ reason: 'too-large' }),
		);
		sim.faults.add({ kind: 'huge', bytes: 200_000 });
		const json = await admin(ALL);
		expect(Buffer.byteLength(json.body)).toBe(200_000);
		const parsed = JSON.parse(json.body) as { Data: { Items: unknown[] } };
		expect(parsed.Data.Items.length).toBeGreaterThan(100);
		sim.faults.add({ kind: 'huge', bytes: 10 });
		expect((await postWs(infoXml())).body.length).toBeGreaterThan(10);
	});

	it('resets the connection', async () => {
		sim.faults.add({ kind: 'reset' });
		await expect(postWs(infoXml())).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await postWs(infoXml())).status).toBe(200);
	});

	it('answers a WS fail fault with <Response Result="Fail"> echoing the InvokeID', async () => {
		sim.faults.add({ kind: 'fail', code: 10105 });
		expectFail(await wsRaw(infoXml()), 10105, '00037');
		sim.faults.add({ kind: 'fail', code: '10302', message: 'Session timed out' });
		const custom = await wsRaw(infoXml());
		expectFail(custom, 10302, '00037');
		expect(custom.failure?.message).toBe('Session timed out');
	});

	it('answers a REST fail fault with the error body of that code', async () => {
		sim.faults.add({ kind: 'fail', code: 30003 }, { match: 'IntegratorClientList' });
		expectRestError(await admin(ALL), 404, 30003, 'INTEGRATOR_CLIENT_NOT_FOUND');
		sim.faults.add({ kind: 'fail', code: 42, message: 'Busy', status: 503 });
		const custom = await admin(ALL);
		expect(custom.status).toBe(503);
		expect(restJson(custom)).toEqual({
			Result: 'Fail',
			ErrorCode: 42,
			Message: 'Busy',
			Description: 'Busy',
		});
	});

	it('refuses invalid faults', () => {
		expect(() => sim.faults.add({ kind: 'status', status: 42 })).toThrow(/status/);
		expect(() => sim.faults.add({ kind: 'delay', ms: -1 })).toThrow(/ms/);
		expect(() => sim.faults.add({ kind: 'nope' } as never)).toThrow(/Unknown fault kind/);
		expect(() => sim.faults.add({ kind: 'reset' }, { times: -1 })).toThrow(/times/);
	});
});
