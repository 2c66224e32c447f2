import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TvoxMccApi } from '../../credentials/TvoxMccApi.credentials';
import { restQuery, tvoxBaseUrl, unwrapResult } from '../../nodes/TvoxMcc/client';
import { ALL_ENUMS, isTransientFailReason } from '../../nodes/TvoxMcc/enums';
import {
	cleanResult,
	OPERATIONS,
	readStateMap,
	serviceCodes,
} from '../../nodes/TvoxMcc/operations';
import { TvoxMcc } from '../../nodes/TvoxMcc/TvoxMcc.node';
import seedEnums from '../fixtures/tvoxMcc/seed-enums.json';
import seedOperations from '../fixtures/tvoxMcc/seed-operations.json';

type SeedOperation = (typeof seedOperations)[keyof typeof seedOperations];

const node = new TvoxMcc();
const NODE_DIR = path.join(__dirname, '../../nodes/TvoxMcc');

/** UI name of a documented request parameter. */
const UI_NAME: Record<string, string> = { serviceid: 'serviceCode' };

function propertiesOf(operation: string): INodeProperties[] {
	return node.description.properties.filter((p) =>
		p.displayOptions?.show?.operation?.includes(operation),
	);
}

describe('the eight methods are declared as the MCC documentation describes them', () => {
	const entries = Object.entries(seedOperations) as Array<[string, SeedOperation]>;

	it('one declaration per documented method, in documented order', () => {
		expect(OPERATIONS.map((op) => op.method.soapOperation)).toEqual(Object.keys(seedOperations));
		expect(OPERATIONS.map((op) => op.value)).toEqual(Object.keys(seedOperations));
	});

	it.each(entries)(
		'%s: REST path and method, result type, parameters and result fields',
		(name, seed) => {
			const op = OPERATIONS.find((o) => o.value === name)!;
			const method = op.method;
			if ('soapOperation' in seed && seed.soapOperation)
				expect(method.soapOperation).toBe(seed.soapOperation);
			expect(method.rest).toEqual(seed.rest);
			expect(method.resultType).toBe(seed.resultType);
			expect(method.parameters).toEqual(seed.request.map((p) => p.name));
			const documentedFields = seed.response.length
				? seed.response.map((f) => f.name)
				: ['result', 'failReason', 'failReasonMessage'];
			expect(method.fields.map((f) => f.name)).toEqual(documentedFields);
			const failReasonType =
				seed.response.find((f) => f.name === 'failReason')?.type ??
				'LogoutAgentResultFailReasonCode';
			expect(method.failReasons.name).toBe(failReasonType);
		},
	);

	it.each(entries)(
		'%s: every request property has a field, required where the documentation says so',
		(name, seed) => {
			const properties = propertiesOf(name);
			for (const param of seed.request) {
				const uiName = UI_NAME[param.name] ?? param.name;
				const topLevel = properties.find((p) => p.name === uiName);
				const optional = properties
					.filter((p) => p.type === 'collection')
					.flatMap((p) => p.options as INodeProperties[])
					.find((p) => p.name === uiName);
				if (param.required) {
					expect(topLevel?.required).toBe(true);
				} else {
					expect(topLevel !== undefined || optional !== undefined).toBe(true);
					expect(topLevel?.required ?? false).toBe(false);
				}
			}
		},
	);
});

