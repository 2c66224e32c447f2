import { OII_DEFAULT_PATH } from '../../nodes/SapIci/constants';
import type { FailFault, FaultOptions, PendingFault } from '../shared/faults';
import {
	jsonResponse,
	startSimServer,
	type HugeTemplate,
	type RouteInfo,
	type SimRequest,
	type SimResponse,
	type SimServer,
	type SimulatorDefinition,
} from '../shared/httpServer';
import { handleOiiControl, isOiiControlPath } from './control';
import { OiiEventDelivery, type OiiDelivery, type OiiDeliveryOptions } from './delivery';
import { codesOfInjectedFault, injectedFaultCode } from './errors';
import {
	describeOiiRequest,
	faultResponse,
	handleOiiRequest,
	missingHandlers,
	refuseOiiBody,
} from './soap';
import {
	OiiState,
	type OiiEvent,
	type OiiEventListener,
	type OiiSubscription,
	type SimCall,
	type SimChat,
	type SimMessage,
	type SimPosting,
} from './state';

/**
 * In-memory simulator of the SAP Contact Center OII (ICI interface) behind one SOAP 1.1 endpoint,
 * `/OII/OII.asmx`, with the SOAPAction routing of chapter 7.1 and every operation of the node's
 * operation table. It records event subscriptions, builds the IciEvent messages OII sends and POSTs
 * each one to its subscriber's appUrl (`deliverEvents`), recording the answers; `onEvent` also hands
 * each one to a listener.
 */

export { OII_CONTROL_PREFIX } from './control';
export { MAX_RECORDED_BODY, OiiEventDelivery } from './delivery';
export type { OiiDelivery, OiiDeliveryOptions, OiiDeliveryOutcome } from './delivery';
export { ICI_ERRORS, OiiFault, codesOfInjectedFault, injectedFaultCode } from './errors';
export { OII_HANDLERS } from './handlers';
export {
	OII_SIM_CMS_HOST_ID,
	SEED_QUEUES,
	SEED_USERS,
	BUSY_NUMBERS,
	NO_ANSWER_NUMBERS,
	ACTION_QUEUE,
} from './seed';
export { OiiState, parseRfc822 } from './state';
export type {
	OiiEvent,
	OiiEventListener,
	OiiSubscription,
	SimAction,
	SimCall,
	SimChat,
	SimItem,
	SimMessage,
	SimPosting,
	SimUser,
} from './state';

export interface OiiSimulatorOptions {
	host?: string;
	/** Default 0: a free port. */
	port?: number;
	/** Clock of the simulated contact center (tests). */
	now?: () => Date;
	/** HTTP status of ICI faults (default 500, as ASP.NET answers SOAP faults). */
	faultStatus?: number;
	/**
	 * POST every event to its subscriber's appUrl (default true). `false` only builds them
	 * (`events`, `onEvent`); an object sets the timeout, queue bound and SOAPAction.
	 */
	deliverEvents?: boolean | OiiDeliveryOptions;
	/** Serve HTTPS with a self-signed certificate generated at start (default false). */
	tls?: boolean;
}

export interface OiiSimulator extends SimServer {
	/** `${url}/OII/OII.asmx`: the URL for the credential. */
	readonly endpoint: string;
	/** The simulated contact center. */
	readonly state: OiiState;
	/** Event subscriptions (IciUser / IciContainer subscribe), live. */
	readonly subscriptions: readonly OiiSubscription[];
	/** The IciEvent messages built so far, oldest first. */
	readonly events: readonly OiiEvent[];
	/** Every POST of an event to a subscriber, with its answer, oldest first. */
	readonly deliveries: readonly OiiDelivery[];
	/** Resolves when every event built so far has been delivered (answered, failed or timed out). */
	deliveriesSettled(): Promise<void>;
	/** Called with every IciEvent message; returns a function that stops the listener. */
	onEvent(listener: OiiEventListener): () => void;
	/** An inbound call to a phone queue (allocated to a ready agent) or straight to a phone line. */
	placeCall(options: {
		to: string;
		from: string;
		attachedData?: string;
		trunkId?: string;
	}): SimCall;
	/** The remote party of a ringing outbound call answers. */
	answerCall(callHandle: string): SimCall;
	/** The remote party hangs up. */
	hangUp(callHandle: string): SimCall;
	/** Put a call into any phone call status of chapter 10.12.3. */
	setCallStatus(callHandle: string, status: number): SimCall;
	/** An inbound e-mail to a messaging queue or a folder. */
	deliverEmail(options: {
		to: string;
		from: string;
		subject?: string;
		text?: string;
		attachments?: string[];
		attachedData?: string;
	}): SimMessage;
	/** An inbound customer chat to a chat queue or a chat line. */
	deliverChat(options: {
		to: string;
		customer: string;
		title?: string;
		text?: string;
		attachedData?: string;
	}): SimChat;
	/** The customer (or another participant) posts in a chat session. */
	postChat(chatSessionId: string, text: string, participant?: string): SimPosting;
	/** The invited participants of a chat session join. */
	acceptChatInvitation(chatSessionId: string): SimChat;
	/** Answer the next matching request(s) with an ICI fault. `match`: e.g. 'IciPhoneCall.dial'. */
	failNext(
		codes: { areaCode: number; errorCode: number; errorText?: string; errorRetry?: boolean },
		options?: FaultOptions,
	): PendingFault;
	/** subscriptionEnded to every subscriber; reason 1 and 3 drop the subscriptions, 2 keeps them. */
	endSubscriptions(reason: 1 | 2 | 3): void;
}

