import path from 'node:path';
import { expect, it } from 'vitest';
import { CANVAS, SECRET } from '../../fixtures/images';
import { connectWithPhone, handsetPerTest, nui, openSqlite, repoRoot } from '../../support/handset';
import { manifest, simulate } from '../../support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

const withScreenshotBasic = { ensure: { dirs: [], names: ['screenshot-basic'] } };
const localMedia = { 'handset:media:local_url': 'https://media.example.com' };
const capture = (page: Parameters<typeof nui>[0], payload: unknown = {}) => nui(page, 'request', { appId: 'handset', action: 'camera.capture', payload });
const MEDIA_URL = /^https:\/\/media\.example\.com\/handset\/media\/[A-Za-z0-9_-]{22}\.(jpg|png|webp)$/;

it("takes the player's photo through screenshot-basic, stores it without EXIF, and serves it from Handset's HTTP handler", async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: localMedia, ...withScreenshotBasic });
  const { page } = await connectWithPhone(simulation);

  const answer = (await capture(page)) as { ok: true; data: { url: string } };
  expect(answer).toEqual({ ok: true, data: { url: expect.stringMatching(MEDIA_URL) } });
  const served = await simulation.sim.http.request('handset', { path: new URL(answer.data.url).pathname.replace(/^\/handset/, '') });
  expect(served.status).toBe(200);
  expect(served.headers['Content-Type']).toBe('image/jpeg');
  expect(served.body.includes(SECRET)).toBe(false);
  expect(served.body.equals(CANVAS.jpeg)).toBe(true);
  // The local backend's own host passes the image allowlist without being listed in handset:image_hosts.
  expect(simulation.errors).toEqual([]);
});

it("uses the server owner's encoding, and checks an app's camera permission", async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: { ...localMedia, 'handset:camera:encoding': 'png' }, ...withScreenshotBasic });
  const { page } = await connectWithPhone(simulation);

  const answer = (await capture(page, { appId: 'messages' })) as { ok: true; data: { url: string } };
  expect(answer.data.url).toMatch(/\.png$/);
  const served = await simulation.sim.http.request('handset', { path: new URL(answer.data.url).pathname.replace(/^\/handset/, '') });
  expect(served.body.equals(CANVAS.png)).toBe(true);

  await expect(capture(page, { appId: 'contacts' })).resolves.toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: 'app "contacts" does not have the camera permission' },
  });
  await expect(capture(page, { appId: 'contacts', zoom: 2 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

it('sends the photo in Messages: the local backend\'s host passes the apps\' image allowlist', async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: localMedia, ...withScreenshotBasic });
  const a = await connectWithPhone(simulation);
  const b = await connectWithPhone(simulation);

  const { data: photo } = (await capture(a.page)) as { ok: true; data: { url: string } };
  const sent = await nui(a.page, 'request', {
    appId: 'messages',
    action: 'messages.send',
    payload: { clientId: 'p-1', to: b.number, kind: 'photo', body: '', attachment: { url: photo.url } },
  });
  expect(sent).toMatchObject({ ok: true, data: { kind: 'photo', attachment: { url: photo.url } } });
  const { data: threads } = (await nui(b.page, 'request', { appId: 'messages', action: 'threads.list', payload: {} })) as {
    data: { threads: { id: string }[] };
  };
  const received = await nui(b.page, 'request', { appId: 'messages', action: 'messages.list', payload: { threadId: threads.threads[0]!.id } });
  expect(received).toMatchObject({ ok: true, data: { messages: [{ kind: 'photo', attachment: { url: photo.url }, mine: false }] } });
});

it("keeps each character to the server owner's photo cap", async () => {
  const simulation = await startHandset({
    database: await openSqlite(),
    convars: { ...localMedia, 'handset:media:photos_per_character': '1' },
    ...withScreenshotBasic,
  });
  const { page } = await connectWithPhone(simulation);

  await expect(capture(page)).resolves.toMatchObject({ ok: true });
  await expect(capture(page)).resolves.toEqual({
    ok: false,
    error: { code: 'QUOTA_EXCEEDED', message: "the character's photo limit (1) is reached; delete some first" },
  });
});

it('tells the player and the server owner when screenshot-basic is not started', async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: localMedia });
  const { page } = await connectWithPhone(simulation);

  await expect(capture(page)).resolves.toEqual({
    ok: false,
    error: { code: 'UNAVAILABLE', message: 'the camera needs screenshot-basic: the server owner must ensure screenshot-basic in server.cfg' },
  });
  expect(simulation.printed('handset')).toContain('Handset camera: screenshot-basic is not started; add "ensure screenshot-basic" to server.cfg');
});

it('reports "No such export requestClientScreenshot" from a screenshot-basic without it', async () => {
  // A fork that renamed its exports, under the name screenshot-basic.
  const fork = { 'fxmanifest.lua': manifest("server_script 'server.js'"), 'server.js': "exports('takeScreenshot', () => null);" };
  const simulation = await startHandset({ database: await openSqlite(), convars: localMedia, resources: { 'screenshot-basic': fork } });
  const { page } = await connectWithPhone(simulation);

  await expect(capture(page)).resolves.toEqual({
    ok: false,
    error: { code: 'UNAVAILABLE', message: 'screenshot-basic has no requestClientScreenshot export: the server owner must install citizenfx/screenshot-basic' },
  });
  expect(simulation.printed('handset')).toContain(
    'Handset camera: No such export requestClientScreenshot in resource screenshot-basic; install citizenfx/screenshot-basic, which exports requestClientScreenshot',
  );
});

it('refuses to start on a bad media convar, naming it', async () => {
  const database = await openSqlite();
  const simulation = await simulate({}, { namedResources: { handset: repoRoot }, systemResourceDirs: [path.join(repoRoot, 'tests/simulator/resources')] });
  try {
    simulation.sim.convars.set('mysql_connection_string', database.connection);
    simulation.sim.convars.set('handset:media:backend', 's3');
    simulation.sim.convars.set('handset:media:s3_endpoint', 'minio.local');
    await simulation.sim.ensure('oxmysql');
    await simulation.sim.ensure('handset');
    // The first script error is the reason; what follows only fails because Handset stopped there.
    expect(String((simulation.errors[0]?.error as Error).message)).toBe('convar handset:media:s3_endpoint: an http(s) URL (got "minio.local")');
  } finally {
    await simulation.sim.shutdown();
    await database.dispose();
  }
});
