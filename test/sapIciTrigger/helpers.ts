import http from 'node:http';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SapIciApi } from '../../credentials/SapIciApi.credentials';
import { SapIciTrigger } from '../../nodes/SapIci/SapIciTrigger.node';
import { readResolved } from '../../simulators/oii/wire';
import type { OiiSimulator } from '../../simulators/oii';
import { startTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from '../harness';
import { canonical, credentialsFor } from '../sapIci/helpers';

export { canonical, credentialsFor, fixture, startSim, stopSim } from '../sapIci/helpers';

export const NODE_NAME = 'SAP ICI Trigger';
export const SOAP_TYPE = 'text/xml; charset=utf-8';

/** The trigger behind the harness, its credential pointing at the simulator. */
export async function startTrigger(
	sim: OiiSimulator,
	parameters: INodeParameters,
	options: Partial<TriggerHarnessOptions> = {},
): Promise<TriggerHarness> {
	return await startTriggerHarness({
		nodeType: new SapIciTrigger(),
		parameters,
		credentialTypes: [new SapIciApi()],
		credentials: { sapIciApi: credentialsFor(sim) },
		...options,
	});
}

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/**
 * POST a body and read the answer. The answer counts even when the server stops reading the body
 * early (a 413 before the whole body was sent).
 */
export async function post(
	url: string,
	body: string | Buffer,
	headers: Record<string, string> = {},
	options: { chunked?: boolean } = {},
): Promise<Reply> {
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	const length: Record<string, string> = options.chunked
		? { 'Transfer-Encoding': 'chunked' }
		: { 'Content-Length': String(payload.length) };
	return await new Promise<Reply>((resolve, reject) => {
		let answered = false;
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { 'Content-Type': SOAP_TYPE, ...length, ...headers },
			},
			(response) => {
				answered = true;
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('error', (error) => {
			if (!answered) reject(error);
		});
		if (options.chunked) {
			request.write(payload);
			request.end();
		} else {
			request.end(payload);
		}
	});
}

/** The URL the trigger registered at OII (the webhook URL with the secret). */
export function appUrlOf(trigger: TriggerHarness): string {
	const appUrl = trigger.nodeStaticData.appUrl;
	if (typeof appUrl !== 'string') throw new Error('The trigger holds no subscription');
	return appUrl;
}

/** Items of every run, flattened. */
export function emittedJson(trigger: TriggerHarness): IDataObject[] {
	return trigger.emitted.flat().map((item) => item.json);
}

/** The answer envelope in comparable form. */
export function canonicalXml(xml: string) {
	return canonical(readResolved(xml));
}
