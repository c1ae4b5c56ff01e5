import { expect, it } from 'vitest';
import { DEFAULT_PHONE_SETTINGS } from '../../../sdk/protocol/phone-settings';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

const startHandset = handsetPerTest();

// A staff script written for 919PHONE.
const resources = {
  staff: {
    'fxmanifest.lua': manifest(`server_script 'server.lua'`),
    'server.lua': `
RegisterCommand('unpin', function(_, args)
  CreateThread(function()
    print('reset ' .. tostring(exports['amzn_smartphone']:resetPasscode(args[1])))
  end)
end, true)
`,
  },
};

type Page = Awaited<ReturnType<typeof connectWithPhone>>['page'];
const ask = (page: Page, appId: string, action: string, payload: unknown) => nui(page, 'request', { appId, action, payload });
const lastState = (page: Page) =>
  (page.messages.filter((message) => (message as { type?: string }).type === 'phone:state').at(-1) as { state: Record<string, unknown> }).state;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const locked = { ok: false, error: { code: 'FORBIDDEN', message: 'the phone is locked' } };

onEachDatabase((open) => {
  it('keeps each character’s settings on the server, validated, and tells their client', async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    expect(lastState(a.page)).toEqual({ number: a.number, numberFormat: '555-###-####', airplaneMode: false, settings: DEFAULT_PHONE_SETTINGS, passcodeSet: false });

    const changed = { theme: 'automatic', clockFormat: '12h', wallpaper: 'https://i.imgur.com/wall.png', doNotDisturb: true, silencedApps: ['mail'] };
    await expect(ask(a.page, 'handset', 'settings.update', changed)).resolves.toEqual({
      ok: true,
      data: { settings: { ...DEFAULT_PHONE_SETTINGS, ...changed }, airplaneMode: false, passcodeSet: false },
    });
    await eventually(() => expect(lastState(a.page)).toMatchObject({ settings: { ...DEFAULT_PHONE_SETTINGS, ...changed } }));

    // Bad input changes nothing: an image host the owner did not allow, an unknown key, a wrong value.
    await expect(ask(a.page, 'handset', 'settings.update', { wallpaper: 'https://evil.example/x.png' })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'wallpaper: that image host is not allowed on this server' },
    });
    await expect(ask(a.page, 'handset', 'settings.update', { volume: 101 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(ask(a.page, 'handset', 'settings.update', { passcodeSet: false })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // An app without the settings permission may not read or change them; the Settings app may.
    await expect(ask(a.page, 'handset', 'settings.get', { appId: 'messages' })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'app "messages" does not have the settings permission' },
    });
    await expect(ask(a.page, 'handset', 'settings.update', { appId: 'messages', theme: 'light' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(ask(a.page, 'handset', 'settings.get', { appId: 'settings' })).resolves.toEqual({
      ok: true,
      data: { settings: { ...DEFAULT_PHONE_SETTINGS, ...changed }, airplaneMode: false, passcodeSet: false },
    });

    // Kept across a reconnect.
    await simulation.sim.dropPlayer(a.player.id);
    const again = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    expect(lastState(again.page)).toMatchObject({ settings: { ...DEFAULT_PHONE_SETTINGS, ...changed } });
    expect(simulation.errors).toEqual([]);
  });

  it('locks the phone behind a passcode the server checks, with a lockout that grows, until resetPasscode clears it', async () => {
    const simulation = await startHandset({
      database: await open(),
      convars: { 'handset:compat': 'amzn_smartphone', 'handset:passcode_attempts': '3', 'handset:passcode_lockout_seconds': '1' },
      resources,
    });
    const a = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    const takeOut = () => ask(a.page, 'handset', 'phone.setOpen', { open: true });
    const putAway = () => ask(a.page, 'handset', 'phone.setOpen', { open: false });
    const unlock = (code: string) => ask(a.page, 'handset', 'passcode.unlock', { code });
    await takeOut();

    await expect(ask(a.page, 'handset', 'passcode.set', { appId: 'settings', current: null, next: '12a4' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(ask(a.page, 'handset', 'passcode.set', { appId: 'settings', current: null, next: null })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no passcode is set' },
    });
    await expect(ask(a.page, 'handset', 'passcode.set', { appId: 'settings', current: null, next: '2468' })).resolves.toEqual({ ok: true, data: { unlocked: true } });
    await eventually(() => expect(lastState(a.page)).toMatchObject({ passcodeSet: true }));

    // Put away and taken out: locked. Apps and the phone's own actions wait; the lock screen's do not.
    await putAway();
    await takeOut();
    await expect(ask(a.page, 'contacts', 'contacts.list', {})).resolves.toEqual(locked);
    await expect(ask(a.page, 'handset', 'storage.keys', { appId: 'phone' })).resolves.toEqual(locked);
    await expect(ask(a.page, 'handset', 'settings.update', { theme: 'light' })).resolves.toEqual(locked);
    await expect(ask(a.page, 'handset', 'passcode.set', { appId: 'settings', current: '2468', next: null })).resolves.toEqual(locked);
    await expect(ask(a.page, 'handset', 'notifications.list', {})).resolves.toMatchObject({ ok: true });

    await expect(unlock('1111')).resolves.toEqual({ ok: true, data: { unlocked: false, attemptsLeft: 2, lockedForMs: 0 } });
    await expect(unlock('1111')).resolves.toEqual({ ok: true, data: { unlocked: false, attemptsLeft: 1, lockedForMs: 0 } });
    await expect(unlock('1111')).resolves.toEqual({ ok: true, data: { unlocked: false, attemptsLeft: 0, lockedForMs: 1000 } });
    // Locked out: even the right passcode is refused until the time is up.
    const during = (await unlock('2468')) as { data: { unlocked: boolean; lockedForMs: number } };
    expect(during.data.unlocked).toBe(false);
    expect(during.data.lockedForMs).toBeGreaterThan(0);
    expect(during.data.lockedForMs).toBeLessThanOrEqual(1000);
    await sleep(1100);
    // The next failure doubles the lockout; parallel guesses are checked one after another.
    const guesses = (await Promise.all(['0000', '0001', '0002'].map(unlock))) as { data: { lockedForMs: number } }[];
    expect(guesses.map((guess) => guess.data.lockedForMs > 1000)).toEqual([true, true, true]);
    await sleep(2100);
    await expect(unlock('2468')).resolves.toEqual({ ok: true, data: { unlocked: true } });
    await expect(ask(a.page, 'contacts', 'contacts.list', {})).resolves.toMatchObject({ ok: true });

    // The staff script clears it; the online phone hears at once.
    await putAway();
    await takeOut();
    simulation.sim.executeCommand('unpin license:ana', 0);
    await eventually(() => expect(simulation.printed('staff')).toContain('reset true'));
    await eventually(() => expect(lastState(a.page)).toMatchObject({ passcodeSet: false }));
    await expect(ask(a.page, 'contacts', 'contacts.list', {})).resolves.toMatchObject({ ok: true });
    simulation.sim.executeCommand('unpin license:nobody', 0);
    await eventually(() => expect(simulation.printed('staff')).toContain('reset false'));
    expect(simulation.errors).toEqual([]);
  });
});
