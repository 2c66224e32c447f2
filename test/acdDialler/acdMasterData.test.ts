import { NodeApiError } from 'n8n-workflow';

import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import { ACD_EVENT_STATUS_PATH } from '../../nodes/AcdDialler/constants';
import type { JtelSimulator } from '../../simulators/jtel';
import { fixture, jsonOf, onlyCall, run, startSim, stopSim } from './helpers';

describe('ACD Dialler node — ACD Event Type, ACD Event Status, ACD Group', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	it('ACD Event Type → Get Many: GET /acd/events/types, one item per type', async () => {
		const result = await run(sim, { resource: 'acdEventType', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/events/types' });
		expect(jsonOf(result)).toEqual(fixture('acdEventTypes.records.json'));
	});

	it('ACD Event Status → Get Many: GET on the chosen path /acd/events/status, the eleven documented statuses', async () => {
		expect(ACD_EVENT_STATUS_PATH).toBe('/acd/events/status');
		const result = await run(sim, {
			resource: 'acdEventStatus',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/events/status' });
		const documented = fixture<{ records: unknown[] }>('acdEventStatus.response.json');
		expect(jsonOf(result)).toEqual(documented.records);
	});

	it('ACD Event Status with Keep Envelope: the documented answer as one item', async () => {
		const result = await run(sim, {
			resource: 'acdEventStatus',
			operation: 'getAll',
			keepEnvelope: true,
		});
		expect(jsonOf(result)).toEqual([fixture('acdEventStatus.response.json')]);
	});

	it('ACD Event Status on a server without that endpoint: "endpoint not available on this server"', async () => {
		sim.faults.add({ kind: 'status', status: 404, body: '' }, { match: 'AcdEventStatusGetAll' });
		const result = await run(sim, { resource: 'acdEventStatus', operation: 'getAll' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			'Get many ACD event statuses failed: endpoint not available on this server (HTTP 404)',
		);
		expect(result.error!.description).toContain('jtel does not publish the URL of this function');
		expect(result.error!.description).toContain('ACD_EVENT_STATUS_PATH');
	});

	it('the operations whose URL is chosen show a notice naming the URL and the constant', () => {
		const properties = new AcdDialler().description.properties.filter((p) => p.type === 'notice');
		const shown = properties.map((p) => [
			p.displayOptions?.show?.resource?.[0],
			p.displayOptions?.show?.operation?.[0],
		]);
		expect(shown).toEqual(
			expect.arrayContaining([
				['acdEventStatus', 'getAll'],
				['diallerCampaign', 'delete'],
				['diallerContact', 'getByUserData'],
				['call', 'hangupLeg2'],
			]),
		);
		const statusNotice = properties.find(
			(p) => p.displayOptions?.show?.resource?.[0] === 'acdEventStatus',
		)!;
		expect(statusNotice.displayName).toContain('/acd/events/status');
		expect(statusNotice.displayName).toContain('ACD_EVENT_STATUS_PATH');
	});

	it('ACD Group → Get: GET /acd/groups/group/{AcdGroupsID}, the single record of the sample', async () => {
		const result = await run(sim, { resource: 'acdGroup', operation: 'get', acdGroupsId: '12' });
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/groups/group/12' });
		const sample = fixture<{ records: object[] }>('acdGroup.response.json').records[0];
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ ...sample, ID: 12, Name: 'Hotline' }),
		]);
	});

	it('ACD Group → Get of an unknown group: record not found (HTTP 404) with the server text', async () => {
		const result = await run(sim, { resource: 'acdGroup', operation: 'get', acdGroupsId: '404' });
		expect(result.error!.message).toBe(
			'Get an ACD group failed: record not found (HTTP 404): ACD group not found',
		);
		expect(result.error!.httpCode).toBe('404');
	});

	it('ACD Group → Get by Name: partial match, several groups, one item each', async () => {
		const result = await run(sim, {
			resource: 'acdGroup',
			operation: 'getByName',
			name: 'Support',
		});
		const call = onlyCall(sim);
		expect(call).toMatchObject({ method: 'GET', path: '/acd/groups/group' });
		expect(call.query).toEqual({ name: 'Support' });
		expect(jsonOf(result).map((g) => g.Name)).toEqual([
			'Support',
			'Support Kündigung',
			'Support Premium',
		]);
		const sample = fixture<{ records: object[] }>('acdGroupByName.response.json').records[0];
		expect(jsonOf(result)[0]).toMatchObject(sample);
	});

	it('ACD Group → Get by Name with an umlaut and a space is URL-encoded', async () => {
		const result = await run(sim, {
			resource: 'acdGroup',
			operation: 'getByName',
			name: 'Rückruf Serv',
		});
		expect(result.error).toBeUndefined();
		expect(onlyCall(sim).query).toEqual({ name: 'Rückruf Serv' });
		expect(jsonOf(result).map((g) => g.Name)).toEqual(['Rückruf Service']);
	});

	it('ACD Group → Get by Name with Keep Envelope: records, count, status', async () => {
		const result = await run(sim, {
			resource: 'acdGroup',
			operation: 'getByName',
			name: 'support',
			keepEnvelope: true,
		});
		expect(jsonOf(result)).toHaveLength(1);
		expect(jsonOf(result)[0]).toMatchObject({ count: 3, status: 200 });
	});

	it('ACD Group → Get by Name without a match: record not found', async () => {
		const result = await run(sim, { resource: 'acdGroup', operation: 'getByName', name: 'Nobody' });
		expect(result.error!.message).toMatch(/record not found \(HTTP 404\): ACD group not found/);
	});

	it('ACD Group → Get Many: GET /acd/groups, ordered by name, limited', async () => {
		const all = await run(sim, { resource: 'acdGroup', operation: 'getAll', returnAll: true });
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/groups' });
		expect(jsonOf(all).map((g) => g.ID)).toEqual([12, 16, 13, 14, 15, 21, 22, 20]);
		const two = await run(sim, { resource: 'acdGroup', operation: 'getAll', limit: 2 });
		expect(jsonOf(two).map((g) => g.Name)).toEqual(['Hotline', 'Rückruf Service']);
	});
});
