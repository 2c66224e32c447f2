import { resourceOperations } from '../../shared/operations';
import { ACD_EVENT_TYPES_PATH } from '../constants';
import { getManyFields, readGetMany } from '../output';
import { declareJtel } from './declare';

/** The system's ACD event types (`GET /acd/events/types`): `{ ShortText: "AcdEventTypes.Callback", ID: 3 }`. */

export const RESOURCE = 'acdEventType';

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many ACD event types',
		description:
			'Get the ACD event types of the system (voice mail, fax, callback, SMS, e-mail, …)',
		properties: [...getManyFields],
		request: () => ({ method: 'GET', path: ACD_EVENT_TYPES_PATH }),
		read: readGetMany,
	},
]);
