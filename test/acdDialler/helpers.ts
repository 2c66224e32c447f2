import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';

import { AcdDiallerApi } from '../../credentials/AcdDiallerApi.credentials';
import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import {
	startJtelSimulator,
	JTEL_SIM_CLIENTS_ID,
	JTEL_SIM_TOKEN,
	type JtelSimulator,
} from '../../simulators/jtel';
import type { RecordedRequest } from '../../simulators/shared/httpServer';
import { loadOptions, runNode, type RunNodeResult } from '../harness';

export { JTEL_SIM_CLIENTS_ID, JTEL_SIM_TOKEN };

export function fixture<T = Record<string, unknown>>(name: string): T {
	return JSON.parse(
		readFileSync(path.join(__dirname, '..', 'fixtures', 'acdDialler', name), 'utf8'),
	) as T;
}

export function credentialsFor(
	sim: JtelSimulator,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		serverUrl: sim.url,
		clientsId: String(JTEL_SIM_CLIENTS_ID),
		token: JTEL_SIM_TOKEN,
		ignoreSslIssues: false,
		...overrides,
	} as ICredentialDataDecryptedObject;
}

export interface RunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
}

export async function run(
	sim: JtelSimulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new AcdDialler(),
		parameters,
		credentialTypes: [new AcdDiallerApi()],
		credentials: { acdDiallerApi: options.credentials ?? credentialsFor(sim) },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** A list of options of the node, loaded as n8n's editor loads it (n8n-core's LoadOptionsContext). */
export async function loadNodeOptions(
	method: string,
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters = {},
): Promise<INodePropertyOptions[]> {
	return await loadOptions({
		nodeType: new AcdDialler(),
		method,
		credentialTypes: [new AcdDiallerApi()],
		credentials: { acdDiallerApi: credentials },
		parameters,
	});
}

/** The JSON of every output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}

/** The requests the simulator received on the REST API, oldest first. */
export function apiCalls(sim: JtelSimulator): RecordedRequest[] {
	return sim.requests.filter((r) => r.path.startsWith('/rest/v1.0/'));
}

/** The only REST request of a run, as method + path below the client base + query. */
export function onlyCall(sim: JtelSimulator): {
	method: string;
	path: string;
	query: RecordedRequest['query'];
	request: RecordedRequest;
} {
	const calls = apiCalls(sim);
	expect(calls).toHaveLength(1);
	const request = calls[0];
	const prefix = `/rest/v1.0/${JTEL_SIM_CLIENTS_ID}`;
	expect(request.path.startsWith(prefix)).toBe(true);
	return {
		method: request.method,
		path: request.path.slice(prefix.length),
		query: request.query,
		request,
	};
}

export async function startSim(): Promise<JtelSimulator> {
	return await startJtelSimulator({ port: 0 });
}

export async function stopSim(sim: JtelSimulator | undefined): Promise<void> {
	resetHttpClients();
	await sim?.close();
}

/** Every text an error exposes to the user: message, description, context and the JSON of error items. */
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

/** A loopback port nobody listens on. */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
