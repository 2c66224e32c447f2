import http from 'node:http';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

type Fields = INodeParameters;

import { ICI_INTERFACES, OII_DEFAULT_PATH } from '../../nodes/SapIci/constants';
import { ELEMENTS, type ElementName } from '../../nodes/SapIci/elements';
import { readIciEnvelope, readIciErrorCodes, writeIciEnvelope } from '../../nodes/SapIci/envelope';
import { readResolved, type ResolvedElement } from '../../simulators/oii/wire';
import {
	headerNamespaceOf,
	ICI_OPERATIONS,
	type IciOperationDef,
} from '../../nodes/SapIci/operations';
import type { OiiSimulator } from '../../simulators/oii';
import {
	bodyElement,
	canonical,
	credentialsFor,
	fixture,
	ici,
	iciRequests,
	runIci,
	startSim,
	stopSim,
	type Canonical,
} from './helpers';

/**
 * The IciSystem interface against the WSDL an OII (ASP.NET) publishes for IciSystemService,
 * test/fixtures/sapIci/IciSystemService.wsdl: a copy of ValidateDifference.wsdl of the public
 * repository quarkiverse/quarkus-cxf (extensions/core/deployment/src/test/resources/wsdllocation),
 * with its SOAP 1.2 binding and port left out. Every operation's request is checked element by
 * element against the schema (names, order, namespaces, minOccurs, nillable), every answer type
 * against the node's decoders and the simulator's answers; then the filters the WSDL adds and
 * the simulator's binding (what .NET's XmlSerializer reads, and what it skips).
 */

const XSD = 'http://www.w3.org/2001/XMLSchema';
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SYSTEM_NS = 'urn:IciSystemInterface';
const USER_NS = 'urn:IciUserInterface';

// ---------------------------------------------------------------------------------------------
// Reading the WSDL

interface Declared {
	name: string;
	namespace: string;
	minOccurs: number;
	nillable: boolean;
}

const wsdl = readResolved(fixture('IciSystemService.wsdl'));
const children = (element: ResolvedElement, namespace: string, name: string) =>
	element.children.filter((c) => c.namespace === namespace && c.name === name);
const schemas = children(children(wsdl, WSDL_NS, 'types')[0], XSD, 'schema');
const systemSchema = schemas.find((s) => s.attributes.targetNamespace === SYSTEM_NS)!;
const userSchema = schemas.find((s) => s.attributes.targetNamespace === USER_NS)!;

function sequenceOf(complexType: ResolvedElement): Declared[] {
	const sequence = children(complexType, XSD, 'sequence')[0];
	if (!sequence) return [];
	return children(sequence, XSD, 'element').map((e) => {
		const ref = e.attributes.ref;
		const [prefix, local] = ref ? ref.split(':') : ['', e.attributes.name];
		// The one reference (s2:userId) points into urn:IciUserInterface.
		const namespace = ref ? (prefix === 's2' ? USER_NS : SYSTEM_NS) : SYSTEM_NS;
		return {
			name: local,
			namespace,
			minOccurs: Number(e.attributes.minOccurs ?? '1'),
			nillable: e.attributes.nillable === 'true',
		};
	});
}

function requestOf(operation: string): Declared[] {
	const element = children(systemSchema, XSD, 'element').find(
		(e) => e.attributes.name === operation,
	)!;
	return sequenceOf(children(element, XSD, 'complexType')[0]);
}

function complexType(name: string): Declared[] {
	return sequenceOf(
		children(systemSchema, XSD, 'complexType').find((t) => t.attributes.name === name)!,
	);
}

const portOperations = children(children(wsdl, WSDL_NS, 'portType')[0], WSDL_NS, 'operation').map(
	(o) => o.attributes.name,
);
const binding = children(wsdl, WSDL_NS, 'binding').find(
	(b) => b.attributes.name === 'IciSystemServiceSoap',
)!;
const bindingOf = (operation: string) =>
	children(binding, WSDL_NS, 'operation').find((o) => o.attributes.name === operation)!;
const messages = children(wsdl, WSDL_NS, 'message');

