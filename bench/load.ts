/**
 * Load: the built Handset in the simulator on MariaDB with many connected players, phones open, contacts and threads
 * loaded, then messages and calls at a steady rate through the NUI `request` callback (as the shell sends it) and the
 * net events behind it. Delivery is timed on the recipient's client: from the send to the `message.new` push reaching
 * their NUI page. Baseline: single-row INSERTs through mysql2 on the same database, in the same run.
 *
 * Run: `npx tsx bench/load.ts [--players 1000] [--rate 200] [--calls 20] [--seconds 60]`
 */
import { Session } from 'node:inspector/promises';
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
/** Each message sent, by client id: when, and the delivery times of the phase that sent it. */
const sentAt = new Map<string, { started: number; delivery: number[] }>();
for (const phone of phones) {
  phone.player.executeCommand('phone');
  await nui(phone.page, 'appState', { appId: 'messages', open: true });
  phone.page.on('message', (message: { type?: string; messageType?: string; data?: { clientId?: string; mine?: boolean } }) => {
    if (message.type !== 'app:message' || message.messageType !== 'message.new' || message.data?.mine) return;
    const sent = sentAt.get(message.data?.clientId ?? '');
    if (sent) sent.delivery.push(performance.now() - sent.started);
  });
}
await Promise.all(phones.map((phone) => Promise.all([ask(phone, 'contacts', 'contacts.list', {}), ask(phone, 'messages', 'threads.list', {})])));
const loadErrors = [...errors.values()].reduce((sum, count) => sum + count, 0);

/** Runs `fire` `rate` times a second for `seconds`, spread evenly; resolves when every fired one settled. */
async function steady(rate: number, seconds: number, fire: (n: number) => Promise<void>): Promise<void> {
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(fire(n));
  }
  await Promise.all(pending);
}

