/**
 * What each built page loads before it runs: the shell, every built-in app's frame and every template's frame,
 * raw and gzipped, against its budget. Sizes are deterministic, so tests/build.test.ts also enforces the budgets;
 * this prints them.
 *
 * Run after `npm run build`: `npm run bench` (or `npx tsx bench/footprint.ts`).
 */
import path from 'node:path';
import { formatSize } from '../scripts/file-size';
import { pageFootprints } from '../scripts/page-footprint';

const root = path.resolve(import.meta.dirname, '..');
const pages = await pageFootprints(root);
const rows = pages.map((page) => [
  page.page,
  formatSize(page.rawBytes),
  formatSize(page.gzipBytes),
  formatSize(page.budgetBytes),
  `${Math.round((page.gzipBytes / page.budgetBytes) * 100)}%`,
  page.bundlesZod ? 'yes' : 'no',
]);
const header = ['page', 'raw', 'gzip', 'budget (gzip)', 'of budget', 'zod'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
console.log('\nInitial JS of each page (its module script and modulepreloads)\n');
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));
