import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMariadbDatabase, describeMariadb } from '../support/databases';
import { eventually, manifest, simulate, type Simulation } from '../support/simulation';
import { createExecutor, parseConnectionString, type Executor } from '../../core/server/storage/drivers';
import { createOxmysql, type OxmysqlExports } from './resources/oxmysql/src/oxmysql';

interface Backend {
  executor: Executor;
  dispose(): Promise<void>;
}

interface Printed {
  level: 'log' | 'warn' | 'error';
  text: string;
}

const HEADER_KEYS = ['fieldCount', 'affectedRows', 'insertId', 'info', 'serverStatus', 'warningStatus', 'changedRows'];

/** mysql2's result header for a statement without rows, outside a transaction. */
function resultHeader(changes: { affectedRows: number; insertId: number; info?: string; changedRows?: number }) {
  return { fieldCount: 0, info: '', serverStatus: 2, warningStatus: 0, changedRows: 0, ...changes };
}

/** One body for both dialects: what a resource sees must not depend on the database behind oxmysql. */
function oxmysqlSuite(open: () => Promise<Backend>): void {
  let backend: Backend;
  let db: OxmysqlExports;
  let invoking = 'phone';
  const printed: Printed[] = [];
  const events: { name: string; payload: Record<string, unknown> }[] = [];

  const run = <T = unknown>(name: keyof OxmysqlExports & `${string}_async`, ...args: unknown[]) =>
    (db[name] as (...values: unknown[]) => Promise<unknown>)(...args) as Promise<T>;
  const errors = () => printed.filter((line) => line.level === 'error').map((line) => line.text);

  beforeAll(async () => {
    backend = await open();
    db = createOxmysql(backend.executor, {
      invokingResource: () => invoking,
      console: {
        log: (text: string) => printed.push({ level: 'log', text }),
        warn: (text: string) => printed.push({ level: 'warn', text }),
        error: (text: string) => printed.push({ level: 'error', text }),
      },
      emit: (name, payload) => events.push({ name, payload }),
    });
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  beforeEach(async () => {
    invoking = 'phone';
    const id =
      backend.executor.dialect === 'sqlite'
        ? 'id INTEGER PRIMARY KEY AUTOINCREMENT'
        : 'id INT NOT NULL AUTO_INCREMENT PRIMARY KEY';
    await run('query_async', 'DROP TABLE IF EXISTS contacts');
    await run(
      'query_async',
      `CREATE TABLE contacts (
        ${id},
        name VARCHAR(64) NOT NULL,
        number VARCHAR(16) NULL,
        favourite TINYINT(1) NOT NULL DEFAULT 0,
        blocked BOOLEAN NULL,
        created_at DATETIME NULL,
        birthday DATE NULL,
        balance DECIMAL(10,2) NULL,
        big BIGINT NULL,
        avatar BLOB NULL,
        added_at DATETIME DEFAULT CURRENT_TIMESTAMP
      )`,
    );
    printed.length = 0;
    events.length = 0;
  });

  const addContacts = async (...names: string[]) => {
    for (const name of names) await run('insert_async', 'INSERT INTO contacts (name) VALUES (?)', [name]);
  };

  it('reports the connection as ready once established', async () => {
    await expect(db.awaitConnection()).resolves.toBe(true);
    expect(db.isReady()).toBe(true);
  });

  it('query answers a statement without rows with mysql2’s result header, exactly', async () => {
    const created = await run('query_async', 'CREATE TABLE scratch (a INT)');
    expect(created).toEqual(resultHeader({ affectedRows: 0, insertId: 0 }));
    await run('query_async', 'DROP TABLE scratch');

    const inserted = await run('query_async', 'INSERT INTO contacts (name) VALUES (?)', ['Ana']);
    expect(Object.keys(inserted as object)).toEqual(HEADER_KEYS);
    expect(inserted).toEqual(resultHeader({ affectedRows: 1, insertId: 1 }));

    await addContacts('Bo');
    await expect(run('query_async', 'UPDATE contacts SET number = ? WHERE id >= ?', ['555', 1])).resolves.toEqual(
      resultHeader({ affectedRows: 2, insertId: 0, info: 'Rows matched: 2  Changed: 2  Warnings: 0', changedRows: 2 }),
    );
    await expect(run('query_async', 'DELETE FROM contacts WHERE id = ?', [2])).resolves.toMatchObject({
      affectedRows: 1,
      insertId: 0,
    });
  });

  it('insert resolves to the insertId; a multi-row insert gives the first new id', async () => {
    await expect(run('insert_async', 'INSERT INTO contacts (name) VALUES (?)', ['Ana'])).resolves.toBe(1);
    await expect(run('insert_async', 'INSERT INTO contacts (name) VALUES (?)', ['Bo'])).resolves.toBe(2);
    await expect(run('insert_async', 'INSERT INTO contacts (name) VALUES (?), (?)', ['Cy', 'Di'])).resolves.toBe(3);
    await expect(run('insert_async', 'INSERT INTO contacts (name) VALUES (?)', ['Ed'])).resolves.toBe(5);
  });

  it('update resolves to affectedRows, counting matched rows as mysql2 does', async () => {
    await addContacts('Ana', 'Bo', 'Cy');
    await expect(run('update_async', 'UPDATE contacts SET favourite = ? WHERE id <= ?', [true, 2])).resolves.toBe(2);
    await expect(run('update_async', 'UPDATE contacts SET name = name WHERE id = ?', [1])).resolves.toBe(1);
    await expect(run('update_async', 'DELETE FROM contacts WHERE id > ?', [0])).resolves.toBe(3);
    await expect(run('update_async', 'UPDATE contacts SET favourite = ? WHERE id = ?', [true, 9])).resolves.toBe(0);
  });

  it('query returns rows with oxmysql’s casts: TINYINT(1)/BOOLEAN → boolean, DATETIME/DATE → ms', async () => {
    const createdAt = new Date(2024, 4, 6, 7, 8, 9);
    const birthday = new Date(1990, 1, 3);
    await run(
      'insert_async',
      'INSERT INTO contacts (name, favourite, blocked, created_at, birthday, balance, big, avatar) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['Ana', true, false, createdAt, birthday, 12.5, 42, Buffer.from([1, 2, 3])],
    );
    await addContacts('Bo');

    const rows = await run<Record<string, unknown>[]>('query_async', 'SELECT * FROM contacts ORDER BY id');
    expect(rows).toEqual([
      {
        id: 1,
        name: 'Ana',
        number: null,
        favourite: true,
        blocked: false,
        created_at: createdAt.getTime(),
        birthday: birthday.getTime(),
        balance: '12.50',
        big: 42,
        avatar: [1, 2, 3],
        added_at: expect.any(Number),
      },
      {
        id: 2,
        name: 'Bo',
        number: null,
        favourite: false,
        blocked: null,
        created_at: null,
        birthday: null,
        balance: null,
        big: null,
        avatar: null,
        added_at: expect.any(Number),
      },
    ]);
    expect(Math.abs((rows[0]?.added_at as number) - Date.now())).toBeLessThan(60_000);
  });

  it('BIGINT is a number while safe and a decimal string beyond 2^53', async () => {
    await run('insert_async', 'INSERT INTO contacts (name, big) VALUES (?, ?), (?, ?)', [
      'Ana',
      9007199254740991,
      'Bo',
      9007199254740993n,
    ]);
    await expect(run('query_async', 'SELECT big FROM contacts ORDER BY id')).resolves.toEqual([
      { big: 9007199254740991 },
      { big: '9007199254740993' },
    ]);
  });

  it('single gives the first row or null; scalar the first column or null, keeping 0 and false', async () => {
    await addContacts('Ana', 'Bo');
    await expect(run('single_async', 'SELECT id, name FROM contacts ORDER BY id')).resolves.toEqual({ id: 1, name: 'Ana' });
    await expect(run('single_async', 'SELECT * FROM contacts WHERE id = ?', [99])).resolves.toBeNull();
    await expect(run('scalar_async', 'SELECT name FROM contacts WHERE id = ?', [2])).resolves.toBe('Bo');
    await expect(run('scalar_async', 'SELECT name FROM contacts WHERE id = ?', [99])).resolves.toBeNull();
    await expect(run('scalar_async', 'SELECT favourite FROM contacts WHERE id = ?', [1])).resolves.toBe(false);
    await expect(run('scalar_async', 'SELECT COUNT(*) FROM contacts WHERE id > ?', [5])).resolves.toBe(0);
  });

  it('named parameters accept @name and :name, keys with or without the prefix; a missing name binds NULL', async () => {
    await run('insert_async', 'INSERT INTO contacts (name, number) VALUES (@name, :number)', {
      name: 'Ana',
      ':number': '555',
    });
    await run('insert_async', 'INSERT INTO contacts (name, number) VALUES (@name, @number)', { '@name': 'Bo' });
    await run('insert_async', 'INSERT INTO contacts (name, number) VALUES (@name, @name)', { name: 'Cy' });
    await expect(run('query_async', 'SELECT name, number FROM contacts ORDER BY id')).resolves.toEqual([
      { name: 'Ana', number: '555' },
      { name: 'Bo', number: null },
      { name: 'Cy', number: 'Cy' },
    ]);
    await expect(
      run('scalar_async', "SELECT COUNT(*) FROM contacts WHERE name = :name AND number <> ':name'", { name: 'Ana' }),
    ).resolves.toBe(1);
  });

  it('positional parameters: missing values bind NULL, an integer-keyed table maps by position, surplus values fail', async () => {
    await run('insert_async', 'INSERT INTO contacts (name, number, balance) VALUES (?, ?, ?)', ['Ana']);
    await run('insert_async', 'INSERT INTO contacts (name, number) VALUES (?, ?)', { 1: 'Bo', 2: '555' });
    await expect(run('query_async', 'SELECT name, number, balance FROM contacts ORDER BY id')).resolves.toEqual([
      { name: 'Ana', number: null, balance: null },
      { name: 'Bo', number: '555', balance: null },
    ]);
    await expect(run('query_async', 'SELECT ? AS a', [1, 2])).rejects.toThrow(
      'phone was unable to execute a query!\nQuery: SELECT ? AS a\nExpected 1 parameters, but received 2.',
    );
  });

  it('an array value expands into a list, as mysql2 formats `IN (?)`', async () => {
    await addContacts('Ana', 'Bo', 'Cy');
    await expect(run('query_async', 'SELECT name FROM contacts WHERE id IN (?) ORDER BY id', [[1, 3]])).resolves.toEqual([
      { name: 'Ana' },
      { name: 'Cy' },
    ]);
  });

  it('the callback form accepts the callback in place of the parameters', async () => {
    const result = await new Promise((resolve) => db.query('SELECT 1 AS one', resolve));
    expect(result).toEqual([{ one: 1 }]);
    const id = await new Promise((resolve) => db.insert('INSERT INTO contacts (name) VALUES (?)', ['Ana'], resolve));
    expect(id).toBe(1);
  });

  it('execute, fetch and the deprecated Sync names behave as query', async () => {
    await addContacts('Ana');
    const expected = [{ name: 'Ana' }];
    await expect(run('execute_async', 'SELECT name FROM contacts')).resolves.toEqual(expected);
    await expect(run('fetch_async', 'SELECT name FROM contacts')).resolves.toEqual(expected);
    await expect(db.querySync('SELECT name FROM contacts')).resolves.toEqual(expected);
    await expect(new Promise((resolve) => db.fetch('SELECT name FROM contacts', [], resolve))).resolves.toEqual(expected);
  });

  it('a failing query in callback form prints the invoking resource, query and parameters, and never calls back', async () => {
    const callback = vi.fn();
    invoking = 'garage';
    db.query('SELECT * FROM missing_table WHERE id = ?', [7], callback);
    // GetInvokingResource() is only right on entry; the error must still name the caller.
    invoking = 'someone-else';
    await vi.waitFor(() => expect(errors()).toHaveLength(1));
    expect(errors()[0]).toMatch(
      /^garage was unable to execute a query!\nQuery: SELECT \* FROM missing_table WHERE id = \?\n\[7\]\n.*missing_table/,
    );
    expect(callback).not.toHaveBeenCalled();
    expect(events).toEqual([
      {
        name: 'oxmysql:error',
        payload: expect.objectContaining({ resource: 'garage', query: 'SELECT * FROM missing_table WHERE id = ?' }),
      },
    ]);
  });

  it('the promise form rejects with oxmysql’s message instead of printing it', async () => {
    await expect(run('query_async', 'SELECT * FROM missing_table')).rejects.toThrow(
      /^phone was unable to execute a query!\nQuery: SELECT \* FROM missing_table\n\[\]\n.*missing_table/,
    );
    await expect(run('scalar_async', 42)).rejects.toThrow(
      'phone was unable to execute a query!\nQuery: 42\nExpected query to be a string but received number instead.',
    );
    expect(errors()).toEqual([]);
  });

  it('a callback that throws is reported as a script error of its resource, not thrown into oxmysql', async () => {
    db.query('SELECT 1 AS one', [], () => {
      throw new Error('boom');
    });
    await vi.waitFor(() => expect(printed.map((line) => line.text)).toContain('^1SCRIPT ERROR in invoking resource phone: boom^0'));
  });

  it('prepare unwraps one row and column to the value, one row to the row, and keeps many rows', async () => {
    await addContacts('Ana', 'Bo', 'Cy');
    await expect(run('prepare_async', 'SELECT name FROM contacts WHERE id = ?', [1])).resolves.toBe('Ana');
    await expect(run('prepare_async', 'SELECT id, name FROM contacts WHERE id = ?', [2])).resolves.toEqual({ id: 2, name: 'Bo' });
    await expect(run('prepare_async', 'SELECT name FROM contacts WHERE id > ? ORDER BY id', [1])).resolves.toEqual([
      { name: 'Bo' },
      { name: 'Cy' },
    ]);
    await expect(run('prepare_async', 'SELECT name FROM contacts WHERE id = ?', [99])).resolves.toBeNull();
    await expect(run('prepare_async', 'UPDATE contacts SET number = ? WHERE id = ?', ['555', 1])).resolves.toBe(1);
  });

  it('prepare with a list of parameter sets runs the statement once per set', async () => {
    await expect(run('prepare_async', 'INSERT INTO contacts (name) VALUES (?)', [['Ana'], ['Bo'], ['Cy']])).resolves.toEqual([
      1, 2, 3,
    ]);
    await expect(run('prepare_async', 'SELECT name FROM contacts WHERE id = ?', [[1], [3]])).resolves.toEqual([
      [{ name: 'Ana' }],
      [{ name: 'Cy' }],
    ]);
  });

  it('prepare casts like a prepared statement: dates to ms, TINYINT(1) stays a number, bytes to an array', async () => {
    const createdAt = new Date(2024, 0, 2, 3, 4, 5);
    await run('insert_async', 'INSERT INTO contacts (name, favourite, created_at, avatar) VALUES (?, ?, ?, ?)', [
      'Ana',
      true,
      createdAt,
      Buffer.from([9, 8]),
    ]);
    await expect(
      run('prepare_async', 'SELECT favourite, created_at, avatar FROM contacts WHERE id = ?', [1]),
    ).resolves.toEqual({ favourite: 1, created_at: createdAt.getTime(), avatar: [9, 8] });
  });

  it('rawExecute returns the driver’s result as is', async () => {
    await expect(run('rawExecute_async', 'INSERT INTO contacts (name) VALUES (?)', ['Ana'])).resolves.toEqual(
      resultHeader({ affectedRows: 1, insertId: 1 }),
    );
    await expect(run('rawExecute_async', 'SELECT id, name FROM contacts WHERE id = ?', [1])).resolves.toEqual([
      { id: 1, name: 'Ana' },
    ]);
  });

  it('transaction accepts every oxmysql input form and commits', async () => {
    await expect(
      run('transaction_async', [
        'INSERT INTO contacts (name, number) VALUES (@name, @number)',
        'UPDATE contacts SET favourite = 1 WHERE name = @name',
      ], { name: 'Ana', number: '1' }),
    ).resolves.toBe(true);
    await expect(
      run('transaction_async', [
        { query: 'INSERT INTO contacts (name) VALUES (?)', values: ['Bo'] },
        { query: 'INSERT INTO contacts (name) VALUES (?)', parameters: ['Cy'] },
      ]),
    ).resolves.toBe(true);
    await expect(
      run('transaction_async', [
        ['INSERT INTO contacts (name) VALUES (?)', ['Di']],
        ['INSERT INTO contacts (name) VALUES (:name)', { name: 'Ed' }],
      ]),
    ).resolves.toBe(true);
    const committed = await new Promise((resolve) => db.transaction(['DELETE FROM contacts WHERE name = ?'], ['Ed'], resolve));
    expect(committed).toBe(true);
    await expect(run('query_async', 'SELECT name, favourite FROM contacts ORDER BY id')).resolves.toEqual([
      { name: 'Ana', favourite: true },
      { name: 'Bo', favourite: false },
      { name: 'Cy', favourite: false },
      { name: 'Di', favourite: false },
    ]);
  });

  it('a failing transaction rolls back every statement and resolves false', async () => {
    await addContacts('Ana');
    await expect(
      run('transaction_async', [
        ['INSERT INTO contacts (name) VALUES (?)', ['Bo']],
        ['UPDATE contacts SET name = ? WHERE id = ?', ['Zed', 1]],
        ['INSERT INTO missing_table (name) VALUES (?)', ['Cy']],
      ]),
    ).resolves.toBe(false);
    await expect(run('query_async', 'SELECT id, name FROM contacts')).resolves.toEqual([{ id: 1, name: 'Ana' }]);
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatch(/^phone was unable to complete a transaction!\n[\s\S]*INSERT INTO missing_table/);
    expect(events.map((event) => [event.name, event.payload.resource])).toEqual([['oxmysql:transaction-error', 'phone']]);

    const viaCallback = await new Promise((resolve) => db.transaction(['INSERT INTO missing_table VALUES (1)'], resolve));
    expect(viaCallback).toBe(false);
  });

  it('transaction input that is not a list is an error, not a false result', async () => {
    await expect(run('transaction_async', 'INSERT INTO contacts (name) VALUES (1)')).rejects.toThrow(
      "phone was unable to execute a query!\nTransaction queries must be array, received 'string'.",
    );
  });

  it('startTransaction commits when the function returns anything but false', async () => {
    const seen: unknown[] = [];
    const committed = await db.startTransaction(async (query: (sql: string, values?: unknown) => Promise<unknown>) => {
      seen.push(await query('INSERT INTO contacts (name) VALUES (?)', ['Ana']));
      seen.push(await query('SELECT name FROM contacts WHERE name = @name', { name: 'Ana' }));
    });
    expect(committed).toBe(true);
    expect(seen).toEqual([
      { fieldCount: 0, affectedRows: 1, insertId: 1, info: '', serverStatus: 3, warningStatus: 0, changedRows: 0 },
      [{ name: 'Ana' }],
    ]);
    await expect(run('scalar_async', 'SELECT COUNT(*) FROM contacts')).resolves.toBe(1);
    expect(printed).toContainEqual({ level: 'warn', text: 'startTransaction is "experimental" and may receive breaking changes.' });
  });

  it('startTransaction rolls back when the function returns false or throws', async () => {
    const declined = await db.startTransaction(async (query: (sql: string, values?: unknown) => Promise<unknown>) => {
      await query('INSERT INTO contacts (name) VALUES (?)', ['Ana']);
      return false;
    });
    expect(declined).toBe(false);

    const failed = await db.startTransaction(async (query: (sql: string, values?: unknown) => Promise<unknown>) => {
      await query('INSERT INTO contacts (name) VALUES (?)', ['Bo']);
      await query('INSERT INTO missing_table (name) VALUES (?)', ['Cy']);
    });
    expect(failed).toBe(false);
    await expect(run('scalar_async', 'SELECT COUNT(*) FROM contacts')).resolves.toBe(0);
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatch(
      /^phone was unable to execute a query!\nQuery: INSERT INTO missing_table \(name\) VALUES \(\?\)\n\["Cy"\]\n/,
    );
  });
}

describe('oxmysql stand-in on SQLite', () => {
  oxmysqlSuite(async () => {
    const executor = createExecutor('sqlite::memory:');
    return { executor, dispose: () => executor.close() };
  });
});

describeMariadb('oxmysql stand-in on MariaDB', () => {
  oxmysqlSuite(async () => {
    const database = await createMariadbDatabase('handset_oxmysql');
    const executor = createExecutor(database.url);
    return {
      executor,
      dispose: async () => {
        await executor.close();
        await database.drop();
      },
    };
  });
});

describe('mysql_connection_string', () => {
  it('reads oxmysql’s URI form, including options', () => {
    expect(parseConnectionString('mysql://root:p%40ss@db.local:3307/handset?charset=utf8mb4')).toEqual({
      dialect: 'mariadb',
      options: { user: 'root', password: 'p@ss', host: 'db.local', port: 3307, database: 'handset', charset: 'utf8mb4' },
    });
  });

  it('reads oxmysql’s semicolon form with its key aliases', () => {
    expect(parseConnectionString('server=127.0.0.1;uid=root;pwd=secret;db=handset;port=3306')).toEqual({
      dialect: 'mariadb',
      options: { host: '127.0.0.1', user: 'root', password: 'secret', database: 'handset', port: 3306 },
    });
    expect(parseConnectionString('user=root;host=localhost;database=handset;ssl={"rejectUnauthorized":false}')).toEqual({
      dialect: 'mariadb',
      options: { user: 'root', host: 'localhost', database: 'handset', ssl: { rejectUnauthorized: false } },
    });
  });

  it('selects embedded SQLite for sqlite: strings and when unset', () => {
    expect(parseConnectionString('sqlite:/var/handset.db')).toEqual({ dialect: 'sqlite', filename: '/var/handset.db' });
    expect(parseConnectionString('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseConnectionString('')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
  });
});

describe('the built oxmysql resource in the simulator', () => {
  let simulation: Simulation | undefined;
  afterEach(async () => {
    await simulation?.sim.shutdown();
    simulation = undefined;
  });

  it('serves another resource’s exports across the export boundary and names that resource in errors', async () => {
    simulation = await simulate(
      {
        caller: {
          'fxmanifest.lua': manifest(`server_script 'server.js'`),
          'server.js': `
            RegisterCommand('db', async () => {
              await exports.oxmysql.query_async('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, ok TINYINT(1), at DATETIME)');
              const id = await exports.oxmysql.insert_async('INSERT INTO t (ok, at) VALUES (?, ?)', [true, '2024-01-02 03:04:05']);
              const row = await exports.oxmysql.single_async('SELECT * FROM t WHERE id = @id', { id });
              console.log(JSON.stringify({ id, row }));
              exports.oxmysql.query('SELECT * FROM nope', [], () => console.log('called back'));
            }, false);`,
        },
      },
      { systemResourceDirs: [path.join(import.meta.dirname, 'resources')] },
    );
    const { sim, printed, errors } = simulation;
    sim.convars.set('mysql_connection_string', 'sqlite::memory:');
    await sim.ensure('oxmysql');
    await sim.ensure('caller');
    sim.executeCommand('db', 0);
    await eventually(() => expect(printed('oxmysql')).toContain('caller was unable to execute a query!\nQuery: SELECT * FROM nope\n[]\nno such table: nope'));
    expect(printed('caller')).toEqual(['{"id":1,"row":{"id":1,"ok":true,"at":1704164645000}}']);
    expect(errors).toEqual([]);
  });

  it('serves a Lua resource: callbacks, and the _async forms awaited inside a thread', async () => {
    simulation = await simulate(
      {
        luadb: {
          'fxmanifest.lua': manifest(`server_script 'server.lua'`),
          'server.lua': `
            RegisterCommand('db', function()
              exports.oxmysql:query('CREATE TABLE bank (id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT, amount INTEGER)', {}, function()
                exports.oxmysql:insert('INSERT INTO bank (owner, amount) VALUES (?, ?)', { 'ana', 120 }, function(id)
                  print('inserted ' .. id)
                  CreateThread(function()
                    local changed = exports.oxmysql:update_async('UPDATE bank SET amount = amount - ? WHERE owner = ?', { 30, 'ana' })
                    local amount = exports.oxmysql:scalar_async('SELECT amount FROM bank WHERE owner = :owner', { owner = 'ana' })
                    local none = exports.oxmysql:single_async('SELECT * FROM bank WHERE owner = ?', { 'bob' })
                    print(('changed %d amount %d none %s'):format(changed, amount, tostring(none)))
                  end)
                end)
              end)
            end, false)`,
        },
      },
      { systemResourceDirs: [path.join(import.meta.dirname, 'resources')] },
    );
    const { sim, printed, errors } = simulation;
    sim.convars.set('mysql_connection_string', 'sqlite::memory:');
    await sim.ensure('oxmysql');
    await sim.ensure('luadb');
    sim.executeCommand('db', 0);
    await eventually(() => expect(printed('luadb')).toEqual(['inserted 1', 'changed 1 amount 90 none nil']));
    expect(errors).toEqual([]);
  });
});
