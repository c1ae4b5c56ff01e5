import { expect, it } from 'vitest';
import { createAppStorage, type AppStorage } from '../../../core/server/storage/app-storage';
import type { Database } from '../../../sdk/server/database';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import { migrate } from '../../../core/server/storage/migrations';
import { HandsetError } from '../../../sdk/protocol/errors';
import { forEachDatabase } from './databases';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? error.code : `not a HandsetError: ${String(error)}`),
  );
}

async function withPhones(db: Database): Promise<AppStorage> {
  await migrate(db, 'core', coreMigrations);
  await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?)', [
    'license:a', '5550001', 'license:b', '5550002',
  ]);
  return createAppStorage(db);
}

/** Fills `count` keys `k000`, `k001`, … of an app in one statement, as if set() had been called for each. */
async function fill(db: Database, phoneId: number, appId: string, count: number): Promise<void> {
  const keys = Array.from({ length: count }, (_, index) => `k${String(index).padStart(3, '0')}`);
  await db.run(
    `INSERT INTO handset_core_app_storage (phone_id, app_id, storage_key, storage_value) VALUES ${keys.map(() => '(?, ?, ?, ?)').join(', ')}`,
    keys.flatMap((key) => [phoneId, appId, key, '0']),
  );
}

const storedRows = (db: Database) => db.select('SELECT phone_id, app_id, storage_key, storage_value FROM handset_core_app_storage ORDER BY phone_id, app_id, storage_key');

