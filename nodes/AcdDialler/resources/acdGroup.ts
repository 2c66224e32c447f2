import type { INodeProperties } from 'n8n-workflow';

import { resourceOperations } from '../../shared/operations';
import { ACD_GROUP_BY_NAME_PATH, ACD_GROUPS_PATH, acdGroupPath, withQuery } from '../constants';
import { getManyFields, readGetMany, readRecords, recordsFields, singleRecord } from '../output';
import { positiveInt, requiredText } from '../validation';
import { declareJtel } from './declare';

/**
 * ACD groups of the client account: Get (`GET /acd/groups/group/{AcdGroupsID}`), Get by Name
 * (`GET /acd/groups/group?name=`, partial match, may return several) and Get Many (`GET /acd/groups`).
 */

export const RESOURCE = 'acdGroup';

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Support',
	description: 'Name or part of the name: every group whose name contains it is returned',
};

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'get',
		name: 'Get',
		action: 'Get an ACD group',
		description: 'Get one ACD group by ID',
		properties: [
			{
				displayName: 'ACD Group ID',
				name: 'acdGroupsId',
				type: 'string',
				required: true,
				default: '',
				placeholder: '12',
				description: 'ID of the ACD group (AcdGroupsID)',
			},
		],
		request: (params) => ({
			method: 'GET',
			path: acdGroupPath(positiveInt(params.get<unknown>('acdGroupsId', ''), 'ACD Group ID')),
		}),
		read: (response) => singleRecord(response, 'ACD group'),
	},
	{
		value: 'getByName',
		name: 'Get by Name',
		action: 'Get ACD groups by name',
		description: 'Get the ACD groups whose name contains the given text',
		properties: [nameField, ...recordsFields],
		request: (params) => ({
			method: 'GET',
			path: withQuery(ACD_GROUP_BY_NAME_PATH, {
				name: requiredText(params.get<unknown>('name', ''), 'Name'),
			}),
		}),
		read: readRecords,
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many ACD groups',
		description: 'Get all ACD groups of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: ACD_GROUPS_PATH }),
		read: readGetMany,
	},
]);
