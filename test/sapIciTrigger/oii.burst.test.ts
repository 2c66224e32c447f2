import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { writeIciEventAnswer } from '../../nodes/SapIci/events';
import { startOiiSimulator, type OiiSimulator } from '../../simulators/oii';
import { stopSim } from './helpers';

/**
 * The OII simulator's load-test controls: `POST /__oii/burst` places many inbound calls on a line
 * at once (one phoneCallChanged per call and subscriber), `POST /__oii/delivery` sets how many
 * POSTs to one appUrl may be under way at once; reset goes back to one at a time.
 */

interface Subscriber {
	url: string;
	callHandles: string[];
	maxOpen: number;
	close(): Promise<void>;
}

/** A subscriber that acknowledges every phoneCallChanged after `delayMs`, counting open requests. */
async function subscriber(delayMs: number): Promise<Subscriber> {
	const state = { callHandles: [] as string[], maxOpen: 0 };
	let open = 0;
	const server = http.createServer((req, res) => {
		open++;
		state.maxOpen = Math.max(state.maxOpen, open);
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const message = readIciEnvelope(Buffer.concat(chunks).toString('utf8'));
			const phoneCall = message.element.phoneCall as { callHandle?: string } | undefined;
			state.callHandles.push(String(phoneCall?.callHandle ?? ''));
			setTimeout(() => {
				open--;
				res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
				res.end(writeIciEventAnswer('phoneCallChanged'));
			}, delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/events`,
		get callHandles() {
			return state.callHandles;
		},
		get maxOpen() {
			return state.maxOpen;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

async function control(
	sim: OiiSimulator,
	method: string,
	route: string,
	body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(`${sim.url}/__oii/${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('OII simulator — burst and delivery concurrency', () => {
	let sim: OiiSimulator | undefined;
	let crm: Subscriber | undefined;
	afterEach(async () => {
		await stopSim(sim);
		await crm?.close();
		sim = undefined;
		crm = undefined;
	});

	it('a burst places one call per count; each phoneCallChanged reaches the subscriber once, one at a time by default', async () => {
		crm = await subscriber(1);
		sim = await startOiiSimulator({ port: 0 });
		sim.state.subscribe({
			kind: 'container',
			appUrl: crm.url,
			appId: 'LOAD',
			channelType: '1',
			containerId: '+129',
		});
		expect((await control(sim, 'GET', 'delivery')).json).toMatchObject({
			concurrency: 1,
			queueBound: 1000,
		});

		const burst = await control(sim, 'POST', 'burst', {
			to: '+129',
			from: '+358401234567',
			count: 50,
		});
		expect(burst.status).toBe(201);
		const handles = burst.json.callHandles as string[];
		expect(burst.json).toMatchObject({ count: 50, events: 50 });
		expect(new Set(handles).size).toBe(50);
		expect(Number(burst.json.lastSeq) - Number(burst.json.firstSeq)).toBe(49);
		await sim.deliveriesSettled();

		expect(crm.callHandles).toEqual(handles);
		expect(crm.maxOpen).toBe(1);
		const mine = sim.deliveries.filter(
			(d) => d.seq >= Number(burst.json.firstSeq) && d.seq <= Number(burst.json.lastSeq),
		);
		expect(mine).toHaveLength(50);
		expect(mine.every((d) => d.operation === 'phoneCallChanged' && d.acknowledged)).toBe(true);
	});

	it('with a concurrency of 8, up to 8 POSTs to one appUrl are under way at once and none is lost or repeated', async () => {
		crm = await subscriber(20);
		sim = await startOiiSimulator({ port: 0 });
		sim.state.subscribe({
			kind: 'container',
			appUrl: crm.url,
			appId: 'LOAD',
			channelType: '1',
			containerId: '+129',
		});
		expect((await control(sim, 'POST', 'delivery', { concurrency: 8 })).json).toMatchObject({
			concurrency: 8,
		});

		const burst = await control(sim, 'POST', 'burst', {
			to: '+129',
			from: '+358401234567',
			count: 200,
		});
		await sim.deliveriesSettled();
		const handles = burst.json.callHandles as string[];
		expect(crm.maxOpen).toBe(8);
		expect([...crm.callHandles].sort()).toEqual([...handles].sort());
		expect(sim.deliveries.filter((d) => d.acknowledged)).toHaveLength(200);

		await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
		expect((await control(sim, 'GET', 'delivery')).json).toMatchObject({
			concurrency: 1,
			pending: 0,
		});
	});

	it('refuses a burst that would overflow the delivery queue, and bad counts and concurrencies', async () => {
		sim = await startOiiSimulator({ port: 0, deliverEvents: { maxQueued: 10 } });
		sim.state.subscribe({
			kind: 'container',
			appUrl: 'http://127.0.0.1:9/never',
			appId: 'LOAD',
			channelType: '1',
			containerId: '+129',
		});
		const overflow = await control(sim, 'POST', 'burst', { to: '+129', from: '+1', count: 11 });
		expect(overflow.status).toBe(409);
		expect(String(overflow.json.Message)).toMatch(
			/overflow the delivery queue \(0 waiting, bound 10\)/,
		);
		expect(sim.events).toHaveLength(0);
		expect((await control(sim, 'POST', 'burst', { to: '+129', from: '+1', count: 0 })).status).toBe(
			400,
		);
		expect(
			(await control(sim, 'POST', 'burst', { to: '+129', from: '+1', count: 1.5 })).status,
		).toBe(400);
		expect(
			(await control(sim, 'POST', 'burst', { to: 'nowhere', from: '+1', count: 2 })).status,
		).toBe(409);
		expect((await control(sim, 'POST', 'delivery', { concurrency: 0 })).status).toBe(400);
		expect((await control(sim, 'POST', 'delivery', { concurrency: 65 })).status).toBe(400);
		expect((await control(sim, 'POST', 'delivery', { concurrency: '4' })).status).toBe(400);
	});
});
