import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { optionsCollection } from '../shared/nodeShell';
import { deriveProperties } from '../shared/operations';
import { acdDiallerShell as shell } from './client';
import { ACD_EVENT_TYPES_PATH } from './constants';
import { records } from './output';
import * as acdEvent from './resources/acdEvent';
import * as acdEventStatus from './resources/acdEventStatus';
import * as acdEventType from './resources/acdEventType';
import * as acdGroup from './resources/acdGroup';
import * as call from './resources/call';
import * as cockpitVariable from './resources/cockpitVariable';
import * as diallerCampaign from './resources/diallerCampaign';
import * as diallerContact from './resources/diallerContact';
import * as user from './resources/user';

const operations = [
	...acdEvent.operations,
	...acdEventType.operations,
	...acdEventStatus.operations,
	...acdGroup.operations,
	...diallerCampaign.operations,
	...diallerContact.operations,
	...user.operations,
	...call.operations,
	...cockpitVariable.operations,
];

/** `AcdEventTypes.VoiceMail` → `Voice Mail`. */
function eventTypeLabel(shortText: unknown, id: unknown): string {
	const raw = typeof shortText === 'string' ? shortText.replace(/^AcdEventTypes\./, '') : '';
	const words = raw.replace(/([a-z])([A-Z])/g, '$1 $2').trim();
	return words ? `${words} (${String(id)})` : `Type ${String(id)}`;
}

export class AcdDialler implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ACD Dialler',
		name: 'acdDialler',
		icon: { light: 'file:acdDialler.svg', dark: 'file:acdDialler.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and read ACD events and groups, manage dialler campaigns and contacts, control calls and set cockpit variables of jtel ACD / Dialler',
		defaults: { name: 'ACD Dialler' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'acdDiallerApi', required: true, testedBy: 'acdDiallerApiTest' }],
		properties: deriveProperties(
			[
				{
					name: 'ACD Event',
					value: acdEvent.RESOURCE,
					description: 'Voice mails, callbacks, e-mails, tickets and other ACD events',
				},
				{
					name: 'ACD Event Type',
					value: acdEventType.RESOURCE,
					description: 'The types of ACD event the system knows',
				},
				{
					name: 'ACD Event Status',
					value: acdEventStatus.RESOURCE,
					description: 'The statuses an ACD event goes through',
				},
				{
					name: 'ACD Group',
					value: acdGroup.RESOURCE,
					description: 'ACD groups of the client account',
				},
				{
					name: 'Dialler Campaign',
					value: diallerCampaign.RESOURCE,
					description: 'Outbound dialler campaigns',
				},
				{
					name: 'Dialler Contact',
					value: diallerContact.RESOURCE,
					description: 'Contacts of dialler campaigns',
				},
				{ name: 'User', value: user.RESOURCE, description: 'Users (agents) of the client account' },
				{ name: 'Call', value: call.RESOURCE, description: 'Active calls: answer, hang up, hold' },
				{
					name: 'Cockpit Variable',
					value: cockpitVariable.RESOURCE,
					description: 'Cockpit variables: read them and set their value',
				},
			],
			operations,
			[optionsCollection()],
		),
	};

	methods = {
		credentialTest: {
			acdDiallerApiTest: shell.credentialTest,
		},
		loadOptions: {
			async getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await shell.loadOptions(this, async (client) => {
					const response = await client.send(
						{ method: 'GET', path: ACD_EVENT_TYPES_PATH },
						'Get ACD event types',
					);
					return records(response)
						.filter((row) => typeof row.ID === 'number' || typeof row.ID === 'string')
						.map((row) => ({ name: eventTypeLabel(row.ShortText, row.ID), value: Number(row.ID) }))
						.sort((a, b) => a.name.localeCompare(b.name));
				});
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await shell.execute(
			this,
			operations,
			async (client, request, op) => await client.send(request, op.action),
		);
	}
}
