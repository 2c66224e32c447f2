import { writeAttachedData } from '../../nodes/SapIci/elements';
import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { decodeIciNotification, writeIciEventAnswer } from '../../nodes/SapIci/events';
import { MAX_EVENT_BYTES } from '../../nodes/SapIci/trigger/request';
import { startOiiSimulator } from '../../simulators/oii';
import { median, timed } from '../lib/report';
import type { BenchScenario } from './types';

const MESSAGE_BYTES = 10 * 1024;
const EVENTS_PER_ROUND = 2000;
const ROUNDS = 3;
const TARGET_EVENTS_PER_SECOND = 2000;
const LINE = '+129';
const NOTE =
	'Customer asked about the renewal of contract 4711; callback agreed for Friday morning. ';

/** A phoneCallChanged message as the OII simulator sends it, its attached data grown to about `bytes`. */
async function phoneCallChanged(bytes: number): Promise<string> {
	const sim = await startOiiSimulator({ deliverEvents: false });
	try {
		sim.state.subscribe({
			kind: 'container',
			appUrl: 'http://127.0.0.1:9/ici',
			appId: 'bench',
			channelType: '1',
			containerId: LINE,
		});
		const message = (notes: string) => {
			const attachedData = writeAttachedData({
				'BENCH/CRM': { CustomerId: '100042', Notes: notes },
			});
			const call = sim.placeCall({ to: LINE, from: '+4930123456', attachedData });
			const event = [...sim.events]
				.reverse()
				.find((e) => e.operation === 'phoneCallChanged' && e.envelope.includes(call.id));
			if (!event) throw new Error('The simulator sent no phoneCallChanged message');
			return event.envelope;
		};
		const bare = Buffer.byteLength(message(''));
		const notes = NOTE.repeat(Math.ceil(Math.max(0, bytes - bare) / NOTE.length)).slice(
			0,
			Math.max(0, bytes - bare),
		);
		return message(notes);
	} finally {
		await sim.close();
	}
}

/** The trigger's receive path without HTTP: read the envelope, decode the event, write the SOAP answer. */
function receive(body: string): string {
	const notification = decodeIciNotification(readIciEnvelope(body, MAX_EVENT_BYTES));
	return writeIciEventAnswer(notification.event);
}

export const sapIciTriggerReceive: BenchScenario = {
	name: 'sap-ici-trigger',
	async run(report) {
		const body = await phoneCallChanged(MESSAGE_BYTES);
		const decoded = decodeIciNotification(readIciEnvelope(body, MAX_EVENT_BYTES));
		if (decoded.event !== 'phoneCallChanged')
			throw new Error(`decoded ${decoded.event}, not phoneCallChanged`);
		for (let n = 0; n < 200; n++) receive(body);
		const cpu: number[] = [];
		const wall: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const took = await timed(async () => {
				for (let n = 0; n < EVENTS_PER_ROUND; n++) receive(body);
			});
			cpu.push((EVENTS_PER_ROUND * 1000) / took.cpu);
			wall.push((EVENTS_PER_ROUND * 1000) / took.wall);
		}
		const perSecond = median(cpu);
		const kB = (Buffer.byteLength(body) / 1024).toFixed(1);
		report.add({
			name: `sap-ici-trigger receive ${kB} kB phoneCallChanged`,
			figure: `${Math.round(perSecond)} events/s [per cpu second on one core; wall ${Math.round(median(wall))} events/s]`,
			target: `>= ${TARGET_EVENTS_PER_SECOND} events/s`,
			ok: perSecond >= TARGET_EVENTS_PER_SECOND,
		});
	},
};
