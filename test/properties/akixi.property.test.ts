import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { Akixi } from '../../nodes/Akixi/Akixi.node';
import { AkixiClient, type AkixiRequest, type AkixiResponse } from '../../nodes/Akixi/client';
import * as integratorClient from '../../nodes/Akixi/resources/integratorClient';
import * as omnichannel from '../../nodes/Akixi/resources/omnichannelIntegration';
import type { OperationDeclaration } from '../../nodes/shared/operations';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { check, checkAsync, expectRefused } from './check';
import {
	asNodeParameters,
	offeredOperations,
	rawValues,
	readerOver,
	type Overrides,
} from './params';
import { blankText, freeText } from './text';
import {
	attribute,
	child,
	childNamesOf,
	elements,
	leafText,
	queryEntries,
	readTarget,
	readXml,
	startCaptureServer,
	type CaptureServer,
	type CapturedRequest,
} from './wire';

/**
 * Every Akixi operation: random parameter values go through the declaration's request() and the
 * real AkixiClient onto the wire (Akixi XML for Omnichannel Integrations, REST for Integrator
 * Clients); what arrives is read back and must hold exactly the values, where the declaration
 * puts them.
 */

type Operation = OperationDeclaration<AkixiRequest, AkixiResponse>;

const node = new Akixi();
const OMNICHANNEL = omnichannel.operations;
const INTEGRATOR_CLIENT = integratorClient.operations;

const sessionId = randomUUID();
let capture: CaptureServer;
let client: AkixiClient;

beforeAll(async () => {
	capture = await startCaptureServer();
	client = new AkixiClient(
		{
			baseUrl: capture.url,
			wsUrl: `${capture.url}/CCS/WS`,
			authentication: 'sessionId',
			sessionId,
		},
		{ timeoutMs: 20_000 },
	);
});

afterAll(async () => {
	resetHttpClients();
	await capture.close();
});

/** Send one request through the client; the capture server's answer is not Akixi's, so errors are expected. */
async function onTheWire(request: AkixiRequest): Promise<CapturedRequest> {
	await client.send(request).catch(() => undefined);
	const sent = capture.take();
	expect(sent).toHaveLength(1);
	return sent[0];
}

const label = (op: Operation) => `${op.resource}.${op.value}`;

it('covers every operation the Akixi node offers', () => {
	const covered = [...OMNICHANNEL, ...INTEGRATOR_CLIENT].map(label).sort();
	expect(covered).toEqual(offeredOperations(node));
	expect(covered).toHaveLength(10);
});

// ---------------------------------------------------------------------------------------------
// Omnichannel Integration: Akixi XML

type Payload = { [name: string]: string | Payload };

interface AkixiWireRequest {
	operation: string | undefined;
	sessionId: string;
	offset?: string;
	limit?: string;
	payload: Payload;
}

/** Property and Container children, each name once. */
function readPayload(element: unknown): Payload {
	const payload: Payload = {};
	const el = element as Parameters<typeof child>[0];
	expect(childNamesOf(el).filter((n) => n !== 'Property' && n !== 'Container')).toEqual([]);
	for (const property of elements(child(el, 'Property'))) {
		const name = attribute(property, 'Name')!;
		expect(Object.prototype.hasOwnProperty.call(payload, name)).toBe(false);
		payload[name] = leafText(property);
	}
	for (const container of elements(child(el, 'Container'))) {
		const name = attribute(container, 'Name')!;
		expect(Object.prototype.hasOwnProperty.call(payload, name)).toBe(false);
		payload[name] = readPayload(container);
	}
	return payload;
}

function readAkixiRequest(xml: string): AkixiWireRequest {
	const doc = readXml(xml);
	expect(Object.keys(doc)).toEqual(['Request']);
	const request = doc.Request;
	expect(leafText(child(request, 'InvokeID'))).toMatch(/^\d{5}$/);
	const read: AkixiWireRequest = {
		operation: attribute(request, 'Operation'),
		sessionId: leafText(child(request, 'SessionID')),
		payload: readPayload(child(request, 'OperationPayload') ?? {}),
	};
	if (child(request, 'Offset') !== undefined) read.offset = leafText(child(request, 'Offset'));
	if (child(request, 'Limit') !== undefined) read.limit = leafText(child(request, 'Limit'));
	return read;
}

const byParam = new Map(omnichannel.PROPERTIES.map((p) => [p.param, p]));

/** A property value as Akixi XML writes it: True/False, whole numbers, text as given. */
function akixiText(param: string, value: unknown): string {
	const def = byParam.get(param)!;
	if (def.kind === 'boolean') return value === true ? 'True' : 'False';
	if (def.kind === 'number') return String(Math.trunc(value as number));
	return String(value);
}

