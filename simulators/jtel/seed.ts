/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- seed data: this simulator's own well-known
   test tokens; no real secret lives here. */

/**
 * The jtel simulator's seed state. Values shown in the documentation's examples are kept as
 * published: the eleven AcdEventStatus records, the event types 1–5, the AcdEvent sample
 * (UserData "123456", status 20, dtLastModified 2020-08-09T02:33:50.347), the ACD group samples
 * (by ID: QueueMusicID4Sec -1, DistributionAlgorithmID 1; by name "Support": three groups, the
 * first with QueueMusicID4Sec 10, DistributionAlgorithmID 3), "Campaign 1000" with its columns,
 * the result code 2881 "Max Tries (Abort)" and the contact 215387 / CON6174.
 * Everything marked "sim" is this simulator's own invention.
 */

/** ClientsID of the main client account (the documentation's samples use 1). */
export const JTEL_SIM_CLIENTS_ID = 1;
/** sim: bearer token of client 1. */
export const JTEL_SIM_TOKEN = 'jtel-sim-7c1e5b9a2f4d4c38a06b3e8d91f2c4a7';
/** sim: a second client account, to show that tokens and data are per client. */
export const JTEL_SIM_OTHER_CLIENTS_ID = 2;
/** sim: bearer token of client 2. */
export const JTEL_SIM_OTHER_TOKEN = 'jtel-sim-0d93a4c6e2b84f17b5c2a9e7f6d1b380';

export type Row = Record<string, unknown>;

export const EVENT_TYPES: readonly Row[] = [
	{ ShortText: 'AcdEventTypes.VoiceMail', ID: 1 },
	{ ShortText: 'AcdEventTypes.Fax', ID: 2 },
	{ ShortText: 'AcdEventTypes.Callback', ID: 3 },
	{ ShortText: 'AcdEventTypes.SMS', ID: 4 },
	{ ShortText: 'AcdEventTypes.Email', ID: 5 },
];

/** Event types whose Sender / Receiver are E.164 telephone numbers. */
export const TELEPHONE_EVENT_TYPE_IDS: ReadonlySet<number> = new Set([1, 3]);
export const CALLBACK_EVENT_TYPE_ID = 3;

export const EVENT_STATUSES: readonly Row[] = [
	{ ShortText: 'AcdEventStatus.EnterSystem', ID: 0 },
	{ ShortText: 'AcdEventStatus.Distribute', ID: 1 },
	{ ShortText: 'AcdEventStatus.TransportSMTP', ID: 2 },
	{ ShortText: 'AcdEventStatus.TransportToGroup', ID: 4 },
	{ ShortText: 'AcdEventStatus.TransportAgent', ID: 10 },
	{ ShortText: 'AcdEventStatus.New', ID: 20 },
	{ ShortText: 'AcdEventStatus.Seen', ID: 30 },
	{ ShortText: 'AcdEventStatus.Remind', ID: 40 },
	{ ShortText: 'AcdEventStatus.ChatClosed', ID: 98 },
	{ ShortText: 'AcdEventStatus.Done', ID: 99 },
	{ ShortText: 'AcdEventStatus.Error', ID: 100 },
];

/** Status of a newly created event (New). */
export const STATUS_NEW = 20;
/** Events at or above this status (Done, Error) are closed: a duplicate of them is a new event. */
export const STATUS_CLOSED_FROM = 99;

/** sim: how a group takes part in distribution. */
export type GroupType = 'Standalone' | 'Configuration' | 'Agent';

export interface GroupSeed {
	ID: number;
	Name: string;
	/** sim */
	AcdGroupType: GroupType;
	/** sim: the group stipulates that no duplicate ACD events are created. */
	bNoDuplicateAcdEvents: boolean;
	/** sim: agent groups: their configuration group. */
	AcdConfigurationGroupsID: number | null;
	/** sim: configuration groups: the agent group that receives events by default. */
	PrimaryAcdAgentGroupsID: number | null;
	QueueMusicID4Sec: number;
	SupervisorAggregationSkill5ID: number | null;
	DistributionAlgorithmID: number;
	ServiceLevelSeconds: number;
	QueueOffhookAnnouncementID: number | null;
	bPositionAnnouncement3: boolean;
	TarifAnnouncementWavesID: number | null;
	bCallRedirectionAfterNumberAnnouncement: boolean;
}

