import type { INodeParameters } from 'n8n-workflow';

import { isTransientFailReason } from '../../nodes/TvoxMcc/enums';
import type { TvoxSimulator } from '../../simulators/tvox';
import seedEnums from '../fixtures/tvoxMcc/seed-enums.json';
import seedOperations from '../fixtures/tvoxMcc/seed-operations.json';
import { PROTOCOLS, resetSim, runTvox, startSim, stopSim, type Protocol } from './helpers';

type EnumName = keyof typeof seedEnums;
type OperationName = keyof typeof seedOperations;

interface Case {
	operation: OperationName;
	code: string;
	/** Prepare the simulator; returns the node parameters. */
	setup(sim: TvoxSimulator): INodeParameters;
}

function started(sim: TvoxSimulator, id: string, serviceCode = 'SUPPORT', channelId = 1): string {
	const result = sim.state.startSession({ channelId, serviceid: serviceCode, sessionId: id });
	if (result.result !== 'SUCCESS')
		throw new Error(`could not start ${id}: ${JSON.stringify(result)}`);
	return id;
}

const session = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'session',
	operation,
	...extra,
});

/** Fail reasons the simulated TVox produces from its own state. */
const NATURAL: Case[] = [
	// Start Session
	{
		operation: 'startSession',
		code: 'INVALID_CHANNEL_ID',
		setup: () => session('startSession', { channelId: 0, serviceCode: 'SUPPORT' }),
	},
	{
		operation: 'startSession',
		code: 'UNKNOWN_CHANNEL_ID',
		setup: () => session('startSession', { channelId: 4, serviceCode: 'SUPPORT' }),
	},
	{
		operation: 'startSession',
		code: 'NO_LICENSE',
		setup: () => session('startSession', { channelId: 1003, serviceCode: 'SUPPORT' }),
	},
	{
		operation: 'startSession',
		code: 'CHANNEL_NOT_ENABLED',
		setup: () => session('startSession', { channelId: 3, serviceCode: 'SUPPORT' }),
	},
	{
		operation: 'startSession',
		code: 'UNKNOWN_SERVICE',
		setup: () => session('startSession', { channelId: 1, serviceCode: 'NOPE' }),
	},
	{
		operation: 'startSession',
		code: 'SERVICE_NOT_ENABLED',
		setup: () => session('startSession', { channelId: 1, serviceCode: 'LEGACY' }),
	},
	{
		operation: 'startSession',
		code: 'DUPLICATED_SESSION_ID',
		setup: (sim) =>
			session('startSession', {
				channelId: 1,
				serviceCode: 'SUPPORT',
				additionalFields: { sessionId: started(sim, 'dup-1') },
			}),
	},
	{
		operation: 'startSession',
		code: 'GENERIC',
		setup: () =>
			session('startSession', {
				channelId: 1,
				serviceCode: 'SUPPORT',
				additionalFields: { sessionId: 'has space' },
			}),
	},
	// Accept Session
	{
		operation: 'sessionAccept',
		code: 'INVALID_SESSION_ID',
		setup: () => session('sessionAccept', { sessionId: 'ghost' }),
	},
	{
		operation: 'sessionAccept',
		code: 'SESSION_CLOSED',
		setup: (sim) => {
			sim.state.closeSession({ sessionId: started(sim, 'closed-1') });
			return session('sessionAccept', { sessionId: 'closed-1' });
		},
	},
	{
		operation: 'sessionAccept',
		code: 'SERVICE_NOT_ENABLED',
		setup: (sim) => {
			started(sim, 'svc-off');
			sim.state.setServiceEnabled(1, 'SUPPORT', false);
			return session('sessionAccept', { sessionId: 'svc-off' });
		},
	},
	{
		operation: 'sessionAccept',
		code: 'REQUEST_REJECTED_BY_SERVICE',
		setup: (sim) => session('sessionAccept', { sessionId: started(sim, 'night-1', 'NIGHT') }),
	},
	{
		operation: 'sessionAccept',
		code: 'GENERIC',
		setup: (sim) =>
			session('sessionAccept', {
				sessionId: started(sim, 'agent-off'),
				additionalFields: { user: 'luca.verdi' },
			}),
	},
	// Check Session State (with data)
	{
		operation: 'checkSessionState',
		code: 'INVALID_SESSION_ID',
		setup: () => session('checkSessionState', { sessionId: 'ghost' }),
	},
	{
		operation: 'checkSessionStateWithData',
		code: 'INVALID_SESSION_ID',
		setup: () => session('checkSessionStateWithData', { sessionId: 'ghost' }),
	},
	// Set Session Data
	{
		operation: 'setSessionData',
		code: 'INVALID_SESSION_ID',
		setup: () => session('setSessionData', { sessionId: 'ghost', sessionData: 'x' }),
	},
	{
		operation: 'setSessionData',
		code: 'SESSION_CLOSED',
		setup: (sim) => {
			sim.state.closeSession({ sessionId: started(sim, 'closed-2') });
			return session('setSessionData', { sessionId: 'closed-2', sessionData: 'x' });
		},
	},
	// Close Session
	{
		operation: 'closeSession',
		code: 'INVALID_SESSION_ID',
		setup: () => session('closeSession', { sessionId: 'not valid' }),
	},
	{
		operation: 'closeSession',
		code: 'NOT_FOUND',
		setup: () => session('closeSession', { sessionId: 'ghost' }),
	},
	{
		operation: 'closeSession',
		code: 'IS_PENDING',
		setup: (sim) => {
			sim.state.markClosePending(started(sim, 'pending-1'));
			return session('closeSession', { sessionId: 'pending-1' });
		},
	},
	{
		operation: 'closeSession',
		code: 'UNKNOWN_SERVICE',
		setup: (sim) => {
			started(sim, 'gone-1', 'SALES');
			sim.state.removeService('SALES');
			return session('closeSession', { sessionId: 'gone-1' });
		},
	},
	{
		operation: 'closeSession',
		code: 'SERVICE_NOT_ENABLED',
		setup: (sim) => {
			started(sim, 'off-1', 'SALES');
			sim.state.setServiceEnabled(1, 'SALES', false);
			return session('closeSession', { sessionId: 'off-1' });
		},
	},
	{
		operation: 'closeSession',
		code: 'GENERIC',
		setup: (sim) =>
			session('closeSession', { sessionId: started(sim, 'why-1'), reason: '={{ "BY_ROBOT" }}' }),
	},
	// Get Service State
	{
		operation: 'getServiceState',
		code: 'INVALID_CHANNEL_ID',
		setup: () => ({
			resource: 'service',
			operation: 'getServiceState',
			channelId: 99,
			serviceCodes: 'SUPPORT',
		}),
	},
	{
		operation: 'getServiceState',
		code: 'SERVICE_STATE_NOT_FOUND',
		setup: () => ({
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'NOPE,ZZZ',
		}),
	},
	{
		operation: 'getServiceState',
		code: 'SERVICE_NOT_ENABLED',
		setup: () => ({
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'LEGACY',
		}),
	},
	// Logout Agent From Channel
	{
		operation: 'logoutAgentFromChannel',
		code: 'INVALID_CHANNEL_ID',
		setup: () => ({
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 99,
			agentUsername: 'mario.rossi',
		}),
	},
	{
		operation: 'logoutAgentFromChannel',
		code: 'INVALID_USERNAME',
		setup: () => ({
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 1,
			agentUsername: 'ghost',
		}),
	},
	{
		operation: 'logoutAgentFromChannel',
		code: 'INVALID_USER_PROFILES',
		setup: () => ({
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 1,
			agentUsername: 'supervisor',
		}),
	},
	{
		operation: 'logoutAgentFromChannel',
		code: 'USER_NOT_LOGGED',
		setup: () => ({
			resource: 'agent',
			operation: 'logoutAgentFromChannel',
			channelId: 1,
			agentUsername: 'luca.verdi',
		}),
	},
];

