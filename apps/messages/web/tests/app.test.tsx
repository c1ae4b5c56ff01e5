// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import type { AppPermission } from '@handset/sdk/manifest';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { App } from '../src/app';
import { TYPING_SHOWN_MS } from '../src/components/conversation';
import { ME, messagesServer, type MessagesServer } from './messages-server';
import { AppProvider } from '@handset/sdk/ui';

const LAMAR = '5550142';
const AMANDA = '5550199';
const FRANKLIN = '5550177';
const NAMES = { [LAMAR]: 'Lamar Davis', [AMANDA]: 'Amanda De Santa' };
const LAMAR_THREAD = `d:${ME}:${LAMAR}`;
const GRANTS: AppPermission[] = ['contacts:read', 'gallery', 'camera', 'location'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let host: FakeHost | undefined;
let app: HandsetApp | undefined;
let screen: HTMLElement | undefined;

afterEach(() => {
  vi.useRealTimers();
  if (screen) render(null, screen);
  screen?.remove();
  app?.disconnect();
  host?.dispose();
  host = app = screen = undefined;
  delete document.documentElement.dataset['theme'];
});

/** A server with Lamar's thread (2 unread), an unknown number's, and a group, as most tests start. */
function seeded() {
  const server = messagesServer({ names: NAMES });
  server.direct(LAMAR, [
    [LAMAR, 'Hey'],
    [ME, 'Yo'],
    [LAMAR, 'Where are you?'],
  ]);
  return server;
}

/** Renders the app against a fake phone whose server side is `server`; `options` stays live, so a test may change what the player picks. */
async function start(server: MessagesServer, options: FakeHostOptions = {}) {
  const hostOptions: FakeHostOptions = { grants: GRANTS, requests: server.requests, ...options };
  host = createFakeHost(hostOptions);
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return { host, options: hostOptions };
}

const visible = (element: Element) => !element.closest('[hidden]');
const nameOf = (element: Element) => element.getAttribute('aria-label') ?? element.textContent!.trim();
/** A button by its accessible name: aria-label, else its text. */
const findButton = (name: string, within: ParentNode = screen!) =>
  [...within.querySelectorAll('button')].find((element) => visible(element) && nameOf(element) === name);
const button = (name: string, within?: ParentNode) => {
  const found = findButton(name, within);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
/** A field by its aria-label, else its label's text. */
const field = (name: string) => {
  const labelled = [...screen!.querySelectorAll<HTMLInputElement>(`[aria-label="${name}"]`)].find(visible);
  const label = [...screen!.querySelectorAll('label')].find((element) => visible(element) && element.textContent === name);
  const byLabel = label && (label.htmlFor ? screen!.querySelector<HTMLInputElement>(`#${label.htmlFor}`) : label.querySelector('input'));
  const found = labelled ?? byLabel;
  if (!found) throw new Error(`no field "${name}"`);
  return found;
};
const rows = () => [...screen!.querySelectorAll('.thread-row')].filter(visible).map((row) => row.getAttribute('aria-label'));
const row = (title: string) => [...screen!.querySelectorAll('.thread-row')].find((element) => element.getAttribute('aria-label') === title)!;
const articles = () => [...screen!.querySelectorAll('[role="article"]')].filter(visible);
const bubbles = () => articles().map((article) => article.textContent);
const article = (text: string) => articles().find((element) => element.textContent === text)!;
const messageOf = (text: string) => article(text).closest('.message')!;
const heading = () => [...screen!.querySelectorAll('.nav-heading')].find(visible)?.textContent ?? null;
const alerts = () => [...screen!.querySelectorAll('[role="alert"]')].filter(visible);
const alertTexts = () => alerts().map((alert) => alert.textContent);
const requests = (action: string) =>
  host!.calls.flatMap((call) => {
    const input = call.input as { action: string; payload: unknown };
    return call.method === 'request' && input.action === action ? [input.payload] : [];
  });
const calls = (method: string) => host!.calls.filter((call) => call.method === method).map((call) => call.input);

const click = (target: string | HTMLElement, within?: ParentNode) =>
  act(() => (typeof target === 'string' ? button(target, within) : target).click());
const type = (name: string, value: string) =>
  act(() => {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })));
/** Scrolls an element the test lays out itself: happy-dom has no layout. */
const scroll = (element: Element, layout: { scrollHeight: number; clientHeight: number; scrollTop: number }) =>
  act(() => {
    for (const [key, value] of Object.entries(layout)) Object.defineProperty(element, key, { value, configurable: true });
    element.dispatchEvent(new Event('scroll'));
  });
/** Lets messages cross the fake phone's port and the page render them; setImmediate, which no test fakes. */
const settle = () =>
  act(async () => {
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  });
const push = async (type: string, data: unknown) => {
  await act(() => host!.push(type, data));
  await settle();
};
const listed = () => vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));
const open = async (title: string) => {
  await listed();
  await click(row(title) as HTMLElement);
  await vi.waitFor(() => expect(articles().length).toBeGreaterThan(0));
};

/** Holds a request's answer until the test lets it go. */
function gate() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

