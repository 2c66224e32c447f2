/**
 * SAP Contact Center OII (ICI interface) wire facts in one place: the endpoint default, the
 * interfaces with their namespaces and SOAPActions (the routing table of the OII specification,
 * chapter 7.1), the SOAP header namespaces the chapter-9 samples use, and the choices made where
 * the specification is silent.
 */

/** SOAP 1.1 envelope namespace. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** The single OII endpoint path (OII rewrites it per SOAPAction to the interface's own service). */
export const OII_DEFAULT_PATH = '/OII/OII.asmx';

/** Every SOAPAction is this prefix plus `Ici<Interface>Bean`. */
export const SOAP_ACTION_PREFIX = 'http://inqmy.com/soapdispatcher/rpc/bcbici/';

/** Namespace of the client-side event interface (events OII sends to subscribers). */
export const ICI_EVENT_NAMESPACE = 'urn:IciEventInterface';

/**
 * SOAPAction of the IciEvent messages the simulator posts to subscribers. The specification gives
 * none for IciEvent (chapter 7.1 routes only the service interfaces); this one follows their
 * pattern. The trigger accepts events whatever their SOAPAction.
 */
export const ICI_EVENT_SOAP_ACTION = `${SOAP_ACTION_PREFIX}IciEventBean`;

/** `cmsPing` value that makes IciUser.getAttributes a liveness test answered with cmsHostId only. */
export const CMS_PING_VALUE = 'TRUE';

/** Content type of every request (SOAP 1.1). */
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** Name used in messages. */
export const SYSTEM_NAME = 'SAP ICI';

/** The node's resource values, one per ICI interface served by OII (IciMonitor is not offered). */
export type IciInterfaceKey =
	| 'system'
	| 'user'
	| 'item'
	| 'container'
	| 'phoneLine'
	| 'phoneCall'
	| 'folder'
	| 'message'
	| 'chatLine'
	| 'chatSession'
	| 'actionItem';

/**
 * How the children of the body element are qualified. The chapter-9 samples show both forms:
 * `unqualified` writes `xmlns=""` on each child (IciUser), `qualified` lets them inherit the
 * interface namespace (every other interface). IciSystem follows the WSDL an OII publishes for
 * IciSystemService (`elementFormDefault="qualified"`, headers in `urn:IciSystemInterface`) also
 * where the exchangeProductInformation and getWorkcenterCapability samples differ: the OII's
 * XmlSerializer binds only the declared form.
 */
export type ChildForm = 'qualified' | 'unqualified';

export interface IciInterface {
	key: IciInterfaceKey;
	/** ICI name, e.g. `IciPhoneCall`. */
	name: string;
	/** Display name in the node. */
	displayName: string;
	description: string;
	/** Namespace of the body element. */
	namespace: string;
	/** SOAPAction header value (sent quoted). */
	soapAction: string;
	/** The OII web service the SOAPAction selects. */
	service: string;
	/** Namespace of the `language` / `user` SOAP header elements, as the interface's samples show. */
	headerNamespace: string;
	/** Default qualification of the body element's children, as the interface's samples show. */
	childForm: ChildForm;
}

function literalTypes(name: string): string {
	return `http://wicom.com/ws/OII/${name}/literalTypes`;
}

function iface(
	key: IciInterfaceKey,
	name: string,
	displayName: string,
	description: string,
	header: 'urn' | 'literalTypes',
	childForm: ChildForm,
): IciInterface {
	const namespace = `urn:${name}Interface`;
	return {
		key,
		name,
		displayName,
		description,
		namespace,
		soapAction: `${SOAP_ACTION_PREFIX}${name}Bean`,
		service: `${name}Service.asmx`,
		headerNamespace: header === 'urn' ? namespace : literalTypes(name),
		childForm,
	};
}

/** The interfaces of chapter 7.1 (IciEvent is the client side; IciMonitor is not documented). */
export const ICI_INTERFACES: Record<IciInterfaceKey, IciInterface> = {
	system: iface(
		'system',
		'IciSystem',
		'System',
		'Product information, presence, call recordings and callbacks',
		'urn',
		'qualified',
	),
	user: iface(
		'user',
		'IciUser',
		'User',
		'Agent attributes, workmode, channels, queues, addresses and event subscriptions',
		'urn',
		'unqualified',
	),
	item: iface(
		'item',
		'IciItem',
		'Item',
		'Any item (phone call, e-mail, chat, action item): create, accept, wrap-up, attached data',
		'literalTypes',
		'qualified',
	),
	container: iface(
		'container',
		'IciContainer',
		'Container',
		'Event subscriptions for a phone line, folder, chat line or action item inbox',
		'literalTypes',
		'qualified',
	),
	phoneLine: iface(
		'phoneLine',
		'IciPhoneLine',
		'Phone Line',
		'Calls of a phone line',
		'literalTypes',
		'qualified',
	),
	phoneCall: iface(
		'phoneCall',
		'IciPhoneCall',
		'Phone Call',
		'Call control: dial, hold, consult, transfer, conference, drop',
		'literalTypes',
		'qualified',
	),
	folder: iface(
		'folder',
		'IciFolder',
		'Folder',
		'E-mail messages of a folder',
		'literalTypes',
		'qualified',
	),
	message: iface(
		'message',
		'IciMessage',
		'Message',
		'E-mail messages: attributes, RFC 822 content, send, delete, flags; end for action items',
		'literalTypes',
		'qualified',
	),
	chatLine: iface(
		'chatLine',
		'IciChatLine',
		'Chat Line',
		'Chat sessions of a chat line',
		'urn',
		'qualified',
	),
	chatSession: iface(
		'chatSession',
		'IciChatSession',
		'Chat Session',
		'Chat sessions: attributes, invite, leave, dialog, post',
		'urn',
		'qualified',
	),
	actionItem: iface(
		'actionItem',
		'IciActionItem',
		'Action Item',
		'Route action items for allocation',
		'urn',
		'qualified',
	),
};

/** Interfaces in the order of chapter 9. */
export const ICI_INTERFACE_ORDER: IciInterfaceKey[] = [
	'system',
	'user',
	'item',
	'container',
	'phoneLine',
	'phoneCall',
	'folder',
	'message',
	'chatLine',
	'chatSession',
	'actionItem',
];

/** The interface a SOAPAction header value selects (quotes and surrounding blanks ignored). */
export function interfaceForSoapAction(value: string | undefined): IciInterface | undefined {
	if (value === undefined) return undefined;
	const action = value
		.trim()
		.replace(/^"(.*)"$/, '$1')
		.trim();
	return ICI_INTERFACE_ORDER.map((key) => ICI_INTERFACES[key]).find((i) => i.soapAction === action);
}

/** Default timeout of one request. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Default `maxhits` of getUserPresence when a search term is used (chapter 9.1.4). */
export const DEFAULT_USER_PRESENCE_MAX_HITS = 100;

/** The ICI version sent by exchangeProductInformation unless another is given. */
export const DEFAULT_ICI_VERSION = '3.07';

/** Root element of createCallBack's extraData (chapter 9.1.6.2). */
export const CALLBACK_EXTRA_DATA_ROOT = 'XML';

/** Root element of item attached data (chapter 7.2.4). */
export const ATTACHED_DATA_ROOT = 'ItemAttachedData';
