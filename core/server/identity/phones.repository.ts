import { DatabaseError, type Database } from '../../../sdk/server/database';
import type { Phone } from './identity';
import { generateNumber, numberCount } from './phone-numbers';

/** Random numbers tried before giving up: with half of a format's numbers taken, 20 misses in a row happen once in a million. */
export const NUMBER_ATTEMPTS = 20;

export class PhoneNumbersExhaustedError extends Error {
  override name = 'PhoneNumbersExhaustedError';

  constructor(format: string) {
    super(
      `no free phone number in format "${format}" after ${NUMBER_ATTEMPTS} tries: its ${numberCount(format)} numbers ` +
        'are all or nearly all taken; give handset:number_format more # (random digits)',
    );
  }
}

export interface PhonesRepository {
  /** The phone of the character `identifier`, created with a new number on first use. */
  findOrCreate(identifier: string): Promise<Phone>;
  /** The phone with this canonical (digits-only) number. */
  findByNumber(digits: string): Promise<Phone | undefined>;
  findByIdentifier(identifier: string): Promise<Phone | undefined>;
  /** The phone with this row id. */
  findById(id: number): Promise<Phone | undefined>;
  /** Deletes the phone row, and with it every row that cascades from it. */
  remove(id: number): Promise<void>;
  /** Up to `limit` phones after the row id `afterId`, in id order: a walk over every phone, a page at a time. */
  page(afterId: number, limit: number): Promise<Phone[]>;
}

export interface PhonesRepositoryOptions {
  numberFormat: string;
  /** Picks a candidate number for `format`; tests pass a scripted one to provoke collisions. */
  generateNumber?: (format: string) => string;
}

interface PhoneRow extends Record<string, unknown> {
  id: number | string;
  identifier: string;
  phone_number: string;
}

const SELECT = 'SELECT id, identifier, phone_number FROM handset_core_phones';

const toPhone = (row: PhoneRow): Phone => ({ id: Number(row.id), identifier: row.identifier, number: row.phone_number });

export function createPhonesRepository(db: Database, options: PhonesRepositoryOptions): PhonesRepository {
  const { numberFormat, generateNumber: generate = generateNumber } = options;

  const findOne = async (column: 'id' | 'identifier' | 'phone_number', value: string | number) => {
    const [row] = await db.select<PhoneRow>(`${SELECT} WHERE ${column} = ?`, [value]);
    return row && toPhone(row);
  };
  const findByIdentifier = (identifier: string) => findOne('identifier', identifier);

  return {
    findByIdentifier,
    findByNumber: (digits) => findOne('phone_number', digits),
    findById: (id) => findOne('id', id),

    async remove(id) {
      await db.run('DELETE FROM handset_core_phones WHERE id = ?', [id]);
    },

    async page(afterId, limit) {
      const rows = await db.select<PhoneRow>(`${SELECT} WHERE id > ? ORDER BY id LIMIT ?`, [afterId, limit]);
      return rows.map(toPhone);
    },

    async findOrCreate(identifier) {
      const existing = await findByIdentifier(identifier);
      if (existing) return existing;
      for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
        const number = generate(numberFormat);
        try {
          const { insertId } = await db.run(
            'INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?)',
            [identifier, number],
          );
          return { id: insertId, identifier, number };
        } catch (error) {
          if (!(error instanceof DatabaseError) || error.kind !== 'unique_violation') throw error;
          // Either the number is taken (try another) or a concurrent call created this character's phone first.
          const created = await findByIdentifier(identifier);
          if (created) return created;
        }
      }
      throw new PhoneNumbersExhaustedError(numberFormat);
    },
  };
}
