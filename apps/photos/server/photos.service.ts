import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { DatabaseError, type Database } from '@handset/sdk/server/database';
import type { PluginContext } from '@handset/sdk/server/plugin';

/** A photo in a character's gallery. */
export interface Photo {
  id: number;
  url: string;
  favorite: boolean;
  createdAt: number;
}

export interface PhotoPage {
  photos: Photo[];
  /** Pass to the next `photos.list` for older photos; null at the end. */
  cursor: number | null;
}

export interface Album {
  id: number;
  name: string;
  photoCount: number;
}

/** The server owner's limits: `handset:photos:max_photos` and `handset:photos:max_albums`. */
export interface PhotosSettings {
  maxPhotos: number;
  maxAlbums: number;
}

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientId must be 1-64 of A-Z, a-z, 0-9, _ and -');

export const listSchema = z
  .object({
    cursor: id.optional(),
    limit: z.number().int().min(1).max(100).default(30),
    favorites: z.boolean().optional(),
    albumId: id.optional(),
  })
  .strict();
export const addSchema = z.object({ clientId, url: z.string().max(500) }).strict();
export const favoriteSchema = z.object({ id, favorite: z.boolean() }).strict();
export const photoIdSchema = z.object({ id }).strict();
export const albumNameSchema = z.object({ name: z.string().trim().min(1, 'an album name is 1-40 characters').max(40, 'an album name is 1-40 characters') }).strict();
export const albumPhotoSchema = z.object({ albumId: id, photoId: id }).strict();

interface PhotoRow extends Record<string, unknown> {
  id: number | string;
  url: string;
  favorite: boolean | number;
  created_at: number | string;
}

const toPhoto = (row: PhotoRow): Photo => ({ id: Number(row.id), url: row.url, favorite: Boolean(row.favorite), createdAt: Number(row.created_at) });
const notFound = (what: string, value: number) => new HandsetError('NOT_FOUND', `no ${what} ${value}`);

/**
 * A character's gallery: photos by URL (from the camera, or imported from a host the server owner allows),
 * favorites, albums. Every call acts on `phoneId`'s own rows; another phone's id answers NOT_FOUND.
 */
