import { describe, expect, it } from 'vitest';
import { createTable, type Database, type Migration } from '../../../sdk/server/database';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import { destructivePart, migrate } from '../../../core/server/storage/migrations';
import { CORE_TABLES, forEachDatabase, tableNames } from './databases';

function records(db: Database) {
  return db.select<{ owner: string; version: number; name: string }>(
    'SELECT owner, version, name FROM handset_core_migrations ORDER BY owner, version',
  );
}

const table = (name: string): Migration['up'] => (dialect) => [createTable(dialect, name, ['id INT NOT NULL'])];

forEachDatabase((current) => {
  it('applies the core migrations once, records them, and applies nothing on a second run', async () => {
    const db = current();
    await expect(migrate(db, 'core', coreMigrations)).resolves.toEqual({ applied: [1, 2, 3, 4] });
    expect(await tableNames(db)).toEqual(CORE_TABLES);
    await expect(records(db)).resolves.toEqual([
      { owner: 'core', version: 1, name: 'phones, notifications, app installs, app storage' },
      { owner: 'core', version: 2, name: 'media' },
      { owner: 'core', version: 3, name: 'device settings and passcode' },
      { owner: 'core', version: 4, name: 'pre-installed apps a player removed' },
    ]);
    const [{ applied_at: appliedAt } = {}] = await db.select('SELECT applied_at FROM handset_core_migrations WHERE version = 1');
    expect(typeof appliedAt).toBe('number');

    await expect(migrate(db, 'core', coreMigrations)).resolves.toEqual({ applied: [] });
    await expect(db.select('SELECT owner, version, applied_at FROM handset_core_migrations WHERE version = 1')).resolves.toEqual([
      { owner: 'core', version: 1, applied_at: appliedAt },
    ]);
  });

  it('applies only the versions not yet recorded, per owner', async () => {
    const db = current();
    const first: Migration = { version: 1, name: 'a', up: table('handset_shop_a') };
    const third: Migration = { version: 3, name: 'b', up: table('handset_shop_b') };
    await expect(migrate(db, 'shop', [first])).resolves.toEqual({ applied: [1] });
    await expect(migrate(db, 'shop', [first, third])).resolves.toEqual({ applied: [3] });
    await expect(migrate(db, 'bank', [{ version: 1, name: 'a', up: table('handset_bank_a') }])).resolves.toEqual({ applied: [1] });
    await expect(records(db)).resolves.toEqual([
      { owner: 'bank', version: 1, name: 'a' },
      { owner: 'shop', version: 1, name: 'a' },
      { owner: 'shop', version: 3, name: 'b' },
    ]);
    expect(await tableNames(db)).toEqual(['handset_bank_a', 'handset_core_migrations', 'handset_shop_a', 'handset_shop_b']);
  });

  it('refuses a bad owner, versions out of order, a bad name or a foreign table name before running anything', async () => {
    const db = current();
    const ok: Migration = { version: 1, name: 'a', up: table('handset_shop_a') };
    const refusals: [string, readonly Migration[], string][] = [
      ['Shop', [ok], 'migration owner "Shop" must be 1-32 characters of a-z, 0-9 and _'],
      ['a'.repeat(33), [ok], `migration owner "${'a'.repeat(33)}" must be 1-32 characters of a-z, 0-9 and _`],
      ['', [ok], 'migration owner "" must be 1-32 characters of a-z, 0-9 and _'],
      ['shop', [{ ...ok, version: 0 }], 'migration shop 0: versions must be positive integers in increasing order (after 0)'],
      ['shop', [{ ...ok, version: 1.5 }], 'migration shop 1.5: versions must be positive integers in increasing order (after 0)'],
      ['shop', [ok, { ...ok, version: 1 }], 'migration shop 1: versions must be positive integers in increasing order (after 1)'],
      ['shop', [{ ...ok, version: 2 }, ok], 'migration shop 1: versions must be positive integers in increasing order (after 2)'],
      ['shop', [{ ...ok, name: ' ' }], 'migration shop 1: the name must be 1-100 characters'],
      ['shop', [{ ...ok, up: table('handset_bank_a') }], 'migration shop 1 "a": table handset_bank_a must be named handset_shop_<name>'],
      ['shop', [{ ...ok, up: table('accounts') }], 'migration shop 1 "a": table accounts must be named handset_shop_<name>'],
    ];
    for (const [owner, migrations, message] of refusals) {
      await expect(migrate(db, owner, migrations), message).rejects.toThrow(message);
    }
    expect(await tableNames(db)).toEqual([]);
  });

  it('refuses a migration list holding a destructive statement before running any of it', async () => {
    const db = current();
    const migrations: Migration[] = [
      { version: 1, name: 'items', up: table('handset_shop_items') },
      { version: 2, name: 'tidy', up: () => ['DROP TABLE handset_shop_items'] },
    ];
    await expect(migrate(db, 'shop', migrations)).rejects.toThrow(
      'migration shop 2 "tidy" is refused: DROP TABLE would destroy existing data in: DROP TABLE handset_shop_items',
    );
    expect(await tableNames(db)).toEqual([]);
  });

  it('stops at a failing statement, naming owner, version and statement, and records nothing', async () => {
    const db = current();
    const broken: Migration = {
      version: 1,
      name: 'items',
      up: (dialect) => [createTable(dialect, 'handset_shop_items', ['id INT NOT NULL']), 'CREATE TABLE handset_shop_bad (id INT,, x)'],
    };
    await expect(migrate(db, 'shop', [broken])).rejects.toThrow(
      /^migration shop 1 "items" failed at: CREATE TABLE handset_shop_bad \(id INT,, x\)\n[\s\S]*syntax/,
    );
    await expect(records(db)).resolves.toEqual([]);
    // SQLite applied the migration in one transaction; MariaDB had already committed the first CREATE TABLE.
    expect(await tableNames(db)).toEqual(
      db.dialect === 'sqlite' ? ['handset_core_migrations'] : ['handset_core_migrations', 'handset_shop_items'],
    );

    // Fixed, it applies on the next start: its statements are written to be repeatable.
    const fixed: Migration = { ...broken, up: (dialect) => [broken.up(dialect)[0]!, createTable(dialect, 'handset_shop_bad', ['id INT'])] };
    await expect(migrate(db, 'shop', [fixed])).resolves.toEqual({ applied: [1] });
    expect(await tableNames(db)).toEqual(['handset_core_migrations', 'handset_shop_bad', 'handset_shop_items']);
  });

  it('deleting a phone deletes its notifications, installed apps and app storage, and nothing of other phones', async () => {
    const db = current();
    await migrate(db, 'core', coreMigrations);
    for (const [identifier, number] of [
      ['license:a', '5550001'],
      ['license:b', '5550002'],
    ]) {
      const { insertId: phone } = await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?)', [identifier, number]);
      await db.run('INSERT INTO handset_core_notifications (phone_id, title, body) VALUES (?, ?, ?)', [phone, 'Hi', 'there']);
      await db.run('INSERT INTO handset_core_app_installs (phone_id, app_id) VALUES (?, ?)', [phone, 'bank']);
      await db.run('INSERT INTO handset_core_app_storage (phone_id, app_id, storage_key, storage_value) VALUES (?, ?, ?, ?)', [
        phone, 'bank', 'k', '1',
      ]);
      await db.run('INSERT INTO handset_core_media (phone_id, url, content_type, byte_size) VALUES (?, ?, ?, ?)', [
        phone, 'https://media.example.com/handset/media/a.jpg', 'image/jpeg', 1,
      ]);
    }
    await expect(db.run("DELETE FROM handset_core_phones WHERE identifier = 'license:a'")).resolves.toEqual({ affectedRows: 1, insertId: 0 });
    for (const child of ['handset_core_notifications', 'handset_core_app_installs', 'handset_core_app_storage', 'handset_core_media']) {
      await expect(db.select(`SELECT phone_id FROM ${child}`), child).resolves.toEqual([{ phone_id: 2 }]);
    }
  });
});

