import fc from 'fast-check';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { AkixiSimulator } from '../../simulators/akixi';
import type { JtelSimulator } from '../../simulators/jtel';
import type { OiiSimulator } from '../../simulators/oii';
import type { TvoxSimulator } from '../../simulators/tvox';
import * as acd from '../acdDialler/helpers';
import * as akixi from '../akixi/helpers';
import * as sap from '../sapIci/helpers';
import * as tvox from '../tvoxMcc/helpers';
import type { RunNodeResult } from '../harness';
import { checkAsync } from './check';
import { blankText, freeText, type TextOptions, type WireFormat } from './text';

/**
 * For each system, free text stored through the node running in n8n's real engine against the
 * system's simulator, then read back through the node (and seen in the simulator's state):
 * it must come back identical, character for character.
 */

const E2E_RUNS = 15;
const REFUSAL_RUNS = 5;

/** Text as typed into a fixed (non-expression) field: n8n reads a leading "=" as an expression. */
function typed(format: WireFormat, options: TextOptions = {}): fc.Arbitrary<string> {
	return freeText(format, options).filter((t) => !t.startsWith('='));
}

function ok(result: RunNodeResult): IDataObject[] {
	if (result.error)
		throw new Error(
			`The node failed: ${result.error.message} — ${String(result.error.description ?? '')}`,
		);
	return result.items.map((item) => item.json);
}

/** Out-of-domain values reach the node through an expression over the input item, as from an earlier node. */
const FROM_ITEM = '={{ $json.value }}';

/** The run failed with a NodeOperationError naming the problem, and the simulator received nothing. */
async function expectRefusedInEngine(
	sim: { requests: readonly unknown[] },
	run: () => Promise<RunNodeResult>,
	message: string | RegExp,
): Promise<void> {
	const before = sim.requests.length;
	const result = await run();
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error?.message).toMatch(message);
	expect(sim.requests.length).toBe(before);
}

/** A different value on every run, so stored entries never collide. */
let counter = 0;
const next = () => ++counter;

describe('Akixi: descriptions come back identical', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await akixi.startSim();
	});
	afterAll(async () => {
		await akixi.stopSim(sim);
	});

	it('Omnichannel Integration: Add and Change a Description, then Info', async () => {
		await checkAsync(
			fc.asyncProperty(
				fc.uuid(),
				typed('xml'),
				typed('xml', { nonBlank: true }),
				async (uniqueId, added, changed) => {
					const resource = 'omnichannelIntegration';
					ok(
						await akixi.runAkixi(sim, {
							resource,
							operation: 'add',
							integrationType: 'LiveChat',
							scopeBy: 'telSys',
							telSysId: 100100,
							partIdInTelSys: 1,
							description: added,
							additionalFields: { uniqueId },
						}),
					);
					expect(sim.state.omnichannel.get(uniqueId)?.values.get('Description')).toBe(added);
					expect(
						ok(await akixi.runAkixi(sim, { resource, operation: 'info', uniqueId }))[0].Description,
					).toBe(added);

					ok(
						await akixi.runAkixi(sim, {
							resource,
							operation: 'change',
							uniqueId,
							updateFields: { description: changed },
						}),
					);
					expect(sim.state.omnichannel.get(uniqueId)?.values.get('Description')).toBe(changed);
					expect(
						ok(await akixi.runAkixi(sim, { resource, operation: 'info', uniqueId }))[0].Description,
					).toBe(changed);
				},
			),
			E2E_RUNS,
		);
	});

	it('Integrator Client: Add with a Description, then Info (and Delete, since a device has one client)', async () => {
		const device = { telSysId: '426', partitionIdInTelSys: '1', deviceNumber: '+442046034980' };
		await checkAsync(
			fc.asyncProperty(typed('json', { nonBlank: true }), async (description) => {
				const before = new Set(sim.state.integratorClients.keys());
				ok(
					await akixi.runAkixi(sim, {
						resource: 'integratorClient',
						operation: 'add',
						...device,
						description,
					}),
				);
				const created = [...sim.state.integratorClients.values()].filter((c) => !before.has(c.ID));
				expect(created.map((c) => c.Description)).toEqual([description]);
				const [info] = ok(
					await akixi.runAkixi(sim, {
						resource: 'integratorClient',
						operation: 'info',
						...device,
						integratorClientId: created[0].ID,
					}),
				);
				expect(info.Description).toBe(description);
				ok(
					await akixi.runAkixi(sim, {
						resource: 'integratorClient',
						operation: 'delete',
						...device,
						integratorClientId: created[0].ID,
					}),
				);
				expect(sim.state.integratorClients.has(created[0].ID)).toBe(false);
			}),
			E2E_RUNS,
		);
	});
});

