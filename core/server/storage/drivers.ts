import { Buffer } from 'node:buffer';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPool, type PoolConnection, type PoolOptions } from 'mysql2/promise';
import type { Dialect, Row } from '../../../sdk/server/database';

// Handset's drivers outside the game (tests, sandbox, tools): never imported by the game bundle, which cannot
// carry better-sqlite3's native addon.

/** mysql2's header for a statement that returns no rows; the SQLite executor produces the same keys. */
export interface ResultHeader {
  fieldCount: number;
  affectedRows: number;
  insertId: number | string;
  info: string;
  serverStatus: number;
  warningStatus: number;
  changedRows: number;
}

export type QueryResult = Row[] | ResultHeader;

/** Statements on one connection, cast the way oxmysql casts them. */
export interface SqlSession {
  /** mysql2's `query`: values are formatted into the statement (arrays expand, `??` is an identifier). */
  query(sql: string, values: readonly unknown[]): Promise<QueryResult>;
  /** mysql2's `execute`: a prepared statement, cast like oxmysql's `typeCastExecute` (dates only). */
  execute(sql: string, values: readonly unknown[]): Promise<QueryResult>;
}

export interface Executor extends SqlSession {
  readonly dialect: Dialect;
  /** The server's version; reading it proves the connection works. */
  version(): Promise<string>;
  /** Runs `work` on one connection between BEGIN and COMMIT; resolving false or throwing rolls back. */
  transaction(work: (session: SqlSession) => Promise<boolean>): Promise<boolean>;
  close(): Promise<void>;
}

/** oxmysql's `mysql_connection_string`, resolved to a driver. */
export type ConnectionTarget = { dialect: 'sqlite'; filename: string } | { dialect: 'mariadb'; options: PoolOptions };

/** mysql2 reads pool options from the URI query string as text; oxmysql JSON-parses these few. */
const JSON_OPTIONS = ['dateStrings', 'flags', 'ssl'];

/**
 * Parses `mysql://user:pass@host:port/db?option=value`, oxmysql's `key=value;…` form, or `sqlite:<path>`.
 * An empty string means an in-memory SQLite database.
 */
export function parseConnectionString(connectionString: string): ConnectionTarget {
  const text = connectionString.trim();
  if (text === '') return { dialect: 'sqlite', filename: ':memory:' };
  if (text.startsWith('sqlite:')) return { dialect: 'sqlite', filename: text.slice('sqlite:'.length) };

  const options: Record<string, unknown> = {};
  if (text.includes('mysql://')) {
    const url = new URL(text);
    if (url.username) options.user = decodeURIComponent(url.username);
    if (url.password) options.password = decodeURIComponent(url.password);
    options.host = url.hostname;
    if (url.port) options.port = Number(url.port);
    const database = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    if (database) options.database = database;
    for (const [key, value] of url.searchParams) options[key] = value;
  } else {
    // The same aliases oxmysql rewrites before splitting on `;`.
    const normalised = text
      .replace(/(?:host(?:name)|ip|server|data\s?source|addr(?:ess)?)=/gi, 'host=')
      .replace(/(?:user\s?(?:id|name)?|uid)=/gi, 'user=')
      .replace(/(?:pwd|pass)=/gi, 'password=')
      .replace(/(?:db)=/gi, 'database=');
    for (const pair of normalised.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) options[pair.slice(0, at).trim()] = pair.slice(at + 1);
    }
    if (typeof options.port === 'string') options.port = Number(options.port);
  }
  for (const key of JSON_OPTIONS) {
    const value = options[key];
    if (typeof value !== 'string') continue;
    try {
      options[key] = JSON.parse(value);
    } catch {
      // oxmysql keeps a value that is not JSON as the raw string.
    }
  }
  return { dialect: 'mariadb', options: options as PoolOptions };
}

export function createExecutor(connectionString: string): Executor {
  const target = parseConnectionString(connectionString);
  return target.dialect === 'sqlite' ? createSqliteExecutor(target.filename) : createMysqlExecutor(target.options);
}

