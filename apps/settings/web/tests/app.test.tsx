// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
import { DEFAULT_PHONE_SETTINGS } from '@handset/sdk/protocol/phone-settings';
import type { StoreApp } from '@handset/sdk/protocol/catalogue';
import { App } from '../src/app';

let host: FakeHost | undefined;
let app: HandsetApp | undefined;
let screen: HTMLElement | undefined;

afterEach(() => {
  if (screen) render(null, screen);
  screen?.remove();
  app?.disconnect();
  host?.dispose();
  host = app = screen = undefined;
});

const storeApp = (id: string, label: string): StoreApp => ({
  id,
  label,
  icon: 'icon.svg',
  color: '#000',
  resource: 'handset',
  description: null,
  developer: null,
  version: null,
  screenshots: [],
  installed: true,
  removable: false,
});

async function start(options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'settings', grants: ['settings', 'apps'], store: [storeApp('mail', 'Mail'), storeApp('messages', 'Messages')], ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  await settle();
  return host;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));
/** A control by its name: aria-label, else a row's title, else its text. */
const control = (name: string) => {
  const nameOf = (element: Element) => element.getAttribute('aria-label') ?? (element.querySelector('.list-row-title') ?? element).textContent!.trim();
  const found = [...screen!.querySelectorAll('button')].find((element) => nameOf(element) === name);
  if (!found) throw new Error(`no control "${name}"`);
  return found;
};
const press = async (name: string) => {
  await act(() => control(name).click());
  await settle();
};
const notice = () => screen!.querySelector('[role="alert"]')?.textContent ?? null;

describe('Settings', () => {
  it('shows the phone’s settings and changes them through settings.update', async () => {
    const fake = await start({ device: { airplaneMode: false, passcodeSet: false, settings: DEFAULT_PHONE_SETTINGS } });
    expect(control('Airplane Mode').getAttribute('aria-checked')).toBe('false');
    await press('Airplane Mode');
    expect(fake.device.airplaneMode).toBe(true);
    expect(control('Airplane Mode').getAttribute('aria-checked')).toBe('true');

    await press('Display & Text');
    await press('Automatic');
    await press('24-Hour Time');
    await press('Large');
    expect(fake.device.settings).toMatchObject({ theme: 'automatic', clockFormat: '12h', textSize: 'large' });
    expect(control('Automatic, chosen')).toBeDefined();
    await press('Settings');

    await press('Notifications');
    await press('Mail banners');
    expect(fake.device.settings.silencedApps).toEqual(['mail']);
    expect(control('Mail banners').getAttribute('aria-checked')).toBe('false');
    expect(control('Messages banners').getAttribute('aria-checked')).toBe('true');
  });

  it('picks a language, each named in itself, and speaks it once the phone says so', async () => {
    const fake = await start();
    expect(control('Language').textContent).toBe('LanguageEnglish');
    await press('Language');
    // Each language named in itself; `control` throws for a name it does not find.
    expect(['English, chosen', 'Español', 'Deutsch'].map((name) => control(name).tagName)).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
    await press('Deutsch');
    expect(fake.calls.filter((call) => call.method === 'settings.update').map((call) => call.input)).toEqual([{ language: 'de' }]);
    expect(fake.device.settings.language).toBe('de');
    expect(control('Deutsch, chosen')).toBeDefined();
    await act(() => fake.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await settle();
    expect(screen!.querySelector('h1')!.textContent).toBe('Sprache');
    expect(control('Deutsch, ausgewählt')).toBeDefined();
    await press('Einstellungen');
    expect(control('Flugmodus').getAttribute('aria-checked')).toBe('false');
  });

  it("speaks the player's language, and follows a change of language live", async () => {
    const fake = await start({ settings: { locale: 'es-ES' } });
    expect(screen!.querySelector('h1')!.textContent).toBe('Ajustes');
    expect(control('Modo avión').getAttribute('aria-checked')).toBe('false');
    expect(control('Pantalla y texto').textContent).toBe('Pantalla y textoOscuro');
    await act(() => fake.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await settle();
    expect(screen!.querySelector('h1')!.textContent).toBe('Einstellungen');
    expect(control('Flugmodus').getAttribute('aria-checked')).toBe('false');
    expect(control('Anzeige & Text').textContent).toBe('Anzeige & TextDunkel');
  });

  it('sets a passcode after asking twice, refuses a mismatch, and turns it off with the current one', async () => {
    const answers: string[] = [];
    const fake = await start({ prompt: () => answers.shift() ?? null });
    await press('Passcode');
    answers.push('1234', '4321');
    await press('Turn Passcode On');
    await vi.waitFor(() => expect(notice()).toBe('The passcodes did not match. Nothing was changed.'));
    expect(fake.passcode).toBeNull();

    answers.push('1234', '1234');
    await press('Turn Passcode On');
    await vi.waitFor(() => expect(notice()).toBe('Passcode set.'));
    expect(fake.passcode).toBe('1234');

    answers.push('1234', '5678', '5678');
    await press('Change Passcode');
    await vi.waitFor(() => expect(notice()).toBe('Passcode set.'));
    expect(fake.passcode).toBe('5678');

    answers.push('9999');
    await press('Turn Passcode Off');
    await vi.waitFor(() => expect(notice()).toBe('Wrong passcode: 4 tries left.'));
    expect(fake.passcode).toBe('5678');
    answers.push('5678');
    await press('Turn Passcode Off');
    await vi.waitFor(() => expect(notice()).toBe('Passcode turned off.'));
    expect(fake.passcode).toBeNull();
    expect(fake.calls.filter((call) => call.method === 'passcode.set').map((call) => call.input)).toEqual([
      { current: null, next: '1234' },
      { current: '1234', next: '5678' },
      { current: '9999', next: null },
      { current: '5678', next: null },
    ]);
  });
});