function group(ID: number, Name: string, extra: Partial<GroupSeed> = {}): GroupSeed {
	return {
		ID,
		Name,
		AcdGroupType: 'Standalone',
		bNoDuplicateAcdEvents: false,
		AcdConfigurationGroupsID: null,
		PrimaryAcdAgentGroupsID: null,
		QueueMusicID4Sec: -1,
		SupervisorAggregationSkill5ID: null,
		DistributionAlgorithmID: 1,
		ServiceLevelSeconds: 20,
		QueueOffhookAnnouncementID: null,
		bPositionAnnouncement3: false,
		TarifAnnouncementWavesID: null,
		bCallRedirectionAfterNumberAnnouncement: false,
		...extra,
	};
}

export interface EventSeed extends Row {
	ID: number;
	AcdEventTypesID: number;
	AcdEventStatusID: number;
	Sender: string;
	dtCreated: string;
}

export interface CampaignSeed extends Row {
	ID: number;
	Name: string;
}

export interface ResultCodeSeed {
	ID: number;
	DiallerCampaignsID: number;
	ExportKey: string;
	/** Text in English (languagesID 1) and German (languagesID 2). */
	Content: { 1: string; 2: string };
	bDone: boolean;
	bDelay: boolean;
	bAborted: boolean;
	bAppointment: boolean;
}

export interface ContactSeed extends Row {
	ID: number;
	DiallerCampaignsID: number;
	Name: string;
}

export interface HistorySeed extends Row {
	ID: number;
	DiallerContactsID: number;
}

export interface ClientSeed {
	clientsId: number;
	token: string;
	groups: GroupSeed[];
	events: EventSeed[];
	campaigns: CampaignSeed[];
	resultCodes: ResultCodeSeed[];
	contacts: ContactSeed[];
	history: HistorySeed[];
}

function campaign(ID: number, Name: string, clientsId: number, extra: Row = {}): CampaignSeed {
	return {
		ID,
		Name,
		ContactPreviewTime: 5,
		nMaxParallelLines: null,
		bCloseContactsOnIncomingCallsMatchCallerID: true,
		dtFrom: null,
		dtTo: null,
		LanguagesID: 2,
		bCallerIDActive: false,
		UserData: null,
		ClientsID: clientsId,
		AbortOnNoTelNumberResultCodesID: null,
		IncomingCallResultCodesID: null,
		...extra,
	};
}

/** The result codes every seeded campaign has: export key, English, German, flags. */
const RESULT_CODE_TEMPLATE: Array<Omit<ResultCodeSeed, 'ID' | 'DiallerCampaignsID'>> = [
	{
		ExportKey: 'Success',
		Content: { 1: 'Success', 2: 'Erfolgreich' },
		bDone: true,
		bDelay: false,
		bAborted: false,
		bAppointment: false,
	},
	{
		ExportKey: 'Not Interested',
		Content: { 1: 'Not Interested', 2: 'Kein Interesse' },
		bDone: true,
		bDelay: false,
		bAborted: false,
		bAppointment: false,
	},
	{
		ExportKey: 'No Telephone Number (Abort)',
		Content: { 1: 'No Telephone Number (Abort)', 2: 'Keine Telefonnummer (Abbruch)' },
		bDone: false,
		bDelay: false,
		bAborted: true,
		bAppointment: false,
	},
	{
		ExportKey: 'Call Back',
		Content: { 1: 'Call Back', 2: 'Rückruf' },
		bDone: false,
		bDelay: false,
		bAborted: false,
		bAppointment: true,
	},
	{
		ExportKey: 'Incoming Call',
		Content: { 1: 'Incoming Call', 2: 'Eingehender Anruf' },
		bDone: false,
		bDelay: true,
		bAborted: false,
		bAppointment: false,
	},
	{
		ExportKey: 'Max Tries (Abort)',
		Content: { 1: 'Max Tries (Abort)', 2: 'Maximale Versuche (Abbruch)' },
		bDone: false,
		bDelay: false,
		bAborted: true,
		bAppointment: false,
	},
];

function resultCodes(campaignId: number, ids: number[]): ResultCodeSeed[] {
	return RESULT_CODE_TEMPLATE.map((code, index) => ({
		...code,
		ID: ids[index],
		DiallerCampaignsID: campaignId,
	}));
}

const PHONE_FLAGS: Row = {
	bPhoneNumber1Invalid: false,
	bPhoneNumber2Invalid: false,
	bPhoneNumber3Invalid: false,
	bPhoneNumber4Invalid: false,
	bPhoneNumber5Invalid: false,
	bPhoneNumber6Invalid: false,
	nTriesPhoneNumber1: 0,
	nTriesPhoneNumber2: 0,
	nTriesPhoneNumber3: 0,
	nTriesPhoneNumber4: 0,
	nTriesPhoneNumber5: 0,
	nTriesPhoneNumber6: 0,
	nPhoneNumber4LastCause: null,
	LastAcdAgentEndReasonsID: null,
	PhoneNumber2LastAcdAgentEndReasonsID: null,
	bLastResultMailbox: false,
	Model: null,
	dtNextTry: null,
};

