/**
 * The SQL dialects Handset's queries are written for: MariaDB/MySQL and embedded SQLite.
 *
 * @example
 * const upsert = db.dialect === 'sqlite' ? 'ON CONFLICT (id) DO NOTHING' : 'ON DUPLICATE KEY UPDATE id = id';
 */
export type Dialect = 'mariadb' | 'sqlite';

/**
 * One row a SELECT answered, by column name.
 *
 * @example
 * const [row] = await db.select<{ count: number }>('SELECT COUNT(*) AS count FROM handset_bank_accounts');
 */
export type Row = Record<string, unknown>;

/**
 * What a statement that returns no rows reports.
 *
 * @example
 * const { insertId } = await db.run('INSERT INTO handset_bank_accounts (phone_id) VALUES (?)', [phoneId]);
 */
export interface RunResult {
  affectedRows: number;
  /** The first generated id of an INSERT; 0 when none. */
  insertId: number;
}

/**
 * Statements on the database, with `?` placeholders; rows come back cast as oxmysql casts them.
 *
 * @example
 * await db.transaction((tx: Queries) => tx.run('DELETE FROM handset_bank_accounts WHERE phone_id = ?', [phoneId]));
 */
export interface Queries {
  /** A statement that returns rows (SELECT). */
  select<T extends Row = Row>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  /** A statement that changes data or schema (INSERT, UPDATE, DELETE, DDL). */
  run(sql: string, values?: readonly unknown[]): Promise<RunResult>;
}

/**
 * One statement of a {@link Database.batch}: its SQL with `?` placeholders, and their values.
 *
 * @example
 * const statement: Statement = { sql: 'UPDATE handset_bank_accounts SET balance = balance - ? WHERE id = ?', values: [50, 7] };
 */
export interface Statement {
  sql: string;
  values?: readonly unknown[];
}

/**
 * Handset's one database port. Three executors implement it: oxmysql's exports (in the game), and the mysql2
 * and better-sqlite3 drivers (tests, benchmarks, tools).
 *
 * @example
 * const accounts = await db.select('SELECT id FROM handset_bank_accounts WHERE phone_id = ?', [phoneId]);
 */
export interface Database extends Queries {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the error passes
   * through). Inside `work`, use only `tx`: on SQLite other statements wait until the transaction ends.
   */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  /**
   * Runs `statements` in order in one transaction that reads nothing back: committed when it resolves, rolled back
   * when it rejects. In the game it is oxmysql's `transaction`, which, unlike {@link transaction} (oxmysql's
   * `startTransaction`), prints no warning each time: the form for frequent writes.
   */
  batch(statements: readonly Statement[]): Promise<void>;
}

/**
 * Why a statement failed, where callers act on it (a unique key taken, a missing parent row); `unavailable`: the
 * database could not be reached or dropped the connection, so the statement may or may not have run. A request
 * that fails with it answers `UNAVAILABLE`; the player's retry, keyed as the first try was, finds what committed.
 *
 * @example
 * if (error instanceof DatabaseError && error.kind === 'unique_violation') throw new HandsetError('ALREADY_EXISTS', 'taken');
 */
export type DatabaseErrorKind = 'unique_violation' | 'foreign_key_violation' | 'unavailable' | 'other';

/**
 * What a player reads when a request failed on an `unavailable` database.
 *
 * @example
 * if (error instanceof DatabaseError && error.kind === 'unavailable') throw new HandsetError('UNAVAILABLE', DATABASE_UNAVAILABLE);
 */
export const DATABASE_UNAVAILABLE = 'the database is not answering; try again in a moment';

/**
 * A failed statement, with the {@link DatabaseErrorKind} callers act on.
 *
 * @example
 * try { await insertAccount(); } catch (error) { if (error instanceof DatabaseError && error.kind === 'unique_violation') retry(); }
 */
export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/**
 * One step of an owner's schema. Applied once, in version order, and recorded; never changed once released.
 *
 * @example
 * { version: 1, name: 'accounts', up: (dialect) => [createTable(dialect, 'handset_bank_accounts', [...])] }
 */
export interface Migration {
  /** Positive integer, strictly increasing within the owner's list. */
  version: number;
  name: string;
  /** The statements, one per string, written for `dialect`. */
  up(dialect: Dialect): string[];
}

// The only DDL that differs between MariaDB and SQLite; every other piece of a migration is written once, in
// the subset both understand (CREATE TABLE/INDEX IF NOT EXISTS, FOREIGN KEY … ON DELETE CASCADE).

/**
 * An `id` column: a BIGINT that the database numbers itself, the table's primary key.
 *
 * @example
 * createTable(dialect, 'handset_bank_accounts', [autoIncrementId(dialect), 'phone_id BIGINT NOT NULL'])
 */
export function autoIncrementId(dialect: Dialect): string {
  // SQLite numbers only a column declared exactly `INTEGER PRIMARY KEY`; its values are 64-bit like BIGINT.
  return dialect === 'sqlite' ? 'id INTEGER PRIMARY KEY AUTOINCREMENT' : 'id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY';
}

/**
 * A text column's collation that compares bytes, so `a` and `A` are different keys on both databases.
 *
 * @example
 * `handle VARCHAR(24) NOT NULL${caseSensitive(dialect)}`
 */
export function caseSensitive(dialect: Dialect): string {
  // SQLite compares bytes by default; MariaDB's utf8mb4_unicode_ci would not.
  return dialect === 'sqlite' ? '' : ' COLLATE utf8mb4_bin';
}

/**
 * `CREATE TABLE IF NOT EXISTS table (columns…)`, with InnoDB and utf8mb4 on MariaDB whatever the server's defaults.
 *
 * @example
 * createTable(dialect, 'handset_bank_accounts', [autoIncrementId(dialect), 'phone_id BIGINT NOT NULL'])
 */
export function createTable(dialect: Dialect, table: string, definitions: readonly string[]): string {
  const options = dialect === 'sqlite' ? '' : ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
  return `CREATE TABLE IF NOT EXISTS ${table} (\n  ${definitions.join(',\n  ')}\n)${options}`;
}