/** The header elements of an operation's input: `{namespace}name`. */
function headersOf(operation: string): string[] {
	const input = children(bindingOf(operation), WSDL_NS, 'input')[0];
	return children(input, SOAP_BINDING_NS, 'header').map((h) => {
		const message = messages.find((m) => `tns:${m.attributes.name}` === h.attributes.message)!;
		const part = children(message, WSDL_NS, 'part').find(
			(p) => p.attributes.name === h.attributes.part,
		)!;
		const [prefix, local] = part.attributes.element.split(':');
		expect(prefix).toBe('s0');
		return `{${SYSTEM_NS}}${local}`;
	});
}

const SYSTEM_OPERATIONS = ICI_OPERATIONS.filter((d) => d.resource === 'system');
const defOf = (operation: string): IciOperationDef =>
	SYSTEM_OPERATIONS.find((d) => d.operation === operation)!;

// ---------------------------------------------------------------------------------------------

describe('SAP ICI node — IciSystem against the OII WSDL', () => {
	it('the WSDL is the one expected: IciSystemService, document/literal bodies, qualified schema', () => {
		expect(wsdl.attributes.targetNamespace).toBe('http://wicom.com/ws/OII/IciSystem/');
		expect(systemSchema.attributes.elementFormDefault).toBe('qualified');
		expect(children(userSchema, XSD, 'element').map((e) => e.attributes.name)).toEqual(['userId']);
		const address = children(
			children(children(wsdl, WSDL_NS, 'service')[0], WSDL_NS, 'port')[0],
			SOAP_BINDING_NS,
			'address',
		)[0];
		expect(new URL(address.attributes.location).pathname).toBe(
			`/OII/${ICI_INTERFACES.system.service}`,
		);
	});

	it('the node offers every operation of the WSDL but its two test operations (which take no SOAP headers)', () => {
		const offered = SYSTEM_OPERATIONS.map((d) => d.operation).sort();
		const declared = portOperations
			.filter((name) => !name.startsWith('testGetUserPresence'))
			.sort();
		expect(offered).toEqual(declared);
		expect(portOperations.filter((name) => name.startsWith('testGetUserPresence'))).toEqual([
			'testGetUserPresence',
			'testGetUserPresence2',
		]);
		expect(headersOf('testGetUserPresence')).toEqual([]);
	});

	it.each(SYSTEM_OPERATIONS.map((d) => [d.operation, d] as const))(
		'%s: soapAction, headers and request elements as declared',
		(operation, def) => {
			const soapOperation = children(bindingOf(operation), SOAP_BINDING_NS, 'operation')[0];
			expect(soapOperation.attributes.soapAction).toBe(ICI_INTERFACES.system.soapAction);
			expect(soapOperation.attributes.style).toBe('document');
			expect(headersOf(operation)).toEqual([`{${SYSTEM_NS}}language`, `{${SYSTEM_NS}}user`]);
			expect(headerNamespaceOf(def)).toBe(SYSTEM_NS);
			// Every element the schema declares, in its order and namespace, and nothing else.
			expect(
				def.params.map((p) => ({ name: p.name, namespace: p.namespace ?? SYSTEM_NS })),
			).toEqual(requestOf(operation).map(({ name, namespace }) => ({ name, namespace })));
		},
	);

	it.each([
		['ici.ProductInformation', 'ProductInformation'],
		['ici.WorkcenterCapability', 'WorkcenterCapability'],
		['getPresenceQueueInfoResponseResponse', 'PresenceQueueInfo'],
		['GroupInfo', 'GroupInfo'],
		['QueueInfo', 'QueueInfo'],
		['ici.UserPresenceInfo', 'UserPresenceInfo'],
		['ici.CollaborationData', 'CollaborationData'],
		['CallRecording', 'CallRecording'],
		['CallBack', 'CallBack'],
	] as Array<[string, ElementName]>)(
		'answer type %s is decoded field by field, in its order',
		(type, element) => {
			expect(ELEMENTS[element].map((f) => f.name)).toEqual(complexType(type).map((d) => d.name));
		},
	);
});

// ---------------------------------------------------------------------------------------------
// The envelopes the node sends

