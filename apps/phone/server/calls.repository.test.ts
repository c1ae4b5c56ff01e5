import { expect, it } from 'vitest';
import { DatabaseError } from '@handset/sdk/server/database';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { migratePlugin } from '../../../tests/support/plugin-phones';
import { callsMigrations } from './calls.migrations';
import { createCallsRepository, type CallRecordInput } from './calls.repository';
import { pruneCallRecords, PRUNE_BATCH } from './calls.retention';

const DAY_MS = 24 * 60 * 60_000;

/** A finished call's record on phone `phoneId`; fields overridable. */
const record = (phoneId: number, callId: string, fields: Partial<CallRecordInput> = {}): CallRecordInput => ({
  phoneId,
  callId,
  direction: 'outgoing',
  otherNumber: '5550002',
  hidden: false,
  video: false,
  company: false,
  status: 'completed',
  startedAt: 1_700_000_000_000,
  answeredAt: 1_700_000_004_000,
  endedAt: 1_700_000_065_500,
  duration: 61,
  ...fields,
});

forEachDatabase((current) => {
  /** Both migrations and two phones (ids 1 and 2). */
  async function setup() {
    const db = current();
    await migratePlugin(db, 'phone', callsMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002']);
    return { db, repository: createCallsRepository(db) };
  }

  it('creates its table and indexes once; recents read the (phone_id, id) index without a sort', async () => {
    const { db } = await setup();
    await expect(migratePlugin(db, 'phone', callsMigrations)).resolves.toEqual({ applied: [] });
    expect(await tableNames(db)).toContain('handset_phone_calls');
    const recents = 'SELECT id FROM handset_phone_calls WHERE phone_id = 1 AND id < 100 ORDER BY id DESC LIMIT 50';
    const plan =
      db.dialect === 'sqlite'
        ? (await db.select<{ detail: string }>(`EXPLAIN QUERY PLAN ${recents}`)).map((row) => row.detail)
        : (await db.select<{ key: string | null; Extra: string | null }>(`EXPLAIN ${recents.replace('WHERE', 'FORCE INDEX (handset_phone_calls_recents) WHERE')}`)).map(
            (row) => `${row.key} ${row.Extra}`,
          );
    expect(plan.join('\n')).toContain('handset_phone_calls_recents');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|filesort/i);
  });

  it('writes both parties’ records in one statement and reads a phone’s own, newest first, page by page', async () => {
    const { repository } = await setup();
    await repository.insert([
      record(1, 'call-1'),
      record(2, 'call-1', { direction: 'incoming', otherNumber: '5550001', hidden: true, video: true, company: true }),
    ]);
    await repository.insert([record(1, 'call-2', { status: 'missed', answeredAt: null, duration: 0 })]);
    await repository.insert([record(1, 'call-3', { status: 'busy', answeredAt: null, duration: 0 })]);

    const mine = await repository.recents(1, null, 50);
    expect(mine.map((row) => [row.callId, row.status])).toEqual([
      ['call-3', 'busy'],
      ['call-2', 'missed'],
      ['call-1', 'completed'],
    ]);
    expect(mine[1]).toEqual({ id: mine[1]!.id, ...record(1, 'call-2', { status: 'missed', answeredAt: null, duration: 0 }) });
    await expect(repository.recents(2, null, 50)).resolves.toEqual([
      {
        id: expect.any(Number),
        ...record(2, 'call-1', { direction: 'incoming', otherNumber: '5550001', hidden: true, video: true, company: true }),
      },
    ]);
    const firstPage = await repository.recents(1, null, 2);
    expect(firstPage.map((row) => row.callId)).toEqual(['call-3', 'call-2']);
    expect((await repository.recents(1, firstPage[1]!.id, 2)).map((row) => row.callId)).toEqual(['call-1']);
  });

  it('refuses a second record of the same call for the same phone, and a record of no phone', async () => {
    const { repository } = await setup();
    await repository.insert([record(1, 'call-1')]);
    await expect(repository.insert([record(2, 'call-1'), record(1, 'call-1')])).rejects.toMatchObject({ kind: 'unique_violation' });
    // One statement: the other party's record of the refused write was not kept either.
    await expect(repository.recents(2, null, 50)).resolves.toEqual([]);
    const orphan = await repository.insert([record(99, 'call-9')]).catch((error: unknown) => error);
    expect(orphan).toBeInstanceOf(DatabaseError);
    expect((orphan as DatabaseError).kind).toBe('foreign_key_violation');
  });

  it('goes with its phone', async () => {
    const { db, repository } = await setup();
    await repository.insert([record(1, 'call-1'), record(2, 'call-1', { direction: 'incoming' })]);
    await db.run('DELETE FROM handset_core_phones WHERE id = ?', [1]);
    await expect(repository.recents(1, null, 50)).resolves.toEqual([]);
    await expect(repository.recents(2, null, 50)).resolves.toHaveLength(1);
  });

  it('prunes records of calls started before the cutoff in batches, and keeps the rest', async () => {
    const { db, repository } = await setup();
    const now = Date.now();
    const old = Array.from({ length: PRUNE_BATCH * 2 + 3 }, (_, index) => record(1 + (index % 2), `old-${index}`, { startedAt: now - 31 * DAY_MS - index }));
    for (let start = 0; start < old.length; start += 200) await repository.insert(old.slice(start, start + 200));
    await repository.insert([record(1, 'recent', { startedAt: now - 29 * DAY_MS })]);

    await expect(repository.pruneBatch(now - 30 * DAY_MS, 2)).resolves.toBe(2);
    await expect(pruneCallRecords(repository, now - 30 * DAY_MS)).resolves.toBe(old.length - 2);
    const left = await db.select<{ call_id: string }>('SELECT call_id FROM handset_phone_calls');
    expect(left).toEqual([{ call_id: 'recent' }]);
    await expect(pruneCallRecords(repository, now - 30 * DAY_MS)).resolves.toBe(0);
  });
});
