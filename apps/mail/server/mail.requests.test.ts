import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openSqlite, type HandsetSimulation } from '../../../tests/support/handset';
import { eventually } from '../../../tests/support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Page = Parameters<typeof nui>[0] & { messages: unknown[] };
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Summary = { id: number; folder: string; from: string; to: string; subject: string; preview: string; read: boolean; createdAt: number };

/** The mail page's `request(action, payload)`, as the shell sends it for the player. */
const mail = (page: Page) => (action: string, payload: unknown) => nui(page, 'request', { appId: 'mail', action, payload }) as Promise<Answer>;

async function data<T = Record<string, unknown>>(answer: Promise<Answer>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`expected success, got ${JSON.stringify(settled.error)}`);
  return settled.data as T;
}

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** What the mail page was pushed, in order. */
const pushed = (page: Page) =>
  page.messages
    .filter((message) => (message as { type?: string; appId?: string }).type === 'app:message' && (message as { appId: string }).appId === 'mail')
    .map((message) => {
      const { messageType, data: pushedData } = message as { messageType: string; data: unknown };
      return { type: messageType, data: pushedData };
    });

const notifications = (page: Page) =>
  page.messages.filter((message) => (message as { type?: string }).type === 'notification').map((message) => (message as { notification: unknown }).notification);

/** A player with a phone and a claimed address; `license` makes the same character come back after a drop. */
async function withAddress(simulation: HandsetSimulation, name: string, license?: string) {
  const player = await connectWithPhone(simulation, license ? { identifiers: [license] } : {});
  const request = mail(player.page as Page);
  const address = await data(request('mail.claim', { name }));
  return { ...player, page: player.page as Page, request, address: address.address as string };
}

const inbox = async (request: ReturnType<typeof mail>) => data<{ mails: Summary[]; cursor: string | null }>(request('mail.list', { folder: 'inbox' }));

