import type { Answer } from '../../sdk/protocol/errors';
import { RateLimiter } from '../../sdk/protocol/rate-limiter';

/** How long the client waits for the server's answer; the server's own handler limit is 10 s. */
const ANSWER_TIMEOUT_MS = 12_000;

/**
 * What all of Handset's requests together may send a second, and at once: half of what FXServer allows a client
 * before it drops them (`rateLimiter_netEvent` 50/s burst 200, `rateLimiter_netEventSize` 128 KiB/s burst
 * 384 KiB), leaving the rest to the server's other resources.
 */
const BUDGET = {
  events: { perSecond: 25, burst: 100 },
  bytes: { perSecond: 64 * 1024, burst: 192 * 1024 },
};

const events = new RateLimiter(BUDGET.events.perSecond, BUDGET.events.burst);
const bytes = new RateLimiter(BUDGET.bytes.perSecond, BUDGET.bytes.burst);

/** The UTF-8 size of a request as JSON: close to what the net event carries. */
const sizeOf = (value: unknown) => encodeURIComponent(JSON.stringify(value) ?? '').replace(/%[0-9A-F]{2}/g, '.').length;

const pending = new Map<number, (answer: Answer<unknown>) => void>();
let nextId = 1;

onNet('handset:response', (id: unknown, answer: unknown) => {
  const settle = typeof id === 'number' ? pending.get(id) : undefined;
  if (!settle) return;
  pending.delete(id as number);
  settle(answer as Answer<unknown>);
});

/**
 * Asks the server's app bridge; always settles, with TIMEOUT when the server stays silent, and with RATE_LIMITED
 * at once when the phone's budget is spent, before FXServer would drop the player for flooding.
 */
export function request(appId: string, action: string, payload: unknown): Promise<Answer<unknown>> {
  const size = sizeOf([appId, action, payload ?? null]);
  // Both budgets or neither: the bytes are checked first, then spent once the event is.
  if (!bytes.has('phone', size) || !events.take('phone')) {
    return Promise.resolve({ ok: false, error: { code: 'RATE_LIMITED', message: 'the phone is sending too much at once; slow down' } });
  }
  bytes.take('phone', size);
  const id = nextId;
  nextId = nextId >= 2 ** 31 ? 1 : nextId + 1;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({ ok: false, error: { code: 'TIMEOUT', message: 'the server did not answer in time' } });
    }, ANSWER_TIMEOUT_MS);
    pending.set(id, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    emitNet('handset:request', id, appId, action, payload ?? null);
  });
}
