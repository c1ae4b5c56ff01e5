import { defineConfig } from 'vitest/config';

// The page, built to dist/web/. Handset shows it at https://cfx-nui-<resource>/dist/web/index.html.
export default defineConfig({
  root: 'web',
  // Relative URLs, so the page works under any resource name.
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The game's browser is Chromium 103.
    target: 'chrome103',
    modulePreload: { polyfill: false },
  },
  // Tests live in tests/, next to web/, not under the page's root.
  test: { root: '.' },
});
