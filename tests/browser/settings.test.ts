import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/handset';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';
import { eventually, manifest } from '../support/simulation';

// A bank script that notifies the player.
const bank = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('payday', async (_source, [player, body]) => {
  console.log('notify ' + JSON.stringify(await exports.handset.notify(Number(player), { title: 'Maze Bank', body })));
}, true);`,
};

describe.skipIf(!hasChromium)(`Settings and the lock screen in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;
  let settings: Frame;

  beforeAll(async () => {
    session = await openPhoneSession({
      convars: { 'handset:passcode_attempts': '2', 'handset:passcode_lockout_seconds': '1' },
      resources: { bank },
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  /** Answers the shell's prompt sheet titled `title` with `text`. */
  const answerPrompt = async (title: string, text: string) => {
    const sheet = session.shell.getByRole('dialog', { name: title }).locator('input');
    await sheet.fill(text);
    await sheet.press('Enter');
    await sheet.waitFor({ state: 'detached' });
  };
  const payday = async (body: string) => {
    session.simulation.sim.executeCommand(`payday ${session.player.id} "${body}"`, 0);
    await eventually(() => expect(session.simulation.printed('bank').at(-1)).toBe('notify true'));
  };

  it('changes the theme, clock and wallpaper of the phone and of every open app, kept on the server', async () => {
    await session.openPhone();
    await session.unlock();
    settings = await session.openApp('Settings', 'settings');
    await settings.getByRole('button', { name: 'Display & Text' }).click();
    await settings.getByRole('button', { name: 'Light' }).click();
    await eventually(async () => expect(await session.shellFrame().evaluate(() => document.documentElement.dataset['theme'])).toBe('light'));
    // The shell tells open apps after it has changed itself.
    await eventually(async () => expect(await settings.evaluate(() => document.documentElement.dataset['theme'])).toBe('light'));
    await settings.getByRole('switch', { name: '24-Hour Time' }).click();
    await session.shell.locator('.status-left').getByText(/^\d{1,2}:\d\d [AP]M$/).waitFor();
    await settings.getByRole('button', { name: 'Large' }).click();
    await eventually(async () => expect(await settings.evaluate(() => document.documentElement.dataset['textSize'])).toBe('large'));
    await settings.getByRole('button', { name: 'Settings' }).click();
    await settings.getByRole('button', { name: 'Wallpaper' }).click();
    await settings.getByRole('button', { name: 'Ocean' }).click();
    await eventually(async () => expect(await session.shell.locator('[data-phone]').getAttribute('data-wallpaper')).toBe('ocean'));
    // A link on a host the owner did not allow is refused and changes nothing.
    await settings.getByRole('button', { name: 'Image from a link…' }).click();
    await answerPrompt('Wallpaper image', 'https://evil.example/wall.png');
    await settings.getByRole('alert').getByText('wallpaper: that image host is not allowed on this server').waitFor();
    expect(await session.shell.locator('[data-phone]').getAttribute('data-wallpaper')).toBe('ocean');
    await settings.getByRole('button', { name: 'Image from a link…' }).click();
    await answerPrompt('Wallpaper image', 'https://i.imgur.com/wall.png');
    await eventually(async () => expect(await session.shell.locator('[data-phone]').getAttribute('data-wallpaper')).toBe('image'));
    await settings.getByRole('button', { name: 'Settings' }).click();

    await settings.getByRole('button', { name: 'Sounds' }).click();
    await settings.getByRole('button', { name: 'Marimba' }).click();
    await settings.getByRole('button', { name: 'Marimba, chosen' }).waitFor();
    await settings.getByRole('button', { name: 'Settings' }).click();

    // Streamer mode reaches every open app, which hides what others' numbers and pictures show.
    await settings.getByRole('switch', { name: 'Streamer Mode' }).click();
    await eventually(async () => expect(await settings.evaluate(() => document.documentElement.dataset['streamer'])).toBe('true'));
    await settings.getByRole('switch', { name: 'Streamer Mode' }).click();
    await eventually(async () => expect(await settings.evaluate(() => document.documentElement.dataset['streamer'])).toBe('false'));
  });

  it('silences banners in do not disturb, still listing the notification', async () => {
    await settings.getByRole('switch', { name: 'Do Not Disturb' }).click();
    await eventually(async () => expect(await settings.getByRole('switch', { name: 'Do Not Disturb' }).getAttribute('aria-checked')).toBe('true'));
    await payday('Quiet payday');
    await session.shell.getByRole('button', { name: 'Notification center' }).click();
    const center = session.shell.getByLabel('Notification center');
    await center.getByText('Quiet payday').waitFor();
    expect(await session.shell.locator('.banners').getByText('Quiet payday').count()).toBe(0);
    expect(await center.getByRole('button', { name: 'Do not disturb' }).getAttribute('aria-pressed')).toBe('true');
    await center.getByRole('button', { name: 'Do not disturb' }).click();
    await session.page.keyboard.press('Escape');
    await center.waitFor({ state: 'hidden' });
    await payday('Loud payday');
    await session.shell.getByRole('status').filter({ hasText: 'Loud payday' }).waitFor();
  });

  it('sets a passcode; the lock screen asks for it, locks out after wrong ones and lets the right one in', async () => {
    settings = await session.appFrame('settings');
    await settings.getByRole('button', { name: 'Passcode' }).click();
    await settings.getByRole('button', { name: 'Turn Passcode On' }).click();
    // Typed as dots.
    expect(await session.shell.getByRole('dialog', { name: 'Enter a new passcode' }).locator('input').getAttribute('type')).toBe('password');
    await answerPrompt('Enter a new passcode', '2468');
    await answerPrompt('Enter the new passcode again', '2468');
    await settings.getByText('Passcode set.').waitFor();

    await session.putAway();
    await session.openPhone();
    await session.shell.getByRole('button', { name: 'Unlock' }).click();
    const pad = session.shell.getByRole('group', { name: 'Passcode' });
    await pad.waitFor();
    await session.shell.locator('[data-phone]').screenshot({ path: path.join(repoRoot, 'docs/screenshots/passcode.png'), animations: 'disabled' });
    const enter = async (code: string) => {
      for (const digit of code) await pad.getByRole('button', { name: digit, exact: true }).click();
      await pad.getByRole('button', { name: 'OK' }).click();
    };
    await enter('1111');
    await pad.getByText('Wrong passcode: 1 try left').waitFor();
    await enter('1112');
    await pad.getByText(/Phone locked\. Try again in 1 second/).waitFor();
    expect(await pad.getByRole('button', { name: '2', exact: true }).isDisabled()).toBe(true);
    // The lockout ends on its own; the right passcode then opens the phone.
    await eventually(async () => expect(await pad.getByRole('button', { name: '2', exact: true }).isDisabled()).toBe(false), 3000);
    await enter('2468');
    await session.shell.getByLabel('Lock screen').waitFor({ state: 'hidden' });
  });

  it('turns the passcode off with the current one', async () => {
    settings = await session.openApp('Settings', 'settings');
    await settings.getByRole('button', { name: 'Passcode' }).click();
    await settings.getByRole('button', { name: 'Turn Passcode Off' }).click();
    await answerPrompt('Enter your current passcode', '2468');
    await settings.getByText('Passcode turned off.').waitFor();
    await session.putAway();
    await session.openPhone();
    await session.unlock();
  });
});
