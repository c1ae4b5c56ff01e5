import { queriesOver } from './database';
import { DatabaseError, type Database, type DatabaseErrorKind, type Dialect, type Queries } from '../../../sdk/server/database';

/** A statement on oxmysql's connection: rows for a SELECT, mysql2's result header otherwise. */
type OxmysqlQuery = (query: string, parameters: unknown[]) => Promise<unknown>;

/** The oxmysql exports Handset uses. */
export interface OxmysqlResource {
  /** Resolves once oxmysql has connected to its database. */
  awaitConnection(): Promise<unknown>;
  query_async: OxmysqlQuery;
  /** Runs `transactions` on one connection; commits unless it returns false; resolves whether it committed. */
  startTransaction(transactions: (query: OxmysqlQuery) => Promise<boolean>): Promise<boolean>;
  /** Runs the statements in order in one transaction; resolves whether it committed (the reason, if not, is in its log). */
  transaction_async(queries: { query: string; values: readonly unknown[] }[]): Promise<unknown>;
}

/** oxmysql hands errors over as text; the driver's message starts a line of it (after the query and values). */
const KINDS: [RegExp, DatabaseErrorKind][] = [
  [/^(?:Duplicate entry |UNIQUE constraint failed)/m, 'unique_violation'],
  [
    /^(?:Cannot (?:add or update a child|delete or update a parent) row: a foreign key constraint fails|FOREIGN KEY constraint failed)/m,
    'foreign_key_violation',
  ],
  // mysql2's texts when the server cannot be reached or dropped the connection.
  [/ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|PROTOCOL_CONNECTION_LOST|Connection lost|connection is in closed state|Server shutdown in progress|Too many connections/, 'unavailable'],
];

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const message = messageOf(error);
  return new DatabaseError(KINDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'other', message);
}

function queriesOf(query: OxmysqlQuery): Queries {
  return queriesOver((sql, values) => query(sql, values).catch((error: unknown) => Promise.reject(toDatabaseError(error))));
}

async function detectDialect(query: OxmysqlQuery): Promise<Dialect> {
  try {
    await query('SELECT VERSION() AS version', []);
    return 'mariadb';
  } catch (error) {
    // Only SQLite (the simulator's stand-in) lacks VERSION(), so the real oxmysql never logs this probe as an error.
    if (/^no such function: VERSION$/im.test(messageOf(error))) return 'sqlite';
    throw toDatabaseError(error);
  }
}

/**
 * The database port over the `oxmysql` resource's exports: Handset's executor in the game, on the server owner's
 * connection. Resolves once oxmysql is connected.
 *
 * @example
 * const db = await createOxmysqlDatabase();
 */
export async function createOxmysqlDatabase(
  oxmysql: OxmysqlResource = exports.oxmysql as unknown as OxmysqlResource,
): Promise<Database> {
  await oxmysql.awaitConnection();
  const query: OxmysqlQuery = (sql, values) => oxmysql.query_async(sql, values);
  const dialect = await detectDialect(query);
  /** oxmysql tells only its log why a transaction failed: one probe tells a lost database from a failed statement. */
  const uncommitted = async (message: string): Promise<DatabaseError> => {
    try {
      await query('SELECT 1', []);
      return new DatabaseError('other', message);
    } catch (error) {
      const probed = toDatabaseError(error);
      return probed.kind === 'unavailable' ? probed : new DatabaseError('other', message);
    }
  };
  return {
    dialect,
    ...queriesOf(query),
    async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      const committed = await oxmysql
        .startTransaction(async (transactionQuery) => {
          try {
            outcome = { ok: true, value: await work(queriesOf(transactionQuery)) };
            return true;
          } catch (error) {
            // Declining instead of throwing rolls back without oxmysql logging the caller's own error.
            outcome = { ok: false, error };
            return false;
          }
        })
        .catch((error: unknown) => Promise.reject(toDatabaseError(error)));
      if (outcome?.ok === false) throw outcome.error;
      if (!committed || !outcome) throw await uncommitted('oxmysql did not commit the transaction; its log says why');
      return outcome.value;
    },
    async batch(statements) {
      const committed = await oxmysql
        .transaction_async(statements.map(({ sql, values }) => ({ query: sql, values: values ?? [] })))
        .catch((error: unknown) => Promise.reject(toDatabaseError(error)));
      if (committed !== true) throw await uncommitted('oxmysql did not commit the batch; its log says why');
    },
  };
}
