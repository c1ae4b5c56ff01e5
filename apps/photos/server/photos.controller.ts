import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { PluginContext } from '../../../sdk/server/plugin';
import { addSchema, albumNameSchema, albumPhotoSchema, favoriteSchema, listSchema, photoIdSchema, type PhotosService } from './photos.service';

/** Answers the Photos page's requests, each on the caller's own gallery (from `source`, never the payload). */
export function registerPhotosRequests({ app, phones }: PluginContext, service: PhotosService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };
  const done = () => null;

  app.onRequest('photos.list', listSchema, ({ source }, input) => service.list(phoneOf(source), input));
  app.onRequest('photos.add', addSchema, ({ source }, input) => service.add(phoneOf(source), input));
  app.onRequest('photos.favorite', favoriteSchema, ({ source }, input) => service.setFavorite(phoneOf(source), input));
  app.onRequest('photos.delete', photoIdSchema, ({ source }, { id }) => service.remove(phoneOf(source), id).then(done));
  app.onRequest('albums.list', z.object({}).nullish(), ({ source }) => service.albums(phoneOf(source)));
  app.onRequest('albums.create', albumNameSchema, ({ source }, { name }) => service.createAlbum(phoneOf(source), name));
  app.onRequest('albums.delete', photoIdSchema, ({ source }, { id }) => service.deleteAlbum(phoneOf(source), id).then(done));
  app.onRequest('albums.add', albumPhotoSchema, ({ source }, input) => service.addToAlbum(phoneOf(source), input).then(done));
  app.onRequest('albums.remove', albumPhotoSchema, ({ source }, input) => service.removeFromAlbum(phoneOf(source), input).then(done));
}
