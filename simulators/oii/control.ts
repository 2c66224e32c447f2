import {
	isJsonObject,
	jsonResponse,
	parseJsonBody,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import type { FaultInjector } from '../shared/faults';
import { MAX_DELIVERY_CONCURRENCY, type OiiEventDelivery } from './delivery';
import { injectedFaultCode, OiiFault } from './errors';
import type { OiiState } from './state';

/**
 * The simulator's own control routes, next to the shared `/__sim/` ones: place an inbound call,
 * deliver an e-mail or a chat, act as the remote party, inject ICI faults, read subscriptions, the
 * events OII sends and how their subscribers answered; for load tests, a burst of inbound calls
 * and the number of POSTs under way at once per subscriber.
 */

export const OII_CONTROL_PREFIX = '/__oii/';

const ROUTES = [
	'POST /__oii/calls {"to":"2001","from":"+358401234567","attachedData":"<ItemAttachedData>…"}',
	'POST /__oii/calls/{callHandle}/answer',
	'POST /__oii/calls/{callHandle}/hangup',
	'POST /__oii/calls/{callHandle}/status {"status":107}',
	'POST /__oii/emails {"to":"support@contact.example","from":"customer@example.com","subject":"…","text":"…"}',
	'POST /__oii/chats {"to":"chat@contact.example","customer":"customer@example.com","title":"…","text":"…"}',
	'POST /__oii/chats/{chatSessionId}/postings {"text":"…","participant":"…"}',
	'POST /__oii/chats/{chatSessionId}/invitation',
	'POST /__oii/faults {"areaCode":5,"errorCode":2,"errorText":"…","errorRetry":false,"match":"IciPhoneCall.dial","times":1}',
	'GET  /__oii/subscriptions',
	'GET  /__oii/events',
	'GET  /__oii/deliveries',
	'POST /__oii/subscriptions/end {"reason":1}',
	'POST /__oii/burst {"to":"+129","from":"+358401234567","count":1000}',
	'GET  /__oii/delivery',
	'POST /__oii/delivery {"concurrency":8}',
];

/** Calls one burst may place at most. */
export const MAX_BURST = 10_000;

function str(body: Record<string, unknown>, name: string, required = true): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw new ControlError(`"${name}" is required`);
		return undefined;
	}
	if (typeof value !== 'string') throw new ControlError(`"${name}" must be a string`);
	return value;
}

class ControlError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ControlError';
	}
}

function deliveryStatus(delivery: OiiEventDelivery | undefined) {
	if (!delivery) return { concurrency: 0, pending: 0, queued: 0, queueBound: 0 };
	return {
		concurrency: delivery.concurrency,
		pending: delivery.pending,
		queued: delivery.queuedCount,
		queueBound: delivery.queueBound,
	};
}

export function isOiiControlPath(path: string): boolean {
	return path === OII_CONTROL_PREFIX.slice(0, -1) || path.startsWith(OII_CONTROL_PREFIX);
}

