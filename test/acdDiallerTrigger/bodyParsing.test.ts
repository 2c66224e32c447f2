import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { AcdDiallerTrigger } from '../../nodes/AcdDialler/AcdDiallerTrigger.node';
import { n8nLeavesBodyUnreadFor } from '../harness/webhook';

/**
 * n8n's parseRequestBody decides before the trigger runs whether it parses the body: for a
 * version-1 webhook node it leaves the body unread when `$parameter["options"]["binaryData"]`
 * evaluates true (Read Events Raw). Checked with n8n-workflow's own Workflow.
 */

const trigger = new AcdDiallerTrigger();
function leavesUnread(parameters: INodeParameters, typeVersion = 1): boolean {
	return n8nLeavesBodyUnreadFor(trigger, parameters, typeVersion);
}

describe("n8n's decision to parse the ACD Dialler Trigger's body", () => {
	it('the trigger is a version-1 webhook node with one POST webhook answered by the node, Options defaulting to Read Events Raw', () => {
		expect(trigger.description.version).toBe(1);
		expect(trigger.description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'jtel-acd-events' },
		]);
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
			'a node added now',
			{ urlSecret: 'x', options: { binaryData: true, ipAllowlist: '10.0.0.0/8' } },
			true,
		],
		['an imported workflow without Options', { urlSecret: 'x' }, true],
		['Read Events Raw turned off', { options: { binaryData: false } }, false],
		['Options stored without Read Events Raw', { options: { includeRawBody: true } }, false],
	])('%s: body left to the trigger (case %#)', (_name, parameters, expected) => {
		expect(leavesUnread(parameters)).toBe(expected);
	});

	it('a version above 1 would always be parsed', () => {
		expect(leavesUnread({ options: { binaryData: true } }, 2)).toBe(false);
	});
});
