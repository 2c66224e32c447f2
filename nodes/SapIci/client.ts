import { nodeShell, type ClientOptions } from '../shared/nodeShell';
import { redact, RemoteError, remoteError, type RemoteErrorInfo } from '../shared/remoteError';
import { readAnswer } from '../shared/transport/answers';
import { bodyExcerpt, HttpEndpoint } from '../shared/transport/http';
import type { SoapFault, SoapMessage } from '../shared/transport/soap';
import type { XmlElement } from '../shared/xml';
import {
	CMS_PING_VALUE,
	DEFAULT_TIMEOUT_MS,
	ICI_INTERFACES,
	SOAP_CONTENT_TYPE,
	SYSTEM_NAME,
	type ChildForm,
	type IciInterface,
} from './constants';
import {
	readIciEnvelope,
	readIciErrorCodes,
	writeIciEnvelope,
	type BodyChild,
	type IciErrorCodes,
} from './envelope';

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
	/** The credential's answer deadline in milliseconds (the node shell turns it into the client's). */
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
export function iciFault(
	message: string,
	info: RemoteErrorInfo,
	ici: IciErrorCodes,
): IciFaultError {
	return new IciFaultError(message, info, ici);
}

/** One line of text (the specification's samples wrap long error texts). */
function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** The values of a credential that must never appear in a message or output. */
export function credentialSecrets(c: SapIciCredentials): string[] {
	if (c.authentication !== 'basicAuth' || !c.password) return [];
	return [c.password, Buffer.from(`${c.username ?? ''}:${c.password}`).toString('base64')];
}

export class SapIciClient {
	private readonly endpoint: HttpEndpoint;

	constructor(
		private readonly credentials: SapIciCredentials,
		options: ClientOptions = {},
	) {
		this.endpoint = new HttpEndpoint({
			system: SYSTEM_NAME,
			baseUrl: credentials.url,
			ignoreSslIssues: credentials.ignoreSslIssues ?? false,
			timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			secrets: () => this.secrets(),
		});
	}

	/** Every value that must never appear in a message or output. */
	secrets(): string[] {
		return credentialSecrets(this.credentials);
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
			header: {
				namespace: call.headerNamespace,
				language: this.credentials.language?.trim(),
				user: this.credentials.user?.trim(),
			},
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
		const response = await this.endpoint.send({
			method: 'POST',
			url: '',
			body: this.envelope(call),
			headers,
		});
		const answer = readAnswer(this.endpoint, response, operation, {
			urlHint:
				'Check the OII endpoint URL in the credential (for example http://host:1080/OII/OII.asmx).',
			service: 'OII',
			format: 'a SOAP envelope',
			emptyIsError: true,
			refusal: (refused) =>
				refused.status === 401 || refused.status === 403
					? this.failure(
							`${SYSTEM_NAME} refused ${operation}: HTTP ${refused.status} (not authorized)`,
							{
								kind: 'auth',
								operation,
								httpStatus: refused.status,
								serverMessage: refused.body.trim()
									? bodyExcerpt(refused.body, this.secrets())
									: undefined,
								hint: 'OII itself has no authentication; the web server in front of it refused the request. Check the Basic authentication of the credential.',
							},
						)
					: undefined,
			read: (body) => readIciEnvelope(body, undefined, call.embeddedXml),
			fault: (message, answered) =>
				message.fault ? this.faultError(message.fault, operation, answered.status) : undefined,
		});
		if (answer.error) throw answer.error;
		const message = answer.value;
		const expected = [`${call.operation}Response`, ...(call.responseNames ?? [])].map((n) =>
			n.toLowerCase(),
		);
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

	/** A SOAP Fault as a RemoteError: an IciFaultError with its four fields when it carries ICI error codes. */
	private faultError(fault: SoapFault, operation: string, httpStatus: number): RemoteError {
		const codes = readIciErrorCodes(fault);
		if (codes) {
			const text = oneLine(codes.errorText ?? '') || oneLine(fault.faultstring) || 'ICI error';
			return iciFault(
				redact(text, this.secrets()),
				{
					system: SYSTEM_NAME,
					kind: 'remote',
					operation,
					code: `${codes.areaCode ?? '?'}/${codes.errorCode ?? '?'}`,
					group: `ICI area ${codes.areaCode ?? 'unknown'}`,
					serverMessage: fault.faultstring || undefined,
					httpStatus,
					// OII's own retry flag decides, whatever the HTTP status.
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
		return this.failure(
			`${SYSTEM_NAME} refused ${operation}: ${oneLine(fault.faultstring) || fault.faultcode || 'SOAP Fault'}`,
			{
				kind: 'remote',
				operation,
				code: fault.faultcode || undefined,
				group: fault.faultcode ? `SOAP fault ${fault.faultcode}` : undefined,
				serverMessage: fault.faultstring || undefined,
				httpStatus,
			},
		);
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
		const hostId = typeof element.cmsHostId === 'string' ? element.cmsHostId.trim() : '';
		return hostId ? `Connection successful (cmsHostId ${hostId})` : 'Connection successful';
	}
}

/** How the SAP ICI node and trigger build their client and test the credential. */
export const sapIciShell = nodeShell<SapIciCredentials, SapIciClient>({
	credential: 'sapIciApi',
	create: (credentials, options) => new SapIciClient(credentials, options),
	secrets: credentialSecrets,
});
