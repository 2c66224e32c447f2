import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';

import { AcdDiallerApi } from '../credentials/AcdDiallerApi.credentials';
import { AkixiApi } from '../credentials/AkixiApi.credentials';
import { SapIciApi } from '../credentials/SapIciApi.credentials';
import { TvoxMccApi } from '../credentials/TvoxMccApi.credentials';
import { AcdDialler } from '../nodes/AcdDialler/AcdDialler.node';
import { Akixi } from '../nodes/Akixi/Akixi.node';
import { forgetAkixiSessions } from '../nodes/Akixi/client';
import { SapIci } from '../nodes/SapIci/SapIci.node';
import { SapIciTrigger } from '../nodes/SapIci/SapIciTrigger.node';
import { forgetTvoxJsonForms } from '../nodes/TvoxMcc/client';
import { TvoxMcc } from '../nodes/TvoxMcc/TvoxMcc.node';
import {
	CREDENTIAL_TEST_TIMEOUT_MS,
	clientTimeout,
	credentialTestTimeout,
	credentialTimeout,
	editorTimeout,
} from '../nodes/shared/nodeShell';
import { resetHttpClients } from '../nodes/shared/transport/http';
import { forgetWsdlClients } from '../nodes/shared/transport/wsdlClient';
import { startAkixiSimulator, type AkixiSimulator } from '../simulators/akixi';
import { startJtelSimulator, type JtelSimulator } from '../simulators/jtel';
import { startOiiSimulator, type OiiSimulator } from '../simulators/oii';
import { startTvoxSimulator, type TvoxSimulator } from '../simulators/tvox';
import { credentialsFor as acdCredentials } from './acdDialler/helpers';
import { credentialsFor as akixiCredentials } from './akixi/helpers';
import { testCredential } from './harness';
import { credentialsFor as sapIciCredentials } from './sapIci/helpers';
import { credentialsFor as tvoxCredentials } from './tvoxMcc/helpers';

/** Every node's credential Test button waits at most the same time, whatever the credential's own timeout. */
describe('credential test timeout', () => {
	it.each([
		[undefined, CREDENTIAL_TEST_TIMEOUT_MS],
		[0, CREDENTIAL_TEST_TIMEOUT_MS],
		[-1, CREDENTIAL_TEST_TIMEOUT_MS],
		[5000, 5000],
		[CREDENTIAL_TEST_TIMEOUT_MS, CREDENTIAL_TEST_TIMEOUT_MS],
		[120_000, CREDENTIAL_TEST_TIMEOUT_MS],
	])('a credential timeout of %p waits %p ms', (configured, expected) => {
		expect(credentialTestTimeout(configured)).toBe(expected);
	});

	it('the cap is 15 s', () => {
		expect(CREDENTIAL_TEST_TIMEOUT_MS).toBe(15_000);
	});
});

describe('node shell: the deadline of each client', () => {
	it("a credential's own timeout is its Timeout (Ms) field, when set", () => {
		expect(credentialTimeout({ timeout: 5000 })).toBe(5000);
		expect(credentialTimeout({ timeout: 0 })).toBeUndefined();
		expect(credentialTimeout({ timeout: '5000' })).toBeUndefined();
		expect(credentialTimeout({ serverUrl: 'https://jtel.example.com' })).toBeUndefined();
		expect(credentialTimeout(undefined)).toBeUndefined();
	});

	it("a workflow's client: the node's Timeout option wins, else the credential's, else the client's default", () => {
		expect(clientTimeout({ timeout: 5000 }, 800)).toBe(800);
		expect(clientTimeout({ timeout: 5000 }, undefined)).toBe(5000);
		expect(clientTimeout({}, 800)).toBe(800);
		expect(clientTimeout({}, undefined)).toBeUndefined();
	});

	it("the editor's calls (Test button, lists of options): the credential's timeout when shorter, else the cap", () => {
		expect(editorTimeout({ timeout: 300 })).toBe(300);
		expect(editorTimeout({ timeout: 120_000 })).toBe(CREDENTIAL_TEST_TIMEOUT_MS);
		expect(editorTimeout({})).toBe(CREDENTIAL_TEST_TIMEOUT_MS);
	});
});

/**
 * The Test buttons pressed the way n8n presses them (the node's `testedBy` function), against
 * simulators that answer too late: each gives up at the same cap, with the same kind of message.
 */
