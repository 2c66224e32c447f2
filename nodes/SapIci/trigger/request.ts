import type { ServerResponse } from 'node:http';

import { SOAP_CONTENT_TYPE } from '../constants';
import { writeSoapFault } from '../../shared/transport/soap';
import { sendText } from '../../shared/webhookRequest';

/** The SOAP side of the trigger's answers (the generic HTTP side is nodes/shared/webhookRequest.ts). */

/** The largest event read: far above chapter 7.6's 1.5 kB typical and 15–20 kB with call attached data. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** An IciEvent answer (HTTP 200, `<…Response>` envelope). */
export function sendSoap(res: ServerResponse, envelope: string): void {
	sendText(res, 200, envelope, SOAP_CONTENT_TYPE);
}

/** A SOAP 1.1 Client fault (HTTP 500, as SOAP 1.1 answers faults). */
export function sendClientFault(res: ServerResponse, faultstring: string): void {
	sendText(
		res,
		500,
		writeSoapFault({ faultcode: 'soapenv:Client', faultstring }),
		SOAP_CONTENT_TYPE,
	);
}
