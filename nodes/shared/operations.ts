import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { errorItemJson, toNodeError } from './errors';
import {
	describeIllegalXmlCharacter,
	findIllegalXmlCharacter,
	illegalXmlCharacterAt,
	surfaceXmlCharacterRefusal,
	XmlCharacterError,
	type IllegalXmlCharacter,
} from './xml';

/**
 * Operations as data. Each operation is declared once — its parameters, how its request is
 * built and how its answer is read — and the node's UI, its execute loop and the simulators'
 * routing are derived from the declarations.
 */

/** Reads the current item's parameters. */
export interface ParamReader {
	readonly itemIndex: number;
	get<T = NodeParameterValueType>(name: string, fallback?: T): T;
	/** A `collection` / `fixedCollection` parameter as a plain object ({} when unset). */
	collection(name: string): IDataObject;
}

/** How an offset-paged list operation asks for its next page. */
export interface OffsetPaging<Req, Res> {
	/** The request for one page. */
	page(request: Req, offset: number, limit: number): Req;
	/** Entries per page when returning all. */
	pageSize(params: ParamReader): number;
	/** First offset when returning all. */
	startOffset(params: ParamReader): number;
	/** Total entries, when the answer says so (otherwise a short page ends the list). */
	total?(response: Res): number | undefined;
}

/** What the node's UI shows of an operation: the same fields for every system. */
export interface OperationHeader {
	resource: string;
	/** Operation value (camelCase). */
	value: string;
	/** Operation display name, e.g. 'Get Many'. */
	name: string;
	/** Sentence for the actions panel, e.g. 'Get many integrator clients'. */
	action: string;
	description: string;
	/** Parameters; the resource/operation displayOptions are added when the UI is derived. */
	properties: INodeProperties[];
}

/** How an operation is carried out: its request, the reading of its answer and its paging. */
export interface OperationBinding<Req, Res> {
	/** Build the request from the item's parameters. */
	request(params: ParamReader): Req;
	/**
	 * Read the answer into output JSON (an array means one output item per entry). `request` is
	 * what was sent, so values echoed in the output are the ones the server saw.
	 */
	read(response: Res, params: ParamReader, request: Req): IDataObject | IDataObject[];
	/** List operations with a Return All switch. */
	paging?: OffsetPaging<Req, Res>;
}

export interface OperationDeclaration<Req, Res>
	extends OperationHeader,
		OperationBinding<Req, Res> {}

/** Declares one operation from its header and the system's own description of it (its spec). */
export type Declare<Spec, Op> = (declaration: OperationHeader & Spec) => Op;

/** One operation of a resource module: the header without the resource, and the system's spec. */
export type ResourceEntry<Spec> = Omit<OperationHeader, 'resource'> & Spec;

/**
 * A system's declare function. `bind` says once how the system's spec of an operation becomes its
 * binding, with any fields of its own the system's client reads (`Extra`, e.g. TVox's method);
 * the header is taken as declared.
 */
export function declarer<Spec, Req, Res, Extra extends object = object>(
	bind: (spec: Spec) => OperationBinding<Req, Res> & Extra,
): Declare<Spec, OperationDeclaration<Req, Res> & Extra> {
	return (declaration) => {
		const { resource, value, name, action, description, properties } = declaration;
		return { resource, value, name, action, description, properties, ...bind(declaration) };
	};
}

/** The declare function of a system whose operations state their request, read and paging in place. */
export function bindingDeclarer<Req, Res>(): Declare<
	OperationBinding<Req, Res>,
	OperationDeclaration<Req, Res>
> {
	return declarer<OperationBinding<Req, Res>, Req, Res>(({ request, read, paging }) =>
		paging ? { request, read, paging } : { request, read },
	);
}

/** The operations of one resource, in the order given, each declared with that resource. */
export function resourceOperations<Spec, Op>(
	resource: string,
	declare: Declare<Spec, Op>,
	entries: Array<ResourceEntry<Spec>>,
): Op[] {
	return entries.map((entry) => declare({ resource, ...entry } as OperationHeader & Spec));
}

export interface ResourceDeclaration {
	name: string;
	value: string;
	description?: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function withDisplay(
	property: INodeProperties,
	resource: string,
	operation: string,
): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, resource: [resource], operation: [operation] },
		},
	};
}

/** Sort the options of options / multiOptions / collection parameters by name, as n8n asks. */
function sortOptions(property: INodeProperties): INodeProperties {
	if (!property.options || property.type === 'fixedCollection') return property;
	if (property.type === 'collection') {
		return {
			...property,
			options: [...(property.options as INodeProperties[])]
				.map(sortOptions)
				.sort((a, b) =>
					(a as INodeProperties).displayName.localeCompare((b as INodeProperties).displayName),
				),
		};
	}
	if (property.type === 'options' || property.type === 'multiOptions') {
		return { ...property, options: [...(property.options as INodePropertyOptions[])].sort(byName) };
	}
	return property;
}

