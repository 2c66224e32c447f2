import fc from 'fast-check';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import {
	paramReader,
	type OperationDeclaration,
	type ParamReader,
} from '../../nodes/shared/operations';
import { freeText, type WireFormat } from './text';

/**
 * Random parameter values for a declared operation, derived from its n8n properties: text by
 * the wire format, numbers in the declared range, option values from the declared options,
 * booleans, random subsets of collection fields and fixedCollection entries. Values are then
 * cleaned the way n8n cleans a node's parameters (hidden fields dropped, defaults filled), and
 * read through the same ParamReader the execute loop uses.
 */

/** A generator for one parameter, by its path (`name`, `collection.field`, `fixed.group.field`). */
export type Overrides = Record<string, fc.Arbitrary<unknown>>;

export interface GenerateOptions {
	format: WireFormat;
	overrides?: Overrides;
}

const DEFAULT_MIN = -1_000_000_000;
const DEFAULT_MAX = 1_000_000_000;

function numberOf(property: INodeProperties): fc.Arbitrary<number> {
	const min =
		typeof property.typeOptions?.minValue === 'number'
			? property.typeOptions.minValue
			: DEFAULT_MIN;
	const max =
		typeof property.typeOptions?.maxValue === 'number'
			? property.typeOptions.maxValue
			: DEFAULT_MAX;
	return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
}

/** A JSON object as n8n's json field holds it: its text. */
export function jsonObjectText(format: WireFormat): fc.Arbitrary<string> {
	const key = freeText(format, { short: true });
	const leaf = fc.oneof(
		freeText(format, { short: true }),
		fc.integer(),
		fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
		fc.boolean(),
		fc.constant(null),
	);
	const value = fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			leaf,
			fc.array(tie('value'), { maxLength: 3 }),
			fc.dictionary(key, tie('value'), { maxKeys: 3 }),
		),
	})).value;
	return fc
		.tuple(fc.dictionary(key, value, { maxKeys: 4 }), fc.constantFrom(undefined, 2, '\t'))
		.map(([object, indent]) => JSON.stringify(object, null, indent));
}

function optionValues(property: INodeProperties): Array<string | number | boolean> {
	return ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
}

function arbitraryFor(
	property: INodeProperties,
	path: string,
	options: GenerateOptions,
): fc.Arbitrary<unknown> {
	const override = options.overrides?.[path];
	if (override) return override;
	switch (property.type) {
		case 'string': {
			const text = freeText(options.format);
			return property.typeOptions?.multipleValues ? fc.array(text, { maxLength: 4 }) : text;
		}
		case 'number':
			return numberOf(property);
		case 'boolean':
			return fc.boolean();
		case 'options':
			if (property.typeOptions?.loadOptionsMethod) {
				throw new Error(`${path}: options loaded at run time need a generator of their own`);
			}
			return fc.constantFrom(...optionValues(property));
		case 'multiOptions':
			return fc.subarray(optionValues(property));
		case 'json':
			return jsonObjectText(options.format);
		case 'collection': {
			const fields = property.options as INodeProperties[];
			const model: Record<string, fc.Arbitrary<unknown>> = {};
			for (const field of fields)
				model[field.name] = arbitraryFor(field, `${path}.${field.name}`, options);
			return fc.record(model, { requiredKeys: [] });
		}
		case 'fixedCollection': {
			const groups = property.options as INodePropertyCollection[];
			const multiple = property.typeOptions?.multipleValues === true;
			const model: Record<string, fc.Arbitrary<unknown>> = {};
			for (const group of groups) {
				const groupPath = `${path}.${group.name}`;
				const override = options.overrides?.[groupPath];
				let entry: fc.Arbitrary<unknown>;
				if (override) {
					entry = override;
				} else {
					const fields: Record<string, fc.Arbitrary<unknown>> = {};
					for (const field of group.values)
						fields[field.name] = arbitraryFor(field, `${groupPath}.${field.name}`, options);
					entry = fc.record(fields);
				}
				model[group.name] = multiple ? fc.array(entry, { minLength: 1, maxLength: 3 }) : entry;
			}
			return fc.record(model, { requiredKeys: [] });
		}
		default:
			throw new Error(`${path}: no generator for parameter type "${property.type}"`);
	}
}

/** The parameters of an operation as its node's UI offers them (Return All added for paged lists). */
export function declaredProperties<Req, Res>(
	op: OperationDeclaration<Req, Res>,
): INodeProperties[] {
	const properties = [...op.properties];
	if (op.paging) {
		properties.push({
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
		});
	}
	return properties;
}

/**
 * Raw values for every parameter of an operation. A name declared twice (for different
 * displayOptions) gets one value, from the first declaration's generator.
 */
export function rawValues<Req, Res>(
	op: OperationDeclaration<Req, Res>,
	options: GenerateOptions,
): fc.Arbitrary<IDataObject> {
	const model: Record<string, fc.Arbitrary<unknown>> = {};
	for (const property of declaredProperties(op)) {
		if (!(property.name in model))
			model[property.name] = arbitraryFor(property, property.name, options);
	}
	return fc
		.record(model)
		.map((values) => ({ ...(values as IDataObject), resource: op.resource, operation: op.value }));
}

/** The node's parameters as n8n hands them to the node: hidden ones removed, defaults filled in. */
export function asNodeParameters(
	nodeType: INodeType,
	values: Record<string, unknown>,
): IDataObject {
	const description = nodeType.description;
	const cleaned = NodeHelpers.getNodeParameters(
		description.properties,
		values as INodeParameters,
		true,
		false,
		{ typeVersion: 1 },
		description,
	);
	if (!cleaned) throw new Error('n8n returned no parameters');
	return cleaned as IDataObject;
}

function lookup(values: IDataObject, path: string): unknown {
	let current: unknown = values;
	for (const key of path.split('.')) {
		if (
			current === null ||
			typeof current !== 'object' ||
			!Object.prototype.hasOwnProperty.call(current, key)
		)
			return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/**
 * The execute loop's ParamReader over fixed values: a minimal execute context whose
 * getNodeParameter behaves as n8n's does for fixed values (the fallback when unset, an error when
 * there is neither a value nor a fallback), wrapped by the pack's own `paramReader`.
 */
export function readerOver(values: IDataObject, itemIndex = 0): ParamReader {
	const context = {
		getNodeParameter(
			name: string,
			_itemIndex: number,
			fallback?: unknown,
		): NodeParameterValueType | object {
			const value = lookup(values, name);
			if (value !== undefined) return structuredClone(value) as NodeParameterValueType;
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return fallback as NodeParameterValueType;
		},
	} as unknown as IExecuteFunctions;
	return paramReader(context, itemIndex);
}

/** Every resource / operation pair a node's UI offers. */
export function offeredOperations(nodeType: INodeType): string[] {
	const pairs: string[] = [];
	for (const property of nodeType.description.properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const resource of resources) {
			for (const option of (property.options ?? []) as INodePropertyOptions[])
				pairs.push(`${resource}.${String(option.value)}`);
		}
	}
	return pairs.sort();
}
