import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { ErrorCode } from '@handset/sdk/protocol/errors';
import { cloutgramContract } from '../../apps/cloutgram/contract';
import { contactsContract } from '../../apps/contacts/contract';
import { mailContract } from '../../apps/mail/contract';
import { messagesContract } from '../../apps/messages/contract';
import { phoneContract } from '../../apps/phone/contract';
import { photosContract } from '../../apps/photos/contract';
import { tweederContract } from '../../apps/tweeder/contract';
import { coreActions } from '../../core/server/core-actions';
import { createDriverDatabase } from '../../core/server/storage/driver-database';
import { connectWithPhone, handsetPerTest, nui, openSqlite, repoRoot, type HandsetSimulation } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

/**
 * The authorization matrix: every net event, NUI callback, request action and export Handset registers, with who
 * may use it and what the wrong caller gets. The registries come from the running resource (the simulator
 * records every handler a script adds) and from the apps' contracts; a handler without a row fails this suite.
 */

/** What belongs to player B that player A reaches for. */
interface Theirs {
  number: string;
  contactId: number;
  mailId: number;
  directThread: string;
  groupThread: string;
  messageId: number;
  liveCall: string;
  callRecordId: number;
  photoId: number;
  albumId: number;
  notificationId: number;
  postId: number;
  accountId: number;
  /** C's number: a player with nothing of A's. */
  strangerNumber: string;
  /** C's Tweeder account: C follows B and asked to, neither has anything to do with A. */
  followerId: number;
  /** B's private Cloutgram account (the same id as B's Tweeder account), its post, a comment on it and a story; C asked to follow. */
  cloutgram: { accountId: number; postId: number; commentId: number; storyId: number; followerId: number };
}

/**
 * A request action's row. `reach`: a payload naming B's things; A gets exactly `answer` and not one row of the
 * database changes. `own`: the action can name nothing of another character (it acts on the caller's own rows,
 * found by the net event's source); A's request answers `answer` and none of B's rows change.
 */
type ActionRow =
  | { reach: (their: Theirs) => unknown; answer: ErrorCode | 'ok'; shows?: unknown }
  | { own: (their: Theirs) => unknown; answer: ErrorCode | 'ok' };

const reach = (payload: (their: Theirs) => unknown, answer: ErrorCode = 'NOT_FOUND'): ActionRow => ({ reach: payload, answer });
/** A reach answered `ok` with what A may see (a part of it, for objects), which holds none of B's own things. */
const reachShows = (payload: (their: Theirs) => unknown, shows: unknown): ActionRow => ({ reach: payload, answer: 'ok', shows });
const own = (payload: unknown, answer: ErrorCode | 'ok' = 'ok'): ActionRow => ({ own: typeof payload === 'function' ? (payload as (their: Theirs) => unknown) : () => payload, answer });

