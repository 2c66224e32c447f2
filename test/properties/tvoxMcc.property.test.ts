import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { TvoxClient, type TvoxProtocol } from '../../nodes/TvoxMcc/client';
import { OPERATIONS, type TvoxOperation, type TvoxRequest } from '../../nodes/TvoxMcc/operations';
import { TvoxMcc } from '../../nodes/TvoxMcc/TvoxMcc.node';
import { startTvoxSimulator, type SoapNames, type TvoxSimulator } from '../../simulators/tvox';
import { forgetClients } from '../tvoxMcc/helpers';
import { check, checkAsync, expectRefused } from './check';
import {
	asNodeParameters,
	offeredOperations,
	rawValues,
	readerOver,
	type Overrides,
} from './params';
import { blankText, freeText, textWithout, type WireFormat } from './text';
import {
	child,
	childNamesOf,
	elements,
	leafText,
	queryEntries,
	readTarget,
	readXml,
	startCaptureServer,
	type CaptureServer,
	type CapturedRequest,
} from './wire';

/**
 * Every TVox MultiChannel Connector method over both protocols: random parameter values go
 * through the declaration's request() and the real TvoxClient onto the wire — SOAP through the
 * simulator's WSDL (both parameter styles a CXF server may declare), REST as query parameters
 * or a JSON body — and what arrives must hold exactly the values under the documented names.
 */

const node = new TvoxMcc();
const label = (op: TvoxOperation) => `${op.resource}.${op.value}`;

type Args = Record<string, string[]>;

/** Service codes as typed into the field: codes separated by commas, with blanks around and empty entries. */
function serviceCodesText(format: WireFormat): fc.Arbitrary<string> {
	const code = textWithout(format, /,/g, { nonBlank: true });
	const separator = fc.constantFrom(',', ', ', ' ,', ',,', ' , ');
	return fc
		.tuple(code, fc.array(fc.tuple(separator, code), { maxLength: 4 }))
		.map(([first, rest]) => first + rest.map(([sep, c]) => sep + c).join(''));
}

/** Channel IDs: the declared options, or any whole number an expression may give (as a number or as text). */
const channelId = fc.oneof(
	fc.constantFrom(1, 2, 3, 1003),
	fc.integer({ min: -2_147_483_647, max: 2_147_483_647 }),
	fc
		.tuple(fc.integer({ min: 0, max: 2_147_483_647 }), fc.constantFrom('', ' ', '\t'))
		.map(([n, pad]) => `${pad}${n}${pad}`),
);

