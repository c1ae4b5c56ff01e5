import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, type HandsetSimulation } from '../../../tests/support/handset';
import { eventually } from '../../../tests/support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Page = Parameters<typeof nui>[0] & { messages: unknown[] };
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Message = { id: number; threadId: string; clientId: string; senderNumber: string; senderName: string | null; mine: boolean; body: string; [field: string]: unknown };
type Thread = { id: string; title: string; unread: number; readBy: { number: string; messageId: number }[]; lastMessage: { id: number } | null; [field: string]: unknown };

/** The messages page's `request(action, payload)`, as the shell sends it for the player. */
const messages = (page: Page) => (action: string, payload: unknown) => nui(page, 'request', { appId: 'messages', action, payload }) as Promise<Answer>;
const contacts = (page: Page) => (action: string, payload: unknown) => nui(page, 'request', { appId: 'contacts', action, payload }) as Promise<Answer>;

async function data<T = Message>(answer: Promise<Answer>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`expected success, got ${JSON.stringify(settled.error)}`);
  return settled.data as T;
}

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });
const digits = (number: string) => number.replace(/\D/g, '');
const text = (body: string) => ({ kind: 'text', body });

/** What the messages page was pushed, of one type. */
const pushed = <T = Message>(page: Page, type: string) =>
  page.messages
    .filter((message) => {
      const push = message as { type?: string; appId?: string; messageType?: string };
      return push.type === 'app:message' && push.appId === 'messages' && push.messageType === type;
    })
    .map((message) => (message as { data: T }).data);

/** The notifications the player's phone showed. */
const notified = (page: Page) =>
  page.messages
    .filter((message) => (message as { type?: string }).type === 'notification')
    .map((message) => {
      const { title, body, appId } = (message as { notification: { title: string; body: string; appId: string } }).notification;
      return { appId, title, body };
    });

/** Three players with phones, each with the messages app open. */
async function threePlayers(simulation: HandsetSimulation) {
  const player = async () => {
    const connected = await connectWithPhone(simulation);
    const page = connected.page as unknown as Page;
    await nui(page, 'appState', { appId: 'messages', open: true });
    return { ...connected, page, ask: messages(page) };
  };
  return [await player(), await player(), await player()] as const;
}

const unreadOf = async (ask: ReturnType<typeof messages>) =>
  Object.fromEntries((await data<{ threads: Thread[] }>(ask('threads.list', {}))).threads.map((thread) => [thread.id, thread.unread]));

