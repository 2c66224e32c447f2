import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { TvoxMccApi } from '../../credentials/TvoxMccApi.credentials';
import { forgetTvoxJsonForms } from '../../nodes/TvoxMcc/client';
import { TvoxMcc } from '../../nodes/TvoxMcc/TvoxMcc.node';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import {
	startTvoxSimulator,
	type TvoxSimulator,
	type TvoxSimulatorOptions,
} from '../../simulators/tvox';
import { runNode, testCredential, type RunNodeResult } from '../harness';

export type Protocol = 'soap' | 'rest';

export const PROTOCOLS: Protocol[] = ['soap', 'rest'];

export function credentialsFor(
	sim: TvoxSimulator,
	protocol: Protocol,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		baseUrl: sim.url,
		protocol,
		authentication: 'none',
		username: '',
		password: '',
		ignoreSslIssues: false,
		timeout: 10000,
		...overrides,
	} as ICredentialDataDecryptedObject;
}

export interface RunTvoxOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
}

export async function runTvox(
	sim: TvoxSimulator,
	protocol: Protocol,
	parameters: INodeParameters,
	options: RunTvoxOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new TvoxMcc(),
		parameters,
		credentialTypes: [new TvoxMccApi()],
		credentials: { tvoxMccApi: options.credentials ?? credentialsFor(sim, protocol) },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

export async function testTvoxCredential(data: ICredentialDataDecryptedObject) {
	return await testCredential(new TvoxMccApi(), data, new TvoxMcc());
}

/** The JSON of the node's output items. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	if (result.error)
		throw new Error(
			`The node failed: ${result.error.message} — ${String(result.error.description ?? '')}`,
		);
	return result.items.map((item) => item.json);
}

/** Forget every process-wide cache of the node: WSDL clients, pooled connections, learned JSON forms. */
export function forgetClients(): void {
	forgetWsdlClients();
	forgetTvoxJsonForms();
	resetHttpClients();
}

export async function startSim(options: TvoxSimulatorOptions = {}): Promise<TvoxSimulator> {
	return await startTvoxSimulator({ port: 0, ...options });
}

/** Seed state, start settings, no faults, no recorded requests; caches of the node dropped. */
export function resetSim(sim: TvoxSimulator): void {
	sim.reset();
	forgetClients();
}

export async function stopSim(sim: TvoxSimulator | undefined): Promise<void> {
	forgetClients();
	await sim?.close();
}

/** Requests the simulator received for the given protocol (WSDL fetches excluded). */
export function callsOf(sim: TvoxSimulator, protocol: Protocol) {
	return sim.requests.filter((r) =>
		protocol === 'soap'
			? r.path === '/mc/cxf/soap' && r.method === 'POST'
			: r.path.startsWith('/mc/cxf/rest/json/'),
	);
}

/** Every text an error exposes to the user: message, description and JSON of error items. */
export function exposedText(result: RunNodeResult): string {
	const parts: string[] = [];
	if (result.error) {
		parts.push(
			result.error.message,
			String(result.error.description ?? ''),
			JSON.stringify(result.error.context ?? {}),
		);
	}
	parts.push(JSON.stringify(result.items.map((i) => i.json)));
	return parts.join('\n');
}

/** Start a session through the node and return its ID. */
export async function startSession(
	sim: TvoxSimulator,
	protocol: Protocol,
	fields: INodeParameters = {},
	channelId = 1,
	serviceCode = 'SUPPORT',
): Promise<string> {
	const result = await runTvox(sim, protocol, {
		resource: 'session',
		operation: 'startSession',
		channelId,
		serviceCode,
		additionalFields: fields,
	});
	const [json] = jsonOf(result);
	return String(json.sessionId);
}
