import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { IciOperationDef, ParamDef } from '../../nodes/SapIci/operations';
import { parseXml } from '../../nodes/shared/xml';
import { check, expectRefused } from './check';
import { asNodeParameters, rawValues, readerOver } from './params';
import { blankText, freeText, textWithout } from './text';
import { CASES, node, OPTIONAL, overridesFor } from './sapIciCases';

/**
 * Every ICI operation of the SAP ICI node: a value outside its parameter's domain is refused by
 * the declaration's request() as invalid input, with a message saying what is wrong, before
 * anything is sent.
 */

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
