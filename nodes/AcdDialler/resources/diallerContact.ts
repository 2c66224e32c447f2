import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, type ParamReader, resourceOperations } from '../../shared/operations';
import { chosenPathHint, chosenPathNotice } from '../chosenPath';
import {
	DIALLER_CONTACT_BY_USER_DATA_PATH,
	DIALLER_CONTACT_GET_BY_USER_DATA_PATH,
	DIALLER_CONTACT_IMPORT_PATH,
	DIALLER_CONTACTS_PATH,
	diallerContactDeletePath,
	diallerContactPath,
	LANGUAGES,
	PHONE_NUMBER_FIELDS,
	withQuery,
} from '../constants';
import {
	getManyFields,
	readDeleted,
	readGetMany,
	readRecords,
	recordsFields,
	singleRecord,
} from '../output';
import { isBlank, listOf, positiveInt, requiredText } from '../validation';
import { declareJtel } from './declare';

/**
 * Dialler contacts: Import (`POST /dialler/contacts/import?overwriteDuplicates=`), Get Many
 * (`GET /dialler/contacts[?diallerCampaignsID=]`), Get (`GET /dialler/contacts/{id}`), Get Batch
 * (`POST /dialler/contacts?languagesID=` with UserDataList / IDList), Get by User Data
 * (`GET /dialler/contacts/contact?userData=`, a URL this pack chose, see constants.ts), Delete
 * (`DELETE /dialler/contacts/contact/{id}`) and Delete by UserData
 * (`DELETE /dialler/contacts/contact?userData=`).
 */

export const RESOURCE = 'diallerContact';

interface ContactField {
	wire: string;
	displayName: string;
	type: 'string' | 'number';
	description: string;
}

/** Optional contact fields of the import, in the documented order (Name and phone numbers apart). */
const CONTACT_FIELDS: ContactField[] = [
	{
		wire: 'RandomSortOrder',
		displayName: 'Random Sort Order',
		type: 'number',
		description: 'Sort key for random dialling order',
	},
	{
		wire: 'UserData',
		displayName: 'User Data',
		type: 'string',
		description: 'Your key of the contact, e.g. the CRM ID. Overwrite Duplicates matches on it.',
	},
	{
		wire: 'Client',
		displayName: 'Client',
		type: 'string',
		description: 'Client the contact belongs to',
	},
	{
		wire: 'Service',
		displayName: 'Service',
		type: 'string',
		description: 'Service of the contact',
	},
	{
		wire: 'ReferenceNumber',
		displayName: 'Reference Number',
		type: 'string',
		description: 'Reference number',
	},
	{ wire: 'FirstName', displayName: 'First Name', type: 'string', description: 'First name' },
	{
		wire: 'Salutation',
		displayName: 'Salutation',
		type: 'string',
		description: 'Salutation, e.g. Herr / Frau',
	},
	{ wire: 'Title', displayName: 'Title', type: 'string', description: 'Title, e.g. Dr.' },
	{ wire: 'Company', displayName: 'Company', type: 'string', description: 'Company' },
	{ wire: 'Address', displayName: 'Address', type: 'string', description: 'Street address' },
	{ wire: 'PostalCode', displayName: 'Postal Code', type: 'string', description: 'Postal code' },
	{ wire: 'City', displayName: 'City', type: 'string', description: 'City' },
	{ wire: 'Country', displayName: 'Country', type: 'string', description: 'Country' },
	{
		wire: 'AccountOwner',
		displayName: 'Account Owner',
		type: 'string',
		description: 'Bank account owner',
	},
	{ wire: 'AccountBank', displayName: 'Account Bank', type: 'string', description: 'Bank name' },
	{
		wire: 'AccountNationalBankCode',
		displayName: 'Account National Bank Code',
		type: 'string',
		description: 'National bank code',
	},
	{ wire: 'AccountBIC', displayName: 'Account BIC', type: 'string', description: 'BIC' },
	{
		wire: 'AccountNumber',
		displayName: 'Account Number',
		type: 'string',
		description: 'Account number',
	},
	{ wire: 'AccountIBAN', displayName: 'Account IBAN', type: 'string', description: 'IBAN' },
	{
		wire: 'Amount',
		displayName: 'Amount',
		type: 'number',
		description: 'An amount, e.g. an open balance',
	},
	{ wire: 'Email', displayName: 'Email', type: 'string', description: 'E-mail address' },
	{
		wire: 'ExternalSystemLink',
		displayName: 'External System Link',
		type: 'string',
		description: 'Link to the contact in another system',
	},
	{ wire: 'Tag', displayName: 'Tag', type: 'string', description: 'Free tag' },
];

