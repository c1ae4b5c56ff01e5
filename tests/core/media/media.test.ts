import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { MediaConfig } from '../../../core/server/media/config';
import { Media } from '../../../core/server/media/media';
import { createMediaStore } from '../../../core/server/media/store';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import { migrate } from '../../../core/server/storage/migrations';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { Database } from '../../../sdk/server/database';
import { CANVAS, jpegWithMetadata, SECRET } from '../../fixtures/images';
import { forEachDatabase } from '../storage/databases';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A Fivemanage-shaped endpoint on loopback that keeps the files it was sent and answers a URL on `host`. */
async function fivemanage(host = 'r2.fivemanage.com') {
  const files: Buffer[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers['content-type']! } }).formData();
    files.push(Buffer.from(await (form.get('file') as File).arrayBuffer()));
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ data: { id: `f${files.length}`, url: `https://${host}/${files.length}.jpg` }, status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/file`, files };
}

const limits = { maxBytes: 4096, photosPerCharacter: 2, camera: { encoding: 'jpg', quality: 0.85 } } as const;
const imageHosts = ['*.fivemanage.com'];

async function setUp(db: Database, url: string, config: Partial<MediaConfig> = {}) {
  await migrate(db, 'core', coreMigrations);
  for (const n of [1, 2]) await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?)', [`license:${n}`, `555000${n}`]);
  const log: string[] = [];
  const store = createMediaStore({ kind: 'fivemanage', token: 't', url }, { dir: '/nonexistent', resource: 'handset', webBaseUrl: () => '' }, (m) => log.push(m));
  return { media: new Media(db, store, { ...limits, backend: { kind: 'fivemanage', token: 't', url }, ...config }, imageHosts, (m) => log.push(m)), log };
}

const rows = (db: Database) => db.select('SELECT phone_id, url, content_type, byte_size FROM handset_core_media ORDER BY id');

forEachDatabase((current) => {
  it('stores the image without its metadata and records only its URL for the phone', async () => {
    const db = current();
    const backend = await fivemanage();
    const { media } = await setUp(db, backend.url);

    await expect(media.save(1, jpegWithMetadata())).resolves.toEqual({ id: 1, url: 'https://r2.fivemanage.com/1.jpg' });
    expect(backend.files).toHaveLength(1);
    expect(backend.files[0]!.includes(SECRET)).toBe(false);
    expect(backend.files[0]!.equals(CANVAS.jpeg)).toBe(true);
    await expect(rows(db)).resolves.toEqual([{ phone_id: 1, url: 'https://r2.fivemanage.com/1.jpg', content_type: 'image/jpeg', byte_size: CANVAS.jpeg.length }]);
  });

  it('refuses oversize and non-image bytes before anything is sent or stored', async () => {
    const db = current();
    const backend = await fivemanage();
    const { media } = await setUp(db, backend.url, { maxBytes: 512 });

    await expect(media.save(1, jpegWithMetadata())).rejects.toEqual(
      new HandsetError('PAYLOAD_TOO_LARGE', `the image is ${jpegWithMetadata().length} bytes; at most 512`),
    );
    await expect(media.save(1, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'))).rejects.toEqual(
      new HandsetError('INVALID_INPUT', 'not a JPEG, PNG or WebP image'),
    );
    await expect(media.save(1, CANVAS.png.subarray(0, 100))).rejects.toEqual(new HandsetError('INVALID_INPUT', 'the png image is damaged'));
    expect(backend.files).toEqual([]);
    await expect(rows(db)).resolves.toEqual([]);
  });

  it('keeps each character to the cap', async () => {
    const db = current();
    const backend = await fivemanage();
    const { media } = await setUp(db, backend.url);

    await media.save(1, CANVAS.png);
    await media.save(1, CANVAS.webp);
    await expect(media.save(1, CANVAS.jpeg)).rejects.toEqual(new HandsetError('QUOTA_EXCEEDED', "the character's photo limit (2) is reached; delete some first"));
    await expect(media.save(2, CANVAS.jpeg)).resolves.toEqual({ id: 3, url: 'https://r2.fivemanage.com/3.jpg' });
    expect(backend.files).toHaveLength(3);
    await expect(db.select('SELECT phone_id, COUNT(*) AS photos FROM handset_core_media GROUP BY phone_id ORDER BY phone_id')).resolves.toEqual([
      { phone_id: 1, photos: 2 },
      { phone_id: 2, photos: 1 },
    ]);
  });

  it('stores nothing when the backend is down or answers a host the allowlist refuses', async () => {
    const db = current();
    const { media: down } = await setUp(db, 'http://127.0.0.1:9/api/v3/file');
    await expect(down.save(1, CANVAS.jpeg)).rejects.toEqual(new HandsetError('UNAVAILABLE', 'the fivemanage media backend is unreachable'));

    const elsewhere = await fivemanage('images.example.com');
    const store = createMediaStore({ kind: 'fivemanage', token: 't', url: elsewhere.url }, { dir: '/nonexistent', resource: 'handset', webBaseUrl: () => '' }, () => {});
    const log: string[] = [];
    const media = new Media(db, store, { ...limits, backend: { kind: 'fivemanage', token: 't', url: elsewhere.url } }, imageHosts, (m) => log.push(m));
    await expect(media.save(1, CANVAS.jpeg)).rejects.toEqual(new HandsetError('UNAVAILABLE', 'the photo was stored on a host the server does not allow for images'));
    expect(log).toEqual(['Handset media: the backend stored a photo at https://images.example.com/1.jpg, whose host handset:image_hosts does not allow; add it there']);
    await expect(rows(db)).resolves.toEqual([]);
  });
});