export function createPhotosService(db: Database, imageAllowed: (url: string) => boolean, settings: PhotosSettings, now = () => Date.now()) {
  const ownPhoto = async (phoneId: number, photoId: number) => {
    const [row] = await db.select<PhotoRow>('SELECT id, url, favorite, created_at FROM handset_photos_photos WHERE phone_id = ? AND id = ?', [phoneId, photoId]);
    if (!row) throw notFound('photo', photoId);
    return toPhoto(row);
  };
  const ownAlbum = async (phoneId: number, albumId: number) => {
    const [row] = await db.select('SELECT id FROM handset_photos_albums WHERE phone_id = ? AND id = ?', [phoneId, albumId]);
    if (!row) throw notFound('album', albumId);
  };

  return {
    /** Newest first, `limit` at a time, optionally only favorites or one album's photos. */
    async list(phoneId: number, { cursor, limit, favorites, albumId }: z.output<typeof listSchema>): Promise<PhotoPage> {
      if (albumId !== undefined) await ownAlbum(phoneId, albumId);
      const where = ['p.phone_id = ?'];
      const values: unknown[] = [phoneId];
      if (cursor !== undefined) (where.push('p.id < ?'), values.push(cursor));
      if (favorites) where.push('p.favorite = 1');
      const join = albumId === undefined ? '' : 'JOIN handset_photos_album_photos a ON a.photo_id = p.id AND a.album_id = ?';
      const rows = await db.select<PhotoRow>(
        `SELECT p.id, p.url, p.favorite, p.created_at FROM handset_photos_photos p ${join} WHERE ${where.join(' AND ')} ORDER BY p.id DESC LIMIT ?`,
        [...(albumId === undefined ? [] : [albumId]), ...values, limit + 1],
      );
      const photos = rows.slice(0, limit).map(toPhoto);
      return { photos, cursor: rows.length > limit ? photos.at(-1)!.id : null };
    },

    /** Adds a photo by URL; the same `clientId` again answers the photo it added, with `stored` false. */
    async add(phoneId: number, input: z.output<typeof addSchema>): Promise<{ photo: Photo; stored: boolean }> {
      const [existing] = await db.select<PhotoRow>(
        'SELECT id, url, favorite, created_at FROM handset_photos_photos WHERE phone_id = ? AND client_id = ?',
        [phoneId, input.clientId],
      );
      if (existing) return { photo: toPhoto(existing), stored: false };
      if (!imageAllowed(input.url)) throw new HandsetError('INVALID_INPUT', 'url must be an https image on a host the server allows');
      const [count] = await db.select<{ photos: number }>('SELECT COUNT(*) AS photos FROM handset_photos_photos WHERE phone_id = ?', [phoneId]);
      if (Number(count?.photos ?? 0) >= settings.maxPhotos) {
        throw new HandsetError('QUOTA_EXCEEDED', `a gallery holds at most ${settings.maxPhotos} photos`);
      }
      const createdAt = now();
      const { insertId } = await db.run('INSERT INTO handset_photos_photos (phone_id, url, client_id, created_at) VALUES (?, ?, ?, ?)', [
        phoneId, input.url, input.clientId, createdAt,
      ]);
      return { photo: { id: insertId, url: input.url, favorite: false, createdAt }, stored: true };
    },

    async setFavorite(phoneId: number, { id: photoId, favorite }: z.output<typeof favoriteSchema>): Promise<Photo> {
      await ownPhoto(phoneId, photoId);
      await db.run('UPDATE handset_photos_photos SET favorite = ? WHERE phone_id = ? AND id = ?', [favorite ? 1 : 0, phoneId, photoId]);
      return ownPhoto(phoneId, photoId);
    },

    /** Deletes the photo from the gallery and every album. */
    async remove(phoneId: number, photoId: number): Promise<void> {
      const { affectedRows } = await db.run('DELETE FROM handset_photos_photos WHERE phone_id = ? AND id = ?', [phoneId, photoId]);
      if (affectedRows === 0) throw notFound('photo', photoId);
    },

    async albums(phoneId: number): Promise<Album[]> {
      const rows = await db.select<{ id: number | string; name: string; photos: number | string }>(
        `SELECT a.id, a.name, COUNT(p.photo_id) AS photos FROM handset_photos_albums a
         LEFT JOIN handset_photos_album_photos p ON p.album_id = a.id WHERE a.phone_id = ? GROUP BY a.id, a.name ORDER BY a.name`,
        [phoneId],
      );
      return rows.map((row) => ({ id: Number(row.id), name: row.name, photoCount: Number(row.photos) }));
    },

    async createAlbum(phoneId: number, name: string): Promise<Album> {
      const [count] = await db.select<{ albums: number }>('SELECT COUNT(*) AS albums FROM handset_photos_albums WHERE phone_id = ?', [phoneId]);
      if (Number(count?.albums ?? 0) >= settings.maxAlbums) throw new HandsetError('QUOTA_EXCEEDED', `at most ${settings.maxAlbums} albums`);
      try {
        const { insertId } = await db.run('INSERT INTO handset_photos_albums (phone_id, name, created_at) VALUES (?, ?, ?)', [phoneId, name, now()]);
        return { id: insertId, name, photoCount: 0 };
      } catch (error) {
        if (error instanceof DatabaseError && error.kind === 'unique_violation') throw new HandsetError('ALREADY_EXISTS', `an album is already called "${name}"`);
        throw error;
      }
    },

    async deleteAlbum(phoneId: number, albumId: number): Promise<void> {
      const { affectedRows } = await db.run('DELETE FROM handset_photos_albums WHERE phone_id = ? AND id = ?', [phoneId, albumId]);
      if (affectedRows === 0) throw notFound('album', albumId);
    },

    /** Puts one of the phone's photos in one of its albums; again changes nothing. */
    async addToAlbum(phoneId: number, { albumId, photoId }: z.output<typeof albumPhotoSchema>): Promise<void> {
      await ownAlbum(phoneId, albumId);
      await ownPhoto(phoneId, photoId);
      const [present] = await db.select('SELECT photo_id FROM handset_photos_album_photos WHERE album_id = ? AND photo_id = ?', [albumId, photoId]);
      if (!present) await db.run('INSERT INTO handset_photos_album_photos (album_id, photo_id) VALUES (?, ?)', [albumId, photoId]);
    },

    async removeFromAlbum(phoneId: number, { albumId, photoId }: z.output<typeof albumPhotoSchema>): Promise<void> {
      await ownAlbum(phoneId, albumId);
      const { affectedRows } = await db.run('DELETE FROM handset_photos_album_photos WHERE album_id = ? AND photo_id = ?', [albumId, photoId]);
      if (affectedRows === 0) throw notFound('photo in the album', photoId);
    },
  };
}
export type PhotosService = ReturnType<typeof createPhotosService>;

/** The server owner's limits, from `handset:photos:*`; a bad value falls back to the default with a warning. */
export function readPhotosSettings(setting: PluginContext['setting'], warn: (message: string) => void): PhotosSettings {
  const read = (name: string, fallback: number) => {
    const parsed = z.coerce.number().int().min(1).max(100_000).safeParse(setting(name, String(fallback)));
    if (parsed.success) return parsed.data;
    warn(`Handset photos: handset:photos:${name} must be a whole number from 1 to 100000; using ${fallback}`);
    return fallback;
  };
  return { maxPhotos: read('max_photos', 1000), maxAlbums: read('max_albums', 50) };
}
