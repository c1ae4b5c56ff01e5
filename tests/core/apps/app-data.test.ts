import { expect, it } from 'vitest';
import { connectWithPhone, nui, onEachDatabase, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';
import { driver, driverResource, FRAMEWORKS } from '../identity/frameworks';

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

onEachDatabase((open) => {
  it('lets a player remove a pre-installed app only where the owner says `removable`, keeps the choice, and gives it back from the store', async () => {
    simulation = await startHandset({ database: await open(), resources, convars: { 'handset:app:plain': 'default removable' } });
    const request = (page: Parameters<typeof nui>[0], action: string, payload: unknown = {}) => nui(page, 'request', { appId: 'handset', action, payload });
    const plainApp = async (page: Parameters<typeof nui>[0]) => ((await request(page, 'apps.list')) as { data: { id: string; installed: boolean }[] }).data.find((app) => app.id === 'plain');
    const a = await connectWithPhone(simulation, { identifiers: ['license:ana'] });

    await expect(request(a.page, 'apps.uninstall', { appId: 'plain' })).resolves.toEqual({ ok: true, data: null });
    await expect(plainApp(a.page)).resolves.toMatchObject({ installed: false });
    await expect(nui(a.page, 'appState', { appId: 'plain', open: true })).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'app "plain" is not installed' } });
    await expect(request(a.page, 'apps.uninstall', { appId: 'plain' })).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'app "plain" is not installed' } });
    // Handset's own pre-installed apps stay: the owner did not make them removable.
    await expect(request(a.page, 'apps.uninstall', { appId: 'contacts' })).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'app "contacts" comes with the phone' } });

    await simulation.sim.dropPlayer(a.player.id);
    const again = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    await expect(plainApp(again.page)).resolves.toMatchObject({ installed: false });
    const other = await connectWithPhone(simulation, { identifiers: ['license:ben'] });
    await expect(plainApp(other.page)).resolves.toMatchObject({ installed: true });

    await expect(request(again.page, 'apps.install', { appId: 'plain' })).resolves.toEqual({ ok: true, data: null });
    await expect(plainApp(again.page)).resolves.toMatchObject({ installed: true });
    expect(simulation.errors).toEqual([]);
  });
});

onEachDatabase((open) => {
  it("lists the home screen in the player's order and language, kept on the server; the rest follow in the owner's order", async () => {
    simulation = await startHandset({ database: await open(), resources });
    const a = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    const request = (action: string, payload: unknown = {}) => nui(a.page, 'request', { appId: 'handset', action, payload });
    const labels = async () => ((await request('apps.list')) as { data: { id: string; label: string; installed: boolean }[] }).data.filter((app) => app.installed).map((app) => app.label);
    const before = await labels();
    expect(before.slice(0, 3)).toEqual(['App Store', 'Cloutgram', 'Contacts']);

    await expect(request('settings.update', { homeOrder: ['photos', 'mail', 'ghost'], language: 'de' })).resolves.toMatchObject({ ok: true });
    const german = await labels();
    expect(german.slice(0, 2)).toEqual(['Fotos', 'Mail']);
    expect(german).toContain('Einstellungen');
    expect(german).toHaveLength(before.length);

    await simulation.sim.dropPlayer(a.player.id);
    const again = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    const listed = (await nui(again.page, 'request', { appId: 'handset', action: 'apps.list', payload: {} })) as { data: { label: string; installed: boolean }[] };
    expect(listed.data.filter((app) => app.installed).map((app) => app.label)).toEqual(german);
    await expect(nui(again.page, 'request', { appId: 'handset', action: 'settings.update', payload: { homeOrder: Array.from({ length: 201 }, (_, index) => `app${index}`) } })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(simulation.errors).toEqual([]);
  });
});

onEachDatabase((open) => {
  it('shows an app restricted to a job from a grade on only to that job at that grade or above, following promotions live', async () => {
    const oxCore = FRAMEWORKS.find((framework) => framework.bridge === 'ox_core')!;
    simulation = await startHandset({
      database: await open(),
      before: ['ox_core'],
      resources: { ...resources, driver: driverResource(oxCore, "setGrade: async (source, job, grade) => { await call(source, 'setGroup', job, grade); call(source, 'setActiveGroup', job); }") },
      convars: { 'handset:framework': 'ox_core', 'handset:app:plain': 'default jobs=police:2,ambulance' },
    });
    const player = await simulation.sim.connectPlayer();
    await simulation.sim.network.idle();
    await driver().load(player.id, 'ana');
    const page = player.nui.page('handset');
    const plainShown = async () => {
      const listed = (await nui(page, 'request', { appId: 'handset', action: 'apps.list', payload: {} })) as { data?: { id: string }[] };
      return (listed.data ?? []).some((app) => app.id === 'plain');
    };
    await eventually(async () => expect((await nui(page, 'request', { appId: 'handset', action: 'apps.list', payload: {} }))['ok']).toBe(true));
    expect(await plainShown()).toBe(false);
    const setGrade = driver()['setGrade'] as (source: number, job: string, grade: number) => Promise<void>;
    await setGrade(player.id, 'police', 1);
    await eventually(async () => expect(await nui(page, 'appState', { appId: 'plain', open: true })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'app "plain" is only for some jobs' } }));
    expect(await plainShown()).toBe(false);
    // A promotion reaches the open phone at once: its home screen is told to list the apps again.
    const listsAgain = () => page.messages.filter((message) => (message as { type?: string }).type === 'apps:changed').length;
    const before = listsAgain();
    await setGrade(player.id, 'police', 2);
    await eventually(() => expect(listsAgain()).toBeGreaterThan(before));
    expect(await plainShown()).toBe(true);
    await setGrade(player.id, 'ambulance', 1);
    await eventually(async () => expect(await plainShown()).toBe(true));
    await expect(nui(page, 'appState', { appId: 'plain', open: true })).resolves.toEqual({ ok: true, data: null });
    // Losing the job closes the app where it is open.
    await driver().clearJob(player.id);
    await eventually(() => expect(page.messages).toContainEqual({ type: 'app:close', appId: 'plain' }));
    expect(await plainShown()).toBe(false);
    expect(simulation.errors).toEqual([]);
  });
});