/** Field order of the import body, as in the documented example. */
const BODY_ORDER: readonly string[] = [
	'RandomSortOrder',
	'UserData',
	'Client',
	'Service',
	'ReferenceNumber',
	'Name',
	'FirstName',
	'Salutation',
	'Title',
	'Company',
	'Address',
	'PostalCode',
	'City',
	'Country',
	'AccountOwner',
	'AccountBank',
	'AccountNationalBankCode',
	'AccountBIC',
	'AccountNumber',
	'AccountIBAN',
	'Amount',
	...PHONE_NUMBER_FIELDS,
	'Email',
	'ExternalSystemLink',
	'Tag',
];

const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'diallerContactsId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '215387',
	description: 'ID of the dialler contact (DiallerContactsID)',
};

const languageField: INodeProperties = {
	displayName: 'Language',
	name: 'languagesId',
	type: 'options',
	options: LANGUAGES.map(({ name, value }) => ({ name, value })),
	default: 1,
	description: 'Language of the result code texts in the answer (languagesID)',
};

const importFields: INodeProperties[] = [
	{
		displayName: 'Campaign By',
		name: 'campaignBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'ID', value: 'id', description: 'DiallerCampaignsID' },
			{ name: 'Name', value: 'name', description: 'DiallerCampaignsName' },
		],
		default: 'id',
		description: 'How the campaign of the contact is given',
	},
	{
		displayName: 'Campaign ID',
		name: 'diallerCampaignsId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '538',
		description: 'ID of the campaign the contact is imported into',
		displayOptions: { show: { campaignBy: ['id'] } },
	},
	{
		displayName: 'Campaign Name',
		name: 'diallerCampaignsName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Campaign 1000',
		description: 'Name of the campaign the contact is imported into',
		displayOptions: { show: { campaignBy: ['name'] } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Mustermann',
		description: 'Name (last name) of the contact',
	},
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'collection',
		placeholder: 'Add Phone Number',
		default: {},
		description: 'At least one phone number is required',
		options: PHONE_NUMBER_FIELDS.map((wire, index) => ({
			displayName: `Phone Number ${index + 1}`,
			name: wire,
			type: 'string' as const,
			default: '',
			placeholder: '+4930123456',
			description: `${wire} of the contact`,
		})),
	},
	{
		displayName: 'Overwrite Duplicates',
		name: 'overwriteDuplicates',
		type: 'boolean',
		default: false,
		description:
			'Whether an existing contact with the same User Data is overwritten. Off: a new contact is always created, even if the User Data matches.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: CONTACT_FIELDS.map(
			(field): INodeProperties =>
				field.type === 'number'
					? {
							displayName: field.displayName,
							name: field.wire,
							type: 'number',
							default: 0,
							description: field.description,
						}
					: {
							displayName: field.displayName,
							name: field.wire,
							type: 'string',
							default: '',
							description: field.description,
						},
		),
	},
];

/** The contact of an import, validated: Name, the campaign and at least one phone number. */
export function importBody(params: ParamReader): IDataObject {
	const body: IDataObject = {};
	const campaignBy = params.get<string>('campaignBy', 'id');
	if (campaignBy === 'name') {
		body.DiallerCampaignsName = requiredText(
			params.get<unknown>('diallerCampaignsName', ''),
			'Campaign Name',
		);
	} else if (campaignBy === 'id') {
		body.DiallerCampaignsID = positiveInt(
			params.get<unknown>('diallerCampaignsId', ''),
			'Campaign ID',
		);
	} else {
		throw invalidInput(`Campaign By must be "id" or "name", not "${campaignBy}"`);
	}
	const values: IDataObject = { Name: requiredText(params.get<unknown>('name', ''), 'Name') };
	const phones = params.collection('phoneNumbers');
	for (const wire of PHONE_NUMBER_FIELDS)
		if (!isBlank(phones[wire])) values[wire] = String(phones[wire]).trim();
	const extra = params.collection('additionalFields');
	for (const field of CONTACT_FIELDS) {
		const value = extra[field.wire];
		if (isBlank(value)) continue;
		if (field.type === 'number') {
			const number = Number(value);
			if (!Number.isFinite(number))
				throw invalidInput(`${field.displayName} must be a number, not "${String(value)}"`);
			values[field.wire] = number;
		} else {
			values[field.wire] = String(value);
		}
	}
	for (const wire of BODY_ORDER) if (values[wire] !== undefined) body[wire] = values[wire];
	if (!PHONE_NUMBER_FIELDS.some((wire) => body[wire] !== undefined)) {
		throw invalidInput(
			'At least one phone number (PhoneNumber1 to PhoneNumber6) is required to import a contact',
		);
	}
	return body;
}

