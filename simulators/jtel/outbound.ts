import http from 'node:http';
import https from 'node:https';

import {
	isJsonObject,
	jsonResponse,
	parseJsonBody,
	SECRET_MASK,
	type SimRequest,
	type SimResponse,
} from '../shared/httpServer';
import { CALLBACK_EVENT_TYPE_ID } from './seed';
import {
	jtelTimestamp,
	type AcdEvent,
	type AcdGroup,
	type ClientAccount,
	type JtelState,
} from './state';

/**
 * What jtel posts by itself (release 3.28 callbacks, 3.30 voice mails): an ACD group's REST Calls
 * (Create Callback / Voice Mail) setting names an external URL, and each callback request or voice
 * mail the group receives is POSTed there as one JSON object (Caller, CallbackNumber,
 * ServiceNumbersNumber, ServiceNumbersName, AcdGroupsID, AcdGroupsName, AcdGroupsForeignSystemID,
 * dtCallStart, dtCallEnd, AcdEventsID, Subject, Body). The receiver answers with a status code whose
 * meaning jtel documents; the simulator records each answer with that meaning.
 *
 * Control routes (next to the shared `/__sim/` ones):
 *   GET  /__jtel/groups/{AcdGroupsID}/rest-calls
 *   POST /__jtel/groups/{AcdGroupsID}/rest-calls {"callbackUrl":"…","voiceMailUrl":"…","foreignSystemId":"SERVICE_B2B"}
 *   POST /__jtel/groups/{AcdGroupsID}/callbacks {"Caller":"49…","CallbackNumber":"49…","ServiceNumbersNumber":"49…",…}
 *   POST /__jtel/groups/{AcdGroupsID}/voice-mails {…the same fields…}
 *   POST /__jtel/outbound {"url":"…","event":{…}} or {"url":"…","body":"raw text","contentType":"…"}
 *   GET  /__jtel/deliveries
 */

export const JTEL_CONTROL_PREFIX = '/__jtel/';

export type OutboundKind = 'callback' | 'voiceMail';

/** The ACD event type of each kind (AcdEventTypes.Callback 3, AcdEventTypes.VoiceMail 1). */
export const EVENT_TYPE_OF_KIND: Record<OutboundKind, number> = {
	callback: CALLBACK_EVENT_TYPE_ID,
	voiceMail: 1,
};

/** What jtel documents for each answer of the external REST interface. */
export const ANSWER_MEANINGS: Record<number, { outcome: string; meaning: string }> = {
	200: { outcome: 'processed', meaning: 'The call was processed successfully' },
	300: { outcome: 'multipleRecords', meaning: 'Multiple records were found (no records returned)' },
	404: { outcome: 'noRecord', meaning: 'No record was found' },
	500: { outcome: 'serverError', meaning: 'An internal error occurred processing the request' },
};

/** The documented fields, in the order jtel's page lists them. */
export const OUTBOUND_FIELDS = [
	'Caller',
	'CallbackNumber',
	'ServiceNumbersNumber',
	'ServiceNumbersName',
	'AcdGroupsID',
	'AcdGroupsName',
	'AcdGroupsForeignSystemID',
	'dtCallStart',
	'dtCallEnd',
	'AcdEventsID',
	'Subject',
	'Body',
] as const;

/** The REST Calls setting of one ACD group. */
export interface RestCallSetting {
	callbackUrl?: string;
	voiceMailUrl?: string;
	/** The group's Foreign System ID field. */
	foreignSystemId: string;
}

export interface OutboundDelivery {
	id: number;
	kind: OutboundKind | 'custom';
	/** The target URL, the secret query parameter and any user information masked. */
	url: string;
	AcdEventsID: number | null;
	/** HTTP status of the answer; 0 when none came. */
	status: number;
	/** The documented meaning of the status (`unexpected` for others, `failed` when there was no answer). */
	outcome: string;
	meaning: string;
	/** The answer body (at most 16 KiB). */
	answer: string;
	error?: string;
	/** The JSON body sent. */
	sent: string;
	time: string;
}

