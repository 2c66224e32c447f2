import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ICI_INTERFACE_ORDER, ICI_INTERFACES } from '../constants';
import { ACTION_ITEM_ROUTING_ATTRIBUTES, USER_CHANNELS, type CodeTable } from '../tables';

import type { IciOperationDef, ParamDef } from './types';
import { OPTIONAL_COLLECTION } from './params';

/** The node's fields and resources, derived from the operations. */

function codeOptions(table: CodeTable): INodePropertyOptions[] {
	return Object.entries(table).map(([value, entry]) => ({
		name: `${entry.name} (${value})`,
		value,
		...(entry.meaning ? { description: entry.meaning } : {}),
	}));
}

export function displayNameOf(def: IciOperationDef): string {
	if (def.displayName) return def.displayName;
	const words = def.operation.replace(/([a-z])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const ROUTING_ATTRIBUTE_OPTIONS: INodePropertyOptions[] = [
	...Object.entries(ACTION_ITEM_ROUTING_ATTRIBUTES).map(([value, entry]) => ({
		name: value,
		value,
		description: entry.meaning,
	})),
	{ name: 'Custom', value: 'custom', description: 'Any other attribute name' },
];

function attributesProperty(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		description,
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'options',
						options: ROUTING_ATTRIBUTE_OPTIONS,
						default: 'SUBJECT',
						description: 'Attribute name (chapter 7.3); SKILL and REQUIRED_AGENT may be repeated',
					},
					{
						displayName: 'Custom Name',
						name: 'customName',
						type: 'string',
						default: '',
						displayOptions: { show: { name: ['custom'] } },
						description: 'Name of the attribute',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Value; SKILL: &lt;GuidOrExtName&gt;[=1-5], DELETE: X, REQUIRED_AGENT_EXPIRY_TIME: seconds',
					},
				],
			},
		],
	};
}

const ITEM_DATA_FIELDS: INodeProperties = {
	displayName: 'Item Data Fields',
	name: 'itemDataFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		'Identifiers and status fields of the action item (sent empty when not set, as SAP CRM does)',
	options: [
		{ displayName: 'Action Item ID', name: 'actionItemId', type: 'string', default: '' },
		{ displayName: 'Action Item Inbox ID', name: 'actionItemInboxId', type: 'string', default: '' },
		{
			displayName: 'Action Item Status Description',
			name: 'actionItemStatusDescription',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Action Item Status ID',
			name: 'actionItemStatusId',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Attached Data',
			name: 'attachedData',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Item attached data XML',
		},
		{
			displayName: 'Capability List',
			name: 'capabilityList',
			type: 'string',
			default: '',
			description: 'Comma-separated capability IDs',
		},
		{ displayName: 'Client', name: 'client', type: 'string', default: '' },
		{
			displayName: 'Process ID',
			name: 'processId',
			type: 'string',
			default: '',
			description: 'Identifies the action item in CRM 5.2',
		},
		{
			displayName: 'Processing Status Description',
			name: 'processingStatusDescription',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Processing Status ID',
			name: 'processingStatusId',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			description: 'Identifies the action item in CRM 5.2',
		},
		{ displayName: 'System ID', name: 'systemId', type: 'string', default: '' },
	],
};

const EXTRA_DATA_FIELDS: INodeProperties[] = [
	{
		displayName: 'Extra Data (XML)',
		name: 'extraDataXml',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '<XML><Skills>English=5</Skills><Priority>10</Priority></XML>',
		description:
			'The whole extraData document, root element XML. Use instead of the skills, priority and keys.',
	},
	{
		displayName: 'Extra Data Keys',
		name: 'extraDataKeys',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Key',
		default: {},
		description: 'Any other key/value pair passed to the contact center (call attached data)',
		options: [
			{
				displayName: 'Key',
				name: 'key',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Foo' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Priority',
		name: 'extraDataPriority',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Contact priority (a positive whole number)',
	},
	{
		displayName: 'Skills',
		name: 'extraDataSkills',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Skill',
		default: {},
		description: 'Skill requirements, e.g. language as a skill',
		options: [
			{
				displayName: 'Skill',
				name: 'skill',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Skill GUID or external name',
					},
					{
						displayName: 'Level',
						name: 'level',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 5 },
						default: 4,
						description: 'Required level, 1 to 5',
					},
				],
			},
		],
	},
];