/** The batch body: UserDataList and / or IDList, at least one entry. */
export function batchBody(params: ParamReader): IDataObject {
	const userData = listOf(params.get<unknown>('userDataList', ''));
	const ids = listOf(params.get<unknown>('idList', '')).map((id) => positiveInt(id, 'Contact IDs'));
	if (userData.length === 0 && ids.length === 0) {
		throw invalidInput('Give at least one User Data value or one Contact ID');
	}
	const body: IDataObject = {};
	if (userData.length) body.UserDataList = userData;
	if (ids.length) body.IDList = ids;
	return body;
}

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'import',
		name: 'Import',
		action: 'Import a dialler contact',
		description:
			'Import one contact into a dialler campaign, optionally overwriting the contact with the same User Data',
		properties: importFields,
		request: (params) => ({
			method: 'POST',
			path: withQuery(DIALLER_CONTACT_IMPORT_PATH, {
				overwriteDuplicates: params.get<boolean>('overwriteDuplicates', false) === true,
			}),
			body: importBody(params),
		}),
		read: (response) => singleRecord(response, 'imported dialler contact'),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many dialler contacts',
		description:
			'Get the contacts of one campaign, or of the whole client account (can be very many)',
		properties: [
			{
				displayName: 'Campaign ID',
				name: 'diallerCampaignsId',
				type: 'string',
				default: '',
				placeholder: '538',
				description:
					'Only the contacts of this campaign (diallerCampaignsID). Empty: every contact of the client account.',
			},
			...getManyFields,
		],
		request(params) {
			const campaign = params.get<unknown>('diallerCampaignsId', '');
			return {
				method: 'GET',
				path: withQuery(DIALLER_CONTACTS_PATH, {
					diallerCampaignsID: isBlank(campaign) ? undefined : positiveInt(campaign, 'Campaign ID'),
				}),
			};
		},
		read: readGetMany,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a dialler contact',
		description: 'Get one dialler contact by ID',
		properties: [contactIdField],
		request: (params) => ({
			method: 'GET',
			path: diallerContactPath(
				positiveInt(params.get<unknown>('diallerContactsId', ''), 'Contact ID'),
			),
		}),
		read: (response) => singleRecord(response, 'dialler contact'),
	},
	{
		value: 'getBatch',
		name: 'Get Batch',
		action: 'Get a batch of dialler contacts',
		description:
			'Get several contacts by User Data and / or ID, with result codes and call history',
		properties: [
			{
				displayName: 'User Data Values',
				name: 'userDataList',
				type: 'string',
				default: '',
				placeholder: 'CON6174, CRM-42',
				description: 'User Data of the contacts, separated by commas (UserDataList)',
			},
			{
				displayName: 'Contact IDs',
				name: 'idList',
				type: 'string',
				default: '',
				placeholder: '215387, 215388',
				description: 'IDs of the contacts, separated by commas (IDList)',
			},
			languageField,
			...recordsFields,
		],
		request: (params) => ({
			method: 'POST',
			path: withQuery(DIALLER_CONTACTS_PATH, {
				languagesID: positiveInt(params.get<unknown>('languagesId', 1), 'Language'),
			}),
			body: batchBody(params),
		}),
		read: readRecords,
	},
	{
		value: 'getByUserData',
		name: 'Get by User Data',
		action: 'Get dialler contacts by user data',
		description:
			'Get the dialler contacts with the given User Data (several campaigns can hold the same User Data)',
		properties: [
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'CRM-42',
				description: 'User Data of the contacts to get (your key of the contact, e.g. the CRM ID)',
			},
			chosenPathNotice(
				`${DIALLER_CONTACT_GET_BY_USER_DATA_PATH}?userData=…`,
				'DIALLER_CONTACT_GET_BY_USER_DATA_PATH',
			),
			...recordsFields,
		],
		request: (params) => ({
			method: 'GET',
			path: withQuery(DIALLER_CONTACT_GET_BY_USER_DATA_PATH, {
				userData: requiredText(params.get<unknown>('userData', ''), 'User Data'),
			}),
			unknownPathHint: chosenPathHint(
				`GET ${DIALLER_CONTACT_GET_BY_USER_DATA_PATH}?userData=…`,
				'DIALLER_CONTACT_GET_BY_USER_DATA_PATH',
			),
		}),
		read: readRecords,
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a dialler contact',
		description: 'Delete a dialler contact by ID, with its related data',
		properties: [contactIdField],
		request: (params) => ({
			method: 'DELETE',
			path: diallerContactDeletePath(
				positiveInt(params.get<unknown>('diallerContactsId', ''), 'Contact ID'),
			),
		}),
		read: (response, params) =>
			readDeleted(response, {
				DiallerContactsID: positiveInt(params.get<unknown>('diallerContactsId', ''), 'Contact ID'),
			}),
	},
	{
		value: 'deleteByUserData',
		name: 'Delete by User Data',
		action: 'Delete a dialler contact by user data',
		description:
			'Delete the dialler contact with the given User Data. If several match, jtel deletes only the first it finds.',
		properties: [
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'CRM-42',
				description: 'User Data of the contact to delete',
			},
		],
		request: (params) => ({
			method: 'DELETE',
			path: withQuery(DIALLER_CONTACT_BY_USER_DATA_PATH, {
				userData: requiredText(params.get<unknown>('userData', ''), 'User Data'),
			}),
		}),
		read: (response, params) =>
			readDeleted(response, {
				UserData: requiredText(params.get<unknown>('userData', ''), 'User Data'),
			}),
	},
]);
