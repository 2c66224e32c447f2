import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { SapIciClient, type IciCall } from '../../nodes/SapIci/client';
import { ICI_INTERFACES } from '../../nodes/SapIci/constants';
import { readAttachedData } from '../../nodes/SapIci/elements';
import { readResolved, resolvedChild } from '../../simulators/oii/wire';
import {
	ICI_OPERATIONS,
	iciDeclarations,
	type IciOperationDef,
	type ParamDef,
} from '../../nodes/SapIci/operations';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import { ACTION_ITEM_ROUTING_ATTRIBUTES, USER_CHANNELS } from '../../nodes/SapIci/tables';
import { resetHttpClients } from '../../nodes/shared/transport/http';
import { escapeXml, parseXml, TEXT_KEY, type XmlValue } from '../../nodes/shared/xml';
import { check, checkAsync, expectRefused, PURE_RUNS } from './check';
import {
	asNodeParameters,
	offeredOperations,
	rawValues,
	readerOver,
	type Overrides,
} from './params';
import { blankText, freeText, isBlank, textWithout } from './text';
import {
	child,
	childNamesOf,
	elements,
	readXml,
	startCaptureServer,
	type CaptureServer,
} from './wire';

/**
 * Every ICI operation of the SAP ICI node: random parameter values go through the declaration's
 * request() and the real SapIciClient onto the wire as a SOAP envelope; read back, the body
 * element must carry exactly the values, each in the element (and namespace) the operation
 * table names, and XML carried as text (attached data, extra data) must read back to the values
 * it was built from.
 */

const node = new SapIci();
const DECLARATIONS = iciDeclarations();
const OPTIONAL = 'additionalFields';

function defOf(resource: string, operation: string): IciOperationDef {
	const def = ICI_OPERATIONS.find((d) => d.resource === resource && d.operation === operation);
	if (!def) throw new Error(`No ICI operation ${resource}.${operation}`);
	return def;
}

const CASES = DECLARATIONS.map(
	(op) => [`${op.resource}.${op.value}`, op, defOf(op.resource, op.value)] as const,
);

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
// Generators for the domains the node checks

const XML_NAME = fc
	.tuple(
		fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz_'.split('')),
		fc.string({ unit: fc.constantFrom(...'abcXYZ0189._-'.split('')), maxLength: 8 }),
	)
	.map(([first, rest]) => first + rest);

/** Item attached data as XML text: a well-formed document, with or without declaration and blanks around. */
const attachedDataXml = fc
	.tuple(
		fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n'),
		fc.array(
			fc.tuple(freeText('xml', { short: true }), XML_NAME, freeText('xml', { short: true })),
			{ maxLength: 3 },
		),
		fc.constantFrom('', ' ', '\n', '\r\n\t'),
	)
	.map(
		([declaration, apps, pad]) =>
			`${pad}${declaration}<ItemAttachedData>${apps
				.map(
					([id, key, text]) =>
						`<Application id="${escapeXml(id)}"><${key}>${escapeXml(text)}</${key}></Application>`,
				)
				.join('')}</ItemAttachedData>${pad}`,
	);

/** Item attached data as JSON per Application ID: element and attribute names that XML allows, any text. */
const attachedDataObject = fc.dictionary(
	freeText('xml', { short: true }),
	fc.dictionary(
		fc
			.oneof(
				XML_NAME,
				XML_NAME.map((name) => `@${name}`),
			)
			.filter((name) => !/^@?xml/i.test(name)),
		freeText('xml', { short: true }),
		{ maxKeys: 3 },
	),
	{ maxKeys: 3 },
);

/** A SKILL value: <GuidOrExtName> or <GuidOrExtName>=1 to 5, blanks around allowed. */
const skillValue = fc
	.tuple(
		textWithout('xml', /[=]/g, { nonBlank: true, trimmed: true }),
		fc.option(fc.integer({ min: 1, max: 5 })),
		fc.constantFrom('', ' ', '\t'),
	)
	.map(([name, level, pad]) => `${pad}${name}${level === null ? '' : `=${level}`}${pad}`);

