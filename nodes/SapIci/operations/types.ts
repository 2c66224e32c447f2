import type { SoapMessage } from '../../shared/transport/soap';
import type { ChildForm, IciInterfaceKey } from '../constants';
import type { IciCall } from '../client';
import type { ElementName } from '../elements';
import type { CodeTable } from '../tables';

/** The shapes of an ICI operation's declaration (chapter 9). */

export type ParamKind =
	/** Text, trimmed. */
	| 'string'
	/** Free text, sent exactly as given (notes, content, chat text, XML). */
	| 'text'
	/** A whole number. */
	| 'int'
	| 'boolean'
	/** One of the documented codes. */
	| 'options'
	/** String[] as `<item>` (or `<Item>`) children. */
	| 'stringList'
	/** Address[] (address + channel pairs). */
	| 'addresses'
	/** Item attached data: XML as given, or built from JSON per Application id. */
	| 'attachedData'
	/** createCallBack extraData: skills, priority and any key, or XML as given. */
	| 'callbackExtraData'
	/** IciUser.getAttributes cmsPing: 'TRUE' when switched on. */
	| 'cmsPing'
	/** IciActionItem.route itemData (ActionItem element). */
	| 'itemData'
	/** Attribute[] of chapter 7.3 (routingAttributes). */
	| 'attributes';

export interface ParamDef {
	/** Element name on the wire, also the n8n parameter name. */
	name: string;
	kind: ParamKind;
	displayName: string;
	description: string;
	/** Top-level field that must be filled; otherwise it is an optional field of the operation. */
	required?: boolean;
	/** Codes for 'options'. */
	options?: CodeTable;
	default?: string | number | boolean;
	placeholder?: string;
	/** Array entry element name (default `item`). */
	itemTag?: string;
	/** Namespace of this element when the sample qualifies it differently from its siblings. */
	namespace?: string;
	/** What an empty optional element becomes: left out (default), sent empty, or xsi:nil. */
	whenEmpty?: 'omit' | 'empty' | 'nil';
	/** Echoed in the output of operations that answer nothing. */
	key?: boolean;
}

export type ResponseDef =
	| { kind: 'void' }
	/** One element of the schema in `<response>`. */
	| { kind: 'element'; element: ElementName }
	/** A list of elements (`<item>` children) in `<response>`: one output item each. */
	| { kind: 'list'; element: ElementName }
	/** A string in `<response>`, output under `field`. */
	| { kind: 'string'; field: string; attachedData?: boolean }
	/** createCallBack: the new callback's GUID, or nil when one already exists. */
	| { kind: 'callbackId' };

export interface IciOperationDef {
	resource: IciInterfaceKey;
	/** Body element name (the operation as OII names it) and n8n operation value. */
	operation: string;
	displayName?: string;
	action: string;
	description: string;
	params: ParamDef[];
	response: ResponseDef;
	/** Qualification of the children when it differs from the interface's. */
	childForm?: ChildForm;
	/** Other names the answer element may have. */
	responseNames?: string[];
	/** Other names the request element may have (accepted by the simulator). */
	requestAliases?: string[];
	/** Label of the collection holding the optional fields. */
	optionalLabel?: string;
	/** Channel type for decoding the answer: a parameter name, or a fixed value. */
	channelFrom?: { param: string } | { value: string };
}

/** The answer of an operation that answers nothing. */
export const VOID = { kind: 'void' } as const;

/** What the node sends for one item: the operation, its SOAP call and the item it came from. */
export interface IciRequest {
	def: IciOperationDef;
	call: IciCall;
	itemIndex: number;
}

export type IciResponse = SoapMessage;
