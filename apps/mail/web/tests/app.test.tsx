// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { App } from '../src/app';
import type { Folder, Mail, MailAddress } from '../src/mail-api';
import { AppProvider } from '@handset/sdk/ui';

type Seed = Partial<Mail> & { subject: string };

const ME = 'ann@handset.mail';
const ADDRESS: MailAddress = { name: 'ann', address: ME, canChange: true, nextChangeAt: null };

/** The server plugin's contract (apps/mail/README.md), in memory: mails newest first, pages by cursor. */
function mailServer(options: { address?: MailAddress | null; inbox?: Seed[]; sent?: Seed[] } = {}) {
  let nextId = 1;
  let address = options.address === undefined ? ADDRESS : options.address;
  const mails: Mail[] = [];
  const make = (folder: Folder, seed: Seed): Mail => ({
    id: nextId++,
    folder,
    from: folder === 'inbox' ? 'bob@handset.mail' : ME,
    to: folder === 'inbox' ? ME : 'bob@handset.mail',
    body: `${seed.subject} body`,
    read: folder === 'sent',
    replyTo: null,
    createdAt: Date.UTC(2025, 0, 1) + nextId * 60_000,
    ...seed,
  });
  const add = (folder: Folder, seed: Seed) => {
    const mail = make(folder, seed);
    mails.push(mail);
    return mail;
  };
  for (const seed of options.inbox ?? []) add('inbox', seed);
  for (const seed of options.sent ?? []) add('sent', seed);
  const find = (id: number) => {
    const mail = mails.find((candidate) => candidate.id === id);
    if (!mail) throw new HandsetError('NOT_FOUND', `no mail ${id}`);
    return mail;
  };
  const summary = ({ body, replyTo: _replyTo, ...fields }: Mail) => ({ ...fields, preview: body.slice(0, 100) });
  const byClientId = new Map<string, Mail>();
  const blocks = new Set<string>();
  const requests: Record<string, (payload: unknown) => unknown> = {
    'mail.blocks': () => [...blocks].sort(),
    'mail.block': (payload) => [...blocks.add((payload as { address: string }).address)].sort(),
    'mail.unblock': (payload) => {
      if (!blocks.delete((payload as { address: string }).address)) throw new HandsetError('NOT_FOUND', 'not blocked');
      return [...blocks].sort();
    },
    'mail.address': () => address,
    'mail.domain': () => ({ domain: 'handset.mail' }),
    'mail.addressesOf': (payload) =>
      (payload as { numbers: string[] }).numbers.flatMap((number) => (number === '555-0142' ? [{ number, address: 'lamar@handset.mail' }] : [])),
    'mail.claim': (payload) => {
      const name = (payload as { name: string }).name.toLowerCase();
      if (name === 'taken') throw new HandsetError('ALREADY_EXISTS', 'taken@handset.mail is taken');
      address = { name, address: `${name}@handset.mail`, canChange: true, nextChangeAt: null };
      return address;
    },
    'mail.list': (payload) => {
      const { folder, cursor, limit } = payload as { folder: Folder; cursor?: string; limit: number };
      const all = mails.filter((mail) => mail.folder === folder).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      const start = cursor ? all.findIndex((mail) => mail.id === Number(cursor)) + 1 : 0;
      const page = all.slice(start, start + limit);
      return { mails: page.map(summary), cursor: start + limit < all.length ? String(page.at(-1)!.id) : null };
    },
    'mail.get': (payload) => Object.assign(find((payload as { id: number }).id), { read: true }),
    'mail.setRead': (payload) => {
      const { id, read } = payload as { id: number; read: boolean };
      return Object.assign(find(id), { read });
    },
    'mail.delete': (payload) => {
      mails.splice(mails.indexOf(find((payload as { id: number }).id)), 1);
      return null;
    },
    'mail.send': (payload) => {
      const input = payload as { clientId: string; to: string; subject: string; body: string; replyTo?: number };
      const earlier = byClientId.get(input.clientId);
      if (earlier) return earlier;
      if (!input.to.endsWith('@handset.mail')) throw new HandsetError('NOT_FOUND', `no one has the address ${input.to}`);
      const mail = add('sent', { to: input.to, subject: input.subject, body: input.body, replyTo: input.replyTo ?? null, createdAt: Date.UTC(2025, 1, 1) });
      byClientId.set(input.clientId, mail);
      return mail;
    },
  };
  return { mails, requests, add };
}

