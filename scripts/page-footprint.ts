import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** An app frame's initial JS, gzipped: the design card's budget for a page the game's browser loads on every open. */
export const FRAME_BUDGET_BYTES = 25 * 1024;
/** The shell's initial JS, gzipped. */
export const SHELL_BUDGET_BYTES = 60 * 1024;

/** What one built page loads before it can run: its module script and the modules it preloads. */
export interface PageFootprint {
  /** `shell`, `apps/<id>` or `templates/<name>`. */
  page: string;
  kind: 'shell' | 'frame';
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  budgetBytes: number;
  /** Whether zod's core (its `$Zod…` class names) is in the page's JS; frames validate nothing and must not carry it. */
  bundlesZod: boolean;
}

async function footprintOf(root: string, page: string, html: string, kind: PageFootprint['kind']): Promise<PageFootprint> {
  const markup = await readFile(path.join(root, html), 'utf8');
  const srcs = [...markup.matchAll(/<script[^>]*type="module"[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*\shref="([^"]+)"/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
  const files = srcs.map((src) => path.join(path.dirname(html), src));
  const sources = await Promise.all(files.map((file) => readFile(path.join(root, file))));
  return {
    page,
    kind,
    files,
    rawBytes: sources.reduce((sum, source) => sum + source.length, 0),
    gzipBytes: sources.reduce((sum, source) => sum + gzipSync(source, { level: 9 }).length, 0),
    budgetBytes: kind === 'shell' ? SHELL_BUDGET_BYTES : FRAME_BUDGET_BYTES,
    bundlesZod: sources.some((source) => /\$Zod[A-Z]/.test(source.toString('utf8'))),
  };
}

/** The built shell, every built-in app's page and every template's page, as `npm run build` left them. */
export async function pageFootprints(root: string): Promise<PageFootprint[]> {
  const folders = async (folder: string) =>
    (await readdir(path.join(root, folder), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const apps = await folders('dist/apps');
  const templates = await folders('templates');
  return Promise.all([
    footprintOf(root, 'shell', 'dist/web/index.html', 'shell'),
    ...apps.map((app) => footprintOf(root, `apps/${app}`, `dist/apps/${app}/index.html`, 'frame')),
    ...templates.map((template) => footprintOf(root, `templates/${template}`, `templates/${template}/dist/web/index.html`, 'frame')),
  ]);
}