const CHECKED_NAMES = ['SKILL', 'DELETE', 'REQUIRED_AGENT_EXPIRY_TIME'];

/** One entry of an Attribute[] list, with a value from the attribute's own domain. */
const attributeEntry: fc.Arbitrary<IDataObject> = fc.oneof(
	fc.constant('SKILL').chain((name) => skillValue.map((value) => ({ name, value }))),
	fc.constantFrom('X', ' X ', '', ' ').map((value) => ({ name: 'DELETE', value })),
	fc
		.tuple(fc.integer({ min: 0, max: 604_800 }), fc.constantFrom('', ' '))
		.map(([seconds, pad]) => ({
			name: 'REQUIRED_AGENT_EXPIRY_TIME',
			value: `${pad}${seconds}${pad}`,
		})),
	fc
		.tuple(
			fc.constantFrom(
				...Object.keys(ACTION_ITEM_ROUTING_ATTRIBUTES).filter((n) => !CHECKED_NAMES.includes(n)),
			),
			freeText('xml', { short: true }),
		)
		.map(([name, value]) => ({ name, value })),
	fc
		.tuple(
			freeText('xml', { nonBlank: true, short: true }).filter(
				(n) => !CHECKED_NAMES.includes(n.trim()),
			),
			freeText('xml', { short: true }),
		)
		.map(([customName, value]) => ({ name: 'custom', customName, value })),
);

/** createCallBack's optional fields: extra data either as an XML document or as skills, priority and keys. */
const callbackOptionalFields: fc.Arbitrary<IDataObject> = fc
	.tuple(
		fc.record(
			{
				callTime: freeText('xml', { short: true }),
				gwPrefix: freeText('xml', { short: true }),
				notes: freeText('xml'),
			},
			{ requiredKeys: [] },
		),
		fc.oneof(
			fc.constant({}),
			fc
				.tuple(freeText('xml', { short: true }), fc.constantFrom('', ' ', '\n'))
				.map(([text, pad]) => ({
					extraDataXml: `${pad}<XML><Note>${escapeXml(text)}</Note></XML>${pad}`,
				})),
			fc.record(
				{
					extraDataSkills: fc.record({
						skill: fc.array(
							fc.record({
								name: textWithout('xml', /[=;]/g, { nonBlank: true }),
								level: fc.integer({ min: 1, max: 5 }),
							}),
							{ minLength: 1, maxLength: 3 },
						),
					}),
					extraDataPriority: fc.integer({ min: 1, max: 1_000_000 }),
					extraDataKeys: fc.record({
						key: fc.uniqueArray(
							fc.record({
								name: XML_NAME.filter(
									(n) => n !== 'Skills' && n !== 'Priority' && !/^xml/i.test(n),
								),
								value: freeText('xml', { short: true }),
							}),
							{ minLength: 1, maxLength: 3, selector: (entry) => entry.name },
						),
					}),
				},
				{ requiredKeys: [] },
			),
		),
	)
	.map(([fields, extra]) => ({ ...fields, ...extra }));

/** Capability IDs as typed: digits separated by commas or new lines. */
const capabilityList = fc
	.array(fc.integer({ min: 0, max: 999 }), { maxLength: 5 })
	.chain((ids) => fc.constantFrom(',', ', ', '\n').map((sep) => ids.join(sep)));