/** Put a parameter's value where Akixi expects it: its wire name, inside its container if it has one. */
function place(payload: Payload, param: string, value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	const def = byParam.get(param);
	if (!def) throw new Error(`No Akixi property for parameter ${param}`);
	const target = def.container ? ((payload[def.container] ??= {}) as Payload) : payload;
	target[def.wire] = akixiText(param, value);
}

function placeAll(payload: Payload, fields: unknown): void {
	for (const [param, value] of Object.entries((fields ?? {}) as IDataObject))
		place(payload, param, value);
}

function placeScope(payload: Payload, values: IDataObject): void {
	if (values.scopeBy !== 'telSys') place(payload, 'partitionGuid', values.partitionGuid);
	if (values.scopeBy !== 'partitionGuid') {
		place(payload, 'telSysId', values.telSysId);
		place(payload, 'partIdInTelSys', values.partIdInTelSys);
	}
}

const OMNICHANNEL_OPERATIONS: Record<string, string> = {
	add: 'OmnichannelIntAdd',
	change: 'OmnichannelIntChange',
	delete: 'OmnichannelIntDelete',
	info: 'OmnichannelIntInfo',
	list: 'OmnichannelIntList',
};

/** What the request of an Omnichannel operation must carry, from the parameters n8n passes. */
function expectedOmnichannel(op: string, values: IDataObject): AkixiWireRequest {
	const payload: Payload = {};
	const expected: AkixiWireRequest = { operation: OMNICHANNEL_OPERATIONS[op], sessionId, payload };
	if (op === 'add') {
		placeAll(payload, values.additionalFields);
		placeScope(payload, values);
		place(payload, 'integrationType', values.integrationType);
		place(payload, 'description', values.description);
	} else if (op === 'list') {
		placeScope(payload, values);
		const fields = values.omniChannelIntFields as string[];
		if (fields.length) payload.OmniChannelIntFields = fields.join(',');
		expected.offset = String(values.offset);
		expected.limit = values.returnAll === true ? '1000' : String(values.limit);
	} else {
		payload.UniqueID = String(values.uniqueId).trim();
		placeAll(payload, values.updateFields);
	}
	placeAll(payload, values.apiCommunicationSettings);
	placeAll(payload, values.advanced);
	return expected;
}

/** The Unique ID that names an existing entry: any text that is not blank. */
const OMNICHANNEL_OVERRIDES: Overrides = { uniqueId: freeText('xml', { nonBlank: true }) };

