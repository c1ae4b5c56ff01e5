import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadManifest } from '../tests/simulator/manifest';
import { formatSize } from './file-size';
import { manifestFileEntries, resolveManifestEntries } from '../tests/simulator/files';

const root = path.resolve(import.meta.dirname, '..');
const releaseDir = path.join(root, 'release/handset');

// Cleaned first so that a failed run never leaves an older release looking current.
await rm(releaseDir, { recursive: true, force: true });

const manifest = await loadManifest(root);
const { files, unmatched } = await resolveManifestEntries(root, manifestFileEntries(manifest));
if (unmatched.length > 0) {
  console.error(`fxmanifest.lua names files that do not exist (run npm run build first): ${unmatched.join(', ')}`);
  process.exit(1);
}

/** What a server owner reads first, next to the resource: how to install it, an example cfg and the license. */
const RELEASE_NOTES: Record<string, string> = {
  'README.md': 'scripts/release/README.md',
  'server.cfg': 'scripts/release/server.cfg',
  LICENSE: 'LICENSE',
};

const shipped: [target: string, source: string][] = [
  ...['fxmanifest.lua', ...files].map((file): [string, string] => [file, file]),
  ...Object.entries(RELEASE_NOTES),
];
let totalBytes = 0;
for (const [file, source] of shipped) {
  const target = path.join(releaseDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(path.join(root, source), target);
  const { size } = await stat(target);
  totalBytes += size;
  console.log(`${file.padEnd(52)} ${formatSize(size).padStart(9)}`);
}
console.log(`${path.relative(root, releaseDir)}: ${shipped.length} files, ${formatSize(totalBytes)}`);
