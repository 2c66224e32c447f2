import type { INodeProperties } from 'n8n-workflow';

/**
 * Functions whose URL the jtel documentation does not show are called at a path this pack chose
 * (each kept in one constant in constants.ts). The node says so next to the operation, and an
 * empty 404 from such a URL gets a hint that says what to do.
 */

/** What to do when a server does not know a chosen URL. */
export function chosenPathHint(path: string, constant: string): string {
	return (
		`jtel does not publish the URL of this function; the node calls ${path}. ` +
		'HTTP 404 without a body means this server offers it under another URL, or its release lacks it: ' +
		`ask jtel support for the URL and call it with the HTTP Request node, or have ${constant} in nodes/AcdDialler/constants.ts set to it.`
	);
}

/** The notice shown with an operation whose URL is a chosen one. */
export function chosenPathNotice(path: string, constant: string): INodeProperties {
	return {
		displayName: `The URL of this function is not published by jtel; the node calls ${path}. If the server answers "endpoint not available" (HTTP 404 without a body), ask jtel support for the URL and call it with the HTTP Request node, or have ${constant} in the node's constants set to it.`,
		name: 'chosenPathNotice',
		type: 'notice',
		default: '',
	};
}
