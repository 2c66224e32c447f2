import { soapLookup } from '../../nodes/TvoxMcc/client';
import {
	CLOSE_SESSION_SOAP_VARIANTS,
	closeSession,
	OPERATIONS,
	SESSION_ACCEPT_SOAP_VARIANTS,
	sessionAccept,
	START_SESSION_SOAP_VARIANTS,
	startSession,
} from '../../nodes/TvoxMcc/operations';
import { findOperation } from '../../nodes/shared/transport/wsdlClient';
import type { SoapNames, TvoxSimulator } from '../../simulators/tvox';
import { writeWsdl } from '../../simulators/tvox/wsdl';
import {
	callsOf,
	credentialsFor,
	jsonOf,
	resetSim,
	runTvox,
	startSim,
	stopSim,
	testTvoxCredential,
} from './helpers';

/**
 * The SOAP names of start, accept and close session are not published: the node looks each one
 * up in the server's WSDL (documented name, REST path's name, known variants in any case).
 */

const START = {
	resource: 'session',
	operation: 'startSession',
	channelId: 1,
	serviceCode: 'SUPPORT',
};
const accept = (sessionId: string, user?: string) => ({
	resource: 'session',
	operation: 'sessionAccept',
	sessionId,
	additionalFields: user ? { user } : {},
});
const close = (sessionId: string) => ({
	resource: 'session',
	operation: 'closeSession',
	sessionId,
	reason: 'REQUEST_FROM_CALLEE',
});
const check = (sessionId: string) => ({
	resource: 'session',
	operation: 'checkSessionState',
	sessionId,
});

/** The wrapper element's local name in each SOAP request sent. */
function wrappersSent(sim: TvoxSimulator, from = 0): string[] {
	return callsOf(sim, 'soap')
		.slice(from)
		.map((r) => /<soap:Body><(?:[\w.-]+:)?([\w.-]+)[\s>]/.exec(r.body)?.[1] ?? '?');
}

describe('known variants of the unpublished SOAP names, one constant per method', () => {
	it('are derived from the declarations: the words of the documented name, both orders, camelCase / snake_case / kebab-case', () => {
		expect(START_SESSION_SOAP_VARIANTS).toEqual([
			'startSession',
			'start_session',
			'start-session',
			'sessionStart',
			'session_start',
			'session-start',
		]);
		expect(SESSION_ACCEPT_SOAP_VARIANTS).toEqual([
			'sessionAccept',
			'session_accept',
			'session-accept',
			'acceptSession',
			'accept_session',
			'accept-session',
		]);
		expect(CLOSE_SESSION_SOAP_VARIANTS).toEqual([
			'closeSession',
			'close_session',
			'close-session',
			'sessionClose',
			'session_close',
			'session-close',
		]);
		expect(startSession.method.soapVariants).toBe(START_SESSION_SOAP_VARIANTS);
		expect(sessionAccept.method.soapVariants).toBe(SESSION_ACCEPT_SOAP_VARIANTS);
		expect(closeSession.method.soapVariants).toBe(CLOSE_SESSION_SOAP_VARIANTS);
		expect(Object.isFrozen(START_SESSION_SOAP_VARIANTS)).toBe(true);
	});

	it('only the three methods whose SOAP name is unpublished have variants; the others are looked up by their two names', () => {
		expect(OPERATIONS.filter((op) => op.method.soapVariants).map((op) => op.value)).toEqual([
			'startSession',
			'sessionAccept',
			'closeSession',
		]);
		const checkLookup = soapLookup(
			OPERATIONS.find((op) => op.value === 'checkSessionState')!.method,
		);
		expect(checkLookup).toEqual({
			name: 'checkSessionState',
			exact: ['checkSessionState', 'checkSession'],
			anyCase: ['checkSessionState', 'checkSession'],
		});
	});

	it('lookup order: documented name, then the REST path name, then the variants in any case', () => {
		const lookup = soapLookup(OPERATIONS.find((op) => op.value === 'checkSessionState')!.method);
		expect(findOperation(['checkSession', 'CHECKSESSIONSTATE', 'checkSessionState'], lookup)).toBe(
			'checkSessionState',
		);
		expect(findOperation(['CHECKSESSIONSTATE', 'checkSession'], lookup)).toBe('checkSession');
		expect(findOperation(['CheckSession', 'CHECKSESSIONSTATE'], lookup)).toBe('CHECKSESSIONSTATE');
		const start = soapLookup(startSession.method);
		expect(findOperation(['SessionStart', 'StartSession'], start)).toBe('StartSession');
		expect(findOperation(['session_start', 'SessionStart'], start)).toBe('SessionStart');
		expect(findOperation(['session_start', 'Start-Session'], start)).toBe('Start-Session');
		expect(findOperation(['Start_Session', 'START_SESSION'], start)).toBe('Start_Session');
		expect(findOperation(['beginSession', 'openSession', 'startSessions'], start)).toBeUndefined();
	});
});

