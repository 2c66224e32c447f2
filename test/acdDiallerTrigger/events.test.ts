import type { JtelSimulator } from '../../simulators/jtel';
import type { TriggerHarness } from '../harness';
import {
	answerOf,
	control,
	emittedJson,
	eventUrl,
	fixtureEvent,
	SECRET,
	simPost,
	startSim,
	startTrigger,
} from './helpers';

/**
 * jtel's callback and voice-mail events (ACD Group → Parameters → REST Calls (Create Callback /
 * Voice Mail)) posted by the jtel simulator to the trigger's URL, through n8n's webhook handling,
 * each becoming one execution with every documented field.
 */

describe('ACD Dialler Trigger: events posted by jtel', () => {
	let sim: JtelSimulator;
	let trigger: TriggerHarness;

	beforeAll(async () => {
		sim = await startSim();
		trigger = await startTrigger();
	});
	afterAll(async () => {
		await trigger.close();
		await sim.close();
	});
	beforeEach(async () => {
		await control(sim, 'POST', '/__sim/reset');
	});

	it('a callback request arriving in an ACD group whose REST call names the URL starts one execution with every field', async () => {
		const configured = await control(sim, 'POST', '/__jtel/groups/16/rest-calls', {
			callbackUrl: eventUrl(trigger, 'callback'),
			foreignSystemId: 'SERVICE_B2B',
		});
		expect(configured.status).toBe(200);
		expect(String(configured.json.callbackUrl)).toContain('secret=***');
		const runs = trigger.runs.length;
		const arrived = await control(sim, 'POST', '/__jtel/groups/16/callbacks', {
			Caller: '49199123456789',
			CallbackNumber: '4917612345678',
			ServiceNumbersNumber: '4930123456',
			ServiceNumbersName: 'Service Hotline',
			dtCallStart: '2024-05-06T14:03:27',
			dtCallEnd: '2024-05-06T14:05:02',
			Subject: 'Callback request',
			Body: 'Please call back after 16:00',
		});
		await trigger.settled();
		expect(arrived.status).toBe(200);
		const delivery = arrived.json.delivery as Record<string, unknown>;
		expect([delivery.status, delivery.outcome]).toEqual([200, 'processed']);
		expect(JSON.parse(String(delivery.answer))).toEqual({
			received: true,
			started: true,
			event: 'callback',
			AcdEventsID: arrived.json.AcdEventsID,
		});
		expect(trigger.runs).toHaveLength(runs + 1);
		const [item] = emittedJson(trigger).slice(-1);
		expect(item).toMatchObject({
			event: 'callback',
			AcdEventsID: arrived.json.AcdEventsID,
			Caller: '49199123456789',
			CallbackNumber: '4917612345678',
			ServiceNumbersNumber: '4930123456',
			ServiceNumbersName: 'Service Hotline',
			AcdGroupsID: 16,
			AcdGroupsName: 'Rückruf Service',
			AcdGroupsForeignSystemID: 'SERVICE_B2B',
			dtCallStart: '2024-05-06T14:03:27',
			dtCallEnd: '2024-05-06T14:05:02',
			Subject: 'Callback request',
			Body: 'Please call back after 16:00',
			callStart: '2024-05-06T14:03:27',
			callEnd: '2024-05-06T14:05:02',
			secondsInSystem: 95,
			phoneNumbers: {
				Caller: { withPlus: '+49199123456789', withoutPlus: '49199123456789' },
				CallbackNumber: { withPlus: '+4917612345678', withoutPlus: '4917612345678' },
				ServiceNumbersNumber: { withPlus: '+4930123456', withoutPlus: '4930123456' },
			},
			additionalFields: {},
		});
		expect(typeof item.receivedAt).toBe('string');
		// The event is an ACD event of type Callback (3) in the group's client.
		const state = (await control(sim, 'GET', '/__sim/state')).json as {
			clients: Array<{ events: Array<Record<string, unknown>> }>;
		};
		const stored = state.clients
			.flatMap((c) => c.events)
			.find((e) => e.ID === arrived.json.AcdEventsID);
		expect(stored).toMatchObject({ AcdEventTypesID: 3, AcdGroupsID: 16, Sender: '49199123456789' });
	});

	it('a voice mail posted by the voice-mail REST call is told apart from a callback by its URL', async () => {
		await control(sim, 'POST', '/__jtel/groups/13/rest-calls', {
			callbackUrl: eventUrl(trigger, 'callback'),
			voiceMailUrl: eventUrl(trigger, 'voiceMail'),
		});
		const arrived = await control(sim, 'POST', '/__jtel/groups/13/voice-mails', {
			Caller: '4989765432',
			ServiceNumbersNumber: '4930123456',
		});
		await trigger.settled();
		expect((arrived.json.delivery as Record<string, unknown>).outcome).toBe('processed');
		const [item] = emittedJson(trigger).slice(-1);
		expect(item).toMatchObject({
			event: 'voiceMail',
			AcdGroupsID: 13,
			AcdGroupsName: 'Support',
			Caller: '4989765432',
			AcdEventsID: arrived.json.AcdEventsID,
		});
		expect(item.callStart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		expect(item.secondsInSystem).toBe(95);
	});

	it('a group whose REST call names no URL posts nothing', async () => {
		const runs = trigger.runs.length;
		const arrived = await control(sim, 'POST', '/__jtel/groups/12/callbacks', {
			Caller: '4989765432',
		});
		expect(arrived.json).toMatchObject({ delivered: false, delivery: null });
		await trigger.settled();
		expect(trigger.runs).toHaveLength(runs);
	});

	it('numbers in E.164 with the plus (an older revision of the page) are kept as sent and given in both forms', async () => {
		await control(sim, 'POST', '/__jtel/groups/16/rest-calls', {
			callbackUrl: eventUrl(trigger, 'callback'),
		});
		await control(sim, 'POST', '/__jtel/groups/16/callbacks', {
			Caller: '49199123456789',
			ServiceNumbersNumber: '4930123456',
			withPlus: true,
		});
		await trigger.settled();
		const [item] = emittedJson(trigger).slice(-1);
		expect(item.Caller).toBe('+49199123456789');
		expect(item.CallbackNumber).toBe('+49199123456789');
		expect(item.phoneNumbers).toEqual({
			Caller: { withPlus: '+49199123456789', withoutPlus: '49199123456789' },
			CallbackNumber: { withPlus: '+49199123456789', withoutPlus: '49199123456789' },
			ServiceNumbersNumber: { withPlus: '+4930123456', withoutPlus: '4930123456' },
		});
	});

	it('IDs sent as text become numbers; further fields are kept; a caller that is no number is kept as sent', async () => {
		const event = {
			...fixtureEvent(),
			AcdEventsID: '7002',
			AcdGroupsID: ' 16 ',
			Caller: 'anonymous',
			UserData: { ticket: 'T-1' },
		};
		const delivery = await simPost(sim, eventUrl(trigger, 'callback'), event);
		await trigger.settled();
		expect(delivery.status).toBe(200);
		const [item] = emittedJson(trigger).slice(-1);
		expect(item).toMatchObject({
			AcdEventsID: 7002,
			AcdGroupsID: 16,
			Caller: 'anonymous',
			additionalFields: { UserData: { ticket: 'T-1' } },
		});
		expect((item.phoneNumbers as Record<string, unknown>).Caller).toBeNull();
	});

	it('fields not sent are null; a timestamp not of the documented form is kept without an ISO form', async () => {
		await simPost(sim, eventUrl(trigger, 'callback'), {
			AcdEventsID: 7003,
			dtCallStart: '06.05.2024 14:03',
			dtCallEnd: '2024-02-30T10:00:00',
		});
		await trigger.settled();
		const [item] = emittedJson(trigger).slice(-1);
		expect(item).toMatchObject({
			AcdEventsID: 7003,
			Caller: null,
			AcdGroupsID: null,
			Subject: null,
			dtCallStart: '06.05.2024 14:03',
			callStart: null,
			callEnd: null,
			secondsInSystem: null,
		});
	});

	it('Include Raw Body adds the body as received', async () => {
		trigger.setParameters({
			urlSecret: SECRET,
			options: { binaryData: true, includeRawBody: true },
		});
		try {
			const body = JSON.stringify(fixtureEvent());
			await simPost(sim, eventUrl(trigger, 'callback'), undefined, { body });
			await trigger.settled();
			expect(emittedJson(trigger).slice(-1)[0].rawBody).toBe(body);
		} finally {
			trigger.setParameters({ urlSecret: SECRET });
		}
	});

	it('an event kind not chosen in Events is answered 200 and starts nothing', async () => {
		trigger.setParameters({ urlSecret: SECRET, events: ['voiceMail'] });
		try {
			const runs = trigger.runs.length;
			const delivery = await simPost(sim, eventUrl(trigger, 'callback'), fixtureEvent());
			await trigger.settled();
			expect([delivery.status, answerOf(delivery)]).toEqual([
				200,
				{ received: true, started: false, event: 'callback', AcdEventsID: 7001 },
			]);
			expect(trigger.runs).toHaveLength(runs);
			await simPost(sim, eventUrl(trigger, 'voiceMail'), fixtureEvent());
			await trigger.settled();
			expect(trigger.runs).toHaveLength(runs + 1);
		} finally {
			trigger.setParameters({ urlSecret: SECRET });
		}
	});

	it('an ID that is not a whole number, or a text field holding an object, is refused with 400 and starts nothing', async () => {
		const runs = trigger.runs.length;
		const badId = await simPost(sim, eventUrl(trigger, 'callback'), {
			...fixtureEvent(),
			AcdGroupsID: 'sixteen',
		});
		const badText = await simPost(sim, eventUrl(trigger, 'callback'), {
			...fixtureEvent(),
			Subject: { text: 'x' },
		});
		const none = await simPost(sim, eventUrl(trigger, 'callback'), { hello: 'world' });
		await trigger.settled();
		expect([badId.status, answerOf(badId).error]).toEqual([
			400,
			'AcdGroupsID must be a whole number (jtel documents it as an Integer ID)',
		]);
		expect([badText.status, answerOf(badText).error]).toEqual([
			400,
			'Subject must be text, not a JSON object',
		]);
		expect(none.status).toBe(400);
		expect(String(answerOf(none).error)).toMatch(
			/none of the fields of a jtel callback or voice-mail event/,
		);
		expect([badId.outcome, badId.meaning]).toEqual([
			'unexpected',
			'HTTP 400 is not one of the documented answers (200, 300, 404, 500)',
		]);
		expect(trigger.runs).toHaveLength(runs);
	});

	it('a URL without the event kind is answered 400 naming the two kinds', async () => {
		const delivery = await simPost(sim, `${trigger.url}?secret=${SECRET}`, fixtureEvent());
		expect([delivery.status, answerOf(delivery).error]).toEqual([
			400,
			'The URL names no event kind: end it with &event=callback or &event=voiceMail',
		]);
	});

	it('the simulator records every delivery with the documented meaning of its answer, the secret masked', async () => {
		await simPost(sim, eventUrl(trigger, 'callback'), fixtureEvent());
		const { json } = await control(sim, 'GET', '/__jtel/deliveries');
		const deliveries = json.deliveries as Array<Record<string, unknown>>;
		expect(deliveries.at(-1)).toMatchObject({
			status: 200,
			outcome: 'processed',
			meaning: 'The call was processed successfully',
		});
		expect(JSON.stringify(deliveries)).not.toContain(SECRET);
	});
});
