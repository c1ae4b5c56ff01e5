import { createTable, type Database, type Dialect, type Migration, type Queries } from '../../../sdk/server/database';

const OWNER = /^[a-z0-9_]{1,32}$/;
const MIGRATIONS_TABLE = 'handset_core_migrations';

/** What would lose or hide existing data: dropped tables or columns, deleted or overwritten rows, renames. */
const DESTRUCTIVE: RegExp[] = [
  /\bDROP\s+(?:TEMPORARY\s+)?(?:TABLE|DATABASE|SCHEMA|COLUMN|PARTITION)\b/i,
  // `ALTER TABLE t DROP c` drops a column too; dropping an index, key, constraint or default keeps the data.
  /\bALTER\b[\s\S]*\bDROP\s+(?!(?:INDEX|KEY|CONSTRAINT|FOREIGN|PRIMARY|CHECK|DEFAULT)\b)\w+/i,
  /\bALTER\b[\s\S]*\bCHANGE\b/i,
  /\bTRUNCATE\b/i,
  /(?<!\bON\s+)\bDELETE\b/i,
  /\bRENAME\b/i,
  /^\s*REPLACE\b/i,
];

/** The statement without comments and with its string literals emptied, so only its SQL words are matched. */
function sqlWords(statement: string): string {
  return statement.replace(/'(?:[^'\\]|\\.|'')*'|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, (token) =>
    token.startsWith("'") ? "''" : ' ',
  );
}

/** The destructive words in a statement, or undefined when it only adds. */
export function destructivePart(statement: string): string | undefined {
  const words = sqlWords(statement);
  for (const pattern of DESTRUCTIVE) {
    const match = pattern.exec(words);
    if (match) return match[0].replace(/^ALTER\b[\s\S]*\b(?=DROP|CHANGE)/i, '').replace(/\s+/g, ' ').trim();
  }
  return undefined;
}

interface Planned {
  migration: Migration;
  statements: string[];
}

/** Checks the whole list before anything runs: a bad list changes nothing. */
function plan(dialect: Dialect, owner: string, migrations: readonly Migration[]): Planned[] {
  if (!OWNER.test(owner)) throw new Error(`migration owner "${owner}" must be 1-32 characters of a-z, 0-9 and _`);
  let previous = 0;
  return migrations.map((migration) => {
    const { version, name } = migration;
    const label = `migration ${owner} ${String(version)}`;
    if (!Number.isInteger(version) || version <= previous) {
      throw new Error(`${label}: versions must be positive integers in increasing order (after ${previous})`);
    }
    previous = version;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      throw new Error(`${label}: the name must be 1-100 characters`);
    }
    const statements = migration.up(dialect);
    const tablePrefix = `handset_${owner}_`;
    for (const statement of statements) {
      const destructive = destructivePart(statement);
      if (destructive) {
        throw new Error(`${label} "${name}" is refused: ${destructive} would destroy existing data in: ${statement}`);
      }
      const table = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)/i.exec(sqlWords(statement))?.[1];
      if (table !== undefined && !table.startsWith(tablePrefix)) {
        throw new Error(`${label} "${name}": table ${table} must be named ${tablePrefix}<name>`);
      }
    }
    return { migration, statements };
  });
}

/** Runs one migration's statements and records it; names the statement that failed. */
async function apply(queries: Queries, owner: string, { migration, statements }: Planned): Promise<void> {
  const record = `INSERT INTO ${MIGRATIONS_TABLE} (owner, version, name) VALUES (?, ?, ?)`;
  for (const statement of [...statements, record]) {
    try {
      await queries.run(statement, statement === record ? [owner, migration.version, migration.name] : []);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `migration ${owner} ${migration.version} "${migration.name}" failed at: ${statement}\n${reason}`,
        { cause: error },
      );
    }
  }
}

/**
 * Brings `owner`'s tables up to date: applies, in order, each migration not yet recorded in
 * `handset_core_migrations`, and records it. Safe to call at every start.
 *
 * @example
 * const { applied } = await migrate(db, 'bank', bankMigrations); // [] when nothing was new
 */
export async function migrate(db: Database, owner: string, migrations: readonly Migration[]): Promise<{ applied: number[] }> {
  const planned = plan(db.dialect, owner, migrations);
  await db.run(
    createTable(db.dialect, MIGRATIONS_TABLE, [
      'owner VARCHAR(32) NOT NULL',
      'version INT NOT NULL',
      'name VARCHAR(100) NOT NULL',
      'applied_at DATETIME DEFAULT CURRENT_TIMESTAMP',
      'PRIMARY KEY (owner, version)',
    ]),
  );
  const rows = await db.select<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE} WHERE owner = ?`, [owner]);
  const done = new Set(rows.map((row) => Number(row.version)));
  const applied: number[] = [];
  for (const step of planned) {
    if (done.has(step.migration.version)) continue;
    // MariaDB commits each DDL statement on its own, so only SQLite can apply a migration all or nothing.
    if (db.dialect === 'sqlite') await db.transaction((tx) => apply(tx, owner, step));
    else await apply(db, owner, step);
    applied.push(step.migration.version);
  }
  return { applied };
}
