import { NodeApiError } from 'n8n-workflow';

import { DIALLER_CAMPAIGN_DELETE_BY_ID_PATH } from '../../nodes/AcdDialler/constants';
import type { JtelSimulator } from '../../simulators/jtel';
import { fixture, jsonOf, onlyCall, run, startSim, stopSim } from './helpers';

const RESOURCE = { resource: 'diallerCampaign' };
const SAMPLE = fixture<{ records: object[] }>('diallerCampaign.response.json').records[0];

describe('ACD Dialler node — Dialler Campaign', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	const campaigns = () =>
		[...sim.state.clients.get(1)!.campaigns.values()].map((c) => c.Name).sort();

	it('Get Many: GET /dialler/campaigns, one item per campaign ordered by name, Limit applies', async () => {
		const result = await run(sim, { ...RESOURCE, operation: 'getAll' });
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/dialler/campaigns' });
		expect(jsonOf(result).map((c) => c.Name)).toEqual([
			'Campaign 1000',
			'Campaign 1001',
			'Kampagne Müller & Söhne',
			'Winter Sale +50%',
		]);
		expect(jsonOf(result)[0]).toMatchObject(SAMPLE);
		const limited = await run(sim, { ...RESOURCE, operation: 'getAll', limit: 1 });
		expect(jsonOf(limited).map((c) => c.ID)).toEqual([538]);
	});

	it('Get: GET /dialler/campaigns/{DiallerCampaignsID}, the record of the sample', async () => {
		const result = await run(sim, { ...RESOURCE, operation: 'get', diallerCampaignsId: '538' });
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/dialler/campaigns/538' });
		expect(jsonOf(result)).toEqual([expect.objectContaining(SAMPLE)]);
	});

	it('Get of an unknown campaign: NodeApiError, HTTP 404, the documented error text', async () => {
		const result = await run(sim, { ...RESOURCE, operation: 'get', diallerCampaignsId: '999' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			`Get a dialler campaign failed: record not found (HTTP 404): ${String(fixture('error.response.json').error)}`,
		);
		expect(result.error!.httpCode).toBe('404');
	});

	it.each([
		['Kampagne Müller & Söhne', ['Kampagne Müller & Söhne']],
		['Sale +50%', ['Winter Sale +50%']],
		['campaign 10', ['Campaign 1000', 'Campaign 1001']],
	])(
		'Get by Name "%s": the name is URL-encoded (spaces, umlauts, &, +, %%), partial match',
		async (name, expected) => {
			const result = await run(sim, { ...RESOURCE, operation: 'getByName', name });
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'GET', path: '/dialler/campaigns/campaign' });
			expect(call.query).toEqual({ name });
			expect(jsonOf(result).map((c) => c.Name)).toEqual(expected);
		},
	);

	it('Get Result Codes in English (1) and German (2): GET …/campaign/{id}/resultCodes?languagesID=', async () => {
		const english = await run(sim, {
			...RESOURCE,
			operation: 'getResultCodes',
			diallerCampaignsId: '538',
			languagesId: 1,
		});
		const call = onlyCall(sim);
		expect(call).toMatchObject({
			method: 'GET',
			path: '/dialler/campaigns/campaign/538/resultCodes',
		});
		expect(call.query).toEqual({ languagesID: '1' });
		expect(jsonOf(english)).toHaveLength(6);
		expect(jsonOf(english).find((c) => c.ID === 2881)).toMatchObject(
			fixture('resultCode.record.json'),
		);
		sim.reset();
		const german = await run(sim, {
			...RESOURCE,
			operation: 'getResultCodes',
			diallerCampaignsId: '538',
			languagesId: 2,
		});
		expect(onlyCall(sim).query).toEqual({ languagesID: '2' });
		expect(jsonOf(german).find((c) => c.ID === 2881)).toMatchObject({
			Content: 'Maximale Versuche (Abbruch)',
		});
	});

	it('Get Result Codes keeps the envelope when asked', async () => {
		const result = await run(sim, {
			...RESOURCE,
			operation: 'getResultCodes',
			diallerCampaignsId: '539',
			languagesId: 2,
			keepEnvelope: true,
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ count: 6, status: 200, records: expect.any(Array) }),
		]);
	});

	it('Clone: POST /dialler/campaigns/clone with source, destination and userData; the clone is the output', async () => {
		const documented = fixture('diallerCampaignClone.request.json');
		const result = await run(sim, { ...RESOURCE, operation: 'clone', ...documented });
		expect(result.error).toBeUndefined();
		const call = onlyCall(sim);
		expect(call).toMatchObject({ method: 'POST', path: '/dialler/campaigns/clone' });
		expect(JSON.parse(call.request.body)).toEqual(documented);
		expect(call.request.headers['content-type']).toMatch(/^application\/json/);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				Name: 'My New Campaign',
				UserData: 'UserData Field Contents',
				LanguagesID: 2,
			}),
		]);
		expect(campaigns()).toContain('My New Campaign');
	});

	it('Clone without user data sends no userData', async () => {
		await run(sim, {
			...RESOURCE,
			operation: 'clone',
			source: 'Campaign 1000',
			destination: 'Copy',
		});
		expect(JSON.parse(onlyCall(sim).request.body)).toEqual({
			source: 'Campaign 1000',
			destination: 'Copy',
		});
	});

	it('Clone of a missing source: a clear 404 error', async () => {
		const result = await run(sim, {
			...RESOURCE,
			operation: 'clone',
			source: 'Campaign 9',
			destination: 'Copy',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			'Clone a dialler campaign failed: the source campaign "Campaign 9" does not exist (HTTP 404): Source dialler campaign not found',
		);
		expect(result.error!.httpCode).toBe('404');
	});

	it('Clone onto an existing destination: a clear 409 error', async () => {
		const result = await run(sim, {
			...RESOURCE,
			operation: 'clone',
			source: 'Campaign 1000',
			destination: 'Campaign 1001',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			'Clone a dialler campaign failed: the destination campaign "Campaign 1001" already exists (HTTP 409): Dialler campaign already exists',
		);
		expect(result.error!.httpCode).toBe('409');
		expect(String(result.error!.description)).toMatch(
			/Server says: Dialler campaign already exists/,
		);
	});

	it('Delete by ID: DELETE on the chosen path /dialler/campaigns/campaign/{DiallerCampaignsID}', async () => {
		expect(DIALLER_CAMPAIGN_DELETE_BY_ID_PATH).toBe(
			'/dialler/campaigns/campaign/{DiallerCampaignsID}',
		);
		const result = await run(sim, { ...RESOURCE, operation: 'delete', diallerCampaignsId: '539' });
		expect(result.error).toBeUndefined();
		expect(onlyCall(sim)).toMatchObject({
			method: 'DELETE',
			path: '/dialler/campaigns/campaign/539',
		});
		expect(jsonOf(result)).toEqual([{ success: true, status: 200, DiallerCampaignsID: 539 }]);
		expect(campaigns()).not.toContain('Campaign 1001');
	});

	it('Delete by ID on a server without that URL: endpoint not available, and the hint says what to do', async () => {
		sim.faults.add({ kind: 'status', status: 404, body: '' }, { match: 'DiallerCampaignDelete' });
		const result = await run(sim, { ...RESOURCE, operation: 'delete', diallerCampaignsId: '539' });
		expect(result.error!.message).toBe(
			'Delete a dialler campaign failed: endpoint not available on this server (HTTP 404)',
		);
		expect(result.error!.description).toContain('jtel does not publish the URL of this function');
		expect(result.error!.description).toContain('DIALLER_CAMPAIGN_DELETE_BY_ID_PATH');
		expect(campaigns()).toContain('Campaign 1001');
	});

	it('Delete by ID of an unknown campaign: record not found', async () => {
		const result = await run(sim, {
			...RESOURCE,
			operation: 'delete',
			diallerCampaignsId: '539000',
		});
		expect(result.error!.message).toBe(
			'Delete a dialler campaign failed: record not found (HTTP 404): Dialler campaign not found',
		);
	});

	it('Delete by Name: DELETE /dialler/campaigns/campaign?name= with the name encoded', async () => {
		const result = await run(sim, {
			...RESOURCE,
			operation: 'deleteByName',
			name: 'Kampagne Müller & Söhne',
		});
		expect(result.error).toBeUndefined();
		const call = onlyCall(sim);
		expect(call).toMatchObject({ method: 'DELETE', path: '/dialler/campaigns/campaign' });
		expect(call.query).toEqual({ name: 'Kampagne Müller & Söhne' });
		expect(jsonOf(result)).toEqual([
			{ success: true, status: 200, name: 'Kampagne Müller & Söhne' },
		]);
		expect(campaigns()).toEqual(['Campaign 1000', 'Campaign 1001', 'Winter Sale +50%']);
	});

	it('Delete by Name of an unknown campaign: record not found, nothing deleted', async () => {
		const result = await run(sim, { ...RESOURCE, operation: 'deleteByName', name: 'Campaign' });
		expect(result.error!.message).toMatch(
			/record not found \(HTTP 404\): Dialler campaign not found/,
		);
		expect(campaigns()).toHaveLength(4);
	});
});
