import { randomUUID } from 'node:crypto';
import { DatabaseError, type Database, type Statement } from '@handset/sdk/server/database';

export type Folder = 'inbox' | 'sent';

/** A character's claimed address: the name before the `@` and when it was claimed and last changed (epoch ms). */
export interface AddressRecord {
  phoneId: number;
  name: string;
  claimedAt: number;
  changedAt: number | null;
}

/** One mailbox copy of a mail, as it is written. */
export interface NewMail {
  phoneId: number;
  folder: Folder;
  from: string;
  to: string;
  subject: string;
  body: string;
  read: boolean;
  replyTo: number | null;
  clientId: string | null;
  createdAt: number;
}

/** A stored copy, whole. */
export interface MailRecord extends Omit<NewMail, 'clientId'> {
  id: number;
}

/** A stored copy as a folder's list carries it: the body's first characters only. */
export interface MailSummaryRecord extends Omit<MailRecord, 'body' | 'replyTo'> {
  preview: string;
}

/** Where a folder's page starts: after the mail with this time and id, going back in time. */
export interface Position {
  createdAt: number;
  id: number;
}

/** How many characters of a body the list carries. */
export const PREVIEW_LENGTH = 100;

export interface MailRepository {
  addressOf(phoneId: number): Promise<AddressRecord | undefined>;
  addressByName(name: string): Promise<AddressRecord | undefined>;
  /** Claims a first address; a taken name or a phone that has one throws `DatabaseError` `unique_violation`. */
  insertAddress(phoneId: number, name: string, now: number): Promise<void>;
  /**
   * Changes the phone's address to `name` (the old one is free at once) unless it changed after `changedBefore`;
   * false when it did. A taken name throws `unique_violation`.
   */
  changeAddress(phoneId: number, name: string, now: number, changedBefore: number): Promise<boolean>;
  /** A folder's copies newest first, after `after` when paging back. */
  list(phoneId: number, folder: Folder, after: Position | null, limit: number): Promise<MailSummaryRecord[]>;
  find(phoneId: number, id: number): Promise<MailRecord | undefined>;
  /** The sent copy the phone's send `clientId` created. */
  findByClient(phoneId: number, clientId: string): Promise<MailRecord | undefined>;
  /** Writes the copies of one mail in one transaction, all or none; resolves to their ids in order. A taken client id throws a `DatabaseError`. */
  insert(copies: readonly NewMail[]): Promise<number[]>;
  /** Sets the read flag of the phone's copy `id`. */
  setRead(phoneId: number, id: number, read: boolean): Promise<void>;
  /** Deletes a copy; false when the phone has no such copy. */
  remove(phoneId: number, id: number): Promise<boolean>;
  /** How many of the phone's inbox copies are unread. */
  countUnread(phoneId: number): Promise<number>;
  /** How many mails the phone's inbox holds. */
  countInbox(phoneId: number): Promise<number>;
  /** Whether the phone's inbox has unread mail from `from`. */
  hasUnreadFrom(phoneId: number, from: string): Promise<boolean>;
  /** The addresses the phone blocked, in order. */
  blocks(phoneId: number): Promise<string[]>;
  /** Whether the phone blocked `address` (lower case). */
  isBlocked(phoneId: number, address: string): Promise<boolean>;
  /** Blocks `address` (lower case) for the phone; blocking it again changes nothing. */
  block(phoneId: number, address: string, now: number): Promise<void>;
  /** Unblocks `address`; false when it was not blocked. */
  unblock(phoneId: number, address: string): Promise<boolean>;
}

interface AddressRow extends Record<string, unknown> {
  phone_id: number | string;
  name: string;
  claimed_at: number | string;
  changed_at: number | string | null;
}

interface MailRow extends Record<string, unknown> {
  id: number | string;
  phone_id: number | string;
  folder: Folder;
  from_address: string;
  to_address: string;
  subject: string;
  is_read: boolean | number;
  created_at: number | string;
}

const ADDRESSES = 'handset_mail_addresses';
const MESSAGES = 'handset_mail_messages';
const BLOCKS = 'handset_mail_blocks';
const SELECT_ADDRESS = `SELECT phone_id, name, claimed_at, changed_at FROM ${ADDRESSES}`;
const SUMMARY_COLUMNS = 'id, phone_id, folder, from_address, to_address, subject, is_read, created_at';
const SELECT_MAIL = `SELECT ${SUMMARY_COLUMNS}, body, reply_to FROM ${MESSAGES}`;

// BIGINT may arrive as a string from MariaDB drivers; TINYINT(1) as 0/1 outside oxmysql's casts.
const toAddress = (row: AddressRow): AddressRecord => ({
  phoneId: Number(row.phone_id),
  name: row.name,
  claimedAt: Number(row.claimed_at),
  changedAt: row.changed_at === null ? null : Number(row.changed_at),
});

const toSummaryFields = (row: MailRow) => ({
  id: Number(row.id),
  phoneId: Number(row.phone_id),
  folder: row.folder,
  from: row.from_address,
  to: row.to_address,
  subject: row.subject,
  read: row.is_read === true || Number(row.is_read) === 1,
  createdAt: Number(row.created_at),
});

const toMail = (row: MailRow & { body: string; reply_to: number | string | null }): MailRecord => ({
  ...toSummaryFields(row),
  body: row.body,
  replyTo: row.reply_to === null ? null : Number(row.reply_to),
});

const toSummary = (row: MailRow & { preview: string }): MailSummaryRecord => ({ ...toSummaryFields(row), preview: row.preview });

