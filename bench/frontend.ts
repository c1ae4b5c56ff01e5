/**
 * Front end: the sandbox in real headless Chromium (/usr/bin/chromium). Times, inside the pages, the phone opening
 * (the shell's `phone:visibility` message to the lock screen painted, and the Unlock tap to the uncovered home screen painted),
 * an app opening (the icon's tap to the Messages app's first thread row painted), and scrolls a 5,000-message thread
 * to its start while a PerformanceObserver records long tasks. Targets ≤ 50 ms, ≤ 150 ms, no long task over 50 ms.
 *
 * Run after `npm run build`: `npx tsx bench/frontend.ts [--repeat 5] [--messages 5000]`
 */
import type { Frame } from 'playwright-core';
import { createDriverDatabase } from '../core/server/storage/driver-database';
import { hasChromium, chromiumPath, openSandbox } from '../tests/support/browser';
import { flag, machine, ms, printSection, quantile, table } from './support';

const REPEAT = flag('repeat', 5);
const MESSAGES = flag('messages', 5_000);
const SCROLL_LIMIT_MS = 60_000;

if (!hasChromium) {
  printSection('Front end', `Not measured: no Chromium at ${chromiumPath}.`);
  process.exit(0);
}

/** In a frame: resolves to the page clock (ms since the epoch) of the first frame painted after `selector` shows. */
function paintedAt(frame: Frame, selector: string): Promise<number> {
  return frame.evaluate(
    (selector) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const element = document.querySelector(selector);
          const box = element?.getBoundingClientRect();
          if (box && box.width > 0 && box.height > 0) requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
          else requestAnimationFrame(check);
        };
        check();
      }),
    selector,
  );
}