/** Every field a contact can be imported with, and its JSON type. */
export const CONTACT_IMPORT_FIELDS: Readonly<Record<string, 'string' | 'number'>> = {
	RandomSortOrder: 'number',
	UserData: 'string',
	Client: 'string',
	Service: 'string',
	ReferenceNumber: 'string',
	Name: 'string',
	FirstName: 'string',
	Salutation: 'string',
	Title: 'string',
	Company: 'string',
	Address: 'string',
	PostalCode: 'string',
	City: 'string',
	Country: 'string',
	AccountOwner: 'string',
	AccountBank: 'string',
	AccountNationalBankCode: 'string',
	AccountBIC: 'string',
	AccountNumber: 'string',
	AccountIBAN: 'string',
	Amount: 'number',
	PhoneNumber1: 'string',
	PhoneNumber2: 'string',
	PhoneNumber3: 'string',
	PhoneNumber4: 'string',
	PhoneNumber5: 'string',
	PhoneNumber6: 'string',
	Email: 'string',
	ExternalSystemLink: 'string',
	Tag: 'string',
};

export const PHONE_NUMBER_FIELDS = [
	'PhoneNumber1',
	'PhoneNumber2',
	'PhoneNumber3',
	'PhoneNumber4',
	'PhoneNumber5',
	'PhoneNumber6',
];

/** A contact row: every import field (null when not given), the dialler's own columns, then the values. */
export function contactRow(
	ID: number,
	clientsId: number,
	campaignId: number,
	values: Row,
	created: string,
): ContactSeed {
	const row: Row = { ID, ClientsID: clientsId, DiallerCampaignsID: campaignId };
	for (const field of Object.keys(CONTACT_IMPORT_FIELDS)) row[field] = values[field] ?? null;
	const contact: Row = {
		...row,
		...PHONE_FLAGS,
		DiallerCampaignsResultCodesID: values.DiallerCampaignsResultCodesID ?? null,
		dtCreated: created,
		dtLastModified: created,
	};
	return contact as ContactSeed;
}

function event(
	values: Partial<EventSeed> & Pick<EventSeed, 'ID' | 'AcdEventTypesID' | 'Sender' | 'dtCreated'>,
): EventSeed {
	return {
		ClientsID: JTEL_SIM_CLIENTS_ID,
		AcdEventStatusID: STATUS_NEW,
		AcdGroupsID: null,
		AcdConfigurationGroupsID: null,
		AcdAgentGroupsID: null,
		UsersID: null,
		Receiver: null,
		Subject: '',
		Body: null,
		CrmURL: null,
		UserData: null,
		nPriority: 50,
		dtAppointment: null,
		SkillsValue1: null,
		SkillsValue2: null,
		ChatConnectorsID: null,
		Comment: null,
		dtLastModified: values.dtCreated,
		...values,
	};
}

