import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AcdDiallerApi } from '../../credentials/AcdDiallerApi.credentials';
import { AkixiApi } from '../../credentials/AkixiApi.credentials';
import { SapIciApi } from '../../credentials/SapIciApi.credentials';
import { TvoxMccApi } from '../../credentials/TvoxMccApi.credentials';
import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import { Akixi } from '../../nodes/Akixi/Akixi.node';
import { forgetAkixiSessions } from '../../nodes/Akixi/client';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import { forgetTvoxJsonForms } from '../../nodes/TvoxMcc/client';
import { MCC_SIM_NAMESPACE, MCC_SOAP_PATH } from '../../nodes/TvoxMcc/constants';
import { TvoxMcc } from '../../nodes/TvoxMcc/TvoxMcc.node';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { forgetWsdlClients } from '../../nodes/shared/transport/wsdlClient';
import { restBody } from '../../simulators/tvox/rest';
import { operationNamed } from '../../simulators/tvox/schema';
import { soapAnswer } from '../../simulators/tvox/soap';
import { writeWsdl } from '../../simulators/tvox/wsdl';
import { runNode, type RunNodeResult } from '../harness';
import { JSON_TYPE, MARK, XML_TYPE, type Format, type Template } from './bodies';
import { document, type Answer, type Exchange } from './hostileServer';

/**
 * The six ways the nodes read remote data, each reduced to one read-only call whose answer the
 * hostile server writes: the template is the valid answer with a mark where hostile content goes.
 */

export interface RunOptions {
	timeoutMs: number;
	continueOnFail?: boolean;
}

export interface NodeTransport {
	name: string;
	format: Format;
	contentType: string;
	/** Random credential values that must never be shown. */
	secrets: string[];
	/** The valid answer to this request, with the mark. */
	template(exchange: Exchange): Template;
	/** Requests that are the call itself; any other request (a WSDL fetch) gets `supporting`. */
	isCall(req: http.IncomingMessage): boolean;
	supporting: Answer;
	run(url: string, options: RunOptions): Promise<RunNodeResult>;
	/** The output of a run against the valid answer whose mark became "ok". */
	expectSane(items: IDataObject[]): void;
	/** Forget process-wide caches (pooled connections, sessions, WSDL clients). */
	forget(): void;
}

function fixture(dir: string, name: string): string {
	return readFileSync(path.join(__dirname, '..', 'fixtures', dir, name), 'utf8');
}

function notFound(): Answer {
	return document(404, 'text/plain', 'Not found');
}

function forgetAll(): void {
	resetHttpClients();
	forgetAkixiSessions();
	forgetWsdlClients();
	forgetTvoxJsonForms();
}

const allRequests = () => true;

// ---------------------------------------------------------------------------------------------
// Akixi

const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const AKIXI_INFO_ANSWER = fixture('akixi', 'omnichannelIntInfo.response.xml');

function akixiWs(): NodeTransport {
	const sessionId = randomUUID().replace(/-/g, '').toUpperCase();
	const password = randomUUID();
	const apiKey = randomUUID();
	return {
		name: 'Akixi XML Web Services (Omnichannel Info)',
		format: 'xml',
		contentType: XML_TYPE,
		secrets: [sessionId, password, apiKey],
		template: ({ body }) => {
			const request = body.toString('utf8');
			const invokeId = /<InvokeID>([^<]*)<\/InvokeID>/.exec(request)?.[1] ?? '';
			const session = /<SessionID>([^<]*)<\/SessionID>/.exec(request)?.[1] ?? '';
			return {
				format: 'xml',
				text: AKIXI_INFO_ANSWER.replace(
					'<InvokeID>00037</InvokeID>',
					`<InvokeID>${invokeId}</InvokeID>`,
				)
					.replace(/<SessionID>[^<]*<\/SessionID>/, `<SessionID>${session}</SessionID>`)
					.replace('Test Email', MARK),
			};
		},
		isCall: allRequests,
		supporting: notFound(),
		run: async (url, options) =>
			await runNode({
				nodeType: new Akixi(),
				parameters: {
					resource: 'omnichannelIntegration',
					operation: 'info',
					uniqueId: EMAIL_ID,
					options: { timeout: options.timeoutMs },
				},
				credentialTypes: [new AkixiApi()],
				credentials: {
					akixiApi: {
						baseUrl: url,
						wsUrl: '',
						authentication: 'sessionId',
						sessionId,
						apiKey,
						username: 'n8n',
						password,
						ignoreSslIssues: false,
					},
				},
				continueOnFail: options.continueOnFail,
			}),
		expectSane: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ UniqueID: EMAIL_ID, Description: 'ok' });
		},
		forget: forgetAll,
	};
}

