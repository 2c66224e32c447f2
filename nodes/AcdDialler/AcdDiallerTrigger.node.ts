import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { describeUnknown } from '../shared/errors';
import {
	basicAuthRefused,
	BodyError,
	clientAddress,
	incomingAuthenticationOf,
	isAllowed,
	parseAllowlist,
	queryValue,
	READ_EVENTS_RAW,
	readRawBody,
	sameSecret,
	sendJson,
	type WebhookRequest,
} from '../shared/webhookRequest';
import { MIN_SECRET_LENGTH, SECRET_CHARACTERS, TRIGGER_PROPERTIES } from './trigger/description';
import {
	ACD_EVENT_KINDS,
	checkContentType,
	decodeAcdEvent,
	EVENT_KIND_PARAMETER,
	EventError,
	eventKindOf,
	MAX_EVENT_BYTES,
	parseEventBody,
	SECRET_PARAMETER,
} from './trigger/event';

/** The fixed last part of the webhook path (n8n puts the node's webhook ID before it). */
export const ACD_TRIGGER_PATH = 'jtel-acd-events';

const NO_RUN: IWebhookResponseData = { noWebhookResponse: true };

/** What the trigger keeps in the workflow's static data (node scope). */
interface TriggerState {
	/** SHA-256 (first 16 hex digits) of the URL Secret at the last activation, to notice a changed one. */
	secretFingerprint?: string;
	/** ISO time of the last activation. */
	activatedAt?: string;
}

function fingerprint(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);
}

/** The URL Secret, checked: long enough and of characters a URL carries unchanged. */
function urlSecretOf(ctx: IHookFunctions | IWebhookFunctions): string {
	const secret = String(ctx.getNodeParameter('urlSecret', '') ?? '');
	if (secret.length < MIN_SECRET_LENGTH || !SECRET_CHARACTERS.test(secret)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`URL Secret must be at least ${MIN_SECRET_LENGTH} characters of letters, digits and . _ ~ -`,
			{
				description:
					'Make one with "openssl rand -hex 24", enter it here and in the URL pasted into jtel.',
			},
		);
	}
	return secret;
}

function checkConfiguration(ctx: IHookFunctions): string {
	const secret = urlSecretOf(ctx);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	try {
		parseAllowlist(String(options.ipAllowlist ?? ''));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), describeUnknown(error));
	}
	if (
		ctx.getNodeParameter('incomingAuthentication', 'none') === 'basicAuth' &&
		String(ctx.getNodeParameter('basicAuthUser', '')) === ''
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Basic Auth needs a user: enter the User jtel sends, or set Incoming Authentication to None',
		);
	}
	if ((options[READ_EVENTS_RAW] as boolean | undefined) !== true) {
		ctx.logger.warn(
			`ACD Dialler Trigger "${ctx.getNode().name}": n8n parses its events before the trigger reads them. Turn on Options > Read Events Raw (Add Option) and save the workflow.`,
		);
	}
	return secret;
}

export class AcdDiallerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ACD Dialler Trigger',
		name: 'acdDiallerTrigger',
		icon: { light: 'file:acdDialler.svg', dark: 'file:acdDialler.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"jtel events: " + ($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow on the callback and voice-mail events jtel ACD posts to the REST URL set in an ACD group',
		defaults: { name: 'ACD Dialler Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: ACD_TRIGGER_PATH },
		],
		eventTriggerDescription: 'Waiting for jtel to post a callback or voice-mail event',
		activationMessage:
			"jtel's events now start this workflow: paste the Production URL with the secret and event kind into the ACD group's REST Calls.",
		properties: TRIGGER_PROPERTIES,
	};

	webhookMethods = {
		default: {
			/**
			 * Nothing is registered anywhere: jtel is set up by pasting the URL. The configuration is
			 * checked here so that a bad one fails the activation, and `create` runs every time.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				checkConfiguration(this);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const secret = checkConfiguration(this);
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const now = fingerprint(secret);
				if (
					state.secretFingerprint !== undefined &&
					state.secretFingerprint !== now &&
					this.getActivationMode() !== 'manual'
				) {
					this.logger.warn(
						`ACD Dialler Trigger "${this.getNode().name}": the URL Secret changed since the last activation; update the URL in the ACD group's REST Calls, or jtel's events are refused with 401`,
					);
				}
				state.secretFingerprint = now;
				state.activatedAt = new Date().toISOString();
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as WebhookRequest;
		const res = this.getResponseObject() as ServerResponse;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const refuse = (
			status: number,
			error: string,
			headers: Record<string, string> = {},
		): IWebhookResponseData => {
			sendJson(res, status, { error }, headers);
			return NO_RUN;
		};

		// Who may post: the allowlist, the secret of the URL, Basic authentication.
		let allowlist: ReturnType<typeof parseAllowlist>;
		try {
			allowlist = parseAllowlist(String(options.ipAllowlist ?? ''));
		} catch (error) {
			// Closed when misconfigured (activation refuses an invalid list, so this is an edited one).
			this.logger.warn(`ACD Dialler Trigger: every event is refused: ${describeUnknown(error)}`);
			return refuse(403, 'Forbidden');
		}
		if (allowlist && !isAllowed(allowlist, clientAddress(req))) return refuse(403, 'Forbidden');
		let secret: string;
		try {
			secret = urlSecretOf(this);
		} catch {
			this.logger.warn(
				'ACD Dialler Trigger: every event is refused: the URL Secret is not set as required',
			);
			return refuse(401, 'Unauthorized');
		}
		const presented = queryValue(this.getQueryData(), SECRET_PARAMETER);
		if (presented === undefined || !sameSecret(presented, secret))
			return refuse(401, 'Unauthorized');
		if (basicAuthRefused(req, incomingAuthenticationOf(this))) {
			return refuse(401, 'Unauthorized', {
				'WWW-Authenticate': 'Basic realm="ACD Dialler Trigger", charset="UTF-8"',
			});
		}

		// Which REST call of the ACD group posted: the kind named in the URL.
		const kind = eventKindOf(queryValue(this.getQueryData(), EVENT_KIND_PARAMETER));
		if (kind === undefined) {
			return refuse(
				400,
				`The URL names no event kind: end it with &${EVENT_KIND_PARAMETER}=${ACD_EVENT_KINDS.join(` or &${EVENT_KIND_PARAMETER}=`)}`,
				req.readableEnded || Buffer.isBuffer(req.rawBody) ? {} : { Connection: 'close' },
			);
		}

		// The whole event is read before anything is answered or started.
		let event: IDataObject;
		let body: Buffer;
		try {
			checkContentType(req.headers['content-type']);
			body = await readRawBody(req, MAX_EVENT_BYTES);
			event = decodeAcdEvent(kind, parseEventBody(body));
		} catch (error) {
			if (error instanceof BodyError || error instanceof EventError) {
				const unread = !(req.readableEnded || Buffer.isBuffer(req.rawBody));
				const close = error.status === 413 || error.status === 408 || unread;
				return refuse(error.status, error.message, close ? { Connection: 'close' } : {});
			}
			throw new NodeOperationError(this.getNode(), describeUnknown(error));
		}

		const wanted = this.getNodeParameter('events', [...ACD_EVENT_KINDS]) as string[];
		const started = wanted.includes(kind);
		sendJson(res, 200, { received: true, started, event: kind, AcdEventsID: event.AcdEventsID });
		if (!started) return NO_RUN;
		event.receivedAt = new Date().toISOString();
		if (options.includeRawBody === true) event.rawBody = body.toString('utf8');
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([event])] };
	}
}
