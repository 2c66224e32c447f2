import { resourceOperations } from '../../shared/operations';
import { chosenPathHint, chosenPathNotice } from '../chosenPath';
import { ACD_EVENT_STATUS_PATH } from '../constants';
import { getManyFields, readGetMany } from '../output';
import { declareJtel } from './declare';

/**
 * The system's ACD event statuses, `{ ShortText: "AcdEventStatus.New", ID: 20 }` from EnterSystem (0)
 * to Error (100). The documentation shows the answer but not the URL: the path is this pack's
 * choice, {@link ACD_EVENT_STATUS_PATH}.
 */

export const RESOURCE = 'acdEventStatus';

export const operations = resourceOperations(RESOURCE, declareJtel, [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many ACD event statuses',
		description: 'Get the ACD event statuses of the system (EnterSystem 0 … Error 100)',
		properties: [
			chosenPathNotice(ACD_EVENT_STATUS_PATH, 'ACD_EVENT_STATUS_PATH'),
			...getManyFields,
		],
		request: () => ({
			method: 'GET',
			path: ACD_EVENT_STATUS_PATH,
			unknownPathHint: chosenPathHint(`GET ${ACD_EVENT_STATUS_PATH}`, 'ACD_EVENT_STATUS_PATH'),
		}),
		read: readGetMany,
	},
]);
