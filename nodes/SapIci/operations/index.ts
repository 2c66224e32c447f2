import type { OperationDeclaration } from '../../shared/operations';
import type { IciInterfaceKey } from '../constants';

import type { IciOperationDef, IciRequest, IciResponse } from './types';
import { iciDeclaration } from './declare';
import { SYSTEM_OPERATIONS } from './system';
import { USER_OPERATIONS } from './user';
import { ITEM_OPERATIONS } from './item';
import { CONTAINER_OPERATIONS } from './container';
import { PHONE_LINE_OPERATIONS } from './phoneLine';
import { PHONE_CALL_OPERATIONS } from './phoneCall';
import { FOLDER_OPERATIONS } from './folder';
import { MESSAGE_OPERATIONS } from './message';
import { CHAT_LINE_OPERATIONS } from './chatLine';
import { CHAT_SESSION_OPERATIONS } from './chatSession';
import { ACTION_ITEM_OPERATIONS } from './actionItem';

export { OPTIONAL_COLLECTION } from './params';
export { childFormOf, headerNamespaceOf, interfaceOf } from './interfaces';
export { buildIciCall } from './requests';
export { readIciAnswer } from './answers';
export { iciResources } from './properties';
export type {
	IciOperationDef,
	IciRequest,
	IciResponse,
	ParamDef,
	ParamKind,
	ResponseDef,
} from './types';

/**
 * Every ICI operation OII serves, declared once as data (chapter 9): interface, body element,
 * request elements with their types, and the shape of the answer. The node's parameters, the
 * request envelope and the reading of the answer are derived from this table, and the simulator
 * routes requests with it.
 */
export const ICI_OPERATIONS: IciOperationDef[] = [
	...SYSTEM_OPERATIONS,
	...USER_OPERATIONS,
	...ITEM_OPERATIONS,
	...CONTAINER_OPERATIONS,
	...PHONE_LINE_OPERATIONS,
	...PHONE_CALL_OPERATIONS,
	...FOLDER_OPERATIONS,
	...MESSAGE_OPERATIONS,
	...CHAT_LINE_OPERATIONS,
	...CHAT_SESSION_OPERATIONS,
	...ACTION_ITEM_OPERATIONS,
];

/** The operation a request names on an interface (body element, case-insensitive, aliases included). */
export function findIciOperation(
	resource: IciInterfaceKey,
	element: string,
): IciOperationDef | undefined {
	const wanted = element.toLowerCase();
	return ICI_OPERATIONS.find(
		(def) =>
			def.resource === resource &&
			[def.operation, ...(def.requestAliases ?? [])].some((name) => name.toLowerCase() === wanted),
	);
}

export function iciDeclarations(): Array<OperationDeclaration<IciRequest, IciResponse>> {
	return ICI_OPERATIONS.map(iciDeclaration);
}
