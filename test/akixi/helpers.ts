import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { AkixiApi } from '../../credentials/AkixiApi.credentials';
import { Akixi } from '../../nodes/Akixi/Akixi.node';
import { forgetAkixiSessions } from '../../nodes/Akixi/client';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { readAkixiMessage, type AkixiMessage } from '../../nodes/shared/transport/akixiXml';
import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	startAkixiSimulator,
	type AkixiSimulator,
} from '../../simulators/akixi';
import { runNode, type RunNodeResult } from '../harness';

export { AKIXI_SIM_API_KEY, AKIXI_SIM_PASSWORD, AKIXI_SIM_SESSION_ID, AKIXI_SIM_USERNAME };

export type AuthMode = 'sessionId' | 'apiKey' | 'usernamePassword';

export function credentialsFor(
	sim: AkixiSimulator,
	mode: AuthMode = 'sessionId',
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		baseUrl: sim.url,
		wsUrl: '',
		authentication: mode,
		sessionId: AKIXI_SIM_SESSION_ID,
		apiKey: AKIXI_SIM_API_KEY,
		username: AKIXI_SIM_USERNAME,
		password: AKIXI_SIM_PASSWORD,
		ignoreSslIssues: false,
		...overrides,
	} as ICredentialDataDecryptedObject;
}

export interface RunAkixiOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	mode?: AuthMode;
	credentials?: ICredentialDataDecryptedObject;
}

export async function runAkixi(
	sim: AkixiSimulator,
	parameters: INodeParameters,
	options: RunAkixiOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Akixi(),
		parameters,
		credentialTypes: [new AkixiApi()],
		credentials: { akixiApi: options.credentials ?? credentialsFor(sim, options.mode) },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** The Akixi XML requests the simulator received, parsed, in order. */
export function wsRequests(sim: AkixiSimulator): AkixiMessage[] {
	return sim.requests
		.filter((r) => r.method === 'POST' && r.path.startsWith('/CCS/WS'))
		.map((r) => readAkixiMessage(r.body));
}

export async function startSim(): Promise<AkixiSimulator> {
	return await startAkixiSimulator({ port: 0 });
}

/** Seed state, no faults, no recorded requests, no cached login sessions. */
export function resetSim(sim: AkixiSimulator): void {
	sim.reset();
	forgetAkixiSessions();
}

export async function stopSim(sim: AkixiSimulator | undefined): Promise<void> {
	resetHttpClients();
	forgetAkixiSessions();
	await sim?.close();
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