/** Where the process's CPU went, by the script a sampled frame ran in (self time; natives by their caller's part). */
const PARTS: [string, (url: string, name: string) => boolean][] = [
  ['garbage collection', (_, name) => name === '(garbage collector)'],
  ['idle (waiting for MariaDB and timers)', (_, name) => name === '(idle)'],
  ['Handset server script (dist/server.js)', (url) => url.endsWith('/dist/server.js')],
  ['Handset client script, every player (dist/client.js)', (url) => url.endsWith('/dist/client.js')],
  ['oxmysql and mysql2, with their socket writes', (url, name) => /node_modules\/(mysql2|sql-escaper|lru\.min|long|iconv-lite)\/|\/oxmysql\//.test(url) || name === 'writeBuffer' || name === 'writev'],
  ['simulator: msgpack wire, script runtimes, Lua VM, NUI', (url) => /tests\/simulator\/|@msgpack|wasmoon|^wasm:/.test(url)],
];

type Profile = { nodes: { id: number; callFrame: { url: string; functionName: string } }[]; samples: number[]; timeDeltas: number[] };
function cpuParts(profile: Profile): Map<string, number> {
  const partOf = new Map(profile.nodes.map((node) => [node.id, PARTS.find(([, match]) => match(node.callFrame.url, node.callFrame.functionName))?.[0] ?? 'other (Node, the benchmark)']));
  const parts = new Map<string, number>();
  profile.samples.forEach((id, index) => parts.set(partOf.get(id)!, (parts.get(partOf.get(id)!) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  return parts;
}

/** MariaDB's count of statements clients sent, all connections. */
async function statementsSent(): Promise<number> {
  const connection = await createConnection(database.connection);
  const [rows] = await connection.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  await connection.end();
  return Number((rows as { Value: string }[])[0]!.Value);
}

const partnerOf = (index: number) => phones[index ^ 1] ?? phones[0]!;
let clientIds = 0;

/** Messages and calls at the given rates for `seconds`: what was answered and delivered, how fast, and the CPU it took. */
async function phase(rate: number, callRate: number, seconds: number, profile = false) {
  errors.clear();
  const delivery: number[] = [];
  const answerTimes: number[] = [];
  let answered = 0;
  let calls = 0;
  const inspector = profile ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const statementsBefore = await statementsSent();
  const cpuBefore = process.cpuUsage();
  const runStarted = performance.now();
  await Promise.all([
    steady(rate, seconds, async (n) => {
      const index = n % phones.length;
      const clientId = `bench-${clientIds++}`;
      const started = performance.now();
      sentAt.set(clientId, { started, delivery });
      const sent = await ask(phones[index]!, 'messages', 'messages.send', { clientId, to: partnerOf(index).number, kind: 'text', body: `message ${n}` });
      if (sent === undefined) return;
      answered += 1;
      answerTimes.push(performance.now() - started);
    }),
    steady(callRate, seconds, async (n) => {
      // Callers from the far end of the list, so a call rarely meets a busy line.
      const index = phones.length - 1 - ((2 * n) % phones.length);
      const call = await ask(phones[index]!, 'phone', 'calls.start', { requestId: `call-${clientIds++}`, number: partnerOf(index).number });
      if (typeof call?.callId !== 'string') return;
      // The callee answers and the caller hangs up: a call record with both parties' pushes.
      await ask(partnerOf(index), 'phone', 'calls.answer', { callId: call.callId });
      if ((await ask(phones[index]!, 'phone', 'calls.end', { callId: call.callId })) !== undefined) calls += 1;
    }),
  ]);
  const elapsed = (performance.now() - runStarted) / 1000;
  // Pushes still on their way after the last answer.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpu = process.cpuUsage(cpuBefore);
  // Less the SHOW STATUS that reads the count.
  const statements = (await statementsSent()) - statementsBefore - 1;
  const parts = inspector ? cpuParts(((await inspector.post('Profiler.stop')) as { profile: Profile }).profile) : new Map<string, number>();
  inspector?.disconnect();
  return {
    rate,
    answered,
    answeredPerSecond: answered / elapsed,
    calls,
    callsPerSecond: calls / elapsed,
    answerTimes,
    delivery,
    cpuShare: (cpu.user + cpu.system) / 1e6 / elapsed,
    statementsPerRequest: statements / Math.max(1, answered + 3 * calls),
    parts,
    errors: [...errors.entries()].map(([what, count]) => `${what} ×${count}`).join('; ') || 'none',
  };
}

/** Waits until a request is answered within 100 ms again: the server has worked off what an earlier run queued. */
async function drained(): Promise<void> {
  for (let tries = 0; tries < 120; tries++) {
    const started = performance.now();
    await ask(phones[0]!, 'messages', 'threads.list', {});
    if (performance.now() - started < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// A first light run, not reported: the process compiles its hot paths and collects what connecting left behind.
await phase(Math.max(1, Math.round(RATE / 20)), 1, 5);
await drained();
// The same players at rising rates, 10 s each, up to the offered rate: what this one process sustains.
const ladder = [];
for (const rate of [RATE / 10, RATE / 5, RATE / 2.5, RATE / 1.25].map(Math.round)) {
  // Each step starts from a collected heap: a full collection of a heap this size pauses the process for a second.
  globalThis.gc?.();
  const step = await phase(rate, Math.max(1, Math.round(rate / 10)), 10);
  ladder.push(step);
  await drained();
  if (step.errors !== 'none' || step.answeredPerSecond < 0.9 * rate) break;
}
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const main = await phase(RATE, CALL_RATE, SECONDS, true);
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

const latencies = (samples: number[]) => `${ms(quantile(samples, 0.5))} / ${ms(quantile(samples, 0.95))} / ${ms(quantile(samples, 0.99))}`;
const busy = [...main.parts.values()].reduce((sum, value) => sum + value, 0);
printSection(
  'Load',
  `${machine()}; ${PLAYERS} players connected in ${connectSeconds.toFixed(1)} s, phones and Messages open, contacts and threads loaded (${loadErrors} errors);
${RATE} messages/s and ${CALL_RATE} calls/s offered for ${SECONDS} s through the NUI \`request\` callback. The simulator, every
client script and the server run in this one Node process, so CPU and heap are the whole simulation's.

${table(
  ['measure', 'figure', 'baseline / target'],
  [
    ['messages answered', `${main.answered} (${main.answeredPerSecond.toFixed(0)}/s)`, `offered ${RATE}/s; target ≥ 1,000/s sustained`],
    ['calls started, answered and ended', `${main.calls} (${main.callsPerSecond.toFixed(1)}/s)`, `offered ${CALL_RATE}/s`],
    ['send → answer p50 / p95 / p99 ms', latencies(main.answerTimes), '—'],
    ['send → recipient NUI p50 / p95 / p99 ms', `${latencies(main.delivery)} (${main.delivery.length} delivered)`, 'target p99 ≤ 25 ms'],
    ['single-row INSERT, one at a time', `${ceiling.serial.toFixed(0)}/s`, 'baseline'],
    ['single-row INSERT, 16 in flight', `${ceiling.inFlight.toFixed(0)}/s`, 'baseline; target: sends within 2× of it'],
    ['CPU (user + system) during the run', `${(main.cpuShare * 100).toFixed(0)}% of one core`, '—'],
    ['heap used before → after the run', `${(heapBefore / 2 ** 20).toFixed(0)} → ${(heapAfter / 2 ** 20).toFixed(0)} MiB${globalThis.gc ? ' (after a full collection)' : ''}`, '—'],
    ['errors', main.errors, 'none'],
  ],
)}

Where the main thread's time went during that run (V8's sampling profiler, self time):

${table(
  ['part', 'seconds', 'share'],
  [...main.parts.entries()].sort((a, b) => b[1] - a[1]).map(([part, time]) => [part, (time / 1000).toFixed(1), `${((time / busy) * 100).toFixed(0)}%`]),
)}

Before that run, the same players at rising rates, 10 s each (a tenth of the calls), stopping at the first rate with errors or
fewer than nine in ten messages answered; each starts after the one before has drained, from a collected heap:

${table(
  ['offered messages/s', 'answered/s', 'send → recipient NUI p50 / p95 / p99 ms', 'CPU', 'statements per request', 'errors'],
  ladder.map((step) => [step.rate, step.answeredPerSecond.toFixed(0), latencies(step.delivery), `${(step.cpuShare * 100).toFixed(0)}%`, step.statementsPerRequest.toFixed(1), step.errors]),
)}`,
);
// Exit without stopping the resources: stopping them mid-flight only tears down references still in use.
await database.dispose();
process.exit(0);
