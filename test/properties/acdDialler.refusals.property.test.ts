import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { PHONE_NUMBER_FIELDS } from '../../nodes/AcdDialler/constants';
import { check, expectRefused } from './check';
import { asNodeParameters, readerOver } from './params';
import { blankText, freeText, isBlank } from './text';
import {
	node,
	find,
	pad,
	required,
	eventType,
	TELEPHONE_TYPES,
	CALLBACK,
	domainValues,
} from './acdDiallerCases';

/**
 * Every jtel ACD / Dialler operation: a value outside its parameter's domain is refused by the
 * declaration's request() as invalid input, with a message saying what is wrong, before anything
 * is sent.
 */

/** Text that is not a positive whole number within the safe integer range. */
const notAPositiveId = fc.oneof(
	fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '+5', '9007199254740993', '١٢', '12 34'),
	freeText('json', { short: true }).filter((t) => !/^\d+$/.test(t.trim()) || Number(t.trim()) < 1),
);

const notE164 = fc.oneof(
	fc.constantFrom(
		'0301234567',
		'+0123',
		'+1',
		'1',
		'+1234567890123456',
		'1234567890123456',
		'+49 30 123',
		'+49-30',
		'00493012',
		'++4930',
	),
	freeText('json', { nonBlank: true, short: true }).filter(
		(t) => !/^\+?[1-9][0-9]{1,14}$/.test(t.trim()),
	),
);

interface Refusal {
	operation: string;
	name: string;
	/** Raw values with one parameter taken out of its domain. */
	bad: fc.Arbitrary<(raw: IDataObject) => IDataObject>;
	message: string | RegExp;
}

const patchExtra = (raw: IDataObject, fields: IDataObject): IDataObject => ({
	...raw,
	additionalFields: { ...((raw.additionalFields ?? {}) as IDataObject), ...fields },
});

const top = (param: string, bad: fc.Arbitrary<unknown>) =>
	bad.map(
		(value) =>
			(raw: IDataObject): IDataObject => ({ ...raw, [param]: value as IDataObject[string] }),
	);
const extra = (field: string, bad: fc.Arbitrary<unknown>) =>
	bad.map(
		(value) =>
			(raw: IDataObject): IDataObject =>
				patchExtra(raw, { [field]: value as IDataObject[string] }),
	);

