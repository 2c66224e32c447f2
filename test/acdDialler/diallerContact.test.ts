import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DIALLER_CONTACT_GET_BY_USER_DATA_PATH } from '../../nodes/AcdDialler/constants';
import type { JtelSimulator } from '../../simulators/jtel';
import { apiCalls, fixture, jsonOf, onlyCall, run, startSim, stopSim } from './helpers';

const RESOURCE = { resource: 'diallerContact' };
const IMPORT = {
	...RESOURCE,
	operation: 'import',
	campaignBy: 'id',
	diallerCampaignsId: '538',
	name: 'Mustermann',
	phoneNumbers: { PhoneNumber1: '+4930123456' },
	additionalFields: { UserData: 'CRM-42', FirstName: 'Max' },
};

describe('ACD Dialler node — Dialler Contact', () => {
	let sim: JtelSimulator;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await stopSim(sim);
	});
	beforeEach(() => sim.reset());

	const contacts = () => [...sim.state.clients.get(1)!.contacts.values()];

	describe('Import', () => {
		it('POST /dialler/contacts/import?overwriteDuplicates=false with the documented body', async () => {
			const result = await run(sim, IMPORT);
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'POST', path: '/dialler/contacts/import' });
			expect(call.query).toEqual({ overwriteDuplicates: 'false' });
			const documented = fixture('diallerContactImport.request.json');
			const sent = JSON.parse(call.request.body) as Record<string, unknown>;
			expect(sent).toEqual(documented);
			expect(Object.keys(sent)).toEqual(Object.keys(documented));
			expect(jsonOf(result)).toEqual([expect.objectContaining({ ...documented, ClientsID: 1 })]);
		});

		it('every optional field and all six phone numbers, typed', async () => {
			const result = await run(sim, {
				...IMPORT,
				phoneNumbers: {
					PhoneNumber1: '+491',
					PhoneNumber2: '+492',
					PhoneNumber3: '+493',
					PhoneNumber4: '+494',
					PhoneNumber5: '+495',
					PhoneNumber6: '+496',
				},
				additionalFields: {
					RandomSortOrder: 7,
					UserData: 'U',
					Client: 'C',
					Service: 'S',
					ReferenceNumber: 'R',
					FirstName: 'F',
					Salutation: 'Frau',
					Title: 'Dr.',
					Company: 'Co',
					Address: 'Hauptstraße 1',
					PostalCode: '80331',
					City: 'München',
					Country: 'DE',
					AccountOwner: 'O',
					AccountBank: 'B',
					AccountNationalBankCode: '70050000',
					AccountBIC: 'BYLADEMM',
					AccountNumber: '123',
					AccountIBAN: 'DE02700500000000000123',
					Amount: 12.5,
					Email: 'f@example.com',
					ExternalSystemLink: 'https://crm.example.com/c/1',
					Tag: 'T',
				},
			});
			expect(result.error).toBeUndefined();
			const sent = JSON.parse(onlyCall(sim).request.body) as Record<string, unknown>;
			expect(Object.keys(sent)).toHaveLength(2 + 6 + 23);
			expect(sent).toMatchObject({
				RandomSortOrder: 7,
				Amount: 12.5,
				City: 'München',
				PhoneNumber6: '+496',
			});
			expect(jsonOf(result)[0]).toMatchObject({
				AccountIBAN: 'DE02700500000000000123',
				PhoneNumber4: '+494',
			});
		});

		it('the campaign can be given by name', async () => {
			const result = await run(sim, {
				...IMPORT,
				campaignBy: 'name',
				diallerCampaignsName: 'Kampagne Müller & Söhne',
			});
			expect(result.error).toBeUndefined();
			const sent = JSON.parse(onlyCall(sim).request.body) as Record<string, unknown>;
			expect(sent.DiallerCampaignsName).toBe('Kampagne Müller & Söhne');
			expect(sent).not.toHaveProperty('DiallerCampaignsID');
			expect(jsonOf(result)[0].DiallerCampaignsID).toBe(540);
		});

		it('Overwrite Duplicates on: the contact with the same UserData is overwritten, same ID', async () => {
			const first = await run(sim, { ...IMPORT, overwriteDuplicates: true });
			const id = jsonOf(first)[0].ID;
			const second = await run(sim, {
				...IMPORT,
				overwriteDuplicates: true,
				additionalFields: { UserData: 'CRM-42', FirstName: 'Moritz' },
			});
			expect(apiCalls(sim).map((r) => r.query.overwriteDuplicates)).toEqual(['true', 'true']);
			expect(jsonOf(second)[0]).toMatchObject({ ID: id, FirstName: 'Moritz' });
			expect(contacts().filter((c) => c.UserData === 'CRM-42')).toHaveLength(1);
		});

		it('Overwrite Duplicates off: a new contact even when the UserData matches', async () => {
			await run(sim, IMPORT);
			await run(sim, IMPORT);
			expect(contacts().filter((c) => c.UserData === 'CRM-42')).toHaveLength(2);
		});

		it.each([
			[
				{ phoneNumbers: {} },
				/At least one phone number \(PhoneNumber1 to PhoneNumber6\) is required/,
			],
			[{ phoneNumbers: { PhoneNumber3: '  ' } }, /At least one phone number/],
			[{ name: '={{ $json.empty }}' }, /Name is required/],
			[{ diallerCampaignsId: '={{ $json.empty }}' }, /Campaign ID must be a positive whole number/],
			[
				{ campaignBy: 'name', diallerCampaignsName: '={{ $json.empty }}' },
				/Campaign Name is required/,
			],
		])('validation before sending: %j', async (change, message) => {
			const result = await run(sim, { ...IMPORT, ...change }, { items: [{ empty: '' }] });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toMatch(message);
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('a campaign the server does not know: record not found', async () => {
			const result = await run(sim, { ...IMPORT, diallerCampaignsId: '12345' });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Import a dialler contact failed: record not found (HTTP 404): Dialler campaign not found',
			);
		});
	});

	describe('Get Many, Get, Get Batch', () => {
		it('Get Many: GET /dialler/contacts, every contact of the client, ordered by name', async () => {
			const result = await run(sim, { ...RESOURCE, operation: 'getAll', returnAll: true });
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'GET', path: '/dialler/contacts' });
			expect(call.query).toEqual({});
			expect(jsonOf(result).map((c) => c.Name)).toEqual([
				'Beispiel',
				'Müller',
				'Musterfrau',
				'Mustermann',
			]);
		});

		it('Get Many of one campaign: ?diallerCampaignsID=, with Limit', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getAll',
				diallerCampaignsId: '538',
				limit: 1,
			});
			expect(onlyCall(sim).query).toEqual({ diallerCampaignsID: '538' });
			expect(jsonOf(result).map((c) => c.ID)).toEqual([215388]);
		});

		it('Get Many with Keep Envelope: the list envelope', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getAll',
				diallerCampaignsId: '538',
				keepEnvelope: true,
			});
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ count: 2, orderBy: 'Name', limitPageSize: -1 }),
			]);
		});

		it('Get: GET /dialler/contacts/{DiallerContactsID}', async () => {
			const result = await run(sim, { ...RESOURCE, operation: 'get', diallerContactsId: '215387' });
			expect(onlyCall(sim)).toMatchObject({ method: 'GET', path: '/dialler/contacts/215387' });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ ID: 215387, UserData: 'CON6174', Name: 'Mustermann' }),
			]);
		});

		it('Get of an unknown contact: record not found', async () => {
			const result = await run(sim, { ...RESOURCE, operation: 'get', diallerContactsId: '1' });
			expect(result.error!.message).toBe(
				'Get a dialler contact failed: record not found (HTTP 404): Dialler contact not found',
			);
		});

		it('Get Batch: POST /dialler/contacts?languagesID= with UserDataList and IDList, extended records', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getBatch',
				userDataList: 'CON6174',
				idList: '215387',
				languagesId: 1,
			});
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'POST', path: '/dialler/contacts' });
			expect(call.query).toEqual({ languagesID: '1' });
			expect(JSON.parse(call.request.body)).toEqual(fixture('diallerContactsBatch.request.json'));
			expect(jsonOf(result).map((c) => c.ID)).toEqual([215387, 215389]);
			expect(jsonOf(result)[0].DiallerCampaignsResultCodes).toEqual(
				expect.objectContaining(fixture('resultCode.record.json')),
			);
		});

		it('Get Batch takes lists from expressions and comma-separated text; German texts', async () => {
			const result = await run(
				sim,
				{
					...RESOURCE,
					operation: 'getBatch',
					userDataList: '={{ $json.keys }}',
					idList: '215388, 215390',
					languagesId: 2,
				},
				{ items: [{ keys: ['CRM-7'] }] },
			);
			expect(JSON.parse(onlyCall(sim).request.body)).toEqual({
				UserDataList: ['CRM-7'],
				IDList: [215388, 215390],
			});
			expect(jsonOf(result).map((c) => c.ID)).toEqual([215388, 215390]);
			const withCode = await run(sim, {
				...RESOURCE,
				operation: 'getBatch',
				idList: '215387',
				languagesId: 2,
			});
			expect(jsonOf(withCode)[0].DiallerCampaignsResultCodes).toMatchObject({
				Content: 'Maximale Versuche (Abbruch)',
			});
		});

		it('Get Batch needs at least one value, and whole-number IDs', async () => {
			const none = await run(sim, { ...RESOURCE, operation: 'getBatch', languagesId: 1 });
			expect(none.error!.message).toMatch(/Give at least one User Data value or one Contact ID/);
			const bad = await run(sim, {
				...RESOURCE,
				operation: 'getBatch',
				idList: '215387, abc',
				languagesId: 1,
			});
			expect(bad.error!.message).toMatch(/Contact IDs must be a positive whole number, not "abc"/);
			expect(apiCalls(sim)).toHaveLength(0);
		});
	});

	describe('Delete, Delete by User Data', () => {
		it('Delete: DELETE /dialler/contacts/contact/{DiallerContactsID}', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'delete',
				diallerContactsId: '215388',
			});
			expect(onlyCall(sim)).toMatchObject({
				method: 'DELETE',
				path: '/dialler/contacts/contact/215388',
			});
			expect(jsonOf(result)).toEqual([{ success: true, status: 200, DiallerContactsID: 215388 }]);
			expect(contacts().map((c) => c.ID)).not.toContain(215388);
		});

		it('Delete of an unknown contact: record not found', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'delete',
				diallerContactsId: '215388000',
			});
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.httpCode).toBe('404');
			expect(result.error!.message).toMatch(
				/record not found \(HTTP 404\): Dialler contact not found/,
			);
		});

		it('Delete by User Data: DELETE /dialler/contacts/contact?userData=, the first match only', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'deleteByUserData',
				userData: 'CON6174',
			});
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'DELETE', path: '/dialler/contacts/contact' });
			expect(call.query).toEqual({ userData: 'CON6174' });
			expect(jsonOf(result)).toEqual([{ success: true, status: 200, UserData: 'CON6174' }]);
			expect(
				contacts()
					.filter((c) => c.UserData === 'CON6174')
					.map((c) => c.ID),
			).toEqual([215389]);
		});

		it('Delete by User Data with spaces and umlauts is URL-encoded', async () => {
			await run(sim, {
				...IMPORT,
				additionalFields: { UserData: 'Kunde Jürgen #7&8' },
			});
			sim.requests.splice(0);
			const result = await run(sim, {
				...RESOURCE,
				operation: 'deleteByUserData',
				userData: 'Kunde Jürgen #7&8',
			});
			expect(result.error).toBeUndefined();
			expect(onlyCall(sim).query).toEqual({ userData: 'Kunde Jürgen #7&8' });
			expect(contacts().some((c) => c.UserData === 'Kunde Jürgen #7&8')).toBe(false);
		});

		it('Delete by User Data without a match: record not found', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'deleteByUserData',
				userData: 'nobody',
			});
			expect(result.error!.message).toMatch(
				/Delete a dialler contact by user data failed: record not found/,
			);
		});
	});

	describe('Get by User Data', () => {
		it('GET on the chosen path /dialler/contacts/contact?userData=: every contact with it, one item each', async () => {
			expect(DIALLER_CONTACT_GET_BY_USER_DATA_PATH).toBe('/dialler/contacts/contact');
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getByUserData',
				userData: ' CON6174 ',
			});
			expect(result.error).toBeUndefined();
			const call = onlyCall(sim);
			expect(call).toMatchObject({ method: 'GET', path: '/dialler/contacts/contact' });
			expect(call.query).toEqual({ userData: 'CON6174' });
			expect(jsonOf(result).map((c) => [c.ID, c.DiallerCampaignsID])).toEqual([
				[215387, 538],
				[215389, 539],
			]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		it('Keep Envelope: records, count, status as one item', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getByUserData',
				userData: 'CRM-7',
				keepEnvelope: true,
			});
			expect(jsonOf(result)).toEqual([
				{ records: [expect.objectContaining({ ID: 215390 })], count: 1, status: 200 },
			]);
		});

		it('finds a contact imported with spaces and umlauts in its User Data (URL-encoded)', async () => {
			await run(sim, { ...IMPORT, additionalFields: { UserData: 'Kunde Jürgen #7&8' } });
			sim.requests.splice(0);
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getByUserData',
				userData: 'Kunde Jürgen #7&8',
			});
			expect(onlyCall(sim).query).toEqual({ userData: 'Kunde Jürgen #7&8' });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ UserData: 'Kunde Jürgen #7&8', Name: 'Mustermann' }),
			]);
		});

		it('no match: record not found (HTTP 404) with the server text', async () => {
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getByUserData',
				userData: 'nobody',
			});
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error!.message).toBe(
				'Get dialler contacts by user data failed: record not found (HTTP 404): Dialler contact not found',
			);
		});

		it('a server without that URL: endpoint not available, and the hint says what to do', async () => {
			sim.faults.add(
				{ kind: 'status', status: 404, body: '' },
				{ match: 'DiallerContactsGetByUserData' },
			);
			const result = await run(sim, {
				...RESOURCE,
				operation: 'getByUserData',
				userData: 'CON6174',
			});
			expect(result.error!.message).toBe(
				'Get dialler contacts by user data failed: endpoint not available on this server (HTTP 404)',
			);
			expect(result.error!.description).toContain('jtel does not publish the URL of this function');
			expect(result.error!.description).toContain('DIALLER_CONTACT_GET_BY_USER_DATA_PATH');
		});

		it('blank User Data is refused before sending', async () => {
			const result = await run(sim, { ...RESOURCE, operation: 'getByUserData', userData: ' ' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error!.message).toBe('User Data is required');
			expect(apiCalls(sim)).toHaveLength(0);
		});

		it('continueOnFail: found and missing User Data, pairedItem kept', async () => {
			const result = await run(
				sim,
				{ ...RESOURCE, operation: 'getByUserData', userData: '={{ $json.key }}' },
				{ items: [{ key: 'nobody' }, { key: 'CON6175' }], continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(jsonOf(result)[0]).toMatchObject({
				httpStatus: 404,
				serverMessage: 'Dialler contact not found',
			});
			expect(jsonOf(result)[1]).toMatchObject({ ID: 215388, UserData: 'CON6175' });
		});
	});
});
