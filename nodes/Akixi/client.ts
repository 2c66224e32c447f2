import { createHash } from 'node:crypto';

import { describeUnknown, RemoteError, remoteError } from '../shared/errors';
import { nodeShell, type ClientOptions } from '../shared/nodeShell';
import { AkixiXmlTransport, type AkixiCall, type AkixiMessage } from '../shared/transport/akixiXml';
import { HttpEndpoint } from '../shared/transport/http';
import {
	RestTransport,
	pickField,
	type RestCall,
	type RestErrorReader,
	type RestResult,
} from '../shared/transport/rest';
import { AKIXI_LOGIN_LOCALE, AKIXI_REST_BASE_PATH, AKIXI_WS_DEFAULT_PATH } from './constants';
import {
	AKIXI_SESSION_ERROR_CODES,
	describeAkixiCode,
	INTEGRATOR_CLIENT_ERRORS,
} from './errorCodes';

export type AkixiAuthentication = 'apiKey' | 'sessionId' | 'usernamePassword';

export interface AkixiCredentials {
	baseUrl: string;
	wsUrl?: string;
	authentication: AkixiAuthentication;
	username?: string;
	password?: string;
	sessionId?: string;
	apiKey?: string;
	ignoreSslIssues?: boolean;
}

export type AkixiClientOptions = ClientOptions;

/** REST base URL: the base URL with /CCS/API/v1 appended unless it already ends with it. */
export function restBaseUrl(baseUrl: string): string {
	const trimmed = baseUrl.trim().replace(/\/+$/, '');
	return trimmed.endsWith(AKIXI_REST_BASE_PATH) ? trimmed : `${trimmed}${AKIXI_REST_BASE_PATH}`;
}

/** XML Web Services URL: the credential's own, else the base URL's origin with the default path. */
export function wsEndpointUrl(credentials: AkixiCredentials): string {
	const explicit = credentials.wsUrl?.trim();
	if (explicit) return explicit;
	const base = credentials.baseUrl.trim().replace(/\/+$/, '');
	const withoutRest = base.endsWith(AKIXI_REST_BASE_PATH)
		? base.slice(0, -AKIXI_REST_BASE_PATH.length)
		: base;
	return `${withoutRest}${AKIXI_WS_DEFAULT_PATH}`;
}

/** Reads Akixi REST error bodies: ErrorCode (30000–30009) or a known error name, and Message. */
export const readAkixiRestError: RestErrorReader = (_status, data) => {
	const rawCode = pickField(data, ['ErrorCode', 'Code', 'errorCode', 'code']);
	const message = pickField(data, ['Message', 'message', 'Error', 'error']);
	const description = pickField(data, ['Description', 'description']);
	let code = rawCode !== undefined && typeof rawCode !== 'object' ? String(rawCode) : undefined;
	if (!code && typeof message === 'string') {
		code = Object.keys(INTEGRATOR_CLIENT_ERRORS).find(
			(c) => INTEGRATOR_CLIENT_ERRORS[c].name === message.trim(),
		);
	}
	const known = code ? INTEGRATOR_CLIENT_ERRORS[code] : undefined;
	const text = [message, description]
		.filter((v) => v !== undefined && typeof v !== 'object')
		.map(String)
		.filter((v) => v !== known?.name)
		.join(' — ');
	if (!code && !text) return undefined;
	return {
		code: known ? `${code} ${known.name}` : code,
		meaning: known?.meaning,
		serverMessage: text || undefined,
	};
};