const TIMEOUT_MS = 10_000;
const MAX_ANSWER = 16 * 1024;
const MAX_DELIVERIES = 1000;

/** The URL with its secret and user information masked, for records. */
export function maskedUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.username || parsed.password) {
			parsed.username = SECRET_MASK;
			parsed.password = '';
		}
		if (parsed.searchParams.has('secret')) parsed.searchParams.set('secret', SECRET_MASK);
		return parsed.toString();
	} catch {
		return '(not a URL)';
	}
}

class ControlError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
		this.name = 'ControlError';
	}
}

function text(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new ControlError(`"${name}" must be a string`);
	return value;
}

function targetUrl(value: string | undefined, name: string): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (!URL.canParse(value)) throw new ControlError(`"${name}" is not a URL`);
	const parsed = new URL(value);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw new ControlError(`"${name}" must be an http or https URL`);
	return value;
}

/** A telephone number as the current page writes them (E.164 without a plus), or with it. */
function e164(value: string | undefined, withPlus: boolean): string {
	const digits = (value ?? '').trim().replace(/^\+/, '');
	if (digits === '') return '';
	return withPlus ? `+${digits}` : digits;
}

/** `yyyy-MM-ddTHH:mm:ss`, jtel's local time without milliseconds. */
function callTimestamp(date: Date): string {
	return jtelTimestamp(date).replace(/\.\d+$/, '');
}

export class JtelOutbound {
	private readonly settings = new Map<number, RestCallSetting>();
	private readonly deliveries: OutboundDelivery[] = [];
	private nextDelivery = 1;
	private readonly inFlight = new Set<http.ClientRequest>();

	constructor(private readonly state: JtelState) {}

	reset(): void {
		this.settings.clear();
		this.deliveries.length = 0;
	}

	close(): void {
		for (const request of this.inFlight) request.destroy();
		this.inFlight.clear();
	}

	get recorded(): readonly OutboundDelivery[] {
		return this.deliveries;
	}

	setting(groupId: number): RestCallSetting {
		return this.settings.get(groupId) ?? { foreignSystemId: '' };
	}

	private group(groupId: number): { client: ClientAccount; group: AcdGroup } {
		for (const client of this.state.clients.values()) {
			const group = client.groups.get(groupId);
			if (group) return { client, group };
		}
		throw new ControlError(`ACD group ${groupId} does not exist`, 404);
	}

	configure(groupId: number, body: Record<string, unknown>): RestCallSetting {
		this.group(groupId);
		const current = this.setting(groupId);
		const next: RestCallSetting = { ...current };
		if ('callbackUrl' in body)
			next.callbackUrl = targetUrl(text(body, 'callbackUrl'), 'callbackUrl');
		if ('voiceMailUrl' in body)
			next.voiceMailUrl = targetUrl(text(body, 'voiceMailUrl'), 'voiceMailUrl');
		if ('foreignSystemId' in body) next.foreignSystemId = text(body, 'foreignSystemId') ?? '';
		this.settings.set(groupId, next);
		return next;
	}

