'use strict';
/**
 * What a script started (simulators, n8n processes, Postgres, Redis, a browser), stopped in the
 * reverse order: at the end of a run, after an error, or on Ctrl-C.
 */
const { say, stopAllRuns } = require('./util');

class Teardown {
	/** `label` starts the line printed when a stop fails ("e2e: stopping n8n failed: …"). */
	constructor(label) {
		this.label = label;
		this.steps = [];
		this.done = false;
	}

	/** Registers how to stop what was just started. */
	add(name, stop) {
		this.steps.push({ name, stop });
	}

	/** Stops the step called `name` now; the final run() stops it again, which does nothing. */
	async stop(name) {
		const step = this.steps.find((s) => s.name === name);
		if (step) await step.stop();
	}

	/**
	 * On SIGINT or SIGTERM: says so, stops everything, runs `after` (e.g. removes the run's
	 * temporary folder) and exits with code 130.
	 */
	stopOnSignals(after = () => undefined) {
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.once(signal, () => {
				say(`\n${this.label}: ${signal}: stopping everything the run started…`);
				this.run()
					.then(after)
					.finally(() => process.exit(130));
			});
		}
	}

	/** Stops every step, last started first, then every command of run() still running. Once. */
	async run() {
		if (this.done) return;
		this.done = true;
		for (const step of this.steps.reverse()) {
			try {
				await step.stop();
			} catch (error) {
				const prefix = this.label ? `${this.label}: ` : '';
				process.stderr.write(`${prefix}stopping ${step.name} failed: ${error.message}\n`);
			}
		}
		await stopAllRuns();
	}
}

module.exports = { Teardown };
