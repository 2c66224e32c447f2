import {
	DIALLER_CAMPAIGN_DELETE_BY_ID_PATH,
	DIALLER_CONTACT_GET_BY_USER_DATA_PATH,
} from '../../nodes/AcdDialler/constants';
import type { SimResponse } from '../shared/httpServer';
import {
	byName,
	byNumber,
	intQuery,
	isInt,
	isObject,
	isText,
	present,
	type Route,
	type RouteContext,
} from './context';
import { badRequest, fail, listEnvelope, recordsEnvelope, statusOnly } from './errors';
import { CONTACT_IMPORT_FIELDS, contactRow, PHONE_NUMBER_FIELDS, type Row } from './seed';
import {
	jtelTimestamp,
	type Campaign,
	type ClientAccount,
	type Contact,
	type ResultCode,
} from './state';

/**
 * Dialler routes: campaigns (list, get, by name, result codes, clone, delete by ID and by name)
 * and contacts (list, get, batch, import with overwrite semantics, get by UserData, delete by ID and
 * by UserData).
 */

type Language = 1 | 2;

function language(query: URLSearchParams): Language | undefined {
	const id = intQuery(query, 'languagesID');
	return id === 1 || id === 2 ? id : undefined;
}

function resultCodeRow(code: ResultCode, lang: Language): Row {
	return {
		ID: code.ID,
		DiallerCampaignsID: code.DiallerCampaignsID,
		ExportKey: code.ExportKey,
		Content: code.Content[lang],
		bDone: code.bDone,
		bDelay: code.bDelay,
		bAborted: code.bAborted,
		bAppointment: code.bAppointment,
	};
}

function campaignByExactName(client: ClientAccount, name: string): Campaign | undefined {
	return [...client.campaigns.values()].find((campaign) => campaign.Name === name);
}

// ---------------------------------------------------------------------------------------------
// Campaigns

function listCampaigns({ client }: RouteContext): SimResponse {
	return listEnvelope([...client.campaigns.values()].sort(byName), 'Name');
}

function getCampaign({ client, params }: RouteContext): SimResponse {
	const campaign = client.campaigns.get(params.DiallerCampaignsID);
	return campaign ? recordsEnvelope([campaign]) : fail('campaignNotFound');
}

function campaignsByName({ client, query }: RouteContext): SimResponse {
	const name = query.get('name');
	if (name === null || name.trim() === '') return badRequest('Parameter name missing');
	const needle = name.toLowerCase();
	const found = [...client.campaigns.values()]
		.filter((c) => c.Name.toLowerCase().includes(needle))
		.sort(byName);
	return found.length ? recordsEnvelope(found) : fail('campaignNotFound');
}

function resultCodes({ client, params, query }: RouteContext): SimResponse {
	const campaign = client.campaigns.get(params.DiallerCampaignsID);
	if (!campaign) return fail('campaignNotFound');
	const lang = language(query);
	if (!lang) return fail('languagesId');
	const rows = [...client.resultCodes.values()]
		.filter((code) => code.DiallerCampaignsID === campaign.ID)
		.sort((a, b) => a.ID - b.ID)
		.map((code) => resultCodeRow(code, lang));
	return recordsEnvelope(rows);
}

function clone({ state, client, body }: RouteContext): SimResponse {
	if (!isObject(body)) return fail('notJsonObject');
	if (!isText(body.source)) return badRequest('Parameter source missing');
	if (!isText(body.destination)) return badRequest('Parameter destination missing');
	if (present(body.userData) && typeof body.userData !== 'string') {
		return badRequest('Parameter userData must be a string');
	}
	const source = campaignByExactName(client, body.source);
	if (!source) return fail('sourceCampaignNotFound');
	const destination = body.destination;
	const taken = [...client.campaigns.values()].some(
		(c) => c.Name.toLowerCase() === destination.toLowerCase(),
	);
	if (taken) return fail('campaignExists');

	const copy: Campaign = {
		...source,
		ID: state.nextId(),
		Name: destination,
		UserData: body.userData ?? null,
	};
	const renumbered = new Map<number, number>();
	for (const code of [...client.resultCodes.values()].filter(
		(c) => c.DiallerCampaignsID === source.ID,
	)) {
		const id = state.nextId();
		renumbered.set(code.ID, id);
		client.resultCodes.set(id, {
			...code,
			Content: { ...code.Content },
			ID: id,
			DiallerCampaignsID: copy.ID,
		});
	}
	for (const key of ['AbortOnNoTelNumberResultCodesID', 'IncomingCallResultCodesID']) {
		const old = copy[key];
		if (typeof old === 'number') copy[key] = renumbered.get(old) ?? null;
	}
	client.campaigns.set(copy.ID, copy);
	return recordsEnvelope([copy]);
}

