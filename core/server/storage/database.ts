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
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the error passes
   * through). Inside `work`, use only `tx`: on SQLite other statements wait until the transaction ends.
   */
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

/**
 * The port's `select` and `run` over one function that runs a statement and answers as oxmysql's `query` does:
 * rows, or mysql2's result header. Both executors answer that way, so they shape results in one place.
 */
export function queriesOver(query: (sql: string, values: unknown[]) => Promise<unknown>): Queries {
  return {
    async select<T extends Row = Row>(sql: string, values: readonly unknown[] = []) {
      const result = await query(sql, [...values]);
      if (!Array.isArray(result)) throw new DatabaseError('other', `select() expects a statement that returns rows: ${sql}`);
      return result as T[];
    },
    async run(sql, values = []) {
      const result = await query(sql, [...values]);
      if (Array.isArray(result)) throw new DatabaseError('other', `run() expects a statement without rows: ${sql}`);
      const header = result as { affectedRows?: unknown; insertId?: unknown };
      return { affectedRows: Number(header.affectedRows ?? 0), insertId: Number(header.insertId ?? 0) };
    },
  };
}
