/**
 * Load: the built Handset in the simulator on MariaDB with many connected players, phones open, contacts and threads
 * loaded, then messages and calls at a steady rate through the NUI `request` callback (as the shell sends it) and the
 * net events behind it. Delivery is timed on the recipient's client: from the send to the `message.new` push reaching
 * their NUI page. Baseline: single-row INSERTs through mysql2 on the same database, in the same run.
 *
 * Run: `npx tsx bench/load.ts [--players 1000] [--rate 200] [--calls 20] [--seconds 60]`
 */
import { createConnection, createPool } from 'mysql2/promise';
import { connectWithPhone, nui, openMariadb, startHandset } from '../tests/support/handset';
import { flag, machine, mariadbServer, ms, printSection, quantile, table } from './support';

const PLAYERS = flag('players', 1_000);
const RATE = flag('rate', 200);
const CALL_RATE = flag('calls', 20);
const SECONDS = flag('seconds', 60);
const CONNECTING_AT_ONCE = 25;
const BASELINE_INSERTS = 2_000;

mariadbServer();
const database = await openMariadb();

/** Single-row INSERTs committed one at a time, then 16 in flight on a pool: the database's ceiling for one row. */
async function insertCeiling(): Promise<{ serial: number; inFlight: number }> {
  const connection = await createConnection(database.connection);
  await connection.query('CREATE TABLE bench_insert (id INT AUTO_INCREMENT PRIMARY KEY, thread_id VARCHAR(64), body TEXT, sent_at BIGINT)');
  const insert = (run: (sql: string, values: (string | number)[]) => Promise<unknown>) =>
    run('INSERT INTO bench_insert (thread_id, body, sent_at) VALUES (?, ?, ?)', ['d:5550000001:5550000002', 'on my way', Date.now()]);
  let started = performance.now();
  for (let n = 0; n < BASELINE_INSERTS; n++) await insert((sql, values) => connection.execute(sql, values));
  const serial = BASELINE_INSERTS / ((performance.now() - started) / 1000);
  const pool = createPool({ uri: database.connection, connectionLimit: 16 });
  let next = 0;
  started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < BASELINE_INSERTS) await insert((sql, values) => pool.execute(sql, values));
    }),
  );
  const inFlight = BASELINE_INSERTS / ((performance.now() - started) / 1000);
  await pool.end();
  await connection.query('DROP TABLE bench_insert');
  await connection.end();
  return { serial, inFlight };
}

const ceiling = await insertCeiling();
const simulation = await startHandset({ database });
type Phone = Awaited<ReturnType<typeof connectWithPhone>>;
const phones: Phone[] = [];
const connectStarted = performance.now();
for (let at = 0; at < PLAYERS; at += CONNECTING_AT_ONCE) {
  const batch = Array.from({ length: Math.min(CONNECTING_AT_ONCE, PLAYERS - at) }, () => connectWithPhone(simulation));
  phones.push(...(await Promise.all(batch)));
}
const connectSeconds = (performance.now() - connectStarted) / 1000;

const errors = new Map<string, number>();
const countError = (code: string) => errors.set(code, (errors.get(code) ?? 0) + 1);
/** One request as the shell sends it for an app's page; resolves to its data, or counts its error code. */
async function ask(phone: Phone, appId: string, action: string, payload: unknown): Promise<Record<string, unknown> | null | undefined> {
  // The simulator gives up on a callback the client has not answered in 10 s: counted, as the page would show it.
  const answer = await nui(phone.page, 'request', { appId, action, payload }).catch((): Record<string, unknown> => ({ ok: false, error: { code: 'NUI timeout (10 s)' } }));
  if (answer.ok) return answer.data as Record<string, unknown> | null;
  countError(`${appId} ${action}: ${(answer.error as { code?: string } | undefined)?.code ?? 'no code'}`);
  return undefined;
}

// Each player opens the phone and the Messages app, and loads their contacts and threads, as the pages do.
const sentAt = new Map<string, number>();
const delivery: number[] = [];
for (const phone of phones) {
  phone.player.executeCommand('phone');
  await nui(phone.page, 'appState', { appId: 'messages', open: true });
  phone.page.on('message', (message: { type?: string; messageType?: string; data?: { clientId?: string; mine?: boolean } }) => {
    if (message.type !== 'app:message' || message.messageType !== 'message.new' || message.data?.mine) return;
    const started = sentAt.get(message.data?.clientId ?? '');
    if (started !== undefined) delivery.push(performance.now() - started);
  });
}
await Promise.all(phones.map((phone) => Promise.all([ask(phone, 'contacts', 'contacts.list', {}), ask(phone, 'messages', 'threads.list', {})])));
const loadErrors = [...errors.values()].reduce((sum, count) => sum + count, 0);

