import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, openSqlite } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// A third-party app whose handlers throw, reject and answer nonsense.
const flakyServer = `
exports.handset.registerApp({ id: 'flaky', label: 'Flaky', icon: 'fa-bug', color: '#ff453a', ui: 'web/index.html' });
exports.handset.onRequest('flaky', 'throw', () => { throw new Error('boom'); });
exports.handset.onRequest('flaky', 'reject', () => Promise.reject(new Error('later boom')));
exports.handset.onRequest('flaky', 'nonsense', () => 42);
exports.handset.onRequest('flaky', 'fine', () => ({ ok: true, data: 'fine' }));
`;

const resources = {
  flaky: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': flakyServer,
    'web/index.html': '<!doctype html><title>Flaky</title>',
  },
};

const startHandset = handsetPerTest();

it('keeps the phone working when a third-party app throws, answers nonsense or restarts', async () => {
  const simulation = await startHandset({ database: await openSqlite(), resources });
  const { sim, printed } = simulation;
  const a = await connectWithPhone(simulation);
  const ask = (appId: string, action: string, payload: unknown = {}) => nui(a.page, 'request', { appId, action, payload });
  await expect(ask('handset', 'apps.install', { appId: 'flaky' })).resolves.toMatchObject({ ok: true });

  const failed = { ok: false, error: { code: 'INTERNAL', message: 'the request failed on the server' } };
  await expect(ask('flaky', 'throw')).resolves.toEqual(failed);
  await expect(ask('flaky', 'reject')).resolves.toEqual(failed);
  await expect(ask('flaky', 'nonsense')).resolves.toEqual(failed);
  // Handset logs whose fault each was; the phone and the app's other actions go on.
  expect(printed('handset').filter((line) => line.startsWith('request flaky/'))).toEqual([
    expect.stringMatching(/^request flaky\/throw from player \d+ failed: .*boom/),
    expect.stringMatching(/^request flaky\/reject from player \d+ failed: .*later boom/),
    expect.stringMatching(/^request flaky\/nonsense from player \d+ failed: app "flaky" answered "nonsense" with something other than \{ ok, data \| error \}$/),
  ]);
  await expect(ask('flaky', 'fine')).resolves.toEqual({ ok: true, data: 'fine' });
  await expect(ask('handset', 'apps.list', null)).resolves.toMatchObject({ ok: true, data: expect.arrayContaining([expect.objectContaining({ id: 'flaky', installed: true })]) });
  await expect(ask('contacts', 'contacts.list', { limit: 50 })).resolves.toMatchObject({ ok: true });

  // Stopped, its app is gone and says so; started again, it is back, still installed.
  await sim.stop('flaky');
  await expect(ask('flaky', 'fine')).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no app "flaky" is registered' } });
  await sim.ensure('flaky');
  await eventually(async () => expect(await ask('flaky', 'fine')).toEqual({ ok: true, data: 'fine' }));
  await expect(ask('contacts', 'contacts.list', { limit: 50 })).resolves.toMatchObject({ ok: true });
  // Nothing it did broke a script of Handset's.
  expect(simulation.errors.filter((error) => error.resource === 'handset')).toEqual([]);
});
