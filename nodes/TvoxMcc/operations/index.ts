import { AGENT_OPERATIONS, SERVICE_OPERATIONS, SESSION_OPERATIONS } from './methods';
import { RESOURCE_AGENT, RESOURCE_SERVICE, RESOURCE_SESSION, type TvoxOperation } from './types';

/**
 * TVox MultiChannel Connector operations: the types of a method's declaration (types.ts), the
 * declare function (declare.ts), the eight methods (methods.ts), the shared parameters
 * (parameters.ts), the reading of results (results.ts) and the SOAP names (soapNames.ts).
 */

export { cleanResult, readResult, readStateMap } from './results';
export { serviceCodes } from './parameters';
export { restPathName, soapNameVariants } from './soapNames';
export {
	RESOURCE_AGENT,
	RESOURCE_SERVICE,
	RESOURCE_SESSION,
	SYSTEM,
	type FieldType,
	type ResultField,
	type TvoxArgument,
	type TvoxMethod,
	type TvoxOperation,
	type TvoxRequest,
	type TvoxResponse,
	type TvoxValue,
} from './types';

/** Every method, in documented order. */
export const OPERATIONS: readonly TvoxOperation[] = [
	...SESSION_OPERATIONS,
	...SERVICE_OPERATIONS,
	...AGENT_OPERATIONS,
];

/** The declaration of a method, by its operation value. */
function operation(value: string): TvoxOperation {
	const found = OPERATIONS.find((op) => op.value === value);
	if (!found) throw new Error(`No TVox operation "${value}" is declared`);
	return found;
}

export const startSession = operation('startSession');
export const sessionAccept = operation('sessionAccept');
export const checkSessionState = operation('checkSessionState');
export const closeSession = operation('closeSession');

/**
 * The names the WSDL is searched for, regardless of case, for the three methods whose SOAP
 * name is not published (derived from their declarations).
 */
export const START_SESSION_SOAP_VARIANTS = startSession.method.soapVariants!;
export const SESSION_ACCEPT_SOAP_VARIANTS = sessionAccept.method.soapVariants!;
export const CLOSE_SESSION_SOAP_VARIANTS = closeSession.method.soapVariants!;

/** Resources; the first is the default. */
export const RESOURCES = [
	{ name: 'Session', value: RESOURCE_SESSION, description: 'Multichannel sessions (interactions)' },
	{ name: 'Service', value: RESOURCE_SERVICE, description: 'TVox services on a channel' },
	{ name: 'Agent', value: RESOURCE_AGENT, description: 'TVox agents on a channel' },
];
