// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { App, ENDED_SCREEN_MS } from '../src/app';
import type { Call, CallRecord } from '../src/calls-api';
import type { Favorite } from '../src/favorites';
import { AppProvider } from '@handset/sdk/ui';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A call as the server plugin sends it; the tests change what they are about. */
function call(overrides: Partial<Call> = {}): Call {
  return {
    callId: 'call-1',
    direction: 'outgoing',
    number: '5550142',
    displayNumber: '555-0142',
    contactName: null,
    hidden: false,
    video: false,
    company: false,
    status: 'dialing',
    startedAt: Date.now(),
    answeredAt: null,
    endedAt: null,
    duration: 0,
    ...overrides,
  };
}

const incoming = (overrides: Partial<Call> = {}) =>
  call({ callId: 'call-2', direction: 'incoming', number: '5550100', displayNumber: '555-0100', ...overrides });

/** Renders the app against a fake phone whose server side answers as the phone plugin does. */
async function start(options: FakeHostOptions & { favorites?: Favorite[] } = {}) {
  const { favorites, requests, ...rest } = options;
  host = createFakeHost({
    grants: ['contacts:read', 'storage'],
    requests: {
      'calls.start': (payload) => call({ number: (payload as { number: string }).number }),
      'calls.end': () => null,
      'calls.answer': (payload) => incoming({ callId: (payload as { callId: string }).callId, status: 'active', answeredAt: Date.now() }),
      'calls.decline': () => null,
      'calls.current': () => null,
      'calls.recents': () => [],
      'calls.markSeen': () => null,
      ...requests,
    },
    ...rest,
  });
  if (favorites) host.storage.set('favorites', favorites);
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return host;
}

/** A control by its accessible name: its aria-label, else its text. */
const control = (name: string) =>
  [...screen!.querySelectorAll<HTMLElement>('button, input')].find(
    (element) => (element.getAttribute('aria-label') ?? element.textContent?.trim()) === name,
  ) ?? null;
const click = async (name: string) => {
  const target = control(name);
  if (!target) throw new Error(`no control named "${name}"`);
  await act(() => target.click());
};
const labelled = (label: string) => screen!.querySelector(`[aria-label="${label}"]`)?.textContent ?? null;
const alertText = () => screen!.querySelector('[role="alert"]')?.textContent ?? null;
const title = () => screen!.querySelector('.call-title')?.textContent ?? null;
const subtitle = () => screen!.querySelector('.call-subtitle')?.textContent ?? null;
const dial = async (digits: string) => {
  for (const digit of digits) await click(digit);
};
/** The payloads the page sent to its server side for `action`, in order. */
const sent = (action: string) =>
  host!.calls.flatMap((recorded) => {
    const input = recorded.input as { action: string; payload: unknown };
    return recorded.method === 'request' && input.action === action ? [input.payload] : [];
  });

it('marks missed calls seen only when the player sees Recents, so the badge clears then', async () => {
  const phone = await start({ visible: false });
  await click('Recents');
  await vi.waitFor(() => expect(sent('calls.recents')).toEqual([{}]));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(sent('calls.markSeen')).toEqual([]);
  await act(() => phone.emit('visibility', { visible: true }));
  await vi.waitFor(() => expect(sent('calls.markSeen')).toEqual([{}]));
});

it('calls the typed number with a fresh requestId and shows the call screen', async () => {
  await start();
  expect(labelled('Number')).toBe('');
  await dial('5550142');
  expect(labelled('Number')).toBe('555-0142');

  await click('Call');
  await vi.waitFor(() => expect(title()).toBe('555-0142'));
  expect(labelled('Call status')).toBe('Calling…');
  expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550142', video: false, hideNumber: false }]);
  // Hang up is the call's one control: no mute or speaker that the voice system would not carry.
  expect([...screen!.querySelectorAll('.call-screen button')].map((button) => button.getAttribute('aria-label') ?? button.textContent)).toEqual(['Hang up']);
});

it('offers no video call on the keypad: its round buttons are Call and Delete digit', async () => {
  await start();
  await dial('5550142');
  expect([...screen!.querySelectorAll('.keys .round-button')].map((button) => button.getAttribute('aria-label'))).toEqual(['Call', 'Delete digit']);
  expect(control('Video call')).toBeNull();
});

