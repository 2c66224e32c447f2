import { randomUUID } from 'node:crypto';

import {
	MAX_SESSION_ID_LENGTH,
	SEED_AGENTS,
	SEED_CHANNELS,
	SEED_SERVICES,
	type SeedAgent,
	type ServiceStateValue,
} from './seed';

/**
 * The simulated TVox: channels, services, agents and multichannel sessions, and the eight
 * MultiChannel Connector methods working on them. Both the SOAP and the REST service call
 * these methods, so both protocols see one state.
 *
 * Life cycle: Start Session → NEW; Accept Session without an agent → QUEUED; the contact center
 * may book a queued session for an agent (`book`) → BOOKED; Accept Session with an agent →
 * ASSIGNED; Close Session → CLOSED.
 */

export type SessionStatus = 'NEW' | 'QUEUED' | 'BOOKED' | 'ASSIGNED' | 'CLOSED' | 'UNKNOW';

export interface Channel {
	id: number;
	name: string;
	licensed: boolean;
	enabled: boolean;
	services: Set<string>;
}

export interface Agent {
	username: string;
	profile: SeedAgent['profile'];
	loggedIn: Set<number>;
}

export interface Session {
	id: string;
	channelId: number;
	serviceCode: string;
	status: SessionStatus;
	username?: string;
	customMessage?: string;
	data?: string;
	description?: string;
	contactId?: string;
	contactValue?: string;
	sessionData?: string;
	closeReason?: string;
	/** Another close request is being processed. */
	closePending: boolean;
	/** Statuses the session went through, oldest first. */
	history: SessionStatus[];
}

/** A method's answer: fields in documented order (absent ones left out). */
export type ResultValue = string | number | Array<[string, string]>;
export type SimResult = Record<string, ResultValue>;

/** The arguments of a method call, by documented name (absent ones undefined). */
export type SimArgs = Record<
	string,
	string | number | string[] | Record<string, string | undefined> | undefined
>;

function failed(failReason: string, failReasonMessage: string, extra: SimResult = {}): SimResult {
	return { result: 'FAILED', ...extra, failReason, failReasonMessage };
}

