import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { repoRoot } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

// Asks the pma-voice stand-in who is in which call channel.
const voiceProbe = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('voice', () => console.log('voice ' + JSON.stringify(exports['pma-voice'].calls())), true);`,
};

interface CallRecord {
  direction: string;
  number: string;
  status: string;
  duration: number;
}

describe.skipIf(!hasChromium)(`two players add each other and call, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;
  let c: PhoneScreen;

  beforeAll(async () => {
    sandbox = await openSandbox({ resources: { probe: voiceProbe }, ensure: ['pma-voice'] });
    [a, b, c] = [await sandbox.connect(), await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  /** Who is in which pma-voice call channel now, by server id. */
  const voiceChannels = async (): Promise<Record<string, number>> => {
    const { sim, printed } = sandbox.simulation;
    const before = printed('probe').length;
    sim.executeCommand('voice', 0);
    await eventually(() => expect(printed('probe')).toHaveLength(before + 1));
    const channels = JSON.parse(printed('probe').at(-1)!.slice('voice '.length)) as Record<string, number> | [];
    return Array.isArray(channels) ? {} : channels;
  };

  /** The player's recents, as the Phone app's server side answers them. */
  const recents = (screen: PhoneScreen) => screen.ask<CallRecord[]>('phone', 'calls.recents', {});

  /** The phone alone, for the README. */
  const shoot = (screen: PhoneScreen, name: string) =>
    screen.shell.locator('[data-phone]').screenshot({ path: path.join(repoRoot, 'docs/screenshots', name), animations: 'disabled' });

  const dial = async (phone: Frame, number: string) => {
    for (const digit of number.replace(/\D/g, '')) await phone.getByRole('button', { name: digit, exact: true }).click();
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
  };

  it('each adds the other in Contacts', async () => {
    for (const [me, other, name] of [
      [a, b, 'Bea'],
      [b, a, 'Al'],
    ] as const) {
      await me.openPhone();
      await me.unlock();
      const contacts = await me.openApp('Contacts', 'contacts');
      await contacts.getByRole('button', { name: 'Add contact' }).click();
      await contacts.getByLabel('First name').fill(name);
      await contacts.getByLabel('Number').fill(other.number);
      await contacts.getByRole('button', { name: 'Save' }).click();
      await contacts.getByRole('button', { name: 'Contacts' }).click();
      await contacts.getByRole('button', { name, exact: true }).waitFor();
      if (me === a) await shoot(a, 'contacts.png');
      await me.shell.getByRole('button', { name: 'Home' }).click();
    }
  });

  it('calls, is answered, talks on one voice channel, and a third caller finds the line busy', async () => {
    const phoneA = await a.openApp('Phone', 'phone');
    await dial(phoneA, b.number);
    await phoneA.getByLabel('Call status').getByText('Calling…').waitFor();

    // The call brings B's Phone app to the front.
    const phoneB = await b.appFrame('phone');
    await phoneB.getByRole('button', { name: 'Accept' }).click();
    await phoneA.getByLabel('Call status').getByText(/^\d\d:\d\d$/).waitFor();
    await shoot(a, 'call.png');
    await eventually(async () => {
      const channels = await voiceChannels();
      expect(Object.keys(channels).sort()).toEqual([String(a.player.id), String(b.player.id)].sort());
      expect(channels[String(a.player.id)]).toBe(channels[String(b.player.id)]);
      expect(channels[String(a.player.id)]).toBeGreaterThan(0);
    }, 5000);

    await c.openPhone();
    await c.unlock();
    const phoneC = await c.openApp('Phone', 'phone');
    await dial(phoneC, b.number);
    await phoneC.getByLabel('Call status').getByText('Busy').waitFor();

    // Long enough for a whole second on the call.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await phoneA.getByRole('button', { name: 'Hang up' }).click();
    await phoneA.getByLabel('Call status').getByText(/^Call ended · 0:0[1-9]$/).waitFor();
    await eventually(async () => expect(await voiceChannels()).toEqual({}), 5000);
  }, 40_000);

  it('files the call in both recents with its status and duration, and the busy attempt in the third', async () => {
    const digits = (screen: PhoneScreen) => screen.number.replace(/\D/g, '');
    const [mine] = await recents(a);
    const [theirs] = await recents(b);
    expect(mine).toMatchObject({ direction: 'outgoing', number: digits(b), status: 'completed' });
    expect(theirs).toMatchObject({ direction: 'incoming', number: digits(a), status: 'completed' });
    expect(mine!.duration).toBeGreaterThanOrEqual(1);
    expect(theirs!.duration).toBe(mine!.duration);
    expect(await recents(c)).toMatchObject([{ direction: 'outgoing', number: digits(b), status: 'busy', duration: 0 }]);
    await (await a.appFrame('phone')).getByRole('tab', { name: 'Recents' }).click();
    await (await a.appFrame('phone')).locator('.recent').first().waitFor();
  });
});
