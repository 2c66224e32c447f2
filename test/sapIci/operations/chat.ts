import { ready, run, sim } from './helpers';

export function chatSuite(): void {
	describe('Chat Line and Chat Session', () => {
		it('an inbound chat: getSessions, accept, postMessage, getDialog, getAttributes, leave', async () => {
			await ready('HARRI');
			await run({
				resource: 'user',
				operation: 'setCurrentQueues',
				userId: 'HARRI',
				queues: ['chat@contact.example'],
			});
			const chat = sim.deliverChat({
				to: 'chat@contact.example',
				customer: 'john.doe@acme.inc',
				title: 'Order help',
				text: 'Hi!',
			});
			const line = 'harri.chat@contact.example';
			const [session] = await run({
				resource: 'chatLine',
				operation: 'getSessions',
				chatLineId: line,
			});
			expect(session).toMatchObject({
				chatSessionId: chat.id,
				title: 'Order help',
				chatStatus: { name: 'Alerting' },
				chatParticipants: ['john.doe@acme.inc'],
			});
			await run({ resource: 'item', operation: 'accept', itemId: chat.id, containerId: line });
			await run({
				resource: 'chatSession',
				operation: 'postMessage',
				chatSessionId: chat.id,
				chatLineId: line,
				contentText: 'Hello John, how can I help?',
			});
			sim.postChat(chat.id, 'My order is late');
			const dialog = await run({
				resource: 'chatSession',
				operation: 'getDialog',
				chatSessionId: chat.id,
			});
			expect(dialog.map((p) => [p.chatParticipant, p.contentText, p.systemMessage])).toEqual([
				['john.doe@acme.inc', 'Hi!', false],
				['', `${line} joined the chat`, true],
				[line, 'Hello John, how can I help?', false],
				['john.doe@acme.inc', 'My order is late', false],
			]);
			expect(String(dialog[0].postDate)).toMatch(/^\d{14}$/);
			const [attributes] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			expect(attributes).toMatchObject({
				chatStatus: { id: '301', name: 'Connected' },
				chatParticipants: ['john.doe@acme.inc', line],
			});
			await run({
				resource: 'chatSession',
				operation: 'leave',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			const [left] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId: chat.id,
				chatLineId: line,
			});
			expect(left).toMatchObject({ chatStatus: { name: 'Ended' }, capabilityList: [5] });
		});

		it('an outbound chat: create then invite; the participants join', async () => {
			const line = 'harri.chat@contact.example';
			const [created] = await run({
				resource: 'item',
				operation: 'create',
				channelType: '3',
				containerId: line,
			});
			const chatSessionId = String(created.itemId);
			await run({
				resource: 'chatSession',
				operation: 'invite',
				chatSessionId,
				chatLineId: line,
				chatParticipants: ['anna.chat@contact.example'],
				additionalFields: { title: 'Second opinion' },
			});
			const [inviting] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId,
				chatLineId: line,
			});
			expect(inviting).toMatchObject({
				title: 'Second opinion',
				chatStatus: { id: '302', name: 'Inviting' },
				capabilityList: [301],
			});
			sim.acceptChatInvitation(chatSessionId);
			const [connected] = await run({
				resource: 'chatSession',
				operation: 'getAttributes',
				chatSessionId,
				chatLineId: line,
			});
			expect(connected).toMatchObject({
				chatStatus: { name: 'Connected' },
				chatParticipants: [line, 'anna.chat@contact.example'],
			});
		});
	});
}