type TypeCastFunction = Extract<NonNullable<PoolOptions['typeCast']>, (...args: never[]) => unknown>;
type TypeCastField = Parameters<TypeCastFunction>[0];
type TypeCastNext = Parameters<TypeCastFunction>[1];

/** DATETIME/TIMESTAMP → ms, DATE → ms of local midnight, NULL → null: oxmysql's date rule on both protocols. */
function castDate(field: TypeCastField): number | null | undefined {
  switch (field.type) {
    case 'DATETIME':
    case 'DATETIME2':
    case 'TIMESTAMP':
    case 'TIMESTAMP2':
    case 'NEWDATE': {
      const value = field.string();
      return value ? new Date(value).getTime() : null;
    }
    case 'DATE': {
      const value = field.string();
      return value ? new Date(`${value} 00:00:00`).getTime() : null;
    }
    default:
      return undefined;
  }
}

/** Binary data reaches Lua as a byte array, not a Buffer (oxmysql patches mysql2 for this). */
function bytes(value: unknown): unknown {
  return Buffer.isBuffer(value) ? [...value] : value;
}

/** oxmysql's `typeCast` for the text protocol (`query`). */
function castTextProtocol(field: TypeCastField, next: TypeCastNext): unknown {
  const date = castDate(field);
  if (date !== undefined) return date;
  switch (field.type) {
    case 'TINY': {
      if (field.length !== 1) return next();
      const value = field.string();
      if (value === null) return null;
      return value === '0' ? false : value === '1' ? true : Number(value);
    }
    case 'BIT': {
      const value = field.buffer();
      if (!value || value.length !== 1) return value;
      return value[0] === 0 ? false : value[0] === 1 ? true : value;
    }
    case 'TINY_BLOB':
    case 'MEDIUM_BLOB':
    case 'LONG_BLOB':
    case 'BLOB':
      return bytes(next());
    default:
      return next();
  }
}

/** oxmysql's `typeCastExecute` for prepared statements: only dates change; TINYINT(1) stays a number. */
function castBinaryProtocol(field: TypeCastField, next: TypeCastNext): unknown {
  const date = castDate(field);
  return date !== undefined ? date : bytes(next());
}

function toHeader(result: unknown): QueryResult {
  if (Array.isArray(result)) return result as Row[];
  const header = result as ResultHeader;
  return {
    fieldCount: header.fieldCount,
    affectedRows: header.affectedRows,
    insertId: header.insertId,
    info: header.info,
    serverStatus: header.serverStatus,
    warningStatus: header.warningStatus,
    changedRows: header.changedRows,
  };
}