function overrides(format: WireFormat): Overrides {
	const required = freeText(format, { nonBlank: true });
	return {
		channelId,
		sessionId: required,
		serviceCode: required,
		agentUsername: required,
		serviceCodes: serviceCodesText(format),
	};
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The arguments a method must carry, under their documented names. */
function expectedArgs(op: string, values: IDataObject): Args {
	const args: Args = {};
	const trimmed = (name: string) => String(values[name]).trim();
	const channel = () => [String(Number(String(values.channelId).trim()))];
	const optional = (fields: unknown, names: string[]) => {
		for (const name of names) {
			const value = (fields as IDataObject | undefined)?.[name];
			if (present(value)) args[name] = [String(value)];
		}
	};
	switch (op) {
		case 'startSession':
			args.channelId = channel();
			args.serviceid = [trimmed('serviceCode')];
			optional(values.additionalFields, [
				'sessionId',
				'data',
				'description',
				'contactId',
				'contactValue',
			]);
			break;
		case 'sessionAccept':
			args.sessionId = [trimmed('sessionId')];
			optional(values.additionalFields, ['user']);
			break;
		case 'checkSessionState':
		case 'checkSessionStateWithData':
			args.sessionId = [trimmed('sessionId')];
			break;
		case 'setSessionData':
			args.sessionId = [trimmed('sessionId')];
			args.sessionData = [String(values.sessionData)];
			break;
		case 'closeSession':
			args.sessionId = [trimmed('sessionId')];
			args.reason = [trimmed('reason')];
			break;
		case 'getServiceState':
			args.channelId = channel();
			args.serviceCodes = [
				...new Set(
					String(values.serviceCodes)
						.split(',')
						.map((c) => c.trim())
						.filter((c) => c !== ''),
				),
			];
			break;
		case 'logoutAgentFromChannel':
			args.channelId = channel();
			args.agentUsername = [trimmed('agentUsername')];
			break;
		default:
			throw new Error(`No expectation for ${op}`);
	}
	return args;
}

const PROTOCOLS: TvoxProtocol[] = ['soap', 'rest'];

it('covers every method the TVox MCC node offers, over both protocols', () => {
	expect(OPERATIONS.map(label).sort()).toEqual(offeredOperations(node));
	expect(OPERATIONS).toHaveLength(8);
	// The SOAP and REST blocks below each run every method.
	expect(
		PROTOCOLS.flatMap((protocol) => OPERATIONS.map((op) => `${protocol}:${label(op)}`)),
	).toHaveLength(16);
});

// ---------------------------------------------------------------------------------------------
// SOAP: through the simulator's WSDL

/** The arguments of a SOAP request, by documented name (positional `argN` elements mapped back). */
function readSoapArgs(xml: string, op: TvoxOperation, soapNames: SoapNames = {}): Args {
	const doc = readXml(xml, { removeNamespacePrefix: true });
	const body = child(child(doc, 'Envelope'), 'Body');
	const wrapper = soapNames[op.method.soapOperation] ?? op.method.soapOperation;
	expect(childNamesOf(body)).toEqual([wrapper]);
	let element = child(body, wrapper);
	if (op.method.requestType) {
		const wrappers = childNamesOf(element);
		expect(wrappers).toHaveLength(1);
		element = child(element, wrappers[0]);
	}
	const args: Args = {};
	for (const name of childNamesOf(element)) {
		const position = /^arg(\d+)$/.exec(name);
		const documented =
			position && !op.method.requestType ? op.method.parameters[Number(position[1])] : name;
		args[documented] = elements(child(element, name)).map((e) => leafText(e));
	}
	return args;
}

/** A WSDL that names the methods otherwise (the SOAP names of start, accept and close session are not published). */
const OTHER_NAMES: SoapNames = {
	startSession: 'StartSession',
	sessionAccept: 'accept_session',
	closeSession: 'sessionClose',
	checkSessionState: 'checkSession',
};

const SOAP_STYLES = [
	['positional', 'unqualified', 'documented', {}],
	['named', 'unqualified', 'documented', {}],
	['positional', 'qualified', 'documented', {}],
	['named', 'qualified', 'other', OTHER_NAMES],
] as const;

describe.each(SOAP_STYLES)(
	'SOAP (%s, %s parameters, %s operation names) carries every value',
	(paramStyle, elementForm, _names, soapNames: SoapNames) => {
		let sim: TvoxSimulator;
		let client: TvoxClient;

		beforeAll(async () => {
			sim = await startTvoxSimulator({ port: 0, paramStyle, elementForm, soapNames });
			client = new TvoxClient({ baseUrl: sim.url, protocol: 'soap' }, { timeoutMs: 20_000 });
		});

		afterAll(async () => {
			forgetClients();
			await sim.close();
		});

		async function onTheWire(request: TvoxRequest): Promise<CapturedRequest[]> {
			sim.reset();
			await client.send(request).catch(() => undefined);
			const calls = sim.requests.filter((r) => r.method === 'POST' && r.path === '/mc/cxf/soap');
			expect(calls.length).toBeGreaterThan(0);
			return calls.map((r) => ({
				method: r.method,
				target: r.path,
				headers: r.headers,
				body: r.body,
			}));
		}

		it.each(OPERATIONS.map((op) => [label(op), op] as const))('%s', async (_name, op) => {
			await checkAsync(
				fc.asyncProperty(
					rawValues(op, { format: 'xml', overrides: overrides('xml') }),
					async (raw) => {
						const values = asNodeParameters(node, raw);
						const expected = expectedArgs(op.value, values);
						for (const call of await onTheWire(op.request(readerOver(values)))) {
							expect(readSoapArgs(call.body, op, soapNames)).toEqual(expected);
						}
					},
				),
			);
		});
	},
);

// ---------------------------------------------------------------------------------------------
// REST / JSON

describe('REST carries every value', () => {
	let capture: CaptureServer;
	let client: TvoxClient;

	beforeAll(async () => {
		capture = await startCaptureServer();
		client = new TvoxClient({ baseUrl: capture.url, protocol: 'rest' }, { timeoutMs: 20_000 });
	});

	afterAll(async () => {
		forgetClients();
		await capture.close();
	});

	it.each(OPERATIONS.map((op) => [label(op), op] as const))('%s', async (_name, op) => {
		await checkAsync(
			fc.asyncProperty(
				rawValues(op, { format: 'url', overrides: overrides('url') }),
				async (raw) => {
					const values = asNodeParameters(node, raw);
					await client.send(op.request(readerOver(values))).catch(() => undefined);
					const sent = capture.take();
					expect(sent).toHaveLength(1);
					const [call] = sent;
					expect(call.method).toBe(op.method.rest.method);
					const target = readTarget(call.target);
					expect(target.segments).toEqual([
						'',
						'mc',
						'cxf',
						'rest',
						'json',
						op.method.rest.path.slice(1),
					]);
					let args: Args;
					if (op.method.rest.method === 'PUT') {
						expect(target.rawQuery).toBe('');
						const body = JSON.parse(call.body) as Record<string, unknown>;
						args = Object.fromEntries(
							Object.entries(body).map(([name, value]) => [name, [value as string]]),
						);
					} else {
						expect(call.body).toBe('');
						args = queryEntries(target.query);
					}
					expect(args).toEqual(expectedArgs(op.value, values));
				},
			),
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Values outside a parameter's domain

/** A channel ID that is not a whole number within the Java int range. */
const badChannelId = fc.oneof(
	fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
	fc.constantFrom(2_147_483_648, -2_147_483_648, Number.NaN, '', ' ', 'one', '1e400', '2147483648'),
	freeText('url', { short: true }).filter((t) => {
		const number = t.trim() === '' ? Number.NaN : Number(t.trim());
		return !Number.isInteger(number) || Math.abs(number) > 2_147_483_647;
	}),
);

/** Service codes with no code in them: blank, or only commas and blanks. */
const noServiceCodes = fc
	.array(fc.constantFrom(',', ' ', '\t', '\n', '\u00A0'), { maxLength: 6 })
	.map((parts) => parts.join(''));

interface Refusal {
	param: string;
	bad: fc.Arbitrary<unknown>;
	message: string;
}

const REFUSALS: Refusal[] = [
	{ param: 'channelId', bad: badChannelId, message: 'Channel ID must be a whole number' },
	{ param: 'sessionId', bad: blankText, message: 'Session ID is required' },
	{ param: 'serviceCode', bad: blankText, message: 'Service Code is required' },
	{ param: 'agentUsername', bad: blankText, message: 'Agent Username is required' },
	{
		param: 'serviceCodes',
		bad: noServiceCodes,
		message: 'Service Codes needs at least one service code',
	},
];

const REFUSAL_CASES = OPERATIONS.flatMap((op) =>
	REFUSALS.filter((r) => op.properties.some((p) => p.name === r.param)).map(
		(r) => [label(op), r.param, op, r] as const,
	),
);

describe('a value outside its domain is refused before anything is sent', () => {
	it.each(REFUSAL_CASES)('%s: %s', (_name, _param, op, refusal) => {
		check(
			fc.property(
				rawValues(op, { format: 'url', overrides: overrides('url') }),
				refusal.bad,
				(raw, bad) => {
					const values = asNodeParameters(node, { ...raw, [refusal.param]: bad });
					expectRefused(() => op.request(readerOver(values)), refusal.message);
				},
			),
		);
	});
});
