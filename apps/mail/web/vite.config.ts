import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sdkSourceResolve } from '../../../scripts/sdk-source.ts';

// The Mail page, built to dist/apps/mail/: the phone shows it at https://cfx-nui-handset/dist/apps/mail/index.html.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs, so the page works under whatever name the resource has.
  base: './',
  resolve: sdkSourceResolve,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../../dist/apps/mail',
    emptyOutDir: true,
    // The game's browser is Chromium 103.
    target: 'chrome103',
    modulePreload: { polyfill: false },
  },
});
