import { readIciEnvelope } from '../../nodes/SapIci/envelope';
import { embedXmlContent } from '../../nodes/SapIci/embeddedXml';
import { readIciEvent, writeIciEventAnswer } from '../../nodes/SapIci/events';
import { escapeXml } from '../../nodes/shared/xml';
import type { OiiSimulator } from '../../simulators/oii';
import type { TriggerHarness } from '../harness';
import { runIci } from '../sapIci/helpers';
import { appUrlOf, emittedJson, fixture, post, startSim, startTrigger, stopSim } from './helpers';

/**
 * Attached data is an xs:string holding an XML document. OII sends it escaped (or as CDATA), and
 * chapter 9.3.8.4's actionItemChanged sample carries the document's elements themselves, after an
 * XML declaration. Every form reads into the same `attachedData` text and `attachedDataJson`, in
 * events and in answers alike; nothing silently becomes null.
 */

const RAW_SAMPLE = fixture('event.actionItemChanged.raw-attached-data.request.xml');

/** What chapter 9.3.8.4's attached data holds, read per Application id. */
const SAMPLE_JSON = {
	RRequestedSkills: {},
	actionItemAttributes: {
		TO_ADDRESS: 'ERMS@505.Q6D.R3.SAP-AG.DE',
		TO_NAME: 'ERMS@505.Q6D.R3.SAP-AG.DE',
		SENSITIVITY: '',
		SEND_DATE: '20080128234007 ',
		SUBJECT: 'Test Octavian',
	},
};

const DOCUMENT = [
	'<ItemAttachedData>',
	'<Application id="CRM"><BUPA>0000004711</BUPA><NOTE>A &amp; B &lt;C&gt; "q" \'a\' ü €</NOTE></Application>',
	'<Application id="IVR"><Menu>2</Menu><Menu>4</Menu></Application>',
	'</ItemAttachedData>',
].join('\n');
const DOCUMENT_JSON = {
	CRM: { BUPA: '0000004711', NOTE: 'A & B <C> "q" \'a\' ü €' },
	IVR: { Menu: ['2', '4'] },
};

/** A phoneCallChanged whose attached data is written as `content`, inside `<{prefix}attachedData…>`. */
function phoneCallChanged(content: string, prefix = '', attributes = ''): string {
	const ns = prefix ? ` xmlns:${prefix.slice(0, -1)}="urn:IciEventInterface"` : '';
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>',
		`<phoneCallChanged xmlns="urn:IciEventInterface"${ns}><appIds><item>app-1</item></appIds>`,
		'<phoneCall><lineNumber>+129</lineNumber><callHandle>c-1</callHandle>',
		'<callStatus><id>3</id><description>Alerting</description></callStatus>',
		`<${prefix}attachedData${attributes}>${content}</${prefix}attachedData>`,
		'<inbound>true</inbound></phoneCall></phoneCallChanged></soap:Body></soap:Envelope>',
	].join('');
}

function phoneCallOf(xml: string): Record<string, unknown> {
	return readIciEvent(xml).phoneCall as Record<string, unknown>;
}

describe('attached data in every form the specification shows', () => {
	it("chapter 9.3.8.4's sample (elements after an iso-8859-1 declaration) gives the text and the JSON, not null", () => {
		const event = readIciEvent(RAW_SAMPLE);
		const session = event.actionSession as Record<string, unknown>;
		expect(session.attachedDataJson).toEqual(SAMPLE_JSON);
		expect(session.attachedDataError).toBeUndefined();
		const text = String(session.attachedData);
		expect(text.startsWith('<?xml version="1.0" encoding="iso-8859-1"?>')).toBe(true);
		expect(text.endsWith('</ItemAttachedData>')).toBe(true);
		// The other fields of the sample are read as before.
		expect(event.appIds).toEqual(['479E5A480CD25382E1000000A4241B7']);
		expect(session.actionParticipants).toEqual(['GENTEST2']);
		expect(session.capabilityList).toEqual([1, 2, 6, 7, 8, 403]);
		expect(session.actionStatus).toMatchObject({ id: '3', description: 'Alerting' });
		expect(session.FROM_ADDRESS).toBe('leo.flores@SAP.COM');
	});

	const declarations = [
		'',
		'<?xml version="1.0"?>',
		'<?xml version="1.0" encoding="utf-8"?>',
		'<?xml version="1.0" encoding="iso-8859-1"?>',
		"<?xml version='1.0' encoding='windows-1252' standalone='yes'?>",
		'<?xml version="1.0" encoding="UTF-16"?>',
	];
	it.each(declarations)(
		'escaped text, CDATA and elements read the same (declaration: %s)',
		(declaration) => {
			const document = declaration ? `${declaration}\n${DOCUMENT}` : DOCUMENT;
			const forms = {
				escaped: phoneCallOf(phoneCallChanged(escapeXml(document))),
				cdata: phoneCallOf(phoneCallChanged(`<![CDATA[${document}]]>`)),
				elements: phoneCallOf(phoneCallChanged(document)),
				indented: phoneCallOf(phoneCallChanged(`\n      ${document}\n    `)),
				prefixed: phoneCallOf(
					phoneCallChanged(
						document,
						'evt:',
						' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" note=">"',
					),
				),
			};
			for (const [form, call] of Object.entries(forms)) {
				expect([form, call.attachedData]).toEqual([form, document]);
				expect([form, call.attachedDataJson]).toEqual([form, DOCUMENT_JSON]);
				expect([form, call.attachedDataError]).toEqual([form, undefined]);
				expect([form, call.callHandle, call.inbound]).toEqual([form, 'c-1', true]);
			}
		},
	);

	it('empty, nil and text-only attached data keep their meaning', () => {
		expect(phoneCallOf(phoneCallChanged('')).attachedData).toBe('');
		expect(phoneCallOf(phoneCallChanged('')).attachedDataJson).toBeNull();
		const nil = phoneCallChanged('').replace(
			'<attachedData></attachedData>',
			'<attachedData xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
		);
		expect(phoneCallOf(nil).attachedDataJson).toBeNull();
		const text = phoneCallOf(phoneCallChanged('not xml &amp; no elements'));
		expect(text.attachedData).toBe('not xml & no elements');
		expect(text.attachedDataJson).toBeNull();
		expect(String(text.attachedDataError)).toMatch(/not XML/);
	});

	it('element content is only rewritten where it holds markup; other documents come back unchanged', () => {
		const plain = phoneCallChanged(escapeXml(DOCUMENT));
		expect(embedXmlContent(plain)).toBe(plain);
		const unrelated = '<a><attachedDataX><b/></attachedDataX><x>attachedData</x></a>';
		expect(embedXmlContent(unrelated)).toBe(unrelated);
		const nested = phoneCallChanged(
			'<ItemAttachedData><Application id="A"><attachedData>inner</attachedData></Application></ItemAttachedData>',
		);
		expect(phoneCallOf(nested).attachedDataJson).toEqual({ A: { attachedData: 'inner' } });
	});

	it('element content that is not well-formed XML makes the document malformed', () => {
		expect(() =>
			readIciEnvelope(
				phoneCallChanged('<ItemAttachedData><Application id="A"></ItemAttachedData>'),
			),
		).toThrow(/Malformed XML in <attachedData>/);
		expect(() =>
			readIciEnvelope(phoneCallChanged('<!DOCTYPE x [<!ENTITY a "b">]><ItemAttachedData/>')),
		).toThrow(/DOCTYPE or ENTITY/);
		expect(() => readIciEnvelope(phoneCallChanged('<ItemAttachedData/><Second/>'))).toThrow(
			/Malformed XML in <attachedData>/,
		);
	});
});

