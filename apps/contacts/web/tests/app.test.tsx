// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { App } from '../src/app';
import type { Contact } from '../src/contacts-api';
import { AppProvider } from '@handset/sdk/ui';

type Seed = Partial<Contact> & { firstName: string; number: string };

/** The server plugin's contract (apps/contacts/README.md), in memory. */
function contactsServer(seeds: Seed[] = []) {
  let nextId = 1;
  const byRequestId = new Map<string, Contact>();
  const make = (seed: Seed): Contact => {
    const lastName = seed.lastName ?? '';
    return {
      id: nextId++,
      displayNumber: `${seed.number.slice(0, 3)}-${seed.number.slice(3)}`,
      lastName,
      displayName: `${seed.firstName} ${lastName}`.trim(),
      notes: '',
      avatarUrl: null,
      favorite: false,
      blocked: false,
      createdAt: 0,
      ...seed,
    };
  };
  const contacts: Contact[] = seeds.map(make);
  const sorted = () =>
    [...contacts].sort((a, b) => Number(b.favorite) - Number(a.favorite) || a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) || a.id - b.id);
  const find = (id: number) => {
    const contact = contacts.find((candidate) => candidate.id === id);
    if (!contact) throw new HandsetError('NOT_FOUND', 'No such contact');
    return contact;
  };
  const digits = (number: string) => {
    const only = number.replace(/[\s().-]/g, '');
    if (!/^\d{3,15}$/.test(only)) throw new HandsetError('INVALID_INPUT', 'Enter a phone number: 3 to 15 digits');
    return only;
  };
  const requests: Record<string, (payload: unknown) => unknown> = {
    // Pages of `limit` after the cursor (here the index of the next contact in list order), as the server answers them.
    'contacts.list': (payload) => {
      const { cursor, limit = 50 } = payload as { cursor?: string; limit?: number };
      const from = cursor === undefined ? 0 : Number(cursor);
      const page = sorted().slice(from, from + limit);
      return { contacts: page, cursor: from + limit < contacts.length ? String(from + limit) : null };
    },
    // The server's search: names in any case, or the digits of a query of phone characters in the number.
    'contacts.search': (payload) => {
      const { query, limit = 20 } = payload as { query: string; limit?: number };
      const wanted = query.trim().toLowerCase();
      const digits = /^[\d\s()+.-]+$/.test(wanted) ? wanted.replace(/\D/g, '') : '';
      const names = (contact: Contact) => [contact.displayName, contact.firstName, contact.lastName].map((name) => name.toLowerCase());
      return sorted()
        .filter((contact) => names(contact).some((name) => name.includes(wanted)) || (digits !== '' && contact.number.includes(digits)))
        .slice(0, limit);
    },
    'contacts.add': (payload) => {
      const input = payload as { requestId: string; number: string; firstName: string; lastName?: string; notes?: string; avatarUrl?: string };
      const earlier = byRequestId.get(input.requestId);
      if (earlier) return earlier;
      const number = digits(input.number);
      if (contacts.some((contact) => contact.number === number)) {
        throw new HandsetError('ALREADY_EXISTS', 'You already have a contact with this number');
      }
      const { requestId, ...fields } = input;
      const contact = make({ ...fields, number });
      contacts.push(contact);
      byRequestId.set(requestId, contact);
      return contact;
    },
    'contacts.update': (payload) => {
      const { id, ...fields } = payload as Partial<Contact> & { id: number };
      return Object.assign(find(id), fields, fields.number === undefined ? {} : { number: digits(fields.number) });
    },
    'contacts.delete': (payload) => {
      contacts.splice(contacts.indexOf(find((payload as { id: number }).id)), 1);
      return null;
    },
    'contacts.setFavorite': (payload) => {
      const { id, favorite } = payload as { id: number; favorite: boolean };
      return Object.assign(find(id), { favorite });
    },
    'contacts.setBlocked': (payload) => {
      const { id, blocked } = payload as { id: number; blocked: boolean };
      return Object.assign(find(id), { blocked });
    },
  };
  return { contacts, requests, add: (seed: Seed) => contacts.push(make(seed)) };
}

