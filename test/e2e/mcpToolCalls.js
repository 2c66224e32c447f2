'use strict';
/**
 * The tool calls of the MCP e2e checks, one function per system: each calls tools with arguments a
 * model would give and checks the effect in the simulator's state. Each function takes the
 * context runMcpChecks (mcp.e2e.js) builds: the `step` that records one e2e line, the connected
 * MCP client, the simulators' URLs, the credential secrets no answer may hold, and the n8n REST
 * client, workflow lifecycle and workflow entry for checking executions.
 */
const { expect, short } = require('../../scripts/lib/checks');
const { call, callFailing, newExecution, one, state } = require('./mcpClient');

/** The Akixi tools against the Akixi simulator. */
async function akixiToolCalls({ step, client, sims, secretValues }) {
	await step(
		'akixi_list_omnichannel_integrations lists the entries the Akixi simulator holds for 100100/2',
		async () => {
			const items = await call(
				client,
				'akixi_list_omnichannel_integrations',
				{ telSysId: 100100, partitionId: 2 },
				secretValues,
			);
			const held = (await state(sims.akixi)).omnichannelIntegrations.filter(
				(e) => e.telSysId === 100100 && e.partId === 2,
			);
			const ids = items.map((i) => i.UniqueID).sort();
			expect(
				JSON.stringify(ids) === JSON.stringify(held.map((e) => e.values.UniqueID).sort()),
				`listed ${ids.join(', ')}`,
			);
			for (const item of items)
				expect(
					item.TelSysID === 100100 &&
						item.PartIDInTelSys === 2 &&
						typeof item.APICommunicationSettings?.CommsEnabled === 'boolean',
					`entry ${short(item)}`,
				);
			return ids.join(', ');
		},
	);
	await step(
		'akixi_get_omnichannel_integration returns the entry as the Akixi simulator holds it, without passwords',
		async () => {
			const held = (await state(sims.akixi)).omnichannelIntegrations.find(
				(e) => e.values.IntegrationType === 'LiveChat',
			);
			const entry = one(
				await call(
					client,
					'akixi_get_omnichannel_integration',
					{ uniqueId: held.values.UniqueID },
					secretValues,
				),
				'entry',
			);
			expect(
				entry.UniqueID === held.values.UniqueID && entry.Description === held.values.Description,
				`got ${short(entry)}`,
			);
			expect(
				entry.APICommunicationSettings?.AuthUserID1 === held.values.AuthUserID1,
				`AuthUserID1 ${short(entry.APICommunicationSettings)}`,
			);
			expect(!/AuthPassword/.test(JSON.stringify(entry)), 'the answer carries a password field');
			return `${entry.UniqueID}: ${entry.Description}`;
		},
	);
}

/** The TVox MCC tools: a session started, checked and closed at the TVox simulator. */
async function tvoxToolCalls({ step, client, sims, secretValues }) {
	let sessionId;
	await step(
		'tvox_start_session starts a session the TVox simulator holds (service, contact, description)',
		async () => {
			const started = one(
				await call(
					client,
					'tvox_start_session',
					{
						channelId: 1,
						serviceCode: 'SUPPORT',
						contactValue: '+390212345678',
						description: 'Question about invoice 4711',
					},
					secretValues,
				),
				'result',
			);
			expect(started.result === 'SUCCESS' && started.sessionId, `answered ${short(started)}`);
			sessionId = started.sessionId;
			const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
			expect(held, `the simulator holds no session ${sessionId}`);
			expect(
				held.channelId === 1 &&
					held.serviceCode === 'SUPPORT' &&
					held.contactValue === '+390212345678' &&
					held.description === 'Question about invoice 4711',
				`session ${short(held)}`,
			);
			return `${sessionId} ${held.status}`;
		},
	);
	await step('tvox_check_session_state reports the status the TVox simulator holds', async () => {
		expect(sessionId, 'no session was started');
		const checked = one(
			await call(client, 'tvox_check_session_state', { sessionId }, secretValues),
			'result',
		);
		const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
		expect(
			checked.result === 'SUCCESS' && checked.status === held.status,
			`answered ${short(checked)}, the simulator holds ${held.status}`,
		);
		return checked.status;
	});
	await step('tvox_close_session closes the session at the TVox simulator', async () => {
		expect(sessionId, 'no session was started');
		const closed = one(
			await call(client, 'tvox_close_session', { sessionId }, secretValues),
			'result',
		);
		expect(closed.result === 'SUCCESS', `answered ${short(closed)}`);
		const held = (await state(sims.tvox)).sessions.find((s) => s.id === sessionId);
		expect(
			held.status === 'CLOSED' && held.closeReason === 'REQUEST_FROM_CALLER',
			`session ${short(held)}`,
		);
		return `${held.history.join(' → ')}`;
	});
}

