import { encodeElement } from '../../nodes/SapIci/elements';
import { oiiFault } from './errors';
import { NONE, attributes, list, type Handler } from './handlerKit';

/** The handlers of IciFolder, IciMessage, IciChatLine, IciChatSession and IciActionItem. */
export const MESSAGE_HANDLERS: Record<string, Handler> = {
	// IciFolder
	'folder.getMessages': (state, args) => {
		const folder = args.required('folder');
		state.requireContainer(2, folder);
		return {
			response: list(
				state.listed(2, folder).map((m) => state.messageWire(m)),
				'Message',
			),
		};
	},

	// IciMessage
	'message.getAttributes': (state, args) => ({
		response: encodeElement(
			'Message',
			state.messageWire(state.findItemOf(args.required('messageId'), 2)),
		),
	}),
	'message.getContent': (state, args) => ({
		response: state.findItemOf(args.required('messageId'), 2).content,
	}),
	'message.setContent': (state, args) => {
		state.setContent(state.findItemOf(args.required('messageId'), 2), args.text('content'));
		return NONE;
	},
	'message.delete': (state, args) => {
		state.deleteMessage(state.findItemOf(args.required('messageId'), 2));
		return NONE;
	},
	'message.send': (state, args) => {
		state.send(
			state.findItemOf(args.required('messageId'), 2),
			args.boolean('requestSuccessNotification') ?? false,
			args.boolean('requestFailureNotification') ?? false,
		);
		return NONE;
	},
	'message.setActionFlags': (state, args) => {
		state.setActionFlags(state.findItemOf(args.required('messageId'), 2), {
			read: args.boolean('read'),
			answered: args.boolean('answered'),
			forwarded: args.boolean('forwarded'),
		});
		return NONE;
	},
	'message.end': (state, args) => {
		state.end(state.findItemOf(args.required('messageId'), 4));
		return NONE;
	},

	// IciChatLine
	'chatLine.getSessions': (state, args) => {
		const line = args.required('chatLineId');
		state.requireContainer(3, line);
		return {
			response: list(
				state.listed(3, line).map((c) => state.chatWire(c)),
				'ChatSession',
			),
		};
	},

	// IciChatSession
	'chatSession.getAttributes': (state, args) => ({
		response: encodeElement(
			'ChatSession',
			state.chatWire(state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId'))),
		),
	}),
	'chatSession.invite': (state, args) => {
		state.invite(
			state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId')),
			args.required('chatLineId'),
			args.nullable('title') ?? undefined,
			args.list('chatParticipants'),
		);
		return NONE;
	},
	'chatSession.leave': (state, args) => {
		state.leave(
			state.itemIn(args.required('chatSessionId'), 3, args.required('chatLineId')),
			args.required('chatLineId'),
		);
		return NONE;
	},
	'chatSession.getDialog': (state, args) => ({
		response: list(
			state.findItemOf(args.required('chatSessionId'), 3).postings.map((p) => ({ ...p })),
			'ChatPosting',
		),
	}),
	'chatSession.postMessage': (state, args) => {
		const text = args.text('contentText');
		if (text.trim() === '') throw oiiFault('missingParameter', 'contentText is required');
		state.postMessage(
			state.findItemOf(args.required('chatSessionId'), 3),
			args.required('chatLineId'),
			text,
		);
		return NONE;
	},

	// IciActionItem
	'actionItem.route': (state, args) => {
		if (!args.has('itemData')) throw oiiFault('missingParameter', 'itemData is required');
		const data = args.child('itemData');
		const id = state.route({
			systemId: data.text('systemId').trim(),
			client: data.text('client').trim(),
			requestId: data.text('requestId').trim(),
			processId: data.text('processId').trim(),
			attachedData: data.text('attachedData'),
			attributes: attributes(data.entries('actionItemAttributes')),
			routing: attributes(args.entries('routingAttributes')),
		});
		return { response: { actionItemID: id } };
	},
};