const SEEDS: Seed[] = [
  { firstName: 'Lamar', lastName: 'Davis', number: '5550142' },
  { firstName: 'Amanda', lastName: 'De Santa', number: '5550199' },
  { firstName: 'Trevor', lastName: 'Philips', number: '5550111', favorite: true },
  { firstName: 'lester', lastName: 'Crest', number: '5550123', notes: 'Call before noon' },
];

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

/** Renders the app against a fake phone whose server side is `server`. */
async function start(server = contactsServer(SEEDS), options: FakeHostOptions = {}) {
  host = createFakeHost({ requests: server.requests, ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return { host, server };
}

const visible = (element: Element) => !element.closest('[hidden]');
/** A button by its accessible name: aria-label, else its text. */
const findButton = (name: string) =>
  [...screen!.querySelectorAll('button')].find(
    (element) => visible(element) && (element.getAttribute('aria-label') ?? element.textContent!.trim()) === name,
  );
const button = (name: string) => {
  const found = findButton(name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
/** A field by its label, or its aria-label. */
const field = (name: string) => {
  const label = [...screen!.querySelectorAll('label')].find((element) => visible(element) && element.textContent === name);
  const found = label
    ? screen!.querySelector<HTMLInputElement>(`#${label.htmlFor}`)
    : [...screen!.querySelectorAll<HTMLInputElement>(`[aria-label="${name}"]`)].find(visible);
  if (!found) throw new Error(`no field "${name}"`);
  return found;
};
/** The names of the list's rows, in order. */
/** The rows under the letters: every contact once. */
const rows = () => [...screen!.querySelectorAll('.section:not(.favorites) .list-row-content')].filter(visible).map((row) => row.getAttribute('aria-label'));
const favoriteRows = () => [...screen!.querySelectorAll('.section.favorites .list-row-content')].filter(visible).map((row) => row.getAttribute('aria-label'));
const sectionTitles = () => [...screen!.querySelectorAll('.section-title')].map((title) => title.textContent);
const alerts = () => [...screen!.querySelectorAll('[role="alert"]')].filter(visible).map((alert) => alert.textContent?.trim());
const requests = (action: string) =>
  host!.calls.flatMap((call) => {
    const input = call.input as { action: string; payload: unknown };
    return call.method === 'request' && input.action === action ? [input.payload] : [];
  });

const click = (name: string) => act(() => button(name).click());
const type = (name: string, value: string) =>
  act(() => {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const press = (target: EventTarget, key: string) =>
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
const loaded = () => vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));

describe('the list', () => {
  it('shows favorites first, then a section per letter with the favorites under theirs too, each row a button named by the contact', async () => {
    await start();
    await loaded();
    expect(sectionTitles()).toEqual(['Favorites', 'A', 'L', 'T']);
    expect(favoriteRows()).toEqual(['Trevor Philips, favorite']);
    expect(rows()).toEqual(['Amanda De Santa', 'Lamar Davis', 'lester Crest', 'Trevor Philips']);
    expect([...screen!.querySelectorAll('.section')].map((section) => [...section.querySelectorAll('.list-row-title')].map((name) => name.textContent))).toEqual([
      ['Trevor Philips'],
      ['Amanda De Santa'],
      ['Lamar Davis', 'lester Crest'],
      ['Trevor Philips'],
    ]);
    expect(screen!.textContent).toContain('4 Contacts');
    expect(screen!.querySelector('.list-row .avatar')!.textContent).toBe('TP');
  });

  it('searches by name or number on the server as the player types', async () => {
    await start();
    await loaded();
    await type('Search', 'la');
    await vi.waitFor(() => expect(rows()).toEqual(['Lamar Davis']));
    await type('Search', '555-0199');
    await vi.waitFor(() => expect(rows()).toEqual(['Amanda De Santa']));
    await type('Search', 'nobody');
    await vi.waitFor(() => expect(screen!.textContent).toContain('No Results'));
    expect(rows()).toEqual([]);
    expect(requests('contacts.search')).toContainEqual({ query: '555-0199', limit: 50 });
    await click('Clear');
    expect(rows()).toHaveLength(4);
  });

  it('loads the list a page at a time as the player scrolls, and finds a contact not loaded yet by searching', async () => {
    const many = Array.from({ length: 120 }, (_, index) => ({ firstName: `Caller ${String(index).padStart(3, '0')}`, number: String(5_551_000 + index) }));
    await start(contactsServer(many));
    // The test's screen has no height, so every page is "near the end" once the one before it came.
    await vi.waitFor(() => expect(rows()).toHaveLength(120));
    expect(requests('contacts.list')).toEqual([{}, { cursor: '50' }, { cursor: '100' }]);
    expect(rows()).toEqual(many.map((seed) => seed.firstName));
    expect(screen!.textContent).toContain('120 Contacts');
  });

  it('asks for no further page while one is coming, and shows no count until the list is complete', async () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ firstName: `Caller ${String(index).padStart(3, '0')}`, number: String(5_551_000 + index) }));
    const server = contactsServer(many);
    const list = server.requests['contacts.list']!;
    let release = () => undefined as void;
    server.requests['contacts.list'] = (payload) =>
      (payload as { cursor?: string }).cursor === undefined ? list(payload) : new Promise((resolve) => (release = () => resolve(list(payload))));
    await start(server);
    await vi.waitFor(() => expect(rows()).toHaveLength(50));
    await vi.waitFor(() => expect(requests('contacts.list')).toEqual([{}, { cursor: '50' }]));
    await act(() => void screen!.querySelector('.scroll')!.dispatchEvent(new Event('scroll')));
    await act(() => void screen!.querySelector('.scroll')!.dispatchEvent(new Event('scroll')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests('contacts.list')).toEqual([{}, { cursor: '50' }]);
    expect(screen!.querySelector('.count')).toBeNull();
    await act(() => release());
    await vi.waitFor(() => expect(rows()).toHaveLength(60));
    expect(screen!.querySelector('.count')!.textContent).toBe('60 Contacts');
  });

  it('opens a contact found by searching that no loaded page has', async () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ firstName: `Caller ${String(index).padStart(3, '0')}`, number: String(5_551_000 + index) }));
    const server = contactsServer(many);
    const list = server.requests['contacts.list']!;
    // Only the first page ever comes.
    server.requests['contacts.list'] = (payload) => ((payload as { cursor?: string }).cursor === undefined ? list(payload) : new Promise(() => undefined));
    await start(server);
    await vi.waitFor(() => expect(rows()).toHaveLength(50));
    expect(rows()).not.toContain('Caller 055');
    await type('Search', 'caller 055');
    await vi.waitFor(() => expect(rows()).toEqual(['Caller 055']));
    await click('Caller 055');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')?.textContent).toBe('Caller 055'));
    expect(screen!.querySelector('.fields')!.textContent).toContain('555-1055');
  });

  it('shows the photo when the contact has one, initials otherwise', async () => {
    await start(contactsServer([{ firstName: 'Lamar', number: '5550142', avatarUrl: 'https://example.com/lamar.png' }]));
    await loaded();
    expect(screen!.querySelector('.list-row .avatar img')!.getAttribute('src')).toBe('https://example.com/lamar.png');
  });

  it('says so when there are no contacts', async () => {
    await start(contactsServer([]));
    await vi.waitFor(() => expect(screen!.textContent).toContain('No Contacts'));
  });

  it('renders names as text', async () => {
    await start(contactsServer([{ firstName: '<img src=x onerror=alert(1)>', number: '5550100' }]));
    await loaded();
    expect(rows()).toEqual(['<img src=x onerror=alert(1)>']);
    expect(screen!.querySelector('img')).toBeNull();
  });

  it("shows the server's error, and loads again on Try again", async () => {
    const server = contactsServer(SEEDS);
    const list = server.requests['contacts.list']!;
    let fail = true;
    server.requests['contacts.list'] = (payload) => {
      if (fail) throw new HandsetError('UNAVAILABLE', 'The phone network is down');
      return list(payload);
    };
    await start(server);
    await vi.waitFor(() => expect(alerts()).toEqual(['The phone network is down']));
    fail = false;
    await click('Try again');
    await loaded();
    expect(alerts()).toEqual([]);
  });

  it('loads again when the server pushes contacts.changed', async () => {
    const { host, server } = await start();
    await loaded();
    server.add({ firstName: 'Franklin', lastName: 'Clinton', number: '5550177' });
    await act(() => host.push('contacts.changed', null));
    await vi.waitFor(() => expect(rows()).toContain('Franklin Clinton'));
    expect(requests('contacts.list')).toHaveLength(2);
  });

  it("follows the phone's theme and shows the player's number", async () => {
    const { host } = await start(contactsServer(SEEDS), { settings: { theme: 'dark', phoneNumber: '555-0100' } });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(screen!.querySelector('.my-number')!.textContent).toBe('My number 555-0100');
    await act(() => host.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0101', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(document.documentElement.dataset['theme']).toBe('light'));
    expect(screen!.querySelector('.my-number')!.textContent).toBe('My number 555-0101');
  });

  it("speaks the player's language and follows a change live: titles, sections, counts and the search field", async () => {
    const { host } = await start(contactsServer(SEEDS), { settings: { locale: 'es-ES', phoneNumber: '555-0100' } });
    await loaded();
    const texts = () => [screen!.querySelector('h1')!.textContent, sectionTitles()[0], screen!.querySelector('.count')?.textContent, screen!.querySelector('.my-number')!.textContent, screen!.querySelector('input')!.getAttribute('aria-label')];
    expect(texts()).toEqual(['Contactos', 'Favoritos', '4 contactos', 'Mi número 555-0100', 'Buscar']);
    await act(() => host.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(texts()).toEqual(['Kontakte', 'Favoriten', '4 Kontakte', 'Meine Nummer 555-0100', 'Suchen']));
    expect(document.documentElement.lang).toBe('de');
  });
});

