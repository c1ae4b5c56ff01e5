import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually, manifest } from '../support/simulation';

/** A stored XSS for field `n`: an element with an inline handler, which would set `xss` were it ever parsed as HTML. */
const payload = (n: number) => `<img src=x onerror=xss=${n}>`;
const SCRIPT = '<script>xss=99</script>';

/** Another resource notifies a player: its title and body are written by whoever calls the export. */
const notifier = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('shout', async (_source, [player]) => console.log('notify ' + JSON.stringify(await exports.handset.notify(Number(player), { title: '${payload(9)}', body: '${payload(10)}' }))), true);`,
};

/** Every place a payload shows is text, and nothing of it became an element or ran. */
async function harmless(frame: Frame, texts: string[]): Promise<void> {
  for (const text of texts) await frame.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 5000 });
  const elements = await frame.evaluate(() => document.querySelectorAll('img[src="x"]').length + [...document.scripts].filter((script) => script.text.includes('xss=')).length);
  expect(elements).toBe(0);
  expect(await frame.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
}

describe.skipIf(!hasChromium)(`stored XSS in every field another player or resource writes, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;

  beforeAll(async () => {
    sandbox = await openSandbox({ resources: { notifier } });
    [a, b] = [await sandbox.connect(), await sandbox.connect()];
    // B writes to A in every app; A names B in Contacts, and keeps an album, with payloads of A's own.
    await a.ask('contacts', 'contacts.add', { requestId: 'xss', number: b.number, firstName: payload(7), notes: payload(8) });
    await b.ask('messages', 'messages.send', { clientId: 'x1', kind: 'text', body: `${payload(1)} ${SCRIPT}`, to: a.number });
    await b.ask('messages', 'messages.send', { clientId: 'x3', kind: 'contact', attachment: { name: payload(3), number: '5550100' }, to: a.number });
    await b.ask('messages', 'messages.send', { clientId: 'x4', kind: 'location', attachment: { x: 1, y: 2, label: payload(4) }, to: a.number });
    await b.ask('messages', 'groups.create', { name: payload(2), members: [a.number] });
    await a.ask('mail', 'mail.claim', { name: 'ana' });
    await b.ask('mail', 'mail.claim', { name: 'ben' });
    await b.ask('mail', 'mail.send', { clientId: 'm1', to: 'ana@handset.mail', subject: payload(5), body: `${payload(6)} ${SCRIPT}` });
    await a.ask('photos', 'albums.create', { name: payload(12) });
    const call = await b.ask<{ callId: string }>('phone', 'calls.start', { requestId: 'c1', number: a.number });
    await b.ask('phone', 'calls.end', { callId: call.callId });
    sandbox.simulation.sim.executeCommand(`shout ${a.player.id}`, 0);
    await eventually(() => expect(sandbox.simulation.printed('notifier')).toEqual(['notify true']));
  }, 60_000);

  /** Opens an app from the home screen (B's call left the Phone app in front). */
  const open = async (label: string, appId: string) => {
    await a.shell.getByRole('button', { name: 'Home' }).click();
    return a.openApp(label, appId);
  };

  afterAll(async () => {
    // Closing fails if any page's policy refused anything: a payload that became an element would have been.
    await sandbox?.close();
  });

  it('shows a resource’s notification as text on the lock screen and in the notification center', async () => {
    await a.openPhone();
    await harmless(a.shellFrame(), [payload(9), payload(10)]);
    await a.unlock();
    await a.shell.getByRole('button', { name: 'Notification center' }).click();
    await harmless(a.shellFrame(), [payload(9)]);
    await a.page.keyboard.press('Escape');
    await a.shell.getByLabel('Notification center').waitFor({ state: 'hidden' });
  });

  it('shows messages, a contact card, a place, a group name and a contact’s name as text', async () => {
    const messages = await open('Messages', 'messages');
    await harmless(messages, [payload(7), payload(2)]);
    await messages.locator('.thread-row').filter({ hasText: payload(7) }).click();
    await harmless(messages, [payload(1), SCRIPT, payload(3), payload(4)]);
  });

  it('shows a mail’s subject and body as text', async () => {
    const mail = await open('Mail', 'mail');
    await harmless(mail, [payload(5)]);
    await mail.getByText(payload(5)).first().click();
    await harmless(mail, [payload(6), SCRIPT]);
  });

  it('shows a contact’s name and notes, a caller’s name and an album’s name as text', async () => {
    const contacts = await open('Contacts', 'contacts');
    await harmless(contacts, [payload(7)]);
    await contacts.getByText(payload(7)).first().click();
    await harmless(contacts, [payload(8)]);
    const phone = await open('Phone', 'phone');
    await phone.getByRole('tab', { name: 'Recents' }).click();
    await harmless(phone, [payload(7)]);
    const photos = await open('Photos', 'photos');
    await photos.getByRole('tab', { name: 'Albums' }).click();
    await harmless(photos, [payload(12)]);
  });
});