it('places a call with the number hidden, still showing whom it calls', async () => {
  await start({ requests: { 'calls.start': () => call({ hidden: true }) } });
  await dial('5550142');
  await act(() => (screen!.querySelector('input[role="switch"]') as HTMLInputElement).click());
  await click('Call');
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550142', video: false, hideNumber: true }]));
  // `hidden` is set on the caller's side too; only the callee sees "Unknown".
  await vi.waitFor(() => expect(title()).toBe('555-0142'));
});

it('edits the number with Delete digit and the keyboard', async () => {
  await start();
  const press = (key: string) => act(() => void document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
  for (const key of ['5', '5', '5', '#', 'a']) await press(key);
  expect(labelled('Number')).toBe('555#');
  await press('Backspace');
  await click('Delete digit');
  expect(labelled('Number')).toBe('55');
  await press('Enter');
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '55', video: false, hideNumber: false }]));
});

it('counts an active call in mm:ss, hangs up with calls.end, shows how it ended, then goes back to the keypad', async () => {
  const phone = await start();
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(sent('calls.start')).toHaveLength(1));
  // The call runs edge to edge: the phone's bars take the call screen's colors, and the theme's back after.
  await vi.waitFor(() => expect(phone.barColors).toEqual({ top: '#2b313b', bottom: '#0f1115' }));
  expect(phone.calls.filter((recorded) => recorded.method === 'bars.color')).toHaveLength(1);

  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  await act(() => phone.push('call.updated', call({ status: 'active', answeredAt: Date.now() })));
  await vi.waitFor(() => expect(labelled('Call status')).toBe('00:00'));
  await act(() => void vi.advanceTimersByTime(5000));
  expect(labelled('Call status')).toBe('00:05');

  await click('Hang up');
  await vi.waitFor(() => expect(labelled('Call status')).toBe('Call ended · 0:05'));
  expect(sent('calls.end')).toEqual([{ callId: 'call-1' }]);
  // The server's record is the one that counts.
  await act(() => phone.push('call.ended', call({ status: 'completed', duration: 83, endedAt: Date.now() })));
  await vi.waitFor(() => expect(labelled('Call status')).toBe('Call ended · 1:23'));
  vi.useRealTimers();

  await vi.waitFor(() => expect(labelled('Number')).toBe(''), { timeout: ENDED_SCREEN_MS + 1000 });
  expect(screen!.querySelector('[role="tab"][aria-selected="true"]')!.textContent).toBe('Keypad');
  expect(labelled('Call status')).toBeNull();
  await vi.waitFor(() => expect(phone.barColors).toEqual({ top: null, bottom: null }));
});

it('shows the call as answered when the push overtakes the calls.start answer', async () => {
  await start({
    requests: {
      'calls.start': () => {
        host!.push('call.updated', call({ status: 'active', answeredAt: Date.now() }));
        return call();
      },
    },
  });
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(labelled('Call status')).toBe('00:00'));
});

it.each([
  ['busy', 'Busy'],
  ['unavailable', 'Unavailable'],
] as const)('shows "%s" straight away when calls.start answers it', async (status, text) => {
  await start({ requests: { 'calls.start': () => call({ status }) } });
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(labelled('Call status')).toBe(text));
  expect(control('Hang up')!.hasAttribute('disabled')).toBe(true);
});

it("shows the server's refusal, and Try again resends the same requestId", async () => {
  let attempts = 0;
  await start({
    requests: {
      'calls.start': () => {
        attempts += 1;
        if (attempts === 1) throw new HandsetError('TIMEOUT', 'The call could not be placed in time');
        return call();
      },
    },
  });
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(alertText()).toBe('The call could not be placed in time'));
  expect(labelled('Call status')).toBe('Call failed');

  await click('Try again');
  await vi.waitFor(() => expect(sent('calls.start')).toHaveLength(2));
  const [first, second] = sent('calls.start') as { requestId: string }[];
  expect(second).toEqual(first);
  await vi.waitFor(() => expect(labelled('Call status')).toBe('Calling…'));
  expect(alertText()).toBeNull();
});

it('offers no Try again for a number the server refuses, and Hang up goes back to the keypad', async () => {
  await start({
    requests: {
      'calls.start': () => {
        throw new HandsetError('INVALID_INPUT', 'number must be 3-15 digits, with optional spaces and ( ) + - .');
      },
    },
  });
  await dial('12');
  await click('Call');
  await vi.waitFor(() => expect(alertText()).toBe('number must be 3-15 digits, with optional spaces and ( ) + - .'));
  expect(control('Try again')).toBeNull();
  await click('Hang up');
  expect(labelled('Number')).toBe('12');
});