/** The n8n field(s) of one parameter. */
function fieldsOf(def: ParamDef): INodeProperties[] {
	const base = {
		displayName: def.displayName,
		name: def.name,
		description: def.description,
		required: def.required ?? false,
	};
	switch (def.kind) {
		case 'int':
			return [
				{ ...base, type: 'number', default: typeof def.default === 'number' ? def.default : 0 },
			];
		case 'boolean':
		case 'cmsPing':
			return [{ ...base, type: 'boolean', default: def.default === true }];
		case 'options':
			return [
				{
					...base,
					type: 'options',
					options: codeOptions(def.options ?? {}),
					default: String(def.default ?? ''),
				},
			];
		case 'stringList':
			return [
				{
					...base,
					type: 'string',
					typeOptions: { multipleValues: true },
					default: [],
					placeholder: 'Add Value',
				},
			];
		case 'addresses':
			return [
				{
					...base,
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Address',
					default: {},
					options: [
						{
							displayName: 'Address',
							name: 'address',
							values: [
								{
									displayName: 'Address',
									name: 'address',
									type: 'string',
									default: '',
									placeholder: '+123 or name@domain.com',
								},
								{
									displayName: 'Channel',
									name: 'channel',
									type: 'options',
									options: codeOptions(USER_CHANNELS),
									default: '1',
								},
							],
						},
					],
				},
			];
		case 'attachedData':
			return [
				{
					displayName: 'Attached Data Format',
					name: 'attachedDataFormat',
					type: 'options',
					options: [
						{ name: 'XML', value: 'xml', description: 'The ItemAttachedData document as text' },
						{
							name: 'JSON per Application ID',
							value: 'json',
							description:
								'An object with one entry per Application ID, written as ItemAttachedData XML',
						},
					],
					default: 'xml',
				},
				{
					...base,
					required: false,
					type: 'string',
					typeOptions: { rows: 6 },
					default: '',
					placeholder:
						'<ItemAttachedData><Application id="SAP-IC">…</Application></ItemAttachedData>',
					displayOptions: { show: { attachedDataFormat: ['xml'] } },
				},
				{
					displayName: 'Attached Data (JSON)',
					name: 'attachedDataJson',
					type: 'json',
					default: '{}',
					description:
						'E.g. {"CRM_IC/BUPA": {"CURRENTCUSTOMER": "…"}}; attributes as "@name", text next to children as "#text".',
					displayOptions: { show: { attachedDataFormat: ['json'] } },
				},
			];
		case 'callbackExtraData':
			return EXTRA_DATA_FIELDS;
		case 'itemData':
			return [
				attributesProperty(
					'actionItemAttributes',
					'Action Item Attributes',
					'itemData.actionItemAttributes: FROM_ADDRESS, TO_ADDRESS, SUBJECT and the other attributes of chapter 7.3',
				),
				ITEM_DATA_FIELDS,
			];
		case 'attributes':
			return [attributesProperty(def.name, def.displayName, def.description)];
		case 'text':
			return [{ ...base, type: 'string', typeOptions: { rows: 4 }, default: '' }];
		default:
			return [
				{
					...base,
					type: 'string',
					default: typeof def.default === 'string' ? def.default : '',
					...(def.placeholder ? { placeholder: def.placeholder } : {}),
				},
			];
	}
}

/** The n8n fields of one operation: required ones on top, optional ones in one collection. */
export function propertiesOf(def: IciOperationDef): INodeProperties[] {
	const top: INodeProperties[] = [];
	const optional: INodeProperties[] = [];
	for (const param of def.params) {
		const fields = fieldsOf(param);
		const expands =
			param.kind === 'itemData' || param.kind === 'attachedData' || param.kind === 'attributes';
		if (param.required || expands) top.push(...fields);
		else optional.push(...fields.map((field) => ({ ...field, required: false })));
	}
	if (optional.length) {
		top.push({
			displayName: def.optionalLabel ?? 'Additional Fields',
			name: OPTIONAL_COLLECTION,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: optional,
		});
	}
	return top;
}

/** Interfaces as the node's resources, in chapter order. */
export function iciResources(): Array<{ name: string; value: string; description: string }> {
	return ICI_INTERFACE_ORDER.map((key) => ({
		name: ICI_INTERFACES[key].displayName,
		value: key,
		description: `${ICI_INTERFACES[key].description} (${ICI_INTERFACES[key].name})`,
	}));
}
