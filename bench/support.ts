/** What every benchmark shares: flags, percentiles, the MariaDB server, and the section it prints for BENCHMARKS.md. */
import os from 'node:os';
import type { Database } from '../sdk/server/database';

/** `--name value` from the command line as a number, or the default. */
export function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/** The MariaDB server benchmarks use: HANDSET_BENCH_MARIADB, else the local one the test suites use. */
export function mariadbServer(): string {
  const server = process.env.HANDSET_BENCH_MARIADB ?? process.env.HANDSET_TEST_MARIADB ?? 'mysql://root@127.0.0.1:3306';
  // tests/support creates fresh databases on HANDSET_TEST_MARIADB.
  process.env.HANDSET_TEST_MARIADB = server;
  return server;
}

/** The q-th quantile (0–1) of sorted-or-not samples, in their unit; NaN when there are none. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

export const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(value < 10 ? 2 : 1));

/** A Markdown table: a header row and rows of cells. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function machine(): string {
  return `${os.cpus().length} cores, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

/** Prints one benchmark's section; bench/run.ts collects what lies between the markers into BENCHMARKS.md. */
export function printSection(title: string, body: string): void {
  console.log(`<!-- section -->\n## ${title}\n\n${body.trim()}\n<!-- /section -->`);
}

/** Rows a seeding INSERT carries at once. */
export const ROWS_PER_INSERT = 2_000;

/** Inserts `count` rows made by `row(n)` into `tableName`, with multi-row INSERTs of ROWS_PER_INSERT. */
export async function insert(db: Database, tableName: string, columns: string[], count: number, row: (n: number) => unknown[]): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < count; at += ROWS_PER_INSERT) {
    const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, count - at) }, (_, offset) => row(at + offset));
    await db.run(`INSERT INTO ${tableName} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, rows.flat());
  }
}

/** The database with every SELECT of the current call recorded, so each screen's statements can be EXPLAINed. */
export function recording(db: Database) {
  let statements: { sql: string; values: readonly unknown[] }[] = [];
  const recorded: Database = {
    dialect: db.dialect,
    select: (sql, values = []) => {
      statements.push({ sql, values });
      return db.select(sql, values);
    },
    run: (sql, values) => db.run(sql, values),
    transaction: (work) => db.transaction(work),
    batch: (batch) => db.batch(batch),
  };
  return { db: recorded, take: () => ((statements = []), undefined), statements: () => statements };
}

/** MariaDB's EXPLAIN rows, one line each: how, on which key, over how many rows. */
export const planText = (plan: Record<string, unknown>[]) =>
  plan.map((row) => `  ${String(row.select_type).padEnd(18)} ${String(row.table).padEnd(6)} ${String(row.type).padEnd(7)} ${String(row.key).padEnd(36)} rows=${String(row.rows).padEnd(7)} ${row.Extra ?? ''}`.trimEnd()).join('\n');

/**
 * Runs each screen `runs` times (after `warmUp`) and then once more recorded: a table row of how many statements it
 * sent with p50/p99, and MariaDB's EXPLAIN of each of those statements.
 */
export async function measureScreens(
  driver: Database,
  recorder: ReturnType<typeof recording>,
  cases: [string, (n: number) => Promise<unknown>][],
  { runs, warmUp }: { runs: number; warmUp: number },
): Promise<{ rows: (string | number)[][]; explains: string[] }> {
  const rows: (string | number)[][] = [];
  const explains: string[] = [];
  for (const [label, run] of cases) {
    for (let n = 0; n < warmUp; n++) await run(n);
    const samples: number[] = [];
    for (let n = 0; n < runs; n++) {
      const started = performance.now();
      await run(n);
      samples.push(performance.now() - started);
    }
    recorder.take();
    await run(runs + 1);
    const sent = recorder.statements();
    rows.push([label, sent.length, ms(quantile(samples, 0.5)), ms(quantile(samples, 0.99))]);
    const plans: string[] = [];
    for (const { sql, values } of sent) {
      const plan = await driver.select<Record<string, unknown>>(`EXPLAIN ${sql}`, values);
      plans.push(`${sql.replace(/\s+/g, ' ').slice(0, 140)}\n${planText(plan)}`);
    }
    explains.push(`-- ${label}\n${plans.join('\n')}`);
  }
  return { rows, explains };
}
