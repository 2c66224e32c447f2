import { redact, remoteError, type RemoteError } from '../remoteError';
import { XmlSafetyError } from '../xml';
import { bodyExcerpt, isHtml, type HttpResponse } from './http';

/**
 * The one reading of an HTTP answer into a result or a RemoteError, shared by every transport
 * (SOAP, SAP ICI, Akixi XML, JSON REST and the WSDL document checks): an HTML page where the
 * API's own format was expected, an empty or unreadable answer, the system's own fault in the
 * answer, and an HTTP error status without one.
 */

/** Who answered: the system's name and the secrets to keep out of messages (an HttpEndpoint is one). */
export interface AnswerSource {
	options: { system: string };
	secretValues(): readonly (string | undefined)[];
}

/**
 * The one rule for a status that may succeed when the same request is sent again: 429 (too many
 * requests) and 502–504 (a gateway failed or timed out, or the service is unavailable). A system's
 * own fault may mark an error transient as well (ICI errorRetry, TVox failReason, Akixi error codes).
 */
export function isTransientStatus(status: number): boolean {
	return status === 429 || (status >= 502 && status <= 504);
}

const isAuthStatus = (status: number) => status === 401 || status === 403;
const isOkStatus = (status: number) => status >= 200 && status < 300;
const AUTH_HINT = 'Check the username and password (or token) of the credential.';

/** How a system's answers are named in messages and hints. */
export interface AnswerWording {
	/** Sentence added to errors that point at a wrong address. */
	urlHint: string;
	/** What should have answered, for an HTML page: default "the API". */
	service?: string;
	/** What a readable answer looks like, for one that is not: default "in the API's format". */
	format?: string;
	/** The system's hint for an HTTP error status (before the credential hint of 401 / 403). */
	statusHint?(status: number): string | undefined;
	/**
	 * An HTTP error status is the answer, whatever its body (JSON APIs): an HTML page or text sent
	 * with it is quoted in the status error (`… with HTTP 502 ("Bad Gateway")`), not read as a page
	 * of its own. Otherwise the body's excerpt goes into the error's server message.
	 */
	statusFirst?: boolean;
}

/**
 * Thrown by a reader that can name what it found instead of the system's format (e.g. "a body
 * that is not valid JSON"): the error then says the system "answered … with" it.
 */
export class UnreadableAnswer extends Error {
	constructor(
		readonly found: string,
		readonly hint?: string,
	) {
		super(found);
		this.name = 'UnreadableAnswer';
	}
}

const wordingOf = (wording: AnswerWording | string): AnswerWording =>
	typeof wording === 'string' ? { urlHint: wording } : wording;

/** A RemoteError when the answer is an HTML page (a proxy, a login page, a wrong URL); else undefined. */
export function htmlPageError(
	endpoint: AnswerSource,
	response: HttpResponse,
	operation: string,
	wording: AnswerWording | string,
): RemoteError | undefined {
	const { urlHint, service = 'the API', statusFirst } = wordingOf(wording);
	if (statusFirst && !isOkStatus(response.status)) return undefined;
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
			transient: isTransientStatus(response.status),
			hint: isAuthStatus(response.status)
				? AUTH_HINT
				: `A proxy, login page or wrong URL answered instead of ${service}. ${urlHint}`,
		},
	);
}

/**
 * A RemoteError for an HTTP error status the answer gives no more detail about. `wording` adds the
 * system's status hints and, for `statusFirst` systems, quotes the body in the message.
 */
