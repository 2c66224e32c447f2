import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ICI_EVENT_SOAP_ACTION } from '../../nodes/SapIci/constants';
import { writeIciEventAnswer } from '../../nodes/SapIci/events';
import {
	startOiiSimulator,
	type OiiSimulator,
	type OiiSimulatorOptions,
} from '../../simulators/oii';
import { stopSim } from './helpers';

/**
 * The OII simulator POSTs every event to its subscriber's appUrl: text/xml with the IciEvent
 * SOAPAction, one at a time and in order per appUrl, within a timeout and a bounded queue, and it
 * records each answer. Whatever the subscriber does, the simulator carries on.
 */

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

type Answer = (received: Received, res: http.ServerResponse) => void;

/** A subscriber: records what it receives and answers with `answer` (or keeps the request open). */
async function subscriber(
	answer: Answer,
): Promise<{ url: string; received: Received[]; concurrent: number[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const concurrent: number[] = [];
	let open = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		open++;
		concurrent.push(open);
		res.on('close', () => open--);
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry = {
				path: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(entry);
			answer(entry, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		concurrent,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const acknowledge: Answer = (received, res) => {
	const operation =
		/<(\w+) xmlns="urn:IciEventInterface">/.exec(received.body)?.[1] ?? 'userChanged';
	res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
	res.end(writeIciEventAnswer(operation as 'userChanged'));
};

describe('OII simulator — event delivery', () => {
	let sim: OiiSimulator | undefined;
	const closers: Array<() => Promise<void>> = [];
	const startWith = async (options: OiiSimulatorOptions = {}) => {
		sim = await startOiiSimulator({ port: 0, ...options });
		return sim;
	};
	afterEach(async () => {
		await stopSim(sim);
		sim = undefined;
		for (const close of closers.splice(0)) await close();
	});

	it('POSTs each event envelope to its appUrl as text/xml with the IciEvent SOAPAction and records the answer', async () => {
		const crm = await subscriber(acknowledge);
		closers.push(crm.close);
		const s = await startWith();
		const appUrl = `${crm.url}/IciEventService/IciEventConf?style=document`;
		s.state.subscribe({ kind: 'user', appUrl, appId: 'CRM-1', userId: 'HARRI' });
		s.state.setWorkmode(s.state.findUser('HARRI'), '2');
		await s.deliveriesSettled();

		expect(crm.received).toHaveLength(1);
		const [request] = crm.received;
		expect(request.path).toBe('/IciEventService/IciEventConf?style=document');
		expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(request.headers.soapaction).toBe(`"${ICI_EVENT_SOAP_ACTION}"`);
		expect(request.body).toBe(s.events[0].envelope);
		expect(s.deliveries).toEqual([
			{
				seq: s.events[0].seq,
				operation: 'userChanged',
				appUrl,
				appIds: ['CRM-1'],
				outcome: 'answered',
				status: 200,
				contentType: 'text/xml; charset=utf-8',
				body: writeIciEventAnswer('userChanged'),
				acknowledged: true,
				sentAt: expect.any(String),
				durationMs: expect.any(Number),
			},
		]);
		const control = (await (await fetch(`${s.url}/__oii/deliveries`)).json()) as {
			pending: number;
			deliveries: unknown[];
		};
		expect(control).toEqual({ pending: 0, deliveries: JSON.parse(JSON.stringify(s.deliveries)) });
	});

	it('one appUrl gets its events one at a time and in order', async () => {
		const crm = await subscriber((received, res) =>
			setTimeout(() => acknowledge(received, res), 20),
		);
		closers.push(crm.close);
		const s = await startWith();
		s.state.subscribe({
			kind: 'container',
			appUrl: `${crm.url}/events`,
			appId: 'A',
			channelType: '1',
			containerId: '+129',
		});
		const call = s.placeCall({ to: '+129', from: '+3584011' });
		s.setCallStatus(call.id, 101);
		s.setCallStatus(call.id, 106);
		s.hangUp(call.id);
		await s.deliveriesSettled();
		expect(Math.max(...crm.concurrent)).toBe(1);
		const seqs = s.deliveries.map((d) => d.seq);
		expect(seqs).toEqual(s.events.map((e) => e.seq));
		expect(
			crm.received.map((r) => /<callStatus><id>(\d+)<\/id>/.exec(r.body.replace(/\s+/g, ''))?.[1]),
		).toEqual(['3', '101', '106', '4']);
		expect(s.deliveries.every((d) => d.acknowledged)).toBe(true);
	});

	it('a failing subscriber is recorded, never thrown: refused connection, fault, wrong answer, HTML, silence', async () => {
		const fault = await subscriber((_r, res) => {
			res.writeHead(500, { 'Content-Type': 'text/xml' });
			res.end(
				'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault></soap:Body></soap:Envelope>',
			);
		});
		const wrong = await subscriber((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'text/xml' });
			res.end(writeIciEventAnswer('chatChanged'));
		});
		const html = await subscriber((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end('<html><body>Login</body></html>');
		});
		const silent = await subscriber(() => undefined);
		const gone = await subscriber(acknowledge);
		await gone.close();
		closers.push(fault.close, wrong.close, html.close, silent.close);

		const s = await startWith({ deliverEvents: { timeoutMs: 300 } });
		const urls = {
			fault: fault.url,
			wrong: wrong.url,
			html: html.url,
			silent: silent.url,
			gone: gone.url,
			invalid: 'http://[::1',
		};
		for (const [appId, appUrl] of Object.entries(urls))
			s.state.subscribe({ kind: 'user', appUrl, appId, userId: 'ANNA' });
		s.state.setWorkmode(s.state.findUser('ANNA'), '2');
		await s.deliveriesSettled();

		const byApp = Object.fromEntries(s.deliveries.map((d) => [d.appIds[0], d]));
		expect(byApp.fault).toMatchObject({
			outcome: 'answered',
			status: 500,
			acknowledged: false,
			error: 'HTTP 500',
		});
		expect(byApp.wrong).toMatchObject({
			outcome: 'answered',
			status: 200,
			acknowledged: false,
			error: 'Answered <chatChangedResponse> instead of <userChangedResponse>',
		});
		expect(byApp.html).toMatchObject({
			outcome: 'answered',
			status: 200,
			acknowledged: false,
			error: 'The answer is not a SOAP envelope: Expected a SOAP Envelope but received <html>',
		});
		expect(byApp.silent).toMatchObject({
			outcome: 'timeout',
			acknowledged: false,
			error: 'No answer within 300 ms',
		});
		expect(byApp.gone).toMatchObject({
			outcome: 'failed',
			acknowledged: false,
			error: expect.stringContaining('ECONNREFUSED'),
		});
		expect(byApp.invalid).toMatchObject({
			outcome: 'failed',
			acknowledged: false,
			error: expect.stringContaining('Invalid appUrl'),
		});

		// The simulator still works.
		const reply = await fetch(`${s.url}/__oii/deliveries`);
		expect(reply.status).toBe(200);
	});

	it('the queue is bounded: beyond it events are dropped and recorded as such', async () => {
		const crm = await subscriber((received, res) =>
			setTimeout(() => acknowledge(received, res), 30),
		);
		closers.push(crm.close);
		const s = await startWith({ deliverEvents: { maxQueued: 2 } });
		s.state.subscribe({ kind: 'user', appUrl: `${crm.url}/e`, appId: 'A', userId: 'HARRI' });
		const harri = s.state.findUser('HARRI');
		for (const workmode of ['2', '3', '2', '3', '2']) s.state.setWorkmode(harri, workmode);
		await s.deliveriesSettled();
		// One on its way, two queued, two dropped.
		expect(s.deliveries.map((d) => d.outcome).sort()).toEqual([
			'answered',
			'answered',
			'answered',
			'dropped',
			'dropped',
		]);
		expect(s.deliveries.find((d) => d.outcome === 'dropped')?.error).toBe(
			'The delivery queue is full (2 events)',
		);
		expect(crm.received).toHaveLength(3);
	});

	it('deliverEvents: false builds the events and sends nothing', async () => {
		const crm = await subscriber(acknowledge);
		closers.push(crm.close);
		const s = await startWith({ deliverEvents: false });
		s.state.subscribe({ kind: 'user', appUrl: `${crm.url}/e`, appId: 'A', userId: 'HARRI' });
		s.state.setWorkmode(s.state.findUser('HARRI'), '2');
		await s.deliveriesSettled();
		expect(s.events).toHaveLength(1);
		expect(s.deliveries).toEqual([]);
		expect(crm.received).toEqual([]);
	});

	it('reset forgets the record; close stops a delivery under way without failing', async () => {
		const crm = await subscriber(acknowledge);
		const silent = await subscriber(() => undefined);
		closers.push(crm.close, silent.close);
		const s = await startWith();
		s.state.subscribe({ kind: 'user', appUrl: `${crm.url}/e`, appId: 'A', userId: 'HARRI' });
		s.state.setWorkmode(s.state.findUser('HARRI'), '2');
		await s.deliveriesSettled();
		expect(s.deliveries).toHaveLength(1);
		s.reset();
		expect(s.deliveries).toEqual([]);

		s.state.subscribe({ kind: 'user', appUrl: `${silent.url}/e`, appId: 'B', userId: 'HARRI' });
		s.state.setWorkmode(s.state.findUser('HARRI'), '3');
		const settled = s.deliveriesSettled();
		await stopSim(s);
		sim = undefined;
		await settled;
		expect(s.deliveries).toEqual([
			expect.objectContaining({ outcome: 'failed', error: 'Event delivery stopped' }),
		]);
	});
});
