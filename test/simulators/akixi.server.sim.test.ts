import http from 'node:http';
import net from 'node:net';

import { integratorClientPath } from '../../nodes/Akixi/constants';
import { readAkixiMessage } from '../../nodes/shared/transport/akixiXml';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_USERNAME,
	startAkixiSimulator,
} from '../../simulators';

import {
	fixture,
	type SendOptions,
	send,
	sim,
	SID,
	EMAIL_ID,
	LIVECHAT_ID,
	postWs,
	ws,
	expectSuccess,
	info,
	restJson,
	admin,
	ALL,
	LIST_ITEMS,
	listAll,
	loginSession,
	useAkixiSimulator,
} from './helpers';

useAkixiSimulator();

describe('Akixi simulator: handle', () => {
	it('listens on loopback with the WS and REST base URLs', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.wsUrl).toBe(`${sim.url}/CCS/WS`);
		expect(sim.restBaseUrl).toBe(`${sim.url}/CCS/API/v1`);
		expect(sim.state.omnichannel.size).toBe(2);
		expect(sim.state.integratorClients.size).toBe(15);
		expect(sim.state.sessions.get(SID)?.status).toBe('authenticated');
	});

	it('accepts the WS path with a trailing slash and refuses other methods', async () => {
		const slash = await send(`${sim.wsUrl}/`, {
			method: 'POST',
			body: fixture('omnichannelIntInfo.request.xml'),
		});
		expect(readAkixiMessage(slash.body).payload?.UniqueID).toBe(EMAIL_ID);
		const get = await send(sim.wsUrl);
		expect(get.status).toBe(405);
		expect((await send(`${sim.url}/nowhere`)).status).toBe(404);
	});
});

describe('Akixi simulator: control API and server', () => {
	const control = (route: string, options: SendOptions = {}) =>
		send(`${sim.url}/__sim/${route}`, options);

	it('adds, lists and clears faults over HTTP', async () => {
		const added = await control('faults', {
			method: 'POST',
			body: JSON.stringify({ kind: 'status', status: 500, times: 2, match: 'OmnichannelIntInfo' }),
		});
		expect(added.status).toBe(201);
		expect(restJson(added).fault).toMatchObject({
			fault: { kind: 'status', status: 500 },
			remaining: 2,
		});
		const nested = await control('faults', {
			method: 'POST',
			body: JSON.stringify({ fault: { kind: 'html', status: 504 } }),
		});
		expect(nested.status).toBe(201);
		expect((restJson(await control('faults')).faults as unknown[]).length).toBe(2);
		expect((await postWs(fixture('omnichannelIntInfo.request.xml'))).status).toBe(500);
		expect((await control('state')).status).toBe(200);
		expect(restJson(await control('faults', { method: 'DELETE' }))).toEqual({
			ok: true,
			cleared: 2,
		});
		expect((await postWs(fixture('omnichannelIntInfo.request.xml'))).status).toBe(200);
		expect((await control('faults', { method: 'POST', body: '{"kind":"status"}' })).status).toBe(
			400,
		);
		expect((await control('faults', { method: 'POST', body: 'not json' })).status).toBe(400);
		expect((await control('nothing')).status).toBe(404);
	});

	it('resets to the seed state', async () => {
		expectSuccess(await ws('OmnichannelIntDelete', { UniqueID: LIVECHAT_ID }));
		await admin(integratorClientPath('-1', '-1', 'UnknownNoneOrAll', String(LIST_ITEMS[0].ID)), {
			method: 'DELETE',
		});
		const reset = await control('reset', { method: 'POST' });
		expect(reset.status).toBe(200);
		expect((await info(LIVECHAT_ID)).payload?.UniqueID).toBe(LIVECHAT_ID);
		expect((await listAll()).Total).toBe(15);
	});

	it('dumps the state with every secret masked', async () => {
		const sessionId = await loginSession();
		const reply = await control('state');
		const state = restJson(reply);
		expect(state).toMatchObject({
			credentials: { username: AKIXI_SIM_USERNAME, password: '***', apiKey: '***' },
		});
		for (const secret of [
			AKIXI_SIM_PASSWORD,
			AKIXI_SIM_API_KEY,
			SID,
			sessionId,
			'C4gRIuo7',
			'YhHGDZTdp',
		]) {
			expect(reply.body).not.toContain(secret);
		}
		expect(reply.body).toContain('"AuthPassword1":"***"');
		expect((state.omnichannelIntegrations as unknown[]).length).toBe(2);
		expect((state.integratorClients as unknown[]).length).toBe(15);
	});

	it('records requests (not control ones) and counts connections', async () => {
		const before = sim.connections;
		await postWs(fixture('omnichannelIntInfo.request.xml'));
		await admin(`${ALL}?limit=3`);
		await control('state');
		expect(sim.requests).toHaveLength(2);
		expect(sim.requests[0]).toMatchObject({
			method: 'POST',
			path: '/CCS/WS',
			operation: 'OmnichannelIntInfo',
		});
		expect(sim.requests[0].body).toContain('<InvokeID>00037</InvokeID>');
		expect(sim.requests[1]).toMatchObject({
			method: 'GET',
			query: { limit: '3' },
			operation: 'IntegratorClientList',
			headers: expect.objectContaining({ 'x-api-key': AKIXI_SIM_API_KEY }),
		});
		expect(sim.requests[1].time).toBeLessThanOrEqual(Date.now());
		// The keep-alive agent reuses its sockets: at most its 4 sockets are new.
		expect(sim.connections - before).toBeLessThanOrEqual(4);
		await send(sim.wsUrl, { method: 'POST', body: 'x', agent: false });
		expect(sim.connections).toBeGreaterThan(before);
	});

	it('refuses bodies above the limit with 413', async () => {
		const small = await startAkixiSimulator({ maxBodyBytes: 1024 });
		try {
			const reply = await send(small.wsUrl, {
				method: 'POST',
				body: 'x'.repeat(5000),
				agent: false,
			});
			expect(reply.status).toBe(413);
			expect(
				(
					await send(small.wsUrl, {
						method: 'POST',
						body: fixture('omnichannelIntInfo.request.xml'),
						agent: false,
					})
				).status,
			).toBe(200);
		} finally {
			await small.close();
		}
	});

	it('closes idle keep-alive sockets and pending delayed answers', async () => {
		const other = await startAkixiSimulator();
		const keepAlive = new http.Agent({ keepAlive: true });
		try {
			const infoRequest = fixture('omnichannelIntInfo.request.xml');
			expect(
				(await send(other.wsUrl, { method: 'POST', body: infoRequest, agent: keepAlive })).status,
			).toBe(200);
			other.faults.add({ kind: 'delay', ms: 60_000 });
			const pending = send(other.wsUrl, { method: 'POST', body: infoRequest, agent: false });
			pending.catch(() => undefined);
			await new Promise((resolve) => setTimeout(resolve, 100));
			// The answer is held back for a minute: close() must not wait for it (jest's timeout would fail).
			await other.close();
			await expect(pending).rejects.toThrow();
			await expect(
				new Promise((resolve, reject) => {
					const socket = net.connect(other.port, '127.0.0.1', () => resolve(socket.end()));
					socket.on('error', reject);
				}),
			).rejects.toThrow(/ECONNREFUSED/);
			await other.close();
		} finally {
			keepAlive.destroy();
		}
	});
});
