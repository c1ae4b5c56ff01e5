import type { Attachment, Draft, Message, MessageKind, SendTarget, ThreadSummary } from './messages-api';
import { memberName, senderName } from './threads';
import type { MessagesText } from './messages';

/** A send on its way, or one that failed in a way another try may fix. */
export interface PendingSend {
  clientId: string;
  draft: Draft;
  target: SendTarget;
  status: 'sending' | 'failed';
  error: string | null;
  queuedAt: number;
}

/** One bubble: a stored message, or a pending send shown as the player's own. */
export interface Bubble {
  key: string;
  /** The stored message's id; null while pending. */
  id: number | null;
  mine: boolean;
  kind: MessageKind;
  body: string;
  attachment: Attachment | null;
  sentAt: number;
  /** The sender's name, shown above the first bubble of a run in a group. */
  sender: string | null;
  /** The last bubble of a run from one sender: it gets the tail. */
  tail: boolean;
  pending: PendingSend | null;
  /** "Read", under the player's last message. */
  receipt: string | null;
}

/** A bubble before its place in the runs is known. */
type Unplaced = Omit<Bubble, 'sender' | 'tail'> & { senderNumber: string; senderName: string | null };

const sameSender = (a: Unplaced, b: Unplaced | undefined) => b !== undefined && a.mine === b.mine && a.senderNumber === b.senderNumber;

export type TimelineEntry = { type: 'stamp'; key: string; at: number } | { type: 'bubble'; bubble: Bubble };

/** How many entries (messages and stamps) the page holds at most: a long thread's far end leaves as the player scrolls. */
export const MAX_SHOWN = 300;
/** How many entries come back, or leave, at a time at the newest end of a conversation scrolled away from it. */
export const SHOWN_STEP = 100;

/** A new stamp above a message sent this long after the one before it. */
export const STAMP_GAP_MS = 60 * 60_000;

/** Newest first by id, one per id; `hidden` ids (deleted for the player) never come back. */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[], hidden: ReadonlySet<number>): Message[] {
  const byId = new Map(list.map((message) => [message.id, message]));
  for (const message of incoming) if (!hidden.has(message.id)) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** What the receipt under the player's last message says, or null when nobody has read it yet. */
export function receiptOf(thread: ThreadSummary | null, messages: readonly Message[], t: MessagesText): { messageId: number; text: string } | null {
  const last = messages.find((message) => message.mine);
  if (!thread || !last) return null;
  const readers = thread.readBy.filter((pointer) => pointer.messageId >= last.id);
  if (readers.length === 0) return null;
  if (thread.kind === 'direct') return { messageId: last.id, text: t('read') };
  const names = readers.map((pointer) => {
    const member = thread.members.find((candidate) => candidate.number === pointer.number);
    return member ? memberName(member) : pointer.number;
  });
  const text = names.length > 3 ? t('readByMany', { names: names.slice(0, 2).join(', '), count: names.length - 2 }) : t('readBy', { names: names.join(', ') });
  return { messageId: last.id, text };
}

/**
 * The conversation in reading order: stored messages oldest first, then pending sends, with a stamp wherever
 * an hour or more passed, the sender's name over each run in a group, and the tail on each run's last bubble.
 */
export function buildTimeline(
  thread: ThreadSummary | null,
  messages: readonly Message[],
  pending: readonly PendingSend[],
  receipt: { messageId: number; text: string } | null,
): TimelineEntry[] {
  const stored = new Set(messages.map((message) => message.clientId));
  const bubbles: Unplaced[] = [
    ...[...messages].reverse().map((message) => ({
      key: `m${message.id}`,
      id: message.id,
      mine: message.mine,
      kind: message.kind,
      body: message.body,
      attachment: message.attachment,
      sentAt: message.sentAt,
      pending: null,
      receipt: receipt?.messageId === message.id ? receipt.text : null,
      senderNumber: message.senderNumber,
      senderName: message.senderName,
    })),
    ...pending
      .filter((send) => !stored.has(send.clientId))
      .map((send) => ({
        key: `p${send.clientId}`,
        id: null,
        mine: true,
        kind: send.draft.kind,
        body: send.draft.body,
        attachment: send.draft.attachment,
        sentAt: send.queuedAt,
        pending: send,
        receipt: null,
        senderNumber: '',
        senderName: null,
      })),
  ];
  const group = thread?.kind === 'group';
  const entries: TimelineEntry[] = [];
  let previous: Unplaced | undefined;
  bubbles.forEach((bubble, index) => {
    const stamped = !previous || bubble.sentAt - previous.sentAt >= STAMP_GAP_MS;
    if (stamped) entries.push({ type: 'stamp', key: `s${bubble.key}`, at: bubble.sentAt });
    const next = bubbles[index + 1];
    const nextStamped = next !== undefined && next.sentAt - bubble.sentAt >= STAMP_GAP_MS;
    const { senderNumber, senderName: name, ...rest } = bubble;
    entries.push({
      type: 'bubble',
      bubble: {
        ...rest,
        sender: group && !bubble.mine && (stamped || !sameSender(bubble, previous)) ? senderName(thread, { senderNumber, senderName: name }) : null,
        tail: !sameSender(bubble, next) || nextStamped || bubble.receipt !== null,
      },
    });
    previous = bubble;
  });
  return entries;
}
