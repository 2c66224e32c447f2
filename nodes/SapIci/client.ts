import { redact, RemoteError, remoteError, type RemoteErrorInfo } from '../shared/remoteError';
import { bodyExcerpt, HttpEndpoint, isHtml } from '../shared/transport/http';
import type { SoapMessage } from '../shared/transport/soap';
import { XmlSafetyError, type XmlElement } from '../shared/xml';
import {
	CMS_PING_VALUE,
	DEFAULT_TIMEOUT_MS,
	ICI_INTERFACES,
	SOAP_CONTENT_TYPE,
	SYSTEM_NAME,
	type ChildForm,
	type IciInterface,
} from './constants';
import { readIciEnvelope, readIciErrorCodes, writeIciEnvelope, type BodyChild, type IciErrorCodes } from './envelope';

/**
 * Everything the SAP ICI node sends goes through here: one OII endpoint, the SOAPAction header
 * selecting the interface, the optional SOAP header (language, user) and Basic authentication
 * from the credential, and every failure turned into a RemoteError (an ICI fault keeps its four
 * error fields).
 */

export interface SapIciCredentials {
	url: string;
	authentication?: 'none' | 'basicAuth';
	username?: string;
	password?: string;
	language?: string;
	user?: string;
	ignoreSslIssues?: boolean;
	timeout?: number;
}

/** One ICI call: which interface, which body element, its children. */
export interface IciCall {
	iface: IciInterface;
	/** Local name of the body element. */
	operation: string;
	children: BodyChild[];
	childForm: ChildForm;
	/** Namespace of the SOAP header elements. */
	headerNamespace: string;
	/** Names the answer element may have (case-insensitive); default `<operation>Response`. */
	responseNames?: readonly string[];
	/** Answer elements that hold an XML document of their own, besides `attachedData`. */
	embeddedXml?: readonly string[];
}

/** A RemoteError for a SOAP Fault with ICI error codes. */
export class IciFaultError extends RemoteError {
	constructor(
		message: string,
		info: RemoteErrorInfo,
		readonly ici: IciErrorCodes,
	) {
		super(message, info);
		this.name = 'IciFaultError';
	}
}

/** Build an {@link IciFaultError}. */
export function iciFault(message: string, info: RemoteErrorInfo, ici: IciErrorCodes): IciFaultError {
	return new IciFaultError(message, info, ici);
}

