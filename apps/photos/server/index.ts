import { defineServerPlugin } from '@handset/sdk/server/plugin';
import { registerPhotosRequests } from './photos.controller';
import { photosMigrations } from './photos.migrations';
import { createPhotosService, readPhotosSettings } from './photos.service';

/** The Photos app's server side: each character's gallery and albums. */
export const photosPlugin = defineServerPlugin({
  manifest: {
    id: 'photos',
    label: 'Photos',
    translations: { es: { label: 'Fotos' }, de: { label: 'Fotos' } },
    icon: 'dist/apps/photos/icon.svg',
    color: '#ff9f0a',
    category: 'default',
    ui: 'dist/apps/photos/index.html',
    permissions: ['camera', 'share'],
  },
  migrations: photosMigrations,
  start: (context) =>
    registerPhotosRequests(context, createPhotosService(context.db, context.imageAllowed, readPhotosSettings(context.setting, (message) => console.warn(message)))),
});
