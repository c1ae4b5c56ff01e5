import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { connectWithPhone, nui, openSqlite, repoRoot, handsetPerTest, type HandsetSimulation } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

// An app resource written in TypeScript against sdk/server, bundled as its author would bundle it.
const entry = `
import { z } from 'zod';
import { registerApp, HandsetError } from '${path.join(repoRoot, 'sdk/server/index.ts')}';

const app = registerApp({ id: 'orders', label: 'Orders', icon: 'fa-box', color: '#0a84ff', ui: 'web/index.html' });
const orders = new Map([[7, { id: 7, item: 'Burger' }]]);

app.onRequest('orders.get', z.object({ id: z.number().int() }), ({ source }, { id }) => {
  const order = orders.get(id);
  if (!order) throw new HandsetError('NOT_FOUND', 'no order ' + id);
  return { ...order, for: source };
});

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

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

it('sdk/server registers an app, validates requests with a schema, answers with HandsetError codes, pushes and notifies', async () => {
  simulation = await startHandset({
    database: await openSqlite(),
    resources: {
      orders: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
        'server.js': await bundle(),
        'web/index.html': '<!doctype html><title>Orders</title>',
      },
    },
  });
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