/** The SAP ICI tools against the OII simulator: user, workmode, an outbound call, a callback. */
async function sapIciToolCalls({ step, client, sims, secretValues }) {
	await step('sap_ici_get_user returns the agent as the OII simulator holds it', async () => {
		const user = one(
			await call(client, 'sap_ici_get_user', { userId: 'harri' }, secretValues),
			'user',
		);
		const held = (await state(sims.oii)).users.find((u) => u.userId === 'HARRI');
		expect(
			user.userId === 'HARRI' && user.currentWorkmode?.id === held.workmode,
			`user ${short(user)}`,
		);
		expect(
			user.addresses?.some((a) => a.address === '+129' && a.channel === 1),
			`addresses ${short(user.addresses)}`,
		);
		return `HARRI: ${user.currentWorkmode.name}, line +129`;
	});
	await step('sap_ici_set_workmode makes ANNA ready at the OII simulator', async () => {
		const before = (await state(sims.oii)).users.find((u) => u.userId === 'ANNA');
		expect(before.workmode !== '2', `ANNA is ready before the call (${before.workmode})`);
		const set = one(
			await call(client, 'sap_ici_set_workmode', { userId: 'ANNA', workmode: '2' }, secretValues),
			'result',
		);
		expect(set.success === true, `answered ${short(set)}`);
		const after = (await state(sims.oii)).users.find((u) => u.userId === 'ANNA');
		expect(after.workmode === '2', `ANNA's workmode is ${after.workmode}`);
		return `workmode ${before.workmode} → ${after.workmode}`;
	});
	let callHandle;
	await step(
		'sap_ici_create_phone_call creates an outbound call on line +129 at the OII simulator',
		async () => {
			const created = one(
				await call(client, 'sap_ici_create_phone_call', { lineNumber: '+129' }, secretValues),
				'call',
			);
			expect(/^[0-9A-F]{32}$/.test(created.itemId || ''), `itemId ${short(created.itemId)}`);
			callHandle = created.itemId;
			const held = (await state(sims.oii)).items.find((i) => i.id === callHandle);
			expect(
				held && held.status === 1 && held.containerId === '+129' && held.inbound === false,
				`item ${short(held)}`,
			);
			return `${callHandle}: ${created.status?.name}`;
		},
	);
	await step('sap_ici_dial places the call to +4930123456 at the OII simulator', async () => {
		expect(callHandle, 'no call was created');
		const dialed = one(
			await call(
				client,
				'sap_ici_dial',
				{ lineNumber: '+129', callHandle, number: '+4930123456' },
				secretValues,
			),
			'result',
		);
		expect(dialed.dialedNumber === '+4930123456', `answered ${short(dialed)}`);
		const held = (await state(sims.oii)).items.find((i) => i.id === callHandle);
		expect(held.dialedNumber === '+4930123456' && held.status !== 1, `call ${short(held)}`);
		expect(
			JSON.stringify(held.remoteNumbers) === JSON.stringify(['+4930123456']),
			`remoteNumbers ${short(held.remoteNumbers)}`,
		);
		return `call ${callHandle} in status ${held.status}`;
	});
	let callbackId;
	await step(
		'sap_ici_create_callback creates a callback in queue 600 at the OII simulator',
		async () => {
			const created = one(
				await call(
					client,
					'sap_ici_create_callback',
					{
						number: '+358401234567',
						queue: '600',
						callTime: '2030-01-02 10:00:00',
						notes: 'Wants to talk about invoice 4711',
					},
					secretValues,
				),
				'result',
			);
			expect(typeof created.id === 'string' && created.id.length > 0, `answered ${short(created)}`);
			callbackId = created.id;
			const held = (await state(sims.oii)).callbacks.find((c) => c.id === callbackId);
			expect(held, `the simulator holds no callback ${callbackId}`);
			expect(
				held.number === '+358401234567' &&
					held.queueNumber === '600' &&
					held.nextCallTime === '2030-01-02T10:00:00Z' &&
					held.notes === 'Wants to talk about invoice 4711',
				`callback ${short(held)}`,
			);
			return `${callbackId} at ${held.nextCallTime}`;
		},
	);
	await step(
		'sap_ici_get_callbacks lists every callback the OII simulator holds, the new one included',
		async () => {
			const items = await call(client, 'sap_ici_get_callbacks', {}, secretValues);
			const held = (await state(sims.oii)).callbacks;
			const ids = items.map((c) => c.id).sort();
			expect(
				JSON.stringify(ids) === JSON.stringify(held.map((c) => c.id).sort()),
				`listed ${ids.join(', ')}`,
			);
			expect(
				callbackId && ids.includes(callbackId),
				`the new callback ${callbackId} is not listed`,
			);
			return `${ids.length} callbacks`;
		},
	);
}