function hugeTemplate(): HugeTemplate {
	return {
		contentType: 'text/xml; charset=utf-8',
		head:
			'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
			'<soap:Body><getCallsResponse xmlns="urn:IciPhoneLineInterface"><response>\n',
		item:
			'<item><lineNumber>+129</lineNumber><callHandle>A163FDACEE7A476BAB59E15C81B6D4F2</callHandle>' +
			'<callStatus><id>101</id><description>Connected</description></callStatus></item>',
		separator: '\n',
		tail: '\n</response></getCallsResponse></soap:Body></soap:Envelope>\n',
	};
}

/** Start the OII simulator (default 127.0.0.1, a free port). */
export async function startOiiSimulator(options: OiiSimulatorOptions = {}): Promise<OiiSimulator> {
	const missing = missingHandlers();
	if (missing.length) throw new Error(`The OII simulator has no handler for ${missing.join(', ')}`);
	const state = new OiiState({ now: options.now });
	const faultStatus = options.faultStatus ?? 500;
	const deliverEvents = options.deliverEvents ?? true;
	const delivery = new OiiEventDelivery(
		typeof deliverEvents === 'boolean' ? { enabled: deliverEvents } : deliverEvents,
	);
	state.onEvent((event) => delivery.enqueue(event));
	const started: { server?: SimServer } = {};
	const definition: SimulatorDefinition = {
		name: 'SAP Contact Center OII',
		describe: (request: SimRequest): RouteInfo =>
			isOiiControlPath(request.path)
				? { operation: 'oiiControl', format: 'text' }
				: describeOiiRequest(request),
		handle: (request: SimRequest): SimResponse =>
			isOiiControlPath(request.path) && started.server
				? handleOiiControl(state, started.server.faults, request, delivery)
				: handleOiiRequest(state, request),
		failResponse: (fault: FailFault): SimResponse =>
			faultResponse(
				codesOfInjectedFault(fault.code, fault.message),
				'urn:IciSystemInterface',
				'Server',
				fault.status ?? faultStatus,
			),
		refuseBody: (request: SimRequest, _info: RouteInfo, reason: string): SimResponse =>
			isOiiControlPath(request.path)
				? jsonResponse(400, { Message: reason })
				: refuseOiiBody(request, reason),
		hugeTemplate,
		reset: () => {
			state.reset();
			delivery.reset();
		},
		dumpState: () => state.dump(),
	};
	const sim = await startSimServer(definition, {
		host: options.host,
		port: options.port,
		tls: options.tls,
	});
	started.server = sim;
	Object.defineProperties(sim, {
		subscriptions: { get: (): readonly OiiSubscription[] => state.subscriptions, enumerable: true },
		events: { get: (): readonly OiiEvent[] => state.events, enumerable: true },
		deliveries: { get: (): readonly OiiDelivery[] => delivery.deliveries, enumerable: true },
	});
	const closeServer = sim.close.bind(sim);
	return Object.assign(
		sim as SimServer & Pick<OiiSimulator, 'subscriptions' | 'events' | 'deliveries'>,
		{
			endpoint: `${sim.url}${OII_DEFAULT_PATH}`,
			state,
			deliveriesSettled: () => delivery.idle(),
			close: async () => {
				delivery.stop();
				await closeServer();
			},
			onEvent: (listener: OiiEventListener) => state.onEvent(listener),
			placeCall: (o: { to: string; from: string; attachedData?: string; trunkId?: string }) =>
				state.placeCall(o),
			answerCall: (id: string) => {
				const call = state.findItemOf(id, 1);
				state.answerRemote(call);
				return call;
			},
			hangUp: (id: string) => {
				const call = state.findItemOf(id, 1);
				state.hangUpRemote(call);
				return call;
			},
			setCallStatus: (id: string, status: number) => {
				const call = state.findItemOf(id, 1);
				state.setCallStatus(call, status);
				return call;
			},
			deliverEmail: (o: Parameters<OiiState['deliverEmail']>[0]) => state.deliverEmail(o),
			deliverChat: (o: Parameters<OiiState['deliverChat']>[0]) => state.deliverChat(o),
			postChat: (id: string, text: string, participant?: string) =>
				state.postAsParticipant(state.findItemOf(id, 3), text, participant),
			acceptChatInvitation: (id: string) => {
				const chat = state.findItemOf(id, 3);
				state.acceptInvitation(chat);
				return chat;
			},
			failNext: (
				codes: { areaCode: number; errorCode: number; errorText?: string; errorRetry?: boolean },
				faultOptions?: FaultOptions,
			) =>
				sim.faults.add(
					{ kind: 'fail', code: injectedFaultCode(codes), message: codes.errorText },
					faultOptions,
				),
			endSubscriptions: (reason: 1 | 2 | 3) => state.endSubscriptions(reason),
		},
	);
}