describe('adding', () => {
  it('saves the form and shows the new contact, then lists it', async () => {
    await start();
    await loaded();
    await click('Add contact');
    expect(findButton('Save')!.disabled).toBe(true);
    await type('First name', ' Franklin ');
    await type('Last name', 'Clinton');
    await type('Number', '555-0177');
    await type('Notes', 'Forum Drive');
    await click('Save');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')?.textContent).toBe('Franklin Clinton'));
    expect(screen!.textContent).toContain('555-0177');
    expect(screen!.textContent).toContain('Forum Drive');
    const [payload] = requests('contacts.add') as { requestId: string }[];
    expect(payload).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      firstName: 'Franklin',
      lastName: 'Clinton',
      number: '555-0177',
      notes: 'Forum Drive',
    });
    await click('Contacts');
    expect(rows()).toEqual(['Amanda De Santa', 'Franklin Clinton', 'Lamar Davis', 'lester Crest', 'Trevor Philips']);
  });

  it('saves on Enter', async () => {
    await start();
    await loaded();
    await click('Add contact');
    await type('First name', 'Franklin');
    await type('Number', '5550177');
    await press(field('Number'), 'Enter');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')?.textContent).toBe('Franklin'));
  });

  it('shows ALREADY_EXISTS under the number, and keeps the form', async () => {
    await start();
    await loaded();
    await click('Add contact');
    await type('First name', 'Lamar');
    await type('Number', '5550142');
    await click('Save');
    await vi.waitFor(() => expect(screen!.querySelector('#number-error')?.textContent).toBe('You already have a contact with this number'));
    expect(field('Number').getAttribute('aria-invalid')).toBe('true');
    expect(field('First name').value).toBe('Lamar');
    await type('Number', '5550143');
    expect(screen!.querySelector('#number-error')).toBeNull();
  });

  it("shows INVALID_INPUT's message in the form", async () => {
    await start();
    await loaded();
    await click('Add contact');
    await type('First name', 'Lamar');
    await type('Number', 'abc');
    await click('Save');
    await vi.waitFor(() => expect(alerts()).toEqual(['Enter a phone number: 3 to 15 digits']));
  });

  it('retries the same fields with the same requestId, and new fields with a new one', async () => {
    const server = contactsServer(SEEDS);
    const add = server.requests['contacts.add']!;
    let answers = 0;
    // The first add lands, but its answer is lost on the way back.
    server.requests['contacts.add'] = (payload) => {
      const contact = add(payload);
      if (answers++ === 0) throw new HandsetError('TIMEOUT', 'No answer in time');
      return contact;
    };
    await start(server);
    await loaded();
    await click('Add contact');
    await type('First name', 'Franklin');
    await type('Number', '5550177');
    await click('Save');
    await vi.waitFor(() => expect(alerts()).toEqual(['No answer in time']));
    await click('Save');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')?.textContent).toBe('Franklin'));
    const [first, retry] = requests('contacts.add') as { requestId: string }[];
    expect(retry!.requestId).toBe(first!.requestId);
    expect(server.contacts.filter((contact) => contact.firstName === 'Franklin')).toHaveLength(1);

    await click('Contacts');
    await click('Add contact');
    await type('First name', 'Franklin');
    await type('Number', '5550177');
    await click('Save');
    await vi.waitFor(() => expect(alerts()).toEqual(['You already have a contact with this number']));
    const third = requests('contacts.add').at(-1) as { requestId: string };
    expect(third.requestId).not.toBe(first!.requestId);
  });

  it('opens prefilled from the deep link add?number=…', async () => {
    await start(contactsServer(SEEDS), { link: 'add?number=5550188' });
    expect(field('Number').value).toBe('555-0188');
    expect(field('First name').value).toBe('');
    expect(document.activeElement).toBe(field('First name'));
  });

  it('opens on the list for a link it does not know', async () => {
    await start(contactsServer(SEEDS), { link: 'thread/5550188' });
    await loaded();
    expect(findButton('Save')).toBeUndefined();
  });

  it('opens the form again when a link comes while open', async () => {
    const { host } = await start();
    await loaded();
    await act(() => host.emit('link', { link: 'add?number=5550166' }));
    await vi.waitFor(() => expect(field('Number').value).toBe('555-0166'));
    await click('Cancel');
    expect(rows()).toHaveLength(4);
  });
});

