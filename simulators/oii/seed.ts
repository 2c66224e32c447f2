/**
 * The simulated contact center at start (and after a reset): the agents, queues, recordings and
 * callbacks. User HARRI, the queues 2001–2003, line +129 and the cmsHostId are the specification's
 * sample values; everything else is made up.
 */

export interface SeedUser {
	userId: string;
	firstName: string;
	lastName: string;
	title: string;
	workmode: string;
	wrapUpMode: 1 | 2;
	channels: string[];
	currentChannels: string[];
	queues: string[];
	currentQueues: string[];
	addresses: Array<{ address: string; channel: string }>;
}

export interface SeedQueue {
	id: string;
	name: string;
	guid: string;
	channelType: 1 | 2 | 3 | 4;
}

export const OII_SIM_CMS_HOST_ID = 'BA48C51B1B9249F6A56C4E6ADFFC2E3F';
export const OII_SIM_PRODUCT_NAME = 'WicomOII';
export const OII_SIM_PRODUCT_VERSION = '7.0.1.10033';
export const OII_SIM_MESSAGE_GROUPS = [
	'IciGroupBasic',
	'IciGroupUser',
	'IciGroupTelephony',
	'IciGroupMessaging',
];

/** Workmodes every user may set (chapter 10.10). */
export const SEED_WORKMODES: Array<{ id: string; description: string }> = [
	{ id: '1', description: 'Logged off' },
	{ id: '2', description: 'Logged on - ready' },
	{ id: '3', description: 'Logged on - not ready' },
	{ id: '1000', description: 'No Phone' },
];

/** Channels a user may use. */
export const SEED_CHANNELS: Array<{ id: string; description: string }> = [
	{ id: '1', description: 'Telephony' },
	{ id: '2', description: 'E-mail' },
	{ id: '3', description: 'Chat' },
	{ id: '4', description: 'Action' },
];

/** The default queue of routed action items (chapter 2.1). */
export const ACTION_QUEUE = 'ACTION';

export const SEED_QUEUES: SeedQueue[] = [
	{ id: '2001', name: 'Q 2001', guid: 'C2DE7EC4-7886-466D-8A04-1120845D5E57', channelType: 1 },
	{ id: '2002', name: 'Q 2002', guid: '5B1E2C3D-0A4F-4E6B-9C7D-8E9F0A1B2C3D', channelType: 1 },
	{ id: '2003', name: 'Q 2003', guid: '7D3F4E5A-6B7C-4D8E-9F0A-1B2C3D4E5F60', channelType: 1 },
	{ id: '600', name: 'Callback', guid: '0F1E2D3C-4B5A-4968-8776-655443322110', channelType: 1 },
	{
		id: 'support@contact.example',
		name: 'E-mail Support',
		guid: '1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D',
		channelType: 2,
	},
	{
		id: 'chat@contact.example',
		name: 'Web Chat',
		guid: '2B3C4D5E-6F7A-4B8C-9D0E-1F2A3B4C5D6E',
		channelType: 3,
	},
	{
		id: ACTION_QUEUE,
		name: 'ACTION',
		guid: '3C4D5E6F-7A8B-4C9D-0E1F-2A3B4C5D6E7F',
		channelType: 4,
	},
];

const ALL_QUEUES = SEED_QUEUES.map((q) => q.id);

export const SEED_USERS: SeedUser[] = [
	{
		userId: 'HARRI',
		firstName: 'Harri',
		lastName: 'Virtanen',
		title: 'Agent',
		workmode: '1',
		wrapUpMode: 1,
		channels: ['1', '2', '3', '4'],
		currentChannels: [],
		queues: ALL_QUEUES,
		currentQueues: ['2001', '2003'],
		addresses: [
			{ address: '+129', channel: '1' },
			{ address: 'harri@contact.example', channel: '2' },
			{ address: 'harri.chat@contact.example', channel: '3' },
			{ address: 'HARRI', channel: '4' },
		],
	},
	{
		userId: 'ANNA',
		firstName: 'Anna',
		lastName: 'Lindqvist',
		title: 'Senior Agent',
		workmode: '3',
		wrapUpMode: 2,
		channels: ['1', '2', '3', '4'],
		currentChannels: ['1', '2', '3', '4'],
		queues: ALL_QUEUES,
		currentQueues: [
			'2001',
			'2002',
			'support@contact.example',
			'chat@contact.example',
			ACTION_QUEUE,
		],
		addresses: [
			{ address: '+130', channel: '1' },
			{ address: 'anna@contact.example', channel: '2' },
			{ address: 'anna.chat@contact.example', channel: '3' },
			{ address: 'ANNA', channel: '4' },
		],
	},
	{
		userId: 'MIKA',
		firstName: 'Mika',
		lastName: 'Korhonen',
		title: 'Supervisor',
		workmode: '1',
		wrapUpMode: 1,
		channels: ['1', '2'],
		currentChannels: ['1'],
		queues: ['2001', '2002', '2003'],
		currentQueues: ['2002'],
		addresses: [
			{ address: '+131', channel: '1' },
			{ address: 'mika@contact.example', channel: '2' },
		],
	},
];

/** External numbers with a fixed behaviour when dialled (everything else answers at once). */
export const BUSY_NUMBERS = ['+3580000000'];
export const NO_ANSWER_NUMBERS = ['+3580000001'];

export interface SeedRecording {
	callHandle: string;
	userId: string;
	creationTime: string;
	startTime: string;
	endTime: string;
	source: string;
	destination: string;
	fileName: string;
}

export const SEED_RECORDINGS: SeedRecording[] = [
	{
		callHandle: 'F5F047CF7DAF4AE1AA6E556BF0D84A41',
		userId: 'HARRI',
		creationTime: '2012-04-02T10:35:12Z',
		startTime: '2012-04-02T10:29:42Z',
		endTime: '2012-04-02T10:35:10Z',
		source: '+358401234567',
		destination: '+129',
		fileName: '2012_04\\02_10_29_42_SSR_Cr_F5F047CF7DAF4AE1AA6E556BF0D84A41.wav',
	},
	{
		callHandle: '9A8B7C6D5E4F40312A1B2C3D4E5F6071',
		userId: 'ANNA',
		creationTime: '2012-04-03T08:12:40Z',
		startTime: '2012-04-03T08:05:01Z',
		endTime: '2012-04-03T08:12:38Z',
		source: '+130',
		destination: '+4930123456',
		fileName: '2012_04\\03_08_05_01_SSR_Cr_9A8B7C6D5E4F40312A1B2C3D4E5F6071.wav',
	},
];

export interface SeedCallBack {
	id: string;
	number: string;
	queueNumber: string;
	nextCallTime: string;
	extraData: string;
	notes: string;
	gwPrefix: string;
}

export const SEED_CALLBACKS: SeedCallBack[] = [
	{
		id: '6F9619FF-8B86-D011-B42D-00C04FC964FF',
		number: '+358409876543',
		queueNumber: '600',
		nextCallTime: '2030-01-01T09:00:00Z',
		extraData: '<XML><Priority>5</Priority></XML>',
		notes: 'Customer asked for a call about the invoice',
		gwPrefix: '',
	},
];

/** Maximum number of calls of a new callback (not documented: the simulator's choice). */
export const CALLBACK_MAX_CALLS = 3;

/** Minutes until the next try after a failed callback call (the simulator's choice). */
export const CALLBACK_RETRY_MINUTES = 15;