export const CLIENT_SEEDS: readonly ClientSeed[] = [
	{
		clientsId: JTEL_SIM_CLIENTS_ID,
		token: JTEL_SIM_TOKEN,
		groups: [
			group(12, 'Hotline'),
			group(13, 'Support', { QueueMusicID4Sec: 10, DistributionAlgorithmID: 3 }),
			group(14, 'Support Kündigung', {
				QueueMusicID4Sec: 10,
				DistributionAlgorithmID: 3,
				bNoDuplicateAcdEvents: true,
			}),
			group(15, 'Support Premium', {
				QueueMusicID4Sec: 10,
				DistributionAlgorithmID: 2,
				ServiceLevelSeconds: 10,
			}),
			group(16, 'Rückruf Service', { bNoDuplicateAcdEvents: true }),
			group(20, 'Vertrieb Konfiguration', {
				AcdGroupType: 'Configuration',
				PrimaryAcdAgentGroupsID: 21,
			}),
			group(21, 'Vertrieb Agenten 1st Level', {
				AcdGroupType: 'Agent',
				AcdConfigurationGroupsID: 20,
			}),
			group(22, 'Vertrieb Agenten 2nd Level', {
				AcdGroupType: 'Agent',
				AcdConfigurationGroupsID: 20,
			}),
		],
		events: [
			event({
				ID: 1001,
				AcdEventTypesID: 3,
				AcdGroupsID: 12,
				Sender: '+4930123456',
				Receiver: '+4989987654',
				Subject: 'Callback',
				UserData: '123456',
				ChatConnectorsID: 1,
				dtCreated: '2020-08-09T02:30:12.117',
				dtLastModified: '2020-08-09T02:33:50.347',
			}),
			event({
				ID: 1002,
				AcdEventTypesID: 5,
				AcdGroupsID: 13,
				AcdEventStatusID: 30,
				Sender: 'kunde@example.com',
				Subject: 'Rechnung 4711',
				UserData: 'T-4711',
				dtCreated: '2020-08-10T09:15:00.000',
			}),
			event({
				ID: 1003,
				AcdEventTypesID: 1,
				AcdGroupsID: 16,
				Sender: '+4940555123',
				Subject: 'Voice mail',
				dtCreated: '2020-08-11T17:45:30.500',
			}),
		],
		campaigns: [
			campaign(538, 'Campaign 1000', JTEL_SIM_CLIENTS_ID, {
				AbortOnNoTelNumberResultCodesID: 2492,
				IncomingCallResultCodesID: 2494,
			}),
			campaign(539, 'Campaign 1001', JTEL_SIM_CLIENTS_ID, {
				LanguagesID: 1,
				AbortOnNoTelNumberResultCodesID: 3002,
				IncomingCallResultCodesID: 3004,
			}),
			campaign(540, 'Kampagne Müller & Söhne', JTEL_SIM_CLIENTS_ID, {
				AbortOnNoTelNumberResultCodesID: 3012,
				IncomingCallResultCodesID: 3014,
			}),
			campaign(541, 'Winter Sale +50%', JTEL_SIM_CLIENTS_ID, {
				nMaxParallelLines: 10,
				AbortOnNoTelNumberResultCodesID: 3022,
				IncomingCallResultCodesID: 3024,
			}),
		],
		resultCodes: [
			...resultCodes(538, [2490, 2491, 2492, 2493, 2494, 2881]),
			...resultCodes(539, [3000, 3001, 3002, 3003, 3004, 3005]),
			...resultCodes(540, [3010, 3011, 3012, 3013, 3014, 3015]),
			...resultCodes(541, [3020, 3021, 3022, 3023, 3024, 3025]),
		],
		contacts: [
			contactRow(
				215387,
				JTEL_SIM_CLIENTS_ID,
				538,
				{
					UserData: 'CON6174',
					Name: 'Mustermann',
					FirstName: 'Max',
					Salutation: 'Herr',
					Company: 'Muster GmbH',
					Address: 'Musterstraße 1',
					PostalCode: '10115',
					City: 'Berlin',
					Country: 'DE',
					PhoneNumber1: '+4930123456',
					Email: 'max.mustermann@example.com',
					DiallerCampaignsResultCodesID: 2881,
				},
				'2021-03-01T08:00:00.000',
			),
			contactRow(
				215388,
				JTEL_SIM_CLIENTS_ID,
				538,
				{
					UserData: 'CON6175',
					Name: 'Musterfrau',
					FirstName: 'Erika',
					PhoneNumber1: '+4940123456',
					PhoneNumber2: '+4915112345678',
				},
				'2021-03-01T08:00:01.000',
			),
			contactRow(
				215389,
				JTEL_SIM_CLIENTS_ID,
				539,
				{ UserData: 'CON6174', Name: 'Beispiel', FirstName: 'Bernd', PhoneNumber1: '+4969123456' },
				'2021-03-02T10:30:00.000',
			),
			contactRow(
				215390,
				JTEL_SIM_CLIENTS_ID,
				540,
				{
					UserData: 'CRM-7',
					Name: 'Müller',
					FirstName: 'Jürgen',
					PhoneNumber1: '+4989123456',
					Tag: 'VIP',
				},
				'2021-03-03T12:00:00.000',
			),
		],
		history: [
			{
				ID: 880001,
				DiallerContactsID: 215387,
				DiallerCampaignsResultCodesID: 2881,
				dtCallStart: '2021-03-04T09:12:00.000',
				PhoneNumber: '+4930123456',
				StatisticsPartA: {
					UFN: 'sim-ufn-880001',
					CallingNumber: '+4930999000',
					CalledNumber: '+4930123456',
					Duration: 0,
				},
			},
		],
	},
	{
		clientsId: JTEL_SIM_OTHER_CLIENTS_ID,
		token: JTEL_SIM_OTHER_TOKEN,
		groups: [group(90, 'Other Client Group')],
		events: [],
		campaigns: [campaign(900, 'Other Client Campaign', JTEL_SIM_OTHER_CLIENTS_ID)],
		resultCodes: resultCodes(900, [9000, 9001, 9002, 9003, 9004, 9005]),
		contacts: [],
		history: [],
	},
];