const sandbox = await openSandbox({});
const viewer = await sandbox.connect();
const other = await sandbox.connect();
const shell = viewer.shellFrame();
/** tsx compiles with keepNames: functions passed to evaluate call esbuild's `__name`, which pages lack. */
const keepNames = (frame: Frame) => frame.evaluate('globalThis.__name = (target) => target');
await keepNames(shell);
/** Taps the button named `name` from inside the page (no driver round trip in the figure); resolves to the tap's page clock. */
const tap = (frame: Frame, name: string) =>
  frame.evaluate((name) => {
    const button = [...document.querySelectorAll('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name);
    if (!button) throw new Error(`no button ${name}`);
    const at = performance.timeOrigin + performance.now();
    button.click();
    return at;
  }, name);

// A thread of MESSAGES messages: the first sent as the page sends it, the rest written straight into the database.
const send = await shell.evaluate(
  (to) =>
    fetch('https://handset/request', { method: 'POST', body: JSON.stringify({ appId: 'messages', action: 'messages.send', payload: { clientId: 'bench-0', to, kind: 'text', body: 'first' } }) }).then(
      (response) => response.json() as Promise<{ ok: boolean; data: { id: number; threadId: string } }>,
    ),
  other.number,
);
if (!send.ok) throw new Error('the first message was refused');
const db = await createDriverDatabase(sandbox.simulation.database.connection);
const threadId = send.data.threadId;
const senders = [viewer, other].map((screen) => ({ number: screen.number.replace(/\D/g, '') }));
const phoneIds = await db.select<{ id: number; phone_number: string }>('SELECT id, phone_number FROM handset_core_phones');
const phoneIdOf = (number: string) => phoneIds.find((row) => row.phone_number === number)!.id;
for (let at = 1; at < MESSAGES; at += 500) {
  const rows = Array.from({ length: Math.min(500, MESSAGES - at) }, (_, offset) => {
    const sender = senders[(at + offset) % 2]!.number;
    return [threadId, sender, phoneIdOf(sender), 'text', `message ${at + offset}: ${'la '.repeat((at + offset) % 40)}`, Date.now() - (MESSAGES - at - offset) * 1000];
  });
  await db.run(`INSERT INTO handset_messages_messages (thread_id, sender_number, sender_phone_id, kind, body, sent_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
}
await db.run('UPDATE handset_messages_threads SET last_message_id = (SELECT MAX(id) FROM handset_messages_messages WHERE thread_id = ?) WHERE id = ?', [threadId, threadId]);
await db.close();

// Phone open → lock screen, and Unlock → home screen, REPEAT times.
const lockScreen: number[] = [];
const homeScreen: number[] = [];
await viewer.openPhone();
viewer.player.executeCommand('phone');
await viewer.shell.getByLabel('Lock screen').waitFor({ state: 'hidden' });
for (let n = 0; n < REPEAT; n++) {
  const opened = shell.evaluate(
    () =>
      new Promise<number>((resolve) =>
        window.addEventListener('message', function onMessage(event: MessageEvent<{ type?: string; open?: boolean }>) {
          if (event.data?.type !== 'phone:visibility' || !event.data.open) return;
          window.removeEventListener('message', onMessage);
          resolve(performance.timeOrigin + performance.now());
        }),
      ),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  viewer.player.executeCommand('phone');
  const shown = await opened;
  lockScreen.push((await paintedAt(shell, '[aria-label="Lock screen"]')) - shown);
  const tapped = await tap(shell, 'Unlock');
  homeScreen.push((await paintedAt(shell, '[aria-label="Home screen"]:not([inert]) button')) - tapped);
  await viewer.shell.getByLabel('Lock screen').waitFor({ state: 'hidden' });
  if (n < REPEAT - 1) {
    viewer.player.executeCommand('phone');
    await viewer.shell.getByLabel('Home screen').waitFor({ state: 'hidden' });
  }
}

// App open → first data: the first open loads the frame; the frame then stays while the app is in the background.
const tapped = await tap(shell, 'Messages');
// The frame as soon as it exists: waiting for the app layer's opening animation here would be counted in the figure.
const iframe = shell.locator('.app-frame[data-app="messages"] iframe');
await iframe.waitFor({ state: 'attached' });
const app = (await (await iframe.elementHandle())!.contentFrame())!;
await app.waitForLoadState('domcontentloaded');
await keepNames(app);
const firstData = (await paintedAt(app, '.thread-row')) - tapped;
// Where the time went: the frame's navigation start and its DOMContentLoaded, on the same clock as the tap.
const frameTimes = await app.evaluate(() => {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  return { started: performance.timeOrigin, contentLoaded: performance.timeOrigin + navigation.domContentLoadedEventEnd };
});

// Home, then Messages again: its frame is there, behind the home screen.
const reopened: number[] = [];
for (let n = 0; n < REPEAT; n++) {
  await tap(shell, 'Home');
  await shell.locator('.app-layer.foreground').waitFor({ state: 'detached' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Hidden, the row has no box: the watch in the frame resolves once the layer shows it.
  const painted = paintedAt(app, '.thread-row');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const reopenTapped = await tap(shell, 'Messages');
  reopened.push((await painted) - reopenTapped);
}
// A tap lands where the app is only once its layer has finished opening.
await viewer.appFrame('messages');

// Scroll the thread to its first message, recording long tasks.
await app.locator('.thread-row').first().click();
await app.locator('.timeline .message').first().waitFor();
const scroll = await app.evaluate(
  ({ total, limitMs }) =>
    new Promise<{ loaded: number; ms: number; longTasks: number[] }>((resolve) => {
      const longTasks: number[] = [];
      new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask', buffered: false });
      const scroller = document.querySelector('.timeline-scroll')!;
      const started = performance.now();
      // Every message that has been on the page: a long thread keeps only a window of them there at once.
      const seen = new Set<string>();
      const step = () => {
        // The list is bottom-up (column-reverse): the oldest messages are at the most negative scrollTop.
        scroller.scrollBy(0, -400);
        for (const message of document.querySelectorAll('.timeline .message')) seen.add(message.getAttribute('data-key') ?? '');
        const loaded = seen.size;
        if (loaded >= total || performance.now() - started > limitMs) setTimeout(() => resolve({ loaded, ms: performance.now() - started, longTasks }), 200);
        else requestAnimationFrame(step);
      };
      step();
    }),
  { total: MESSAGES, limitMs: SCROLL_LIMIT_MS },
);
await sandbox.close();

const verdict = (value: number, limit: number) => (value <= limit ? `met (≤ ${limit} ms)` : `missed (≤ ${limit} ms)`);
const longest = Math.max(0, ...scroll.longTasks);
printSection(
  'Front end',
  `Headless Chromium (${chromiumPath}) on the sandbox (SQLite); ${machine()}. Times are taken inside the pages
(page clocks, painted = the animation frame after the element has a box); ${REPEAT} repetitions, median and worst.

${table(
  ['measure', 'median ms', 'worst ms', 'target'],
  [
    ['phone open: phone:visibility → lock screen painted', ms(quantile(lockScreen, 0.5)), ms(Math.max(...lockScreen)), verdict(quantile(lockScreen, 0.5), 50)],
    ['Unlock tap → home screen painted', ms(quantile(homeScreen, 0.5)), ms(Math.max(...homeScreen)), verdict(quantile(homeScreen, 0.5), 50)],
    ['Messages icon tap → first thread row painted (once, cold frame)', ms(firstData), ms(firstData), verdict(firstData, 150)],
    ['… of which: tap → the frame starts loading', ms(frameTimes.started - tapped), '', ''],
    ['… the frame loading → DOMContentLoaded', ms(frameTimes.contentLoaded - frameTimes.started), '', ''],
    ['… DOMContentLoaded → first thread row painted (handshake, threads.list)', ms(firstData - (frameTimes.contentLoaded - tapped)), '', ''],
    ['Messages icon tap → first thread row painted, reopened from the home screen', ms(quantile(reopened, 0.5)), ms(Math.max(...reopened)), verdict(quantile(reopened, 0.5), 150)],
    [`scrolling the ${MESSAGES}-message thread to its start: ${scroll.loaded} messages loaded in ${(scroll.ms / 1000).toFixed(1)} s`, '—', `longest task ${ms(longest)}`, `${scroll.longTasks.length} long tasks; ${longest <= 50 ? 'met' : 'missed'} (none over 50 ms)`],
  ],
)}`,
);
process.exit(0);