const ACTIONS: Record<string, Record<string, ActionRow>> = {
  handset: {
    'phone.setOpen': own({ open: true }),
    'apps.list': own({}),
    'apps.setOpen': own({ appId: 'contacts', open: true }),
    'apps.catalogue': own({ appId: 'appstore' }),
    'passcode.unlock': own({ code: '1234' }),
    'settings.get': own({ appId: 'settings' }),
    'settings.update': own({ theme: 'dark' }),
    'passcode.set': own({ appId: 'settings', current: null, next: '1234' }),
    'notifications.create': own({ title: 'Mine', body: 'A only' }),
    'notifications.list': own({ limit: 20 }),
    'notifications.dismiss': reach((their) => ({ id: their.notificationId })),
    'notifications.clear': own({}),
    'camera.capture': own({}, 'UNAVAILABLE'),
    'storage.get': reachShows(() => ({ appId: 'notes', key: 'secret' }), null),
    'storage.set': own({ appId: 'notes', key: 'mine', value: 1 }),
    'storage.remove': reachShows(() => ({ appId: 'notes', key: 'secret' }), { removed: false }),
    'storage.keys': own({ appId: 'notes' }),
    // Last: A's phone without Notes refuses the storage rows above.
    'apps.install': own({ appId: 'notes' }),
    'apps.uninstall': own({ appId: 'notes' }),
  },
  contacts: {
    'contacts.list': own({ limit: 50 }),
    'contacts.search': own({ query: 'Ann', limit: 20 }),
    'contacts.add': own({ requestId: 'a1', number: '5550177', firstName: 'Zed', lastName: '', notes: '', avatarUrl: null, favorite: false }),
    'contacts.update': reach((their) => ({ id: their.contactId, firstName: 'Taken' })),
    'contacts.delete': reach((their) => ({ id: their.contactId })),
    'contacts.setFavorite': reach((their) => ({ id: their.contactId, favorite: true })),
    'contacts.setBlocked': reach((their) => ({ id: their.contactId, blocked: true })),
  },
  mail: {
    'mail.address': own({}),
    'mail.domain': own({}),
    'mail.addressesOf': own({ numbers: ['5550177'] }),
    'mail.claim': reach(() => ({ name: 'bobby' }), 'ALREADY_EXISTS'),
    'mail.list': own({ folder: 'inbox', limit: 30 }),
    'mail.get': reach((their) => ({ id: their.mailId })),
    'mail.send': own({ clientId: 'a-m1', to: 'nobody@handset.mail', subject: 'Hi', body: 'there' }, 'NOT_FOUND'),
    'mail.setRead': reach((their) => ({ id: their.mailId, read: false })),
    'mail.delete': reach((their) => ({ id: their.mailId })),
    'mail.blocks': own({}),
    'mail.block': own({ address: 'spam@handset.mail' }),
    'mail.unblock': reach(() => ({ address: 'other@handset.mail' })),
  },
  messages: {
    'threads.list': own({}),
    'threads.get': reach((their) => ({ threadId: their.directThread })),
    'threads.direct': own({ number: '5550177' }),
    'threads.read': reach((their) => ({ threadId: their.directThread, messageId: their.messageId })),
    'threads.settings': reach((their) => ({ threadId: their.groupThread, readReceipts: false })),
    'threads.typing': reach((their) => ({ threadId: their.directThread })),
    'threads.view': reach((their) => ({ threadId: their.groupThread })),
    'messages.list': reach((their) => ({ threadId: their.directThread, limit: 30 })),
    'messages.send': reach((their) => ({ clientId: 'a-x1', kind: 'text', body: 'let me in', threadId: their.groupThread })),
    'messages.delete': reach((their) => ({ messageId: their.messageId })),
    'groups.create': own((their: Theirs) => ({ name: 'Mine', members: [their.strangerNumber] })),
    'groups.rename': reach((their) => ({ threadId: their.groupThread, name: 'Taken' })),
    'groups.addMember': reach((their) => ({ threadId: their.groupThread, number: '5550177' })),
    'groups.removeMember': reach((their) => ({ threadId: their.groupThread, number: their.number })),
    'groups.leave': reach((their) => ({ threadId: their.groupThread })),
  },
  phone: {
    'calls.start': own({ requestId: 'a-c1', number: '5550177', video: false, hideNumber: false }),
    'calls.answer': reach((their) => ({ callId: their.liveCall })),
    'calls.decline': reach((their) => ({ callId: their.liveCall })),
    'calls.end': reach((their) => ({ callId: their.liveCall })),
    'calls.current': own({}),
    'calls.recents': own({}),
    'calls.markSeen': own({}),
    'calls.blockCaller': reach((their) => ({ id: their.callRecordId })),
  },
  photos: {
    'photos.list': own({ limit: 30 }),
    'photos.add': own({ clientId: 'a-p1', url: 'https://i.imgur.com/a.png' }),
    'photos.favorite': reach((their) => ({ id: their.photoId, favorite: true })),
    'photos.delete': reach((their) => ({ id: their.photoId })),
    'albums.list': own({}),
    'albums.create': own({ name: 'Mine' }),
    'albums.delete': reach((their) => ({ id: their.albumId })),
    'albums.add': reach((their) => ({ albumId: their.albumId, photoId: their.photoId })),
    'albums.remove': reach((their) => ({ albumId: their.albumId, photoId: their.photoId })),
  },
  tweeder: {
    'profiles.me': own({}),
    'profiles.claim': reach(() => ({ handle: 'bee', displayName: 'Not Bee' }), 'ALREADY_EXISTS'),
    'profiles.update': own({ bio: 'mine' }),
    'profiles.get': reachShows((their) => ({ id: their.accountId }), { handle: 'bee', private: true, visible: false }),
    'profiles.posts': reachShows((their) => ({ id: their.accountId, tab: 'posts', limit: 20 }), { items: [], cursor: null }),
    'profiles.followers': reachShows((their) => ({ id: their.accountId, limit: 20 }), { accounts: [], cursor: null }),
    'profiles.following': reachShows((their) => ({ id: their.accountId, limit: 20 }), { accounts: [], cursor: null }),
    'follows.follow': own({ id: 999 }, 'NOT_FOUND'),
    'follows.unfollow': own({ id: 999 }, 'NOT_FOUND'),
    'follows.requests': own({ limit: 20 }),
    'follows.answer': reach((their) => ({ id: their.followerId, accept: true })),
    'follows.removeFollower': reachShows((their) => ({ id: their.followerId }), { followsYou: false }),
    'blocks.block': own({ id: 999 }, 'NOT_FOUND'),
    'blocks.unblock': own({ id: 999 }),
    'blocks.list': own({ limit: 20 }),
    'mutes.mute': own({ id: 999 }, 'NOT_FOUND'),
    'mutes.unmute': own({ id: 999 }, 'NOT_FOUND'),
    'mutes.list': own({ limit: 20 }),
    'feed.following': own({ limit: 20 }),
    'feed.latest': own({ limit: 20 }),
    'feed.hashtag': own({ tag: 'tag', limit: 20 }),
    'posts.create': reach((their) => ({ clientId: 'a-t1', text: 'replying', photos: [], replyTo: their.postId })),
    'posts.thread': reach((their) => ({ id: their.postId })),
    'posts.replies': reach((their) => ({ id: their.postId, limit: 20 })),
    'posts.like': reach((their) => ({ id: their.postId, liked: true })),
    'posts.repost': reach((their) => ({ id: their.postId, reposted: true })),
    'posts.pin': reach((their) => ({ id: their.postId })),
    'posts.delete': reach((their) => ({ id: their.postId })),
    'posts.likedBy': reach((their) => ({ id: their.postId, limit: 20 })),
    'search.accounts': own({ query: 'bee', limit: 20 }),
    'search.posts': own({ query: 'speaks', limit: 20 }),
    'trends.list': own({}),
    'reports.create': reach((their) => ({ postId: their.postId, reason: 'spam', details: '' })),
    'notifications.list': own({ limit: 20 }),
    'notifications.read': own({}),
    'settings.get': own({}),
    'settings.set': own({ notify: { likes: false, reposts: true, replies: true, mentions: true, follows: true } }),
  },
  cloutgram: {
    'profiles.me': own({}),
    'profiles.claim': reach(() => ({ handle: 'bee', displayName: 'Not Bee' }), 'ALREADY_EXISTS'),
    'profiles.update': own({ bio: 'mine' }),
    'profiles.get': reachShows((their) => ({ id: their.cloutgram.accountId }), { handle: 'bee', private: true, visible: false, story: 'none', posts: 1 }),
    'profiles.posts': reachShows((their) => ({ id: their.cloutgram.accountId, limit: 20 }), { posts: [], cursor: null }),
    'profiles.followers': reachShows((their) => ({ id: their.cloutgram.accountId, limit: 20 }), { accounts: [], cursor: null }),
    'profiles.following': reachShows((their) => ({ id: their.cloutgram.accountId, limit: 20 }), { accounts: [], cursor: null }),
    'follows.follow': own({ id: 999 }, 'NOT_FOUND'),
    'follows.unfollow': own({ id: 999 }, 'NOT_FOUND'),
    'follows.requests': own({ limit: 20 }),
    'follows.answer': reach((their) => ({ id: their.cloutgram.followerId, accept: true })),
    'follows.removeFollower': reachShows((their) => ({ id: their.cloutgram.followerId }), { followsYou: false }),
    'blocks.block': own({ id: 999 }, 'NOT_FOUND'),
    'blocks.unblock': own({ id: 999 }),
    'blocks.list': own({ limit: 20 }),
    'mutes.mute': own({ id: 999 }, 'NOT_FOUND'),
    'mutes.unmute': own({ id: 999 }, 'NOT_FOUND'),
    'mutes.list': own({ limit: 20 }),
    'feed.following': own({ limit: 20 }),
    'feed.explore': own({ limit: 20 }),
    'posts.create': own({ clientId: 'a-g1', photos: ['https://i.imgur.com/a.png'], caption: 'mine' }),
    'posts.get': reach((their) => ({ id: their.cloutgram.postId })),
    'posts.like': reach((their) => ({ id: their.cloutgram.postId, liked: true })),
    'posts.save': reach((their) => ({ id: their.cloutgram.postId, saved: true })),
    'posts.saved': own({ limit: 20 }),
    'posts.delete': reach((their) => ({ id: their.cloutgram.postId })),
    'posts.likedBy': reach((their) => ({ id: their.cloutgram.postId, limit: 20 })),
    'comments.list': reach((their) => ({ postId: their.cloutgram.postId, limit: 20 })),
    'comments.create': reach((their) => ({ clientId: 'a-gc1', postId: their.cloutgram.postId, text: 'let me in' })),
    'comments.like': reach((their) => ({ id: their.cloutgram.commentId, liked: true })),
    'comments.delete': reach((their) => ({ id: their.cloutgram.commentId })),
    'stories.tray': own({ limit: 20 }),
    'stories.of': reachShows((their) => ({ accountId: their.cloutgram.accountId }), []),
    'stories.create': own({ clientId: 'a-gs1', photo: 'https://i.imgur.com/a.png' }),
    'stories.view': reach((their) => ({ id: their.cloutgram.storyId })),
    'stories.viewers': reach((their) => ({ id: their.cloutgram.storyId, limit: 20 })),
    'stories.reply': reach((their) => ({ id: their.cloutgram.storyId, text: 'let me in' })),
    'stories.delete': reach((their) => ({ id: their.cloutgram.storyId })),
    'search.accounts': own({ query: 'bee', limit: 20 }),
    'reports.create': reach((their) => ({ postId: their.cloutgram.postId, reason: 'spam', details: '' })),
    'notifications.list': own({ limit: 20 }),
    'notifications.read': own({}),
  },
};