describe('Omnichannel Integration operations put every value into the Akixi XML request', () => {
	it.each(OMNICHANNEL.map((op) => [label(op), op] as const))('%s', async (_name, op) => {
		await checkAsync(
			fc.asyncProperty(
				rawValues(op, { format: 'xml', overrides: OMNICHANNEL_OVERRIDES }),
				async (raw) => {
					const values = asNodeParameters(node, raw);
					const wire = await onTheWire(op.request(readerOver(values)));
					expect(wire.method).toBe('POST');
					expect(readTarget(wire.target).segments).toEqual(['', 'CCS', 'WS']);
					expect(readAkixiRequest(wire.body)).toEqual(expectedOmnichannel(op.value, values));
				},
			),
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Integrator Client: REST

/** Path parameters: any text that is not blank and not a dot segment once trimmed. */
const segmentText = freeText('url', { nonBlank: true }).filter(
	(t) => t.trim() !== '.' && t.trim() !== '..',
);

/** Path parameters outside that domain: blank, or a dot segment that would change the path. */
const badSegmentText = fc.oneof(
	blankText,
	fc
		.tuple(blankText, fc.constantFrom('.', '..'), blankText)
		.map(([a, dots, b]) => `${a}${dots}${b}`),
);

const SCOPE_PARAMS = ['telSysId', 'partitionIdInTelSys', 'deviceNumber'] as const;
const ID_PARAM = 'integratorClientId';

function segmentOverrides(op: Operation): Overrides {
	const overrides: Overrides = {};
	for (const property of op.properties) {
		if ((SCOPE_PARAMS as readonly string[]).includes(property.name) || property.name === ID_PARAM) {
			overrides[property.name] = segmentText;
		}
	}
	return overrides;
}

const BASE_SEGMENTS = ['', 'CCS', 'API', 'v1', 'admin'];

function expectedSegments(op: string, values: IDataObject): string[] {
	const v = (name: string) => String(values[name]).trim();
	const segments = [
		...BASE_SEGMENTS,
		'telsys',
		v('telSysId'),
		'partition',
		v('partitionIdInTelSys'),
		'device',
		v('deviceNumber'),
		'integratorClient',
	];
	if (op === 'add') segments.push('');
	if (op === 'change' || op === 'delete' || op === 'info') segments.push(v(ID_PARAM));
	return segments;
}

function expectedQuery(op: string, values: IDataObject): Record<string, string[]> {
	const query: Record<string, string[]> = {};
	if (op === 'list') {
		query.limit = [values.returnAll === true ? '100' : String(values.limit)];
		query.offset = [String(values.offset)];
		if (values.sort !== '') query.sort = [String(values.sort)];
	}
	const fields = (values.integratorClientFields ?? []) as string[];
	if (op !== 'delete' && fields.length) query.IntegratorClientFields = [`[${fields.join(',')}]`];
	return query;
}

/** The JSON body of Add and Change: the fields that are set, Policies and Settings as the objects given. */
function expectedBody(op: string, values: IDataObject): IDataObject | undefined {
	if (op !== 'add' && op !== 'change') return undefined;
	const fields = op === 'add' ? values : ((values.updateFields ?? {}) as IDataObject);
	const body: IDataObject = {};
	if (fields.description !== undefined && fields.description !== '')
		body.Description = fields.description;
	if (fields.cmEnvironmentId !== undefined && fields.cmEnvironmentId !== '')
		body.CMEnvironmentID = fields.cmEnvironmentId;
	for (const [param, wire] of [
		['policies', 'Policies'],
		['settings', 'Settings'],
	] as const) {
		if (fields[param] === undefined) continue;
		const object = JSON.parse(String(fields[param])) as IDataObject;
		if (Object.keys(object).length) body[wire] = object;
	}
	return body;
}

const METHODS: Record<string, string> = {
	add: 'POST',
	change: 'PUT',
	delete: 'DELETE',
	info: 'GET',
	list: 'GET',
};

describe('Integrator Client operations put every value into the REST request', () => {
	it.each(INTEGRATOR_CLIENT.map((op) => [label(op), op] as const))('%s', async (_name, op) => {
		await checkAsync(
			fc.asyncProperty(
				rawValues(op, { format: 'url', overrides: segmentOverrides(op) }),
				async (raw) => {
					const values = asNodeParameters(node, raw);
					const wire = await onTheWire(op.request(readerOver(values)));
					expect(wire.method).toBe(METHODS[op.value]);
					const target = readTarget(wire.target);
					expect(target.segments).toEqual(expectedSegments(op.value, values));
					expect(queryEntries(target.query)).toEqual(expectedQuery(op.value, values));
					const body = expectedBody(op.value, values);
					if (body === undefined) expect(wire.body).toBe('');
					else expect(JSON.parse(wire.body)).toEqual(body);
				},
			),
		);
	});

	it.each(INTEGRATOR_CLIENT.map((op) => [label(op), op] as const))(
		'%s refuses a blank or dot-segment path parameter before anything is sent',
		(_name, op) => {
			const params = op.properties
				.map((p) => p.name)
				.filter((name) => (SCOPE_PARAMS as readonly string[]).includes(name) || name === ID_PARAM);
			const labels: Record<string, string> = {
				telSysId: 'Telephony Server ID',
				partitionIdInTelSys: 'Partition ID in Telephony Server',
				deviceNumber: 'Device Number',
				integratorClientId: 'Integrator Client ID',
			};
			check(
				fc.property(
					rawValues(op, { format: 'url', overrides: segmentOverrides(op) }),
					fc.constantFrom(...params),
					badSegmentText,
					(raw, param, bad) => {
						const values = asNodeParameters(node, { ...raw, [param]: bad });
						expectRefused(() => op.request(readerOver(values)), labels[param]);
					},
				),
			);
		},
	);

	it.each(
		INTEGRATOR_CLIENT.filter((op) => op.value === 'add' || op.value === 'change').map(
			(op) => [label(op), op] as const,
		),
	)('%s refuses Policies and Settings that are not JSON objects', (_name, op) => {
		const notAnObject = fc
			.oneof(
				freeText('json', { short: true }).filter((t) => {
					try {
						const parsed: unknown = JSON.parse(t);
						return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
					} catch {
						return true;
					}
				}),
				fc
					.jsonValue()
					.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
					.map((v) => JSON.stringify(v)),
			)
			.filter((t) => t !== '');
		check(
			fc.property(
				rawValues(op, { format: 'url', overrides: segmentOverrides(op) }),
				fc.constantFrom('policies', 'settings'),
				notAnObject,
				(raw, param, bad) => {
					const patched =
						op.value === 'add'
							? { ...raw, [param]: bad }
							: {
									...raw,
									updateFields: { ...((raw.updateFields ?? {}) as IDataObject), [param]: bad },
								};
					const values = asNodeParameters(node, patched);
					expectRefused(
						() => op.request(readerOver(values)),
						param === 'policies' ? 'Policies' : 'Settings',
					);
				},
			),
		);
	});
});
