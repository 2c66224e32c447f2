import { readAttachedData, writeAttachedData } from '../../nodes/SapIci/elements';
import { OiiChats } from './chats';
import { oiiFault } from './errors';
import { same, type SimAction, type SimAttribute } from './model';
import { ACTION_QUEUE } from './seed';

/** Action items (IciActionItem): routing, with the attributes that choose the queue and agents. */

const DEFAULT_REQUIRED_AGENT_EXPIRY_SECONDS = 604800;

export abstract class OiiActionItems extends OiiChats {
	/**
	 * IciActionItem.route (chapter 7.3): routing attributes override item attributes; the queue is
	 * chosen by Z_TO_ADDRESS / TO_ADDRESS (default ACTION); DELETE=X deletes a routed item with the
	 * same request and process IDs instead. Answers the action item ID ('' when nothing was created).
	 */
	route(data: {
		systemId: string;
		client: string;
		requestId: string;
		processId: string;
		attachedData: string;
		attributes: SimAttribute[];
		routing: SimAttribute[];
	}): string {
		const all = [...data.attributes, ...data.routing];
		const values = (name: string) =>
			all.filter((a) => a.id === name).map((a) => a.description.trim());
		const last = (name: string) => {
			const routed = data.routing.filter((a) => a.id === name);
			const source = routed.length ? routed : data.attributes.filter((a) => a.id === name);
			return source.length ? source[source.length - 1].description.trim() : undefined;
		};
		for (const skill of values('SKILL')) {
			if (!/^[^=\s][^=]*(=[1-5])?$/.test(skill))
				throw oiiFault('invalidParameter', `SKILL "${skill}" is not <GuidOrExtName>[=1-5]`);
		}
		const expiry = last('REQUIRED_AGENT_EXPIRY_TIME');
		if (expiry !== undefined && !/^\d+$/.test(expiry)) {
			throw oiiFault(
				'invalidParameter',
				`REQUIRED_AGENT_EXPIRY_TIME "${expiry}" is not a number of seconds`,
			);
		}
		if (last('DELETE') === 'X') {
			const existing = [...this.items.values()].find(
				(i): i is SimAction =>
					i.channel === 4 &&
					i.status !== 4 &&
					(data.requestId !== '' || data.processId !== '') &&
					i.requestId === data.requestId &&
					i.processId === data.processId,
			);
			if (!existing) return '';
			existing.status = 4;
			existing.processing = 1;
			existing.removed = true;
			this.changed(existing);
			return existing.id;
		}
		const address = last('Z_TO_ADDRESS') ?? last('TO_ADDRESS') ?? '';
		const queue =
			(address
				? this.queues.find(
						(q) => (q.channelType === 2 || q.channelType === 4) && same(q.id, address),
					)
				: undefined) ?? this.findQueue(ACTION_QUEUE, 4);
		const merged = new Map<string, SimAttribute>();
		for (const attribute of data.attributes) merged.set(attribute.id, attribute);
		const applications: Record<string, unknown> = {};
		const readable = readAttachedData(data.attachedData).applications;
		if (readable) Object.assign(applications, readable);
		const fields: Record<string, string> = {};
		for (const attribute of data.attributes) fields[attribute.id] = attribute.description;
		applications.actionItemAttributes = fields;
		const action = this.add(
			this.newAction(
				this.base('', queue?.id ?? ACTION_QUEUE, 2, writeAttachedData(applications)),
				data,
				[...merged.values()],
				data.routing,
			),
		);
		action.requiredAgents = values('REQUIRED_AGENT');
		action.requiredUntil =
			this.now().getTime() +
			1000 * (expiry !== undefined ? Number(expiry) : DEFAULT_REQUIRED_AGENT_EXPIRY_SECONDS);
		action.skills = values('SKILL');
		this.changed(action);
		this.allocate();
		return action.id;
	}
}
