'use strict';
/**
 * What `npm run e2e` expects of each example workflow in examples/, run by n8n itself
 * (`n8n execute --id=<id> --rawOutput`) against the simulators.
 *
 * One entry per example file:
 *   file       the file name in examples/
 *   system     the key of the simulator it talks to (scripts/lib/systems.js)
 *   outputs    node name → check of that node's output items (array of `json` objects); every
 *              node of the pack in the workflow must have one, and must have run without error
 *   failures   calls that must fail with a clear error: a fault is injected into the simulator
 *              (POST /__sim/faults, or `faultPath` for a simulator's own fault route), the
 *              workflow is executed again, and n8n's error is checked
 *
 * Besides these checks the e2e run requires that every resource of every node of the pack is
 * exercised by at least one successful node of some example.
 */
const { expect, short } = require('../../scripts/lib/checks');

/** `items` has at least `n` entries. */
function atLeast(items, n, what) {
	expect(items.length >= n, `expected at least ${n} ${what}, got ${items.length}: ${short(items)}`);
}

function one(items, what) {
	expect(items.length === 1, `expected one ${what}, got ${items.length}: ${short(items)}`);
	return items[0];
}

/** No secret of the simulator credentials may show in an output or an error. */
const AKIXI_SECRETS = [
	'Sim-Passw0rd!',
	'EFA4902A7F61D03E42BF3222B0A246BF',
	'akixi-sim-3f9c2e71d0b84a56a1e4c7d2b9f05e18',
];

const JTEL_SECRETS = ['jtel-sim-7c1e5b9a2f4d4c38a06b3e8d91f2c4a7'];

function noSecrets(value, secrets) {
	const text = JSON.stringify(value);
	for (const secret of secrets)
		expect(!text.includes(secret), `a credential secret appears in ${short(text, 200)}`);
}

