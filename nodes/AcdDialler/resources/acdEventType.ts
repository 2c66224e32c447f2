import type { OperationDeclaration } from '../../shared/operations';
import type { JtelRequest, JtelResponse } from '../client';
import { ACD_EVENT_TYPES_PATH } from '../constants';
import { getManyFields, readGetMany } from '../output';

/** The system's ACD event types (`GET /acd/events/types`): `{ ShortText: "AcdEventTypes.Callback", ID: 3 }`. */

export const RESOURCE = 'acdEventType';

export const operations: Array<OperationDeclaration<JtelRequest, JtelResponse>> = [
	{
		resource: RESOURCE,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many ACD event types',
		description: 'Get the ACD event types of the system (voice mail, fax, callback, SMS, e-mail, …)',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: ACD_EVENT_TYPES_PATH }),
		read: readGetMany,
	},
];
