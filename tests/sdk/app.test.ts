import { afterEach, describe, expect, it } from 'vitest';
import { connect, SdkError, type HandsetApp } from '../../sdk/app';
import { createFakeHost, HandsetError, type FakeHost } from '../../sdk/testing';

let host: FakeHost | undefined;
let app: HandsetApp | undefined;

afterEach(() => {
  app?.disconnect();
  host?.dispose();
  app = host = undefined;
});

async function start(options: Parameters<typeof createFakeHost>[0] = {}): Promise<HandsetApp> {
  host = createFakeHost(options);
  app = await connect({ window: host.window, timeoutMs: 1000 });
  return app;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SdkError)) throw new Error(`expected an SdkError, got ${String(error)}`);
  return error.code;
}

describe('connect() with sdk/testing', () => {
  it('hands the app the handshake: id, grants, settings and link', async () => {
    const connected = await start({ appId: 'bank', grants: ['notifications'], settings: { theme: 'dark' }, link: 'account/7' });
    expect(connected.info).toEqual({
      apiVersion: 1,
      appId: 'bank',
      grants: ['notifications'],
      theme: 'dark',
      locale: 'en-US',
      phoneNumber: '555-0100',
      numberFormat: '555-####',
      clockFormat: '24h',
      textSize: 'medium',
      streamerMode: false,
      link: 'account/7',
      visible: true,
    });
    expect(host!.calls).toEqual([{ method: 'handshake', input: { apiVersion: 1 } }]);
  });

  it('times out with TIMEOUT when no phone answers', async () => {
    const silent = { parent: { postMessage: () => {} }, addEventListener: () => {}, removeEventListener: () => {} };
    expect(await codeOf(connect({ window: silent, timeoutMs: 50 }))).toBe('TIMEOUT');
  });

  it("resolves a request with the server side's answer and rejects with its code", async () => {
    const connected = await start({
      requests: {
        'balance.get': () => ({ cents: 12_000 }),
        'balance.spend': () => {
          throw new HandsetError('FORBIDDEN', 'frozen account');
        },
      },
    });
    expect(await connected.request('balance.get')).toEqual({ cents: 12_000 });
    expect(await codeOf(connected.request('balance.spend', { cents: 5 }))).toBe('FORBIDDEN');
    expect(await codeOf(connected.request('nope'))).toBe('NOT_FOUND');
    expect(await codeOf(connected.request('not an action!'))).toBe('INVALID_INPUT');
    expect(host!.calls.filter((call) => call.method === 'request').map((call) => call.input)).toEqual([
      { action: 'balance.get', payload: null },
      { action: 'balance.spend', payload: { cents: 5 } },
      { action: 'nope', payload: null },
    ]);
  });

  it('refuses methods the app has no grant for with FORBIDDEN, before anything happens', async () => {
    const connected = await start({ grants: [] });
    expect(await codeOf(connected.notify({ title: 'Hi', body: 'there' }))).toBe('FORBIDDEN');
    expect(await codeOf(connected.storage.set('draft', 1))).toBe('FORBIDDEN');
    expect(await codeOf(connected.pickContact())).toBe('FORBIDDEN');
    expect(host!.notifications).toEqual([]);
    expect(host!.storage.size).toBe(0);
  });

  it('validates input with the catalogue: INVALID_INPUT and nothing recorded', async () => {
    const connected = await start({ grants: ['notifications'] });
    expect(await codeOf(connected.notify({ title: '', body: 'x' }))).toBe('INVALID_INPUT');
    expect(await codeOf(connected.host.dialog.confirm({ title: 'x', message: 'y', extra: true } as never))).toBe('INVALID_INPUT');
    expect(host!.calls.map((call) => call.method)).toEqual(['handshake']);
  });

  it('runs the granted methods against the scripted player', async () => {
    const connected = await start({
      grants: ['notifications', 'storage', 'contacts:read', 'gallery', 'share'],
      confirm: (input) => input.destructive !== true,
      prompt: () => 'Groceries',
      contact: { name: 'Lamar', number: '555-0142' },
      photo: { url: 'https://images.example/p/1.jpg' },
      shareTo: 'messages',
    });
    expect(await connected.notify({ title: 'Saved', body: 'Note saved' })).toEqual({ id: 1 });
    expect(host!.notifications).toEqual([{ title: 'Saved', body: 'Note saved' }]);
    expect(await connected.confirm({ title: 'Delete?', message: 'Gone for good', destructive: true })).toBe(false);
    expect(await connected.prompt({ title: 'Name' })).toBe('Groceries');
    expect(await connected.pickContact()).toEqual({ name: 'Lamar', number: '555-0142' });
    expect(await connected.pickPhoto()).toEqual({ url: 'https://images.example/p/1.jpg' });
    expect(await connected.share({ text: 'Meet at the pier' })).toBe('messages');
    await connected.storage.set('draft', { text: 'hi' });
    expect(await connected.storage.get('draft')).toEqual({ text: 'hi' });
    expect(await connected.storage.get('missing')).toBeNull();
    expect(await connected.storage.keys()).toEqual(['draft']);
    expect(await connected.storage.remove('draft')).toBe(true);
    await connected.openApp('messages', 'thread/555-0142');
    expect(host!.openedApps).toEqual([{ appId: 'messages', link: 'thread/555-0142' }]);
    await connected.close();
    expect(host!.closed).toBe(true);
  });

  it('delivers pushed messages by type and settings changes to their listeners', async () => {
    const connected = await start();
    const ready: unknown[] = [];
    const themes: string[] = [];
    const stop = connected.onMessage('order.ready', (data) => ready.push(data));
    connected.on('settings', ({ theme }) => themes.push(theme));
    host!.push('order.ready', { id: 7 });
    host!.push('order.late', { id: 8 });
    host!.emit('settings', { theme: 'dark', locale: 'en-GB', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false });
    await connected.storage.keys().catch(() => null); // a round trip: the pushes above have been delivered
    stop();
    host!.push('order.ready', { id: 9 });
    await connected.storage.keys().catch(() => null);
    expect(ready).toEqual([{ id: 7 }]);
    expect(themes).toEqual(['dark']);
  });

  it('rejects pending calls with UNAVAILABLE on disconnect, and every later call', async () => {
    const connected = await start({ requests: { slow: () => new Promise(() => {}) } });
    const slow = connected.request('slow');
    connected.disconnect();
    expect(await codeOf(slow)).toBe('UNAVAILABLE');
    expect(await codeOf(connected.request('slow'))).toBe('UNAVAILABLE');
  });

  it('calls the catalogue as comlink paths on app.host, with the same checks as every other call', async () => {
    const connected = await start({ grants: ['notifications', 'storage'] });
    expect(await connected.host.notifications.show({ title: 'Saved', body: 'Your note is saved' })).toEqual({ id: 1 });
    await connected.host.storage.set({ key: 'draft', value: { text: 'hi' } });
    expect(await connected.host.storage.get({ key: 'draft' })).toEqual({ text: 'hi' });
    expect(await codeOf(connected.host.contacts.pick({}))).toBe('FORBIDDEN');
    expect(await codeOf(connected.host.storage.get({ key: 'no spaces' }))).toBe('INVALID_INPUT');
    expect(host!.calls.map((call) => call.method)).toEqual(['handshake', 'notifications.show', 'storage.set', 'storage.get']);
  });

  it('gets FORBIDDEN for a comlink GET on any path, and the phone runs nothing', async () => {
    const connected = await start({ grants: ['storage'] });
    const remote = connected.host as unknown as Record<string, Record<string, unknown>>;
    // Awaiting a property is comlink's GET (SET and the rest are refused the same way: tests/sdk/host.test.ts).
    expect(await codeOf(Promise.resolve(remote['storage']!))).toBe('FORBIDDEN');
    expect(await codeOf(Promise.resolve(remote['__proto__']!['constructor']))).toBe('FORBIDDEN');
    expect(host!.calls).toEqual([{ method: 'handshake', input: { apiVersion: 1 } }]);
  });

  it('knows whether the player sees it, from the handshake and then from each visibility event', async () => {
    const connected = await start({ visible: false });
    expect(connected.visible).toBe(false);
    const seen: boolean[] = [];
    connected.on('visibility', ({ visible }) => seen.push(visible));
    host!.emit('visibility', { visible: true });
    await expect.poll(() => connected.visible).toBe(true);
    host!.emit('visibility', { visible: false });
    await expect.poll(() => seen).toEqual([true, false]);
    expect(connected.visible).toBe(false);
  });
});