/** The jtel tools against the jtel simulator: an ACD event, a campaign, a contact import. */
async function jtelToolCalls({ step, client, sims, secretValues }) {
	await step(
		'jtel_create_acd_event creates a callback event for ACD group 12 at the jtel simulator',
		async () => {
			const event = one(
				await call(
					client,
					'jtel_create_acd_event',
					{
						eventTypeId: 3,
						acdGroupId: 12,
						sender: '+4930123456',
						subject: 'Callback about invoice 4711',
						body: 'Call before noon',
					},
					secretValues,
				),
				'event',
			);
			expect(Number.isInteger(event.ID), `answered ${short(event)}`);
			const held = (await state(sims.jtel)).clients[0].events.find((e) => e.ID === event.ID);
			expect(held, `the simulator holds no event ${event.ID}`);
			expect(
				held.AcdEventTypesID === 3 &&
					held.AcdGroupsID === 12 &&
					held.Sender === '+4930123456' &&
					held.Subject === 'Callback about invoice 4711' &&
					held.Body === 'Call before noon',
				`event ${short(held)}`,
			);
			return `event ${event.ID}, status ${held.AcdEventStatusID}`;
		},
	);
	await step('jtel_get_campaign returns campaign 538 as the jtel simulator holds it', async () => {
		const campaign = one(
			await call(client, 'jtel_get_campaign', { campaignId: 538 }, secretValues),
			'campaign',
		);
		const held = (await state(sims.jtel)).clients[0].campaigns.find((c) => c.ID === 538);
		expect(campaign.ID === 538 && campaign.Name === held.Name, `answered ${short(campaign)}`);
		return campaign.Name;
	});
	await step(
		'jtel_import_contact imports a contact into campaign 538 at the jtel simulator',
		async () => {
			const contact = one(
				await call(
					client,
					'jtel_import_contact',
					{
						campaignId: 538,
						lastName: 'Musterfrau',
						phoneNumber: '+4930987654',
						firstName: 'Erika',
						reference: 'CRM-4711',
					},
					secretValues,
				),
				'contact',
			);
			expect(Number.isInteger(contact.ID), `answered ${short(contact)}`);
			const held = (await state(sims.jtel)).clients[0].contacts.find((c) => c.ID === contact.ID);
			expect(held, `the simulator holds no contact ${contact.ID}`);
			expect(
				held.DiallerCampaignsID === 538 &&
					held.Name === 'Musterfrau' &&
					held.FirstName === 'Erika' &&
					held.PhoneNumber1 === '+4930987654' &&
					held.UserData === 'CRM-4711',
				`contact ${short(held)}`,
			);
			return `contact ${contact.ID}`;
		},
	);
}

/** Bad arguments: tool errors with the reason, while n8n's execution still succeeds. */
async function badArgumentToolCalls({ step, client, sims, secretValues, rest, lifecycle, entry }) {
	await step(
		'sap_ici_dial with a number that is not E.164 answers a tool error with the reason; no call is placed',
		async () => {
			const created = one(
				await call(client, 'sap_ici_create_phone_call', { lineNumber: '+129' }, secretValues),
				'call',
			);
			const before = (await lifecycle.listExecutions(rest, entry.id)).length;
			const text = await callFailing(client, 'sap_ici_dial', {
				lineNumber: '+129',
				callHandle: created.itemId,
				number: 'call me maybe',
			});
			expect(
				/Other characters than \+1234567890 in phone number/.test(text),
				`error text ${short(text, 400)}`,
			);
			const held = (await state(sims.oii)).items.find((i) => i.id === created.itemId);
			expect(held.status === 1 && !held.dialedNumber, `the call changed: ${short(held)}`);
			const execution = await newExecution(lifecycle, rest, entry.id, before);
			expect(
				execution.status === 'success',
				`n8n's execution of the failing call ended with ${execution.status}`,
			);
			return `${short(text.split('\n')[0], 160)} (execution ${execution.id}: ${execution.status})`;
		},
	);
	await step(
		'jtel_get_campaign with an unknown campaign ID answers a tool error naming the 404',
		async () => {
			const text = await callFailing(client, 'jtel_get_campaign', { campaignId: 999999 });
			expect(/not found/i.test(text) && /404/.test(text), `error text ${short(text, 400)}`);
			for (const secret of secretValues)
				expect(!text.includes(secret), 'a credential secret appears in the error');
			return short(text.split('\n')[0], 160);
		},
	);
	await step(
		'sap_ici_create_callback without the required number answers a schema error naming it',
		async () => {
			const before = (await state(sims.oii)).callbacks.length;
			const text = await callFailing(client, 'sap_ici_create_callback', { queue: '600' });
			expect(
				/did not match expected schema/.test(text) && /\bnumber\b/.test(text),
				`error text ${short(text, 400)}`,
			);
			const after = (await state(sims.oii)).callbacks.length;
			expect(after === before, `the simulator holds ${after - before} more callback(s)`);
			return short(text.replace(/\s+/g, ' '), 160);
		},
	);
}

module.exports = {
	akixiToolCalls,
	tvoxToolCalls,
	sapIciToolCalls,
	jtelToolCalls,
	badArgumentToolCalls,
};