function overridesFor(def: IciOperationDef): Overrides {
	const overrides: Overrides = {};
	for (const param of def.params) {
		if (param.required && (param.kind === 'string' || param.kind === 'text')) {
			overrides[param.name] = freeText('xml', { nonBlank: true });
		}
		if (param.kind === 'addresses') {
			overrides[`${param.name}.address`] = fc.record({
				address: freeText('xml', { nonBlank: true }),
				channel: fc.constantFrom(...Object.keys(USER_CHANNELS)),
			});
		}
		if (param.kind === 'attachedData') {
			overrides[param.name] = fc.oneof(attachedDataXml, blankText);
			overrides.attachedDataJson = fc
				.tuple(attachedDataObject, fc.constantFrom(undefined, 2))
				.map(([o, i]) => JSON.stringify(o, null, i));
		}
		if (param.kind === 'attributes') overrides[`${param.name}.attribute`] = attributeEntry;
		if (param.kind === 'itemData') {
			overrides['actionItemAttributes.attribute'] = attributeEntry;
			overrides['itemDataFields.capabilityList'] = capabilityList;
		}
		if (param.kind === 'callbackExtraData') overrides[OPTIONAL] = callbackOptionalFields;
	}
	return overrides;
}

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

// ---------------------------------------------------------------------------------------------
// Values outside a parameter's domain

interface Refusal {
	name: string;
	applies(def: IciOperationDef): ParamDef | undefined;
	/** The raw values with one parameter taken out of its domain. */
	bad(def: IciOperationDef, param: ParamDef): fc.Arbitrary<(raw: IDataObject) => IDataObject>;
	message(param: ParamDef): string | RegExp;
}

const withOptional = (raw: IDataObject, fields: IDataObject): IDataObject => ({
	...raw,
	[OPTIONAL]: { ...((raw[OPTIONAL] ?? {}) as IDataObject), ...fields },
});

const fractional = fc
	.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 })
	.filter((n) => !Number.isInteger(n));

const badAttribute = fc.oneof(
	fc.constant({ name: 'custom', customName: ' ', value: 'x' }),
	fc
		.constantFrom('', ' ', '=3', ' =2', 'a=6', 'a=0', 'a=b=1', 'a=1.5')
		.map((value) => ({ name: 'SKILL', value })),
	freeText('xml', { short: true })
		.filter((v) => v.trim() !== 'X' && v.trim() !== '')
		.map((value) => ({ name: 'DELETE', value })),
	freeText('xml', { short: true })
		.filter((v) => !/^\d+$/.test(v.trim()))
		.map((value) => ({ name: 'REQUIRED_AGENT_EXPIRY_TIME', value })),
);