/** A campaign goes with its result codes, contacts and their history. */
function deleteCampaignData(client: ClientAccount, campaign: Campaign): void {
	client.campaigns.delete(campaign.ID);
	for (const code of [...client.resultCodes.values()]) {
		if (code.DiallerCampaignsID === campaign.ID) client.resultCodes.delete(code.ID);
	}
	for (const contact of [...client.contacts.values()]) {
		if (contact.DiallerCampaignsID === campaign.ID) deleteContactData(client, contact);
	}
}

function deleteCampaign({ client, params }: RouteContext): SimResponse {
	const campaign = client.campaigns.get(params.DiallerCampaignsID);
	if (!campaign) return fail('campaignNotFound');
	deleteCampaignData(client, campaign);
	return statusOnly();
}

function deleteCampaignByName({ client, query }: RouteContext): SimResponse {
	const name = query.get('name');
	if (name === null || name.trim() === '') return badRequest('Parameter name missing');
	const campaign = campaignByExactName(client, name);
	if (!campaign) return fail('campaignNotFound');
	deleteCampaignData(client, campaign);
	return statusOnly();
}

// ---------------------------------------------------------------------------------------------
// Contacts

function deleteContactData(client: ClientAccount, contact: Contact): void {
	client.contacts.delete(contact.ID);
	for (const entry of [...client.history.values()]) {
		if (entry.DiallerContactsID === contact.ID) client.history.delete(entry.ID);
	}
}

function listContacts({ client, query }: RouteContext): SimResponse {
	const campaignId = intQuery(query, 'diallerCampaignsID');
	if (Number.isNaN(campaignId))
		return badRequest('Parameter diallerCampaignsID must be an integer');
	if (campaignId !== undefined && !client.campaigns.has(campaignId))
		return fail('campaignNotFound');
	const rows = [...client.contacts.values()]
		.filter((contact) => campaignId === undefined || contact.DiallerCampaignsID === campaignId)
		.sort((a, b) => byName(a, b) || a.ID - b.ID);
	return listEnvelope(rows, 'Name');
}

function getContact({ client, params }: RouteContext): SimResponse {
	const contact = client.contacts.get(params.DiallerContactsID);
	return contact ? recordsEnvelope([contact]) : fail('contactNotFound');
}

/** DiallerContactsExtendedData: the contact, its last result code (in the language) and its history. */
function extended(client: ClientAccount, contact: Contact, lang: Language): Row {
	const codeId = contact.DiallerCampaignsResultCodesID;
	const code = typeof codeId === 'number' ? client.resultCodes.get(codeId) : undefined;
	return {
		...contact,
		DiallerCampaignsResultCodes: code ? resultCodeRow(code, lang) : null,
		DiallerContactsHistory: [...client.history.values()]
			.filter((entry) => entry.DiallerContactsID === contact.ID)
			.sort(byNumber('ID')),
	};
}

function batch({ client, query, body }: RouteContext): SimResponse {
	const lang = language(query);
	if (!lang) return fail('languagesId');
	if (!isObject(body)) return fail('notJsonObject');
	const userData = body.UserDataList ?? [];
	const ids = body.IDList ?? [];
	if (!Array.isArray(userData) || !userData.every((value) => typeof value === 'string')) {
		return badRequest('UserDataList must be an array of strings');
	}
	if (!Array.isArray(ids) || !ids.every(isInt))
		return badRequest('IDList must be an array of integers');
	if (userData.length === 0 && ids.length === 0) return fail('batchLists');
	const rows = [...client.contacts.values()]
		.filter((contact) => ids.includes(contact.ID) || userData.includes(String(contact.UserData)))
		.sort((a, b) => a.ID - b.ID)
		.map((contact) => extended(client, contact, lang));
	return recordsEnvelope(rows);
}

function importContact({ state, client, query, body }: RouteContext): SimResponse {
	const overwriteRaw = query.get('overwriteDuplicates');
	if (overwriteRaw !== null && !/^(true|false)$/i.test(overwriteRaw))
		return fail('overwriteDuplicates');
	const overwrite = overwriteRaw !== null && overwriteRaw.toLowerCase() === 'true';
	if (!isObject(body)) return fail('notJsonObject');

	const values: Row = {};
	for (const [field, value] of Object.entries(body)) {
		if (field === 'DiallerCampaignsID' || field === 'DiallerCampaignsName') continue;
		const type = CONTACT_IMPORT_FIELDS[field];
		if (!type) return badRequest(`Unrecognized field "${field}"`);
		if (!present(value)) continue;
		if (typeof value !== type) return badRequest(`Field ${field} must be a ${type}`);
		values[field] = value;
	}
	let campaign: Campaign | undefined;
	if (present(body.DiallerCampaignsID)) {
		if (!isInt(body.DiallerCampaignsID))
			return badRequest('Parameter DiallerCampaignsID must be an integer');
		campaign = client.campaigns.get(body.DiallerCampaignsID);
	} else if (isText(body.DiallerCampaignsName)) {
		campaign = campaignByExactName(client, body.DiallerCampaignsName);
	} else {
		return fail('campaignRequired');
	}
	if (!isText(values.Name)) return badRequest('Parameter Name missing');
	if (!PHONE_NUMBER_FIELDS.some((field) => isText(values[field]))) return fail('phoneRequired');
	if (!campaign) return fail('campaignNotFound');

	const now = jtelTimestamp();
	const userData = values.UserData;
	if (overwrite && isText(userData)) {
		const existing = [...client.contacts.values()]
			.sort((a, b) => a.ID - b.ID)
			.find(
				(contact) => contact.DiallerCampaignsID === campaign.ID && contact.UserData === userData,
			);
		if (existing) {
			const updated: Contact = {
				...contactRow(
					existing.ID,
					client.clientsId,
					campaign.ID,
					values,
					String(existing.dtCreated),
				),
				DiallerCampaignsResultCodesID: existing.DiallerCampaignsResultCodesID,
				dtLastModified: now,
			};
			client.contacts.set(existing.ID, updated);
			return recordsEnvelope([updated]);
		}
	}
	const contact = contactRow(state.nextId(), client.clientsId, campaign.ID, values, now);
	client.contacts.set(contact.ID, contact);
	return recordsEnvelope([contact]);
}

