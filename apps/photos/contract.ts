import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import { addSchema, albumNameSchema, albumPhotoSchema, favoriteSchema, listSchema, photoIdSchema, type Album, type Photo, type PhotoPage } from './server/photos.service';

export type { Album, Photo, PhotoPage };

/** The Photos page's actions, each on the caller's own gallery (README: "The page's actions"). */
export const photosContract = defineContract({
  'photos.list': action(listSchema).answers<PhotoPage>(),
  'photos.add': action(addSchema).answers<Photo>(),
  'photos.favorite': action(favoriteSchema).answers<Photo>(),
  'photos.delete': action(photoIdSchema).answers<null>(),
  'albums.list': action(z.object({}).nullish()).answers<Album[]>(),
  'albums.create': action(albumNameSchema).answers<Album>(),
  'albums.delete': action(photoIdSchema).answers<null>(),
  'albums.add': action(albumPhotoSchema).answers<null>(),
  'albums.remove': action(albumPhotoSchema).answers<null>(),
});
