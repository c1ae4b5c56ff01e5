import { randomBytes } from 'node:crypto';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { OnlinePhoneRef, PhoneRef, PluginPhones } from '@handset/sdk/server/plugin';
import { NO_NAMES, type ContactNames, type ContactsLink } from './contacts-link';
import type { ListPosition, MemberRecord, MessageRecord, MessagesRepository, Party, SummaryRecord, ThreadSettings } from './messages.repository';
import { MAX_BODY_LENGTH, MAX_GROUP_MEMBERS, type MessageContent } from './messages.schemas';
import { messageView, previewOf, summaryView, type Message, type ThreadSummary } from './messages.views';
import { RateLimiter } from '@handset/sdk/server';
import { bannerWords } from './words';

/** What the messages service says to players' phones, through the messages app. */
export interface MessagesSignals {
  /** Pushes to the messages page open on `source`; false when it is not open. */
  push(source: number, type: MessagesPush, data: unknown): boolean;
  /** A notification under the messages app (refused in airplane mode, which is fine). */
  notify(source: number, notification: { title: string; body: string }): Promise<void>;
  /** The phone's count of unread threads may have changed: its badge is counted again. */
  badgeChanged(phone: PhoneRef): void;
}

export type MessagesPush = 'message.new' | 'thread.updated' | 'thread.read' | 'typing' | 'message.deleted';

/** A script's answer to a message sent to a number no character has: text to send back, or nothing. */
export type NumberHook = (fromNumber: string, text: string, threadId: string) => unknown;

export interface MessagesServiceOptions {
  repository: MessagesRepository;
  phones: PluginPhones;
  contacts: ContactsLink;
  signals: MessagesSignals;
  /** Whether a photo's host is on the server owner's image list: the other members load it. */
  imageAllowed(url: string): boolean;
  log(message: string): void;
  now?: () => number;
  /** Sends per phone: 5 a second, 10 at once, unless given. */
  sendRate?: { perSecond: number; burst: number };
  /** Sends per phone to one number or one group, a minute and at once: 30 unless given. */
  perTargetPerMinute?: number;
  /** The server owner's caps: groups a phone may be in, and threads it may start in an hour (direct or group). */
  limits?: MessagesLimits;
}

export interface MessagesLimits {
  maxGroups: number;
  maxNewThreadsPerHour: number;
}

export const DEFAULT_LIMITS: MessagesLimits = { maxGroups: 100, maxNewThreadsPerHour: 60 };
const HOUR_MS = 60 * 60_000;

export interface SendInput {
  clientId: string;
  threadId?: string | undefined;
  /** Digits: the direct thread with this number. */
  to?: string | undefined;
  content: MessageContent;
}

/** The outcome of a script's send, as the `sendMessage` export answers it. */
export type ScriptSendResult = { success: true; messageId: number } | { success: false; message: string };

/** A direct thread's id: the same for both numbers whichever sends first. */
export const directThreadId = (a: string, b: string): string => (a < b ? `d:${a}:${b}` : `d:${b}:${a}`);

/** The other number of a direct thread id that includes `number`; null for any other id. */
function directPartner(threadId: string, number: string): string | null {
  const match = /^d:(\d{3,15}):(\d{3,15})$/.exec(threadId);
  if (!match || match[1] === match[2] || directThreadId(match[1]!, match[2]!) !== threadId) return null;
  if (match[1] === number) return match[2]!;
  return match[2] === number ? match[1]! : null;
}

/** The numbers a thread's summary names for `viewerNumber`: its other members, and its last message's sender (who may have left). */
const namedIn = (record: SummaryRecord, viewerNumber: string) => [
  ...record.others.map((other) => other.number),
  ...(record.last && record.last.senderNumber !== viewerNumber ? [record.last.senderNumber] : []),
];
/** The numbers a message names for `viewerNumber`: its sender (unless the viewer), and a contact card's number. */
const namedBy = (record: MessageRecord, viewerNumber: string) => [
  ...(record.senderNumber === viewerNumber ? [] : [record.senderNumber]),
  ...(record.attachment !== null && 'number' in record.attachment ? [record.attachment.number] : []),
];
const newGroupId = () => `g:${randomBytes(10).toString('hex')}`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const notFound = (threadId: string) => new HandsetError('NOT_FOUND', `no thread ${threadId} of yours`);
const TYPING_EVERY_MS = 1000;

