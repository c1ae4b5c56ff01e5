/**
 * Idle: the built Handset in the simulator with players connected and phones closed, watched for a while. Every
 * script context's timers (created and fired), net events, NUI messages and the time its code ran are counted by
 * wrapping the simulator's runtime (setTimer, emitNet, event dispatch) and NUI pages. Target: zero work.
 *
 * Run: `npx tsx bench/idle.ts [--players 200] [--seconds 60]`
 */
import { JsRuntime } from '../tests/simulator/js-runtime';
import { NuiPage } from '../tests/simulator/nui';
import { ScriptRuntime } from '../tests/simulator/runtime';
import { connectWithPhone, openMariadb, startHandset } from '../tests/support/handset';
import { flag, machine, mariadbServer, ms, printSection, table } from './support';

const PLAYERS = flag('players', 200);
const SECONDS = flag('seconds', 60);
/** Connections settle (phone state, app list) before the watch starts. */
const SETTLE_MS = 2_000;

interface Work {
  timersCreated: number;
  timersFired: number;
  netEvents: number;
  nuiMessages: number;
  scriptMs: number;
  /** What did the work: timer delays and event names, with counts. */
  what: Map<string, number>;
}

/** Counting starts at the first connection, so the counters are seen to work; the watch starts from zero. */
let watching = false;
const work = new Map<string, Work>();
/** Server contexts by resource; client contexts are summed per resource over all players. */
function workOf(resource: string, side: string): Work {
  const key = `${resource} (${side})`;
  let entry = work.get(key);
  if (!entry) work.set(key, (entry = { timersCreated: 0, timersFired: 0, netEvents: 0, nuiMessages: 0, scriptMs: 0, what: new Map() }));
  return entry;
}
const note = (entry: Work, what: string) => entry.what.set(what, (entry.what.get(what) ?? 0) + 1);

const setTimer = ScriptRuntime.prototype.setTimer;
ScriptRuntime.prototype.setTimer = function (this: ScriptRuntime, fn, delay, repeat) {
  const created = watching;
  if (created) {
    workOf(this.resource.name, this.side).timersCreated += 1;
    note(workOf(this.resource.name, this.side), `${repeat ? 'setInterval' : 'setTimeout'}(${delay} ms) created`);
  }
  return setTimer.call(this, () => {
    if (!watching) return fn();
    const entry = workOf(this.resource.name, this.side);
    entry.timersFired += 1;
    note(entry, `${repeat ? 'setInterval' : 'setTimeout'}(${delay} ms) fired`);
    const started = performance.now();
    fn();
    entry.scriptMs += performance.now() - started;
  }, delay, repeat);
};
const emitNet = ScriptRuntime.prototype.emitNet;
ScriptRuntime.prototype.emitNet = function (this: ScriptRuntime, name, target, args) {
  if (watching) {
    const entry = workOf(this.resource.name, this.side);
    entry.netEvents += 1;
    note(entry, `emitNet ${name}`);
  }
  emitNet.call(this, name, target, args);
};
const dispatchEvent = JsRuntime.prototype.dispatchEvent;
JsRuntime.prototype.dispatchEvent = function (this: JsRuntime, name, payload, source, invoking) {
  if (!watching) return dispatchEvent.call(this, name, payload, source, invoking);
  const started = performance.now();
  dispatchEvent.call(this, name, payload, source, invoking);
  const entry = workOf(this.resource.name, this.side);
  entry.scriptMs += performance.now() - started;
  note(entry, `event ${name}`);
};
const receive = NuiPage.prototype.receive;
NuiPage.prototype.receive = function (this: NuiPage, message) {
  if (watching) {
    const entry = workOf(this.resource, 'NUI page');
    entry.nuiMessages += 1;
    note(entry, `NUI ${(message as { type?: string }).type ?? 'message'}`);
  }
  receive.call(this, message);
};

mariadbServer();
const database = await openMariadb();
const simulation = await startHandset({ database });
watching = true;
for (let at = 0; at < PLAYERS; at += 25) {
  await Promise.all(Array.from({ length: Math.min(25, PLAYERS - at) }, () => connectWithPhone(simulation)));
}
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const whileConnecting = [...work.values()].reduce((sum, entry) => sum + entry.timersFired + entry.netEvents + entry.nuiMessages, 0);
work.clear();

const cpuBefore = process.cpuUsage();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
watching = false;
const cpu = process.cpuUsage(cpuBefore);

const rows = [...work.entries()].sort(([a], [b]) => a.localeCompare(b));
const total = rows.reduce((sum, [, entry]) => sum + entry.timersFired + entry.netEvents + entry.nuiMessages, 0);
const found = rows
  .flatMap(([context, entry]) => [...entry.what.entries()].map(([what, count]) => `- ${context}: ${what} ×${count}`))
  .join('\n');
printSection(
  'Idle',
  `${machine()}; ${PLAYERS} players connected on MariaDB, phones closed, watched for ${SECONDS} s after ${SETTLE_MS / 1000} s to settle
(connecting them counted ${whileConnecting} timers fired, net events and NUI messages: the counters work).
Counted by wrapping the simulator's script runtime (timers, emitNet, event dispatch) and NUI pages; client contexts
are summed over all players. Target: zero work.

${table(
  ['context', 'timers created', 'timers fired', 'net events sent', 'NUI messages', 'script ms'],
  rows.length === 0
    ? [['(every context)', 0, 0, 0, 0, '0']]
    : rows.map(([context, entry]) => [context, entry.timersCreated, entry.timersFired, entry.netEvents, entry.nuiMessages, ms(entry.scriptMs)]),
)}

Process CPU over the watch (simulator included): ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in ${SECONDS} s.
${total === 0 && rows.length === 0 ? 'No work found: no timer fired, no net event or NUI message was sent.' : `Work found:\n${found}`}`,
);
await database.dispose();
process.exit(0);
