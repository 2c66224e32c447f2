import { SECRET_MASK } from '../shared/httpServer';
import { newNonce, newSessionId, UidGenerator } from './ids';
import {
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	DEVICES,
	INTEGRATOR_CLIENTS,
	OMNICHANNEL_ENTRIES,
	PARTITIONS,
	TELEPHONY_SERVERS,
	type DeviceSeed,
	type PartitionSeed,
	type TelephonyServerSeed,
} from './seed';

/**
 * The Akixi simulator's live state: sessions (shared by the WS and REST APIs), telephony servers,
 * partitions and devices, Omnichannel Integration entries and Integrator Clients.
 * `reset()` refills the same Map objects, so references taken earlier stay live.
 */

export type SessionStatus = 'created' | 'authenticated' | 'loggedOut' | 'expired';

export interface AkixiSession {
	id: string;
	nonce: string;
	status: SessionStatus;
	/** Add/Change/Delete are refused (WS 10511, REST 30000). */
	readOnly: boolean;
	username?: string;
	createdAt: number;
}

export type TelephonyServer = TelephonyServerSeed;
export type Partition = PartitionSeed;
export type Device = DeviceSeed;

export interface OmnichannelEntry {
	/** Creation order. */
	seq: number;
	telSysId: number;
	partId: number;
	/** Every stored property by name (UniqueID, IntegrationType, Description and container properties). */
	values: Map<string, string>;
}

export type JsonObject = Record<string, unknown>;

export interface IntegratorClient {
	seq: number;
	ID: string;
	Description: string;
	CMEnvironmentID: string | null;
	TelSysID: number;
	PartitionID: number;
	DeviceNumber: string;
	TelSysDescription: string | null;
	PartitionDescription: string | null;
	DeviceDescription: string;
	Policies: JsonObject;
	Settings: JsonObject;
	UserIDCreatedBy: string | null;
	UserIDUpdatedBy: string | null;
	DateTimeCreated: string | null;
	DateTimeUpdated: string | null;
}

export interface CreateSessionOptions {
	id?: string;
	/** Default true: usable right away (as if logged in). */
	authenticated?: boolean;
	readOnly?: boolean;
	username?: string;
}

/** Property values never shown by a state dump. */
export const SECRET_PROPERTIES = new Set(['AuthPassword1', 'AuthPassword2']);

const partitionKey = (telSysId: number, partId: number) => `${telSysId}/${partId}`;
const deviceKey = (telSysId: number, partId: number, number: string) =>
	`${telSysId}/${partId}/${number}`;

export class AkixiState {
	readonly sessions = new Map<string, AkixiSession>();

	readonly omnichannel = new Map<string, OmnichannelEntry>();

	readonly integratorClients = new Map<string, IntegratorClient>();

	readonly telephonyServers = new Map<number, TelephonyServer>();

	/** Keyed `telSysId/partId`. */
	readonly partitions = new Map<string, Partition>();

	/** Keyed `telSysId/partId/number`. */
	readonly devices = new Map<string, Device>();

	readonly uids = new UidGenerator();

	private seq = 0;

	constructor() {
		this.reset();
	}

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	reset(): void {
		for (const map of [
			this.sessions,
			this.omnichannel,
			this.integratorClients,
			this.telephonyServers,
			this.partitions,
			this.devices,
		]) {
			map.clear();
		}
		this.seq = 0;
		this.createSession({ id: AKIXI_SIM_SESSION_ID, username: AKIXI_SIM_USERNAME });
		for (const server of TELEPHONY_SERVERS)
			this.telephonyServers.set(server.telSysId, { ...server });
		for (const partition of PARTITIONS)
			this.partitions.set(partitionKey(partition.telSysId, partition.partId), { ...partition });
		for (const device of DEVICES)
			this.devices.set(deviceKey(device.telSysId, device.partId, device.number), { ...device });
		for (const seed of OMNICHANNEL_ENTRIES) {
			const values = new Map(Object.entries(seed.values));
			this.omnichannel.set(seed.values.UniqueID, {
				seq: this.nextSeq(),
				telSysId: seed.telSysId,
				partId: seed.partId,
				values,
			});
		}
		for (const seed of INTEGRATOR_CLIENTS) {
			this.integratorClients.set(seed.ID, {
				...seed,
				seq: this.nextSeq(),
				CMEnvironmentID: null,
				Policies: {},
				Settings: {},
				UserIDCreatedBy: null,
				UserIDUpdatedBy: null,
				DateTimeCreated: null,
				DateTimeUpdated: null,
			});
		}
	}

	createSession(options: CreateSessionOptions = {}): AkixiSession {
		const authenticated = options.authenticated ?? true;
		const session: AkixiSession = {
			id: options.id ?? newSessionId(),
			nonce: newNonce(),
			status: authenticated ? 'authenticated' : 'created',
			readOnly: options.readOnly ?? false,
			createdAt: Date.now(),
		};
		const username = options.username ?? (authenticated ? AKIXI_SIM_USERNAME : undefined);
		if (username !== undefined) session.username = username;
		this.sessions.set(session.id, session);
		return session;
	}

	/** Log a session out or expire it; later use answers WS 10302 / REST 401. */
	endSession(id: string, status: 'loggedOut' | 'expired' = 'expired'): boolean {
		const session = this.sessions.get(id);
		if (!session) return false;
		session.status = status;
		return true;
	}

	partition(telSysId: number, partId: number): Partition | undefined {
		return this.partitions.get(partitionKey(telSysId, partId));
	}

	partitionByGuid(guid: string): Partition | undefined {
		for (const partition of this.partitions.values()) if (partition.guid === guid) return partition;
		return undefined;
	}

	device(telSysId: number, partId: number, number: string): Device | undefined {
		return this.devices.get(deviceKey(telSysId, partId, number));
	}

	/** JSON dump for `GET /__sim/state`: secrets (session IDs, passwords, the API key) masked. */
	dump(): JsonObject {
		return {
			credentials: { username: AKIXI_SIM_USERNAME, password: SECRET_MASK, apiKey: SECRET_MASK },
			sessions: [...this.sessions.values()].map((s) => ({
				id: SECRET_MASK,
				status: s.status,
				readOnly: s.readOnly,
				username: s.username ?? null,
				createdAt: new Date(s.createdAt).toISOString(),
			})),
			telephonyServers: [...this.telephonyServers.values()],
			partitions: [...this.partitions.values()],
			devices: [...this.devices.values()],
			omnichannelIntegrations: [...this.omnichannel.values()].map((entry) => ({
				telSysId: entry.telSysId,
				partId: entry.partId,
				values: Object.fromEntries(
					[...entry.values].map(([name, value]) => [
						name,
						SECRET_PROPERTIES.has(name) ? SECRET_MASK : value,
					]),
				),
			})),
			integratorClients: [...this.integratorClients.values()].map((client) =>
				Object.fromEntries(Object.entries(client).filter(([key]) => key !== 'seq')),
			),
		};
	}
}
