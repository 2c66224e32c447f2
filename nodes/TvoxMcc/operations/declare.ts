import type { IDataObject } from 'n8n-workflow';

import { declarer, type ParamReader } from '../../shared/operations';
import { readResult } from './results';
import { soapNameVariants } from './soapNames';
import type { TvoxArgument, TvoxMethod, TvoxRequest, TvoxResponse } from './types';

/** What a TVox operation states besides its header: the method, its arguments and its output. */
export interface TvoxSpec {
	method: TvoxMethod;
	/** The method's arguments from the item's parameters. */
	args(params: ParamReader): TvoxArgument[];
	/** The output of a SUCCESS result, when it is not the clean result itself. */
	output?(result: IDataObject, params: ParamReader): IDataObject | IDataObject[];
}

/**
 * Declares a TVox operation: the request is the method with its arguments; the answer is read
 * by {@link readResult}, then shaped by `output` when the method has one.
 */
export const declareTvox = declarer<TvoxSpec, TvoxRequest, TvoxResponse, { method: TvoxMethod }>(
	(spec) => {
		const method: TvoxMethod = spec.method.soapNameUnpublished
			? { ...spec.method, soapVariants: soapNameVariants(spec.method) }
			: spec.method;
		return {
			method,
			request: (params) => ({ method, args: spec.args(params) }),
			read: (response, params) => {
				const out = readResult(method, response, params);
				if (Array.isArray(out) || out.result !== 'SUCCESS' || !spec.output) return out;
				return spec.output(out, params);
			},
		};
	},
);
