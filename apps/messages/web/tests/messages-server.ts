import { HandsetError } from '@handset/sdk/testing';
import type { Attachment, Message, MessageKind, ThreadSummary } from '../src/messages-api';

/** The viewer's number: the player whose page is under test. */
export const ME = '5550100';

interface StoredThread {
  id: string;
  kind: 'direct' | 'group';
  name: string | null;
  members: { number: string; admin: boolean }[];
  settings: { readReceipts: boolean; typing: boolean };
  /** Each member's read pointer. */
  read: Map<string, number>;
  updatedAt: number;
}

interface StoredMessage {
  id: number;
  threadId: string;
  clientId: string;
  senderNumber: string;
  kind: MessageKind;
  body: string;
  attachment: Attachment | null;
  sentAt: number;
}

export interface ServerOptions {
  /** The names the viewer saved in Contacts, by number. */
  names?: Record<string, string>;
  /** Numbers that blocked the viewer: a direct message to them is FORBIDDEN. */
  blockedBy?: string[];
}

const display = (number: string) => `${number.slice(0, 3)}-${number.slice(3)}`;
const directId = (a: string, b: string) => `d:${[a, b].sort().join(':')}`;
const page = <Value>(list: Value[], limit: number) => ({ items: list.slice(0, limit), more: list.length > limit });

