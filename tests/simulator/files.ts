import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResourceManifest } from './manifest.js';

export interface ResolvedEntries {
  /** Files the entries name, relative to the resource folder with `/` separators, in entry order, each once. */
  files: string[];
  /** Entries that name no existing file. */
  unmatched: string[];
}

/** Every file entry a manifest writes: scripts, the NUI page and `files`, raw (globs unresolved). */
export function manifestFileEntries(manifest: ResourceManifest): string[] {
  return [
    ...manifest.sharedScripts,
    ...manifest.serverScripts,
    ...manifest.clientScripts,
    ...(manifest.uiPage === undefined ? [] : [manifest.uiPage]),
    ...manifest.files,
  ];
}

/**
 * Resolves manifest entries to files as FXServer globs them (`*` within one folder, `**` across folders).
 * Order follows the entries (scripts load in that order); a glob's own matches are sorted.
 */
export async function resolveManifestEntries(resourceDir: string, entries: string[]): Promise<ResolvedEntries> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const entry of entries) {
    const matches = await filesMatching(resourceDir, entry.replace(/^\.\//, ''));
    if (matches.length === 0) unmatched.push(entry);
    for (const file of matches) files.add(file);
  }
  return { files: [...files], unmatched };
}

async function filesMatching(resourceDir: string, entry: string): Promise<string[]> {
  if (!entry.includes('*')) return (await isFile(path.join(resourceDir, entry))) ? [entry] : [];
  const segments = entry.split('/');
  const staticPrefix = segments.slice(0, segments.findIndex((segment) => segment.includes('*'))).join('/');
  const pattern = globPattern(entry);
  return (await filesUnder(resourceDir, staticPrefix)).filter((file) => pattern.test(file)).sort();
}

function globPattern(glob: string): RegExp {
  const source = glob.replace(/\*\*\/|\*\*|\*|[.+?^${}()|[\]\\]/g, (token) => {
    if (token === '**/') return '(?:.*/)?';
    if (token === '**') return '.*';
    if (token === '*') return '[^/]*';
    return `\\${token}`;
  });
  return new RegExp(`^${source}$`);
}

/** Files below `folder` (relative to `resourceDir`), as `/`-separated paths relative to `resourceDir`; none if it is missing. */
export async function filesUnder(resourceDir: string, folder: string): Promise<string[]> {
  const absoluteFolder = path.join(resourceDir, folder);
  try {
    const entries = await readdir(absoluteFolder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(resourceDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
