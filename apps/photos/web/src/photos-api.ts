import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { Page } from '@handset/sdk/ui';
import type { Album, Photo, photosContract } from '../../contract';
import type { PhotosText } from './messages';

export { PHOTO_ADDED } from '../../pushes';

export type { Album, Photo };

/** Which photos a grid shows: the whole gallery, the favorites, or one album's. */
export type Source = { kind: 'all' } | { kind: 'favorites' } | { kind: 'album'; album: Album };

/** Photos per `photos.list` page: a few screens of the three-column grid. */
export const PAGE_SIZE = 30;

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: PhotosText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** Newest first (the server's order, by id) with each photo once: a push and a page may both bring the same one. */
export function newestFirst(photos: Photo[]): Photo[] {
  const byId = new Map<number, Photo>();
  for (const photo of photos) if (!byId.has(photo.id)) byId.set(photo.id, photo);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** When a photo was added, as the phone's locale writes it (one formatter per locale: a grid formats hundreds). */
export function formatWhen(at: number, locale: string): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(at);
}

/** The server plugin's actions, typed by the contract. */
export function photosApi(app: HandsetApp) {
  const photos = contractClient<typeof photosContract>(app);
  return {
    /** One page of `source`'s photos, older than `cursor`, as the kit's usePaged takes it. */
    async list(source: Source, cursor: number | null): Promise<Page<Photo, number>> {
      const page = await photos.request('photos.list', {
        limit: PAGE_SIZE,
        ...(cursor !== null && { cursor }),
        ...(source.kind === 'favorites' && { favorites: true }),
        ...(source.kind === 'album' && { albumId: source.album.id }),
      });
      return { items: page.photos, next: page.cursor };
    },
    add: (clientId: string, url: string) => photos.request('photos.add', { clientId, url }),
    setFavorite: (id: number, favorite: boolean) => photos.request('photos.favorite', { id, favorite }),
    remove: (id: number) => photos.request('photos.delete', { id }),
    albums: () => photos.request('albums.list', {}),
    createAlbum: (name: string) => photos.request('albums.create', { name }),
    deleteAlbum: (id: number) => photos.request('albums.delete', { id }),
    addToAlbum: (albumId: number, photoId: number) => photos.request('albums.add', { albumId, photoId }),
    removeFromAlbum: (albumId: number, photoId: number) => photos.request('albums.remove', { albumId, photoId }),
  };
}

export type PhotosApi = ReturnType<typeof photosApi>;
