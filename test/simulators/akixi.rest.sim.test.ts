import fc from 'fast-check';

import { integratorClientPath } from '../../nodes/Akixi/constants';
import { AKIXI_SIM_PASSWORD, AKIXI_SIM_USERNAME } from '../../simulators';

import {
	jsonFixture,
	sim,
	SID,
	EMAIL_ID,
	ws,
	expectFail,
	apiKey,
	rest,
	restJson,
	admin,
	expectRestError,
	ALL,
	DEVICE_0,
	DEVICE_3,
	ADD_BODY,
	CHANGE_BODY,
	LIST_SAMPLE,
	LIST_ITEMS,
	listAll,
	addClient,
	useAkixiSimulator,
} from './helpers';

useAkixiSimulator();

describe('Akixi simulator: REST login and authentication', () => {
	it('creates a session, logs in with Basic auth and logs out', async () => {
		const created = await rest('/session', { method: 'POST' });
		expect(created.status).toBe(200);
		const { Nonce, SessionID } = restJson(created);
		expect(Nonce).toMatch(/^[0-9a-f]+$/);
		expect(SessionID).toMatch(/^[0-9A-F]{32}$/);
		const cookie = { Cookie: `JSESSIONID=${String(SessionID)}` };
		expect((await rest(ALL, { headers: cookie })).status).toBe(401);
		expect((await rest('/login?locale=en_GB', { headers: cookie })).status).toBe(401);
		const basic = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
		const login = await rest('/login?locale=en_GB', {
			headers: { ...cookie, Authorization: `Basic ${basic}` },
		});
		expect(login.status).toBe(200);
		expect(restJson(login)).toEqual({ Result: 'Success' });
		expect(
			(await rest(ALL, { headers: { Cookie: `other=1; JSESSIONID=${String(SessionID)};` } }))
				.status,
		).toBe(200);
		const logout = await rest('/logout', { headers: cookie });
		expect(restJson(logout)).toEqual({ Result: 'Success' });
		const after = await rest(ALL, { headers: cookie });
		expect(after.status).toBe(401);
		expect(restJson(after).Message).toEqual(expect.any(String));
	});

	it('drops the session after a wrong password', async () => {
		const { SessionID } = restJson(await rest('/session', { method: 'POST' }));
		const cookie = `JSESSIONID=${String(SessionID)}`;
		const wrong = Buffer.from(`${AKIXI_SIM_USERNAME}:nope`).toString('base64');
		const refused = await rest('/login?locale=en_GB', {
			headers: { Cookie: cookie, Authorization: `Basic ${wrong}` },
		});
		expect(refused.status).toBe(401);
		expect(restJson(refused)).toEqual({ Message: expect.any(String) });
		const right = Buffer.from(`${AKIXI_SIM_USERNAME}:${AKIXI_SIM_PASSWORD}`).toString('base64');
		expect(
			(await rest('/login', { headers: { Cookie: cookie, Authorization: `Basic ${right}` } }))
				.status,
		).toBe(401);
		expectFail(
			await ws('OmnichannelIntInfo', { UniqueID: EMAIL_ID }, { sessionId: String(SessionID) }),
			10301,
		);
	});

	it('accepts the x-api-key header and refuses a bad key or no credentials with 401', async () => {
		expect((await rest(ALL, { headers: apiKey })).status).toBe(200);
		const bad = await rest(ALL, { headers: { 'x-api-key': 'wrong' } });
		expect(bad.status).toBe(401);
		const none = await rest(ALL);
		expect(none.status).toBe(401);
		expect(restJson(none)).toEqual({ Message: 'Authentication required' });
		expect((await rest(ALL, { headers: { Cookie: `JSESSIONID=${SID}` } })).status).toBe(200);
	});

	it('refuses wrong methods and unknown routes', async () => {
		expect((await rest('/session')).status).toBe(405);
		expect((await rest('/nothing', { headers: apiKey })).status).toBe(404);
		expect((await admin(`${DEVICE_0}/some-id`, { method: 'POST', body: ADD_BODY })).status).toBe(
			405,
		);
		expect(
			(await admin('/admin/telsys/426/partition/1/device/%E0%A4%A/integratorClient')).status,
		).toBe(400);
	});
});

