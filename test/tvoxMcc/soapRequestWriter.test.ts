import { SoapRequestWriter } from '../../nodes/shared/transport/soap';
import { tree } from './soapReference';

describe('SoapRequestWriter', () => {
	const shape = {
		name: 'op',
		namespace: 'urn:a',
		children: [
			{ name: 'first', repeated: false },
			{ name: 'list', repeated: true },
			{ name: 'qualified', namespace: 'urn:b', children: [{ name: 'inner', namespace: 'urn:b' }] },
		],
	};

	it('writes declared children in declared order, lists repeated, null as xsi:nil, text escaped', () => {
		const writer = new SoapRequestWriter(shape);
		expect(
			writer.write({ qualified: { inner: 'i' }, list: ['x', 2, true], first: `<&"'>\r` }),
		).toBe(
			'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
				'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tns="urn:a" xmlns:ns1="urn:b"><soap:Body><tns:op>' +
				'<first>&lt;&amp;&quot;&apos;&gt;&#xD;</first><list>x</list><list>2</list><list>true</list>' +
				'<ns1:qualified><ns1:inner>i</ns1:inner></ns1:qualified></tns:op></soap:Body></soap:Envelope>',
		);
		expect(writer.write({ first: null, list: [], qualified: undefined })).toContain(
			'<tns:op><first xsi:nil="true"/></tns:op>',
		);
	});

	it('uses the prefixes it is given when they are usable', () => {
		const given = new Map([
			['urn:a', 'mine'],
			['urn:b', 'xsi'],
		]);
		const xml = new SoapRequestWriter({ ...shape, prefixes: given }).write({
			qualified: { inner: 'i' },
		});
		expect(xml).toContain('xmlns:mine="urn:a" xmlns:ns1="urn:b"');
		expect(xml).toContain(
			'<mine:op><ns1:qualified><ns1:inner>i</ns1:inner></ns1:qualified></mine:op>',
		);
		expect(tree(xml)).toEqual(
			tree(new SoapRequestWriter(shape).write({ qualified: { inner: 'i' } })),
		);
	});

	it('refuses what the shape does not declare, lists inside lists and names that are not XML names', () => {
		const writer = new SoapRequestWriter(shape);
		expect(() => writer.write({ other: '1' })).toThrow('<op> has no element <other>');
		expect(() => writer.write({ qualified: { deeper: '1' } })).toThrow(
			'<qualified> has no element <deeper>',
		);
		expect(() => writer.write({ list: [['a']] })).toThrow(
			'<list> cannot hold a list inside a list',
		);
		expect(() => new SoapRequestWriter({ ...shape, children: [{ name: 'a b' }] })).toThrow(
			'"a b" is not a usable element name',
		);
		expect(() => new SoapRequestWriter({ ...shape, name: 'x:y' })).toThrow(
			'"x:y" is not a usable element name',
		);
		expect(writer.write({ other: undefined })).toContain('<tns:op></tns:op>');
	});
});