/** The action registries: the core's own actions and each built-in app's contract. */
const REGISTRIES: Record<string, Record<string, unknown>> = {
  handset: coreActions,
  contacts: contactsContract,
  mail: mailContract,
  messages: messagesContract,
  phone: phoneContract,
  photos: photosContract,
  tweeder: tweederContract,
  cloutgram: cloutgramContract,
};

/** Why a server export needs no owner check: the contract it honours lets any server resource name the player. */
const SERVER_TRUST = 'a server resource (the server owner’s code) names the player or number itself, as the export contract documents';

/**
 * Server exports. `app owner`: acts for a registered app or a service number, refused with `not_owner` for any
 * other resource (checked below). `server`: SERVER_TRUST. `self`: Handset's own, refused to every other resource.
 */
const SERVER_EXPORTS: Record<string, 'app owner' | 'server' | 'self'> = {
  getVersion: 'server',
  registerApp: 'app owner',
  unregisterApp: 'app owner',
  onRequest: 'app owner',
  onBadge: 'app owner',
  refreshBadge: 'app owner',
  sendAppMessage: 'app owner',
  notify: 'app owner',
  presentApp: 'app owner',
  getAppData: 'app owner',
  setAppData: 'app owner',
  removeAppData: 'app owner',
  onMessageToNumber: 'app owner',
  getPhoneNumber: 'server',
  getPhoneLanguage: 'server',
  getSourceByNumber: 'server',
  isPhoneOpen: 'server',
  resetPhoneData: 'server',
  resetPasscode: 'server',
  getIdentifierByPhoneNumber: 'server',
  getPhoneIdentity: 'server',
  addContact: 'server',
  addContactByNumber: 'server',
  deleteContact: 'server',
  getContacts: 'server',
  getContactsByNumber: 'server',
  contactNames: 'server',
  blockNumber: 'server',
  isNumberBlocked: 'server',
  startCall: 'server',
  answerCall: 'server',
  endCallByNumber: 'server',
  endCallBySource: 'server',
  isInCallByNumber: 'server',
  isInCallBySource: 'server',
  sendMessage: 'server',
  sendMail: 'server',
  sendMailToSource: 'server',
  deleteTweederPost: 'server',
  onTweederPost: 'server',
  setTweederVerified: 'server',
  tweederPostAs: 'server',
  deleteCloutgramPost: 'server',
  setCloutgramVerified: 'server',
  okReasonExports: 'self',
};

