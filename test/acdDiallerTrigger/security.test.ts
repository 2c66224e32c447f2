import { startTriggerHarness, type TriggerHarness } from '../harness';
import { AcdDiallerTrigger } from '../../nodes/AcdDialler/AcdDiallerTrigger.node';
import type { JtelSimulator } from '../../simulators/jtel';
import { sendRaw } from '../hostile/client';
import {
	answerOf,
	eventUrl,
	fixtureEvent,
	JSON_TYPE,
	SECRET,
	simPost,
	startSim,
	startTrigger,
} from './helpers';

/**
 * Who may start the workflow: the URL Secret in the pasted URL, Basic authentication, the IP
 * allowlist. Every refusal starts nothing, repeats no secret and leaves the next valid event served.
 */

describe('ACD Dialler Trigger: secret, Basic auth and allowlist', () => {
	let sim: JtelSimulator;

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});

	async function served(
		trigger: TriggerHarness,
		url = eventUrl(trigger, 'callback'),
	): Promise<void> {
		const runs = trigger.runs.length;
		const delivery = await simPost(sim, url, fixtureEvent());
		await trigger.settled();
		expect(delivery.status).toBe(200);
		expect(trigger.runs).toHaveLength(runs + 1);
	}

	describe('the URL Secret', () => {
		let trigger: TriggerHarness;
		beforeAll(async () => {
			trigger = await startTrigger();
		});
		afterAll(async () => {
			await trigger.close();
		});

		it.each([
			['no secret', (t: TriggerHarness) => `${t.url}?event=callback`],
			['a wrong secret', (t: TriggerHarness) => eventUrl(t, 'callback', `x${SECRET.slice(1)}`)],
			[
				'the secret with a different case',
				(t: TriggerHarness) => eventUrl(t, 'callback', SECRET.toUpperCase()),
			],
			['the secret twice', (t: TriggerHarness) => `${eventUrl(t, 'callback')}&secret=${SECRET}`],
			['an empty secret', (t: TriggerHarness) => eventUrl(t, 'callback', '')],
		])('%s is answered 401 and starts nothing', async (_name, urlOf) => {
			const runs = trigger.runs.length;
			const delivery = await simPost(sim, urlOf(trigger), fixtureEvent());
			await trigger.settled();
			expect([delivery.status, answerOf(delivery)]).toEqual([401, { error: 'Unauthorized' }]);
			expect(delivery.answer).not.toContain(SECRET);
			expect(trigger.runs).toHaveLength(runs);
			await served(trigger);
		});

		it('the secret is checked before the body is read: a refused request gets 401 whatever its body', async () => {
			const reply = await sendRaw(`${trigger.url}?event=callback`, {
				headers: { 'Content-Type': 'text/html' },
				body: '<html>',
			});
			expect(reply.status).toBe(401);
			await served(trigger);
		});
	});

	describe('Basic authentication', () => {
		let trigger: TriggerHarness;
		beforeAll(async () => {
			trigger = await startTrigger({
				incomingAuthentication: 'basicAuth',
				basicAuthUser: 'jtel',
				basicAuthPassword: 'pa:ss wörd',
			});
		});
		afterAll(async () => {
			await trigger.close();
		});

		const withUser = (url: string, user: string, password: string) => {
			const parsed = new URL(url);
			parsed.username = encodeURIComponent(user);
			parsed.password = encodeURIComponent(password);
			return parsed.toString();
		};

		it('an event with the user and password (sent by jtel from the URL) is served', async () => {
			await served(trigger, withUser(eventUrl(trigger, 'callback'), 'jtel', 'pa:ss wörd'));
		});

		const basic = (user: string, password: string) =>
			`Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

		it.each([
			['without credentials', undefined],
			['with a wrong password', basic('jtel', 'wrong')],
			['with a wrong user', basic('other', 'pa:ss wörd')],
			['with another scheme', 'Bearer pa:ss wörd'],
		])(
			'an event %s is answered 401 with a challenge and starts nothing',
			async (_name, authorization) => {
				const runs = trigger.runs.length;
				const reply = await sendRaw(eventUrl(trigger, 'callback'), {
					headers: { 'Content-Type': JSON_TYPE, Authorization: authorization },
					body: JSON.stringify(fixtureEvent()),
				});
				await trigger.settled();
				expect([reply.status, JSON.parse(reply.body)]).toEqual([401, { error: 'Unauthorized' }]);
				expect(reply.headers['www-authenticate']).toBe(
					'Basic realm="ACD Dialler Trigger", charset="UTF-8"',
				);
				expect(trigger.runs).toHaveLength(runs);
			},
		);

		it('the right credentials with a wrong URL Secret are still refused', async () => {
			const delivery = await simPost(
				sim,
				withUser(eventUrl(trigger, 'callback', 'wrong-secret-0123456789'), 'jtel', 'pa:ss wörd'),
				fixtureEvent(),
			);
			expect(delivery.status).toBe(401);
		});
	});

	describe('the IP allowlist', () => {
		it('an address outside the list is answered 403; inside it is served', async () => {
			const outside = await startTrigger({
				options: { binaryData: true, ipAllowlist: '10.31.0.0/16, 2001:db8::/32' },
			});
			const inside = await startTrigger({
				options: { binaryData: true, ipAllowlist: '10.31.100.50, 127.0.0.0/8' },
			});
			try {
				const refused = await simPost(sim, eventUrl(outside, 'callback'), fixtureEvent());
				await outside.settled();
				expect([refused.status, answerOf(refused)]).toEqual([403, { error: 'Forbidden' }]);
				expect(outside.runs).toHaveLength(0);
				await served(inside);
			} finally {
				await outside.close();
				await inside.close();
			}
		});
	});

	describe('activation', () => {
		it.each([
			['no URL Secret', { urlSecret: '' }, /URL Secret must be at least 16 characters/],
			['a short URL Secret', { urlSecret: 'short' }, /URL Secret must be at least 16 characters/],
			[
				'a URL Secret with characters a URL changes',
				{ urlSecret: 'abc def&ghi=jkl+mno' },
				/URL Secret must be at least 16 characters of letters, digits/,
			],
			[
				'an invalid allowlist',
				{ urlSecret: SECRET, options: { ipAllowlist: '10.0.0.300' } },
				/IP Allowlist: "10.0.0.300" is not an IP address/,
			],
			[
				'Basic Auth without a user',
				{ urlSecret: SECRET, incomingAuthentication: 'basicAuth' },
				/Basic Auth needs a user/,
			],
		])('%s fails the activation with a clear error', async (_name, parameters, message) => {
			const trigger = await startTriggerHarness({ nodeType: new AcdDiallerTrigger(), parameters });
			try {
				await expect(trigger.activate()).rejects.toThrow(message);
				expect(trigger.active).toBe(false);
			} finally {
				await trigger.close();
			}
		});

		it('a secret edited to an invalid one after activation refuses every event with 401', async () => {
			const trigger = await startTrigger();
			try {
				trigger.setParameters({ urlSecret: 'x' });
				const delivery = await simPost(
					sim,
					`${trigger.url}?secret=x&event=callback`,
					fixtureEvent(),
				);
				expect(delivery.status).toBe(401);
				expect(trigger.runs).toHaveLength(0);
			} finally {
				await trigger.close();
			}
		});

		it('the static data holds no secret, only its fingerprint', async () => {
			const trigger = await startTrigger();
			try {
				expect(JSON.stringify(trigger.staticData)).not.toContain(SECRET);
				expect(trigger.nodeStaticData.secretFingerprint).toMatch(/^[0-9a-f]{16}$/);
			} finally {
				await trigger.close();
			}
		});
	});
});
