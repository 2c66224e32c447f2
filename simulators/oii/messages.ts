import { oiiFault } from './errors';
import { OiiCalls } from './calls';
import { parseRfc822, type SimAction, type SimMessage } from './model';

/**
 * E-mail messages (IciMessage): inbound e-mails to a queue or a folder, writing and sending a
 * message (with its delivery notification), deleting, the action flags, and IciMessage.end for
 * action items.
 */

export abstract class OiiMessages extends OiiCalls {
	/** An inbound e-mail to a messaging queue or straight to a folder. */
	deliverEmail(options: {
		to: string;
		from: string;
		subject?: string;
		text?: string;
		attachments?: string[];
		attachedData?: string;
	}): SimMessage {
		const queue = this.findQueue(options.to, 2);
		const folder = queue ? undefined : this.ownerOfContainer(2, options.to);
		if (!queue && !folder)
			throw oiiFault('unknownContainer', `"${options.to}" is neither an e-mail queue nor a folder`);
		const subject = options.subject ?? '';
		const body = options.text ?? '';
		const date = this.now().toUTCString();
		const content = [
			`From: ${options.from}`,
			`To: ${queue?.id ?? options.to}`,
			`Subject: ${subject}`,
			`Date: ${date}`,
			'MIME-Version: 1.0',
			'Content-Type: text/plain; charset=utf-8',
			'',
			body,
		].join('\r\n');
		const message = this.add<SimMessage>({
			...this.base(
				queue ? '' : options.to.trim(),
				queue?.id ?? '',
				queue ? 2 : 3,
				options.attachedData ?? '',
			),
			channel: 2,
			subject,
			originator: options.from,
			messageText: body,
			attachments: options.attachments ?? [],
			content,
			read: false,
			answered: false,
			forwarded: false,
			notification: false,
			originalMessageId: '',
		});
		this.changed(message);
		this.allocate();
		return message;
	}

	setContent(message: SimMessage, content: string): void {
		this.requireCapability(message, 'IciMessage_setContent');
		const { headers, body } = parseRfc822(content);
		message.content = content;
		message.subject = headers.subject ?? '';
		message.originator =
			headers.from ??
			this.ownerOf(message)?.addresses.find((a) => a.channel === '2')?.address ??
			'';
		message.messageText = body;
		message.status = 202;
		message.processing = 2;
		message.activeSince ??= this.now().getTime();
		this.changed(message);
	}

	send(message: SimMessage, success: boolean, failure: boolean): void {
		this.requireCapability(message, 'IciMessage_send');
		message.status = 203;
		message.sentWith = { success, failure };
		this.changed(message);
		if (success) {
			const notification = this.add<SimMessage>({
				...this.base(message.containerId, '', 3),
				channel: 2,
				subject: `Delivered: ${message.subject}`,
				originator: 'postmaster@contact.example',
				messageText: `Your message "${message.subject}" was delivered.`,
				attachments: [],
				content: '',
				read: false,
				answered: false,
				forwarded: false,
				notification: true,
				originalMessageId: message.id,
			});
			this.changed(notification);
		}
	}

	deleteMessage(message: SimMessage): void {
		this.requireCapability(message, 'IciMessage_delete');
		this.finish(message);
	}

	setActionFlags(
		message: SimMessage,
		flags: { read?: boolean; answered?: boolean; forwarded?: boolean },
	): void {
		if (flags.read !== undefined) message.read = flags.read;
		if (flags.answered !== undefined) message.answered = flags.answered;
		if (flags.forwarded !== undefined) message.forwarded = flags.forwarded;
		this.changed(message);
	}

	/** IciMessage.end: ends an action item (capability 403). */
	end(action: SimAction): void {
		this.requireCapability(action, 'IciMessage_end');
		this.finish(action);
	}
}