forEachDatabase((current) => {
  it('keeps any JSON value per phone, app and key, and answers null for what is not there', async () => {
    const storage = await withPhones(current());
    const values = [null, true, 0, -1.5, '', 'héllo ✓', [1, 'two', [null]], { nested: { list: [{ ok: false }] }, n: 1e21 }];
    for (const [index, value] of values.entries()) await storage.set(1, 'bank', `v${index}`, value);
    for (const [index, value] of values.entries()) await expect(storage.get(1, 'bank', `v${index}`)).resolves.toEqual(value);

    await expect(storage.get(1, 'bank', 'missing')).resolves.toBeNull();
    await expect(storage.get(2, 'bank', 'v1')).resolves.toBeNull();
    await expect(storage.get(1, 'shop', 'v1')).resolves.toBeNull();

    await storage.set(1, 'bank', 'v1', { replaced: true });
    await expect(storage.get(1, 'bank', 'v1')).resolves.toEqual({ replaced: true });
  });

  it('lists an app’s keys in byte order, case-sensitively, and removes them one at a time', async () => {
    const storage = await withPhones(current());
    for (const key of ['b', 'a', 'A', 'z.y:x-w_v', '0']) await storage.set(1, 'bank', key, key);
    await storage.set(1, 'shop', 'other', 1);
    await storage.set(2, 'bank', 'theirs', 1);

    await expect(storage.keys(1, 'bank')).resolves.toEqual(['0', 'A', 'a', 'b', 'z.y:x-w_v']);
    await expect(storage.get(1, 'bank', 'A')).resolves.toBe('A');
    await expect(storage.get(1, 'bank', 'a')).resolves.toBe('a');

    await expect(storage.remove(1, 'bank', 'a')).resolves.toBe(true);
    await expect(storage.remove(1, 'bank', 'a')).resolves.toBe(false);
    await expect(storage.remove(1, 'shop', 'b')).resolves.toBe(false);
    await expect(storage.keys(1, 'bank')).resolves.toEqual(['0', 'A', 'b', 'z.y:x-w_v']);
    await expect(storage.keys(1, 'shop')).resolves.toEqual(['other']);
    await expect(storage.keys(2, 'bank')).resolves.toEqual(['theirs']);
    await expect(storage.keys(2, 'shop')).resolves.toEqual([]);
  });

  it('refuses bad ids, keys and values with INVALID_INPUT and writes nothing', async () => {
    const db = current();
    const storage = await withPhones(db);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const refused: [string, Promise<unknown>][] = [
      ['empty key', storage.set(1, 'bank', '', 1)],
      ['long key', storage.set(1, 'bank', 'k'.repeat(65), 1)],
      ['key with a space', storage.set(1, 'bank', 'a b', 1)],
      ['key with a slash', storage.set(1, 'bank', 'a/b', 1)],
      ['non-ASCII key', storage.set(1, 'bank', 'ключ', 1)],
      ['key not a string', storage.set(1, 'bank', 7 as unknown as string, 1)],
      ['app id upper case', storage.set(1, 'Bank', 'k', 1)],
      ['app id too long', storage.set(1, 'b'.repeat(33), 'k', 1)],
      ['phone id zero', storage.set(0, 'bank', 'k', 1)],
      ['phone id fractional', storage.set(1.5, 'bank', 'k', 1)],
      ['phone id text', storage.set('1' as unknown as number, 'bank', 'k', 1)],
      ['undefined', storage.set(1, 'bank', 'k', undefined)],
      ['NaN', storage.set(1, 'bank', 'k', Number.NaN)],
      ['Infinity inside', storage.set(1, 'bank', 'k', [Number.POSITIVE_INFINITY])],
      ['function', storage.set(1, 'bank', 'k', () => 1)],
      ['bigint', storage.set(1, 'bank', 'k', 1n)],
      ['Date', storage.set(1, 'bank', 'k', new Date(0))],
      ['Map', storage.set(1, 'bank', 'k', new Map())],
      ['undefined property', storage.set(1, 'bank', 'k', { a: undefined })],
      ['circular', storage.set(1, 'bank', 'k', circular)],
      ['get with a bad key', storage.get(1, 'bank', 'a b')],
      ['remove with a bad key', storage.remove(1, 'bank', '')],
      ['keys of a bad app', storage.keys(1, 'b-a-d')],
    ];
    const codes = await Promise.all(refused.map(async ([what, promise]) => [what, await codeOf(promise)]));
    expect(codes).toEqual(refused.map(([what]) => [what, 'INVALID_INPUT']));
    await expect(storedRows(db)).resolves.toEqual([]);
  });

  it('takes a value of exactly 16 KiB as UTF-8 JSON and refuses one byte more with PAYLOAD_TOO_LARGE', async () => {
    const db = current();
    const storage = await withPhones(db);
    const exact = 'x'.repeat(16 * 1024 - 2); // the quotes make 16384 bytes
    await storage.set(1, 'bank', 'big', exact);
    await expect(storage.get(1, 'bank', 'big')).resolves.toBe(exact);

    await expect(codeOf(storage.set(1, 'bank', 'big', `${exact}x`))).resolves.toBe('PAYLOAD_TOO_LARGE');
    // 'é' is two bytes: 8191 of them plus the quotes are 16384 bytes; one more is over.
    await expect(codeOf(storage.set(1, 'bank', 'accents', 'é'.repeat(8191)))).resolves.toBe('resolved');
    await expect(codeOf(storage.set(1, 'bank', 'accents2', 'é'.repeat(8192)))).resolves.toBe('PAYLOAD_TOO_LARGE');
    await expect(storage.get(1, 'bank', 'big')).resolves.toBe(exact);
    await expect(storage.keys(1, 'bank')).resolves.toEqual(['accents', 'big']);
  });

  it('keeps at most 256 keys per app and character; a 257th is QUOTA_EXCEEDED, replacing one is fine', async () => {
    const db = current();
    const storage = await withPhones(db);
    await fill(db, 1, 'bank', 255);
    await storage.set(1, 'bank', 'last', 1);
    await expect(codeOf(storage.set(1, 'bank', 'one_more', 1))).resolves.toBe('QUOTA_EXCEEDED');
    await expect(storage.get(1, 'bank', 'one_more')).resolves.toBeNull();
    await expect(storage.keys(1, 'bank')).resolves.toHaveLength(256);

    await storage.set(1, 'bank', 'k000', 'replaced');
    await expect(storage.get(1, 'bank', 'k000')).resolves.toBe('replaced');
    // The quota is per app and per character.
    await storage.set(1, 'shop', 'k', 1);
    await storage.set(2, 'bank', 'k', 1);
    await storage.remove(1, 'bank', 'last');
    await storage.set(1, 'bank', 'one_more', 1);
    await expect(storage.keys(1, 'bank')).resolves.toHaveLength(256);
  });

  it('lets exactly one of several concurrent new keys take the last free slot', async () => {
    const db = current();
    const storage = await withPhones(db);
    await fill(db, 1, 'bank', 255);
    const codes = await Promise.all(['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((key) => codeOf(storage.set(1, 'bank', key, key))));
    expect(codes.filter((code) => code === 'resolved')).toHaveLength(1);
    expect(codes.filter((code) => code === 'QUOTA_EXCEEDED')).toHaveLength(5);
    await expect(storage.keys(1, 'bank')).resolves.toHaveLength(256);
  });

  it('answers NOT_FOUND for a phone that does not exist', async () => {
    const db = current();
    const storage = await withPhones(db);
    await expect(codeOf(storage.set(3, 'bank', 'k', 1))).resolves.toBe('NOT_FOUND');
    await expect(storedRows(db)).resolves.toEqual([]);
  });
});
