/**
 * Footprint at run time: the built server and client scripts' sizes (raw and gzip), what the client script bundles
 * (esbuild's metafile, by package), and the server heap each connected player costs (heap after N players minus
 * heap before, over N, after a full garbage collection each time).
 *
 * Run after `npm run build`: `npx tsx --expose-gc bench/footprint-runtime.ts [--players 200]`
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { clientScript } from '../scripts/client-script';
import { formatSize } from '../scripts/file-size';
import { connectWithPhone, openMariadb, startHandset } from '../tests/support/handset';
import { manifest, simulate } from '../tests/support/simulation';
import { flag, machine, mariadbServer, printSection, table } from './support';

const PLAYERS = flag('players', 200);
const root = path.resolve(import.meta.dirname, '..');

async function sizes(file: string): Promise<[string, string, string]> {
  const contents = await readFile(path.join(root, file));
  return [file, formatSize(contents.length), formatSize(gzipSync(contents).length)];
}

/** Bytes of the client script by source package: the client build's options with a metafile. */
async function clientInputs(): Promise<[string, string][]> {
  const result = await build({
    ...clientScript,
    entryPoints: [path.join(root, 'core/client/index.ts')],
    write: false,
    metafile: true,
    outfile: 'client.js',
    absWorkingDir: root,
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = /^node_modules\/(@[^/]+\/)?[^/]+/.exec(input)?.[0] ?? path.dirname(input);
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([owner, bytes]) => [owner, formatSize(bytes)]);
}

/** Heap after a full collection; without --expose-gc the figure includes garbage, and says so. */
function settledHeap(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * How much each measure grows per player once `connect` has run for N players (the settled heap unless given); one
 * player first, so what loads once is not charged.
 */
async function perPlayer(connect: () => Promise<unknown>, measures: (() => number | Promise<number>)[] = [settledHeap]): Promise<number[]> {
  await connect();
  const before = await Promise.all(measures.map((measure) => measure()));
  for (let at = 0; at < PLAYERS; at += 25) await Promise.all(Array.from({ length: Math.min(25, PLAYERS - at) }, connect));
  const after = await Promise.all(measures.map((measure) => measure()));
  return after.map((value, index) => (value - before[index]!) / PLAYERS);
}

/** The largest script context's heap (V8's estimate): Handset's server script, the largest bundle the simulation runs. */
async function largestContext(): Promise<number> {
  globalThis.gc?.();
  const measured = (await vm.measureMemory({ mode: 'detailed', execution: 'eager' })) as { other?: { jsMemoryEstimate: number }[] };
  return Math.max(...(measured.other ?? []).map((context) => context.jsMemoryEstimate));
}

/**
 * The whole simulation per player (Handset's server state plus each player's client context in this process), and
 * the growth per player of the server script's own context alone.
 */
async function withHandset(): Promise<{ whole: number; serverContext: number }> {
  mariadbServer();
  const database = await openMariadb();
  const simulation = await startHandset({ database });
  const [whole, serverContext] = await perPlayer(() => connectWithPhone(simulation), [settledHeap, largestContext]);
  await simulation.sim.shutdown();
  await database.dispose();
  return { whole: whole!, serverContext: serverContext! };
}

/** The same built client scripts with no Handset server: what the simulator's client contexts alone cost. */
async function clientsOnly(): Promise<number> {
  const client = await readFile(path.join(root, 'dist/client.js'), 'utf8');
  const lua = await readFile(path.join(root, 'core/shared/ok-reason-exports.lua'), 'utf8');
  // Both of Handset's client scripts, as its manifest lists them: the JS bundle and the Lua side of its exports.
  const { sim } = await simulate({
    clients: { 'fxmanifest.lua': manifest(`client_scripts { 'client.js', 'exports.lua' }`), 'client.js': client, 'exports.lua': lua },
  });
  await sim.ensure('clients');
  const [heap] = await perPlayer(() => sim.connectPlayer());
  await sim.shutdown();
  return heap!;
}

const scripts = [await sizes('dist/server.js'), await sizes('dist/client.js')];
const inputs = await clientInputs();
const { whole, serverContext } = await withHandset();
const clients = await clientsOnly();
printSection(
  'Footprint at run time',
  `${machine()}.

${table(['script', 'raw', 'gzip'], scripts)}

What the client script bundles (minified bytes by source):

${table(['source', 'bytes in dist/client.js'], inputs)}

The client script was 448 KB raw before this change: \`import { z } from 'zod'\` in the files it bundles pulled in all
of zod classic (every locale, JSON Schema conversion); a namespace import (\`import * as z from 'zod'\`) lets esbuild
drop what the client never calls. zod/mini would shrink it further, but the schemas it shares with the server
(sdk/protocol/names.ts, sdk/manifest, core/shared) would have to move to zod/mini's API.

Heap per connected player, ${PLAYERS} players${globalThis.gc ? '' : ' (run with --expose-gc for settled figures)'}:

${table(
  ['measure', 'per player', 'target'],
  [
    ['Handset on MariaDB, with each player\'s client context (the simulator runs both in this process)', formatSize(whole), '—'],
    ['the same client scripts alone (JS and Lua), no Handset server (baseline)', formatSize(clients), '—'],
    ['**server heap per player** (the difference)', formatSize(whole - clients), '≤ 20 KB'],
    ["Handset's server script context alone (V8's `vm.measureMemory`, its growth over the players)", formatSize(serverContext), '≤ 20 KB'],
  ],
)}

The difference is an upper bound: it also holds what the simulator keeps per player only when Handset runs (each NUI
page's log of received messages, the network's per-player limiters for the server's events). The context's figure is
a lower bound: what the simulator's natives and its msgpack wire hand the script are made in the simulator's realm and
are counted there, even where Handset keeps them.`,
);
process.exit(0);