export function handleOiiControl(
	state: OiiState,
	faults: FaultInjector,
	request: SimRequest,
	delivery?: OiiEventDelivery,
): SimResponse {
	let parts: string[];
	try {
		parts = request.path
			.slice(OII_CONTROL_PREFIX.length)
			.split('/')
			.filter(Boolean)
			.map(decodeURIComponent);
	} catch {
		return jsonResponse(400, { Message: 'The request path is not valid URL encoding' });
	}
	const route = `${request.method} ${parts.map((p, i) => (i === 1 && parts[0] !== 'subscriptions' ? ':id' : p)).join('/')}`;
	let body: Record<string, unknown> = {};
	if (request.method === 'POST' && request.body.trim() !== '') {
		const parsed = parseJsonBody(request.body);
		if (!parsed.ok) return jsonResponse(400, { Message: `Invalid JSON: ${parsed.error}` });
		if (!isJsonObject(parsed.value))
			return jsonResponse(400, { Message: 'Expected a JSON object' });
		body = parsed.value;
	}
	try {
		switch (route) {
			case 'GET ':
				return jsonResponse(200, { routes: ROUTES });
			case 'POST calls': {
				const call = state.placeCall({
					to: str(body, 'to')!,
					from: str(body, 'from')!,
					attachedData: str(body, 'attachedData', false),
					trunkId: str(body, 'trunkId', false),
				});
				return jsonResponse(201, state.callWire(call));
			}
			case 'POST calls/:id/answer': {
				const call = state.findItemOf(parts[1], 1);
				state.answerRemote(call);
				return jsonResponse(200, state.callWire(call));
			}
			case 'POST calls/:id/hangup': {
				const call = state.findItemOf(parts[1], 1);
				state.hangUpRemote(call);
				return jsonResponse(200, state.callWire(call));
			}
			case 'POST calls/:id/status': {
				const call = state.findItemOf(parts[1], 1);
				const status = body.status;
				if (typeof status !== 'number') throw new ControlError('"status" must be a number');
				state.setCallStatus(call, status);
				return jsonResponse(200, state.callWire(call));
			}
			case 'POST emails': {
				const attachments = body.attachments;
				if (
					attachments !== undefined &&
					(!Array.isArray(attachments) || attachments.some((a) => typeof a !== 'string'))
				) {
					throw new ControlError('"attachments" must be a list of file names');
				}
				const message = state.deliverEmail({
					to: str(body, 'to')!,
					from: str(body, 'from')!,
					subject: str(body, 'subject', false),
					text: str(body, 'text', false),
					attachments: attachments as string[] | undefined,
					attachedData: str(body, 'attachedData', false),
				});
				return jsonResponse(201, state.messageWire(message));
			}
			case 'POST chats': {
				const chat = state.deliverChat({
					to: str(body, 'to')!,
					customer: str(body, 'customer')!,
					title: str(body, 'title', false),
					text: str(body, 'text', false),
					attachedData: str(body, 'attachedData', false),
				});
				return jsonResponse(201, state.chatWire(chat));
			}
			case 'POST chats/:id/postings': {
				const chat = state.findItemOf(parts[1], 3);
				return jsonResponse(
					201,
					state.postAsParticipant(chat, str(body, 'text')!, str(body, 'participant', false)),
				);
			}
			case 'POST chats/:id/invitation': {
				const chat = state.findItemOf(parts[1], 3);
				state.acceptInvitation(chat);
				return jsonResponse(200, state.chatWire(chat));
			}
			case 'POST faults': {
				const areaCode = body.areaCode ?? 0;
				const errorCode = body.errorCode;
				if (typeof areaCode !== 'number' || typeof errorCode !== 'number') {
					throw new ControlError('"areaCode" and "errorCode" must be numbers');
				}
				const times = body.times;
				const match = str(body, 'match', false);
				if (times !== undefined && typeof times !== 'number')
					throw new ControlError('"times" must be a number');
				const added = faults.add(
					{
						kind: 'fail',
						code: injectedFaultCode({ areaCode, errorCode, errorRetry: body.errorRetry === true }),
						message: str(body, 'errorText', false),
					},
					{ times, match },
				);
				return jsonResponse(201, { ok: true, fault: added });
			}
			case 'GET subscriptions':
				return jsonResponse(200, { subscriptions: state.subscriptions });
			case 'GET events':
				return jsonResponse(200, { events: state.events });
			case 'GET deliveries':
				return jsonResponse(200, {
					pending: delivery?.pending ?? 0,
					deliveries: delivery?.deliveries ?? [],
				});
			case 'POST burst': {
				const count = body.count;
				if (
					typeof count !== 'number' ||
					!Number.isInteger(count) ||
					count < 1 ||
					count > MAX_BURST
				) {
					throw new ControlError(`"count" must be a whole number from 1 to ${MAX_BURST}`);
				}
				if (delivery && delivery.queuedCount + count > delivery.queueBound) {
					return jsonResponse(409, {
						Message: `A burst of ${count} would overflow the delivery queue (${delivery.queuedCount} waiting, bound ${delivery.queueBound})`,
					});
				}
				const to = str(body, 'to')!;
				const from = str(body, 'from')!;
				const seqs: number[] = [];
				const stop = state.onEvent((event) => seqs.push(event.seq));
				const callHandles: string[] = [];
				try {
					for (let i = 0; i < count; i++) callHandles.push(state.placeCall({ to, from }).id);
				} finally {
					stop();
				}
				return jsonResponse(201, {
					count,
					events: seqs.length,
					firstSeq: seqs[0] ?? null,
					lastSeq: seqs[seqs.length - 1] ?? null,
					callHandles,
				});
			}
			case 'GET delivery':
				return jsonResponse(200, deliveryStatus(delivery));
			case 'POST delivery': {
				if (!delivery) throw new ControlError('Event delivery is off in this simulator');
				const concurrency = body.concurrency;
				if (
					typeof concurrency !== 'number' ||
					!Number.isInteger(concurrency) ||
					concurrency < 1 ||
					concurrency > MAX_DELIVERY_CONCURRENCY
				) {
					throw new ControlError(
						`"concurrency" must be a whole number from 1 to ${MAX_DELIVERY_CONCURRENCY}`,
					);
				}
				delivery.concurrency = concurrency;
				return jsonResponse(200, deliveryStatus(delivery));
			}
			case 'POST subscriptions/end': {
				const reason = body.reason ?? 1;
				if (reason !== 1 && reason !== 2 && reason !== 3)
					throw new ControlError('"reason" must be 1, 2 or 3');
				state.endSubscriptions(reason);
				return jsonResponse(200, { ok: true, subscriptions: state.subscriptions.length });
			}
			default:
				return jsonResponse(404, {
					Message: `Unknown control route ${request.method} ${request.path}`,
					routes: ROUTES,
				});
		}
	} catch (error) {
		if (error instanceof OiiFault) {
			return jsonResponse(409, {
				Message: error.codes.errorText,
				areaCode: error.codes.areaCode,
				errorCode: error.codes.errorCode,
			});
		}
		if (error instanceof ControlError) return jsonResponse(400, { Message: error.message });
		return jsonResponse(500, {
			Message: `Simulator error: ${error instanceof Error ? error.message : String(error)}`,
		});
	}
}
