import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Messages } from '@handset/sdk/i18n';
import { repoRoot } from '../support/handset';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';
import { eventually } from '../support/simulation';

const CATALOGUES = ['sdk/ui/messages.ts', 'web-shell/src/messages.ts', ...['contacts', 'phone', 'messages', 'mail', 'photos', 'settings', 'store', 'tweeder', 'cloutgram'].map((app) => `apps/${app}/web/src/messages.ts`)];

/** Every English text of the phone that is no German text of it (texts with placeholders are filled in on screen, so left out). */
async function englishOnly(): Promise<Set<string>> {
  const english = new Set<string>();
  const german = new Set<string>();
  const forms = (messages: Record<string, Message> | undefined) =>
    Object.values(messages ?? {}).flatMap((message) => (typeof message === 'string' ? [message] : Object.values(message)));
  for (const file of CATALOGUES) {
    const [catalogue] = Object.values((await import(path.join(repoRoot, file))) as Record<string, Messages<Record<string, Message>>>);
    for (const text of forms(catalogue!.english)) if (!text.includes('{')) english.add(text);
    for (const text of forms(catalogue!.translations.de)) german.add(text);
  }
  return new Set([...english].filter((text) => !german.has(text)));
}

/** What a page shows and says to a screen reader: its text nodes, and its labels, titles and placeholders. */
function shownTexts(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text && !node.parentElement?.closest('[hidden], script, style')) texts.push(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value && !element.closest('[hidden]')) texts.push(value);
      }
    }
    return texts;
  });
}

describe.skipIf(!hasChromium)(`the phone in another language, in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;
  let english: Set<string>;

  beforeAll(async () => {
    // The owner's default language: German for every phone until its player picks another.
    session = await openPhoneSession({ convars: { 'handset:language': 'de' } });
    english = await englishOnly();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const home = () => session.shell.getByLabel('Home-Bildschirm');
  const untranslated = async (frame: Frame) => (await shownTexts(frame)).filter((text) => english.has(text));

  it("speaks the owner's language on every screen of the shell and of each built-in app", async () => {
    await session.openPhone();
    await session.shell.getByText('Nach oben wischen oder Enter drücken').waitFor();
    expect(await untranslated(session.shellFrame())).toEqual([]);
    await session.shell.getByRole('button', { name: 'Entsperren' }).click();
    await home().waitFor();
    expect(await home().getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')))).toEqual(
      expect.arrayContaining(['Kontakte', 'Telefon', 'Nachrichten', 'Mail', 'Fotos', 'Einstellungen', 'App Store', 'Tweeder', 'Cloutgram']),
    );
    expect(await untranslated(session.shellFrame())).toEqual([]);

    const apps: [label: string, id: string, shown: string][] = [
      ['Kontakte', 'contacts', 'Keine Kontakte'],
      ['Telefon', 'phone', 'Meine Nummer unterdrücken'],
      ['Nachrichten', 'messages', 'Keine Nachrichten'],
      ['Mail', 'mail', 'Wähle deine Adresse'],
      ['Fotos', 'photos', 'Keine Fotos'],
      ['Tweeder', 'tweeder', 'Tweeder beitreten'],
      ['Cloutgram', 'cloutgram', 'Cloutgram beitreten'],
      ['App Store', 'appstore', 'Auf diesem Telefon'],
      ['Einstellungen', 'settings', 'Flugmodus'],
    ];
    for (const [label, appId, shown] of apps) {
      const frame = await session.openApp(label, appId);
      await frame.getByText(shown, { exact: true }).first().waitFor();
      expect({ appId, untranslated: await untranslated(frame) }).toEqual({ appId, untranslated: [] });
      if (appId !== 'settings') await session.shell.getByRole('button', { name: 'Home', exact: true }).click();
    }
  }, 90_000);

  it('switches every screen to the language the player picks in Settings, live, and keeps it', async () => {
    const settings = await session.appFrame('settings');
    await settings.getByRole('button', { name: 'Sprache' }).click();
    await settings.getByRole('button', { name: 'English' }).click();
    await settings.getByRole('heading', { name: 'Language' }).waitFor();
    await settings.getByRole('button', { name: 'English, chosen' }).waitFor();
    await session.shell.getByRole('button', { name: 'Home', exact: true }).click();
    const homeScreen = session.shell.getByLabel('Home screen');
    await homeScreen.getByRole('button', { name: 'Contacts', exact: true }).waitFor();
    await homeScreen.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    // A frame still open from before (the App Store) follows as well.
    const store = await session.appFrame('appstore');
    await eventually(async () => expect(await store.locator('h1').textContent()).toBe('App Store'));
    await store.getByText('On this phone', { exact: true }).waitFor({ state: 'attached' });
    await session.putAway();
    await session.openPhone();
    await session.shell.getByText('Swipe up or press Enter').waitFor();
  }, 60_000);
});
