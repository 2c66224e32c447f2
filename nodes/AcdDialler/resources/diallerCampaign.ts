import type { INodeProperties } from 'n8n-workflow';

import { type ParamReader, resourceOperations } from '../../shared/operations';
import { chosenPathHint, chosenPathNotice } from '../chosenPath';
import {
	DIALLER_CAMPAIGN_BY_NAME_PATH,
	DIALLER_CAMPAIGN_CLONE_PATH,
	DIALLER_CAMPAIGN_DELETE_BY_ID_PATH,
	DIALLER_CAMPAIGNS_PATH,
	diallerCampaignDeleteByIdPath,
	diallerCampaignPath,
	diallerCampaignResultCodesPath,
	LANGUAGES,
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
import { isBlank, positiveInt, requiredText } from '../validation';
import { declareJtel } from './declare';

/**
 * Dialler campaigns of the client account: Get Many, Get, Get by Name, Get Result Codes, Clone,
 * Delete (by ID; the path is this pack's choice, see constants.ts) and Delete by Name.
 */

export const RESOURCE = 'diallerCampaign';

const idField: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'diallerCampaignsId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '538',
	description: 'ID of the dialler campaign (DiallerCampaignsID)',
};

function campaignId(params: ParamReader): number {
	return positiveInt(params.get<unknown>('diallerCampaignsId', ''), 'Campaign ID');
}

function campaignName(params: ParamReader): string {
	return requiredText(params.get<unknown>('name', ''), 'Name');
}

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many dialler campaigns',
		description: 'Get all dialler campaigns of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: DIALLER_CAMPAIGNS_PATH }),
		read: readGetMany,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a dialler campaign',
		description: 'Get one dialler campaign by ID',
		properties: [idField],
		request: (params) => ({ method: 'GET', path: diallerCampaignPath(campaignId(params)) }),
		read: (response) => singleRecord(response, 'dialler campaign'),
	},
	{
		value: 'getByName',
		name: 'Get by Name',
		action: 'Get dialler campaigns by name',
		description: 'Get the dialler campaigns whose name contains the given text',
		properties: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'Campaign 1000',
				description: 'Name or part of the name: every campaign whose name contains it is returned',
			},
			...recordsFields,
		],
		request: (params) => ({
			method: 'GET',
			path: withQuery(DIALLER_CAMPAIGN_BY_NAME_PATH, { name: campaignName(params) }),
		}),
		read: readRecords,
	},
	{
		value: 'getResultCodes',
		name: 'Get Result Codes',
		action: 'Get the result codes of a dialler campaign',
		description: 'Get every result code of a dialler campaign, with texts in the chosen language',
		properties: [
			idField,
			{
				displayName: 'Language',
				name: 'languagesId',
				type: 'options',
				options: LANGUAGES.map(({ name, value }) => ({ name, value })),
				default: 1,
				description: 'Language of the result code texts (languagesID)',
			},
			...recordsFields,
		],
		request: (params) => ({
			method: 'GET',
			path: withQuery(diallerCampaignResultCodesPath(campaignId(params)), {
				languagesID: positiveInt(params.get<unknown>('languagesId', 1), 'Language'),
			}),
		}),
		read: readRecords,
	},
	{
		value: 'clone',
		name: 'Clone',
		action: 'Clone a dialler campaign',
		description: 'Copy a dialler campaign with all related data except its contacts',
		properties: [
			{
				displayName: 'Source Campaign Name',
				name: 'source',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'Campaign 1000',
				description: 'Name of the campaign to copy',
			},
			{
				displayName: 'Destination Campaign Name',
				name: 'destination',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'My New Campaign',
				description: 'Name of the new campaign; it must not exist yet',
			},
			{
				displayName: 'User Data',
				name: 'userData',
				type: 'string',
				default: '',
				description: 'Contents of the user data field of the new campaign',
			},
		],
		request(params) {
			const source = requiredText(params.get<unknown>('source', ''), 'Source Campaign Name');
			const destination = requiredText(
				params.get<unknown>('destination', ''),
				'Destination Campaign Name',
			);
			const userData = params.get<unknown>('userData', '');
			return {
				method: 'POST',
				path: DIALLER_CAMPAIGN_CLONE_PATH,
				body: { source, destination, ...(isBlank(userData) ? {} : { userData: String(userData) }) },
				statusTexts: {
					404: `the source campaign "${source}" does not exist`,
					409: `the destination campaign "${destination}" already exists`,
				},
			};
		},
		read: (response) => singleRecord(response, 'cloned dialler campaign'),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a dialler campaign',
		description: 'Delete a dialler campaign by ID, with all related data',
		properties: [
			idField,
			chosenPathNotice(DIALLER_CAMPAIGN_DELETE_BY_ID_PATH, 'DIALLER_CAMPAIGN_DELETE_BY_ID_PATH'),
		],
		request: (params) => ({
			method: 'DELETE',
			path: diallerCampaignDeleteByIdPath(campaignId(params)),
			unknownPathHint: chosenPathHint(
				`DELETE ${DIALLER_CAMPAIGN_DELETE_BY_ID_PATH}`,
				'DIALLER_CAMPAIGN_DELETE_BY_ID_PATH',
			),
		}),
		read: (response, params) => readDeleted(response, { DiallerCampaignsID: campaignId(params) }),
	},
	{
		value: 'deleteByName',
		name: 'Delete by Name',
		action: 'Delete a dialler campaign by name',
		description: 'Delete the dialler campaign with the given name, with all related data',
		properties: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'My New Campaign',
				description: 'Name of the campaign to delete',
			},
		],
		request: (params) => ({
			method: 'DELETE',
			path: withQuery(DIALLER_CAMPAIGN_BY_NAME_PATH, { name: campaignName(params) }),
		}),
		read: (response, params) => readDeleted(response, { name: campaignName(params) }),
	},
]);
