/**
 * The simulated TVox's configuration at start: the four MCC channels (one not enabled, one not
 * licensed), services with every state, and agents (logged in or not, one with a profile that
 * may not use multichannel).
 */

export type ServiceStateValue = 'ACTIVE' | 'OUT_OF_SERVICE' | 'OVERTIME' | 'FAILED';

export interface SeedChannel {
	id: number;
	name: string;
	licensed: boolean;
	enabled: boolean;
	/** Services enabled on the channel. */
	services: string[];
}

export interface SeedService {
	code: string;
	state: ServiceStateValue;
}

export interface SeedAgent {
	username: string;
	/** TVox profile; only agent profiles may take multichannel sessions. */
	profile: 'AGENT' | 'SUPERVISOR';
	/** Channels the agent is logged in on. */
	loggedIn: number[];
}

export const SEED_CHANNELS: SeedChannel[] = [
	{
		id: 1,
		name: 'Custom channel 1',
		licensed: true,
		enabled: true,
		services: ['SUPPORT', 'SALES', 'BILLING', 'NIGHT', 'BROKEN'],
	},
	{
		id: 2,
		name: 'Custom channel 2',
		licensed: true,
		enabled: true,
		services: ['SUPPORT', 'LEGACY'],
	},
	{ id: 3, name: 'Custom channel 3', licensed: true, enabled: false, services: ['SUPPORT'] },
	{ id: 1003, name: 'LiveHelp', licensed: false, enabled: true, services: ['SUPPORT'] },
];

export const SEED_SERVICES: SeedService[] = [
	{ code: 'SUPPORT', state: 'ACTIVE' },
	{ code: 'SALES', state: 'ACTIVE' },
	{ code: 'BILLING', state: 'OVERTIME' },
	{ code: 'NIGHT', state: 'OUT_OF_SERVICE' },
	{ code: 'BROKEN', state: 'FAILED' },
	{ code: 'LEGACY', state: 'ACTIVE' },
];

export const SEED_AGENTS: SeedAgent[] = [
	{ username: 'mario.rossi', profile: 'AGENT', loggedIn: [1, 2] },
	{ username: 'giulia.bianchi', profile: 'AGENT', loggedIn: [1] },
	{ username: 'luca.verdi', profile: 'AGENT', loggedIn: [] },
	{ username: 'supervisor', profile: 'SUPERVISOR', loggedIn: [1] },
];

/** Longest session ID the simulator accepts. */
export const MAX_SESSION_ID_LENGTH = 128;
