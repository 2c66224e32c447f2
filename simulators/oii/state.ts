import { OiiSystem } from './system';

/**
 * The simulated contact center: agents with workmodes, channels, queues and addresses; phone
 * calls, e-mail messages, chat sessions and action items moving through the status tables of
 * chapter 10 (each item's capabilityList is its status's default capabilities, and an operation
 * whose capability is missing is refused); allocation of queued items to ready agents; callbacks,
 * call recordings; and the event subscriptions, with every change turned into the IciEvent message
 * a subscriber would receive.
 *
 * OiiState is built in layers, one file for each part, each extending the one before:
 * core.ts (data, clock, event log, look-ups, capability check) → shapes.ts (chapter 10 elements)
 * → subscriptions.ts (subscriptions and change events) → users.ts (users, presence, allocation)
 * → items.ts (IciItem life cycle) → calls.ts → messages.ts → chats.ts → actionItems.ts
 * → system.ts (queue statistics, callbacks) → OiiState. The records are in model.ts.
 */

export { parseOiiTime, parseRfc822 } from './model';
export type {
	Channel,
	OiiEvent,
	OiiEventListener,
	OiiStateOptions,
	OiiSubscription,
	SimAction,
	SimAttribute,
	SimCall,
	SimCallBack,
	SimChat,
	SimItem,
	SimMessage,
	SimPosting,
	SimQueue,
	SimRecording,
	SimUser,
	TextValue,
} from './model';

export class OiiState extends OiiSystem {
	/** JSON-friendly dump. */
	dump(): Record<string, unknown> {
		return {
			cmsHostId: this.cmsHostId,
			users: this.users.map((u) => ({ ...u, presence: this.presenceOf(u) })),
			queues: this.queues.map((q) => ({ ...q, ...this.queueStatistics(q) })),
			items: [...this.items.values()].map((i) => ({ ...i, capabilityList: this.capabilities(i) })),
			callbacks: this.callbacks,
			recordings: this.recordings,
			subscriptions: this.subscriptions,
			events: this.events.length,
		};
	}
}