/** Client exports act on the phone of the player whose client runs them: another player's is out of their reach. */
const CLIENT_EXPORTS = ['closePhone', 'isPhoneOpen', 'notify', 'okReasonExports', 'openPhone', 'sendAppMessage'];

/** Other phones' export names the server owner can switch on (`handset:compat`), each served by one of Handset's. */
const COMPAT_EXPORTS: Record<string, string> = {
  '17mov_Phone.PhoneApp_AddContactByNumber': 'addContactByNumber',
  '17mov_Phone.PhoneApp_AddContactBySrc': 'addContact',
  '17mov_Phone.PhoneApp_DeleteContact': 'deleteContact',
  '17mov_Phone.PhoneApp_EndCallByNumber': 'endCallByNumber',
  '17mov_Phone.PhoneApp_EndCallBySrc': 'endCallBySource',
  '17mov_Phone.PhoneApp_FetchContactsByNumber': 'getContactsByNumber',
  '17mov_Phone.PhoneApp_FetchContactsBySrc': 'getContacts',
  '17mov_Phone.PhoneApp_IsInCallByNumber': 'isInCallByNumber',
  '17mov_Phone.PhoneApp_IsInCallBySrc': 'isInCallBySource',
  '17mov_Phone.PhoneApp_StartCall': 'startCall',
  'amzn_smartphone.deleteCloutgramPost': 'deleteCloutgramPost',
  'amzn_smartphone.deleteTweederPost': 'deleteTweederPost',
  'amzn_smartphone.getIdentifierByPhoneNumber': 'getIdentifierByPhoneNumber',
  'amzn_smartphone.getPhoneIdentity': 'getPhoneIdentity',
  'amzn_smartphone.notify': 'notify',
  'amzn_smartphone.registerApp': 'registerApp',
  'amzn_smartphone.resetPasscode': 'resetPasscode',
  'amzn_smartphone.resetPhoneData': 'resetPhoneData',
  'amzn_smartphone.sendAppMessage': 'sendAppMessage',
  'amzn_smartphone.sendMail': 'sendMail',
  'amzn_smartphone.sendMailToSource': 'sendMailToSource',
  'amzn_smartphone.unregisterApp': 'unregisterApp',
};

/** Net events the server listens to from clients: the player is the event's source, never a payload field. */
const SERVER_NET_EVENTS: Record<string, string> = {
  'handset:request': 'a request for one action above, answered to its source only',
  'handset:client:ready': "sends the source's own phone state to the source",
};

/** Net events Handset's client listens to: FXServer delivers them from the server only, never from another client. */
const CLIENT_NET_EVENTS = [
  'handset:app:closed',
  'handset:app:message',
  'handset:app:present',
  'handset:apps:changed',
  'handset:badge',
  'handset:notification',
  'handset:phone:state',
  'handset:response',
  'phone:notification',
];

/** NUI callbacks: only the page of Handset on the player's own screen can call them. */
const NUI_CALLBACKS: Record<string, string> = {
  request: 'sends handset:request for the player’s own character',
  close: 'closes the player’s own phone',
  appState: 'tells the server which app the player’s own phone shows',
  camera: 'the player’s own camera',
  location: 'the player’s own position',
};

const startHandset = handsetPerTest();