const EXAMPLES = [
	{
		file: 'akixi.workflow.json',
		system: 'akixi',
		outputs: {
			'List Omnichannel Integrations': (items) => {
				atLeast(items, 2, 'seed entries');
				const email = items.find((i) => i.Description === 'Test Email');
				expect(email, `no "Test Email" entry in ${short(items)}`);
				expect(
					email.IntegrationType === 'POP3 SMTP',
					`Test Email has IntegrationType ${email.IntegrationType}`,
				);
				expect(
					email.TelSysID === 100100,
					`TelSysID should be the number 100100, got ${short(email.TelSysID)}`,
				);
				expect(
					email.APICommunicationSettings?.CommsEnabled === true,
					`CommsEnabled should be true: ${short(email)}`,
				);
			},
			'Add Omnichannel Integration': (items) => {
				const added = one(items, 'result');
				expect(added.success === true, `Add did not report success: ${short(added)}`);
				expect(
					/^LiveChat-n8n-\w+$/.test(added.UniqueID),
					`unexpected UniqueID ${short(added.UniqueID)}`,
				);
				expect(
					/^\d{5}$/.test(String(added.invokeId)),
					`InvokeID should be five digits: ${short(added.invokeId)}`,
				);
			},
			'Get Omnichannel Integration': (items) => {
				const entry = one(items, 'entry');
				expect(/^LiveChat-n8n-/.test(entry.UniqueID), `Info returned ${short(entry.UniqueID)}`);
				expect(
					entry.IntegrationType === 'LiveChat',
					`IntegrationType ${short(entry.IntegrationType)}`,
				);
				expect(
					entry.Description === 'LiveChat added from n8n',
					`Description ${short(entry.Description)}`,
				);
				expect(
					entry.APICommunicationSettings?.AuthUserID1 === 'n8n-example',
					`AuthUserID1 missing: ${short(entry)}`,
				);
				expect(
					entry.APICommunicationSettings?.CommsEnabled === false,
					`CommsEnabled should be false: ${short(entry)}`,
				);
			},
			'Change Omnichannel Integration': (items) => {
				const changed = one(items, 'result');
				expect(changed.success === true && /^LiveChat-n8n-/.test(changed.UniqueID), short(changed));
			},
			'Delete Omnichannel Integration': (items) => {
				const deleted = one(items, 'result');
				expect(deleted.success === true && /^LiveChat-n8n-/.test(deleted.UniqueID), short(deleted));
			},
			'List Integrator Clients': (items) => {
				atLeast(items, 15, 'integrator clients (the seed has 15; Return All pages through them)');
				const ids = new Set(items.map((i) => i.ID));
				expect(ids.size === items.length, 'the list repeats clients');
				expect(
					ids.has('3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd'),
					'the seed client of +442046034981 is missing',
				);
			},
			'Get Integrator Client': (items) => {
				const client = one(items, 'client');
				expect(
					client.ID === '3d5b6efefaa0a823:3af2db2a:199bb1c0014:-36cd',
					`ID ${short(client.ID)}`,
				);
				expect(
					client.DeviceDescription === 'User02 A4MTTest',
					`DeviceDescription ${short(client.DeviceDescription)}`,
				);
				expect(
					typeof client.Policies === 'object' && typeof client.Settings === 'object',
					`Policies/Settings missing: ${short(client)}`,
				);
			},
			'Add Integrator Client': (items) => {
				const added = one(items, 'result');
				expect(added.success === true, `Add did not report success: ${short(added)}`);
			},
			'List Device Integrator Clients': (items) => {
				const client = one(items, 'client on +442046034980 (the one just added)');
				expect(client.Description === 'Added from n8n', `Description ${short(client.Description)}`);
				expect(typeof client.ID === 'string' && client.ID.length > 0, `no ID: ${short(client)}`);
			},
			'Change Integrator Client': (items) => {
				const changed = one(items, 'result');
				expect(changed.success === true && typeof changed.ID === 'string', short(changed));
			},
			'Delete Integrator Client': (items) => {
				const deleted = one(items, 'result');
				expect(deleted.success === true && typeof deleted.ID === 'string', short(deleted));
			},
			// continue-on-fail: the failure becomes an item with a readable error
			'Get Missing Integrator Client': (items) => {
				const failed = one(items, 'error item');
				expect(typeof failed.error === 'string', `no error text: ${short(failed)}`);
				expect(
					/30003/.test(failed.error) && /INTEGRATOR_CLIENT_NOT_FOUND/.test(failed.error),
					`error does not name 30003 INTEGRATOR_CLIENT_NOT_FOUND: ${short(failed.error)}`,
				);
				expect(
					/No Integrator Client with the specified ID was found/.test(failed.description ?? ''),
					`description lacks the meaning: ${short(failed.description)}`,
				);
				expect(
					!/\[object Object\]|<\?xml/.test(JSON.stringify(failed)),
					`raw data leaks into the error: ${short(failed)}`,
				);
				noSecrets(failed, AKIXI_SECRETS);
			},
		},
		failures: [
			{
				title: 'Akixi XML API answers Fail 10001: the workflow stops with a clear error',
				fault: { kind: 'fail', code: 10001, match: 'OmnichannelIntList', times: 1 },
				check: (error) => {
					expect(error.node === 'List Omnichannel Integrations', `failed at ${short(error.node)}`);
					expect(
						/OmnichannelIntList/.test(error.message) && /10001/.test(error.message),
						`message ${short(error.message)}`,
					);
					expect(
						/Web Services API is not enabled/i.test(`${error.message} ${error.description}`),
						`the meaning of 10001 is missing: ${short(error)}`,
					);
					noSecrets(error, AKIXI_SECRETS);
				},
			},
		],
	},
	{
		file: 'acd-dialler.workflow.json',
		system: 'jtel',
		outputs: {
			'Create Callback Event': (items) => {
				const event = one(items, 'event');
				expect(Number.isInteger(event.ID) && event.ID > 0, `no event ID: ${short(event)}`);
				expect(
					event.AcdEventTypesID === 3 && event.AcdGroupsID === 12,
					`type/group ${short(event)}`,
				);
				expect(
					event.AcdEventStatusID === 20,
					`a new event should have status 20 (New): ${short(event.AcdEventStatusID)}`,
				);
				expect(
					event.nPriority === 80 && event.UserData === 'n8n-example',
					`fields not sent: ${short(event)}`,
				);
				expect(event.updatedExisting === false, `updatedExisting ${short(event.updatedExisting)}`);
			},
			'Get ACD Event': (items) => {
				const event = one(items, 'event');
				expect(
					event.Subject === 'Callback requested in n8n' && event.Receiver === '+4989987654',
					short(event),
				);
			},
			'Get ACD Event Types': (items) => {
				expect(items.length === 5, `expected the 5 event types, got ${items.length}`);
				expect(
					items.some((t) => t.ID === 3 && t.ShortText === 'AcdEventTypes.Callback'),
					short(items),
				);
			},
			'Get ACD Event Statuses': (items) => {
				expect(items.length === 11, `expected the 11 documented statuses, got ${items.length}`);
				expect(
					items.some((s) => s.ID === 99 && s.ShortText === 'AcdEventStatus.Done'),
					short(items),
				);
			},
			'Get ACD Groups Named Support': (items) => {
				expect(
					items.length === 3,
					`expected the 3 groups whose name starts with Support, got ${items.length}`,
				);
				expect(
					items[0].ID === 13 &&
						items[0].QueueMusicID4Sec === 10 &&
						items[0].DistributionAlgorithmID === 3,
					short(items[0]),
				);
			},
			'Get Campaign 1000': (items) => {
				const campaign = one(items, 'campaign');
				expect(campaign.ID === 538 && campaign.Name === 'Campaign 1000', short(campaign));
			},
			'Import Dialler Contact': (items) => {
				const contact = one(items, 'contact');
				expect(Number.isInteger(contact.ID) && contact.DiallerCampaignsID === 538, short(contact));
				expect(
					contact.Name === 'Mustermann' &&
						contact.FirstName === 'Max' &&
						contact.PhoneNumber1 === '+4930123456',
					short(contact),
				);
			},
			'Get Dialler Contact': (items) => {
				const contact = one(items, 'contact');
				expect(
					contact.UserData === 'n8n-example' && contact.DiallerCampaignsID === 538,
					short(contact),
				);
			},
			'Get Contacts by User Data': (items) => {
				const contact = one(items, 'contact with User Data n8n-example (the one just imported)');
				expect(
					Number.isInteger(contact.ID) &&
						contact.UserData === 'n8n-example' &&
						contact.DiallerCampaignsID === 538,
					short(contact),
				);
				expect(
					contact.Name === 'Mustermann' && contact.PhoneNumber1 === '+4930123456',
					short(contact),
				);
			},
			'Delete Dialler Contact': (items) => {
				const deleted = one(items, 'result');
				expect(
					deleted.success === true && Number.isInteger(deleted.DiallerContactsID),
					short(deleted),
				);
			},
			'Get Calls': (items) => {
				const ufns = items.map((c) => c.UFN).join(', ');
				expect(
					ufns === 'sim-ufn-1001, sim-ufn-1002, sim-ufn-1003, sim-ufn-1004',
					`expected the 4 seed calls ordered by UFN, got ${ufns}`,
				);
				const connected = items[1];
				expect(
					connected.UsersID === 7 && connected.dtCallStart === '2022-07-08T11:33:18.900977Z',
					short(connected),
				);
			},
			// the ringing call whose PBX connector supports answer (sim-ufn-1001): answered, held, hung up
			'Answer Call': (items) => {
				const done = one(items, 'result (only sim-ufn-1001 is ringing and can be answered)');
				expect(
					done.success === true &&
						done.status === 200 &&
						done.UFN === 'sim-ufn-1001' &&
						done.action === 'answer',
					short(done),
				);
			},
			'Hold Call': (items) => {
				const done = one(items, 'result');
				expect(
					done.success === true && done.UFN === 'sim-ufn-1001' && done.action === 'hold',
					short(done),
				);
			},
			'Hang Up Call': (items) => {
				const done = one(items, 'result');
				expect(
					done.success === true && done.UFN === 'sim-ufn-1001' && done.action === 'hangup',
					short(done),
				);
			},
			'Hang Up Leg 2': (items) => {
				const done = one(items, 'result (only sim-ufn-1002 has a second leg)');
				expect(
					done.success === true && done.UFN === 'sim-ufn-1002' && done.action === 'hangupLeg2',
					short(done),
				);
			},
			'Get Agent on Call': (items) => {
				const user = one(items, 'user');
				expect(
					user.ID === 7 && user.UID === 'mmustermann' && user.LastName === 'Mustermann',
					short(user),
				);
			},
			'Get Users': (items) => {
				const uids = items.map((u) => u.UID).join(', ');
				expect(
					uids === 'emusterfrau, mmustermann, supervisor',
					`expected the 3 seed users ordered by UID, got ${uids}`,
				);
				expect(
					items.every((u) => u.ClientsID === items[0].ClientsID),
					`users of another client account: ${short(items)}`,
				);
			},
			'Get Cockpit Variables': (items) => {
				expect(items.length === 5, `expected the 5 seed cockpit variables, got ${items.length}`);
				const threshold = items.find((v) => v.ID === 194);
				expect(
					threshold && threshold.Name === 'Queue Threshold' && threshold.Value === 10,
					`Queue Threshold ${short(threshold)}`,
				);
				expect(
					threshold.MinValue === 0 && threshold.MaxValue === 50,
					`min / max ${short(threshold)}`,
				);
			},
			'Set Queue Threshold to 20': (items) => {
				const set = one(items, 'result');
				expect(
					set.success === true && set.changed === true && set.outcome === 'set' && set.result === 0,
					short(set),
				);
				expect(set.CockpitVariablesID === 194 && set.value === 20, short(set));
			},
			'Get Queue Threshold': (items) => {
				const variable = one(items, 'cockpit variable');
				expect(
					variable.ID === 194 && variable.Value === 20,
					`the new value is not read back: ${short(variable)}`,
				);
				expect(
					variable.dtLastModified !== '2022-01-04T13:31:37.477546Z',
					`dtLastModified not updated: ${short(variable.dtLastModified)}`,
				);
			},
			'Get Missing ACD Event': (items) => {
				const failed = one(items, 'error item');
				expect(
					/record not found/.test(failed.error) && /404/.test(failed.error),
					`error ${short(failed.error)}`,
				);
				expect(
					failed.serverMessage === 'AcdEvent not found',
					`server message ${short(failed.serverMessage)}`,
				);
				expect(
					typeof failed.hint === 'string' && failed.hint.length > 0,
					`no hint: ${short(failed)}`,
				);
				noSecrets(failed, JTEL_SECRETS);
			},
		},
		failures: [
			{
				title: 'jtel answers HTTP 401: the workflow stops with a clear error',
				fault: { kind: 'status', status: 401, match: '/acd/events/types', times: 1 },
				check: (error) => {
					expect(error.node === 'Get ACD Event Types', `failed at ${short(error.node)}`);
					expect(
						/401/.test(error.message) && /token or ClientsID wrong/i.test(error.message),
						`message ${short(error.message)}`,
					);
					expect(
						/Check the token and the ClientsID/.test(error.description),
						`no hint in ${short(error.description)}`,
					);
					noSecrets(error, JTEL_SECRETS);
				},
			},
		],
	},
	{
		file: 'tvox-mcc.workflow.json',
		system: 'tvox',
		outputs: {
			'Start Session': (items) => {
				const started = one(items, 'result');
				expect(
					started.result === 'SUCCESS' && /^n8n-chat-\w+$/.test(started.sessionId),
					short(started),
				);
				expect(
					started.contactValue === '+390212345678',
					`contactValue ${short(started.contactValue)}`,
				);
			},
			'Accept Session': (items) => {
				const accepted = one(items, 'result');
				expect(accepted.result === 'SUCCESS' && accepted.status === 'ASSIGNED', short(accepted));
			},
			'Set Session Data': (items) => {
				const set = one(items, 'result');
				expect(set.result === 'SUCCESS' && set.sessionData === 'step=2', short(set));
			},
			'Check Session State With Data': (items) => {
				const state = one(items, 'state');
				expect(state.status === 'ASSIGNED' && state.username === 'mario.rossi', short(state));
				expect(
					state.data === '{"customer":"ACME"}' && state.sessionData === 'step=2',
					`data ${short(state)}`,
				);
			},
			'Close Session': (items) => {
				const closed = one(items, 'result');
				expect(closed.result === 'SUCCESS' && /^n8n-chat-/.test(closed.sessionId), short(closed));
			},
			'Get Service State': (items) => {
				const state = one(items, 'result');
				expect(state.result === 'SUCCESS' && state.channelId === 1, short(state));
				expect(
					state.state?.SUPPORT === 'ACTIVE' && state.state?.BILLING === 'OVERTIME',
					`state ${short(state.state)}`,
				);
			},
			'Log Agent Out of Channel 2': (items) => {
				expect(one(items, 'result').result === 'SUCCESS', short(items));
			},
			'Check Unknown Session': (items) => {
				const failed = one(items, 'error item');
				expect(failed.code === 'INVALID_SESSION_ID', `code ${short(failed.code)}`);
				expect(
					/INVALID_SESSION_ID/.test(failed.error) && /does not exist/.test(failed.error),
					`error ${short(failed.error)}`,
				);
				expect(
					failed.meaning === 'Session ID provided is not valid or does not exist',
					`meaning ${short(failed.meaning)}`,
				);
			},
		},
		failures: [
			{
				title:
					'a proxy answers TVox SOAP with an HTML 502 page: the workflow stops with a clear error',
				fault: { kind: 'html', status: 502, match: 'getServiceState', times: 1 },
				check: (error) => {
					expect(error.node === 'Get Service State', `failed at ${short(error.node)}`);
					expect(
						/HTML page/.test(error.message) && /502/.test(error.message),
						`message ${short(error.message)}`,
					);
					expect(
						/Check the host in the credential/.test(error.description),
						`no hint in ${short(error.description)}`,
					);
					expect(
						!/<html|<body/i.test(`${error.message} ${error.description}`),
						'raw HTML leaks into the error',
					);
				},
			},
		],
	},
	{
		file: 'sap-ici.workflow.json',
		system: 'oii',
		outputs: {
			'Subscribe to Line +129': (items) => {
				const subscribed = one(items, 'result');
				expect(
					subscribed.success === true &&
						subscribed.containerId === '+129' &&
						subscribed.appId === 'n8n-example',
					short(subscribed),
				);
			},
			'Unsubscribe from Line +129': (items) => {
				expect(one(items, 'result').success === true, short(items));
			},
			'Exchange Product Information': (items) => {
				const info = one(items, 'product information');
				expect(info.productName === 'WicomOII' && info.iciVersion === '3.07', short(info));
				expect(
					Array.isArray(info.iciMessageGroups) &&
						info.iciMessageGroups.includes('IciGroupTelephony'),
					`groups ${short(info.iciMessageGroups)}`,
				);
			},
			'Get User HARRI': (items) => {
				const user = one(items, 'user');
				expect(user.userId === 'HARRI', short(user.userId));
				expect(
					user.currentWorkmode?.name === 'Logged off',
					`workmode decoded: ${short(user.currentWorkmode)}`,
				);
				expect(
					Array.isArray(user.channels) && user.channels.length === 4,
					`channels ${short(user.channels)}`,
				);
			},
			'Set ANNA Ready': (items) => {
				const set = one(items, 'result');
				expect(set.success === true && set.userId === 'ANNA' && set.workmode === '2', short(set));
			},
			'Route Action Item to ANNA': (items) => {
				expect(/^[0-9A-F]{32}$/.test(String(one(items, 'result').actionItemId)), short(items));
			},
			'Create Phone Call': (items) => {
				const call = one(items, 'item');
				expect(/^[0-9A-F]{32}$/.test(String(call.itemId)), `itemId ${short(call.itemId)}`);
				expect(call.status?.name === 'Created' && call.capabilityList?.includes(101), short(call));
			},
			Dial: (items) => {
				expect(one(items, 'result').dialedNumber === '+4930123456', short(items));
			},
			'Get Calls on Line +129': (items) => {
				const call = one(items, 'call');
				expect(call.lineNumber === '+129' && call.callStatus?.name === 'Connected', short(call));
				expect(
					JSON.stringify(call.remoteNumbers) === '["+4930123456"]',
					`remote numbers ${short(call.remoteNumbers)}`,
				);
			},
			'Drop Call': (items) => {
				const dropped = one(items, 'result');
				expect(
					dropped.success === true && /^[0-9A-F]{32}$/.test(String(dropped.callHandle)),
					short(dropped),
				);
			},
			'Create E-Mail': (items) => {
				const message = one(items, 'item');
				expect(
					message.capabilityList?.includes(201),
					`no Set message contents capability: ${short(message)}`,
				);
			},
			'Set E-Mail Content': (items) => {
				expect(one(items, 'result').success === true, short(items));
			},
			'Send E-Mail': (items) => {
				expect(one(items, 'result').success === true, short(items));
			},
			'Get Messages of Folder': (items) => {
				atLeast(items, 2, 'messages (the sent e-mail and its delivery notification)');
				const sent = items.find((m) => m.messageStatus?.name === 'Sent');
				expect(
					sent &&
						sent.subject === 'Your invoice' &&
						sent.messageText === 'Please find it attached.',
					`no sent e-mail in ${short(items)}`,
				);
			},
			'Create Chat': (items) => {
				expect(/^[0-9A-F]{32}$/.test(String(one(items, 'item').itemId)), short(items));
			},
			'Get Chat Session': (items) => {
				const session = one(items, 'chat session');
				expect(
					session.chatLineId === 'harri.chat@contact.example' &&
						session.chatStatus?.name === 'Created',
					short(session),
				);
			},
			'Get Chat Sessions of Line': (items) => {
				atLeast(items, 1, 'chat session');
				expect(
					items.every((s) => s.chatLineId === 'harri.chat@contact.example'),
					short(items),
				);
			},
			'Get Unknown Call': (items) => {
				const failed = one(items, 'error item');
				expect(
					failed.code === '3/1' && failed.areaCode === 3 && failed.errorCode === 1,
					`ICI fault code ${short(failed)}`,
				);
				expect(
					/Unknown item/.test(failed.error) && failed.errorRetry === false,
					`error ${short(failed.error)}`,
				);
				expect(!/<soap|<\?xml/i.test(JSON.stringify(failed)), 'raw SOAP leaks into the error');
			},
		},
		failures: [
			{
				title: 'OII answers Dial with an ICI fault: the workflow stops with a clear error',
				faultPath: '/__oii/faults',
				fault: {
					areaCode: 5,
					errorCode: 2,
					errorText: 'Line +129 is out of service',
					errorRetry: false,
					match: 'IciPhoneCall.dial',
					times: 1,
				},
				check: (error) => {
					expect(error.node === 'Dial', `failed at ${short(error.node)}`);
					expect(
						/Line \+129 is out of service/.test(error.message),
						`message ${short(error.message)}`,
					);
					expect(
						/Error code 5\/2/.test(error.description),
						`the ICI error code is missing: ${short(error.description)}`,
					);
				},
			},
		],
	},
];

module.exports = { EXAMPLES };
