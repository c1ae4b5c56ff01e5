import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { Database } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { imageAllowedBy, migratePlugin } from '../../../tests/support/plugin-phones';
import { photosMigrations } from './photos.migrations';
import { addSchema, createPhotosService, listSchema, readPhotosSettings } from './photos.service';

const allowed = imageAllowedBy(['*.fivemanage.com', 'media.example.com']);
const add = (clientId: string, n: number) => addSchema.parse({ clientId, url: `https://r2.fivemanage.com/${n}.jpg` });
const list = (fields: Record<string, unknown> = {}) => listSchema.parse(fields);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? `${error.code}: ${error.message}` : `not a HandsetError: ${String(error)}`),
  );
}

forEachDatabase((current) => {
  /** The migrations, two phones (1, 2), a clock that ticks a second a call, and the service. */
  async function setup(settings = { maxPhotos: 5, maxAlbums: 2 }) {
    const db = current();
    await migratePlugin(db, 'photos', photosMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002']);
    let clock = Date.UTC(2026, 0, 1);
    return { db, photos: createPhotosService(db, allowed, settings, () => (clock += 1000)) };
  }
  const ids = (page: { photos: { id: number }[] }) => page.photos.map((photo) => photo.id);

  it('adds photos by URL from allowed hosts only, once per client id, up to the cap', async () => {
    const { db, photos } = await setup();
    expect((await tableNames(db)).filter((name) => name.startsWith('handset_photos_')).sort()).toEqual([
      'handset_photos_album_photos',
      'handset_photos_albums',
      'handset_photos_photos',
    ]);
    const { photo: first, stored } = await photos.add(1, add('c1', 1));
    expect(first).toEqual({ id: 1, url: 'https://r2.fivemanage.com/1.jpg', favorite: false, createdAt: Date.UTC(2026, 0, 1) + 1000 });
    expect(stored).toBe(true);
    await expect(photos.add(1, add('c1', 99))).resolves.toEqual({ photo: first, stored: false });
    for (const [clientId, url] of [['c2', 'http://r2.fivemanage.com/2.jpg'], ['c3', 'https://evil.example.org/3.jpg'], ['c4', 'javascript:alert(1)']]) {
      expect(await codeOf(photos.add(1, addSchema.parse({ clientId, url })))).toBe('INVALID_INPUT: url must be an https image on a host the server allows');
    }
    for (const n of [2, 3, 4, 5]) await photos.add(1, add(`c${n}`, n));
    expect(await codeOf(photos.add(1, add('c6', 6)))).toBe('QUOTA_EXCEEDED: a gallery holds at most 5 photos');
    await expect(photos.add(2, add('c6', 6))).resolves.toMatchObject({ photo: { id: 6 }, stored: true });
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_photos_photos WHERE phone_id = 1')).resolves.toEqual([{ n: 5 }]);
  });

  it('pages the gallery newest first by keyset, and only the favorites when asked', async () => {
    const { photos } = await setup({ maxPhotos: 100, maxAlbums: 2 });
    for (let n = 1; n <= 7; n++) await photos.add(1, add(`c${n}`, n));
    await photos.add(2, add('other', 8));
    const first = await photos.list(1, list({ limit: 3 }));
    expect(ids(first)).toEqual([7, 6, 5]);
    expect(first.cursor).toBe(5);
    const second = await photos.list(1, list({ limit: 3, cursor: 5 }));
    expect(ids(second)).toEqual([4, 3, 2]);
    await expect(photos.list(1, list({ limit: 3, cursor: 2 }))).resolves.toEqual({ photos: [expect.objectContaining({ id: 1 })], cursor: null });

    await expect(photos.setFavorite(1, { id: 3, favorite: true })).resolves.toMatchObject({ id: 3, favorite: true });
    await photos.setFavorite(1, { id: 6, favorite: true });
    expect(ids(await photos.list(1, list({ favorites: true })))).toEqual([6, 3]);
    expect(await codeOf(photos.setFavorite(2, { id: 3, favorite: false }))).toBe('NOT_FOUND: no photo 3');
  });

  it("keeps albums per character, and deleting a photo takes it out of every album", async () => {
    const { db, photos } = await setup();
    for (const n of [1, 2, 3]) await photos.add(1, add(`c${n}`, n));
    await photos.add(2, add('b1', 4));
    const trip = await photos.createAlbum(1, 'Trip');
    expect(trip).toEqual({ id: 1, name: 'Trip', photoCount: 0 });
    expect(await codeOf(photos.createAlbum(1, 'Trip'))).toBe('ALREADY_EXISTS: an album is already called "Trip"');
    // Ids come from the database (MariaDB spends one on the refused duplicate).
    const othersTrip = await photos.createAlbum(2, 'Trip');
    const cars = await photos.createAlbum(1, 'Cars');
    expect(await codeOf(photos.createAlbum(1, 'Third'))).toBe('QUOTA_EXCEEDED: at most 2 albums');

    await photos.addToAlbum(1, { albumId: 1, photoId: 1 });
    await photos.addToAlbum(1, { albumId: 1, photoId: 3 });
    await photos.addToAlbum(1, { albumId: 1, photoId: 3 });
    expect(await codeOf(photos.addToAlbum(1, { albumId: 1, photoId: 4 }))).toBe('NOT_FOUND: no photo 4');
    expect(await codeOf(photos.addToAlbum(1, { albumId: othersTrip.id, photoId: 1 }))).toBe(`NOT_FOUND: no album ${othersTrip.id}`);
    expect(ids(await photos.list(1, list({ albumId: 1 })))).toEqual([3, 1]);
    expect(await codeOf(photos.list(2, list({ albumId: 1 })))).toBe('NOT_FOUND: no album 1');
    await expect(photos.albums(1)).resolves.toEqual([
      { id: cars.id, name: 'Cars', photoCount: 0 },
      { id: 1, name: 'Trip', photoCount: 2 },
    ]);

    await photos.remove(1, 3);
    expect(await codeOf(photos.remove(2, 1))).toBe('NOT_FOUND: no photo 1');
    await expect(photos.albums(1)).resolves.toContainEqual({ id: 1, name: 'Trip', photoCount: 1 });
    await photos.removeFromAlbum(1, { albumId: 1, photoId: 1 });
    expect(await codeOf(photos.removeFromAlbum(1, { albumId: 1, photoId: 1 }))).toBe('NOT_FOUND: no photo in the album 1');
    await photos.deleteAlbum(1, 1);
    expect(await codeOf(photos.deleteAlbum(1, 1))).toBe('NOT_FOUND: no album 1');
    expect(ids(await photos.list(1, list()))).toEqual([2, 1]);

    // A deleted character takes their gallery and albums along.
    await db.run('DELETE FROM handset_core_phones WHERE id = 1');
    await expect(db.select('SELECT phone_id FROM handset_photos_photos')).resolves.toEqual([{ phone_id: 2 }]);
    await expect(db.select('SELECT phone_id FROM handset_photos_albums')).resolves.toEqual([{ phone_id: 2 }]);
  });
});

it("reads the server owner's limits, replacing a bad value by its default with a warning", () => {
  const warnings: string[] = [];
  const settings = { max_photos: '200', max_albums: 'many' } as Record<string, string>;
  expect(readPhotosSettings((name, fallback) => settings[name] ?? fallback, (message) => warnings.push(message))).toEqual({ maxPhotos: 200, maxAlbums: 50 });
  expect(warnings).toEqual(['Handset photos: handset:photos:max_albums must be a whole number from 1 to 100000; using 50']);
});
