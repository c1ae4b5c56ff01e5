import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { Database } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { migratePlugin, seedPluginPhones } from '../../../tests/support/plugin-phones';
import { messagesMigrations } from './messages.migrations';
import { createMessagesRepository, MESSAGE_PAGE_SQL, threadListSql } from './messages.repository';
import type { MessageContent } from './messages.schemas';
import { MessagesService, type MessagesLimits, type MessagesPush } from './messages.service';
import type { Message, ThreadSummary } from './messages.views';

const STARTED = 1_700_000_000_000;

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'resolved';
  } catch (error) {
    return error instanceof HandsetError ? error.code : `not a HandsetError: ${String(error)}`;
  }
}

/** Retries a check until it passes or `timeoutMs` is over (deliveries happen after the answer). */
async function until(check: () => Promise<void> | void, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const text = (body: string): MessageContent => ({ kind: 'text', body, attachment: null });
const A = '5550001';
const B = '5550002';
const C = '5550003';
const D = '5550004';

forEachDatabase((current) => {
  /**
   * Both migrations; phones 1-4 (5550001-5550004), of which 1-3 are played by players 11-13 and 4 is offline;
   * the service over a clock the test moves. `names` are the names each number gave its contacts, `blocked`
   * `owner>number` pairs; `pushes` and `notices` record what reached the players.
   */
  async function setup(options: { sendRate?: { perSecond: number; burst: number }; perTargetPerMinute?: number; limits?: MessagesLimits } = {}) {
    const db = current();
    await migratePlugin(db, 'messages', messagesMigrations);
    const { phones, online } = await seedPluginPhones(db);
    const names = new Map<string, Map<string, string>>();
    const lookups: [string, string[]][] = [];
    const blocked = new Set<string>();
    const pushes: [number, MessagesPush, unknown][] = [];
    const notices: [number, { title: string; body: string }][] = [];
    const closed = new Set<number>();
    const badgeChanges: string[] = [];
    const logs: string[] = [];
    let now = STARTED;
    const service = new MessagesService({
      repository: createMessagesRepository(db),
      phones,
      contacts: {
        // Only the numbers asked for, as the Contacts app answers: a view that forgets to ask for one shows no name.
        names: async (owner, numbers) => {
          lookups.push([owner, [...numbers]]);
          return new Map([...(names.get(owner) ?? [])].filter(([number]) => numbers.includes(number)));
        },
        isBlocked: async (owner, number) => blocked.has(`${owner}>${number}`),
      },
      signals: {
        push: (source, type, data) => {
          if (closed.has(source)) return false;
          pushes.push([source, type, data]);
          return true;
        },
        notify: async (source, notification) => {
          notices.push([source, notification]);
        },
        badgeChanged: (phone) => badgeChanges.push(phone.number),
      },
      imageAllowed: (url) => new URL(url).hostname === 'cdn.example.com',
      log: (message) => logs.push(message),
      // A millisecond per reading, so that every change has its own time.
      now: () => (now += 1),
      ...options,
    });
    const player = (n: number) => online.get(10 + n)!;
    const saveName = (owner: string, number: string, name: string) => names.set(owner, new Map([...(names.get(owner) ?? []), [number, name]]));
    const pushed = (source: number, type: MessagesPush) => pushes.filter(([to, kind]) => to === source && kind === type).map(([, , data]) => data);
    const unread = async (n: number) =>
      Object.fromEntries((await service.listThreads(player(n), undefined, 50)).threads.map((thread) => [thread.id, thread.unread]));
    return { db, service, player, saveName, names, lookups, blocked, pushes, pushed, notices, closed, badgeChanges, logs, online, unread, advance: (ms: number) => (now += ms) };
  }

  const count = async (db: Database, table: string) => Number((await db.select<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

  it('creates its tables once, and every screen query reads an index in order, with no sort after the read', async () => {
    const { db } = await setup();
    await expect(migratePlugin(db, 'messages', messagesMigrations)).resolves.toEqual({ applied: [] });
    expect((await tableNames(db)).filter((name) => name.startsWith('handset_messages_'))).toEqual([
      'handset_messages_hidden',
      'handset_messages_members',
      'handset_messages_messages',
      'handset_messages_threads',
    ]);
    // Enough rows that MariaDB's optimizer prefers the indexes it would at scale.
    for (let t = 0; t < 64; t++) {
      const id = `g:${String(t).padStart(20, '0')}`;
      await db.run("INSERT INTO handset_messages_threads (id, kind, name, created_at, updated_at) VALUES (?, 'group', 'x', 1, ?)", [id, t]);
      if (t % 8 === 0) await db.run('INSERT INTO handset_messages_members (thread_id, number, phone_id, updated_at, joined_at) VALUES (?, ?, 1, ?, 1)', [id, A, t]);
      await db.run('INSERT INTO handset_messages_members (thread_id, number, phone_id, updated_at, joined_at) VALUES (?, ?, 2, ?, 1)', [id, B, t]);
      await db.run("INSERT INTO handset_messages_messages (thread_id, sender_number, sender_phone_id, kind, body, sent_at) VALUES (?, ?, 2, 'text', 'hi', 1), (?, ?, 2, 'text', 'hi', 1)", [id, B, id, B]);
    }
    if (db.dialect === 'mariadb') await db.select('ANALYZE TABLE handset_messages_members, handset_messages_messages, handset_messages_threads');
    const plan = async (sql: string, values: unknown[]) =>
      db.dialect === 'sqlite'
        ? (await db.select<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, values)).map((row) => row.detail).join('\n')
        : (await db.select<{ table: string; key: string | null; Extra: string | null }>(`EXPLAIN ${sql}`, values)).map((row) => `${row.table} ${row.key} ${row.Extra}`).join('\n');

    for (const [sql, values] of [
      [threadListSql(db.dialect, false), [1, 1, 30]],
      [threadListSql(db.dialect, true), [1, 1, 40, 40, 'g:9', 30]],
    ] as const) {
      const listPlan = await plan(sql, [...values]);
      expect(listPlan).toContain('handset_messages_members_list');
      expect(listPlan).toContain('handset_messages_messages_thread');
      expect(listPlan).not.toMatch(/TEMP B-TREE|filesort|temporary|SCAN/i);
    }
    const pagePlan = await plan(MESSAGE_PAGE_SQL, ['g:00000000000000000001', 0, 1e12, 1, 30]);
    expect(pagePlan).toContain('handset_messages_messages_thread');
    expect(pagePlan).not.toMatch(/TEMP B-TREE|filesort|temporary|SCAN/i);
  });

  it('refuses a thread past the hourly cap with QUOTA_EXCEEDED and stores nothing; an hour later it is allowed', async () => {
    const { db, service, player, advance } = await setup({ limits: { maxGroups: 100, maxNewThreadsPerHour: 3 } });
    const a = player(1);
    await service.send(a, { clientId: 'a-1', to: B, content: text('hi B') });
    await service.send(a, { clientId: 'a-2', to: C, content: text('hi C') });
    // Messages in threads that exist start nothing.
    await service.send(a, { clientId: 'a-3', to: B, content: text('again') });
    await service.send(player(2), { clientId: 'b-1', to: A, content: text('hi A') });
    await service.createGroup(a, 'Crew', [B, C]);
    const before = [await count(db, 'handset_messages_threads'), await count(db, 'handset_messages_messages'), await count(db, 'handset_messages_members')];
    const quota = new HandsetError('QUOTA_EXCEEDED', 'you can start at most 3 conversations an hour; try again later');
    await expect(service.send(a, { clientId: 'a-4', to: D, content: text('hi D') })).rejects.toEqual(quota);
    await expect(service.createGroup(a, 'Crew 2', [B])).rejects.toEqual(quota);
    expect([await count(db, 'handset_messages_threads'), await count(db, 'handset_messages_messages'), await count(db, 'handset_messages_members')]).toEqual(before);
    // Another phone has its own hour; A's existing threads still take messages.
    await expect(service.send(player(2), { clientId: 'b-2', to: C, content: text('hi C') })).resolves.toMatchObject({ body: 'hi C' });
    await expect(service.send(a, { clientId: 'a-5', to: C, content: text('still here') })).resolves.toMatchObject({ body: 'still here' });
    advance(60 * 60_000);
    await expect(service.send(a, { clientId: 'a-4', to: D, content: text('hi D') })).resolves.toMatchObject({ body: 'hi D' });
  });

  it('refuses a group that would put a phone past the groups cap with QUOTA_EXCEEDED, on create and add, and stores nothing', async () => {
    const { db, service, player } = await setup({ limits: { maxGroups: 2, maxNewThreadsPerHour: 100 } });
    const [a, b, c] = [player(1), player(2), player(3)];
    await service.createGroup(a, 'One', [B]);
    const two = await service.createGroup(a, 'Two', [C]);
    const groups = () => count(db, 'handset_messages_threads');
    await expect(service.createGroup(a, 'Three', [D])).rejects.toEqual(new HandsetError('QUOTA_EXCEEDED', 'you are already in the most groups a phone may be in (2)'));
    const cb = await service.createGroup(c, 'CB', [B]);
    await expect(service.createGroup(c, 'CB2', [D, B])).rejects.toEqual(new HandsetError('QUOTA_EXCEEDED', 'you are already in the most groups a phone may be in (2)'));
    await expect(service.createGroup(player(2), 'BD', [D])).rejects.toEqual(new HandsetError('QUOTA_EXCEEDED', 'you are already in the most groups a phone may be in (2)'));
    expect(await groups()).toBe(3);
    const members = await count(db, 'handset_messages_members');
    await expect(service.addMember(a, two.id, B)).rejects.toEqual(new HandsetError('QUOTA_EXCEEDED', `${B} is already in the most groups a phone may be in (2)`));
    expect(await count(db, 'handset_messages_members')).toBe(members);
    // Leaving a group frees its place.
    await service.leave(b, cb.id);
    await expect(service.addMember(a, two.id, B)).resolves.toMatchObject({ members: expect.arrayContaining([expect.objectContaining({ number: B })]) });
  });

  it('asks the Contacts app for names of the numbers on the page only: thread list, message page, typing and delivery', async () => {
    const { service, player, names, lookups, pushed } = await setup();
    const a = player(1);
    // A saved 5,000 numbers; 12 service lines text A, each its own direct thread.
    names.set(A, new Map(Array.from({ length: 5000 }, (_, n) => [String(5_600_000 + n), `Saved ${n}`])));
    const lines = Array.from({ length: 12 }, (_, n) => String(5_600_000 + n));
    for (const line of lines) await expect(service.sendFromNumber(line, A, `from ${line}`)).resolves.toMatchObject({ success: true });
    await until(() => expect(pushed(11, 'thread.updated')).toHaveLength(12));

    lookups.length = 0;
    const first = await service.listThreads(a, undefined, 5);
    // Newest first: the last five lines to write, each named, in one look-up of exactly those five numbers.
    expect(first.threads.map((thread) => thread.title)).toEqual(['Saved 11', 'Saved 10', 'Saved 9', 'Saved 8', 'Saved 7']);
    expect(lookups).toEqual([[A, lines.slice(7).reverse()]]);
    lookups.length = 0;
    const second = await service.listThreads(a, first.cursor!, 5);
    expect(second.threads.map((thread) => thread.title)).toEqual(['Saved 6', 'Saved 5', 'Saved 4', 'Saved 3', 'Saved 2']);
    expect(lookups).toEqual([[A, lines.slice(2, 7).reverse()]]);

    lookups.length = 0;
    const page = await service.listMessages(a, first.threads[0]!.id, undefined, 30);
    expect(page.messages).toEqual([expect.objectContaining({ senderName: 'Saved 11', body: `from ${lines[11]}` })]);
    expect(lookups).toEqual([[A, [lines[11]]]]);

    // A's own messages need no names; B typing in a thread with A asks A's names for B's number only.
    lookups.length = 0;
    const b = player(2);
    const sent = await service.send(a, { clientId: 'a-1', to: B, content: text('hi') });
    await until(() => expect(pushed(12, 'message.new')).toHaveLength(1));
    await service.typing(b, sent.threadId);
    await until(() => expect(pushed(11, 'typing')).toHaveLength(1));
    await until(() => expect(pushed(11, 'thread.updated').length).toBeGreaterThan(12));
    expect(lookups.every(([, numbers]) => numbers.length === 1)).toBe(true);
    expect(lookups).toContainEqual([A, [B]]);
    expect(lookups).toContainEqual([B, [A]]);
  });

  it('keeps A→B and B→A in one direct thread, with exact unread counts, names as each saved them, and both lists in order', async () => {
    const { db, service, player, saveName, pushed, notices } = await setup();
    saveName(B, A, 'Ann');
    const a = player(1);
    const b = player(2);
    expect(service.directThread(a, B)).toBe(`d:${A}:${B}`);
    expect(service.directThread(b, A)).toBe(`d:${A}:${B}`);
    await expect(codeOf(service.getThread(a, `d:${A}:${B}`))).resolves.toBe('NOT_FOUND');

    const first = await service.send(a, { clientId: 'a-1', to: B, content: text('hi Bea') });
    expect(first).toEqual({
      id: expect.any(Number),
      threadId: `d:${A}:${B}`,
      clientId: 'a-1',
      senderNumber: A,
      senderName: null,
      mine: true,
      kind: 'text',
      body: 'hi Bea',
      attachment: null,
      sentAt: expect.any(Number),
    });
    const second = await service.send(a, { clientId: 'a-2', threadId: first.threadId, content: text('are you there?') });
    const reply = await service.send(b, { clientId: 'b-1', to: A, content: text('yes!') });
    expect(reply.threadId).toBe(first.threadId);
    expect(reply.id).toBeGreaterThan(second.id);

    // B's page heard both of A's messages with A named as B saved them; A's page heard B's reply.
    await until(() => expect(pushed(12, 'message.new')).toHaveLength(2));
    expect(pushed(12, 'message.new')).toEqual([
      { ...first, senderName: 'Ann', mine: false },
      { ...second, senderName: 'Ann', mine: false },
    ]);
    await until(() => expect(pushed(11, 'message.new')).toEqual([{ ...reply, mine: false }]));
    await until(() => expect(notices).toHaveLength(3));
    expect(notices.filter(([source]) => source === 12)).toEqual([
      [12, { title: 'Ann', body: 'hi Bea' }],
      [12, { title: 'Ann', body: 'are you there?' }],
    ]);
    expect(notices.filter(([source]) => source === 11)).toEqual([[11, { title: '555-0002', body: 'yes!' }]]);

    const [ofA] = (await service.listThreads(a, undefined, 30)).threads;
    expect(ofA).toEqual({
      id: first.threadId,
      kind: 'direct',
      title: '555-0002',
      members: [{ number: B, displayNumber: '555-0002', name: null, admin: false }],
      admin: false,
      lastMessage: { id: reply.id, senderNumber: B, senderName: null, mine: false, kind: 'text', preview: 'yes!', sentAt: reply.sentAt },
      unread: 1,
      updatedAt: reply.sentAt,
      settings: { readReceipts: true, typing: true },
      // B's send read up to their own message.
      readBy: [{ number: B, messageId: reply.id }],
    });
    const ofB = await service.getThread(b, first.threadId);
    expect(ofB).toMatchObject({ title: 'Ann', members: [{ number: A, name: 'Ann' }], unread: 0, readBy: [{ number: A, messageId: second.id }] });

    const page = await service.listMessages(a, first.threadId, undefined, 2);
    expect(page).toEqual({ messages: [{ ...reply, mine: false }, second], before: second.id });
    await expect(service.listMessages(a, first.threadId, page.before!, 2)).resolves.toEqual({ messages: [first], before: null });

    await service.markRead(a, first.threadId, reply.id);
    await expect(service.getThread(a, first.threadId)).resolves.toMatchObject({ unread: 0 });
    expect(pushed(12, 'thread.read')).toEqual([{ threadId: first.threadId, number: A, messageId: reply.id }]);
    expect(await count(db, 'handset_messages_threads')).toBe(1);
    expect(await count(db, 'handset_messages_members')).toBe(2);
  });

  it('counts unread exactly per member of a group of three, moves read pointers only forward, and orders lists by activity', async () => {
    const { service, player, pushed, unread } = await setup();
    const [a, b, c] = [player(1), player(2), player(3)];
    const group = await service.createGroup(a, 'Crew', [B, C, A, C]);
    expect(group).toMatchObject({ kind: 'group', title: 'Crew', admin: true, lastMessage: null, unread: 0 });
    expect(group.members.map((member) => [member.number, member.admin])).toEqual([
      [B, false],
      [C, false],
    ]);
    await until(() => expect(pushed(12, 'thread.updated')).toHaveLength(1));
    const direct = await service.send(b, { clientId: 'b-direct', to: C, content: text('psst') });

    const m1 = await service.send(a, { clientId: 'a-1', threadId: group.id, content: text('one') });
    const m2 = await service.send(b, { clientId: 'b-1', threadId: group.id, content: text('two') });
    const m3 = await service.send(a, { clientId: 'a-2', threadId: group.id, content: text('three') });
    expect(await unread(1)).toEqual({ [group.id]: 0 });
    expect(await unread(2)).toEqual({ [group.id]: 1, [direct.threadId]: 0 });
    expect(await unread(3)).toEqual({ [group.id]: 3, [direct.threadId]: 1 });

    // C reads up to the second message; an older pointer later changes nothing; one past the end stops at the last.
    await service.markRead(c, group.id, m2.id);
    expect(await unread(3)).toEqual({ [group.id]: 1, [direct.threadId]: 1 });
    await service.markRead(c, group.id, m1.id);
    expect(await unread(3)).toEqual({ [group.id]: 1, [direct.threadId]: 1 });
    await service.markRead(c, group.id, m3.id + 1000);
    const ofC = await service.getThread(c, group.id);
    expect(ofC.unread).toBe(0);
    expect(ofC.readBy).toEqual([
      { number: A, messageId: m3.id },
      { number: B, messageId: m2.id },
    ]);
    expect((await service.getThread(a, group.id)).readBy).toEqual([
      { number: B, messageId: m2.id },
      { number: C, messageId: m3.id },
    ]);
    expect(pushed(11, 'thread.read')).toEqual([
      { threadId: group.id, number: C, messageId: m2.id },
      { threadId: group.id, number: C, messageId: m3.id },
    ]);

    // Lists are newest activity first: C's direct thread moves up with a new message.
    expect((await service.listThreads(c, undefined, 30)).threads.map((thread) => thread.id)).toEqual([group.id, direct.threadId]);
    await service.send(b, { clientId: 'b-direct-2', to: C, content: text('psst again') });
    expect((await service.listThreads(c, undefined, 30)).threads.map((thread) => thread.id)).toEqual([direct.threadId, group.id]);

    // Without read receipts, nobody's pointer is shown or pushed.
    const before = pushed(11, 'thread.read').length;
    await expect(service.changeSettings(b, group.id, { readReceipts: false })).resolves.toMatchObject({ settings: { readReceipts: false, typing: true }, readBy: [] });
    const m4 = await service.send(a, { clientId: 'a-3', threadId: group.id, content: text('four') });
    await service.markRead(c, group.id, m4.id);
    expect(pushed(11, 'thread.read')).toHaveLength(before);
  });

  it('counts the badge as threads with unread messages, and says when it may have changed: a delivery, a read, a deletion, leaving', async () => {
    const { service, player, badgeChanges } = await setup();
    const [a, b, c] = [player(1), player(2), player(3)];
    const group = await service.createGroup(a, 'Crew', [B, C]);
    await service.send(a, { clientId: 'a-1', threadId: group.id, content: text('one') });
    const direct = await service.send(b, { clientId: 'b-1', to: C, content: text('psst') });
    await until(() => expect(badgeChanges.filter((number) => number === C)).toHaveLength(2));
    expect(await service.unreadThreads(c)).toBe(2);
    expect(await service.unreadThreads(a)).toBe(0);
    // The sender's own message never changes their badge.
    expect(badgeChanges.filter((number) => number === A)).toEqual([]);

    await service.markRead(c, direct.threadId, direct.id);
    expect(await service.unreadThreads(c)).toBe(1);
    await service.markRead(c, direct.threadId, direct.id);
    expect(badgeChanges.filter((number) => number === C)).toHaveLength(3);

    const second = await service.send(a, { clientId: 'a-2', threadId: group.id, content: text('two') });
    await until(() => expect(badgeChanges.filter((number) => number === C)).toHaveLength(4));
    await service.hide(c, second.id);
    expect(badgeChanges.filter((number) => number === C)).toHaveLength(5);
    await service.leave(c, group.id);
    expect(badgeChanges.filter((number) => number === C)).toHaveLength(6);
    expect(await service.unreadThreads(c)).toBe(0);
  });

  it('pages the thread list by (updated_at, id) with no thread twice and none left out, ties included', async () => {
    const { db, service, player } = await setup();
    // 25 groups of A with five distinct activity times, five threads each.
    for (let n = 0; n < 25; n++) {
      const id = `g:${String(n).padStart(20, '0')}`;
      await db.run("INSERT INTO handset_messages_threads (id, kind, name, created_at, updated_at) VALUES (?, 'group', ?, 1, 1)", [id, `G${n}`]);
      await db.run('INSERT INTO handset_messages_members (thread_id, number, phone_id, admin, updated_at, joined_at) VALUES (?, ?, 1, 1, ?, 1)', [id, A, 1000 + Math.floor(n / 5)]);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await service.listThreads(player(1), cursor, 7);
      seen.push(...page.threads.map((thread) => thread.id));
      if (page.cursor === null) break;
      cursor = page.cursor;
    }
    const expected = Array.from({ length: 25 }, (_, n) => n)
      .sort((x, y) => Math.floor(y / 5) - Math.floor(x / 5) || y - x)
      .map((n) => `g:${String(n).padStart(20, '0')}`);
    expect(seen).toEqual(expected);
    await expect(codeOf(service.listThreads(player(1), 'not-a-cursor', 7))).resolves.toBe('INVALID_INPUT');
  });

  it('answers a retried send with the message it stored, once, even when the retries race', async () => {
    const { db, service, player, pushed } = await setup();
    const first = await service.send(player(1), { clientId: 'same', to: B, content: text('once') });
    await expect(service.send(player(1), { clientId: 'same', to: B, content: text('once') })).resolves.toEqual(first);
    // A retry answers the first message whatever it carries; the id is the sender's own.
    await expect(service.send(player(1), { clientId: 'same', to: C, content: text('other') })).resolves.toEqual(first);
    const theirs = await service.send(player(2), { clientId: 'same', to: A, content: text('mine') });
    expect(theirs.id).not.toBe(first.id);
    const raced = await Promise.all(Array.from({ length: 4 }, () => service.send(player(3), { clientId: 'race', to: A, content: text('race') })));
    expect(new Set(raced.map((message) => message.id)).size).toBe(1);
    expect(await count(db, 'handset_messages_messages')).toBe(3);
    await until(() => expect(pushed(12, 'message.new')).toHaveLength(1));
    expect((await service.getThread(player(1), first.threadId)).unread).toBe(1);
  });

  it('refuses messages to someone who blocked the sender (FORBIDDEN), to nobody’s number (NOT_FOUND), and photos off the image list', async () => {
    const { db, service, player, blocked } = await setup();
    blocked.add(`${B}>${A}`);
    await expect(codeOf(service.send(player(1), { clientId: 'x', to: B, content: text('hey') }))).resolves.toBe('FORBIDDEN');
    // Still refused when the thread exists already.
    blocked.delete(`${B}>${A}`);
    const allowed = await service.send(player(1), { clientId: 'y', to: B, content: text('hey') });
    blocked.add(`${B}>${A}`);
    await expect(codeOf(service.send(player(1), { clientId: 'z', threadId: allowed.threadId, content: text('hey?') }))).resolves.toBe('FORBIDDEN');
    // B may still write to A.
    await expect(service.send(player(2), { clientId: 'b', to: A, content: text('hm') })).resolves.toMatchObject({ threadId: allowed.threadId });
    await expect(codeOf(service.send(player(1), { clientId: 'w', to: '5559999', content: text('anyone?') }))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(service.send(player(1), { clientId: 'v', to: A, content: text('me') }))).resolves.toBe('INVALID_INPUT');
    await expect(codeOf(service.send(player(1), { clientId: 'u', threadId: allowed.threadId, to: B, content: text('both') }))).resolves.toBe('INVALID_INPUT');
    const photo: MessageContent = { kind: 'photo', body: '', attachment: { url: 'https://evil.example/x.png' } };
    await expect(service.send(player(1), { clientId: 'p', to: C, content: photo })).rejects.toEqual(
      new HandsetError('INVALID_INPUT', "the photo's host is not on this server's image list"),
    );
    const allowedPhoto = await service.send(player(1), { clientId: 'q', to: C, content: { kind: 'photo', body: 'look', attachment: { url: 'https://cdn.example.com/a.png' } } });
    expect(allowedPhoto).toMatchObject({ kind: 'photo', body: 'look', attachment: { url: 'https://cdn.example.com/a.png' } });
    await expect(service.getThread(player(3), allowedPhoto.threadId)).resolves.toMatchObject({ lastMessage: { kind: 'photo', preview: '📷 Photo' } });
    expect(await count(db, 'handset_messages_messages')).toBe(3);
  });

  it('limits each phone to 5 messages a second, 10 at once (RATE_LIMITED); a retry past the rate still gets its stored message', async () => {
    const { service, player, advance } = await setup({ sendRate: { perSecond: 5, burst: 10 } });
    const codes: string[] = [];
    for (let n = 0; n < 12; n++) codes.push(await codeOf(service.send(player(1), { clientId: `r-${n}`, to: B, content: text(`#${n}`) })));
    expect(codes).toEqual([...Array(10).fill('resolved'), 'RATE_LIMITED', 'RATE_LIMITED']);
    await expect(codeOf(service.send(player(1), { clientId: 'r-0', to: B, content: text('#0') }))).resolves.toBe('resolved');
    await expect(codeOf(service.send(player(2), { clientId: 'other', to: A, content: text('hi') }))).resolves.toBe('resolved');
    await expect(codeOf(service.send(player(1), { clientId: 'later', to: B, content: text('later') }))).resolves.toBe('RATE_LIMITED');
    // A second later, five more.
    advance(1000);
    await expect(codeOf(service.send(player(1), { clientId: 'later-2', to: B, content: text('later') }))).resolves.toBe('resolved');
  });

  it('deletes for the viewer only: hidden from their pages, list preview and unread count, kept for the others', async () => {
    const { db, service, player, pushed } = await setup();
    const group = await service.createGroup(player(1), 'Trio', [B, C]);
    const m1 = await service.send(player(2), { clientId: 'b-1', threadId: group.id, content: text('first') });
    const m2 = await service.send(player(2), { clientId: 'b-2', threadId: group.id, content: text('oops') });
    expect((await service.getThread(player(3), group.id)).unread).toBe(2);

    await service.hide(player(3), m2.id);
    expect(pushed(13, 'message.deleted')).toEqual([{ messageId: m2.id }]);
    const ofC = await service.getThread(player(3), group.id);
    expect(ofC).toMatchObject({ unread: 1, lastMessage: { id: m1.id, preview: 'first' } });
    await expect(service.listMessages(player(3), group.id, undefined, 30)).resolves.toMatchObject({ messages: [{ id: m1.id }], before: null });
    await expect(service.listMessages(player(1), group.id, undefined, 30)).resolves.toMatchObject({ messages: [{ id: m2.id }, { id: m1.id }] });
    expect((await service.getThread(player(1), group.id)).lastMessage?.id).toBe(m2.id);
    // Again is nothing new; a read recount leaves the hidden message out.
    await service.hide(player(3), m2.id);
    expect(pushed(13, 'message.deleted')).toHaveLength(1);
    await service.markRead(player(3), group.id, m1.id);
    expect((await service.getThread(player(3), group.id)).unread).toBe(0);
    // Someone else's thread's message is not theirs to hide.
    const direct = await service.send(player(1), { clientId: 'a-d', to: B, content: text('private') });
    await expect(codeOf(service.hide(player(3), direct.id))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(service.hide(player(3), direct.id + 100))).resolves.toBe('NOT_FOUND');
    expect(await count(db, 'handset_messages_hidden')).toBe(1);
  });

  it('limits each phone’s messages to one number or one group a minute (RATE_LIMITED, nothing stored), each target counted apart', async () => {
    const { db, service, player, pushed, advance } = await setup({ perTargetPerMinute: 3 });
    const group = await service.createGroup(player(1), 'Crew', [C]);
    const codes: string[] = [];
    for (let n = 0; n < 5; n++) codes.push(await codeOf(service.send(player(1), { clientId: `b-${n}`, to: B, content: text(`#${n}`) })));
    expect(codes).toEqual(['resolved', 'resolved', 'resolved', 'RATE_LIMITED', 'RATE_LIMITED']);
    await expect(service.send(player(1), { clientId: 'b-9', to: B, content: text('again') })).rejects.toEqual(
      new HandsetError('RATE_LIMITED', 'too many messages to this conversation: at most 3 a minute'),
    );
    // The same thread by its id counts the same; another number and a group are counted apart.
    const thread = (await service.listThreads(player(1), undefined, 10)).threads.find((summary) => summary.id !== group.id)!;
    await expect(codeOf(service.send(player(1), { clientId: 'b-t', threadId: thread.id, content: text('by id') }))).resolves.toBe('RATE_LIMITED');
    await expect(codeOf(service.send(player(1), { clientId: 'c-1', to: C, content: text('hi C') }))).resolves.toBe('resolved');
    await expect(codeOf(service.send(player(1), { clientId: 'g-1', threadId: group.id, content: text('hi all') }))).resolves.toBe('resolved');
    // B can still write back.
    await expect(codeOf(service.send(player(2), { clientId: 'back', to: A, content: text('stop') }))).resolves.toBe('resolved');
    expect(await count(db, 'handset_messages_messages')).toBe(6);
    await until(() => expect(pushed(12, 'message.new')).toHaveLength(3));
    // A retry of a stored message is answered, not counted.
    await expect(codeOf(service.send(player(1), { clientId: 'b-0', to: B, content: text('#0') }))).resolves.toBe('resolved');
    advance(20_000);
    await expect(codeOf(service.send(player(1), { clientId: 'b-later', to: B, content: text('later') }))).resolves.toBe('resolved');
  });

  it('keeps a blocked number from putting its blocker in a group (FORBIDDEN, nothing created), and from reaching them in a shared one', async () => {
    const { db, service, player, blocked, pushed, notices, logs } = await setup();
    blocked.add(`${B}>${A}`);
    await expect(service.createGroup(player(1), 'Fans', [B, C])).rejects.toEqual(new HandsetError('FORBIDDEN', `${B} does not take your messages`));
    expect(await count(db, 'handset_messages_members')).toBe(0);
    const group = await service.createGroup(player(1), 'Fans', [C]);
    await expect(service.addMember(player(1), group.id, B)).rejects.toEqual(new HandsetError('FORBIDDEN', `${B} does not take your messages`));
    expect((await service.getThread(player(1), group.id)).members.map((member) => member.number)).toEqual([C]);

    // In a group B shared with A before blocking them, A's messages reach C but are neither pushed nor notified to B.
    blocked.delete(`${B}>${A}`);
    await service.addMember(player(1), group.id, B);
    blocked.add(`${B}>${A}`);
    const fromA = await service.send(player(1), { clientId: 'a-1', threadId: group.id, content: text('found you') });
    const fromC = await service.send(player(3), { clientId: 'c-1', threadId: group.id, content: text('hello B') });
    await until(() => expect(pushed(12, 'message.new').map((message) => (message as Message).id)).toEqual([fromC.id]));
    await until(() => expect(notices.filter(([to]) => to === 12).map(([, notice]) => notice.body)).toEqual(['555-0003: hello B']));
    expect(pushed(13, 'message.new').map((message) => (message as Message).id)).toEqual([fromA.id]);
    expect(logs).toEqual([]);
  });

  it('lets only admins rename, add and remove; the last admin leaving makes the earliest member admin; former members see nothing new', async () => {
    const { service, player, advance } = await setup();
    const [a, b, c] = [player(1), player(2), player(3)];
    const group = await service.createGroup(a, 'Crew', [B]);
    advance(5000);
    for (const attempt of [() => service.renameGroup(b, group.id, 'Mine'), () => service.addMember(b, group.id, C), () => service.removeMember(b, group.id, A)]) {
      await expect(codeOf(attempt())).resolves.toBe('FORBIDDEN');
    }
    await expect(service.renameGroup(a, group.id, 'Crew 2')).resolves.toMatchObject({ title: 'Crew 2' });
    const before = await service.send(a, { clientId: 'a-1', threadId: group.id, content: text('before C') });
    await expect(service.addMember(a, group.id, C)).resolves.toMatchObject({ members: [{ number: B }, { number: C }] });
    await expect(codeOf(service.addMember(a, group.id, C))).resolves.toBe('ALREADY_EXISTS');
    await expect(codeOf(service.addMember(a, group.id, '5559999'))).resolves.toBe('NOT_FOUND');
    // C sees the group from when they joined.
    await expect(service.listMessages(c, group.id, undefined, 30)).resolves.toEqual({ messages: [], before: null });
    await expect(service.getThread(c, group.id)).resolves.toMatchObject({ unread: 0, lastMessage: null });
    const after = await service.send(b, { clientId: 'b-1', threadId: group.id, content: text('hi C') });
    await expect(service.listMessages(c, group.id, undefined, 30)).resolves.toMatchObject({ messages: [{ id: after.id }] });
    expect((await service.getThread(c, group.id)).unread).toBe(1);

    await expect(codeOf(service.removeMember(a, group.id, A))).resolves.toBe('INVALID_INPUT');
    await service.leave(a, group.id);
    // B joined before C: B is the admin now.
    const ofB = await service.getThread(b, group.id);
    expect(ofB).toMatchObject({ admin: true, members: [{ number: C, admin: false }] });
    await expect(codeOf(service.getThread(a, group.id))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(service.listMessages(a, group.id, undefined, 30))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(service.send(a, { clientId: 'a-2', threadId: group.id, content: text('let me back') }))).resolves.toBe('FORBIDDEN');
    expect((await service.listThreads(a, undefined, 30)).threads).toEqual([]);

    await service.removeMember(b, group.id, C);
    await expect(codeOf(service.getThread(c, group.id))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(service.removeMember(b, group.id, C))).resolves.toBe('NOT_FOUND');
    // A comes back: they see what is said from then on, not what they missed.
    await service.addMember(b, group.id, A);
    await expect(service.listMessages(a, group.id, undefined, 30)).resolves.toEqual({ messages: [], before: null });
    expect(before.id).toBeLessThan(after.id);
    await expect(codeOf(service.leave(b, `d:${A}:${B}`))).resolves.toBe('NOT_FOUND');
  });

  it('keeps threads to their members: anyone else gets NOT_FOUND for every action, and nothing changes', async () => {
    const { db, service, player, pushes } = await setup();
    const [a, b, c] = [player(1), player(2), player(3)];
    const direct = await service.send(a, { clientId: 'a-1', to: B, content: text('just us') });
    const group = await service.createGroup(a, 'AB', [B]);
    // B heard of the message and the group, A of its own message: nothing more is on its way.
    await until(() => expect(pushes).toHaveLength(4));
    const snapshot = async () => ({
      members: await db.select('SELECT * FROM handset_messages_members ORDER BY thread_id, number'),
      threads: await db.select('SELECT * FROM handset_messages_threads ORDER BY id'),
      messages: await count(db, 'handset_messages_messages'),
    });
    const state = await snapshot();
    const pushesBefore = pushes.length;
    for (const threadId of [direct.threadId, group.id, 'g:00000000000000000000', 'nonsense']) {
      for (const attempt of [
        () => service.getThread(c, threadId),
        () => service.listMessages(c, threadId, undefined, 30),
        () => service.markRead(c, threadId, direct.id),
        () => service.changeSettings(c, threadId, { typing: false }),
        () => service.typing(c, threadId),
        () => service.send(c, { clientId: `c-${threadId}`, threadId, content: text('let me in') }),
        () => service.renameGroup(c, threadId, 'Taken'),
        () => service.addMember(c, threadId, C),
        () => service.removeMember(c, threadId, B),
        () => service.leave(c, threadId),
      ]) {
        await expect(codeOf(attempt())).resolves.toBe('NOT_FOUND');
      }
    }
    await expect(codeOf(service.hide(c, direct.id))).resolves.toBe('NOT_FOUND');
    expect((await service.listThreads(c, undefined, 30)).threads).toEqual([]);
    expect(await snapshot()).toEqual(state);
    expect(pushes.length).toBe(pushesBefore);
    expect(b.number).toBe(B);
  });

  it('pushes typing to the other members’ open pages at most once a second, only when the thread allows it', async () => {
    const { service, player, pushed, saveName, advance } = await setup();
    saveName(B, A, 'Ann');
    const group = await service.createGroup(player(1), 'Crew', [B, C]);
    await service.typing(player(1), group.id);
    await service.typing(player(1), group.id);
    expect(pushed(12, 'typing')).toEqual([{ threadId: group.id, number: A, name: 'Ann' }]);
    expect(pushed(13, 'typing')).toEqual([{ threadId: group.id, number: A, name: null }]);
    expect(pushed(11, 'typing')).toEqual([]);
    await service.changeSettings(player(2), group.id, { typing: false });
    advance(5000);
    await service.typing(player(1), group.id);
    expect(pushed(12, 'typing')).toHaveLength(1);
  });

  it('notifies a recipient unless their page shows that thread; an offline member finds it all at the next load', async () => {
    const { service, player, notices, closed, online, unread } = await setup();
    const group = await service.createGroup(player(1), 'Crew', [B, C, D]);
    // B sees the thread; C has the app open on the list; D is offline.
    await service.view(player(2), group.id);
    await service.listThreads(player(3), undefined, 30);
    await service.send(player(1), { clientId: 'a-1', threadId: group.id, content: text('x'.repeat(100)) });
    await until(() => expect(notices).toHaveLength(1));
    expect(notices).toEqual([[13, { title: 'Crew', body: `555-0001: ${'x'.repeat(80)}` }]]);
    // B puts the phone away with the thread still open, then closes the app: each next message notifies them.
    await service.view(player(2), null);
    await service.send(player(1), { clientId: 'a-put-away', threadId: group.id, content: text('hidden') });
    await until(() => expect(notices.slice(1).sort(([x], [y]) => x - y)).toEqual([
      [12, { title: 'Crew', body: '555-0001: hidden' }],
      [13, { title: 'Crew', body: '555-0001: hidden' }],
    ]));
    notices.splice(1);
    closed.add(12);
    await service.send(player(1), { clientId: 'a-2', threadId: group.id, content: { kind: 'location', body: '', attachment: { x: 1.5, y: -20, label: null } } });
    await until(() => expect(notices).toHaveLength(3));
    expect(notices.slice(1).sort(([x], [y]) => x - y)).toEqual([
      [12, { title: 'Crew', body: '555-0001: 📍 Location' }],
      [13, { title: 'Crew', body: '555-0001: 📍 Location' }],
    ]);
    online.set(14, { phoneId: 4, number: D, source: 14 });
    expect(await unread(4)).toEqual({ [group.id]: 3 });
    await expect(service.listMessages(player(4), group.id, undefined, 30)).resolves.toMatchObject({
      messages: [{ kind: 'location', attachment: { x: 1.5, y: -20, label: null } }, { body: 'hidden' }, { body: 'x'.repeat(100) }],
    });
  });

  it('names a group message’s group and sender in the banner and the list, the sender as each member saved them', async () => {
    const { service, player, notices, saveName } = await setup();
    saveName(B, A, 'Lamar');
    const group = await service.createGroup(player(1), 'The Crew', [B, C]);
    const sent = await service.send(player(1), { clientId: 'a-1', threadId: group.id, content: text('on my way') });
    await until(() => expect(notices).toHaveLength(2));
    expect(notices.sort(([x], [y]) => x - y)).toEqual([
      [12, { title: 'The Crew', body: 'Lamar: on my way' }],
      [13, { title: 'The Crew', body: '555-0001: on my way' }],
    ]);
    const last = { id: sent.id, senderNumber: A, kind: 'text', preview: 'on my way', sentAt: sent.sentAt };
    await expect(service.getThread(player(2), group.id)).resolves.toMatchObject({ lastMessage: { ...last, senderName: 'Lamar', mine: false } });
    await expect(service.getThread(player(3), group.id)).resolves.toMatchObject({ lastMessage: { ...last, senderName: null, mine: false } });
    const [ofA] = (await service.listThreads(player(1), undefined, 30)).threads;
    expect(ofA!.lastMessage).toEqual({ ...last, senderName: null, mine: true });
  });

  it('keeps a line with the resource that took it first until that resource stops', async () => {
    const { service, player, pushed } = await setup();
    expect(service.onMessageToNumber('5550199', 'taxi', () => 'taxi here')).toBe(true);
    expect(service.onMessageToNumber('5550199', 'thief', () => 'thief here')).toBe(false);
    expect(service.onMessageToNumber('5550199', 'taxi', () => 'taxi again')).toBe(true);
    const { threadId } = await service.send(player(1), { clientId: 'a-1', to: '5550199', content: text('hi') });
    await until(() => expect(pushed(11, 'message.new')).toHaveLength(1));
    expect(pushed(11, 'message.new')[0]).toMatchObject({ threadId, senderNumber: '5550199', body: 'taxi again' });

    service.ownerStopped('taxi');
    expect(service.onMessageToNumber('5550199', 'thief', () => 'thief here')).toBe(true);
  });

  it('sends from a script’s number and hands players’ messages to a line’s hook, whose answer comes back', async () => {
    const { service, player, pushed, blocked, logs } = await setup();
    const heard: unknown[][] = [];
    service.onMessageToNumber('5550199', 'taxi', (from, body, threadId) => {
      heard.push([from, body, threadId]);
      return body === 'quiet' ? null : `Got "${body}"`;
    });
    await expect(service.sendFromNumber('5550199', A, 'Your taxi is here')).resolves.toEqual({ success: true, messageId: expect.any(Number) });
    const threadId = `d:${A}:5550199`;
    await until(() => expect(pushed(11, 'message.new')).toHaveLength(1));
    expect(pushed(11, 'message.new')[0]).toMatchObject({ threadId, senderNumber: '5550199', clientId: '', mine: false, body: 'Your taxi is here' });
    await expect(service.getThread(player(1), threadId)).resolves.toMatchObject({ title: '555-0199', unread: 1 });

    const question = await service.send(player(1), { clientId: 'a-1', threadId, content: text('how long?') });
    await until(() => expect(pushed(11, 'message.new')).toHaveLength(2));
    expect(heard).toEqual([['555-0001', 'how long?', threadId]]);
    expect(pushed(11, 'message.new')[1]).toMatchObject({ senderNumber: '5550199', body: 'Got "how long?"' });
    await service.send(player(1), { clientId: 'a-2', threadId, content: text('quiet') });
    await until(() => expect(heard).toHaveLength(2));
    // A player may also start a thread with a line that has a hook; a line without one does not exist.
    await expect(service.send(player(2), { clientId: 'b-1', to: '5550199', content: text('hello?') })).resolves.toMatchObject({ threadId: `d:${B}:5550199` });
    await expect(codeOf(service.send(player(2), { clientId: 'b-2', to: '5550198', content: text('hello?') }))).resolves.toBe('NOT_FOUND');

    // Posting as a character (offline, too) is allowed to scripts; refusals are answers.
    await expect(service.sendFromNumber(D, A, 'from D')).resolves.toMatchObject({ success: true });
    blocked.add(`${A}>5550200`);
    await expect(service.sendFromNumber('5550200', A, 'spam')).resolves.toEqual({ success: false, message: `${A} does not take messages from 5550200` });
    await expect(service.sendFromNumber('5550200', '5559999', 'hi')).resolves.toEqual({ success: false, message: 'no phone has the number 5559999' });
    await expect(service.sendFromNumber(A, A, 'me')).resolves.toEqual({ success: false, message: 'a number cannot message itself' });
    await expect(service.sendFromNumber('5550200', B, '   ')).resolves.toEqual({ success: false, message: 'a message is 1-1000 characters' });
    expect(question.threadId).toBe(threadId);
    expect(logs).toEqual([]);
  });

  it('goes with the character: deleting a phone deletes its memberships and hidden messages; its messages stay for the others', async () => {
    const { db, service, player } = await setup();
    const sent = await service.send(player(1), { clientId: 'a-1', to: B, content: text('remember me') });
    const theirs = await service.send(player(2), { clientId: 'b-1', to: A, content: text('sure') });
    await service.hide(player(1), theirs.id);
    await db.run('DELETE FROM handset_core_phones WHERE id = ?', [1]);
    expect(await db.select('SELECT number FROM handset_messages_members')).toEqual([{ number: B }]);
    expect(await count(db, 'handset_messages_hidden')).toBe(0);
    await expect(service.listMessages(player(2), sent.threadId, undefined, 30)).resolves.toMatchObject({ messages: [{ id: theirs.id }, { id: sent.id, senderNumber: A }] });
  });

  it('carries photos, locations and contacts, and previews them; a card says whether the viewer saved its number', async () => {
    const { service, player, saveName, pushed } = await setup();
    saveName(C, '5550177', 'Mech');
    const card = await service.send(player(1), { clientId: 'c', to: B, content: { kind: 'contact', body: '', attachment: { name: 'Mechanic', number: '5550177' } } });
    expect(card).toMatchObject({ kind: 'contact', body: '', attachment: { name: 'Mechanic', number: '5550177', saved: false } });
    const thread: ThreadSummary = await service.getThread(player(2), card.threadId);
    expect(thread.lastMessage?.preview).toBe('👤 Contact');
    const [stored] = (await service.listMessages(player(2), card.threadId, undefined, 1)).messages as [Message];
    expect(stored.attachment).toEqual({ name: 'Mechanic', number: '5550177', saved: false });

    const group = await service.createGroup(player(1), 'Crew', [B, C]);
    await service.send(player(1), { clientId: 'g', threadId: group.id, content: { kind: 'contact', body: '', attachment: { name: 'Mechanic', number: '5550177' } } });
    await until(() => expect(pushed(13, 'message.new')).toHaveLength(1));
    expect((pushed(13, 'message.new')[0] as Message).attachment).toEqual({ name: 'Mechanic', number: '5550177', saved: true });
    expect((pushed(12, 'message.new').at(-1) as Message).attachment).toEqual({ name: 'Mechanic', number: '5550177', saved: false });
  });
});