describe.each<[string, SoapNames]>([
	[
		'PascalCase',
		{ startSession: 'StartSession', sessionAccept: 'SessionAccept', closeSession: 'CloseSession' },
	],
	[
		'verbs last or first',
		{ startSession: 'sessionStart', sessionAccept: 'acceptSession', closeSession: 'sessionClose' },
	],
	[
		'snake, kebab and upper case',
		{
			startSession: 'START_SESSION',
			sessionAccept: 'accept_session',
			closeSession: 'Close-Session',
		},
	],
])('a WSDL naming start, accept and close session in %s', (_label, soapNames) => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim({ soapNames });
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it('the whole life cycle runs through the node with the names the WSDL declares', async () => {
		const [started] = jsonOf(
			await runTvox(sim, 'soap', {
				...START,
				additionalFields: { sessionId: 'n-1', data: 'order 7' },
			}),
		);
		expect(started).toEqual({ result: 'SUCCESS', sessionId: 'n-1' });
		expect(jsonOf(await runTvox(sim, 'soap', accept('n-1')))).toEqual([
			{ result: 'SUCCESS', sessionId: 'n-1', status: 'QUEUED' },
		]);
		expect(jsonOf(await runTvox(sim, 'soap', accept('n-1', 'mario.rossi')))).toEqual([
			{ result: 'SUCCESS', sessionId: 'n-1', status: 'ASSIGNED' },
		]);
		expect(jsonOf(await runTvox(sim, 'soap', close('n-1')))).toEqual([
			{ result: 'SUCCESS', sessionId: 'n-1' },
		]);
		const [state] = jsonOf(await runTvox(sim, 'soap', check('n-1')));
		expect(state).toMatchObject({ result: 'SUCCESS', status: 'CLOSED', username: 'mario.rossi' });
		const session = sim.state.sessions.get('n-1')!;
		expect(session.history).toEqual(['NEW', 'QUEUED', 'ASSIGNED', 'CLOSED']);
		expect(session.data).toBe('order 7');
		expect(session.closeReason).toBe('REQUEST_FROM_CALLEE');
		expect(wrappersSent(sim)).toEqual([
			soapNames.startSession,
			soapNames.sessionAccept,
			soapNames.sessionAccept,
			soapNames.closeSession,
			'checkSessionState',
		]);
		expect(sim.wsdlFetches).toBe(1);
	});

	it('with documented parameter names in the target namespace too', async () => {
		sim.configure({
			paramStyle: 'named',
			elementForm: 'qualified',
			namespace: 'urn:example:mcc:renamed',
		});
		const result = await runTvox(sim, 'soap', START, { items: [{}, {}] });
		const ids = jsonOf(result).map((j) => String(j.sessionId));
		expect(ids).toHaveLength(2);
		await runTvox(sim, 'soap', close('={{ $json.id }}'), { items: ids.map((id) => ({ id })) });
		expect(ids.map((id) => sim.state.sessions.get(id)?.status)).toEqual(['CLOSED', 'CLOSED']);
		const [first] = callsOf(sim, 'soap').map((r) => r.body);
		expect(first).toContain(
			`<tns:${soapNames.startSession}><tns:channelId>1</tns:channelId><tns:serviceid>SUPPORT</tns:serviceid>`,
		);
	});

	it("a FAILED answer under the declared name is read as the method's failure", async () => {
		sim.faults.add(
			{ kind: 'fail', code: 'DATABASE_ERROR', message: 'db down' },
			{ match: 'startSession' },
		);
		const result = await runTvox(sim, 'soap', START);
		expect(result.error!.message).toBe(
			'TVox startSession failed: DATABASE_ERROR (Server error : Database error): db down',
		);
		expect(wrappersSent(sim)).toEqual([soapNames.startSession]);
	});

	it('the credential test names where it found them', async () => {
		expect(await testTvoxCredential(credentialsFor(sim, 'soap'))).toEqual({
			status: 'OK',
			message: `Connection successful; it offers startSession as ${soapNames.startSession}, sessionAccept as ${soapNames.sessionAccept}, closeSession as ${soapNames.closeSession}`,
		});
	});
});

