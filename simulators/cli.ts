import {
	AKIXI_SIM_API_KEY,
	AKIXI_SIM_PASSWORD,
	AKIXI_SIM_SESSION_ID,
	AKIXI_SIM_USERNAME,
	startAkixiSimulator,
} from './akixi';
import { JTEL_SIM_CLIENTS_ID, JTEL_SIM_TOKEN, startJtelSimulator } from './jtel';
import { startOiiSimulator } from './oii';
import type { SimServer } from './shared/httpServer';
import { startTvoxSimulator } from './tvox';

/**
 * `node dist/simulators/cli.js`: starts every simulator of the pack on fixed loopback ports and
 * prints their URLs and credentials. Stops on SIGINT / SIGTERM.
 *
 * Environment: SIM_HOST (default 127.0.0.1), AKIXI_SIM_PORT / TVOX_SIM_PORT / OII_SIM_PORT /
 * JTEL_SIM_PORT (defaults 8091–8094), SIM_TLS=1 to serve HTTPS with a self-signed certificate
 * generated at start (turn on "Ignore SSL Issues" in the credentials).
 */

interface SimulatorEntry {
	name: string;
	portVariable: string;
	defaultPort: number;
	start(host: string, port: number, tls: boolean): Promise<{ server: SimServer; lines: string[] }>;
}

/** One row per simulator: Akixi 8091, TVox 8092, SAP OII 8093, jtel 8094 (each overridable by its variable). */
const SIMULATORS: SimulatorEntry[] = [
	{
		name: 'Akixi',
		portVariable: 'AKIXI_SIM_PORT',
		defaultPort: 8091,
		start: async (host, port, tls) => {
			const sim = await startAkixiSimulator({ host, port, tls });
			return {
				server: sim,
				lines: [
					`XML Web Services URL: ${sim.wsUrl}`,
					`REST base URL:        ${sim.restBaseUrl}`,
					`Session ID:           ${AKIXI_SIM_SESSION_ID}`,
					`API key (x-api-key):  ${AKIXI_SIM_API_KEY}`,
					`Username / password:  ${AKIXI_SIM_USERNAME} / ${AKIXI_SIM_PASSWORD}`,
				],
			};
		},
	},
	{
		name: 'TVox MultiChannel Connector',
		portVariable: 'TVOX_SIM_PORT',
		defaultPort: 8092,
		start: async (host, port, tls) => {
			const sim = await startTvoxSimulator({ host, port, tls });
			return {
				server: sim,
				lines: [
					`SOAP endpoint:        ${sim.soapUrl}`,
					`WSDL:                 ${sim.wsdlUrl}`,
					`REST / JSON base URL: ${sim.restBaseUrl}`,
					`WADL:                 ${sim.wadlUrl}`,
					`Credential host:      ${sim.url} (no authentication)`,
				],
			};
		},
	},
	{
		name: 'SAP Contact Center OII',
		portVariable: 'OII_SIM_PORT',
		defaultPort: 8093,
		start: async (host, port, tls) => {
			const sim = await startOiiSimulator({ host, port, tls });
			return {
				server: sim,
				lines: [
					`OII endpoint URL:     ${sim.endpoint}`,
					`Users / lines:        HARRI +129, ANNA +130, MIKA +131 (cmsHostId ${sim.state.cmsHostId})`,
					`OII control:          ${sim.url}/__oii/`,
				],
			};
		},
	},
	{
		name: 'jtel ACD / Dialler',
		portVariable: 'JTEL_SIM_PORT',
		defaultPort: 8094,
		start: async (host, port, tls) => {
			const sim = await startJtelSimulator({ host, port, tls });
			return {
				server: sim,
				lines: [
					`Server URL:           ${sim.url}`,
					`ClientsID:            ${JTEL_SIM_CLIENTS_ID}`,
					`Token (Bearer):       ${JTEL_SIM_TOKEN}`,
					`REST base URL:        ${sim.baseUrl}`,
				],
			};
		},
	},
];

function out(text: string): void {
	process.stdout.write(`${text}\n`);
}

function portFrom(variable: string, fallback: number): number {
	const raw = process.env[variable];
	if (raw === undefined || raw.trim() === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`${variable} must be a port number from 0 to 65535, not '${raw}'`);
	}
	return port;
}

async function main(): Promise<void> {
	const host = process.env.SIM_HOST?.trim() || '127.0.0.1';
	const tls = ['1', 'true', 'yes'].includes((process.env.SIM_TLS ?? '').trim().toLowerCase());
	const running: SimServer[] = [];
	const stop = async (signal: string) => {
		out(`\n${signal}: stopping simulators…`);
		await Promise.all(running.map((server) => server.close()));
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
	for (const entry of SIMULATORS) {
		const { server, lines } = await entry.start(
			host,
			portFrom(entry.portVariable, entry.defaultPort),
			tls,
		);
		running.push(server);
		out(`${entry.name} simulator: ${server.url}`);
		for (const line of lines) out(`  ${line}`);
		out(`  Control API:          ${server.url}/__sim/state | /__sim/reset | /__sim/faults`);
		out('');
	}
	if (tls)
		out('HTTPS with a self-signed certificate: turn on "Ignore SSL Issues" in the credentials.');
	out('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
	process.stderr.write(
		`Simulators failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
	);
	process.exit(1);
});
