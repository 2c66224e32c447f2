'use strict';
/**
 * One row per contact-center system of the pack: its simulator (started by
 * dist/simulators/cli.js, which reads the port variable), and the n8n credentials that point at it.
 *
 * Adding a system: add its row here (port variable and default port as in simulators/cli.ts, an
 * e2e port, and the credential data), then put its example workflow into examples/ and its
 * output checks into test/e2e/examples.e2e.js. Credential ids are fixed so that the example
 * workflows can name them.
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @typedef {object} SystemRow
 * @property {string} key              short name, used in file names
 * @property {string} name             as printed by the simulator CLI ("<name> simulator: <url>")
 * @property {string} portVariable     environment variable the simulator CLI reads
 * @property {number} port             port for `npm start`
 * @property {number} e2ePort          port for `npm run e2e`
 * @property {(url: string) => Array<{id: string, name: string, type: string, data: object}>} credentials
 */

/** The built simulators' exports (seed credentials): dist/simulators/index.js. */
function simulatorExports() {
	return require(path.join(ROOT, 'dist', 'simulators', 'index.js'));
}

/** @type {SystemRow[]} */
const SYSTEMS = [
	{
		key: 'akixi',
		name: 'Akixi',
		portVariable: 'AKIXI_SIM_PORT',
		port: 8091,
		e2ePort: 18091,
		credentials: (url) => {
			const sim = simulatorExports();
			return [
				{
					id: 'akixiSimCred0001',
					name: 'Akixi simulator',
					type: 'akixiApi',
					data: {
						baseUrl: url,
						wsUrl: '',
						authentication: 'usernamePassword',
						username: sim.AKIXI_SIM_USERNAME,
						password: sim.AKIXI_SIM_PASSWORD,
						ignoreSslIssues: false,
					},
				},
			];
		},
	},
	{
		key: 'jtel',
		name: 'jtel ACD / Dialler',
		portVariable: 'JTEL_SIM_PORT',
		port: 8094,
		e2ePort: 18094,
		credentials: (url) => {
			const sim = simulatorExports();
			return [
				{
					id: 'jtelSimCred00001',
					name: 'jtel simulator',
					type: 'acdDiallerApi',
					data: {
						serverUrl: url,
						clientsId: String(sim.JTEL_SIM_CLIENTS_ID),
						token: sim.JTEL_SIM_TOKEN,
						ignoreSslIssues: false,
					},
				},
			];
		},
	},
	{
		key: 'tvox',
		name: 'TVox MultiChannel Connector',
		portVariable: 'TVOX_SIM_PORT',
		port: 8092,
		e2ePort: 18092,
		// the simulator asks for no authentication; SOAP goes through the WSDL client
		credentials: (url) => [
			{
				id: 'tvoxSimCred00001',
				name: 'TVox simulator (SOAP)',
				type: 'tvoxMccApi',
				data: {
					baseUrl: url,
					protocol: 'soap',
					authentication: 'none',
					username: '',
					password: '',
					ignoreSslIssues: false,
					timeout: 30000,
				},
			},
		],
	},
	{
		key: 'oii',
		name: 'SAP Contact Center OII',
		portVariable: 'OII_SIM_PORT',
		port: 8093,
		e2ePort: 18093,
		// the OII endpoint is <url>/OII/OII.asmx; the simulator asks for no authentication
		credentials: (url) => [
			{
				id: 'oiiSimCred000001',
				name: 'SAP OII simulator',
				type: 'sapIciApi',
				data: {
					url: `${url}/OII/OII.asmx`,
					authentication: 'none',
					username: '',
					password: '',
					language: '',
					user: '',
					ignoreSslIssues: false,
					timeout: 30000,
				},
			},
		],
	},
];

module.exports = { SYSTEMS };
