import { SapIciApi } from '../../credentials/SapIciApi.credentials';
import { OII_DEFAULT_PATH, SOAP_ACTION_PREFIX } from '../../nodes/SapIci/constants';
import { SapIci } from '../../nodes/SapIci/SapIci.node';
import { startOiiSimulator, type OiiSimulator } from '../../simulators/oii';
import { at, KEY_EXPRESSION, xmlPost } from '../lib/httpRequestNode';
import type { BenchSim, BenchTransport } from '../lib/types';

/** The agent line the bench's calls ring on (a seeded user's phone address). */
const LINE = '+129';
const CALLS = 3;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The IciPhoneCall getAttributes request on the bench's line, with the call handle given as XML text (or an n8n expression). */
const getAttributesBody = (callHandle: string) =>
	[
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">',
		'    <soap:Body>',
		'        <getAttributes xmlns="urn:IciPhoneCallInterface">',
		`            <lineNumber>${escapeXml(LINE)}</lineNumber>`,
		`            <callHandle>${callHandle}</callHandle>`,
		'        </getAttributes>',
		'    </soap:Body>',
		'</soap:Envelope>',
	].join('\n');

/** SAP Contact Center ICI over SOAP: IciPhoneCall getAttributes. */
export const sapIciSoap: BenchTransport = {
	name: 'sap-ici-soap',
	operation: 'SAP ICI Phone Call Get Attributes (SOAP, IciPhoneCall.getAttributes)',
	async start({ tls }): Promise<BenchSim> {
		// Passed through when the simulator serves HTTPS; otherwise it answers on http:// and the HTTPS figures are left out.
		const sim = await startOiiSimulator({ deliverEvents: false, tls });
		for (let n = 0; n < CALLS; n++)
			sim.placeCall({ to: LINE, from: `+49301234${String(n).padStart(3, '0')}` });
		return sim;
	},
	keys: (sim) =>
		[...(sim as OiiSimulator).state.items.values()]
			.filter((item) => item.channel === 1 && item.containerId === LINE)
			.map((item) => item.id),
	node: {
		type: () => new SapIci(),
		credentialTypes: () => [new SapIciApi()],
		credentials: (url, tls) => ({
			sapIciApi: { url: `${url}${OII_DEFAULT_PATH}`, authentication: 'none', ignoreSslIssues: tls },
		}),
		parameters: {
			resource: 'phoneCall',
			operation: 'getAttributes',
			lineNumber: LINE,
			callHandle: '={{ $json.key }}',
		},
	},
	request: (url, key) => ({
		method: 'POST',
		url: `${url}${OII_DEFAULT_PATH}`,
		headers: {
			Accept: 'text/xml',
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: `"${SOAP_ACTION_PREFIX}IciPhoneCallBean"`,
		},
		body: getAttributesBody(escapeXml(key)),
	}),
	httpRequestNode: (url) =>
		xmlPost(
			`${url}${OII_DEFAULT_PATH}`,
			{ SOAPAction: `"${SOAP_ACTION_PREFIX}IciPhoneCallBean"` },
			getAttributesBody(KEY_EXPRESSION),
		),
	httpRequestAnswered: (json, key) =>
		at(json, 'soap:Envelope', 'soap:Body', 'getAttributesResponse', 'response', 'callHandle') ===
		key,
	json: false,
};
