import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { SapIciClient, type IciCall } from '../../nodes/SapIci/client';
import { ICI_INTERFACES } from '../../nodes/SapIci/constants';
import { readAttachedData } from '../../nodes/SapIci/elements';
import { readResolved, resolvedChild } from '../../simulators/oii/wire';
import { ICI_OPERATIONS, type IciOperationDef, type ParamDef } from '../../nodes/SapIci/operations';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { parseXml, TEXT_KEY, type XmlValue } from '../../nodes/shared/xml';
import { checkAsync, PURE_RUNS } from './check';
import {
	asNodeParameters,
	offeredOperations,
	rawValues,
	readerOver,
	type Overrides,
} from './params';
import { isBlank } from './text';
import {
	child,
	childNamesOf,
	elements,
	readXml,
	startCaptureServer,
	type CaptureServer,
} from './wire';
import { CASES, node, OPTIONAL, overridesFor } from './sapIciCases';

/**
 * Every ICI operation of the SAP ICI node: random parameter values go through the declaration's
 * request() and the real SapIciClient onto the wire as a SOAP envelope; read back, the body
 * element must carry exactly the values, each in the element (and namespace) the operation
 * table names, and XML carried as text (attached data, extra data) must read back to the values
 * it was built from.
 */

let capture: CaptureServer;
let client: SapIciClient;

beforeAll(async () => {
	capture = await startCaptureServer();
	client = new SapIciClient(
		{ url: `${capture.url}/OII/OII.asmx`, authentication: 'none' },
		{ timeoutMs: 20_000 },
	);
});

afterAll(async () => {
	resetHttpClients();
	await capture.close();
});

it('covers all 54 ICI operations the SAP ICI node offers', () => {
	expect(CASES.map(([name]) => name).sort()).toEqual(offeredOperations(node));
	expect(CASES).toHaveLength(ICI_OPERATIONS.length);
	expect(CASES).toHaveLength(54);
});

// ---------------------------------------------------------------------------------------------
// Reading the body element back, and what it must hold

/** An element as comparable JSON: leaf text, `{ $nil: true }`, or its children by name (always lists). */
type Canonical = string | { [name: string]: Canonical[] | true };

function isNilElement(value: XmlValue): boolean {
	if (typeof value !== 'object' || Array.isArray(value)) return false;
	return value['@_nil'] === 'true' || value['@_xsi:nil'] === 'true';
}

function canonical(value: XmlValue): Canonical {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) throw new Error('Expected one element');
	if (isNilElement(value)) return { $nil: true };
	const names = childNamesOf(value);
	if (names.length === 0) {
		const text = value[TEXT_KEY];
		return typeof text === 'string' ? text : '';
	}
	const out: { [name: string]: Canonical[] } = {};
	for (const name of names) out[name] = elements(child(value, name)).map(canonical);
	return out;
}

const NIL: Canonical = { $nil: true };

function textOfValue(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function blank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && isBlank(value));
}

function whenEmpty(def: ParamDef): Canonical | undefined {
	if (def.whenEmpty === 'nil') return NIL;
	if (def.whenEmpty === 'empty') return '';
	return undefined;
}

