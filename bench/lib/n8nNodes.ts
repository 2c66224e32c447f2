/**
 * n8n's own HTTP Request and XML nodes, loaded from the n8n-nodes-base of the n8n that
 * `npm run e2e` provisions (`scripts/n8n-env.js`): `<runtime>/n8n/node_modules/n8n-nodes-base`,
 * where `<runtime>` is N8N_RUNTIME_DIR, else `.n8n-runtime/` in the repository. When that n8n is
 * not there yet it is provisioned the same way as for `npm run e2e` (a few minutes and about 3 GB
 * the first time); when that fails the rows that need it fail with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

interface N8nEnv {
	N8N_VERSION: string;
	RUNTIME_DIR: string;
	provision(): Promise<unknown>;
}

export interface N8nNodes {
	/** Where n8n-nodes-base was loaded from. */
	dir: string;
	/** Versions of n8n and of its n8n-nodes-base. */
	n8nVersion: string;
	nodesBaseVersion: string;
	httpRequest: IVersionedNodeType;
	xml: INodeType;
}

/** The repository root: the bench runs compiled, from `dist-bench/bench/lib/`. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

function readVersion(packageDir: string): string | undefined {
	try {
		return (
			JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
				version?: string;
			}
		).version;
	} catch {
		return undefined;
	}
}

function load<T>(file: string): T {
	// The nodes come from the provisioned n8n, outside this package's dependencies.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(file) as T;
}

let loaded: Promise<N8nNodes> | undefined;

async function find(): Promise<N8nNodes> {
	const env = load<N8nEnv>(path.join(ROOT, 'scripts', 'n8n-env.js'));
	const modules = path.join(env.RUNTIME_DIR, 'n8n', 'node_modules');
	const dir = path.join(modules, 'n8n-nodes-base');
	const where = `${dir} (the n8n of npm run e2e; N8N_RUNTIME_DIR moves it)`;
	if (
		readVersion(path.join(modules, 'n8n')) !== env.N8N_VERSION ||
		readVersion(dir) === undefined
	) {
		process.stdout.write(
			`bench: n8n ${env.N8N_VERSION}'s HTTP Request and XML nodes are not in ${where}: provisioning it\n`,
		);
		const failed = await env.provision().then(
			() => undefined,
			(error: unknown) => (error instanceof Error ? error.message : String(error)),
		);
		if (failed !== undefined) {
			throw new Error(
				`n8n ${env.N8N_VERSION} could not be provisioned in ${env.RUNTIME_DIR} (${failed}); ` +
					'run npm run n8n:provision, or point N8N_RUNTIME_DIR at a provisioned n8n',
			);
		}
	}
	const n8nVersion = readVersion(path.join(modules, 'n8n'));
	const nodesBaseVersion = readVersion(dir);
	if (n8nVersion !== env.N8N_VERSION || nodesBaseVersion === undefined) {
		throw new Error(
			`n8n ${env.N8N_VERSION} with its n8n-nodes-base is still missing from ${where}`,
		);
	}
	const nodes = path.join(dir, 'dist', 'nodes');
	const { HttpRequest } = load<{ HttpRequest: new () => IVersionedNodeType }>(
		path.join(nodes, 'HttpRequest', 'HttpRequest.node.js'),
	);
	const { Xml } = load<{ Xml: new () => INodeType }>(path.join(nodes, 'Xml', 'Xml.node.js'));
	return { dir, n8nVersion, nodesBaseVersion, httpRequest: new HttpRequest(), xml: new Xml() };
}

/** n8n's HTTP Request and XML nodes (found or provisioned once per run). */
export async function n8nNodes(): Promise<N8nNodes> {
	loaded ??= find();
	return await loaded;
}