onEachDatabase((open) => {
  it("sends without oxmysql's startTransaction warning: a mail's copies are one batch", async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await withAddress(simulation, 'ann');
    const b = await withAddress(simulation, 'bob');
    const warned = () => simulation.logs.filter((entry) => /startTransaction|unable to complete a transaction/.test(entry.text)).length;
    const before = warned();
    const sent = await data<{ id: number; subject: string }>(a.request('mail.send', { clientId: 'a-1', to: b.address, subject: 'Hi', body: 'One.' }));
    const again = await data<{ id: number; subject: string }>(a.request('mail.send', { clientId: 'a-1', to: b.address, subject: 'Hi', body: 'One.' }));
    expect(again).toEqual(sent);
    const { mails } = await inbox(b.request);
    expect(mails.map((summary) => summary.subject)).toEqual(['Hi']);
    expect(mails[0]!.id).not.toBe(sent.id);
    expect(warned()).toBe(before);
  });

  it('lets two players claim addresses, send, list, read and delete mail, with exact refusals', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:mail:domain': 'celltowa.com' } });
    const a = await connectWithPhone(simulation);
    const asA = mail(a.page as Page);

    await expect(asA('mail.address', {})).resolves.toEqual({ ok: true, data: null });
    await expect(asA('mail.list', { folder: 'inbox' })).resolves.toEqual({ ok: true, data: { mails: [], cursor: null } });
    await expect(asA('mail.send', { clientId: 'early', to: 'x@celltowa.com', body: 'Hi' })).resolves.toEqual(refused('FORBIDDEN', 'claim a mail address before sending mail'));
    await expect(asA('mail.claim', { name: 'j' })).resolves.toEqual(refused('INVALID_INPUT', 'an address name is 3-24 characters: a-z, 0-9, dot, underscore or hyphen'));
    await expect(asA('mail.claim', { name: 'Ann.Lee' })).resolves.toEqual({
      ok: true,
      data: { name: 'ann.lee', address: 'ann.lee@celltowa.com', canChange: true, nextChangeAt: null },
    });
    const b = await withAddress(simulation, 'bob');
    await expect(b.request('mail.claim', { name: 'ANN.LEE' })).resolves.toEqual(refused('ALREADY_EXISTS', 'ann.lee@celltowa.com is taken'));
    await nui(b.page, 'appState', { appId: 'mail', open: true });

    const sent = await data(asA('mail.send', { clientId: 'c-1', to: 'Bob@CellTowa.com', subject: 'Lunch?', body: 'Noon at the pier.' }));
    expect(sent).toEqual({
      id: expect.any(Number),
      folder: 'sent',
      from: 'ann.lee@celltowa.com',
      to: 'bob@celltowa.com',
      subject: 'Lunch?',
      body: 'Noon at the pier.',
      read: true,
      replyTo: null,
      createdAt: expect.any(Number),
    });
    const received = { id: expect.any(Number), folder: 'inbox', from: 'ann.lee@celltowa.com', to: 'bob@celltowa.com', subject: 'Lunch?', preview: 'Noon at the pier.', read: false, createdAt: sent.createdAt };
    // B's open page hears of it, and B's phone shows a notification under Mail.
    await eventually(() => expect(pushed(b.page)).toEqual([{ type: 'mail.new', data: received }]));
    await eventually(() => expect(notifications(b.page)).toContainEqual(expect.objectContaining({ appId: 'mail', title: 'ann.lee@celltowa.com', body: 'Lunch?' })));
    await expect(inbox(b.request)).resolves.toEqual({ mails: [received], cursor: null });
    await expect(data(asA('mail.list', { folder: 'sent' }))).resolves.toEqual({ mails: [{ ...received, id: sent.id, folder: 'sent', read: true }], cursor: null });

    const [inBobs] = (await inbox(b.request)).mails;
    await expect(data(b.request('mail.get', { id: inBobs!.id }))).resolves.toEqual({ ...sent, id: inBobs!.id, folder: 'inbox', read: true });
    await expect(inbox(b.request)).resolves.toMatchObject({ mails: [{ read: true }] });
    await expect(data(b.request('mail.setRead', { id: inBobs!.id, read: false }))).resolves.toMatchObject({ read: false });
    await expect(inbox(b.request)).resolves.toMatchObject({ mails: [{ read: false }] });

    const reply = await data(b.request('mail.send', { clientId: 'r-1', to: 'ann.lee@celltowa.com', subject: 'Re: Lunch?', body: 'See you.', replyTo: inBobs!.id }));
    expect(reply).toMatchObject({ from: 'bob@celltowa.com', to: 'ann.lee@celltowa.com', replyTo: inBobs!.id });
    await expect(inbox(asA)).resolves.toMatchObject({ mails: [{ from: 'bob@celltowa.com', subject: 'Re: Lunch?', read: false }] });

    await expect(asA('mail.send', { clientId: 'c-2', to: 'nobody@celltowa.com', body: 'Hello?' })).resolves.toEqual(refused('NOT_FOUND', 'no one has the address nobody@celltowa.com'));
    await expect(asA('mail.send', { clientId: 'c-2', to: 'bob@', body: 'Hello?' })).resolves.toEqual(
      refused('INVALID_INPUT', 'to must be a mail address such as name@domain, or a name on this server'),
    );
    await expect(asA('mail.send', { clientId: 'c-2', to: 'bob@celltowa.com', body: '   ' })).resolves.toEqual(refused('INVALID_INPUT', 'body must be 1-5000 characters'));
    await expect(asA('mail.send', { clientId: 'c-2', to: 'bob@celltowa.com', subject: 'x'.repeat(121), body: 'Hi' })).resolves.toEqual(
      refused('INVALID_INPUT', 'subject must be at most 120 characters'),
    );
    await expect(asA('mail.list', { folder: 'drafts' })).resolves.toEqual(refused('INVALID_INPUT', 'folder must be inbox or sent'));

    await expect(b.request('mail.delete', { id: inBobs!.id })).resolves.toEqual({ ok: true, data: null });
    await expect(b.request('mail.delete', { id: inBobs!.id })).resolves.toEqual(refused('NOT_FOUND', `no mail ${inBobs!.id}`));
    await expect(inbox(b.request)).resolves.toEqual({ mails: [], cursor: null });
    // A's copy is A's: B deleting theirs leaves it.
    await expect(data(asA('mail.get', { id: sent.id }))).resolves.toEqual(sent);
    await expect(asA('mail.archive', {})).resolves.toEqual(refused('NOT_FOUND', 'app "mail" has no action "mail.archive"'));
    expect(simulation.errors).toEqual([]);
  });

  it('keeps each mailbox to its owner: another player cannot read, mark or delete it by id, nor send as another address', async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await withAddress(simulation, 'ann');
    const b = await withAddress(simulation, 'bob');
    const c = await withAddress(simulation, 'cat');

    const sent = await data(a.request('mail.send', { clientId: 'shared', to: 'bob@handset.mail', subject: 'Private', body: 'For Bob only' }));
    const [bobs] = (await inbox(b.request)).mails;
    const before = { a: await data(a.request('mail.list', { folder: 'sent' })), b: await inbox(b.request) };

    for (const id of [sent.id as number, bobs!.id]) {
      const notFound = refused('NOT_FOUND', `no mail ${id}`);
      await expect(c.request('mail.get', { id })).resolves.toEqual(notFound);
      await expect(c.request('mail.setRead', { id, read: true })).resolves.toEqual(notFound);
      await expect(c.request('mail.delete', { id })).resolves.toEqual(notFound);
      // The payload names no owner: extra fields are ignored, the caller is who the net event says.
      await expect(c.request('mail.delete', { id, phoneId: 1, source: a.player.id })).resolves.toEqual(notFound);
    }
    await expect(c.request('mail.send', { clientId: 'x', to: 'bob@handset.mail', body: 'Hi', replyTo: bobs!.id })).resolves.toEqual(refused('NOT_FOUND', `no mail ${bobs!.id}`));
    await expect(inbox(c.request)).resolves.toEqual({ mails: [], cursor: null });

    // A `from` in the payload is ignored: C's mail is from C's address. C's send with A's client id is C's own.
    const spoof = await data(c.request('mail.send', { clientId: 'shared', to: 'bob@handset.mail', from: 'ann@handset.mail', subject: 'From Ann', body: 'Trust me' }));
    expect(spoof).toMatchObject({ from: 'cat@handset.mail', to: 'bob@handset.mail' });
    expect(spoof.id).not.toBe(sent.id);
    await expect(inbox(b.request)).resolves.toMatchObject({ mails: [{ from: 'cat@handset.mail' }, { from: 'ann@handset.mail' }] });

    await expect(data(a.request('mail.list', { folder: 'sent' }))).resolves.toEqual(before.a);
    await expect(data(b.request('mail.get', { id: bobs!.id }))).resolves.toMatchObject({ body: 'For Bob only' });
    expect(simulation.errors).toEqual([]);
  });

  it('takes a bare name as that name on the server, tells the domain, and finds the addresses of numbers for suggestions', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:mail:domain': 'celltowa.com' } });
    const a = await withAddress(simulation, 'ann');
    const b = await withAddress(simulation, 'bob');
    const c = await connectWithPhone(simulation);
    const asC = mail(c.page as Page);

    await expect(asC('mail.domain', {})).resolves.toEqual({ ok: true, data: { domain: 'celltowa.com' } });
    await expect(data(a.request('mail.send', { clientId: 'bare', to: ' Bob ', body: 'Hi Bob' }))).resolves.toMatchObject({ to: 'bob@celltowa.com' });
    await expect(inbox(b.request)).resolves.toMatchObject({ mails: [{ from: 'ann@celltowa.com', to: 'bob@celltowa.com' }] });
    await expect(a.request('mail.send', { clientId: 'nobody', to: 'nobody', body: 'Hi' })).resolves.toEqual(refused('NOT_FOUND', 'no one has the address nobody@celltowa.com'));
    await expect(a.request('mail.send', { clientId: 'two', to: 'two words', body: 'Hi' })).resolves.toEqual(
      refused('INVALID_INPUT', 'to must be a mail address such as name@domain, or a name on this server'),
    );
    await expect(data(b.request('mail.block', { address: 'ANN' }))).resolves.toEqual(['ann@celltowa.com']);
    await expect(data(b.request('mail.unblock', { address: 'ann' }))).resolves.toEqual([]);

    // C has no address: left out, as is a number no one has; the numbers come back as asked.
    await expect(data(asC('mail.addressesOf', { numbers: [b.number, c.number, '555-000-0000', a.number.replace(/\D/g, '')] }))).resolves.toEqual([
      { number: b.number, address: 'bob@celltowa.com' },
      { number: a.number.replace(/\D/g, ''), address: 'ann@celltowa.com' },
    ]);
    await expect(asC('mail.addressesOf', { numbers: [] })).resolves.toEqual(refused('INVALID_INPUT', 'numbers must be 1-5 phone numbers'));
    await expect(asC('mail.addressesOf', { numbers: ['1', '2', '3', '4', '5', '6'] })).resolves.toEqual(refused('INVALID_INPUT', 'numbers must be 1-5 phone numbers'));
    expect(simulation.errors).toEqual([]);
  });

  it('delivers to an offline character, who finds it at next load; a retried send adds nothing', async () => {
    const simulation = await startHandset({ database: await open() });
    const b = await withAddress(simulation, 'bob', 'license:mail-bob');
    await simulation.sim.dropPlayer(b.player.id);
    const a = await withAddress(simulation, 'ann');

    const payload = { clientId: 'once', to: 'bob@handset.mail', subject: 'While you were out', body: 'Call me back.' };
    const first = await data(a.request('mail.send', payload));
    // The answer was lost; the page sends the same mail again, and again with other text (the id decides).
    await expect(data(a.request('mail.send', payload))).resolves.toEqual(first);
    await expect(data(a.request('mail.send', { ...payload, body: 'Edited' }))).resolves.toEqual(first);
    await expect(data(a.request('mail.list', { folder: 'sent' }))).resolves.toMatchObject({ mails: [{ id: first.id }] });

    const back = await connectWithPhone(simulation, { identifiers: ['license:mail-bob'] });
    const asB = mail(back.page as Page);
    await expect(data(asB('mail.address', {}))).resolves.toMatchObject({ address: 'bob@handset.mail' });
    await expect(inbox(asB)).resolves.toEqual({
      mails: [{ id: expect.any(Number), folder: 'inbox', from: 'ann@handset.mail', to: 'bob@handset.mail', subject: 'While you were out', preview: 'Call me back.', read: false, createdAt: first.createdAt }],
      cursor: null,
    });
    expect(simulation.errors).toEqual([]);
  });
});

