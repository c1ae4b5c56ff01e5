import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sdkSourceResolve } from '../../../scripts/sdk-source.ts';

// The Photos page, built to dist/apps/photos/: the phone shows it at https://cfx-nui-handset/dist/apps/photos/index.html.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs, so the page works under whatever name the resource has.
  base: './',
  resolve: sdkSourceResolve,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../../dist/apps/photos',
    emptyOutDir: true,
    // The game's browser is Chromium 103.
    target: 'chrome103',
    modulePreload: { polyfill: false },
  },
});
