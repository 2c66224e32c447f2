import { resourceOperations } from '../../shared/operations';
import { userPath, USERS_PATH } from '../constants';
import { getManyFields, readGetMany, singleRecord } from '../output';
import { positiveInt } from '../validation';
import { declareJtel } from './declare';

/**
 * Users of the client account (master data): Get Many (`GET /users`, ordered by UID) and Get
 * (`GET /users/user/{UsersID}`).
 */

export const RESOURCE = 'user';

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many users',
		description: 'Get all users of the client account',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: USERS_PATH }),
		read: readGetMany,
	},
	{
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
]);