const AKIXI_CLIENT_ANSWER = fixture('akixi', 'integratorClientInfo.response.json').replace(
	'"new test CXI"',
	MARK,
);

function akixiRest(): NodeTransport {
	const apiKey = randomUUID();
	const password = randomUUID();
	return {
		name: 'Akixi REST (Integrator Client Info)',
		format: 'json',
		contentType: JSON_TYPE,
		secrets: [apiKey, password],
		template: () => ({ format: 'json', text: AKIXI_CLIENT_ANSWER }),
		isCall: allRequests,
		supporting: notFound(),
		run: async (url, options) =>
			await runNode({
				nodeType: new Akixi(),
				parameters: {
					resource: 'integratorClient',
					operation: 'info',
					telSysId: '426',
					partitionIdInTelSys: '1',
					deviceNumber: '+442046034983',
					integratorClientId: '3d5b6efefaa0a823:3af2db2a:199bb1c0014:-fd3',
					integratorClientFields: ['TelSysDescription'],
					options: { timeout: options.timeoutMs },
				},
				credentialTypes: [new AkixiApi()],
				credentials: {
					akixiApi: {
						baseUrl: url,
						wsUrl: '',
						authentication: 'apiKey',
						apiKey,
						username: 'n8n',
						password,
						sessionId: '',
						ignoreSslIssues: false,
					},
				},
				continueOnFail: options.continueOnFail,
			}),
		expectSane: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				ID: '3d5b6efefaa0a823:3af2db2a:199bb1c0014:-fd3',
				Description: 'ok',
			});
		},
		forget: forgetAll,
	};
}

// ---------------------------------------------------------------------------------------------
// TVox

const CHECK_SESSION = operationNamed('checkSessionState')!;

function tvoxCredentials(url: string, protocol: 'soap' | 'rest', password: string): IDataObject {
	return {
		baseUrl: url,
		protocol,
		authentication: 'basicAuth',
		username: 'n8n',
		password,
		ignoreSslIssues: false,
		timeout: 10000,
	};
}

async function runTvox(
	url: string,
	protocol: 'soap' | 'rest',
	password: string,
	options: RunOptions,
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new TvoxMcc(),
		parameters: {
			resource: 'session',
			operation: 'checkSessionState',
			sessionId: 'session-1',
			options: { timeout: options.timeoutMs },
		},
		credentialTypes: [new TvoxMccApi()],
		credentials: { tvoxMccApi: tvoxCredentials(url, protocol, password) as never },
		continueOnFail: options.continueOnFail,
	});
}

function expectTvoxSane(items: IDataObject[]): void {
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({ result: 'SUCCESS', sessionId: 'ok', status: 'NEW' });
}

function tvoxSoap(): NodeTransport {
	const password = randomUUID();
	const answer = soapAnswer(CHECK_SESSION, MCC_SIM_NAMESPACE, {
		result: 'SUCCESS',
		sessionId: MARK,
		status: 'NEW',
	});
	return {
		name: 'TVox SOAP (checkSessionState)',
		format: 'xml',
		contentType: XML_TYPE,
		secrets: [password, Buffer.from(`n8n:${password}`).toString('base64')],
		template: () => ({ format: 'xml', text: String(answer.body) }),
		isCall: (req) => req.method === 'POST',
		supporting: ({ req, res }) => {
			if (req.method !== 'GET' || !/[?&]wsdl\b/i.test(req.url ?? ''))
				return notFound()({ req, res, body: Buffer.alloc(0) });
			const wsdl = writeWsdl({
				namespace: MCC_SIM_NAMESPACE,
				version: '1.0.1',
				paramStyle: 'positional',
				address: `http://${req.headers.host ?? '127.0.0.1'}${MCC_SOAP_PATH}`,
			});
			return document(200, 'text/xml;charset=UTF-8', wsdl)({ req, res, body: Buffer.alloc(0) });
		},
		run: async (url, options) => await runTvox(url, 'soap', password, options),
		expectSane: expectTvoxSane,
		forget: forgetAll,
	};
}

