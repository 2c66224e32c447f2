import { oiiFault } from './errors';
import { OiiMessages } from './messages';
import { postDate, same, type SimChat, type SimPosting } from './model';

/**
 * Chat sessions (IciChatSession): inbound chats to a queue or a chat line, postings of the agent
 * and of the other participants, leaving, and invitations.
 */

export abstract class OiiChats extends OiiMessages {
	/** An inbound customer chat to a chat queue or straight to a chat line. */
	deliverChat(options: {
		to: string;
		customer: string;
		title?: string;
		text?: string;
		attachedData?: string;
	}): SimChat {
		const queue = this.findQueue(options.to, 3);
		const line = queue ? undefined : this.ownerOfContainer(3, options.to);
		if (!queue && !line)
			throw oiiFault('unknownContainer', `"${options.to}" is neither a chat queue nor a chat line`);
		const chat = this.add<SimChat>({
			...this.base(
				queue ? '' : options.to.trim(),
				queue?.id ?? '',
				queue ? 2 : 3,
				options.attachedData ?? '',
			),
			channel: 3,
			title: options.title ?? '',
			participants: [options.customer],
			invited: [],
			postings: [],
		});
		if (options.text) {
			chat.postings.push({
				chatSessionId: chat.id,
				postDate: postDate(this.now()),
				chatParticipant: options.customer,
				contentText: options.text,
				systemMessage: false,
			});
		}
		this.changed(chat);
		this.allocate();
		return chat;
	}

	/** A participant other than the agent posts (the customer, by default the first participant). */
	postAsParticipant(chat: SimChat, contentText: string, participant?: string): SimPosting {
		if (chat.status === 4)
			throw oiiFault('notAllowedInStatus', `Chat session ${chat.id} has ended`);
		const who = participant ?? chat.participants[0] ?? '';
		const posting: SimPosting = {
			chatSessionId: chat.id,
			postDate: postDate(this.now()),
			chatParticipant: who,
			contentText,
			systemMessage: false,
		};
		this.newPosting(chat, posting);
		return posting;
	}

	postMessage(chat: SimChat, line: string, contentText: string): void {
		this.requireCapability(chat, 'IciChatSession_postMessage');
		if (!chat.participants.some((p) => same(p, line))) {
			throw oiiFault(
				'invalidParameter',
				`Chat line ${line} is not a participant of chat session ${chat.id}`,
			);
		}
		this.newPosting(chat, {
			chatSessionId: chat.id,
			postDate: postDate(this.now()),
			chatParticipant: line,
			contentText,
			systemMessage: false,
		});
	}

	leave(chat: SimChat, line: string): void {
		this.requireCapability(chat, 'IciChatSession_leave');
		chat.participants = chat.participants.filter((p) => !same(p, line));
		this.newPosting(chat, this.systemPosting(chat, `${line} left the chat`));
		this.finish(chat);
	}

	invite(chat: SimChat, line: string, title: string | undefined, participants: string[]): void {
		this.requireCapability(chat, 'IciChatSession_invite');
		if (participants.length === 0)
			throw oiiFault('missingParameter', 'chatParticipants must name at least one participant');
		if (title !== undefined) chat.title = title;
		chat.invited = [...participants];
		chat.participants = [line.trim()];
		chat.status = 302;
		chat.processing = 2;
		chat.activeSince = this.now().getTime();
		this.changed(chat);
	}

	/** The invited participants join. */
	acceptInvitation(chat: SimChat): void {
		if (chat.status !== 302)
			throw oiiFault('notAllowedInStatus', `Chat session ${chat.id} is not inviting`);
		chat.participants = [
			...chat.participants,
			...chat.invited.filter((p) => !chat.participants.includes(p)),
		];
		chat.invited = [];
		chat.status = 301;
		this.changed(chat);
	}
}
