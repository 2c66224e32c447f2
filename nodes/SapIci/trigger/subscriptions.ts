import type { IDataObject } from 'n8n-workflow';

import { describeUnknown } from '../../shared/errors';
import type { ParamReader } from '../../shared/operations';
import type { SapIciClient } from '../client';
import type { IciInterfaceKey } from '../constants';
import { buildIciCall, findIciOperation } from '../operations';
import { CHANNEL_TYPES } from '../tables';

/**
 * The trigger's subscriptions at OII (chapters 9.2.6–9.2.7 and 9.5): IciUser.subscribe per user
 * (userChanged) and IciContainer.subscribe per container (containerChanged and the item events of
 * its channel), all under one appUrl and one appId. OII keys a subscription by appUrl and appId, so
 * subscribing again with both unchanged is harmless, and one unsubscribe per interface ends them all.
 */

/** Query parameter of the appUrl carrying the trigger's secret. */
export const SECRET_PARAMETER = 'secret';

export type SubscriptionTarget =
	| { kind: 'user'; userId: string }
	| { kind: 'container'; channelType: string; containerId: string };

/** What the trigger keeps in the workflow's static data (node scope). */
export interface TriggerState {
	/** Per-workflow secret every request must carry (generated once, kept across deactivation). */
	secret?: string;
	/** The appId of every subscription (generated once, kept across deactivation). */
	appId?: string;
	/** The appUrl registered at OII (secret included), while subscribed. */
	appUrl?: string;
	/** What is subscribed under appUrl and appId. */
	targets?: SubscriptionTarget[];
	/** ISO time of the last successful subscribe. */
	subscribedAt?: string;
}

/** The state in static data, typed (static data is plain JSON). */
export function triggerState(staticData: IDataObject): TriggerState {
	return staticData as TriggerState;
}

export class TriggerConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TriggerConfigError';
	}
}

function configError(message: string): TriggerConfigError {
	return new TriggerConfigError(message);
}

/** The users and containers to subscribe, from the node's parameters. */
export function subscriptionTargets(userIds: unknown, containers: unknown): SubscriptionTarget[] {
	const targets: SubscriptionTarget[] = [];
	const seenUsers = new Set<string>();
	const users = Array.isArray(userIds)
		? userIds
		: typeof userIds === 'string'
			? userIds.split(/[,\n]/)
			: [];
	for (const raw of users) {
		const userId = String(raw ?? '').trim();
		// User IDs are not case-sensitive (chapter 9.2).
		if (userId === '' || seenUsers.has(userId.toLowerCase())) continue;
		seenUsers.add(userId.toLowerCase());
		targets.push({ kind: 'user', userId });
	}
	const entries =
		containers && typeof containers === 'object'
			? (containers as IDataObject).container
			: undefined;
	const seenContainers = new Set<string>();
	for (const entry of Array.isArray(entries) ? (entries as IDataObject[]) : []) {
		const channelType = String(entry.channelType ?? '').trim();
		const containerId = String(entry.containerId ?? '').trim();
		if (!Object.prototype.hasOwnProperty.call(CHANNEL_TYPES, channelType)) {
			throw configError(
				`Containers: channel type "${channelType}" is not one of 1 (phone line), 2 (folder), 3 (chat line), 4 (action item inbox)`,
			);
		}
		if (containerId === '')
			throw configError(
				'Containers: every container needs its ID (line number, folder, chat line or action item inbox)',
			);
		const key = `${channelType}|${containerId.toLowerCase()}`;
		if (seenContainers.has(key)) continue;
		seenContainers.add(key);
		targets.push({ kind: 'container', channelType, containerId });
	}
	return targets;
}

/** Same targets, in any order. */
export function sameTargets(
	a: readonly SubscriptionTarget[] | undefined,
	b: readonly SubscriptionTarget[],
): boolean {
	if (!a || a.length !== b.length) return false;
	const key = (t: SubscriptionTarget) =>
		t.kind === 'user'
			? `u|${t.userId.toLowerCase()}`
			: `c|${t.channelType}|${t.containerId.toLowerCase()}`;
	const left = a.map(key).sort();
	const right = b.map(key).sort();
	return left.every((k, i) => k === right[i]);
}

