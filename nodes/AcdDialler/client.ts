import { RemoteError, remoteError } from '../shared/errors';
import { nodeShell, type ClientOptions } from '../shared/nodeShell';
import { HttpEndpoint } from '../shared/transport/http';
import {
	RestTransport,
	pickField,
	type RestErrorReader,
	type RestResult,
} from '../shared/transport/rest';
import type { HttpMethod } from '../shared/transport/http';
import { ACD_EVENT_TYPES_PATH, JTEL_REST_PATH, SYSTEM_NAME } from './constants';

export interface AcdDiallerCredentials {
	serverUrl: string;
	clientsId: string | number;
	token: string;
	ignoreSslIssues?: boolean;
}

export type AcdDiallerClientOptions = ClientOptions;

/** One request of the node: path below `{server}/rest/v1.0/{ClientsID}`, query already in the path. */
export interface JtelRequest {
	method: HttpMethod;
	/** Path with its query string, every value percent-encoded. */
	path: string;
	body?: unknown;
	/** What a status means for this call, when it means more than the generic text (e.g. clone 409). */
	statusTexts?: Partial<Record<number, string>>;
	/**
	 * For a URL the documentation does not show (kept in one constant): what to do when the
	 * server answers 404 without a JSON body, i.e. does not know the URL.
	 */
	unknownPathHint?: string;
}

export type JtelResponse = RestResult;