/** One line of text (the specification's samples wrap long error texts). */
function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export class SapIciClient {
	private readonly endpoint: HttpEndpoint;

	constructor(private readonly credentials: SapIciCredentials) {
		this.endpoint = new HttpEndpoint({
			system: SYSTEM_NAME,
			baseUrl: credentials.url,
			ignoreSslIssues: credentials.ignoreSslIssues ?? false,
			timeoutMs: credentials.timeout && credentials.timeout > 0 ? credentials.timeout : DEFAULT_TIMEOUT_MS,
			secrets: () => this.secrets(),
		});
	}

	/** Every value that must never appear in a message or output. */
	secrets(): string[] {
		const c = this.credentials;
		if (c.authentication !== 'basicAuth' || !c.password) return [];
		return [c.password, Buffer.from(`${c.username ?? ''}:${c.password}`).toString('base64')];
	}

	private failure(message: string, info: Omit<RemoteErrorInfo, 'system'>): RemoteError {
		return remoteError(redact(message, this.secrets()), { system: SYSTEM_NAME, ...info });
	}

	/** The request envelope of a call, exactly as it is sent. */
	envelope(call: IciCall): string {
		return writeIciEnvelope({
			namespace: call.iface.namespace,
			operation: call.operation,
			children: call.children,
			childForm: call.childForm,
			header: { namespace: call.headerNamespace, language: this.credentials.language?.trim(), user: this.credentials.user?.trim() },
		});
	}

	async send(call: IciCall): Promise<SoapMessage> {
		const headers: Record<string, string> = {
			'Content-Type': SOAP_CONTENT_TYPE,
			Accept: 'text/xml',
			SOAPAction: `"${call.iface.soapAction}"`,
		};
		const c = this.credentials;
		if (c.authentication === 'basicAuth') {
			headers.Authorization = `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;
		}
		const operation = `${call.iface.name}.${call.operation}`;
		const response = await this.endpoint.send({ method: 'POST', url: '', body: this.envelope(call), headers });
		const secrets = this.secrets();
		const ok = response.status >= 200 && response.status < 300;
		if (response.body.trim() !== '' && isHtml(response)) {
			throw this.failure(
				`${SYSTEM_NAME} answered ${operation} with an HTML page (HTTP ${response.status}: "${bodyExcerpt(response.body, secrets)}")`,
				{
					kind: 'response',
					operation,
					httpStatus: response.status,
					transient: response.status >= 502 && response.status <= 504,
					hint: 'A proxy, login page or wrong URL answered instead of OII. Check the OII endpoint URL in the credential (for example http://host:1080/OII/OII.asmx).',
				},
			);
		}
		if (response.status === 401 || response.status === 403) {
			throw this.failure(`${SYSTEM_NAME} refused ${operation}: HTTP ${response.status} (not authorized)`, {
				kind: 'auth',
				operation,
				httpStatus: response.status,
				serverMessage: response.body.trim() ? bodyExcerpt(response.body, secrets) : undefined,
				hint: 'OII itself has no authentication; the web server in front of it refused the request. Check the Basic authentication of the credential.',
			});
		}
		if (response.body.trim() === '') {
			throw this.failure(
				ok
					? `${SYSTEM_NAME} sent an empty answer to ${operation}`
					: `${SYSTEM_NAME} answered ${operation} with HTTP ${response.status}`,
				{ kind: ok ? 'response' : 'http', operation, httpStatus: response.status, transient: response.status >= 502 },
			);
		}
		let message: SoapMessage;
		try {
			message = readIciEnvelope(response.body, undefined, call.embeddedXml);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw this.failure(
				ok
					? `${SYSTEM_NAME} sent an answer to ${operation} that cannot be read: ${reason}`
					: `${SYSTEM_NAME} answered ${operation} with HTTP ${response.status}`,
				{
					kind: ok ? 'response' : 'http',
					operation,
					httpStatus: response.status,
					transient: response.status >= 502,
					serverMessage: ok ? undefined : bodyExcerpt(response.body, secrets),
					hint:
						error instanceof XmlSafetyError && error.reason === 'dtd'
							? 'The answer contained a DTD, which is refused for safety.'
							: ok
								? 'The answer was malformed, truncated or not a SOAP envelope.'
								: 'Check the OII endpoint URL in the credential.',
				},
			);
		}
		if (message.fault) {
			const fault = message.fault;
			const codes = readIciErrorCodes(fault);
			if (codes) {
				const text = oneLine(codes.errorText ?? '') || oneLine(fault.faultstring) || 'ICI error';
				throw iciFault(
					redact(text, secrets),
					{
						system: SYSTEM_NAME,
						kind: 'remote',
						operation,
						code: `${codes.areaCode ?? '?'}/${codes.errorCode ?? '?'}`,
						group: `ICI area ${codes.areaCode ?? 'unknown'}`,
						serverMessage: fault.faultstring || undefined,
						httpStatus: response.status,
						transient: codes.errorRetry,
						hint: codes.errorRetry
							? 'OII marked this error as retryable (errorRetry): the same request may succeed later.'
							: undefined,
						details: {
							areaCode: codes.areaCode,
							errorCode: codes.errorCode,
							errorText: codes.errorText,
							errorRetry: codes.errorRetry,
						},
					},
					codes,
				);
			}
			throw this.failure(`${SYSTEM_NAME} refused ${operation}: ${oneLine(fault.faultstring) || fault.faultcode || 'SOAP Fault'}`, {
				kind: 'remote',
				operation,
				code: fault.faultcode || undefined,
				group: fault.faultcode ? `SOAP fault ${fault.faultcode}` : undefined,
				serverMessage: fault.faultstring || undefined,
				httpStatus: response.status,
			});
		}
		if (!ok) {
			throw this.failure(`${SYSTEM_NAME} answered ${operation} with HTTP ${response.status}`, {
				kind: 'http',
				operation,
				httpStatus: response.status,
				transient: response.status >= 502,
			});
		}
		const expected = [`${call.operation}Response`, ...(call.responseNames ?? [])].map((n) => n.toLowerCase());
		if (!expected.includes(message.name.toLowerCase())) {
			throw this.failure(
				`${SYSTEM_NAME} answered ${operation} with <${message.name || 'an empty Body'}> instead of <${call.operation}Response>`,
				{
					kind: 'response',
					operation,
					httpStatus: response.status,
					hint: 'The SOAPAction may have selected another interface. Check the OII endpoint URL in the credential.',
				},
			);
		}
		return message;
	}

	/** The credential's Test: IciUser.getAttributes with cmsPing=TRUE, answered with cmsHostId. */
	async verify(): Promise<string> {
		const user = ICI_INTERFACES.user;
		const message = await this.send({
			iface: user,
			operation: 'getAttributes',
			children: [
				{ name: 'userId', value: this.credentials.user?.trim() ?? '' },
				{ name: 'cmsPing', value: CMS_PING_VALUE },
			],
			childForm: user.childForm,
			headerNamespace: user.headerNamespace,
		});
		const element: XmlElement = message.element;
		const hostId = element.cmsHostId;
		return typeof hostId === 'string' ? hostId.trim() : '';
	}
}
