import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, type Database, autoIncrementId, createTable } from '../../../sdk/server/database';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import { migrate } from '../../../core/server/storage/migrations';
import { forEachDatabase } from './databases';

const root = path.resolve(import.meta.dirname, '../../..');

async function addPhone(db: Database, identifier: string, number: string): Promise<number> {
  const { insertId } = await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?)', [
    identifier,
    number,
  ]);
  return insertId;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

forEachDatabase((current) => {
  const scratch = async (db: Database) => {
    await db.run(createTable(db.dialect, 'handset_test_items', [autoIncrementId(db.dialect), 'label VARCHAR(20) NOT NULL UNIQUE']));
  };

  it('answers run with affected rows and the first new id, and select with rows cast as oxmysql casts them', async () => {
    const db = current();
    await migrate(db, 'core', coreMigrations);
    await expect(addPhone(db, 'license:a', '5550001')).resolves.toBe(1);
    await expect(
      db.run('INSERT INTO handset_core_phones (identifier, phone_number, airplane_mode) VALUES (?, ?, ?), (?, ?, ?)', [
        'license:b', '5550002', 1, 'license:c', '5550003', 0,
      ]),
    ).resolves.toEqual({ affectedRows: 2, insertId: 2 });
    await expect(db.run('UPDATE handset_core_phones SET airplane_mode = ? WHERE id >= ?', [1, 2])).resolves.toEqual({
      affectedRows: 2,
      insertId: 0,
    });
    const rows = await db.select('SELECT id, identifier, airplane_mode, created_at FROM handset_core_phones ORDER BY id');
    expect(rows.map(({ created_at, ...row }) => row)).toEqual([
      { id: 1, identifier: 'license:a', airplane_mode: false },
      { id: 2, identifier: 'license:b', airplane_mode: true },
      { id: 3, identifier: 'license:c', airplane_mode: true },
    ]);
    // DATETIME arrives as epoch milliseconds, as oxmysql gives it.
    expect(rows.every((row) => typeof row.created_at === 'number' && Math.abs(row.created_at - Date.now()) < 24 * 3600_000)).toBe(true);
    await expect(db.select('SELECT id FROM handset_core_phones WHERE id = ?', [99])).resolves.toEqual([]);
  });

  it('refuses a select that returns no rows and a run that does', async () => {
    const db = current();
    await scratch(db);
    await expect(db.select("INSERT INTO handset_test_items (label) VALUES ('a')")).rejects.toThrow(
      "select() expects a statement that returns rows: INSERT INTO handset_test_items (label) VALUES ('a')",
    );
    await expect(db.run('SELECT label FROM handset_test_items')).rejects.toThrow(
      'run() expects a statement without rows: SELECT label FROM handset_test_items',
    );
  });

  it('maps a taken unique key to unique_violation, a missing parent to foreign_key_violation, the rest to other', async () => {
    const db = current();
    await migrate(db, 'core', coreMigrations);
    await addPhone(db, 'license:a', '5550001');

    const duplicate = await errorOf(addPhone(db, 'license:a', '5550002'));
    expect(duplicate).toBeInstanceOf(DatabaseError);
    expect(duplicate).toMatchObject({ name: 'DatabaseError', kind: 'unique_violation' });
    await expect(addPhone(db, 'license:b', '5550001')).rejects.toMatchObject({ kind: 'unique_violation' });
    await expect(
      db.run('INSERT INTO handset_core_app_installs (phone_id, app_id) VALUES (?, ?), (?, ?)', [1, 'bank', 1, 'bank']),
    ).rejects.toMatchObject({ kind: 'unique_violation' });

    const orphan = await errorOf(db.run('INSERT INTO handset_core_app_installs (phone_id, app_id) VALUES (?, ?)', [42, 'bank']));
    expect(orphan).toBeInstanceOf(DatabaseError);
    expect(orphan).toMatchObject({ kind: 'foreign_key_violation' });

    const broken = await errorOf(db.select('SELECT nope FROM handset_core_phones'));
    expect(broken).toBeInstanceOf(DatabaseError);
    expect(broken).toMatchObject({ kind: 'other' });
    expect((broken as Error).message).toMatch(db.dialect === 'sqlite' ? /no such column: nope/ : /Unknown column 'nope'/);
  });

  it('commits a transaction that resolves and answers its value', async () => {
    const db = current();
    await scratch(db);
    const ids = await db.transaction(async (tx) => {
      const first = await tx.run("INSERT INTO handset_test_items (label) VALUES ('a')");
      const second = await tx.run("INSERT INTO handset_test_items (label) VALUES ('b')");
      return [first.insertId, second.insertId, (await tx.select('SELECT label FROM handset_test_items ORDER BY id')).length];
    });
    expect(ids).toEqual([1, 2, 2]);
    await expect(db.select('SELECT id, label FROM handset_test_items ORDER BY id')).resolves.toEqual([
      { id: 1, label: 'a' },
      { id: 2, label: 'b' },
    ]);
  });

  it('rolls a transaction back when its work throws, and rethrows that very error', async () => {
    const db = current();
    await scratch(db);
    const thrown = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO handset_test_items (label) VALUES ('a')");
        throw thrown;
      }),
    ).rejects.toBe(thrown);

    const failed = await errorOf(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO handset_test_items (label) VALUES ('b')");
        await tx.run("INSERT INTO handset_test_items (label) VALUES ('b')");
      }),
    );
    expect(failed).toBeInstanceOf(DatabaseError);
    expect(failed).toMatchObject({ kind: 'unique_violation' });
    await expect(db.select('SELECT label FROM handset_test_items')).resolves.toEqual([]);
    // The connection is usable again after the rollback.
    await expect(db.run("INSERT INTO handset_test_items (label) VALUES ('c')")).resolves.toMatchObject({ affectedRows: 1 });
    await expect(db.select('SELECT label FROM handset_test_items')).resolves.toEqual([{ label: 'c' }]);
  });

  it('commits a batch whole, in order, the id of one insert usable by the next statement', async () => {
    const db = current();
    await scratch(db);
    const insertedId = db.dialect === 'sqlite' ? 'last_insert_rowid()' : 'LAST_INSERT_ID()';
    await db.batch([
      { sql: 'INSERT INTO handset_test_items (label) VALUES (?)', values: ['a'] },
      { sql: `UPDATE handset_test_items SET label = ? WHERE id = ${insertedId}`, values: ['b'] },
      { sql: "INSERT INTO handset_test_items (label) VALUES ('c')" },
    ]);
    await expect(db.select('SELECT id, label FROM handset_test_items ORDER BY id')).resolves.toEqual([
      { id: 1, label: 'b' },
      { id: 2, label: 'c' },
    ]);
  });

  it('rolls a batch back whole when a statement fails, with a DatabaseError, and writes nothing', async () => {
    const db = current();
    await scratch(db);
    const failed = await errorOf(
      db.batch([
        { sql: 'INSERT INTO handset_test_items (label) VALUES (?)', values: ['a'] },
        { sql: 'INSERT INTO handset_test_items (label) VALUES (?)', values: ['a'] },
      ]),
    );
    expect(failed).toBeInstanceOf(DatabaseError);
    await expect(db.select('SELECT label FROM handset_test_items')).resolves.toEqual([]);
    await db.batch([{ sql: 'INSERT INTO handset_test_items (label) VALUES (?)', values: ['d'] }]);
    await expect(db.select('SELECT label FROM handset_test_items')).resolves.toEqual([{ label: 'd' }]);
  });
});

describe('createDriverDatabase', () => {
  it('chooses SQLite for sqlite: and empty strings, and fails plainly when it cannot connect', async () => {
    const memory = await createDriverDatabase('');
    const file = await createDriverDatabase('sqlite::memory:');
    expect([memory.dialect, file.dialect]).toEqual(['sqlite', 'sqlite']);
    await Promise.all([memory.close(), file.close()]);

    const refused = await errorOf(createDriverDatabase('mysql://root@127.0.0.1:1/handset?connectTimeout=2000'));
    expect(refused).toBeInstanceOf(DatabaseError);
    expect(refused).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('the game bundle', () => {
  it('carries neither drivers.ts nor a database driver: the game cannot load better-sqlite3', async () => {
    const bundle = await readFile(path.join(root, 'dist/server.js'), 'utf8');
    // esbuild heads each bundled module with a `// path` comment.
    const modules = [...bundle.matchAll(/^\/\/ ((?:core|node_modules)\/\S+)$/gm)].map((match) => match[1]);
    expect(modules).toContain('core/server/storage/oxmysql-database.ts');
    expect(modules.filter((module) => /storage\/drivers\.ts|node_modules\/(?:better-sqlite3|mysql2)\//.test(module!))).toEqual([]);
  });
});
