import { randomUUID } from 'node:crypto';

import type { AkixiSimulator } from '../../simulators/akixi';
import { AKIXI_SIM_API_KEY, exposedText, resetSim, runAkixi, startSim, stopSim } from './helpers';

const RESOURCE = { resource: 'integratorClient' };
const DEVICE = { telSysId: '426', partitionIdInTelSys: '1', deviceNumber: '+442046034980' };
const CME = 'd6d6c5a5f0f90d60:-15617a00:169f533f6d5:5613';
const SEEDED_ID = '3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd';
const SEEDED_DEVICE = { telSysId: '426', partitionIdInTelSys: '1', deviceNumber: '+442046034981' };

const restCalls = (sim: AkixiSimulator) =>
	sim.requests.filter((r) => r.path.includes('/integratorClient'));

describe('Akixi node — Integrator Client (REST API)', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it.each(['sessionId', 'apiKey', 'usernamePassword'] as const)(
		'Add → List → Info → Change → Delete, authenticated by %s',
		async (mode) => {
			const add = await runAkixi(
				sim,
				{
					...RESOURCE,
					operation: 'add',
					...DEVICE,
					description: 'testCXI Config',
					cmEnvironmentId: CME,
					policies: '{"core::showUseConfigurationWindow":true}',
					settings: { 'interface::showCallNotificationPreview': true },
				},
				{ mode },
			);
			expect(add.error).toBeUndefined();
			expect(add.items[0].json).toEqual({ success: true, Result: 'Success' });
			const post = restCalls(sim).find((r) => r.method === 'POST')!;
			expect(post.path).toBe(
				'/CCS/API/v1/admin/telsys/426/partition/1/device/%2B442046034980/integratorClient/',
			);
			expect(post.query.IntegratorClientFields).toBe('[Policies,Settings]');
			expect(JSON.parse(post.body)).toEqual({
				Description: 'testCXI Config',
				CMEnvironmentID: CME,
				Policies: { 'core::showUseConfigurationWindow': true },
				Settings: { 'interface::showCallNotificationPreview': true },
			});
			if (mode === 'apiKey') expect(post.headers['x-api-key']).toBe(AKIXI_SIM_API_KEY);
			else expect(post.headers.cookie).toMatch(/^JSESSIONID=/);

			const list = await runAkixi(
				sim,
				{ ...RESOURCE, operation: 'list', ...DEVICE, limit: 25 },
				{ mode },
			);
			expect(list.error).toBeUndefined();
			const created = list.items
				.map((i) => i.json)
				.find((c) => c.Description === 'testCXI Config')!;
			expect(created).toBeDefined();
			const id = String(created.ID);

			const info = await runAkixi(
				sim,
				{
					...RESOURCE,
					operation: 'info',
					...DEVICE,
					integratorClientId: id,
					integratorClientFields: ['Policies', 'Settings'],
				},
				{ mode },
			);
			expect(info.error).toBeUndefined();
			expect(info.items[0].json).toMatchObject({
				ID: id,
				Description: 'testCXI Config',
				CMEnvironmentID: CME,
				DeviceNumber: '+442046034980',
				Policies: { 'core::showUseConfigurationWindow': true },
			});

			const change = await runAkixi(
				sim,
				{
					...RESOURCE,
					operation: 'change',
					...DEVICE,
					integratorClientId: id,
					updateFields: {
						description: 'new test CXI',
						settings:
							'{"interface::showCallNotificationPreview":true,"interface::showMissedCallPreview":true}',
					},
				},
				{ mode },
			);
			expect(change.error).toBeUndefined();
			expect(change.items[0].json).toEqual({ success: true, ID: id });
			const put = restCalls(sim).find((r) => r.method === 'PUT')!;
			expect(put.path).toBe(
				`/CCS/API/v1/admin/telsys/426/partition/1/device/%2B442046034980/integratorClient/${encodeURIComponent(id)}`,
			);
			const changed = await runAkixi(
				sim,
				{
					...RESOURCE,
					operation: 'info',
					...DEVICE,
					integratorClientId: id,
					integratorClientFields: ['Settings'],
				},
				{ mode },
			);
			expect(changed.items[0].json).toMatchObject({
				Description: 'new test CXI',
				Settings: { 'interface::showMissedCallPreview': true },
			});

			const del = await runAkixi(
				sim,
				{ ...RESOURCE, operation: 'delete', ...DEVICE, integratorClientId: id },
				{ mode },
			);
			expect(del.error).toBeUndefined();
			expect(del.items[0].json).toEqual({ success: true, ID: id });
			const gone = await runAkixi(
				sim,
				{ ...RESOURCE, operation: 'info', ...DEVICE, integratorClientId: id },
				{ mode },
			);
			expect(gone.error!.message).toContain('30003');
		},
	);

	it('List of everything (-1 / -1 / UnknownNoneOrAll) with the description fields, sorted', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'list',
			telSysId: '-1',
			partitionIdInTelSys: '-1',
			deviceNumber: 'UnknownNoneOrAll',
			integratorClientFields: ['TelSysDescription', 'PartitionDescription', 'DeviceDescription'],
			sort: 'ASC',
			limit: 5,
			offset: 0,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const call = restCalls(sim)[0];
		expect(call.path).toBe(
			'/CCS/API/v1/admin/telsys/-1/partition/-1/device/UnknownNoneOrAll/integratorClient',
		);
		expect(call.query).toMatchObject({
			limit: '5',
			offset: '0',
			sort: 'ASC',
			IntegratorClientFields: '[TelSysDescription,PartitionDescription,DeviceDescription]',
		});
		const descriptions = result.items.map((i) => String(i.json.Description));
		expect([...descriptions].sort((a, b) => a.localeCompare(b))).toEqual(descriptions);
		expect(result.items[0].json).toHaveProperty('TelSysDescription');
	});

	it('List with Return All pages by offset until Total', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'list',
			telSysId: '-1',
			partitionIdInTelSys: '-1',
			deviceNumber: 'UnknownNoneOrAll',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(new Set(result.items.map((i) => i.json.ID)).size).toBe(15);
	});

	it('Return All follows Total across several pages', async () => {
		const adds = [{ device: '+442046034980' }, { device: '+442046034983' }];
		const added = await runAkixi(
			sim,
			{
				...RESOURCE,
				operation: 'add',
				telSysId: '426',
				partitionIdInTelSys: '1',
				deviceNumber: '={{ $json.device }}',
				description: '={{ "extra " + $json.device }}',
			},
			{ items: adds },
		);
		expect(added.error).toBeUndefined();
		const { integratorClient } = await import('./pagingProbe');
		const result = await integratorClient(sim, 7);
		expect(result.total).toBe(17);
		expect(result.ids.size).toBe(17);
		expect(result.offsets).toEqual(['0', '7', '14']);
	});

	it('Info of a seeded client reads the Data object', async () => {
		const result = await runAkixi(sim, {
			...RESOURCE,
			operation: 'info',
			...SEEDED_DEVICE,
			integratorClientId: SEEDED_ID,
			integratorClientFields: ['TelSysDescription', 'PartitionDescription', 'DeviceDescription'],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			ID: SEEDED_ID,
			Description: 'test CXI',
			TelSysDescription: 'MST Dev Tenant',
		});
		expect(restCalls(sim)[0].path).toBe(
			`/CCS/API/v1/admin/telsys/426/partition/1/device/%2B442046034981/integratorClient/${encodeURIComponent(SEEDED_ID)}`,
		);
	});

	describe('error codes 30000–30009 become errors with their names and meanings', () => {
		it('30003 not found', async () => {
			const result = await runAkixi(sim, {
				...RESOURCE,
				operation: 'delete',
				...DEVICE,
				integratorClientId: 'no:such:id',
			});
			expect(result.error!.message).toContain('30003 INTEGRATOR_CLIENT_NOT_FOUND');
			expect(String(result.error!.description)).toMatch(
				/No Integrator Client with the specified ID was found/,
			);
		});
		it('30004 device not in the telephony server', async () => {
			const result = await runAkixi(sim, {
				...RESOURCE,
				operation: 'add',
				telSysId: '426',
				partitionIdInTelSys: '1',
				deviceNumber: '+19999999999',
				description: 'x',
			});
			expect(result.error!.message).toContain('30004 INTEGRATOR_CLIENT_DEVICE_NOT_FOUND_IN_TELSYS');
		});
		it('30005 a client exists for the scope', async () => {
			const result = await runAkixi(sim, {
				...RESOURCE,
				operation: 'add',
				...SEEDED_DEVICE,
				description: 'dup',
			});
			expect(result.error!.message).toContain('30005 INTEGRATOR_CLIENT_EXISTS_FOR_SCOPE');
		});
		it('30001 no configuration', async () => {
			const result = await runAkixi(sim, {
				...RESOURCE,
				operation: 'change',
				...SEEDED_DEVICE,
				integratorClientId: SEEDED_ID,
				updateFields: {},
			});
			expect(result.error!.message).toContain('30001 INTEGRATOR_CLIENT_NO_CONFIG_PROVIDED');
		});
		it.each(['30000', '30002', '30006', '30007', '30008', '30009'])(
			'%s (injected)',
			async (code) => {
				sim.faults.add({ kind: 'fail', code });
				const result = await runAkixi(sim, { ...RESOURCE, operation: 'list', ...DEVICE });
				expect(result.error!.message).toContain(code);
				expect(String(result.error!.description)).toMatch(/^\d{5} INTEGRATOR_CLIENT_[A-Z_]+: /);
			},
		);
	});

	it('a wrong API key is refused with 401 and the key never shows', async () => {
		const wrongKey = `wrong-${randomUUID()}`;
		const result = await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'list', ...DEVICE },
			{
				credentials: {
					baseUrl: sim.url,
					authentication: 'apiKey',
					apiKey: wrongKey,
				},
			},
		);
		expect(result.error!.httpCode).toBe('401');
		expect(exposedText(result)).not.toContain(wrongKey);
	});

	it('bad JSON in Policies is a clear input error for that item', async () => {
		const result = await runAkixi(
			sim,
			{ ...RESOURCE, operation: 'add', ...DEVICE, description: 'x', policies: '{"broken":' },
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toBe('Policies is not valid JSON');
		expect(restCalls(sim)).toHaveLength(0);
	});
});
