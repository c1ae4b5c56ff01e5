import type { Row } from '../../../../../sdk/server/database';
import {
  replaceOutsideQuotes,
  type Executor,
  type QueryResult,
  type ResultHeader,
  type SqlSession,
} from '../../../../../core/server/storage/drivers';

/** What the FiveM side gives the exports; injected so the logic runs without CitizenFX globals. */
export interface OxmysqlHost {
  /** The resource calling an export; read on entry, since GetInvokingResource() is only right until the first await. */
  invokingResource(): string;
  console: Pick<Console, 'log' | 'warn' | 'error'>;
  /** TriggerEvent, for `oxmysql:error` and `oxmysql:transaction-error`. */
  emit(eventName: string, payload: Record<string, unknown>): void;
}

/** `(query, parameters?, cb?, invokingResource?, isPromise?)`; the last two are what oxmysql's Lua lib passes. */
export type CallbackExport = (
  query: unknown,
  parameters?: unknown,
  cb?: unknown,
  invokingResource?: unknown,
  isPromise?: unknown,
) => void;
export type PromiseExport = (query: unknown, parameters?: unknown, invokingResource?: unknown) => Promise<unknown>;

/** oxmysql's exports that take a callback; each also exists as `<name>_async` and the deprecated `<name>Sync`. */
export const CALLBACK_EXPORTS = [
  'query',
  'single',
  'scalar',
  'update',
  'insert',
  'transaction',
  'prepare',
  'rawExecute',
  'execute',
  'fetch',
] as const;
export type CallbackExportName = (typeof CALLBACK_EXPORTS)[number];

export type OxmysqlExports = Record<CallbackExportName, CallbackExport> &
  Record<`${CallbackExportName}_async` | `${CallbackExportName}Sync`, PromiseExport> & {
    isReady(): boolean;
    awaitConnection(): Promise<true>;
    startTransaction(transactions: unknown, invokingResource?: unknown): Promise<boolean>;
    store(query: unknown, cb: unknown): void;
  };

type QueryType = 'single' | 'scalar' | 'insert' | 'update' | null;
/** oxmysql hands a promise-form callback `(null, message)` when the query fails. */
type Callback = (result: unknown, error?: string) => void;
type Parsed = [query: string, values: unknown[]];

const TRANSACTION_TIMEOUT_MS = 30_000;
/** The `:name` / `@name` placeholders oxmysql's patched named-placeholders accepts. */
const NAMED_PLACEHOLDER = /[:@](\d+|[a-zA-Z][a-zA-Z0-9_]*)/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error).replace(/SCRIPT ERROR: citizen:[\w/.]+:\d+[:\s]+/, '');
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item)) ?? 'undefined';
}

function pickCallback(parameters: unknown, cb: unknown): Callback | undefined {
  if (typeof cb === 'function') return cb as Callback;
  if (typeof parameters === 'function') return parameters as Callback;
  return undefined;
}

/** Named parameters become positional; keys may carry their `@`/`:` prefix, and a missing name binds NULL. */
function convertNamedPlaceholders(query: string, parameters: Record<string, unknown>): Parsed | undefined {
  const named = new Map<string, unknown>();
  for (const [key, value] of Object.entries(parameters)) {
    named.set(key.startsWith('@') || key.startsWith(':') ? key.slice(1) : key, value);
  }
  const values: unknown[] = [];
  const sql = replaceOutsideQuotes(query, NAMED_PLACEHOLDER, (_match, name = '') => {
    values.push(named.get(name) ?? null);
    return '?';
  });
  return values.length > 0 ? [sql, values] : undefined;
}

/** oxmysql's `parseArguments`: named → positional, pad missing `?` values with NULL, reject surplus ones. */
function parseArguments(query: unknown, parameters: unknown): Parsed {
  if (typeof query !== 'string') throw new Error(`Expected query to be a string but received ${typeof query} instead.`);
  let sql = query;
  let values: unknown = parameters;
  if (isRecord(values) && (sql.includes(':') || sql.includes('@'))) {
    [sql, values] = convertNamedPlaceholders(sql, values) ?? [sql, values];
  }
  const placeholders = sql.match(/\?(?!\?)/g)?.length ?? 0;
  if (!Array.isArray(values)) {
    // A table with integer keys, as Lua sends a sparse array.
    const record = isRecord(values) ? values : {};
    return [sql, Array.from({ length: placeholders }, (_, index) => record[String(index + 1)] ?? null)];
  }
  if (placeholders > 0 && values.length > placeholders) {
    throw new Error(`Expected ${placeholders} parameters, but received ${values.length}.`);
  }
  return [sql, [...values, ...Array<null>(Math.max(placeholders - values.length, 0)).fill(null)]];
}

