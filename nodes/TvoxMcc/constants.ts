/**
 * TVox MultiChannel Connector endpoint facts and the choices made where the MCC documentation
 * is silent, in one place. The node reads SOAP element names from the server's own WSDL, so the
 * SOAP choices below only shape the simulator's WSDL; the REST choices are what the node sends.
 */

/** Documented: everything of the connector lives below this path of the TVox host. */
export const MCC_BASE_PATH = '/mc/cxf';

/** Documented: SOAP endpoint; the WSDL is this URL with `?wsdl`. */
export const MCC_SOAP_PATH = `${MCC_BASE_PATH}/soap`;

/** Documented: REST / JSON base. */
export const MCC_REST_JSON_PATH = `${MCC_BASE_PATH}/rest/json`;

/** Documented: the WADL is this URL with `?_wadl` (no `/json`). */
export const MCC_REST_PATH = `${MCC_BASE_PATH}/rest`;

/** Documented (in the parameter table): the start-session service code is spelled all lower case. */
export const START_SESSION_SERVICE_PARAM = 'serviceid';

// ---------------------------------------------------------------------------------------------
// Choices: the documentation does not say.

/**
 * WSDL target namespace of the simulator (Apache CXF derives it from the Java package, which is
 * not published). The node never hard-codes it: it takes every name from the server's WSDL.
 */
export const MCC_SIM_NAMESPACE = 'http://ws.mcc.tvox.teleniasoftware.com/';

/** WSDL service, port type and port names of the simulator (CXF style). */
export const MCC_SIM_SERVICE_NAME = 'MultiChannelConnectorService';
export const MCC_SIM_PORT_TYPE_NAME = 'MultiChannelConnector';
export const MCC_SIM_PORT_NAME = 'MultiChannelConnectorPort';

/**
 * Apache CXF's JSON provider (Jettison) keeps the root element by default: a REST answer may come
 * as `{ "startSessionResult": { … } }`. These are the JAXB root names (decapitalised class names).
 */
export const JSON_ROOT_SET_SESSION_DATA_REQUEST = 'setSessionDataRequest';

/**
 * Service codes of Get Service State travel as a repeated query parameter
 * (`serviceCodes=A&serviceCodes=B`), the JAX-RS form of a `Set<String>` query parameter.
 */
export const SERVICE_CODES_PARAM = 'serviceCodes';

/** Session ID used by the credential test's harmless REST call (Check Session on an ID that does not exist). */
export const CREDENTIAL_TEST_SESSION_ID = 'n8n-credential-test';

/** Default answer deadline. */
export const DEFAULT_TIMEOUT_MS = 30_000;
