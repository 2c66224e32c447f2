import { declarer, type OperationDeclaration } from '../../shared/operations';

import type { IciOperationDef, IciRequest, IciResponse } from './types';
import { interfaceOf } from './interfaces';
import { buildIciCall } from './requests';
import { readIciAnswer } from './answers';
import { displayNameOf, propertiesOf } from './properties';

/** What an ICI operation states besides its header: its row of the operation table. */
export interface IciSpec {
	def: IciOperationDef;
}

/** Declares an ICI operation: the request is the row's SOAP call, the answer is read as the row says. */
export const declareIci = declarer<IciSpec, IciRequest, IciResponse>(({ def }) => ({
	request: (params) => ({ def, call: buildIciCall(def, params), itemIndex: params.itemIndex }),
	read: (response, params) => readIciAnswer(def, response.element, params),
}));

/** The declaration of one row of the operation table, its header derived from the row. */
export function iciDeclaration(
	def: IciOperationDef,
): OperationDeclaration<IciRequest, IciResponse> {
	return declareIci({
		resource: def.resource,
		value: def.operation,
		name: displayNameOf(def),
		action: def.action,
		description: `${def.description} (${interfaceOf(def).name}.${def.operation})`,
		properties: propertiesOf(def),
		def,
	});
}
