import { readAttachedData, writeAttachedData } from '../../nodes/SapIci/elements';
import { CHANNEL_TABLES, lookup } from '../../nodes/SapIci/tables';
import { oiiFault } from './errors';
import { OiiItems } from './items';
import { PHONE_NUMBER, same, type SimCall, type SimQueue } from './model';
import { BUSY_NUMBERS, NO_ANSWER_NUMBERS } from './seed';

/**
 * Phone calls (IciPhoneCall): inbound calls to a queue or a line, dialling (a user's line rings
 * that user; the seed's busy and no-answer numbers), hold, consultation, transfer, reconnect,
 * alternate, conference, and the remote party's answer and hang-up.
 */

export abstract class OiiCalls extends OiiItems {
	/** Call attached data as OII generates it (chapter 7.2.1), plus the caller's applications. */
	private callAttachedData(queue: SimQueue | undefined, extra: string): string {
		const applications: Record<string, unknown> = {};
		if (queue) {
			applications['SAP_BCM/OII'] = {
				FirstBName: queue.guid,
				FirstBNumber: queue.id,
				BNumberName: queue.guid,
				OrigQueue: queue.guid,
			};
		}
		const parsed = readAttachedData(extra);
		Object.assign(applications, parsed.applications ?? {});
		return Object.keys(applications).length ? writeAttachedData(applications) : '';
	}

	/** An inbound call from outside to a phone queue or straight to a phone line. */
	placeCall(options: {
		to: string;
		from: string;
		attachedData?: string;
		trunkId?: string;
	}): SimCall {
		const from = options.from.trim();
		if (!PHONE_NUMBER.test(from)) throw oiiFault('invalidPhoneNumber');
		const queue = this.findQueue(options.to, 1);
		const line = queue ? undefined : this.ownerOfContainer(1, options.to);
		if (!queue && !line)
			throw oiiFault(
				'unknownContainer',
				`"${options.to}" is neither a phone queue nor a phone line`,
			);
		const call = this.add<SimCall>({
			...this.base(
				queue ? '' : options.to.trim(),
				queue?.id ?? '',
				queue ? 2 : 3,
				this.callAttachedData(queue, options.attachedData ?? ''),
			),
			channel: 1,
			remoteNumbers: [from],
			dialedNumber: queue?.id ?? options.to.trim(),
			inbound: true,
			internal: false,
			trunkId: options.trunkId ?? '1',
		});
		this.changed(call);
		this.allocate();
		return call;
	}

	private connectOutbound(call: SimCall, number: string): void {
		call.dialedNumber = number;
		call.remoteNumbers = [number];
		call.processing = 2;
		const callee = this.ownerOfContainer(1, number);
		if (callee) {
			call.internal = true;
			call.status = 104;
			const peer = this.add<SimCall>({
				...this.base(number, '', 3),
				channel: 1,
				remoteNumbers: [call.containerId],
				dialedNumber: number,
				inbound: true,
				internal: true,
				trunkId: '',
				peerId: call.id,
			});
			call.peerId = peer.id;
			this.changed(call);
			this.changed(peer);
			return;
		}
		if (BUSY_NUMBERS.includes(number)) call.status = 105;
		else if (NO_ANSWER_NUMBERS.includes(number)) call.status = 104;
		else {
			call.status = 101;
			call.activeSince = this.now().getTime();
		}
		this.changed(call);
	}

	dial(call: SimCall, number: string): string {
		this.requireCapability(call, 'IciPhoneCall_dial');
		const dialed = number.trim();
		if (!PHONE_NUMBER.test(dialed)) throw oiiFault('invalidPhoneNumber');
		this.connectOutbound(call, dialed);
		return dialed;
	}

	/** The remote party of a ringing outbound call answers. */
	answerRemote(call: SimCall): void {
		if (call.status !== 104) throw oiiFault('notAllowedInStatus', `Call ${call.id} is not ringing`);
		call.status = 101;
		call.processing = 2;
		call.activeSince = this.now().getTime();
		this.changed(call);
	}