// A third-party app with storage, and a resource that does not own it.
const resources = {
  notes: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': `exports.handset.registerApp({ id: 'notes', label: 'Notes', icon: 'fa-note', color: '#ffd60a', ui: 'web/index.html', permissions: ['storage'] });
exports.handset.onRequest('notes', 'whoami', (source) => ({ ok: true, data: { handledBy: 'notes', source } }));
exports.handset.onMessageToNumber('5550999', () => 'notes line');
RegisterCommand('secret', async (_source, [player]) => console.log('secret ' + JSON.stringify(await exports.handset.setAppData(Number(player), 'notes', 'secret', 'B only'))), true);`,
    'web/index.html': '<!doctype html><title>Notes</title>',
  },
  // A modded client: any net event, with any arguments.
  modded: {
    'fxmanifest.lua': manifest(`client_script 'client.js'`),
    'client.js': `RegisterCommand('forge', (_source, [name, args]) => emitNet(name, ...JSON.parse(decodeURIComponent(args))), false);`,
  },
  intruder: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`),
    'server.js': `const attempt = async (name, ...args) => {
  try {
    console.log(name + ' ' + JSON.stringify(await exports.handset[name](...args)));
  } catch (error) {
    console.log(name + ' threw ' + error.message);
  }
};
RegisterCommand('intrude', async (_source, [player]) => {
  const source = Number(player);
  await attempt('registerApp', { id: 'notes', label: 'Mine', icon: 'fa-note', color: '#000000', ui: 'web/index.html', permissions: [] });
  await attempt('unregisterApp', 'notes');
  await attempt('onRequest', 'notes', 'whoami', () => 'intruder');
  await attempt('onBadge', 'notes', () => 99);
  await attempt('refreshBadge', source, 'notes');
  await attempt('sendAppMessage', source, 'notes', 'note', { text: 'forged' });
  await attempt('presentApp', source, 'notes', '/');
  await attempt('getAppData', source, 'notes', 'secret');
  await attempt('setAppData', source, 'notes', 'secret', 'intruder');
  await attempt('removeAppData', source, 'notes', 'secret');
  await attempt('onMessageToNumber', '5550999', () => 'intruder line');
  await attempt('notify', source, { appId: 'notes', title: 'Forged', body: 'from intruder' });
  console.log('done');
}, true);`,
  },
};

/** Every row of every Handset table, by table. */
async function everything(simulation: HandsetSimulation): Promise<Record<string, unknown[]>> {
  const db = await createDriverDatabase(simulation.database.connection);
  try {
    const tables = await db.select<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'handset_%' ORDER BY name");
    const rows: Record<string, unknown[]> = {};
    for (const { name } of tables) rows[name] = await db.select(`SELECT * FROM ${name} ORDER BY 1, 2`);
    return rows;
  } finally {
    await db.close();
  }
}

/** The rows that are B's: theirs by phone, by sender, or by their Tweeder account. */
function theirRows(all: Record<string, unknown[]>, phoneId: number, accountId: number): Record<string, unknown[]> {
  const byPhone = ['phone_id', 'sender_phone_id'];
  const byAccount = ['author_id', 'account_id', 'blocker_id', 'blocked_id', 'follower_id', 'followee_id', 'muter_id', 'muted_id', 'recipient_id', 'reporter_id'];
  const mine = (row: Record<string, unknown>) =>
    byPhone.some((column) => row[column] === phoneId) || byAccount.some((column) => row[column] === accountId) || (row['id'] === accountId && 'handle' in row);
  return Object.fromEntries(Object.entries(all).map(([table, rows]) => [table, (rows as Record<string, unknown>[]).filter(mine)]));
}

/** The client's refusal when the phone's own request budget is spent. */
const CLIENT_BUDGET_SPENT = 'the phone is sending too much at once; slow down';

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
const codeOf = (answer: Answer) => (answer.ok ? 'ok' : answer.error.code);

