import { expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '../../../core/server/apps/request-bridge';

/** The default `handset:request_burst`: as many runs may be unfinished at once per player and app. */
const MAX_RUNNING_PER_PLAYER = 30;
import { connectWithPhone, handsetPerTest, nui, openSqlite } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// A third-party app whose `hang` never answers, whose `slow` answers when told to, and whose `quick` answers at once.
const stallServer = `
exports.handset.registerApp({ id: 'stall', label: 'Stall', icon: 'fa-plus', color: '#30d158', ui: 'web/index.html' });
let started = 0;
const waiting = [];
exports.handset.onRequest('stall', 'hang', () => {
  console.log('started ' + ++started);
  return new Promise(() => undefined);
});
exports.handset.onRequest('stall', 'slow', () => {
  console.log('started ' + ++started);
  return new Promise((resolve) => waiting.push(resolve));
});
exports.handset.onRequest('stall', 'quick', () => ({ ok: true, data: 'quick' }));
RegisterCommand('release', () => waiting.splice(0).forEach((resolve) => resolve({ ok: true, data: 'late' })), true);
`;

const resources = {
  stall: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': stallServer,
    'web/index.html': '<!doctype html><title>Stall</title>',
  },
};

const startHandset = handsetPerTest();
/** Long enough for a request rate bucket (10 a second) to refill the few tokens a step spent. */
const refilled = () => new Promise((resolve) => setTimeout(resolve, 500));
const busy = { ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests still running; wait for their answers' } };

it(
  'caps the handler runs a player has unfinished per app: a run that outlived its timeout still holds its place, so hung work cannot pile up',
  async () => {
    const simulation = await startHandset({ database: await openSqlite(), resources });
    const { printed, sim, errors } = simulation;
    // The stand-in gives up on a NUI callback after 10 s, as long as the bridge waits; the client answers TIMEOUT first in the game.
    sim.options.nuiCallbackTimeoutMs = REQUEST_TIMEOUT_MS + 10_000;
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const ask = (page: typeof a.page, action: string, appId = 'stall') => nui(page, 'request', { appId, action, payload: {} });
    for (const { page } of [a, b]) {
      await expect(nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'stall' } })).resolves.toMatchObject({ ok: true });
    }

    // The installs spent a token of each app's rate bucket: full again, so only the running cap can refuse.
    await refilled();
    // A fills its places with runs that never end; the next request is refused before its handler runs.
    const hung = Array.from({ length: MAX_RUNNING_PER_PLAYER }, () => ask(a.page, 'hang'));
    await eventually(() => expect(printed('stall')).toHaveLength(MAX_RUNNING_PER_PLAYER));
    // The burst spent the rate bucket: once it has refilled, the running cap is what still refuses.
    await refilled();
    await expect(ask(a.page, 'hang')).resolves.toEqual(busy);
    await expect(ask(a.page, 'quick')).resolves.toEqual(busy);
    expect(printed('stall')).toHaveLength(MAX_RUNNING_PER_PLAYER);
    // Only A's requests to that app: A's other apps, the phone's own actions and B are not held up.
    await expect(ask(a.page, 'contacts.list', 'contacts')).resolves.toMatchObject({ ok: true });
    await expect(nui(a.page, 'request', { appId: 'handset', action: 'apps.list', payload: null })).resolves.toMatchObject({ ok: true });
    await expect(ask(b.page, 'quick')).resolves.toEqual({ ok: true, data: 'quick' });

    // Past the bridge's timeout the player hears TIMEOUT, but the runs are still going: the places stay taken.
    const answers = await Promise.all(hung);
    expect(answers).toEqual(Array(MAX_RUNNING_PER_PLAYER).fill({ ok: false, error: { code: 'TIMEOUT', message: `no answer within ${REQUEST_TIMEOUT_MS} ms` } }));
    await expect(ask(a.page, 'quick')).resolves.toEqual(busy);
    expect(printed('stall')).toHaveLength(MAX_RUNNING_PER_PLAYER);

    // Runs that end give their places back.
    await refilled();
    const slow = Array.from({ length: MAX_RUNNING_PER_PLAYER }, () => ask(b.page, 'slow'));
    await eventually(() => expect(printed('stall')).toHaveLength(2 * MAX_RUNNING_PER_PLAYER));
    await refilled();
    await expect(ask(b.page, 'quick')).resolves.toEqual(busy);
    sim.executeCommand('release', 0);
    expect(await Promise.all(slow)).toEqual(Array(MAX_RUNNING_PER_PLAYER).fill({ ok: true, data: 'late' }));
    await refilled();
    await expect(ask(b.page, 'quick')).resolves.toEqual({ ok: true, data: 'quick' });
    expect(errors).toEqual([]);
  },
  REQUEST_TIMEOUT_MS + 20_000,
);
