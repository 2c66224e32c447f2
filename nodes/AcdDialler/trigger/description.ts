import type { INodeProperties } from 'n8n-workflow';

import {
	incomingAuthenticationProperties,
	ipAllowlistOption,
	READ_EVENTS_RAW,
	readEventsRawOption,
} from '../../shared/webhookRequest';
import { EVENT_KIND_PARAMETER, SECRET_PARAMETER } from './event';

/** The ACD Dialler Trigger's parameters. */

/** Shortest URL Secret accepted. */
export const MIN_SECRET_LENGTH = 16;

/** Characters a URL Secret may hold: those a URL carries unchanged, so it is pasted as typed. */
export const SECRET_CHARACTERS = /^[A-Za-z0-9._~-]+$/;

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: `Set up in jtel: open the ACD group, Parameters, REST Calls (Create Callback / Voice Mail), and paste this node's Production URL (Webhook URLs above) followed by <code>?${SECRET_PARAMETER}=</code> and the URL Secret below, then <code>&amp;${EVENT_KIND_PARAMETER}=callback</code> for the callback REST call or <code>&amp;${EVENT_KIND_PARAMETER}=voiceMail</code> for the voice-mail one. Example: https://n8n.example.com/webhook/…/jtel-acd-events?${SECRET_PARAMETER}=YOUR-SECRET&amp;${EVENT_KIND_PARAMETER}=callback. Events without the right secret are refused.`,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'URL Secret',
		name: 'urlSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 3f9c2e7a41b04d6a9e15c8b2d7f0a6e1',
		description: `A secret of at least ${MIN_SECRET_LENGTH} letters, digits or . _ ~ - that jtel sends in the URL as ${SECRET_PARAMETER}=…; events without it get HTTP 401. Make one with "openssl rand -hex 24" and enter the same value in jtel's URL.`,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{
				name: 'Callback',
				value: 'callback',
				description: `A caller requested a callback (URL with ${EVENT_KIND_PARAMETER}=callback)`,
			},
			{
				name: 'Voice Mail',
				value: 'voiceMail',
				description: `A caller left a voice mail (URL with ${EVENT_KIND_PARAMETER}=voiceMail)`,
			},
		],
		default: ['callback', 'voiceMail'],
		description:
			'The events that start the workflow. The others are still answered 200 and then dropped.',
	},
	...incomingAuthenticationProperties('a jtel system'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: { [READ_EVENTS_RAW]: true },
		options: [
			{
				displayName: 'Include Raw Body',
				name: 'includeRawBody',
				type: 'boolean',
				default: false,
				description: 'Whether to add the JSON body as received (rawBody) to each item',
			},
			ipAllowlistOption(),
			readEventsRawOption(
				'Whether the trigger reads each event from the request itself, so that n8n does not parse it first. Keep it on: the trigger then refuses a malformed, oversized or slowly sent body with its own clear answer.',
			),
		],
	},
];
