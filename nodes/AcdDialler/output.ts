import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { remoteError } from '../shared/errors';
import { limitProperty, returnAllProperty, type ParamReader } from '../shared/operations';
import type { JtelResponse } from './client';
import { SYSTEM_NAME } from './constants';

/**
 * Reading jtel answers. Lists come as an envelope (`filter`, `limitStart`, `limitPageSize`,
 * `records`, `count`, `orderBy`, `ascending`, `status`), single records as
 * `{ records: [ … ], count: 1, status: 200 }`, deletes as `{ status: 200 }`.
 */

export type Output = IDataObject | IDataObject[];

/** The answer's JSON object ({} for an empty body). */
export function body(response: JtelResponse): IDataObject {
	const data = response.data;
	if (data === undefined || data === null) return {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		throw remoteError('jtel answered with JSON that is not an object', {
			kind: 'response',
			system: SYSTEM_NAME,
			httpStatus: response.status,
			hint: 'The answer is not from the jtel REST API. Check the Server URL.',
		});
	}
	return data as IDataObject;
}

/** The `records` array of the answer. */
export function records(response: JtelResponse): IDataObject[] {
	if (response.data === undefined) {
		throw remoteError('jtel sent an empty answer where records were expected', {
			kind: 'response',
			system: SYSTEM_NAME,
			httpStatus: response.status,
			hint: 'The answer had no body. Check the Server URL.',
		});
	}
	const rows = body(response).records;
	if (!Array.isArray(rows)) {
		throw remoteError('jtel answered without a "records" array', {
			kind: 'response',
			system: SYSTEM_NAME,
			httpStatus: response.status,
			hint: 'The answer is not from the jtel REST API. Check the Server URL.',
		});
	}
	return rows.filter(
		(row): row is IDataObject => typeof row === 'object' && row !== null && !Array.isArray(row),
	);
}

/** The one record of a get-by-ID answer. */
export function singleRecord(response: JtelResponse, what: string): IDataObject {
	const [first] = records(response);
	if (!first) {
		throw remoteError(`jtel returned no ${what}`, {
			kind: 'response',
			system: SYSTEM_NAME,
			httpStatus: response.status,
			hint: 'The answer had an empty "records" array.',
		});
	}
	return first;
}

const keepEnvelopeField: INodeProperties = {
	displayName: 'Keep Envelope',
	name: 'keepEnvelope',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the whole answer (records, count, orderBy, status, …) as one item instead of one item per record',
};

/** Parameters of calls that answer with every matching record (no paging in the API). */
export const recordsFields: INodeProperties[] = [keepEnvelopeField];

const keepEnvelopeUnlimitedField: INodeProperties = {
	...keepEnvelopeField,
	description:
		'Whether to output the whole answer (records, count, orderBy, status, …) as one item instead of one item per record. Limit does not apply then.',
};

/** Parameters of Get Many: Return All / Limit (applied to the full answer), Keep Envelope. */
export const getManyFields: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	keepEnvelopeUnlimitedField,
];

/** One item per record, or the envelope as one item. */
export function readRecords(response: JtelResponse, params: ParamReader): Output {
	if (params.get<boolean>('keepEnvelope', false)) return body(response);
	return records(response);
}

/** Like {@link readRecords}, cut to Limit unless Return All is on. */
export function readGetMany(response: JtelResponse, params: ParamReader): Output {
	if (params.get<boolean>('keepEnvelope', false)) return body(response);
	const rows = records(response);
	if (params.get<boolean>('returnAll', false)) return rows;
	const limit = Number(params.get<number>('limit', 50));
	return rows.slice(0, Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : 50);
}

/** The output of a delete: success, the server's status and what was deleted. */
export function readDeleted(response: JtelResponse, deleted: IDataObject): IDataObject {
	const status = body(response).status;
	return {
		success: true,
		status: typeof status === 'number' ? status : response.status,
		...deleted,
	};
}
