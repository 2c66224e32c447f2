import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { SapIciApi } from '../../credentials/SapIciApi.credentials';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import type { ResolvedElement } from '../../simulators/oii/wire';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import type { SoapMessage } from '../../nodes/shared/transport/soap';
import { startOiiSimulator, type OiiSimulator } from '../../simulators/oii';
import { runNode, type RunNodeResult } from '../harness';

/** A fixture of test/fixtures/sapIci (chapter-9 samples and the like). */
export function fixture(name: string): string {
	return readFileSync(path.join(__dirname, '..', 'fixtures', 'sapIci', name), 'utf8');
}

export function credentialsFor(
	sim: OiiSimulator,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		url: sim.endpoint,
		authentication: 'none',
		username: '',
		password: '',
		language: '',
		user: '',
		ignoreSslIssues: false,
		timeout: 10000,
		...overrides,
	} as ICredentialDataDecryptedObject;
}

export interface RunIciOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: ICredentialDataDecryptedObject;
}

export async function runIci(
	sim: OiiSimulator,
	parameters: INodeParameters,
	options: RunIciOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new SapIci(),
		parameters,
		credentialTypes: [new SapIciApi()],
		credentials: { sapIciApi: options.credentials ?? credentialsFor(sim) },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** Run and expect success: the output JSON of every item. */
export async function ici(
	sim: OiiSimulator,
	parameters: INodeParameters,
	options: RunIciOptions = {},
): Promise<IDataObject[]> {
	const result = await runIci(sim, parameters, options);
	if (result.error) {
		throw new Error(
			`${String(parameters.resource)}.${String(parameters.operation)} failed: ${result.error.message}`,
		);
	}
	return result.items.map((item) => item.json);
}

/** The ICI requests the simulator received (control routes left out), parsed. */
export function iciRequests(
	sim: OiiSimulator,
): Array<{ soapAction: string | undefined; body: string; message: SoapMessage }> {
	return sim.requests
		.filter((r) => r.method === 'POST' && r.path === '/OII/OII.asmx')
		.map((r) => ({
			soapAction: Array.isArray(r.headers.soapaction)
				? r.headers.soapaction[0]
				: r.headers.soapaction,
			body: r.body,
			message: readIciEnvelope(r.body),
		}));
}

export async function startSim(): Promise<OiiSimulator> {
	return await startOiiSimulator({ port: 0 });
}

export async function stopSim(sim: OiiSimulator | undefined): Promise<void> {
	resetHttpClients();
	await sim?.close();
}

/** Every text an error exposes: message, description and the JSON of error items. */
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

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface Canonical {
	name: string;
	nil?: string;
	text?: string;
	children?: Canonical[];
}

/** The comparable form: expanded names, trimmed leaf text, xsi:nil; header entries in name order. */
export function canonical(
	element: ResolvedElement,
	replace: Record<string, string> = {},
): Canonical {
	const out: Canonical = { name: `{${element.namespace}}${element.name}` };
	const nil = element.attributes[`{${XSI}}nil`];
	if (nil !== undefined) out.nil = nil;
	if (element.children.length === 0) {
		const text = element.text.trim();
		out.text = Object.prototype.hasOwnProperty.call(replace, element.name)
			? replace[element.name]
			: text;
		return out;
	}
	const children = element.children.map((c) => canonical(c, replace));
	out.children =
		element.name === 'Header' ? children.sort((a, b) => a.name.localeCompare(b.name)) : children;
	return out;
}

export function bodyElement(tree: Canonical): Canonical {
	const body = tree.children!.find((c) => c.name.endsWith('}Body'))!;
	return body.children![0];
}
