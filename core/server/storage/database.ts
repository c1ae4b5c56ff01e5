/** The SQL dialects Handset's queries are written for: MariaDB/MySQL and embedded SQLite. */
export type Dialect = 'mariadb' | 'sqlite';

export type Row = Record<string, unknown>;

/** What a statement that returns no rows reports. */
export interface RunResult {
  affectedRows: number;
  /** The first generated id of an INSERT; 0 when none. */
  insertId: number;
}

/** Statements on the database, with `?` placeholders; rows come back cast as oxmysql casts them. */
export interface Queries {
  /** A statement that returns rows (SELECT). */
  select<T extends Row = Row>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  /** A statement that changes data or schema (INSERT, UPDATE, DELETE, DDL). */
  run(sql: string, values?: readonly unknown[]): Promise<RunResult>;
}

/**
 * Handset's one database port. Three executors implement it: oxmysql's exports (in the game), and the mysql2
 * and better-sqlite3 drivers (tests, benchmarks, tools).
 */
export interface Database extends Queries {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
}

/** Why a statement failed, where callers act on it (a unique key taken, a missing parent row). */
export type DatabaseErrorKind = 'unique_violation' | 'foreign_key_violation' | 'other';

export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}
