import type http from 'node:http';

import type {
	BodyFormat,
	HugeTemplate,
	RouteInfo,
	SimRequest,
	SimResponse,
	SimulatorDefinition,
} from './definition';
import type { FailFault, Fault } from './faults';
import { bodyBuffer, jsonResponse, send, statusText, textResponse, write } from './responses';

/**
 * How an injected fault is answered: an HTTP status, an HTML error page, an entity bomb, a reset,
 * the system's own failure, a huge document streamed out, a truncated answer or a delayed one.
 */

export const ENTITY_BOMB_XML = [
	'<?xml version="1.0"?>',
	'<!DOCTYPE lolz [',
	' <!ENTITY lol "lol">',
	' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
	' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
	' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
	' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">',
	' <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">',
	' <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">',
	' <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">',
	' <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">',
	' <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">',
	']>',
	'<Response Result="Success"><InvokeID>&lol9;</InvokeID></Response>',
	'',
].join('\n');

export function htmlErrorPage(status: number): string {
	const title = `${status} ${statusText(status)}`;
	return [
		'<!DOCTYPE html>',
		`<html><head><title>${title}</title></head>`,
		`<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
		'',
	].join('\n');
}

const DEFAULT_HUGE_TEMPLATES: Record<BodyFormat, HugeTemplate> = {
	xml: {
		contentType: 'text/xml; charset=utf-8',
		head: '<Response Result="Success"><Items>\n',
		item: '<Item>simulated padding entry simulated padding entry</Item>',
		separator: '\n',
		tail: '\n</Items></Response>\n',
	},
	json: {
		contentType: 'application/json; charset=utf-8',
		head: '{"Items":[',
		item: '{"Description":"simulated padding entry simulated padding entry"}',
		separator: ',',
		tail: ']}',
	},
	text: {
		contentType: 'text/plain; charset=utf-8',
		head: '',
		item: 'simulated padding line simulated padding line',
		separator: '\n',
		tail: '\n',
	},
};

interface HugePlan {
	total: number;
	count: number;
	padding: number;
}

/** How many items fit in `bytes` and how much whitespace pads the rest (exact length when it fits). */
export function planHuge(template: HugeTemplate, bytes: number): HugePlan {
	const fixed = template.head.length + template.tail.length;
	const unit = template.item.length + template.separator.length;
	if (bytes <= fixed + template.item.length) {
		return { total: Math.max(bytes, fixed), count: 0, padding: Math.max(0, bytes - fixed) };
	}
	const count = Math.floor((bytes - fixed + template.separator.length) / unit);
	const used = fixed + count * template.item.length + (count - 1) * template.separator.length;
	return { total: bytes, count, padding: bytes - used };
}

/** What answering a fault needs: the simulator, the request as read and as received, the answer. */
export interface FaultAnswer {
	definition: SimulatorDefinition;
	request: SimRequest;
	info: RouteInfo;
	req: http.IncomingMessage;
	res: http.ServerResponse;
	/** Timers of delayed answers, cleared when the server closes. */
	timers: Set<NodeJS.Timeout>;
}

/** Answer a request with the fault injected for it. */
export async function answerWithFault(
	fault: Fault,
	{ definition, request, info, req, res, timers }: FaultAnswer,
): Promise<void> {
	switch (fault.kind) {
		case 'status':
			send(
				res,
				textResponse(
					fault.status,
					fault.body ?? `Simulated HTTP ${fault.status} ${statusText(fault.status)}`,
					fault.contentType,
				),
			);
			return;
		case 'html':
			send(
				res,
				textResponse(
					fault.status ?? 502,
					htmlErrorPage(fault.status ?? 502),
					'text/html; charset=utf-8',
				),
			);
			return;
		case 'entityBomb':
			send(res, textResponse(200, ENTITY_BOMB_XML, 'text/xml; charset=utf-8'));
			return;
		case 'reset':
			req.socket.destroy();
			return;
		case 'fail':
			send(res, failAnswer(definition, fault, request, info));
			return;
		case 'huge':
			await streamHuge(
				res,
				definition.hugeTemplate?.(request, info) ?? DEFAULT_HUGE_TEMPLATES[info.format],
				fault.bytes,
			);
			return;
		case 'truncated':
			sendTruncated(res, req, await definition.handle(request), fault.abort === true);
			return;
		case 'delay':
			sendLater(res, await definition.handle(request), fault.ms, timers);
			return;
	}
}

function failAnswer(
	definition: SimulatorDefinition,
	fault: FailFault,
	request: SimRequest,
	info: RouteInfo,
): SimResponse {
	if (definition.failResponse) return definition.failResponse(fault, request, info);
	return jsonResponse(fault.status ?? 500, {
		code: fault.code,
		message: fault.message ?? 'Simulated failure',
	});
}

function sendTruncated(
	res: http.ServerResponse,
	req: http.IncomingMessage,
	response: SimResponse,
	abort: boolean,
): void {
	const full = bodyBuffer(response.body);
	const half = full.subarray(0, Math.floor(full.length / 2));
	if (!abort) {
		send(res, { ...response, body: half });
		return;
	}
	res.writeHead(response.status, { ...(response.headers ?? {}), 'Content-Length': full.length });
	res.write(half, () => req.socket.destroy());
}

function sendLater(
	res: http.ServerResponse,
	response: SimResponse,
	ms: number,
	timers: Set<NodeJS.Timeout>,
): void {
	const timer = setTimeout(() => {
		timers.delete(timer);
		send(res, response);
	}, ms);
	timer.unref();
	timers.add(timer);
	res.on('close', () => {
		clearTimeout(timer);
		timers.delete(timer);
	});
}

async function streamHuge(
	res: http.ServerResponse,
	template: HugeTemplate,
	bytes: number,
): Promise<void> {
	const plan = planHuge(template, bytes);
	res.writeHead(200, { 'Content-Type': template.contentType, 'Content-Length': plan.total });
	const batch = Math.max(1, Math.floor(65536 / (template.item.length + template.separator.length)));
	const block = Array.from({ length: batch }, () => template.separator + template.item).join('');
	if (!(await write(res, template.head))) return;
	let written = 0;
	if (plan.count > 0) {
		if (!(await write(res, template.item))) return;
		written = 1;
	}
	while (written + batch <= plan.count) {
		if (!(await write(res, block))) return;
		written += batch;
	}
	const rest = plan.count - written;
	const tail = block.slice(0, rest * (template.item.length + template.separator.length));
	if (!(await write(res, tail + ' '.repeat(plan.padding) + template.tail))) return;
	res.end();
}
