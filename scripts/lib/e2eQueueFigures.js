'use strict';
/** The figures `npm run e2e:queue` prints after its bursts: one row per setup, then notes. */
const os = require('node:os');

const { BURST, BURST_DELIVERY_CONCURRENCY } = require('./e2eQueueSettings');
const { say } = require('./util');

function rate(count, ms) {
	return ms > 0 ? (count / (ms / 1000)).toFixed(1) : '∞';
}

function printFigures(figures) {
	say('');
	say(
		`e2e-queue: burst figures (${BURST} phoneCallChanged events, the OII simulator keeping ${BURST_DELIVERY_CONCURRENCY} POSTs under way; 2 cores shared by everything)`,
	);
	say(
		'  setup                                        answered    events/s answered   all executed   events/s end to end   CPU ms per event',
	);
	for (const f of figures) {
		const cpu = Object.entries(f.cpu || {})
			.map(([role, ms]) => `${role} ${ms.toFixed(1)}`)
			.join(', ');
		say(
			`  ${f.setup.padEnd(44)} ${`${f.answered.toFixed(1)} s`.padStart(8)}    ${rate(f.count, f.answered * 1000).padStart(17)}   ${`${f.done.toFixed(1)} s`.padStart(12)}   ${rate(f.count, f.done * 1000).padStart(19)}   ${cpu}`,
		);
	}
	say(
		`  load average at the end: ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
	);
	if (figures.single) {
		say(
			`  single process: ${figures.single.acknowledged} of ${BURST} acknowledged, ${figures.single.count} successful executions (${figures.single.statuses})`,
		);
	}
	if (figures.killed) {
		const k = figures.killed;
		say(
			`  killed ${k.worker} after ${k.killedAfter} executions: ${k.success} of ${BURST} events ended in a successful execution; unfinished: ${k.unfinished.join(', ') || 'none'}`,
		);
	}
	say('');
}

module.exports = { printFigures };
