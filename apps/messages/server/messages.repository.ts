import type { Database, Dialect, Queries } from '@handset/sdk/server/database';
import type { Attachment, MessageContent, MessageKind } from './messages.schemas';

export type ThreadKind = 'direct' | 'group';

/** A number in a thread: a character's phone, or a line no character has (phoneId null). */
export interface Party {
  number: string;
  phoneId: number | null;
}

export interface ThreadSettings {
  readReceipts: boolean;
  typing: boolean;
}

/** A member row with its thread's kind and settings (one read answers "may they?" and "what does it allow?"). */
export interface MemberRecord extends Party {
  threadId: string;
  admin: boolean;
  readMessageId: number;
  unread: number;
  fromMessageId: number;
  joinedAt: number;
  leftAt: number | null;
  thread: ThreadSettings & { kind: ThreadKind; name: string | null; lastMessageId: number | null };
}

export interface MessageRecord {
  id: number;
  threadId: string;
  clientId: string | null;
  senderNumber: string;
  senderPhoneId: number | null;
  kind: MessageKind;
  body: string;
  attachment: Attachment | null;
  sentAt: number;
}

/** A thread as one member's list shows it: their counters, the last message they can see, the other members. */
export interface SummaryRecord {
  threadId: string;
  kind: ThreadKind;
  name: string | null;
  settings: ThreadSettings;
  admin: boolean;
  unread: number;
  updatedAt: number;
  last: { id: number; senderNumber: string; kind: MessageKind; body: string; sentAt: number } | null;
  /** The current members but the viewer, with their read pointers. */
  others: { number: string; admin: boolean; readMessageId: number }[];
}

/** Where a page of the thread list starts: after this thread, in list order. */
export interface ListPosition {
  updatedAt: number;
  threadId: string;
}

export interface SendInput extends Party {
  threadId: string;
  /** Parties of a direct thread to make members first; the first message creates the thread itself too. */
  join: Party[];
  clientId: string | null;
  content: MessageContent;
  now: number;
}

export interface NewGroup {
  threadId: string;
  name: string;
  creator: Party;
  members: Party[];
  now: number;
}

/** The messages app's SQL: every statement a screen or a change needs, each on an index. */
export interface MessagesRepository {
  /** The viewer's newest threads after `after` (list order: updated_at, then id, both descending), at most `limit`. */
  summaries(viewer: Party, after: ListPosition | null, limit: number): Promise<SummaryRecord[]>;
  /** One thread as the viewer's list shows it, when they are a current member. */
  summary(viewer: Party, threadId: string): Promise<SummaryRecord | undefined>;
  /** The member row of `number` in the thread, current or former, with the thread's settings. */
  member(threadId: string, number: string): Promise<MemberRecord | undefined>;
  /** The thread's current members. */
  members(threadId: string): Promise<Party[]>;
  /** The thread's messages the phone sees (after `fromId`, not hidden), before `beforeId`, newest first. */
  messages(threadId: string, phoneId: number, fromId: number, beforeId: number | null, limit: number): Promise<MessageRecord[]>;
  message(id: number): Promise<MessageRecord | undefined>;
  /** The message a phone's page sent with `clientId`. */
  byClientId(phoneId: number, clientId: string): Promise<MessageRecord | undefined>;
  /**
   * Stores a message in one transaction: the direct thread and its members when new, the message, the thread's
   * last message, every current member's list position and unread counter (the sender's read pointer moves to
   * it). A taken client id throws a `DatabaseError` (its kind `unique_violation` where the driver says so).
   */
  send(input: SendInput): Promise<MessageRecord>;
  /** Moves the member's read pointer forward to `messageId` (at most the thread's last); the new pointer, or null when it did not move. */
  markRead(threadId: string, number: string, phoneId: number, messageId: number): Promise<number | null>;
  /** How many threads the phone is a member of with unread messages. */
  unreadThreads(phoneId: number): Promise<number>;
  /** Hides a message from one phone; false when it already was. */
  hide(member: MemberRecord, message: MessageRecord): Promise<boolean>;
  createGroup(group: NewGroup): Promise<void>;
  /** How many groups each of these phones is a current member of (phones in none are left out). */
  groupCounts(phoneIds: readonly number[]): Promise<Map<number, number>>;
  rename(threadId: string, name: string): Promise<void>;
  setSettings(threadId: string, settings: Partial<ThreadSettings>): Promise<void>;
  /** Makes a phone a current member again, or for the first time; it sees messages from now on. */
  addMember(threadId: string, party: Party, now: number): Promise<void>;
  /** Takes a member out; when no admin is left, the member who joined first becomes one. Resolves to that member's number. */
  removeMember(threadId: string, number: string, now: number): Promise<string | null>;
}

