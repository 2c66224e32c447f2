import { redact, remoteError, type RemoteError } from '../remoteError';
import { XmlSafetyError } from '../xml';
import { bodyExcerpt, isHtml, type HttpResponse } from './http';

/** Who answered: the system's name and the secrets to keep out of messages (an HttpEndpoint is one). */
export interface AnswerSource {
	options: { system: string };
	secretValues(): readonly (string | undefined)[];
}

const isAuthStatus = (status: number) => status === 401 || status === 403;
const AUTH_HINT = 'Check the username and password (or token) of the credential.';

/**
 * The failures every XML-over-HTTP transport reports the same way: an HTML page where the API's
 * own format was expected, and an answer that cannot be read.
 */

/** A RemoteError when the answer is an HTML page (a proxy, a login page, a wrong URL); else undefined. */
export function htmlPageError(
	endpoint: AnswerSource,
	response: HttpResponse,
	operation: string,
	urlHint: string,
): RemoteError | undefined {
	if (response.body.trim() === '' || !isHtml(response)) return undefined;
	const system = endpoint.options.system;
	const secrets = endpoint.secretValues();
	return remoteError(
		redact(
			`${system} answered ${operation} with an HTML page (HTTP ${response.status}: "${bodyExcerpt(response.body, secrets)}")`,
			secrets,
		),
		{
			kind: isAuthStatus(response.status) ? 'auth' : 'response',
			system,
			operation,
			httpStatus: response.status,
			transient: response.status >= 502 && response.status <= 504,
			hint: isAuthStatus(response.status)
				? AUTH_HINT
				: `A proxy, login page or wrong URL answered instead of the API. ${urlHint}`,
		},
	);
}

/** A RemoteError for an answer whose XML could not be read (`error` is what the reader threw). */
export function unreadableAnswerError(
	endpoint: AnswerSource,
	response: HttpResponse,
	operation: string,
	error: unknown,
	urlHint: string,
): RemoteError {
	const system = endpoint.options.system;
	const secrets = endpoint.secretValues();
	const ok = response.status >= 200 && response.status < 300;
	if (!ok) {
		return remoteError(`${system} answered ${operation} with HTTP ${response.status}`, {
			kind: isAuthStatus(response.status) ? 'auth' : 'http',
			system,
			operation,
			httpStatus: response.status,
			transient: response.status >= 502 && response.status <= 504,
			serverMessage: response.body.trim() ? bodyExcerpt(response.body, secrets) : undefined,
			hint: isAuthStatus(response.status) ? AUTH_HINT : urlHint,
		});
	}
	const reason = error instanceof Error ? error.message : String(error);
	return remoteError(redact(`${system} sent an answer to ${operation} that cannot be read: ${reason}`, secrets), {
		kind: 'response',
		system,
		operation,
		httpStatus: response.status,
		hint:
			error instanceof XmlSafetyError && error.reason === 'dtd'
				? 'The answer contained a DTD, which is refused for safety.'
				: 'The answer was malformed, truncated or not in the API\'s format.',
	});
}