function tvoxRest(): NodeTransport {
	const password = randomUUID();
	const body = JSON.stringify(
		restBody(CHECK_SESSION, { result: 'SUCCESS', sessionId: 'MARK_VALUE', status: 'NEW' }, 'plain'),
	);
	return {
		name: 'TVox REST / JSON (checkSessionState)',
		format: 'json',
		contentType: JSON_TYPE,
		secrets: [password, Buffer.from(`n8n:${password}`).toString('base64')],
		template: () => ({ format: 'json', text: body.replace('"MARK_VALUE"', MARK) }),
		isCall: allRequests,
		supporting: notFound(),
		run: async (url, options) => await runTvox(url, 'rest', password, options),
		expectSane: expectTvoxSane,
		forget: forgetAll,
	};
}

// ---------------------------------------------------------------------------------------------
// SAP ICI

const ICI_USER_ANSWER = fixture('sapIci', 'user.getAttributes.response.xml').replace(
	'<userId>HARRI</userId>',
	`<userId>${MARK}</userId>`,
);

function sapIci(): NodeTransport {
	const password = randomUUID();
	return {
		name: 'SAP ICI SOAP (IciUser getAttributes)',
		format: 'xml',
		contentType: XML_TYPE,
		secrets: [password, Buffer.from(`n8n:${password}`).toString('base64')],
		template: () => ({ format: 'xml', text: ICI_USER_ANSWER }),
		isCall: allRequests,
		supporting: notFound(),
		run: async (url, options) =>
			await runNode({
				nodeType: new SapIci(),
				parameters: {
					resource: 'user',
					operation: 'getAttributes',
					userId: 'HARRI',
					options: { timeout: options.timeoutMs },
				},
				credentialTypes: [new SapIciApi()],
				credentials: {
					sapIciApi: {
						url: `${url}/OII/OII.asmx`,
						authentication: 'basicAuth',
						username: 'n8n',
						password,
						language: '',
						user: '',
						ignoreSslIssues: false,
						timeout: 10000,
					},
				},
				continueOnFail: options.continueOnFail,
			}),
		expectSane: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				userId: 'ok',
				cmsHostId: 'BA48C51B1B9249F6A56C4E6ADFFC2E3F',
			});
		},
		forget: forgetAll,
	};
}

// ---------------------------------------------------------------------------------------------
// jtel

function jtel(): NodeTransport {
	const token = randomUUID();
	return {
		name: 'jtel REST (ACD group Get)',
		format: 'json',
		contentType: JSON_TYPE,
		secrets: [token, `Bearer ${token}`],
		template: () => ({
			format: 'json',
			text: `{"records":[{"ID":12,"Name":${MARK},"DistributionAlgorithmID":1}],"count":1,"status":200}`,
		}),
		isCall: allRequests,
		supporting: notFound(),
		run: async (url, options) =>
			await runNode({
				nodeType: new AcdDialler(),
				parameters: {
					resource: 'acdGroup',
					operation: 'get',
					acdGroupsId: '12',
					options: { timeout: options.timeoutMs },
				} as INodeParameters,
				credentialTypes: [new AcdDiallerApi()],
				credentials: {
					acdDiallerApi: { serverUrl: url, clientsId: '1', token, ignoreSslIssues: false },
				},
				continueOnFail: options.continueOnFail,
			}),
		expectSane: (items) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ ID: 12, Name: 'ok' });
		},
		forget: forgetAll,
	};
}

/** A fresh set of the six transports (new random secrets each time). */
export function nodeTransports(): NodeTransport[] {
	return [akixiWs(), akixiRest(), tvoxSoap(), tvoxRest(), sapIci(), jtel()];
}

/** What a server could echo of a request: its credentials headers and the session in the body. */
export function echoOf({ req, body }: Exchange): string {
	const parts = [
		req.headers.authorization,
		req.headers.cookie,
		req.headers['x-api-key'],
		/<SessionID>([^<]*)</.exec(body.toString('utf8'))?.[1],
	];
	return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' | ');
}