describe('destructivePart', () => {
  it('names what would destroy existing data', () => {
    const cases: [string, string][] = [
      ['DROP TABLE handset_shop_items', 'DROP TABLE'],
      ['drop   table if exists handset_shop_items', 'drop table'],
      ['DROP DATABASE handset', 'DROP DATABASE'],
      ['DROP SCHEMA handset', 'DROP SCHEMA'],
      ['ALTER TABLE handset_shop_items DROP COLUMN price', 'DROP COLUMN'],
      ['ALTER TABLE handset_shop_items DROP price', 'DROP price'],
      ['ALTER TABLE handset_shop_items ADD COLUMN a INT, DROP IF EXISTS price', 'DROP IF'],
      ['ALTER TABLE handset_shop_items CHANGE price cost INT', 'CHANGE'],
      ['ALTER TABLE handset_shop_items RENAME TO handset_shop_goods', 'RENAME'],
      ['ALTER TABLE handset_shop_items RENAME COLUMN price TO cost', 'RENAME'],
      ['RENAME TABLE handset_shop_items TO handset_shop_goods', 'RENAME'],
      ['TRUNCATE TABLE handset_shop_items', 'TRUNCATE'],
      ['DELETE FROM handset_shop_items', 'DELETE'],
      ["REPLACE INTO handset_shop_items (id) VALUES (1)", 'REPLACE'],
    ];
    expect(cases.map(([statement]) => destructivePart(statement))).toEqual(cases.map(([, part]) => part));
  });

  it('lets through what only adds, whatever its words say in comments, strings and foreign keys', () => {
    const statements = [
      'CREATE TABLE IF NOT EXISTS handset_shop_items (id INT, FOREIGN KEY (id) REFERENCES handset_core_phones (id) ON DELETE CASCADE)',
      'CREATE INDEX IF NOT EXISTS handset_shop_items_id ON handset_shop_items (id)',
      "ALTER TABLE handset_shop_items ADD COLUMN state VARCHAR(10) NOT NULL DEFAULT 'DELETE'",
      'ALTER TABLE handset_shop_items ADD COLUMN deleted_at DATETIME NULL -- DROP TABLE later',
      'ALTER TABLE handset_shop_items DROP INDEX handset_shop_items_id',
      'ALTER TABLE handset_shop_items ALTER COLUMN state DROP DEFAULT',
      "INSERT INTO handset_shop_items (id) VALUES (1) /* RENAME */",
      "UPDATE handset_shop_items SET state = REPLACE(state, 'a', 'b')",
    ];
    expect(statements.map(destructivePart)).toEqual(statements.map(() => undefined));
  });
});