describe('Akixi: a path parameter outside its domain never reaches the server', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await akixi.startSim();
	});
	afterAll(async () => {
		await akixi.stopSim(sim);
	});

	it('Integrator Client Delete with a blank or dot-segment ID', async () => {
		const bad = fc.oneof(blankText, fc.constantFrom('.', '..', ' .. ', '\t.'));
		await checkAsync(
			fc.asyncProperty(bad, async (value) => {
				await expectRefusedInEngine(
					sim,
					async () =>
						await akixi.runAkixi(
							sim,
							{
								resource: 'integratorClient',
								operation: 'delete',
								telSysId: '426',
								partitionIdInTelSys: '1',
								deviceNumber: '+442046034980',
								integratorClientId: FROM_ITEM,
							},
							{ items: [{ value }] },
						),
					'Integrator Client ID',
				);
			}),
			REFUSAL_RUNS,
		);
	});
});

describe('TVox MCC: session data comes back identical', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await tvox.startSim();
	});
	afterAll(async () => {
		await tvox.stopSim(sim);
	});

	it.each(tvox.PROTOCOLS)(
		'Start Session with data, Set Session Data, then Check Session State With Data over %s',
		async (protocol) => {
			// Start Session travels in a REST query string: short values there.
			const data = typed(protocol === 'soap' ? 'xml' : 'url', { nonBlank: true, short: true });
			const sessionData = typed(protocol === 'soap' ? 'xml' : 'json', { nonBlank: true });
			await checkAsync(
				fc.asyncProperty(data, sessionData, async (data, sessionData) => {
					const sessionId = `prop-${next()}`;
					const session = { resource: 'session' };
					ok(
						await tvox.runTvox(sim, protocol, {
							...session,
							operation: 'startSession',
							channelId: 1,
							serviceCode: 'SUPPORT',
							additionalFields: { sessionId, data },
						}),
					);
					ok(
						await tvox.runTvox(sim, protocol, {
							...session,
							operation: 'setSessionData',
							sessionId,
							sessionData,
						}),
					);
					expect(sim.state.sessions.get(sessionId)).toMatchObject({ data, sessionData });
					const [state] = ok(
						await tvox.runTvox(sim, protocol, {
							...session,
							operation: 'checkSessionStateWithData',
							sessionId,
						}),
					);
					expect({ data: state.data, sessionData: state.sessionData }).toEqual({
						data,
						sessionData,
					});
				}),
				E2E_RUNS,
				// Blanks around the text.
				[[' x ', '\ty\n']],
			);
		},
	);
});

describe('TVox MCC: a channel ID that is not a whole number never reaches the server', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await tvox.startSim();
	});
	afterAll(async () => {
		await tvox.stopSim(sim);
	});

	it.each(tvox.PROTOCOLS)('Start Session over %s', async (protocol) => {
		const bad = fc.oneof(
			fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
			fc.constantFrom('one', '2147483648'),
		);
		await checkAsync(
			fc.asyncProperty(bad, async (value) => {
				await expectRefusedInEngine(
					sim,
					async () =>
						await tvox.runTvox(
							sim,
							protocol,
							{
								resource: 'session',
								operation: 'startSession',
								channelId: FROM_ITEM,
								serviceCode: 'SUPPORT',
							},
							{ items: [{ value }] },
						),
					'Channel ID must be a whole number',
				);
			}),
			REFUSAL_RUNS,
		);
	});
});

