import type { SimRequest, SimResponse, SimServer, SimulatorDefinition } from './definition';
import { FaultError, parseFaultRequest } from './faults';
import { parseJsonBody } from './requests';
import { describeError, jsonResponse } from './responses';

/**
 * The control API every simulator serves under `/__sim/`: its state, a reset, and the queued
 * faults (list, add, clear).
 */

/** Answer a control request (a path under `CONTROL_PREFIX`) of a simulator's server. */
export function controlAnswer(
	request: SimRequest,
	server: SimServer,
	definition: SimulatorDefinition,
): SimResponse {
	const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sim/state':
			return jsonResponse(200, definition.dumpState?.() ?? {});
		case 'POST /__sim/reset':
			server.reset();
			return jsonResponse(200, { ok: true });
		case 'GET /__sim/faults':
			return jsonResponse(200, { faults: server.faults.list() });
		case 'DELETE /__sim/faults':
			return jsonResponse(200, { ok: true, cleared: server.faults.clear() });
		case 'POST /__sim/faults':
			return addFault(server, request.body);
		default:
			return jsonResponse(404, {
				Message: `Unknown control route ${route}. Available: GET /__sim/state, POST /__sim/reset, GET|POST|DELETE /__sim/faults`,
			});
	}
}

function addFault(server: SimServer, body: string): SimResponse {
	const parsed = parseJsonBody(body);
	if (!parsed.ok) return jsonResponse(400, { Message: `Invalid JSON: ${parsed.error}` });
	try {
		const { fault, options } = parseFaultRequest(parsed.value);
		return jsonResponse(201, { ok: true, fault: server.faults.add(fault, options) });
	} catch (error) {
		const text =
			error instanceof FaultError ? error.message : `Invalid fault: ${describeError(error)}`;
		return jsonResponse(400, { Message: text });
	}
}