const REFUSALS: Refusal[] = [
	...[
		['acdEvent.get', 'acdEventsId', 'ACD Event ID'],
		['acdGroup.get', 'acdGroupsId', 'ACD Group ID'],
		['diallerCampaign.get', 'diallerCampaignsId', 'Campaign ID'],
		['diallerCampaign.getResultCodes', 'diallerCampaignsId', 'Campaign ID'],
		['diallerCampaign.delete', 'diallerCampaignsId', 'Campaign ID'],
		['diallerContact.get', 'diallerContactsId', 'Contact ID'],
		['diallerContact.delete', 'diallerContactsId', 'Contact ID'],
		['user.get', 'usersId', 'User ID'],
		['cockpitVariable.get', 'cockpitVariablesId', 'Cockpit Variable ID'],
		['cockpitVariable.setValue', 'cockpitVariablesId', 'Cockpit Variable ID'],
	].map(([operation, param, name]) => ({
		operation,
		name: `${param} not a positive whole number`,
		bad: top(param, notAPositiveId),
		message: name,
	})),
	{
		operation: 'diallerContact.getAll',
		name: 'diallerCampaignsId not a positive whole number',
		bad: top(
			'diallerCampaignsId',
			notAPositiveId.filter((t) => !isBlank(t)),
		),
		message: 'Campaign ID must be a positive whole number',
	},
	{
		operation: 'acdEvent.create',
		name: 'a group ID not a positive whole number',
		bad: fc
			.tuple(
				fc.constantFrom('acdGroupsId', 'acdConfigurationGroupsId', 'acdAgentGroupsId'),
				notAPositiveId,
			)
			.map(([param, value]) => (raw: IDataObject) => ({
				...raw,
				groupTarget: param === 'acdGroupsId' ? 'acdGroup' : 'configurationGroup',
				acdGroupsId: '1',
				acdConfigurationGroupsId: '2',
				acdAgentGroupsId: '3',
				[param]: value,
			})),
		message: /Group ID/,
	},
	{
		operation: 'acdEvent.create',
		name: 'an event type not a positive whole number',
		bad: top('acdEventTypesId', fc.oneof(fc.integer({ max: 0 }), notAPositiveId)),
		message: 'Event Type must be a positive whole number',
	},
	{
		operation: 'acdEvent.create',
		name: 'a sender or receiver not in E.164 for voice mail and callback events',
		bad: fc.tuple(fc.constantFrom(1, 3), fc.boolean(), notE164).map(
			([type, sender, value]) =>
				(raw: IDataObject) =>
					sender
						? { ...raw, acdEventTypesId: type, sender: value }
						: patchExtra(
								{ ...raw, acdEventTypesId: type, sender: '+4930123456' },
								{ receiver: value },
							),
		),
		message: /(Sender|Receiver) must be a telephone number in E.164 format/,
	},
	{
		operation: 'acdEvent.create',
		name: 'a body on an event that is not a callback',
		bad: fc
			.tuple(
				eventType.filter((t) => t !== CALLBACK && !TELEPHONE_TYPES.has(t)),
				required,
			)
			.map(
				([type, body]) =>
					(raw: IDataObject) =>
						patchExtra({ ...raw, acdEventTypesId: type }, { body }),
			),
		message: 'Body is supported for Callback events',
	},
	{
		operation: 'acdEvent.create',
		name: 'a CRM URL that is not a URL',
		bad: extra(
			'crmUrl',
			fc
				.oneof(
					fc.constantFrom('crm.example.com/x', 'http//x', '://x', 'http://', 'https:///path'),
					freeText('json', { nonBlank: true, short: true }),
				)
				.filter((t) => {
					try {
						const parsed = new URL(t.trim());
						return (
							(parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
							parsed.hostname === ''
						);
					} catch {
						return true;
					}
				}),
		),
		message: 'CRM URL must be a well-formed URL',
	},
	{
		operation: 'acdEvent.create',
		name: 'an appointment date that is not a calendar date',
		bad: extra(
			'dtAppointmentDate',
			fc.constantFrom(
				'2025-02-29',
				'2024-13-01',
				'2024-00-10',
				'2024-04-31',
				'20240230',
				'2024-1-1',
				'31.12.2024',
				'tomorrow',
				'2024/01/01',
			),
		),
		message: 'Appointment Date',
	},
	{
		operation: 'acdEvent.create',
		name: 'an appointment time that is not a time of day',
		bad: extra(
			'dtAppointmentTime',
			fc.constantFrom('24:00', '12:60', '1260', '9:30', '12:3', 'noon', '12:30:00', '-1:00'),
		),
		message: 'Appointment Time',
	},
	{
		operation: 'acdEvent.create',
		name: 'a priority outside 0 to 200',
		bad: extra(
			'nPriority',
			fc.oneof(
				fc.integer({ max: -1 }),
				fc.integer({ min: 201 }),
				fc.double({ min: 0, max: 200, noNaN: true }).filter((n) => !Number.isInteger(n)),
			),
		),
		message: 'Priority must be a whole number from 0 to 200',
	},
	...[
		['acdEvent.create', 'sender', 'Sender is required'],
		['acdEvent.create', 'subject', 'Subject is required'],
		['acdGroup.getByName', 'name', 'Name is required'],
		['diallerCampaign.getByName', 'name', 'Name is required'],
		['diallerCampaign.deleteByName', 'name', 'Name is required'],
		['diallerCampaign.clone', 'source', 'Source Campaign Name is required'],
		['diallerCampaign.clone', 'destination', 'Destination Campaign Name is required'],
		['diallerContact.import', 'name', 'Name is required'],
		['diallerContact.deleteByUserData', 'userData', 'User Data is required'],
		['diallerContact.getByUserData', 'userData', 'User Data is required'],
		['call.answer', 'ufn', 'Call UFN is required'],
		['call.hangup', 'ufn', 'Call UFN is required'],
		['call.hangupLeg2', 'ufn', 'Call UFN is required'],
		['call.hold', 'ufn', 'Call UFN is required'],
	].map(([operation, param, message]) => ({
		operation,
		name: `${param} blank`,
		bad: top(param, blankText),
		message,
	})),
	...['call.answer', 'call.hangup', 'call.hangupLeg2', 'call.hold'].map((operation) => ({
		operation,
		name: 'a UFN of dots only (a path segment a URL parser would resolve)',
		bad: top(
			'ufn',
			fc.tuple(fc.constantFrom('.', '..', '...'), pad).map(([dots, p]) => `${p}${dots}${p}`),
		),
		message: 'Call UFN must be the UFN of a call',
	})),
	{
		operation: 'cockpitVariable.setValue',
		name: 'a value that is not a whole number',
		bad: top(
			'value',
			fc.oneof(
				fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
				fc.constantFrom('abc', '1.5', '1e3', '', ' ', '0x10', '9007199254740993'),
			),
		),
		message: 'Value must be a whole number',
	},
	{
		operation: 'diallerContact.import',
		name: 'no phone number',
		bad: fc
			.dictionary(fc.constantFrom(...PHONE_NUMBER_FIELDS), blankText)
			.map((phones) => (raw: IDataObject) => ({ ...raw, phoneNumbers: phones })),
		message: 'At least one phone number',
	},
	{
		operation: 'diallerContact.import',
		name: 'a number field that is not a number',
		bad: fc
			.tuple(
				fc.constantFrom('RandomSortOrder', 'Amount'),
				fc.constantFrom('abc', '1,5', 'NaN', '1e', '--1'),
			)
			.map(
				([field, value]) =>
					(raw: IDataObject) =>
						patchExtra(raw, { [field]: value }),
			),
		message: /(Random Sort Order|Amount) must be a number/,
	},
	{
		operation: 'diallerContact.getBatch',
		name: 'neither User Data values nor Contact IDs',
		bad: fc
			.tuple(fc.constantFrom('', ',', ' , \n', '\n\n'), fc.constantFrom('', ',', ' ,'))
			.map(([userDataList, idList]) => (raw: IDataObject) => ({ ...raw, userDataList, idList })),
		message: 'Give at least one User Data value or one Contact ID',
	},
	{
		operation: 'diallerContact.getBatch',
		name: 'a Contact ID that is not a positive whole number',
		bad: notAPositiveId
			.map((t) => t.replace(/[,\n]/g, ' '))
			.filter((t) => !isBlank(t))
			.map((value) => (raw: IDataObject) => ({ ...raw, idList: `1,${value}` })),
		message: 'Contact IDs must be a positive whole number',
	},
];

describe('a value outside its domain is refused before anything is sent', () => {
	it.each(REFUSALS.map((r) => [r.operation, r.name, r] as const))(
		'%s: %s',
		(operation, _name, refusal) => {
			const op = find(operation);
			check(
				fc.property(domainValues(op), refusal.bad, (raw, patch) => {
					const values = asNodeParameters(node, patch(raw));
					expectRefused(() => op.request(readerOver(values)), refusal.message);
				}),
			);
		},
	);
});