describe('a contact', () => {
  const open = async (name: string) => {
    await loaded();
    await click(name);
  };

  it('shows name, number and notes', async () => {
    await start();
    await open('lester Crest');
    expect(screen!.querySelector('.profile-name')!.textContent).toBe('lester Crest');
    expect(screen!.querySelector('.fields')!.textContent).toBe('mobile555-0123NotesCall before noon');
    await click('Contacts');
    expect(findButton('Edit')).toBeUndefined();
  });

  it('becomes a favorite and back', async () => {
    await start();
    await open('Lamar Davis');
    await click('Favorite');
    await vi.waitFor(() => expect(findButton('Unfavorite')).toBeDefined());
    expect(requests('contacts.setFavorite')).toEqual([{ id: 1, favorite: true }]);
    await click('Contacts');
    expect(sectionTitles()).toEqual(['Favorites', 'A', 'L', 'T']);
    expect(favoriteRows()).toEqual(['Lamar Davis, favorite', 'Trevor Philips, favorite']);
  });

  it('is blocked and unblocked', async () => {
    await start();
    await open('Lamar Davis');
    await click('Block');
    await vi.waitFor(() => expect(findButton('Unblock')).toBeDefined());
    expect(screen!.querySelector('.profile .tag')!.textContent).toBe('Blocked');
    await click('Unblock');
    await vi.waitFor(() => expect(findButton('Block')).toBeDefined());
    expect(requests('contacts.setBlocked')).toEqual([
      { id: 1, blocked: true },
      { id: 1, blocked: false },
    ]);
  });

  it('calls through the Phone app and shares into another app', async () => {
    const { host } = await start(contactsServer(SEEDS), { grants: ['share'], shareTo: 'messages' });
    await open('Lamar Davis');
    await click('Call');
    await vi.waitFor(() => expect(host.openedApps).toEqual([{ appId: 'phone', link: 'dial?number=5550142&call' }]));
    await click('Share');
    await vi.waitFor(() => expect(host.calls.filter((call) => call.method === 'share.open').map((call) => call.input)).toEqual([
      { title: 'Lamar Davis', text: 'Lamar Davis\n555-0142' },
    ]));
    expect(alerts()).toEqual([]);
  });

  it('is deleted only once the player confirms', async () => {
    let answer = false;
    const { host } = await start(contactsServer(SEEDS), { confirm: () => answer });
    await open('Lamar Davis');
    await click('Delete');
    await vi.waitFor(() => expect(host.calls.some((call) => call.method === 'dialog.confirm')).toBe(true));
    expect(host.calls.find((call) => call.method === 'dialog.confirm')!.input).toMatchObject({ destructive: true });
    expect(requests('contacts.delete')).toEqual([]);
    expect(screen!.querySelector('.profile-name')!.textContent).toBe('Lamar Davis');

    answer = true;
    await click('Delete');
    await vi.waitFor(() => expect(rows()).toEqual(['Amanda De Santa', 'lester Crest', 'Trevor Philips']));
    expect(requests('contacts.delete')).toEqual([{ id: 1 }]);
  });

  it('is edited, sending only what changed', async () => {
    await start();
    await open('Lamar Davis');
    await click('Edit');
    expect(field('First name').value).toBe('Lamar');
    expect(field('Number').value).toBe('555-0142');
    await type('Last name', 'Davis Jr');
    await type('Avatar URL', 'https://example.com/lamar.png');
    await click('Save');
    await vi.waitFor(() => expect(screen!.querySelector('.profile-name')?.textContent).toBe('Lamar Davis Jr'));
    expect(requests('contacts.update')).toEqual([
      { id: 1, lastName: 'Davis Jr', avatarUrl: 'https://example.com/lamar.png', displayName: 'Lamar Davis Jr' },
    ]);
    expect(screen!.querySelector('.profile .avatar img')!.getAttribute('src')).toBe('https://example.com/lamar.png');
  });

  it('steps back on Escape, and leaves Escape on the list to the phone', async () => {
    await start();
    await open('Lamar Davis');
    await click('Edit');
    await press(field('First name'), 'Escape');
    expect(screen!.querySelector('.profile-name')!.textContent).toBe('Lamar Davis');
    await press(document.body, 'Escape');
    expect(rows()).toHaveLength(4);
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(() => void document.body.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(false);
  });

  it('goes back to the list when deleted elsewhere', async () => {
    const { host, server } = await start();
    await open('Lamar Davis');
    server.contacts.splice(0, 1);
    await act(() => host.push('contacts.changed', null));
    await vi.waitFor(() => expect(rows()).toEqual(['Amanda De Santa', 'lester Crest', 'Trevor Philips']));
  });

  it("shows the server's refusal of an action", async () => {
    const server = contactsServer(SEEDS);
    server.requests['contacts.setBlocked'] = () => {
      throw new HandsetError('RATE_LIMITED', 'Slow down');
    };
    await start(server);
    await open('Lamar Davis');
    await click('Block');
    await vi.waitFor(() => expect(alerts()).toEqual(['Slow down']));
  });
});
