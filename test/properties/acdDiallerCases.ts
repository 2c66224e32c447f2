/**
 * The ACD Dialler node's operations as property cases, and generators of values from each
 * parameter's domain, shared by the request and refusal properties of the node.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { AcdDialler } from '../../nodes/AcdDialler/AcdDialler.node';
import type { JtelRequest, JtelResponse } from '../../nodes/AcdDialler/client';
import { PHONE_NUMBER_FIELDS } from '../../nodes/AcdDialler/constants';
import * as acdEvent from '../../nodes/AcdDialler/resources/acdEvent';
import * as acdEventStatus from '../../nodes/AcdDialler/resources/acdEventStatus';
import * as acdEventType from '../../nodes/AcdDialler/resources/acdEventType';
import * as acdGroup from '../../nodes/AcdDialler/resources/acdGroup';
import * as call from '../../nodes/AcdDialler/resources/call';
import * as cockpitVariable from '../../nodes/AcdDialler/resources/cockpitVariable';
import * as diallerCampaign from '../../nodes/AcdDialler/resources/diallerCampaign';
import * as diallerContact from '../../nodes/AcdDialler/resources/diallerContact';
import * as user from '../../nodes/AcdDialler/resources/user';
import type { OperationDeclaration } from '../../nodes/shared/operations';
import { rawValues, type Overrides } from './params';
import { blankText, freeText, textWithout } from './text';

type Operation = OperationDeclaration<JtelRequest, JtelResponse>;

export const node = new AcdDialler();
export const OPERATIONS: Operation[] = [
	...acdEvent.operations,
	...acdEventType.operations,
	...acdEventStatus.operations,
	...acdGroup.operations,
	...diallerCampaign.operations,
	...diallerContact.operations,
	...user.operations,
	...call.operations,
	...cockpitVariable.operations,
];
export const label = (op: Operation) => `${op.resource}.${op.value}`;
export const find = (name: string) => OPERATIONS.find((op) => label(op) === name)!;

// ---------------------------------------------------------------------------------------------
// Domains

export const pad = fc.constantFrom('', ' ', '\t', '\n ');

/** A positive whole number as typed into a text field: leading zeros and blanks around allowed. */
const positiveIdText = fc
	.tuple(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: 3 }), pad)
	.map(([n, zeros, p]) => `${p}${'0'.repeat(zeros)}${n}${p}`);

/** E.164: a country code not starting with 0, at most 15 digits in all, with or without the plus. */
const e164 = fc
	.tuple(
		fc.integer({ min: 1, max: 9 }),
		fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 14 }),
		fc.constantFrom('+', ''),
		pad,
	)
	.map(([first, rest, plus, p]) => `${p}${plus}${first}${rest}${p}`);

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A calendar date as yyyy-mm-dd or yyyymmdd. */
const appointmentDate = fc
	.tuple(
		fc.date({
			min: new Date(Date.UTC(1000, 0, 1)),
			max: new Date(Date.UTC(9999, 11, 31)),
			noInvalidDate: true,
		}),
		fc.boolean(),
		pad,
	)
	.map(([date, dashed, p]) => {
		const parts = [
			String(date.getUTCFullYear()),
			twoDigits(date.getUTCMonth() + 1),
			twoDigits(date.getUTCDate()),
		];
		return `${p}${parts.join(dashed ? '-' : '')}${p}`;
	});

/** A time of day as hh:mm or hhmm. */
const appointmentTime = fc
	.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean(), pad)
	.map(([h, m, colon, p]) => `${p}${twoDigits(h)}${colon ? ':' : ''}${twoDigits(m)}${p}`);

const url = fc
	.tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), pad)
	.map(([u, p]) => `${p}${u}${p}`);

export const required = freeText('json', { nonBlank: true });

/** Event types: the two telephone types, Callback (the only one with a Body) and any other ID. */
export const eventType = fc.oneof(
	fc.constantFrom(1, 2, 3, 4, 5),
	fc.integer({ min: 1, max: 1_000_000 }),
);

