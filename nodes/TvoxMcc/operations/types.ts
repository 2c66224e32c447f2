import type { IDataObject } from 'n8n-workflow';

import type { OperationDeclaration } from '../../shared/operations';
import type { EnumTable } from '../enums';

/** The shapes of a MultiChannel Connector method's declaration, its request and its answer. */

export const SYSTEM = 'TVox';

export const RESOURCE_SESSION = 'session';
export const RESOURCE_SERVICE = 'service';
export const RESOURCE_AGENT = 'agent';

export type FieldType = 'string' | 'int' | 'serviceStateMap' | EnumTable;

export interface ResultField {
	name: string;
	type: FieldType;
}

export interface TvoxMethod {
	/** SOAP operation name (also the REST method's documented name). */
	soapOperation: string;
	/**
	 * The SOAP operation's name is not published (only the method's documented name is): a
	 * server's WSDL is searched for it by that name, by the REST path's name, then by the
	 * variants in `soapVariants` regardless of case.
	 */
	soapNameUnpublished?: true;
	/** Set by the declaration when the SOAP name is unpublished: the method's `soapNameVariants` (soapNames.ts). */
	soapVariants?: readonly string[];
	rest: { method: 'GET' | 'PUT'; path: string };
	/** Documented request parameters, in order (SOAP elements by position, REST query names). */
	parameters: readonly string[];
	/** The request travels as one object of this type (SOAP: one element; REST: the JSON body). */
	requestType?: string;
	/** Documented result type, e.g. `StartSessionResult`. */
	resultType: string;
	/** Result fields in documented order. */
	fields: readonly ResultField[];
	failReasons: EnumTable;
	/** First MultiChannel Connector version with the method. */
	since: '1.0.0' | '1.0.1';
}

export type TvoxValue = string | number | string[];

export interface TvoxArgument {
	/** Documented parameter name. */
	name: string;
	value: TvoxValue;
}

/** A protocol-neutral request: the method and its arguments (absent ones left out). */
export interface TvoxRequest {
	method: TvoxMethod;
	args: TvoxArgument[];
}

/** The result object as the server sent it, unwrapped from its SOAP / JSON envelope. */
export type TvoxResponse = IDataObject;

export interface TvoxOperation extends OperationDeclaration<TvoxRequest, TvoxResponse> {
	method: TvoxMethod;
}
