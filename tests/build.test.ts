import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../core/server/config';
import { APP_PAGE_POLICY, SHELL_POLICY } from '../scripts/content-security';
import { pageFootprints } from '../scripts/page-footprint';
import { filesUnder, manifestFileEntries, resolveManifestEntries } from './simulator/files';
import { loadManifest, type ResourceManifest } from './simulator/manifest';

// Runs against the tree `npm run build` left behind: the artifact that ships is the one tested.
const root = path.resolve(import.meta.dirname, '..');

let manifest: ResourceManifest;
beforeAll(async () => {
  manifest = await loadManifest(root);
});

describe('fxmanifest.lua', () => {
  it('names the bundles and the NUI page', () => {
    expect(manifest.serverScripts).toEqual(['dist/server.js', 'core/shared/ok-reason-exports.lua']);
    expect(manifest.clientScripts).toEqual(['dist/client.js', 'core/shared/ok-reason-exports.lua']);
    expect(manifest.uiPage).toBe('dist/web/index.html');
  });

  it('declares the Node version, strict NUI callbacks and the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.metadata.get('node_version')).toEqual(['22']);
    expect(manifest.metadata.get('nui_callback_strict_mode')).toEqual(['true']);
    expect(manifest.metadata.get('version')).toEqual([version]);
  });

  it('names only files that exist', async () => {
    const { unmatched } = await resolveManifestEntries(root, manifestFileEntries(manifest));
    expect(unmatched).toEqual([]);
  });

  it("ships every file the NUI builds emitted: the shell's and the built-in apps' pages", async () => {
    const { files } = await resolveManifestEntries(root, manifest.files);
    for (const folder of ['dist/web', 'dist/apps']) {
      expect(files.filter((file) => file.startsWith(`${folder}/`)).sort()).toEqual((await filesUnder(root, folder)).sort());
    }
  });
});

describe('bundles', () => {
  it('builds the client as a plain script with nothing from Node', async () => {
    const client = await readFile(path.join(root, 'dist/client.js'), 'utf8');
    expect(() => new Script(client)).not.toThrow();
    expect(client).not.toMatch(/\brequire\s*\(/);
    expect(client).not.toMatch(/\bimport\s*\(/);
    expect(client).not.toMatch(/["'`]node:/);
    expect(client).not.toMatch(/\b(?:process|Buffer)\.|\b(?:__dirname|__filename)\b/);
  });

  it('keeps the client script, which the game parses on every join, within 128 KB raw: zod is bundled only as far as it is used', async () => {
    const client = await readFile(path.join(root, 'dist/client.js'));
    expect(client.length).toBeLessThanOrEqual(128 * 1024);
  });

  it('builds the server as CommonJS', async () => {
    const server = await readFile(path.join(root, 'dist/server.js'), 'utf8');
    // An ES module (import/export statements, import.meta) does not compile as a script; CommonJS does.
    expect(() => new Script(server)).not.toThrow();
  });
});

describe('pages', () => {
  it("keeps every app frame's initial JS within 25 KB gzip with no zod in it, and the shell's within 60 KB", async () => {
    const pages = await pageFootprints(root);
    expect(pages.map((page) => page.page)).toEqual(['shell', 'apps/cloutgram', 'apps/contacts', 'apps/mail', 'apps/messages', 'apps/phone', 'apps/photos', 'apps/settings', 'apps/store', 'apps/tweeder', 'templates/preact-app']);
    for (const page of pages) {
      expect(page.files.length, page.page).toBeGreaterThan(0);
      expect(page.gzipBytes, `${page.page}: ${page.gzipBytes} B gzip`).toBeLessThanOrEqual(page.budgetBytes);
    }
    expect(pages.filter((page) => page.bundlesZod).map((page) => page.page)).toEqual(['shell']);
  });
});

describe('content security', () => {
  it("gives the shell and every built-in app page its policy, first in <head> after the charset", async () => {
    const apps = (await readdir(path.join(root, 'dist/apps'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const pages: [string, string][] = [['dist/web/index.html', SHELL_POLICY], ...apps.map((app): [string, string] => [`dist/apps/${app}/index.html`, APP_PAGE_POLICY])];
    expect(apps.length).toBeGreaterThanOrEqual(5);
    for (const [page, policy] of pages) {
      const head = /<head>\s*<meta charset="utf-8" \/>\s*(<meta[^>]*>)/.exec(await readFile(path.join(root, page), 'utf8'));
      expect(head?.[1], page).toBe(`<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    }
    expect(SHELL_POLICY).toContain("script-src 'self';");
    expect(APP_PAGE_POLICY).toContain("connect-src 'none';");
  });
});

describe('npm run package', () => {
  it('writes fxmanifest.lua and exactly the files it names', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    await promisify(execFile)(process.execPath, [tsx, 'scripts/package.ts'], { cwd: root });
    const { files } = await resolveManifestEntries(root, manifestFileEntries(manifest));
    const shipped = await filesUnder(path.join(root, 'release/handset'), '.');
    expect(shipped.sort()).toEqual(['fxmanifest.lua', 'README.md', 'server.cfg', 'LICENSE', ...files].sort());
    expect(await readFile(path.join(root, 'release/handset/fxmanifest.lua'), 'utf8')).toBe(
      await readFile(path.join(root, 'fxmanifest.lua'), 'utf8'),
    );
    expect(await readFile(path.join(root, 'release/handset/LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Handset contributors\n/);
    expect(await readFile(path.join(root, 'release/handset/README.md'), 'utf8')).toMatch(/^# Handset\n[\s\S]*`server\.cfg`/);
  });

  it("ships an example server.cfg whose settings Handset accepts, starting oxmysql before Handset", async () => {
    const lines = (await readFile(path.join(root, 'release/handset/server.cfg'), 'utf8'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const convars = new Map(
      lines.filter((line) => line.startsWith('set ')).map((line) => {
        const [, name, value] = /^set (\S+) "?(.*?)"?$/.exec(line)!;
        return [name!, value!];
      }),
    );
    expect(readConfig((name, fallback) => convars.get(name) ?? fallback)).toEqual({
      framework: 'auto',
      compat: ['17mov_Phone', 'amzn_smartphone'],
      numberFormat: '555-###-####',
      imageHosts: ['i.imgur.com', 'cdn.discordapp.com', 'media.discordapp.net', '*.fivemanage.com'],
      requestsPerSecond: 10,
      requestBurst: 30,
      adminAce: 'admin',
      passcodeAttempts: 5,
      passcodeLockoutSeconds: 30,
      language: 'en',
    });
    expect(lines.filter((line) => line.startsWith('ensure '))).toEqual(['ensure oxmysql', 'ensure handset']);
  });
});
