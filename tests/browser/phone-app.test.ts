import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';

describe.skipIf(!hasChromium)(`the Phone app's favorites and incoming calls, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;

  beforeAll(async () => {
    sandbox = await openSandbox({});
    [a, b] = [await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  const noFocus = { resource: null, hasFocus: false, hasCursor: false, keepInput: false };

  const dial = async (phone: Frame, number: string) => {
    for (const digit of number.replace(/\D/g, '')) await phone.getByRole('button', { name: digit, exact: true }).click();
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
  };

  /** B calls A from B's open Phone app; A's phone, put away, peeks up with the call and keeps no focus. */
  const ringA = async (phoneB: Frame) => {
    await dial(phoneB, a.number);
    await a.shell.locator('[data-phone].peeking').waitFor({ state: 'visible' });
    const phoneA = await a.appFrame('phone');
    await phoneA.getByRole('button', { name: 'Accept' }).waitFor();
    expect(a.player.nui.focus).toEqual(noFocus);
    expect(await a.shell.getByLabel('Lock screen').isVisible()).toBe(false);
    return phoneA;
  };

  it('adds a favorite from Contacts and still lists it after the app is closed and opened again', async () => {
    await a.openPhone();
    await a.unlock();
    const contacts = await a.openApp('Contacts', 'contacts');
    await contacts.getByRole('button', { name: 'Add contact' }).click();
    await contacts.getByLabel('First name').fill('Bea');
    await contacts.getByLabel('Number').fill(b.number);
    // An avatar off the image list is refused with the hosts it may come from.
    await contacts.getByLabel('Avatar URL').fill('https://evil.example/bea.png');
    await contacts.getByRole('button', { name: 'Save' }).click();
    await contacts.getByRole('alert').waitFor();
    // The server owner's default hosts, then the sandbox's media backend's own.
    expect(await contacts.getByRole('alert').textContent()).toBe(
      "the avatar's host is not on this server's image list; avatars may come from i.imgur.com, cdn.discordapp.com, media.discordapp.net, *.fivemanage.com, localhost",
    );
    await contacts.getByLabel('Avatar URL').fill('');
    await contacts.getByRole('button', { name: 'Save' }).click();
    await contacts.getByRole('button', { name: 'Contacts' }).click();
    await contacts.getByRole('button', { name: 'Bea', exact: true }).waitFor();
    // A favorite in Contacts is listed under Favorites and still under its letter.
    await contacts.getByRole('button', { name: 'Bea', exact: true }).click();
    await contacts.getByRole('button', { name: 'Favorite', exact: true }).click();
    await contacts.getByRole('button', { name: 'Unfavorite', exact: true }).waitFor();
    await contacts.getByRole('button', { name: 'Contacts' }).click();
    await contacts.getByRole('button', { name: 'Bea, favorite', exact: true }).waitFor();
    const sections = await contacts.locator('.section').evaluateAll((elements) =>
      elements.map((section) => [section.querySelector('.section-title')?.textContent, [...section.querySelectorAll('.list-row-title')].map((name) => name.textContent)]),
    );
    expect(sections).toEqual([
      ['Favorites', ['Bea']],
      ['B', ['Bea']],
    ]);
    await a.shell.getByRole('button', { name: 'Home' }).click();

    let phone = await a.openApp('Phone', 'phone');
    await phone.getByRole('tab', { name: 'Favorites' }).click();
    await phone.getByRole('button', { name: 'Add favorite' }).click();
    await a.shell.getByRole('button', { name: new RegExp(`^Bea\\s*${b.number}$`) }).click();
    await phone.getByRole('list', { name: 'Favorites' }).getByText('Bea', { exact: true }).waitFor();
    await expect(phone.getByRole('alert').count()).resolves.toBe(0);

    await a.shell.getByRole('button', { name: 'Recent apps' }).click();
    for (const name of ['Phone', 'Contacts']) await a.shell.getByRole('button', { name: `Close ${name}` }).click();
    await a.shell.locator('.app-frame[data-app="phone"]').waitFor({ state: 'detached' });
    phone = await a.openApp('Phone', 'phone');
    await phone.getByRole('tab', { name: 'Favorites' }).click();
    await phone.getByRole('list', { name: 'Favorites' }).getByText('Bea', { exact: true }).waitFor();

    // Put away for the calls that follow.
    await a.putAway();
    expect(a.player.nui.focus).toEqual(noFocus);
  }, 60_000);

  it('rings a phone that is put away as a peek without focus, answers on the answer key, and puts it away after the call', async () => {
    await b.openPhone();
    await b.unlock();
    const phoneB = await b.openApp('Phone', 'phone');
    // Handset carries voice only, so the keypad offers no video call; Call sits under 0.
    const roundButtons = phoneB.locator('.keys .round-button');
    // evaluateAll does not wait: the keypad must have rendered first.
    await roundButtons.last().waitFor();
    await expect(roundButtons.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')))).resolves.toEqual(['Call', 'Delete digit']);
    const centre = async (name: string) => {
      const box = (await phoneB.getByRole('button', { name, exact: true }).boundingBox())!;
      return Math.round(box.x + box.width / 2);
    };
    expect(await centre('Call')).toBe(await centre('0'));
    const phoneA = await ringA(phoneB);

    await a.page.keyboard.press('KeyY');
    await phoneB.getByLabel('Call status').getByText(/^\d\d:\d\d$/).waitFor();
    await phoneA.getByLabel('Call status').getByText(/^\d\d:\d\d$/).waitFor();
    expect(a.player.nui.focus).toEqual(noFocus);

    await phoneB.getByRole('button', { name: 'Hang up' }).click();
    await phoneA.getByLabel('Call status').getByText(/^Call ended/).waitFor();
    await a.shell.locator('[data-phone]').waitFor({ state: 'detached' });
    expect(a.player.nui.focus).toEqual(noFocus);
    await phoneB.getByRole('button', { name: '1', exact: true }).waitFor();
  }, 30_000);

  it('leaves the phone put away after a missed call', async () => {
    const phoneB = await b.appFrame('phone');
    await ringA(phoneB);
    await phoneB.getByRole('button', { name: 'Hang up' }).click();
    await a.shell.locator('[data-phone]').waitFor({ state: 'detached' });
    expect(a.player.nui.focus).toEqual(noFocus);
  }, 30_000);

  it('shows the lock screen over a ringing call when the player opens the phone, and the call once unlocked', async () => {
    const phoneB = await b.appFrame('phone');
    await phoneB.getByRole('button', { name: '1', exact: true }).waitFor();
    const phoneA = await ringA(phoneB);
    await a.openPhone();
    expect(a.player.nui.focus).toMatchObject({ resource: 'handset', hasFocus: true, hasCursor: true });
    await a.unlock();
    await phoneA.getByRole('button', { name: 'Accept' }).click();
    await phoneB.getByLabel('Call status').getByText(/^\d\d:\d\d$/).waitFor();
    await phoneA.getByRole('button', { name: 'Hang up' }).click();
    await phoneA.getByLabel('Call status').getByText(/^Call ended/).waitFor();
  }, 30_000);
  it('DEBUG buttons', () => {
    for (const app of ['contacts', 'phone', 'messages', 'mail']) console.log('UNPRESSED', app, JSON.stringify(sandbox.buttons.unpressed(app), null, 1));
  });
});
