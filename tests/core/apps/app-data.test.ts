import { expect, it } from 'vitest';
import { connectWithPhone, nui, onEachDatabase, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

const app = (id: string, permissions: string) =>
  `exports.handset.registerApp({ id: '${id}', label: 'Notes', icon: 'fa-note', color: '#ffd60a', ui: 'web/index.html', permissions: ${permissions} });`;

const resources = {
  notes: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': `${app('notes', "['storage']")}
${app('plain', '[]')}
RegisterCommand('save', async (_source, [player, key]) => {
  console.log('save ' + JSON.stringify(await exports.handset.setAppData(Number(player), 'notes', key, { text: 'milk' })));
  console.log('read ' + JSON.stringify(await exports.handset.getAppData(Number(player), 'notes', key)));
}, true);`,
    'web/index.html': '<!doctype html><title>Notes</title>',
  },
  other: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`),
    'server.js': `RegisterCommand('snoop', async (_source, [player]) => {
  console.log('snoop ' + JSON.stringify(await exports.handset.setAppData(Number(player), 'notes', 'list', 'mine now')));
}, true);`,
  },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

onEachDatabase((open) => {
  it('keeps an app’s data per character for its owner and its frame only', async () => {
    simulation = await startHandset({ database: await open(), resources });
    const { sim, printed, errors } = simulation;
    const { player, page } = await connectWithPhone(simulation);
    for (const appId of ['notes', 'plain']) {
      await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId } });
    }

    sim.executeCommand(`save ${player.id} list`, 0);
    sim.executeCommand(`snoop ${player.id}`, 0);
    await eventually(() => expect(printed('notes')).toHaveLength(2));
    await eventually(() => expect(printed('other')).toHaveLength(1));
    expect(printed('notes')).toEqual(['save true', 'read {"text":"milk"}']);
    expect(printed('other')).toEqual(['snoop [false,"not_owner","\\"notes\\" is registered by another resource"]']);

    const storage = (action: string, payload: object) => nui(page, 'request', { appId: 'handset', action, payload });
    await expect(storage('storage.get', { appId: 'notes', key: 'list' })).resolves.toEqual({ ok: true, data: { text: 'milk' } });
    await expect(storage('storage.set', { appId: 'notes', key: 'big', value: 'x'.repeat(17_000) })).resolves.toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'payload over 16384 bytes' },
    });
    await expect(storage('storage.set', { appId: 'notes', key: 'bad key', value: 1 })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'key must be 1-64 of A-Z, a-z, 0-9 and _ . : -' },
    });
    await expect(storage('storage.keys', { appId: 'notes' })).resolves.toEqual({ ok: true, data: ['list'] });
    await expect(storage('storage.get', { appId: 'plain', key: 'list' })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'app "plain" does not have the storage permission' },
    });
    expect(errors).toEqual([]);
  });
});