/** Runs `fire` `rate` times a second for the run's length, spread evenly; resolves when every fired one settled. */
async function steady(rate: number, fire: (n: number) => Promise<void>): Promise<void> {
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * SECONDS);
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(fire(n));
  }
  await Promise.all(pending);
}

const answerTimes: number[] = [];
let answered = 0;
let calls = 0;
const partnerOf = (index: number) => phones[index ^ 1] ?? phones[0]!;
const cpuBefore = process.cpuUsage();
const heapBefore = process.memoryUsage().heapUsed;
const runStarted = performance.now();
await Promise.all([
  steady(RATE, async (n) => {
    const index = n % phones.length;
    const clientId = `bench-${n}`;
    const started = performance.now();
    sentAt.set(clientId, started);
    const sent = await ask(phones[index]!, 'messages', 'messages.send', { clientId, to: partnerOf(index).number, kind: 'text', body: `message ${n}` });
    if (sent === undefined) return;
    answered += 1;
    answerTimes.push(performance.now() - started);
  }),
  steady(CALL_RATE, async (n) => {
    // Callers from the far end of the list, so a call rarely meets a busy line.
    const index = phones.length - 1 - ((2 * n) % phones.length);
    const call = await ask(phones[index]!, 'phone', 'calls.start', { requestId: `call-${n}`, number: partnerOf(index).number });
    if (typeof call?.callId !== 'string') return;
    // The callee answers and the caller hangs up: a call record with both parties' pushes.
    await ask(partnerOf(index), 'phone', 'calls.answer', { callId: call.callId });
    if ((await ask(phones[index]!, 'phone', 'calls.end', { callId: call.callId })) !== undefined) calls += 1;
  }),
]);
const seconds = (performance.now() - runStarted) / 1000;
// Pushes still on their way after the last answer.
await new Promise((resolve) => setTimeout(resolve, 500));
const cpu = process.cpuUsage(cpuBefore);
const heapAfter = process.memoryUsage().heapUsed;

const sendsPerSecond = answered / seconds;
const runErrors = [...errors.entries()].map(([what, count]) => `${what} ×${count}`).join('; ') || 'none';
printSection(
  'Load',
  `${machine()}; ${PLAYERS} players connected in ${connectSeconds.toFixed(1)} s, phones and Messages open, contacts and threads loaded (${loadErrors} errors);
${RATE} messages/s and ${CALL_RATE} calls/s offered for ${SECONDS} s through the NUI \`request\` callback. The simulator, every
client script and the server run in this one Node process, so CPU and heap are the whole simulation's.

${table(
  ['measure', 'figure', 'baseline / target'],
  [
    ['messages answered', `${answered} (${sendsPerSecond.toFixed(0)}/s)`, `offered ${RATE}/s; target ≥ 1,000/s sustained`],
    ['calls started, answered and ended', `${calls} (${(calls / seconds).toFixed(1)}/s)`, `offered ${CALL_RATE}/s`],
    ['send → answer p50 / p95 / p99 ms', `${ms(quantile(answerTimes, 0.5))} / ${ms(quantile(answerTimes, 0.95))} / ${ms(quantile(answerTimes, 0.99))}`, '—'],
    ['send → recipient NUI p50 / p95 / p99 ms', `${ms(quantile(delivery, 0.5))} / ${ms(quantile(delivery, 0.95))} / ${ms(quantile(delivery, 0.99))} (${delivery.length} delivered)`, 'target p99 ≤ 25 ms'],
    ['single-row INSERT, one at a time', `${ceiling.serial.toFixed(0)}/s`, 'baseline'],
    ['single-row INSERT, 16 in flight', `${ceiling.inFlight.toFixed(0)}/s`, 'baseline; target: sends within 2× of it'],
    ['CPU (user + system) during the run', `${((cpu.user + cpu.system) / 1e6 / seconds * 100).toFixed(0)}% of one core`, '—'],
    ['heap used before → after the run', `${(heapBefore / 2 ** 20).toFixed(0)} → ${(heapAfter / 2 ** 20).toFixed(0)} MiB`, '—'],
    ['errors', runErrors, 'none'],
  ],
)}`,
);
// Exit without stopping the resources: stopping them mid-flight only tears down references still in use.
await database.dispose();
process.exit(0);