const SEEDS = { inbox: [{ subject: 'Paycheck', from: 'employer@handset.mail' }, { subject: 'Lunch?', read: true }], sent: [{ subject: 'Hello Bob' }] };

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
async function start(server = mailServer(SEEDS), options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'mail', requests: server.requests, ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return { host, server };
}

/** Starts the page again on the same server, as reopening the app does. */
async function reopen(server: ReturnType<typeof mailServer>) {
  render(null, screen!);
  screen!.remove();
  app!.disconnect();
  host!.dispose();
  await start(server);
}

const visible = (element: Element) => !element.closest('[hidden]');
/** A button by its accessible name: aria-label, else its text. */
const findButton = (name: string) =>
  [...screen!.querySelectorAll('button')].find((element) => visible(element) && (element.getAttribute('aria-label') ?? element.textContent!.trim()) === name);
const button = (name: string) => {
  const found = findButton(name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
/** A field by its label's text. */
const field = (name: string) => {
  const label = [...screen!.querySelectorAll('label')].find((element) => visible(element) && element.textContent!.trim() === name);
  const found = label && screen!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${label.htmlFor}`);
  if (!found) throw new Error(`no field "${name}"`);
  return found;
};
/** The mailbox's rows: who, subject, and whether the unread dot shows. */
const rows = () =>
  [...screen!.querySelectorAll('.mail-row')].filter(visible).map((row) => ({
    who: row.querySelector('.mail-who')!.textContent,
    subject: row.querySelector('.mail-subject')!.textContent,
    unread: row.querySelector('.unread-dot') !== null,
  }));
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
const openRow = (subject: string) =>
  act(() => {
    const row = [...screen!.querySelectorAll<HTMLButtonElement>('.mail-row')].find((candidate) => visible(candidate) && candidate.querySelector('.mail-subject')!.textContent === subject);
    if (!row) throw new Error(`no mail "${subject}"`);
    row.click();
  });
const loaded = () => vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));

describe('the address', () => {
  it('is claimed first when the character has none', async () => {
    await start(mailServer({ address: null }));
    await vi.waitFor(() => expect(findButton('Claim')).toBeDefined());
    expect(button('Claim').disabled).toBe(true);
    expect(findButton('Compose')).toBeUndefined();

    await vi.waitFor(() => expect(screen!.querySelector('.domain')?.textContent).toBe('@handset.mail'));
    // The name's rule is checked as it is typed: nothing too short is sent.
    await type('Address name', 'an');
    expect(button('Claim').disabled).toBe(true);
    expect(screen!.querySelector('#name-hint')!.className).toBe('hint invalid');
    await type('Address name', 'taken');
    expect(screen!.querySelector('#name-hint')!.className).toBe('hint');
    await click('Claim');
    await vi.waitFor(() => expect(alerts()).toEqual(['taken@handset.mail is taken']));
    await type('Address name', ' Ann ');
    await click('Claim');
    await vi.waitFor(() => expect(screen!.querySelector('.my-address span')?.textContent).toBe('ann@handset.mail'));
    expect(requests('mail.claim')).toEqual([{ name: 'taken' }, { name: 'Ann' }]);
    await vi.waitFor(() => expect(requests('mail.list')).toEqual([{ folder: 'inbox', limit: 30 }]));
    expect(screen!.textContent).toContain('No Mail');
  });

  it('is changed from the mailbox, or says when it may change again', async () => {
    const server = mailServer(SEEDS);
    await start(server);
    await loaded();
    await click('Change address');
    expect(field('Address name').value).toBe('ann');
    await type('Address name', 'annie');
    await click('Claim');
    await vi.waitFor(() => expect(screen!.querySelector('.my-address span')?.textContent).toBe('annie@handset.mail'));

    server.requests['mail.address'] = () => ({ ...ADDRESS, canChange: false, nextChangeAt: Date.UTC(2025, 5, 1) });
    await reopen(server);
    await loaded();
    await click('Change address');
    expect(screen!.textContent).toContain('You can change it again on');
    expect(button('Claim').disabled).toBe(true);
    await click('Cancel');
    expect(rows()).toHaveLength(2);
  });
});

describe('the mailbox', () => {
  it('lists the inbox newest first with unread dots, and Sent on its tab', async () => {
    await start();
    await loaded();
    expect(rows()).toEqual([
      { who: 'bob@handset.mail', subject: 'Lunch?', unread: false },
      { who: 'employer@handset.mail', subject: 'Paycheck', unread: true },
    ]);
    expect(screen!.querySelector('.unread-dot')!.textContent).toBe('Unread');
    expect(button('Inbox').getAttribute('aria-selected')).toBe('true');
    await click('Sent');
    await vi.waitFor(() => expect(rows()).toEqual([{ who: 'To: bob@handset.mail', subject: 'Hello Bob', unread: false }]));
    expect(button('Sent').getAttribute('aria-selected')).toBe('true');
    expect(requests('mail.list')).toEqual([
      { folder: 'inbox', limit: 30 },
      { folder: 'sent', limit: 30 },
    ]);
  });

  it('loads older mail as the player scrolls to the end', async () => {
    const server = mailServer({ inbox: Array.from({ length: 35 }, (_, index) => ({ subject: `Mail ${index}` })) });
    await start(server);
    await loaded();
    expect(rows()).toHaveLength(30);
    await act(() => void screen!.querySelector('.scroll')!.dispatchEvent(new Event('scroll')));
    await vi.waitFor(() => expect(rows()).toHaveLength(35));
    expect(rows().at(-1)!.subject).toBe('Mail 0');
    expect(requests('mail.list')).toEqual([
      { folder: 'inbox', limit: 30 },
      { folder: 'inbox', limit: 30, cursor: expect.any(String) },
    ]);
  });

  it('puts new mail on top as the server pushes it', async () => {
    const { host, server } = await start();
    await loaded();
    const mail = server.add('inbox', { subject: 'Citation Issued', from: 'police@handset.mail' });
    const { body: _body, replyTo: _replyTo, ...summary } = mail;
    await act(() => host.push('mail.new', { ...summary, preview: 'Speeding' }));
    await vi.waitFor(() => expect(rows()[0]).toEqual({ who: 'police@handset.mail', subject: 'Citation Issued', unread: true }));
    expect(rows()).toHaveLength(3);
  });

  it('renders what players wrote as text', async () => {
    await start(mailServer({ inbox: [{ subject: '<img src=x onerror=alert(1)>', body: '<script>alert(1)</script>' }] }));
    await loaded();
    expect(rows()[0]!.subject).toBe('<img src=x onerror=alert(1)>');
    await openRow('<img src=x onerror=alert(1)>');
    await vi.waitFor(() => expect(screen!.querySelector('.mail-body')?.textContent).toBe('<script>alert(1)</script>'));
    expect(screen!.querySelector('img, script')).toBeNull();
  });

  it("shows the server's error, and loads again on Try again", async () => {
    const server = mailServer(SEEDS);
    const list = server.requests['mail.list']!;
    let fail = true;
    server.requests['mail.list'] = (payload) => {
      if (fail) throw new HandsetError('UNAVAILABLE', 'The mail server is down');
      return list(payload);
    };
    await start(server);
    await vi.waitFor(() => expect(alerts()).toEqual(['The mail server is down']));
    fail = false;
    await click('Try again');
    await loaded();
    expect(alerts()).toEqual([]);
  });

  it('follows the phone’s theme', async () => {
    const { host } = await start(mailServer(SEEDS), { settings: { theme: 'dark' } });
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await act(() => host.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(document.documentElement.dataset['theme']).toBe('light'));
  });

  it("speaks the player's language and follows a change live: the folder, its tabs and the compose button", async () => {
    const { host } = await start(mailServer(SEEDS), { settings: { locale: 'es-ES' } });
    await loaded();
    const texts = () => [document.querySelector('h1')?.textContent, ...[...document.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent), document.querySelector('.icon-button')?.getAttribute('aria-label')];
    expect(texts()).toEqual(['Recibidos', 'Recibidos', 'Enviados', 'Redactar']);
    await act(() => host.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(texts()).toEqual(['Posteingang', 'Posteingang', 'Gesendet', 'Verfassen']));
  });
});

describe('a mail', () => {
  it('opens, marked read, with who, when and the body; Back shows the list without its dot', async () => {
    await start();
    await loaded();
    await openRow('Paycheck');
    await vi.waitFor(() => expect(screen!.querySelector('.mail-title')?.textContent).toBe('Paycheck'));
    expect(screen!.querySelector('.mail-meta')!.textContent).toContain('Fromemployer@handset.mail');
    expect(screen!.querySelector('.mail-body')!.textContent).toBe('Paycheck body');
    expect(requests('mail.get')).toEqual([{ id: 1 }]);
    await click('Inbox');
    expect(rows()[1]).toEqual({ who: 'employer@handset.mail', subject: 'Paycheck', unread: false });
  });

  it('is marked unread again', async () => {
    await start();
    await loaded();
    await openRow('Lunch?');
    await vi.waitFor(() => expect(findButton('Mark as unread')).toBeDefined());
    await click('Mark as unread');
    await vi.waitFor(() => expect(rows()[0]).toEqual({ who: 'bob@handset.mail', subject: 'Lunch?', unread: true }));
    expect(requests('mail.setRead')).toEqual([{ id: 2, read: false }]);
  });

  it('is deleted only once the player confirms', async () => {
    let answer = false;
    const { host } = await start(mailServer(SEEDS), { confirm: () => answer });
    await loaded();
    await openRow('Lunch?');
    await vi.waitFor(() => expect(findButton('Delete')).toBeDefined());
    await click('Delete');
    await vi.waitFor(() => expect(host.calls.some((call) => call.method === 'dialog.confirm')).toBe(true));
    expect(host.calls.find((call) => call.method === 'dialog.confirm')!.input).toMatchObject({ destructive: true });
    expect(requests('mail.delete')).toEqual([]);

    answer = true;
    await click('Delete');
    await vi.waitFor(() => expect(rows()).toEqual([{ who: 'employer@handset.mail', subject: 'Paycheck', unread: true }]));
    expect(requests('mail.delete')).toEqual([{ id: 2 }]);
  });

  it('blocks its sender once the player confirms, and unblocks them again', async () => {
    let answer = false;
    const { host } = await start(mailServer(SEEDS), { confirm: () => answer });
    await loaded();
    await openRow('Paycheck');
    await vi.waitFor(() => expect(findButton('Block sender')).toBeDefined());
    await click('Block sender');
    await vi.waitFor(() => expect(host.calls.some((call) => call.method === 'dialog.confirm')).toBe(true));
    expect(host.calls.find((call) => call.method === 'dialog.confirm')!.input).toMatchObject({
      title: 'Block Sender?',
      message: 'Mail from employer@handset.mail will no longer reach you.',
      destructive: true,
    });
    expect(requests('mail.block')).toEqual([]);

    answer = true;
    await click('Block sender');
    await vi.waitFor(() => expect(findButton('Unblock sender')).toBeDefined());
    expect(requests('mail.block')).toEqual([{ address: 'employer@handset.mail' }]);
    await click('Unblock sender');
    await vi.waitFor(() => expect(findButton('Block sender')).toBeDefined());
    expect(requests('mail.unblock')).toEqual([{ address: 'employer@handset.mail' }]);
  });

  it('shows a sender blocked before as blocked, and offers no block on Sent mail', async () => {
    const server = mailServer(SEEDS);
    server.requests['mail.block']!({ address: 'bob@handset.mail' });
    await start(server);
    await loaded();
    await openRow('Lunch?');
    await vi.waitFor(() => expect(findButton('Unblock sender')).toBeDefined());
    await click('Inbox');
    await click('Sent');
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await openRow('Hello Bob');
    await vi.waitFor(() => expect(findButton('Reply')).toBeDefined());
    expect(findButton('Block sender')).toBeUndefined();
    expect(findButton('Unblock sender')).toBeUndefined();
  });

  it('is answered with Reply: to its sender, "Re:" once, as a reply to it, quoting the original under the text', async () => {
    const { server } = await start();
    const original = server.mails.find((mail) => mail.subject === 'Lunch?')!;
    original.body = 'Noon?\n\nAt the pier';
    await loaded();
    await openRow('Lunch?');
    await vi.waitFor(() => expect(findButton('Reply')).toBeDefined());
    await click('Reply');
    expect(field('To').value).toBe('bob@handset.mail');
    expect(field('Subject').value).toBe('Re: Lunch?');
    const when = new Date(original.createdAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
    const quote = `On ${when}, bob@handset.mail wrote:\n> Noon?\n>\n> At the pier`;
    expect(screen!.querySelector('[aria-label="Quoted mail"]')!.textContent).toBe(quote);
    // The quote is not the player's text: Send waits for some.
    expect(findButton('Send')!.disabled).toBe(true);
    await type('Body', 'Sure, noon.');
    await click('Send');
    await vi.waitFor(() => expect(findButton('Compose')).toBeDefined());
    expect(requests('mail.send')).toEqual([{ clientId: expect.any(String), to: 'bob@handset.mail', subject: 'Re: Lunch?', body: `Sure, noon.\n\n${quote}`, replyTo: 2 }]);
  });

  it('says so when it was deleted elsewhere, and leaves the list', async () => {
    const { server } = await start();
    await loaded();
    server.mails.splice(server.mails.findIndex((mail) => mail.subject === 'Lunch?'), 1);
    await openRow('Lunch?');
    await vi.waitFor(() => expect(alerts()).toEqual(['no mail 2']));
    await click('Inbox');
    expect(rows()).toEqual([{ who: 'employer@handset.mail', subject: 'Paycheck', unread: true }]);
  });

  it('steps back on Escape, and leaves Escape on the mailbox to the phone', async () => {
    await start();
    await loaded();
    await openRow('Lunch?');
    await act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })));
    expect(rows()).toHaveLength(2);
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(() => void document.body.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('compose', () => {
  it('sends once To and Body are filled, and the mail shows in Sent', async () => {
    await start();
    await loaded();
    await click('Compose');
    expect(button('Send').disabled).toBe(true);
    await type('To', ' bob@handset.mail ');
    await type('Subject', 'Dinner');
    expect(button('Send').disabled).toBe(true);
    await type('Body', 'At eight?');
    await click('Send');
    await vi.waitFor(() => expect(findButton('Compose')).toBeDefined());
    expect(requests('mail.send')).toEqual([{ clientId: expect.any(String), to: 'bob@handset.mail', subject: 'Dinner', body: 'At eight?' }]);
    await click('Sent');
    await vi.waitFor(() => expect(rows()[0]).toEqual({ who: 'To: bob@handset.mail', subject: 'Dinner', unread: false }));
  });

  it('suggests the player’s contacts that have an address as they type a name, and fills To: with the one picked', async () => {
    await start(mailServer(SEEDS), {
      grants: ['contacts:read'],
      contacts: [
        { name: 'Lamar Davis', number: '555-0142' },
        { name: 'Lamarr Jones', number: '555-0150' },
      ],
    });
    await loaded();
    await click('Compose');
    await type('To', 'lam');
    const suggested = () => [...screen!.querySelectorAll('[aria-label="Suggested contacts"] button')].map((row) => row.getAttribute('aria-label'));
    // Lamarr has no address: only Lamar is offered.
    await vi.waitFor(() => expect(suggested()).toEqual(['Lamar Davis, lamar@handset.mail']));
    expect(requests('mail.addressesOf')).toEqual([{ numbers: ['555-0142', '555-0150'] }]);
    await click('Lamar Davis, lamar@handset.mail');
    expect(field('To').value).toBe('lamar@handset.mail');
    expect(suggested()).toEqual([]);
    await type('Body', 'Yo');
    await click('Send');
    await vi.waitFor(() => expect(requests('mail.send')).toEqual([{ clientId: expect.any(String), to: 'lamar@handset.mail', subject: '', body: 'Yo' }]));
  });

  it('shows a refusal and retries the same mail with the same client id', async () => {
    const server = mailServer(SEEDS);
    const send = server.requests['mail.send']!;
    let fail = true;
    server.requests['mail.send'] = (payload) => {
      if (fail) throw new HandsetError('TIMEOUT', 'The phone did not answer in time');
      return send(payload);
    };
    await start(server);
    await loaded();
    await click('Compose');
    await type('To', 'bob@handset.mail');
    await type('Body', 'Hello?');
    await click('Send');
    await vi.waitFor(() => expect(alerts()).toEqual(['The phone did not answer in time']));
    fail = false;
    await click('Send');
    await vi.waitFor(() => expect(findButton('Compose')).toBeDefined());
    const [first, second] = requests('mail.send') as { clientId: string }[];
    expect(second!.clientId).toBe(first!.clientId);

    await click('Compose');
    await type('To', 'nobody@elsewhere.com');
    await type('Body', 'Hello?');
    await click('Send');
    await vi.waitFor(() => expect(alerts()).toEqual(['no one has the address nobody@elsewhere.com']));
    expect((requests('mail.send') as { clientId: string }[])[2]!.clientId).not.toBe(first!.clientId);
  });
});
