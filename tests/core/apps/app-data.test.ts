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
}, true);
RegisterCommand('plain', async (_source, [player]) => {
  console.log('plain ' + JSON.stringify(await exports.handset.setAppData(Number(player), 'plain', 'list', 1)));
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
    sim.executeCommand(`plain ${player.id}`, 0);
    await eventually(() => expect(printed('notes')).toHaveLength(3));
    expect(printed('notes')[2]).toBe('plain [false,"no_permission","\\"plain\\" does not have the storage permission"]');

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

onEachDatabase((open) => {
  it("files an app frame's notification under the app's id and label, only with the notifications permission", async () => {
    const alerts = `exports.handset.registerApp({ id: 'alerts', label: 'Alerts', icon: 'fa-bell', color: '#ff453a', ui: 'web/index.html', permissions: ['notifications'] });`;
    simulation = await startHandset({
      database: await open(),
      resources: { notes: { ...resources.notes, 'server.js': `${resources.notes['server.js']}\n${alerts}` } },
    });
    const { page } = await connectWithPhone(simulation);
    for (const appId of ['alerts', 'plain']) {
      await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId } });
    }
    const create = (payload: object) => nui(page, 'request', { appId: 'handset', action: 'notifications.create', payload });

    const created = (await create({ appId: 'alerts', title: 'Low balance', body: '$12 left', app: 'Spoofed' })) as { ok: true; data: { id: number } };
    expect(created).toEqual({ ok: true, data: { id: expect.any(Number) } });
    const shown = (await page.waitForMessage((message) => (message as { type: string }).type === 'notification')) as {
      notification: Record<string, unknown>;
    };
    expect(shown.notification).toMatchObject({ id: created.data.id, appId: 'alerts', app: 'Alerts', title: 'Low balance', body: '$12 left' });

    await expect(create({ appId: 'plain', title: 'Hi', body: '' })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'app "plain" does not have the notifications permission' },
    });
    await expect(create({ appId: 'ghost', title: 'Hi', body: '' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no app "ghost" is registered' },
    });
    const listed = (await nui(page, 'request', { appId: 'handset', action: 'notifications.list', payload: {} })) as { data: unknown[] };
    expect(listed.data).toHaveLength(1);
    expect(simulation.errors).toEqual([]);
  });
});

onEachDatabase((open) => {
  it("pre-installs an App Store app on every phone when the server owner's word is `default`", async () => {
    simulation = await startHandset({ database: await open(), resources, convars: { 'handset:app:plain': 'default' } });
    const { page } = await connectWithPhone(simulation);
    const listed = (await nui(page, 'request', { appId: 'handset', action: 'apps.list' })) as {
      data: { id: string; category: string; installed: boolean; resource: string }[];
    };
    // Handset's own apps come with every phone; this test is about the third-party ones.
    const thirdParty = listed.data.filter((app) => app.resource !== 'handset');
    expect(thirdParty.map(({ id, category, installed }) => ({ id, category, installed }))).toEqual([
      { id: 'notes', category: 'appstore', installed: false },
      { id: 'plain', category: 'appstore', installed: true },
    ]);
    await expect(nui(page, 'appState', { appId: 'plain', open: true })).resolves.toEqual({ ok: true, data: null });
    await expect(nui(page, 'request', { appId: 'handset', action: 'apps.uninstall', payload: { appId: 'plain' } })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'app "plain" comes with the phone' },
    });
    expect(simulation.errors).toEqual([]);
  });
});
