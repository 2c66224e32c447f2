import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../nodes/shared/transport/rest';
import { decodeXmlEntities, parseXml } from '../../nodes/shared/xml';
import type { BenchScenario } from './types';

/**
 * How the readers' cost grows with the size of what they read, on the shapes a hostile or broken
 * answer can take: each shape is read at n and at 4n units, and the figure is the cost per unit
 * at 4n over the cost per unit at n. Linear work stays near 1; work that grows with the square of
 * the input comes out near 4, however fast the machine. A unit test cannot bound time on a shared
 * machine, so this is where a quadratic reading shows.
 */

const GROWTH = 4;
/**
 * Linear work comes out at 1–2 on the larger inputs (bigger tables and heaps miss the caches and
 * keep the collector busier); work that grows with the square of the input at 4 or more.
 */
const TARGET = 2.5;
/** Timed readings per size; the fastest counts (noise only adds time). */
const READINGS = 5;
const MAX_BYTES = 64 * 1024 * 1024;

interface Shape {
	name: string;
	/** Units at the smaller size: about 10–60 ms of reading. */
	units: number;
	make(units: number): string;
	read(text: string): unknown;
}

const xml = (text: string) => parseXml(text, { maxBytes: MAX_BYTES });

const SHAPES: Shape[] = [
	{
		name: 'attributes in one tag',
		units: 20_000,
		make: (n) => `<r ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ')}/>`,
		read: xml,
	},
	{
		name: 'namespace declarations, prefixes removed',
		units: 50_000,
		make: (n) =>
			`<p0:r ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')}>` +
			`${Array.from({ length: n }, (_, i) => `<p${i}:a>${i}</p${i}:a>`).join('')}</p0:r>`,
		read: (text) => parseXml(text, { maxBytes: MAX_BYTES, removeNamespacePrefix: true }),
	},
	{
		name: 'sibling elements of one name',
		units: 100_000,
		make: (n) => `<r>${'<a x="1">v</a>'.repeat(n)}</r>`,
		read: xml,
	},
	{
		name: 'sibling elements of distinct names',
		units: 50_000,
		make: (n) => `<r>${Array.from({ length: n }, (_, i) => `<e${i}>v</e${i}>`).join('')}</r>`,
		read: xml,
	},
	{
		name: 'entity references in text',
		units: 200_000,
		make: (n) => `<r>${'&amp;&#x41;&lt;'.repeat(n)}</r>`,
		read: xml,
	},
	{
		name: 'comments and CDATA in many elements',
		units: 50_000,
		make: (n) => `<r>${'<a>x<!-- c --><![CDATA[<b>]]>y</a>'.repeat(n)}</r>`,
		read: xml,
	},
	{
		name: 'nesting at the limit, repeated',
		units: 2_000,
		make: (n) => `<r>${`${'<a>'.repeat(100)}v${'</a>'.repeat(100)}`.repeat(n)}</r>`,
		read: xml,
	},
	{
		name: 'a run of ampersands before a reference',
		units: 1_000_000,
		make: (n) => `${'&'.repeat(n)};&lt;`,
		read: decodeXmlEntities,
	},
	{
		name: 'JSON nesting check on a wide object',
		units: 100_000,
		make: (n) => JSON.stringify({ list: Array.from({ length: n }, (_, i) => ({ id: i, v: [i] })) }),
		read: (text) => nestedDeeperThan(JSON.parse(text), MAX_JSON_DEPTH),
	},
];

/** CPU milliseconds of the fastest of {@link READINGS} readings of `text`. */
function fastest(shape: Shape, text: string): number {
	let best = Number.POSITIVE_INFINITY;
	for (let n = 0; n < READINGS; n++) {
		const start = process.cpuUsage();
		shape.read(text);
		const took = process.cpuUsage(start);
		best = Math.min(best, (took.user + took.system) / 1000);
	}
	return best;
}

export const readerGrowth: BenchScenario = {
	name: 'reader-growth',
	async run(report) {
		for (const shape of SHAPES) {
			const small = shape.make(shape.units);
			const large = shape.make(shape.units * GROWTH);
			// Warm-up: both sizes once, so neither reading pays for compiling the reader.
			shape.read(small);
			shape.read(large);
			const atSmall = fastest(shape, small);
			const atLarge = fastest(shape, large);
			const growth = atLarge / GROWTH / atSmall;
			report.ratio(
				`reader growth, ${shape.name}`,
				growth,
				{ max: TARGET },
				`cost per unit at ${shape.units * GROWTH} units vs ${shape.units}: ${atLarge.toFixed(1)} ms vs ${atSmall.toFixed(1)} ms; linear is 1, quadratic 4`,
				'x',
			);
		}
	},
};