describe('the list', () => {
  it('shows each thread newest first: avatar, title, last message, time and unread count', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2025, 5, 14, 15, 0) });
    const server = seeded();
    server.direct(FRANKLIN, [[FRANKLIN, '<img src=x onerror=alert(1)>']]);
    const group = server.group('Heist crew', [LAMAR, AMANDA]);
    server.store(group, AMANDA, 'Meet at 9');
    await start(server);
    await listed();

    expect(rows()).toEqual(['Heist crew', '555-0177', 'Lamar Davis']);
    expect([...screen!.querySelectorAll('.thread-preview')].map((preview) => preview.textContent)).toEqual([
      'Amanda De Santa: Meet at 9',
      '<img src=x onerror=alert(1)>',
      'Where are you?',
    ]);
    expect([...screen!.querySelectorAll('.thread-time')].map((time) => time.textContent)).toEqual(['Yesterday', 'Yesterday', 'Yesterday']);
    expect(row('Lamar Davis').querySelector('.avatar')!.textContent).toBe('LD');
    expect(row('555-0177').querySelector('.avatar .person')).not.toBeNull();
    expect(row('Heist crew').querySelector('.avatar .group')).not.toBeNull();
    expect(screen!.querySelector('img')).toBeNull();

    const badges = [...screen!.querySelectorAll('.unread-badge')].map((badge) => [badge.getAttribute('aria-label'), badge.textContent]);
    expect(badges).toEqual([
      ['1 unread', '1'],
      ['1 unread', '1'],
      ['2 unread', '2'],
    ]);
    expect(row('Lamar Davis').getAttribute('aria-describedby')).toBe('thread-2-preview thread-2-unread');
  });

  it('loads the next page with the cursor when scrolled near the end, and stops at the last', async () => {
    const server = messagesServer();
    for (let index = 0; index < 35; index++) server.direct(String(5551000 + index), [[String(5551000 + index), `Hi ${index}`]]);
    await start(server);
    await listed();
    expect(rows()).toHaveLength(30);
    expect(rows()[0]).toBe('555-1034');
    expect(rows()[29]).toBe('555-1005');

    const scroller = screen!.querySelector('.list-screen .scroll')!;
    await scroll(scroller, { scrollHeight: 2200, clientHeight: 600, scrollTop: 0 });
    expect(requests('threads.list')).toEqual([{}]);

    await scroll(scroller, { scrollHeight: 2200, clientHeight: 600, scrollTop: 1500 });
    await vi.waitFor(() => expect(rows()).toHaveLength(35));
    expect(requests('threads.list')).toEqual([{}, { cursor: expect.any(String) }]);
    expect(rows().at(-1)).toBe('555-1000');

    await scroll(scroller, { scrollHeight: 2600, clientHeight: 600, scrollTop: 2000 });
    expect(requests('threads.list')).toHaveLength(2);
  });

  it('says so when there are no threads', async () => {
    await start(messagesServer());
    await vi.waitFor(() => expect(screen!.textContent).toContain('No Messages'));
  });

  it("shows the server's error, and loads again on Try again", async () => {
    const server = seeded();
    const list = server.requests['threads.list']!;
    let fail = true;
    server.requests['threads.list'] = (payload) => {
      if (fail) throw new HandsetError('UNAVAILABLE', 'No signal');
      return list(payload);
    };
    await start(server);
    await vi.waitFor(() => expect(alertTexts()).toEqual(['No signal']));
    fail = false;
    await click('Try again');
    await listed();
    expect(alertTexts()).toEqual([]);
  });

  it("follows the phone's theme", async () => {
    const { host } = await start(seeded(), { settings: { theme: 'dark' } });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await act(() => host.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(document.documentElement.dataset['theme']).toBe('light'));
  });

  it("speaks the player's language and follows a change live: the title, the list's buttons and its previews", async () => {
    const { host } = await start(seeded(), { settings: { locale: 'es-ES' } });
    await listed();
    const texts = () => [document.querySelector('h1')?.textContent, document.querySelector('[aria-label="Nuevo mensaje"], [aria-label="Neue Nachricht"]')?.getAttribute('aria-label')];
    expect(texts()).toEqual(['Mensajes', 'Nuevo mensaje']);
    await act(() => host.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(texts()).toEqual(['Nachrichten', 'Neue Nachricht']));
  });
});

