/**
 * The pack's simulators: each starts an HTTP server on loopback with the system's API, a fault
 * injector and the `/__sim/` control API.
 */
export {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	AkixiState,
	REST_ERRORS as AKIXI_REST_ERRORS,
	startAkixiSimulator,
	WS_ERRORS as AKIXI_WS_ERRORS,
} from './akixi';
export type { AkixiSimulator, AkixiSimulatorOptions } from './akixi';
export { FaultError, FaultInjector, validateFault } from './shared/faults';
export type { Fault, FaultKind, FaultOptions, FailFault, PendingFault } from './shared/faults';
export { CONTROL_PREFIX, startSimServer } from './shared/httpServer';
export type {
	RecordedRequest,
	SimRequest,
	SimResponse,
	SimServer,
	SimServerOptions,
	SimulatorDefinition,
} from './shared/httpServer';
export {
	JTEL_ERRORS,
	JTEL_ROUTES,
	JTEL_SIM_CLIENTS_ID,
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	JTEL_SIM_TOKEN,
	JtelState,
	startJtelSimulator,
} from './jtel';
export type { JtelSimulator, JtelSimulatorOptions } from './jtel';
export { startTvoxSimulator, TvoxState } from './tvox';
export type { TvoxSimulator, TvoxSimulatorOptions, TvoxSimConfig } from './tvox';
export {
	ICI_ERRORS as OII_ICI_ERRORS,
	OII_SIM_CMS_HOST_ID,
	OiiState,
	startOiiSimulator,
} from './oii';
export type {
	OiiEvent,
	OiiEventListener,
	OiiSimulator,
	OiiSimulatorOptions,
	OiiSubscription,
} from './oii';
