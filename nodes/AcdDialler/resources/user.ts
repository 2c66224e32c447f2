import type { OperationDeclaration } from '../../shared/operations';
import type { JtelRequest, JtelResponse } from '../client';
import { userPath, USERS_PATH } from '../constants';
import { getManyFields, readGetMany, singleRecord } from '../output';
import { positiveInt } from '../validation';

/**
 * Users of the client account (master data): Get Many (`GET /users`, ordered by UID) and Get
 * (`GET /users/user/{UsersID}`).
 */

export const RESOURCE = 'user';

export const operations: Array<OperationDeclaration<JtelRequest, JtelResponse>> = [
	{
		resource: RESOURCE,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many users',
		description: 'Get all users of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: USERS_PATH }),
		read: readGetMany,
	},
	{
		resource: RESOURCE,
		value: 'get',
		name: 'Get',
		action: 'Get a user',
		description: 'Get one user by ID',
		properties: [
			{
				displayName: 'User ID',
				name: 'usersId',
				type: 'string',
				required: true,
				default: '',
				placeholder: '7',
				description: 'ID of the user (UsersID)',
			},
		],
		request: (params) => ({
			method: 'GET',
			path: userPath(positiveInt(params.get<unknown>('usersId', ''), 'User ID')),
		}),
		read: (response) => singleRecord(response, 'user'),
	},
];
