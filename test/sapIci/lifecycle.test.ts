import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { decodeElement } from '../../nodes/SapIci/elements';
import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import type { OiiSimulator } from '../../simulators/oii';
import { ici, runIci, startSim, stopSim } from './helpers';

/**
 * A whole inbound phone call of agent HARRI through the node: Alerting → accept → Connected →
 * hold / unhold → consult → alternate → conference → dropParty → drop → Ended → wrap-up, with the
 * capabilityList of every status, refusals of operations the status does not allow, and the
 * phoneCallChanged events a subscriber gets.
 */

const LINE = '+129';
const CUSTOMER = '+358401234567';
const EXPERT = '+4930555000';

describe('SAP ICI node — phone call life cycle', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));

	const call = async (callHandle: string): Promise<IDataObject> =>
		(
			await ici(sim, {
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: LINE,
				callHandle,
			})
		)[0];
	const status = async (callHandle: string) => {
		const c = await call(callHandle);
		return [
			(c.callStatus as IDataObject).name,
			(c.processingStatus as IDataObject).name,
			c.capabilityList,
		];
	};
	const phone = (operation: string, fields: INodeParameters) =>
		ici(sim, { resource: 'phoneCall', operation, lineNumber: LINE, ...fields });

	it('runs from the alerting call to the end of wrap-up', async () => {
		const appUrl = 'http://crm.example/IciEventService';
		await ici(sim, {
			resource: 'container',
			operation: 'subscribe',
			appUrl,
			appId: 'WEBCLIENT',
			channelType: '1',
			containerId: LINE,
		});
		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'HARRI',
			workmode: '2',
		});

		// An inbound call to queue 2001 is offered to HARRI.
		const placed = sim.placeCall({ to: '2001', from: CUSTOMER });
		const handle = placed.id;
		const [alerting] = await ici(sim, {
			resource: 'phoneLine',
			operation: 'getCalls',
			lineNumber: LINE,
		});
		expect(alerting).toMatchObject({
			callHandle: handle,
			callStatus: { id: '3', name: 'Alerting', meaning: 'Inbound call is signaled' },
			processingStatus: { id: '1', name: 'Not in process' },
			capabilityList: [1, 2, 3],
			inbound: true,
			internal: false,
			remoteNumbers: [CUSTOMER],
			dialedNumber: '2001',
		});
		expect((alerting.capabilities as IDataObject[]).map((c) => c.method)).toEqual([
			'IciItem_accept',
			'IciItem_reroute',
			'IciItem_forward',
		]);

		// Hold is not a capability of an alerting call: an ICI fault.
		const refused = await runIci(sim, {
			resource: 'phoneCall',
			operation: 'hold',
			lineNumber: LINE,
			callHandle: handle,
		});
		expect(refused.error?.message).toBe(
			`IciPhoneCall_hold is not allowed for phone call ${handle} in status Alerting (3); its capabilities are [1,2,3]`,
		);
		expect(refused.error?.context?.remote).toMatchObject({
			areaCode: 3,
			errorCode: 3,
			errorRetry: false,
		});

		await ici(sim, { resource: 'item', operation: 'accept', itemId: handle, containerId: LINE });
		expect(await status(handle)).toEqual([
			'Connected',
			'Active',
			[3, 4, 6, 7, 8, 102, 104, 105, 107, 109, 110],
		]);
		const presence = await ici(sim, {
			resource: 'system',
			operation: 'getUserPresence',
			additionalFields: { users: ['HARRI'] },
		});
		expect(presence[0]).toMatchObject({ presenceStatus: 2, presenceStatusName: 'Busy' });

		await phone('hold', { callHandle: handle });
		expect(await status(handle)).toEqual([
			'Hold',
			'Active',
			[4, 6, 7, 8, 102, 103, 104, 105, 108, 109, 110],
		]);
		await phone('unhold', { callHandle: handle });
		expect((await status(handle))[0]).toBe('Connected');

		// Consultation with an expert: a new call from Item → Create, the customer goes on hold.
		const [created] = await ici(sim, {
			resource: 'item',
			operation: 'create',
			channelType: '1',
			containerId: LINE,
		});
		const consultation = String(created.itemId);
		expect(await status(consultation)).toEqual([
			'Created',
			'Not in process',
			[6, 7, 8, 101, 102, 103],
		]);
		await phone('consult', {
			callHandle: consultation,
			connCallHandle: handle,
			dialNumber: EXPERT,
			nextStep: '3',
		});
		expect((await status(handle))[0]).toBe('Hold');
		expect(await status(consultation)).toEqual([
			'Connected',
			'Active',
			[3, 4, 6, 7, 8, 102, 104, 105, 107, 109, 110],
		]);

		await phone('alternate', { connCallHandle: consultation, heldCallHandle: handle });
		expect([(await status(handle))[0], (await status(consultation))[0]]).toEqual([
			'Connected',
			'Hold',
		]);

		await phone('conference', { connCallHandle: handle, heldCallHandle: consultation });
		const conference = await call(handle);
		expect(conference).toMatchObject({
			callStatus: { name: 'ConferenceOwner' },
			remoteNumbers: [EXPERT, CUSTOMER],
		});
		expect((await status(consultation))[0]).toBe('Ended');
		const onLine = await ici(sim, {
			resource: 'phoneLine',
			operation: 'getCalls',
			lineNumber: LINE,
		});
		expect(onLine.map((c) => c.callHandle)).toEqual([handle]);

		await phone('dropParty', { callHandle: handle, remoteNumber: EXPERT });
		expect(await call(handle)).toMatchObject({
			callStatus: { name: 'Connected' },
			remoteNumbers: [CUSTOMER],
		});

		await phone('drop', { callHandle: handle });
		// HARRI works in automatic wrap-up mode: the ended call is in wrap-up.
		expect(await status(handle)).toEqual(['Ended', 'Wrap up', [5]]);
		const tooLate = await runIci(sim, {
			resource: 'phoneCall',
			operation: 'drop',
			lineNumber: LINE,
			callHandle: handle,
		});
		expect(tooLate.error?.message).toMatch(
			/IciPhoneCall_drop is not allowed .* in status Ended \(4\)/,
		);

		await ici(sim, { resource: 'item', operation: 'wrapUpEnded', itemId: handle });
		expect(
			await ici(sim, { resource: 'phoneLine', operation: 'getCalls', lineNumber: LINE }),
		).toEqual([]);
		expect((await call(handle)).processingStatus).toMatchObject({ name: 'Not in process' });
		const after = await ici(sim, {
			resource: 'system',
			operation: 'getUserPresence',
			additionalFields: { users: ['HARRI'] },
		});
		expect(after[0].presenceStatusName).toBe('Available');

		// The call was recorded.
		const [recording] = await ici(sim, {
			resource: 'system',
			operation: 'getCallRecordings',
			additionalFields: { callHandle: handle },
		});
		expect(recording).toMatchObject({
			callHandle: handle,
			userId: 'HARRI',
			source: CUSTOMER,
			destination: LINE,
		});

		// The subscriber saw every status of the customer's call, in order.
		const statuses = sim.events
			.filter((e) => e.operation === 'phoneCallChanged')
			.map((e) => decodeElement('PhoneCall', readIciEnvelope(e.envelope).element.phoneCall))
			.filter((c) => c.callHandle === handle)
			.map((c) => [(c.callStatus as IDataObject).name, (c.processingStatus as IDataObject).name]);
		expect(statuses).toEqual([
			['Alerting', 'Not in process'],
			['Connected', 'Active'],
			['Hold', 'Active'],
			['Connected', 'Active'],
			['Hold', 'Active'],
			['Connected', 'Active'],
			['ConferenceOwner', 'Active'],
			['Connected', 'Active'],
			['Ended', 'Wrap up'],
			['Ended', 'Not in process'],
		]);
	});

	it('an outbound call: create, dial to a ringing number, the remote party answers, drop without wrap-up', async () => {
		sim.reset();
		await ici(sim, {
			resource: 'user',
			operation: 'setCurrentWorkmode',
			userId: 'ANNA',
			workmode: '2',
		});
		const [created] = await ici(sim, {
			resource: 'item',
			operation: 'create',
			channelType: '1',
			containerId: '+130',
		});
		const handle = String(created.itemId);
		const [dialed] = await ici(sim, {
			resource: 'phoneCall',
			operation: 'dial',
			lineNumber: '+130',
			callHandle: handle,
			dialNumber: '+3580000001',
		});
		expect(dialed).toEqual({ dialedNumber: '+3580000001' });
		const ringing = (
			await ici(sim, {
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+130',
				callHandle: handle,
			})
		)[0];
		expect(ringing).toMatchObject({
			callStatus: { id: '104', name: 'Ringing' },
			capabilityList: [102],
			inbound: false,
			dialedNumber: '+3580000001',
		});
		sim.answerCall(handle);
		await ici(sim, {
			resource: 'phoneCall',
			operation: 'drop',
			lineNumber: '+130',
			callHandle: handle,
		});
		// ANNA works in requested wrap-up mode and asked for none: the call is gone at once.
		expect(
			await ici(sim, { resource: 'phoneLine', operation: 'getCalls', lineNumber: '+130' }),
		).toEqual([]);
		const ended = (
			await ici(sim, {
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+130',
				callHandle: handle,
			})
		)[0];
		expect(ended).toMatchObject({
			callStatus: { name: 'Ended' },
			processingStatus: { name: 'Not in process' },
		});
	});

	it("an internal call rings on the other agent's line and connects both legs when accepted", async () => {
		sim.reset();
		const [created] = await ici(sim, {
			resource: 'item',
			operation: 'create',
			channelType: '1',
			containerId: '+129',
		});
		const handle = String(created.itemId);
		await ici(sim, {
			resource: 'phoneCall',
			operation: 'dial',
			lineNumber: '+129',
			callHandle: handle,
			dialNumber: '+130',
		});
		const [incoming] = await ici(sim, {
			resource: 'phoneLine',
			operation: 'getCalls',
			lineNumber: '+130',
		});
		expect(incoming).toMatchObject({
			callStatus: { name: 'Alerting' },
			internal: true,
			inbound: true,
			remoteNumbers: ['+129'],
		});
		await ici(sim, {
			resource: 'item',
			operation: 'accept',
			itemId: String(incoming.callHandle),
			containerId: '+130',
		});
		const [caller] = await ici(sim, {
			resource: 'phoneCall',
			operation: 'getAttributes',
			lineNumber: '+129',
			callHandle: handle,
		});
		expect(caller).toMatchObject({ callStatus: { name: 'Connected' }, internal: true });
		await ici(sim, {
			resource: 'phoneCall',
			operation: 'drop',
			lineNumber: '+130',
			callHandle: String(incoming.callHandle),
		});
		const [callerAfter] = await ici(sim, {
			resource: 'phoneCall',
			operation: 'getAttributes',
			lineNumber: '+129',
			callHandle: handle,
		});
		expect(callerAfter.callStatus).toMatchObject({ name: 'Ended' });
	});

	it('a busy number: the call shows Busy and can only be dropped', async () => {
		sim.reset();
		const [created] = await ici(sim, {
			resource: 'item',
			operation: 'create',
			channelType: '1',
			containerId: '+129',
		});
		const handle = String(created.itemId);
		await ici(sim, {
			resource: 'phoneCall',
			operation: 'dial',
			lineNumber: '+129',
			callHandle: handle,
			dialNumber: '+3580000000',
		});
		const [busy] = await ici(sim, {
			resource: 'phoneCall',
			operation: 'getAttributes',
			lineNumber: '+129',
			callHandle: handle,
		});
		expect(busy).toMatchObject({ callStatus: { id: '105', name: 'Busy' }, capabilityList: [102] });
		const hold = await runIci(sim, {
			resource: 'phoneCall',
			operation: 'hold',
			lineNumber: '+129',
			callHandle: handle,
		});
		expect(hold.error?.message).toMatch(/not allowed .* in status Busy \(105\)/);
	});
});
