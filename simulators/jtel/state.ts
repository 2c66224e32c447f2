import { SECRET_MASK } from '../shared/httpServer';
import {
	CLIENT_SEEDS,
	EVENT_STATUSES,
	EVENT_TYPES,
	type ContactSeed,
	type EventSeed,
	type GroupSeed,
	type HistorySeed,
	type ResultCodeSeed,
	type Row,
} from './seed';
import {
	CONTROL_SEEDS,
	type CallSeed,
	type CockpitVariableSeed,
	type UserSeed,
} from './seedControl';

/**
 * The jtel simulator's live state: the system-wide event types and statuses, and per client
 * account its token, ACD groups, ACD events, dialler campaigns with their result codes, and
 * dialler contacts with their call history. IDs are unique across clients, like database keys.
 * `reset()` refills the same Map objects, so references taken earlier stay live.
 */

export type AcdGroup = GroupSeed;
export type AcdEvent = EventSeed;
export type Campaign = Row & { ID: number; Name: string };
export type ResultCode = ResultCodeSeed;
export type Contact = ContactSeed;
export type HistoryEntry = HistorySeed;
export type User = UserSeed;
export type Call = CallSeed;
export type CockpitVariable = CockpitVariableSeed;

export interface ClientAccount {
	clientsId: number;
	token: string;
	groups: Map<number, AcdGroup>;
	events: Map<number, AcdEvent>;
	campaigns: Map<number, Campaign>;
	resultCodes: Map<number, ResultCode>;
	contacts: Map<number, Contact>;
	history: Map<number, HistoryEntry>;
	users: Map<number, User>;
	/** Active calls by UFN. */
	calls: Map<string, Call>;
	cockpitVariables: Map<number, CockpitVariable>;
}

function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function byId<T extends { ID: number }>(rows: readonly T[]): Map<number, T> {
	return new Map(rows.map((row) => [row.ID, copy(row)]));
}

/** Local time as jtel prints it: `2020-08-09T02:33:50.347` (no zone). */
export function jtelTimestamp(date: Date = new Date()): string {
	return date.toISOString().replace(/Z$/, '');
}

export class JtelState {
	readonly eventTypes: readonly Row[] = EVENT_TYPES;

	readonly eventStatuses: readonly Row[] = EVENT_STATUSES;

	readonly clients = new Map<number, ClientAccount>();

	private lastId = 0;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.clients.clear();
		let highest = 0;
		for (const seed of CLIENT_SEEDS) {
			const control = CONTROL_SEEDS[seed.clientsId] ?? {
				users: [],
				calls: [],
				cockpitVariables: [],
			};
			this.clients.set(seed.clientsId, {
				clientsId: seed.clientsId,
				token: seed.token,
				groups: byId(seed.groups),
				events: byId(seed.events),
				campaigns: byId(seed.campaigns),
				resultCodes: byId(seed.resultCodes),
				contacts: byId(seed.contacts),
				history: byId(seed.history),
				users: byId(control.users),
				calls: new Map(control.calls.map((call) => [call.UFN, copy(call)])),
				cockpitVariables: byId(control.cockpitVariables),
			});
			const rowSets = [
				seed.groups,
				seed.events,
				seed.campaigns,
				seed.resultCodes,
				seed.contacts,
				seed.history,
			];
			for (const rows of [...rowSets, control.users, control.cockpitVariables]) {
				for (const row of rows) highest = Math.max(highest, row.ID);
			}
		}
		this.lastId = highest;
	}

	/** A new ID, above every ID in use. */
	nextId(): number {
		this.lastId += 1;
		return this.lastId;
	}

	/** The client account whose ClientsID and token both match. */
	authenticate(clientsId: number, token: string): ClientAccount | undefined {
		const client = this.clients.get(clientsId);
		return client && client.token === token ? client : undefined;
	}

	/** JSON dump for `GET /__sim/state`, tokens masked. */
	dump(): Row {
		return {
			eventTypes: this.eventTypes,
			eventStatuses: this.eventStatuses,
			clients: [...this.clients.values()].map((client) => ({
				clientsId: client.clientsId,
				token: SECRET_MASK,
				groups: [...client.groups.values()],
				events: [...client.events.values()],
				campaigns: [...client.campaigns.values()],
				resultCodes: [...client.resultCodes.values()],
				contacts: [...client.contacts.values()],
				history: [...client.history.values()],
				users: [...client.users.values()],
				calls: [...client.calls.values()],
				cockpitVariables: [...client.cockpitVariables.values()],
			})),
		};
	}
}