/** A player's requests through the NUI callback, as the shell sends them. */
const askAs =
  (player: { page: Parameters<typeof nui>[0] }) =>
  async (appId: string, action: string, payload: unknown): Promise<Answer> => {
    // The client's own budget (25 requests a second) is not what this suite checks: a refusal of it waits and asks again.
    for (;;) {
      const answer = (await nui(player.page, 'request', { appId, action, payload })) as unknown as Answer;
      if (answer.ok || answer.error.message !== CLIENT_BUDGET_SPENT) return answer;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

async function twoPlayers() {
  const simulation = await startHandset({ database: await openSqlite(), resources, convars: { 'handset:compat': '17mov_Phone amzn_smartphone', 'handset:requests_per_second': '1000', 'handset:request_burst': '5000' } });
  const a = await connectWithPhone(simulation);
  const b = await connectWithPhone(simulation);
  const c = await connectWithPhone(simulation);
  return { simulation, a, b, c, asA: askAs(a), asB: askAs(b), asC: askAs(c) };
}

const data = <T>(answer: Answer): T => {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data as T;
};

it('has a row for every handler Handset registers, and no row for one it does not', async () => {
  const { simulation, a } = await twoPlayers();
  const server = simulation.sim.server.handlersOf('handset');
  const client = a.player.client.handlersOf('handset');
  const exportsOf = (events: string[]) => events.filter((name) => name.startsWith('__cfx_export_')).map((name) => name.slice('__cfx_export_'.length));
  const handsets = (names: string[]) => names.filter((name) => name.startsWith('handset_')).map((name) => name.slice('handset_'.length)).sort();
  const compat = (names: string[]) => names.filter((name) => !name.startsWith('handset_')).map((name) => name.replace(/^(17mov_Phone|amzn_smartphone)_/, '$1.')).sort();

  expect(server.netEvents).toEqual(Object.keys(SERVER_NET_EVENTS).sort());
  expect(client.netEvents).toEqual([...CLIENT_NET_EVENTS].sort());
  expect(client.events.filter((name) => name.startsWith('__cfx_nui:')).map((name) => name.slice('__cfx_nui:'.length)).sort()).toEqual(Object.keys(NUI_CALLBACKS).sort());
  expect(handsets(exportsOf(server.events))).toEqual(Object.keys(SERVER_EXPORTS).sort());
  expect(handsets(exportsOf(client.events))).toEqual([...CLIENT_EXPORTS].sort());
  // Compatibility names on the client (notify, sendAppMessage) are the client's exports of the same name.
  expect(compat(exportsOf(server.events))).toEqual(Object.keys(COMPAT_EXPORTS).sort());
  expect(compat(exportsOf(client.events))).toEqual(['amzn_smartphone.notify', 'amzn_smartphone.sendAppMessage']);
  for (const target of Object.values(COMPAT_EXPORTS)) expect(SERVER_EXPORTS).toHaveProperty(target);

  // Actions: each built-in app serves its contract and nothing else, every contract is a registry here, and
  // every action of each registry has a row.
  const served: string[] = [];
  for (const app of await readdir(path.join(repoRoot, 'apps'), { withFileTypes: true })) {
    const dir = path.join(repoRoot, 'apps', app.name, 'server');
    if (!app.isDirectory() || !existsSync(dir)) continue;
    for (const file of (await readdir(dir)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
      const source = await readFile(path.join(dir, file), 'utf8');
      expect(source, `apps/${app.name}/server/${file} adds an action outside a contract`).not.toMatch(/\.onRequest\(/);
      for (const [, name] of source.matchAll(/\.serve\((\w+)Contract\b/g)) served.push(name!);
    }
  }
  expect(served.sort()).toEqual(Object.keys(REGISTRIES).filter((appId) => appId !== 'handset').sort());
  for (const [appId, registry] of Object.entries(REGISTRIES)) expect(Object.keys(ACTIONS[appId] ?? {}).sort(), appId).toEqual(Object.keys(registry).sort());
  expect(simulation.errors).toEqual([]);
});

it("refuses every action that names another character's things exactly, and changes nothing", async () => {
  const { simulation, a, b, c, asA, asB, asC } = await twoPlayers();
  const { sim, printed } = simulation;
  // B has something in every app; C follows B (B's account is private) and shares B's threads and call.
  for (const who of [asA, asB]) data(await who('handset', 'apps.install', { appId: 'notes' }));
  sim.executeCommand(`secret ${b.player.id}`, 0);
  await eventually(() => expect(printed('notes')).toEqual(['secret true']));
  data(await asB('contacts', 'contacts.add', { requestId: 'b1', number: '5550100', firstName: 'Ann', lastName: '', notes: '', avatarUrl: null, favorite: false }));
  data(await asB('mail', 'mail.claim', { name: 'bobby' }));
  data(await asC('mail', 'mail.claim', { name: 'cee' }));
  data(await asA('mail', 'mail.claim', { name: 'aye' }));
  const mail = data<{ id: number }>(await asB('mail', 'mail.send', { clientId: 'b-m1', to: 'cee@handset.mail', subject: 'Hi', body: 'there' }));
  data(await asB('mail', 'mail.block', { address: 'other@handset.mail' }));
  data(await asB('messages', 'messages.send', { clientId: 'b-x1', kind: 'text', body: 'hey', to: c.number }));
  const direct = data<{ threads: { id: string; lastMessage: { id: number } }[] }>(await asB('messages', 'threads.list', {})).threads[0]!;
  const group = data<{ id: string }>(await asB('messages', 'groups.create', { name: 'Crew', members: [c.number] }));
  data(await asB('phone', 'calls.start', { requestId: 'b-c1', number: '5559999', video: false, hideNumber: false }));
  const [record] = data<{ id: number }[]>(await asB('phone', 'calls.recents', {}));
  const call = data<{ callId: string }>(await asB('phone', 'calls.start', { requestId: 'b-c2', number: c.number, video: false, hideNumber: false }));
  const photo = data<{ id: number }>(await asB('photos', 'photos.add', { clientId: 'b-p1', url: 'https://i.imgur.com/b.png' }));
  const album = data<{ id: number }>(await asB('photos', 'albums.create', { name: 'Trips' }));
  data(await asB('photos', 'albums.add', { albumId: album.id, photoId: photo.id }));
  const notification = data<{ id: number }>(await asB('handset', 'notifications.create', { title: 'Mine', body: 'B only' }));
  const account = data<{ id: number }>(await asB('tweeder', 'profiles.claim', { handle: 'bee', displayName: 'Bee' }));
  const follower = data<{ id: number }>(await asC('tweeder', 'profiles.claim', { handle: 'cee', displayName: 'Cee' }));
  data(await asA('tweeder', 'profiles.claim', { handle: 'aye', displayName: 'Aye' }));
  data(await asB('tweeder', 'profiles.update', { private: true }));
  const post = data<{ id: number }>(await asB('tweeder', 'posts.create', { clientId: 'b-t1', text: 'B speaks #tag', photos: [] }));
  data(await asC('tweeder', 'follows.follow', { id: account.id }));
  // Cloutgram's accounts are claimed in the same order, so B's has the id theirRows knows B's accounts by.
  const clout = data<{ id: number }>(await asB('cloutgram', 'profiles.claim', { handle: 'bee', displayName: 'Bee' }));
  expect(clout.id).toBe(account.id);
  const cloutFollower = data<{ id: number }>(await asC('cloutgram', 'profiles.claim', { handle: 'cee', displayName: 'Cee' }));
  data(await asA('cloutgram', 'profiles.claim', { handle: 'aye', displayName: 'Aye' }));
  data(await asB('cloutgram', 'profiles.update', { private: true }));
  const cloutPost = data<{ id: number }>(await asB('cloutgram', 'posts.create', { clientId: 'b-g1', photos: ['https://i.imgur.com/b.png'], caption: 'B only' }));
  const cloutComment = data<{ id: number }>(await asB('cloutgram', 'comments.create', { clientId: 'b-gc1', postId: cloutPost.id, text: 'mine' }));
  const cloutStory = data<{ id: number }>(await asB('cloutgram', 'stories.create', { clientId: 'b-gs1', photo: 'https://i.imgur.com/b.png' }));
  data(await asC('cloutgram', 'follows.follow', { id: clout.id }));
  const their: Theirs = {
    number: b.number,
    contactId: 1,
    mailId: mail.id,
    directThread: direct.id,
    groupThread: group.id,
    messageId: direct.lastMessage.id,
    liveCall: call.callId,
    callRecordId: record!.id,
    photoId: photo.id,
    albumId: album.id,
    notificationId: notification.id,
    postId: post.id,
    accountId: account.id,
    followerId: follower.id,
    strangerNumber: c.number,
    cloutgram: { accountId: clout.id, postId: cloutPost.id, commentId: cloutComment.id, storyId: cloutStory.id, followerId: cloutFollower.id },
  };
  const phones = (await everything(simulation))['handset_core_phones'] as { id: number; phone_number: string }[];
  const phoneIdOfB = phones.find((row) => row.phone_number === b.number.replace(/\D/g, ''))!.id;

  for (const [appId, rows] of Object.entries(ACTIONS)) {
    for (const [action, row] of Object.entries(rows)) {
      const before = await everything(simulation);
      const answer = await asA(appId, action, 'reach' in row ? row.reach(their) : row.own(their));
      const after = await everything(simulation);
      expect.soft(codeOf(answer), `${appId} ${action}: ${JSON.stringify(answer)}`).toBe(row.answer);
      if ('reach' in row && row.shows !== undefined && answer.ok) {
        if (typeof row.shows === 'object' && row.shows !== null) expect.soft(answer.data, `${appId} ${action}`).toMatchObject(row.shows);
        else expect.soft(answer.data, `${appId} ${action}`).toBe(row.shows);
      }
      if ('reach' in row) expect.soft(after, `${appId} ${action} changed the database`).toEqual(before);
      else expect.soft(theirRows(after, phoneIdOfB, account.id), `${appId} ${action} changed B's rows`).toEqual(theirRows(before, phoneIdOfB, account.id));
    }
  }
  expect(simulation.errors).toEqual([]);
}, 60_000);

it('refuses every action of an app the server owner turned off, and changes nothing', async () => {
  const appIds = Object.keys(REGISTRIES).filter((appId) => appId !== 'handset');
  const simulation = await startHandset({
    database: await openSqlite(),
    resources,
    convars: { ...Object.fromEntries([...appIds, 'notes'].map((appId) => [`handset:app:${appId}`, 'disabled'])), 'handset:requests_per_second': '1000', 'handset:request_burst': '5000' },
  });
  const a = await connectWithPhone(simulation);
  const before = await everything(simulation);
  for (const appId of appIds) {
    for (const action of Object.keys(REGISTRIES[appId]!)) {
      await expect(askAs(a)(appId, action, {}), `${appId} ${action}`).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: `app "${appId}" is disabled on this server` },
      });
    }
  }
  // The core's actions for an app: refused for a turned-off one.
  for (const [action, payload] of Object.entries({
    'storage.get': { appId: 'notes', key: 'secret' },
    'storage.set': { appId: 'notes', key: 'secret', value: 1 },
    'storage.remove': { appId: 'notes', key: 'secret' },
    'storage.keys': { appId: 'notes' },
    'apps.install': { appId: 'notes' },
    'notifications.create': { appId: 'notes', title: 'Hi', body: 'there' },
  })) {
    const answer = await askAs(a)('handset', action, payload);
    expect(answer, action).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: `app "${payload.appId}" is disabled on this server` } });
  }
  expect(await everything(simulation)).toEqual(before);
  expect(simulation.errors).toEqual([]);
}, 60_000);

