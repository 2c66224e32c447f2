import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AcdDiallerTrigger } from '../../nodes/AcdDialler/AcdDiallerTrigger.node';
import {
	startJtelSimulator,
	type JtelOutboundDelivery,
	type JtelSimulator,
} from '../../simulators/jtel';
import { startTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from '../harness';

export const NODE_NAME = 'ACD Dialler Trigger';
/** The URL Secret of the tests' triggers (made per run). */
export const SECRET = `jtel-${randomBytes(16).toString('hex')}`;
export const JSON_TYPE = 'application/json; charset=utf-8';

/** The documented example event (test/fixtures/acdDiallerTrigger). */
export function fixtureEvent(name = 'event.callback.json'): Record<string, unknown> {
	return JSON.parse(
		readFileSync(path.join(__dirname, '..', 'fixtures', 'acdDiallerTrigger', name), 'utf8'),
	) as Record<string, unknown>;
}

/** The trigger behind the harness with a URL Secret; activated. */
export async function startTrigger(
	parameters: INodeParameters = {},
	options: Partial<TriggerHarnessOptions> = {},
): Promise<TriggerHarness> {
	const trigger = await startTriggerHarness({
		nodeType: new AcdDiallerTrigger(),
		parameters: { urlSecret: SECRET, ...parameters },
		...options,
	});
	await trigger.activate();
	return trigger;
}

/** The URL pasted into jtel for one event kind. */
export function eventUrl(trigger: TriggerHarness, kind: string, secret: string = SECRET): string {
	return `${trigger.url}?secret=${encodeURIComponent(secret)}&event=${kind}`;
}

export async function startSim(): Promise<JtelSimulator> {
	return await startJtelSimulator();
}

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A request to the simulator's control API (JSON in and out). */
export async function control(
	sim: JtelSimulator,
	method: string,
	route: string,
	body?: unknown,
): Promise<{ status: number; json: IDataObject }> {
	const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
	return await new Promise((resolve, reject) => {
		const request = http.request(
			`${sim.url}${route}`,
			{
				method,
				agent: false,
				headers: payload
					? { 'Content-Type': JSON_TYPE, 'Content-Length': String(payload.length) }
					: {},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: response.statusCode ?? 0,
						json: (text ? JSON.parse(text) : {}) as IDataObject,
					});
				});
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

/** Let the simulator post one event of the kind to the URL (POST /__jtel/outbound) and return its record. */
export async function simPost(
	sim: JtelSimulator,
	url: string,
	event: unknown,
	extra: IDataObject = {},
): Promise<JtelOutboundDelivery> {
	const reply = await control(sim, 'POST', '/__jtel/outbound', { url, event, ...extra });
	if (reply.status !== 200) throw new Error(`The simulator refused: ${JSON.stringify(reply.json)}`);
	return reply.json as unknown as JtelOutboundDelivery;
}

/** Items of every run, flattened. */
export function emittedJson(trigger: TriggerHarness): IDataObject[] {
	return trigger.emitted.flat().map((item) => item.json);
}

/** The JSON body of an answer. */
export function answerOf(reply: { answer?: string; body?: string }): IDataObject {
	return JSON.parse(reply.answer ?? reply.body ?? '') as IDataObject;
}