const THREADS = 'handset_messages_threads';
const MEMBERS = 'handset_messages_members';
const MESSAGES = 'handset_messages_messages';
const HIDDEN = 'handset_messages_hidden';

type Id = number | string;
type Flag = boolean | number;

// BIGINT may arrive as a string from MariaDB drivers; TINYINT(1) as a boolean or as 0/1.
const flag = (value: Flag) => value === true || Number(value) === 1;
const nullableNumber = (value: Id | null) => (value === null ? null : Number(value));

interface MessageRow extends Record<string, unknown> {
  id: Id;
  thread_id: string;
  client_id: string | null;
  sender_number: string;
  sender_phone_id: Id | null;
  kind: MessageKind;
  body: string;
  attachment: string | null;
  sent_at: Id;
}

const MESSAGE_COLUMNS = 'x.id, x.thread_id, x.client_id, x.sender_number, x.sender_phone_id, x.kind, x.body, x.attachment, x.sent_at';

const toMessage = (row: MessageRow): MessageRecord => ({
  id: Number(row.id),
  threadId: row.thread_id,
  clientId: row.client_id,
  senderNumber: row.sender_number,
  senderPhoneId: nullableNumber(row.sender_phone_id),
  kind: row.kind,
  body: row.body,
  attachment: row.attachment === null ? null : (JSON.parse(row.attachment) as Attachment),
  sentAt: Number(row.sent_at),
});

interface MemberRow extends Record<string, unknown> {
  thread_id: string;
  number: string;
  phone_id: Id | null;
  admin: Flag;
  read_message_id: Id;
  unread: Id;
  from_message_id: Id;
  joined_at: Id;
  left_at: Id | null;
  kind: ThreadKind;
  name: string | null;
  read_receipts: Flag;
  typing: Flag;
  last_message_id: Id | null;
}

const toMember = (row: MemberRow): MemberRecord => ({
  threadId: row.thread_id,
  number: row.number,
  phoneId: nullableNumber(row.phone_id),
  admin: flag(row.admin),
  readMessageId: Number(row.read_message_id),
  unread: Number(row.unread),
  fromMessageId: Number(row.from_message_id),
  joinedAt: Number(row.joined_at),
  leftAt: nullableNumber(row.left_at),
  thread: {
    kind: row.kind,
    name: row.name,
    readReceipts: flag(row.read_receipts),
    typing: flag(row.typing),
    lastMessageId: nullableNumber(row.last_message_id),
  },
});

interface SummaryRow extends Record<string, unknown> {
  thread_id: string;
  kind: ThreadKind;
  name: string | null;
  read_receipts: Flag;
  typing: Flag;
  admin: Flag;
  unread: Id;
  updated_at: Id;
  last_id: Id | null;
  last_sender: string | null;
  last_kind: MessageKind | null;
  last_body: string | null;
  last_sent_at: Id | null;
  others: string | null;
}

