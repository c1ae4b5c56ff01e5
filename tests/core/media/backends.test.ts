import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../../core/server/media/config';
import { serveLocalMedia } from '../../../core/server/media/local';
import { createMediaStore } from '../../../core/server/media/store';
import { HandsetError } from '../../../sdk/protocol/errors';
import { CANVAS } from '../../fixtures/images';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  form: FormData;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A node:http server on loopback that records each multipart upload and answers with `answer`. */
async function uploadServer(answer: (request: Received) => { status: number; body: unknown }) {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const form = await new Response(body, { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData();
    const entry = { method: request.method!, url: request.url!, headers: request.headers, form };
    received.push(entry);
    const { status, body: reply } = answer(entry);
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handset-media-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const noLocal = { dir: '/nonexistent', resource: 'handset', webBaseUrl: () => '' };
function store(config: BackendConfig) {
  const log: string[] = [];
  return { store: createMediaStore(config, noLocal, (message) => log.push(message)), log };
}

const fileOf = async (form: FormData, field: string) => {
  const file = form.get(field) as File;
  return { name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
};

describe('Fivemanage backend (v3)', () => {
  it('posts the file with the token as Authorization and answers data.url', async () => {
    const fivemanage = await uploadServer(() => ({ status: 200, body: { data: { id: 'f1', url: 'https://r2.fivemanage.com/abc/photo.jpg' }, status: 'ok' } }));
    const { store: media } = store({ kind: 'fivemanage', token: 'media-token', url: `${fivemanage.url}/api/v3/file` });

    await expect(media.put(CANVAS.jpeg, 'image/jpeg', 'phone-7')).resolves.toEqual({ url: 'https://r2.fivemanage.com/abc/photo.jpg' });
    const [upload] = fivemanage.received;
    expect(upload).toMatchObject({ method: 'POST', url: '/api/v3/file', headers: { authorization: 'media-token' } });
    expect(await fileOf(upload!.form, 'file')).toEqual({ name: 'photo.jpg', type: 'image/jpeg', bytes: CANVAS.jpeg });
    expect(upload!.form.get('path')).toBe('handset');
    expect(upload!.form.get('metadata')).toBe('{"owner":"phone-7"}');
    expect(media.host()).toBeNull();
  });

  it('answers UNAVAILABLE when the service is down, refuses, or answers without a URL, and logs why', async () => {
    const { store: down, log } = store({ kind: 'fivemanage', token: 't', url: `${await closedPort()}/api/v3/file` });
    await expect(down.put(CANVAS.png, 'image/png', 'phone-1')).rejects.toEqual(new HandsetError('UNAVAILABLE', 'the fivemanage media backend is unreachable'));
    expect(log).toEqual([expect.stringMatching(/^Handset media: the fivemanage backend is unreachable: /)]);

    const refusing = await uploadServer(() => ({ status: 401, body: { status: 'error', message: 'invalid token' } }));
    const { store: unauthorized, log: refusals } = store({ kind: 'fivemanage', token: 'wrong', url: refusing.url });
    await expect(unauthorized.put(CANVAS.png, 'image/png', 'phone-1')).rejects.toEqual(
      new HandsetError('UNAVAILABLE', 'the fivemanage media backend refused the upload (HTTP 401)'),
    );
    expect(refusals).toEqual(['Handset media: the fivemanage backend refused an upload: HTTP 401 {"status":"error","message":"invalid token"}']);

    const confused = await uploadServer(() => ({ status: 200, body: { status: 'ok', data: { url: 'javascript:alert(1)' } } }));
    await expect(store({ kind: 'fivemanage', token: 't', url: confused.url }).store.put(CANVAS.png, 'image/png', 'phone-1')).rejects.toEqual(
      new HandsetError('UNAVAILABLE', 'the fivemanage media backend answered without a URL'),
    );
  });
});

describe('Discord webhook backend', () => {
  it("posts files[0] with wait=true, answers the attachment's URL, and warns that such URLs expire", async () => {
    const attachment = 'https://cdn.discordapp.com/attachments/1/2/photo.webp?ex=6750&is=674f&hm=ab';
    const discord = await uploadServer(() => ({ status: 200, body: { id: '9', attachments: [{ id: '2', url: attachment }] } }));
    const { store: media, log } = store({ kind: 'discord', webhook: `${discord.url}/api/webhooks/123/token-abc` });
    expect(log).toEqual([expect.stringContaining('whose URLs expire after about a day')]);

    await expect(media.put(CANVAS.webp, 'image/webp', 'phone-2')).resolves.toEqual({ url: attachment });
    expect(discord.received[0]).toMatchObject({ method: 'POST', url: '/api/webhooks/123/token-abc?wait=true' });
    expect(await fileOf(discord.received[0]!.form, 'files[0]')).toEqual({ name: 'photo.webp', type: 'image/webp', bytes: CANVAS.webp });
  });
});

describe('custom backend', () => {
  it("posts the configured field with the configured headers and reads the URL at the configured path", async () => {
    const custom = await uploadServer(() => ({ status: 201, body: { result: { link: 'https://img.example.com/u/1.png' } } }));
    const { store: media } = store({ kind: 'custom', url: `${custom.url}/upload`, field: 'image', headers: { 'X-Api-Key': 'k-1' }, urlPath: ['result', 'link'] });

    await expect(media.put(CANVAS.png, 'image/png', 'phone-3')).resolves.toEqual({ url: 'https://img.example.com/u/1.png' });
    expect(custom.received[0]).toMatchObject({ url: '/upload', headers: { 'x-api-key': 'k-1' } });
    expect(await fileOf(custom.received[0]!.form, 'image')).toEqual({ name: 'photo.png', type: 'image/png', bytes: CANVAS.png });
  });
});

describe('S3-compatible backend (s3rver)', () => {
  async function s3rver() {
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: await tempDir(), configureBuckets: [{ name: 'photos' }] });
    const { port } = await server.run();
    cleanups.push(() => server.close());
    return `http://127.0.0.1:${port}`;
  }
  const settings = (endpoint: string, accessKey = 'S3RVER') =>
    ({ kind: 's3', endpoint, bucket: 'photos', region: 'us-east-1', accessKey, secretKey: 'S3RVER', publicUrl: undefined, pathStyle: true }) as const;

  it('puts the object signed with SigV4 and answers where it can be read', async () => {
    const endpoint = await s3rver();
    const { store: media } = store(settings(endpoint));

    const { url } = await media.put(CANVAS.jpeg, 'image/jpeg', 'phone-4');
    expect(url).toMatch(new RegExp(`^${endpoint}/photos/handset/[A-Za-z0-9_-]{22}\\.jpg$`));
    const object = await fetch(url);
    expect(object.status).toBe(200);
    expect(object.headers.get('content-type')).toBe('image/jpeg');
    expect(object.headers.get('x-amz-meta-owner')).toBe('phone-4');
    expect(Buffer.from(await object.arrayBuffer()).equals(CANVAS.jpeg)).toBe(true);
    expect(media.host()).toBe('127.0.0.1');
  });

  it('answers the public URL when one is set, and UNAVAILABLE when the key is refused or the server is down', async () => {
    const endpoint = await s3rver();
    const { store: published } = store({ ...settings(endpoint), publicUrl: 'https://photos.example.com' });
    await expect(published.put(CANVAS.png, 'image/png', 'phone-5')).resolves.toEqual({ url: expect.stringMatching(/^https:\/\/photos\.example\.com\/handset\/[A-Za-z0-9_-]{22}\.png$/) });
    expect(published.host()).toBe('photos.example.com');

    // s3rver checks the access key of a SigV4 request, not its signature.
    await expect(store(settings(endpoint, 'UNKNOWN-KEY')).store.put(CANVAS.png, 'image/png', 'phone-5')).rejects.toEqual(
      new HandsetError('UNAVAILABLE', 'the s3 media backend refused the upload (HTTP 403)'),
    );
    await expect(store(settings(await closedPort())).store.put(CANVAS.png, 'image/png', 'phone-5')).rejects.toEqual(
      new HandsetError('UNAVAILABLE', 'the s3 media backend is unreachable'),
    );
  });
});

describe('local backend', () => {
  const answer = async (dir: string, method: string, requestPath: string) => {
    let status = 0;
    let headers: Record<string, string> = {};
    let body: string | Uint8Array | undefined;
    await serveLocalMedia(dir, { method, path: requestPath }, {
      writeHead: (code, head = {}) => ((status = code), (headers = head)),
      send: (data) => void (body = data),
    });
    return { status, headers, body: body === undefined ? undefined : Buffer.from(body) };
  };

  it("writes under the resource and serves the file at <public url>/<resource>/media/<id>", async () => {
    const dir = await tempDir();
    const media = createMediaStore({ kind: 'local', publicUrl: undefined }, { dir, resource: 'handset', webBaseUrl: () => 'owner-abc123.users.cfx.re' }, () => {});

    const { url } = await media.put(CANVAS.webp, 'image/webp', 'phone-6');
    expect(url).toMatch(/^https:\/\/owner-abc123\.users\.cfx\.re\/handset\/media\/[A-Za-z0-9_-]{22}\.webp$/);
    expect(await readdir(dir)).toEqual([url.split('/').at(-1)]);
    expect(media.host()).toBe('owner-abc123.users.cfx.re');

    const served = await answer(dir, 'GET', new URL(url).pathname.replace(/^\/handset/, ''));
    expect(served.status).toBe(200);
    expect(served.headers).toMatchObject({ 'Content-Type': 'image/webp', 'X-Content-Type-Options': 'nosniff' });
    expect(served.body?.equals(CANVAS.webp)).toBe(true);
    expect(await answer(dir, 'POST', new URL(url).pathname.replace(/^\/handset/, ''))).toMatchObject({ status: 404 });
    expect(await answer(dir, 'GET', '/media/../../fxmanifest.lua')).toMatchObject({ status: 404 });
    expect(await answer(dir, 'GET', '/media/AAAAAAAAAAAAAAAAAAAAAA.jpg')).toMatchObject({ status: 404 });
  });

  it("prefers the owner's handset:media:local_url, and refuses while the server has no public address", async () => {
    const dir = await tempDir();
    const set = createMediaStore({ kind: 'local', publicUrl: 'https://media.example.com' }, { dir, resource: 'phone', webBaseUrl: () => 'x.users.cfx.re' }, () => {});
    await expect(set.put(CANVAS.png, 'image/png', 'phone-1')).resolves.toEqual({ url: expect.stringMatching(/^https:\/\/media\.example\.com\/phone\/media\//) });

    const unlisted = createMediaStore({ kind: 'local', publicUrl: undefined }, { dir: path.join(dir, 'none'), resource: 'handset', webBaseUrl: () => '' }, () => {});
    await expect(unlisted.put(CANVAS.png, 'image/png', 'phone-1')).rejects.toEqual(
      new HandsetError('UNAVAILABLE', 'the server has no public address yet: set handset:media:local_url to where FXServer is reachable'),
    );
    expect(unlisted.host()).toBeNull();
  });
});
