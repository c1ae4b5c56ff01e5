import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { Database } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { migratePlugin } from '../../../tests/support/plugin-phones';
import { mailMigrations } from './mail.migrations';
import { createMailRepository } from './mail.repository';
import { claimSchema, createMailService, listSchema, sendSchema, type MailSummary } from './mail.service';
import { readMailSettings, type MailSettings } from './mail.settings';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? `${error.code}: ${error.message}` : `not a HandsetError: ${String(error)}`),
  );
}

const send = (fields: Record<string, unknown>) => sendSchema.parse({ subject: 'Hi', body: 'Hello there', ...fields });
const list = (fields: Record<string, unknown>) => listSchema.parse(fields);
const name = (text: string) => claimSchema.parse({ name: text }).name;

const mailRows = (db: Database) =>
  db.select<{ phone_id: number | string; folder: string }>('SELECT id, phone_id, folder, from_address, to_address, is_read, client_id FROM handset_mail_messages ORDER BY id');

forEachDatabase((current) => {
  /** Both migrations, three phones (1, 2, 3), a clock the test moves, and the service over them. */
  async function setup(settings: Partial<MailSettings> = {}) {
    const db = current();
    await migratePlugin(db, 'mail', mailMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?), (?, ?)', [
      'license:a',
      '5550001',
      'license:b',
      '5550002',
      'license:c',
      '5550003',
    ]);
    const clock = { now: START };
    const delivered: [number, MailSummary][] = [];
    const notified: [number, string][] = [];
    const unreadChanges: number[] = [];
    /** `owner>phone` pairs of phone ids: the owner's character blocked that phone's number in Contacts. */
    const blockedNumbers = new Set<string>();
    const service = createMailService({
      repository: createMailRepository(db),
      settings: { domain: 'celltowa.com', allowChange: true, changeDays: 7, perRecipientPerMinute: 600, maxMailbox: 1000, ...settings },
      delivered: (phoneId, mail, notify) => {
        delivered.push([phoneId, mail]);
        if (notify) notified.push([phoneId, mail.subject]);
      },
      unreadChanged: (phoneId) => unreadChanges.push(phoneId),
      numberBlocked: async (owner, phoneId) => blockedNumbers.has(`${owner}>${phoneId}`),
      now: () => clock.now,
    });
    return { db, service, clock, delivered, notified, unreadChanges, blockedNumbers };
  }

  it('creates its tables and list index once, and a folder page is one indexed read without a sort', async () => {
    const { db } = await setup();
    await expect(migratePlugin(db, 'mail', mailMigrations)).resolves.toEqual({ applied: [] });
    expect((await tableNames(db)).filter((table) => table.startsWith('handset_mail_'))).toEqual(['handset_mail_addresses', 'handset_mail_blocks', 'handset_mail_messages']);
    const query = `SELECT id FROM handset_mail_messages WHERE phone_id = 1 AND folder = 'inbox' AND created_at <= 5 AND (created_at < 5 OR id < 9) ORDER BY created_at DESC, id DESC LIMIT 31`;
    const plan =
      db.dialect === 'sqlite'
        ? (await db.select<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`)).map((row) => row.detail)
        : (await db.select<{ key: string | null; Extra: string | null }>(`EXPLAIN ${query.replace('WHERE', 'FORCE INDEX (handset_mail_messages_list) WHERE')}`)).map(
            (row) => `${row.key} ${row.Extra}`,
          );
    expect(plan.join('\n')).toContain('handset_mail_messages_list');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|filesort/i);
  });

  it('claims one address per character under the server’s domain; a name is unique, in any case', async () => {
    const { service } = await setup();
    await expect(service.address(1)).resolves.toBeNull();
    await expect(service.claim(1, name('  John.Doe '))).resolves.toEqual({ name: 'john.doe', address: 'john.doe@celltowa.com', canChange: true, nextChangeAt: null });
    await expect(service.address(1)).resolves.toEqual({ name: 'john.doe', address: 'john.doe@celltowa.com', canChange: true, nextChangeAt: null });
    // Claiming what one has again changes nothing (a retry).
    await expect(service.claim(1, 'john.doe')).resolves.toMatchObject({ name: 'john.doe', canChange: true });
    await expect(codeOf(service.claim(2, name('JOHN.DOE')))).resolves.toBe('ALREADY_EXISTS: john.doe@celltowa.com is taken');
    await expect(codeOf(service.claim(2, 'noreply'))).resolves.toBe('FORBIDDEN: noreply@celltowa.com is reserved');
    await expect(service.claim(2, 'jane_roe-2')).resolves.toMatchObject({ address: 'jane_roe-2@celltowa.com' });

    const raced = await Promise.all([service.claim(3, 'racer'), service.claim(3, 'racer')]);
    expect(raced.map((address) => address.name)).toEqual(['racer', 'racer']);
  });

  it('changes an address at most once per change_days, releasing the old one at once', async () => {
    const { service, clock } = await setup();
    await service.claim(1, 'first');
    clock.now += 1000;
    // The first change may follow the claim at once; the next waits change_days.
    await expect(service.claim(1, 'second')).resolves.toEqual({ name: 'second', address: 'second@celltowa.com', canChange: false, nextChangeAt: clock.now + 7 * DAY });
    await expect(service.claim(2, 'first')).resolves.toMatchObject({ name: 'first' });
    clock.now += 6 * DAY;
    await expect(codeOf(service.claim(1, 'third'))).resolves.toBe('FORBIDDEN: a mail address can change once every 7 days: try again in 1 day');
    await expect(service.address(1)).resolves.toMatchObject({ name: 'second', canChange: false });
    clock.now += DAY;
    await expect(service.address(1)).resolves.toMatchObject({ name: 'second', canChange: true, nextChangeAt: null });
    await expect(codeOf(service.claim(1, 'first'))).resolves.toBe('ALREADY_EXISTS: first@celltowa.com is taken');
    await expect(service.claim(1, 'third')).resolves.toMatchObject({ name: 'third' });
    await expect(service.mailboxAt('second@celltowa.com')).resolves.toBeNull();
    await expect(service.mailboxAt('Third@CellTowa.com')).resolves.toEqual({ phoneId: 1, address: 'third@celltowa.com' });
  });

  it('refuses every change when the server owner does not allow them', async () => {
    const { service, clock } = await setup({ allowChange: false });
    await expect(service.claim(1, 'fixed')).resolves.toEqual({ name: 'fixed', address: 'fixed@celltowa.com', canChange: false, nextChangeAt: null });
    clock.now += 365 * DAY;
    await expect(codeOf(service.claim(1, 'other'))).resolves.toBe('FORBIDDEN: this server does not allow changing a mail address');
    await expect(service.claim(1, 'fixed')).resolves.toMatchObject({ name: 'fixed' });
  });

  it('sends to an address someone has: a sent copy and an inbox copy, the recipient told of theirs', async () => {
    const { db, service, delivered } = await setup();
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    const sent = await service.send(1, send({ clientId: 'c-1', to: ' BOB@celltowa.com ', subject: ' Lunch? ', body: '  Noon at\n\n the   pier. ' }));
    expect(sent).toEqual({
      id: expect.any(Number),
      folder: 'sent',
      from: 'ann@celltowa.com',
      to: 'bob@celltowa.com',
      subject: 'Lunch?',
      body: 'Noon at\n\n the   pier.',
      read: true,
      replyTo: null,
      createdAt: START,
    });
    expect(delivered).toEqual([
      [2, { id: expect.any(Number), folder: 'inbox', from: 'ann@celltowa.com', to: 'bob@celltowa.com', subject: 'Lunch?', preview: 'Noon at the pier.', read: false, createdAt: START }],
    ]);
    const inbox = await service.list(2, list({ folder: 'inbox' }));
    expect(inbox).toEqual({ mails: [delivered[0]![1]], cursor: null });
    await expect(service.list(1, list({ folder: 'sent' }))).resolves.toEqual({ mails: [{ ...delivered[0]![1], id: sent.id, folder: 'sent', read: true }], cursor: null });
    await expect(service.list(1, list({ folder: 'inbox' }))).resolves.toEqual({ mails: [], cursor: null });

    // A retry with the same client id answers the same mail and writes nothing.
    await expect(service.send(1, send({ clientId: 'c-1', to: 'bob@celltowa.com', subject: 'Other' }))).resolves.toEqual(sent);
    const raced = await Promise.all(Array.from({ length: 4 }, () => service.send(1, send({ clientId: 'c-2', to: 'bob@celltowa.com' }))));
    expect(new Set(raced.map((mail) => mail.id)).size).toBe(1);
    expect(await mailRows(db)).toHaveLength(4);
    expect(delivered).toHaveLength(2);
  });

  it('counts the badge as unread inbox mail, and says when it may have changed: a delivery, a read, a deletion', async () => {
    const { service, unreadChanges } = await setup();
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    await service.send(1, send({ clientId: 'c-1', to: 'bob@celltowa.com' }));
    const { mails } = await service.list(2, list({ folder: 'inbox' }));
    await service.send(1, send({ clientId: 'c-2', to: 'bob@celltowa.com' }));
    expect(unreadChanges).toEqual([2, 2]);
    expect([await service.unread(2), await service.unread(1)]).toEqual([2, 0]);
    await service.get(2, mails[0]!.id);
    await service.get(2, mails[0]!.id);
    expect(await service.unread(2)).toBe(1);
    await service.setRead(2, mails[0]!.id, false);
    expect(await service.unread(2)).toBe(2);
    await service.remove(2, mails[0]!.id);
    expect(await service.unread(2)).toBe(1);
    expect(unreadChanges).toEqual([2, 2, 2, 2, 2]);
  });

  it('refuses a send to nobody (NOT_FOUND), without an address of one’s own (FORBIDDEN), or replying to another’s mail', async () => {
    const { db, service } = await setup();
    await codeOf(service.send(1, send({ clientId: 'c', to: 'bob@celltowa.com' }))).then((code) => expect(code).toBe('FORBIDDEN: claim a mail address before sending mail'));
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    await expect(codeOf(service.send(1, send({ clientId: 'c', to: 'nobody@celltowa.com' })))).resolves.toBe('NOT_FOUND: no one has the address nobody@celltowa.com');
    await expect(codeOf(service.send(1, send({ clientId: 'c', to: 'bob@elsewhere.com' })))).resolves.toBe('NOT_FOUND: no one has the address bob@elsewhere.com');
    const toAnn = await service.send(2, send({ clientId: 'b-1', to: 'ann@celltowa.com' }));
    await expect(codeOf(service.send(1, send({ clientId: 'c', to: 'bob@celltowa.com', replyTo: toAnn.id })))).resolves.toBe(`NOT_FOUND: no mail ${toAnn.id}`);
    expect(await mailRows(db)).toHaveLength(2);

    const [annInbox] = (await service.list(1, list({ folder: 'inbox' }))).mails;
    await expect(service.send(1, send({ clientId: 'c', to: 'bob@celltowa.com', subject: 'Re: Hi', replyTo: annInbox!.id }))).resolves.toMatchObject({ replyTo: annInbox!.id, subject: 'Re: Hi' });
  });

  it('pages a folder newest first by (created_at, id), also across mails sent in the same millisecond', async () => {
    const { service, clock } = await setup();
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    for (let index = 0; index < 7; index += 1) {
      // Two mails per instant, so pages split inside one created_at.
      if (index % 2 === 0) clock.now += 1000;
      await service.send(1, send({ clientId: `c-${index}`, to: 'bob@celltowa.com', subject: `Mail ${index}` }));
    }
    const subjects: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { mails: MailSummary[]; cursor: string | null } = await service.list(2, list({ folder: 'inbox', limit: 3, cursor }));
      subjects.push(page.mails.map((mail) => mail.subject));
      cursor = page.cursor;
    } while (cursor !== null);
    expect(subjects).toEqual([
      ['Mail 6', 'Mail 5', 'Mail 4'],
      ['Mail 3', 'Mail 2', 'Mail 1'],
      ['Mail 0'],
    ]);
  });

  it('marks read on open, sets read and unread, and deletes only the phone’s own copies; another’s id is NOT_FOUND', async () => {
    const { db, service } = await setup();
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    const sent = await service.send(1, send({ clientId: 'c-1', to: 'bob@celltowa.com' }));
    const [received] = (await service.list(2, list({ folder: 'inbox' }))).mails;
    const before = await mailRows(db);

    for (const attempt of [() => service.get(1, received!.id), () => service.setRead(1, received!.id, true), () => service.remove(1, received!.id), () => service.get(2, sent.id)]) {
      await expect(codeOf(attempt())).resolves.toMatch(/^NOT_FOUND: no mail \d+$/);
    }
    expect(await mailRows(db)).toEqual(before);

    await expect(service.get(2, received!.id)).resolves.toMatchObject({ id: received!.id, read: true, body: 'Hello there' });
    await expect(service.list(2, list({ folder: 'inbox' }))).resolves.toMatchObject({ mails: [{ read: true }] });
    await expect(service.setRead(2, received!.id, false)).resolves.toMatchObject({ read: false });
    await expect(service.list(2, list({ folder: 'inbox' }))).resolves.toMatchObject({ mails: [{ read: false }] });

    await expect(service.remove(2, received!.id)).resolves.toBeUndefined();
    await expect(codeOf(service.remove(2, received!.id))).resolves.toBe(`NOT_FOUND: no mail ${received!.id}`);
    // The sender's copy stays.
    await expect(service.get(1, sent.id)).resolves.toEqual(sent);
  });

  it('delivers a script’s mail to a mailbox, from noreply@<domain> unless told otherwise', async () => {
    const { service, delivered } = await setup();
    await service.claim(2, 'bob');
    const bob = (await service.mailboxOf(2))!;
    await expect(service.mailboxOf(1)).resolves.toBeNull();
    await service.deliver(bob, { from: null, subject: 'Order Confirmation', body: 'Your order has shipped.' });
    await service.deliver(bob, { from: 'employer@celltowa.com', subject: 'Paycheck', body: 'You received $500.' });
    expect(delivered.map(([phoneId, mail]) => [phoneId, mail.from, mail.subject])).toEqual([
      [2, 'noreply@celltowa.com', 'Order Confirmation'],
      [2, 'employer@celltowa.com', 'Paycheck'],
    ]);
    await expect(service.list(2, list({ folder: 'inbox' }))).resolves.toMatchObject({ mails: [{ subject: 'Paycheck' }, { subject: 'Order Confirmation' }] });
  });

  it('limits mail from one sender to one address a minute (RATE_LIMITED, nothing stored), each recipient counted apart', async () => {
    const { db, service, clock, delivered } = await setup({ perRecipientPerMinute: 3 });
    for (const [phoneId, address] of [[1, 'ann'], [2, 'bob'], [3, 'cid']] as const) await service.claim(phoneId, address);
    const codes: string[] = [];
    for (let n = 0; n < 5; n++) codes.push(await codeOf(service.send(1, send({ clientId: `b-${n}`, to: 'bob@celltowa.com' }))));
    expect(codes).toEqual(['resolved', 'resolved', 'resolved', 'RATE_LIMITED: too many mails to bob@celltowa.com: at most 3 a minute', 'RATE_LIMITED: too many mails to bob@celltowa.com: at most 3 a minute']);
    await expect(codeOf(service.send(1, send({ clientId: 'c-1', to: 'cid@celltowa.com' })))).resolves.toBe('resolved');
    await expect(codeOf(service.send(3, send({ clientId: 'c-2', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');
    expect(await mailRows(db)).toHaveLength(10);
    expect(delivered.filter(([phoneId]) => phoneId === 2)).toHaveLength(4);
    // A retry of a sent mail is answered, not counted.
    await expect(codeOf(service.send(1, send({ clientId: 'b-0', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');
    clock.now += 20_000;
    await expect(codeOf(service.send(1, send({ clientId: 'b-later', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');
  });

  it('blocks an address: its mail, a player’s or a script’s, is refused (FORBIDDEN) or not delivered, and nothing is stored', async () => {
    const { db, service, delivered } = await setup();
    for (const [phoneId, address] of [[1, 'ann'], [2, 'bob'], [3, 'cid']] as const) await service.claim(phoneId, address);
    await expect(service.blocks(2)).resolves.toEqual([]);
    await expect(service.block(2, 'ann@celltowa.com')).resolves.toEqual(['ann@celltowa.com']);
    await expect(service.block(2, 'ann@celltowa.com')).resolves.toEqual(['ann@celltowa.com']);
    await expect(service.block(2, 'spam@ads.example')).resolves.toEqual(['ann@celltowa.com', 'spam@ads.example']);
    await expect(codeOf(service.block(2, 'bob@celltowa.com'))).resolves.toBe('INVALID_INPUT: you cannot block your own address');

    await expect(codeOf(service.send(1, send({ clientId: 'a-1', to: 'bob@celltowa.com' })))).resolves.toBe('FORBIDDEN: this address does not take your mail');
    const bob = (await service.mailboxOf(2))!;
    await expect(service.deliver(bob, { from: 'SPAM@ads.example', subject: 'Win', body: 'Click' })).resolves.toBeNull();
    expect(await mailRows(db)).toEqual([]);
    expect(delivered).toEqual([]);
    // Bob may still mail Ann, and Cid may mail Bob.
    await expect(codeOf(service.send(2, send({ clientId: 'b-1', to: 'ann@celltowa.com' })))).resolves.toBe('resolved');
    await expect(codeOf(service.send(3, send({ clientId: 'c-1', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');

    await expect(service.unblock(2, 'ann@celltowa.com')).resolves.toEqual(['spam@ads.example']);
    await expect(codeOf(service.unblock(2, 'ann@celltowa.com'))).resolves.toBe('NOT_FOUND: ann@celltowa.com is not blocked');
    await expect(codeOf(service.send(1, send({ clientId: 'a-2', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');
  });

  it('refuses mail from a player whose number the recipient blocked in Contacts, whatever their address', async () => {
    const { db, service, blockedNumbers } = await setup();
    for (const [phoneId, address] of [[1, 'ann'], [2, 'bob']] as const) await service.claim(phoneId, address);
    blockedNumbers.add('2>1');
    await expect(codeOf(service.send(1, send({ clientId: 'a-1', to: 'bob@celltowa.com' })))).resolves.toBe('FORBIDDEN: this address does not take your mail');
    expect(await mailRows(db)).toEqual([]);
    await expect(codeOf(service.send(2, send({ clientId: 'b-1', to: 'ann@celltowa.com' })))).resolves.toBe('resolved');
  });

  it('refuses new mail to a full mailbox (QUOTA_EXCEEDED) without deleting any of the owner’s mail, until they make room', async () => {
    const { db, service } = await setup({ maxMailbox: 3 });
    for (const [phoneId, address] of [[1, 'ann'], [2, 'bob']] as const) await service.claim(phoneId, address);
    const bob = (await service.mailboxOf(2))!;
    for (let n = 0; n < 3; n++) await service.send(1, send({ clientId: `a-${n}`, to: 'bob@celltowa.com' }));
    const { mails } = await service.list(2, list({ folder: 'inbox' }));
    for (const mail of mails) await service.get(2, mail.id);
    await expect(codeOf(service.send(1, send({ clientId: 'a-3', to: 'bob@celltowa.com' })))).resolves.toBe(
      'QUOTA_EXCEEDED: the mailbox of bob@celltowa.com is full: it holds at most 3 mails',
    );
    await expect(service.deliver(bob, { from: null, subject: 'Bill', body: 'Pay' })).resolves.toBeNull();
    expect((await service.list(2, list({ folder: 'inbox' }))).mails.map((mail) => mail.id)).toEqual(mails.map((mail) => mail.id));
    // The sender's sent folder does not count against the recipient, and Bob can still send.
    await expect(codeOf(service.send(2, send({ clientId: 'b-1', to: 'ann@celltowa.com' })))).resolves.toBe('resolved');
    await service.remove(2, mails[0]!.id);
    await expect(codeOf(service.send(1, send({ clientId: 'a-3', to: 'bob@celltowa.com' })))).resolves.toBe('resolved');
    expect(await mailRows(db)).toHaveLength(3 * 2 - 1 + 2 + 2);
  });

  it('notifies a flood from one sender once while its mail is unread, so older notifications stay in the center', async () => {
    const { service, delivered, notified } = await setup();
    for (const [phoneId, address] of [[1, 'ann'], [2, 'bob'], [3, 'cid']] as const) await service.claim(phoneId, address);
    for (let n = 0; n < 20; n++) await service.send(1, send({ clientId: `a-${n}`, to: 'bob@celltowa.com', subject: `#${n}` }));
    await service.send(3, send({ clientId: 'c-1', to: 'bob@celltowa.com', subject: 'from cid' }));
    expect(delivered.filter(([phoneId]) => phoneId === 2)).toHaveLength(21);
    expect(notified).toEqual([
      [2, '#0'],
      [2, 'from cid'],
    ]);
    // Once Bob has read Ann's mail, her next one is news again.
    const { mails } = await service.list(2, list({ folder: 'inbox', limit: 50 }));
    for (const mail of mails.filter((mail) => mail.from === 'ann@celltowa.com')) await service.get(2, mail.id);
    await service.send(1, send({ clientId: 'a-new', to: 'bob@celltowa.com', subject: 'new' }));
    expect(notified.at(-1)).toEqual([2, 'new']);
  });

  it('goes with its phone: deleting the character deletes its address and mailbox, and frees the name', async () => {
    const { db, service } = await setup();
    await service.claim(1, 'ann');
    await service.claim(2, 'bob');
    await service.send(1, send({ clientId: 'c-1', to: 'bob@celltowa.com' }));
    await db.run('DELETE FROM handset_core_phones WHERE id = ?', [2]);
    expect((await mailRows(db)).map((row) => [Number(row.phone_id), row.folder])).toEqual([[1, 'sent']]);
    await expect(service.claim(3, 'bob')).resolves.toMatchObject({ name: 'bob' });
  });
});

