import { expect, it } from 'vitest';
import {
  createPhonesRepository,
  NUMBER_ATTEMPTS,
  PhoneNumbersExhaustedError,
} from '../../../core/server/identity/phones.repository';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import type { Database } from '../../../sdk/server/database';
import { migrate } from '../../../core/server/storage/migrations';
import { forEachDatabase } from '../storage/databases';

/** A generator that hands out `numbers` in order, and records what it was asked for. */
function scripted(numbers: string[]) {
  const asked: string[] = [];
  return {
    asked,
    generateNumber(format: string) {
      asked.push(format);
      const next = numbers.shift();
      if (next === undefined) throw new Error('the script ran out of numbers');
      return next;
    },
  };
}

const phoneRows = (db: Database) =>
  db.select('SELECT id, identifier, phone_number FROM handset_core_phones ORDER BY id');

forEachDatabase((current) => {
  const migrated = async () => {
    const db = current();
    await migrate(db, 'core', coreMigrations);
    return db;
  };

  it('creates a phone with a number in the format on first use, and finds the same one afterwards', async () => {
    const db = await migrated();
    const phones = createPhonesRepository(db, { numberFormat: '555-###-####' });
    const created = await phones.findOrCreate('ABC12345');
    expect(created).toEqual({ id: 1, identifier: 'ABC12345', number: expect.stringMatching(/^555\d{7}$/) });
    await expect(phones.findOrCreate('ABC12345')).resolves.toEqual(created);
    await expect(phones.findByIdentifier('ABC12345')).resolves.toEqual(created);
    await expect(phones.findByNumber(created.number)).resolves.toEqual(created);
    await expect(phones.findById(created.id)).resolves.toEqual(created);
    expect(await phoneRows(db)).toEqual([{ id: 1, identifier: 'ABC12345', phone_number: created.number }]);
  });

  it('gives each character its own phone and number', async () => {
    const db = await migrated();
    const script = scripted(['5550001', '5550002']);
    const phones = createPhonesRepository(db, { numberFormat: '555####', generateNumber: script.generateNumber });
    await expect(phones.findOrCreate('char1:abc')).resolves.toEqual({ id: 1, identifier: 'char1:abc', number: '5550001' });
    await expect(phones.findOrCreate('char2:abc')).resolves.toEqual({ id: 2, identifier: 'char2:abc', number: '5550002' });
    expect(script.asked).toEqual(['555####', '555####']);
  });

  it('answers undefined for an unknown identifier, number or id', async () => {
    const phones = createPhonesRepository(await migrated(), { numberFormat: '555####' });
    await phones.findOrCreate('known');
    await expect(phones.findByIdentifier('unknown')).resolves.toBeUndefined();
    await expect(phones.findByNumber('0000000')).resolves.toBeUndefined();
    await expect(phones.findById(999)).resolves.toBeUndefined();
  });

  it('draws another number when the first is taken, relying on the unique key', async () => {
    const db = await migrated();
    const script = scripted(['5550001', '5550001', '5550001', '5550002']);
    const phones = createPhonesRepository(db, { numberFormat: '555####', generateNumber: script.generateNumber });
    await phones.findOrCreate('first');
    await expect(phones.findOrCreate('second')).resolves.toEqual({ id: expect.any(Number), identifier: 'second', number: '5550002' });
    expect(script.asked).toHaveLength(4);
    expect(await phoneRows(db)).toEqual([
      { id: 1, identifier: 'first', phone_number: '5550001' },
      { id: expect.any(Number), identifier: 'second', phone_number: '5550002' },
    ]);
  });

  it('fails with a clear error once every number of the format is taken, creating nothing', async () => {
    const db = await migrated();
    const taken = Array.from({ length: 10 }, (_, digit) => `55500${digit}`);
    await db.run(
      `INSERT INTO handset_core_phones (identifier, phone_number) VALUES ${taken.map(() => '(?, ?)').join(', ')}`,
      taken.flatMap((number) => [`owner of ${number}`, number]),
    );
    const phones = createPhonesRepository(db, { numberFormat: '555-00#' });
    const error = await phones.findOrCreate('one too many').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PhoneNumbersExhaustedError);
    expect((error as Error).message).toBe(
      `no free phone number in format "555-00#" after ${NUMBER_ATTEMPTS} tries: its 10 numbers are all or nearly all ` +
        'taken; give handset:number_format more # (random digits)',
    );
    expect(await phoneRows(db)).toHaveLength(10);
  });

  it('ends two concurrent first uses of one identifier with one phone', async () => {
    const db = await migrated();
    // Both calls look before either inserts, find no phone and both insert: the identifier's unique key refuses one.
    let release: () => void = () => undefined;
    const bothLooked = new Promise<void>((resolve) => (release = resolve));
    let looks = 0;
    const inserts: unknown[][] = [];
    const racing: Database = {
      ...db,
      select: async (sql, values) => {
        const rows = await db.select(sql, values);
        if (++looks === 2) release();
        await bothLooked;
        return rows as never;
      },
      run: (sql, values = []) => {
        if (sql.startsWith('INSERT')) inserts.push([...values]);
        return db.run(sql, values);
      },
    };
    const phones = createPhonesRepository(racing, { numberFormat: '555-###-####' });
    const [first, second] = await Promise.all([phones.findOrCreate('ABC12345'), phones.findOrCreate('ABC12345')]);
    expect(second).toEqual(first);
    expect(inserts.map(([identifier]) => identifier)).toEqual(['ABC12345', 'ABC12345']);
    expect(await phoneRows(db)).toEqual([{ id: first.id, identifier: 'ABC12345', phone_number: first.number }]);
  });

  it('passes other database errors on', async () => {
    const phones = createPhonesRepository(current(), { numberFormat: '555####' });
    await expect(phones.findOrCreate('no table yet')).rejects.toMatchObject({ name: 'DatabaseError', kind: 'other' });
  });
});
