import { previewOf, type Member, type Message, type ReadSignal, type ThreadSummary } from './messages-api';
import type { MessagesText } from './messages';

/** Newest first, as `threads.list` pages them. */
const byActivity = (a: ThreadSummary, b: ThreadSummary) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Merges a page of `threads.list` into the list, one row per id. A row held already stays when it is newer: a
 * push that overtook the page must not be undone by it.
 */
export function mergePage(list: readonly ThreadSummary[], page: readonly ThreadSummary[]): ThreadSummary[] {
  const byId = new Map(list.map((thread) => [thread.id, thread]));
  for (const thread of page) {
    const held = byId.get(thread.id);
    if (!held || held.updatedAt <= thread.updatedAt) byId.set(thread.id, thread);
  }
  return [...byId.values()].sort(byActivity);
}

/** Puts the server's latest summary of a thread (a push, an action's answer) in the list, replacing what it held. */
export const putThread = (list: readonly ThreadSummary[], thread: ThreadSummary): ThreadSummary[] =>
  [...list.filter((held) => held.id !== thread.id), thread].sort(byActivity);

export const withoutThread = (list: readonly ThreadSummary[], threadId: string) => list.filter((thread) => thread.id !== threadId);

/** Applies a message to its thread's row: last message, activity time and, unless it is read already, unread. */
export function bumpThread(list: readonly ThreadSummary[], message: Message, read: boolean): ThreadSummary[] {
  return list
    .map((thread) => {
      if (thread.id !== message.threadId || (thread.lastMessage && thread.lastMessage.id >= message.id)) return thread;
      return {
        ...thread,
        lastMessage: {
          id: message.id,
          senderNumber: message.senderNumber,
          senderName: message.senderName ?? null,
          mine: message.mine,
          kind: message.kind,
          preview: previewOf(message),
          sentAt: message.sentAt,
        },
        updatedAt: Math.max(thread.updatedAt, message.sentAt),
        unread: message.mine ? thread.unread : read ? 0 : thread.unread + 1,
      };
    })
    .sort(byActivity);
}

export const markThreadRead = (list: readonly ThreadSummary[], threadId: string) =>
  list.map((thread) => (thread.id === threadId && thread.unread > 0 ? { ...thread, unread: 0 } : thread));

/** Moves another member's read pointer forward, as the `thread.read` push says. */
export function applyRead(list: readonly ThreadSummary[], signal: ReadSignal): ThreadSummary[] {
  return list.map((thread) => {
    if (thread.id !== signal.threadId) return thread;
    const held = thread.readBy.find((pointer) => pointer.number === signal.number);
    if (held && held.messageId >= signal.messageId) return thread;
    const others = thread.readBy.filter((pointer) => pointer.number !== signal.number);
    return { ...thread, readBy: [...others, { number: signal.number, messageId: signal.messageId }] };
  });
}

/** The direct thread with `number`, if the list holds it. */
export const directWith = (list: readonly ThreadSummary[], number: string) =>
  list.find((thread) => thread.kind === 'direct' && thread.members.some((member) => member.number === number));

/** A member as the viewer knows them: their contact name, else their number. */
export const memberName = (member: Member) => member.name ?? member.displayNumber;

/** Who sent a message, as the viewer knows them. */
export function senderName(thread: ThreadSummary | null, message: Pick<Message, 'senderName' | 'senderNumber'>): string {
  if (message.senderName) return message.senderName;
  const member = thread?.members.find((candidate) => candidate.number === message.senderNumber);
  return member ? memberName(member) : message.senderNumber;
}

/** The list's line for a thread: its last message, in a group after who wrote it ("Lamar: on my way"). */
export function previewLine(thread: ThreadSummary, t: MessagesText): string {
  const last = thread.lastMessage;
  if (!last) return thread.kind === 'group' ? t('newGroup') : '';
  // What a message carries is named in the player's language; the server's preview is the text's start.
  const preview = last.kind === 'text' ? last.preview : t(`${last.kind}Preview`);
  if (thread.kind !== 'group') return preview;
  return t('previewBy', { name: last.mine ? t('you') : senderName(thread, last), preview });
}
