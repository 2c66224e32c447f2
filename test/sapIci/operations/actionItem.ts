import { iciRequests } from '../helpers';
import { ready, run, sim } from './helpers';

export function actionItemSuite(): void {
	describe('Action Item', () => {
		it('route with attributes and routing attributes; the required agent gets it; accept and end', async () => {
			await ready('HARRI');
			await ready('ANNA');
			const [routed] = await run({
				resource: 'actionItem',
				operation: 'route',
				actionItemAttributes: {
					attribute: [
						{ name: 'SUBJECT', value: 'Action item test' },
						{ name: 'FROM_ADDRESS', value: 'customer@example.com' },
						{ name: 'TO_ADDRESS', value: 'ERMS@506.Q7D.R3.SAP-AG.DE' },
					],
				},
				itemDataFields: {
					requestId: '000001210200',
					processId: 'FOL29000000000004RAW33000000002161',
				},
				routingAttributes: {
					attribute: [
						{ name: 'SKILL', value: 'English=5' },
						{ name: 'REQUIRED_AGENT', value: 'ANNA' },
						{ name: 'custom', customName: 'Z_PRIORITY', value: '1' },
					],
				},
			});
			const actionItemId = String(routed.actionItemId);
			expect(actionItemId).toMatch(/^[0-9A-F]{32}$/);
			const action = sim.state.findItemOf(actionItemId, 4);
			expect(action).toMatchObject({
				containerId: 'ANNA',
				status: 3,
				queueId: 'ACTION',
				skills: ['English=5'],
			});
			const sent = iciRequests(sim).at(-1)!.message.element;
			expect(sent.routingAttributes).toEqual({
				item: [
					{ id: 'SKILL', description: 'English=5' },
					{ id: 'REQUIRED_AGENT', description: 'ANNA' },
					{ id: 'Z_PRIORITY', description: '1' },
				],
			});
			await run({
				resource: 'item',
				operation: 'accept',
				itemId: actionItemId,
				containerId: 'ANNA',
			});
			expect(sim.state.findItemOf(actionItemId, 4).status).toBe(401);
			await run({ resource: 'message', operation: 'end', messageId: actionItemId });
			expect(sim.state.findItemOf(actionItemId, 4)).toMatchObject({ status: 4 });
			const [deleted] = await run({
				resource: 'actionItem',
				operation: 'route',
				itemDataFields: { requestId: 'R-2', processId: 'P-2' },
				routingAttributes: { attribute: [{ name: 'DELETE', value: 'X' }] },
			});
			expect(deleted).toEqual({ actionItemId: '' });
		});
	});
}
