import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { Database } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { findPhone, migratePlugin } from '../../../tests/support/plugin-phones';
import { contactsMigrations } from './contacts.migrations';
import { createContactsRepository } from './contacts.repository';
import {
  addContactSchema,
  createContactsService,
  listPageSchema,
  readContactsSettings,
  searchSchema,
  updateContactSchema,
  type AddContactInput,
  type ContactsService,
} from './contacts.service';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? error.code : `not a HandsetError: ${String(error)}`),
  );
}

/** A contact's fields as `contacts.add` would parse them, with the request's id when given. */
const input = ({ requestId, ...fields }: Record<string, unknown>): AddContactInput => ({
  ...addContactSchema.parse(fields),
  ...(typeof requestId === 'string' ? { requestId } : {}),
});

const contactRows = (db: Database) =>
  db.select('SELECT id, phone_id, contact_number, first_name, display_name, favorite, blocked FROM handset_contacts_contacts ORDER BY id');

forEachDatabase((current) => {
  /** Both migrations, two phones (A = 1 with 5550001, B = 2 with 5550002), and the service over them. */
  async function setup(options: { requireExisting?: boolean; maxContacts?: number; maxBlockedNumbers?: number } = {}) {
    const db = current();
    await migratePlugin(db, 'contacts', contactsMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002']);
    const service = createContactsService({
      repository: createContactsRepository(db),
      phones: { find: findPhone(db) },
      requireExisting: () => options.requireExisting ?? false,
      imageAllowed: (url) => ['cdn.example.com', 'i.imgur.com'].includes(new URL(url).hostname),
      imageHosts: () => ['cdn.example.com', 'i.imgur.com'],
      maxContacts: options.maxContacts ?? 1000,
      maxBlockedNumbers: options.maxBlockedNumbers ?? 200,
    });
    return { db, service };
  }

  it('creates its table and list index once, next to the core’s', async () => {
    const { db } = await setup();
    await expect(migratePlugin(db, 'contacts', contactsMigrations)).resolves.toEqual({ applied: [] });
    expect(await tableNames(db)).toContain('handset_contacts_contacts');
    const plan =
      db.dialect === 'sqlite'
        ? (await db.select<{ detail: string }>('EXPLAIN QUERY PLAN SELECT id FROM handset_contacts_contacts WHERE phone_id = 1 ORDER BY favorite DESC, display_name, id')).map((row) => row.detail)
        : (await db.select<{ key: string | null; Extra: string | null }>('EXPLAIN SELECT id FROM handset_contacts_contacts FORCE INDEX (handset_contacts_contacts_list) WHERE phone_id = 1 ORDER BY favorite DESC, display_name, id')).map((row) => `${row.key} ${row.Extra}`);
    expect(plan.join('\n')).toContain('handset_contacts_contacts_list');
    // The index hands the rows over in list order: no sort after the read.
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|filesort/i);
  });

  it('stores a number as its digits, fills the display name, and lists favorites first, then by name in any case', async () => {
    const { service } = await setup();
    const before = Date.now() - 2000;
    const bob = await service.add(1, input({ number: '(555) 010-0001', firstName: 'bob' }));
    expect(bob).toEqual({
      id: expect.any(Number),
      phoneId: 1,
      number: '5550100001',
      firstName: 'bob',
      lastName: '',
      displayName: 'bob',
      notes: '',
      avatarUrl: null,
      favorite: false,
      blocked: false,
      createdAt: expect.any(Number),
    });
    expect(bob.createdAt).toBeGreaterThan(before);
    expect(bob.createdAt).toBeLessThan(Date.now() + 2000);
    await service.add(1, input({ number: '+1 555.0102', firstName: 'Alice', lastName: 'Smith', notes: 'neighbour', avatarUrl: 'https://cdn.example.com/a.png' }));
    await service.add(1, input({ number: '5550103', firstName: 'carol' }));
    await service.add(1, input({ number: '5550104', firstName: 'Zed', favorite: true }));
    await service.add(1, input({ number: '5550105', firstName: 'Ann', displayName: 'alice smith' }));
    await service.add(2, input({ number: '5550106', firstName: 'Other' }));

    const listed = await service.list(1);
    expect(listed.map((contact) => [contact.displayName, contact.number, contact.favorite])).toEqual([
      ['Zed', '5550104', true],
      ['Alice Smith', '15550102', false],
      ['alice smith', '5550105', false],
      ['bob', '5550100001', false],
      ['carol', '5550103', false],
    ]);
    expect(listed[1]).toMatchObject({ firstName: 'Alice', lastName: 'Smith', notes: 'neighbour', avatarUrl: 'https://cdn.example.com/a.png' });
    expect((await service.list(2)).map((contact) => contact.displayName)).toEqual(['Other']);
  });

  it('refuses a number the phone already has (any punctuation) with ALREADY_EXISTS; another phone may have it too', async () => {
    const { db, service } = await setup();
    await service.add(1, input({ number: '555-0101', firstName: 'Ann' }));
    await expect(codeOf(service.add(1, input({ number: '(555) 0101', firstName: 'Again' })))).resolves.toBe('ALREADY_EXISTS');
    await expect(service.add(2, input({ number: '5550101', firstName: 'Ann' }))).resolves.toMatchObject({ phoneId: 2, number: '5550101' });
    expect(await contactRows(db)).toHaveLength(2);
  });

  it('answers a retried request with the contact it created, once per phone, even when the retries race', async () => {
    const { db, service } = await setup();
    const first = await service.add(1, input({ number: '5550101', firstName: 'Ann', requestId: 'req-1' }));
    await expect(service.add(1, input({ number: '5550101', firstName: 'Ann', requestId: 'req-1' }))).resolves.toEqual(first);
    // The same id from another phone is another request; a request id is case-sensitive.
    await expect(service.add(2, input({ number: '5550101', firstName: 'Ann', requestId: 'req-1' }))).resolves.toMatchObject({ phoneId: 2 });
    await expect(codeOf(service.add(1, input({ number: '5550101', firstName: 'Ann', requestId: 'REQ-1' })))).resolves.toBe('ALREADY_EXISTS');

    const raced = await Promise.all(
      Array.from({ length: 4 }, () => service.add(1, input({ number: '5550109', firstName: 'Racer', requestId: 'req-2' }))),
    );
    expect(new Set(raced.map((contact) => contact.id)).size).toBe(1);
    expect(await contactRows(db)).toHaveLength(3);
  });

  it('requires that a number belongs to a character when the server owner says so (NOT_FOUND), on add and on update', async () => {
    const { db, service } = await setup({ requireExisting: true });
    await expect(codeOf(service.add(1, input({ number: '5559999', firstName: 'Nobody' })))).resolves.toBe('NOT_FOUND');
    const b = await service.add(1, input({ number: '555-0002', firstName: 'Bea' }));
    await expect(codeOf(service.update(1, updateContactSchema.parse({ id: b.id, number: '5559999' })))).resolves.toBe('NOT_FOUND');
    await expect(service.update(1, updateContactSchema.parse({ id: b.id, number: '5550001', notes: 'my own number' }))).resolves.toMatchObject({
      number: '5550001',
    });
    expect(await contactRows(db)).toHaveLength(1);
  });

  it('updates the given fields; a default display name follows the names, a chosen one stays', async () => {
    const { service } = await setup();
    const ann = await service.add(1, input({ number: '5550101', firstName: 'Ann', lastName: 'Lee' }));
    const update = (fields: Record<string, unknown>) => service.update(1, updateContactSchema.parse({ id: ann.id, ...fields }));

    await expect(update({ lastName: 'Park', notes: 'met at the docks' })).resolves.toMatchObject({ displayName: 'Ann Park', notes: 'met at the docks' });
    await expect(update({ displayName: 'Annie' })).resolves.toMatchObject({ displayName: 'Annie', firstName: 'Ann', lastName: 'Park' });
    await expect(update({ firstName: 'Anna' })).resolves.toMatchObject({ displayName: 'Annie', firstName: 'Anna' });
    await expect(update({ displayName: '' })).resolves.toMatchObject({ displayName: 'Anna Park' });
    await expect(update({ avatarUrl: 'https://cdn.example.com/anna.png' })).resolves.toMatchObject({ avatarUrl: 'https://cdn.example.com/anna.png' });
    await expect(update({ avatarUrl: 'https://elsewhere.example/anna.png' })).rejects.toEqual(
      new HandsetError('INVALID_INPUT', "the avatar's host is not on this server's image list; avatars may come from cdn.example.com, i.imgur.com"),
    );
    await expect(service.add(1, input({ number: '5550177', firstName: 'Eve', avatarUrl: 'https://elsewhere.example/e.png' }))).rejects.toThrow(
      "the avatar's host is not on this server's image list; avatars may come from cdn.example.com, i.imgur.com",
    );
    await expect(update({ avatarUrl: null, number: '555 0199' })).resolves.toMatchObject({ avatarUrl: null, number: '5550199' });
    const [stored] = await service.list(1);
    expect(stored).toEqual({ ...ann, number: '5550199', firstName: 'Anna', lastName: 'Park', displayName: 'Anna Park', notes: 'met at the docks' });

    await service.add(1, input({ number: '5550102', firstName: 'Ben' }));
    await expect(codeOf(update({ number: '555-0102' }))).resolves.toBe('ALREADY_EXISTS');
    await expect(service.update(1, updateContactSchema.parse({ id: ann.id }))).resolves.toEqual(stored);
  });

  it('favorites, blocks and deletes only the phone’s own contacts; another phone’s id is NOT_FOUND and stays as it was', async () => {
    const { db, service } = await setup();
    const ann = await service.add(1, input({ number: '5550101', firstName: 'Ann' }));
    const rowsBefore = await contactRows(db);

    for (const attempt of [
      () => service.update(2, updateContactSchema.parse({ id: ann.id, firstName: 'Stolen' })),
      () => service.setFavorite(2, ann.id, true),
      () => service.setBlocked(2, ann.id, true),
      () => service.remove(2, ann.id),
      () => service.remove(1, ann.id + 100),
    ]) {
      await expect(codeOf(attempt())).resolves.toBe('NOT_FOUND');
    }
    expect(await contactRows(db)).toEqual(rowsBefore);

    await expect(service.setFavorite(1, ann.id, true)).resolves.toMatchObject({ favorite: true, blocked: false });
    await expect(service.setBlocked(1, ann.id, true)).resolves.toMatchObject({ favorite: true, blocked: true });
    await expect(service.setBlocked(1, ann.id, true)).resolves.toMatchObject({ blocked: true });
    await expect(service.isBlocked(1, '555-0101')).resolves.toBe(true);
    await expect(service.isBlocked(2, '5550101')).resolves.toBe(false);
    await expect(service.isBlocked(1, '5550102')).resolves.toBe(false);
    await expect(service.setBlocked(1, ann.id, false)).resolves.toMatchObject({ blocked: false });
    await expect(service.isBlocked(1, '5550101')).resolves.toBe(false);

    await expect(service.remove(1, ann.id)).resolves.toBeUndefined();
    await expect(codeOf(service.remove(1, ann.id))).resolves.toBe('NOT_FOUND');
    await expect(service.list(1)).resolves.toEqual([]);
  });

  it('keeps the newest hidden-caller blocks up to the owner’s cap: the oldest gives way, nothing is refused', async () => {
    const { db, service } = await setup({ maxBlockedNumbers: 3 });
    for (const number of ['5550201', '5550202', '5550203']) await service.blockNumber(1, number);
    // Blocked a minute apart, the first one earliest.
    for (const [minute, number] of [[1, '5550201'], [2, '5550202'], [3, '5550203']] as const) {
      await db.run('UPDATE handset_contacts_blocks SET created_at = ? WHERE blocked_number = ?', [`2026-01-01 00:0${minute}:00`, number]);
    }
    await service.blockNumber(2, '5550201');
    await service.blockNumber(1, '555-0203');
    await expect(db.select('SELECT blocked_number FROM handset_contacts_blocks WHERE phone_id = 1 ORDER BY blocked_number')).resolves.toHaveLength(3);

    await service.blockNumber(1, '5550204');
    await expect(db.select('SELECT phone_id, blocked_number FROM handset_contacts_blocks ORDER BY phone_id, blocked_number')).resolves.toEqual([
      { phone_id: 1, blocked_number: '5550202' },
      { phone_id: 1, blocked_number: '5550203' },
      { phone_id: 1, blocked_number: '5550204' },
      { phone_id: 2, blocked_number: '5550201' },
    ]);
    await expect(service.isBlocked(1, '5550201')).resolves.toBe(false);
    await expect(service.isBlocked(1, '5550204')).resolves.toBe(true);
  });

  it('deletes any phone’s contact by id for trusted scripts, answering its owner', async () => {
    const { service } = await setup();
    const theirs = await service.add(2, input({ number: '5550101', firstName: 'Ann' }));
    await expect(service.removeAnyOwner(theirs.id)).resolves.toBe(2);
    await expect(service.removeAnyOwner(theirs.id)).resolves.toBeNull();
  });

  it('refuses a contact past the server owner’s cap with QUOTA_EXCEEDED and stores nothing; a retry of an earlier add still answers', async () => {
    const { db, service } = await setup({ maxContacts: 3 });
    const first = await service.add(1, input({ number: '5550101', firstName: 'Ann', requestId: 'r1' }));
    await service.add(1, input({ number: '5550102', firstName: 'Ben' }));
    await service.add(1, input({ number: '5550103', firstName: 'Cy' }));
    const before = await contactRows(db);
    await expect(service.add(1, input({ number: '5550104', firstName: 'Dee', requestId: 'r4' }))).rejects.toEqual(
      new HandsetError('QUOTA_EXCEEDED', 'a phone holds at most 3 contacts'),
    );
    expect(await contactRows(db)).toEqual(before);
    await expect(service.add(1, input({ number: '5550101', firstName: 'Ann', requestId: 'r1' }))).resolves.toEqual(first);
    // The cap is per phone; a deleted contact frees its place.
    await expect(service.add(2, input({ number: '5550104', firstName: 'Dee' }))).resolves.toMatchObject({ phoneId: 2 });
    await service.remove(1, first.id);
    await expect(service.add(1, input({ number: '5550104', firstName: 'Dee' }))).resolves.toMatchObject({ phoneId: 1 });
  });

  /** `count` contacts on phone 1 in one statement: names that collide in case and repeat, a tenth of them favorites. */
  async function seedBook(db: Database, count: number) {
    const rows = Array.from({ length: count }, (_, index) => {
      const name = `${['ann', 'Ann', 'bob', 'Zed', 'émile', '#1'][index % 6]} ${String(index % 97).padStart(2, '0')}`;
      return [1, String(5_000_000 + index), name, name, index % 10 === 0 ? 1 : 0];
    });
    for (let from = 0; from < rows.length; from += 500) {
      const chunk = rows.slice(from, from + 500);
      await db.run(
        `INSERT INTO handset_contacts_contacts (phone_id, contact_number, first_name, display_name, favorite) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
  }

  async function allPages(service: ContactsService, limit: number) {
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await service.page(1, listPageSchema.parse({ limit, ...(cursor === undefined ? {} : { cursor }) }));
      pages.push(page.contacts.map((contact) => contact.id));
      cursor = page.cursor ?? undefined;
    } while (cursor !== undefined);
    return pages;
  }

  it('pages the list by cursor: every contact once, in the whole list’s order, however the pages fall', async () => {
    const { db, service } = await setup();
    await seedBook(db, 523);
    await service.add(2, input({ number: '5550101', firstName: 'Other' }));
    const whole = (await service.list(1)).map((contact) => contact.id);
    expect(whole).toHaveLength(523);
    for (const limit of [1, 7, 50, 100]) {
      const pages = await allPages(service, limit);
      expect(pages.flat(), `limit ${limit}`).toEqual(whole);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
    // A page that ends exactly at the end has no cursor; an empty book is one empty page.
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) cursor = (await service.page(1, listPageSchema.parse({ limit: 100, cursor }))).cursor!;
    await expect(service.page(1, listPageSchema.parse({ limit: 23, cursor }))).resolves.toMatchObject({ cursor: null });
    await expect(service.page(3, listPageSchema.parse({}))).resolves.toEqual({ contacts: [], cursor: null });
    // The default page, and the bounds.
    expect((await service.page(1, listPageSchema.parse({}))).contacts).toHaveLength(50);
    for (const bad of [{ limit: 0 }, { limit: 101 }, { limit: 1.5 }, { cursor: 7 }, { phoneId: 2 }]) expect(listPageSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const cursor of ['', 'nonsense', Buffer.from('[2,"a",1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      await expect(codeOf(service.page(1, listPageSchema.parse({ cursor })))).resolves.toBe('INVALID_INPUT');
    }
  });

  it('keeps paging in step with changes: a contact added behind the cursor is not repeated, one ahead of it is found', async () => {
    const { service } = await setup();
    for (const name of ['b', 'd', 'f', 'h']) await service.add(1, input({ number: `555010${name.charCodeAt(0) - 96}`, firstName: name }));
    const first = await service.page(1, listPageSchema.parse({ limit: 2 }));
    expect(first.contacts.map((contact) => contact.displayName)).toEqual(['b', 'd']);
    await service.add(1, input({ number: '5550201', firstName: 'a' }));
    await service.add(1, input({ number: '5550202', firstName: 'e' }));
    const rest = await service.page(1, listPageSchema.parse({ limit: 10, cursor: first.cursor! }));
    expect(rest.contacts.map((contact) => contact.displayName)).toEqual(['e', 'f', 'h']);
  });

  it('searches names (any case, any part) and numbers in the database, in list order, up to the limit', async () => {
    const { db, service } = await setup();
    await seedBook(db, 300);
    await service.add(1, input({ number: '(555) 777-1234', firstName: 'Quinn', lastName: 'Oddly' }));
    await service.add(2, input({ number: '5557771234', firstName: 'Quinn', lastName: 'Elsewhere' }));
    const search = (query: string, limit?: number) => service.search(1, searchSchema.parse({ query, ...(limit ? { limit } : {}) }));
    await expect(search('ODDL')).resolves.toEqual([expect.objectContaining({ displayName: 'Quinn Oddly', phoneId: 1 })]);
    await expect(search('777-12')).resolves.toEqual([expect.objectContaining({ number: '5557771234', phoneId: 1 })]);
    await expect(search('uinn')).resolves.toHaveLength(1);
    // Text that LIKE would read as wildcards is taken as text.
    await expect(search('%')).resolves.toEqual([]);
    await expect(search('_')).resolves.toEqual([]);
    const bobs = await search('bob', 50);
    expect(bobs).toHaveLength(50);
    const whole = await service.list(1);
    expect(bobs.map((contact) => contact.id)).toEqual(whole.filter((contact) => contact.displayName.startsWith('bob')).slice(0, 50).map((contact) => contact.id));
    const hashes = whole.filter((contact) => contact.displayName.includes('#1 0'));
    expect(hashes.length).toBeGreaterThan(1);
    expect((await search('#1 0', 50)).map((contact) => contact.id)).toEqual(hashes.map((contact) => contact.id));
    for (const bad of [{ query: '' }, { query: '   ' }, { query: 'x'.repeat(65) }, { query: 'a', limit: 51 }]) expect(searchSchema.safeParse(bad).success).toBe(false);
  });

  it('names only the numbers asked for, in one query whose parameters are those numbers, however big the book', async () => {
    const { db, service } = await setup();
    await seedBook(db, 5000);
    await service.add(2, input({ number: '5000001', firstName: 'Not', lastName: 'Mine' }));
    const queries: { sql: string; values: unknown[] }[] = [];
    const select = db.select.bind(db);
    const recording = Object.assign(Object.create(db) as Database, {
      select: (sql: string, values: unknown[] = []) => (queries.push({ sql, values }), select(sql, values)),
    });
    const counted = createContactsService({
      repository: createContactsRepository(recording),
      phones: { find: findPhone(db) },
      requireExisting: () => false,
      imageAllowed: () => true,
      imageHosts: () => [],
      maxContacts: 10_000,
      maxBlockedNumbers: 200,
    });
    const names = await counted.namesFor(1, ['500-0001', '5004999', '5550999', '5000001']);
    expect([...names].sort()).toEqual([
      ['5000001', 'Ann 01'],
      ['5004999', 'Ann 52'],
    ]);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.values).toEqual([1, '5000001', '5004999', '5550999']);
    const rows = await recording.select<{ n: number }>(`SELECT COUNT(*) AS n FROM handset_contacts_contacts WHERE phone_id = 1`);
    expect(Number(rows[0]!.n)).toBe(5000);
    await expect(counted.namesFor(1, [])).resolves.toEqual(new Map());
    await expect(codeOf(counted.namesFor(1, Array.from({ length: 2001 }, (_, index) => String(5_000_000 + index))))).resolves.toBe('INVALID_INPUT');
    // The look-up reads the unique key (phone_id, contact_number), not the phone's rows.
    const explain =
      db.dialect === 'sqlite'
        ? (await db.select<{ detail: string }>(`EXPLAIN QUERY PLAN ${queries[0]!.sql}`, queries[0]!.values)).map((row) => row.detail).join('\n')
        : (await db.select<{ key: string | null; type: string }>(`EXPLAIN ${queries[0]!.sql}`, queries[0]!.values)).map((row) => `${row.type} ${row.key}`).join('\n');
    expect(explain).toMatch(db.dialect === 'sqlite' ? /USING INDEX sqlite_autoindex_handset_contacts_contacts_1 \(phone_id=\? AND contact_number=\?\)/ : /^range phone_id$/m);
  });

  it('goes with its phone: deleting the character deletes its contacts', async () => {
    const { db, service } = await setup();
    await service.add(1, input({ number: '5550101', firstName: 'Ann' }));
    await service.add(2, input({ number: '5550101', firstName: 'Ann' }));
    await db.run('DELETE FROM handset_core_phones WHERE id = ?', [1]);
    expect((await contactRows(db)).map((row) => Number(row.phone_id))).toEqual([2]);
  });
});

it('reads the caps from handset:contacts:max_contacts and max_blocked_numbers; a bad value warns and keeps the default', () => {
  const warnings: string[] = [];
  const read = (values: Record<string, string>) => readContactsSettings((name, fallback) => values[name] ?? fallback, (message) => warnings.push(message));
  expect(read({})).toEqual({ maxContacts: 1000, maxBlockedNumbers: 200 });
  expect(read({ max_contacts: '250', max_blocked_numbers: '50' })).toEqual({ maxContacts: 250, maxBlockedNumbers: 50 });
  for (const bad of ['0', '-5', '1.5', 'lots', '100001']) expect(read({ max_contacts: bad, max_blocked_numbers: bad })).toEqual({ maxContacts: 1000, maxBlockedNumbers: 200 });
  expect(warnings).toEqual(
    Array(5)
      .fill([
        'Handset contacts: handset:contacts:max_contacts must be a whole number from 1 to 100000; using 1000',
        'Handset contacts: handset:contacts:max_blocked_numbers must be a whole number from 1 to 100000; using 200',
      ])
      .flat(),
  );
});

it('reads numbers with punctuation as digits and refuses malformed ones, bad avatars and over-long text', () => {
  const parse = (fields: Record<string, unknown>) => {
    const parsed = addContactSchema.safeParse({ number: '5550101', firstName: 'Ann', ...fields });
    return parsed.success ? parsed.data : parsed.error.issues[0]!.message;
  };
  expect(parse({ number: '(555) 010-0001' })).toMatchObject({ number: '5550100001' });
  expect(parse({ number: '+44 20.7946' })).toMatchObject({ number: '44207946' });
  const badNumber = 'a number is 3-15 digits, with optional spaces and ( ) + - .';
  for (const number of ['', '55', '1234567890123456', '555-CALL', '555-0101x', '5'.repeat(33), 5550101, null, undefined]) {
    expect(parse({ number })).toBe(badNumber);
  }
  expect(parse({ avatarUrl: 'https://cdn.example.com/a.png' })).toMatchObject({ avatarUrl: 'https://cdn.example.com/a.png' });
  expect(parse({ avatarUrl: '' })).toMatchObject({ avatarUrl: null });
  const badAvatar = 'the avatar must be an https URL of at most 500 characters';
  for (const avatarUrl of ['http://cdn.example.com/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url', `https://x.example/${'a'.repeat(490)}`, 7]) {
    expect(parse({ avatarUrl })).toBe(badAvatar);
  }
  expect(parse({ firstName: '   ' })).toBe('first name must be 1-32 characters');
  expect(parse({ firstName: 'a'.repeat(33) })).toBe('first name must be 1-32 characters');
  expect(parse({ lastName: 'a'.repeat(33) })).toBe('last name must be at most 32 characters');
  expect(parse({ displayName: 'a'.repeat(65) })).toBe('display name must be at most 64 characters');
  expect(parse({ notes: 'a'.repeat(501) })).toBe('notes must be at most 500 characters');
  expect(parse({ favorite: 'yes' })).toBe('favorite must be true or false');
  expect(parse({ firstName: '  Ann  ', lastName: ' Lee ' })).toMatchObject({ firstName: 'Ann', lastName: 'Lee' });
});
