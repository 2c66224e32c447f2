import { randomUUID } from 'node:crypto';
import * as net from 'node:net';

import { AkixiApi } from '../../credentials/AkixiApi.credentials';
import { Akixi } from '../../nodes/Akixi/Akixi.node';
import type { AkixiSimulator } from '../../simulators/akixi';
import { testCredential } from '../harness';
import {
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	credentialsFor,
	exposedText,
	resetSim,
	runAkixi,
	startSim,
	stopSim,
} from './helpers';

const EMAIL_ID = '8789a59d877f5edd:4f6f3fbd:1722c661a1d:-7fad';
const INFO = { resource: 'omnichannelIntegration', operation: 'info', uniqueId: EMAIL_ID };
const REST_LIST = {
	resource: 'integratorClient',
	operation: 'list',
	telSysId: '-1',
	partitionIdInTelSys: '-1',
	deviceNumber: 'UnknownNoneOrAll',
};

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('Akixi node — hostile and failing peers', () => {
	let sim: AkixiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('an entity-expansion document is refused, not expanded', async () => {
		sim.faults.add({ kind: 'entityBomb' });
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(/cannot be read: XML documents with a DOCTYPE/);
		expect(String(result.error!.description)).toMatch(/DTD/);
	});

	it('a truncated answer is refused', async () => {
		sim.faults.add({ kind: 'truncated' });
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(/cannot be read: Malformed or truncated XML/);
	});

	it('an HTML error page is named as such, with its title', async () => {
		sim.faults.add({ kind: 'html', status: 502 });
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(/HTML page \(HTTP 502/);
		expect(result.error!.message).not.toMatch(/<html|<body/i);
	});

	it('an HTML error page on the REST API too', async () => {
		sim.faults.add({ kind: 'html', status: 503 });
		const result = await runAkixi(sim, REST_LIST);
		expect(result.error!.httpCode).toBe('503');
		expect(String(result.error!.description)).toMatch(/HTML page/);
	});

	it('HTTP 500 without an Akixi body', async () => {
		sim.faults.add({
			kind: 'status',
			status: 500,
			body: 'Internal Server Error',
			contentType: 'text/plain',
		});
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(/HTTP 500/);
	});

	it('a 10 MB body is refused without being kept', async () => {
		sim.faults.add({ kind: 'huge', bytes: 10 * 1024 * 1024 });
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(/larger than 8388608 bytes/);
	});

	it('a slow server ends in a timeout error, not a hang', async () => {
		sim.faults.add({ kind: 'delay', ms: 5000 });
		const result = await runAkixi(sim, { ...INFO, options: { timeout: 300 } });
		expect(result.error!.message).toMatch(/did not answer within 300 ms/);
		expect(String(result.error!.description)).toMatch(/temporary/);
	});

	it('a connection reset is reported as a network error', async () => {
		sim.faults.add({ kind: 'reset' });
		const result = await runAkixi(sim, INFO);
		expect(result.error!.message).toMatch(
			/Could not reach Akixi at .*: the connection was closed unexpectedly/,
		);
	});

	it('a refused connection names the address and a hint', async () => {
		const port = await closedPort();
		const result = await runAkixi(sim, INFO, {
			credentials: credentialsFor(sim, 'sessionId', { baseUrl: `http://127.0.0.1:${port}` }),
		});
		expect(result.error!.message).toBe(
			`Could not reach Akixi at http://127.0.0.1:${port}/CCS/WS: the connection was refused`,
		);
		expect(String(result.error!.description)).toMatch(
			/Error code ECONNREFUSED.*refused the connection/,
		);
	});

	it('the XML Web Services URL of the credential is used when set', async () => {
		const result = await runAkixi(sim, INFO, {
			credentials: credentialsFor(sim, 'sessionId', { wsUrl: `${sim.url}/CCS/WS/` }),
		});
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].path).toBe('/CCS/WS/');
		expect(sim.requests[0].headers.cookie).toBe(`JSESSIONID=${AKIXI_SIM_SESSION_ID}`);
		expect(sim.requests[0].headers['content-type']).toMatch(/^text\/xml/);
	});

	describe('username and password', () => {
		it('logs in once with the documented flow and reuses the session for every item', async () => {
			const result = await runAkixi(sim, INFO, { mode: 'usernamePassword', items: [{}, {}, {}] });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			const paths = sim.requests.map((r) => `${r.method} ${r.path}`);
			expect(paths.filter((p) => p === 'POST /CCS/API/v1/session')).toHaveLength(1);
			expect(paths.filter((p) => p === 'GET /CCS/API/v1/login')).toHaveLength(1);
			const login = sim.requests.find((r) => r.path === '/CCS/API/v1/login')!;
			expect(login.headers.authorization).toMatch(/^Basic /);
			expect(login.headers.cookie).toMatch(/^JSESSIONID=[0-9A-F]{32}$/);
			expect(login.query.locale).toBe('en_GB');
			const session = login.headers.cookie!.split('=')[1];
			const ws = sim.requests.filter((r) => r.path === '/CCS/WS');
			expect(ws).toHaveLength(3);
			for (const r of ws) expect(r.body).toContain(`<SessionID>${session}</SessionID>`);
			expect(JSON.stringify(result.items)).not.toContain(session);
		});

		it('on an expired session logs in again once and retries', async () => {
			await runAkixi(sim, INFO, { mode: 'usernamePassword' });
			sim.faults.add(
				{ kind: 'fail', code: '10302', message: 'Session expired' },
				{ match: 'OmnichannelIntInfo' },
			);
			const result = await runAkixi(sim, INFO, { mode: 'usernamePassword' });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.UniqueID).toBe(EMAIL_ID);
			expect(sim.requests.filter((r) => r.path === '/CCS/API/v1/session')).toHaveLength(2);
		});

		it('retries only once: a session error that persists is reported', async () => {
			sim.faults.add(
				{ kind: 'fail', code: '10301', message: 'Unknown session' },
				{ times: 0, match: 'OmnichannelIntInfo' },
			);
			const result = await runAkixi(sim, INFO, { mode: 'usernamePassword' });
			expect(result.error!.message).toContain('10301');
			expect(sim.requests.filter((r) => r.path === '/CCS/WS')).toHaveLength(2);
		});

		it('a wrong password is an authentication error that shows no secret', async () => {
			const wrong = `wrong-${randomUUID()}`;
			const result = await runAkixi(sim, INFO, {
				credentials: credentialsFor(sim, 'usernamePassword', { password: wrong }),
			});
			expect(result.error!.message).toMatch(/login failed/);
			const text = exposedText(result);
			expect(text).not.toContain(wrong);
			expect(text).not.toContain(Buffer.from(`sim.admin:${wrong}`).toString('base64'));
			expect(sim.requests.filter((r) => r.path === '/CCS/API/v1/login')).toHaveLength(1);
		});
	});

	describe('credential test button', () => {
		it.each(['sessionId', 'apiKey', 'usernamePassword'] as const)(
			'%s: OK against the simulator',
			async (mode) => {
				const result = await testCredential(new AkixiApi(), credentialsFor(sim, mode), new Akixi());
				expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
				expect(sim.requests.some((r) => r.path.endsWith('/integratorClient'))).toBe(true);
			},
		);

		it('a wrong password fails the test and the message holds no secret', async () => {
			const wrong = `wrong-${randomUUID()}`;
			const result = await testCredential(
				new AkixiApi(),
				credentialsFor(sim, 'usernamePassword', { password: wrong }),
				new Akixi(),
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/login failed/);
			expect(result.message).not.toContain(wrong);
			expect(result.message).not.toContain(AKIXI_SIM_PASSWORD);
		});

		it('an unreachable server fails the test with a clear message', async () => {
			const port = await closedPort();
			const result = await testCredential(
				new AkixiApi(),
				credentialsFor(sim, 'apiKey', { baseUrl: `http://127.0.0.1:${port}` }),
				new Akixi(),
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/the connection was refused/);
		});
	});
});
