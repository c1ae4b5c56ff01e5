import { defineServerPlugin } from '@handset/sdk/server/plugin';

/**
 * The Settings app: a page only. Everything it changes is the phone's own (the catalogue's `settings.*` and
 * `passcode.set`, behind the settings permission; the per-app notification list from `apps.catalogue`).
 */
export const settingsPlugin = defineServerPlugin({
  manifest: {
    id: 'settings',
    label: 'Settings',
    translations: { es: { label: 'Ajustes' }, de: { label: 'Einstellungen' } },
    icon: 'dist/apps/settings/icon.svg',
    color: '#8e8e93',
    category: 'default',
    ui: 'dist/apps/settings/index.html',
    permissions: ['settings', 'apps'],
  },
  migrations: [],
  start: () => undefined,
});