it('keeps a harasser out: a blocked number’s or address’s mail is refused, a flood is one notification, a full mailbox and a fast sender are refused', async () => {
  const simulation = await startHandset({
    database: await openSqlite(),
    convars: { 'handset:mail:max_mailbox': '5', 'handset:mail:per_recipient_per_minute': '4' },
  });
  const [a, b, c] = [await withAddress(simulation, 'ann'), await withAddress(simulation, 'bob'), await withAddress(simulation, 'cid')];
  await nui(b.page, 'appState', { appId: 'mail', open: true });
  const send = (from: typeof a, clientId: string, to = 'bob@handset.mail') => from.request('mail.send', { clientId, to, subject: clientId, body: 'hi' });

  // Four from Ann: Bob is notified of the first only, while it is unread; the fifth is past the per-recipient limit.
  for (let n = 0; n < 4; n++) await data(send(a, `a-${n}`));
  await expect(send(a, 'a-4')).resolves.toEqual(refused('RATE_LIMITED', 'too many mails to bob@handset.mail: at most 4 a minute'));
  await eventually(() => expect(pushed(b.page).filter((push) => push.type === 'mail.new')).toHaveLength(4));
  await eventually(() => expect(notifications(b.page)).toHaveLength(1));
  expect(notifications(b.page)).toEqual([expect.objectContaining({ appId: 'mail', title: 'ann@handset.mail', body: 'a-0' })]);

  // Bob blocks Ann's address from the page: her mail is refused and nothing is stored.
  await expect(b.request('mail.block', { address: ' Ann@Handset.mail ' })).resolves.toEqual({ ok: true, data: ['ann@handset.mail'] });
  await expect(b.request('mail.blocks', {})).resolves.toEqual({ ok: true, data: ['ann@handset.mail'] });
  await expect(send(a, 'a-5')).resolves.toEqual(refused('FORBIDDEN', 'this address does not take your mail'));
  await expect(a.request('mail.list', { folder: 'sent' })).resolves.toMatchObject({ ok: true, data: { mails: { length: 4 } } });

  // Bob blocks Cid's number in Contacts: Cid's mail is refused too, whatever the address.
  const contact = await data<{ id: number }>(nui(b.page, 'request', { appId: 'contacts', action: 'contacts.add', payload: { requestId: 'c', number: c.number, firstName: 'Cid' } }) as Promise<Answer>);
  await data(nui(b.page, 'request', { appId: 'contacts', action: 'contacts.setBlocked', payload: { id: contact.id, blocked: true } }) as Promise<Answer>);
  await expect(send(c, 'c-1')).resolves.toEqual(refused('FORBIDDEN', 'this address does not take your mail'));
  await expect(send(b, 'b-1', 'cid@handset.mail')).resolves.toMatchObject({ ok: true });

  await expect(b.request('mail.unblock', { address: 'ann@handset.mail' })).resolves.toEqual({ ok: true, data: [] });
  await expect(b.request('mail.unblock', { address: 'ann@handset.mail' })).resolves.toEqual(refused('NOT_FOUND', 'ann@handset.mail is not blocked'));

  // Dan's mail fills Bob's mailbox (5): the next is refused to Dan, and none of Bob's mail is deleted.
  const d = await withAddress(simulation, 'dan');
  await data(send(d, 'd-1'));
  await expect(send(d, 'd-2')).resolves.toEqual(refused('QUOTA_EXCEEDED', 'the mailbox of bob@handset.mail is full: it holds at most 5 mails'));
  const inboxOfBob = async () => (await data<{ mails: Summary[] }>(b.request('mail.list', { folder: 'inbox', limit: 50 }))).mails.map((mail) => mail.subject);
  await expect(inboxOfBob()).resolves.toEqual(['d-1', 'a-3', 'a-2', 'a-1', 'a-0']);
  expect(simulation.errors).toEqual([]);
});

