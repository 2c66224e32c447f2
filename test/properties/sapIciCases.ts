/**
 * The SAP ICI node's operations as property cases, and generators of values from each
 * parameter's domain, shared by the envelope and refusal properties of the node.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import {
	ICI_OPERATIONS,
	iciDeclarations,
	type IciOperationDef,
} from '../../nodes/SapIci/operations';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import { ACTION_ITEM_ROUTING_ATTRIBUTES, USER_CHANNELS } from '../../nodes/SapIci/tables';
import { escapeXml } from '../../nodes/shared/xml';
import type { Overrides } from './params';
import { blankText, freeText, textWithout } from './text';

export const node = new SapIci();
const DECLARATIONS = iciDeclarations();
export const OPTIONAL = 'additionalFields';

function defOf(resource: string, operation: string): IciOperationDef {
	const def = ICI_OPERATIONS.find((d) => d.resource === resource && d.operation === operation);
	if (!def) throw new Error(`No ICI operation ${resource}.${operation}`);
	return def;
}

export const CASES = DECLARATIONS.map(
	(op) => [`${op.resource}.${op.value}`, op, defOf(op.resource, op.value)] as const,
);

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

export function overridesFor(def: IciOperationDef): Overrides {
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