/** A mysql2 pool configured as oxmysql configures it. */
export function createMysqlExecutor(options: PoolOptions): Executor {
  const pool = createPool({
    connectTimeout: 60000,
    supportBigNumbers: true,
    jsonStrings: true,
    ...options,
    // oxmysql converts named placeholders itself before mysql2 sees the statement.
    namedPlaceholders: false,
    typeCast: castTextProtocol,
  });
  // oxmysql's default `mysql_transaction_isolation_level`.
  pool.pool.on('connection', (connection) => {
    connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED', () => undefined);
  });

  const sessionOf = (target: typeof pool | PoolConnection): SqlSession => ({
    query: async (sql, values) => toHeader((await target.query({ sql, values: [...values] }))[0]),
    execute: async (sql, values) =>
      toHeader((await target.execute({ sql, values: [...values], typeCast: castBinaryProtocol }))[0]),
  });

  return {
    dialect: 'mariadb',
    ...sessionOf(pool),
    async version() {
      const [rows] = await pool.query({ sql: 'SELECT VERSION() AS version', typeCast: true });
      return String((rows as Row[])[0]?.version);
    },
    async transaction(work) {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        const commit = await work(sessionOf(connection));
        if (commit) await connection.commit();
        else await connection.rollback();
        return commit;
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    // A connection the server already dropped fails to end; it is closed either way.
    close: () => pool.end().catch(() => undefined),
  };
}

/**
 * Calls `replace` for each match of `pattern` outside '…', "…" and `…` literals, as oxmysql's placeholder
 * parser skips quoted text.
 */
export function replaceOutsideQuotes(
  sql: string,
  pattern: RegExp,
  replace: (match: string, ...groups: string[]) => string,
): string {
  let output = '';
  let start = 0;
  let index = 0;
  while (index < sql.length) {
    const quote = sql[index];
    if (quote !== "'" && quote !== '"' && quote !== '`') {
      index += 1;
      continue;
    }
    output += sql.slice(start, index).replace(pattern, replace);
    let end = index + 1;
    while (end < sql.length) {
      if (sql[end] === '\\' && quote !== '`') end += 2;
      else if (sql[end] === quote && sql[end + 1] === quote) end += 2;
      else if (sql[end] === quote) break;
      else end += 1;
    }
    end = Math.min(end + 1, sql.length);
    output += sql.slice(index, end);
    start = index = end;
  }
  return output + sql.slice(start).replace(pattern, replace);
}

type CastProfile = 'query' | 'execute';
type SqliteValue = number | bigint | string | Buffer | null;

const SERVER_STATUS_AUTOCOMMIT = 2;
const SERVER_STATUS_IN_TRANS = 1;

function isDate(value: unknown): value is Date {
  // Values may come from another V8 context, where `instanceof Date` is false.
  return Object.prototype.toString.call(value) === '[object Date]';
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** SQLite keeps DATETIME as `YYYY-MM-DD HH:MM:SS` in UTC, the form its own CURRENT_TIMESTAMP writes. */
function formatUtc(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

function utcMillis(text: string): number {
  const iso = /[ T]/.test(text) ? text.replace(' ', 'T') : `${text}T00:00:00`;
  return Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
}

function quoteIdentifier(value: unknown): string {
  if (Array.isArray(value)) return value.map(quoteIdentifier).join(', ');
  return String(value)
    .split('.')
    .map((part) => `\`${part.replace(/`/g, '``')}\``)
    .join('.');
}

function toSqliteValue(value: unknown): SqliteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (isDate(value)) return formatUtc(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return String(value);
}

/** mysql2's value formatting, as bound parameters: arrays become lists, objects become `key` = value pairs. */
function expandValue(value: unknown, bound: SqliteValue[]): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => (Array.isArray(item) ? `(${expandValue(item, bound)})` : expandValue(item, bound)))
      .join(', ');
  }
  if (typeof value === 'object' && value !== null && !isDate(value) && !ArrayBuffer.isView(value)) {
    return Object.entries(value)
      .filter(([, item]) => typeof item !== 'function')
      .map(([key, item]) => `${quoteIdentifier(key)} = ${expandValue(item, bound)}`)
      .join(', ');
  }
  bound.push(toSqliteValue(value));
  return '?';
}

function bindValues(sql: string, values: readonly unknown[]): [string, SqliteValue[]] {
  const bound: SqliteValue[] = [];
  let next = 0;
  const text = replaceOutsideQuotes(sql, /\?\??/g, (token) => {
    const value = values[next++];
    return token === '??' ? quoteIdentifier(value) : expandValue(value, bound);
  });
  return [text, bound];
}

