import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { COCKPIT_VARIABLE_VALUE_PARAMETER } from '../../nodes/AcdDialler/constants';
import type { JtelSimulator } from '../../simulators/jtel';
import { apiCalls, fixture, jsonOf, onlyCall, run, startSim, stopSim } from './helpers';

const SET = { resource: 'cockpitVariable', operation: 'setValue' };

describe('ACD Dialler node — Cockpit Variable', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	const variable = (id: number) => sim.state.clients.get(1)!.cockpitVariables.get(id)!;

	it('Get Many: GET /cockpitVariables, ordered by Name, the documented sample among them', async () => {
		const result = await run(sim, {
			resource: 'cockpitVariable',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/cockpitVariables' });
		const rows = jsonOf(result);
		expect(rows.map((v) => v.Name)).toEqual([
			'Emergency Routing',
			'Night Switch',
			'Queue Threshold',
			'Service Level Target',
			'Test Cockpit Variable',
		]);
		const sample = fixture<{ records: object[] }>('cockpitVariables.response.json').records[0];
		expect(rows.find((v) => v.ID === 192)).toMatchObject(sample);
	});

	it('Get Many with Keep Envelope: the documented list envelope', async () => {
		const result = await run(sim, {
			resource: 'cockpitVariable',
			operation: 'getAll',
			keepEnvelope: true,
		});
		const [envelope] = jsonOf(result);
		expect(Object.keys(envelope)).toEqual(Object.keys(fixture('cockpitVariables.response.json')));
		expect(envelope).toMatchObject({ orderBy: 'Name', ascending: true, count: 5, status: 200 });
	});

	it('Get: GET /cockpitVariables/cockpitVariable/{CockpitVariablesID}', async () => {
		const result = await run(sim, {
			resource: 'cockpitVariable',
			operation: 'get',
			cockpitVariablesId: '192',
		});
		expect(onlyCall(sim)).toMatchObject({
			method: 'GET',
			path: '/cockpitVariables/cockpitVariable/192',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ ID: 192, Name: 'Test Cockpit Variable' }),
		]);
	});

	it('Get of an unknown variable: record not found (HTTP 404)', async () => {
		const result = await run(sim, {
			resource: 'cockpitVariable',
			operation: 'get',
			cockpitVariablesId: '290',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			'Get a cockpit variable failed: record not found (HTTP 404): Cockpit variable not found',
		);
	});

	describe('Set Value', () => {
		it('result 0: PATCH …/setValue?value=, the variable holds the value, changed = true', async () => {
			expect(COCKPIT_VARIABLE_VALUE_PARAMETER).toBe('value');
			const result = await run(sim, { ...SET, cockpitVariablesId: '194', value: 42 });
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({
				method: 'PATCH',
				path: '/cockpitVariables/cockpitVariable/194/setValue',
			});
			expect(call.query).toEqual({ value: '42' });
			expect(call.request.body).toBe('');
			expect(jsonOf(result)).toEqual([
				{
					success: true,
					changed: true,
					outcome: 'set',
					result: 0,
					message: 'The value was set.',
					CockpitVariablesID: 194,
					value: 42,
				},
			]);
			expect(variable(194).Value).toBe(42);
		});

		it('a negative value within the range is sent as such', async () => {
			const state = variable(192);
			const result = await run(sim, { ...SET, cockpitVariablesId: '192', value: -7 });
			expect(onlyCall(sim).query).toEqual({ value: '-7' });
			expect(jsonOf(result)[0]).toMatchObject({ outcome: 'set', value: -7 });
			expect(state.Value).toBe(-7);
		});

		it('result 3 (same value): an item with changed = false and outcome unchangedSameValue, not an error', async () => {
			const result = await run(sim, { ...SET, cockpitVariablesId: '194', value: 10 });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([
				{
					success: true,
					changed: false,
					outcome: 'unchangedSameValue',
					result: 3,
					message: 'Nothing was changed: the variable already has this value.',
					error: 'Value was not changed (same value)',
					CockpitVariablesID: 194,
					value: 10,
				},
			]);
		});

		it('result 4 (outside min / max): an item with changed = false and outcome unchangedOutsideMinMax', async () => {
			const over = await run(sim, { ...SET, cockpitVariablesId: '194', value: 51 });
			expect(jsonOf(over)[0]).toMatchObject({
				success: true,
				changed: false,
				outcome: 'unchangedOutsideMinMax',
				result: 4,
			});
			const onOff = await run(sim, { ...SET, cockpitVariablesId: '193', value: 2 });
			expect(jsonOf(onOff)[0]).toMatchObject({ changed: false, outcome: 'unchangedOutsideMinMax' });
			expect(variable(194).Value).toBe(10);
			expect(variable(193).Value).toBe(0);
		});

		it('result 1 (not writable): an error with a plain message, nothing changed', async () => {
			const result = await run(sim, { ...SET, cockpitVariablesId: '195', value: 90 });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Set a cockpit variable value failed: the cockpit variable is not writable (result 1)',
			);
			expect(result.error!.description).toContain('Read / Write');
			expect(variable(195).Value).toBe(80);
		});

		it('result 2 (not found or not visible for the cockpit): an error with a plain message', async () => {
			const hidden = await run(sim, { ...SET, cockpitVariablesId: '196', value: 1 });
			expect(hidden.error!.message).toBe(
				'Set a cockpit variable value failed: the cockpit variable was not found or is not visible for the cockpit (result 2)',
			);
			expect(hidden.error!.description).toContain('Visible in Cockpit');
			const missing = await run(sim, { ...SET, cockpitVariablesId: '290', value: 1 });
			expect(missing.error!.message).toMatch(
				/not found or is not visible for the cockpit \(result 2\)$/,
			);
			expect(variable(196).Value).toBe(0);
		});

		it('an unknown result code is an error that names it', async () => {
			sim.faults.add(
				{
					kind: 'status',
					status: 200,
					body: '{"result":7,"error":"","status":200}',
					contentType: 'application/json',
				},
				{ match: 'CockpitVariableSetValue' },
			);
			const result = await run(sim, { ...SET, cockpitVariablesId: '194', value: 1 });
			expect(result.error!.message).toBe(
				'Set a cockpit variable value: jtel answered with the unknown result code 7',
			);
		});

		it('an answer without a result code is an error, not a success', async () => {
			sim.faults.add(
				{ kind: 'status', status: 200, body: '{"status":200}', contentType: 'application/json' },
				{ match: 'CockpitVariableSetValue' },
			);
			const result = await run(sim, { ...SET, cockpitVariablesId: '194', value: 1 });
			expect(result.error!.message).toBe(
				'Set a cockpit variable value: jtel answered without a "result" code',
			);
		});

		it('a value that is not a whole number is refused before sending', async () => {
			const result = await run(sim, { ...SET, cockpitVariablesId: '194', value: '={{ 1.5 }}' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toBe('Value must be a whole number, not 1.5');
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('continueOnFail: each result code gives its item, errors as items, pairedItem kept', async () => {
			const result = await run(
				sim,
				{ ...SET, cockpitVariablesId: '={{ $json.id }}', value: '={{ $json.value }}' },
				{
					items: [
						{ id: 194, value: 20 },
						{ id: 194, value: 20 },
						{ id: 194, value: 99 },
						{ id: 195, value: 1 },
						{ id: 196, value: 1 },
						{ id: 'x', value: 1 },
					],
					continueOnFail: true,
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
			);
			const [set, same, outside, readOnly, hidden, invalid] = jsonOf(result);
			expect(set).toMatchObject({ outcome: 'set', changed: true });
			expect(same).toMatchObject({ outcome: 'unchangedSameValue', changed: false });
			expect(outside).toMatchObject({ outcome: 'unchangedOutsideMinMax', changed: false });
			expect(readOnly).toMatchObject({
				code: '1',
				error: expect.stringContaining('not writable (result 1)'),
			});
			expect(hidden).toMatchObject({ code: '2', error: expect.stringContaining('(result 2)') });
			expect(invalid.error).toBe('Cockpit Variable ID must be a positive whole number, not "x"');
			expect(variable(194).Value).toBe(20);
		});
	});
});
