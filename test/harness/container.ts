/**
 * One-time, side-effect-free initialisation of the dependency-injection container that
 * n8n-core's execution engine reads from.
 *
 * n8n-core resolves a handful of services lazily through `Container.get(...)` while a
 * workflow runs. Left alone, those defaults would:
 *   - InstanceSettings: create `~/.n8n/config` with a freshly generated encryption key;
 *   - Logger (@n8n/backend-common): build a winston logger printing to stdout;
 *   - ErrorReporter: forward every swallowed error to the logger / Sentry plumbing.
 * We register quiet, in-memory stand-ins for those three before anything runs.
 *
 * n8n-core ships its own nested copy of `@n8n/di` (and `@n8n/backend-common`), which can
 * differ from the hoisted one, so both are resolved from n8n-core's own location and loaded
 * through the regular `require` (so Jest's module registry hands back the very instance
 * n8n-core uses).
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ErrorReporter, InstanceSettings } from 'n8n-core';

type AnyClass<T = unknown> = abstract new (...args: never[]) => T;

interface DiContainer {
	has(type: AnyClass): boolean;
	get<T>(type: AnyClass<T>): T;
	set<T>(type: AnyClass<T>, instance: T): void;
}

export interface SilentLogger {
	error(message: string, metadata?: object): void;
	warn(message: string, metadata?: object): void;
	info(message: string, metadata?: object): void;
	debug(message: string, metadata?: object): void;
	scoped(scopes: string | string[]): SilentLogger;
}

const noop = (): void => {};

function requireFromCore<T>(request: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	const resolved = require.resolve(request, { paths: [coreDir] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(resolved) as T;
}

function stubOf<T extends object>(cls: AnyClass<T>, fields: Partial<Record<string, unknown>>): T {
	const instance = Object.create((cls as unknown as { prototype: object }).prototype) as T;
	return Object.assign(instance, fields);
}

let initialised = false;

/** Errors n8n-core reported through ErrorReporter (normally sent to Sentry). For debugging. */
export const reportedErrors: unknown[] = [];

export function ensureEngine(): void {
	if (initialised) return;

	const { Container } = requireFromCore<{ Container: DiContainer }>('@n8n/di');
	const { Logger } = requireFromCore<{ Logger: AnyClass<SilentLogger> }>('@n8n/backend-common');

	const logger = stubOf(Logger, {
		error: noop,
		warn: noop,
		info: noop,
		debug: noop,
	});
	logger.scoped = () => logger;
	Container.set(Logger, logger);

	// Never touch ~/.n8n: an in-memory InstanceSettings with a throw-away encryption key.
	const n8nFolder = path.join(tmpdir(), 'n8n-harness-unused');
	const encryptionKey = randomBytes(24).toString('base64');
	Container.set(
		InstanceSettings,
		stubOf(InstanceSettings, {
			n8nFolder,
			staticCacheDir: path.join(n8nFolder, 'cache'),
			customExtensionDir: path.join(n8nFolder, 'custom'),
			nodesDownloadDir: path.join(n8nFolder, 'nodes'),
			settingsFile: path.join(n8nFolder, 'config'),
			settings: { encryptionKey },
			instanceType: 'main',
			instanceRole: 'unset',
			isMultiMainEnabled: false,
			isMultiMainLicensed: false,
			hostId: 'main-harness',
			instanceId: 'harness-instance-id',
			derivedInstanceId: 'harness-instance-id',
			hmacSignatureSecret: randomBytes(32).toString('hex'),
		}),
	);

	Container.set(
		ErrorReporter,
		stubOf(ErrorReporter, {
			error: (e: unknown) => void reportedErrors.push(e),
			warn: (e: unknown) => void reportedErrors.push(e),
			info: noop,
		}),
	);

	keepLoopbackOffProxies();

	initialised = true;
}

/** If the machine has an HTTP(S) proxy configured, make sure loopback simulators bypass it. */
function keepLoopbackOffProxies(): void {
	const env = process.env;
	const proxied = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY'].some(
		(name) => env[name] ?? env[name.toLowerCase()],
	);
	if (!proxied) return;
	for (const name of ['NO_PROXY', 'no_proxy']) {
		const entries = (env[name] ?? '').split(',').filter(Boolean);
		for (const host of ['localhost', '127.0.0.1', '::1']) {
			if (!entries.includes(host)) entries.push(host);
		}
		env[name] = entries.join(',');
	}
}
