export {
	createAdditionalData,
	createSourceNodeType,
	HarnessNodeTypes,
	loadOptions,
	runNode,
	testCredential,
	workflowBase,
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	type HarnessNodeError,
	type LoadOptionsRequest,
	type RunNodeOptions,
	type RunNodeResult,
} from './engine';
export { HarnessCredentialsHelper, CREDENTIAL_TEST_NODE_TYPE } from './credentials-helper';
export { ensureEngine, reportedErrors } from './container';
export { startTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from './webhook';