it('reads names, addresses, subjects and bodies with the documented limits and messages', () => {
  const parse = (fields: Record<string, unknown>) => {
    const parsed = sendSchema.safeParse({ clientId: 'c', to: 'bob@celltowa.com', subject: 'Hi', body: 'Hello', ...fields });
    return parsed.success ? parsed.data : parsed.error.issues[0]!.message;
  };
  expect(parse({})).toEqual({ clientId: 'c', to: 'bob@celltowa.com', subject: 'Hi', body: 'Hello' });
  expect(parse({ subject: undefined })).toMatchObject({ subject: '' });
  // A bare name is a name on this server; the service completes it with the domain.
  expect(parse({ to: ' Bob ' })).toMatchObject({ to: 'bob' });
  for (const to of ['bob@', '@celltowa.com', 'bob smith@celltowa.com', 'bob smith', `${'a'.repeat(120)}@celltowa.com`, 7]) {
    expect(parse({ to })).toBe('to must be a mail address such as name@domain, or a name on this server');
  }
  expect(parse({ subject: 'a'.repeat(121) })).toBe('subject must be at most 120 characters');
  expect(parse({ subject: 'a'.repeat(120) })).toMatchObject({ subject: 'a'.repeat(120) });
  for (const body of ['', '   ', 'a'.repeat(5001), null]) expect(parse({ body })).toBe('body must be 1-5000 characters');
  expect(parse({ clientId: '' })).toBe('clientId must be 1-64 characters');
  expect(parse({ replyTo: -1 })).toBe('id must be a mail id');

  const claim = (value: unknown) => {
    const parsed = claimSchema.safeParse({ name: value });
    return parsed.success ? parsed.data.name : parsed.error.issues[0]!.message;
  };
  expect(claim(' Jane.Doe_1-x ')).toBe('jane.doe_1-x');
  const badName = 'an address name is 3-24 characters: a-z, 0-9, dot, underscore or hyphen';
  for (const value of ['ab', 'a'.repeat(25), 'jane doe', 'jane@doe', 'zoë', '', 12345]) expect(claim(value)).toBe(badName);

  const page = (fields: Record<string, unknown>) => {
    const parsed = listSchema.safeParse({ folder: 'inbox', ...fields });
    return parsed.success ? parsed.data : parsed.error.issues[0]!.message;
  };
  expect(page({})).toEqual({ folder: 'inbox', limit: 30 });
  expect(page({ folder: 'trash' })).toBe('folder must be inbox or sent');
  expect(page({ limit: 51 })).toBe('limit must be a whole number from 1 to 50');
  expect(page({ cursor: 'page-2' })).toBe('cursor must be one a previous mail.list answered');
  expect(page({ cursor: '1735689600000:12' })).toMatchObject({ cursor: { createdAt: 1735689600000, id: 12 } });
});

