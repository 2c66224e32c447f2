import { ICI_INTERFACES, type ChildForm, type IciInterface } from '../constants';

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
