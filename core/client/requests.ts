import type { Answer } from '../../sdk/protocol/errors';

/** How long the client waits for the server's answer; the server's own handler limit is 10 s. */
const ANSWER_TIMEOUT_MS = 12_000;

const pending = new Map<number, (answer: Answer<unknown>) => void>();
let nextId = 1;

onNet('handset:response', (id: unknown, answer: unknown) => {
  const settle = typeof id === 'number' ? pending.get(id) : undefined;
  if (!settle) return;
  pending.delete(id as number);
  settle(answer as Answer<unknown>);
});

/** Asks the server's app bridge; always settles, with TIMEOUT when the server stays silent. */
export function request(appId: string, action: string, payload: unknown): Promise<Answer<unknown>> {
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