/** Harmless parameters of each operation, for fail reasons injected at the simulator. */
const PLAIN: Record<OperationName, INodeParameters> = {
	startSession: session('startSession', { channelId: 1, serviceCode: 'SUPPORT' }),
	sessionAccept: session('sessionAccept', { sessionId: 'any' }),
	checkSessionState: session('checkSessionState', { sessionId: 'any' }),
	checkSessionStateWithData: session('checkSessionStateWithData', { sessionId: 'any' }),
	setSessionData: session('setSessionData', { sessionId: 'any', sessionData: 'x' }),
	closeSession: session('closeSession', { sessionId: 'any' }),
	getServiceState: {
		resource: 'service',
		operation: 'getServiceState',
		channelId: 1,
		serviceCodes: 'SUPPORT',
	},
	logoutAgentFromChannel: {
		resource: 'agent',
		operation: 'logoutAgentFromChannel',
		channelId: 1,
		agentUsername: 'x',
	},
};

/** Every documented fail reason of every method: the simulator's own where it has them, injected otherwise. */
function everyCase(): Array<Case & { injected: boolean }> {
	const cases: Array<Case & { injected: boolean }> = [];
	for (const [operation, spec] of Object.entries(seedOperations) as Array<
		[OperationName, (typeof seedOperations)[OperationName]]
	>) {
		const enumName = (
			operation === 'logoutAgentFromChannel'
				? 'LogoutAgentResultFailReasonCode'
				: spec.response.find((f) => f.name === 'failReason')!.type
		) as EnumName;
		for (const { value } of seedEnums[enumName]) {
			const natural = NATURAL.find((c) => c.operation === operation && c.code === value);
			cases.push(
				natural
					? { ...natural, injected: false }
					: { operation, code: value, setup: () => PLAIN[operation], injected: true },
			);
		}
	}
	return cases;
}

