import type { AxiosResponse } from 'axios';
import * as soap from 'soap';

import {
	describeUnknown,
	redact,
	remoteError,
	type RemoteError,
	type RemoteErrorInfo,
} from '../remoteError';
import { parseXml, rootOf, XmlSafetyError, type XmlElement, type XmlValue } from '../xml';
import { htmlPageError, httpStatusError, type AnswerSource } from './answers';
import { transportFailure, type HttpResponse, type pooledAxios } from './http';

/**
 * WSDL and schema documents fetched for the `soap` package: only from the WSDL's server, through
 * the pooled axios client, under a deadline and a size cap, each document checked (HTML pages,
 * HTTP errors, unreadable XML or DTDs, references to documents elsewhere) before the package
 * reads it.
 */

export function shortText(text: string, max = 200): string {
	const line = text.split(/\r?\n/)[0].trim();
	return line.length > max ? `${line.slice(0, max)}…` : line;
}

function responseOf(response: AxiosResponse, url: string, body: string): HttpResponse {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries((response.headers ?? {}) as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return { status: response.status, headers, body, url };
}

export interface GuardSettings {
	system: string;
	/** Origin documents may come from. */
	origin: string;
	timeoutMs: number;
	maxBytes: number;
	headers: Record<string, string>;
	secrets: () => readonly (string | undefined)[];
}

/** Every `location` / `schemaLocation` a WSDL or schema refers to. */
function referencedLocations(doc: XmlElement): string[] {
	const found: string[] = [];
	const stack: XmlValue[] = [doc];
	while (stack.length) {
		const current = stack.pop()!;
		if (Array.isArray(current)) {
			for (const entry of current) stack.push(entry);
			continue;
		}
		if (typeof current !== 'object') continue;
		for (const key of Object.keys(current)) {
			const value = current[key];
			if (
				(key === 'import' || key === 'include' || key === 'redefine') &&
				typeof value === 'object'
			) {
				for (const element of Array.isArray(value) ? value : [value]) {
					if (typeof element !== 'object' || Array.isArray(element)) continue;
					for (const attr of ['@_location', '@_schemaLocation']) {
						const location = element[attr];
						if (typeof location === 'string') found.push(location);
					}
				}
			}
			if (!key.startsWith('@_') && typeof value === 'object') stack.push(value);
		}
	}
	return found;
}

/** The guard's system and secrets, as the shared answer reading names them. */
function sourceOf(settings: GuardSettings): AnswerSource {
	return { options: { system: settings.system }, secretValues: settings.secrets };
}

export class Guard {
	constructor(readonly settings: GuardSettings) {}

	fail(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		return remoteError(redact(message, this.settings.secrets()), {
			system: this.settings.system,
			...info,
		});
	}

	/** A request that could not be completed: timeout, size cap, network. */
	transportError(error: unknown, what: string, where: string): RemoteError {
		return transportFailure(error, {
			system: this.settings.system,
			what,
			where,
			timeoutMs: this.settings.timeoutMs,
			maxBytes: this.settings.maxBytes,
			secrets: this.settings.secrets(),
		});
	}

	/** Checks a WSDL or schema document; undefined when it may be handed to the soap package. */
	checkDocument(response: HttpResponse, url: string): RemoteError | undefined {
		const system = this.settings.system;
		const body = response.body;
		const what = `the WSDL document ${url}`;
		if (response.status === 401 || response.status === 403) {
			return this.fail(`${system} refused ${what} with HTTP ${response.status}`, {
				kind: 'auth',
				httpStatus: response.status,
				hint: 'Check the username and password of the credential.',
			});
		}
		const request = `the request for ${what}`;
		const html = htmlPageError(sourceOf(this.settings), response, request, {
			urlHint: 'Check the host in the credential.',
			service: 'the SOAP service',
		});
		if (html) return html;
		if (response.status !== 200) {
			const location = response.headers.location;
			return httpStatusError(
				sourceOf(this.settings),
				response,
				request,
				response.status >= 300 && response.status < 400 && location
					? `The server redirects to ${shortText(location, 120)}: use that address in the credential.`
					: 'Check the host in the credential.',
			);
		}
		let parsed: XmlElement;
		let root: string;
		try {
			parsed = parseXml(body, { removeNamespacePrefix: true, maxBytes: this.settings.maxBytes });
			root = rootOf(parsed).name;
		} catch (error) {
			return this.fail(`${system} sent ${what}, which cannot be read: ${describeUnknown(error)}`, {
				kind: 'response',
				httpStatus: response.status,
				hint:
					error instanceof XmlSafetyError && error.reason === 'dtd'
						? 'The document contained a DTD, which is refused for safety.'
						: 'The document was malformed, truncated or not XML.',
			});
		}
		if (root !== 'definitions' && root !== 'schema') {
			return this.fail(
				`${system} sent ${what}, which is not a WSDL (its root element is <${root}>)`,
				{
					kind: 'response',
					httpStatus: response.status,
					hint: 'Check the host in the credential: the URL with ?wsdl should answer with the service description.',
				},
			);
		}
		for (const location of referencedLocations(parsed)) {
			let target: URL | undefined;
			try {
				target = new URL(location, url);
			} catch {
				target = undefined;
			}
			if (!target || target.origin !== this.settings.origin || !/^https?:$/.test(target.protocol)) {
				return this.fail(
					`${system} sent ${what}, which refers to a document elsewhere ("${shortText(location, 120)}")`,
					{
						kind: 'response',
						hint: 'Only documents on the same server as the WSDL are read.',
					},
				);
			}
		}
		return undefined;
	}
}

type RequestCallback = (error: unknown, response?: unknown, body?: unknown) => unknown;

/**
 * The soap package's HTTP client on the pooled axios instance, for WSDL and schema documents
 * only: on the WSDL's server, with a deadline and a size cap, every document checked before the
 * package reads it.
 */
export class GuardedDocumentClient extends soap.HttpClient {
	constructor(
		private readonly guard: Guard,
		request: ReturnType<typeof pooledAxios>,
	) {
		super({ request });
	}

	request(
		rurl: string,
		data: unknown,
		callback: RequestCallback,
		exheaders?: Record<string, unknown>,
		exoptions?: Record<string, unknown>,
	): ReturnType<soap.HttpClient['request']> {
		const settings = this.guard.settings;
		let target: URL | undefined;
		try {
			target = new URL(rurl);
		} catch {
			target = undefined;
		}
		const document = data === null || data === undefined;
		if (
			!document ||
			!target ||
			!/^https?:$/.test(target.protocol) ||
			target.origin !== settings.origin
		) {
			const refused = this.guard.fail(
				`${settings.system}: refused to request "${shortText(rurl, 120)}"`,
				{
					kind: 'network',
					hint: 'Only http and https URLs on the server of the WSDL are requested.',
				},
			);
			queueMicrotask(() => callback(refused));
			return Promise.resolve(undefined) as unknown as ReturnType<soap.HttpClient['request']>;
		}
		const where = `${target.origin}${target.pathname}${target.search}`;
		return super.request(
			rurl,
			data,
			(error: unknown, response?: AxiosResponse, body?: unknown) => {
				if (error) {
					callback(this.guard.transportError(error, `GET ${where}`, where));
					return;
				}
				const text =
					typeof body === 'string' ? body : body === undefined || body === null ? '' : String(body);
				const problem = this.guard.checkDocument(responseOf(response!, where, text), where);
				if (problem) {
					callback(problem);
					return;
				}
				callback(null, response, body);
			},
			{ ...(exheaders ?? {}), ...settings.headers },
			{
				...(exoptions ?? {}),
				timeout: settings.timeoutMs,
				signal: AbortSignal.timeout(settings.timeoutMs),
				maxContentLength: settings.maxBytes,
				maxBodyLength: Infinity,
			},
		);
	}
}

/** A readable text of whatever the soap package threw. */
export function soapErrorText(error: unknown): string {
	const fault = (error as { Fault?: { faultstring?: unknown; detail?: unknown } })?.Fault;
	if (fault && typeof fault === 'object') {
		return (
			[fault.faultstring, fault.detail].filter((v) => typeof v === 'string' && v).join(': ') ||
			'Invalid XML'
		);
	}
	return shortText(describeUnknown(error));
}
