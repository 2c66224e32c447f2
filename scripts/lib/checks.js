'use strict';
/**
 * A tiny check recorder for the e2e runs: every check prints one line; the run ends with how long
 * each phase took and the summary that counts them.
 */
const { elapsed, say } = require('./util');

class CheckFailure extends Error {}

/** Throws a CheckFailure with `message` unless `condition` holds. */
function expect(condition, message) {
	if (!condition) throw new CheckFailure(message);
}

function short(value, max = 300) {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

class Checks {
	/** `label` starts the summary line ("e2e: N passed, M failed"). */
	constructor(label = 'e2e') {
		this.label = label;
		this.passed = 0;
		this.failed = 0;
		this.failures = [];
		this.timings = [];
	}

	pass(name, detail) {
		this.passed += 1;
		say(`  ok    ${name}${detail ? ` (${detail})` : ''}`);
	}

	fail(name, reason) {
		this.failed += 1;
		this.failures.push({ name, reason });
		const lines = String(reason).split('\n');
		say(`  FAIL  ${name}: ${lines[0]}`);
		for (const line of lines.slice(1, 15)) say(`          ${line}`);
	}

	/** Runs `fn`; a returned string is shown as detail. Never throws. */
	async run(name, fn) {
		try {
			const detail = await fn();
			this.pass(name, typeof detail === 'string' ? detail : undefined);
			return true;
		} catch (error) {
			this.fail(
				name,
				error instanceof CheckFailure ? error.message : error?.stack || String(error),
			);
			return false;
		}
	}

	summary() {
		return `${this.label}: ${this.passed} passed, ${this.failed} failed`;
	}

	/** Notes how long a phase of the run took (since `since`), for the closing line. */
	phase(name, since) {
		this.timings.push(`${name} ${elapsed(since)}`);
	}

	/** The closing lines (time taken, by phase; the summary) and the exit code: 0 when all passed. */
	finish(started) {
		say(`${this.label}: took ${elapsed(started)} (${this.timings.join(', ')})`);
		say(this.summary());
		process.exitCode = this.failed === 0 && this.passed > 0 ? 0 : 1;
	}
}

module.exports = { CheckFailure, Checks, expect, short };
