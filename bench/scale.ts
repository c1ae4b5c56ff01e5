/**
 * Scale: a server's worth of characters on MariaDB — phones, contacts, call records, mail and Messages threads —
 * seeded with multi-row INSERTs, then every screen query through the apps' own repositories for characters drawn
 * across the whole table, at p50/p99, each with MariaDB's EXPLAIN of the statement it sent (recorded on the way to
 * the database). Baseline: a primary-key lookup in the same run. Target ≤ 2 ms p99, an index and no filesort of a
 * whole table. The database is dropped at the end.
 *
 * Run: `npx tsx bench/scale.ts [--characters 10000] [--messages 1000000] [--contacts 500000] [--calls 1000000] [--mail 500000]`
 */
import { contactsMigrations } from '../apps/contacts/server/contacts.migrations';
import { createContactsRepository } from '../apps/contacts/server/contacts.repository';
import { mailMigrations } from '../apps/mail/server/mail.migrations';
import { createMailRepository } from '../apps/mail/server/mail.repository';
import { messagesMigrations } from '../apps/messages/server/messages.migrations';
import { createMessagesRepository } from '../apps/messages/server/messages.repository';
import { callsMigrations } from '../apps/phone/server/calls.migrations';
import { createCallsRepository } from '../apps/phone/server/calls.repository';
import { coreMigrations } from '../core/server/storage/core.migrations';
import { createDriverDatabase } from '../core/server/storage/driver-database';
import { migrate } from '../core/server/storage/migrations';
import type { Database } from '../sdk/server/database';
import { createMariadbDatabase } from '../tests/support/databases';
import { flag, insert, machine, mariadbServer, ms, printSection, quantile, ROWS_PER_INSERT, table } from './support';

const CHARACTERS = flag('characters', 10_000);
const MESSAGES = flag('messages', 1_000_000);
const CONTACTS = flag('contacts', 500_000);
const CALLS = flag('calls', 1_000_000);
const MAIL = flag('mail', 500_000);
interface Quantiles {
  p50: number;
  p99: number;
}

/** Each character has direct threads with the next few characters: THREADS_EACH × characters threads in all. */
const THREADS_EACH = 5;
const RUNS = 500;
const WARM_UP = 50;
const START = 1_700_000_000_000;
const BODIES = ['on my way', 'did you see that?', 'meet at the docks at 9', 'lol', 'who has the keys'];

const numberOf = (phoneId: number) => String(5_550_000_000 + phoneId);
/** Character n's k-th partner (1…THREADS_EACH): the thread between them, ordered by number. */
const threadOf = (a: number, b: number) => `d:${numberOf(Math.min(a, b))}:${numberOf(Math.max(a, b))}`;
const partner = (phoneId: number, k: number) => ((phoneId - 1 + k) % CHARACTERS) + 1;