const insertCopy = (copy: NewMail & { clientId: string }): Statement => ({
  sql: `INSERT INTO ${MESSAGES} (phone_id, folder, from_address, to_address, subject, body, is_read, reply_to, client_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  values: [copy.phoneId, copy.folder, copy.from, copy.to, copy.subject, copy.body, copy.read ? 1 : 0, copy.replyTo, copy.clientId, copy.createdAt],
});

export function createMailRepository(db: Database): MailRepository {
  const oneAddress = async (where: string, value: unknown) => {
    const [row] = await db.select<AddressRow>(`${SELECT_ADDRESS} WHERE ${where} = ?`, [value]);
    return row && toAddress(row);
  };
  const oneMail = async (where: string, values: unknown[]) => {
    const [row] = await db.select<MailRow & { body: string; reply_to: number | string | null }>(`${SELECT_MAIL} WHERE ${where}`, values);
    return row && toMail(row);
  };

  return {
    addressOf: (phoneId) => oneAddress('phone_id', phoneId),
    addressByName: (name) => oneAddress('name', name),

    async insertAddress(phoneId, name, now) {
      await db.run(`INSERT INTO ${ADDRESSES} (phone_id, name, claimed_at) VALUES (?, ?, ?)`, [phoneId, name, now]);
    },

    async changeAddress(phoneId, name, now, changedBefore) {
      // The condition is checked by the row's own write, so two changes at once cannot both pass the rule.
      const { affectedRows } = await db.run(
        `UPDATE ${ADDRESSES} SET name = ?, changed_at = ? WHERE phone_id = ? AND (changed_at IS NULL OR changed_at <= ?)`,
        [name, now, phoneId, changedBefore],
      );
      return affectedRows > 0;
    },

    async list(phoneId, folder, after, limit) {
      // `created_at <= ?` bounds the index range; the OR only skips the page's last instant's earlier ids.
      const page = after ? ' AND created_at <= ? AND (created_at < ? OR id < ?)' : '';
      const rows = await db.select<MailRow & { preview: string }>(
        `SELECT ${SUMMARY_COLUMNS}, SUBSTR(body, 1, ${PREVIEW_LENGTH}) AS preview FROM ${MESSAGES}
         WHERE phone_id = ? AND folder = ?${page} ORDER BY created_at DESC, id DESC LIMIT ?`,
        [phoneId, folder, ...(after ? [after.createdAt, after.createdAt, after.id] : []), limit],
      );
      return rows.map(toSummary);
    },

    find: (phoneId, id) => oneMail('id = ? AND phone_id = ?', [id, phoneId]),
    findByClient: (phoneId, clientId) => oneMail('phone_id = ? AND client_id = ?', [phoneId, clientId]),

    async insert(copies) {
      // A batch answers no ids: each copy gets a key of its own (a server one where the page gave none) to find it by.
      const keyed = copies.map((copy) => ({ ...copy, clientId: copy.clientId ?? `server:${randomUUID()}` }));
      await db.batch(keyed.map(insertCopy));
      // One read for every copy, each on the (phone_id, client_id) key.
      const rows = await db.select<{ id: number | string; client_id: string }>(
        `SELECT id, client_id FROM ${MESSAGES} WHERE ${keyed.map(() => '(phone_id = ? AND client_id = ?)').join(' OR ')}`,
        keyed.flatMap((copy) => [copy.phoneId, copy.clientId]),
      );
      const idByKey = new Map(rows.map((row) => [row.client_id, Number(row.id)]));
      return keyed.map((copy) => idByKey.get(copy.clientId)!);
    },

    async setRead(phoneId, id, read) {
      await db.run(`UPDATE ${MESSAGES} SET is_read = ? WHERE id = ? AND phone_id = ?`, [read ? 1 : 0, id, phoneId]);
    },

    async remove(phoneId, id) {
      const { affectedRows } = await db.run(`DELETE FROM ${MESSAGES} WHERE id = ? AND phone_id = ?`, [id, phoneId]);
      return affectedRows > 0;
    },

    async countInbox(phoneId) {
      const [row] = await db.select<{ count: number | string }>(`SELECT COUNT(*) AS count FROM ${MESSAGES} WHERE phone_id = ? AND folder = 'inbox'`, [phoneId]);
      return Number(row?.count ?? 0);
    },

    async hasUnreadFrom(phoneId, from) {
      const rows = await db.select(`SELECT 1 AS found FROM ${MESSAGES} WHERE phone_id = ? AND folder = 'inbox' AND is_read = 0 AND from_address = ? LIMIT 1`, [
        phoneId,
        from,
      ]);
      return rows.length > 0;
    },

    async blocks(phoneId) {
      const rows = await db.select<{ address: string }>(`SELECT address FROM ${BLOCKS} WHERE phone_id = ? ORDER BY address`, [phoneId]);
      return rows.map((row) => row.address);
    },

    async isBlocked(phoneId, address) {
      return (await db.select(`SELECT 1 AS found FROM ${BLOCKS} WHERE phone_id = ? AND address = ?`, [phoneId, address])).length > 0;
    },

    async block(phoneId, address, now) {
      try {
        await db.run(`INSERT INTO ${BLOCKS} (phone_id, address, created_at) VALUES (?, ?, ?)`, [phoneId, address, now]);
      } catch (error) {
        // Already blocked.
        if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
      }
    },

    async unblock(phoneId, address) {
      const { affectedRows } = await db.run(`DELETE FROM ${BLOCKS} WHERE phone_id = ? AND address = ?`, [phoneId, address]);
      return affectedRows > 0;
    },

    async countUnread(phoneId) {
      // On the list index (phone_id, folder, …): only this phone's inbox is read.
      const [row] = await db.select<{ count: number | string }>(
        `SELECT COUNT(*) AS count FROM ${MESSAGES} WHERE phone_id = ? AND folder = 'inbox' AND is_read = 0`,
        [phoneId],
      );
      return Number(row?.count ?? 0);
    },
  };
}
