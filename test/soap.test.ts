import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { RemoteError } from '../nodes/shared/remoteError';
import { HttpEndpoint, resetHttpClients } from '../nodes/shared/transport/http';
import {
	readSoapEnvelope,
	SOAP11_ENVELOPE_NS,
	SoapTransport,
	writeSoapFault,
	type SoapMessage,
} from '../nodes/shared/transport/soap';
import { buildXml, type XmlElement } from '../nodes/shared/xml';

/** A SOAP 1.1 envelope whose Body holds one operation element (as a peer writes it). */
function writeSoapEnvelope(spec: {
	namespace: string;
	operation: string;
	body?: XmlElement;
	prefix?: string;
}): string {
	const operation: XmlElement = { ...(spec.body ?? {}) };
	const tag = spec.prefix ? `${spec.prefix}:${spec.operation}` : spec.operation;
	operation[spec.prefix ? `@_xmlns:${spec.prefix}` : '@_xmlns'] = spec.namespace;
	return buildXml(
		{
			'soapenv:Envelope': {
				'@_xmlns:soapenv': SOAP11_ENVELOPE_NS,
				'soapenv:Header': '',
				'soapenv:Body': { [tag]: operation },
			},
		},
		true,
	);
}

/** One call through the transport: the envelope written, posted, its answer or error. */
async function call(
	transport: SoapTransport,
	request: { soapAction: string; namespace: string; operation: string; body?: XmlElement },
): Promise<SoapMessage> {
	const answer = await transport.exchange({
		envelope: writeSoapEnvelope(request),
		soapAction: request.soapAction,
		operation: request.operation,
	});
	if (answer.error) throw answer.error;
	return answer.message;
}

describe('SOAP 1.1 transport', () => {
	let server: http.Server;
	let url: string;
	let answer: { status: number; body: string; type?: string };
	const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString('utf8')));
			req.on('end', () => {
				seen.push({ headers: req.headers, body });
				res.writeHead(answer.status, { 'Content-Type': answer.type ?? 'text/xml; charset=utf-8' });
				res.end(answer.body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap`;
	});
	afterAll(async () => {
		resetHttpClients();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	beforeEach(() => (seen.length = 0));

	const transport = () =>
		new SoapTransport(
			new HttpEndpoint({ system: 'Peer', baseUrl: url, secrets: ['s3cr3t-value'] }),
			(fault) =>
				fault.detail ? { code: String(fault.detail.code ?? ''), meaning: 'described' } : undefined,
		);

	it('writes an envelope the reader reads back, text escaped', () => {
		const xml = writeSoapEnvelope({
			namespace: 'urn:X',
			operation: 'op',
			body: { a: `<&"'>`, b: { c: '1' } },
		});
		const read = readSoapEnvelope(xml);
		expect(read).toEqual({ name: 'op', element: { a: `<&"'>`, b: { c: '1' } } });
	});

	it('posts with SOAPAction and returns the first Body element', async () => {
		answer = {
			status: 200,
			body: writeSoapEnvelope({
				namespace: 'urn:X',
				operation: 'opResponse',
				prefix: 'ns',
				body: { value: '42' },
			}),
		};
		const message = await call(transport(), {
			soapAction: 'urn:X#op',
			namespace: 'urn:X',
			operation: 'op',
			body: { in: 'x' },
		});
		expect(message.name).toBe('opResponse');
		expect(message.element.value).toBe('42');
		expect(seen[0].headers.soapaction).toBe('"urn:X#op"');
		expect(seen[0].headers['content-type']).toBe('text/xml; charset=utf-8');
	});

	it('turns a Fault into a RemoteError with faultcode, faultstring and the described detail', async () => {
		answer = {
			status: 500,
			body: writeSoapFault({
				faultcode: 'soapenv:Client',
				faultstring: 'bad s3cr3t-value',
				detail: { code: '7' },
			}),
		};
		const error = await call(transport(), {
			soapAction: 'a',
			namespace: 'urn:X',
			operation: 'op',
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RemoteError);
		const info = (error as RemoteError).info;
		expect(info).toMatchObject({
			kind: 'remote',
			code: '7',
			meaning: 'described',
			serverMessage: 'bad s3cr3t-value',
			httpStatus: 500,
		});
		expect((error as RemoteError).message).toBe('Peer refused op: bad ***');
	});

	it.each([
		[
			'an HTML page',
			{
				status: 502,
				body: '<html><head><title>Bad Gateway</title></head></html>',
				type: 'text/html',
			},
			/HTML page \(HTTP 502: "Bad Gateway"\)/,
		],
		[
			'a truncated envelope',
			{ status: 200, body: '<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><a>' },
			/cannot be read: Malformed/,
		],
		['a non-SOAP document', { status: 200, body: '<other/>' }, /Expected a SOAP Envelope/],
		[
			'an entity bomb',
			{ status: 200, body: '<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>' },
			/DOCTYPE/,
		],
		['HTTP 500 with text', { status: 500, body: 'oops', type: 'text/plain' }, /HTTP 500/],
	])('refuses %s with a clear error', async (_label, reply, pattern) => {
		answer = reply;
		const error = await call(transport(), {
			soapAction: 'a',
			namespace: 'urn:X',
			operation: 'op',
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RemoteError);
		expect((error as RemoteError).message).toMatch(pattern);
	});
});