function deleteContact({ client, params }: RouteContext): SimResponse {
	const contact = client.contacts.get(params.DiallerContactsID);
	if (!contact) return fail('contactNotFound');
	deleteContactData(client, contact);
	return statusOnly();
}

/** Several contacts may carry the UserData: the documentation says only the first found goes (here: lowest ID). */
function deleteContactByUserData({ client, query }: RouteContext): SimResponse {
	const userData = query.get('userData');
	if (userData === null || userData === '') return badRequest('Parameter userData missing');
	const contact = [...client.contacts.values()]
		.sort((a, b) => a.ID - b.ID)
		.find((c) => c.UserData === userData);
	if (!contact) return fail('contactNotFound');
	deleteContactData(client, contact);
	return statusOnly();
}

/** Every contact with the UserData, in every campaign of the client, by ID; 404 when there is none. */
function contactsByUserData({ client, query }: RouteContext): SimResponse {
	const userData = query.get('userData');
	if (userData === null || userData === '') return badRequest('Parameter userData missing');
	const found = [...client.contacts.values()]
		.filter((c) => c.UserData === userData)
		.sort((a, b) => a.ID - b.ID);
	return found.length ? recordsEnvelope(found) : fail('contactNotFound');
}

export const DIALLER_ROUTES: Route[] = [
	{
		method: 'GET',
		path: '/dialler/campaigns',
		operation: 'DiallerCampaignsGetAll',
		handle: listCampaigns,
	},
	{
		method: 'GET',
		path: '/dialler/campaigns/{DiallerCampaignsID}',
		operation: 'DiallerCampaignGet',
		handle: getCampaign,
	},
	{
		method: 'GET',
		path: '/dialler/campaigns/campaign',
		operation: 'DiallerCampaignsGetByName',
		handle: campaignsByName,
	},
	{
		method: 'GET',
		path: '/dialler/campaigns/campaign/{DiallerCampaignsID}/resultCodes',
		operation: 'DiallerCampaignResultCodes',
		handle: resultCodes,
	},
	{
		method: 'POST',
		path: '/dialler/campaigns/clone',
		operation: 'DiallerCampaignClone',
		handle: clone,
	},
	{
		method: 'DELETE',
		// Not legible in the documentation: the path the ACD Dialler node chose (one constant for both).
		path: DIALLER_CAMPAIGN_DELETE_BY_ID_PATH,
		operation: 'DiallerCampaignDelete',
		handle: deleteCampaign,
	},
	{
		method: 'DELETE',
		path: '/dialler/campaigns/campaign',
		operation: 'DiallerCampaignDeleteByName',
		handle: deleteCampaignByName,
	},
	{
		method: 'GET',
		path: '/dialler/contacts',
		operation: 'DiallerContactsGetAll',
		handle: listContacts,
	},
	{ method: 'POST', path: '/dialler/contacts', operation: 'DiallerContactsBatch', handle: batch },
	{
		method: 'GET',
		path: '/dialler/contacts/{DiallerContactsID}',
		operation: 'DiallerContactGet',
		handle: getContact,
	},
	{
		method: 'POST',
		path: '/dialler/contacts/import',
		operation: 'DiallerContactImport',
		handle: importContact,
	},
	{
		method: 'DELETE',
		path: '/dialler/contacts/contact/{DiallerContactsID}',
		operation: 'DiallerContactDelete',
		handle: deleteContact,
	},
	{
		method: 'GET',
		// Not legible in the documentation: the path the ACD Dialler node chose (one constant for both).
		path: DIALLER_CONTACT_GET_BY_USER_DATA_PATH,
		operation: 'DiallerContactsGetByUserData',
		handle: contactsByUserData,
	},
	{
		method: 'DELETE',
		path: '/dialler/contacts/contact',
		operation: 'DiallerContactDeleteByUserData',
		handle: deleteContactByUserData,
	},
];