	/**
	 * A callback request or voice mail arrives in the group: it becomes an ACD event of the
	 * group's client, and when the group's REST call of that kind names a URL, the event is posted there.
	 */
	async arrive(
		groupId: number,
		kind: OutboundKind,
		body: Record<string, unknown>,
	): Promise<{ event: AcdEvent; delivery?: OutboundDelivery }> {
		const { client, group } = this.group(groupId);
		const withPlus = body.withPlus === true;
		const caller = text(body, 'Caller');
		if (!caller) throw new ControlError('"Caller" is required');
		const callbackNumber = text(body, 'CallbackNumber') ?? caller;
		const serviceNumber = text(body, 'ServiceNumbersNumber') ?? '';
		const end = new Date();
		const start = new Date(end.getTime() - 95_000);
		const subject =
			text(body, 'Subject') ??
			(kind === 'callback' ? `Callback request ${callbackNumber}` : `Voice mail from ${caller}`);
		const eventBody = text(body, 'Body') ?? '';
		const now = jtelTimestamp(end);
		const event: AcdEvent = {
			ID: this.state.nextId(),
			ClientsID: client.clientsId,
			AcdEventTypesID: EVENT_TYPE_OF_KIND[kind],
			AcdEventStatusID: 0,
			AcdGroupsID: group.ID,
			AcdConfigurationGroupsID: null,
			AcdAgentGroupsID: null,
			UsersID: null,
			Sender: caller,
			Receiver: serviceNumber,
			Subject: subject,
			Body: eventBody,
			CrmURL: null,
			UserData: null,
			nPriority: 50,
			dtAppointment: null,
			SkillsValue1: null,
			SkillsValue2: null,
			ChatConnectorsID: null,
			Comment: null,
			dtCreated: now,
			dtLastModified: now,
		};
		client.events.set(event.ID, event);

		const setting = this.setting(groupId);
		const url = kind === 'callback' ? setting.callbackUrl : setting.voiceMailUrl;
		if (!url) return { event };
		const payload: Record<string, unknown> = {
			Caller: e164(caller, withPlus),
			CallbackNumber: e164(callbackNumber, withPlus),
			ServiceNumbersNumber: e164(serviceNumber, withPlus),
			ServiceNumbersName: text(body, 'ServiceNumbersName') ?? '',
			AcdGroupsID: group.ID,
			AcdGroupsName: group.Name,
			AcdGroupsForeignSystemID: setting.foreignSystemId,
			dtCallStart: text(body, 'dtCallStart') ?? callTimestamp(start),
			dtCallEnd: text(body, 'dtCallEnd') ?? callTimestamp(end),
			AcdEventsID: event.ID,
			Subject: subject,
			Body: eventBody,
		};
		const delivery = await this.post(
			kind,
			url,
			JSON.stringify(payload),
			'application/json; charset=utf-8',
			event.ID,
		);
		return { event, delivery };
	}