function entriesOf(value: unknown, key: string): IDataObject[] {
	const list = (value as IDataObject | undefined)?.[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function attributeItems(value: unknown): Canonical {
	const items = entriesOf(value, 'attribute').map((entry) => {
		const name = (entry.name === 'custom' ? String(entry.customName) : String(entry.name)).trim();
		return {
			id: [name],
			description: [entry.value === undefined ? '' : String(entry.value)],
		} as Canonical;
	});
	return items.length ? { item: items } : '';
}

function splitList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return list.map((v) => textOfValue(v).trim()).filter((v) => v !== '');
}

/** Checks of XML carried as text, done after the envelope has been compared. */
type InnerCheck = (text: string) => void;

interface Expected {
	children: Record<string, Canonical[]>;
	inner: Record<string, InnerCheck>;
}

/** A document a conformant parser reads exactly as the pack's parser does (no value changed by normalisation). */
function expectConformant(xml: string): void {
	expect(readXml(xml)).toEqual(parseXml(xml));
}

function expectedBody(def: IciOperationDef, values: IDataObject): Expected {
	const optional = (values[OPTIONAL] ?? {}) as IDataObject;
	const children: Record<string, Canonical[]> = {};
	const inner: Record<string, InnerCheck> = {};
	const set = (param: ParamDef, value: Canonical | undefined) => {
		if (value !== undefined) children[param.name] = [value];
	};
	for (const param of def.params) {
		const value = param.required ? values[param.name] : optional[param.name];
		switch (param.kind) {
			case 'string':
			case 'options':
				set(param, blank(value) ? whenEmpty(param) : textOfValue(value).trim());
				break;
			case 'text':
				set(param, blank(value) ? whenEmpty(param) : textOfValue(value));
				break;
			case 'int':
				set(param, blank(value) ? whenEmpty(param) : String(Number(value)));
				break;
			case 'boolean':
				set(param, blank(value) ? whenEmpty(param) : value === true ? 'true' : 'false');
				break;
			case 'cmsPing':
				set(param, value === true ? 'TRUE' : undefined);
				break;
			case 'stringList': {
				const items = splitList(value);
				set(param, items.length ? { [param.itemTag ?? 'item']: items } : whenEmpty(param));
				break;
			}
			case 'addresses': {
				const items = entriesOf(value, 'address').map(
					(e) =>
						({
							address: [String(e.address).trim()],
							channel: [String(e.channel ?? '1')],
						}) as Canonical,
				);
				set(param, items.length ? { item: items } : whenEmpty(param));
				break;
			}
			case 'attributes':
				set(param, attributeItems(values[param.name]));
				break;
			case 'attachedData': {
				if (values.attachedDataFormat === 'json') {
					const applications = JSON.parse(String(values.attachedDataJson)) as IDataObject;
					set(param, expect.any(String) as unknown as Canonical);
					inner[param.name] = (text) => expect(readAttachedData(text)).toEqual({ applications });
				} else {
					const xml = String(values[param.name] ?? '');
					set(param, isBlank(xml) ? whenEmpty(param) : xml);
				}
				break;
			}
			case 'callbackExtraData': {
				const xml = typeof optional.extraDataXml === 'string' ? optional.extraDataXml.trim() : '';
				const skills = entriesOf(optional.extraDataSkills, 'skill');
				const keys = entriesOf(optional.extraDataKeys, 'key');
				const priority = optional.extraDataPriority;
				if (xml) {
					set(param, xml);
				} else if (skills.length || keys.length || priority !== undefined) {
					const root: Record<string, Canonical[]> = {};
					if (skills.length)
						root.Skills = [
							skills.map((s) => `${String(s.name).trim()}=${Number(s.level)}`).join(';'),
						];
					if (priority !== undefined) root.Priority = [String(priority)];
					for (const key of keys) root[String(key.name)] = [String(key.value ?? '')];
					set(param, expect.any(String) as unknown as Canonical);
					inner[param.name] = (text) => {
						expectConformant(text);
						expect(canonical(readXml(text))).toEqual({ XML: [root] });
					};
				} else {
					set(param, whenEmpty(param));
				}
				break;
			}
			case 'itemData': {
				const data = (values.itemDataFields ?? {}) as IDataObject;
				const text = (key: string) =>
					data[key] === undefined || data[key] === null ? '' : String(data[key]);
				const item: Record<string, Canonical[]> = {};
				for (const key of ['systemId', 'client', 'requestId', 'processId'])
					item[key] = [text(key).trim()];
				for (const key of ['actionItemId', 'actionItemInboxId'])
					if (text(key).trim() !== '') item[key] = [text(key).trim()];
				item.attachedData = [text('attachedData')];
				const capabilities = splitList(data.capabilityList);
				item.capabilityList = [capabilities.length ? { item: capabilities } : ''];
				item.processingStatus = [
					{
						id: [text('processingStatusId').trim()],
						description: [text('processingStatusDescription')],
					},
				];
				item.actionItemStatus = [
					{
						id: [text('actionItemStatusId').trim()],
						description: [text('actionItemStatusDescription')],
					},
				];
				item.actionItemAttributes = [attributeItems(values.actionItemAttributes)];
				set(param, item);
				break;
			}
			default:
				throw new Error(`No expectation for ${param.kind}`);
		}
	}
	return { children, inner };
}

function childNamespace(def: IciOperationDef, param: ParamDef): string {
	if (param.namespace) return param.namespace;
	const form = def.childForm ?? ICI_INTERFACES[def.resource].childForm;
	return form === 'unqualified' ? '' : ICI_INTERFACES[def.resource].namespace;
}

async function onTheWire(call: IciCall) {
	await client.send(call).catch(() => undefined);
	const sent = capture.take();
	expect(sent).toHaveLength(1);
	return sent[0];
}

describe('every ICI operation puts every value into its SOAP envelope', () => {
	it.each(CASES)('%s', async (_name, op, def) => {
		await checkAsync(
			fc.asyncProperty(
				rawValues(op, { format: 'xml', overrides: overridesFor(def) }),
				async (raw) => {
					const values = asNodeParameters(node, raw);
					const request = op.request(readerOver(values));
					const wire = await onTheWire(request.call);
					const iface = ICI_INTERFACES[def.resource];
					expect(wire.method).toBe('POST');
					expect(wire.target).toBe('/OII/OII.asmx');
					expect(wire.headers.soapaction).toBe(`"${iface.soapAction}"`);

					const doc = readXml(wire.body, { removeNamespacePrefix: true });
					const body = child(child(doc, 'Envelope'), 'Body');
					expect(childNamesOf(body)).toEqual([def.operation]);
					const element = child(body, def.operation);
					const expected = expectedBody(def, values);
					expect(childNamesOf(element)).toEqual(Object.keys(expected.children));
					const actual: Record<string, Canonical[]> = {};
					for (const name of childNamesOf(element))
						actual[name] = elements(child(element, name)).map(canonical);
					expect(actual).toEqual(expected.children);
					for (const [name, checkInner] of Object.entries(expected.inner))
						checkInner(actual[name][0] as string);

					const resolved = resolvedChild(readResolved(wire.body), 'Body')!.children[0];
					expect({ namespace: resolved.namespace, name: resolved.name }).toEqual({
						namespace: iface.namespace,
						name: def.operation,
					});
					const namespaces = Object.fromEntries(
						resolved.children.map((c) => [c.name, c.namespace]),
					);
					const wanted = Object.fromEntries(
						def.params
							.filter((p) => p.name in expected.children)
							.map((p) => [p.name, childNamespace(def, p)]),
					);
					expect(namespaces).toEqual(wanted);
				},
			),
		);
	});
});

describe('XML written from JSON reads the same in any conformant parser', () => {
	const [, setAttachedData, setAttachedDataDef] = CASES.find(
		([name]) => name === 'item.setAttachedData',
	)!;
	const jsonOnly: Overrides = {
		...overridesFor(setAttachedDataDef),
		attachedDataFormat: fc.constant('json'),
	};

	// Application IDs and "@name" values become attribute values: XML 1.0 reads a literal tab or
	// line feed there as a space, so they must be written as character references.
	it('item.setAttachedData: Application IDs and attributes of attached data JSON', async () => {
		await checkAsync(
			fc.asyncProperty(
				rawValues(setAttachedData, { format: 'xml', overrides: jsonOnly }),
				async (raw) => {
					const values = asNodeParameters(node, raw);
					const wire = await onTheWire(setAttachedData.request(readerOver(values)).call);
					const body = child(
						child(readXml(wire.body, { removeNamespacePrefix: true }), 'Envelope'),
						'Body',
					);
					const text = canonical(child(child(body, 'setAttachedData'), 'attachedData')!) as string;
					expectConformant(text);
				},
			),
			PURE_RUNS,
			// An Application ID holding a tab, and an attribute holding a line feed.
			[
				[
					{
						itemId: 'x',
						attachedDataFormat: 'json',
						attachedData: '',
						attachedDataJson: '{"\\t":{}}',
						resource: 'item',
						operation: 'setAttachedData',
					},
				],
				[
					{
						itemId: 'x',
						attachedDataFormat: 'json',
						attachedData: '',
						attachedDataJson: '{"a":{"@b":"1\\n2"}}',
						resource: 'item',
						operation: 'setAttachedData',
					},
				],
			],
		);
	});
});
