import { encodeElement } from '../../nodes/SapIci/elements';
import {
	CMS_PING_VALUE,
	DEFAULT_ICI_VERSION,
	DEFAULT_USER_PRESENCE_MAX_HITS,
} from '../../nodes/SapIci/constants';
import type { XmlValue } from '../../nodes/shared/xml';
import { OII_SIM_MESSAGE_GROUPS, OII_SIM_PRODUCT_NAME, OII_SIM_PRODUCT_VERSION } from './seed';
import type { SimUser } from './state';
import {
	NONE,
	channelOf,
	list,
	matchesSearch,
	maxHits,
	presenceInfo,
	timeFilter,
	Args,
	type Handler,
} from './handlerKit';

/** The handlers of IciSystem and IciUser. */
export const SYSTEM_HANDLERS: Record<string, Handler> = {
	// IciSystem
	'system.exchangeProductInformation': (_state, args) => ({
		response: encodeElement('ProductInformation', {
			message: null,
			productName: OII_SIM_PRODUCT_NAME,
			iciMessageGroups: OII_SIM_MESSAGE_GROUPS,
			productVersion: OII_SIM_PRODUCT_VERSION,
			iciVersion: args.text('iciVersion').trim() || DEFAULT_ICI_VERSION,
		}),
	}),
	'system.getWorkcenterCapability': (state, args) => {
		state.findUser(args.required('userId'));
		return {
			response: encodeElement('WorkcenterCapability', {
				types: '0',
				workcenterList: false,
				filter: false,
			}),
		};
	},
	'system.getPresenceQueueInfo': (state, args) => {
		const user = state.findUser(args.required('userId'));
		const channel = channelOf(args);
		// Optional filters of the OII's WSDL: each one given narrows the queues to those matching it whole.
		const filter = (name: string, value: (q: (typeof state.queues)[number]) => string) => {
			const wanted = args.text(name).trim().toLowerCase();
			return (q: (typeof state.queues)[number]) =>
				wanted === '' || value(q).toLowerCase() === wanted;
		};
		const byGuid = filter('queueGuid', (q) => q.guid);
		const byAddress = filter('queueAddress', (q) => q.id);
		const byName = filter('queueName', (q) => q.name);
		const queues = state.queues.filter(
			(q) =>
				q.channelType === channel &&
				user.queues.includes(q.id) &&
				byGuid(q) &&
				byAddress(q) &&
				byName(q),
		);
		return {
			response: encodeElement('PresenceQueueInfo', {
				groupInfo: [{ id: '1', description: '*', parentId: '', queuesId: null }],
				queueInfo: queues.map((q) => ({
					id: q.id,
					description: q.name,
					guid: q.guid,
					...state.queueStatistics(q),
				})),
			}),
		};
	},
	'system.getUserPresence': (state, args) => {
		const ids = args.list('users');
		const limit = maxHits(args, DEFAULT_USER_PRESENCE_MAX_HITS) ?? DEFAULT_USER_PRESENCE_MAX_HITS;
		let users: SimUser[];
		if (ids.length) {
			users = ids.flatMap((id) =>
				state.users.filter((u) => u.userId.toLowerCase() === id.toLowerCase()),
			);
		} else {
			const term = args.text('searchterm').trim();
			users = term ? state.users.filter((u) => matchesSearch(u, term)).slice(0, limit) : [];
		}
		return {
			response: list(
				users.map((u) => presenceInfo(state, u)),
				'UserPresenceInfo',
			),
		};
	},
	'system.getCallRecordings': (state, args) => {
		const from = timeFilter(args, 'dateTimeFrom');
		const to = timeFilter(args, 'dateTimeTo');
		const handle = args.text('callHandle').trim().toUpperCase();
		const userId = args.text('userId').trim().toLowerCase();
		const path = args.text('filePath').trim().toLowerCase();
		const name = args.text('fileName').trim().toLowerCase();
		const limit = maxHits(args, undefined);
		const found = state.recordings.filter((r) => {
			const created = new Date(r.creationTime).getTime();
			const file = r.fileName.toLowerCase();
			const slash = Math.max(file.lastIndexOf('\\'), file.lastIndexOf('/'));
			return (
				(!handle || r.callHandle.toUpperCase() === handle) &&
				(!userId || r.userId.toLowerCase() === userId) &&
				(from === undefined || created >= from) &&
				(to === undefined || created <= to) &&
				(!path || file.slice(0, Math.max(slash, 0)).startsWith(path.replace(/[\\/]+$/, ''))) &&
				(!name || file.slice(slash + 1) === name)
			);
		});
		return {
			response: list(
				(limit === undefined ? found : found.slice(0, limit)).map((r) => ({ ...r })),
				'CallRecording',
			),
		};
	},
	'system.createCallBack': (state, args) => ({
		response: state.createCallBack({
			number: args.required('number'),
			queue: args.required('queue'),
			callTime: args.nullable('callTime'),
			extraData: args.nullable('extraData'),
			gwPrefix: args.nullable('gwPrefix'),
			notes: args.nullable('notes'),
		}),
	}),
	'system.updateCallBack': (state, args) => {
		state.updateCallBack(args.required('id'), args.required('result'), args.nullable('notes'));
		return { bare: true };
	},
	'system.getCallBacks': (state, args) => ({
		response: list(
			state
				.callBacksMatching({
					id: args.text('id'),
					number: args.text('number'),
					queueGuid: args.text('queueGuid'),
					queueNumber: args.text('queueNumber'),
					queueName: args.text('queueName'),
				})
				.map((c) => ({ ...c })),
			'CallBack',
		),
	}),

	// IciUser
	'user.getAttributes': (state, args) => {
		const siblings: Array<[string, XmlValue]> = [['cmsHostId', state.cmsHostId]];
		if (args.text('cmsPing').trim().toUpperCase() === CMS_PING_VALUE) return { siblings };
		const user = state.findUser(args.required('userId'));
		return { response: encodeElement('User', state.userWire(user)), siblings };
	},
	'user.setCurrentWorkmode': (state, args) => {
		state.setWorkmode(state.findUser(args.required('userId')), args.required('workmode'));
		return NONE;
	},
	'user.setCurrentChannels': (state, args) => {
		state.setChannels(state.findUser(args.required('userId')), args.list('channels'));
		return NONE;
	},
	'user.setCurrentQueues': (state, args) => {
		state.setQueues(state.findUser(args.required('userId')), args.list('queues'));
		return NONE;
	},
	'user.setAddresses': (state, args) => {
		const user = state.findUser(args.required('userId'));
		const addresses = args.entries('addresses').map((entry) => {
			const a = new Args(entry);
			return { address: a.required('address'), channel: a.required('channel') };
		});
		state.setAddresses(user, addresses);
		return NONE;
	},
	'user.subscribe': (state, args) => {
		const user = state.findUser(args.required('userId'));
		state.subscribe({
			kind: 'user',
			appUrl: args.required('appUrl'),
			appId: args.required('appId'),
			userId: user.userId,
		});
		return NONE;
	},
	'user.unsubscribe': (state, args) => {
		state.unsubscribe('user', args.required('appUrl'), args.required('appId'));
		return NONE;
	},
};
