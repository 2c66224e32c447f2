/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- seed data: the documentation's published
   sample values and this simulator's own well-known test credentials; no real secret lives here. */

/**
 * The Akixi simulator's seed state. Omnichannel values come from the XML Web Services samples,
 * Integrator Clients from the REST List sample (IDs, descriptions, scopes kept as published).
 * Names marked "sim" are this simulator's own inventions.
 */

/** Pre-authenticated WS session (the SessionID of every seed sample). */
export const AKIXI_SIM_SESSION_ID = 'EFA4902A7F61D03E42BF3222B0A246BF';
/** sim: API key accepted as `x-api-key` on the REST admin routes. */
export const AKIXI_SIM_API_KEY = 'akixi-sim-3f9c2e71d0b84a56a1e4c7d2b9f05e18';
/** sim: user of the REST `GET /login` Basic authentication. */
export const AKIXI_SIM_USERNAME = 'sim.admin';
export const AKIXI_SIM_PASSWORD = 'Sim-Passw0rd!';

export interface TelephonyServerSeed {
	telSysId: number;
	description: string;
}

export interface PartitionSeed {
	telSysId: number;
	partId: number;
	guid: string;
	description: string;
}

export interface DeviceSeed {
	telSysId: number;
	partId: number;
	number: string;
	description: string;
}

export const TELEPHONY_SERVERS: readonly TelephonyServerSeed[] = [
	{ telSysId: 100100, description: 'Simulator BroadWorks Enterprise' }, // sim
	{ telSysId: 426, description: 'MST Dev Tenant' },
	{ telSysId: 417, description: 'Sunshine Insurance' },
];

export const PARTITIONS: readonly PartitionSeed[] = [
	{
		telSysId: 100100,
		partId: 1,
		guid: 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e09',
		description: 'Simulator Group 1',
	}, // sim
	{
		telSysId: 100100,
		partId: 2,
		guid: 'f850b6719f95d98f:79b51bff:149bc2efbcb:-7e08',
		description: 'Simulator Group 2',
	},
	{
		telSysId: 426,
		partId: 1,
		guid: '3d5b6efefaa0a823:3af2db2a:199bb1c0014:-7e01',
		description: 'MST Dev Tenant',
	}, // sim GUID
	{
		telSysId: 417,
		partId: 1,
		guid: '3d5b6efefaa0a823:3af2db2a:199b9df0851:-7e01',
		description: 'Sunshine Insurance',
	}, // sim GUID
];

export const DEVICES: readonly DeviceSeed[] = [
	{ telSysId: 426, partId: 1, number: '+442046034980', description: 'User01 A4MTTest' }, // sim description
	{ telSysId: 426, partId: 1, number: '+442046034981', description: 'User02 A4MTTest' },
	{ telSysId: 426, partId: 1, number: '+442046034983', description: 'User04 A4MTTest' },
	{ telSysId: 417, partId: 1, number: '01234567102', description: 'Doc Morrissey' },
	{ telSysId: 417, partId: 1, number: '01234567120', description: 'Anne Hunter' },
];

/** Seed Omnichannel entry: properties by name (containers resolved through the property table). */
export interface OmnichannelSeed {
	telSysId: number;
	partId: number;
	values: Record<string, string>;
}

export const OMNICHANNEL_ENTRIES: readonly OmnichannelSeed[] = [
	{
		telSysId: 100100,
		partId: 2,
		values: {
			UniqueID: '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad',
			IntegrationType: 'POP3 SMTP',
			Description: 'Test Email',
			IPAddress1: '192.168.10.10',
			TCPPort1: '995',
			UseSSLTLS1: '[Auto]',
			IPAddress2: '192.168.10.10',
			TCPPort2: '587',
			UseSSLTLS2: 'True',
			CommsEnabled: 'True',
			APICommsLoggingEnabled: 'False',
			APICommsLoggingIncClassNames: 'False',
			InternalDiagDumpEnabled: 'False',
		},
	},
	{
		telSysId: 100100,
		partId: 2,
		values: {
			UniqueID: 'LiveChat5918734',
			IntegrationType: 'LiveChat',
			Description: 'Test LiveChat',
			AuthUserID1: '2ty3m6f2a05297e5bbnb7b327n1afbd6',
			AuthPassword1: 'C4gRIuo7ZTdpW/2LejGDLfpt0N+e2YhHBa0PehmQV8s=',
			AuthPassword2: 'YhHGDZTdp0PehmQ4gLfWV8sCBapt0Iuo7R/2LejN+e2=',
			// The sample adds it with True; False here so the seed entry can be deleted.
			CommsEnabled: 'False',
			APICommsLoggingEnabled: 'False',
			APICommsLoggingIncClassNames: 'False',
			InternalDiagDumpEnabled: 'False',
		},
	},
];

