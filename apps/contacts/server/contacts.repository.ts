import { DatabaseError, type Database } from '@handset/sdk/server/database';

/** A contact's editable fields, validated and canonical (the number in digits). */
export interface ContactFields {
  number: string;
  firstName: string;
  lastName: string;
  displayName: string;
  notes: string;
  avatarUrl: string | null;
  favorite: boolean;
  blocked: boolean;
}

/** A stored contact: its fields, its owner's phone and when it was added (epoch ms). */
export interface ContactRecord extends ContactFields {
  id: number;
  phoneId: number;
  createdAt: number;
}

/** Where a list page ended: the last contact's sort key (favorite, display name, id). */
export interface ListPosition {
  favorite: boolean;
  displayName: string;
  id: number;
}

/** At most this many numbers are named in one look-up: a thread page's members (50 threads × 31 others) fit. */
export const MAX_NAMED_NUMBERS = 2000;

export interface ContactsRepository {
  /** A phone's contacts, favorites first, then by display name (case-insensitive), then oldest first. */
  list(phoneId: number): Promise<ContactRecord[]>;
  /** Up to `limit` of the list's contacts after `after` (from the start when null), in list order. */
  page(phoneId: number, after: ListPosition | null, limit: number): Promise<ContactRecord[]>;
  /** Up to `limit` contacts whose names contain `query` (any case), or whose number contains `digits`, in list order. */
  search(phoneId: number, query: string, digits: string, limit: number): Promise<ContactRecord[]>;
  /** The display names the phone gave these numbers (digits), for those it has; one indexed read. */
  namesFor(phoneId: number, numbers: readonly string[]): Promise<Map<string, string>>;
  /** How many contacts the phone holds. */
  count(phoneId: number): Promise<number>;
  /** The contact `id` when it belongs to `phoneId`. */
  find(phoneId: number, id: number): Promise<ContactRecord | undefined>;
  /** The contact a phone's request `requestId` created. */
  findByRequest(phoneId: number, requestId: string): Promise<ContactRecord | undefined>;
  /** The phone that owns the contact `id`. */
  ownerOf(id: number): Promise<number | undefined>;
  /** Adds a contact and answers its id; a taken number or request id throws `DatabaseError` `unique_violation`. */
  insert(phoneId: number, fields: ContactFields, requestId: string | null): Promise<number>;
  /** Writes the given fields of the contact `id` of `phoneId`; a taken number throws `unique_violation`. */
  update(phoneId: number, id: number, changes: Partial<ContactFields>): Promise<void>;
  /** Deletes the contact `id` of `phoneId`; false when it had no such contact. */
  remove(phoneId: number, id: number): Promise<boolean>;
  /** Whether the phone blocked `number`: a blocked contact, or a number blocked without a contact. */
  isBlocked(phoneId: number, number: string): Promise<boolean>;
  /** Blocks `number` for the phone without a contact (a second time changes nothing). */
  /** Blocks `number` without a contact, keeping only the phone's newest `keep` such blocks. */
  blockNumber(phoneId: number, number: string, keep: number): Promise<void>;
}

interface ContactRow extends Record<string, unknown> {
  id: number | string;
  phone_id: number | string;
  contact_number: string;
  first_name: string;
  last_name: string;
  display_name: string;
  notes: string;
  avatar_url: string | null;
  favorite: boolean | number;
  blocked: boolean | number;
  created_at: number;
}

const TABLE = 'handset_contacts_contacts';
const BLOCKS = 'handset_contacts_blocks';
const SELECT = `SELECT id, phone_id, contact_number, first_name, last_name, display_name, notes, avatar_url, favorite, blocked, created_at FROM ${TABLE}`;

// The port casts TINYINT(1) to a boolean on the text protocol and leaves a number on prepared statements.
const flag = (value: boolean | number) => value === true || Number(value) === 1;

const toRecord = (row: ContactRow): ContactRecord => ({
  id: Number(row.id),
  phoneId: Number(row.phone_id),
  number: row.contact_number,
  firstName: row.first_name,
  lastName: row.last_name,
  displayName: row.display_name,
  notes: row.notes,
  avatarUrl: row.avatar_url,
  favorite: flag(row.favorite),
  blocked: flag(row.blocked),
  createdAt: Number(row.created_at),
});

const COLUMNS: Record<keyof ContactFields, string> = {
  number: 'contact_number',
  firstName: 'first_name',
  lastName: 'last_name',
  displayName: 'display_name',
  notes: 'notes',
  avatarUrl: 'avatar_url',
  favorite: 'favorite',
  blocked: 'blocked',
};

const columnValue = (value: ContactFields[keyof ContactFields]) => (typeof value === 'boolean' ? Number(value) : value);

