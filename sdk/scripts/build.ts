// Builds the publishable package into dist/: one ESM file per entry point of package.json's `exports` (shared
// code in chunks, so `HandsetError` is one class across entry points; zod and comlink stay the app's own copies) and .d.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const sdk = path.resolve(import.meta.dirname, '..');
const dist = path.join(sdk, 'dist');
const { exports } = JSON.parse(await readFile(path.join(sdk, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { default: string }>;
};

/** `./dist/app/index.js` → `app/index.ts`: the entry points are the package's exports, listed once. */
const entryPoints = Object.values(exports)
  .flatMap((target) => (typeof target === 'string' ? [] : [target.default]))
  .map((file) => path.relative(dist, path.join(sdk, file)).replace(/\.js$/, '.ts'));

await rm(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const declarations = spawnSync(process.execPath, [tsc, '-p', path.join(sdk, 'tsconfig.build.json')], { stdio: 'inherit' });
if (declarations.status !== 0) process.exit(declarations.status ?? 1);

await build({
  absWorkingDir: sdk,
  entryPoints,
  outbase: '.',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  // Node 22 (FXServer) and Chromium 103 (the game's browser) both run ES2022.
  target: 'es2022',
  external: ['zod', 'comlink', 'preact', 'preact/*'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

/**
 * The sources import `../protocol/catalogue` (bundler style); Node's ESM resolution, which TypeScript applies to
 * `moduleResolution: node16/nodenext` consumers, needs `../protocol/catalogue.js` in the .d.ts files.
 */
async function addDeclarationExtensions(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) await addDeclarationExtensions(file);
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const text = await readFile(file, 'utf8');
    const fixed = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*?)\2/g, (whole, lead: string, quote: string, specifier: string) => {
      const target = path.resolve(folder, specifier);
      if (existsSync(`${target}.d.ts`)) return `${lead}${quote}${specifier}.js${quote}`;
      if (existsSync(path.join(target, 'index.d.ts'))) return `${lead}${quote}${specifier}/index.js${quote}`;
      return whole;
    });
    if (fixed !== text) await writeFile(file, fixed);
  }
}
await addDeclarationExtensions(dist);
