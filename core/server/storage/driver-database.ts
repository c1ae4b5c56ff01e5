import { queriesOver } from './database';
import { DatabaseError, type Database, type DatabaseErrorKind, type Queries } from '../../../sdk/server/database';
import { createExecutor, type SqlSession } from './drivers';

/** MariaDB's error numbers for a taken unique key and for a missing or still-referenced parent row. */
const MARIADB_KINDS: Record<number, DatabaseErrorKind> = {
  1062: 'unique_violation',
  1451: 'foreign_key_violation',
  1452: 'foreign_key_violation',
};
/** mysql2's codes when the server cannot be reached or dropped the connection (gone away, lost, shutting down). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR']);
const SQLITE_KINDS: Record<string, DatabaseErrorKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique_violation',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique_violation',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key_violation',
};

/** A mysql2 or better-sqlite3 error as the port's {@link DatabaseError}, keeping the driver's error as its cause. */
function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const { errno, code, message, fatal } = (error ?? {}) as { errno?: unknown; code?: unknown; message?: unknown; fatal?: unknown };
  const kind =
    (typeof errno === 'number' && MARIADB_KINDS[errno]) ||
    (typeof code === 'string' && SQLITE_KINDS[code]) ||
    // mysql2 marks an error that ended the connection fatal.
    (fatal === true || (typeof code === 'string' && UNREACHABLE.has(code)) ? 'unavailable' : 'other');
  const databaseError = new DatabaseError(kind, typeof message === 'string' ? message : String(error));
  databaseError.cause = error;
  return databaseError;
}

function queriesOf(session: SqlSession): Queries {
  return queriesOver((sql, values) => session.query(sql, values).catch((error: unknown) => Promise.reject(toDatabaseError(error))));
}

/**
 * The database port over Handset's own drivers, for everything outside the game (tests, sandbox, tools):
 * `mysql://user:pass@host:port/db` (or oxmysql's `key=value;…` form) → mysql2; `sqlite:<file>` or '' → SQLite.
 * Resolves once the connection works.
 *
 * @example
 * const db = await createDriverDatabase('sqlite:.sandbox/handset.db');
 */
export async function createDriverDatabase(connectionString: string): Promise<Database & { close(): Promise<void> }> {
  const executor = createExecutor(connectionString);
  try {
    await executor.version();
  } catch (error) {
    await executor.close().catch(() => undefined);
    throw toDatabaseError(error);
  }
  const database: Database & { close(): Promise<void> } = {
    dialect: executor.dialect,
    ...queriesOf(executor),
    async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
      let outcome: { value: T } | undefined;
      let workFailed = false;
      try {
        await executor.transaction(async (session) => {
          try {
            outcome = { value: await work(queriesOf(session)) };
          } catch (error) {
            workFailed = true;
            throw error;
          }
          return true;
        });
      } catch (error) {
        // The caller's own error passes through as thrown; only BEGIN and COMMIT failures are the driver's.
        throw workFailed ? error : toDatabaseError(error);
      }
      return (outcome as { value: T }).value;
    },
    batch: (statements) =>
      database.transaction(async (tx) => {
        for (const { sql, values } of statements) await tx.run(sql, values);
      }),
    close: () => executor.close(),
  };
  return database;
}