export function createContactsRepository(db: Database): ContactsRepository {
  const one = async (where: string, values: unknown[]) => {
    const [row] = await db.select<ContactRow>(`${SELECT} WHERE ${where}`, values);
    return row && toRecord(row);
  };

  return {
    async list(phoneId) {
      const rows = await db.select<ContactRow>(`${SELECT} WHERE phone_id = ? ORDER BY favorite DESC, display_name, id`, [phoneId]);
      return rows.map(toRecord);
    },

    async count(phoneId) {
      const [row] = await db.select<{ contacts: number | string }>(`SELECT COUNT(*) AS contacts FROM ${TABLE} WHERE phone_id = ?`, [phoneId]);
      return Number(row?.contacts ?? 0);
    },

    async page(phoneId, after, limit) {
      // Two index ranges of (phone_id, favorite, display_name, id): the favorites, then the others, each from the cursor on.
      const run = async (favorite: boolean, from: ListPosition | null, count: number) => {
        const rows = await db.select<ContactRow>(
          `${SELECT} WHERE phone_id = ? AND favorite = ?${from ? ' AND display_name >= ? AND (display_name > ? OR id > ?)' : ''} ORDER BY display_name, id LIMIT ?`,
          [phoneId, Number(favorite), ...(from ? [from.displayName, from.displayName, from.id] : []), count],
        );
        return rows.map(toRecord);
      };
      const first = await run(after?.favorite ?? true, after, limit);
      if (first.length === limit || after?.favorite === false) return first;
      return [...first, ...(await run(false, null, limit - first.length))];
    },

    async search(phoneId, query, digits, limit) {
      // Within one phone's rows (at most its cap), read in list order on the list index; stops at `limit` matches.
      const like = `%${query.replace(/[!%_]/g, '!$&')}%`;
      const byNumber = digits === '' ? '' : ' OR contact_number LIKE ?';
      const rows = await db.select<ContactRow>(
        `${SELECT} WHERE phone_id = ? AND (display_name LIKE ? ESCAPE '!' OR first_name LIKE ? ESCAPE '!' OR last_name LIKE ? ESCAPE '!'${byNumber})
         ORDER BY favorite DESC, display_name, id LIMIT ?`,
        [phoneId, like, like, like, ...(digits === '' ? [] : [`%${digits}%`]), limit],
      );
      return rows.map(toRecord);
    },

    async namesFor(phoneId, numbers) {
      const wanted = [...new Set(numbers)];
      if (wanted.length === 0) return new Map();
      if (wanted.length > MAX_NAMED_NUMBERS) throw new RangeError(`at most ${MAX_NAMED_NUMBERS} numbers are named at once`);
      // The unique key (phone_id, contact_number) finds each number: one read, however big the phone book.
      const rows = await db.select<{ contact_number: string; display_name: string }>(
        `SELECT contact_number, display_name FROM ${TABLE} WHERE phone_id = ? AND contact_number IN (${wanted.map(() => '?').join(', ')})`,
        [phoneId, ...wanted],
      );
      return new Map(rows.map((row) => [row.contact_number, row.display_name]));
    },

    find: (phoneId, id) => one('id = ? AND phone_id = ?', [id, phoneId]),
    findByRequest: (phoneId, requestId) => one('phone_id = ? AND request_id = ?', [phoneId, requestId]),

    async ownerOf(id) {
      const [row] = await db.select<{ phone_id: number | string }>(`SELECT phone_id FROM ${TABLE} WHERE id = ?`, [id]);
      return row && Number(row.phone_id);
    },

    async insert(phoneId, fields, requestId) {
      const keys = Object.keys(COLUMNS) as (keyof ContactFields)[];
      const { insertId } = await db.run(
        `INSERT INTO ${TABLE} (phone_id, ${keys.map((key) => COLUMNS[key]).join(', ')}, request_id) VALUES (?, ${keys.map(() => '?').join(', ')}, ?)`,
        [phoneId, ...keys.map((key) => columnValue(fields[key])), requestId],
      );
      return insertId;
    },

    async update(phoneId, id, changes) {
      // Only the changed columns, so two edits of different fields at once both stay.
      const keys = (Object.keys(changes) as (keyof ContactFields)[]).filter((key) => changes[key] !== undefined);
      if (keys.length === 0) return;
      await db.run(`UPDATE ${TABLE} SET ${keys.map((key) => `${COLUMNS[key]} = ?`).join(', ')} WHERE id = ? AND phone_id = ?`, [
        ...keys.map((key) => columnValue(changes[key] as ContactFields[typeof key])),
        id,
        phoneId,
      ]);
    },

    async remove(phoneId, id) {
      const { affectedRows } = await db.run(`DELETE FROM ${TABLE} WHERE id = ? AND phone_id = ?`, [id, phoneId]);
      return affectedRows > 0;
    },

    async isBlocked(phoneId, number) {
      // Both on their primary or unique key: one round trip, two index look-ups.
      const rows = await db.select(
        `SELECT 1 AS blocked FROM ${TABLE} WHERE phone_id = ? AND contact_number = ? AND blocked = 1
         UNION ALL SELECT 1 FROM ${BLOCKS} WHERE phone_id = ? AND blocked_number = ?`,
        [phoneId, number, phoneId, number],
      );
      return rows.length > 0;
    },

    async blockNumber(phoneId, number, keep) {
      try {
        await db.run(`INSERT INTO ${BLOCKS} (phone_id, blocked_number) VALUES (?, ?)`, [phoneId, number]);
      } catch (error) {
        // Already blocked.
        if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
        return;
      }
      // The player never sees these numbers to unblock them, so past the cap the oldest block gives way instead of refusing.
      const oldest = await db.select<{ blocked_number: string }>(
        `SELECT blocked_number FROM ${BLOCKS} WHERE phone_id = ? ORDER BY created_at DESC, blocked_number DESC LIMIT 100 OFFSET ?`,
        [phoneId, keep],
      );
      for (const { blocked_number } of oldest) await db.run(`DELETE FROM ${BLOCKS} WHERE phone_id = ? AND blocked_number = ?`, [phoneId, blocked_number]);
    },
  };
}