/** The values of a credential that must never appear in a message or output. */
export function credentialSecrets(c: AkixiCredentials): string[] {
	const values = [c.password, c.sessionId, c.apiKey];
	if (c.username && c.password) {
		values.push(Buffer.from(`${c.username}:${c.password}`).toString('base64'));
	}
	return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

// Sessions opened with username + password, shared by every execution of this process.
const sessions = new Map<string, Promise<string>>();

function sessionKey(credentials: AkixiCredentials): string {
	const secret = createHash('sha256')
		.update(`${credentials.username ?? ''}\u0000${credentials.password ?? ''}`)
		.digest('hex');
	return `${restBaseUrl(credentials.baseUrl)}|${secret}`;
}

/** Forget every cached login session (tests). */
export function forgetAkixiSessions(): void {
	sessions.clear();
}

export type AkixiRequest =
	| ({ api: 'ws' } & Omit<AkixiCall, 'sessionId' | 'headers'>)
	| ({ api: 'rest' } & RestCall);

export type AkixiResponse = AkixiMessage | RestResult;

/**
 * Everything the Akixi node sends goes through here: the credential is applied in this one
 * place (SessionID element, JSESSIONID cookie or x-api-key), sessions opened by the REST login
 * are reused, and a session error leads to one fresh login and one retry.
 */
export class AkixiClient {
	private readonly rest: RestTransport;
	private readonly ws: AkixiXmlTransport;
	private currentSession?: string;

	constructor(
		private readonly credentials: AkixiCredentials,
		options: AkixiClientOptions = {},
	) {
		const common = {
			system: 'Akixi',
			ignoreSslIssues: credentials.ignoreSslIssues ?? false,
			timeoutMs: options.timeoutMs,
			secrets: () => this.secrets(),
		};
		this.rest = new RestTransport(
			new HttpEndpoint({ ...common, baseUrl: restBaseUrl(credentials.baseUrl) }),
		);
		this.ws = new AkixiXmlTransport(
			new HttpEndpoint({ ...common, baseUrl: wsEndpointUrl(credentials) }),
			describeAkixiCode,
		);
	}

	/** Every value that must never appear in a message or output, the session opened by the login included. */
	secrets(): string[] {
		const session = this.currentSession ? [this.currentSession] : [];
		return [...credentialSecrets(this.credentials), ...session];
	}

	private async login(): Promise<string> {
		const opened = await this.rest.request(
			{ method: 'POST', path: '/session' },
			{ operation: 'session creation', readError: readAkixiRestError },
		);
		const sessionId = pickField(opened.data, ['SessionID', 'sessionId']);
		if (typeof sessionId !== 'string' || !sessionId) {
			throw remoteError('Akixi did not return a SessionID when a session was opened', {
				kind: 'auth',
				system: 'Akixi',
				operation: 'session creation',
				hint: 'Check the Base URL: POST /session should answer with a SessionID.',
			});
		}
		this.currentSession = sessionId;
		const basic = Buffer.from(
			`${this.credentials.username ?? ''}:${this.credentials.password ?? ''}`,
		).toString('base64');
		const refusal = await this.rest
			.request(
				{
					method: 'GET',
					path: '/login',
					query: { locale: AKIXI_LOGIN_LOCALE },
					headers: { Authorization: `Basic ${basic}`, Cookie: `JSESSIONID=${sessionId}` },
				},
				{ operation: 'login', readError: readAkixiRestError },
			)
			.then(
				() => undefined,
				(error: unknown) => error,
			);
		// A login refused only because other browser sessions of the user are active still binds the session.
		if (refusal instanceof RemoteError) {
			const otherSessions =
				refusal.info.httpStatus === 400 &&
				/other browser sessions/i.test(refusal.info.serverMessage ?? '');
			if (!otherSessions) {
				throw remoteError('Akixi login failed: check the username and password', {
					...refusal.info,
					kind: 'auth',
					operation: 'login',
					hint: 'The REST login (GET /login with Basic authentication) was refused.',
				});
			}
		} else if (refusal !== undefined) {
			throw remoteError(`Akixi login failed: ${describeUnknown(refusal)}`, {
				kind: 'auth',
				system: 'Akixi',
				operation: 'login',
			});
		}
		return sessionId;
	}

	/** The API session to use: the credential's, or one opened (once) with username + password. */
	private async session(fresh = false): Promise<string | undefined> {
		const c = this.credentials;
		if (c.authentication === 'sessionId') return c.sessionId;
		if (c.authentication !== 'usernamePassword') return undefined;
		const key = sessionKey(c);
		if (fresh) sessions.delete(key);
		let pending = sessions.get(key);
		if (!pending) {
			pending = this.login();
			sessions.set(key, pending);
			pending.catch(() => sessions.delete(key));
		}
		this.currentSession = await pending;
		return this.currentSession;
	}

	private get canLoginAgain(): boolean {
		return this.credentials.authentication === 'usernamePassword';
	}

	private async sendOnce(request: AkixiRequest, fresh: boolean): Promise<AkixiResponse> {
		const sessionId = await this.session(fresh);
		if (request.api === 'ws') {
			if (!sessionId) {
				throw remoteError('The Akixi XML Web Services API needs an API session', {
					kind: 'auth',
					system: 'Akixi',
					operation: request.operation,
					hint: 'Choose "Session ID" or "Username and Password" authentication in the Akixi credential; an API key only opens the REST API.',
				});
			}
			return await this.ws.call({
				operation: request.operation,
				payload: request.payload,
				offset: request.offset,
				limit: request.limit,
				sessionId,
				headers: { Cookie: `JSESSIONID=${sessionId}` },
			});
		}
		const headers: Record<string, string> = { ...(request.headers ?? {}) };
		if (sessionId) headers.Cookie = `JSESSIONID=${sessionId}`;
		else if (this.credentials.apiKey) headers['x-api-key'] = this.credentials.apiKey;
		const result = await this.rest.request(
			{
				method: request.method,
				path: request.path,
				query: request.query,
				body: request.body,
				headers,
			},
			{ readError: readAkixiRestError },
		);
		return result;
	}

	private static isSessionError(error: unknown): boolean {
		if (!(error instanceof RemoteError)) return false;
		if (error.info.operation === 'login' || error.info.operation === 'session creation')
			return false;
		const code = error.info.code?.split(' ')[0];
		return (
			(code !== undefined && AKIXI_SESSION_ERROR_CODES.has(code)) || error.info.httpStatus === 401
		);
	}

	/** Send a request; on a session error with username + password, log in again and retry once. */
	async send(request: AkixiRequest): Promise<AkixiResponse> {
		const first = await this.sendOnce(request, false).then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		if ('response' in first) return first.response;
		if (this.canLoginAgain && AkixiClient.isSessionError(first.error)) {
			return await this.sendOnce(request, true);
		}
		return Promise.reject(first.error);
	}

	/** A real call that proves the credential works (the credential's Test button). */
	async verify(): Promise<void> {
		await this.send({
			api: 'rest',
			method: 'GET',
			path: '/admin/telsys/-1/partition/-1/device/UnknownNoneOrAll/integratorClient',
			query: { limit: 1, offset: 0 },
		});
	}
}

/** How the Akixi node builds its client and tests the credential. */
export const akixiShell = nodeShell<AkixiCredentials, AkixiClient>({
	credential: 'akixiApi',
	create: (credentials, options) => new AkixiClient(credentials, options),
	secrets: credentialSecrets,
});
