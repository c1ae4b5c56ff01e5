import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openSqlite } from '../../../tests/support/handset';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Page = Parameters<typeof nui>[0];
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** The contacts page's `request(action, payload)`, as the shell sends it for the player. */
const contacts = (page: Page) => (action: string, payload: unknown) =>
  nui(page, 'request', { appId: 'contacts', action, payload }) as Promise<Answer>;

/** The data of an answer that must succeed. */
async function data<T = Record<string, unknown>>(answer: Promise<Answer>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`expected success, got ${JSON.stringify(settled.error)}`);
  return settled.data as T;
}

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

onEachDatabase((open) => {
  it('lets a player add, list, edit, favorite, block and delete contacts, with exact refusals', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:image_hosts': 'cdn.example.com' } });
    const a = await connectWithPhone(simulation);
    const request = contacts(a.page);

    await expect(request('contacts.list', {})).resolves.toEqual({ ok: true, data: { contacts: [], cursor: null } });
    const bob = await data(request('contacts.add', { requestId: 'r-bob', number: '(555) 010-0002', firstName: 'Bob', lastName: 'Stone' }));
    expect(bob).toEqual({
      id: expect.any(Number),
      number: '5550100002',
      displayNumber: '555-010-0002',
      firstName: 'Bob',
      lastName: 'Stone',
      displayName: 'Bob Stone',
      notes: '',
      avatarUrl: null,
      favorite: false,
      blocked: false,
      createdAt: expect.any(Number),
    });
    const ann = await data(
      request('contacts.add', {
        requestId: 'r-ann',
        number: '555 0101',
        firstName: 'ann',
        notes: 'from the docks',
        avatarUrl: 'https://cdn.example.com/ann.png',
        favorite: false,
      }),
    );
    expect(ann).toMatchObject({ number: '5550101', displayNumber: '5550101', displayName: 'ann', avatarUrl: 'https://cdn.example.com/ann.png' });

    // A retry of the same request answers the same contact; the same number from a new request is a duplicate.
    await expect(request('contacts.add', { requestId: 'r-bob', number: '5550100002', firstName: 'Bob', lastName: 'Stone' })).resolves.toEqual({
      ok: true,
      data: bob,
    });
    await expect(request('contacts.add', { requestId: 'r-bob-2', number: '555-010-0002', firstName: 'Bobby' })).resolves.toEqual(
      refused('ALREADY_EXISTS', '5550100002 is already a contact'),
    );
    const badNumber = refused('INVALID_INPUT', 'a number is 3-15 digits, with optional spaces and ( ) + - .');
    await expect(request('contacts.add', { requestId: 'r-bad', number: '555-CALL-NOW', firstName: 'Spam' })).resolves.toEqual(badNumber);
    await expect(request('contacts.add', { requestId: 'r-bad', number: '12', firstName: 'Short' })).resolves.toEqual(badNumber);
    await expect(request('contacts.add', { number: '5550103', firstName: 'No request id' })).resolves.toEqual(
      refused('INVALID_INPUT', 'requestId must be 1-64 characters'),
    );
    await expect(request('contacts.add', { requestId: 'r-http', number: '5550104', firstName: 'Eve', avatarUrl: 'http://evil.example/x.png' })).resolves.toEqual(
      refused('INVALID_INPUT', 'the avatar must be an https URL of at most 500 characters'),
    );
    // The refusal names the server owner's image hosts (handset:image_hosts), so the player knows where to look.
    await expect(request('contacts.add', { requestId: 'r-host', number: '5550104', firstName: 'Eve', avatarUrl: 'https://evil.example/x.png' })).resolves.toEqual(
      refused('INVALID_INPUT', "the avatar's host is not on this server's image list; avatars may come from cdn.example.com"),
    );

    // Favorites first, then by display name whatever its case.
    const names = async () => (await data<{ contacts: { displayName: string }[] }>(request('contacts.list', {}))).contacts.map((contact) => contact.displayName);
    await expect(names()).resolves.toEqual(['ann', 'Bob Stone']);
    await expect(request('contacts.setFavorite', { id: bob.id, favorite: true })).resolves.toMatchObject({ ok: true, data: { id: bob.id, favorite: true } });
    await expect(names()).resolves.toEqual(['Bob Stone', 'ann']);

    const edited = await data(request('contacts.update', { id: ann.id, firstName: 'Ann', lastName: 'Lee', number: '+1 (555) 0101', avatarUrl: null }));
    expect(edited).toEqual({ ...ann, number: '15550101', displayNumber: '15550101', firstName: 'Ann', lastName: 'Lee', displayName: 'Ann Lee', avatarUrl: null });
    await expect(request('contacts.update', { id: ann.id, number: '555-010-0002' })).resolves.toEqual(refused('ALREADY_EXISTS', '5550100002 is already a contact'));
    await expect(request('contacts.update', { id: ann.id, number: 'call me' })).resolves.toEqual(badNumber);

    await expect(request('contacts.setBlocked', { id: ann.id, blocked: true })).resolves.toEqual({ ok: true, data: { ...edited, blocked: true } });
    await expect(request('contacts.setBlocked', { id: ann.id, blocked: 'yes' })).resolves.toEqual(refused('INVALID_INPUT', 'blocked must be true or false'));

    await expect(request('contacts.delete', { id: bob.id })).resolves.toEqual({ ok: true, data: null });
    await expect(request('contacts.delete', { id: bob.id })).resolves.toEqual(refused('NOT_FOUND', `no contact ${bob.id}`));
    await expect(request('contacts.setFavorite', { id: bob.id, favorite: false })).resolves.toEqual(refused('NOT_FOUND', `no contact ${bob.id}`));
    await expect(request('contacts.delete', { id: 'all' })).resolves.toEqual(refused('INVALID_INPUT', 'id must be a contact id'));
    await expect(request('contacts.rename', { id: ann.id })).resolves.toEqual(refused('NOT_FOUND', 'app "contacts" has no action "contacts.rename"'));
    await expect(data(request('contacts.list', {}))).resolves.toEqual({ contacts: [{ ...edited, blocked: true }], cursor: null });
    expect(simulation.errors).toEqual([]);
  });

  it('stops at the server owner’s cap with QUOTA_EXCEEDED, storing nothing; pages the list by cursor', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:contacts:max_contacts': '2' } });
    const a = await connectWithPhone(simulation);
    const request = contacts(a.page);
    await data(request('contacts.add', { requestId: 'r-1', number: '5550101', firstName: 'Ann' }));
    await data(request('contacts.add', { requestId: 'r-2', number: '5550102', firstName: 'Ben' }));
    await expect(request('contacts.add', { requestId: 'r-3', number: '5550103', firstName: 'Cy' })).resolves.toEqual(
      refused('QUOTA_EXCEEDED', 'a phone holds at most 2 contacts'),
    );
    const listed = await data<{ contacts: { displayName: string }[]; cursor: string | null }>(request('contacts.list', { limit: 1 }));
    expect(listed.contacts.map((contact) => contact.displayName)).toEqual(['Ann']);
    const rest = await data<{ contacts: { displayName: string }[]; cursor: string | null }>(request('contacts.list', { limit: 1, cursor: listed.cursor }));
    expect(rest).toEqual({ contacts: [expect.objectContaining({ displayName: 'Ben' })], cursor: null });
    await expect(request('contacts.list', { limit: 101 })).resolves.toEqual(refused('INVALID_INPUT', 'limit must be a whole number from 1 to 100'));
    await expect(request('contacts.list', { cursor: 'forged' })).resolves.toEqual(refused('INVALID_INPUT', 'cursor must be one a contacts list answered'));
    expect(simulation.errors).toEqual([]);
  });

  it('refuses a number no character has when the server owner requires existing numbers (NOT_FOUND)', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:contacts:require_existing': 'true' } });
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const request = contacts(a.page);

    await expect(request('contacts.add', { requestId: 'r-1', number: '555-000-0000', firstName: 'Nobody' })).resolves.toEqual(
      refused('NOT_FOUND', 'no phone has the number 5550000000'),
    );
    const added = await data(request('contacts.add', { requestId: 'r-2', number: b.number, firstName: 'Bea' }));
    expect(added).toMatchObject({ number: b.number.replace(/\D/g, ''), displayNumber: b.number });
    await expect(request('contacts.update', { id: added.id, number: '555-000-0000' })).resolves.toEqual(
      refused('NOT_FOUND', 'no phone has the number 5550000000'),
    );
    expect(simulation.errors).toEqual([]);
  });

  it('keeps each character’s contacts to itself: another player cannot read, change or delete them by id', async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const asA = contacts(a.page);
    const asB = contacts(b.page);

    const mine = await data(asA('contacts.add', { requestId: 'shared-id', number: '5550101', firstName: 'Ann', notes: 'private' }));
    const listOfA = await data(asA('contacts.list', {}));
    const notFound = refused('NOT_FOUND', `no contact ${mine.id}`);

    await expect(asB('contacts.list', {})).resolves.toEqual({ ok: true, data: { contacts: [], cursor: null } });
    await expect(asB('contacts.search', { query: 'Ann' })).resolves.toEqual({ ok: true, data: [] });
    await expect(asB('contacts.update', { id: mine.id, firstName: 'Stolen', notes: '' })).resolves.toEqual(notFound);
    await expect(asB('contacts.setFavorite', { id: mine.id, favorite: true })).resolves.toEqual(notFound);
    await expect(asB('contacts.setBlocked', { id: mine.id, blocked: true })).resolves.toEqual(notFound);
    await expect(asB('contacts.delete', { id: mine.id })).resolves.toEqual(notFound);
    // The payload names no owner: extra fields are ignored, the caller is who the net event says.
    await expect(asB('contacts.delete', { id: mine.id, phoneId: 1, source: a.player.id })).resolves.toEqual(notFound);
    // B's request with A's request id is B's own request, not a retry of A's.
    const theirs = await data(asB('contacts.add', { requestId: 'shared-id', number: '5550101', firstName: 'Other' }));
    expect(theirs.id).not.toBe(mine.id);

    await expect(asA('contacts.list', {})).resolves.toEqual({ ok: true, data: listOfA });
    await expect(asB('contacts.list', {})).resolves.toEqual({ ok: true, data: { contacts: [theirs], cursor: null } });
    await expect(asA('contacts.search', { query: 'ann' })).resolves.toEqual({ ok: true, data: [mine] });
    expect(simulation.errors).toEqual([]);
  });
});

it('shows numbers in the server owner’s format', async () => {
  const simulation = await startHandset({ database: await openSqlite(), convars: { 'handset:number_format': '(555) ###-####' } });
  const a = await connectWithPhone(simulation);
  const added = await data(contacts(a.page)('contacts.add', { requestId: 'r', number: '555.123.4567', firstName: 'Ann' }));
  expect(added).toMatchObject({ number: '5551234567', displayNumber: '(555) 123-4567' });
  expect(simulation.errors).toEqual([]);
});
