import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually } from '../support/simulation';

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
  type Contact = { displayName: string; favorite: boolean; blocked: boolean };
  /** The callee's Phone app once it rings on screen: its layer has come forward, so Decline is where it shows. */
  const ringing = async (screen: PhoneScreen) => {
    const phone = await screen.appFrame('phone');
    await phone.getByRole('button', { name: 'Decline' }).waitFor();
    return screen.appFrame('phone');
  };
  const contactsOf = async (screen: PhoneScreen) => (await screen.ask<{ contacts: Contact[] }>('contacts', 'contacts.list', {})).contacts;

  it("offers adding a first contact from an empty list, and edits, unfavorites, shares, blocks, calls and deletes one", async () => {
    // B has saved nobody: the empty list offers to add one; Cancel leaves the form without saving.
    await b.shell.getByRole('button', { name: 'Home' }).click();
    const contactsB = await b.openApp('Contacts', 'contacts');
    await contactsB.getByText('No Contacts').waitFor();
    await contactsB.getByRole('button', { name: 'Add a contact' }).click();
    await contactsB.getByLabel('First name').fill('Ann');
    await contactsB.getByRole('button', { name: 'Cancel' }).click();
    await contactsB.getByText('No Contacts').waitFor();
    expect(await contactsOf(b)).toEqual([]);

    // A's phone is open on the call that just ended.
    await a.shell.getByRole('button', { name: 'Home' }).click();
    const contacts = await a.openApp('Contacts', 'contacts');
    // The search finds nobody for "zed"; Clear brings the whole list back.
    await contacts.getByRole('searchbox', { name: 'Search' }).fill('zed');
    await contacts.getByText('No Results').waitFor();
    await contacts.getByRole('button', { name: 'Clear' }).click();
    await contacts.getByRole('button', { name: 'Bea', exact: true }).click();
    await contacts.getByRole('button', { name: 'Edit' }).click();
    await contacts.getByLabel('Last name').fill('Madrazo');
    await contacts.getByRole('button', { name: 'Save' }).click();
    await contacts.locator('.profile-name').getByText('Bea Madrazo').waitFor();
    await contacts.getByRole('button', { name: 'Unfavorite' }).click();
    await contacts.getByRole('button', { name: 'Favorite', exact: true }).waitFor();
    expect(await contactsOf(a)).toMatchObject([{ displayName: 'Bea Madrazo', favorite: false, blocked: false }]);

    await contacts.getByRole('button', { name: 'Share' }).click();
    const sheet = a.shell.getByRole('dialog', { name: 'Bea Madrazo' });
    await sheet.getByRole('button', { name: 'Messages' }).waitFor();
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });

    await contacts.getByRole('button', { name: 'Block' }).click();
    await contacts.getByRole('button', { name: 'Unblock' }).waitFor();
    expect(await contactsOf(a)).toMatchObject([{ blocked: true }]);
    await contacts.getByRole('button', { name: 'Unblock' }).click();
    await contacts.getByRole('button', { name: 'Block' }).waitFor();
    expect(await contactsOf(a)).toMatchObject([{ blocked: false }]);

    // Call places the call in Phone; B declines it.
    await contacts.getByRole('button', { name: 'Call' }).click();
    const phoneA = await a.appFrame('phone');
    await phoneA.getByLabel('Call status').getByText('Calling…').waitFor();
    await (await ringing(b)).getByRole('button', { name: 'Decline' }).click();
    await phoneA.getByLabel('Call status').getByText('Declined').waitFor();
    // The ended call's screen gives way to the keypad on its own.
    await phoneA.getByLabel('Call status').waitFor({ state: 'detached' });

    await a.shell.getByRole('button', { name: 'Home' }).click();
    await a.openApp('Contacts', 'contacts');
    await contacts.getByRole('button', { name: 'Delete' }).click();
    await a.shell.getByRole('button', { name: 'Delete', exact: true }).click();
    await contacts.getByText('No Contacts').waitFor();
    expect(await contactsOf(a)).toEqual([]);
  }, 60_000);

  it("presses every key, Add number, Recents' filters and call-back, a favorite's call and removal, and the Contacts tab", async () => {
    await a.shell.getByRole('button', { name: 'Home' }).click();
    const phone = await a.openApp('Phone', 'phone');
    await phone.getByRole('tab', { name: 'Keypad' }).click();
    const shown = phone.getByLabel('Number', { exact: true });
    for (const key of '*#0123456789') await phone.getByRole('button', { name: key, exact: true }).click();
    await expect(shown.textContent()).resolves.toBe('*#0123456789');
    for (let left = 12; left > 0; left--) await phone.getByRole('button', { name: 'Delete digit' }).click();
    await expect(shown.textContent()).resolves.toBe('');
    const typeB = async () => {
      for (const digit of b.number.replace(/\D/g, '')) await phone.getByRole('button', { name: digit, exact: true }).click();
      await expect(shown.textContent()).resolves.toBe(b.number);
    };

    // Hide my number: B's phone rings with Unknown; B declines.
    await typeB();
    await phone.getByRole('switch', { name: 'Hide my number' }).click();
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
    const phoneB = await ringing(b);
    expect(await phoneB.locator('.call-title').textContent()).toBe('Unknown');
    await phoneB.getByRole('button', { name: 'Decline' }).click();
    await phone.getByLabel('Call status').getByText('Declined').waitFor();
    await phone.getByLabel('Call status').waitFor({ state: 'detached' });
    await phone.getByRole('switch', { name: 'Hide my number' }).click();
    expect(await phone.getByRole('switch', { name: 'Hide my number' }).isChecked()).toBe(false);

    await typeB();

    await phone.getByRole('button', { name: 'Add number' }).click();
    const contacts = await a.appFrame('contacts');
    // Contacts is open already: it opens a fresh form for the new link.
    await eventually(async () => expect(await contacts.getByLabel('Number').inputValue()).toBe(b.number));
    await contacts.getByRole('button', { name: 'Cancel' }).click();
    await a.shell.getByRole('button', { name: 'Home' }).click();
    await a.openApp('Phone', 'phone');

    // Recents: A answered two of B's calls, missed one, and B declined two of A's.
    await phone.getByRole('tab', { name: 'Recents' }).click();
    const rows = phone.getByRole('list', { name: 'Recent calls' }).locator('li');
    await eventually(async () => expect(await rows.count()).toBe(5));
    await phone.getByRole('button', { name: 'Missed', exact: true }).click();
    await eventually(async () => expect(await rows.count()).toBe(1));
    await phone.getByRole('button', { name: 'All', exact: true }).click();
    await eventually(async () => expect(await rows.count()).toBe(5));
    // A row calls back.
    await rows.first().locator('.row-button').click();
    await phone.getByLabel('Call status').getByText('Calling…').waitFor();
    await phone.getByRole('button', { name: 'Hang up' }).click();
    await phone.getByLabel('Call status').getByText(/^Call ended/).waitFor();
    await phone.getByLabel('Call status').waitFor({ state: 'detached' });

    // Favorites: a tap calls Bea; Edit offers to remove her, Done ends editing.
    await phone.getByRole('tab', { name: 'Favorites' }).click();
    const favorites = phone.getByRole('list', { name: 'Favorites' });
    await favorites.locator('.row-button').click();
    await phone.getByLabel('Call status').getByText('Calling…').waitFor();
    await phone.getByRole('button', { name: 'Hang up' }).click();
    await phone.getByLabel('Call status').getByText(/^Call ended/).waitFor();
    await phone.getByLabel('Call status').waitFor({ state: 'detached' });
    await phone.getByRole('tab', { name: 'Favorites' }).click();
    await phone.getByRole('button', { name: 'Edit' }).click();
    await phone.getByRole('button', { name: 'Remove Bea' }).click();
    await favorites.locator('li').waitFor({ state: 'detached' });
    await phone.getByRole('button', { name: 'Done' }).click();
    await phone.getByRole('button', { name: 'Edit' }).waitFor();

    // The Contacts tab lists A's contacts under the Phone's own tabs; a tap calls.
    await a.ask('contacts', 'contacts.add', { requestId: 'bea-again', number: b.number, firstName: 'Bea' });
    await phone.getByRole('tab', { name: 'Contacts' }).click();
    await phone.getByRole('button', { name: 'Call Bea' }).click();
    await phone.getByLabel('Call status').getByText('Calling…').waitFor();
    await phone.getByRole('button', { name: 'Hang up' }).click();
    await phone.getByLabel('Call status').waitFor({ state: 'detached' });
    await phone.getByRole('tab', { name: 'Keypad', selected: true }).waitFor();
  }, 60_000);

  it('pressed every button the Contacts and Phone screens showed', () => {
    expect({ contacts: sandbox.buttons.unpressed('contacts'), phone: sandbox.buttons.unpressed('phone') }).toEqual({ contacts: [], phone: [] });
  });
});
