import { isUtf8 } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import {
	NodeConnectionTypes,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { describeUnknown, redact, toNodeError } from '../shared/errors';
import { sapIciShell, type SapIciClient } from './client';
import { readIciEnvelope } from './envelope';
import { decodeIciNotification, writeIciEventAnswer, type IciNotification } from './events';
import { READ_EVENTS_RAW, TRIGGER_PROPERTIES } from './trigger/description';
import {
	basicAuthRefused,
	BodyError,
	clientAddress,
	incomingAuthenticationOf,
	isAllowed,
	parseAllowlist,
	queryValue,
	readRawBody,
	refusalHeaders,
	sameSecret,
	sendText,
	type WebhookRequest,
} from '../shared/webhookRequest';
import { MAX_EVENT_BYTES, sendClientFault, sendSoap } from './trigger/request';
import {
	appUrlWithSecret,
	maskedAppUrl,
	SECRET_PARAMETER,
	sameTargets,
	subscribeAll,
	SubscribeError,
	subscribeWithRetries,
	subscriptionTargets,
	triggerState,
	unsubscribeAll,
	type SubscriptionTarget,
	type TriggerState,
} from './trigger/subscriptions';

/** Pauses between the attempts to subscribe again after subscriptionEnded (shut-down or timeout). */
const RESUBSCRIBE_DELAYS_MS = [1000, 3000];

/** subscriptionEnded reasons after which OII has dropped the subscriptions (9.3.2). */
const REASONS_TO_RESUBSCRIBE = new Set(['1', '3']);

type HookOrWebhook = IHookFunctions | IWebhookFunctions;

async function clientOf(ctx: HookOrWebhook): Promise<SapIciClient> {
	return await sapIciShell.client(ctx);
}

function targetsOf(ctx: HookOrWebhook): SubscriptionTarget[] {
	try {
		return subscriptionTargets(
			ctx.getNodeParameter('userIds', []),
			ctx.getNodeParameter('containers', {}),
		);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), describeUnknown(error));
	}
}

/** The URL OII is to post to (before the secret is added): the override, else the webhook URL. */
function eventUrlOf(ctx: IHookFunctions): string {
	const override = String(ctx.getNodeParameter('appUrlOverride', '') ?? '').trim();
	if (override !== '') return override;
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger');
	return url;
}

function registeredAppUrl(ctx: IHookFunctions, secret: string): string {
	const eventUrl = eventUrlOf(ctx);
	try {
		return appUrlWithSecret(eventUrl, secret);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `App URL Override: ${describeUnknown(error)}`);
	}
}

function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

function checkAllowlist(ctx: IHookFunctions): void {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	try {
		parseAllowlist(String(options.ipAllowlist ?? ''));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), describeUnknown(error));
	}
}

function subscribeError(ctx: HookOrWebhook, error: unknown, secrets: readonly string[]) {
	if (error instanceof SubscribeError) {
		const nodeError = toNodeError(ctx.getNode(), error.reason, 0, secrets);
		nodeError.message = redact(error.message, secrets);
		return nodeError;
	}
	return toNodeError(ctx.getNode(), error, 0, secrets);
}

/**
 * Warn when n8n is going to parse this trigger's events itself: Read Events Raw turned off, or a
 * trigger saved before the option existed whose Options were stored (n8n fills in defaults only
 * for missing parameters, not for missing options of a stored collection). n8n then reads and
 * parses each body before the trigger runs; the trigger still works on n8n's copy of the body.
 */
function warnWhenN8nParses(ctx: IHookFunctions): void {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (options[READ_EVENTS_RAW] === true) return;
	ctx.logger.warn(
		`SAP ICI Trigger "${ctx.getNode().name}": n8n parses its events before the trigger reads them, and one malformed body can then stall n8n's XML parsing. Turn on Options > Read Events Raw (Add Option, for a trigger saved by an earlier version) and save the workflow.`,
	);
}

function forgetSubscription(state: TriggerState): void {
	delete state.appUrl;
	delete state.targets;
	delete state.subscribedAt;
}

const NO_RUN: IWebhookResponseData = { noWebhookResponse: true };