	/** The remote party hangs up. */
	hangUpRemote(call: SimCall): void {
		this.endCall(call);
	}

	/** Put a call into any status of chapter 10.12.3 (tests). */
	setCallStatus(call: SimCall, status: number): void {
		if (!lookup(CHANNEL_TABLES[1].statuses, status))
			throw oiiFault('invalidParameter', `Unknown phone call status ${status}`);
		call.status = status;
		if (status === 4) {
			call.status = 101;
			this.endCall(call);
			return;
		}
		if ([101, 106, 107, 108, 109].includes(status)) {
			call.processing = 2;
			call.activeSince ??= this.now().getTime();
		}
		this.changed(call);
	}

	private endCall(call: SimCall): void {
		const peer = call.peerId ? this.items.get(call.peerId) : undefined;
		this.finish(call);
		if (peer && peer.channel === 1 && peer.status !== 4) this.finish(peer);
	}

	drop(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_drop');
		this.endCall(call);
	}

	hold(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_hold');
		call.status = 106;
		this.changed(call);
	}

	unhold(call: SimCall): void {
		this.requireCapability(call, 'IciPhoneCall_unhold');
		call.status = 101;
		this.changed(call);
	}

	consult(call: SimCall, connected: SimCall, number: string, nextStep: string): void {
		this.requireCapability(call, 'IciPhoneCall_consult');
		if (connected.status !== 101 && connected.status !== 106) {
			throw oiiFault(
				'notAllowedInStatus',
				`Call ${connected.id} is not connected (status ${connected.status})`,
			);
		}
		const dialed = number.trim();
		if (!PHONE_NUMBER.test(dialed)) throw oiiFault('invalidPhoneNumber');
		if (connected.status === 101) {
			connected.status = 106;
			this.changed(connected);
		}
		call.consultOf = connected.id;
		call.nextStep = nextStep;
		this.connectOutbound(call, dialed);
	}

	transfer(connected: SimCall, held: SimCall): void {
		this.requireCapability(held, 'IciPhoneCall_transfer');
		this.requireCapability(connected, 'IciPhoneCall_transfer');
		this.finish(held);
		this.finish(connected);
	}

	reconnect(connected: SimCall, held: SimCall): void {
		this.requireCapability(held, 'IciPhoneCall_reconnect');
		this.requireCapability(connected, 'IciPhoneCall_reconnect');
		this.endCall(connected);
		held.status = 101;
		this.changed(held);
	}

	alternate(connected: SimCall, held: SimCall): void {
		this.requireCapability(connected, 'IciPhoneCall_alternate');
		this.requireCapability(held, 'IciPhoneCall_alternate');
		if (connected.status !== 101)
			throw oiiFault('notAllowedInStatus', `Call ${connected.id} is not connected`);
		if (held.status !== 106) throw oiiFault('notAllowedInStatus', `Call ${held.id} is not on hold`);
		connected.status = 106;
		held.status = 101;
		this.changed(connected);
		this.changed(held);
	}

	conference(connected: SimCall, held: SimCall): void {
		this.requireCapability(connected, 'IciPhoneCall_conference');
		this.requireCapability(held, 'IciPhoneCall_conference');
		connected.remoteNumbers = [...new Set([...held.remoteNumbers, ...connected.remoteNumbers])];
		connected.status = 108;
		held.status = 4;
		held.processing = 1;
		held.removed = true;
		this.changed(held);
		this.changed(connected);
	}

	dropParty(call: SimCall, remoteNumber: string): void {
		this.requireCapability(call, 'IciPhoneCall_dropParty');
		const index = call.remoteNumbers.findIndex((n) => same(n, remoteNumber));
		if (index < 0)
			throw oiiFault('invalidParameter', `${remoteNumber} is not a party of conference ${call.id}`);
		call.remoteNumbers.splice(index, 1);
		if (call.remoteNumbers.length <= 1) call.status = 101;
		this.changed(call);
	}

	dropCalls(line: string): void {
		for (const call of this.listed(1, line)) {
			if (call.status !== 4) this.endCall(call);
		}
	}
}