const REFUSALS: Refusal[] = [
	{
		name: 'a blank required field',
		applies: (def) =>
			def.params.find((p) => p.required && (p.kind === 'string' || p.kind === 'text')),
		bad: (_def, param) => blankText.map((bad) => (raw) => ({ ...raw, [param.name]: bad })),
		message: (param) => `${param.displayName} is required`,
	},
	{
		name: 'a number that is not whole',
		applies: (def) => def.params.find((p) => p.kind === 'int'),
		bad: (_def, param) =>
			fractional.map((bad) => (raw) => withOptional(raw, { [param.name]: bad })),
		message: (param) => `${param.displayName} must be a whole number`,
	},
	{
		name: 'an address entry without an address',
		applies: (def) => def.params.find((p) => p.kind === 'addresses'),
		bad: (_def, param) =>
			blankText.map((bad) => (raw) => ({
				...raw,
				[param.name]: { address: [{ address: bad, channel: '1' }] },
			})),
		message: () => 'Addresses: every entry needs an address',
	},
	{
		name: 'an attribute outside its domain',
		applies: (def) => def.params.find((p) => p.kind === 'attributes'),
		bad: (_def, param) =>
			badAttribute.map((bad) => (raw) => ({ ...raw, [param.name]: { attribute: [bad] } })),
		message: (param) => `${param.displayName}:`,
	},
	{
		name: 'attached data XML that is not well-formed',
		applies: (def) => def.params.find((p) => p.kind === 'attachedData'),
		bad: (_def, param) =>
			freeText('xml', { nonBlank: true })
				.filter((t) => {
					try {
						parseXml(t.trim());
						return false;
					} catch {
						return true;
					}
				})
				.map((bad) => (raw) => ({ ...raw, attachedDataFormat: 'xml', [param.name]: bad })),
		// A character XML 1.0 does not allow (raw or as a reference such as &#0;) is named first.
		message: () =>
			/^Attached Data( is not well-formed XML|: character \d+ is .*, which XML 1\.0 does not allow)/,
	},
	{
		name: 'attached data JSON with a name XML cannot carry',
		applies: (def) => def.params.find((p) => p.kind === 'attachedData'),
		bad: () =>
			fc
				.tuple(
					freeText('xml', { short: true }),
					fc
						.oneof(
							freeText('xml', { short: true }),
							fc.constantFrom('1a', 'a b', 'xmlData', 'XMLx', '', '@', '@1'),
						)
						.filter(
							(name) =>
								name !== '#text' &&
								(!/^@?[A-Za-z_][A-Za-z0-9._-]*$/.test(name) || /^@?xml/i.test(name)),
						),
				)
				.map(([app, key]) => (raw) => ({
					...raw,
					attachedDataFormat: 'json',
					attachedDataJson: JSON.stringify({ [app]: { [key]: 'v' } }),
				})),
		message: () => 'Attached Data (JSON)',
	},
	{
		name: 'a skill, priority or key of the extra data outside its domain',
		applies: (def) => def.params.find((p) => p.kind === 'callbackExtraData'),
		bad: () =>
			fc
				.oneof(
					fc.record({
						extraDataXml: fc.constant('<XML/>'),
						extraDataPriority: fc.integer({ min: 1, max: 9 }),
					}),
					fc.record({ extraDataXml: fc.constantFrom('<Other/>', '<XML>', 'XML', '<XML></xml>') }),
					fc.record({
						extraDataSkills: fc
							.constantFrom('', ' ', 'a=b', 'c;d')
							.map((name) => ({ skill: [{ name, level: 3 }] })),
					}),
					fc.record({
						extraDataSkills: fc
							.constantFrom(0, 6, 2.5, -1)
							.map((level) => ({ skill: [{ name: 'English', level }] })),
					}),
					fc.record({
						extraDataPriority: fc.oneof(
							fc.integer({ max: 0 }),
							fractional.filter((n) => n > 1),
						),
					}),
					fc.record({
						extraDataKeys: fc
							.constantFrom('', '1a', 'a b', 'xmlKey', 'Skills', 'Priority')
							.map((name) => ({ key: [{ name, value: 'v' }] })),
					}),
				)
				.map((fields) => (raw) => ({ ...raw, [OPTIONAL]: fields })),
		message: () => /extra data|Skill|Priority/i,
	},
	{
		name: 'a capability ID that is not a number',
		applies: (def) => def.params.find((p) => p.kind === 'itemData'),
		bad: () =>
			textWithout('xml', /[,\n]/g, { nonBlank: true })
				.filter((t) => !/^\d+$/.test(t.trim()))
				.map((bad) => (raw) => ({
					...raw,
					itemDataFields: {
						...((raw.itemDataFields ?? {}) as IDataObject),
						capabilityList: `1,${bad}`,
					},
				})),
		message: () => 'Capability List:',
	},
];

const REFUSAL_CASES = CASES.flatMap(([name, op, def]) =>
	REFUSALS.flatMap((refusal) => {
		const param = refusal.applies(def);
		return param ? [[name, refusal.name, op, def, param, refusal] as const] : [];
	}),
);

describe('a value outside its domain is refused before anything is sent', () => {
	it.each(REFUSAL_CASES)('%s: %s', (_name, _refusal, op, def, param, refusal) => {
		check(
			fc.property(
				rawValues(op, { format: 'xml', overrides: overridesFor(def) }),
				refusal.bad(def, param),
				(raw, patch) => {
					const values = asNodeParameters(node, patch(raw));
					expectRefused(() => op.request(readerOver(values)), refusal.message(param));
				},
			),
		);
	});
});