onEachDatabase((open) => {
  it("sends and delivers without oxmysql's startTransaction warning: a message is one batch", async () => {
    const simulation = await startHandset({ database: await open() });
    const [a, b] = await threePlayers(simulation);
    // Starting on SQLite runs its migrations in transactions: only what the sends print counts.
    const warned = () => simulation.logs.filter((entry) => /startTransaction|unable to complete a transaction/.test(entry.text)).length;
    const before = warned();
    const first = await data(a.ask('messages.send', { clientId: 'a-1', to: b.number, ...text('one') }));
    await data(a.ask('messages.send', { clientId: 'a-2', threadId: first.threadId, ...text('two') }));
    const reply = await data(b.ask('messages.send', { clientId: 'b-1', threadId: first.threadId, ...text('three') }));
    expect(reply.id).toBeGreaterThan(first.id);
    await eventually(() => expect(notified(b.page).map((notification) => notification.body)).toEqual(['one', 'two']));
    expect(warned()).toBe(before);
    expect((await data<{ messages: Message[] }>(b.ask('messages.list', { threadId: first.threadId }))).messages.map((message) => message.body)).toEqual([
      'three',
      'two',
      'one',
    ]);
  });

  it('keeps a 1:1 exchange in one thread and a group of three exact per member; a retry adds nothing; a restart loses nothing', async () => {
    const simulation = await startHandset({ database: await open() });
    const [a, b, c] = await threePlayers(simulation);
    // B saved A as "Ann": B's page and notifications name A so; the others show the number.
    await data(contacts(b.page)('contacts.add', { requestId: 'ann', number: a.number, firstName: 'Ann' }));

    const direct = await data<{ threadId: string }>(a.ask('threads.direct', { number: b.number }));
    const hello = await data(a.ask('messages.send', { clientId: 'a-1', to: b.number, ...text('hi Bea') }));
    expect(hello).toEqual({
      id: expect.any(Number),
      threadId: direct.threadId,
      clientId: 'a-1',
      senderNumber: digits(a.number),
      senderName: null,
      mine: true,
      kind: 'text',
      body: 'hi Bea',
      attachment: null,
      sentAt: expect.any(Number),
    });
    await expect(a.ask('messages.send', { clientId: 'a-1', to: b.number, ...text('hi Bea') })).resolves.toEqual({ ok: true, data: hello });
    await eventually(() => expect(pushed(b.page, 'message.new')).toEqual([{ ...hello, senderName: 'Ann', mine: false }]));
    await eventually(() => expect(notified(b.page)).toEqual([{ appId: 'messages', title: 'Ann', body: 'hi Bea' }]));
    // B opens the thread (it is marked read as it opens) and answers from it: the same thread, both ways.
    const opened = await data<{ messages: Message[] }>(b.ask('messages.list', { threadId: direct.threadId }));
    expect(opened).toEqual({ messages: [{ ...hello, senderName: 'Ann', mine: false }], before: null });
    await expect(b.ask('threads.read', { threadId: direct.threadId, messageId: hello.id })).resolves.toEqual({ ok: true, data: null });
    await eventually(() => expect(pushed(a.page, 'thread.read')).toEqual([{ threadId: direct.threadId, number: digits(b.number), messageId: hello.id }]));
    const reply = await data(b.ask('messages.send', { clientId: 'b-1', threadId: direct.threadId, ...text('hey Ann') }));
    expect(reply.threadId).toBe(direct.threadId);
    await eventually(() => expect(pushed(a.page, 'message.new')).toEqual([{ ...reply, mine: false }]));
    // A's page shows no thread yet (it never listed messages): A is notified, with B's number as the title.
    await eventually(() => expect(notified(a.page)).toEqual([{ appId: 'messages', title: b.number, body: 'hey Ann' }]));

    // A group of three: each member's unread count and read pointer are their own.
    const group = await data<Thread>(a.ask('groups.create', { name: 'Crew', members: [b.number, c.number] }));
    expect(group).toMatchObject({ kind: 'group', title: 'Crew', admin: true, unread: 0, lastMessage: null });
    const g1 = await data(a.ask('messages.send', { clientId: 'a-g1', threadId: group.id, ...text('one') }));
    const g2 = await data(b.ask('messages.send', { clientId: 'b-g1', threadId: group.id, ...text('two') }));
    const g3 = await data(c.ask('messages.send', { clientId: 'c-g1', threadId: group.id, ...text('three') }));
    expect(g1.id < g2.id && g2.id < g3.id).toBe(true);
    await expect(unreadOf(a.ask)).resolves.toEqual({ [group.id]: 2, [direct.threadId]: 1 });
    await expect(unreadOf(b.ask)).resolves.toEqual({ [group.id]: 1, [direct.threadId]: 0 });
    await expect(unreadOf(c.ask)).resolves.toEqual({ [group.id]: 0 });
    await data(a.ask('threads.read', { threadId: group.id, messageId: g2.id }));
    const ofA = await data<Thread>(a.ask('threads.get', { threadId: group.id }));
    expect(ofA).toMatchObject({ unread: 1, lastMessage: { id: g3.id, preview: 'three' } });
    expect(ofA.readBy).toEqual(
      [
        { number: digits(b.number), messageId: g2.id },
        { number: digits(c.number), messageId: g3.id },
      ].sort((x, y) => (x.number < y.number ? -1 : 1)),
    );
    // Newest activity first in every list; the group's messages newest first.
    const listOfA = await data<{ threads: Thread[]; cursor: string | null }>(a.ask('threads.list', { limit: 1 }));
    expect(listOfA.threads.map((thread) => thread.id)).toEqual([group.id]);
    const rest = await data<{ threads: Thread[]; cursor: string | null }>(a.ask('threads.list', { cursor: listOfA.cursor, limit: 1 }));
    expect(rest).toMatchObject({ threads: [{ id: direct.threadId }], cursor: null });
    const groupMessages = await data<{ messages: Message[] }>(c.ask('messages.list', { threadId: group.id }));
    expect(groupMessages.messages.map((message) => message.body)).toEqual(['three', 'two', 'one']);

    // A retried group send answers the same message and stores nothing.
    await expect(c.ask('messages.send', { clientId: 'c-g1', threadId: group.id, ...text('three') })).resolves.toEqual({ ok: true, data: g3 });
    await expect(unreadOf(a.ask)).resolves.toEqual({ [group.id]: 1, [direct.threadId]: 1 });

    // Every delivery is done: each recipient was notified of each message in a thread their page did not show; a
    // group's banner is titled with the group and names the sender as the recipient saved them (B saved A as Ann).
    await eventually(() => expect([a, b, c].map(({ page }) => notified(page).map((notice) => `${notice.title} | ${notice.body}`))).toEqual([
      [`${b.number} | hey Ann`, `Crew | ${b.number}: two`, `Crew | ${c.number}: three`],
      ['Ann | hi Bea', 'Crew | Ann: one', `Crew | ${c.number}: three`],
      [`Crew | ${a.number}: one`, `Crew | ${b.number}: two`],
    ]));

    // A restart of Handset: everything is still there, for each player, as it was.
    const before = await Promise.all([a, b, c].map(({ ask }) => data(ask('threads.list', {}))));
    const messagesBefore = await data(c.ask('messages.list', { threadId: group.id }));
    const started = () => simulation.printed('handset').filter((line) => /^Handset \S+ started$/.test(line)).length;
    await simulation.sim.restart('handset');
    await eventually(() => expect(started()).toBe(2), 10_000);
    const again = await Promise.all([a, b, c].map((player) => connectAgain(player)));
    await expect(Promise.all(again.map((ask) => data(ask('threads.list', {}))))).resolves.toEqual(before);
    const cAgain = again[2]!;
    await expect(data(cAgain('messages.list', { threadId: group.id }))).resolves.toEqual(messagesBefore);
    await expect(cAgain('messages.send', { clientId: 'c-g1', threadId: group.id, ...text('three') })).resolves.toEqual({ ok: true, data: g3 });
    expect(simulation.errors).toEqual([]);
  });

  it('refuses a blocked sender, in a message or a group (FORBIDDEN), bad input (INVALID_INPUT) and a flood (RATE_LIMITED), storing nothing', async () => {
    // One send a minute after the burst of ten, so that how long the burst takes to arrive does not matter.
    const convars = { 'handset:image_hosts': 'cdn.example.com', 'handset:messages:send_per_minute': '1' };
    const simulation = await startHandset({ database: await open(), convars });
    const [a, b, c] = await threePlayers(simulation);
    const added = await data<{ id: number }>(contacts(b.page)('contacts.add', { requestId: 'a', number: a.number, firstName: 'Ann' }));
    await data(contacts(b.page)('contacts.setBlocked', { id: added.id, blocked: true }));
    await expect(a.ask('messages.send', { clientId: 'x', to: b.number, ...text('let me talk') })).resolves.toEqual(
      refused('FORBIDDEN', 'this number does not take your messages'),
    );
    await expect(a.ask('messages.send', { clientId: 'x', to: '555 000 0000', ...text('anyone?') })).resolves.toEqual(
      refused('NOT_FOUND', 'no phone has the number 5550000000'),
    );
    for (const [payload, message] of [
      [{ clientId: 'y', to: c.number, ...text('   ') }, 'a text message cannot be empty'],
      [{ clientId: 'y', to: c.number, ...text('x'.repeat(1001)) }, 'a message is at most 1000 characters'],
      [{ clientId: 'y', to: c.number, kind: 'photo', attachment: { url: 'http://cdn.example.com/a.png' } }, 'a photo is an https URL of at most 500 characters'],
      [{ clientId: 'y', to: c.number, kind: 'location', attachment: { x: 'here', y: 2 } }, 'a location has numeric x and y'],
      [{ clientId: 'y', to: c.number, kind: 'contact', attachment: { name: 'Bob', number: 'call me' } }, 'a number is 3-15 digits, with optional spaces and ( ) + - .'],
      [{ clientId: 'y', to: c.number, kind: 'sticker', body: 'hi' }, 'kind must be text, photo, location or contact'],
      [{ clientId: '', to: c.number, ...text('hi') }, 'clientId must be 1-64 characters'],
      [{ clientId: 'y', ...text('to nobody') }, 'give either threadId or to'],
      [{ clientId: 'y', to: a.number, ...text('me') }, 'you cannot message your own number'],
    ] as const) {
      await expect(a.ask('messages.send', payload)).resolves.toEqual(refused('INVALID_INPUT', message));
    }
    await expect(a.ask('messages.send', { clientId: 'y', to: c.number, kind: 'photo', body: '', attachment: { url: 'https://elsewhere.example/a.png' } })).resolves.toEqual(
      refused('INVALID_INPUT', "the photo's host is not on this server's image list"),
    );
    // Nor can the blocked number put B in a group.
    await expect(a.ask('groups.create', { name: 'Fans', members: [c.number, b.number] })).resolves.toEqual(
      refused('FORBIDDEN', `${digits(b.number)} does not take your messages`),
    );
    await expect(data(a.ask('threads.list', {}))).resolves.toEqual({ threads: [], cursor: null });

    // Ten at once: a burst of twelve has two refused.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, n) => c.ask('messages.send', { clientId: `c-${n}`, to: a.number, ...text(`#${n}`) })));
    expect(burst.filter((answer) => answer.ok)).toHaveLength(10);
    expect(burst.filter((answer) => !answer.ok)).toEqual([refused('RATE_LIMITED', 'too many messages; slow down'), refused('RATE_LIMITED', 'too many messages; slow down')]);
    const { threads } = await data<{ threads: Thread[] }>(a.ask('threads.list', {}));
    expect(threads.map((thread) => thread.unread)).toEqual([10]);
    await eventually(() => expect(notified(a.page)).toHaveLength(10));
    expect(simulation.errors).toEqual([]);
  });

  it('holds the server owner’s caps: threads started an hour and groups a phone is in (QUOTA_EXCEEDED)', async () => {
    const convars = { 'handset:messages:max_new_threads_per_hour': '2', 'handset:messages:max_groups': '1' };
    const simulation = await startHandset({ database: await open(), convars });
    const [a, b, c] = await threePlayers(simulation);
    await data(a.ask('messages.send', { clientId: 'a-1', to: b.number, ...text('hi') }));
    const group = await data<Thread>(a.ask('groups.create', { name: 'Crew', members: [c.number] }));
    await expect(a.ask('messages.send', { clientId: 'a-2', to: c.number, ...text('hi') })).resolves.toEqual(
      refused('QUOTA_EXCEEDED', 'you can start at most 2 conversations an hour; try again later'),
    );
    await expect(b.ask('groups.create', { name: 'Other', members: [c.number] })).resolves.toEqual(
      refused('QUOTA_EXCEEDED', `${digits(c.number)} is already in the most groups a phone may be in (1)`),
    );
    await expect(a.ask('messages.send', { clientId: 'a-3', threadId: group.id, ...text('still fine') })).resolves.toMatchObject({ ok: true });
    expect(simulation.errors).toEqual([]);
  });

  it('deletes for the viewer only and lets only admins manage a group; the last admin leaving promotes the earliest member', async () => {
    const simulation = await startHandset({ database: await open() });
    const [a, b, c] = await threePlayers(simulation);
    const group = await data<Thread>(a.ask('groups.create', { name: 'Crew', members: [b.number] }));
    const oops = await data(b.ask('messages.send', { clientId: 'b-1', threadId: group.id, ...text('oops') }));
    await expect(a.ask('messages.delete', { messageId: oops.id })).resolves.toEqual({ ok: true, data: null });
    await eventually(() => expect(pushed(a.page, 'message.deleted')).toEqual([{ messageId: oops.id }]));
    await expect(data(a.ask('messages.list', { threadId: group.id }))).resolves.toEqual({ messages: [], before: null });
    await expect(data<Thread>(a.ask('threads.get', { threadId: group.id }))).resolves.toMatchObject({ unread: 0, lastMessage: null });
    await expect(data(b.ask('messages.list', { threadId: group.id }))).resolves.toEqual({ messages: [oops], before: null });

    const forbidden = refused('FORBIDDEN', 'only an admin of the group may do that');
    await expect(b.ask('groups.rename', { threadId: group.id, name: 'Mine' })).resolves.toEqual(forbidden);
    await expect(b.ask('groups.addMember', { threadId: group.id, number: c.number })).resolves.toEqual(forbidden);
    await expect(b.ask('groups.removeMember', { threadId: group.id, number: a.number })).resolves.toEqual(forbidden);
    await expect(a.ask('groups.rename', { threadId: group.id, name: 'Crew 2' })).resolves.toMatchObject({ ok: true, data: { title: 'Crew 2' } });
    await expect(a.ask('groups.addMember', { threadId: group.id, number: c.number })).resolves.toMatchObject({ ok: true, data: { members: [{}, {}] } });
    await eventually(() => expect(pushed<Thread>(c.page, 'thread.updated').map((thread) => thread.title)).toEqual(['Crew 2']));
    await expect(a.ask('groups.leave', { threadId: group.id })).resolves.toEqual({ ok: true, data: null });
    await expect(data<Thread>(b.ask('threads.get', { threadId: group.id }))).resolves.toMatchObject({ admin: true });
    await expect(data<Thread>(c.ask('threads.get', { threadId: group.id }))).resolves.toMatchObject({ admin: false });
    await expect(a.ask('messages.send', { clientId: 'a-back', threadId: group.id, ...text('let me back') })).resolves.toEqual(
      refused('FORBIDDEN', 'you are no longer in this group'),
    );
    await expect(b.ask('groups.removeMember', { threadId: group.id, number: c.number })).resolves.toMatchObject({ ok: true, data: { members: [] } });
    await expect(c.ask('threads.get', { threadId: group.id })).resolves.toEqual(refused('NOT_FOUND', `no thread ${group.id} of yours`));
    // The other members' pages heard of each change: B of the creation, its own message, the rename, the addition and
    // the leave; C of the last two.
    await eventually(() => expect(pushed(b.page, 'thread.updated')).toHaveLength(5));
    await eventually(() => expect(pushed(c.page, 'thread.updated')).toHaveLength(2));
    expect(simulation.errors).toEqual([]);
  });

  it('lets nobody read, list, send to, mark or manage a thread they are not in, nor post as someone else', async () => {
    const simulation = await startHandset({ database: await open() });
    const [a, b, c] = await threePlayers(simulation);
    const secret = await data(a.ask('messages.send', { clientId: 'a-1', to: b.number, ...text('just us') }));
    const group = await data<Thread>(a.ask('groups.create', { name: 'AB', members: [b.number] }));
    const listOfB = await data<{ threads: Thread[] }>(b.ask('threads.list', {}));

    for (const threadId of [secret.threadId, group.id]) {
      const notFound = refused('NOT_FOUND', `no thread ${threadId} of yours`);
      for (const [action, payload] of [
        ['threads.get', { threadId }],
        ['messages.list', { threadId }],
        ['messages.list', { threadId, before: secret.id + 1 }],
        ['threads.read', { threadId, messageId: secret.id }],
        ['threads.settings', { threadId, typing: false }],
        ['threads.typing', { threadId }],
        ['messages.send', { clientId: `c-${threadId}`, threadId, ...text('let me in') }],
        ['groups.rename', { threadId, name: 'Taken' }],
        ['groups.addMember', { threadId, number: c.number }],
        ['groups.removeMember', { threadId, number: b.number }],
        ['groups.leave', { threadId }],
      ] as const) {
        await expect(c.ask(action, payload), `${action} ${threadId}`).resolves.toEqual(notFound);
      }
    }
    await expect(c.ask('messages.delete', { messageId: secret.id })).resolves.toEqual(refused('NOT_FOUND', `no message ${secret.id} of yours`));
    await expect(data(c.ask('threads.list', {}))).resolves.toEqual({ threads: [], cursor: null });

    // The payload cannot name a sender: such fields are refused, and the sender is who the net event says.
    for (const field of [{ senderNumber: digits(a.number) }, { phoneId: 1 }, { from: a.number }, { source: a.player.id }]) {
      const answer = await c.ask('messages.send', { clientId: 'c-forged', threadId: secret.threadId, ...text('it is me, A'), ...field });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // C's own direct thread with B names C as its sender, whatever C claims.
    const own = await data(c.ask('messages.send', { clientId: 'c-own', to: b.number, ...text('hi, it is A') }));
    expect(own).toMatchObject({ senderNumber: digits(c.number), threadId: expect.not.stringContaining(digits(a.number)) });
    await expect(data(a.ask('messages.list', { threadId: secret.threadId }))).resolves.toEqual({ messages: [secret], before: null });
    const listAfter = await data<{ threads: Thread[] }>(b.ask('threads.list', {}));
    expect(listAfter.threads.slice(1)).toEqual(listOfB.threads);
    await eventually(() => expect(notified(b.page).map((notice) => notice.body)).toEqual(['just us', 'hi, it is A']));
    expect(simulation.errors).toEqual([]);
  });
});

/** A player's page after Handset restarted: asks until Handset answers it again, and reopens the messages app. */
async function connectAgain(player: { player: { nui: { page(resource: string): unknown } } }) {
  const page = player.player.nui.page('handset') as Page;
  const ask = messages(page);
  const until = Date.now() + 10_000;
  for (;;) {
    const answer = await Promise.race([ask('threads.list', {}), new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))]);
    if (answer?.ok) break;
    if (Date.now() > until) throw new Error(`Handset does not answer the page after its restart: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await nui(page, 'appState', { appId: 'messages', open: true });
  return ask;
}