async function seed(db: Database): Promise<void> {
  await insert(db, 'handset_core_phones', ['identifier', 'phone_number'], CHARACTERS, (n) => [`license:bench${n + 1}`, numberOf(n + 1)]);
  const contactsEach = Math.max(1, Math.floor(CONTACTS / CHARACTERS));
  await insert(db, 'handset_contacts_contacts', ['phone_id', 'contact_number', 'first_name', 'last_name', 'display_name', 'favorite'], CONTACTS, (n) => {
    const phoneId = (n % CHARACTERS) + 1;
    const slot = Math.floor(n / CHARACTERS);
    const name = `Contact ${(slot * 7919) % 1000}`;
    return [phoneId, String(5_560_000_000 + slot), name, `${slot}`, `${name} ${slot}`, slot % contactsEach < 3 ? 1 : 0];
  });
  await insert(
    db,
    'handset_phone_calls',
    ['phone_id', 'call_id', 'direction', 'other_number', 'status', 'started_at', 'answered_at', 'ended_at', 'duration'],
    CALLS,
    (n) => [(n % CHARACTERS) + 1, `call-${n}`, n % 2 ? 'incoming' : 'outgoing', numberOf(((n * 31) % CHARACTERS) + 1), n % 5 ? 'completed' : 'missed', START + n * 1000, n % 5 ? START + n * 1000 + 3000 : null, START + n * 1000 + 60_000, n % 5 ? 57 : 0],
  );
  await insert(db, 'handset_mail_addresses', ['phone_id', 'name', 'claimed_at'], CHARACTERS, (n) => [n + 1, `user${n + 1}`, START]);
  await insert(db, 'handset_mail_messages', ['phone_id', 'folder', 'from_address', 'to_address', 'subject', 'body', 'is_read', 'created_at'], MAIL, (n) => [
    (n % CHARACTERS) + 1,
    n % 3 ? 'inbox' : 'sent',
    `user${((n * 17) % CHARACTERS) + 1}@bench.lc`,
    `user${(n % CHARACTERS) + 1}@bench.lc`,
    `Subject ${n}`,
    BODIES[n % BODIES.length]!,
    n % 4 ? 1 : 0,
    START + n * 1000,
  ]);

  // Threads: character c with its THREADS_EACH next ones; message n goes to thread n mod T, so threads interleave.
  const threads = CHARACTERS * THREADS_EACH;
  const threadAt = (t: number) => ({ a: Math.floor(t / THREADS_EACH) + 1, b: partner(Math.floor(t / THREADS_EACH) + 1, (t % THREADS_EACH) + 1) });
  await insert(db, 'handset_messages_threads', ['id', 'kind', 'created_at', 'updated_at'], threads, (t) => {
    const { a, b } = threadAt(t);
    return [threadOf(a, b), 'direct', START, START];
  });
  await insert(db, 'handset_messages_messages', ['id', 'thread_id', 'sender_number', 'sender_phone_id', 'kind', 'body', 'sent_at'], MESSAGES, (n) => {
    const { a, b } = threadAt(n % threads);
    const sender = n % 2 ? a : b;
    return [n + 1, threadOf(a, b), numberOf(sender), sender, 'text', BODIES[n % BODIES.length]!, START + (n + 1) * 1000];
  });
  await db.run(
    `UPDATE handset_messages_threads t SET last_message_id = (SELECT MAX(x.id) FROM handset_messages_messages x WHERE x.thread_id = t.id),
       updated_at = ${START} + 1000 * COALESCE((SELECT MAX(x.id) FROM handset_messages_messages x WHERE x.thread_id = t.id), 0)`,
  );
  // Both members of every thread; everything read but the last message, so unread counts are real.
  await insert(db, 'handset_messages_members', ['thread_id', 'number', 'phone_id', 'admin', 'read_message_id', 'unread', 'updated_at', 'joined_at'], threads * 2, (n) => {
    const t = Math.floor(n / 2);
    const { a, b } = threadAt(t);
    const member = n % 2 ? b : a;
    const last = t < MESSAGES ? t + 1 + Math.floor((MESSAGES - 1 - t) / threads) * threads : 0;
    return [threadOf(a, b), numberOf(member), member, 0, Math.max(0, last - threads), 1, START + last * 1000, START];
  });
}

/** The database with the last SELECT it was sent remembered, so each screen query's EXPLAIN is of its own SQL. */
function recording(db: Database): { db: Database; last: () => { sql: string; values: readonly unknown[] } } {
  let last = { sql: '', values: [] as readonly unknown[] };
  const recorded: Database = {
    dialect: db.dialect,
    select: (sql, values = []) => {
      last = { sql, values };
      return db.select(sql, values);
    },
    run: (sql, values) => db.run(sql, values),
    transaction: (work) => db.transaction(work),
    batch: (statements) => db.batch(statements),
  };
  return { db: recorded, last: () => last };
}

/**
 * p50 and p99 in ms over RUNS calls for characters spread over the table. Cold: after a warm-up on other
 * characters, so each timed character's rows may still be on disk; warm: each timed character read once before.
 */
async function time(run: (phoneId: number) => Promise<unknown>): Promise<{ cold: Quantiles; warm: Quantiles }> {
  const phoneAt = (n: number) => ((n * 7_919) % CHARACTERS) + 1;
  const timed = async () => {
    const samples: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      const started = performance.now();
      await run(phoneAt(n));
      samples.push(performance.now() - started);
    }
    return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
  };
  for (let n = 0; n < WARM_UP; n++) await run(phoneAt(RUNS + n));
  const cold = await timed();
  return { cold, warm: await timed() };
}

