import type { IDataObject } from 'n8n-workflow';

import { CUSTOMER, run, sim } from './helpers';

export function phoneCallSuite(): void {
	describe('Phone Call', () => {
		async function connectedCall(): Promise<string> {
			const placed = sim.placeCall({ to: '+129', from: CUSTOMER });
			await run({ resource: 'item', operation: 'accept', itemId: placed.id, containerId: '+129' });
			return placed.id;
		}

		async function newCall(): Promise<string> {
			const [item] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '1',
				containerId: '+129',
			});
			return String(item.itemId);
		}

		async function status(callHandle: string): Promise<string> {
			const [call] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle,
			});
			return String((call.callStatus as IDataObject).name);
		}

		it('dial answers the dialled number; hold and unhold', async () => {
			const handle = await newCall();
			expect(
				await run({
					resource: 'phoneCall',
					operation: 'dial',
					lineNumber: '+129',
					callHandle: handle,
					dialNumber: '+4930123456',
				}),
			).toEqual([{ dialedNumber: '+4930123456' }]);
			expect(await status(handle)).toBe('Connected');
			await run({
				resource: 'phoneCall',
				operation: 'hold',
				lineNumber: '+129',
				callHandle: handle,
			});
			expect(await status(handle)).toBe('Hold');
			await run({
				resource: 'phoneCall',
				operation: 'unhold',
				lineNumber: '+129',
				callHandle: handle,
			});
			expect(await status(handle)).toBe('Connected');
		});

		it('consult then alternate, reconnect and transfer', async () => {
			const first = await connectedCall();
			const consultation = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: consultation,
				connCallHandle: first,
				dialNumber: '+4930555000',
				nextStep: '2',
			});
			expect([await status(first), await status(consultation)]).toEqual(['Hold', 'Connected']);
			await run({
				resource: 'phoneCall',
				operation: 'alternate',
				lineNumber: '+129',
				connCallHandle: consultation,
				heldCallHandle: first,
			});
			expect([await status(first), await status(consultation)]).toEqual(['Connected', 'Hold']);
			await run({
				resource: 'phoneCall',
				operation: 'reconnect',
				lineNumber: '+129',
				connCallHandle: first,
				heldCallHandle: consultation,
			});
			expect(await status(consultation)).toBe('Connected');
			const [firstCall] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: first,
			});
			expect(firstCall).toMatchObject({
				callStatus: { name: 'Ended' },
				processingStatus: { name: 'Wrap up' },
			});

			const third = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: third,
				connCallHandle: consultation,
				dialNumber: '+4930555111',
				nextStep: '2',
			});
			await run({
				resource: 'phoneCall',
				operation: 'transfer',
				lineNumber: '+129',
				connCallHandle: third,
				heldCallHandle: consultation,
			});
			expect([await status(consultation), await status(third)]).toEqual(['Ended', 'Ended']);
		});

		it('conference joins two calls and dropParty removes one party', async () => {
			const first = await connectedCall();
			const second = await newCall();
			await run({
				resource: 'phoneCall',
				operation: 'consult',
				lineNumber: '+129',
				callHandle: second,
				connCallHandle: first,
				dialNumber: '+4930555222',
				nextStep: '3',
			});
			await run({
				resource: 'phoneCall',
				operation: 'conference',
				lineNumber: '+129',
				connCallHandle: second,
				heldCallHandle: first,
			});
			const [conference] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: second,
			});
			expect(conference).toMatchObject({
				callStatus: { id: '108', name: 'ConferenceOwner' },
				remoteNumbers: [CUSTOMER, '+4930555222'],
			});
			expect(conference.capabilityList).toEqual([4, 6, 7, 8, 102, 106, 107]);
			await run({
				resource: 'phoneCall',
				operation: 'dropParty',
				lineNumber: '+129',
				remoteNumber: CUSTOMER,
				callHandle: second,
			});
			const [after] = await run({
				resource: 'phoneCall',
				operation: 'getAttributes',
				lineNumber: '+129',
				callHandle: second,
			});
			expect(after).toMatchObject({
				callStatus: { name: 'Connected' },
				remoteNumbers: ['+4930555222'],
			});
		});
	});
}