/** `number:admin:read_message_id` of each other member, comma-separated (digits and flags only, so the separators are safe). */
const parseOthers = (others: string | null): SummaryRecord['others'] =>
  (others ?? '')
    .split(',')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [number = '', admin = '0', read = '0'] = entry.split(':');
      return { number, admin: admin === '1', readMessageId: Number(read) };
    })
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));

const toSummary = (row: SummaryRow): SummaryRecord => ({
  threadId: row.thread_id,
  kind: row.kind,
  name: row.name,
  settings: { readReceipts: flag(row.read_receipts), typing: flag(row.typing) },
  admin: flag(row.admin),
  unread: Number(row.unread),
  updatedAt: Number(row.updated_at),
  last:
    row.last_id === null
      ? null
      : { id: Number(row.last_id), senderNumber: row.last_sender ?? '', kind: row.last_kind ?? 'text', body: row.last_body ?? '', sentAt: Number(row.last_sent_at) },
  others: parseOthers(row.others),
});

/** `INSERT` that skips a row whose key is taken, in each dialect. */
const insertIgnore = (dialect: Dialect) => (dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE');

/**
 * The one statement behind the thread list and a single thread: the member rows (on the list index), their
 * thread, the newest message the member can see (one step back on `(thread_id, id)` per thread, past what they
 * hid), and the other members packed in one column — so a page of N threads is one round trip.
 */
function summarySql(dialect: Dialect, where: string, tail: string): string {
  const packed = dialect === 'sqlite' ? "group_concat(o.number || ':' || o.admin || ':' || o.read_message_id, ',')" : "GROUP_CONCAT(o.number, ':', o.admin, ':', o.read_message_id SEPARATOR ',')";
  return `SELECT m.thread_id, t.kind, t.name, t.read_receipts, t.typing, m.admin, m.unread, m.updated_at,
    lm.id AS last_id, lm.sender_number AS last_sender, lm.kind AS last_kind, SUBSTR(lm.body, 1, 80) AS last_body, lm.sent_at AS last_sent_at,
    (SELECT ${packed} FROM ${MEMBERS} o WHERE o.thread_id = m.thread_id AND o.left_at IS NULL AND o.number <> m.number) AS others
  FROM ${MEMBERS} m
  JOIN ${THREADS} t ON t.id = m.thread_id
  LEFT JOIN ${MESSAGES} lm ON lm.id = (
    SELECT x.id FROM ${MESSAGES} x
    WHERE x.thread_id = m.thread_id AND x.id > m.from_message_id
      AND NOT EXISTS (SELECT 1 FROM ${HIDDEN} h WHERE h.phone_id = ? AND h.message_id = x.id)
    ORDER BY x.id DESC LIMIT 1)
  WHERE ${where}
  ${tail}`;
}

/** The thread list's statement for a page after a position (or the first page); exported for the benchmark's EXPLAIN. */
export function threadListSql(dialect: Dialect, paged: boolean): string {
  const after = paged ? ' AND (m.updated_at < ? OR (m.updated_at = ? AND m.thread_id < ?))' : '';
  return summarySql(dialect, `m.phone_id = ? AND m.left_at IS NULL${after}`, 'ORDER BY m.updated_at DESC, m.thread_id DESC LIMIT ?');
}

/** One thread as a current member's list shows it; exported for the benchmark's EXPLAIN. */
export const threadSummarySql = (dialect: Dialect) => summarySql(dialect, 'm.thread_id = ? AND m.number = ? AND m.phone_id = ? AND m.left_at IS NULL', '');

/** A thread's messages as one phone sees them, newest first; exported for the benchmark's EXPLAIN. */
export const MESSAGE_PAGE_SQL = `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} x
  WHERE x.thread_id = ? AND x.id > ? AND x.id < ?
    AND NOT EXISTS (SELECT 1 FROM ${HIDDEN} h WHERE h.phone_id = ? AND h.message_id = x.id)
  ORDER BY x.id DESC LIMIT ?`;

const MEMBER_SQL = `SELECT m.thread_id, m.number, m.phone_id, m.admin, m.read_message_id, m.unread, m.from_message_id, m.joined_at, m.left_at,
    t.kind, t.name, t.read_receipts, t.typing, t.last_message_id
  FROM ${MEMBERS} m JOIN ${THREADS} t ON t.id = m.thread_id WHERE m.thread_id = ? AND m.number = ?`;

/** Creates a direct thread, or marks its activity when it exists, taking its row lock either way. */
const upsertDirectSql = (dialect: Dialect) =>
  `INSERT INTO ${THREADS} (id, kind, created_at, updated_at) VALUES (?, 'direct', ?, ?) ` +
  (dialect === 'sqlite' ? 'ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at' : 'ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)');

/** Takes the thread's row lock: a thread's messages and membership changes then happen, and commit, one at a time. */
const lockThread = (tx: Queries, threadId: string) => tx.run(`UPDATE ${THREADS} SET updated_at = updated_at WHERE id = ?`, [threadId]);

async function lastMessageId(tx: Queries, threadId: string): Promise<number> {
  const [row] = await tx.select<{ last_message_id: Id | null }>(`SELECT last_message_id FROM ${THREADS} WHERE id = ?`, [threadId]);
  return Number(row?.last_message_id ?? 0);
}

/** Inserts member rows that see the thread's messages after `fromId`; an existing member stays as it is. */
function joinSql(dialect: Dialect, count: number): string {
  return `${insertIgnore(dialect)} INTO ${MEMBERS} (thread_id, number, phone_id, admin, read_message_id, unread, from_message_id, updated_at, joined_at)
    VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, 0, ?, ?, ?)').join(', ')}`;
}
const joinValues = (threadId: string, parties: (Party & { admin?: boolean })[], fromId: number, now: number) =>
  parties.flatMap((party) => [threadId, party.number, party.phoneId, party.admin ? 1 : 0, fromId, fromId, now, now]);

export function createMessagesRepository(db: Database): MessagesRepository {
  const turns = new Map<string, Promise<void>>();
  /** Runs `work` after every earlier `work` of the same thread has settled. */
  const inTurn = <T>(threadId: string, work: () => Promise<T>): Promise<T> => {
    const result = (turns.get(threadId) ?? Promise.resolve()).then(work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    turns.set(threadId, settled);
    void settled.then(() => turns.get(threadId) === settled && turns.delete(threadId));
    return result;
  };
  const oneMessage = async (where: string, values: unknown[]) => {
    const [row] = await db.select<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES} x WHERE ${where}`, values);
    return row && toMessage(row);
  };

  return {
    async summaries(viewer, after, limit) {
      const values = after ? [viewer.phoneId, viewer.phoneId, after.updatedAt, after.updatedAt, after.threadId, limit] : [viewer.phoneId, viewer.phoneId, limit];
      return (await db.select<SummaryRow>(threadListSql(db.dialect, after !== null), values)).map(toSummary);
    },

    async summary(viewer, threadId) {
      const [row] = await db.select<SummaryRow>(threadSummarySql(db.dialect), [viewer.phoneId, threadId, viewer.number, viewer.phoneId]);
      return row && toSummary(row);
    },

    async member(threadId, number) {
      const [row] = await db.select<MemberRow>(MEMBER_SQL, [threadId, number]);
      return row && toMember(row);
    },

    async members(threadId) {
      const rows = await db.select<{ number: string; phone_id: Id | null }>(
        `SELECT number, phone_id FROM ${MEMBERS} WHERE thread_id = ? AND left_at IS NULL ORDER BY number`,
        [threadId],
      );
      return rows.map((row) => ({ number: row.number, phoneId: nullableNumber(row.phone_id) }));
    },

    async messages(threadId, phoneId, fromId, beforeId, limit) {
      const rows = await db.select<MessageRow>(MESSAGE_PAGE_SQL, [threadId, fromId, beforeId ?? Number.MAX_SAFE_INTEGER, phoneId, limit]);
      return rows.map(toMessage);
    },

    message: (id) => oneMessage('x.id = ?', [id]),
    byClientId: (phoneId, clientId) => oneMessage('x.sender_phone_id = ? AND x.client_id = ?', [phoneId, clientId]),

    send(input) {
      const { threadId, content, now } = input;
      // One send per thread at a time, in this process: ids, and commits, follow one order per thread, and the
      // thread's last message after the commit is this one. The batch reads nothing, so oxmysql runs it without
      // the warning its interactive transactions print.
      return inTurn(threadId, async () => {
        const fromId = input.join.length > 0 ? await lastMessageId(db, threadId) : 0;
        const insertedId = db.dialect === 'sqlite' ? 'last_insert_rowid()' : 'LAST_INSERT_ID()';
        await db.batch([
          // A first message creates the direct thread with the same statement.
          input.join.length === 0
            ? { sql: `UPDATE ${THREADS} SET updated_at = ? WHERE id = ?`, values: [now, threadId] }
            : { sql: upsertDirectSql(db.dialect), values: [threadId, now, now] },
          ...(input.join.length > 0 ? [{ sql: joinSql(db.dialect, input.join.length), values: joinValues(threadId, input.join, fromId, now) }] : []),
          {
            sql: `INSERT INTO ${MESSAGES} (thread_id, sender_number, sender_phone_id, client_id, kind, body, attachment, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            values: [threadId, input.number, input.phoneId, input.clientId, content.kind, content.body, content.attachment === null ? null : JSON.stringify(content.attachment), now],
          },
          { sql: `UPDATE ${THREADS} SET last_message_id = ${insertedId} WHERE id = ?`, values: [threadId] },
          {
            sql: `UPDATE ${MEMBERS} SET updated_at = ?,
               unread = CASE WHEN number = ? THEN 0 ELSE unread + 1 END,
               read_message_id = CASE WHEN number = ? THEN ${insertedId} ELSE read_message_id END
             WHERE thread_id = ? AND left_at IS NULL`,
            values: [now, input.number, input.number, threadId],
          },
        ]);
        return {
          id: await lastMessageId(db, threadId),
          threadId,
          clientId: input.clientId,
          senderNumber: input.number,
          senderPhoneId: input.phoneId,
          kind: content.kind,
          body: content.body,
          attachment: content.attachment,
          sentAt: now,
        };
      });
    },

    async markRead(threadId, number, phoneId, messageId) {
      const pointer = Math.min(messageId, await lastMessageId(db, threadId));
      // The recount reads only the messages after the new pointer, on (thread_id, id): usually none.
      const { affectedRows } = await db.run(
        `UPDATE ${MEMBERS} SET read_message_id = ?, unread = (
           SELECT COUNT(*) FROM ${MESSAGES} x
           WHERE x.thread_id = ? AND x.id > ? AND x.sender_number <> ?
             AND NOT EXISTS (SELECT 1 FROM ${HIDDEN} h WHERE h.phone_id = ? AND h.message_id = x.id))
         WHERE thread_id = ? AND number = ? AND phone_id = ? AND left_at IS NULL AND read_message_id < ?`,
        [pointer, threadId, pointer, number, phoneId, threadId, number, phoneId, pointer],
      );
      return affectedRows > 0 ? pointer : null;
    },

    async unreadThreads(phoneId) {
      // On the members_list index (phone_id, left_at, …): only this phone's memberships are read.
      const [row] = await db.select<{ count: Id }>(`SELECT COUNT(*) AS count FROM ${MEMBERS} WHERE phone_id = ? AND left_at IS NULL AND unread > 0`, [phoneId]);
      return Number(row?.count ?? 0);
    },

    hide(member, message) {
      return db.transaction(async (tx) => {
        const { affectedRows } = await tx.run(`${insertIgnore(db.dialect)} INTO ${HIDDEN} (phone_id, message_id) VALUES (?, ?)`, [member.phoneId, message.id]);
        if (affectedRows === 0) return false;
        if (message.senderNumber !== member.number) {
          // Still unread when after the pointer as it is now (the row lock makes it current).
          await tx.run(`UPDATE ${MEMBERS} SET unread = unread - 1 WHERE thread_id = ? AND number = ? AND read_message_id < ? AND unread > 0`, [
            member.threadId,
            member.number,
            message.id,
          ]);
        }
        return true;
      });
    },

    createGroup({ threadId, name, creator, members, now }) {
      return db.transaction(async (tx) => {
        await tx.run(`INSERT INTO ${THREADS} (id, kind, name, created_at, updated_at) VALUES (?, 'group', ?, ?, ?)`, [threadId, name, now, now]);
        const parties = [{ ...creator, admin: true }, ...members];
        await tx.run(joinSql(db.dialect, parties.length), joinValues(threadId, parties, 0, now));
      });
    },

    async groupCounts(phoneIds) {
      if (phoneIds.length === 0) return new Map();
      // On the members_list index (phone_id, left_at, …), each membership's thread by primary key.
      const rows = await db.select<{ phone_id: Id; groups: Id }>(
        `SELECT m.phone_id, COUNT(*) AS \`groups\` FROM ${MEMBERS} m JOIN ${THREADS} t ON t.id = m.thread_id
         WHERE m.phone_id IN (${phoneIds.map(() => '?').join(', ')}) AND m.left_at IS NULL AND t.kind = 'group' GROUP BY m.phone_id`,
        [...phoneIds],
      );
      return new Map(rows.map((row) => [Number(row.phone_id), Number(row.groups)]));
    },

    async rename(threadId, name) {
      await db.run(`UPDATE ${THREADS} SET name = ? WHERE id = ?`, [name, threadId]);
    },

    async setSettings(threadId, settings) {
      const changes = (
        [
          ['read_receipts', settings.readReceipts],
          ['typing', settings.typing],
        ] as const
      ).filter(([, value]) => value !== undefined);
      if (changes.length === 0) return;
      await db.run(`UPDATE ${THREADS} SET ${changes.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`, [
        ...changes.map(([, value]) => (value ? 1 : 0)),
        threadId,
      ]);
    },

    addMember(threadId, party, now) {
      return db.transaction(async (tx) => {
        await lockThread(tx, threadId);
        const fromId = await lastMessageId(tx, threadId);
        const { affectedRows } = await tx.run(
          `UPDATE ${MEMBERS} SET phone_id = ?, admin = 0, read_message_id = ?, unread = 0, from_message_id = ?, updated_at = ?, joined_at = ?, left_at = NULL
           WHERE thread_id = ? AND number = ? AND left_at IS NOT NULL`,
          [party.phoneId, fromId, fromId, now, now, threadId, party.number],
        );
        if (affectedRows === 0) await tx.run(joinSql(db.dialect, 1), joinValues(threadId, [party], fromId, now));
      });
    },

    removeMember(threadId, number, now) {
      return db.transaction(async (tx) => {
        await lockThread(tx, threadId);
        await tx.run(`UPDATE ${MEMBERS} SET left_at = ?, admin = 0 WHERE thread_id = ? AND number = ? AND left_at IS NULL`, [now, threadId, number]);
        const remaining = await tx.select<{ number: string; admin: Flag }>(
          `SELECT number, admin FROM ${MEMBERS} WHERE thread_id = ? AND left_at IS NULL ORDER BY joined_at, number`,
          [threadId],
        );
        const oldest = remaining[0];
        if (!oldest || remaining.some((member) => flag(member.admin))) return null;
        await tx.run(`UPDATE ${MEMBERS} SET admin = 1 WHERE thread_id = ? AND number = ?`, [threadId, oldest.number]);
        return oldest.number;
      });
    },
  };
}
