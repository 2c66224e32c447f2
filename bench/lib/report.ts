/** The bench's output: one line per figure, `bench <name>: <figure> (target <target>) ok|MISS`. */

export interface Figure {
	name: string;
	figure: string;
	target: string;
	ok: boolean;
}

/** Figures of one transport, printed together in a fixed order once its scenarios are done. */
export interface Section {
	/** Order of the figures added from now on. */
	order: number;
	flush(): void;
}

export class Report {
	readonly figures: Figure[] = [];

	readonly crashed: string[] = [];

	private open?: { order: number; pending: Array<{ order: number; line: string }> };

	add(figure: Figure): void {
		this.figures.push(figure);
		const line = `bench ${figure.name}: ${figure.figure} (target ${figure.target}) ${figure.ok ? 'ok' : 'MISS'}\n`;
		if (this.open) this.open.pending.push({ order: this.open.order, line });
		else process.stdout.write(line);
	}

	section(): Section {
		const open = { order: 0, pending: [] as Array<{ order: number; line: string }> };
		this.open = open;
		return {
			get order() {
				return open.order;
			},
			set order(value: number) {
				open.order = value;
			},
			flush: () => {
				const sorted = open.pending.map((entry, index) => ({ ...entry, index }));
				sorted.sort((a, b) => a.order - b.order || a.index - b.index);
				for (const { line } of sorted) process.stdout.write(line);
				if (this.open === open) this.open = undefined;
			},
		};
	}

	/** A ratio figure: at most `max`, or at least `min`. */
	ratio(
		name: string,
		value: number,
		bound: { max?: number; min?: number },
		detail?: string,
		unit = '',
	): void {
		const ok = bound.max !== undefined ? value <= bound.max : value >= (bound.min ?? 0);
		const target = bound.max !== undefined ? `<= ${bound.max}${unit}` : `>= ${bound.min}${unit}`;
		this.add({
			name,
			figure: `${value.toPrecision(3)}${unit}${detail ? ` [${detail}]` : ''}`,
			target,
			ok,
		});
	}

	crash(scenario: string, error: unknown): void {
		this.crashed.push(scenario);
		const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
		process.stderr.write(`bench ${scenario}: crashed: ${text}\n`);
	}

	summary(): string {
		const ok = this.figures.filter((f) => f.ok).length;
		const miss = this.figures.length - ok;
		const crashed = this.crashed.length ? `, ${this.crashed.length} crashed` : '';
		return `bench: ${ok} ok, ${miss} MISS${crashed}`;
	}
}

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Took {
	/** Wall-clock milliseconds. */
	wall: number;
	/** CPU milliseconds of this process (user + system). */
	cpu: number;
}

/**
 * Time taken by `work`, after a young-generation collection when the process allows it, so that
 * the short-lived garbage of the previous run is not charged to this one. Not a full collection:
 * a forced full collection also drops compiled code, and the run after it then pays for
 * compiling its hot paths again (2 to 2.5 times the steady CPU per item, measured on the node
 * and on n8n's HTTP Request and XML nodes alike), which is not what a long-running n8n does.
 */
export async function timed(work: () => Promise<unknown>): Promise<Took> {
	(globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc?.({ type: 'minor' });
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	await work();
	const wall = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export const ms = (value: number) => value.toFixed(3);