function str(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

function int(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

function malformedSessionId(id: string): boolean {
	// eslint-disable-next-line no-control-regex
	return id.length > MAX_SESSION_ID_LENGTH || /[\s\u0000-\u001f]/.test(id);
}

const CLOSE_REASONS = new Set(['REQUEST_FROM_CALLER', 'REQUEST_FROM_CALLEE']);

export class TvoxState {
	readonly channels = new Map<number, Channel>();

	readonly services = new Map<string, ServiceStateValue>();

	readonly agents = new Map<string, Agent>();

	readonly sessions = new Map<string, Session>();

	private generated = 0;

	constructor() {
		this.reset();
	}

	/** Back to the seed configuration, without sessions. */
	reset(): void {
		this.channels.clear();
		this.services.clear();
		this.agents.clear();
		this.sessions.clear();
		this.generated = 0;
		for (const c of SEED_CHANNELS) {
			this.channels.set(c.id, { ...c, services: new Set(c.services) });
		}
		for (const s of SEED_SERVICES) this.services.set(s.code, s.state);
		for (const a of SEED_AGENTS) {
			this.agents.set(a.username, {
				username: a.username,
				profile: a.profile,
				loggedIn: new Set(a.loggedIn),
			});
		}
	}

	private setStatus(session: Session, status: SessionStatus, customMessage?: string): void {
		session.status = status;
		session.customMessage = customMessage;
		session.history.push(status);
	}

	// -------------------------------------------------------------------------------------------
	// Hooks for tests and demos: what the contact center does on its own

	/** The contact center books a queued session for an agent. */
	book(sessionId: string, username: string): Session {
		const session = this.requireSession(sessionId);
		session.username = username;
		this.setStatus(session, 'BOOKED', `Booked for agent ${username}`);
		return session;
	}

	/** A close request is in progress for the session. */
	markClosePending(sessionId: string, pending = true): void {
		this.requireSession(sessionId).closePending = pending;
	}

	/** Put a session into any status (e.g. UNKNOW). */
	forceStatus(sessionId: string, status: SessionStatus): void {
		this.setStatus(this.requireSession(sessionId), status);
	}

	setServiceState(code: string, state: ServiceStateValue): void {
		this.services.set(code, state);
	}

	/** Delete a service from the configuration. */
	removeService(code: string): void {
		this.services.delete(code);
		for (const channel of this.channels.values()) channel.services.delete(code);
	}

	setServiceEnabled(channelId: number, code: string, enabled: boolean): void {
		const channel = this.channels.get(channelId);
		if (!channel) throw new Error(`No channel ${channelId}`);
		if (enabled) channel.services.add(code);
		else channel.services.delete(code);
	}

	loginAgent(username: string, channelId: number): void {
		const agent = this.agents.get(username);
		if (!agent) throw new Error(`No agent ${username}`);
		agent.loggedIn.add(channelId);
	}

	private requireSession(sessionId: string): Session {
		const session = this.sessions.get(sessionId);
		if (!session) throw new Error(`No session ${sessionId}`);
		return session;
	}

	// -------------------------------------------------------------------------------------------
	// The eight methods

	startSession(args: SimArgs): SimResult {
		const channelId = int(args.channelId);
		const serviceCode = str(args.serviceid)?.trim();
		const requestedId = str(args.sessionId);
		const echo: SimResult = {};
		if (requestedId) echo.sessionId = requestedId;
		if (args.channelId === undefined || !serviceCode) {
			return failed(
				'REQUIRED_PARAMETERS',
				args.channelId === undefined
					? 'Parameter channelId is required'
					: 'Parameter serviceid is required',
				echo,
			);
		}
		if (channelId === undefined || channelId <= 0) {
			return failed(
				'INVALID_CHANNEL_ID',
				`Channel ID ${String(args.channelId)} is not valid`,
				echo,
			);
		}
		const channel = this.channels.get(channelId);
		if (!channel)
			return failed('UNKNOWN_CHANNEL_ID', `Channel ${channelId} is not available`, echo);
		if (!channel.licensed)
			return failed('NO_LICENSE', `No license for channel ${channel.name}`, echo);
		if (!channel.enabled)
			return failed('CHANNEL_NOT_ENABLED', `Channel ${channel.name} is not enabled`, echo);
		if (!this.services.has(serviceCode)) {
			return failed('UNKNOWN_SERVICE', `Service ${serviceCode} is not configured`, echo);
		}
		if (!channel.services.has(serviceCode)) {
			return failed(
				'SERVICE_NOT_ENABLED',
				`Service ${serviceCode} is not enabled on channel ${channel.name}`,
				echo,
			);
		}
		if (requestedId !== undefined && requestedId !== '') {
			if (malformedSessionId(requestedId)) {
				return failed('GENERIC', 'Session ID must be at most 128 characters without spaces', echo);
			}
			if (this.sessions.has(requestedId)) {
				return failed('DUPLICATED_SESSION_ID', `Session ${requestedId} already exists`, echo);
			}
		}
		this.generated += 1;
		const id =
			requestedId || `MCC-${String(this.generated).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
		const session: Session = {
			id,
			channelId,
			serviceCode,
			status: 'NEW',
			data: str(args.data),
			description: str(args.description),
			contactId: str(args.contactId),
			contactValue: str(args.contactValue),
			closePending: false,
			history: ['NEW'],
		};
		this.sessions.set(id, session);
		const result: SimResult = { result: 'SUCCESS', sessionId: id };
		if (session.contactId !== undefined) result.contactId = session.contactId;
		if (session.contactValue !== undefined) result.contactValue = session.contactValue;
		return result;
	}

	/** Why the session's service cannot take requests now, if it cannot. */
	private serviceProblem(session: Session): { code: string; message: string } | undefined {
		const channel = this.channels.get(session.channelId);
		if (!this.services.has(session.serviceCode) || !channel?.services.has(session.serviceCode)) {
			return {
				code: 'SERVICE_NOT_ENABLED',
				message: `Service ${session.serviceCode} is not enabled on channel ${session.channelId}`,
			};
		}
		return undefined;
	}

	sessionAccept(args: SimArgs): SimResult {
		const id = str(args.sessionId) ?? '';
		const user = str(args.user)?.trim();
		const session = this.sessions.get(id);
		const echo: SimResult = id ? { sessionId: id } : {};
		if (!session)
			return failed('INVALID_SESSION_ID', `Session ${id || '(none)'} does not exist`, echo);
		if (session.status === 'CLOSED')
			return failed('SESSION_CLOSED', `Session ${id} is closed`, echo);
		const problem = this.serviceProblem(session);
		if (problem) return failed(problem.code, problem.message, echo);
		const state = this.services.get(session.serviceCode);
		if (state !== 'ACTIVE') {
			return failed(
				'REQUEST_REJECTED_BY_SERVICE',
				`Service ${session.serviceCode} is ${state}`,
				echo,
			);
		}
		if (user) {
			const agent = this.agents.get(user);
			if (!agent) return failed('GENERIC', `Agent ${user} does not exist`, echo);
			if (agent.profile !== 'AGENT')
				return failed('GENERIC', `Agent ${user} may not take multichannel sessions`, echo);
			if (!agent.loggedIn.has(session.channelId)) {
				return failed(
					'GENERIC',
					`Agent ${user} is not logged in on channel ${session.channelId}`,
					echo,
				);
			}
			if (
				(session.status === 'ASSIGNED' || session.status === 'BOOKED') &&
				session.username &&
				session.username !== user
			) {
				return failed(
					'GENERIC',
					`Session ${id} is ${session.status.toLowerCase()} for agent ${session.username}`,
					echo,
				);
			}
			if (session.status !== 'ASSIGNED') {
				session.username = user;
				this.setStatus(session, 'ASSIGNED', `Assigned to agent ${user}`);
			}
		} else if (session.status === 'NEW') {
			this.setStatus(session, 'QUEUED', `Waiting in queue ${session.serviceCode}`);
		}
		return { result: 'SUCCESS', sessionId: id, status: session.status };
	}

	private checked(args: SimArgs, withData: boolean): SimResult {
		const id = str(args.sessionId) ?? '';
		const session = this.sessions.get(id);
		if (!session)
			return failed(
				'INVALID_SESSION_ID',
				`Session ${id || '(none)'} does not exist`,
				id ? { sessionId: id } : {},
			);
		const result: SimResult = { result: 'SUCCESS', sessionId: id, status: session.status };
		if (session.username !== undefined) result.username = session.username;
		if (session.customMessage !== undefined) result.customMessage = session.customMessage;
		if (withData) {
			if (session.data !== undefined) result.data = session.data;
			if (session.sessionData !== undefined) result.sessionData = session.sessionData;
		}
		return result;
	}

	checkSessionState(args: SimArgs): SimResult {
		return this.checked(args, false);
	}

	checkSessionStateWithData(args: SimArgs): SimResult {
		return this.checked(args, true);
	}

	setSessionData(args: SimArgs): SimResult {
		const request = (
			typeof args.setSessionDataRequest === 'object' && !Array.isArray(args.setSessionDataRequest)
				? args.setSessionDataRequest
				: {}
		) as Record<string, string | undefined>;
		const id = request.sessionId ?? '';
		const session = this.sessions.get(id);
		const echo: SimResult = id ? { sessionId: id } : {};
		if (!session)
			return failed('INVALID_SESSION_ID', `Session ${id || '(none)'} does not exist`, echo);
		if (session.status === 'CLOSED')
			return failed('SESSION_CLOSED', `Session ${id} is closed`, echo);
		session.sessionData = request.sessionData ?? '';
		return { result: 'SUCCESS', sessionId: id, sessionData: session.sessionData };
	}

	closeSession(args: SimArgs): SimResult {
		const id = str(args.sessionId) ?? '';
		const reason = str(args.reason);
		const echo: SimResult = id ? { sessionId: id } : {};
		if (!id || malformedSessionId(id))
			return failed('INVALID_SESSION_ID', 'Session ID is not valid', echo);
		const session = this.sessions.get(id);
		if (!session) return failed('NOT_FOUND', `Session ${id} was not found`, echo);
		if (session.status === 'CLOSED')
			return failed('NOT_FOUND', `Session ${id} was not found among open sessions`, echo);
		if (session.closePending)
			return failed('IS_PENDING', `A close request for session ${id} is in progress`, echo);
		if (reason !== undefined && !CLOSE_REASONS.has(reason))
			return failed('GENERIC', `Unknown reason ${reason}`, echo);
		if (!this.services.has(session.serviceCode)) {
			return failed('UNKNOWN_SERVICE', `Service ${session.serviceCode} is not configured`, echo);
		}
		const problem = this.serviceProblem(session);
		if (problem) return failed(problem.code, problem.message, echo);
		session.closeReason = reason;
		this.setStatus(session, 'CLOSED');
		return { result: 'SUCCESS', sessionId: id };
	}

	getServiceState(args: SimArgs): SimResult {
		const channelId = int(args.channelId);
		const channel = channelId === undefined ? undefined : this.channels.get(channelId);
		if (!channel)
			return failed(
				'INVALID_CHANNEL_ID',
				`Channel ID ${String(args.channelId ?? '(none)')} is not valid`,
			);
		const codes = Array.isArray(args.serviceCodes)
			? args.serviceCodes
			: typeof args.serviceCodes === 'string'
				? [args.serviceCodes]
				: [];
		if (codes.length === 0 || codes.some((code) => code.trim() === '')) {
			return failed('INVALID_SERVICE_CODES', 'At least one non-empty service code is required', {
				channelId: channel.id,
			});
		}
		const unique = [...new Set(codes.map((code) => code.trim()))];
		if (unique.every((code) => !this.services.has(code))) {
			return failed('SERVICE_STATE_NOT_FOUND', `No state for ${unique.join(', ')}`, {
				channelId: channel.id,
			});
		}
		if (
			channel.licensed &&
			channel.enabled &&
			unique.every((code) => !channel.services.has(code))
		) {
			return failed(
				'SERVICE_NOT_ENABLED',
				`None of ${unique.join(', ')} is enabled on channel ${channel.name}`,
				{
					channelId: channel.id,
				},
			);
		}
		const state: Array<[string, string]> = unique.map((code) => {
			if (!this.services.has(code)) return [code, 'UNKNOWN_SERVICE'];
			if (!channel.licensed) return [code, 'NO_LICENSE'];
			if (!channel.enabled) return [code, 'CHANNEL_NOT_ENABLED'];
			if (!channel.services.has(code)) return [code, 'SERVICE_NOT_ENABLED'];
			return [code, this.services.get(code)!];
		});
		return { result: 'SUCCESS', state, channelId: channel.id };
	}

	logoutAgentFromChannel(args: SimArgs): SimResult {
		const channelId = int(args.channelId);
		const username = str(args.agentUsername)?.trim() ?? '';
		if (channelId === undefined || !this.channels.has(channelId)) {
			return failed(
				'INVALID_CHANNEL_ID',
				`Channel ID ${String(args.channelId ?? '(none)')} is not valid`,
			);
		}
		const agent = this.agents.get(username);
		if (!agent) return failed('INVALID_USERNAME', `Agent ${username || '(none)'} does not exist`);
		if (agent.profile !== 'AGENT')
			return failed(
				'INVALID_USER_PROFILES',
				`Profile ${agent.profile} of ${username} is not an agent profile`,
			);
		if (!agent.loggedIn.has(channelId)) {
			return failed(
				'USER_NOT_LOGGED',
				`Agent ${username} is not logged in on channel ${channelId}`,
			);
		}
		agent.loggedIn.delete(channelId);
		return { result: 'SUCCESS' };
	}

	/** Run a method by its SOAP operation name. */
	run(operation: string, args: SimArgs): SimResult {
		switch (operation) {
			case 'startSession':
				return this.startSession(args);
			case 'sessionAccept':
				return this.sessionAccept(args);
			case 'checkSessionState':
				return this.checkSessionState(args);
			case 'checkSessionStateWithData':
				return this.checkSessionStateWithData(args);
			case 'setSessionData':
				return this.setSessionData(args);
			case 'closeSession':
				return this.closeSession(args);
			case 'getServiceState':
				return this.getServiceState(args);
			case 'logoutAgentFromChannel':
				return this.logoutAgentFromChannel(args);
			default:
				throw new Error(`Unknown method ${operation}`);
		}
	}

	/** JSON-friendly dump. */
	dump(): unknown {
		return {
			channels: [...this.channels.values()].map((c) => ({ ...c, services: [...c.services] })),
			services: Object.fromEntries(this.services),
			agents: [...this.agents.values()].map((a) => ({ ...a, loggedIn: [...a.loggedIn] })),
			sessions: [...this.sessions.values()],
		};
	}
}
