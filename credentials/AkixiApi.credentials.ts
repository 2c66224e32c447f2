import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Akixi: one credential for both APIs. The Test button is implemented by the Akixi node
 * (`testedBy`), because a session login takes two requests and the XML API is not plain HTTP.
 */
export class AkixiApi implements ICredentialType {
	name = 'akixiApi';

	displayName = 'Akixi API';

	icon: Icon = {
		light: 'file:../nodes/Akixi/akixi.svg',
		dark: 'file:../nodes/Akixi/akixi.dark.svg',
	};

	documentationUrl = 'https://akixi.dev/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://akixi.example.com',
			required: true,
			description:
				'Address of your Akixi service. The REST API is called below it at /CCS/API/v1 (leave that path off, or include it: both work).',
		},
		{
			displayName: 'XML Web Services URL',
			name: 'wsUrl',
			type: 'string',
			default: '',
			placeholder: 'https://akixi.example.com/CCS/WS',
			description:
				'Full endpoint URL of the XML Web Services API. Leave empty to use the Base URL with /CCS/WS; the path is not documented publicly, so set it to what your Akixi service uses.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'Sent as the x-api-key header (REST API only)',
				},
				{
					name: 'Session ID',
					value: 'sessionId',
					description:
						"An existing authenticated API session, e.g. one opened with Akixi's own Web Services sign-in",
				},
				{
					name: 'Username and Password',
					value: 'usernamePassword',
					description: 'The node opens and reuses a session with the REST login, for both APIs',
				},
			],
			default: 'usernamePassword',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['usernamePassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['usernamePassword'] } },
		},
		// A session id signs every request in the user's name, so it is masked like a password.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['sessionId'] } },
			description:
				"Sent as the SessionID element of XML requests and as the JSESSIONID cookie of REST requests. Use this when your server refuses the REST login's session for the XML Web Services API: open a session with Akixi's own Web Services sign-in (CreateSession, then Authenticate), e.g. with its sample client, and paste its SessionID here.",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if SSL certificate validation fails',
		},
	];
}