const ID_PARAMS = [
	'acdEventsId',
	'acdGroupsId',
	'acdConfigurationGroupsId',
	'acdAgentGroupsId',
	'diallerCampaignsId',
	'diallerContactsId',
	'usersId',
	'cockpitVariablesId',
];

function overridesFor(op: Operation): Overrides {
	const overrides: Overrides = {};
	for (const name of ID_PARAMS) overrides[name] = positiveIdText;
	for (const name of ['sender', 'subject', 'name', 'source', 'destination', 'diallerCampaignsName'])
		overrides[name] = required;
	if (op.value === 'deleteByUserData' || op.value === 'getByUserData')
		overrides.userData = required;
	overrides.ufn = required.filter((t) => !/^\.+$/.test(t.trim()));
	overrides.chosenPathNotice = fc.constant('');
	if (label(op) === 'diallerContact.getAll')
		overrides.diallerCampaignsId = fc.oneof(positiveIdText, blankText);
	overrides.acdEventTypesId = eventType;
	overrides['additionalFields.usersId'] = positiveIdText;
	overrides['additionalFields.dtAppointmentDate'] = appointmentDate;
	overrides['additionalFields.dtAppointmentTime'] = appointmentTime;
	overrides['additionalFields.crmUrl'] = url;
	overrides['additionalFields.Amount'] = fc
		.double({ noNaN: true, noDefaultInfinity: true })
		.filter((n) => !Object.is(n, -0));
	overrides.userDataList = fc
		.array(textWithout('json', /[,\n]/g, { nonBlank: true }), { maxLength: 4 })
		.chain((entries) => fc.constantFrom(',', ', ', '\n', ' ,\n').map((sep) => entries.join(sep)));
	overrides.idList = fc
		.array(
			positiveIdText.map((t) => t.replace(/\n/g, ' ')),
			{ maxLength: 4 },
		)
		.chain((ids) => fc.constantFrom(',', ', ', '\n').map((sep) => ids.join(sep)));
	return overrides;
}

export const TELEPHONE_TYPES = new Set([1, 3]);
export const CALLBACK = 3;

/**
 * Raw values of an operation from its domain. Create: Sender and Receiver in E.164 for the
 * telephone event types, a Body only for Callback. Import: at least one phone number. Get Batch:
 * at least one User Data value or Contact ID.
 */
export function domainValues(op: Operation): fc.Arbitrary<IDataObject> {
	const values = rawValues(op, { format: 'json', overrides: overridesFor(op) });
	switch (label(op)) {
		case 'acdEvent.create':
			return fc.tuple(values, e164, e164).map(([raw, sender, receiver]) => {
				const type = Number(raw.acdEventTypesId);
				const extra = { ...((raw.additionalFields ?? {}) as IDataObject) };
				if (type !== CALLBACK) delete extra.body;
				if (!TELEPHONE_TYPES.has(type)) return { ...raw, additionalFields: extra };
				if (extra.receiver !== undefined) extra.receiver = receiver;
				return { ...raw, sender, additionalFields: extra };
			});
		case 'diallerContact.import':
			return fc
				.tuple(values, fc.constantFrom(...PHONE_NUMBER_FIELDS), required)
				.map(([raw, field, phone]) => ({
					...raw,
					phoneNumbers: { ...((raw.phoneNumbers ?? {}) as IDataObject), [field]: phone },
				}));
		case 'diallerContact.getBatch':
			return fc
				.tuple(
					values,
					fc.boolean(),
					positiveIdText,
					textWithout('json', /[,\n]/g, { nonBlank: true }),
				)
				.map(([raw, byId, id, userData]) =>
					byId
						? { ...raw, idList: `${String(raw.idList)},${id}` }
						: { ...raw, userDataList: `${userData}\n${String(raw.userDataList)}` },
				);
		default:
			return values;
	}
}