describe('enumerations', () => {
	it('every table has every documented value with its documented meaning', () => {
		expect(Object.fromEntries(ALL_ENUMS.map((t) => [t.name, t.values]))).toEqual(seedEnums);
	});

	it('the server errors are the transient ones', () => {
		const all = [...new Set(ALL_ENUMS.flatMap((t) => t.values.map((v) => v.value)))];
		const transient = all.filter(isTransientFailReason).sort();
		expect(transient).toEqual([
			'DATABASE_ERROR',
			'INVALID_RESPONSE',
			'LOGOUT_ASTERISK_ERROR',
			'LOGOUT_DATABASE_ERROR',
			'LOGOUT_EXTENSION_ERROR',
			'LOGOUT_LICENSE_ERROR',
			'LOGOUT_TWIN_ERROR',
			'LOGOUT_UNKNOWN_ERROR',
			'LOGOUT_USERNAME_ERROR',
			'TIMEOUT_EXCEEDED',
		]);
		for (const code of transient) {
			const meanings = ALL_ENUMS.flatMap((t) => t.values).filter((v) => v.value === code);
			for (const { description } of meanings) expect(description).toMatch(/^Server error : /);
		}
	});

	it("the close reasons are the node's options", () => {
		const reason = propertiesOf('closeSession').find((p) => p.name === 'reason')!;
		expect((reason.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(
			seedEnums.Reason.map((v) => v.value).sort(),
		);
	});
});

describe('node description', () => {
	const description = node.description;

	it('is an action node usable as a tool, with subtitle, icons and credential test', () => {
		expect(description).toMatchObject({
			name: 'tvoxMcc',
			displayName: 'TVox MCC',
			usableAsTool: true,
			subtitle: expect.stringContaining('$parameter["operation"]'),
			credentials: [{ name: 'tvoxMccApi', required: true, testedBy: 'tvoxMccApiTest' }],
		});
		expect(typeof node.methods.credentialTest.tvoxMccApiTest).toBe('function');
		const icon = description.icon as { light: string; dark: string };
		const light = readFileSync(path.join(NODE_DIR, icon.light.replace('file:', '')), 'utf8');
		const dark = readFileSync(path.join(NODE_DIR, icon.dark.replace('file:', '')), 'utf8');
		expect(light).toMatch(/^<svg/);
		expect(dark).toMatch(/^<svg/);
		expect(light).not.toBe(dark);
	});

	it('has a codex in the Communication category', () => {
		const codexPath = path.join(NODE_DIR, 'TvoxMcc.node.json');
		expect(existsSync(codexPath)).toBe(true);
		const codex = JSON.parse(readFileSync(codexPath, 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-contact-center.tvoxMcc',
			categories: ['Communication'],
		});
	});

	it('offers the documented channels, sorted, with expressions allowed', () => {
		const channel = propertiesOf('startSession').find((p) => p.name === 'channelId')!;
		expect(channel.noDataExpression).toBeUndefined();
		expect(channel.options).toEqual([
			{ name: 'Custom Channel 1', value: 1 },
			{ name: 'Custom Channel 2', value: 2 },
			{ name: 'Custom Channel 3', value: 3 },
			{ name: 'LiveHelp', value: 1003 },
		]);
	});

	it('has every option list sorted by name and a default on every field', () => {
		const check = (properties: INodeProperties[]) => {
			for (const property of properties) {
				expect(property).toHaveProperty('default');
				if (property.type === 'options' || property.type === 'multiOptions') {
					const names = (property.options as INodePropertyOptions[]).map((o) => o.name);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
				if (property.type === 'collection') check(property.options as INodeProperties[]);
			}
		};
		check(description.properties);
	});

	it('has the failure option beside the common timeout and concurrency options', () => {
		const options = description.properties.find((p) => p.name === 'options')!;
		expect(
			(options.options as INodeProperties[]).map((o) => [o.displayName, o.name, o.default]),
		).toEqual([
			['Concurrent Requests', 'concurrency', 1],
			['Return Failures as Output Instead of Errors', 'returnFailures', false],
			['Timeout (Ms)', 'timeout', 30000],
		]);
	});
});

describe('credential', () => {
	const credential = new TvoxMccApi();

	it('names host, protocol, optional Basic authentication, SSL and timeout', () => {
		expect(credential.name).toBe('tvoxMccApi');
		expect(credential.properties.map((p) => [p.name, p.default])).toEqual([
			['baseUrl', ''],
			['protocol', 'soap'],
			['authentication', 'none'],
			['username', ''],
			['password', ''],
			['ignoreSslIssues', false],
			['timeout', 30000],
		]);
		expect(credential.properties.find((p) => p.name === 'password')?.typeOptions?.password).toBe(
			true,
		);
		const protocol = credential.properties.find((p) => p.name === 'protocol')!;
		expect((protocol.options as INodePropertyOptions[]).map((o) => o.value)).toEqual([
			'rest',
			'soap',
		]);
	});
});

describe('reading answers', () => {
	it.each([
		['tvox.example.com', 'https://tvox.example.com'],
		['10.0.0.5', 'https://10.0.0.5'],
		['http://10.0.0.5/', 'http://10.0.0.5'],
		['https://tvox.example.com/mc/cxf/soap?wsdl', 'https://tvox.example.com'],
		['https://tvox.example.com/mc/cxf/rest/json/', 'https://tvox.example.com'],
		['https://tvox.example.com/mc/cxf/rest', 'https://tvox.example.com'],
		['https://tvox.example.com/tvox/mc/cxf', 'https://tvox.example.com/tvox'],
		['  ', ''],
	])('base URL %j → %j', (input, expected) => {
		expect(tvoxBaseUrl(input)).toBe(expected);
	});

	it.each([
		['a JSON object', { A: 'ACTIVE', B: 'OVERTIME' }],
		[
			'JAXB entries',
			{
				entry: [
					{ key: 'A', value: 'ACTIVE' },
					{ key: 'B', value: 'OVERTIME' },
				],
			},
		],
		[
			'a list of entries',
			[
				{ key: 'A', value: 'ACTIVE' },
				{ key: 'B', value: 'OVERTIME' },
			],
		],
	])('the service state map as %s', (_form, value) => {
		expect(readStateMap(value)).toEqual({ A: 'ACTIVE', B: 'OVERTIME' });
	});

	it('a one-entry map sent as an object, an empty map, and names that are not property paths', () => {
		expect(readStateMap({ entry: { key: 'A', value: 'ACTIVE' } })).toEqual({ A: 'ACTIVE' });
		expect(readStateMap('')).toEqual({});
		const map = readStateMap({ entry: [{ key: '__proto__', value: 'ACTIVE' }] });
		expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
		expect(Object.keys(map)).toEqual(['__proto__']);
	});

	it('clean results: documented fields typed and in order, text of JAXB values, extras kept', () => {
		const method = OPERATIONS.find((o) => o.value === 'getServiceState')!.method;
		expect(
			cleanResult(method, {
				failReasonMessage: null,
				channelId: '1003',
				state: { entry: { key: 'S', value: { $value: 'NO_LICENSE' } } },
				result: ' SUCCESS ',
				serverVersion: '7.0',
			}),
		).toEqual({
			result: 'SUCCESS',
			state: { S: 'NO_LICENSE' },
			channelId: 1003,
			serverVersion: '7.0',
		});
	});

	it('unwraps one root element, not a documented field', () => {
		const method = OPERATIONS.find((o) => o.value === 'getServiceState')!.method;
		expect(unwrapResult(method, { getServiceStateResult: { result: 'SUCCESS' } })).toEqual({
			result: { result: 'SUCCESS' },
			wrapped: true,
		});
		expect(unwrapResult(method, { state: { A: 'ACTIVE' } })).toEqual({
			result: { state: { A: 'ACTIVE' } },
			wrapped: false,
		});
	});

	it('service codes: a comma-separated text or a list, as a set', () => {
		expect(serviceCodes(' A, B ,A,,')).toEqual(['A', 'B']);
		expect(serviceCodes(['X', ' Y', 'X'])).toEqual(['X', 'Y']);
		expect(restQuery([{ name: 'serviceCodes', value: ['A B', 'C&D'] }])).toBe(
			'?serviceCodes=A+B&serviceCodes=C%26D',
		);
	});
});
