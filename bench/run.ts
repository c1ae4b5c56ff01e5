/**
 * `npm run bench` (after the build): runs every benchmark, one process each, printing what it prints, and writes
 * BENCHMARKS.md: the machine, the date, then each benchmark's section (`<!-- section -->` … `<!-- /section -->` as
 * bench/support.ts prints it; a benchmark that prints plain text has all of it kept as a code block), and last
 * bench/findings.md, the causes found for missed targets.
 *
 * Run: `npm run bench` (or `npx tsx bench/run.ts [file …]` for some of them, after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { machine, mariadbServer } from './support';

const root = path.resolve(import.meta.dirname, '..');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

/** Each benchmark with the node flags it needs (tsx passes them on to the process that runs it), in the order BENCHMARKS.md lists them. */
const BENCHMARKS: { file: string; title: string; nodeFlags?: string[] }[] = [
  { file: 'bench/load.ts', title: 'Load', nodeFlags: ['--expose-gc'] },
  { file: 'bench/scale.ts', title: 'Scale' },
  { file: 'bench/messages.ts', title: 'Messages send pipeline and screen queries' },
  { file: 'bench/idle.ts', title: 'Idle' },
  { file: 'bench/footprint.ts', title: 'Footprint of the pages' },
  { file: 'bench/footprint-runtime.ts', title: 'Footprint at run time', nodeFlags: ['--expose-gc'] },
  { file: 'bench/frontend.ts', title: 'Front end' },
  { file: 'bench/app-port.ts', title: 'App port round trips' },
  { file: 'bench/tweeder.ts', title: 'Tweeder at scale' },
  { file: 'bench/cloutgram.ts', title: 'Cloutgram at scale' },
];

const server = mariadbServer();
process.env.HANDSET_BENCH_MARIADB = server;
const chosen = process.argv.slice(2);
const runs = BENCHMARKS.filter((benchmark) => chosen.length === 0 || chosen.includes(benchmark.file));

/** Runs one benchmark, echoing its output; resolves to what it printed and how it exited. */
function run(file: string, nodeFlags: string[]): Promise<{ output: string; code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, ...nodeFlags, file], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ output, code, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The sections a benchmark printed, or all it printed as a code block under its title. */
function sectionsOf(title: string, output: string): string {
  const sections = [...output.matchAll(/<!-- section -->\n([\s\S]*?)\n<!-- \/section -->/g)].map((match) => match[1]!);
  return sections.length > 0 ? sections.join('\n\n') : `## ${title}\n\n\`\`\`\n${output.trim()}\n\`\`\``;
}

const connection = await createConnection(server);
const [[{ version }]] = (await connection.query('SELECT VERSION() AS version')) as unknown as [[{ version: string }]];
await connection.end();

const started = performance.now();
const parts: string[] = [];
const failed: string[] = [];
for (const { file, title, nodeFlags = [] } of runs) {
  console.log(`\n=== ${file}`);
  const { output, code, seconds } = await run(file, nodeFlags);
  if (code !== 0) failed.push(file);
  parts.push(`${sectionsOf(title, output)}\n\n_${file}: ${seconds.toFixed(0)} s${code === 0 ? '' : `, exited with ${code}`}._`);
}
const minutes = (performance.now() - started) / 60_000;
const header = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts; bench/README.md describes each benchmark). Figures, baselines and targets
sit side by side in each section; baselines come from the same run on the same machine.

- Machine: ${machine()}
- Database: MariaDB ${version} on ${new URL(server).host}, on the same machine
- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Whole run: ${minutes.toFixed(1)} min${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}
`;
// The causes found for missed targets are written by hand; every run carries them under its figures.
const findings = await readFile(path.join(root, 'bench/findings.md'), 'utf8');
await writeFile(path.join(root, 'BENCHMARKS.md'), `${header}\n${parts.join('\n\n')}\n\n${findings.trim()}\n`);
console.log(`\nBENCHMARKS.md written (${minutes.toFixed(1)} min)`);
process.exitCode = failed.length > 0 ? 1 : 0;