it('pages a folder with its cursor and keeps address changes to the server owner’s rules', async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: { 'handset:mail:change_days': '30' } });
  const a = await withAddress(simulation, 'ann');
  const b = await withAddress(simulation, 'bob');
  for (let index = 0; index < 5; index += 1) await data(a.request('mail.send', { clientId: `c-${index}`, to: b.address, subject: `Mail ${index}`, body: 'Hi' }));

  const first = await data<{ mails: Summary[]; cursor: string }>(b.request('mail.list', { folder: 'inbox', limit: 3 }));
  expect(first.mails.map((summary) => summary.subject)).toEqual(['Mail 4', 'Mail 3', 'Mail 2']);
  const second = await data<{ mails: Summary[]; cursor: string | null }>(b.request('mail.list', { folder: 'inbox', limit: 3, cursor: first.cursor }));
  expect(second).toMatchObject({ mails: [{ subject: 'Mail 1' }, { subject: 'Mail 0' }], cursor: null });
  await expect(b.request('mail.list', { folder: 'inbox', cursor: 'abc' })).resolves.toEqual(refused('INVALID_INPUT', 'cursor must be one a previous mail.list answered'));

  const changed = await data(a.request('mail.claim', { name: 'annie' }));
  expect(changed).toEqual({ name: 'annie', address: 'annie@handset.mail', canChange: false, nextChangeAt: expect.any(Number) });
  await expect(a.request('mail.claim', { name: 'ann2' })).resolves.toEqual(refused('FORBIDDEN', 'a mail address can change once every 30 days: try again in 30 days'));
  // The old address is released at once: mail to it finds nobody, and another character may take it.
  await expect(b.request('mail.send', { clientId: 'old', to: 'ann@handset.mail', body: 'Hi' })).resolves.toEqual(refused('NOT_FOUND', 'no one has the address ann@handset.mail'));
  await expect(data(mail(((await connectWithPhone(simulation)).page) as Page)('mail.claim', { name: 'ann' }))).resolves.toMatchObject({ address: 'ann@handset.mail' });
  expect(simulation.errors).toEqual([]);
});

it('refuses every change of address when the server owner does not allow them', async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: { 'handset:mail:allow_change': 'false' } });
  const a = await withAddress(simulation, 'ann');
  await expect(data(a.request('mail.address', {}))).resolves.toEqual({ name: 'ann', address: 'ann@handset.mail', canChange: false, nextChangeAt: null });
  await expect(a.request('mail.claim', { name: 'annie' })).resolves.toEqual(refused('FORBIDDEN', 'this server does not allow changing a mail address'));
  expect(simulation.errors).toEqual([]);
});
