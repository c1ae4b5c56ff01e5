import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { photosContract } from '../contract';
import { PHOTO_ADDED } from '../pushes';
import type { PhotosService } from './photos.service';

/** Answers the Photos page's requests, each on the caller's own gallery (from `source`, never the payload). */
export function registerPhotosRequests({ app, phones }: PluginContext, service: PhotosService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };
  const done = () => null;

  app.serve(photosContract, {
    'photos.list': ({ source }, input) => service.list(phoneOf(source), input),
    'photos.add': async ({ source }, input) => {
      const phoneId = phoneOf(source);
      const { photo, stored } = await service.add(phoneId, input);
      // To whoever plays the phone once it is stored (the character may have changed meanwhile); a retry pushes nothing.
      const owner = stored ? phones.byId(phoneId) : null;
      if (owner) app.sendAppMessage(owner.source, PHOTO_ADDED, photo);
      return photo;
    },
    'photos.favorite': ({ source }, input) => service.setFavorite(phoneOf(source), input),
    'photos.delete': ({ source }, { id }) => service.remove(phoneOf(source), id).then(done),
    'albums.list': ({ source }) => service.albums(phoneOf(source)),
    'albums.create': ({ source }, { name }) => service.createAlbum(phoneOf(source), name),
    'albums.delete': ({ source }, { id }) => service.deleteAlbum(phoneOf(source), id).then(done),
    'albums.add': ({ source }, input) => service.addToAlbum(phoneOf(source), input).then(done),
    'albums.remove': ({ source }, input) => service.removeFromAlbum(phoneOf(source), input).then(done),
  });
}