/** The Return All switch of a list operation (added by {@link deriveProperties} for paged operations). */
export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

/** The Limit of a list operation, shown while Return All is off. */
export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** The node's `properties`: resource selector, one operation selector per resource, then every parameter. */
export function deriveProperties<Req, Res>(
	resources: ResourceDeclaration[],
	operations: Array<OperationDeclaration<Req, Res>>,
	extra: INodeProperties[] = [],
): INodeProperties[] {
	const sortedResources = [...resources].sort(byName);
	const properties: INodeProperties[] = [
		// The default is the first declared resource, which the linter cannot see statically.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sortedResources.map(({ name, value, description }) => ({
				name,
				value,
				description,
			})),
			default: resources[0].value,
		},
	];
	for (const resource of resources) {
		const ops = operations.filter((op) => op.resource === resource.value);
		// The default is the resource's first declared operation.
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: ops
				.map((op) => ({
					name: op.name,
					value: op.value,
					action: op.action,
					description: op.description,
				}))
				.sort(byName),
			default: ops[0].value,
		});
	}
	for (const op of operations) {
		for (const property of op.properties) {
			properties.push(sortOptions(withDisplay(property, op.resource, op.value)));
		}
		if (op.paging) {
			properties.push(withDisplay(returnAllProperty, op.resource, op.value));
		}
	}
	return [...properties, ...extra];
}

/** An error in the node's own input (a parameter that cannot be used), shown with the item index. */
export class InvalidInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

export function invalidInput(message: string): InvalidInputError {
	return new InvalidInputError(message);
}

/** A parameter's text, with the name the node's UI shows for it. */
interface LabelledText {
	label: string;
	text: string;
}

/** Every text among the values of a parameter, labelled with the display names of the fields holding it. */
function textsOf(
	property: INodeProperties,
	value: unknown,
	label: string,
	out: LabelledText[],
): void {
	if (typeof value === 'string') {
		out.push({ label, text: value });
	} else if (Array.isArray(value)) {
		for (const entry of value) textsOf(property, entry, label, out);
	} else if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (property.type === 'collection') {
			for (const field of (property.options ?? []) as INodeProperties[]) {
				if (field.name in record) textsOf(field, record[field.name], field.displayName, out);
			}
		} else if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				const entries = record[group.name];
				for (const entry of Array.isArray(entries) ? entries : entries ? [entries] : []) {
					if (!entry || typeof entry !== 'object') continue;
					for (const field of group.values) {
						const fieldValue = (entry as Record<string, unknown>)[field.name];
						if (fieldValue !== undefined)
							textsOf(field, fieldValue, `${label} → ${field.displayName}`, out);
					}
				}
			}
		}
	}
}

/**
 * The node's own error for a character the XML writer refused: the parameter holding it (by the
 * name the UI shows) and its position there. The texts of the item's parameters are searched for
 * the text that was refused; failing that, for any character XML 1.0 does not allow.
 */
function xmlCharacterRefusal<Req, Res>(
	op: OperationDeclaration<Req, Res>,
	params: ParamReader,
	refused: XmlCharacterError,
): InvalidInputError {
	const texts: LabelledText[] = [];
	for (const property of op.properties) {
		let value: unknown;
		try {
			value = params.get<unknown>(property.name, undefined);
		} catch {
			continue;
		}
		textsOf(property, value, property.displayName, texts);
	}
	const notSent = 'the request was not sent';
	const at = refused.text === '' ? -1 : texts.findIndex(({ text }) => text.includes(refused.text));
	let found: { label: string; where: IllegalXmlCharacter } | undefined;
	if (at !== -1) {
		const { label, text } = texts[at];
		found = {
			label,
			where: illegalXmlCharacterAt(text, text.indexOf(refused.text) + refused.found.index),
		};
	} else {
		for (const { label, text } of texts) {
			const where = findIllegalXmlCharacter(text);
			if (where) {
				found = { label, where };
				break;
			}
		}
	}
	if (!found) {
		return new InvalidInputError(
			`A value of the request or its credential: ${describeIllegalXmlCharacter(refused.found)}; ${notSent}`,
		);
	}
	return new InvalidInputError(
		`${found.label}: ${describeIllegalXmlCharacter(found.where)}; ${notSent}`,
	);
}