describe('SAP ICI Trigger: attached data as OII posts it', () => {
	let sim: OiiSimulator;
	let trigger: TriggerHarness;
	beforeAll(async () => {
		sim = await startSim();
		trigger = await startTrigger(sim, { userIds: ['HARRI'] });
		await trigger.activate();
	});
	afterAll(async () => {
		await trigger.close();
		await stopSim(sim);
	});

	it("chapter 9.3.8.4's sample is answered and its item carries the attached data", async () => {
		const reply = await post(appUrlOf(trigger), RAW_SAMPLE);
		await trigger.settled();
		expect([reply.status, reply.body]).toEqual([200, writeIciEventAnswer('actionItemChanged')]);
		const [item] = emittedJson(trigger).slice(-1);
		const session = item.actionSession as Record<string, unknown>;
		expect(item.event).toBe('actionItemChanged');
		expect(session.attachedDataJson).toEqual(SAMPLE_JSON);
		expect(String(session.attachedData)).toMatch(
			/^<\?xml version="1.0" encoding="iso-8859-1"\?>\s*<ItemAttachedData>/,
		);
	});

	it('malformed attached data elements get a SOAP Client fault, and the next event is served', async () => {
		const runs = trigger.runs.length;
		const bad = await post(
			appUrlOf(trigger),
			phoneCallChanged('<ItemAttachedData><Application id="A">'),
		);
		await trigger.settled();
		expect(bad.status).toBe(500);
		expect(readIciEnvelope(bad.body).fault).toMatchObject({
			faultcode: expect.stringMatching(/Client$/),
		});
		expect(readIciEnvelope(bad.body).fault?.faultstring).toMatch(/^Not an IciEvent message: /);
		expect(trigger.runs).toHaveLength(runs);
		const good = await post(appUrlOf(trigger), phoneCallChanged(DOCUMENT));
		await trigger.settled();
		expect([good.status, good.body]).toEqual([200, writeIciEventAnswer('phoneCallChanged')]);
		expect(trigger.runs).toHaveLength(runs + 1);
		const [item] = emittedJson(trigger).slice(-1);
		expect((item.phoneCall as Record<string, unknown>).attachedDataJson).toEqual(DOCUMENT_JSON);
	});
});

describe('SAP ICI node: answers carrying attached data as elements', () => {
	let sim: OiiSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => stopSim(sim));

	it('IciItem.getAttachedData answered with the document as elements gives the same output as escaped', async () => {
		const answer = (content: string) =>
			[
				'<?xml version="1.0" encoding="utf-8"?>',
				'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>',
				`<getAttachedDataResponse xmlns="urn:IciItemInterface"><response>${content}</response></getAttachedDataResponse>`,
				'</soap:Body></soap:Envelope>',
			].join('');
		const outputs = [];
		for (const content of [
			escapeXml(DOCUMENT),
			`<?xml version="1.0" encoding="iso-8859-1"?>\n${DOCUMENT}`,
		]) {
			sim.faults.add({
				kind: 'status',
				status: 200,
				body: answer(content),
				contentType: 'text/xml; charset=utf-8',
			});
			const result = await runIci(sim, {
				resource: 'item',
				operation: 'getAttachedData',
				itemId: 'c-1',
			});
			expect(result.error).toBeUndefined();
			outputs.push(result.items.map((i) => i.json));
		}
		expect(outputs[0][0]).toMatchObject({
			attachedData: DOCUMENT,
			attachedDataJson: DOCUMENT_JSON,
		});
		expect(outputs[1][0]).toMatchObject({ attachedDataJson: DOCUMENT_JSON });
		expect(String(outputs[1][0].attachedData)).toBe(
			`<?xml version="1.0" encoding="iso-8859-1"?>\n${DOCUMENT}`,
		);
	});
});
