/**
 * n8n's handling of a request to a webhook before the node's `webhook()` runs: the request as
 * express and n8n's middlewares leave it (query, ip, content type, charset, raw body), the decision
 * of parseRequestBody whether the body is read at all, and parseBody with n8n's own parsers (a body
 * over N8N_PAYLOAD_SIZE_MAX is a 413, one that cannot be parsed a 422). Used by the trigger harness
 * in webhook.ts.
 */
import type http from 'node:http';
import path from 'node:path';
import { parse as parseQueryString } from 'node:querystring';

import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { jsonParse, sanitizeXmlName, Workflow } from 'n8n-workflow';

/** The request as n8n's middlewares leave it (express's req.query/ip, n8n's content type and raw body). */
export type N8nRequest = http.IncomingMessage & {
	body?: unknown;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	ip?: string;
	contentType?: string;
	encoding: BufferEncoding;
	rawBody: Buffer;
	readRawBody(): Promise<void>;
	_body: boolean;
};

class PayloadTooLargeError extends Error {
	constructor(limit: number) {
		super(`request entity too large (limit ${limit} bytes)`);
		this.name = 'PayloadTooLargeError';
	}
}

/** Read a stream whole, refusing more than `limit` bytes (n8n uses raw-body for this). */
export async function readAll(req: http.IncomingMessage, limit: number): Promise<Buffer> {
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.removeAllListeners('data');
				req.resume();
				reject(new PayloadTooLargeError(limit));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks, size)));
		req.on('error', reject);
	});
}

interface XmlParserLike {
	parseStringPromise(xml: string): Promise<unknown>;
}

/** n8n's body parser for XML: xml2js (n8n-workflow's copy) with the options n8n's body-parser uses. */
function n8nXmlParser(): XmlParserLike {
	const workflowDir = path.dirname(require.resolve('n8n-workflow'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const xml2js = require(require.resolve('xml2js', { paths: [workflowDir] })) as {
		Parser: new (options: object) => XmlParserLike;
	};
	return new xml2js.Parser({
		async: true,
		normalize: true,
		normalizeTags: true,
		explicitArray: false,
		tagNameProcessors: [sanitizeXmlName],
		attrNameProcessors: [sanitizeXmlName],
	});
}

/** n8n's parseIncomingMessage: the media type and charset of the request. */
export function parseIncoming(req: N8nRequest): void {
	const header = req.headers['content-type'];
	if (!header) return;
	const [type, ...parameters] = header.split(';');
	req.contentType = type.trim().toLowerCase();
	const charset = parameters
		.map((p) => p.trim().split('='))
		.find(([name]) => name.trim().toLowerCase() === 'charset')?.[1];
	req.encoding = (
		charset ? charset.trim().replace(/^"|"$/g, '').toLowerCase() : 'utf-8'
	) as BufferEncoding;
}

/**
 * n8n's parseRequestBody decision: the body of a version-1 webhook node is left unread when
 * `$parameter["options"]["binaryData"]` evaluates true on the workflow's node (whose parameters
 * n8n's Workflow has completed with the node type's defaults).
 */
export function n8nLeavesBodyUnread(
	workflow: Workflow,
	nodeName: string,
	mode: WorkflowExecuteMode,
): boolean {
	const node = workflow.getNode(nodeName);
	if (!node || node.typeVersion !== 1) return false;
	const value = workflow.expression.getSimpleParameterValue(
		node,
		'={{$parameter["options"]["binaryData"]}}',
		mode,
		{},
		undefined,
		false,
	);
	return Boolean(value);
}

/**
 * {@link n8nLeavesBodyUnread} for a node of `nodeType` with these stored parameters, alone in a
 * workflow that n8n-workflow's own Workflow builds (and completes with the type's defaults).
 */
export function n8nLeavesBodyUnreadFor(
	nodeType: INodeType,
	parameters: INodeParameters,
	typeVersion = 1,
): boolean {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'trigger',
		name: nodeType.description.displayName,
		type: `n8n-nodes-contact-center.${nodeType.description.name}`,
		typeVersion,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
	});
	return n8nLeavesBodyUnread(workflow, node.name, 'webhook');
}

/** n8n's parseBody: the raw body, then req.body by content type; a body that cannot be parsed is a 422. */
export async function parseBody(
	req: N8nRequest,
): Promise<{ status: number; body: IDataObject } | undefined> {
	try {
		await req.readRawBody();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return error instanceof PayloadTooLargeError
			? { status: 413, body: { code: 413, message } }
			: {
					status: 400,
					body: { code: 400, message: `The request body could not be read: ${message}` },
				};
	}
	const { rawBody, contentType, encoding } = req;
	if (!rawBody?.length) return undefined;
	try {
		if (contentType === 'application/json') {
			req.body = jsonParse(rawBody.toString(encoding));
		} else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
			req.body = await n8nXmlParser().parseStringPromise(rawBody.toString(encoding));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, {
				maxKeys: 1000,
			});
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		return {
			status: 422,
			body: {
				code: 422,
				message: 'Failed to parse request body',
				hint: error instanceof Error ? error.message : String(error),
			},
		};
	}
	return undefined;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	if (res.headersSent || res.writableEnded) return;
	const payload = Buffer.from(JSON.stringify(body), 'utf8');
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(payload.length),
	});
	res.end(payload);
}
