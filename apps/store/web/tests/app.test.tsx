// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
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

const entry = (id: string, label: string, more: Partial<StoreApp> = {}): StoreApp => ({
  id,
  label,
  icon: 'icon.svg',
  color: '#30d158',
  resource: id,
  description: null,
  developer: null,
  version: null,
  screenshots: [],
  installed: false,
  removable: true,
  ...more,
});

const CATALOGUE = [
  entry('bank', 'Maze Bank', { description: 'Your accounts', developer: 'Maze', version: '1.2.0', screenshots: ['https://i.imgur.com/bank-1.png', 'https://i.imgur.com/bank-2.png'] }),
  entry('taxi', 'Downtown Cab', { installed: true }),
  entry('messages', 'Messages', { installed: true, removable: false }),
];

async function start(options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'appstore', grants: ['apps'], store: structuredClone(CATALOGUE), ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  await settle();
  return host;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));
const sections = () =>
  [...screen!.querySelectorAll('.list-section')].map((section) => ({
    title: section.querySelector('.list-section-title')?.textContent,
    apps: [...section.querySelectorAll('.list-row-title')].map((title) => title.textContent),
  }));
const press = async (name: string) => {
  const found = [...screen!.querySelectorAll('button')].find((button) => (button.getAttribute('aria-label') ?? button.textContent!.trim()) === name);
  if (!found) throw new Error(`no button "${name}"`);
  await act(() => found.click());
  await settle();
};

describe('App Store', () => {
  it('lists what may be installed apart from what is on the phone, with its developer and version', async () => {
    await start();
    expect(sections()).toEqual([
      { title: 'Available', apps: ['Maze Bank'] },
      { title: 'On this phone', apps: ['Downtown Cab', 'Messages'] },
    ]);
    expect(screen!.textContent).toContain('Your accounts — Maze · v1.2.0');
    expect(screen!.textContent).toContain('Built in');
  });

  it('installs and, after asking, removes an app; built-in ones have no Remove', async () => {
    const fake = await start({ confirm: () => true });
    await press('Get Maze Bank');
    expect(fake.store.find((one) => one.id === 'bank')?.installed).toBe(true);
    expect(sections()).toEqual([{ title: 'On this phone', apps: ['Maze Bank', 'Downtown Cab', 'Messages'] }]);
    await press('Remove Downtown Cab');
    expect(fake.calls.filter((call) => call.method.startsWith('apps.') || call.method === 'dialog.confirm').map((call) => call.method)).toEqual([
      'apps.catalogue',
      'apps.install',
      'dialog.confirm',
      'apps.uninstall',
    ]);
    expect(fake.store.find((one) => one.id === 'taxi')?.installed).toBe(false);
    expect([...screen!.querySelectorAll('button')].some((button) => button.getAttribute('aria-label') === 'Remove Messages')).toBe(false);
  });

  it('keeps an app when the player cancels, and shows a refusal', async () => {
    const fake = await start({ confirm: () => false, store: [entry('taxi', 'Downtown Cab', { installed: false })] });
    fake.store.length = 0;
    await press('Get Downtown Cab');
    expect(screen!.querySelector('[role="alert"]')?.textContent).toBe('no app "taxi" is registered');
    expect(sections()).toEqual([{ title: 'Available', apps: ['Downtown Cab'] }]);
  });

  it('filters by name, developer or description', async () => {
    await start();
    const search = screen!.querySelector('input[type="search"]') as HTMLInputElement;
    await act(() => {
      search.value = 'maze';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(sections()).toEqual([{ title: 'Available', apps: ['Maze Bank'] }]);
  });
});

describe("the App Store's language", () => {
  it('speaks the player’s language, and lists the apps again when it changes (the server names them in it)', async () => {
    const fake = await start({ settings: { locale: 'es-ES' } });
    expect(screen!.querySelector('h1')!.textContent).toBe('App Store');
    expect(sections().map((section) => section.title)).toEqual(['Disponibles', 'En este teléfono']);
    expect(screen!.querySelector('[aria-label="Obtener Maze Bank"]')!.textContent).toBe('Obtener');
    const listed = () => fake.calls.filter((call) => call.method === 'apps.catalogue').length;
    expect(listed()).toBe(1);
    await act(() => fake.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(sections().map((section) => section.title)).toEqual(['Verfügbar', 'Auf diesem Telefon']));
    expect(listed()).toBe(2);
    expect(screen!.querySelector('[aria-label="Maze Bank laden"]')!.textContent).toBe('Laden');
  });
});

describe("an app's screenshots", () => {
  it('shows the manifest’s screenshots under their app, as images read out by number', async () => {
    await start();
    const strip = screen!.querySelector('[aria-label="Screenshots of Maze Bank"]')!;
    expect([...strip.querySelectorAll('img')].map((image) => [image.getAttribute('src'), image.getAttribute('alt')])).toEqual([
      ['https://i.imgur.com/bank-1.png', 'Screenshot 1'],
      ['https://i.imgur.com/bank-2.png', 'Screenshot 2'],
    ]);
    expect(screen!.querySelectorAll('.screenshots')).toHaveLength(1);
  });
});

describe("an app's icon", () => {
  it("is its resource's file, served next to the page; one that does not load gives way to the app's letter", async () => {
    await start();
    const icons = () => [...screen!.querySelectorAll('.list-row')].map((row) => row.querySelector('.tile'));
    const bank = icons()[0]!;
    expect(bank.tagName).toBe('IMG');
    expect(bank.getAttribute('src')).toMatch(/^https?:\/\/cfx-nui-bank(\.[^/]+)?\/icon\.svg$/);
    await act(() => void bank.dispatchEvent(new Event('error')));
    expect(icons()[0]!.tagName).toBe('SPAN');
    expect(icons()[0]!.textContent).toBe('M');
  });
});