export class SapIciTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP ICI Trigger',
		name: 'sapIciTrigger',
		icon: { light: 'file:sapIci.svg', dark: 'file:sapIci.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"OII events: " + ($parameter["events"] || []).length}}',
		description:
			'Starts the workflow on SAP Contact Center events (users, calls, e-mails, chats, action items) sent by OII through the ICI event interface',
		defaults: { name: 'SAP ICI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapIciApi', required: true, testedBy: 'sapIciApiTest' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'ici-events' },
		],
		eventTriggerDescription: 'Waiting for OII to send an event',
		activationMessage: 'OII now sends the subscribed events to this workflow.',
		properties: TRIGGER_PROPERTIES,
	};

	methods = {
		credentialTest: {
			sapIciApiTest: sapIciShell.credentialTest,
		},
	};

	webhookMethods = {
		default: {
			/**
			 * True when OII holds this trigger's subscriptions for the current appUrl and targets.
			 * Subscriptions for another appUrl (WEBHOOK_URL or the override changed) or other targets
			 * are ended and false is returned, so that `create` subscribes anew. When n8n starts, the
			 * subscriptions are made again (OII may have ended them while n8n was not listening;
			 * subscribing again under the same appUrl and appId is harmless).
			 *
			 * Waiting for a test event, n8n works on a copy of the static data and the test URL: the
			 * test URL is subscribed next to the workflow's own subscriptions, which are left alone
			 * (OII keys subscriptions by appUrl and appId, so ending the test ones keeps them).
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				warnWhenN8nParses(this);
				const state = triggerState(this.getWorkflowStaticData('node'));
				if (this.getActivationMode() === 'manual') return false;
				if (!state.appUrl || !state.appId || !state.secret) return false;
				const wanted = registeredAppUrl(this, state.secret);
				if (state.appUrl === wanted && sameTargets(state.targets, targetsOf(this))) {
					return this.getActivationMode() !== 'init';
				}
				const client = await clientOf(this);
				const failures = await unsubscribeAll(
					client,
					state.appUrl,
					state.appId,
					state.targets ?? [],
				);
				if (failures.length) {
					const secrets = [state.secret, ...client.secrets()];
					this.logger.warn(
						redact(
							`SAP ICI Trigger: ending the subscriptions of ${maskedAppUrl(state.appUrl)} failed (${failures
								.map((f) => `${f.kind}: ${describeUnknown(f.error)}`)
								.join('; ')}); a new secret is used so that events still sent there are refused`,
							secrets,
						),
					);
					state.secret = newSecret();
				}
				forgetSubscription(state);
				return false;
			},

			/** Subscribe the users and containers with the webhook URL (plus the secret) as appUrl. */
			async create(this: IHookFunctions): Promise<boolean> {
				const state = triggerState(this.getWorkflowStaticData('node'));
				checkAllowlist(this);
				const targets = targetsOf(this);
				if (targets.length === 0) {
					throw new NodeOperationError(
						this.getNode(),
						'Nothing to subscribe: add a user ID or a container',
						{
							description:
								'OII sends events only for subscribed users (userChanged) and containers (phone lines, folders, chat lines, action item inboxes).',
						},
					);
				}
				state.secret ??= newSecret();
				state.appId ??= randomUUID();
				const appUrl = registeredAppUrl(this, state.secret);
				const client = await clientOf(this);
				try {
					await subscribeAll(client, appUrl, state.appId, targets);
				} catch (error) {
					throw subscribeError(this, error, [state.secret, ...client.secrets()]);
				}
				state.appUrl = appUrl;
				state.targets = targets;
				state.subscribedAt = new Date().toISOString();
				return true;
			},

			/** End every subscription of the trigger. On failure the state is kept for another try. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = triggerState(this.getWorkflowStaticData('node'));
				if (!state.appUrl || !state.appId) return true;
				const client = await clientOf(this);
				const failures = await unsubscribeAll(
					client,
					state.appUrl,
					state.appId,
					state.targets ?? [],
				);
				if (failures.length) {
					const secrets = [state.secret, ...client.secrets()].filter((s): s is string => !!s);
					const first = toNodeError(this.getNode(), failures[0].error, 0, secrets);
					first.message = redact(
						`Ending the subscriptions at OII failed: ${failures.map((f) => `Ici${f.kind === 'user' ? 'User' : 'Container'}.unsubscribe: ${describeUnknown(f.error)}`).join('; ')}`,
						secrets,
					);
					throw first;
				}
				forgetSubscription(state);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as WebhookRequest;
		const res = this.getResponseObject() as ServerResponse;
		const state = triggerState(this.getWorkflowStaticData('node'));
		const options = this.getNodeParameter('options', {}) as IDataObject;

		// Who may post: the allowlist, the secret of the appUrl, Basic authentication.
		let allowlist: ReturnType<typeof parseAllowlist>;
		try {
			allowlist = parseAllowlist(String(options.ipAllowlist ?? ''));
		} catch (error) {
			// Closed when misconfigured (activation refuses an invalid list, so this is an edited one).
			this.logger.warn(`SAP ICI Trigger: every event is refused: ${describeUnknown(error)}`);
			sendText(res, 403, 'Forbidden');
			return NO_RUN;
		}
		if (allowlist && !isAllowed(allowlist, clientAddress(req))) {
			sendText(res, 403, 'Forbidden');
			return NO_RUN;
		}
		const presented = queryValue(this.getQueryData(), SECRET_PARAMETER);
		if (!state.secret || presented === undefined || !sameSecret(presented, state.secret)) {
			sendText(res, 401, 'Unauthorized');
			return NO_RUN;
		}
		if (basicAuthRefused(req, incomingAuthenticationOf(this))) {
			sendText(res, 401, 'Unauthorized', undefined, {
				'WWW-Authenticate': 'Basic realm="SAP ICI Trigger", charset="UTF-8"',
			});
			return NO_RUN;
		}

		// The whole event is read before anything is answered or started.
		let body: Buffer;
		try {
			body = await readRawBody(req, MAX_EVENT_BYTES);
		} catch (error) {
			const status = error instanceof BodyError ? error.status : 400;
			sendText(res, status, describeUnknown(error), undefined, refusalHeaders(req, status));
			return NO_RUN;
		}
		// Events are read as UTF-8: bytes that are not would turn into replacement characters unnoticed.
		if (!isUtf8(body)) {
			sendClientFault(res, 'Not an IciEvent message: the body is not valid UTF-8');
			return NO_RUN;
		}
		let notification: IciNotification;
		try {
			notification = decodeIciNotification(readIciEnvelope(body, MAX_EVENT_BYTES));
		} catch (error) {
			sendClientFault(res, `Not an IciEvent message: ${describeUnknown(error)}`);
			return NO_RUN;
		}
		sendSoap(res, writeIciEventAnswer(notification.event));

		const json: IDataObject = { ...notification };
		if (notification.event === 'subscriptionEnded') {
			const reason = String((notification.reason as IDataObject | null)?.id ?? '').trim();
			if (REASONS_TO_RESUBSCRIBE.has(reason)) json.resubscription = await resubscribe(this, state);
		}

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(notification.event)) return NO_RUN;
		const statuses = (options.callStatuses as string[] | undefined) ?? [];
		if (notification.event === 'phoneCallChanged' && statuses.length > 0) {
			const status = (notification.phoneCall as IDataObject | null)?.callStatus as
				| IDataObject
				| null
				| undefined;
			if (!statuses.includes(String(status?.id ?? '').trim())) return NO_RUN;
		}
		if (options.includeRawXml === true) json.rawXml = body.toString('utf8');
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([json])] };
	}
}

/** Subscribe again under the registered appUrl and appId after OII dropped the subscriptions. */
async function resubscribe(ctx: IWebhookFunctions, state: TriggerState): Promise<IDataObject> {
	const { appUrl, appId, targets } = state;
	if (!appUrl || !appId || !targets?.length) {
		return { subscribed: false, attempts: 0, error: 'The trigger holds no subscription to renew' };
	}
	const client = await clientOf(ctx);
	const secrets = [state.secret ?? '', ...client.secrets()].filter((s) => s !== '');
	const outcome = await subscribeWithRetries(
		() => subscribeAll(client, appUrl, appId, targets),
		RESUBSCRIBE_DELAYS_MS,
		sleep,
	);
	const result: IDataObject = {
		subscribed: outcome.subscribed,
		attempts: outcome.attempts,
		appUrl: maskedAppUrl(appUrl),
	};
	if (outcome.error !== undefined) {
		result.error = redact(outcome.error, secrets);
		ctx.logger.warn(
			`SAP ICI Trigger: subscribing again after subscriptionEnded failed: ${result.error as string}`,
		);
	}
	return result;
}
