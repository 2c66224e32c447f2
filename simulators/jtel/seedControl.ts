import { JTEL_SIM_CLIENTS_ID, JTEL_SIM_OTHER_CLIENTS_ID, type Row } from './seed';

/**
 * Seed state of the jtel simulator's users, calls and cockpit variables, per client account.
 * Kept as published: the user columns of the Users example (bTelCallsForwarding, bUseWebMail,
 * dtPBXTelephoneStatus, ResellersID, TelStatusID, AgentStatusAfterLogoutRejectedID), the call
 * columns of the Calls example (bOutbound 0, LanguagesID 2, dtCallStart 2022-07-08T11:33:18.900977Z,
 * CallingPartyNumberType 1, ResellersID 1, …) and the cockpit variable 192 "Test Cockpit Variable"
 * with its counters, MinBGColor #DC143C and dtLastModified 2022-01-04T13:31:37.477546Z.
 * Everything marked "sim" is this simulator's own invention.
 */

export interface UserSeed extends Row {
	ID: number;
	/** Login name; the list is ordered by it. */
	UID: string;
}

/** sim: where a call stands. */
export type CallState = 'Ringing' | 'Connected' | 'Held';

export interface CallSeed extends Row {
	/** The call's ID, a text. */
	UFN: string;
	/** sim */
	CallState: CallState;
	/** sim: whether the PBX connector of the call supports the answer function. */
	bAnswerSupported: boolean;
	/** sim: the number of the secondary call (leg 2), null when there is none. */
	Leg2Number: string | null;
}

/** sim: what a cockpit variable represents (On/Off, number, percentage). */
export type CockpitVariableType = 'OnOff' | 'Number' | 'Percentage';

export interface CockpitVariableSeed extends Row {
	ID: number;
	Name: string;
	/** sim */
	Value: number;
	MinValue: number | null;
	/** sim */
	MaxValue: number | null;
	/** sim */
	CockpitVariableType: CockpitVariableType;
	/** sim: "Visible in Cockpit"; an invisible variable cannot be set. */
	bVisibleInCockpit: boolean;
	/** sim: the Read / Write setting allows writing. */
	bWritable: boolean;
	dtLastModified: string;
}

export interface ControlSeed {
	users: UserSeed[];
	calls: CallSeed[];
	cockpitVariables: CockpitVariableSeed[];
}

function user(ID: number, clientsId: number, UID: string, extra: Row = {}): UserSeed {
	return {
		ID,
		ClientsID: clientsId,
		UID,
		FirstName: null,
		LastName: null,
		Email: null,
		bTelCallsForwarding: false,
		bUseWebMail: false,
		dtPBXTelephoneStatus: null,
		ResellersID: 1,
		TelStatusID: 0,
		AgentStatusAfterLogoutRejectedID: null,
		...extra,
	};
}

function call(UFN: string, clientsId: number, extra: Partial<CallSeed> = {}): CallSeed {
	return {
		UFN,
		ClientsID: clientsId,
		bOutbound: 0,
		CurrentAgentCountLoggedInToAcd: null,
		AcdCallMonitoring_bCallRequest: null,
		AcdSecondaryDistributionAlgorithmID: 1,
		LanguagesID: 2,
		dtCallStart: '2022-07-08T11:33:18.900977Z',
		CallingPartyNumberType: 1,
		dtAcdFirstQueueStart: null,
		ResellersID: 1,
		dtAcdCallRecordingAnnouncementStart: null,
		CallingPartyNumber: null,
		CalledPartyNumber: null,
		UsersID: null,
		CallState: 'Ringing',
		bAnswerSupported: true,
		Leg2Number: null,
		...extra,
	};
}

function variable(
	ID: number,
	clientsId: number,
	Name: string,
	extra: Partial<CockpitVariableSeed> = {},
): CockpitVariableSeed {
	return {
		ID,
		ClientsID: clientsId,
		Name,
		Description: Name,
		CockpitVariableType: 'Number',
		Value: 0,
		InitialValue: 0,
		MinValue: null,
		MaxValue: null,
		bVisibleInCockpit: true,
		bWritable: true,
		CounterAbsolute: 0,
		Counter10Minutes: 0,
		Counter30Minutes: 0,
		CounterDay: 0,
		MinBGColor: '#DC143C',
		dtLastModified: '2022-01-04T13:31:37.477546Z',
		...extra,
	};
}

export const CONTROL_SEEDS: Readonly<Record<number, ControlSeed>> = {
	[JTEL_SIM_CLIENTS_ID]: {
		users: [
			user(7, JTEL_SIM_CLIENTS_ID, 'mmustermann', {
				FirstName: 'Max',
				LastName: 'Mustermann',
				Email: 'max.mustermann@example.com',
			}),
			user(8, JTEL_SIM_CLIENTS_ID, 'emusterfrau', {
				FirstName: 'Erika',
				LastName: 'Musterfrau',
				bUseWebMail: true,
			}),
			user(9, JTEL_SIM_CLIENTS_ID, 'supervisor', {
				FirstName: 'Jürgen',
				LastName: 'Müller',
				TelStatusID: 1,
				bTelCallsForwarding: true,
			}),
		],
		calls: [
			call('sim-ufn-1001', JTEL_SIM_CLIENTS_ID, {
				CallingPartyNumber: '+4930123456',
				CalledPartyNumber: '+4989987654',
			}),
			call('sim-ufn-1002', JTEL_SIM_CLIENTS_ID, {
				CallState: 'Connected',
				CallingPartyNumber: '4940555123',
				CalledPartyNumber: '4989987654',
				UsersID: 7,
				dtAcdFirstQueueStart: '2022-07-08T11:33:20.100000Z',
				Leg2Number: '+4969123456',
			}),
			call('sim-ufn-1003', JTEL_SIM_CLIENTS_ID, {
				CallState: 'Held',
				bOutbound: 1,
				UsersID: 8,
				CalledPartyNumber: '+4989123456',
			}),
			call('sim-ufn-1004', JTEL_SIM_CLIENTS_ID, {
				bAnswerSupported: false,
				CallingPartyNumber: '+4915112345678',
			}),
		],
		cockpitVariables: [
			variable(192, JTEL_SIM_CLIENTS_ID, 'Test Cockpit Variable'),
			variable(193, JTEL_SIM_CLIENTS_ID, 'Emergency Routing', {
				CockpitVariableType: 'OnOff',
				MinValue: 0,
				MaxValue: 1,
			}),
			variable(194, JTEL_SIM_CLIENTS_ID, 'Queue Threshold', {
				Value: 10,
				InitialValue: 10,
				MinValue: 0,
				MaxValue: 50,
			}),
			variable(195, JTEL_SIM_CLIENTS_ID, 'Service Level Target', {
				CockpitVariableType: 'Percentage',
				Value: 80,
				InitialValue: 80,
				MinValue: 0,
				MaxValue: 100,
				bWritable: false,
			}),
			variable(196, JTEL_SIM_CLIENTS_ID, 'Night Switch', {
				CockpitVariableType: 'OnOff',
				MinValue: 0,
				MaxValue: 1,
				bVisibleInCockpit: false,
			}),
		],
	},
	[JTEL_SIM_OTHER_CLIENTS_ID]: {
		users: [user(95, JTEL_SIM_OTHER_CLIENTS_ID, 'other.agent')],
		calls: [call('sim-ufn-9001', JTEL_SIM_OTHER_CLIENTS_ID, { CallState: 'Connected' })],
		cockpitVariables: [variable(290, JTEL_SIM_OTHER_CLIENTS_ID, 'Other Client Variable')],
	},
};