describe('SAP ICI: callback notes come back identical', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await sap.startSim();
	});
	afterAll(async () => {
		await sap.stopSim(sim);
	});

	it('Create Callback with notes and a gateway prefix, then Get Callbacks', async () => {
		await checkAsync(
			fc.asyncProperty(
				typed('xml', { nonBlank: true }),
				typed('xml', { nonBlank: true, trimmed: true, short: true }),
				async (notes, gwPrefix) => {
					const number = `+3584${String(next()).padStart(8, '0')}`;
					const [created] = await sap.ici(sim, {
						resource: 'system',
						operation: 'createCallBack',
						number,
						queue: '2001',
						additionalFields: { notes, gwPrefix },
					});
					expect(created.created).toBe(true);
					expect(sim.state.callbacks.find((c) => c.id === created.id)).toMatchObject({
						notes,
						gwPrefix,
					});
					const callbacks = await sap.ici(sim, { resource: 'system', operation: 'getCallBacks' });
					const stored = callbacks.find((c) => c.id === created.id);
					expect({ notes: stored?.notes, gwPrefix: stored?.gwPrefix }).toEqual({ notes, gwPrefix });
				},
			),
			E2E_RUNS,
		);
	});
});

describe('SAP ICI: a blank required field never reaches the server', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await sap.startSim();
	});
	afterAll(async () => {
		await sap.stopSim(sim);
	});

	it('Post to a chat session with blank content text', async () => {
		await checkAsync(
			fc.asyncProperty(blankText, async (value) => {
				await expectRefusedInEngine(
					sim,
					async () =>
						await sap.runIci(
							sim,
							{
								resource: 'chatSession',
								operation: 'postMessage',
								chatSessionId: 'A163FDACEE7A476BAB59E15C81B6D4F2',
								chatLineId: 'harri.chat@contact.example',
								contentText: FROM_ITEM,
							},
							{ items: [{ value }] },
						),
					'Content Text is required',
				);
			}),
			REFUSAL_RUNS,
		);
	});
});

describe('ACD Dialler: event texts come back identical', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await acd.startSim();
	});
	afterAll(async () => {
		await acd.stopSim(sim);
	});

	it('Create a callback event with subject, body and user data, then Get it', async () => {
		await checkAsync(
			fc.asyncProperty(
				typed('json', { nonBlank: true, trimmed: true }),
				typed('json', { nonBlank: true }),
				typed('json', { nonBlank: true }),
				async (subject, body, userData) => {
					const [event] = ok(
						await acd.run(sim, {
							resource: 'acdEvent',
							operation: 'create',
							acdEventTypesId: 3,
							groupTarget: 'acdGroup',
							acdGroupsId: '12',
							sender: `+4930${String(next()).padStart(8, '0')}`,
							subject,
							additionalFields: { body, userData },
						}),
					);
					expect(event.updatedExisting).toBe(false);
					const stored = sim.state.clients
						.get(acd.JTEL_SIM_CLIENTS_ID)
						?.events.get(Number(event.ID));
					expect(stored).toMatchObject({ Subject: subject, Body: body, UserData: userData });
					const [read] = ok(
						await acd.run(sim, {
							resource: 'acdEvent',
							operation: 'get',
							acdEventsId: String(event.ID),
						}),
					);
					expect({ Subject: read.Subject, Body: read.Body, UserData: read.UserData }).toEqual({
						Subject: subject,
						Body: body,
						UserData: userData,
					});
				},
			),
			E2E_RUNS,
		);
	});
});

describe('ACD Dialler: a sender outside E.164 never reaches the server', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await acd.startSim();
	});
	afterAll(async () => {
		await acd.stopSim(sim);
	});

	it('Create a voice mail or callback event with a sender that is not E.164', async () => {
		const bad = fc.oneof(
			fc.constantFrom('0301234567', '+0123', '+49 30 123', '00493012'),
			typed('json', { nonBlank: true, short: true }),
		);
		await checkAsync(
			fc.asyncProperty(
				fc.constantFrom(1, 3),
				bad.filter((t) => !/^\+?[1-9][0-9]{1,14}$/.test(t.trim())),
				async (type, value) => {
					await expectRefusedInEngine(
						sim,
						async () =>
							await acd.run(
								sim,
								{
									resource: 'acdEvent',
									operation: 'create',
									acdEventTypesId: type,
									groupTarget: 'acdGroup',
									acdGroupsId: '12',
									sender: FROM_ITEM,
									subject: 'Callback',
								},
								{ items: [{ value }] },
							),
						'Sender must be a telephone number in E.164 format',
					);
				},
			),
			REFUSAL_RUNS,
		);
	});
});