/** Find the declaration for a resource/operation pair. */
export function findOperation<Req, Res>(
	operations: Array<OperationDeclaration<Req, Res>>,
	resource: string,
	operation: string,
): OperationDeclaration<Req, Res> | undefined {
	return operations.find((op) => op.resource === resource && op.value === operation);
}

export function paramReader(ctx: IExecuteFunctions, itemIndex: number): ParamReader {
	return {
		itemIndex,
		get<T>(name: string, fallback?: T): T {
			return ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType) as T;
		},
		collection(name: string): IDataObject {
			const value = ctx.getNodeParameter(name, itemIndex, {}) as IDataObject | undefined;
			return value && typeof value === 'object' ? value : {};
		},
	};
}

/** Upper bound on pages fetched by one Return All, against servers that ignore the offset. */
const MAX_PAGES = 100_000;

/** Run one declared operation: one request, or every page when Return All is on. */
export async function runDeclared<Req, Res>(
	op: OperationDeclaration<Req, Res>,
	params: ParamReader,
	send: (request: Req, op: OperationDeclaration<Req, Res>) => Promise<Res>,
): Promise<IDataObject[]> {
	const request = op.request(params);
	const returnAll = op.paging ? params.get<boolean>('returnAll', false) : false;
	if (!op.paging || !returnAll) {
		const out = op.read(await send(request, op), params, request);
		return Array.isArray(out) ? out : [out];
	}
	const paging = op.paging;
	const size = paging.pageSize(params);
	let offset = paging.startOffset(params);
	const all: IDataObject[] = [];
	for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
		const pageRequest = paging.page(request, offset, size);
		const response = await send(pageRequest, op);
		const out = op.read(response, params, pageRequest);
		const entries = Array.isArray(out) ? out : [out];
		for (const entry of entries) all.push(entry);
		offset += entries.length;
		const total = paging.total?.(response);
		if (entries.length === 0 || entries.length < size) break;
		if (total !== undefined && offset >= total) break;
	}
	return all;
}

export interface ExecuteOptions<Req, Res> {
	operations: Array<OperationDeclaration<Req, Res>>;
	/** Sends one request of an operation. Created once per execution. */
	send: (request: Req, op: OperationDeclaration<Req, Res>) => Promise<Res>;
	/** Values to remove from every error text. */
	secrets: () => readonly (string | undefined)[];
	/** Items processed at the same time (output order and pairedItem are kept). Default 1. */
	concurrency?: number;
}

type ItemOutcome = { ok: true; results: IDataObject[] } | { ok: false; error: unknown };

/**
 * The execute loop every action node shares: per item, find the declared operation, run it,
 * emit its results with pairedItem; errors become n8n errors with the item index, or error
 * items when the node continues on fail. With a concurrency above 1, up to that many items are
 * in flight at once; the output is still in item order, and without continue-on-fail the error
 * of the first failing item is thrown once the requests in flight have settled.
 */
export async function executeDeclared<Req, Res>(
	ctx: IExecuteFunctions,
	options: ExecuteOptions<Req, Res>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const outcomes: ItemOutcome[] = new Array(items.length);

	// Resource and operation cannot be expressions: one reading serves every item.
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = findOperation(options.operations, resource, operation);
	if (!op) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" is not known for resource "${resource}"`,
		);
	}

	const runItem = async (itemIndex: number): Promise<ItemOutcome> => {
		const params = paramReader(ctx, itemIndex);
		try {
			// A character the XML writer refuses is the item's own input error, named by its parameter.
			const results = await surfaceXmlCharacterRefusal(
				async () => await runDeclared(op, params, options.send),
				(error) => error instanceof InvalidInputError,
			);
			return { ok: true, results };
		} catch (error) {
			return {
				ok: false,
				error: error instanceof XmlCharacterError ? xmlCharacterRefusal(op, params, error) : error,
			};
		}
	};

	const width = Math.max(1, Math.min(options.concurrency ?? 1, items.length));
	let next = 0;
	let stop = false;
	const worker = async () => {
		while (!stop && next < items.length) {
			const itemIndex = next++;
			const outcome = await runItem(itemIndex);
			outcomes[itemIndex] = outcome;
			if (!outcome.ok && !continueOnFail) stop = true;
		}
	};
	await Promise.all(Array.from({ length: width }, worker));

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue;
		if (outcome.ok) {
			for (const json of outcome.results) output.push({ json, pairedItem: { item: itemIndex } });
			continue;
		}
		const nodeError = toNodeError(ctx.getNode(), outcome.error, itemIndex, options.secrets());
		if (!continueOnFail) throw nodeError;
		output.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
	}
	return [output];
}