const server = mariadbServer();
const target = await createMariadbDatabase('handset_bench_scale');
const driver = await createDriverDatabase(target.url);
const { db, last } = recording(driver);
try {
  const version = (await driver.select<{ v: string }>('SELECT VERSION() AS v'))[0]!.v;
  const bufferPoolMiB = Number((await driver.select<{ size: number | string }>('SELECT @@innodb_buffer_pool_size AS size'))[0]!.size) / 2 ** 20;
  await migrate(driver, 'core', coreMigrations);
  await migrate(driver, 'contacts', contactsMigrations);
  await migrate(driver, 'phone', callsMigrations);
  await migrate(driver, 'mail', mailMigrations);
  await migrate(driver, 'messages', messagesMigrations);
  const seeding = performance.now();
  await seed(driver);
  const seedSeconds = (performance.now() - seeding) / 1000;
  await driver.select('ANALYZE TABLE handset_contacts_contacts, handset_phone_calls, handset_mail_messages, handset_messages_threads, handset_messages_members, handset_messages_messages');

  const contacts = createContactsRepository(db);
  const calls = createCallsRepository(db);
  const mail = createMailRepository(db);
  const messages = createMessagesRepository(db);
  const party = (phoneId: number) => ({ phoneId, number: numberOf(phoneId) });
  const cases: [string, (phoneId: number) => Promise<unknown>][] = [
    ['baseline: call record by primary key', (phoneId) => db.select('SELECT * FROM handset_phone_calls WHERE id = ?', [phoneId * 50])],
    ['Contacts: the list', (phoneId) => contacts.list(phoneId)],
    ['Phone: recents, newest 50', (phoneId) => calls.recents(phoneId, null, 50)],
    ['Messages: thread list, first 30', (phoneId) => messages.summaries(party(phoneId), null, 30)],
    ['Messages: a thread\'s newest 30', (phoneId) => messages.messages(threadOf(phoneId, partner(phoneId, 1)), phoneId, 0, null, 30)],
    ['Mail: inbox, newest 30', (phoneId) => mail.list(phoneId, 'inbox', null, 30)],
  ];
  const rows: (string | number)[][] = [];
  const explains: string[] = [];
  for (const [label, run] of cases) {
    const { cold, warm } = await time(run);
    const verdict = (p99: number) => (label.startsWith('baseline') ? 'baseline' : p99 <= 2 ? 'met (≤ 2 ms)' : 'missed (≤ 2 ms)');
    rows.push([label, ms(cold.p50), ms(cold.p99), verdict(cold.p99), ms(warm.p50), ms(warm.p99), verdict(warm.p99)]);
    const { sql, values } = last();
    const plan = await driver.select<Record<string, unknown>>(`EXPLAIN ${sql}`, values);
    explains.push(
      `-- ${label}\n${plan.map((row) => `${String(row.select_type).padEnd(18)} ${String(row.table).padEnd(4)} ${String(row.type).padEnd(7)} ${String(row.key).padEnd(40)} rows=${String(row.rows).padEnd(7)} ${row.Extra ?? ''}`.trimEnd()).join('\n')}`,
    );
  }
  printSection(
    'Scale',
    `MariaDB ${version} on ${new URL(server).host}; ${machine()}.
Seeded ${CHARACTERS} characters, ${CONTACTS} contacts, ${CALLS} call records, ${MAIL} mails, ${CHARACTERS * THREADS_EACH} threads and
${MESSAGES} messages with multi-row INSERTs of ${ROWS_PER_INSERT} rows in ${seedSeconds.toFixed(1)} s. Each query ran ${RUNS} times for
characters spread over the whole table, through the app's own repository: cold (after ${WARM_UP} calls for other characters,
so a character's rows may still be on disk: the data is larger than MariaDB's ${bufferPoolMiB} MiB buffer pool), then warm (the
same characters again, their rows read once).

${table(['screen query', 'cold p50 ms', 'cold p99 ms', 'target', 'warm p50 ms', 'warm p99 ms', 'target'], rows)}

EXPLAIN (MariaDB) of the statement each screen query sent:

\`\`\`
${explains.join('\n')}
\`\`\``,
  );
} finally {
  await driver.close();
  await target.drop();
}
