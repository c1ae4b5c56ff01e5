/**
 * The Messages app at scale on MariaDB: seeds a server's worth of threads and messages into a fresh database,
 * then times the screen queries for a heavy member (thread list, open thread) against a primary-key lookup
 * measured in the same run, the send pipeline's throughput at the service, and prints EXPLAIN for each screen
 * query. Prints figures; asserts none. The database is dropped at the end.
 *
 * Run: `HANDSET_BENCH_MARIADB=mysql://root@127.0.0.1:3306 npx tsx bench/messages.ts [messages] [threads]`
 * (defaults: 1 000 000 messages across 10 000 threads).
 */
import os from 'node:os';
import { createConnection } from 'mysql2/promise';
import { messagesMigrations } from '../apps/messages/server/messages.migrations';
import { createMessagesRepository, MESSAGE_PAGE_SQL, threadListSql, threadSummarySql, type Party } from '../apps/messages/server/messages.repository';
import { MessagesService } from '../apps/messages/server/messages.service';
import { coreMigrations } from '../core/server/storage/core.migrations';
import { createDriverDatabase } from '../core/server/storage/driver-database';
import { migrate } from '../core/server/storage/migrations';
import type { Database, Queries } from '../sdk/server/database';
import type { OnlinePhoneRef, PluginPhones } from '../sdk/server/plugin';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const THREADS = Number(process.argv[3] ?? 10_000);
const PHONES = 2_000;
/** The heavy member (phone 1) is in this many threads: a tenth of them, a hundredth of those groups. */
const HEAVY_THREADS = Math.min(1_000, THREADS);
const HEAVY_GROUPS = Math.floor(HEAVY_THREADS / 10);
/** Each member's read pointer sits this many messages before their thread's end, so unread counts are real. */
const UNREAD_TAIL = 5;
const ROWS_PER_INSERT = 2_000;
const INSERTS_PER_TRANSACTION = 10;
const RUNS = 300;
const WARM_UP = 30;
const SENDS = 2_000;
const IN_FLIGHT = 16;
const START = 1_700_000_000_000;

const server = process.env.HANDSET_BENCH_MARIADB;
if (!server) {
  console.error('Set HANDSET_BENCH_MARIADB to a MariaDB server, e.g. mysql://root@127.0.0.1:3306');
  process.exit(1);
}

const numberOf = (phoneId: number) => String(5_550_000_000 + phoneId);
const elapsedMs = (since: number) => performance.now() - since;

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state % below;
  };
}

interface SeedThread {
  /** Its place in the plan: message n went to thread n mod T. */
  index: number;
  id: string;
  members: number[];
  /** The ids and senders of the thread's messages, in order (only the tail is kept past the seeding). */
  tail: { id: number; sender: number }[];
  count: number;
}

/** Every thread: the heavy member's first (direct threads with others, then groups), then other pairs and groups. */
function planThreads(): SeedThread[] {
  const pick = random(7);
  const threads: SeedThread[] = [];
  const seen = new Set<string>();
  for (let t = 0; threads.length < THREADS; t++) {
    const index = threads.length;
    const heavy = index < HEAVY_THREADS;
    const group = heavy ? index >= HEAVY_THREADS - HEAVY_GROUPS : index % 10 === 0;
    const members = new Set<number>(heavy ? [1] : []);
    if (heavy && !group) members.add(2 + (index % (PHONES - 1)));
    while (members.size < (group ? 3 + pick(6) : 2)) members.add(2 + pick(PHONES - 1));
    const sorted = [...members].sort((a, b) => a - b);
    const id = group ? `g:${t.toString(16).padStart(20, '0')}` : `d:${numberOf(sorted[0]!)}:${numberOf(sorted[1]!)}`;
    // Two random phones have one direct thread: draw again.
    if (seen.has(id)) continue;
    seen.add(id);
    threads.push({ index, id, members: sorted, tail: [], count: 0 });
  }
  return threads;
}