it("refuses a resource that does not own an app everything done in the app's name, and changes nothing", async () => {
  const { simulation, a, b, asA } = await twoPlayers();
  const { sim, printed } = simulation;
  for (const player of [a, b]) data(await nui(player.page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'notes' } }) as unknown as Answer);
  sim.executeCommand(`secret ${b.player.id}`, 0);
  await eventually(() => expect(printed('notes')).toEqual(['secret true']));
  data(await asA('handset', 'apps.setOpen', { appId: 'notes', open: true }));
  const before = await everything(simulation);

  sim.executeCommand(`intrude ${b.player.id}`, 0);
  await eventually(() => expect(printed('intruder').at(-1)).toBe('done'), 5000);
  const attempted = printed('intruder').slice(0, -1).map((line) => line.split(' ')[0]);
  expect(attempted.sort()).toEqual(Object.keys(SERVER_EXPORTS).filter((name) => SERVER_EXPORTS[name] === 'app owner').sort());
  const notOwner = '"notes" is registered by another resource';
  expect(printed('intruder')).toEqual([
    'registerApp [false,"id_taken","\\"notes\\" is registered by resource notes"]',
    ...['unregisterApp', 'onRequest', 'onBadge', 'refreshBadge', 'sendAppMessage', 'presentApp'].map((name) => `${name} [false,"not_owner",${JSON.stringify(notOwner)}]`),
    `getAppData threw NOT_OWNER: ${notOwner}`,
    ...['setAppData', 'removeAppData'].map((name) => `${name} [false,"not_owner",${JSON.stringify(notOwner)}]`),
    'onMessageToNumber false',
    // Anyone may notify a player; only the app's owner does so under the app's name.
    'notify true',
    'done',
  ]);
  const after = await everything(simulation);
  expect(after['handset_core_notifications']).toEqual([expect.objectContaining({ app_id: null, app_label: null, title: 'Forged' })]);
  expect({ ...after, handset_core_notifications: [] }).toEqual({ ...before, handset_core_notifications: [] });
  // The app, its handler and its number still answer as its owner set them up.
  await expect(asA('notes', 'whoami', {})).resolves.toEqual({ ok: true, data: { handledBy: 'notes', source: a.player.id } });
  expect(a.page.messages.filter((message) => (message as { type?: string }).type === 'app:message')).toEqual([]);
  expect(simulation.errors).toEqual([]);
}, 60_000);

