import type { IDataObject } from 'n8n-workflow';

import { iciRequests } from '../helpers';
import { ready, run, sim } from './helpers';

export function folderMessageSuite(): void {
	describe('Folder and Message', () => {
		it('an inbound e-mail: getMessages, accept, getAttributes, getContent, setActionFlags, delete with wrap-up', async () => {
			await ready('HARRI');
			await run({
				resource: 'user',
				operation: 'setCurrentQueues',
				userId: 'HARRI',
				queues: ['support@contact.example'],
			});
			const delivered = sim.deliverEmail({
				to: 'support@contact.example',
				from: 'customer@example.com',
				subject: 'Invoice 42',
				text: 'Hello, where is my invoice?',
				attachments: ['invoice.pdf'],
			});
			const [listed] = await run({
				resource: 'folder',
				operation: 'getMessages',
				folder: 'harri@contact.example',
			});
			expect(listed).toMatchObject({
				messageId: delivered.id,
				subject: 'Invoice 42',
				originator: 'customer@example.com',
				attachments: ['invoice.pdf'],
				messageStatus: { id: '3', name: 'Alerting' },
				read: false,
				notification: false,
			});
			await run({
				resource: 'item',
				operation: 'accept',
				itemId: delivered.id,
				containerId: 'harri@contact.example',
			});
			const [accepted] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(accepted).toMatchObject({
				messageStatus: { id: '201', name: 'Accepted' },
				read: true,
				capabilityList: [3, 4, 6, 7, 8, 203],
			});
			const [content] = await run({
				resource: 'message',
				operation: 'getContent',
				messageId: delivered.id,
			});
			expect(String(content.content)).toMatch(
				/^From: customer@example.com\r\nTo: support@contact.example\r\nSubject: Invoice 42/,
			);
			await run({
				resource: 'message',
				operation: 'setActionFlags',
				messageId: delivered.id,
				read: true,
				answered: true,
				forwarded: false,
			});
			const [flagged] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(flagged).toMatchObject({ read: true, answered: true, forwarded: false });
			await run({ resource: 'message', operation: 'delete', messageId: delivered.id });
			const [deleted] = await run({
				resource: 'message',
				operation: 'getAttributes',
				messageId: delivered.id,
			});
			expect(deleted).toMatchObject({
				messageStatus: { name: 'Ended' },
				processingStatus: { name: 'Wrap up' },
			});
		});

		it('an outbound e-mail: create, setContent (RFC 822), send with a delivery notification', async () => {
			const [created] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '2',
				containerId: 'harri@contact.example',
			});
			const messageId = String(created.itemId);
			const content =
				'From: harri@contact.example\r\nTo: customer@example.com\r\nSubject: Your invoice\r\n\r\nPlease find it attached.';
			await run({ resource: 'message', operation: 'setContent', messageId, content });
			const [draft] = await run({ resource: 'message', operation: 'getAttributes', messageId });
			expect(draft).toMatchObject({
				messageStatus: { id: '202', name: 'Draft' },
				subject: 'Your invoice',
				messageText: 'Please find it attached.',
			});
			expect(iciRequests(sim).at(-2)!.message.element.content).toBe(content);
			await run({
				resource: 'message',
				operation: 'send',
				messageId,
				requestSuccessNotification: true,
				requestFailureNotification: false,
			});
			const messages = await run({
				resource: 'folder',
				operation: 'getMessages',
				folder: 'harri@contact.example',
			});
			expect(
				messages.map((m) => [
					(m.messageStatus as IDataObject).name,
					m.notification,
					m.originalMessageId,
				]),
			).toEqual([
				['Sent', false, ''],
				['Alerting', true, messageId],
			]);
		});
	});
}
