import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { Database } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { findPhone, migratePlugin } from '../../../tests/support/plugin-phones';
import { contactsMigrations } from './contacts.migrations';
import { createContactsRepository } from './contacts.repository';
import { addContactSchema, createContactsService, updateContactSchema, type AddContactInput } from './contacts.service';

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
  async function setup(options: { requireExisting?: boolean } = {}) {
    const db = current();
    await migratePlugin(db, 'contacts', contactsMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002']);
    const service = createContactsService({
      repository: createContactsRepository(db),
      phones: { find: findPhone(db) },
      requireExisting: () => options.requireExisting ?? false,
      imageAllowed: (url) => ['cdn.example.com', 'i.imgur.com'].includes(new URL(url).hostname),
      imageHosts: () => ['cdn.example.com', 'i.imgur.com'],
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

  it('deletes any phone’s contact by id for trusted scripts, answering its owner', async () => {
    const { service } = await setup();
    const theirs = await service.add(2, input({ number: '5550101', firstName: 'Ann' }));
    await expect(service.removeAnyOwner(theirs.id)).resolves.toBe(2);
    await expect(service.removeAnyOwner(theirs.id)).resolves.toBeNull();
  });

  it('goes with its phone: deleting the character deletes its contacts', async () => {
    const { db, service } = await setup();
    await service.add(1, input({ number: '5550101', firstName: 'Ann' }));
    await service.add(2, input({ number: '5550101', firstName: 'Ann' }));
    await db.run('DELETE FROM handset_core_phones WHERE id = ?', [1]);
    expect((await contactRows(db)).map((row) => Number(row.phone_id))).toEqual([2]);
  });
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
