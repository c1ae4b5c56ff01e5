import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { connectWithPhone, nui, openSqlite, repoRoot, handsetPerTest, type HandsetSimulation } from '../support/handset';
import { eventually, manifest, type ResourceFiles } from '../support/simulation';
import { loadManifest } from '../simulator/manifest';
import { manifestFileEntries, resolveManifestEntries } from '../simulator/files';

// An app resource written in TypeScript against sdk/server, bundled as its author would bundle it.
const entry = `
import { z } from 'zod';
import { registerApp, HandsetError } from '${path.join(repoRoot, 'sdk/server/index.ts')}';

const app = registerApp({
  id: 'orders', label: 'Orders', icon: 'fa-box', color: '#0a84ff', ui: 'web/index.html', permissions: ['storage'],
});
const orders = new Map([[7, { id: 7, item: 'Burger' }]]);

app.onRequest('orders.get', z.object({ id: z.number().int() }), ({ source }, { id }) => {
  const order = orders.get(id);
  if (!order) throw new HandsetError('NOT_FOUND', 'no order ' + id);
  return { ...order, for: source };
});

app.onRequest('draft.save', z.object({ key: z.string(), text: z.string(), copies: z.number().int().default(1) }), async ({ source }, { key, text, copies }) => {
  await app.storage.set(source, key, { text: text.repeat(copies) });
  return null;
});
app.onRequest('draft.get', z.object({ key: z.string() }), ({ source }, { key }) => app.storage.get(source, key));
app.onRequest('draft.remove', z.object({ key: z.string() }), async ({ source }, { key }) => {
  await app.storage.remove(source, key);
  return null;
});

const refusal = (error: unknown) => error instanceof HandsetError ? error.code + ' ' + error.message : 'not a HandsetError: ' + error;
// Fills the 256 keys an app may keep per character, then tries one more.
RegisterCommand('fill', async (_source: number, [player]: string[]) => {
  for (let i = 0; i < 256; i++) await app.storage.set(Number(player), 'key' + i, i);
  console.log('257th ' + await app.storage.set(Number(player), 'one.more', true).then(() => 'stored', refusal));
}, true);
RegisterCommand('offline', async () => {
  console.log('get ' + await app.storage.get(999, 'draft').then(() => 'read', refusal));
  console.log('set ' + await app.storage.set(999, 'draft', 1).then(() => 'stored', refusal));
  console.log('remove ' + await app.storage.remove(999, 'draft').then(() => 'removed', refusal));
}, true);

RegisterCommand('present', async (_source: number, [player, link]: string[]) => {
  console.log('present ' + JSON.stringify(await app.present(Number(player), link!)));
}, true);

RegisterCommand('ready', async (_source: number, [player]: string[]) => {
  console.log('push ' + JSON.stringify(app.sendAppMessage(Number(player), 'order.ready', { id: 7 })));
  console.log('notify ' + JSON.stringify(await app.notify(Number(player), { title: 'Order ready', body: 'Burger' })));
}, true);

try {
  registerApp({ id: 'contacts', label: 'Mine', icon: 'fa-x', color: '#000000', ui: 'web/index.html' });
} catch (error) {
  console.log('refused ' + (error as HandsetError).code + ' ' + (error as HandsetError).message);
}
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: entry, loader: 'ts', resolveDir: repoRoot },
    bundle: true,
    format: 'iife',
    platform: 'node',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

async function ordersResource() {
  return {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': await bundle(),
    'web/index.html': '<!doctype html><title>Orders</title>',
  };
}

/** A built resource folder as it ships: its fxmanifest.lua and every file the manifest lists. */
async function builtResource(dir: string): Promise<ResourceFiles> {
  const { files, unmatched } = await resolveManifestEntries(dir, manifestFileEntries(await loadManifest(dir)));
  if (unmatched.length > 0) throw new Error(`${dir} is not built (npm run build): no ${unmatched.join(', ')}`);
  const resource: ResourceFiles = { 'fxmanifest.lua': await readFile(path.join(dir, 'fxmanifest.lua'), 'utf8') };
  for (const file of files) resource[file] = await readFile(path.join(dir, file), 'utf8');
  return resource;
}

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

it('sdk/server registers an app, validates requests with a schema, answers with HandsetError codes, pushes and notifies', async () => {
  simulation = await startHandset({ database: await openSqlite(), resources: { orders: await ordersResource() } });
  const { sim, printed, errors } = simulation;
  expect(printed('orders')).toEqual(['refused INVALID_INPUT reserved_id: "contacts" is the id of a built-in app']);

  const { player, page } = await connectWithPhone(simulation);
  await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'orders' } });
  await nui(page, 'appState', { appId: 'orders', open: true });
  const get = (payload: unknown) => nui(page, 'request', { appId: 'orders', action: 'orders.get', payload });
  await expect(get({ id: 7 })).resolves.toEqual({ ok: true, data: { id: 7, item: 'Burger', for: player.id } });
  await expect(get({ id: 8 })).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no order 8' } });
  await expect(get({ id: 'seven' })).resolves.toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: 'Invalid input: expected number, received string' },
  });

  sim.executeCommand(`ready ${player.id}`, 0);
  await eventually(() => expect(printed('orders')).toHaveLength(3));
  expect(printed('orders').slice(1)).toEqual(['push {"ok":true}', 'notify {"ok":true}']);
  expect(page.messages).toContainEqual({ type: 'app:message', appId: 'orders', messageType: 'order.ready', data: { id: 7 } });
  expect(page.messages).toContainEqual({
    type: 'notification',
    notification: expect.objectContaining({ appId: 'orders', title: 'Order ready', body: 'Burger' }),
  });
  expect(errors).toEqual([]);
});

it("sdk/server's present brings the app up on the player's phone without NUI focus, only for a character who may use it", async () => {
  simulation = await startHandset({ database: await openSqlite(), resources: { orders: await ordersResource() } });
  const { sim, printed, errors } = simulation;
  const { player, page } = await connectWithPhone(simulation);
  const presented = () => printed('orders').filter((line) => line.startsWith('present '));

  sim.executeCommand(`present ${player.id} order/7`, 0);
  await eventually(() => expect(presented()).toHaveLength(1));
  expect(presented()[0]).toBe('present {"ok":false,"reason":"not_allowed","message":"app \\"orders\\" is not installed"}');

  await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'orders' } });
  sim.executeCommand(`present ${player.id} order/7`, 0);
  await eventually(() => expect(presented()).toHaveLength(2));
  expect(presented()[1]).toBe('present {"ok":true}');
  await eventually(() => expect(page.messages.at(-1)).toEqual({ type: 'app:present', appId: 'orders', link: 'order/7' }));
  // The phone stays put away: the game keeps the keyboard and mouse.
  expect(page.messages).not.toContainEqual({ type: 'phone:visibility', open: true });
  expect(player.nui.focus).toEqual({ resource: null, hasFocus: false, hasCursor: false, keepInput: false });

  sim.executeCommand('present 99 order/7', 0);
  await eventually(() => expect(presented()).toHaveLength(3));
  expect(presented()[2]).toBe('present {"ok":false,"reason":"offline","message":"player 99 has no phone loaded"}');
  expect(errors).toEqual([]);
});

it("sdk/server's storage reads and writes the app's per-character store, refusing with HandsetError codes", async () => {
  simulation = await startHandset({ database: await openSqlite(), resources: { orders: await ordersResource() } });
  const { sim, printed, errors } = simulation;
  const { player, page } = await connectWithPhone(simulation);
  await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'orders' } });
  const ask = (action: string, payload: unknown) => nui(page, 'request', { appId: 'orders', action, payload });
  const frameGet = (key: string) => nui(page, 'request', { appId: 'handset', action: 'storage.get', payload: { appId: 'orders', key } });

  await expect(ask('draft.save', { key: 'draft', text: 'milk' })).resolves.toEqual({ ok: true, data: null });
  await expect(ask('draft.get', { key: 'draft' })).resolves.toEqual({ ok: true, data: { text: 'milk' } });
  // The frame's app.storage sees what the server side stored, and the other way round.
  await expect(frameGet('draft')).resolves.toEqual({ ok: true, data: { text: 'milk' } });
  await nui(page, 'request', { appId: 'handset', action: 'storage.set', payload: { appId: 'orders', key: 'list', value: ['eggs'] } });
  await expect(ask('draft.get', { key: 'list' })).resolves.toEqual({ ok: true, data: ['eggs'] });

  await expect(ask('draft.save', { key: 'bad key', text: 'milk' })).resolves.toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: 'key must be 1-64 of A-Z, a-z, 0-9 and _ . : -' },
  });
  await expect(ask('draft.get', { key: 'bad key' })).resolves.toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: 'key must be 1-64 of A-Z, a-z, 0-9 and _ . : -' },
  });
  await expect(ask('draft.save', { key: 'draft', text: 'x', copies: 17_000 })).resolves.toEqual({
    ok: false,
    error: { code: 'PAYLOAD_TOO_LARGE', message: 'value is 17011 bytes as JSON; at most 16384' },
  });
  await expect(ask('draft.get', { key: 'draft' })).resolves.toEqual({ ok: true, data: { text: 'milk' } });

  await expect(ask('draft.remove', { key: 'draft' })).resolves.toEqual({ ok: true, data: null });
  await expect(ask('draft.get', { key: 'draft' })).resolves.toEqual({ ok: true, data: null });
  await expect(frameGet('draft')).resolves.toEqual({ ok: true, data: null });
  await expect(ask('draft.remove', { key: 'draft' })).resolves.toEqual({ ok: true, data: null });
  await expect(ask('draft.remove', { key: 'list' })).resolves.toEqual({ ok: true, data: null });

  sim.executeCommand('offline', 0);
  await eventually(() => expect(printed('orders')).toHaveLength(4));
  expect(printed('orders').slice(1)).toEqual([
    'get UNAVAILABLE player 999 has no phone loaded',
    'set UNAVAILABLE player 999 has no phone loaded',
    'remove UNAVAILABLE player 999 has no phone loaded',
  ]);
  sim.executeCommand(`fill ${player.id}`, 0);
  await eventually(() => expect(printed('orders')).toHaveLength(5), 10_000);
  expect(printed('orders')[4]).toBe('257th QUOTA_EXCEEDED an app keeps at most 256 keys per character');
  expect(errors).toEqual([]);
});

it('the Preact template, as built, registers its app, greets and pushes pong', async () => {
  const template = await builtResource(path.join(repoRoot, 'templates/preact-app'));
  simulation = await startHandset({ database: await openSqlite(), resources: { 'preact-app': template } });
  const { errors } = simulation;
  const { page } = await connectWithPhone(simulation);
  await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'template_app' } });
  await nui(page, 'appState', { appId: 'template_app', open: true });
  const ask = (action: string, payload: unknown) => nui(page, 'request', { appId: 'template_app', action, payload });

  await expect(ask('greet', { name: '  Lamar ' })).resolves.toEqual({ ok: true, data: { text: 'Hello, Lamar!' } });
  await expect(ask('greet', { name: '' })).resolves.toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: 'Too small: expected string to have >=1 characters' },
  });
  await expect(ask('ping', {})).resolves.toEqual({ ok: true, data: { sent: true } });
  await eventually(() =>
    expect(page.messages).toContainEqual({ type: 'app:message', appId: 'template_app', messageType: 'pong', data: { at: expect.any(Number) } }),
  );
  expect(errors).toEqual([]);
});
