import { defineServerPlugin } from '@handset/sdk/server/plugin';

/**
 * The App Store: a page only. What it lists and installs comes from the catalogue's `apps.*` methods (the apps
 * permission): every app the server owner lets this character have, installed per character on the server.
 */
export const storePlugin = defineServerPlugin({
  manifest: {
    id: 'appstore',
    label: 'App Store',
    icon: 'dist/apps/store/icon.svg',
    color: '#0a84ff',
    category: 'default',
    ui: 'dist/apps/store/index.html',
    permissions: ['apps'],
  },
  migrations: [],
  start: () => undefined,
});
