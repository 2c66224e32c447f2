import {
	ICI_INTERFACES,
	type ChildForm,
	type IciInterface,
	type IciInterfaceKey,
} from '../constants';

import type { IciOperationDef } from './types';

/** The ICI interface an operation belongs to, and what it decides about the envelope. */

/** The interface of an operation. */
export function interfaceOf(def: IciOperationDef): IciInterface {
	return ICI_INTERFACES[def.resource];
}

export function headerNamespaceOf(def: IciOperationDef): string {
	return interfaceOf(def).headerNamespace;
}

export function childFormOf(def: IciOperationDef): ChildForm {
	return def.childForm ?? interfaceOf(def).childForm;
}

/** The operation table of one interface (the node's resource): each row gets that interface. */
export function interfaceOperations(
	resource: IciInterfaceKey,
	rows: Array<Omit<IciOperationDef, 'resource'>>,
): IciOperationDef[] {
	return rows.map((row) => ({ resource, ...row }));
}