describe('every Test button against a slow server', () => {
	let jtel: JtelSimulator;
	let akixi: AkixiSimulator;
	let oii: OiiSimulator;
	let tvox: TvoxSimulator;

	beforeAll(async () => {
		[jtel, akixi, oii, tvox] = await Promise.all([
			startJtelSimulator({ port: 0 }),
			startAkixiSimulator(),
			startOiiSimulator(),
			startTvoxSimulator(),
		]);
	});
	afterAll(async () => {
		resetHttpClients();
		forgetWsdlClients();
		forgetTvoxJsonForms();
		forgetAkixiSessions();
		await Promise.all([jtel?.close(), akixi?.close(), oii?.close(), tvox?.close()]);
	});

	interface Press {
		name: string;
		system: string;
		run: () => Promise<INodeCredentialTestResult>;
	}

	const presses = (
		overrides: {
			sapIci?: ICredentialDataDecryptedObject;
			tvox?: ICredentialDataDecryptedObject;
		} = {},
	): Press[] => [
		{
			name: 'ACD Dialler',
			system: 'jtel',
			run: async () =>
				await testCredential(new AcdDiallerApi(), acdCredentials(jtel), new AcdDialler()),
		},
		{
			name: 'Akixi',
			system: 'Akixi',
			run: async () =>
				await testCredential(new AkixiApi(), akixiCredentials(akixi, 'apiKey'), new Akixi()),
		},
		{
			name: 'SAP ICI',
			system: 'SAP ICI',
			run: async () =>
				await testCredential(
					new SapIciApi(),
					{ ...sapIciCredentials(oii), ...overrides.sapIci },
					new SapIci(),
				),
		},
		{
			name: 'SAP ICI Trigger',
			system: 'SAP ICI',
			run: async () =>
				await testCredential(
					new SapIciApi(),
					{ ...sapIciCredentials(oii), ...overrides.sapIci },
					new SapIciTrigger(),
				),
		},
		{
			name: 'TVox MCC (REST)',
			system: 'TVox',
			run: async () =>
				await testCredential(
					new TvoxMccApi(),
					{ ...tvoxCredentials(tvox, 'rest'), ...overrides.tvox },
					new TvoxMcc(),
				),
		},
		{
			name: 'TVox MCC (SOAP)',
			system: 'TVox',
			run: async () =>
				await testCredential(
					new TvoxMccApi(),
					{ ...tvoxCredentials(tvox, 'soap'), ...overrides.tvox },
					new TvoxMcc(),
				),
		},
	];

	it('a credential timeout longer than the cap, or none: each Test button gives up after 15 s', async () => {
		for (const sim of [jtel, akixi, oii, tvox])
			sim.faults.add({ kind: 'delay', ms: 25_000 }, { times: 0 });
		const long = { timeout: 120_000 } as ICredentialDataDecryptedObject;
		const started = Date.now();
		const results = await Promise.all(
			presses({ sapIci: long, tvox: long }).map(async (press) => ({
				press,
				result: await press.run(),
				ms: Date.now() - started,
			})),
		);
		for (const { press, result, ms } of results) {
			expect({ name: press.name, status: result.status }).toEqual({
				name: press.name,
				status: 'Error',
			});
			expect(result.message).toMatch(
				new RegExp(`^${press.system} did not answer within 15000 ms \\(`),
			);
			expect(ms).toBeGreaterThanOrEqual(CREDENTIAL_TEST_TIMEOUT_MS - 50);
			expect(ms).toBeLessThan(CREDENTIAL_TEST_TIMEOUT_MS + 4_000);
		}
		for (const sim of [jtel, akixi, oii, tvox]) sim.faults.clear();
	}, 40_000);

	it('a credential timeout shorter than the cap is kept', async () => {
		oii.faults.add({ kind: 'delay', ms: 3_000 }, { times: 0 });
		tvox.faults.add({ kind: 'delay', ms: 3_000 }, { times: 0 });
		const short = { timeout: 300 } as ICredentialDataDecryptedObject;
		const results = await Promise.all(
			presses({ sapIci: short, tvox: short })
				.slice(2)
				.map(async (press) => ({ press, result: await press.run() })),
		);
		for (const { press, result } of results) {
			expect(result.message).toMatch(
				new RegExp(`^${press.system} did not answer within 300 ms \\(`),
			);
		}
		oii.faults.clear();
		tvox.faults.clear();
	});
});
