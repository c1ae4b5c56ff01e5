// @vitest-environment happy-dom
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import { App } from '../web/src/app';

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

/** Renders the app connected to a fake phone whose server side answers like server/index.ts does. */
async function start(options: FakeHostOptions = {}) {
  host = createFakeHost({
    requests: {
      greet: (payload) => ({ text: `Hello, ${(payload as { name: string }).name}!` }),
      ping: () => {
        setTimeout(() => host!.push('pong', { at: Date.now() }), 10);
        return { sent: true };
      },
    },
    ...options,
  });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return host;
}

const input = (label: string) => {
  const labelled = [...screen!.querySelectorAll('label')].find((element) => element.textContent === label);
  return screen!.querySelector<HTMLInputElement>(`#${labelled!.htmlFor}`)!;
};
const button = (name: string) => [...screen!.querySelectorAll('button')].find((element) => element.textContent === name)!;
const text = (role: string) => screen!.querySelector(`[role="${role}"]`)?.textContent ?? null;

const type = (field: HTMLInputElement, value: string) =>
  act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
const click = (name: string) => act(() => button(name).click());

it("greets with the server's answer", async () => {
  const phone = await start();
  await type(input('Your name'), 'Lamar');
  await click('Greet');
  await vi.waitFor(() => expect(text('status')).toBe('Hello, Lamar!'));
  expect(phone.calls.filter((call) => call.method === 'request')).toEqual([
    { method: 'request', input: { action: 'greet', payload: { name: 'Lamar' } } },
  ]);
});

it('shows what the server pushes, counting the pushes', async () => {
  await start();
  await click('Ping');
  await vi.waitFor(() => expect(text('log')).toBe('Pushed: pong'));
  await click('Ping');
  await vi.waitFor(() => expect(text('log')).toBe('Pushed: pong ×2'));
});

it('notifies through the phone', async () => {
  const phone = await start({ grants: ['notifications'] });
  await click('Notify me');
  await vi.waitFor(() => expect(phone.notifications).toEqual([{ title: 'Template', body: 'Hello from test_app' }]));
  expect(text('alert')).toBeNull();
});

it("shows the phone's error code when the app lacks the notifications permission", async () => {
  const phone = await start({ grants: [] });
  await click('Notify me');
  await vi.waitFor(() => expect(text('alert')).toBe('FORBIDDEN: notifications.show needs the notifications permission'));
  expect(phone.notifications).toEqual([]);
});

it("shows the server's refusal", async () => {
  await start({
    requests: {
      greet: () => {
        throw new HandsetError('INVALID_INPUT', 'Too small: expected string to have >=1 characters');
      },
    },
  });
  await click('Greet');
  await vi.waitFor(() => expect(text('alert')).toBe('INVALID_INPUT: Too small: expected string to have >=1 characters'));
  expect(text('status')).toBe('');
});

it("follows the phone's theme", async () => {
  const phone = await start({ settings: { theme: 'dark' } });
  expect(screen!.querySelector('main')!.dataset['theme']).toBe('dark');
  await act(() => phone.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
  await vi.waitFor(() => expect(screen!.querySelector('main')!.dataset['theme']).toBe('light'));
});

it("speaks the phone's language and follows a change live; a language it does not ship reads English", async () => {
  const phone = await start({ settings: { locale: 'es-ES' } });
  const texts = () => [screen!.querySelector('h1')!.textContent, ...[...screen!.querySelectorAll('button')].map((element) => element.textContent)];
  expect(texts()).toEqual(['Plantilla', 'Saludar', 'Ping', 'Avísame']);
  await act(() => phone.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
  await vi.waitFor(() => expect(texts()).toEqual(['Vorlage', 'Grüßen', 'Ping', 'Benachrichtige mich']));
  await act(() => phone.emit('settings', { theme: 'dark', locale: 'fr-FR', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
  await vi.waitFor(() => expect(texts()).toEqual(['Template', 'Greet', 'Ping', 'Notify me']));
});
