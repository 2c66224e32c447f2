import { EVENT_READ_TIMEOUT_MS } from '../../nodes/shared/webhookRequest';
import type { TriggerHarness } from '../harness';
import { HOSTILE_BODIES, sane, truncated, type HostileBody, type Template } from './bodies';
import { sendAndReset, sendEndless, sendRaw, sendTrickled, type RawReply } from './client';

/**
 * One suite of hostile requests for a webhook trigger, run twice: with the body handled as n8n
 * decides for the trigger (Read Events Raw: n8n leaves the request stream to the trigger) and as
 * n8n handles it when it parses the body itself. Every hostile request is refused, starts no
 * execution, makes `webhook()` throw nothing and repeats no secret; a valid event is still served
 * after each one. What differs between triggers (the event, the content types, how an answer
 * reads, what each refusal says) comes from the trigger's own test file.
 */

export type BodyParser = 'n8n' | 'parse';

/** Content types by label; `undefined`: the body's own type, `null`: none. */
export type ContentTypes = Array<[string, string | null | undefined]>;

/** The content types every trigger gets hostile bodies with, after its own. */
export const OTHER_CONTENT_TYPES: ContentTypes = [
	['application/octet-stream', 'application/octet-stream'],
	['no content type', null],
	['its own content type', undefined],
];

/** What both triggers answer to an event still arriving after the read deadline. */
export const LATE_MESSAGE = `The request body did not arrive within ${EVENT_READ_TIMEOUT_MS / 1000} s`;

/** A started trigger: its webhook URL and the secret no answer may repeat. */
export interface HostileTarget {
	trigger: TriggerHarness;
	url: string;
	secret: string;
	close(): Promise<void>;
}

export interface HostileTriggerSpec {
	/** Node name for the suite's title. */
	name: string;
	/** A valid event with `MARK` where a hostile body puts its text. */
	template: Template;
	/** The content type of a valid event. */
	contentType: string;
	/** The trigger's own two content types; each hostile body is sent with these and with `OTHER_CONTENT_TYPES`. */
	contentTypes: ContentTypes;
	start(bodyParser: BodyParser): Promise<HostileTarget>;
	/** How a request was refused, in one line: the status and what the answer says. */
	verdict(reply: RawReply): string;
	/** The verdict of every refusal. */
	refused: RegExp;
	/** The verdict for each hostile body, whoever (n8n or the trigger) refused it. */
	expected: Record<string, RegExp>;
	/** An answer's body as the checks compare it (e.g. parsed JSON). */
	readAnswer(reply: RawReply): unknown;
	/** The answer to a valid event. */
	servedAnswer: unknown;
	/** Checks of a valid event's execution besides its count (e.g. the item emitted). */
	checkServedRun?(trigger: TriggerHarness): void;
	/** The answer to a valid event still arriving after the read deadline (status 408). */
	lateAnswer: unknown;
	/** What an endless upload repeats. */
	endlessChunk: string;
	/** How many bytes of a truncated event are trickled in slowly, and what its refusal says. */
	slowLoris: { bytes: number; verdict: RegExp };
	/** How many bytes of a valid event are sent before the connection is reset. */
	resetAfterBytes: number;
	/** Further tests of the trigger when n8n decides how its body is handled. */
	moreWhenN8nDecides?(suite: HostileSuite): void;
}

/** What further tests get: the running trigger and the suite's own checks. */
export interface HostileSuite {
	readonly trigger: TriggerHarness;
	readonly url: string;
	/** Send, wait for the trigger to settle; nothing started, nothing thrown, no secret in the answer. */
	refused(send: () => Promise<RawReply>): Promise<RawReply>;
	/** A valid event is still answered and starts one execution. */
	stillServes(): Promise<void>;
}

