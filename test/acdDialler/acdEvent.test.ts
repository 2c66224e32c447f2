import { randomUUID } from 'node:crypto';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { JtelSimulator } from '../../simulators/jtel';
import {
	apiCalls,
	credentialsFor,
	fixture,
	jsonOf,
	loadNodeOptions,
	onlyCall,
	run,
	startSim,
	stopSim,
} from './helpers';

const CREATE = { resource: 'acdEvent', operation: 'create' };
const CALLBACK = {
	...CREATE,
	acdEventTypesId: 3,
	groupTarget: 'acdGroup',
	acdGroupsId: '12',
	sender: '+4930111222',
	subject: 'Callback',
};

describe('ACD Dialler node — ACD Event', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	describe('Get Many', () => {
		it('GET /acd/events: one item per record, limited to 50 by default', async () => {
			const result = await run(sim, { resource: 'acdEvent', operation: 'getAll' });
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/events' });
			const events = jsonOf(result);
			expect(events.map((e) => e.ID)).toEqual([1001, 1002, 1003]);
			expect(events[0]).toMatchObject(
				fixture<{ records: object[] }>('acdEvents.response.json').records[0],
			);
			expect(result.items.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 0 },
				{ item: 0 },
			]);
		});

		it('Limit cuts the list; Return All ignores it', async () => {
			const limited = await run(sim, { resource: 'acdEvent', operation: 'getAll', limit: 2 });
			expect(jsonOf(limited).map((e) => e.ID)).toEqual([1001, 1002]);
			const all = await run(sim, {
				resource: 'acdEvent',
				operation: 'getAll',
				limit: 1,
				returnAll: true,
			});
			expect(jsonOf(all)).toHaveLength(3);
		});

		it('Keep Envelope outputs the whole answer as one item', async () => {
			const result = await run(sim, {
				resource: 'acdEvent',
				operation: 'getAll',
				keepEnvelope: true,
			});
			expect(jsonOf(result)).toHaveLength(1);
			expect(Object.keys(jsonOf(result)[0])).toEqual([
				'filter',
				'limitStart',
				'limitPageSize',
				'records',
				'count',
				'orderBy',
				'ascending',
				'status',
			]);
			expect(jsonOf(result)[0]).toMatchObject({ count: 3, orderBy: 'dtCreated', status: 200 });
		});
	});

	describe('Get', () => {
		it('GET /acd/events/event/{AcdEventsID}: the single record', async () => {
			const result = await run(sim, {
				resource: 'acdEvent',
				operation: 'get',
				acdEventsId: '1002',
			});
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/events/event/1002' });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ ID: 1002, Sender: 'kunde@example.com', AcdEventStatusID: 30 }),
			]);
		});

		it('an unknown event is a NodeApiError "record not found" with the server text', async () => {
			const result = await run(sim, {
				resource: 'acdEvent',
				operation: 'get',
				acdEventsId: '4242',
			});
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get an ACD event failed: record not found (HTTP 404): AcdEvent not found',
			);
			expect(result.error!.httpCode).toBe('404');
		});

		it('an ID that is not a positive whole number is refused before sending', async () => {
			const result = await run(sim, { resource: 'acdEvent', operation: 'get', acdEventsId: '12a' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toMatch(
				/ACD Event ID must be a positive whole number, not "12a"/,
			);
			expect(apiCalls(sim)).toHaveLength(0);
		});
	});

	describe('Create', () => {
		it('POST /acd/events/create with every field of the table, JSON and the bearer token', async () => {
			const result = await run(sim, {
				...CREATE,
				acdEventTypesId: 3,
				groupTarget: 'acdGroup',
				acdGroupsId: '12',
				sender: '+4930123456',
				subject: 'Callback',
				additionalFields: {
					usersId: '7',
					receiver: '+4989987654',
					body: 'Please call back before noon',
					crmUrl: 'https://crm.example.com/ticket/42',
					userData: 'T-1',
					nPriority: 80,
					dtAppointmentDate: '2030-03-31',
					dtAppointmentTime: '14:30',
				},
			});
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'POST', path: '/acd/events/create' });
			expect(call.request.headers['content-type']).toMatch(/^application\/json/);
			expect(call.request.headers.authorization).toBe(`Bearer ${sim.credentials.token}`);
			const sent = JSON.parse(call.request.body) as Record<string, unknown>;
			const documented = fixture('acdEventCreate.request.json');
			expect(sent).toEqual(documented);
			expect(Object.keys(sent)).toEqual(Object.keys(documented));
			const [event] = jsonOf(result);
			expect(event).toMatchObject({
				AcdGroupsID: 12,
				UsersID: 7,
				nPriority: 80,
				updatedExisting: false,
			});
			expect(event.notice).toBeUndefined();
			expect(sim.state.clients.get(1)!.events.get(event.ID as number)).toBeDefined();
		});

		it('a configuration group with its agent group sends both IDs and no AcdGroupsID', async () => {
			const result = await run(sim, {
				...CALLBACK,
				groupTarget: 'configurationGroup',
				acdGroupsId: '12',
				acdConfigurationGroupsId: '20',
				acdAgentGroupsId: '21',
			});
			expect(result.error).toBeUndefined();
			const sent = JSON.parse(onlyCall(sim).request.body) as Record<string, unknown>;
			expect(sent).toMatchObject({ AcdConfigurationGroupsID: 20, AcdAgentGroupsID: 21 });
			expect(sent).not.toHaveProperty('AcdGroupsID');
			expect(jsonOf(result)[0]).toMatchObject({
				AcdConfigurationGroupsID: 20,
				AcdAgentGroupsID: 21,
				AcdGroupsID: null,
			});
		});

		// Empty required fields only reach the node through expressions: n8n refuses literal empty ones.
		const EMPTY = '={{ $json.empty }}';

		it.each([
			[
				{ groupTarget: 'acdGroup', acdGroupsId: EMPTY },
				/ACD Group ID is missing\. Either AcdGroupsID, or both AcdConfigurationGroupsID and AcdAgentGroupsID/,
			],
			[
				{
					groupTarget: 'configurationGroup',
					acdConfigurationGroupsId: '20',
					acdAgentGroupsId: EMPTY,
				},
				/Agent Group ID is missing\. Either AcdGroupsID/,
			],
			[
				{
					groupTarget: 'configurationGroup',
					acdConfigurationGroupsId: EMPTY,
					acdAgentGroupsId: '21',
				},
				/Configuration Group ID is missing/,
			],
			[
				{
					groupTarget: 'configurationGroup',
					acdConfigurationGroupsId: '20',
					acdAgentGroupsId: 'x',
				},
				/Agent Group ID must be a positive whole number/,
			],
		])('the either/or group rule is enforced before sending: %j', async (change, message) => {
			const result = await run(sim, { ...CALLBACK, ...change }, { items: [{ empty: '' }] });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toMatch(message);
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it.each([
			[
				{ acdEventTypesId: 3, sender: '030 111222' },
				/Sender must be a telephone number in E\.164 format .* for Callback events, not "030 111222"/,
			],
			[
				{ acdEventTypesId: 1, sender: '030 111222' },
				/Sender must be .*E\.164.* for Voice Mail events/,
			],
			[
				{ acdEventTypesId: 1, sender: '0049301112' },
				/Sender must be .*E\.164.* for Voice Mail events/,
			],
			[{ acdEventTypesId: 3, sender: '+4930111222333444' }, /Sender must be .*E\.164/],
			[{ acdEventTypesId: 3, sender: '++4930111222' }, /Sender must be .*E\.164/],
			[
				{ acdEventTypesId: 3, additionalFields: { receiver: '089 987654' } },
				/Receiver must be .*E\.164/,
			],
			[
				{ acdEventTypesId: 5, sender: 'kunde@example.com', additionalFields: { body: 'Hi' } },
				/Body is supported for Callback events \(type 3\) only, not type 5/,
			],
			[
				{ additionalFields: { crmUrl: 'crm.example.com/ticket/42' } },
				/CRM URL must be a well-formed URL/,
			],
			[
				{ additionalFields: { nPriority: 250 } },
				/Priority must be a whole number from 0 to 200, not 250/,
			],
			[{ subject: '={{ "  " }}' }, /Subject is required/],
			[{ sender: EMPTY }, /Sender is required/],
			[{ acdEventTypesId: EMPTY }, /Event Type must be a positive whole number, not empty/],
		])('validation before sending: %j', async (change, message) => {
			const result = await run(sim, { ...CALLBACK, ...change }, { items: [{ empty: '' }] });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toMatch(message);
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it.each([
			['49199123456789', '4989987654'],
			['+4930111222', '4989987654'],
			['4930111222', '+4989987654'],
		])(
			'E.164 with or without the plus (sender %s, receiver %s) is sent as given and accepted',
			async (sender, receiver) => {
				const result = await run(sim, {
					...CALLBACK,
					sender: ` ${sender} `,
					additionalFields: { receiver },
				});
				expect(result.error).toBeUndefined();
				const sent = JSON.parse(onlyCall(sim).request.body) as Record<string, unknown>;
				expect(sent).toMatchObject({ Sender: sender, Receiver: receiver });
				const [event] = jsonOf(result);
				expect(sim.state.clients.get(1)!.events.get(event.ID as number)).toMatchObject({
					Sender: sender,
					Receiver: receiver,
				});
			},
		);

		it('an e-mail event takes a non-telephone sender', async () => {
			const result = await run(sim, {
				...CALLBACK,
				acdEventTypesId: 5,
				sender: 'kunde@example.com',
			});
			expect(result.error).toBeUndefined();
			expect(JSON.parse(onlyCall(sim).request.body)).toMatchObject({
				AcdEventTypesID: 5,
				Sender: 'kunde@example.com',
			});
		});

		it.each([
			['2030-03-31', '14:30', '2030-03-31T14:30:00.000'],
			['20300331', '1430', '2030-03-31T14:30:00.000'],
			['2030-03-31', '', '2030-03-31T00:00:00.000'],
		])('appointment date %s and time %s are sent as given', async (date, time, due) => {
			const additionalFields: Record<string, string> = { dtAppointmentDate: date };
			if (time) additionalFields.dtAppointmentTime = time;
			const result = await run(sim, { ...CALLBACK, additionalFields });
			expect(result.error).toBeUndefined();
			const sent = JSON.parse(onlyCall(sim).request.body) as Record<string, unknown>;
			expect(sent.dtAppointmentDate).toBe(date);
			expect(sent.dtAppointmentTime).toBe(time || undefined);
			expect(jsonOf(result)[0].dtAppointment).toBe(due);
		});

		it.each([
			[
				{ dtAppointmentDate: '31.03.2030' },
				/Appointment Date must be a date as yyyy-mm-dd or yyyymmdd/,
			],
			[
				{ dtAppointmentDate: '2030-3-31' },
				/Appointment Date must be a date as yyyy-mm-dd or yyyymmdd/,
			],
			[{ dtAppointmentDate: '2031-02-29' }, /Appointment Date "2031-02-29" is not a calendar date/],
			[{ dtAppointmentDate: '20301301' }, /is not a calendar date/],
			[{ dtAppointmentTime: '2:30' }, /Appointment Time must be a time as hh:mm or hhmm/],
			[{ dtAppointmentTime: '14.30' }, /Appointment Time must be a time as hh:mm or hhmm/],
			[{ dtAppointmentTime: '2400' }, /Appointment Time "2400" is not a time of day/],
			[{ dtAppointmentTime: '12:60' }, /is not a time of day/],
		])('invalid appointment %j is refused before sending', async (additionalFields, message) => {
			const result = await run(sim, { ...CALLBACK, additionalFields });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toMatch(message);
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('priority: not sent unless set, so the server default 50 applies', async () => {
			const result = await run(sim, CALLBACK);
			expect(JSON.parse(onlyCall(sim).request.body)).not.toHaveProperty('nPriority');
			expect(jsonOf(result)[0].nPriority).toBe(50);
		});

		it('a group without duplicates: the second identical create says plainly that the existing event was updated', async () => {
			const first = await run(sim, { ...CALLBACK, acdGroupsId: '16' });
			const created = jsonOf(first)[0];
			expect(created.updatedExisting).toBe(false);
			const second = await run(sim, { ...CALLBACK, acdGroupsId: '16', subject: 'Second try' });
			expect(second.error).toBeUndefined();
			const [out] = jsonOf(second);
			expect(out).toMatchObject({ ID: created.ID, Result_: 'UPDATED', updatedExisting: true });
			expect(out.notice).toBe(
				`No new event was created: the ACD group allows no duplicate events, so jtel updated the existing event ${String(
					created.ID,
				)} with a comment and returned it (Result_ = UPDATED).`,
			);
		});

		it('a reason only the server knows (unknown event type) is a 400 NodeApiError with its error text', async () => {
			const result = await run(sim, { ...CALLBACK, acdEventTypesId: 99 });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Create an ACD event failed: the request was rejected (HTTP 400): Unknown AcdEventTypesID 99',
			);
			expect(result.error!.httpCode).toBe('400');
			expect(String(result.error!.description)).toMatch(/Server says: Unknown AcdEventTypesID 99/);
		});

		it('an agent group outside the configuration group: the 400 text of the server', async () => {
			const result = await run(sim, {
				...CALLBACK,
				groupTarget: 'configurationGroup',
				acdConfigurationGroupsId: '20',
				acdAgentGroupsId: '13',
			});
			expect(result.error!.message).toMatch(
				/\(HTTP 400\): AcdAgentGroupsID 13 is not an agent group of configuration group 20$/,
			);
		});

		it('the event type list is loaded from the server for the options', async () => {
			const options = await loadNodeOptions('getEventTypes', credentialsFor(sim), CREATE);
			expect(options).toEqual([
				{ name: 'Callback (3)', value: 3 },
				{ name: 'Email (5)', value: 5 },
				{ name: 'Fax (2)', value: 2 },
				{ name: 'SMS (4)', value: 4 },
				{ name: 'Voice Mail (1)', value: 1 },
			]);
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/acd/events/types' });
		});

		it('loading the event types with a wrong token fails with a NodeApiError that hides the token', async () => {
			const wrong = `wrong-${randomUUID()}`;
			const error = await loadNodeOptions(
				'getEventTypes',
				credentialsFor(sim, { token: wrong }),
				CREATE,
			).then(
				() => undefined,
				(e: unknown) => e as NodeApiError,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error!.message).toMatch(/token or ClientsID wrong \(HTTP 401\)/);
			expect(`${error!.message} ${String(error!.description)}`).not.toContain(wrong);
		});
	});
});