it('ends a call the player hung up on before the server answered', async () => {
  let place: (answer: Call) => void = () => {};
  await start({ requests: { 'calls.start': () => new Promise<Call>((resolve) => (place = resolve)) } });
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(sent('calls.start')).toHaveLength(1));
  await click('Hang up');
  expect(labelled('Number')).toBe('555-0142');

  await act(() => place(call({ callId: 'call-7' })));
  await vi.waitFor(() => expect(sent('calls.end')).toEqual([{ callId: 'call-7' }]));
  expect(labelled('Call status')).toBeNull();
});

it('rings for an incoming call; Accept answers it with calls.answer', async () => {
  const phone = await start();
  await act(() => phone.push('call.incoming', incoming()));
  await vi.waitFor(() => expect(title()).toBe('555-0100'));
  expect(screen!.querySelector('.call-kind')!.textContent).toBe('Phone call');
  expect(control('Decline')).not.toBeNull();
  expect(labelled('Call status')).toBeNull();

  await click('Accept');
  await vi.waitFor(() => expect(labelled('Call status')).toBe('00:00'));
  expect(sent('calls.answer')).toEqual([{ callId: 'call-2' }]);
  expect(control('Accept')).toBeNull();
  expect(control('Hang up')).not.toBeNull();
});

it('rings under the name the player gave the caller in Contacts, with the number underneath, through to the call', async () => {
  const phone = await start({ favorites: [{ name: 'Old Name', number: '555-0100' }] });
  await act(() => phone.push('call.incoming', incoming({ contactName: 'Bea Stone' })));
  await vi.waitFor(() => expect(title()).toBe('Bea Stone'));
  expect(subtitle()).toBe('555-0100');
  expect(control('Accept')).not.toBeNull();

  await act(() => phone.push('call.updated', incoming({ contactName: 'Bea Stone', status: 'active', answeredAt: Date.now() })));
  await vi.waitFor(() => expect(labelled('Call status')).toBe('00:00'));
  expect([title(), subtitle()]).toEqual(['Bea Stone', '555-0100']);
});

it('names the called number once the server answers with its contact name', async () => {
  await start({ requests: { 'calls.start': () => call({ contactName: 'Lamar Davis' }) } });
  await dial('5550142');
  await click('Call');
  await vi.waitFor(() => expect(title()).toBe('Lamar Davis'));
  expect(subtitle()).toBe('555-0142');
  expect(labelled('Call status')).toBe('Calling…');
});

it('shows a caller without a contact or favorite as their number alone', async () => {
  const phone = await start();
  await act(() => phone.push('call.incoming', incoming({ contactName: null })));
  await vi.waitFor(() => expect(title()).toBe('555-0100'));
  expect(subtitle()).toBeNull();
});

it('shows a hidden caller as Unknown and a video call as one that carries voice only; Decline declines', async () => {
  const phone = await start();
  await act(() => phone.push('call.incoming', incoming({ number: '', displayNumber: 'Unknown', hidden: true, video: true })));
  await vi.waitFor(() => expect(title()).toBe('Unknown'));
  expect(screen!.querySelector('.call-kind')!.textContent).toBe('Video call · voice only');
  expect(screen!.querySelector('.call-subtitle')).toBeNull();

  await click('Decline');
  await vi.waitFor(() => expect(labelled('Call status')).toBe('Declined'));
  expect(sent('calls.decline')).toEqual([{ callId: 'call-2' }]);
});

it('shows "Missed call" when the caller hangs up while it rings', async () => {
  const phone = await start();
  await act(() => phone.push('call.incoming', incoming()));
  await vi.waitFor(() => expect(control('Accept')).not.toBeNull());
  await act(() => phone.push('call.ended', incoming({ status: 'missed', endedAt: Date.now() })));
  await vi.waitFor(() => expect(labelled('Call status')).toBe('Missed call'));
});

it('opened with call/<callId>, shows that call from calls.current', async () => {
  await start({ link: 'call/call-2', requests: { 'calls.current': () => incoming() } });
  await vi.waitFor(() => expect(control('Accept')).not.toBeNull());
  expect(title()).toBe('555-0100');
  expect(sent('calls.current')).toEqual([{}]);
});

