import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import webShellConfig from '../web-shell/vite.config';
import { clientScript } from './client-script.ts';
import { formatSize } from './file-size';
import { SDK_SOURCE_CONDITION } from './sdk-source.ts';
import { filesUnder } from '../tests/simulator/files';

const root = path.resolve(import.meta.dirname, '..');
const simulatorResources = path.join(root, 'tests/simulator/resources');
const appsDir = path.join(root, 'apps');

const serverScript: BuildOptions = { bundle: true, format: 'cjs', platform: 'node', target: 'node22', conditions: [SDK_SOURCE_CONDITION] };
// Database drivers stay external: the simulator runs in Node, where they load from node_modules.
const simulatorServerScript: BuildOptions = { ...serverScript, external: ['mysql2', 'better-sqlite3'] };

/** Bundles one script; resolves to the files it wrote. */
async function bundle(entry: string, outfile: string, options: BuildOptions): Promise<string[]> {
  await esbuild({ ...options, entryPoints: [path.join(root, entry)], outfile: path.join(root, outfile), logLevel: 'silent' });
  return [outfile];
}

async function buildWebShell(): Promise<string[]> {
  await viteBuild({ ...webShellConfig, configFile: false, logLevel: 'warn' });
  return filesUnder(root, 'dist/web');
}

/** Every built-in app's page: `apps/<app>/web/vite.config.ts`, whose outDir is dist/apps/<app>/. */
async function appPageBuilds(): Promise<Promise<string[]>[]> {
  const names = existsSync(appsDir) ? await readdir(appsDir) : [];
  return names
    .filter((name) => existsSync(path.join(appsDir, name, 'web/vite.config.ts')))
    .map(async (name) => {
      await viteBuild({ configFile: path.join(appsDir, name, 'web/vite.config.ts'), logLevel: 'warn' });
      return filesUnder(root, `dist/apps/${name}`);
    });
}

/** The stand-in resources (oxmysql, …) the simulator loads next to Handset. */
async function simulatorResourceBuilds(): Promise<Promise<string[]>[]> {
  const names = existsSync(simulatorResources) ? await readdir(simulatorResources) : [];
  return names.flatMap((name) => {
    const dir = `tests/simulator/resources/${name}`;
    const builds: Promise<string[]>[] = [];
    if (existsSync(path.join(root, dir, 'src/server.ts'))) {
      builds.push(bundle(`${dir}/src/server.ts`, `${dir}/dist/server.js`, simulatorServerScript));
    }
    if (existsSync(path.join(root, dir, 'src/client.ts'))) {
      builds.push(bundle(`${dir}/src/client.ts`, `${dir}/dist/client.js`, clientScript));
    }
    return builds;
  });
}

const started = performance.now();
const results = await Promise.allSettled([
  bundle('core/server/index.ts', 'dist/server.js', serverScript),
  bundle('core/client/index.ts', 'dist/client.js', clientScript),
  buildWebShell(),
  ...(await appPageBuilds()),
  ...(await simulatorResourceBuilds()),
]);

let failed = false;
for (const result of results) {
  if (result.status === 'rejected') {
    failed = true;
    console.error(result.reason instanceof Error ? result.reason.message : result.reason);
    continue;
  }
  for (const file of result.value) {
    const { size } = await stat(path.join(root, file));
    console.log(`${file.padEnd(52)} ${formatSize(size).padStart(9)}`);
  }
}
console.log(`${failed ? 'build failed' : 'built'} in ${Math.round(performance.now() - started)} ms`);
process.exitCode = failed ? 1 : 0;
