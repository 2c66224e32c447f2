import { USERS_PATH } from '../../nodes/AcdDialler/constants';
import type { SimResponse } from '../shared/httpServer';
import type { Route, RouteContext } from './context';
import { fail, listEnvelope, recordsEnvelope } from './errors';

/** User routes (master data): all users of the client, ordered by UID, and one user by ID. */

function listUsers({ client }: RouteContext): SimResponse {
	const rows = [...client.users.values()].sort((a, b) => a.UID.localeCompare(b.UID) || a.ID - b.ID);
	return listEnvelope(rows, 'UID');
}

function getUser({ client, params }: RouteContext): SimResponse {
	const user = client.users.get(params.UsersID);
	return user ? recordsEnvelope([user]) : fail('userNotFound');
}

export const USER_ROUTES: Route[] = [
	{ method: 'GET', path: USERS_PATH, operation: 'UsersGetAll', handle: listUsers },
	{ method: 'GET', path: '/users/user/{UsersID}', operation: 'UserGet', handle: getUser },
];