it('lists recents with their direction, status and duration, missed ones in red, and calls back on tap, by voice after a video call too', async () => {
  const at = new Date().setHours(0, 5, 0, 0);
  const recents: CallRecord[] = [
    { ...call({ status: 'completed', duration: 83, startedAt: at }), id: 3 },
    { ...incoming({ status: 'missed', video: true, startedAt: at }), id: 2 },
    { ...incoming({ status: 'missed', number: '', displayNumber: 'Unknown', hidden: true, video: true, startedAt: at }), id: 1 },
  ];
  await start({ favorites: [{ name: 'Lamar Davis', number: '555-0142' }], requests: { 'calls.recents': () => recents } });
  await click('Recents');
  await vi.waitFor(() => expect(screen!.querySelectorAll('.recent')).toHaveLength(3));

  const rows = [...screen!.querySelectorAll('.recent')];
  const texts = (selector: string) => rows.map((row) => row.querySelector(selector)?.textContent ?? null);
  expect(texts('.row-title')).toEqual(['Lamar Davis', '555-0100', 'Unknown']);
  expect(texts('.recent-number')).toEqual(['555-0142', null, null]);
  expect(texts('.recent-status')).toEqual(['Outgoing', 'Missed', 'Missed']);
  expect(texts('.recent-duration')).toEqual(['1:23', null, null]);
  expect(rows.map((row) => row.classList.contains('missed'))).toEqual([false, true, true]);
  expect(rows.map((row) => row.querySelector('.recent-direction')!.getAttribute('title'))).toEqual(['Outgoing', 'Incoming', 'Incoming']);
  expect(texts('time')).toEqual(Array(3).fill(new Date(at).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })));
  expect(rows[2]!.querySelector('button')!.disabled).toBe(true);
  expect(sent('calls.recents')).toEqual([{}]);
  // Seen in Recents, the missed calls leave the home screen's badge.
  await vi.waitFor(() => expect(sent('calls.markSeen')).toEqual([{}]));

  await click('Missed');
  expect(screen!.querySelectorAll('.recent')).toHaveLength(2);

  await act(() => screen!.querySelector<HTMLButtonElement>('.recent button')!.click());
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550100', video: false, hideNumber: false }]));
});

it('blocks a hidden caller from Recents after a confirm, by the record, never knowing the number', async () => {
  const recents: CallRecord[] = [
    { ...incoming({ status: 'missed', number: '5550100' }), id: 2 },
    { ...incoming({ status: 'missed', number: '', displayNumber: 'Unknown', hidden: true }), id: 1 },
  ];
  await start({ requests: { 'calls.recents': () => recents, 'calls.blockCaller': () => null } });
  await click('Recents');
  await vi.waitFor(() => expect(screen!.querySelectorAll('.recent')).toHaveLength(2));
  // Only the hidden call offers it: a number the player sees is blocked from Contacts.
  expect([...screen!.querySelectorAll('.recent')].map((row) => row.querySelector('.recent-block') !== null)).toEqual([false, true]);

  await click('Block this caller');
  expect(screen!.querySelector('[role="menu"]')?.textContent).toContain('Their number stays hidden.');
  expect(sent('calls.blockCaller')).toEqual([]);
  await act(() => screen!.querySelector<HTMLButtonElement>('[role="menuitem"].destructive')!.click());
  await vi.waitFor(() => expect(sent('calls.blockCaller')).toEqual([{ id: 1 }]));
  await vi.waitFor(() => expect(screen!.querySelector('.recent-blocked')?.textContent).toBe('Blocked'));
  expect(screen!.querySelector('.recent-block')).toBeNull();
});

it('shows why a hidden caller could not be blocked', async () => {
  const recents: CallRecord[] = [{ ...incoming({ status: 'missed', number: '', displayNumber: 'Unknown', hidden: true }), id: 1 }];
  await start({
    requests: {
      'calls.recents': () => recents,
      'calls.blockCaller': () => {
        throw new HandsetError('UNAVAILABLE', 'blocking needs the Contacts app');
      },
    },
  });
  await click('Recents');
  await vi.waitFor(() => expect(control('Block this caller')).not.toBeNull());
  await click('Block this caller');
  await act(() => screen!.querySelector<HTMLButtonElement>('[role="menuitem"].destructive')!.click());
  await vi.waitFor(() => expect(alertText()).toBe('blocking needs the Contacts app'));
  expect(screen!.querySelector('.recent-block')).not.toBeNull();
});

