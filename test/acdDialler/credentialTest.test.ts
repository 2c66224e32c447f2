import type { IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { AcdDiallerApi } from '../../credentials/AcdDiallerApi.credentials';
import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import {
	JTEL_SIM_OTHER_CLIENTS_ID,
	JTEL_SIM_OTHER_TOKEN,
	type JtelSimulator,
} from '../../simulators/jtel';
import { testCredential } from '../harness';
import { apiCalls, closedPort, credentialsFor, JTEL_SIM_TOKEN, startSim, stopSim } from './helpers';

/**
 * The ACD Dialler credential's Test button, pressed the way n8n presses it: the credential has no
 * request of its own, so n8n finds the node's `testedBy` function, which makes a real call through
 * the node's client (the one place the base URL is built and the token applied).
 */
describe('ACD Dialler credential: the Test button', () => {
	let sim: JtelSimulator;
	const messages: string[] = [];
	const press = async (overrides: IDataObject = {}): Promise<INodeCredentialTestResult> => {
		const result = await testCredential(
			new AcdDiallerApi(),
			credentialsFor(sim, overrides),
			new AcdDialler(),
		);
		messages.push(result.message);
		return result;
	};

	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	it("is the node's function: the credential declares no request and applies no token itself", () => {
		const credential = new AcdDiallerApi() as AcdDiallerApi & {
			authenticate?: unknown;
			test?: unknown;
		};
		expect(credential.authenticate).toBeUndefined();
		expect(credential.test).toBeUndefined();
		const node = new AcdDialler();
		expect(node.description.credentials).toEqual([
			{ name: 'acdDiallerApi', required: true, testedBy: 'acdDiallerApiTest' },
		]);
		expect(typeof node.methods.credentialTest.acdDiallerApiTest).toBe('function');
	});

	it('a good token passes with one GET of the ACD event types, the token sent once as Bearer', async () => {
		expect(await press()).toEqual({ status: 'OK', message: 'Connection successful' });
		const calls = apiCalls(sim);
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /rest/v1.0/1/acd/events/types',
		]);
		expect(calls[0].headers.authorization).toBe(`Bearer ${JTEL_SIM_TOKEN}`);
	});

	it('a Server URL ending in /rest/v1.0/ and blanks around the token still pass', async () => {
		expect(
			await press({ serverUrl: `${sim.url}/rest/v1.0/`, token: ` ${JTEL_SIM_TOKEN} ` }),
		).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		expect(apiCalls(sim)[0].headers.authorization).toBe(`Bearer ${JTEL_SIM_TOKEN}`);
	});

	it('a bad token: "Token or ClientsID wrong (HTTP 401)"', async () => {
		const wrong = 'wrong-token-0c9e7d5a';
		expect(await press({ token: wrong })).toEqual({
			status: 'Error',
			message: 'Token or ClientsID wrong (HTTP 401)',
		});
		expect(apiCalls(sim)[0].headers.authorization).toBe(`Bearer ${wrong}`);
	});

	it('a ClientsID the token does not belong to: the same 401 message', async () => {
		expect(await press({ clientsId: String(JTEL_SIM_OTHER_CLIENTS_ID) })).toEqual({
			status: 'Error',
			message: 'Token or ClientsID wrong (HTTP 401)',
		});
		expect(apiCalls(sim)[0].path).toBe(`/rest/v1.0/${JTEL_SIM_OTHER_CLIENTS_ID}/acd/events/types`);
	});

	it("the other client's own token and ClientsID pass", async () => {
		expect(
			await press({ clientsId: String(JTEL_SIM_OTHER_CLIENTS_ID), token: JTEL_SIM_OTHER_TOKEN }),
		).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
	});

	it('a ClientsID that is not a whole number fails before anything is sent', async () => {
		expect(await press({ clientsId: 'one' })).toEqual({
			status: 'Error',
			message: 'The ClientsID in the credential must be a whole number, not "one"',
		});
		expect(sim.requests).toHaveLength(0);
	});

	it('a Server URL with a wrong path: "Endpoint not available on this server (HTTP 404)"', async () => {
		expect(await press({ serverUrl: `${sim.url}/other` })).toEqual({
			status: 'Error',
			message:
				'Endpoint not available on this server (HTTP 404): check the Server URL and the ClientsID',
		});
		expect(sim.requests[0].path).toBe('/other/rest/v1.0/1/acd/events/types');
	});

	it('an unreachable server names the address it tried', async () => {
		const port = await closedPort();
		expect(await press({ serverUrl: `http://127.0.0.1:${port}` })).toEqual({
			status: 'Error',
			message: `Could not reach jtel at http://127.0.0.1:${port}/rest/v1.0/1/acd/events/types: the connection was refused`,
		});
	});

	it('another refusal keeps the message of the failed call, without the token the server echoed', async () => {
		sim.faults.add({
			kind: 'status',
			status: 500,
			body: JSON.stringify({ status: 500, error: `token ${JTEL_SIM_TOKEN} rejected` }),
			contentType: 'application/json',
		});
		expect(await press()).toEqual({
			status: 'Error',
			message: 'Get ACD event types failed: internal server error (HTTP 500): token *** rejected',
		});
	});

	it('no message of the Test button holds a token', () => {
		expect(messages.length).toBeGreaterThanOrEqual(9);
		for (const message of messages) {
			expect(message).not.toContain(JTEL_SIM_TOKEN);
			expect(message).not.toContain(JTEL_SIM_OTHER_TOKEN);
			expect(message).not.toContain('wrong-token-0c9e7d5a');
		}
	});
});
