import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { APP_PAGE_POLICY, contentSecurityPolicy } from './content-security.ts';
import { sdkSourceResolve } from './sdk-source.ts';

/**
 * The Vite config of a built-in app's page (`apps/<id>/web`), built to dist/apps/<id>/: the phone shows it at
 * https://cfx-nui-handset/dist/apps/<id>/index.html.
 */
export function appPageConfig(configUrl: string, id: string): UserConfig {
  return defineConfig({
    root: fileURLToPath(new URL('.', configUrl)),
    // Relative URLs, so the page works under whatever name the resource has.
    base: './',
    resolve: sdkSourceResolve,
    plugins: [contentSecurityPolicy(APP_PAGE_POLICY)],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: `../../../dist/apps/${id}`,
      emptyOutDir: true,
      // The game's browser is Chromium 103.
      target: 'chrome103',
      modulePreload: { polyfill: false },
    },
  });
}
