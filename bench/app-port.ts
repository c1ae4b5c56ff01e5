/**
 * Round trips from an app frame's end of a MessageChannel through the shell's dispatcher (`serveAppPort`) and
 * back, against a bare MessagePort echo measured in the same run. Prints figures; asserts none.
 *
 * Run: `npm run bench` (or `npx tsx bench/app-port.ts`).
 */
import os from 'node:os';
import { serveAppPort, type MethodHandlers } from '../sdk/protocol/host';

const CALLS = 20_000;
const WARM_UP_CALLS = 2_000;
const IN_FLIGHT = 16;
const REPEATS = 3;

interface Case {
  name: string;
  /** The name of the case this one is divided by; a baseline has none. */
  baseline?: string;
  method: string;
  params: unknown;
  /** Answers calls on the host's end of the channel; returns what stops answering. */
  serve(port: MessagePort): () => void;
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

const order = (id: number) => ({ orderId: id, item: 'Burger Shot meal', price: 1250, note: 'no pickles, extra sauce', paid: true });
const smallPayload = order(4711);
const largePayload = Array.from({ length: 122 }, (_, index) => order(4711 + index));

const notBenchmarked = (): never => {
  throw new Error('not benchmarked');
};
// The handlers do no work of their own, so what is measured is the dispatcher.
const handlers: MethodHandlers = {
  handshake: notBenchmarked,
  request: ({ payload }) => payload,
  'notifications.show': notBenchmarked,
  'contacts.pick': notBenchmarked,
  'camera.capture': notBenchmarked,
  'gallery.pick': notBenchmarked,
  'location.pick': notBenchmarked,
  'contacts.list': notBenchmarked,
  'contacts.search': notBenchmarked,
  'share.open': notBenchmarked,
  'dialog.confirm': notBenchmarked,
  'dialog.prompt': notBenchmarked,
  'bars.color': notBenchmarked,
  'apps.open': notBenchmarked,
  'storage.get': notBenchmarked,
  'storage.set': () => null,
  'storage.remove': notBenchmarked,
  'storage.keys': notBenchmarked,
  'settings.get': notBenchmarked,
  'settings.update': notBenchmarked,
  'passcode.set': notBenchmarked,
  'apps.catalogue': notBenchmarked,
  'apps.install': notBenchmarked,
  'apps.uninstall': notBenchmarked,
  'shell.escape': notBenchmarked,
  'app.close': notBenchmarked,
};

/** The cost of the channel itself: every call is answered with its params, unread and unchecked. */
function serveEcho(port: MessagePort) {
  const onMessage = (event: MessageEvent) => {
    const { id, argumentList } = event.data as { id: string; argumentList: { value: unknown }[] };
    port.postMessage({ id, type: 'RAW', value: argumentList[0]!.value });
  };
  port.addEventListener('message', onMessage);
  port.start();
  return () => port.close();
}

function serveShell(port: MessagePort) {
  // Limits far above what the run reaches, so no call is refused and the limiter's bookkeeping is still paid.
  const served = serveAppPort(port, { grants: ['storage'], handlers, maxPending: 1e9, rate: { perSecond: 1e9, burst: 1e9 } });
  return () => served.close();
}

const small = sizeLabel(jsonBytes(smallPayload));
const large = sizeLabel(jsonBytes(largePayload));
const cases: Case[] = [
  { name: `echo, ${small}`, method: 'request', params: { action: 'bench.echo', payload: smallPayload }, serve: serveEcho },
  { name: `echo, ${large}`, method: 'request', params: { action: 'bench.echo', payload: largePayload }, serve: serveEcho },
  {
    name: `request, ${small}`,
    baseline: `echo, ${small}`,
    method: 'request',
    params: { action: 'bench.echo', payload: smallPayload },
    serve: serveShell,
  },
  {
    name: `request, ${large}`,
    baseline: `echo, ${large}`,
    method: 'request',
    params: { action: 'bench.echo', payload: largePayload },
    serve: serveShell,
  },
  {
    name: `storage.set, ${small}`,
    baseline: `echo, ${small}`,
    method: 'storage.set',
    params: { key: 'bench.order', value: smallPayload },
    serve: serveShell,
  },
];

/** One case's open channel, with the next call id its frame sends. */
interface Channel {
  frame: MessagePort;
  stop: () => void;
  nextId: number;
}

/** Sends `calls` calls from the frame, `IN_FLIGHT` at a time; rejects on the first answer that is not a success. */
function roundTrips(channel: Channel, method: string, params: unknown, calls: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = 0;
    const send = () => {
      const id = String(channel.nextId++);
      channel.frame.postMessage({ id, type: 'APPLY', path: method.split('.'), argumentList: [{ type: 'RAW', value: params }] });
      sent += 1;
    };
    channel.frame.onmessage = (event) => {
      const answer = event.data as { type: string };
      if (answer.type !== 'RAW') {
        reject(new Error(`${method} was not answered with a success: ${JSON.stringify(answer)}`));
        return;
      }
      answered += 1;
      if (answered === calls) resolve();
      else if (sent < calls) send();
    };
    for (let started = 0; started < Math.min(IN_FLIGHT, calls); started++) send();
  });
}

const channels = cases.map((benchCase): Channel => {
  const { port1, port2 } = new MessageChannel();
  return { frame: port2, stop: benchCase.serve(port1), nextId: 1 };
});

for (const [index, benchCase] of cases.entries()) {
  await roundTrips(channels[index]!, benchCase.method, benchCase.params, WARM_UP_CALLS);
}
// Repeats go round the cases, so a slow spell of the machine falls on every case alike.
const timings = cases.map((): number[] => []);
for (let repeat = 0; repeat < REPEATS; repeat++) {
  for (const [index, benchCase] of cases.entries()) {
    const startedAt = performance.now();
    await roundTrips(channels[index]!, benchCase.method, benchCase.params, CALLS);
    timings[index]!.push(performance.now() - startedAt);
  }
}
for (const channel of channels) {
  channel.stop();
  channel.frame.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medians = new Map(cases.map((benchCase, index) => [benchCase.name, median(timings[index]!)]));

const rows = cases.map((benchCase) => {
  const totalMs = medians.get(benchCase.name)!;
  const baselineMs = medians.get(benchCase.baseline ?? benchCase.name)!;
  return [
    benchCase.name,
    String(CALLS),
    totalMs.toFixed(1),
    String(Math.round((CALLS / totalMs) * 1000)),
    ((totalMs * 1000) / CALLS).toFixed(2),
    `${(totalMs / baselineMs).toFixed(2)}×`,
    benchCase.baseline ?? '(baseline)',
  ];
});
const header = ['case', 'calls', 'total ms', 'calls/s', 'µs/call', 'ratio', 'baseline'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
// Names left-aligned, figures right-aligned.
const line = (cells: string[]) =>
  cells.map((cell, column) => (column === 0 || column === 6 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();

const cpus = os.cpus();
console.log(
  `serveAppPort round trips — Node ${process.version}, ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
    `${IN_FLIGHT} calls in flight, median of ${REPEATS} runs after ${WARM_UP_CALLS} warm-up calls per case\n`,
);
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));