it('names recents from the player’s contacts before their favorites, with the number underneath; Favorites keep their own names', async () => {
  const at = new Date().setHours(0, 5, 0, 0);
  const recents: CallRecord[] = [
    { ...call({ status: 'completed', duration: 7, contactName: 'Lamar', startedAt: at }), id: 3 },
    { ...incoming({ status: 'missed', contactName: 'Bea Stone', startedAt: at }), id: 2 },
    { ...incoming({ status: 'declined', number: '5550199', displayNumber: '555-0199', contactName: null, startedAt: at }), id: 1 },
  ];
  await start({ favorites: [{ name: 'Lamar Davis', number: '555-0142' }], requests: { 'calls.recents': () => recents } });
  await click('Recents');
  await vi.waitFor(() => expect(screen!.querySelectorAll('.recent')).toHaveLength(3));
  const rows = [...screen!.querySelectorAll('.recent')];
  const texts = (selector: string) => rows.map((row) => row.querySelector(selector)?.textContent ?? null);
  expect(texts('.row-title')).toEqual(['Lamar', 'Bea Stone', '555-0199']);
  expect(texts('.recent-number')).toEqual(['555-0142', '555-0100', null]);
  expect(texts('.recent-status')).toEqual(['Outgoing', 'Missed', 'Declined']);

  await click('Favorites');
  await vi.waitFor(() => expect(screen!.querySelector('.favorite .row-title')?.textContent).toBe('Lamar Davis'));
  expect(screen!.querySelector('.favorite .row-subtitle')!.textContent).toBe('555-0142');
});

it('prefills the keypad from a dial?number= link, at the handshake and later', async () => {
  const phone = await start({ link: 'dial?number=5550142' });
  expect(labelled('Number')).toBe('555-0142');
  await click('Recents');
  await act(() => phone.emit('link', { link: 'dial?number=555-0199' }));
  await vi.waitFor(() => expect(labelled('Number')).toBe('555-0199'));
});

it('calls the number of a dial?number=…&call link at once (Contacts\' Call), at the handshake and later', async () => {
  const phone = await start({ link: 'dial?number=5550142&call' });
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550142', video: false, hideNumber: false }]));
  await vi.waitFor(() => expect(title()).toBe('555-0142'));
  await click('Hang up');
  await vi.waitFor(() => expect(labelled('Call status')).toMatch(/^Call ended/));

  await act(() => phone.emit('link', { link: 'dial?number=555-0199&call' }));
  await vi.waitFor(() => expect(sent('calls.start')).toHaveLength(2));
  expect(sent('calls.start')[1]).toEqual({ requestId: expect.stringMatching(UUID), number: '5550199', video: false, hideNumber: false });
});

it('adds a picked contact to favorites, kept in storage; a tap calls it and Edit removes it', async () => {
  const phone = await start({ contact: { name: 'Franklin Clinton', number: '555-0177' } });
  await click('Favorites');
  await vi.waitFor(() => expect(screen!.querySelector('.notice')!.textContent).toBe('No favorites yet. Tap + to add one from your contacts.'));

  await click('Add favorite');
  await vi.waitFor(() => expect(phone.storage.get('favorites')).toEqual([{ name: 'Franklin Clinton', number: '555-0177' }]));
  await vi.waitFor(() => expect(screen!.querySelector('.favorite .row-title')?.textContent).toBe('Franklin Clinton'));

  await click('Edit');
  await click('Remove Franklin Clinton');
  await vi.waitFor(() => expect(phone.storage.get('favorites')).toEqual([]));
  expect(screen!.querySelector('.favorite')).toBeNull();
});

it('lets + add a favorite only once the stored list has loaded, and adds to it', async () => {
  const phone = await start({ favorites: [{ name: 'Lamar Davis', number: '555-0142' }], contact: { name: 'Franklin Clinton', number: '555-0177' } });
  await click('Favorites');
  expect((control('Add favorite') as HTMLButtonElement).disabled).toBe(true);

  await vi.waitFor(() => expect((control('Add favorite') as HTMLButtonElement).disabled).toBe(false));
  await click('Add favorite');
  await vi.waitFor(() =>
    expect(phone.storage.get('favorites')).toEqual([
      { name: 'Lamar Davis', number: '555-0142' },
      { name: 'Franklin Clinton', number: '555-0177' },
    ]),
  );
});

