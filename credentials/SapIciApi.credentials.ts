import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * SAP Contact Center OII (the ICI interface): one SOAP 1.1 endpoint. OII has no authentication
 * of its own (it is protected at IIS level), so Basic authentication is optional. The Test button
 * is implemented by the SAP ICI node (`testedBy`): IciUser.getAttributes with cmsPing=TRUE.
 */
export class SapIciApi implements ICredentialType {
	name = 'sapIciApi';

	displayName = 'SAP ICI API';

	icon: Icon = {
		light: 'file:../nodes/SapIci/sapIci.svg',
		dark: 'file:../nodes/SapIci/sapIci.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#sap-ici';

	properties: INodeProperties[] = [
		{
			displayName: 'OII Endpoint URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'http://10.31.100.50:1080/OII/OII.asmx',
			required: true,
			description:
				'The OII web service, as configured in SAP CRM (host, port and path /OII/OII.asmx). The SOAPAction header of each request selects the ICI interface.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'None',
					value: 'none',
					description:
						'OII itself has no authentication; access is restricted by IP address or IIS',
				},
				{
					name: 'Basic Auth',
					value: 'basicAuth',
					description: 'When IIS (or a proxy) in front of OII asks for it',
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
			displayName: 'SOAP Header Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'EN',
			description: 'Sent as the language SOAP header of every request; leave empty to send none',
		},
		{
			displayName: 'SOAP Header User',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'WF-BATCH',
			description:
				'Sent as the user SOAP header of every request; leave empty to send none. The Test button also uses it as the user ID of its ping.',
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