function parseResponse(type: QueryType, result: QueryResult | undefined): unknown {
  switch (type) {
    case 'insert':
      return (result as Partial<ResultHeader> | undefined)?.insertId ?? null;
    case 'update':
      return (result as Partial<ResultHeader> | undefined)?.affectedRows ?? null;
    case 'single':
      return Array.isArray(result) ? (result[0] ?? null) : null;
    case 'scalar': {
      const row = Array.isArray(result) ? result[0] : undefined;
      return row ? (Object.values(row)[0] ?? null) : null;
    }
    default:
      return result ?? null;
  }
}

/** `prepare` decides its shape from the statement's first word, case-sensitively, as oxmysql does. */
function executeType(query: unknown): QueryType {
  if (typeof query !== 'string') throw new Error(`Expected query to be a string but received ${typeof query} instead.`);
  switch (query.substring(0, query.indexOf(' '))) {
    case 'INSERT':
      return 'insert';
    case 'UPDATE':
    case 'DELETE':
      return 'update';
    default:
      return null;
  }
}

function positional(record: Record<string, unknown>): unknown[] {
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(record)) values[Number.parseInt(key, 10) - 1] = value;
  return values;
}

/** oxmysql's `parseExecute`: one parameter set, or a list of them to run the statement once per set. */
function parseExecute(placeholders: number, parameters: unknown): unknown[][] {
  if (typeof parameters !== 'object' || parameters === null) return [];
  const list = Array.isArray(parameters) ? parameters : positional(parameters as Record<string, unknown>);
  if (list.every(Array.isArray)) return list as unknown[][];
  if (list.every((item) => typeof item === 'object')) {
    return list.map((item) => {
      const values = Array.isArray(item) ? [...(item as unknown[])] : positional(item as Record<string, unknown>);
      for (let index = 0; index < placeholders; index++) values[index] = values[index] ?? null;
      return values;
    });
  }
  return [[...list]];
}

type TransactionStep = { query: string; params: unknown[] };

/** oxmysql's transaction inputs: `[query, params][]`, `{ query, values | parameters }[]`, or strings sharing `parameters`. */
function parseTransaction(queries: unknown, parameters: unknown): TransactionStep[] {
  if (!Array.isArray(queries)) throw new Error(`Transaction queries must be array, received '${typeof queries}'.`);
  const shared = !parameters || typeof parameters === 'function' ? [] : parameters;
  const step = ([query, params]: Parsed): TransactionStep => ({ query, params });
  if (Array.isArray(queries[0])) {
    return queries.map((entry: unknown[]) => {
      if (typeof entry[1] !== 'object') {
        throw new Error(`Transaction parameters must be array or object, received '${typeof entry[1]}'.`);
      }
      return step(parseArguments(entry[0], entry[1]));
    });
  }
  return queries.map((entry: unknown) =>
    isRecord(entry) && entry.query !== undefined
      ? step(parseArguments(entry.query, entry.parameters || entry.values))
      : step(parseArguments(entry, Array.isArray(shared) ? [...shared] : shared)),
  );
}