	/** POST a body to a URL as jtel does, and record the answer with its documented meaning. */
	async post(
		kind: OutboundKind | 'custom',
		url: string,
		body: string,
		contentType: string,
		acdEventsId: number | null = null,
	): Promise<OutboundDelivery> {
		const target = new URL(url);
		const headers: Record<string, string> = {
			'Content-Type': contentType,
			'Content-Length': String(Buffer.byteLength(body, 'utf8')),
			Accept: 'application/json',
		};
		if (target.username || target.password) {
			const user = decodeURIComponent(target.username);
			const password = decodeURIComponent(target.password);
			headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
			target.username = '';
			target.password = '';
		}
		const record: OutboundDelivery = {
			id: this.nextDelivery++,
			kind,
			url: maskedUrl(url),
			AcdEventsID: acdEventsId,
			status: 0,
			outcome: 'failed',
			meaning: 'No answer',
			answer: '',
			sent: body,
			time: new Date().toISOString(),
		};
		const transport = target.protocol === 'https:' ? https : http;
		await new Promise<void>((resolve) => {
			const request = transport.request(
				target,
				{
					method: 'POST',
					headers,
					agent: false,
					timeout: TIMEOUT_MS,
					...(target.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
				},
				(response) => {
					const chunks: Buffer[] = [];
					let size = 0;
					response.on('data', (chunk: Buffer) => {
						if (size < MAX_ANSWER) chunks.push(chunk);
						size += chunk.length;
					});
					response.on('end', () => {
						record.status = response.statusCode ?? 0;
						const known = ANSWER_MEANINGS[record.status];
						record.outcome = known?.outcome ?? 'unexpected';
						record.meaning =
							known?.meaning ??
							`HTTP ${record.status} is not one of the documented answers (200, 300, 404, 500)`;
						record.answer = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER);
						resolve();
					});
					response.on('error', (error) => {
						record.error = error.message;
						resolve();
					});
				},
			);
			this.inFlight.add(request);
			request.on('timeout', () =>
				request.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s`)),
			);
			request.on('error', (error) => {
				record.error = error.message;
				resolve();
			});
			request.on('close', () => {
				this.inFlight.delete(request);
				resolve();
			});
			request.end(body);
		});
		this.deliveries.push(record);
		if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.shift();
		return record;
	}

	/** The control routes under `/__jtel/`. */
	async handleControl(request: SimRequest): Promise<SimResponse> {
		try {
			return await this.route(request);
		} catch (error) {
			if (error instanceof ControlError)
				return jsonResponse(error.status, { status: error.status, error: error.message });
			return jsonResponse(500, {
				status: 500,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}

	private async route(request: SimRequest): Promise<SimResponse> {
		const parts = request.path.slice(JTEL_CONTROL_PREFIX.length).split('/').filter(Boolean);
		let body: Record<string, unknown> = {};
		if (request.method === 'POST') {
			const parsed = parseJsonBody(request.body);
			if (!parsed.ok || !isJsonObject(parsed.value))
				throw new ControlError('The body must be a JSON object');
			body = parsed.value;
		}
		const route = `${request.method} ${parts.map((p, i) => (parts[0] === 'groups' && i === 1 ? ':id' : p)).join('/')}`;
		const groupId = parts[0] === 'groups' ? Number(parts[1]) : Number.NaN;
		if (parts[0] === 'groups' && !(Number.isSafeInteger(groupId) && groupId > 0))
			throw new ControlError('The ACD group ID must be a positive whole number');
		switch (route) {
			case 'GET groups/:id/rest-calls':
				this.group(groupId);
				return jsonResponse(200, this.describe(groupId));
			case 'POST groups/:id/rest-calls':
				this.configure(groupId, body);
				return jsonResponse(200, this.describe(groupId));
			case 'POST groups/:id/callbacks':
			case 'POST groups/:id/voice-mails': {
				const kind: OutboundKind = parts[2] === 'callbacks' ? 'callback' : 'voiceMail';
				const { event, delivery } = await this.arrive(groupId, kind, body);
				return jsonResponse(200, {
					AcdEventsID: event.ID,
					delivered: delivery !== undefined,
					delivery: delivery ?? null,
				});
			}
			case 'POST outbound': {
				const url = targetUrl(text(body, 'url'), 'url');
				if (!url) throw new ControlError('"url" is required');
				const raw = text(body, 'body');
				if (raw === undefined && !isJsonObject(body.event))
					throw new ControlError('"event" (a JSON object) or "body" (text) is required');
				const sent = raw ?? JSON.stringify(body.event);
				const kind = body.kind === 'callback' || body.kind === 'voiceMail' ? body.kind : 'custom';
				const eventId =
					isJsonObject(body.event) && Number.isSafeInteger(body.event.AcdEventsID)
						? Number(body.event.AcdEventsID)
						: null;
				const delivery = await this.post(
					kind,
					url,
					sent,
					text(body, 'contentType') ?? 'application/json; charset=utf-8',
					eventId,
				);
				return jsonResponse(200, delivery);
			}
			case 'GET deliveries':
				return jsonResponse(200, { deliveries: this.deliveries });
			default:
				return jsonResponse(404, {
					status: 404,
					error: `Unknown control route ${request.method} ${request.path}. Available: GET|POST /__jtel/groups/{AcdGroupsID}/rest-calls, POST /__jtel/groups/{AcdGroupsID}/callbacks, POST /__jtel/groups/{AcdGroupsID}/voice-mails, POST /__jtel/outbound, GET /__jtel/deliveries`,
				});
		}
	}

	private describe(groupId: number): Record<string, unknown> {
		const setting = this.setting(groupId);
		return {
			AcdGroupsID: groupId,
			callbackUrl: setting.callbackUrl === undefined ? null : maskedUrl(setting.callbackUrl),
			voiceMailUrl: setting.voiceMailUrl === undefined ? null : maskedUrl(setting.voiceMailUrl),
			foreignSystemId: setting.foreignSystemId,
		};
	}
}

export function isJtelControlPath(path: string): boolean {
	return path.startsWith(JTEL_CONTROL_PREFIX);
}
