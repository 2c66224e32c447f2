'use strict';
/**
 * What the pack declares to n8n: the node and credential classes listed under `n8n` in
 * package.json, read from the built dist/ (the same files the tarball carries).
 */
const path = require('node:path');

const { PACKAGE_NAME, ROOT } = require('../n8n-env');
const { readJson } = require('./util');

function instances(file) {
	const absolute = path.join(ROOT, file);
	const exported = require(absolute);
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	if (classes.length === 0) throw new Error(`${file} exports no class`);
	return classes.map((Class) => new Class());
}

/** The description that holds the properties (the default version's for a versioned node). */
function currentDescription(node) {
	if (node.nodeVersions && node.description?.defaultVersion !== undefined) {
		const current = node.nodeVersions[node.description.defaultVersion];
		return { ...node.description, ...current.description };
	}
	return node.description;
}

/**
 * @returns {{ nodes: Array<{type: string, name: string, displayName: string, isTrigger: boolean,
 *   resources: Array<{name: string, value: string}>, defaultResource?: string, file: string}>,
 *   credentials: Array<{name: string, displayName: string, file: string}> }}
 */
function packTypes() {
	const manifest = readJson(path.join(ROOT, 'package.json'));
	const declared = manifest.n8n || {};
	const nodes = [];
	for (const file of declared.nodes || []) {
		for (const node of instances(file)) {
			const description = currentDescription(node);
			const resource = (description.properties || []).find(
				(p) => p.name === 'resource' && p.type === 'options',
			);
			const group = description.group || [];
			nodes.push({
				type: `${PACKAGE_NAME}.${description.name}`,
				name: description.name,
				displayName: description.displayName,
				isTrigger: group.includes('trigger') || Boolean(node.webhook || node.trigger || node.poll),
				resources: resource ? resource.options.map((o) => ({ name: o.name, value: o.value })) : [],
				defaultResource: resource ? resource.default : undefined,
				file,
			});
		}
	}
	const credentials = [];
	for (const file of declared.credentials || []) {
		for (const credential of instances(file)) {
			credentials.push({ name: credential.name, displayName: credential.displayName, file });
		}
	}
	return { nodes, credentials, declared };
}

module.exports = { packTypes };