describe('Akixi simulator: Integrator Clients', () => {
	it('lists the seed entries exactly as the List sample shows', async () => {
		const reply = await admin(
			`${ALL}?limit=25&offset=0&IntegratorClientFields='[TelSysDescription,PartitionDescription,DeviceDescription]'`,
		);
		expect(reply.status).toBe(200);
		expect(JSON.stringify(restJson(reply))).toBe(JSON.stringify(LIST_SAMPLE));
	});

	it('leaves the description fields out unless asked for', async () => {
		const { Items } = await listAll('?limit=1');
		expect(Object.keys(Items[0])).toEqual([
			'TelSysID',
			'DeviceNumber',
			'Description',
			'ID',
			'PartitionID',
		]);
	});

	it('pages with limit (default 25) and offset', async () => {
		const page = await listAll('?limit=5&offset=10');
		expect(page.Total).toBe(15);
		expect(page.Offset).toBe(10);
		expect(page.Items.map((i) => i.ID)).toEqual(LIST_ITEMS.slice(10, 15).map((i) => i.ID));
		expect((await listAll('?offset=14')).Items).toHaveLength(1);
		expect((await listAll('?offset=20')).Items).toHaveLength(0);
		expect((await admin(`${ALL}?limit=-1`)).status).toBe(400);
		expect((await admin(`${ALL}?offset=abc`)).status).toBe(400);
	});

	it('defaults to 25 items per page', async () => {
		for (let i = 0; i < 12; i++) {
			sim.state.integratorClients.set(`extra-${i}`, {
				...sim.state.integratorClients.get(String(LIST_ITEMS[0].ID))!,
				ID: `extra-${i}`,
				seq: sim.state.nextSeq(),
			});
		}
		const page = await listAll();
		expect(page.Total).toBe(27);
		expect(page.Items).toHaveLength(25);
	});

	it('sorts by Description, ASC and DESC, keeping creation order among equals', async () => {
		const asc = (await listAll('?sort=ASC')).Items.map((i) => i.Description as string);
		expect(asc).toEqual(
			[...asc].sort((a, b) =>
				a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
			),
		);
		const desc = (await listAll("?sort='DESC'")).Items;
		expect(desc[0].Description).toBe('test-123');
		const threes = desc.filter((i) => i.Description === '3').map((i) => i.ID);
		expect(threes).toEqual([
			'a05241ee7b21d0ac:-69f03ef2:1989d3eaf18:3533',
			'fd3548fed99dcd47:463d17a5:19864e67f42:79b8',
		]);
		expect((await admin(`${ALL}?sort=UP`)).status).toBe(400);
	});

	it('filters by telsys, partition and device; -1 and UnknownNoneOrAll mean all', async () => {
		const count = (t: number, p?: number) =>
			LIST_ITEMS.filter((i) => i.TelSysID === t && (p === undefined || i.PartitionID === p)).length;
		const telsys403 = restJson(await admin(integratorClientPath('403', '-1', 'UnknownNoneOrAll')));
		expect((telsys403.Data as { Total: number }).Total).toBe(count(403));
		const p417 = restJson(await admin(integratorClientPath('417', '1', 'UnknownNoneOrAll')));
		expect((p417.Data as { Total: number }).Total).toBe(count(417, 1));
		const device = restJson(await admin(integratorClientPath('417', '1', '01234567120')));
		expect((device.Data as { Items: Array<{ ID: string }> }).Items.map((i) => i.ID)).toEqual([
			'a21abf960a398ee2:7b73f31a:198d18707a9:6e88',
		]);
		expect((await admin(`${ALL}?IntegratorClientFields=Bogus`)).status).toBe(400);
	});

	it('adds a client for a device (Add sample), with or without a trailing slash', async () => {
		const reply = await admin(`${DEVICE_0}/`, { method: 'POST', body: ADD_BODY });
		expect(reply.status).toBe(200);
		expect(restJson(reply)).toEqual(jsonFixture('integratorClientAdd.response.json'));
		const again = await admin(DEVICE_0, { method: 'POST', body: ADD_BODY });
		expectRestError(again, 409, 30005, 'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE');
		const noSlash = await admin(DEVICE_3, { method: 'POST', body: ADD_BODY });
		expect(noSlash.status).toBe(200);
		expect((await listAll()).Total).toBe(17);
	});

	it('refuses Add without a body (30001), for an unknown device (30004) or an occupied scope (30005)', async () => {
		expectRestError(
			await admin(DEVICE_0, { method: 'POST' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expectRestError(
			await admin(DEVICE_0, { method: 'POST', body: '{}' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expect((await admin(DEVICE_0, { method: 'POST', body: '{"Description":' })).status).toBe(400);
		expect(
			(await admin(DEVICE_0, { method: 'POST', body: '{"Description":"x","Policies":[]}' })).status,
		).toBe(400);
		for (const devicePath of [
			integratorClientPath('426', '1', '+449999999999'),
			integratorClientPath('417', '1', '+442046034980'),
			integratorClientPath('999', '1', '+442046034980'),
			integratorClientPath('426', '2', '+442046034980'),
			integratorClientPath('abc', '1', '+442046034980'),
		]) {
			expectRestError(
				await admin(devicePath, { method: 'POST', body: ADD_BODY }),
				404,
				30004,
				'INTEGRATOR_CLIENT_DEVICE_NOT_FOUND_IN_TELSYS',
			);
		}
		expectRestError(
			await admin(integratorClientPath('426', '1', '+442046034981'), {
				method: 'POST',
				body: ADD_BODY,
			}),
			409,
			30005,
			'INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE',
		);
	});

	it('answers Info in the Info sample form, with optional fields only when asked for', async () => {
		const id = await addClient(
			DEVICE_3,
			JSON.stringify({
				Description: 'new test CXI',
				CMEnvironmentID: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
			}),
		);
		const sample = jsonFixture('integratorClientInfo.response.json');
		const full = restJson(
			await admin(
				`${DEVICE_3}/${encodeURIComponent(id)}?IntegratorClientFields=[TelSysDescription,PartitionDescription,DeviceDescription]`,
			),
		);
		expect(Object.keys(full)).toEqual(Object.keys(sample));
		const data = full.Data as Record<string, unknown>;
		expect(Object.keys(data)).toEqual(Object.keys(sample.Data as object));
		expect({ ...data, ID: 'x' }).toEqual({ ...(sample.Data as object), ID: 'x' });
		const plain = restJson(await admin(integratorClientPath('426', '1', '+442046034983', id)));
		expect(plain.Data).toEqual({
			TelSysID: '426',
			DeviceNumber: '+442046034983',
			Description: 'new test CXI',
			CMEnvironmentID: 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613',
			ID: id,
			PartitionID: '1',
		});
	});

	it('returns Policies and Settings when IntegratorClientFields asks, in any spelling', async () => {
		const id = await addClient(DEVICE_0);
		const sample = JSON.parse(ADD_BODY) as Record<string, unknown>;
		for (const fields of [
			'[Policies,Settings]',
			"'[Policies,Settings]'",
			'"[Policies, Settings]"',
			'Policies,Settings',
		]) {
			const reply = await admin(
				`${integratorClientPath('426', '1', '+442046034980', id)}?IntegratorClientFields=${encodeURIComponent(fields)}`,
			);
			const data = restJson(reply).Data as Record<string, unknown>;
			expect(data.Policies).toEqual(sample.Policies);
			expect(data.Settings).toEqual(sample.Settings);
		}
		const listed = await listAll('?IntegratorClientFields=[Settings]&limit=100');
		expect(listed.Items.find((i) => i.ID === id)?.Settings).toEqual(sample.Settings);
	});

	it('finds a client through the all-scope path but not through another device', async () => {
		const id = String(LIST_ITEMS[12].ID);
		expect((await admin(integratorClientPath('-1', '-1', 'UnknownNoneOrAll', id))).status).toBe(
			200,
		);
		expect((await admin(integratorClientPath('417', '1', '01234567102', id))).status).toBe(200);
		expectRestError(
			await admin(integratorClientPath('417', '1', '01234567120', id)),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
	});

	it('changes a client (Change sample → 204) and refuses unknown IDs, empty bodies and missing IDs', async () => {
		const id = await addClient(DEVICE_0);
		const itemPath = integratorClientPath('426', '1', '+442046034980', id);
		const changed = await admin(itemPath, { method: 'PUT', body: CHANGE_BODY });
		expect(changed.status).toBe(204);
		expect(changed.body).toBe('');
		const data = restJson(await admin(`${itemPath}?IntegratorClientFields=[Settings]`))
			.Data as Record<string, unknown>;
		expect(data.Settings).toEqual((JSON.parse(CHANGE_BODY) as Record<string, unknown>).Settings);
		expectRestError(
			await admin(integratorClientPath('426', '1', '+442046034980', 'nope:1:-2'), {
				method: 'PUT',
				body: CHANGE_BODY,
			}),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
		expectRestError(
			await admin(itemPath, { method: 'PUT' }),
			400,
			30001,
			'INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED',
		);
		expectRestError(
			await admin(`${DEVICE_0}/`, { method: 'PUT', body: CHANGE_BODY }),
			400,
			30002,
			'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		);
	});

	it('deletes a client (204), then answers 30003', async () => {
		const itemPath = integratorClientPath('-1', '-1', 'UnknownNoneOrAll', String(LIST_ITEMS[0].ID));
		const deleted = await admin(itemPath, { method: 'DELETE' });
		expect(deleted.status).toBe(204);
		expectRestError(
			await admin(itemPath, { method: 'DELETE' }),
			404,
			30003,
			'INTEGRATOR_CLIENT_NOT_FOUND',
		);
		expectRestError(await admin(itemPath), 404, 30003, 'INTEGRATOR_CLIENT_NOT_FOUND');
		expectRestError(
			await admin(ALL, { method: 'DELETE' }),
			400,
			30002,
			'INTEGRATOR_CLIENT_NO_ID_PROVIDED_IN_REQUEST',
		);
		expect((await listAll()).Total).toBe(14);
	});

	it('never crashes on odd paths, queries and bodies: JSON answers below 500', async () => {
		const segment = fc.oneof(
			fc.constantFrom(
				'-1',
				'426',
				'1',
				'%2B442046034980',
				'UnknownNoneOrAll',
				'%E0%A4%A',
				'%00',
				'..',
				'',
			),
			fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
		);
		const requestArb = fc.record({
			method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
			segments: fc.tuple(segment, segment, segment, fc.option(segment, { nil: undefined })),
			query: fc.constantFrom(
				'',
				'?limit=x',
				'?sort=%5B%27ASC%27%5D',
				'?IntegratorClientFields=%5B%5D',
				'?offset=99999999999',
			),
			body: fc.oneof(fc.constant(''), fc.json(), fc.string({ maxLength: 40 })),
		});
		await fc.assert(
			fc.asyncProperty(requestArb, async ({ method, segments: [t, p, d, id], query, body }) => {
				const base = `/admin/telsys/${t}/partition/${p}/device/${d}/integratorClient`;
				const reply = await admin(`${id === undefined ? base : `${base}/${id}`}${query}`, {
					method,
					body,
				});
				expect(reply.status).toBeLessThan(500);
				if (reply.body !== '') expect(() => JSON.parse(reply.body)).not.toThrow();
			}),
			{ numRuns: 150 },
		);
		expect(sim.state.integratorClients.size).toBeGreaterThanOrEqual(13);
	});

	it('refuses writes from a read-only session with 30000 but serves reads', async () => {
		const { id } = sim.state.createSession({ readOnly: true });
		const cookie = { Cookie: `JSESSIONID=${id}` };
		expectRestError(
			await rest(DEVICE_0, { method: 'POST', body: ADD_BODY, headers: cookie }),
			403,
			30000,
			'INTEGRATOR_CLIENT_NOT_ENOUGH_PERMISSIONS_FOR_ACTION',
		);
		expect((await rest(ALL, { headers: cookie })).status).toBe(200);
	});
});