export interface IntegratorClientSeed {
	ID: string;
	Description: string;
	TelSysID: number;
	PartitionID: number;
	DeviceNumber: string;
	TelSysDescription: string | null;
	PartitionDescription: string | null;
	DeviceDescription: string;
}

type ClientRow = [string, string, number, number, string, string | null, string | null, string];

const NONE_OR_ALL = '[None Or All Partitions]';

/** The 15 entries of the REST List sample: ID, Description, TelSysID, PartitionID, DeviceNumber, descriptions. */
const CLIENT_ROWS: readonly ClientRow[] = [
	[
		'174546f958aa15f1:2744ca9:19889c3e648:-2229',
		'Child Test',
		389,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'a05241ee7b21d0ac:-69f03ef2:1989d3eaf18:3533',
		'3',
		403,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'a05241ee7b21d0ac:-69f03ef2:1989d3eaf18:7877',
		'test-123',
		398,
		-1,
		'UnknownNoneOrAll',
		null,
		NONE_OR_ALL,
		'None',
	],
	[
		'a05241ee7b21d0ac:-69f03ef2:1989d3eaf18:79d4',
		'123',
		366,
		-1,
		'UnknownNoneOrAll',
		null,
		NONE_OR_ALL,
		'None',
	],
	[
		'a21abf960a398ee2:7b73f31a:198cb98618e:6e40',
		'Colin Scope',
		403,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'a21abf960a398ee2:7b73f31a:198eb3531fc:-7aed',
		'Regression-Test-1',
		401,
		-1,
		'UnknownNoneOrAll',
		null,
		NONE_OR_ALL,
		'None',
	],
	[
		'a21abf960a398ee2:7b73f31a:198eb3531fc:c07',
		'Regression-Test-2-telsysy-part',
		401,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'a21abf960a398ee2:7b73f31a:198eb3531fc:ca1',
		'Regression-Test-2-telsysy-part-device',
		401,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'fd3548fed99dcd47:463d17a5:198608d9cb3:-79b7',
		'All Mondago.net',
		403,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'fd3548fed99dcd47:463d17a5:198648022c9:-7e7b',
		"Chris' Device",
		403,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'fd3548fed99dcd47:463d17a5:19864e67f42:79b8',
		'3',
		403,
		-3,
		'UnknownNoneOrAll',
		null,
		null,
		'None',
	],
	[
		'3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd',
		'test CXI',
		426,
		1,
		'+442046034981',
		'MST Dev Tenant',
		'MST Dev Tenant',
		'User02 A4MTTest',
	],
	[
		'3d5b6efefaa0a823:3af2db2a:199b9df0851:7aec',
		'test CXI',
		417,
		1,
		'01234567102',
		'Sunshine Insurance',
		'Sunshine Insurance',
		'Doc Morrissey',
	],
	[
		'a21abf960a398ee2:7b73f31a:198d18707a9:6b7b',
		'No Config Access',
		417,
		1,
		'UnknownNoneOrAll',
		'Sunshine Insurance',
		'Sunshine Insurance',
		'None',
	],
	[
		'a21abf960a398ee2:7b73f31a:198d18707a9:6e88',
		'Config Access Allowed',
		417,
		1,
		'01234567120',
		'Sunshine Insurance',
		'Sunshine Insurance',
		'Anne Hunter',
	],
];

export const INTEGRATOR_CLIENTS: readonly IntegratorClientSeed[] = CLIENT_ROWS.map(
	([
		ID,
		Description,
		TelSysID,
		PartitionID,
		DeviceNumber,
		TelSysDescription,
		PartitionDescription,
		DeviceDescription,
	]) => ({
		ID,
		Description,
		TelSysID,
		PartitionID,
		DeviceNumber,
		TelSysDescription,
		PartitionDescription,
		DeviceDescription,
	}),
);
