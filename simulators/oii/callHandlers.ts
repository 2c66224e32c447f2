import { encodeElement } from '../../nodes/SapIci/elements';
import { NONE, channelOf, list, type Handler } from './handlerKit';

/** The handlers of IciItem, IciContainer, IciPhoneLine and IciPhoneCall. */
export const CALL_HANDLERS: Record<string, Handler> = {
	// IciItem
	'item.create': (state, args) => {
		const item = state.createItem(channelOf(args), args.required('containerId'));
		const wire = state.itemWire(item);
		return {
			response: encodeElement('Item', {
				...wire,
				status: { id: '1', description: 'created' },
				processingStatus: { id: '1', description: 'not in process' },
			}),
		};
	},
	'item.wrapUpRequired': (state, args) => {
		state.wrapUpRequired(state.findItem(args.required('itemId')));
		return NONE;
	},
	'item.wrapUpEnded': (state, args) => {
		state.wrapUpEnded(state.findItem(args.required('itemId')));
		return NONE;
	},
	'item.accept': (state, args) => {
		state.accept(state.findItem(args.required('itemId')), args.required('containerId'));
		return NONE;
	},
	'item.reroute': (state, args) => {
		state.reroute(state.findItem(args.required('itemId')), args.required('containerId'));
		return NONE;
	},
	'item.forward': (state, args) => {
		state.forward(
			state.findItem(args.required('itemId')),
			args.required('containerId'),
			args.required('destType'),
			args.required('destination'),
		);
		return NONE;
	},
	'item.getAttachedData': (state, args) => ({
		response: state.getAttachedData(state.findItem(args.required('itemId'))),
	}),
	'item.setAttachedData': (state, args) => {
		state.setAttachedData(state.findItem(args.required('itemId')), args.text('attachedData'));
		return NONE;
	},
	'item.deleteAttachedData': (state, args) => {
		state.deleteAttachedData(state.findItem(args.required('itemId')));
		return NONE;
	},

	// IciContainer
	'container.subscribe': (state, args) => {
		const channel = channelOf(args);
		const containerId = args.required('containerId');
		state.requireContainer(channel, containerId);
		state.subscribe({
			kind: 'container',
			appUrl: args.required('appUrl'),
			appId: args.required('appId'),
			channelType: String(channel),
			containerId,
		});
		return NONE;
	},
	'container.unsubscribe': (state, args) => {
		state.unsubscribe('container', args.required('appUrl'), args.required('appId'));
		return NONE;
	},

	// IciPhoneLine
	'phoneLine.getCalls': (state, args) => {
		const line = args.required('lineNumber');
		state.requireContainer(1, line);
		return {
			response: list(
				state.listed(1, line).map((call) => state.callWire(call)),
				'PhoneCall',
			),
		};
	},
	'phoneLine.dropCalls': (state, args) => {
		const line = args.required('lineNumber');
		state.requireContainer(1, line);
		state.dropCalls(line);
		return NONE;
	},

	// IciPhoneCall
	'phoneCall.getAttributes': (state, args) => ({
		response: encodeElement(
			'PhoneCall',
			state.callWire(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber'))),
		),
	}),
	'phoneCall.dial': (state, args) => ({
		response: state.dial(
			state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')),
			args.required('dialNumber'),
		),
	}),
	'phoneCall.consult': (state, args) => {
		const line = args.required('lineNumber');
		state.consult(
			state.itemIn(args.required('callHandle'), 1, line),
			state.itemIn(args.required('connCallHandle'), 1, line),
			args.required('dialNumber'),
			args.text('nextStep').trim() || '1',
		);
		return NONE;
	},
	'phoneCall.transfer': (state, args) => {
		const line = args.required('lineNumber');
		state.transfer(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.reconnect': (state, args) => {
		const line = args.required('lineNumber');
		state.reconnect(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.drop': (state, args) => {
		state.drop(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.hold': (state, args) => {
		state.hold(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.unhold': (state, args) => {
		state.unhold(state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')));
		return NONE;
	},
	'phoneCall.alternate': (state, args) => {
		const line = args.required('lineNumber');
		state.alternate(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.conference': (state, args) => {
		const line = args.required('lineNumber');
		state.conference(
			state.itemIn(args.required('connCallHandle'), 1, line),
			state.itemIn(args.required('heldCallHandle'), 1, line),
		);
		return NONE;
	},
	'phoneCall.dropParty': (state, args) => {
		state.dropParty(
			state.itemIn(args.required('callHandle'), 1, args.required('lineNumber')),
			args.required('remoteNumber'),
		);
		return NONE;
	},
};
