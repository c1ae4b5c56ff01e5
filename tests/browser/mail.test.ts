import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually } from '../support/simulation';

interface MailAddress {
  address: string;
}
interface Mail {
  id: number;
  from: string;
  subject: string;
  body: string;
  replyTo: number | null;
  createdAt: number;
}

describe.skipIf(!hasChromium)(`two players write each other mail, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;

  beforeAll(async () => {
    sandbox = await openSandbox({});
    [a, b] = [await sandbox.connect(), await sandbox.connect()];
    // The requests go through each player's shell page: wait until it has loaded.
    for (const screen of [a, b]) await eventually(() => expect(screen.shellFrame()).toBeDefined(), 10_000);
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  /** Asks an app's server side (Mail's unless told) as the shell does for the app's page. */
  const ask = <T>(screen: PhoneScreen, action: string, payload: unknown, appId = 'mail') => screen.ask<T>(appId, action, payload);

  it('answers a mail with Reply, quoting the original under the text and sending it with it', async () => {
    // Franklin (b) claims his address on Mail's first screen; Lamar (a) through the server.
    const from = await ask<MailAddress>(a, 'mail.claim', { name: 'lamar' });
    await b.openPhone();
    await b.unlock();
    const mail = await b.openApp('Mail', 'mail');
    await mail.getByLabel('Address name').fill('franklin');
    await mail.getByRole('button', { name: 'Claim' }).click();
    await mail.getByRole('button', { name: 'Compose' }).waitFor();
    const to = await ask<MailAddress>(b, 'mail.address', {});
    expect(to.address).toMatch(/^franklin@/);
    await ask<Mail>(a, 'mail.send', { clientId: 'a-1', to: to.address, subject: 'Lunch?', body: 'Noon?\n\nAt the pier' });

    await mail.getByRole('button', { name: /Lunch\?/ }).click();
    await mail.getByRole('button', { name: 'Reply' }).click();
    const quoted = mail.getByLabel('Quoted mail');
    await quoted.waitFor();
    const quote = (await quoted.textContent())!;
    expect(quote).toMatch(new RegExp(`^On .+, ${from.address.replace(/\./g, '\\.')} wrote:\\n> Noon\\?\\n>\\n> At the pier$`));
    await mail.getByLabel('Body').fill('Sure, noon.');
    await mail.getByRole('button', { name: 'Send' }).click();
    await mail.getByRole('button', { name: 'Compose' }).waitFor();

    const { mails } = await ask<{ mails: { id: number; subject: string }[] }>(a, 'mail.list', { folder: 'inbox' });
    expect(mails.map((summary) => summary.subject)).toEqual(['Re: Lunch?']);
    const reply = await ask<Mail>(a, 'mail.get', { id: mails[0]!.id });
    expect(reply).toMatchObject({ from: to.address, subject: 'Re: Lunch?', body: `Sure, noon.\n\n${quote}` });
  }, 40_000);

  it('suggests a contact with an address as the player types their name in To:, and sends to the one picked', async () => {
    // Both addresses were claimed above: Lamar (a) writes to Franklin (b), saved in a's Contacts.
    await ask(a, 'contacts.add', { requestId: 'franklin', number: b.number, firstName: 'Franklin' }, 'contacts');
    await a.openPhone();
    await a.unlock();
    const mail = await a.openApp('Mail', 'mail');
    await mail.getByRole('button', { name: 'Compose' }).click();
    await mail.getByLabel('To').fill('fra');
    const suggestion = mail.getByRole('button', { name: /^Franklin, franklin@/ });
    await suggestion.click();
    const to = await mail.getByLabel('To').inputValue();
    expect(to).toMatch(/^franklin@/);
    await mail.getByLabel('Body').fill('Found you in my contacts.');
    await mail.getByRole('button', { name: 'Send' }).click();
    await mail.getByRole('button', { name: 'Compose' }).waitFor();
    const { mails } = await ask<{ mails: { to: string; preview: string }[] }>(b, 'mail.list', { folder: 'inbox' });
    expect(mails[0]).toMatchObject({ to, preview: 'Found you in my contacts.' });
  }, 40_000);
  it('lists Sent, marks a mail unread, blocks and unblocks its sender, deletes it, and cancels a compose and an address change', async () => {
    // Lamar's (a) Mail is open on the inbox from the test above: Franklin's reply is in it, Lamar's two mails in Sent.
    const mail = await a.appFrame('mail');
    await mail.getByRole('tab', { name: 'Sent' }).click();
    await mail.getByRole('button', { name: /Lunch\?/ }).waitFor();
    expect(await mail.locator('.mail-row').count()).toBe(2);
    await mail.getByRole('tab', { name: 'Inbox' }).click();
    await mail.getByRole('button', { name: /Re: Lunch\?/ }).click();
    await mail.getByRole('button', { name: 'Mark as unread' }).click();
    await mail.locator('.mail-row.unread').waitFor();
    const inbox = async () => (await ask<{ mails: { subject: string; read: boolean }[] }>(a, 'mail.list', { folder: 'inbox' })).mails;
    expect((await inbox()).map(({ subject, read }) => ({ subject, read }))).toEqual([{ subject: 'Re: Lunch?', read: false }]);

    await mail.getByRole('button', { name: /Re: Lunch\?/ }).click();
    await mail.getByRole('button', { name: 'Block sender' }).click();
    await a.shell.getByRole('button', { name: 'Block', exact: true }).click();
    await mail.getByRole('button', { name: 'Unblock sender' }).waitFor();
    const franklin = (await ask<MailAddress>(b, 'mail.address', {})).address;
    expect(await ask<string[]>(a, 'mail.blocks', {})).toEqual([franklin]);
    await mail.getByRole('button', { name: 'Unblock sender' }).click();
    await mail.getByRole('button', { name: 'Block sender' }).waitFor();
    expect(await ask<string[]>(a, 'mail.blocks', {})).toEqual([]);

    await mail.getByRole('button', { name: 'Delete' }).click();
    await a.shell.getByRole('button', { name: 'Delete', exact: true }).click();
    await mail.getByRole('button', { name: 'Compose' }).waitFor();
    await mail.getByText('Mail sent to you appears here.').waitFor();
    expect(await inbox()).toEqual([]);

    await mail.getByRole('button', { name: 'Compose' }).click();
    await mail.getByLabel('Body').fill('Never mind.');
    await mail.getByRole('button', { name: 'Cancel' }).click();
    await mail.getByRole('button', { name: 'Change address' }).click();
    await mail.getByRole('button', { name: 'Cancel' }).click();
    await mail.getByRole('tab', { name: 'Sent' }).click();
    expect(await mail.locator('.mail-row').count()).toBe(2);
    expect(await ask<MailAddress>(a, 'mail.address', {})).toMatchObject({ address: expect.stringMatching(/^lamar@/) });
  }, 40_000);

  it('pressed every button the Mail screens showed', () => {
    expect(sandbox.buttons.unpressed('mail')).toEqual([]);
  });
});
