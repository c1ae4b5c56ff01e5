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