/** `{server}/rest/v1.0/{ClientsID}`; a server URL that already ends with /rest/v1.0 works too. */
export function jtelBaseUrl(credentials: AcdDiallerCredentials): string {
	let server = String(credentials.serverUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (server.endsWith(JTEL_REST_PATH)) server = server.slice(0, -JTEL_REST_PATH.length);
	const clientsId = String(credentials.clientsId ?? '').trim();
	if (!/^[0-9]+$/.test(clientsId)) {
		throw remoteError(
			`The ClientsID in the credential must be a whole number, not "${clientsId}"`,
			{
				kind: 'auth',
				system: SYSTEM_NAME,
				hint: 'Set the ClientsID of your jtel client account (e.g. 1) in the ACD Dialler credential.',
			},
		);
	}
	return `${server}${JTEL_REST_PATH}/${clientsId}`;
}

/**
 * jtel error bodies are `{ "status": 404, "error": "Dialler campaign not found" }`. Any JSON body is
 * read (so a JSON 404 is told apart from the empty 404 of an unknown endpoint); its `error` text
 * is the server's message.
 */
export const readJtelError: RestErrorReader = (_status, data) => {
	const text = pickField(data, ['error', 'Error', 'message', 'Message']);
	if (typeof text === 'string' && text.trim() !== '') return { serverMessage: text.trim() };
	const json = JSON.stringify(data) ?? '';
	return { serverMessage: json.length > 200 ? `${json.slice(0, 200)}…` : json };
};

interface StatusText {
	text: string;
	meaning: string;
	hint: string;
}

/** What each documented return code means. */
const STATUS_TEXTS: Record<number, StatusText> = {
	400: {
		text: 'the request was rejected',
		meaning:
			'Bad request: usually a required parameter is missing or invalid; the server says which.',
		hint: 'Check the parameters named in the server message.',
	},
	401: {
		text: 'token or ClientsID wrong',
		meaning: 'The bearer token is invalid, the ClientsID is wrong, or both.',
		hint: 'Check the token and the ClientsID in the ACD Dialler credential. Generating a new token or deleting one in the jtel portal invalidates the old one at once.',
	},
	409: {
		text: 'conflict',
		meaning:
			'The operation is blocked: the object being created or cloned already exists, or another precondition failed.',
		hint: 'Check what already exists on the server.',
	},
	500: {
		text: 'internal server error',
		meaning: 'The jtel server had an internal error.',
		hint: 'Report the call and the server response to jtel support.',
	},
};

const RECORD_NOT_FOUND: StatusText = {
	text: 'record not found',
	meaning: 'The endpoint exists, but the object asked for does not.',
	hint: 'Check the ID or name.',
};

const ENDPOINT_NOT_AVAILABLE: StatusText = {
	text: 'endpoint not available on this server',
	meaning: 'HTTP 404 without a JSON body: the server does not offer this endpoint.',
	hint: 'Check the Server URL in the credential, and that your jtel release offers this function.',
};

/** The jtel-specific error for a refused call; other errors are returned unchanged. */
export function jtelError(error: unknown, request: JtelRequest, action: string): unknown {
	if (!(error instanceof RemoteError)) return error;
	const { info } = error;
	const status = info.httpStatus;
	if (
		status === undefined ||
		status < 300 ||
		(info.kind !== 'remote' && info.kind !== 'http' && info.kind !== 'auth')
	) {
		return error;
	}
	// A JSON body was read (kind 'remote', or 'auth' with a server message) versus an empty or non-JSON body.
	const jsonBody =
		info.kind === 'remote' || (info.kind === 'auth' && info.serverMessage !== undefined);
	const generic =
		status === 404 ? (jsonBody ? RECORD_NOT_FOUND : ENDPOINT_NOT_AVAILABLE) : STATUS_TEXTS[status];
	if (!generic) return error;
	const specific = request.statusTexts?.[status];
	const text = specific && (status !== 404 || jsonBody) ? specific : generic.text;
	// A text (non-JSON, non-HTML) body: the transport quoted a short excerpt of it in its message.
	const server = jsonBody ? info.serverMessage : status === 404 ? undefined : info.quotedBody;
	const message = `${action} failed: ${text} (HTTP ${status})${server ? `: ${server}` : ''}`;
	const baseHint =
		status === 404 && !jsonBody && request.unknownPathHint ? request.unknownPathHint : generic.hint;
	return new RemoteError(message, {
		...info,
		kind: status === 401 ? 'auth' : info.kind,
		meaning: generic.meaning,
		hint: info.hint?.includes('HTML page') ? `${baseHint} ${info.hint}` : baseHint,
	});
}

/** What the credential's Test button says when the server refuses its call. */
const CREDENTIAL_TEST_MESSAGES: Readonly<Record<number, string>> = {
	401: 'Token or ClientsID wrong (HTTP 401)',
	404: 'Endpoint not available on this server (HTTP 404): check the Server URL and the ClientsID',
};

/** The Test button's error for a failed call: its own short message for 401 and 404, else the call's. */
function credentialTestError(error: unknown): unknown {
	if (!(error instanceof RemoteError) || error.info.httpStatus === undefined) return error;
	const message = CREDENTIAL_TEST_MESSAGES[error.info.httpStatus];
	return message ? new RemoteError(message, error.info) : error;
}

/** The values of a credential that must never appear in a message or output. */
export function credentialSecrets(credentials: AcdDiallerCredentials): string[] {
	const token = typeof credentials.token === 'string' ? credentials.token.trim() : '';
	return token ? [token, `Bearer ${token}`] : [];
}

/**
 * Everything the ACD Dialler node sends goes through here: the base URL is built from the
 * credential and the bearer token is applied in this one place.
 */
export class AcdDiallerClient {
	private readonly rest: RestTransport;

	constructor(
		private readonly credentials: AcdDiallerCredentials,
		options: AcdDiallerClientOptions = {},
	) {
		this.rest = new RestTransport(
			new HttpEndpoint({
				system: SYSTEM_NAME,
				baseUrl: jtelBaseUrl(credentials),
				ignoreSslIssues: credentials.ignoreSslIssues ?? false,
				timeoutMs: options.timeoutMs,
				secrets: () => this.secrets(),
			}),
		);
	}

	/** Every value that must never appear in a message or output. */
	secrets(): string[] {
		return credentialSecrets(this.credentials);
	}

	/** Send one request; `action` names it in error messages (e.g. "Get a dialler campaign"). */
	async send(request: JtelRequest, action: string): Promise<JtelResponse> {
		let response: JtelResponse;
		try {
			response = await this.rest.request(
				{
					method: request.method,
					path: request.path,
					body: request.body,
					headers: { Authorization: `Bearer ${String(this.credentials.token ?? '').trim()}` },
				},
				{ operation: action, readError: readJtelError },
			);
		} catch (error) {
			throw jtelError(error, request, action);
		}
		return response;
	}

	/**
	 * The credential's Test: a real GET of the ACD event types with the token, below the ClientsID.
	 * A 401 (token or ClientsID wrong) and a 404 (no such endpoint: Server URL or ClientsID) get
	 * the Test button's own short messages; anything else keeps the message of the failed call.
	 */
	async verify(): Promise<void> {
		try {
			await this.send({ method: 'GET', path: ACD_EVENT_TYPES_PATH }, 'Get ACD event types');
		} catch (error) {
			throw credentialTestError(error);
		}
	}
}

/** How the ACD Dialler node builds its client, tests the credential and loads its lists. */
export const acdDiallerShell = nodeShell<AcdDiallerCredentials, AcdDiallerClient>({
	credential: 'acdDiallerApi',
	create: (credentials, options) => new AcdDiallerClient(credentials, options),
	secrets: credentialSecrets,
});