async function insertRows(tx: Queries, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const chunk = rows.slice(at, at + ROWS_PER_INSERT);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** Multi-row INSERTs, several per transaction. */
async function insertInTransactions(db: Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perTransaction = ROWS_PER_INSERT * INSERTS_PER_TRANSACTION;
  for (let at = 0; at < rows.length; at += perTransaction) {
    await db.transaction((tx) => insertRows(tx, table, columns, rows.slice(at, at + perTransaction)));
  }
}

const BODIES = ['on my way', 'did you see that?', 'meet at the docks at 9', 'lol', 'who has the keys', 'call me when you can, it is about the car'];

async function seed(db: Database): Promise<SeedThread[]> {
  await insertInTransactions(
    db,
    'handset_core_phones',
    ['identifier', 'phone_number'],
    Array.from({ length: PHONES }, (_, index) => [`license:bench${index + 1}`, numberOf(index + 1)]),
  );
  const threads = planThreads();
  await insertInTransactions(
    db,
    'handset_messages_threads',
    ['id', 'kind', 'name', 'created_at', 'updated_at'],
    threads.map((thread) => [thread.id, thread.id.startsWith('g:') ? 'group' : 'direct', thread.id.startsWith('g:') ? `Group ${thread.id.slice(-4)}` : null, START, START]),
  );

  // Message n goes to thread n mod T: every thread's messages spread over the whole id range, as on a live server.
  const pick = random(11);
  let id = 0;
  const batch: unknown[][] = [];
  const flush = async () => {
    await db.transaction((tx) => insertRows(tx, 'handset_messages_messages', ['id', 'thread_id', 'sender_number', 'sender_phone_id', 'kind', 'body', 'sent_at'], batch));
    batch.length = 0;
  };
  for (let n = 0; n < MESSAGES; n++) {
    const thread = threads[n % threads.length]!;
    const sender = thread.members[pick(thread.members.length)]!;
    id += 1;
    batch.push([id, thread.id, numberOf(sender), sender, 'text', BODIES[pick(BODIES.length)]!, START + id * 1000]);
    thread.tail.push({ id, sender });
    if (thread.tail.length > UNREAD_TAIL + 1) thread.tail.shift();
    thread.count += 1;
    if (batch.length === ROWS_PER_INSERT * INSERTS_PER_TRANSACTION) await flush();
  }
  if (batch.length > 0) await flush();

  // Members: read pointers before the last few messages, and the unread counters that go with them.
  const members: unknown[][] = [];
  for (const thread of threads) {
    const last = thread.tail.at(-1);
    const pointer = thread.tail.length > UNREAD_TAIL ? thread.tail[thread.tail.length - UNREAD_TAIL - 1]!.id : 0;
    for (const phoneId of thread.members) {
      const unread = thread.tail.filter((message) => message.id > pointer && message.sender !== phoneId).length;
      const admin = thread.id.startsWith('g:') && phoneId === thread.members[0] ? 1 : 0;
      members.push([thread.id, numberOf(phoneId), phoneId, admin, pointer, unread, last ? START + last.id * 1000 : START, START]);
    }
  }
  await insertInTransactions(db, 'handset_messages_members', ['thread_id', 'number', 'phone_id', 'admin', 'read_message_id', 'unread', 'updated_at', 'joined_at'], members);
  await db.run(
    `UPDATE handset_messages_threads t SET last_message_id = (SELECT MAX(x.id) FROM handset_messages_messages x WHERE x.thread_id = t.id),
       updated_at = ${START} + 1000 * COALESCE((SELECT MAX(x.id) FROM handset_messages_messages x WHERE x.thread_id = t.id), 0)`,
  );
  // The heavy member deleted one message in twenty of their threads' for themselves.
  const hidden = await db.select<{ id: number }>(
    `SELECT x.id FROM handset_messages_messages x JOIN handset_messages_members m ON m.thread_id = x.thread_id AND m.phone_id = 1 WHERE x.id % 20 = 0`,
  );
  await insertInTransactions(db, 'handset_messages_hidden', ['phone_id', 'message_id'], hidden.map((row) => [1, Number(row.id)]));
  return threads;
}

interface Timing {
  median: number;
  p95: number;
}

/** Median and 95th percentile of `run`'s time in ms, after a warm-up. */
async function time(run: () => Promise<unknown>, runs = RUNS): Promise<Timing> {
  for (let n = 0; n < WARM_UP; n++) await run();
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const started = performance.now();
    await run();
    times.push(elapsedMs(started));
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

/** EXPLAIN's rows for a statement, as `table type key rows Extra`. */
async function explain(db: Database, sql: string, values: unknown[]): Promise<string[]> {
  const rows = await db.select<Record<string, unknown>>(`EXPLAIN ${sql}`, values);
  return rows.map((row) => `${String(row.select_type).padEnd(18)} ${String(row.table).padEnd(4)} ${String(row.type).padEnd(7)} ${String(row.key).padEnd(34)} rows=${String(row.rows).padEnd(6)} ${row.Extra ?? ''}`.trimEnd());
}

/** A service over the seeded database with every member online and pushes counted, not sent. */
function benchService(db: Database) {
  const online = (phoneId: number): OnlinePhoneRef => ({ phoneId, number: numberOf(phoneId), source: phoneId });
  const phones: PluginPhones = {
    bySource: (source) => online(source),
    byId: (phoneId) => online(phoneId),
    byNumber: (number) => online(Number(number) - 5_550_000_000),
    find: async (number) => online(Number(number) - 5_550_000_000),
    findById: async (phoneId) => online(phoneId),
    format: (number) => number,
    airplaneMode: () => false,
    language: () => 'en',
    onUnloaded: () => () => {},
  };
  let pushes = 0;
  const service = new MessagesService({
    repository: createMessagesRepository(db),
    phones,
    contacts: { names: async () => new Map(), isBlocked: async () => false },
    signals: {
      push: () => {
        pushes += 1;
        return true;
      },
      notify: async () => undefined,
      badgeChanged: () => undefined,
    },
    imageAllowed: () => true,
    log: (message) => console.error(message),
    sendRate: { perSecond: 1e9, burst: 1e9 },
    // The pipeline, not the per-conversation limit, is what is measured.
    perTargetPerMinute: 1e9,
  });
  return { service, online, pushes: () => pushes };
}

/** Sends `count` messages, `inFlight` at a time, over the given threads; resolves to sends/s until answered and until delivered. */
async function sendThroughput(db: Database, threads: SeedThread[], count: number, inFlight: number, label: string) {
  const { service, online, pushes } = benchService(db);
  const before = pushes();
  // Each send pushes message.new to the other members and thread.updated to every member.
  let expectedPushes = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const thread = threads[n % threads.length]!;
      const sender = thread.members[n % thread.members.length]!;
      expectedPushes += thread.members.length * 2 - 1;
      await service.send(online(sender), { clientId: `${label}-${n}`, threadId: thread.id, content: { kind: 'text', body: `bench ${n}`, attachment: null } });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const answeredMs = elapsedMs(started);
  while (pushes() - before < expectedPushes) await new Promise((resolve) => setTimeout(resolve, 2));
  const deliveredMs = elapsedMs(started);
  return { answered: count / (answeredMs / 1000), delivered: count / (deliveredMs / 1000) };
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);

async function main() {
  const name = `handset_bench_${Date.now().toString(36)}`;
  const admin = await createConnection(server!);
  await admin.query(`CREATE DATABASE \`${name}\``);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  const db = await createDriverDatabase(url.toString());
  try {
    const version = (await db.select<{ v: string }>('SELECT VERSION() AS v'))[0]!.v;
    console.log(`MariaDB ${version}; ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.version}`);
    await migrate(db, 'core', coreMigrations);
    await migrate(db, 'messages', messagesMigrations);

    const seeding = performance.now();
    const threads = await seed(db);
    const seedSeconds = elapsedMs(seeding) / 1000;
    await db.select('ANALYZE TABLE handset_messages_threads, handset_messages_members, handset_messages_messages, handset_messages_hidden');
    const counts = await db.select<{ t: number; m: number; x: number; h: number }>(
      `SELECT (SELECT COUNT(*) FROM handset_messages_threads) AS t, (SELECT COUNT(*) FROM handset_messages_members) AS m,
              (SELECT COUNT(*) FROM handset_messages_messages) AS x, (SELECT COUNT(*) FROM handset_messages_hidden) AS h`,
    );
    const { t, m, x, h } = counts[0]!;
    console.log(`seeded ${x} messages, ${t} threads, ${m} member rows, ${h} hidden rows, ${PHONES} phones in ${seedSeconds.toFixed(1)} s (${Math.round(Number(x) / seedSeconds)} messages/s)`);

    const heavy: Party = { phoneId: 1, number: numberOf(1) };
    const heavyThreads = threads.filter((thread) => thread.members.includes(1));
    const heavyMessages = heavyThreads.reduce((sum, thread) => sum + thread.count, 0);
    const busiest = heavyThreads.reduce((best, thread) => (thread.count > best.count ? thread : best));
    console.log(`heavy member: phone 1, in ${heavyThreads.length} threads holding ${heavyMessages} messages; busiest thread ${busiest.id} (${busiest.count})`);

    const repository = createMessagesRepository(db);
    const firstPage = await repository.summaries(heavy, null, 30);
    const deep = await repository.summaries(heavy, null, 600);
    const deepCursor = { updatedAt: deep.at(-1)!.updatedAt, threadId: deep.at(-1)!.threadId };
    const newest = await repository.messages(busiest.id, 1, 0, null, 30);
    // The id of the busiest thread's middle message: message n (id n + 1) went to thread n mod T.
    const middle = busiest.index + 1 + Math.floor(busiest.count / 2) * threads.length;
    const sampleId = newest[0]!.id;

    const cases: [string, () => Promise<unknown>][] = [
      ['baseline: message by primary key', () => db.select('SELECT * FROM handset_messages_messages WHERE id = ?', [sampleId])],
      ['threads.list, first 30', () => repository.summaries(heavy, null, 30)],
      ['threads.list, 30 after 600', () => repository.summaries(heavy, deepCursor, 30)],
      ['threads.get', () => repository.summary(heavy, busiest.id)],
      ['messages.list, newest 30', () => repository.messages(busiest.id, 1, 0, null, 30)],
      ['messages.list, 30 mid-thread', () => repository.messages(busiest.id, 1, 0, middle, 30)],
    ];
    console.log(`\n${'query (heavy member)'.padEnd(32)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(8)}  ×baseline  (${RUNS} runs after ${WARM_UP} warm-up)`);
    let baseline: Timing | undefined;
    for (const [label, run] of cases) {
      const timing = await time(run);
      baseline ??= timing;
      console.log(`${label.padEnd(32)} ${fmt(timing.median)} ${fmt(timing.p95)}  ${(timing.median / baseline.median).toFixed(1).padStart(6)}×`);
    }
    console.log(`(first page: ${firstPage.length} threads, ${firstPage.reduce((sum, thread) => sum + thread.unread, 0)} unread)`);

    console.log('\nsend pipeline (MessagesService.send on this database; every member online; pushes counted)');
    const others = threads.filter((thread) => !thread.members.includes(1));
    for (const [label, list, inFlight] of [
      ['one at a time', others, 1],
      [`${IN_FLIGHT} in flight, many threads`, others, IN_FLIGHT],
      [`${IN_FLIGHT} in flight, one group thread`, [heavyThreads.at(-1)!], IN_FLIGHT],
    ] as const) {
      const result = await sendThroughput(db, [...list], SENDS, inFlight, label.replace(/\W+/g, '-'));
      console.log(`${label.padEnd(36)} ${Math.round(result.answered).toString().padStart(6)} sends/s answered, ${Math.round(result.delivered).toString().padStart(6)} sends/s delivered`);
    }

    console.log('\nEXPLAIN (MariaDB)');
    const statements: [string, string, unknown[]][] = [
      ['threads.list, first page', threadListSql('mariadb', false), [1, 1, 31]],
      ['threads.list, after a cursor', threadListSql('mariadb', true), [1, 1, deepCursor.updatedAt, deepCursor.updatedAt, deepCursor.threadId, 31]],
      ['threads.get', threadSummarySql('mariadb'), [1, busiest.id, heavy.number, 1]],
      ['messages.list', MESSAGE_PAGE_SQL, [busiest.id, 0, middle, 1, 31]],
    ];
    for (const [label, sql, values] of statements) {
      console.log(`-- ${label}`);
      for (const line of await explain(db, sql, values)) console.log(`   ${line}`);
    }
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

await main();
