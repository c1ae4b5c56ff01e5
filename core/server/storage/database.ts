import { DatabaseError, type Queries, type Row } from '../../../sdk/server/database';

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
