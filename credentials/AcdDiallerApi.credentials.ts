import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * jtel ACD / Dialler REST API: `{Server URL}/rest/v1.0/{ClientsID}{path}` with
 * `Authorization: Bearer {token}`. The base URL is built and the token applied by the node's
 * client only. The Test button is implemented by the ACD Dialler node (`testedBy`): a real GET of
 * the ACD event types through that client.
 */
export class AcdDiallerApi implements ICredentialType {
	name = 'acdDiallerApi';

	displayName = 'ACD Dialler API';

	icon: Icon = {
		light: 'file:../nodes/AcdDialler/acdDialler.svg',
		dark: 'file:../nodes/AcdDialler/acdDialler.dark.svg',
	};

	documentationUrl = 'https://wiki.jtel.de/display/JPW/Return+Codes';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			placeholder: 'https://jtel.example.com:8443',
			required: true,
			description:
				'Scheme, host and port of your jtel REST API server. The node calls <Server URL>/rest/v1.0/<ClientsID>/…',
		},
		{
			displayName: 'ClientsID',
			name: 'clientsId',
			type: 'string',
			default: '',
			placeholder: '1',
			required: true,
			description:
				'ID of your jtel client account (a whole number); it is part of every request path',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Bearer token created in the jtel portal. Generating a new token or deleting it there invalidates it at once.',
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
