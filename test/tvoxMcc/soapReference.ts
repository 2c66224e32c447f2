/**
 * The WSDL client writes its envelopes and reads its answers itself, with the names the WSDL
 * declares. The `soap` package, which did both before, is the reference: for the same WSDL and
 * arguments the envelopes must be the same XML, and for the same answer the results the same.
 *
 * Shared by envelope.test.ts, answers.test.ts and soapRequestWriter.test.ts: a peer serving one
 * WSDL and one canned answer, the soap package's client on it, and XML compared as trees.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { XMLParser } from 'fast-xml-parser';
import * as soap from 'soap';

import { WsdlService } from '../../nodes/shared/transport/wsdlClient';

export const NS = 'http://ws.mcc.tvox.teleniasoftware.com/';

// ---------------------------------------------------------------------------------------------
// A peer serving one WSDL and one canned answer, recording what it is sent

export interface Peer {
	url: string;
	wsdlUrl: string;
	wsdl: string;
	answer: { status: number; body: string };
	posts: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

export async function startPeer(): Promise<Peer> {
	const peer = {
		wsdl: '',
		answer: { status: 200, body: '' },
		posts: [] as Peer['posts'],
	} as Peer;
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			if (req.method === 'GET') {
				res.writeHead(200, { 'Content-Type': 'text/xml;charset=UTF-8' });
				res.end(peer.wsdl);
				return;
			}
			peer.posts.push({ headers: req.headers, body });
			res.writeHead(peer.answer.status, { 'Content-Type': 'text/xml;charset=UTF-8' });
			res.end(peer.answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return Object.assign(peer, {
		url,
		wsdlUrl: `${url}/svc?wsdl`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	});
}

/** The soap package's client on a WSDL, sending nothing: it records the envelope and hands back `answer`. */
export async function referenceClient(peer: Peer) {
	const sent: string[] = [];
	const actions: unknown[] = [];
	class Recording extends soap.HttpClient {
		request(
			rurl: string,
			data: unknown,
			callback: (error: unknown, response?: unknown, body?: unknown) => unknown,
			exheaders?: Record<string, unknown>,
			exoptions?: Record<string, unknown>,
		): ReturnType<soap.HttpClient['request']> {
			if (data === null || data === undefined)
				return super.request(rurl, data, callback, exheaders, exoptions);
			sent.push(String(data));
			actions.push(exheaders?.SOAPAction);
			const { status, body } = peer.answer;
			queueMicrotask(() => callback(null, { status, headers: {}, data: body }, body));
			return Promise.resolve(undefined) as unknown as ReturnType<soap.HttpClient['request']>;
		}
	}
	const client = await soap.createClientAsync(peer.wsdlUrl, {
		disableCache: true,
		handleNilAsNull: true,
		httpClient: new Recording(),
	});
	return {
		sent,
		actions,
		call: async (operation: string, args: Record<string, unknown>) => {
			const method = (client as unknown as Record<string, soap.SoapMethodAsync>)[
				`${operation}Async`
			];
			const [result] = await method.call(client, args);
			return result as unknown;
		},
	};
}

export function service(peer: Peer): WsdlService {
	return new WsdlService({ system: 'Peer', wsdlUrl: peer.wsdlUrl });
}

// ---------------------------------------------------------------------------------------------
// XML compared as trees of namespace-qualified names, children in document order

interface Node {
	name: string;
	attributes: Record<string, string>;
	children: Array<Node | string>;
}

const ordered = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	ignoreDeclaration: true,
});

type OrderedEntry = Record<string, unknown> & { ':@'?: Record<string, string> };

function qualify(qname: string, scope: Map<string, string>, attribute: boolean): string {
	const at = qname.indexOf(':');
	if (at < 0) return attribute ? qname : `{${scope.get('') ?? ''}}${qname}`;
	return `{${scope.get(qname.slice(0, at)) ?? `?${qname.slice(0, at)}`}}${qname.slice(at + 1)}`;
}

function resolve(entries: OrderedEntry[], outer: Map<string, string>): Array<Node | string> {
	const out: Array<Node | string> = [];
	for (const entry of entries) {
		const tag = Object.keys(entry).find((key) => key !== ':@')!;
		if (tag === '#text') {
			out.push(String(entry[tag]));
			continue;
		}
		const scope = new Map(outer);
		const attributes = entry[':@'] ?? {};
		for (const [name, value] of Object.entries(attributes)) {
			if (name === 'xmlns') scope.set('', value);
			else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
		}
		const resolved: Record<string, string> = {};
		for (const [name, value] of Object.entries(attributes)) {
			if (name !== 'xmlns' && !name.startsWith('xmlns:'))
				resolved[qualify(name, scope, true)] = value;
		}
		out.push({
			name: qualify(tag, scope, false),
			attributes: resolved,
			children: resolve(entry[tag] as OrderedEntry[], scope),
		});
	}
	return out;
}

/** The document as a tree of `{namespace}local` names; namespace declarations and prefixes do not matter. */
export function tree(xml: string): Array<Node | string> {
	return resolve(ordered.parse(xml) as OrderedEntry[], new Map());
}
