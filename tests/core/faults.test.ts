import { createConnection } from 'mysql2/promise';
import { afterEach, expect, it } from 'vitest';
import { openDatabaseLink, type DatabaseLink } from '../support/database-link';
import { createMariadbDatabase, describeMariadb } from '../support/databases';
import { connectWithPhone, handsetPerTest, nui } from '../support/handset';
import { eventually } from '../support/simulation';

const startHandset = handsetPerTest();
let link: DatabaseLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
});

type Answer = { ok: true; data: { id: number } } | { ok: false; error: { code: string; message: string } };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeMariadb('when MariaDB goes away', () => {
  it('answers UNAVAILABLE while it is down, loses no acknowledged message, stores none twice, and recovers without a restart', async () => {
    const database = await createMariadbDatabase('handset_faults');
    link = await openDatabaseLink(database.url);
    const simulation = await startHandset({
      database: { connection: link.url, dispose: database.drop },
      convars: {
        'handset:requests_per_second': '1000',
        'handset:request_burst': '1000',
        'handset:messages:send_per_minute': '6000',
        'handset:messages:send_burst': '100',
        'handset:messages:per_target_per_minute': '600',
      },
    });
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const send = async (index: number) =>
      (await nui(a.page, 'request', { appId: 'messages', action: 'messages.send', payload: { clientId: `m${index}`, kind: 'text', body: `#${index}`, to: b.number } })) as unknown as Answer;

    // Two senders at once, each waiting a little between sends (within the phone's own budget of 25 events a second), so traffic runs before, through and after the outage.
    const acknowledged = new Map<number, number>();
    const refused = new Map<string, number>();
    const failed: number[] = [];
    let next = 0;
    let running = true;
    const sender = async () => {
      while (running) {
        const index = next++;
        const answer = await send(index);
        if (answer.ok) acknowledged.set(index, answer.data.id);
        else {
          failed.push(index);
          const reason = `${answer.error.code}: ${answer.error.message}`;
          refused.set(reason, (refused.get(reason) ?? 0) + 1);
        }
        await pause(100);
      }
    };
    const traffic = Promise.all([sender(), sender()]);
    await eventually(() => expect(acknowledged.size).toBeGreaterThanOrEqual(30), 10_000);
    await link.cut();
    await eventually(() => expect(failed.length).toBeGreaterThanOrEqual(20), 10_000);
    await pause(1000);
    await link.restore();
    const before = acknowledged.size;
    // Recovered without a restart: new sends are acknowledged again.
    await eventually(() => expect(acknowledged.size).toBeGreaterThanOrEqual(before + 30), 15_000);
    running = false;
    await traffic;

    // While it was down, every refusal said so.
    expect([...refused.keys()]).toEqual(['UNAVAILABLE: the database is not answering; try again in a moment']);
    // The player retries what failed, with the same client ids: each is stored once, whether or not the first try committed.
    for (const index of failed) {
      const answer = await send(index);
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
      if (answer.ok) acknowledged.set(index, answer.data.id);
    }

    const db = await createConnection(database.url);
    try {
      const [rows] = await db.query('SELECT id, client_id, body, thread_id FROM handset_messages_messages ORDER BY id');
      const stored = rows as { id: number; client_id: string; body: string; thread_id: string }[];
      expect(stored).toHaveLength(next);
      expect(new Set(stored.map((row) => row.client_id)).size).toBe(next);
      // Every acknowledged message is there, under the id its answer gave.
      for (const [index, id] of acknowledged) expect(stored.find((row) => row.client_id === `m${index}`)?.id, `m${index}`).toBe(id);
      // No half-written thread: it points at its newest message, and the recipient's unread count is every message.
      const [threads] = await db.query('SELECT t.last_message_id, m.unread FROM handset_messages_threads t JOIN handset_messages_members m ON m.thread_id = t.id AND m.number = ?', [b.number.replace(/\D/g, '')]);
      expect(threads).toEqual([{ last_message_id: stored.at(-1)!.id, unread: next }]);
    } finally {
      await db.end();
    }
    expect(simulation.errors).toEqual([]);
  }, 60_000);
});
