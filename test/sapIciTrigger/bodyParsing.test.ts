import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { SapIciTrigger } from '../../nodes/SapIci/SapIciTrigger.node';
import { n8nLeavesBodyUnreadFor } from '../harness/webhook';

/**
 * Whether n8n parses the trigger's request body is decided before the trigger runs, by n8n's
 * parseRequestBody (packages/cli/src/webhooks/webhook-helpers.ts): for a version-1 webhook node it
 * evaluates `$parameter["options"]["binaryData"]` on the workflow's node and leaves the body unread
 * when that is true. n8n's Workflow fills in the node type's defaults for missing parameters, but
 * not for missing options of a stored collection. Checked here with n8n-workflow's own Workflow.
 */

const trigger = new SapIciTrigger();
function leavesUnread(parameters: INodeParameters, typeVersion = 1): boolean {
	return n8nLeavesBodyUnreadFor(trigger, parameters, typeVersion);
}

describe("n8n's decision to parse the SAP ICI Trigger's body", () => {
	it('the trigger is a version-1 webhook node whose Options default to Read Events Raw', () => {
		expect(trigger.description.version).toBe(1);
		const options = trigger.description.properties.find((p) => p.name === 'options');
		expect(options?.default).toEqual({ binaryData: true });
		const defaults = NodeHelpers.getNodeParameters(
			trigger.description.properties,
			{},
			true,
			false,
			null,
			trigger.description,
		);
		expect(defaults?.options).toEqual({ binaryData: true });
	});

	it.each([
		[
			'a node added now (parameters as the editor stores them)',
			{ options: { binaryData: true, ipAllowlist: '10.0.0.0/8' } },
			true,
		],
		['an imported workflow without Options', { userIds: ['HARRI'] }, true],
		['Read Events Raw turned off', { options: { binaryData: false } }, false],
		[
			'a trigger saved before the option existed, with Options stored',
			{ options: { includeRawXml: true } },
			false,
		],
		[
			'a trigger saved before the option existed, with empty Options stored',
			{ options: {} },
			false,
		],
	])('%s: body left to the trigger (case %#)', (_name, parameters, expected) => {
		expect(leavesUnread(parameters)).toBe(expected);
	});

	it('a version above 1 would always be parsed (n8n reads the option only for version 1)', () => {
		expect(leavesUnread({ options: { binaryData: true } }, 2)).toBe(false);
	});
});