export function describeHostileTrigger(spec: HostileTriggerSpec): void {
	describe.each(['n8n', 'parse'] as const)(
		`${spec.name}, body handled as %s decides: hostile requests`,
		(bodyParser) => {
			let target: HostileTarget;

			beforeAll(async () => {
				target = await spec.start(bodyParser);
			});
			afterAll(async () => {
				await target.close();
			});

			async function refused(send: () => Promise<RawReply>): Promise<RawReply> {
				const { trigger, secret } = target;
				const runs = trigger.runs.length;
				const errors = trigger.webhookErrors.length;
				const reply = await send();
				await trigger.settled();
				expect(trigger.runs).toHaveLength(runs);
				expect(trigger.webhookErrors.slice(errors)).toEqual([]);
				expect(`${JSON.stringify(reply.headers)}\n${reply.body}`.includes(secret)).toBe(false);
				expect(spec.verdict(reply)).toMatch(spec.refused);
				return reply;
			}

			async function stillServes(): Promise<void> {
				const { trigger, url } = target;
				const runs = trigger.runs.length;
				const reply = await sendRaw(url, {
					headers: { 'Content-Type': spec.contentType },
					body: sane(spec.template),
				});
				await trigger.settled();
				expect([reply.status, spec.readAnswer(reply)]).toEqual([200, spec.servedAnswer]);
				expect(trigger.runs).toHaveLength(runs + 1);
				spec.checkServedRun?.(trigger);
			}

			const suite: HostileSuite = {
				get trigger() {
					return target.trigger;
				},
				get url() {
					return target.url;
				},
				refused,
				stillServes,
			};

			const contentTypes = [...spec.contentTypes, ...OTHER_CONTENT_TYPES];
			const table = HOSTILE_BODIES.flatMap((hostile) =>
				contentTypes.map(([label, type]) => ({ hostile, label, type })),
			);

			it.each(table)(
				'$hostile.name sent as $label',
				async ({ hostile, type }: { hostile: HostileBody; type: string | null | undefined }) => {
					const { body, contentType } = hostile.build(spec.template, target.url);
					const headers = {
						'Content-Type': type === undefined ? contentType : (type ?? undefined),
					};
					const reply = await refused(async () => await sendRaw(target.url, { headers, body }));
					expect(spec.verdict(reply)).toMatch(spec.expected[hostile.name]);
					await stillServes();
				},
			);

			it.each(contentTypes.slice(0, 4))(
				'an endless upload sent as %s is cut off with 413',
				async (_label, type) => {
					const { trigger, url, secret } = target;
					const runs = trigger.runs.length;
					const outcome = await sendEndless(
						url,
						{ headers: { 'Content-Type': type ?? undefined } },
						spec.endlessChunk,
						64 * 1024 * 1024,
					);
					await trigger.settled();
					expect({ error: outcome.error, status: outcome.reply?.status }).toEqual({
						error: undefined,
						status: 413,
					});
					expect(outcome.reply?.body.includes(secret)).toBe(false);
					expect(trigger.runs).toHaveLength(runs);
					await stillServes();
				},
			);

			it('a slow-loris body trickled in does not hold up other events, and is refused when it ends', async () => {
				const slowBody = truncated(spec.template).slice(0, spec.slowLoris.bytes);
				const trickled = sendTrickled(
					target.url,
					{ headers: { 'Content-Type': 'application/octet-stream' }, body: slowBody },
					10,
					15,
				);
				await stillServes();
				const reply = await refused(async () => await trickled);
				expect(spec.verdict(reply)).toMatch(spec.slowLoris.verdict);
				await stillServes();
			});

			if (bodyParser === 'n8n') {
				it('a valid event still trickling in after the read deadline is answered 408, and the next event is served', async () => {
					// 10 bytes every 250 ms: the whole event would take far longer than EVENT_READ_TIMEOUT_MS.
					const trickled = sendTrickled(
						target.url,
						{ headers: { 'Content-Type': spec.contentType }, body: sane(spec.template) },
						10,
						250,
					);
					const reply = await refused(async () => await trickled);
					expect([reply.status, spec.readAnswer(reply)]).toEqual([408, spec.lateAnswer]);
					expect(reply.headers.connection).toBe('close');
					await stillServes();
				});

				spec.moreWhenN8nDecides?.(suite);
			}

			it.each(contentTypes.slice(0, 4))(
				'a request reset mid-body sent as %s starts nothing and breaks nothing',
				async (_label, type) => {
					const { trigger, url } = target;
					const runs = trigger.runs.length;
					const errors = trigger.webhookErrors.length;
					const whole = Buffer.from(sane(spec.template), 'utf8');
					await sendAndReset(
						url,
						{ headers: { 'Content-Type': type ?? undefined } },
						whole.subarray(0, spec.resetAfterBytes),
						whole.length,
					);
					await trigger.settled();
					expect(trigger.runs).toHaveLength(runs);
					expect(trigger.webhookErrors.slice(errors)).toEqual([]);
					await stillServes();
				},
			);

			it('a valid event is served after all of them', async () => {
				await stillServes();
			});
		},
	);
}