describe('SAP ICI node — IciSystem requests as the WSDL declares them', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

	/** Required fields only (the node's own), then every field. */
	const LEAST: Record<string, INodeParameters> = {
		exchangeProductInformation: { iciVersion: '3.07' },
		getWorkcenterCapability: { userId: 'HARRI' },
		getPresenceQueueInfo: { userId: 'HARRI', channelType: '1' },
		getUserPresence: {},
		getCallRecordings: {},
		createCallBack: { number: '+3581234', queue: '600' },
		updateCallBack: { id: '6F9619FF-8B86-D011-B42D-00C04FC964FF', result: 'BUSY' },
		getCallBacks: {},
	};
	const ALL: Record<string, Fields> = {
		getPresenceQueueInfo: { queueGuid: 'G', queueAddress: '2001', queueName: 'Q 2001' },
		getUserPresence: { users: ['HARRI'], searchterm: 'Harri', maxhits: 5 },
		getCallRecordings: {
			callHandle: 'C',
			userId: 'HARRI',
			dateTimeFrom: '2012-01-01 00:00:00',
			dateTimeTo: '2013-01-01 00:00:00',
			filePath: 'p',
			fileName: 'f',
			maxhits: 3,
		},
		createCallBack: {
			callTime: '2030-01-01 10:00:00',
			extraDataXml: '<XML><A>1</A></XML>',
			gwPrefix: '9',
			notes: 'n',
		},
		updateCallBack: { notes: 'n' },
		getCallBacks: {
			id: 'I',
			number: '+1',
			queueGuid: 'G',
			queueNumber: '600',
			queueName: 'Callback',
		},
	};

	async function sent(
		operation: string,
		additionalFields?: Fields,
	): Promise<{ header: Canonical[]; body: Canonical; soapAction: unknown }> {
		sim.reset();
		await runIci(
			sim,
			{
				resource: 'system',
				operation,
				...LEAST[operation],
				...(additionalFields ? { additionalFields } : {}),
			},
			{
				continueOnFail: true,
				credentials: credentialsFor(sim, { language: 'EN', user: 'SYSTEM' }),
			},
		);
		const [request] = sim.requests.filter((r) => r.path === OII_DEFAULT_PATH);
		const tree = canonical(readResolved(request.body));
		return {
			header: tree.children!.find((c) => c.name.endsWith('}Header'))!.children!,
			body: bodyElement(tree),
			soapAction: request.headers.soapaction,
		};
	}

	it.each(SYSTEM_OPERATIONS.map((d) => [d.operation] as const))(
		'%s: minOccurs=1 elements always sent (xsi:nil when empty), optional ones only when given, in schema order',
		async (operation) => {
			const declared = requestOf(operation);
			for (const fields of [undefined, ALL[operation]]) {
				const { header, body, soapAction } = await sent(operation, fields);
				expect(soapAction).toBe(`"${ICI_INTERFACES.system.soapAction}"`);
				expect(header).toEqual([
					{ name: `{${SYSTEM_NS}}language`, text: 'EN' },
					{ name: `{${SYSTEM_NS}}user`, text: 'SYSTEM' },
				]);
				expect(body.name).toBe(`{${SYSTEM_NS}}${operation}`);
				const names = (body.children ?? []).map((c) => c.name);
				const expected = declared
					.filter(
						(d) =>
							d.minOccurs >= 1 ||
							fields !== undefined ||
							defOf(operation).params.find((p) => p.name === d.name)?.required,
					)
					.map((d) => `{${d.namespace}}${d.name}`);
				expect(names).toEqual(expected);
				for (const child of body.children ?? []) {
					const declaration = declared.find((d) => child.name === `{${d.namespace}}${d.name}`)!;
					if (child.nil !== undefined) expect(declaration.nillable).toBe(true);
					if (
						fields === undefined &&
						declaration.nillable &&
						!defOf(operation).params.find((p) => p.name === declaration.name)?.required
					) {
						// Nothing given: a nillable element goes as xsi:nil (users, a list, as an empty list).
						if (declaration.name === 'users') expect(child).toEqual({ name: child.name, text: '' });
						else expect(child).toEqual({ name: child.name, nil: 'true', text: '' });
					}
				}
			}
		},
	);
});

