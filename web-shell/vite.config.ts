import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contentSecurityPolicy, SHELL_POLICY } from '../scripts/content-security.ts';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the game serves the page at https://cfx-nui-handset/dist/web/index.html.
  base: './',
  publicDir: false,
  plugins: [contentSecurityPolicy(SHELL_POLICY)],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The game's browser is Chromium 103.
    target: 'chrome103',
    // Chromium 103 supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
});
