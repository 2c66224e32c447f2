import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { AcdDiallerTrigger } from '../../nodes/AcdDialler/AcdDiallerTrigger.node';
import type { JtelSimulator } from '../../simulators/jtel';
import { startTriggerHarness, type TriggerHarness } from '../harness';
import { control, emittedJson, startSim } from './helpers';

/** The example workflow's trigger, as saved in examples/, serves the events of the group's REST calls. */

const workflow = JSON.parse(
	readFileSync(
		path.join(__dirname, '..', '..', 'examples', 'acd-dialler-trigger.workflow.json'),
		'utf8',
	),
) as {
	nodes: INode[];
};
const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-contact-center.acdDiallerTrigger')!;

describe('examples/acd-dialler-trigger.workflow.json', () => {
	let sim: JtelSimulator;
	let trigger: TriggerHarness;

	beforeAll(async () => {
		sim = await startSim();
		trigger = await startTriggerHarness({
			nodeType: new AcdDiallerTrigger(),
			parameters: node.parameters,
			nodeName: node.name,
		});
		await trigger.activate();
	});
	afterAll(async () => {
		await trigger.close();
		await sim.close();
	});

	it('activates with its parameters and starts a run for a callback and a voice mail of ACD group 16', async () => {
		const base = `${trigger.url}?secret=${encodeURIComponent(String(node.parameters.urlSecret))}`;
		await control(sim, 'POST', '/__jtel/groups/16/rest-calls', {
			callbackUrl: `${base}&event=callback`,
			voiceMailUrl: `${base}&event=voiceMail`,
		});
		const callback = await control(sim, 'POST', '/__jtel/groups/16/callbacks', {
			Caller: '49199123456789',
		});
		const voiceMail = await control(sim, 'POST', '/__jtel/groups/16/voice-mails', {
			Caller: '49199123456789',
		});
		await trigger.settled();
		expect(
			[callback.json.delivery, voiceMail.json.delivery].map(
				(d) => (d as { outcome: string }).outcome,
			),
		).toEqual(['processed', 'processed']);
		expect(
			emittedJson(trigger).map((item) => [item.event, item.AcdEventsID, item.AcdGroupsName]),
		).toEqual([
			['callback', callback.json.AcdEventsID, 'Rückruf Service'],
			['voiceMail', voiceMail.json.AcdEventsID, 'Rückruf Service'],
		]);
	});
});