it("lets no client reach another player's phone through a net event or NUI callback", async () => {
  const { simulation, a, b } = await twoPlayers();
  const { sim } = simulation;
  await sim.network.idle();
  const before = await everything(simulation);
  const seenByB = b.page.messages.length;
  const seenByA = a.page.messages.length;
  const forge = (name: string, ...args: unknown[]) => a.player.executeCommand(`forge ${name} ${encodeURIComponent(JSON.stringify(args))}`);

  // Events only the server sends: FXServer carries a client's event to the server only, where Handset does not listen.
  for (const name of CLIENT_NET_EVENTS) forge(name, b.player.id, { type: 'notification', title: 'Forged' });
  // The server's own events, naming B: answered to A alone, about A alone.
  forge('handset:client:ready', b.player.id);
  forge('handset:request', 1, 'handset', 'notifications.create', { title: 'Forged', body: 'for B', source: b.player.id, phoneId: 2 });
  for (const [name, body] of Object.entries({ close: { source: b.player.id }, appState: { appId: 'contacts', open: true, source: b.player.id }, camera: { selfie: false }, location: {}, request: { appId: 'handset', action: 'phone.setOpen', payload: { open: false, source: b.player.id } } })) {
    await nui(a.page, name, body);
  }
  await sim.network.idle();
  await eventually(() => expect(a.page.messages.length).toBeGreaterThan(seenByA));

  expect(sim.server.handlersOf('handset').events.filter((name) => CLIENT_NET_EVENTS.includes(name))).toEqual([]);
  expect(b.page.messages.slice(seenByB)).toEqual([]);
  const after = await everything(simulation);
  const phones = after['handset_core_phones'] as { id: number; phone_number: string }[];
  const phoneIdOfB = phones.find((row) => row.phone_number === b.number.replace(/\D/g, ''))!.id;
  expect(theirRows(after, phoneIdOfB, -1)).toEqual(theirRows(before, phoneIdOfB, -1));
  // A's forged request made A's own notification, whatever its payload said.
  const phoneIdOfA = phones.find((row) => row.phone_number === a.number.replace(/\D/g, ''))!.id;
  expect(after['handset_core_notifications']).toEqual([expect.objectContaining({ phone_id: phoneIdOfA, title: 'Forged', body: 'for B' })]);
  expect(simulation.errors).toEqual([]);
}, 60_000);
