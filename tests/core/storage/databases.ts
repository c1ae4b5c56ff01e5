import { afterEach, beforeEach, describe } from 'vitest';
import type { Database } from '../../../sdk/server/database';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { createExecutor } from '../../../core/server/storage/drivers';
import { createOxmysqlDatabase } from '../../../core/server/storage/oxmysql-database';
import { createOxmysql } from '../../simulator/resources/oxmysql/src/oxmysql';
import { describeMariadb } from '../../support/databases';
import { openMariadb } from '../../support/handset';

interface Opened {
  db: Database;
  dispose(): Promise<void>;
}

/** An empty database per test: a fresh SQLite memory file, or a freshly created MariaDB database. */
type Open = (connectionString: string) => Promise<Opened>;

async function overDrivers(connectionString: string): Promise<Opened> {
  const db = await createDriverDatabase(connectionString);
  return { db, dispose: () => db.close() };
}

/** The oxmysql port on the stand-in's exports, called in-process: the same code the handset resource runs. */
async function overOxmysql(connectionString: string): Promise<Opened> {
  const executor = createExecutor(connectionString);
  const quiet = () => undefined;
  const oxmysql = createOxmysql(executor, {
    invokingResource: () => 'handset',
    console: { log: quiet, warn: quiet, error: quiet },
    emit: quiet,
  });
  return { db: await createOxmysqlDatabase(oxmysql), dispose: () => executor.close() };
}

/**
 * Declares `suite` once per executor and database: mysql2 and better-sqlite3 directly, and through oxmysql's
 * exports, each on SQLite and (when configured) MariaDB. `current()` is the test's own empty database.
 */
export function forEachDatabase(suite: (current: () => Database) => void): void {
  const executors: [string, Open][] = [
    ['drivers', overDrivers],
    ['oxmysql', overOxmysql],
  ];
  for (const [executor, open] of executors) {
    const declare = (dialect: string, describeDialect: typeof describeMariadb, fresh: () => Promise<Opened>) =>
      describeDialect(`${executor} on ${dialect}`, () => {
        let opened: Opened | undefined;
        beforeEach(async () => {
          opened = await fresh();
        });
        afterEach(async () => {
          await opened?.dispose();
          opened = undefined;
        });
        suite(() => {
          if (!opened) throw new Error('no database: current() is for inside a test');
          return opened.db;
        });
      });
    declare('SQLite', describe, () => open(''));
    declare('MariaDB', describeMariadb, async () => {
      const database = await openMariadb();
      const opened = await open(database.connection);
      return {
        db: opened.db,
        dispose: async () => {
          await opened.dispose();
          await database.dispose();
        },
      };
    });
  }
}

/** The tables the core's migrations make, and the migrations record, sorted by name. */
export const CORE_TABLES = [
  'handset_core_app_installs',
  'handset_core_app_removals',
  'handset_core_app_storage',
  'handset_core_device_settings',
  'handset_core_media',
  'handset_core_migrations',
  'handset_core_notifications',
  'handset_core_phones',
];

/** The names of the tables in the database, sorted. */
export async function tableNames(db: Database): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.select<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
      : await db.select<{ name: string }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
        );
  return rows.map((row) => row.name);
}
