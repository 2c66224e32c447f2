import { randomUUID } from 'node:crypto';

import { CALLBACK_FAILURES, CALLBACK_RESULTS, lookup } from '../../nodes/SapIci/tables';
import { parseXml, rootOf } from '../../nodes/shared/xml';
import { OiiActionItems } from './actionItems';
import { oiiFault } from './errors';
import {
	isoTime,
	parseOiiTime,
	PHONE_NUMBER,
	same,
	type SimCallBack,
	type SimQueue,
} from './model';
import { CALLBACK_MAX_CALLS, CALLBACK_RETRY_MINUTES } from './seed';

/** IciSystem: queue statistics and callbacks (create, list with filters, update with a result). */

export abstract class OiiSystem extends OiiActionItems {
	queueStatistics(queue: SimQueue): Record<string, string> {
		const members = this.users.filter(
			(u) => u.currentQueues.some((q) => same(q, queue.id)) && u.workmode !== '1',
		);
		const waiting = [...this.items.values()].filter(
			(i) => i.status === 2 && same(i.queueId, queue.id),
		);
		const now = this.now().getTime();
		const waits = waiting.map((i) => Math.max(0, Math.round((now - i.createdAt) / 1000)));
		const busy = members.filter((u) => this.presenceOf(u) === 2).length;
		const wrapUp = members.filter((u) =>
			[...this.items.values()].some(
				(i) => i.processing === 3 && !i.removed && this.ownerOf(i) === u,
			),
		).length;
		return {
			loggedIn: String(members.length),
			ready: String(members.filter((u) => u.workmode === '2' && this.presenceOf(u) === 1).length),
			pending: String(waiting.length),
			open: '1',
			avgWaitingTime: String(
				waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
			),
			maxWaitingTime: String(waits.length ? Math.max(...waits) : 0),
			busy: String(busy),
			wrapUp: String(wrapUp),
			notReady: String(members.filter((u) => u.workmode === '3' || u.workmode === '1000').length),
			paused: '0',
		};
	}

	createCallBack(options: {
		number: string;
		queue: string;
		callTime: string | null;
		extraData: string | null;
		gwPrefix: string | null;
		notes: string | null;
	}): string | null {
		const number = options.number.trim();
		if (!PHONE_NUMBER.test(number)) throw oiiFault('invalidPhoneNumber');
		const queue = this.findQueue(options.queue, 1);
		if (!queue) throw oiiFault('unknownQueue', `Unknown queue "${options.queue}"`);
		let nextCallTime = isoTime(this.now());
		if (options.callTime && options.callTime.trim() !== '') {
			const date = parseOiiTime(options.callTime);
			if (!date)
				throw oiiFault('invalidParameter', `callTime "${options.callTime}" is not a date and time`);
			nextCallTime = isoTime(date);
		}
		const extraData = options.extraData?.trim() ?? '';
		if (extraData) {
			let root: string;
			try {
				root = rootOf(parseXml(extraData)).name;
			} catch (error) {
				throw oiiFault(
					'invalidParameter',
					`extraData is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
			if (root !== 'XML')
				throw oiiFault(
					'invalidParameter',
					`The root node of extraData must be named "XML", not "${root}"`,
				);
		}
		if (
			this.callbacks.some(
				(c) => c.number === number && c.queueNumber === queue.id && c.handledTime === null,
			)
		)
			return null;
		const id = randomUUID().toUpperCase();
		this.callbacks.push({
			id,
			number,
			queueNumber: queue.id,
			handledTime: null,
			lastCallTime: null,
			nextCallTime,
			failures: 0,
			maxCalls: CALLBACK_MAX_CALLS,
			lastResult: '',
			extraData,
			notes: options.notes ?? '',
			gwPrefix: options.gwPrefix ?? '',
		});
		return id;
	}

	/**
	 * The callbacks as getCallBacks answers them (with the queue's GUID and name), those matching
	 * every filter given: id, number, queueGuid, queueNumber and queueName, each compared whole
	 * (GUIDs and names without regard to case).
	 */
	callBacksMatching(filter: {
		id?: string;
		number?: string;
		queueGuid?: string;
		queueNumber?: string;
		queueName?: string;
	}): Array<SimCallBack & { queueGuid: string; queueName: string }> {
		const given = (value: string | undefined): value is string =>
			value !== undefined && value.trim() !== '';
		return this.callbacks
			.map((c) => {
				const queue = this.queues.find((q) => q.id === c.queueNumber);
				return { ...c, queueGuid: queue?.guid ?? '', queueName: queue?.name ?? '' };
			})
			.filter(
				(c) =>
					(!given(filter.id) || same(c.id, filter.id)) &&
					(!given(filter.number) || c.number === filter.number.trim()) &&
					(!given(filter.queueGuid) || same(c.queueGuid, filter.queueGuid)) &&
					(!given(filter.queueNumber) || same(c.queueNumber, filter.queueNumber)) &&
					(!given(filter.queueName) || same(c.queueName, filter.queueName)),
			);
	}

	updateCallBack(id: string, result: string, notes: string | null): void {
		const callback = this.callbacks.find((c) => same(c.id, id));
		if (!callback) throw oiiFault('unknownCallBack', `Unknown callback "${id}"`);
		const value = result.trim().toUpperCase();
		if (!lookup(CALLBACK_RESULTS, value)) {
			throw oiiFault(
				'invalidParameter',
				`result "${result}" must be one of ${Object.keys(CALLBACK_RESULTS).join(', ')}`,
			);
		}
		const now = this.now();
		if (notes !== null) callback.notes = notes;
		if (CALLBACK_FAILURES.includes(value)) {
			callback.failures += 1;
			callback.lastCallTime = isoTime(now);
			if (callback.failures >= callback.maxCalls) {
				callback.lastResult = 'HANDLED';
				callback.handledTime = isoTime(now);
				callback.nextCallTime = null;
			} else {
				callback.lastResult = value;
				callback.nextCallTime = isoTime(new Date(now.getTime() + CALLBACK_RETRY_MINUTES * 60_000));
			}
			return;
		}
		if (value === 'SUCCESSFUL') callback.lastCallTime = isoTime(now);
		callback.lastResult = value;
		callback.handledTime = isoTime(now);
		callback.nextCallTime = null;
	}
}