/** The Messages server plugin's contract (apps/messages/README.md), in memory, as seen by the viewer ME. */
export function messagesServer(options: ServerOptions = {}) {
  const names = options.names ?? {};
  const threads = new Map<string, StoredThread>();
  const messages: StoredMessage[] = [];
  const hidden = new Set<number>();
  let nextId = 1;
  let nextGroup = 1;
  let clock = Date.now() - 24 * 60 * 60_000;
  const tick = () => (clock += 60_000);

  const visible = (threadId: string) => messages.filter((message) => message.threadId === threadId && !hidden.has(message.id));
  const others = (thread: StoredThread) => thread.members.filter((member) => member.number !== ME);

  const summary = (thread: StoredThread): ThreadSummary => {
    const list = visible(thread.id);
    const last = list.at(-1);
    const pointer = thread.read.get(ME) ?? 0;
    const members = others(thread).map((member) => ({
      number: member.number,
      displayNumber: display(member.number),
      name: names[member.number] ?? null,
      admin: member.admin,
    }));
    return {
      id: thread.id,
      kind: thread.kind,
      title: thread.name ?? members[0]?.name ?? members[0]?.displayNumber ?? '',
      members,
      admin: thread.members.some((member) => member.number === ME && member.admin),
      lastMessage: last
        ? {
            id: last.id,
            senderNumber: last.senderNumber,
            senderName: last.senderNumber === ME ? null : (names[last.senderNumber] ?? null),
            mine: last.senderNumber === ME,
            kind: last.kind,
            preview: last.kind === 'text' ? last.body.slice(0, 80) : { photo: '📷 Photo', location: '📍 Location', contact: '👤 Contact' }[last.kind],
            sentAt: last.sentAt,
          }
        : null,
      unread: list.filter((message) => message.id > pointer && message.senderNumber !== ME).length,
      updatedAt: thread.updatedAt,
      settings: { ...thread.settings },
      readBy: thread.settings.readReceipts
        ? others(thread).flatMap((member) => {
            const messageId = thread.read.get(member.number);
            return messageId === undefined ? [] : [{ number: member.number, messageId }];
          })
        : [],
    };
  };

  const asMessage = (message: StoredMessage): Message => ({
    ...message,
    // A contact card says whether the viewer saved its number, as the server's does.
    attachment: message.attachment && 'number' in message.attachment ? { ...message.attachment, saved: message.attachment.number in names } : message.attachment,
    senderName: message.senderNumber === ME ? null : (names[message.senderNumber] ?? null),
    mine: message.senderNumber === ME,
  });

  const member = (threadId: string) => {
    const thread = threads.get(threadId);
    if (!thread || !thread.members.some((candidate) => candidate.number === ME)) throw new HandsetError('NOT_FOUND', 'No such conversation');
    return thread;
  };
  const admin = (threadId: string) => {
    const thread = member(threadId);
    if (!thread.members.some((candidate) => candidate.number === ME && candidate.admin)) {
      throw new HandsetError('FORBIDDEN', 'Only the group admin can do that');
    }
    return thread;
  };

  const makeDirect = (number: string) => {
    const id = directId(ME, number);
    const existing = threads.get(id);
    if (existing) return existing;
    const thread: StoredThread = {
      id,
      kind: 'direct',
      name: null,
      members: [
        { number: ME, admin: false },
        { number, admin: false },
      ],
      settings: { readReceipts: true, typing: true },
      read: new Map(),
      updatedAt: tick(),
    };
    threads.set(id, thread);
    return thread;
  };

  /** Stores a message as its sender sends it; the test then pushes it where the server would. */
  const store = (threadId: string, senderNumber: string, body: string, extra: Partial<StoredMessage> = {}): Message => {
    const thread = threads.get(threadId)!;
    const message: StoredMessage = {
      id: nextId++,
      threadId,
      clientId: `seed-${nextId}`,
      senderNumber,
      kind: 'text',
      body,
      attachment: null,
      sentAt: tick(),
      ...extra,
    };
    messages.push(message);
    thread.updatedAt = message.sentAt;
    // Writing in a thread reads it up to there.
    if (senderNumber !== ME) thread.read.set(senderNumber, message.id);
    return asMessage(message);
  };

  /** The threads the page said the player sees, in order (null: none). */
  const views: (string | null)[] = [];

  const requests: Record<string, (payload: unknown) => unknown> = {
    'threads.list': (payload) => {
      const { cursor, limit = 30 } = payload as { cursor?: string; limit?: number };
      const order = [...threads.values()]
        .filter((thread) => thread.members.some((candidate) => candidate.number === ME) && (thread.kind === 'group' || visible(thread.id).length > 0))
        .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
      const start = cursor === undefined ? 0 : order.findIndex((thread) => `${thread.updatedAt}|${thread.id}` === cursor) + 1;
      const { items, more } = page(order.slice(start), limit);
      const last = items.at(-1);
      return { threads: items.map(summary), cursor: more && last ? `${last.updatedAt}|${last.id}` : null };
    },
    'threads.get': (payload) => {
      const thread = member((payload as { threadId: string }).threadId);
      if (thread.kind === 'direct' && visible(thread.id).length === 0) throw new HandsetError('NOT_FOUND', 'No such conversation');
      return summary(thread);
    },
    'threads.direct': (payload) => ({ threadId: directId(ME, (payload as { number: string }).number) }),
    'threads.read': (payload) => {
      const { threadId, messageId } = payload as { threadId: string; messageId: number };
      const thread = member(threadId);
      thread.read.set(ME, Math.max(thread.read.get(ME) ?? 0, messageId));
      return null;
    },
    'threads.settings': (payload) => {
      const { threadId, ...settings } = payload as { threadId: string; readReceipts?: boolean; typing?: boolean };
      const thread = member(threadId);
      Object.assign(thread.settings, settings);
      return summary(thread);
    },
    'threads.view': (payload) => {
      views.push((payload as { threadId: string | null }).threadId);
      return null;
    },
    'threads.typing': (payload) => {
      member((payload as { threadId: string }).threadId);
      return null;
    },
    'messages.list': (payload) => {
      const { threadId, before, limit = 30 } = payload as { threadId: string; before?: number; limit?: number };
      member(threadId);
      const older = visible(threadId)
        .filter((message) => before === undefined || message.id < before)
        .reverse();
      const { items, more } = page(older, limit);
      return { messages: items.map(asMessage), before: more ? items.at(-1)!.id : null };
    },
    'messages.send': (payload) => {
      const input = payload as { clientId: string; threadId?: string; to?: string; kind: MessageKind; body: string; attachment?: Attachment };
      const earlier = messages.find((message) => message.clientId === input.clientId && message.senderNumber === ME);
      if (earlier) return asMessage(earlier);
      if (input.kind === 'text' && input.body.trim() === '') throw new HandsetError('INVALID_INPUT', 'Write something first');
      if (input.to !== undefined && !/^\d{3,15}$/.test(input.to)) throw new HandsetError('INVALID_INPUT', 'Enter a phone number: 3 to 15 digits');
      if (input.to !== undefined && options.blockedBy?.includes(input.to)) throw new HandsetError('FORBIDDEN', 'Your message could not be delivered');
      const thread = input.to !== undefined ? makeDirect(input.to) : member(input.threadId!);
      if (thread.kind === 'direct' && others(thread).some((other) => options.blockedBy?.includes(other.number))) {
        throw new HandsetError('FORBIDDEN', 'Your message could not be delivered');
      }
      return store(thread.id, ME, input.body, { clientId: input.clientId, kind: input.kind, attachment: input.attachment ?? null });
    },
    'messages.delete': (payload) => {
      const { messageId } = payload as { messageId: number };
      const message = messages.find((candidate) => candidate.id === messageId);
      if (!message || hidden.has(messageId)) throw new HandsetError('NOT_FOUND', 'No such message');
      member(message.threadId);
      hidden.add(messageId);
      return null;
    },
    'groups.create': (payload) => {
      const { name, members } = payload as { name: string; members: string[] };
      const thread: StoredThread = {
        id: `g:${nextGroup++}`,
        kind: 'group',
        name,
        members: [{ number: ME, admin: true }, ...members.map((number) => ({ number, admin: false }))],
        settings: { readReceipts: true, typing: true },
        read: new Map(),
        updatedAt: tick(),
      };
      threads.set(thread.id, thread);
      return summary(thread);
    },
    'groups.rename': (payload) => {
      const { threadId, name } = payload as { threadId: string; name: string };
      const thread = admin(threadId);
      thread.name = name;
      return summary(thread);
    },
    'groups.addMember': (payload) => {
      const { threadId, number } = payload as { threadId: string; number: string };
      const thread = admin(threadId);
      if (!thread.members.some((candidate) => candidate.number === number)) thread.members.push({ number, admin: false });
      return summary(thread);
    },
    'groups.removeMember': (payload) => {
      const { threadId, number } = payload as { threadId: string; number: string };
      const thread = admin(threadId);
      thread.members = thread.members.filter((candidate) => candidate.number !== number);
      return summary(thread);
    },
    'groups.leave': (payload) => {
      const thread = member((payload as { threadId: string }).threadId);
      thread.members = thread.members.filter((candidate) => candidate.number !== ME);
      return null;
    },
  };

  return {
    requests,
    messages,
    views,
    /** A direct thread with `number`, with messages from `texts` ([sender, body], oldest first). */
    direct(number: string, texts: [sender: string, body: string][] = []) {
      const thread = makeDirect(number);
      for (const [sender, body] of texts) store(thread.id, sender, body);
      return thread.id;
    },
    /** A group the viewer is in (its admin unless `admin` is another number). */
    group(name: string, numbers: string[], admin = ME) {
      const thread: StoredThread = {
        id: `g:${nextGroup++}`,
        kind: 'group',
        name,
        members: [ME, ...numbers].map((number) => ({ number, admin: number === admin })),
        settings: { readReceipts: true, typing: true },
        read: new Map(),
        updatedAt: tick(),
      };
      threads.set(thread.id, thread);
      return thread.id;
    },
    store,
    summary: (threadId: string) => summary(threads.get(threadId)!),
    readBy: (threadId: string, number: string, messageId: number) => threads.get(threadId)!.read.set(number, messageId),
    settings: (threadId: string) => threads.get(threadId)!.settings,
    members: (threadId: string) => threads.get(threadId)!.members.map((candidate) => candidate.number),
  };
}

export type MessagesServer = ReturnType<typeof messagesServer>;
