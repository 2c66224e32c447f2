import type { IDataObject, INodeParameters } from 'n8n-workflow';

/** The per-item value in a user's expression. */
export const KEY_EXPRESSION = '{{ $json.key }}';

/**
 * Parameters of n8n's HTTP Request node (version 4.x) for an XML POST as a user sets it up:
 * the headers the API needs as name/value pairs, a raw `text/xml` body written as an expression
 * (the vendor's sample request with `{{ … }}` where the item's values go), every option left at
 * its default.
 */
export function xmlPost(
	url: string,
	headers: Record<string, string>,
	body: string,
): INodeParameters {
	return {
		method: 'POST',
		url,
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: {
			parameters: Object.entries(headers).map(([name, value]) => ({ name, value })),
		},
		sendBody: true,
		contentType: 'raw',
		rawContentType: 'text/xml; charset=utf-8',
		body: `=${body}`,
		options: {},
	};
}

/** A value inside the XML node's output (element names as the XML node keeps them, prefixes included). */
export function at(json: IDataObject, ...path: string[]): unknown {
	let value: unknown = json;
	for (const name of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[name];
	}
	return value;
}