function enumOf(operation: OperationName): {
	name: EnumName;
	values: Array<{ value: string; description: string }>;
} {
	const spec = seedOperations[operation];
	const name = (
		operation === 'logoutAgentFromChannel'
			? 'LogoutAgentResultFailReasonCode'
			: spec.response.find((f) => f.name === 'failReason')!.type
	) as EnumName;
	return { name, values: seedEnums[name] };
}

const CASES = everyCase();

describe('the fail-reason cases', () => {
	it("cover every value of every fail-reason table, most of them from the simulator's own state", () => {
		const total = Object.keys(seedOperations).reduce(
			(n, op) => n + enumOf(op as OperationName).values.length,
			0,
		);
		expect(CASES).toHaveLength(total);
		expect(total).toBe(51);
		expect(CASES.filter((c) => !c.injected)).toHaveLength(NATURAL.length);
		expect(NATURAL.length).toBe(30);
	});
});

describe.each(PROTOCOLS)('TVox MCC node over %s — fail reasons', (protocol: Protocol) => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it.each(
		CASES.map((c) => [c.operation, c.code, c.injected ? 'injected' : 'simulated', c] as const),
	)('%s → %s (%s)', async (operation, code, _how, testCase) => {
		const parameters = testCase.setup(sim);
		if (testCase.injected) {
			sim.faults.add({ kind: 'fail', code, message: `Simulated ${code}` }, { match: operation });
		}
		const result = await runTvox(sim, protocol, parameters);
		const table = enumOf(operation);
		const meaning = table.values.find((v) => v.value === code)!.description;
		const error = result.error!;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeApiError');
		expect(error.message.startsWith(`TVox ${operation} failed: ${code} (${meaning})`)).toBe(true);
		const remote = error.context?.remote as Record<string, unknown>;
		expect(remote).toMatchObject({
			kind: 'remote',
			system: 'TVox',
			operation,
			code,
			meaning,
			group: table.name,
			serverMessage: expect.any(String),
		});
		expect(error.message.endsWith(`: ${String(remote.serverMessage)}`)).toBe(true);
		if (testCase.injected) expect(remote.serverMessage).toBe(`Simulated ${code}`);
		expect(remote.transient === true).toBe(isTransientFailReason(code));
		expect(String(error.description)).toContain(`${code}: ${meaning}`);
		expect(String(error.description)).toContain(`Group: ${table.name}`);
		expect(String(error.description).includes('temporary condition')).toBe(
			isTransientFailReason(code),
		);
		expect(error.context?.itemIndex).toBe(0);
	});

	it('returns failures as items with the option, next to successes, each paired to its input', async () => {
		started(sim, 'ok-1');
		const result = await runTvox(
			sim,
			protocol,
			session('checkSessionStateWithData', {
				sessionId: '={{ $json.id }}',
				options: { returnFailures: true },
			}),
			{ items: [{ id: 'ok-1' }, { id: 'ghost' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json, i.pairedItem])).toEqual([
			[{ result: 'SUCCESS', sessionId: 'ok-1', status: 'NEW' }, { item: 0 }],
			[
				{
					result: 'FAILED',
					sessionId: 'ghost',
					failReason: 'INVALID_SESSION_ID',
					failReasonMessage: 'Session ghost does not exist',
					failReasonDescription: 'Session ID provided is not valid or does not exist',
				},
				{ item: 1 },
			],
		]);
	});

	it('a fail reason the tables do not know is still an error, said to be undocumented', async () => {
		sim.faults.add(
			{ kind: 'fail', code: 'BRAND_NEW_REASON', message: 'newer server' },
			{ match: 'checkSessionState' },
		);
		const result = await runTvox(sim, protocol, session('checkSessionState', { sessionId: 'x' }));
		expect(result.error!.message).toBe(
			'TVox checkSessionState failed: BRAND_NEW_REASON: newer server',
		);
		expect(String(result.error!.description)).toContain(
			'BRAND_NEW_REASON is not among the documented values of CheckSessionFailReasonCode',
		);
	});

	it('Get Service State per service returns the failure once when the option is on', async () => {
		const result = await runTvox(sim, protocol, {
			resource: 'service',
			operation: 'getServiceState',
			channelId: 1,
			serviceCodes: 'LEGACY',
			output: 'perService',
			options: { returnFailures: true },
		});
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				result: 'FAILED',
				failReason: 'SERVICE_NOT_ENABLED',
				failReasonDescription: 'Service is not enabled on channel',
			}),
		]);
	});
});
