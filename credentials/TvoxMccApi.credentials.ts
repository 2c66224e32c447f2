import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * TVox MultiChannel Connector: the server and the protocol to talk to it. The MCC documentation
 * names no authentication, so Basic authentication is optional (for a proxy in front of TVox).
 * The Test button is implemented by the TVox MCC node (`testedBy`): it fetches the WSDL (SOAP)
 * or makes a harmless read call (REST).
 */
export class TvoxMccApi implements ICredentialType {
	name = 'tvoxMccApi';

	displayName = 'TVox MCC API';

	icon: Icon = {
		light: 'file:../nodes/TvoxMcc/tvoxMcc.svg',
		dark: 'file:../nodes/TvoxMcc/tvoxMcc.dark.svg',
	};

	documentationUrl = 'http://documentation.teleniasoftware.com/multichannel_connector/index.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Host or Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://tvox.example.com',
			required: true,
			description:
				'FQDN or IP address of the TVox server, or its base URL. https:// is assumed when no scheme is given; a trailing /mc/cxf/… path is accepted.',
		},
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: [
				{
					name: 'REST / JSON',
					value: 'rest',
					description: 'Calls below /mc/cxf/rest/json',
				},
				{
					name: 'SOAP',
					value: 'soap',
					description:
						"Calls /mc/cxf/soap through a client built from the server's WSDL, each operation under the name that WSDL gives it",
				},
			],
			default: 'soap',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basicAuth',
					description: 'Username and password sent with every request',
				},
				{
					name: 'None',
					value: 'none',
				},
			],
			default: 'none',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if SSL certificate validation fails',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'How long to wait for each answer before failing',
		},
	];
}