/** The appUrl registered at OII: the event URL with the secret added as a query parameter. */
export function appUrlWithSecret(eventUrl: string, secret: string): string {
	let url: URL;
	try {
		url = new URL(eventUrl.trim());
	} catch {
		throw configError(`"${eventUrl}" is not a URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw configError(`"${eventUrl}" is not an http(s) URL`);
	url.searchParams.set(SECRET_PARAMETER, secret);
	return url.toString();
}

/** The appUrl with its secret masked, for messages and output. */
export function maskedAppUrl(appUrl: string): string {
	try {
		const url = new URL(appUrl);
		if (url.searchParams.has(SECRET_PARAMETER)) url.searchParams.set(SECRET_PARAMETER, '***');
		return url.toString();
	} catch {
		return appUrl.replace(new RegExp(`([?&]${SECRET_PARAMETER}=)[^&#]*`), '$1***');
	}
}

function reader(values: Record<string, string>): ParamReader {
	return {
		itemIndex: 0,
		get: <T>(name: string, fallback?: T): T =>
			(Object.prototype.hasOwnProperty.call(values, name) ? values[name] : fallback) as T,
		collection: () => ({}),
	};
}

async function call(
	client: SapIciClient,
	resource: IciInterfaceKey,
	operation: string,
	values: Record<string, string>,
): Promise<void> {
	const def = findIciOperation(resource, operation);
	if (!def) throw configError(`The operation table has no ${resource}.${operation}`);
	await client.send(buildIciCall(def, reader(values)));
}

async function subscribeOne(
	client: SapIciClient,
	appUrl: string,
	appId: string,
	target: SubscriptionTarget,
): Promise<void> {
	if (target.kind === 'user') {
		await call(client, 'user', 'subscribe', { appUrl, appId, userId: target.userId });
	} else {
		await call(client, 'container', 'subscribe', {
			appUrl,
			appId,
			channelType: target.channelType,
			containerId: target.containerId,
		});
	}
}

/** The interfaces holding subscriptions of these targets. */
function interfacesOf(targets: readonly SubscriptionTarget[]): Array<'user' | 'container'> {
	const kinds = new Set(targets.map((t) => t.kind));
	return (['user', 'container'] as const).filter((k) => kinds.has(k));
}

/**
 * End the subscriptions of appUrl and appId on the interfaces the targets use. Every interface is
 * tried; the failures are returned (an empty list when all succeeded).
 */
export async function unsubscribeAll(
	client: SapIciClient,
	appUrl: string,
	appId: string,
	targets: readonly SubscriptionTarget[],
): Promise<Array<{ kind: 'user' | 'container'; error: unknown }>> {
	const failures: Array<{ kind: 'user' | 'container'; error: unknown }> = [];
	for (const kind of interfacesOf(targets)) {
		try {
			await call(client, kind, 'unsubscribe', { appUrl, appId });
		} catch (error) {
			failures.push({ kind, error });
		}
	}
	return failures;
}

export class SubscribeError extends Error {
	constructor(
		message: string,
		readonly reason: unknown,
	) {
		super(message);
		this.name = 'SubscribeError';
	}
}

function subscribeFailure(message: string, reason: unknown): SubscribeError {
	return new SubscribeError(message, reason);
}

/**
 * Subscribe every target. When one fails, the subscriptions made so far are ended again and the
 * error says which target failed (and whether ending the others failed too).
 */
export async function subscribeAll(
	client: SapIciClient,
	appUrl: string,
	appId: string,
	targets: readonly SubscriptionTarget[],
): Promise<void> {
	const done: SubscriptionTarget[] = [];
	for (const target of targets) {
		try {
			await subscribeOne(client, appUrl, appId, target);
			done.push(target);
		} catch (error) {
			const what =
				target.kind === 'user'
					? `user ${target.userId}`
					: `container ${target.containerId} (channel type ${target.channelType})`;
			let message = `Subscribing ${what} failed: ${describeUnknown(error)}`;
			if (done.length) {
				const failures = await unsubscribeAll(client, appUrl, appId, done);
				message += failures.length
					? `; ending the ${done.length} subscription(s) already made failed too: ${failures.map((f) => `Ici${f.kind === 'user' ? 'User' : 'Container'}.unsubscribe: ${describeUnknown(f.error)}`).join('; ')}`
					: `; the ${done.length} subscription(s) already made were ended again`;
			}
			throw subscribeFailure(message, error);
		}
	}
}

/** A subscribe that may be tried again a few times (re-subscription after subscriptionEnded). */
export async function subscribeWithRetries(
	subscribe: () => Promise<void>,
	delaysMs: readonly number[],
	sleep: (ms: number) => Promise<void>,
): Promise<{ subscribed: boolean; attempts: number; error?: string }> {
	let attempts = 0;
	let last: unknown;
	for (const delay of [0, ...delaysMs]) {
		if (delay > 0) await sleep(delay);
		attempts++;
		try {
			await subscribe();
			return { subscribed: true, attempts };
		} catch (error) {
			last = error;
		}
	}
	return { subscribed: false, attempts, error: describeUnknown(last) };
}