/** mysql2 with `supportBigNumbers`: integers are numbers while safe, decimal strings beyond that. */
function fromBigInt(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** Applies to a SQLite value the cast mysql2 and oxmysql give a MariaDB column of the same declared type. */
function castSqliteValue(raw: unknown, declared: string | null, profile: CastProfile): unknown {
  const type = (declared ?? '').trim().toUpperCase();
  const value = typeof raw === 'bigint' ? fromBigInt(raw) : raw;
  if (value === null) return null;
  if (/^(?:DATETIME|TIMESTAMP)\b/.test(type)) return typeof value === 'string' ? utcMillis(value) : value;
  if (type === 'DATE') return typeof value === 'string' ? utcMillis(value) : value;
  if (profile === 'query' && /^(?:TINYINT\s*\(\s*1\s*\)|BOOL|BOOLEAN)(?:\s|$)/.test(type) && typeof value === 'number') {
    return value === 0 ? false : value === 1 ? true : value;
  }
  const decimal = /^(?:DECIMAL|NUMERIC|DEC|FIXED)(?:\s*\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?/.exec(type);
  if (decimal && typeof value === 'number') return value.toFixed(Number(decimal[1] ?? 0));
  if (Buffer.isBuffer(value) && (profile === 'execute' || type.includes('BLOB'))) return [...value];
  return value;
}

/** The first keyword of a statement, which decides what SQLite's change counters mean for it. */
function statementVerb(sql: string): string {
  return /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
}

/** better-sqlite3 on one connection, shaped like mysql2 on MariaDB. */
export function createSqliteExecutor(filename: string): Executor {
  // `sqlite:.sandbox/handset.db` should work on a fresh checkout, before anything made `.sandbox/`.
  if (filename !== ':memory:' && filename !== '') mkdirSync(path.dirname(filename), { recursive: true });
  const db = new Database(filename);
  // InnoDB enforces foreign keys; SQLite only does when asked.
  db.pragma('foreign_keys = ON');

  const run = (sql: string, values: readonly unknown[], profile: CastProfile): QueryResult => {
    const [text, bound] = bindValues(sql, values);
    const statement = db.prepare(text).safeIntegers(true);
    if (statement.reader) {
      const types = new Map(statement.columns().map((column) => [column.name, column.type]));
      return (statement.all(...bound) as Row[]).map((row) => {
        const cast: Row = {};
        for (const [name, value] of Object.entries(row)) cast[name] = castSqliteValue(value, types.get(name) ?? null, profile);
        return cast;
      });
    }
    const info = statement.run(...bound);
    const verb = statementVerb(text);
    // SQLite's change counter keeps the last DML count across DDL statements; MySQL reports 0 for them.
    const changes = ['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'WITH'].includes(verb) ? info.changes : 0;
    const inserted = (verb === 'INSERT' || verb === 'REPLACE') && changes > 0;
    return {
      fieldCount: 0,
      affectedRows: changes,
      // MySQL reports the first id of a multi-row insert; SQLite's rowid is the last.
      insertId: inserted ? fromBigInt(BigInt(info.lastInsertRowid) - BigInt(changes) + 1n) : 0,
      info:
        verb === 'UPDATE'
          ? `Rows matched: ${changes}  Changed: ${changes}  Warnings: 0`
          : inserted && changes > 1
            ? `Records: ${changes}  Duplicates: 0  Warnings: 0`
            : '',
      serverStatus: SERVER_STATUS_AUTOCOMMIT | (db.inTransaction ? SERVER_STATUS_IN_TRANS : 0),
      warningStatus: 0,
      changedRows: verb === 'UPDATE' ? changes : 0,
    };
  };

  const session: SqlSession = {
    query: async (sql, values) => run(sql, values, 'query'),
    execute: async (sql, values) => run(sql, values, 'execute'),
  };

  // One connection: while a transaction awaits its caller, other statements wait rather than join it.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    dialect: 'sqlite',
    query: (sql, values) => exclusive(() => session.query(sql, values)),
    execute: (sql, values) => exclusive(() => session.execute(sql, values)),
    version: async () => `SQLite ${String(db.prepare('SELECT sqlite_version() AS version').pluck().get())}`,
    transaction: (work) =>
      exclusive(async () => {
        db.exec('BEGIN');
        try {
          const commit = await work(session);
          db.exec(commit ? 'COMMIT' : 'ROLLBACK');
          return commit;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: async () => {
      db.close();
    },
  };
}