export function httpStatusError(
	endpoint: AnswerSource,
	response: HttpResponse,
	operation: string,
	hint?: string,
	wording?: Pick<AnswerWording, 'statusHint' | 'statusFirst'>,
): RemoteError {
	const system = endpoint.options.system;
	const secrets = endpoint.secretValues();
	const { status } = response;
	const excerpt = response.body.trim() ? bodyExcerpt(response.body, secrets) : undefined;
	const statusHint = wording?.statusHint?.(status);
	const info = {
		kind: isAuthStatus(status) ? 'auth' : 'http',
		system,
		operation,
		httpStatus: status,
		transient: isTransientStatus(status),
	} as const;
	if (!wording?.statusFirst) {
		return remoteError(`${system} answered ${operation} with HTTP ${status}`, {
			...info,
			serverMessage: excerpt,
			hint: statusHint ?? (isAuthStatus(status) ? AUTH_HINT : hint),
		});
	}
	const html = excerpt !== undefined && isHtml(response);
	return remoteError(
		redact(
			`${system} answered ${operation} with HTTP ${status}${excerpt ? ` ("${excerpt}")` : ''}`,
			secrets,
		),
		{
			...info,
			hint: html
				? `${statusHint ?? 'The server answered with an error page.'} The answer was an HTML page, not the API's own error.`
				: statusHint,
			quotedBody: html ? undefined : excerpt,
		},
	);
}

/** A RemoteError for an answer whose XML could not be read (`error` is what the reader threw). */
export function unreadableAnswerError(
	endpoint: AnswerSource,
	response: HttpResponse,
	operation: string,
	error: unknown,
	wording: AnswerWording | string,
): RemoteError {
	const words = wordingOf(wording);
	const { urlHint, format = "in the API's format" } = words;
	if (!isOkStatus(response.status))
		return httpStatusError(endpoint, response, operation, urlHint, words);
	const system = endpoint.options.system;
	const info = { kind: 'response', system, operation, httpStatus: response.status } as const;
	if (error instanceof UnreadableAnswer) {
		const hint = error.hint ?? `The answer was malformed, truncated or not ${format}.`;
		return remoteError(
			redact(`${system} answered ${operation} with ${error.found}`, endpoint.secretValues()),
			{ ...info, hint },
		);
	}
	const reason = error instanceof Error ? error.message : String(error);
	return remoteError(
		redact(
			`${system} sent an answer to ${operation} that cannot be read: ${reason}`,
			endpoint.secretValues(),
		),
		{
			...info,
			hint:
				error instanceof XmlSafetyError && error.reason === 'dtd'
					? 'The answer contained a DTD, which is refused for safety.'
					: `The answer was malformed, truncated or not ${format}.`,
		},
	);
}

/** How one system's answers are read: its reader, its own fault, and what it says before reading. */
export interface AnswerReading<T> extends AnswerWording {
	/** Reads the body; throws when it cannot be read. */
	read(body: string): T;
	/**
	 * The system's own fault in a readable answer (a SOAP Fault, Akixi's Fail, a JSON API's error
	 * body), as the error it means.
	 */
	fault?(value: T, response: HttpResponse): RemoteError | undefined;
	/** A refusal the system reports before the body is read (e.g. the web server in front of it). */
	refusal?(response: HttpResponse): RemoteError | undefined;
	/** An empty body is named as such rather than handed to the reader. */
	emptyIsError?: boolean;
}

/**
 * Read an answer, in this order: an HTML page; the system's early refusal; an empty body; a body
 * that cannot be read; the system's own fault; an HTTP error status; else the value read.
 */
export function readAnswer<T>(
	source: AnswerSource,
	response: HttpResponse,
	operation: string,
	reading: AnswerReading<T>,
): { value: T; error?: undefined } | { value?: undefined; error: RemoteError } {
	const html = htmlPageError(source, response, operation, reading);
	if (html) return { error: html };
	const refused = reading.refusal?.(response);
	if (refused) return { error: refused };
	if (reading.emptyIsError && response.body.trim() === '') {
		if (!isOkStatus(response.status))
			return { error: httpStatusError(source, response, operation, undefined, reading) };
		const system = source.options.system;
		return {
			error: remoteError(`${system} sent an empty answer to ${operation}`, {
				kind: 'response',
				system,
				operation,
				httpStatus: response.status,
			}),
		};
	}
	let value: T;
	try {
		value = reading.read(response.body);
	} catch (error) {
		return { error: unreadableAnswerError(source, response, operation, error, reading) };
	}
	const fault = reading.fault?.(value, response);
	if (fault) return { error: fault };
	if (!isOkStatus(response.status))
		return { error: httpStatusError(source, response, operation, undefined, reading) };
	return { value };
}