/** The export functions of oxmysql, with its argument conventions, result shapes and error handling. */
export function createOxmysql(executor: Executor, host: OxmysqlHost): OxmysqlExports {
  let ready = false;
  // Like oxmysql, statements wait for the first successful connection and wait forever if it never comes.
  const connected = executor.version().then(
    (version) => {
      ready = true;
      host.console.log(`^5[${version}] ^2Database server connection established!^0`);
    },
    (error: { code?: string; errno?: number; message?: string }) => {
      host.console.log(
        `^3Unable to establish a connection to the database (${error.code})!\n^1Error${error.errno ? ` ${error.errno}` : ''}: ${error.message}^0`,
      );
      return new Promise<never>(() => undefined);
    },
  );

  const resourceOf = (invokingResource: unknown): string =>
    typeof invokingResource === 'string' ? invokingResource : host.invokingResource();

  /** oxmysql's `logError`: the promise form rejects with the message, the callback form prints it instead. */
  const logError = (
    resource: string,
    cb: Callback | undefined,
    isPromise: boolean,
    error: unknown,
    query?: unknown,
    parameters?: unknown,
    includeParameters = false,
  ): void => {
    const message = errorMessage(error);
    const output =
      `${resource} was unable to execute a query!` +
      (query ? `\nQuery: ${String(query)}` : '') +
      (includeParameters ? `\n${stringify(parameters)}` : '') +
      `\n${message}`;
    host.emit('oxmysql:error', { query, parameters, message, err: error, resource });
    if (cb && isPromise) {
      try {
        cb(null, output);
      } catch {
        // A throwing promise-form callback has nowhere to report to, as in oxmysql.
      }
      return;
    }
    host.console.error(output);
  };

  /** Hands a result to the caller's callback; its errors are printed, never thrown back into oxmysql. */
  const deliver = (resource: string, cb: Callback, result: unknown): void => {
    try {
      cb(result);
    } catch (error) {
      const text = typeof error === 'string' ? error : errorMessage(error);
      host.console.log(text.includes('SCRIPT ERROR:') ? text : `^1SCRIPT ERROR in invoking resource ${resource}: ${text}^0`);
    }
  };

  const rawQuery = async (type: QueryType, resource: string, query: unknown, parameters: unknown, cbArg: unknown, isPromise: boolean) => {
    const cb = pickCallback(parameters, cbArg);
    let parsed: Parsed;
    try {
      parsed = parseArguments(query, parameters);
    } catch (error) {
      return logError(resource, cb, isPromise, error, query, parameters);
    }
    await connected;
    let result: QueryResult;
    try {
      result = await executor.query(...parsed);
    } catch (error) {
      return logError(resource, cb, isPromise, error, parsed[0], parsed[1], true);
    }
    if (cb) deliver(resource, cb, parseResponse(type, result));
  };

  const rawExecute = async (resource: string, query: unknown, parameters: unknown, cbArg: unknown, isPromise: boolean, unpack: boolean) => {
    const cb = pickCallback(parameters, cbArg);
    let type: QueryType;
    let placeholders: number;
    let sets: unknown[][];
    try {
      type = executeType(query);
      placeholders = (query as string).split('?').length - 1;
      sets = parseExecute(placeholders, parameters);
    } catch (error) {
      return logError(resource, cb, isPromise, error, query, parameters);
    }
    await connected;
    const response: unknown[] = [];
    try {
      for (let index = 0; index < Math.max(sets.length, 1); index++) {
        const values = [...(sets[index] ?? [])];
        for (let slot = values.length; slot < placeholders; slot++) values[slot] = null;
        const result = await executor.execute(query as string, values);
        // oxmysql spreads a result with several rows (or result sets) into the response list.
        if (Array.isArray(result) && result.length > 1) {
          for (const item of result) response.push(unpack ? parseResponse(type, item as unknown as QueryResult) : item);
        } else {
          response.push(unpack ? parseResponse(type, result) : result);
        }
      }
    } catch (error) {
      return logError(resource, cb, isPromise, error, query, parameters);
    }
    if (!cb) return;
    if (response.length !== 1) return deliver(resource, cb, response);
    if (!unpack || type !== null) return deliver(resource, cb, response[0]);
    const row = (response[0] as Row[] | undefined)?.[0];
    deliver(resource, cb, row && Object.keys(row).length === 1 ? Object.values(row)[0] : (row ?? null));
  };

  const rawTransaction = async (resource: string, queries: unknown, parameters: unknown, cbArg: unknown, isPromise: boolean) => {
    const cb = pickCallback(parameters, cbArg);
    let steps: TransactionStep[];
    try {
      steps = parseTransaction(queries, parameters);
    } catch (error) {
      return logError(resource, cb, isPromise, error);
    }
    await connected;
    let response = false;
    try {
      response = await executor.transaction(async (session) => {
        for (const step of steps) await session.query(step.query, step.params);
        return true;
      });
    } catch (error) {
      const failed = (error as { sql?: unknown }).sql;
      const detail =
        typeof failed === 'string'
          ? failed
          : `${steps.map((step) => `${step.query} ${stringify(step.params)}`).join('\n')}\n${stringify(parameters)}`;
      host.console.error(`${resource} was unable to complete a transaction!\n${detail}\n${errorMessage(error)}`);
      host.emit('oxmysql:transaction-error', { query: detail, parameters, message: errorMessage(error), err: error, resource });
    }
    if (cb) deliver(resource, cb, response);
  };

  const startTransaction = async (resource: string, transactions: unknown): Promise<boolean> => {
    await connected;
    let closed = false;
    const timer = setTimeout(() => {
      closed = true;
    }, TRANSACTION_TIMEOUT_MS);
    const runQuery = async (session: SqlSession | null, query: unknown, parameters: unknown) => {
      const [sql, values] = parseArguments(query, parameters);
      try {
        if (!session) throw new Error(`Connection used by transaction timed out after 30 seconds.`);
        return await session.query(sql, values);
      } catch (error) {
        throw new Error(`Query: ${sql}\n${stringify(values)}\n${errorMessage(error)}`);
      }
    };
    try {
      return await executor.transaction(async (session) => {
        const commit: unknown = await (transactions as (query: unknown) => unknown)((query: unknown, parameters: unknown) =>
          runQuery(closed ? null : session, query, parameters),
        );
        if (closed) throw new Error(`Transaction has timed out after 30 seconds.`);
        return commit !== false;
      });
    } catch (error) {
      logError(resource, undefined, true, error);
      return false;
    } finally {
      closed = true;
      clearTimeout(timer);
    }
  };

  const queryExport =
    (type: QueryType): CallbackExport =>
    (query, parameters, cb, invokingResource, isPromise) =>
      void rawQuery(type, resourceOf(invokingResource), query, parameters, cb, isPromise === true);

  const callbackExports: Record<CallbackExportName, CallbackExport> = {
    query: queryExport(null),
    single: queryExport('single'),
    scalar: queryExport('scalar'),
    update: queryExport('update'),
    insert: queryExport('insert'),
    transaction: (queries, parameters, cb, invokingResource, isPromise) =>
      void rawTransaction(resourceOf(invokingResource), queries, parameters, cb, isPromise === true),
    prepare: (query, parameters, cb, invokingResource, isPromise) =>
      void rawExecute(resourceOf(invokingResource), query, parameters, cb, isPromise === true, true),
    rawExecute: (query, parameters, cb, invokingResource, isPromise) =>
      void rawExecute(resourceOf(invokingResource), query, parameters, cb, isPromise === true, false),
    // Deprecated names oxmysql still exports for `query`.
    execute: queryExport(null),
    fetch: queryExport(null),
  };

  const promiseExports: Partial<Record<`${CallbackExportName}_async` | `${CallbackExportName}Sync`, PromiseExport>> = {};
  for (const name of CALLBACK_EXPORTS) {
    const promiseForm: PromiseExport = (query, parameters, invokingResource) => {
      const resource = resourceOf(invokingResource);
      return new Promise((resolve, reject) => {
        const settle: Callback = (result, error) => (error ? reject(new Error(error)) : resolve(result));
        callbackExports[name](query, parameters, settle, resource, true);
      });
    };
    promiseExports[`${name}_async`] = promiseForm;
    promiseExports[`${name}Sync`] = promiseForm;
  }

  return {
    ...callbackExports,
    ...(promiseExports as Required<typeof promiseExports>),
    isReady: () => ready,
    awaitConnection: async () => {
      await connected;
      return true;
    },
    startTransaction: (transactions, invokingResource) => {
      const resource = resourceOf(invokingResource);
      host.console.warn(`startTransaction is "experimental" and may receive breaking changes.`);
      return startTransaction(resource, transactions);
    },
    // ghmattimysql / mysql-async compatibility: hands the query straight back.
    store: (query, cb) => {
      if (typeof cb === 'function') cb(query);
    },
  };
}