describe('a thread', () => {
  it('shows the messages oldest at the top, marks them read, and clears the badge', async () => {
    await start(seeded());
    await open('Lamar Davis');
    expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']);
    expect(articles().map((element) => element.closest('.message')!.classList.contains('mine'))).toEqual([false, true, false]);
    expect(heading()).toBe('Lamar Davis');
    expect(requests('messages.list')).toEqual([{ threadId: LAMAR_THREAD }]);
    await vi.waitFor(() => expect(requests('threads.read')).toEqual([{ threadId: LAMAR_THREAD, messageId: 3 }]));

    await click('Back');
    expect(rows()).toEqual(['Lamar Davis']);
    expect(screen!.querySelector('[aria-label="2 unread"]')).toBeNull();
  });

  it('loads older messages, before the oldest id, when scrolled near the top', async () => {
    const server = messagesServer({ names: NAMES });
    server.direct(
      LAMAR,
      Array.from({ length: 40 }, (_, index): [string, string] => [index % 2 ? ME : LAMAR, `m${index + 1}`]),
    );
    await start(server);
    await open('Lamar Davis');
    expect(bubbles()).toHaveLength(30);
    expect(bubbles()[0]).toBe('m11');

    // Bottom-up: scrollTop is 0 at the newest message and goes negative towards the oldest.
    const scroller = screen!.querySelector('.timeline-scroll')!;
    await scroll(scroller, { scrollHeight: 3000, clientHeight: 500, scrollTop: -1000 });
    expect(requests('messages.list')).toHaveLength(1);
    await scroll(scroller, { scrollHeight: 3000, clientHeight: 500, scrollTop: -2400 });
    await vi.waitFor(() => expect(bubbles()).toHaveLength(40));
    expect(requests('messages.list')).toEqual([{ threadId: LAMAR_THREAD }, { threadId: LAMAR_THREAD, before: 11 }]);
    expect(bubbles().slice(0, 2)).toEqual(['m1', 'm2']);

    await scroll(scroller, { scrollHeight: 4000, clientHeight: 500, scrollTop: -3500 });
    expect(requests('messages.list')).toHaveLength(2);
  });

  it('sends on Enter with a fresh clientId, shows the bubble as sending, then as the stored message', async () => {
    const server = seeded();
    const send = server.requests['messages.send']!;
    const answer = gate();
    server.requests['messages.send'] = async (payload) => {
      await answer.released;
      return send(payload);
    };
    await start(server);
    await open('Lamar Davis');

    await type('Message', 'Line one');
    await press(field('Message'), 'Enter', { shiftKey: true });
    expect(requests('messages.send')).toEqual([]);

    await type('Message', '  On my way  ');
    await press(field('Message'), 'Enter');
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?', 'On my way']));
    expect(messageOf('On my way').querySelector('.status')!.textContent).toBe('Sending…');
    expect(article('On my way').getAttribute('aria-busy')).toBe('true');
    expect(field('Message').value).toBe('');
    await vi.waitFor(() =>
      expect(requests('messages.send')).toEqual([{ clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'text', body: 'On my way' }]),
    );

    answer.release();
    await vi.waitFor(() => expect(messageOf('On my way').querySelector('.status')).toBeNull());
    expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?', 'On my way']);
    expect(messageOf('On my way').classList.contains('mine')).toBe(true);
    expect(findButton('Message options', messageOf('On my way'))).toBeDefined();

    await click('Back');
    expect(screen!.querySelector('.thread-preview')!.textContent).toBe('On my way');
  });

  it('rolls the bubble back on FORBIDDEN, showing why and giving the text back', async () => {
    const server = messagesServer({ names: NAMES, blockedBy: [LAMAR] });
    server.direct(LAMAR, [[LAMAR, 'Hey']]);
    await start(server);
    await open('Lamar Davis');
    await type('Message', 'Hello?');
    await click('Send');
    await vi.waitFor(() => expect(alertTexts()).toEqual(['Your message could not be delivered']));
    expect(alerts()[0]!.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(bubbles()).toEqual(['Hey']);
    expect(field('Message').value).toBe('Hello?');
    await click('Dismiss');
    expect(alerts()).toEqual([]);
  });

  it('keeps a failed send with Retry, which sends the same clientId again', async () => {
    const server = seeded();
    const send = server.requests['messages.send']!;
    let answers = 0;
    // The first send lands, but its answer is lost on the way back.
    server.requests['messages.send'] = (payload) => {
      const message = send(payload);
      if (answers++ === 0) throw new HandsetError('TIMEOUT', 'No answer in time');
      return message;
    };
    await start(server);
    await open('Lamar Davis');
    await type('Message', 'Ping');
    await click('Send');
    await vi.waitFor(() => expect(messageOf('Ping').querySelector('.failed-text')?.textContent).toBe('Not delivered: No answer in time'));

    await click('Retry', messageOf('Ping'));
    await vi.waitFor(() => expect(messageOf('Ping').querySelector('.status')).toBeNull());
    const [first, retry] = requests('messages.send') as { clientId: string }[];
    expect(retry!.clientId).toBe(first!.clientId);
    expect(server.messages.filter((message) => message.body === 'Ping')).toHaveLength(1);
    expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?', 'Ping']);
  });

  it('discards a failed send', async () => {
    const server = seeded();
    server.requests['messages.send'] = () => {
      throw new HandsetError('UNAVAILABLE', 'Airplane mode is on');
    };
    await start(server);
    await open('Lamar Davis');
    await type('Message', 'Ping');
    await click('Send');
    await vi.waitFor(() => expect(messageOf('Ping').querySelector('.failed-text')?.textContent).toBe('Not delivered: Airplane mode is on'));
    await click('Discard', messageOf('Ping'));
    expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']);
  });

  it('deletes a message for the player from its menu, and opens the menu on a long press', async () => {
    await start(seeded());
    await open('Lamar Davis');
    await click('Message options', messageOf('Yo'));
    expect(screen!.querySelector('[role="menu"]')!.textContent).toBe('CopyDelete for meCancel');
    await click('Delete for me');
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Where are you?']));
    expect(requests('messages.delete')).toEqual([{ messageId: 2 }]);

    await act(() => void article('Hey').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
    await vi.waitFor(() => expect(messageOf('Hey').querySelector('[role="menu"]')).not.toBeNull());
    await click('Cancel');
    expect(screen!.querySelector('[role="menu"]')).toBeNull();
  });

  it('copies a message from its menu, through a hidden textarea when the frame is refused the clipboard, and says so', async () => {
    const written: string[] = [];
    let refuse = false;
    const clipboard = { writeText: async (text: string) => (refuse ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : void written.push(text)) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    const copiedByCommand: string[] = [];
    // happy-dom has no execCommand: the test stands in for the browser's.
    const execCommand = vi.fn((command: string) => {
      const area = document.activeElement as HTMLTextAreaElement;
      copiedByCommand.push(`${command}:${area.value.slice(area.selectionStart, area.selectionEnd)}`);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    try {
      const server = seeded();
      server.store(LAMAR_THREAD, LAMAR, '', { kind: 'contact', attachment: { name: 'Franklin Clinton', number: FRANKLIN } });
      await start(server);
      await open('Lamar Davis');
      const copiedStatus = () => [...screen!.querySelectorAll('.copied[role="status"]')].map((status) => status.textContent);

      await click('Message options', messageOf('Where are you?'));
      await click('Copy');
      await vi.waitFor(() => expect(copiedStatus()).toEqual(['Copied']));
      expect(written).toEqual(['Where are you?']);
      expect(copiedByCommand).toEqual([]);
      expect(screen!.querySelector('[role="menu"]')).toBeNull();

      refuse = true;
      await click('Message options', messageOf('Hey'));
      await click('Copy');
      await vi.waitFor(() => expect(copiedByCommand).toEqual(['copy:Hey']));
      expect(copiedStatus()).toEqual(['Copied']);
      expect(document.querySelector('textarea[aria-hidden="true"]')).toBeNull();
      expect(document.activeElement).toBe(field('Message'));

      execCommand.mockReturnValue(false);
      await click('Message options', messageOf('Yo'));
      await click('Copy');
      await vi.waitFor(() => expect(alertTexts()).toEqual(['The message could not be copied.']));

      // A card without text has nothing to copy.
      await click('Message options', messageOf('FCFranklin Clinton555-0177Add to contacts'));
      expect(messageOf('FCFranklin Clinton555-0177Add to contacts').querySelector('[role="menu"]')!.textContent).toBe('Delete for meCancel');
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('shows "Read" under my last message once the other side read it', async () => {
    const server = messagesServer({ names: NAMES });
    server.direct(LAMAR, [
      [LAMAR, 'Hey'],
      [ME, 'Yo'],
    ]);
    await start(server);
    await open('Lamar Davis');
    expect(screen!.querySelector('.receipt')).toBeNull();
    await push('thread.read', { threadId: LAMAR_THREAD, number: LAMAR, messageId: 2 });
    await vi.waitFor(() => expect(messageOf('Yo').querySelector('.receipt')?.textContent).toBe('Read'));
  });

  it('renders photo, location and contact messages; a card of a number not saved yet adds to Contacts', async () => {
    const server = messagesServer({ names: NAMES });
    const thread = server.direct(LAMAR);
    server.store(thread, LAMAR, '', { kind: 'photo', attachment: { url: 'https://i.imgur.com/abc.png' } });
    server.store(thread, LAMAR, 'Here', { kind: 'location', attachment: { x: 215.76, y: -810.12, label: 'Legion Square' } });
    server.store(thread, LAMAR, '', { kind: 'contact', attachment: { name: 'Franklin Clinton', number: FRANKLIN } });
    // Amanda is in the player's contacts; the last card is one the player shared.
    server.store(thread, LAMAR, '', { kind: 'contact', attachment: { name: 'Amanda', number: AMANDA } });
    server.store(thread, ME, '', { kind: 'contact', attachment: { name: 'Trevor', number: '5550123' } });
    const { host } = await start(server);
    await open('Lamar Davis');
    expect(articles()[0]!.querySelector('img')!.getAttribute('src')).toBe('https://i.imgur.com/abc.png');
    expect(bubbles().slice(1)).toEqual(['Legion Square215.8, -810.1Here', 'FCFranklin Clinton555-0177Add to contacts', 'AAmanda555-0199', 'TTrevor555-0123']);
    expect([...screen!.querySelectorAll('.card-action')].map((action) => action.textContent)).toEqual(['Add to contacts']);
    await click('Add to contacts');
    await vi.waitFor(() => expect(host.openedApps).toEqual([{ appId: 'contacts', link: 'add?number=5550177' }]));
  });

  it('offers Add to contacts in a direct thread’s details only for a number the player has not saved', async () => {
    const server = seeded();
    server.direct(FRANKLIN, [[FRANKLIN, 'New phone who dis']]);
    const { host } = await start(server);
    await open('Lamar Davis');
    await click('Details');
    expect(findButton('Add to contacts')).toBeUndefined();
    await click('Back');
    await click('Back');
    await open('555-0177');
    await click('Details');
    await click('Add to contacts');
    await vi.waitFor(() => expect(host.openedApps).toEqual([{ appId: 'contacts', link: 'add?number=5550177' }]));
  });

  it('sends a photo from the gallery or the camera, a picked contact and where the player is', async () => {
    await start(seeded(), {
      photo: { url: 'https://i.imgur.com/abc.png' },
      contact: { name: 'Franklin Clinton', number: '555-0177' },
      location: { x: 298.4, y: -584.6, label: 'Strawberry Ave, Pillbox Hill' },
    });
    await open('Lamar Davis');

    await click('Attach photo');
    await vi.waitFor(() => expect(requests('messages.send')).toHaveLength(1));
    await click('Take photo');
    await vi.waitFor(() => expect(requests('messages.send')).toHaveLength(2));
    await click('Attach contact');
    await vi.waitFor(() => expect(requests('messages.send')).toHaveLength(3));
    await click('Share location');
    await vi.waitFor(() => expect(requests('messages.send')).toHaveLength(4));

    expect(calls('gallery.pick')).toEqual([{}]);
    expect(calls('camera.capture')).toEqual([{}]);
    expect(calls('location.pick')).toEqual([{}]);
    expect(requests('messages.send')).toEqual([
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'photo', body: '', attachment: { url: 'https://i.imgur.com/abc.png' } },
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'photo', body: '', attachment: { url: 'https://i.imgur.com/abc.png' } },
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'contact', body: '', attachment: { name: 'Franklin Clinton', number: FRANKLIN } },
      {
        clientId: expect.stringMatching(UUID),
        threadId: LAMAR_THREAD,
        kind: 'location',
        body: '',
        attachment: { x: 298.4, y: -584.6, label: 'Strawberry Ave, Pillbox Hill' },
      },
    ]);
    await vi.waitFor(() => expect(screen!.querySelectorAll('.mine .photo')).toHaveLength(2));
    expect(bubbles().slice(-2)).toEqual(['FCFranklin Clinton555-0177', 'Strawberry Ave, Pillbox Hill298.4, -584.6']);
  });

  it('sends the address of an image alone as a photo, and any other text, a web page’s address included, as text', async () => {
    await start(seeded());
    await open('Lamar Davis');
    for (const body of ['https://i.imgur.com/abc.png', 'https://example.com/news', 'look https://i.imgur.com/abc.png']) {
      await type('Message', body);
      await click('Send');
    }
    await vi.waitFor(() => expect(requests('messages.send')).toHaveLength(3));
    expect(requests('messages.send')).toEqual([
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'photo', body: '', attachment: { url: 'https://i.imgur.com/abc.png' } },
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'text', body: 'https://example.com/news' },
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'text', body: 'look https://i.imgur.com/abc.png' },
    ]);
  });

  it('offers only the attachments its grants allow', async () => {
    await start(seeded(), { grants: [] });
    await open('Lamar Davis');
    expect([...screen!.querySelectorAll('.composer button')].map(nameOf)).toEqual(['Send']);
  });

  it('takes the photo with the camera when that is the only source, and sends nothing when the player cancels', async () => {
    await start(seeded(), { grants: ['camera'] });
    await open('Lamar Davis');
    host!.calls.length = 0;
    await click('Attach photo');
    await vi.waitFor(() => expect(calls('camera.capture')).toEqual([{}]));
    expect(requests('messages.send')).toEqual([]);
    expect(alertTexts()).toEqual([]);
  });

  it('goes back on Escape, and leaves Escape on the list to the phone', async () => {
    await start(seeded());
    await open('Lamar Davis');
    await press(field('Message'), 'Escape');
    expect(rows()).toEqual(['Lamar Davis']);
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(() => void document.body.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('typing', () => {
  it('signals at most every 3 seconds while the player types, and not when the thread turned it off', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2025, 5, 14, 15, 0) });
    const server = seeded();
    await start(server);
    await open('Lamar Davis');
    const typedAt = Date.now();
    await type('Message', 'O');
    await type('Message', 'On');
    await settle();
    expect(requests('threads.typing')).toEqual([{ threadId: LAMAR_THREAD }]);
    vi.setSystemTime(typedAt + 2999);
    await type('Message', 'On m');
    await settle();
    expect(requests('threads.typing')).toHaveLength(1);
    vi.setSystemTime(typedAt + 3000);
    await type('Message', 'On my');
    await settle();
    expect(requests('threads.typing')).toHaveLength(2);

    await click('Details');
    await click(field('Typing indicator'));
    await vi.waitFor(() => expect(requests('threads.settings')).toEqual([{ threadId: LAMAR_THREAD, typing: false }]));
    await vi.waitFor(() => expect((field('Typing indicator') as HTMLInputElement).checked).toBe(false));
    await click('Back');
    vi.setSystemTime(typedAt + 60_000);
    await type('Message', 'On my way');
    await settle();
    expect(requests('threads.typing')).toHaveLength(2);
  });

  it('shows "… is typing" for 5 seconds after a typing push, and hides it when their message comes', async () => {
    const server = seeded();
    await start(server);
    await open('Lamar Davis');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await push('typing', { threadId: LAMAR_THREAD, number: LAMAR, name: 'Lamar Davis' });
    await push('typing', { threadId: 'd:5550100:5550199', number: AMANDA, name: 'Amanda De Santa' });
    expect(screen!.querySelector('.typing')?.textContent).toBe('Lamar Davis is typing…');
    await act(() => void vi.advanceTimersByTime(TYPING_SHOWN_MS - 1));
    expect(screen!.querySelector('.typing')?.textContent).toBe('Lamar Davis is typing…');
    await act(() => void vi.advanceTimersByTime(1));
    expect(screen!.querySelector('.typing')).toBeNull();

    await push('typing', { threadId: LAMAR_THREAD, number: LAMAR, name: null });
    expect(screen!.querySelector('.typing')?.textContent).toBe('Lamar Davis is typing…');
    await push('message.new', server.store(LAMAR_THREAD, LAMAR, 'Here'));
    expect(screen!.querySelector('.typing')).toBeNull();
  });
});

describe('pushes', () => {
  it('marks nothing read while the player does not see the thread, shows it unread, and reads it when seen again', async () => {
    const server = seeded();
    const { host } = await start(server);
    await open('Lamar Davis');
    await vi.waitFor(() => expect(requests('threads.read')).toEqual([{ threadId: LAMAR_THREAD, messageId: 3 }]));
    await vi.waitFor(() => expect(server.views).toEqual([LAMAR_THREAD]));

    // The phone is put away (or another app is in front) with the thread still open in Messages.
    await act(() => host.emit('visibility', { visible: false }));
    await vi.waitFor(() => expect(server.views).toEqual([LAMAR_THREAD, null]));
    await push('message.new', server.store(LAMAR_THREAD, LAMAR, 'Outside'));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?', 'Outside']));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests('threads.read')).toEqual([{ threadId: LAMAR_THREAD, messageId: 3 }]);

    await act(() => host.emit('visibility', { visible: true }));
    await vi.waitFor(() => expect(requests('threads.read')).toEqual([
      { threadId: LAMAR_THREAD, messageId: 3 },
      { threadId: LAMAR_THREAD, messageId: 4 },
    ]));
    expect(server.views).toEqual([LAMAR_THREAD, null, LAMAR_THREAD]);
  });

  it('appends a new message to the open thread and marks it read', async () => {
    const server = seeded();
    await start(server);
    await open('Lamar Davis');
    await vi.waitFor(() => expect(requests('threads.read')).toHaveLength(1));
    await push('message.new', server.store(LAMAR_THREAD, LAMAR, 'Outside'));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?', 'Outside']));
    await vi.waitFor(() => expect(requests('threads.read')).toEqual([
      { threadId: LAMAR_THREAD, messageId: 3 },
      { threadId: LAMAR_THREAD, messageId: 4 },
    ]));
    await click('Back');
    expect(screen!.querySelector('.unread-badge')).toBeNull();
    expect(screen!.querySelector('.thread-preview')!.textContent).toBe('Outside');
  });

  it('bumps a thread on the list, counting it unread, and fetches a thread the list lacks', async () => {
    const server = seeded();
    const group = server.group('Heist crew', [LAMAR, AMANDA, FRANKLIN]);
    server.store(group, AMANDA, 'Meet at 9');
    await start(server);
    await listed();
    expect(rows()).toEqual(['Heist crew', 'Lamar Davis']);

    await push('message.new', server.store(LAMAR_THREAD, LAMAR, 'Call me'));
    await vi.waitFor(() => expect(rows()).toEqual(['Lamar Davis', 'Heist crew']));
    expect(row('Lamar Davis').querySelector('.thread-preview')!.textContent).toBe('Call me');
    expect(row('Lamar Davis').querySelector('.unread-badge')!.getAttribute('aria-label')).toBe('3 unread');

    // A group's row says who wrote its last message: as the player saved them, their number, or You.
    await push('message.new', server.store(group, FRANKLIN, 'Who is driving?'));
    await vi.waitFor(() => expect(rows()).toEqual(['Heist crew', 'Lamar Davis']));
    expect(row('Heist crew').querySelector('.thread-preview')!.textContent).toBe('555-0177: Who is driving?');
    await push('message.new', server.store(group, LAMAR, 'on my way'));
    await vi.waitFor(() => expect(row('Heist crew').querySelector('.thread-preview')!.textContent).toBe('Lamar Davis: on my way'));
    await push('message.new', server.store(group, ME, 'Me'));
    await vi.waitFor(() => expect(row('Heist crew').querySelector('.thread-preview')!.textContent).toBe('You: Me'));

    const other = server.direct(FRANKLIN, []);
    await push('message.new', server.store(other, FRANKLIN, 'New phone who dis'));
    await vi.waitFor(() => expect(rows()).toEqual(['555-0177', 'Heist crew', 'Lamar Davis']));
    expect(requests('threads.get')).toEqual([{ threadId: other }]);
    expect(row('555-0177').querySelector('.unread-badge')!.getAttribute('aria-label')).toBe('1 unread');
  });

  it('applies thread.updated and removes a message.deleted', async () => {
    const server = seeded();
    const group = server.group('Heist crew', [LAMAR, AMANDA]);
    server.store(group, AMANDA, 'Meet at 9');
    await start(server);
    await listed();
    await push('thread.updated', { ...server.summary(group), title: 'The crew' });
    await vi.waitFor(() => expect(rows()).toEqual(['The crew', 'Lamar Davis']));

    await open('Lamar Davis');
    await push('message.deleted', { messageId: 2 });
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Where are you?']));
  });

  it('ignores pushes that are not what the contract says', async () => {
    await start(seeded());
    await open('Lamar Davis');
    await push('message.new', { id: 'x' });
    await push('thread.updated', null);
    await push('typing', 7);
    expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']);
  });
});

describe('a new message', () => {
  it('goes to a typed number, then shows the thread its first message made', async () => {
    await start(seeded());
    await listed();
    await click('New message');
    expect(heading()).toBe('New Message');
    expect(document.activeElement).toBe(field('To'));
    expect(button('Send').disabled).toBe(true);
    await type('To', '555-0177');
    await type('Message', 'Hi there');
    await press(field('Message'), 'Enter');
    await vi.waitFor(() => expect(heading()).toBe('555-0177'));
    expect(requests('messages.send')).toEqual([{ clientId: expect.stringMatching(UUID), to: FRANKLIN, kind: 'text', body: 'Hi there' }]);
    expect(bubbles()).toEqual(['Hi there']);
    expect(findButton('Details')).toBeDefined();
    // The thread's page is asked for once the thread exists, which may be after the heading shows it.
    await vi.waitFor(() => expect(requests('messages.list')).toEqual([{ threadId: `d:${ME}:${FRANKLIN}` }]));
    await click('Back');
    expect(rows()).toEqual(['555-0177', 'Lamar Davis']);
  });

  it('shows the thread with a picked contact when there is one', async () => {
    await start(seeded(), { contact: { name: 'Lamar Davis', number: '555-0142' } });
    await listed();
    await click('New message');
    await click('Choose contact');
    await vi.waitFor(() => expect(heading()).toBe('Lamar Davis'));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']));
    expect(requests('threads.direct')).toEqual([]);
  });

  it('suggests contacts as the player types a name or number in To:, and a suggestion opens its thread', async () => {
    await start(seeded(), {
      contacts: [
        { name: 'Lamar Davis', number: '555-0142' },
        { name: 'Lamarr Jones', number: '555-0150' },
        { name: 'Amanda De Santa', number: '555-0199' },
      ],
    });
    await listed();
    await click('New message');
    expect(field('To').placeholder).toBe('Name or number');
    await type('To', 'lam');
    const suggested = () => [...screen!.querySelectorAll('[aria-label="Suggested contacts"] button')].map(nameOf);
    await vi.waitFor(() => expect(suggested()).toEqual(['Lamar Davis, 555-0142', 'Lamarr Jones, 555-0150']));
    await type('To', '0199');
    await vi.waitFor(() => expect(suggested()).toEqual(['Amanda De Santa, 555-0199']));
    // Typing pauses before each search: one for each settled query, none for every key.
    expect(calls('contacts.search')).toEqual([
      { query: 'lam', limit: 5 },
      { query: '0199', limit: 5 },
    ]);
    await type('To', 'Lamar D');
    await vi.waitFor(() => expect(suggested()).toEqual(['Lamar Davis, 555-0142']));
    await click('Lamar Davis, 555-0142');
    await vi.waitFor(() => expect(heading()).toBe('Lamar Davis'));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']));
    expect(suggested()).toEqual([]);
  });

  it('rolls back a refused first message and stays a new message', async () => {
    await start(seeded());
    await listed();
    await click('New message');
    await type('To', '12');
    await type('Message', 'Hello');
    await click('Send');
    await vi.waitFor(() => expect(alertTexts()).toEqual(['Enter a phone number: 3 to 15 digits']));
    expect(heading()).toBe('New Message');
    expect(bubbles()).toEqual([]);
    expect(field('Message').value).toBe('Hello');
  });
});

describe('groups', () => {
  it('creates a group from a name and members picked one by one', async () => {
    const { options } = await start(messagesServer({ names: NAMES }), { contact: { name: 'Lamar Davis', number: '555-0142' } });
    await vi.waitFor(() => expect(screen!.textContent).toContain('No Messages'));
    await click('New group');
    expect(button('Create').disabled).toBe(true);
    await type('Group name', 'Heist crew');
    await click('Add member');
    await vi.waitFor(() => expect(screen!.querySelectorAll('.member-name')).toHaveLength(1));
    options.contact = { name: 'Amanda De Santa', number: '555-0199' };
    await click('Add member');
    await vi.waitFor(() => expect(screen!.querySelectorAll('.member-name')).toHaveLength(2));
    await click('Add member');
    await vi.waitFor(() => expect(calls('contacts.pick')).toHaveLength(3));
    expect([...screen!.querySelectorAll('.member-name')].map((name) => name.textContent)).toEqual(['Lamar Davis', 'Amanda De Santa']);
    await click('Remove Amanda De Santa');
    await click('Add member');
    await vi.waitFor(() => expect(screen!.querySelectorAll('.member-name')).toHaveLength(2));

    await click('Create');
    await vi.waitFor(() => expect(heading()).toBe('Heist crew'));
    expect(requests('groups.create')).toEqual([{ name: 'Heist crew', members: [LAMAR, AMANDA] }]);
    expect(findButton('Group info')).toBeDefined();
  });

  it("names each run's sender in a group", async () => {
    const server = messagesServer({ names: NAMES });
    const group = server.group('Heist crew', [LAMAR, AMANDA, FRANKLIN]);
    server.store(group, LAMAR, 'One');
    server.store(group, LAMAR, 'Two');
    server.store(group, ME, 'Mine');
    server.store(group, FRANKLIN, 'Three');
    await start(server);
    await open('Heist crew');
    expect([...screen!.querySelectorAll('.sender')].map((sender) => sender.textContent)).toEqual(['Lamar Davis', '555-0177']);
    await push('message.new', server.store(group, AMANDA, 'Four'));
    await vi.waitFor(() => expect([...screen!.querySelectorAll('.sender')].map((sender) => sender.textContent)).toEqual(['Lamar Davis', '555-0177', 'Amanda De Santa']));
  });

  it('lets its admin rename it, add and remove members, change settings and leave', async () => {
    const server = messagesServer({ names: NAMES });
    const group = server.group('Heist crew', [LAMAR, AMANDA]);
    server.store(group, AMANDA, 'Meet at 9');
    const { options } = await start(server, { contact: { name: 'Franklin Clinton', number: '555-0177' } });
    await open('Heist crew');
    await click('Group info');
    expect(heading()).toBe('Group info');
    expect([...screen!.querySelectorAll('.member-name')].map((name) => name.textContent)).toEqual(['You', 'Lamar Davis', 'Amanda De Santa']);

    await type('Group name', 'The crew');
    await click('Save');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')!.textContent).toBe('The crew'));
    expect(requests('groups.rename')).toEqual([{ threadId: group, name: 'The crew' }]);

    await click('Add member');
    await vi.waitFor(() => expect(requests('groups.addMember')).toEqual([{ threadId: group, number: FRANKLIN }]));
    await vi.waitFor(() => expect(screen!.querySelectorAll('.member-name')).toHaveLength(4));

    options.confirm = () => false;
    await click('Remove Lamar Davis');
    await vi.waitFor(() => expect(calls('dialog.confirm')).toHaveLength(1));
    expect(requests('groups.removeMember')).toEqual([]);
    options.confirm = () => true;
    await click('Remove Lamar Davis');
    await vi.waitFor(() => expect(requests('groups.removeMember')).toEqual([{ threadId: group, number: LAMAR }]));
    await vi.waitFor(() =>
      expect([...screen!.querySelectorAll('.member-name')].map((name) => name.textContent)).toEqual(['You', 'Amanda De Santa', '555-0177']),
    );
    expect(calls('dialog.confirm').at(-1)).toMatchObject({ title: 'Remove from group?', destructive: true });

    expect((field('Read receipts') as HTMLInputElement).checked).toBe(true);
    await click(field('Read receipts'));
    await vi.waitFor(() => expect((field('Read receipts') as HTMLInputElement).checked).toBe(false));
    expect(requests('threads.settings')).toEqual([{ threadId: group, readReceipts: false }]);

    await click('Leave group');
    await vi.waitFor(() => expect(requests('groups.leave')).toEqual([{ threadId: group }]));
    await vi.waitFor(() => expect(rows()).toEqual([]));
    expect(calls('dialog.confirm').at(-1)).toMatchObject({ title: 'Leave group?', destructive: true });
    expect(server.members(group)).toEqual([AMANDA, FRANKLIN]);
  });

  it('shows members only, without admin actions, to a member who is not admin', async () => {
    const server = messagesServer({ names: NAMES });
    const group = server.group('Heist crew', [LAMAR, AMANDA], LAMAR);
    server.store(group, LAMAR, 'Meet at 9');
    await start(server, { confirm: () => false });
    await open('Heist crew');
    await click('Group info');
    expect([...screen!.querySelectorAll('.member .tag')].map((tag) => tag.closest('.member')!.querySelector('.member-name')!.textContent)).toEqual([
      'Lamar Davis',
    ]);
    expect(screen!.querySelector('#group-name')).toBeNull();
    expect(findButton('Add member')).toBeUndefined();
    expect(findButton('Remove Amanda De Santa')).toBeUndefined();
    await click('Leave group');
    await vi.waitFor(() => expect(calls('dialog.confirm')).toHaveLength(1));
    expect(requests('groups.leave')).toEqual([]);
    await click('Back');
    expect(heading()).toBe('Heist crew');
  });

  it("shows the server's refusal of an admin action", async () => {
    const server = messagesServer({ names: NAMES });
    const group = server.group('Heist crew', [LAMAR, AMANDA]);
    server.store(group, AMANDA, 'Meet at 9');
    server.requests['groups.rename'] = () => {
      throw new HandsetError('FORBIDDEN', 'Only the group admin can do that');
    };
    await start(server);
    await open('Heist crew');
    await click('Group info');
    await type('Group name', 'Mine now');
    await press(field('Group name'), 'Enter');
    await vi.waitFor(() => expect(alertTexts()).toEqual(['Only the group admin can do that']));
  });
});

describe('deep links', () => {
  it('opens thread/<id>', async () => {
    await start(seeded(), { link: `thread/${LAMAR_THREAD}` });
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']));
    expect(heading()).toBe('Lamar Davis');
    await vi.waitFor(() => expect(requests('threads.read')).toEqual([{ threadId: LAMAR_THREAD, messageId: 3 }]));
  });

  it("says so for a thread the player is not in, and shows the list", async () => {
    await start(seeded(), { link: 'thread/g:404' });
    await vi.waitFor(() => expect(alertTexts()).toEqual(['No such conversation']));
    expect(rows()).toEqual(['Lamar Davis']);
  });

  it('opens new?number=… as a new message to that number, or as its thread when there is one', async () => {
    await start(seeded(), { link: `new?number=${FRANKLIN}` });
    expect(heading()).toBe('New Message');
    expect(field('To').value).toBe(FRANKLIN);
    expect(document.activeElement).toBe(field('Message'));
    await vi.waitFor(() => expect(requests('threads.get')).toEqual([{ threadId: `d:${ME}:${FRANKLIN}` }]));
    expect(heading()).toBe('New Message');

    await act(() => host!.emit('link', { link: `new?number=${LAMAR}` }));
    await vi.waitFor(() => expect(heading()).toBe('Lamar Davis'));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']));
  });

  it('opens share?… on the list to pick a thread, with the shared text in the message box', async () => {
    const server = seeded();
    server.direct(FRANKLIN, [[FRANKLIN, 'Yo']]);
    await start(server, { link: 'share?title=Map&text=Meet%20here&url=https%3A%2F%2Fexample.com%2Fmap' });
    await listed();
    expect(screen!.querySelector('.share-banner')!.textContent).toBe('Choose a conversationCancel');
    await click(row('Lamar Davis') as HTMLElement);
    expect(field('Message').value).toBe('Meet here\nhttps://example.com/map');
    await click('Send');
    await vi.waitFor(() => expect(requests('messages.send')).toEqual([
      { clientId: expect.stringMatching(UUID), threadId: LAMAR_THREAD, kind: 'text', body: 'Meet here\nhttps://example.com/map' },
    ]));
    await click('Back');
    expect(screen!.querySelector('.share-banner')).toBeNull();

    await act(() => host!.emit('link', { link: 'share?title=Just%20a%20title' }));
    await vi.waitFor(() => expect(screen!.querySelector('.share-banner')).not.toBeNull());
    await click('New message');
    expect(field('Message').value).toBe('Just a title');
  });

  it('opens a thread when a link comes while the app is open', async () => {
    await start(seeded());
    await listed();
    await act(() => host!.emit('link', { link: `thread/${LAMAR_THREAD}` }));
    await vi.waitFor(() => expect(bubbles()).toEqual(['Hey', 'Yo', 'Where are you?']));
  });
});
