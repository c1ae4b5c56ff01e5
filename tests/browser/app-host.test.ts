import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../sdk/protocol/names';
import { ERROR_HANDLER } from '../../sdk/protocol/wire';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';
import { eventually } from '../support/simulation';

// The probes speak the raw protocol, comlink's wire by hand (tests/fixtures/resources/probe_apps/web/probe.js): window.probe in each frame.
type Probe = Frame;
const call = (probe: Probe, method: string, params: unknown = {}) =>
  probe.evaluate(([name, input]) => (window as any).probe.call(name, input), [method, params] as const);
const next = (probe: Probe, count: number, ms = 2000) =>
  probe.evaluate(([n, wait]) => (window as any).probe.next(n, wait), [count, ms] as const) as Promise<unknown[]>;
const raw = (probe: Probe, message: unknown) => probe.evaluate((sent) => (window as any).probe.raw(sent), message);
const connected = (probe: Probe) => probe.waitForFunction(() => (window as any).probe?.connected).then(() => probe.evaluate(() => (window as any).probe.connected));

const notPermitted = (id: string, method: string, permission: string) => ({
  id,
  ok: false,
  error: { code: 'FORBIDDEN', message: `${method} needs the ${permission} permission` },
});

describe.skipIf(!hasChromium)(`the app host refuses what it must, in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;
  let probeA: Probe;
  let probeB: Probe;

  beforeAll(async () => {
    session = await openPhoneSession({
      convars: { 'handset:app:probe_a': 'default', 'handset:app:probe_b': 'default', 'handset:app:silent': 'default' },
      ensure: ['probe_apps'],
    });
    await session.openPhone();
    await session.unlock();
    probeA = await session.openApp('Probe A', 'probe_a');
    expect(await connected(probeA)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('runs each app in a scripts-only sandboxed frame on its own resource origin', async () => {
    const iframe = session.shell.locator('.app-frame[data-app="probe_a"] iframe');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    expect(probeA.url()).toBe(`${session.nuiOrigin('probe_apps')}/web/probe.html`);
    expect(await probeA.evaluate(() => self.origin)).toBe('null');
    expect(await call(probeA, 'request', { action: 'whoami', payload: 1 })).toEqual({
      id: expect.any(String),
      ok: true,
      data: { appId: 'probe_a', source: session.player.id, payload: 1 },
    });
  });

  it('hands out one port, only to the frame it opened: a second hello or a nested frame gets nothing', async () => {
    expect(await probeA.evaluate(() => (window as any).probe.welcomes())).toBe(1);
    await probeA.evaluate(() => (window as any).probe.postToShell({ type: 'handset:hello' }));
    expect(await probeA.evaluate(() => (window as any).probe.nestedHello(800))).toBe(false);
    expect(await probeA.evaluate(() => (window as any).probe.welcomes())).toBe(1);
  });

  it('takes no NUI message or call from any window but the game: not from an app, a frame inside it, or the game screen', async () => {
    const spoof = { id: 9_999, appId: null, app: 'Bank', title: 'Spoofed transfer', body: 'x', icon: null, iconColor: null, timeout: 5000, createdAt: Date.now() };
    await probeA.evaluate((notification) => {
      const { probe } = window as any;
      probe.postToShell({ type: 'notification', notification });
      probe.postToShell({ type: 'phone:visibility', open: false });
      probe.postToShell({ id: '1', type: 'APPLY', path: ['notifications', 'show'], argumentList: [{ type: 'RAW', value: { title: 'Spoofed transfer', body: 'x' } }] });
      const nested = document.createElement('iframe');
      nested.srcdoc = `<script>parent.parent.postMessage(${JSON.stringify({ type: 'notification', notification })}, '*')</script>`;
      document.body.append(nested);
    }, spoof);
    await session.page.evaluate(() => {
      const shell = document.querySelector<HTMLIFrameElement>('iframe[data-resource="handset"]')!.contentWindow!;
      shell.postMessage({ type: 'handset:hello' }, '*');
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await session.shell.getByText('Spoofed transfer').count()).toBe(0);
    expect(await session.shell.locator('.app-frame[data-app="probe_a"]').isVisible()).toBe(true);
    expect(session.player.nui.focus).toMatchObject({ resource: 'handset', hasFocus: true });
    expect(await probeA.evaluate(() => (window as any).probe.welcomes())).toBe(1);
  });

  it('refuses comlink GET/SET/CONSTRUCT/ENDPOINT/RELEASE on any path and APPLY outside the catalogue with FORBIDDEN, and nothing is polluted', async () => {
    for (const [i, type] of ['GET', 'SET', 'CONSTRUCT', 'ENDPOINT', 'RELEASE'].entries()) {
      await raw(probeA, { id: `c0ffee-${i}`, type, path: ['__proto__', 'polluted'], value: { type: 'RAW', value: true }, argumentList: [] });
    }
    expect(await next(probeA, 5)).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ id: `c0ffee-${i}`, type: 'HANDLER', name: ERROR_HANDLER, value: { code: 'FORBIDDEN', message: 'frames may only call methods (comlink APPLY)' } })),
    );
    for (const [id, method] of [['901', '__proto__'], ['902', 'constructor'], ['903', '__defineGetter__'], ['904', 'toString'], ['905', '__proto__.polluted']] as const) {
      expect(await probeA.evaluate(([callId, name]) => (window as any).probe.call(name, { polluted: true }, callId), [id, method] as const)).toEqual({
        id,
        ok: false,
        error: { code: 'FORBIDDEN', message: `no method "${method}"` },
      });
    }
    expect(await call(probeA, 'request', { action: 'whoami', payload: JSON.parse('{"__proto__":{"polluted":true}}') })).toMatchObject({ ok: true });
    expect(await session.shellFrame().evaluate(() => ({} as Record<string, unknown>)['polluted'])).toBeUndefined();
    expect(await probeA.evaluate(() => ({} as Record<string, unknown>)['polluted'])).toBeUndefined();
  });

  it("refuses methods the app's manifest does not permit, with FORBIDDEN, and does nothing", async () => {
    expect(await probeA.evaluate(() => (window as any).probe.call('notifications.show', { title: 'Hi', body: 'there' }, '910'))).toEqual(
      notPermitted('910', 'notifications.show', 'notifications'),
    );
    expect(await probeA.evaluate(() => (window as any).probe.call('storage.set', { key: 'k', value: 1 }, '911'))).toEqual(
      notPermitted('911', 'storage.set', 'storage'),
    );
    expect(await probeA.evaluate(() => (window as any).probe.call('contacts.pick', {}, '912'))).toEqual(notPermitted('912', 'contacts.pick', 'contacts:read'));
    expect(await probeA.evaluate(() => (window as any).probe.call('share.open', { text: 'hi' }, '913'))).toEqual(notPermitted('913', 'share.open', 'share'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await session.shell.getByText('there', { exact: true }).count()).toBe(0);
  });

  it('refuses oversize and malformed payloads', async () => {
    expect(await call(probeA, 'request', { action: 'whoami', payload: 'x'.repeat(MAX_PAYLOAD_BYTES + 1024) })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await call(probeA, 'request', { action: 7, payload: null })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(probeA, 'dialog.confirm', { title: 'x'.repeat(101), message: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await raw(probeA, 'not an object');
    await raw(probeA, { id: -1, type: 'APPLY', path: ['request'], argumentList: [{ type: 'RAW', value: {} }] });
    await probeA.evaluate(() =>
      (window as any).probe.raw({ id: '920', type: 'APPLY', path: ['request'], argumentList: [{ type: 'RAW', value: { action: 'whoami', payload: 2n } }] }),
    );
    expect(await next(probeA, 3)).toEqual([
      { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'not a call: expected comlink\'s { id, type: "APPLY", path, argumentList }' } },
      { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'not a call: expected comlink\'s { id, type: "APPLY", path, argumentList }' } },
      { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'messages must be JSON data' } },
    ]);
  });

  it("keeps apps apart: one cannot name another in a call, and another's pushes never reach it", async () => {
    await session.shell.getByRole('button', { name: 'Home' }).click();
    probeB = await session.openApp('Probe B', 'probe_b');
    expect(await connected(probeB)).toBe(true);
    expect(await call(probeA, 'request', { action: 'whoami', payload: null, appId: 'probe_b' })).toEqual({
      id: expect.any(String),
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'request: input: Unrecognized key: "appId"' },
    });
    expect(await call(probeB, 'request', { action: 'whoami', payload: null })).toMatchObject({ ok: true, data: { appId: 'probe_b' } });
    // Probe A went to the background when the player went home; Probe B opened in front, seen from its handshake.
    expect(await probeA.evaluate(() => (window as any).probe.visibility)).toEqual([false]);
    expect(await probeB.evaluate(() => (window as any).probe.visibility)).toEqual([]);
    expect(await call(probeB, 'handshake', { apiVersion: 1 })).toMatchObject({ ok: true, data: { appId: 'probe_b', visible: true } });
    expect(await call(probeA, 'handshake', { apiVersion: 1 })).toMatchObject({ ok: true, data: { appId: 'probe_a', visible: false } });

    const { sim, printed, player } = { ...session.simulation, player: session.player };
    sim.executeCommand(`push ${player.id} probe_b secret`, 0);
    await eventually(() => expect(printed('probe_apps')).toContain('push probe_b true'));
    expect(await next(probeB, 1)).toEqual([{ kind: 'event', event: 'message', data: { type: 'secret', data: { secret: 'probe_b' } } }]);
    expect(await next(probeA, 1, 500)).toEqual([]);
  });

  it('answers a flood with RATE_LIMITED while the shell and the other apps stay responsive', async () => {
    const answers = (await probeA.evaluate(() => {
      const { probe } = window as any;
      return Promise.all(Array.from({ length: 600 }, () => probe.call('request', { action: 'whoami', payload: null })));
    })) as { ok: boolean; error?: { code: string } }[];
    const limited = answers.filter((answer) => answer.error?.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(500);
    expect(answers.filter((answer) => answer.ok).length + limited).toBe(600);
    expect(await call(probeB, 'request', { action: 'whoami', payload: null })).toMatchObject({ ok: true, data: { appId: 'probe_b' } });
    await session.shell.getByRole('button', { name: 'Home' }).click();
    await session.shell.getByRole('button', { name: 'Silent', exact: true }).waitFor({ state: 'visible' });
  });

  it('shows an error screen with a retry for an app that never says hello', async () => {
    await session.shell.getByRole('button', { name: 'Silent', exact: true }).click();
    const silent = session.shell.locator('.app-frame[data-app="silent"]');
    await expect.poll(() => silent.getAttribute('data-state'), { timeout: 12_000 }).toBe('failed');
    await session.shell.getByRole('alert').getByText('Silent isn’t responding').waitFor();
    await session.shell.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => silent.getAttribute('data-state')).toBe('connecting');
    await session.shell.getByRole('alert').getByRole('button', { name: 'Close' }).click();
    await silent.waitFor({ state: 'detached' });
  }, 30_000);

  it("hands an app with contacts:read only the contact the player picks from the Contacts app's list", async () => {
    for (const [firstName, number] of [['Lamar', '555-0142'], ['Franklin', '555-0177']] as const) {
      const added = await session.request('contacts', 'contacts.add', { requestId: `picker-${firstName}`, firstName, number });
      expect(added).toMatchObject({ ok: true, data: { firstName, number: number.replace('-', '') } });
    }
    await session.shell.getByRole('button', { name: 'Probe B', exact: true }).click();
    const picked = probeB.evaluate(() => (window as any).probe.call('contacts.pick', {}));
    const sheet = session.shell.getByRole('dialog', { name: 'Choose a contact' });
    await sheet.getByRole('button', { name: /Lamar/ }).waitFor();
    expect(await sheet.getByRole('button', { name: /Franklin/ }).count()).toBe(1);
    await sheet.getByRole('button', { name: /Lamar/ }).click();
    expect(await picked).toEqual({ id: expect.any(String), ok: true, data: { name: 'Lamar', number: expect.stringMatching(/^\d{3}-?\d{4}$/) } });

    const cancelled = probeB.evaluate(() => (window as any).probe.call('contacts.pick', {}));
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    expect(await cancelled).toMatchObject({ ok: true, data: null });
    expect(await call(probeA, 'contacts.pick')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await session.shell.getByRole('button', { name: 'Home' }).click();
  });

  it('on close removes the frame, aborts its pending calls and their sheets, and the server stops delivering to it', async () => {
    await session.shell.getByRole('button', { name: 'Probe B', exact: true }).click();
    const pendingConfirm = probeB.evaluate(() => (window as any).probe.call('dialog.confirm', { title: 'Pending question', message: 'Still there?' }));
    await session.shell.getByText('Pending question').waitFor({ state: 'visible' });
    void pendingConfirm.catch(() => {});
    // The frame is gone before the answer could come back: the call goes out after evaluate has returned.
    await probeB.evaluate(() => void setTimeout(() => (window as any).probe.call('app.close', {}), 50));
    await session.shell.locator('.app-frame[data-app="probe_b"]').waitFor({ state: 'detached' });
    await session.shell.getByText('Pending question').waitFor({ state: 'detached' });
    expect(await session.shell.locator('iframe[title="Probe B"]').count()).toBe(0);

    const { sim, printed } = session.simulation;
    await eventually(() => {
      sim.executeCommand(`push ${session.player.id} probe_b after_close`, 0);
      expect(printed('probe_apps').at(-1)).toBe('push probe_b [false,"not_open","\\"probe_b\\" is not open"]');
    }, 5000);
  });
});