interface Target {
  threadId: string;
  join: Party[];
}

/** Where a list page ends, for the next one: opaque to the page. */
const encodeCursor = (position: ListPosition) => Buffer.from(JSON.stringify([position.updatedAt, position.threadId])).toString('base64url');

function decodeCursor(cursor: string): ListPosition {
  try {
    const [updatedAt, threadId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (Number.isSafeInteger(updatedAt) && typeof threadId === 'string' && threadId.length <= 40) return { updatedAt: updatedAt as number, threadId };
  } catch {
    // Not a cursor this server wrote.
  }
  throw new HandsetError('INVALID_INPUT', 'cursor must be one a thread list answered');
}

/**
 * The messages rules. A phone acts only in threads it is a current member of (`NOT_FOUND` otherwise, as if the
 * thread did not exist). A message is committed with every member's counters in one transaction, and only then
 * answered and delivered: pushed to the members' open pages, named as each member saved the sender, and
 * notified unless they have that thread open.
 */
export class MessagesService {
  private readonly now: () => number;
  private readonly sendLimiter: RateLimiter;
  private readonly targetLimiter: RateLimiter;
  private readonly perTargetPerMinute: number;
  private readonly typingLimiter: RateLimiter;
  /** The thread each player's page shows (opened with `messages.list` or read), until it lists threads again. */
  private readonly viewing = new Map<number, { phoneId: number; threadId: string }>();
  /** Each player's deliveries so far: the next goes out after them, so a page hears a thread's news in order. */
  private readonly outbox = new Map<number, Promise<void>>();
  private readonly hooks = new Map<string, { owner: string; hook: NumberHook }>();
  /** When each phone started its threads within the last hour, oldest first. */
  private readonly startedThreads = new Map<number, number[]>();
  private readonly limits: MessagesLimits;

  constructor(private readonly options: MessagesServiceOptions) {
    this.now = options.now ?? Date.now;
    const rate = options.sendRate ?? { perSecond: 5, burst: 10 };
    this.sendLimiter = new RateLimiter(rate.perSecond, rate.burst, this.now);
    this.perTargetPerMinute = options.perTargetPerMinute ?? 30;
    this.targetLimiter = new RateLimiter(this.perTargetPerMinute / 60, this.perTargetPerMinute, this.now);
    this.typingLimiter = new RateLimiter(1000 / TYPING_EVERY_MS, 1, this.now);
    this.limits = options.limits ?? DEFAULT_LIMITS;
  }

  /** The viewer's newest threads, a page at a time: `cursor` is what the previous page answered. */
  async listThreads(viewer: OnlinePhoneRef, cursor: string | undefined, limit: number): Promise<{ threads: ThreadSummary[]; cursor: string | null }> {
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (after === null) this.viewing.delete(viewer.source);
    const records = await this.options.repository.summaries(viewer, after, limit + 1);
    const page = records.slice(0, limit);
    const last = page.at(-1);
    const names = await this.namesOf(viewer.number, page.flatMap((record) => namedIn(record, viewer.number)));
    return {
      threads: page.map((record) => summaryView(record, viewer.number, names, this.options.phones.format)),
      cursor: records.length > limit && last ? encodeCursor({ updatedAt: last.updatedAt, threadId: last.threadId }) : null,
    };
  }

  async getThread(viewer: PhoneRef, threadId: string): Promise<ThreadSummary> {
    const summary = await this.summaryFor(viewer, threadId);
    if (!summary) throw notFound(threadId);
    return summary;
  }

  /** The id of the direct thread with `number`; nothing is stored until the first message. */
  directThread(viewer: PhoneRef, number: string): string {
    if (number === viewer.number) throw new HandsetError('INVALID_INPUT', 'you cannot message your own number');
    return directThreadId(viewer.number, number);
  }

  /** A page of the thread's messages, newest first, before the message `before` when paging back. */
  async listMessages(viewer: OnlinePhoneRef, threadId: string, before: number | undefined, limit: number): Promise<{ messages: Message[]; before: number | null }> {
    const member = await this.membership(viewer, threadId);
    const records = await this.options.repository.messages(threadId, viewer.phoneId, member.fromMessageId, before ?? null, limit + 1);
    const page = records.slice(0, limit);
    const names = await this.namesOf(viewer.number, page.flatMap((record) => namedBy(record, viewer.number)));
    return {
      messages: page.map((record) => messageView(record, viewer.number, names)),
      before: records.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** Moves the viewer's read pointer forward to `messageId`; with read receipts on, the others hear of it. */
  async markRead(viewer: OnlinePhoneRef, threadId: string, messageId: number): Promise<void> {
    const member = await this.membership(viewer, threadId);
    const pointer = await this.options.repository.markRead(threadId, viewer.number, viewer.phoneId, messageId);
    if (pointer !== null) this.options.signals.badgeChanged(viewer);
    if (pointer === null || !member.thread.readReceipts) return;
    for (const other of await this.onlineMembers(threadId, viewer.number)) {
      this.options.signals.push(other.source, 'thread.read', { threadId, number: viewer.number, messageId: pointer });
    }
  }

  /** The player sees `threadId` on screen now (null: no thread); its new messages then come without a notification. */
  async view(viewer: OnlinePhoneRef, threadId: string | null): Promise<void> {
    if (threadId === null) {
      this.viewing.delete(viewer.source);
      return;
    }
    await this.membership(viewer, threadId);
    this.viewing.set(viewer.source, { phoneId: viewer.phoneId, threadId });
  }

  /** Changes the thread's read receipts or typing setting (any member may); every member's page hears of it. */
  async changeSettings(viewer: PhoneRef, threadId: string, settings: Partial<ThreadSettings>): Promise<ThreadSummary> {
    await this.membership(viewer, threadId);
    await this.options.repository.setSettings(threadId, settings);
    return this.changed(viewer, threadId);
  }

  /** Tells the other members' open pages that the viewer is typing: when the thread allows it, at most once a second. */
  async typing(viewer: PhoneRef, threadId: string): Promise<void> {
    const member = await this.membership(viewer, threadId);
    if (!member.thread.typing || !this.typingLimiter.take(`${viewer.phoneId}:${threadId}`)) return;
    for (const other of await this.onlineMembers(threadId, viewer.number)) {
      const names = await this.namesOf(other.number, [viewer.number]);
      this.options.signals.push(other.source, 'typing', { threadId, number: viewer.number, name: names.get(viewer.number) ?? null });
    }
  }

  /**
   * A player's message, to a thread they are in or to a number (its direct thread, created by the first
   * message). The same client id again answers the message it stored. Refused: `FORBIDDEN` for a former member
   * of the group or a recipient who blocked the sender, `NOT_FOUND` for a thread that is not theirs or a number
   * nobody has, `RATE_LIMITED` past the phone's send rate or its rate to that number or group, `INVALID_INPUT`
   * for a photo off the image list. A refusal stores nothing.
   */
  async send(sender: OnlinePhoneRef, input: SendInput): Promise<Message> {
    try {
      return await this.store(sender, input);
    } catch (error) {
      // A retry of a message stored already gets it back, whatever refuses it now: a rate, a block since, or its own
      // client id's unique key (oxmysql does not say which key failed).
      const stored = await this.options.repository.byClientId(sender.phoneId, input.clientId);
      if (stored) return messageView(stored, sender.number, NO_NAMES);
      throw error;
    }
  }

  private async store(sender: OnlinePhoneRef, input: SendInput): Promise<Message> {
    if (!this.sendLimiter.take(String(sender.phoneId))) throw new HandsetError('RATE_LIMITED', 'too many messages; slow down');
    const { content } = input;
    if (content.kind === 'photo' && !this.options.imageAllowed(content.attachment.url)) {
      throw new HandsetError('INVALID_INPUT', "the photo's host is not on this server's image list");
    }
    const target = await this.targetOf(sender, input);
    if (!this.targetLimiter.take(`${sender.phoneId}>${target.threadId}`)) {
      throw new HandsetError('RATE_LIMITED', `too many messages to this conversation: at most ${this.perTargetPerMinute} a minute`);
    }
    // The first message of a direct thread starts it.
    const starts = target.join.some((party) => party.phoneId === sender.phoneId);
    if (starts) this.checkThreadQuota(sender);
    const record = await this.options.repository.send({ ...target, number: sender.number, phoneId: sender.phoneId, clientId: input.clientId, content, now: this.now() });
    if (starts) this.threadStarted(sender);
    void this.delivered(record, sender.source);
    return messageView(record, sender.number, NO_NAMES);
  }

  /**
   * A script's message from any number (a service line, or a character's) to a character's number: their direct
   * thread, delivered as a player's message is. Refusals are answered, not thrown.
   */
  async sendFromNumber(from: string, to: string, text: string): Promise<ScriptSendResult> {
    if (from === to) return { success: false, message: 'a number cannot message itself' };
    if (text.trim() === '' || text.length > MAX_BODY_LENGTH) return { success: false, message: `a message is 1-${MAX_BODY_LENGTH} characters` };
    const recipient = await this.phoneWith(to);
    if (!recipient) return { success: false, message: `no phone has the number ${to}` };
    if (await this.options.contacts.isBlocked(to, from)) return { success: false, message: `${to} does not take messages from ${from}` };
    const sender: Party = (await this.phoneWith(from)) ?? { number: from, phoneId: null };
    const threadId = directThreadId(from, to);
    const join = await this.missingMembers(threadId, [sender, recipient]);
    const record = await this.options.repository.send({ ...sender, threadId, join, clientId: null, content: { kind: 'text', body: text, attachment: null }, now: this.now() });
    void this.delivered(record, null);
    return { success: true, messageId: record.id };
  }

  /**
   * Hands the messages players send to `number` (no character has it) to `owner`'s `hook`; its answer is sent back.
   * Refused (false) while another resource owns the number, so one script cannot take over another's line.
   */
  onMessageToNumber(number: string, owner: string, hook: NumberHook): boolean {
    const current = this.hooks.get(number);
    if (current && current.owner !== owner) return false;
    this.hooks.set(number, { owner, hook });
    return true;
  }

  /** Frees the numbers `owner` answered for: the resource stopped. */
  ownerStopped(owner: string): void {
    for (const [number, entry] of this.hooks) if (entry.owner === owner) this.hooks.delete(number);
  }

  /** Hides a message from the viewer only (delete for me). */
  async hide(viewer: OnlinePhoneRef, messageId: number): Promise<void> {
    const message = await this.options.repository.message(messageId);
    const member = message && (await this.options.repository.member(message.threadId, viewer.number));
    if (!message || !member || member.phoneId !== viewer.phoneId || member.leftAt !== null || message.id <= member.fromMessageId) {
      throw new HandsetError('NOT_FOUND', `no message ${messageId} of yours`);
    }
    if (!(await this.options.repository.hide(member, message))) return;
    this.options.signals.badgeChanged(viewer);
    this.options.signals.push(viewer.source, 'message.deleted', { messageId });
    const summary = await this.summaryFor(viewer, message.threadId);
    if (summary) this.options.signals.push(viewer.source, 'thread.updated', summary);
  }

  /** A group of the creator (its admin) and 1-31 other characters. */
  async createGroup(creator: PhoneRef, name: string, numbers: string[]): Promise<ThreadSummary> {
    const others = [...new Set(numbers)].filter((number) => number !== creator.number);
    if (others.length === 0) throw new HandsetError('INVALID_INPUT', 'a group needs at least one other member');
    if (others.length > MAX_GROUP_MEMBERS - 1) throw new HandsetError('INVALID_INPUT', `a group has at most ${MAX_GROUP_MEMBERS} members`);
    const members = await Promise.all(others.map((number) => this.phoneWith(number)));
    const missing = others.find((_, index) => !members[index]);
    if (missing !== undefined) throw new HandsetError('NOT_FOUND', `no phone has the number ${missing}`);
    for (const number of others) await this.checkInvitable(number, creator.number);
    this.checkThreadQuota(creator);
    await this.checkGroupQuota([creator, ...(members as PhoneRef[])], creator);
    const threadId = newGroupId();
    await this.options.repository.createGroup({ threadId, name, creator, members: members as PhoneRef[], now: this.now() });
    this.threadStarted(creator);
    return this.changed(creator, threadId);
  }

  async renameGroup(viewer: PhoneRef, threadId: string, name: string): Promise<ThreadSummary> {
    await this.adminOf(viewer, threadId);
    await this.options.repository.rename(threadId, name);
    return this.changed(viewer, threadId);
  }

  async addMember(viewer: PhoneRef, threadId: string, number: string): Promise<ThreadSummary> {
    await this.adminOf(viewer, threadId);
    const current = await this.options.repository.members(threadId);
    if (current.some((member) => member.number === number)) throw new HandsetError('ALREADY_EXISTS', `${number} is already in the group`);
    if (current.length >= MAX_GROUP_MEMBERS) throw new HandsetError('INVALID_INPUT', `a group has at most ${MAX_GROUP_MEMBERS} members`);
    const phone = await this.phoneWith(number);
    if (!phone) throw new HandsetError('NOT_FOUND', `no phone has the number ${number}`);
    await this.checkInvitable(number, viewer.number);
    await this.checkGroupQuota([phone], viewer);
    await this.options.repository.addMember(threadId, phone, this.now());
    return this.changed(viewer, threadId);
  }

  async removeMember(viewer: PhoneRef, threadId: string, number: string): Promise<ThreadSummary> {
    await this.adminOf(viewer, threadId);
    if (number === viewer.number) throw new HandsetError('INVALID_INPUT', 'to leave the group, use groups.leave');
    const member = await this.options.repository.member(threadId, number);
    if (!member || member.leftAt !== null) throw new HandsetError('NOT_FOUND', `${number} is not in the group`);
    await this.options.repository.removeMember(threadId, number, this.now());
    return this.changed(viewer, threadId);
  }

  /** The viewer leaves the group; when they were its last admin, the member who joined first becomes one. */
  async leave(viewer: PhoneRef, threadId: string): Promise<void> {
    const member = await this.membership(viewer, threadId);
    if (member.thread.kind !== 'group') throw new HandsetError('INVALID_INPUT', 'only a group can be left');
    await this.options.repository.removeMember(threadId, viewer.number, this.now());
    this.options.signals.badgeChanged(viewer);
    await this.refreshOthers(threadId, viewer.number);
  }

  /** How many of the phone's threads have unread messages: the Messages badge. */
  unreadThreads(phone: PhoneRef): Promise<number> {
    return this.options.repository.unreadThreads(phone.phoneId);
  }

  /** Player `source` left the server; their phone's send rate stays counted, so that rejoining does not reset it. */
  forget(source: number): void {
    this.viewing.delete(source);
    this.outbox.delete(source);
  }

  /** QUOTA_EXCEEDED when the phone started the most threads an hour allows. */
  private checkThreadQuota(phone: PhoneRef): void {
    const since = this.now() - HOUR_MS;
    const started = (this.startedThreads.get(phone.phoneId) ?? []).filter((at) => at > since);
    this.startedThreads.set(phone.phoneId, started);
    if (started.length >= this.limits.maxNewThreadsPerHour) {
      throw new HandsetError('QUOTA_EXCEEDED', `you can start at most ${this.limits.maxNewThreadsPerHour} conversations an hour; try again later`);
    }
  }

  private threadStarted(phone: PhoneRef): void {
    this.startedThreads.set(phone.phoneId, [...(this.startedThreads.get(phone.phoneId) ?? []), this.now()]);
  }

  /** QUOTA_EXCEEDED when any of these phones is in the most groups a phone may be in (`asker` is told it as "you"). */
  private async checkGroupQuota(phones: PhoneRef[], asker: PhoneRef): Promise<void> {
    const counts = await this.options.repository.groupCounts(phones.map((phone) => phone.phoneId));
    const full = phones.find((phone) => (counts.get(phone.phoneId) ?? 0) >= this.limits.maxGroups);
    if (!full) return;
    const who = full.phoneId === asker.phoneId ? 'you are' : `${full.number} is`;
    throw new HandsetError('QUOTA_EXCEEDED', `${who} already in the most groups a phone may be in (${this.limits.maxGroups})`);
  }

  /** The viewer's current membership of the thread, or NOT_FOUND. */
  private async membership(viewer: PhoneRef, threadId: string): Promise<MemberRecord> {
    const member = await this.options.repository.member(threadId, viewer.number);
    if (!member || member.phoneId !== viewer.phoneId || member.leftAt !== null) throw notFound(threadId);
    return member;
  }

  private async adminOf(viewer: PhoneRef, threadId: string): Promise<MemberRecord> {
    const member = await this.membership(viewer, threadId);
    if (member.thread.kind !== 'group') throw new HandsetError('INVALID_INPUT', 'only a group has members to manage');
    if (!member.admin) throw new HandsetError('FORBIDDEN', 'only an admin of the group may do that');
    return member;
  }

  /** The thread a send goes to, and who must join it first (the parties of a direct thread's first message). */
  private async targetOf(sender: PhoneRef, input: SendInput): Promise<Target> {
    if ((input.threadId === undefined) === (input.to === undefined)) throw new HandsetError('INVALID_INPUT', 'give either threadId or to');
    if (input.to !== undefined) return this.directTarget(sender, input.to);
    const threadId = input.threadId!;
    const member = await this.options.repository.member(threadId, sender.number);
    if (member && member.phoneId === sender.phoneId) {
      if (member.leftAt !== null) throw new HandsetError('FORBIDDEN', 'you are no longer in this group');
      const partner = member.thread.kind === 'direct' ? directPartner(threadId, sender.number) : null;
      if (partner !== null) await this.checkNotBlocked(partner, sender.number);
      return { threadId, join: [] };
    }
    // A direct thread the page named before its first message.
    const partner = directPartner(threadId, sender.number);
    if (partner === null) throw notFound(threadId);
    return this.directTarget(sender, partner);
  }

  private async directTarget(sender: PhoneRef, number: string): Promise<Target> {
    const threadId = this.directThread(sender, number);
    const phone = await this.phoneWith(number);
    const partner: Party = phone ?? { number, phoneId: null };
    const join = await this.missingMembers(threadId, [{ number: sender.number, phoneId: sender.phoneId }, partner]);
    // A line that already has the thread, or whose script listens, takes messages; any other unknown number does not exist.
    if (!phone && join.includes(partner) && !this.hooks.has(number)) throw new HandsetError('NOT_FOUND', `no phone has the number ${number}`);
    if (phone) await this.checkNotBlocked(number, sender.number);
    return { threadId, join };
  }

  private async checkNotBlocked(recipient: string, sender: string): Promise<void> {
    if (await this.options.contacts.isBlocked(recipient, sender)) throw new HandsetError('FORBIDDEN', 'this number does not take your messages');
  }

  /** A number that blocked the inviter is not put in their group: refused, as their direct messages are. */
  private async checkInvitable(invited: string, inviter: string): Promise<void> {
    if (await this.options.contacts.isBlocked(invited, inviter)) throw new HandsetError('FORBIDDEN', `${invited} does not take your messages`);
  }

  /** The parties of a direct thread without a member row yet (nobody leaves a direct thread: one query reads both). */
  private async missingMembers(threadId: string, parties: Party[]): Promise<Party[]> {
    const present = new Set((await this.options.repository.members(threadId)).map((member) => member.number));
    return parties.filter((party) => !present.has(party.number));
  }

  /** The phone with this number, online (from memory) or not (one query). */
  private async phoneWith(number: string): Promise<PhoneRef | null> {
    const online = this.options.phones.byNumber(number);
    return online ? { phoneId: online.phoneId, number: online.number } : await this.options.phones.find(number);
  }

  /** The thread's current members playing now, but `except`. */
  private async onlineMembers(threadId: string, except: string | null): Promise<OnlinePhoneRef[]> {
    return this.playing(await this.options.repository.members(threadId), except);
  }

  /** Of these members, the ones whose character is being played now, but `except`. */
  private playing(members: Party[], except: string | null): OnlinePhoneRef[] {
    return members.flatMap((member) => {
      const online = member.number === except || member.phoneId === null ? null : this.options.phones.byNumber(member.number);
      return online && online.phoneId === member.phoneId ? [online] : [];
    });
  }

  private async summaryFor(viewer: PhoneRef, threadId: string): Promise<ThreadSummary | undefined> {
    const record = await this.options.repository.summary(viewer, threadId);
    return record && summaryView(record, viewer.number, await this.namesOf(viewer.number, namedIn(record, viewer.number)), this.options.phones.format);
  }

  /** After a change to the thread: the other members' pages hear of it, and the viewer gets their summary. */
  private async changed(viewer: PhoneRef, threadId: string): Promise<ThreadSummary> {
    await this.refreshOthers(threadId, viewer.number);
    return this.getThread(viewer, threadId);
  }

  private async refreshOthers(threadId: string, except: string): Promise<void> {
    for (const member of await this.onlineMembers(threadId, except)) {
      this.enqueue(member.source, async () => {
        const summary = await this.summaryFor(member, threadId);
        if (summary) this.options.signals.push(member.source, 'thread.updated', summary);
      });
    }
  }

  /**
   * After a message is committed: each online member's page gets it (named as they saved the sender; not the
   * player whose request answered it) and the thread's new summary, and recipients are notified unless they
   * have the thread open. A line's script hears a player's message and may answer it.
   */
  private async delivered(record: MessageRecord, answered: number | null): Promise<void> {
    try {
      const members = await this.options.repository.members(record.threadId);
      const playing = this.playing(members, null);
      const blocking = await Promise.all(playing.map((member) => this.blocksSenderInGroup(member, record)));
      playing.forEach((member, index) => {
        if (!blocking[index]) this.enqueue(member.source, () => this.deliverTo(member, record, answered));
      });
      if (record.senderPhoneId === null) return;
      for (const line of members) {
        if (line.phoneId === null && line.number !== record.senderNumber) await this.askLine(line.number, record);
      }
    } catch (error) {
      this.options.log(`message ${record.id} was stored but not delivered: ${errorText(error)}`);
    }
  }

  /**
   * Whether `member` blocked the sender of a group message: it is stored for the group, and they find it when they
   * open the thread, but it is neither pushed nor notified to them. (A direct thread's sender was refused already.)
   */
  private async blocksSenderInGroup(member: OnlinePhoneRef, record: MessageRecord): Promise<boolean> {
    if (member.number === record.senderNumber || !record.threadId.startsWith('g:')) return false;
    try {
      return await this.options.contacts.isBlocked(member.number, record.senderNumber);
    } catch (error) {
      // Unchecked, it is not pushed: the member still finds it in the thread.
      this.options.log(`message ${record.id} was not pushed to ${member.number}: ${errorText(error)}`);
      return true;
    }
  }

  private async deliverTo(member: OnlinePhoneRef, record: MessageRecord, answered: number | null): Promise<void> {
    const summaryRecord = await this.options.repository.summary(member, record.threadId);
    // One look-up in the member's contacts names both the message and the thread.
    const names = await this.namesOf(member.number, [...namedBy(record, member.number), ...(summaryRecord ? namedIn(summaryRecord, member.number) : [])]);
    const message = messageView(record, member.number, names);
    const open = member.source !== answered && this.options.signals.push(member.source, 'message.new', message);
    const summary = summaryRecord && summaryView(summaryRecord, member.number, names, this.options.phones.format);
    if (summary) this.options.signals.push(member.source, 'thread.updated', summary);
    if (message.mine) return;
    this.options.signals.badgeChanged(member);
    const viewing = this.viewing.get(member.source);
    if (open && viewing?.phoneId === member.phoneId && viewing.threadId === record.threadId) return;
    const sender = message.senderName ?? this.options.phones.format(record.senderNumber);
    const preview = record.kind === 'text' ? previewOf(record.kind, record.body) : bannerWords.translator(this.options.phones.language(member.source))(record.kind);
    // A group's banner says which group, then who wrote: "Crew" / "Lamar: on my way".
    const notification = summary?.kind === 'group' ? { title: summary.title, body: `${sender}: ${preview}` } : { title: sender, body: preview };
    await this.options.signals.notify(member.source, notification);
  }

  /** Hands a player's message to the script behind the line `number`; a text it answers is sent back. */
  private async askLine(number: string, record: MessageRecord): Promise<void> {
    const line = this.hooks.get(number);
    if (!line) return;
    let reply: unknown;
    try {
      reply = await line.hook(this.options.phones.format(record.senderNumber), record.body, record.threadId);
    } catch (error) {
      this.options.log(`the script behind ${number} failed on message ${record.id}: ${errorText(error)}`);
      return;
    }
    if (typeof reply !== 'string' || reply.trim() === '') return;
    const sent = await this.sendFromNumber(number, record.senderNumber, reply.slice(0, MAX_BODY_LENGTH));
    if (!sent.success) this.options.log(`the reply of ${number} to message ${record.id} was not sent: ${sent.message}`);
  }

  /** Runs `work` after the player's earlier deliveries; a failure is logged and does not hold up later ones. */
  private enqueue(source: number, work: () => Promise<void>): void {
    const next = (this.outbox.get(source) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => this.options.log(`a messages push to player ${source} failed: ${errorText(error)}`));
    this.outbox.set(source, next);
  }

  /** The names the phone `number` gave these numbers (only the ones being shown); none when the Contacts app cannot say. */
  private async namesOf(number: string, numbers: readonly string[]): Promise<ContactNames> {
    if (numbers.length === 0) return NO_NAMES;
    try {
      return await this.options.contacts.names(number, [...new Set(numbers)]);
    } catch (error) {
      this.options.log(`the contacts of ${number} could not be read: ${errorText(error)}`);
      return NO_NAMES;
    }
  }
}
