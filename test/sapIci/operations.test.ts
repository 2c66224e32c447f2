import { ICI_OPERATIONS } from '../../nodes/SapIci/operations';
import { runIci } from './helpers';
import { actionItemSuite } from './operations/actionItem';
import { chatSuite } from './operations/chat';
import { folderMessageSuite } from './operations/folderMessage';
import { covered, sim, useOperationsSimulator } from './operations/helpers';
import { itemContainerPhoneLineSuite } from './operations/itemContainerPhoneLine';
import { phoneCallSuite } from './operations/phoneCall';
import { systemSuite } from './operations/system';
import { userSuite } from './operations/user';

/**
 * Every operation of the node through n8n's engine against the OII simulator, each one checked
 * on its answer and on the simulated contact center's state. The tests of each ICI interface are
 * in test/sapIci/operations/; they run here, in one file, so that the last test can check that
 * together they ran every declared operation.
 */

describe('SAP ICI node — every operation against the OII simulator', () => {
	useOperationsSimulator();

	systemSuite();
	userSuite();
	itemContainerPhoneLineSuite();
	phoneCallSuite();
	folderMessageSuite();
	chatSuite();
	actionItemSuite();

	it('covers all 54 operations', () => {
		const all = ICI_OPERATIONS.map((def) => `${def.resource}.${def.operation}`);
		expect(all).toHaveLength(54);
		expect(all.filter((op) => !covered.has(op))).toEqual([]);
	});

	it('a declared operation the node does not know is a clear error', async () => {
		const result = await runIci(sim, {
			resource: 'phoneCall',
			operation: 'listen',
			lineNumber: '+129',
			callHandle: 'X',
		});
		expect(result.error?.message).toMatch(/not known for resource "phoneCall"/);
	});
});
