import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const skippedFolders = new Set(['node_modules', 'dist', 'release', '.git']);

async function findTsconfigs(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) found.push(...(await findTsconfigs(entryPath)));
    else if (entry.isFile() && entry.name === 'tsconfig.json') found.push(entryPath);
  }
  return found;
}

const failed: string[] = [];
for (const tsconfig of (await findTsconfigs(root)).sort()) {
  const name = path.relative(root, tsconfig);
  const { status } = spawnSync(process.execPath, [tsc, '-p', tsconfig], { stdio: 'inherit' });
  console.log(`${status === 0 ? 'pass' : 'FAIL'}  ${name}`);
  if (status !== 0) failed.push(name);
}
if (failed.length > 0) console.error(`type check failed: ${failed.join(', ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;