// ---------------------------------------------------------------------------------------------
// The filters and fields the WSDL adds, through the engine against the simulator

describe('SAP ICI node — getCallBacks and getPresenceQueueInfo filters, CallBack queue fields', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

	const SEEDED = '6F9619FF-8B86-D011-B42D-00C04FC964FF';
	const q = (id: string) => sim.state.queues.find((queue) => queue.id === id)!;

	async function create(number: string, queue: string): Promise<string> {
		const [created] = await ici(sim, {
			resource: 'system',
			operation: 'createCallBack',
			number,
			queue,
		});
		return String(created.id);
	}

	const callBacks = async (additionalFields: Fields = {}) =>
		await ici(sim, { resource: 'system', operation: 'getCallBacks', additionalFields });

	it('every callback carries the GUID and name of its queue, in the WSDL order', async () => {
		await create('+3584011', '2001');
		const all = await callBacks();
		expect(all.map((c) => [c.queueNumber, c.queueGuid, c.queueName])).toEqual([
			['600', q('600').guid, 'Callback'],
			['2001', q('2001').guid, 'Q 2001'],
		]);
		expect(Object.keys(all[0]).slice(0, 5)).toEqual([
			'id',
			'number',
			'queueGuid',
			'queueNumber',
			'queueName',
		]);
	});

	it('each filter narrows the list; several filters all apply; no match is an empty list', async () => {
		const a = await create('+3584011', '2001');
		const b = await create('+3584022', '2002');
		const c = await create('+3584011', '2002');
		const ids = async (filters: Fields) => (await callBacks(filters)).map((x) => x.id);
		expect(await ids({ id: a.toLowerCase() })).toEqual([a]);
		expect(await ids({ number: '+3584011' })).toEqual([a, c]);
		expect(await ids({ queueGuid: q('2002').guid.toLowerCase() })).toEqual([b, c]);
		expect(await ids({ queueNumber: '600' })).toEqual([SEEDED]);
		expect(await ids({ queueName: 'q 2001' })).toEqual([a]);
		expect(await ids({ number: '+3584011', queueNumber: '2002' })).toEqual([c]);
		expect(await ids({ queueName: 'Nobody' })).toEqual([]);
		// Only the filters given are sent, as the WSDL's optional elements, in its order.
		const last = iciRequests(sim).pop()!;
		expect(
			readResolved(last.body)
				.children.find((x) => x.name === 'Body')!
				.children[0].children.map((x) => [x.namespace, x.name, x.text]),
		).toEqual([[SYSTEM_NS, 'queueName', 'Nobody']]);
		const both = iciRequests(sim).at(-2)!;
		expect(Object.keys(both.message.element)).toEqual(['number', 'queueNumber']);
	});

	it('getPresenceQueueInfo: queueGuid, queueAddress and queueName pick queues of the channel', async () => {
		const queues = async (filters: Fields) => {
			const [info] = await ici(sim, {
				resource: 'system',
				operation: 'getPresenceQueueInfo',
				userId: 'HARRI',
				channelType: '1',
				additionalFields: filters,
			});
			return (info.queueInfo as IDataObject[]).map((x) => x.id);
		};
		expect(await queues({})).toEqual(['2001', '2002', '2003', '600']);
		expect(await queues({ queueGuid: q('2003').guid })).toEqual(['2003']);
		expect(await queues({ queueAddress: '2002' })).toEqual(['2002']);
		expect(await queues({ queueName: 'callback' })).toEqual(['600']);
		expect(await queues({ queueName: 'Q 2001', queueAddress: '2002' })).toEqual([]);
		// A queue of another channel is not found through a filter either.
		expect(await queues({ queueAddress: 'support@contact.example' })).toEqual([]);
		const sentFilters = readResolved(iciRequests(sim).pop()!.body).children.find(
			(x) => x.name === 'Body',
		)!.children[0].children;
		expect(sentFilters.map((x) => `{${x.namespace}}${x.name}`)).toEqual([
			`{${USER_NS}}userId`,
			`{${SYSTEM_NS}}channelType`,
			`{${SYSTEM_NS}}queueAddress`,
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// The simulator binds IciSystem as the OII does

interface Reply {
	status: number;
	body: string;
}

function post(url: string, body: string): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'text/xml; charset=utf-8',
					SOAPAction: `"${ICI_INTERFACES.system.soapAction}"`,
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

describe('OII simulator — IciSystem bound as its WSDL declares', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));
	beforeEach(() => sim.reset());

	it("the specification's exchangeProductInformation sample (unqualified iciVersion) is a SOAP Client fault", async () => {
		const reply = await post(
			sim.endpoint,
			fixture('system.exchangeProductInformation.request.xml'),
		);
		expect(reply.status).toBe(500);
		const message = readIciEnvelope(reply.body);
		expect(message.fault?.faultcode).toBe('soap:Client');
		expect(readIciErrorCodes(message.fault!)).toEqual({
			areaCode: 1,
			errorCode: 3,
			errorText:
				'iciVersion is required: the element sent is unqualified (xmlns=""), OII reads it in urn:IciSystemInterface',
			errorRetry: false,
		});
	});

	it('the WSDL form of the same request is answered', async () => {
		const body = writeIciEnvelope({
			namespace: SYSTEM_NS,
			operation: 'exchangeProductInformation',
			children: [{ name: 'iciVersion', value: '3.00' }],
			childForm: 'qualified',
			header: { namespace: SYSTEM_NS, language: 'EN', user: 'SYSTEM' },
		});
		const reply = await post(sim.endpoint, body);
		expect(reply.status).toBe(200);
		const message = readIciEnvelope(reply.body);
		expect(message.name).toBe('exchangeProductInformationResponse');
		// The answer in the WSDL's order, message first (nil).
		const response = readResolved(reply.body).children.find((c) => c.name === 'Body')!.children[0]
			.children[0];
		expect(response.children.map((c) => c.name)).toEqual(
			complexType('ici.ProductInformation').map((d) => d.name),
		);
		expect(response.children.every((c) => c.namespace === SYSTEM_NS)).toBe(true);
		expect(response.children.at(-1)!.text).toBe('3.00');
	});

	it('getPresenceQueueInfo with userId in the IciSystem namespace instead of urn:IciUserInterface is a SOAP Client fault', async () => {
		const body = writeIciEnvelope({
			namespace: SYSTEM_NS,
			operation: 'getPresenceQueueInfo',
			children: [
				{ name: 'userId', value: 'HARRI' },
				{ name: 'channelType', value: '1' },
			],
			childForm: 'qualified',
		});
		const reply = await post(sim.endpoint, body);
		expect(reply.status).toBe(500);
		const message = readIciEnvelope(reply.body);
		expect(message.fault?.faultcode).toBe('soap:Client');
		expect(readIciErrorCodes(message.fault!)?.errorText).toBe(
			'userId is required: the element sent is in namespace urn:IciSystemInterface, OII reads it in urn:IciUserInterface',
		);
	});

	it('a wrongly qualified optional filter is skipped, as XmlSerializer skips it: every callback comes back', async () => {
		await ici(sim, {
			resource: 'system',
			operation: 'createCallBack',
			number: '+3584011',
			queue: '2001',
		});
		const body = writeIciEnvelope({
			namespace: SYSTEM_NS,
			operation: 'getCallBacks',
			children: [{ name: 'queueNumber', value: '2001', namespace: '' }],
			childForm: 'qualified',
		});
		const reply = await post(sim.endpoint, body);
		expect(reply.status).toBe(200);
		const items = readResolved(reply.body).children.find((c) => c.name === 'Body')!.children[0]
			.children[0].children;
		expect(items).toHaveLength(2);
		// Each CallBack in the WSDL's sequence.
		expect(items[0].children.map((c) => c.name)).toEqual(
			complexType('CallBack').map((d) => d.name),
		);
		const qualified = await post(
			sim.endpoint,
			writeIciEnvelope({
				namespace: SYSTEM_NS,
				operation: 'getCallBacks',
				children: [{ name: 'queueNumber', value: '2001' }],
				childForm: 'qualified',
			}),
		);
		expect(
			readResolved(qualified.body).children.find((c) => c.name === 'Body')!.children[0].children[0]
				.children,
		).toHaveLength(1);
	});
});