describe('other names in the WSDL', () => {
	let sim: TvoxSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => resetSim(sim));

	it("a method whose WSDL name is its REST path's name is found by it", async () => {
		sim.configure({
			soapNames: {
				checkSessionState: 'checkSession',
				checkSessionStateWithData: 'checkSessionWithData',
			},
		});
		sim.state.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'r-1', data: 'd' });
		expect(jsonOf(await runTvox(sim, 'soap', check('r-1')))).toEqual([
			{ result: 'SUCCESS', sessionId: 'r-1', status: 'NEW' },
		]);
		const [withData] = jsonOf(
			await runTvox(sim, 'soap', {
				resource: 'session',
				operation: 'checkSessionStateWithData',
				sessionId: 'r-1',
			}),
		);
		expect(withData).toMatchObject({ status: 'NEW', data: 'd' });
		expect(wrappersSent(sim)).toEqual(['checkSession', 'checkSessionWithData']);
	});

	it('a server that renamed its operations since the WSDL was read: the refused call makes the node read it again and use the new name', async () => {
		const [first] = jsonOf(
			await runTvox(sim, 'soap', { ...START, additionalFields: { sessionId: 'u-1' } }),
		);
		expect(first.sessionId).toBe('u-1');
		sim.configure({ soapNames: { startSession: 'StartSession' } });
		const [second] = jsonOf(
			await runTvox(sim, 'soap', { ...START, additionalFields: { sessionId: 'u-2' } }),
		);
		expect(second).toEqual({ result: 'SUCCESS', sessionId: 'u-2' });
		expect(wrappersSent(sim)).toEqual(['startSession', 'startSession', 'StartSession']);
		expect(sim.wsdlFetches).toBe(2);
	});

	it('a WSDL without any known name for start session: a one-line error naming the operations it offers', async () => {
		sim.configure({ soapNames: { startSession: 'beginSession', closeSession: 'terminate' } });
		const result = await runTvox(sim, 'soap', START, { items: [{}, {}], continueOnFail: true });
		const offered =
			'beginSession, checkSessionState, checkSessionStateWithData, getServiceState, logoutAgentFromChannel, sessionAccept, setSessionData, terminate';
		const message = `The TVox WSDL at ${sim.wsdlUrl} has no operation "startSession"; it offers ${offered}`;
		expect(result.items.map((i) => i.json.error)).toEqual([message, message]);
		expect(message).not.toContain('\n');
		expect(result.items[0].json.description).toBe(
			'Looked for "startSession", then in any case for "startSession", "start_session", "start-session", "sessionStart", ' +
				'"session_start", "session-start". The server does not offer this operation.',
		);
		expect(result.items[0].json).toMatchObject({
			kind: 'remote',
			system: 'TVox',
			operation: 'startSession',
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(callsOf(sim, 'soap')).toHaveLength(0);
		expect(sim.wsdlFetches).toBe(1);

		const failed = await runTvox(sim, 'soap', close('x'));
		expect(failed.error!.name).toBe('NodeApiError');
		expect(failed.error!.message).toBe(
			`The TVox WSDL at ${sim.wsdlUrl} has no operation "closeSession"; it offers ${offered}`,
		);
		expect(sim.state.sessions.size).toBe(0);

		expect(await testTvoxCredential(credentialsFor(sim, 'soap'))).toEqual({
			status: 'OK',
			message: 'Connection successful; the WSDL lacks startSession, closeSession',
		});
	});

	it('a WSDL served from a file with other names (no simulator routing): the node sends what that WSDL declares', async () => {
		const wsdl = writeWsdl({
			namespace: 'http://ws.mcc.tvox.teleniasoftware.com/',
			version: '1.0.1',
			paramStyle: 'positional',
			address: sim.soapUrl,
			soapNames: { sessionAccept: 'SESSION_ACCEPT' },
		});
		expect(wsdl).toContain('<wsdl:operation name="SESSION_ACCEPT">');
		expect(wsdl).toContain(
			'<xs:element name="SESSION_ACCEPTResponse" type="tns:SESSION_ACCEPTResponse"/>',
		);
		sim.faults.add(
			{ kind: 'status', status: 200, body: wsdl, contentType: 'text/xml' },
			{ match: 'wsdl' },
		);
		const result = await runTvox(sim, 'soap', accept('none'), { continueOnFail: true });
		// The simulator itself still dispatches by the documented name, so it refuses the renamed wrapper as CXF would.
		expect(wrappersSent(sim)[0]).toBe('SESSION_ACCEPT');
		expect(result.items[0].json.error).toMatch(
			/Message part \{http:\/\/ws\.mcc\.tvox\.teleniasoftware\.com\/\}SESSION_ACCEPT was not recognized/,
		);
	});
});

describe('the simulator setting', () => {
	it.each<[SoapNames, RegExp]>([
		[{ startSession: 'start session' }, /is not an XML name/],
		[{ startSession: 'closeSession' }, /names two operations/],
		[{ startSession: 'x', closeSession: 'x' }, /names two operations/],
		[{ noSuchMethod: 'x' }, /no operation is documented as "noSuchMethod"/],
		[{ startSession: 'startSessionResult' }, /names a type of the schema/],
	])('refuses %j', async (soapNames, error) => {
		await expect(startSim({ soapNames })).rejects.toThrow(error);
	});
});