it('reads the server owner’s settings, replacing a bad one by its default with a warning', () => {
  const read = (values: Record<string, string>) => {
    const warnings: string[] = [];
    const settings = readMailSettings((name, fallback) => values[name] ?? fallback, (message) => warnings.push(message));
    return { settings, warnings };
  };
  const defaults = { domain: 'handset.mail', allowChange: true, changeDays: 7, perRecipientPerMinute: 5, maxMailbox: 500 };
  expect(read({})).toEqual({ settings: defaults, warnings: [] });
  expect(read({ domain: ' CellTowa.com ', allow_change: 'FALSE', change_days: '0', per_recipient_per_minute: ' 20 ', max_mailbox: '1000' }).settings).toEqual({
    domain: 'celltowa.com',
    allowChange: false,
    changeDays: 0,
    perRecipientPerMinute: 20,
    maxMailbox: 1000,
  });
  expect(read({ domain: 'not a domain', allow_change: 'maybe', change_days: '-1', per_recipient_per_minute: '0', max_mailbox: 'lots' })).toEqual({
    settings: defaults,
    warnings: [
      'handset:mail:domain must be a domain such as handset.mail; using handset.mail',
      'handset:mail:allow_change must be true or false; using true',
      'handset:mail:change_days must be a whole number of days from 0 to 9999; using 7',
      'handset:mail:per_recipient_per_minute must be a whole number from 1 to 600; using 5',
      'handset:mail:max_mailbox must be a whole number from 1 to 100000; using 500',
    ],
  });
});