it('calls a favorite on tap, under its name', async () => {
  await start({ favorites: [{ name: 'Lamar Davis', number: '555-0142' }] });
  await click('Favorites');
  await vi.waitFor(() => expect(screen!.querySelector('.favorite')).not.toBeNull());
  await act(() => screen!.querySelector<HTMLButtonElement>('.favorite .row-button')!.click());
  await vi.waitFor(() => expect(title()).toBe('Lamar Davis'));
  expect(screen!.querySelector('.call-subtitle')!.textContent).toBe('555-0142');
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550142', video: false, hideNumber: false }]));
});

it("shows the phone's refusal when the app may not use storage", async () => {
  await start({ grants: ['contacts:read'] });
  await click('Favorites');
  await vi.waitFor(() => expect(alertText()).toBe('storage.get needs the storage permission'));
});

it('lists the contacts under its own Contacts tab, a page at a time, searches them, and calls one on tap', async () => {
  const contacts = [
    { name: 'Amanda De Santa', number: '555-0199' },
    { name: 'Franklin Clinton', number: '555-0177' },
    { name: 'Lamar Davis', number: '555-0142' },
  ];
  const phone = await start({ contacts });
  await click('Contacts');
  // The Phone's tabs stay: the Contacts app does not open.
  expect(screen!.querySelector('[role="tab"][aria-selected="true"]')!.textContent).toBe('Contacts');
  expect(phone.openedApps).toEqual([]);
  const names = () => [...screen!.querySelectorAll('.list-row-title')].map((title) => title.textContent);
  await vi.waitFor(() => expect(names()).toEqual(['Amanda De Santa', 'Franklin Clinton']));
  await click('More');
  await vi.waitFor(() => expect(names()).toEqual(['Amanda De Santa', 'Franklin Clinton', 'Lamar Davis']));
  expect(control('More')).toBeNull();
  expect(phone.calls.filter((recorded) => recorded.method === 'contacts.list').map((recorded) => recorded.input)).toEqual([{}, { cursor: '2' }]);

  const search = screen!.querySelector<HTMLInputElement>('input[type="search"]')!;
  await act(() => {
    search.value = 'lam';
    search.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await vi.waitFor(() => expect(names()).toEqual(['Lamar Davis']));
  await click('Call Lamar Davis');
  await vi.waitFor(() => expect(sent('calls.start')).toEqual([{ requestId: expect.stringMatching(UUID), number: '5550142', video: false, hideNumber: false }]));
});

it('says so when the player has no contacts, and when none matches a search', async () => {
  await start({ contacts: [] });
  await click('Contacts');
  await vi.waitFor(() => expect(screen!.querySelector('.notice')?.textContent).toBe('No contacts yet. Contacts you add appear here.'));
  const search = screen!.querySelector<HTMLInputElement>('input[type="search"]')!;
  await act(() => {
    search.value = 'zed';
    search.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await vi.waitFor(() => expect(screen!.querySelector('.notice')?.textContent).toBe('No contact matches “zed”.'));
});

it('opens the Contacts app with the typed number from Add number', async () => {
  const phone = await start();
  await dial('5550142');
  await click('Add number');
  await vi.waitFor(() => expect(phone.openedApps).toEqual([{ appId: 'contacts', link: 'add?number=5550142' }]));
});

it("follows the phone's theme", async () => {
  const phone = await start({ settings: { theme: 'dark' } });
  expect(document.documentElement.dataset['theme']).toBe('dark');
  await act(() => phone.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
  await vi.waitFor(() => expect(document.documentElement.dataset['theme']).toBe('light'));
});

it("speaks the player's language and follows a change live: tabs, the keypad and its switch", async () => {
  const phone = await start({ settings: { locale: 'es-ES' } });
  const texts = () => [...[...document.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent), document.querySelector('.switch-row span')?.textContent];
  await vi.waitFor(() => expect(texts()).toEqual(['Favoritos', 'Recientes', 'Teclado', 'Contactos', 'Ocultar mi número']));
  await act(() => phone.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
  await vi.waitFor(() => expect(texts()).toEqual(['Favoriten', 'Anrufliste', 'Ziffernblock', 'Kontakte', 'Meine Nummer unterdrücken']));
});
