import fc from 'fast-check';
import { expect, it } from 'vitest';
import { APP_PERMISSIONS } from '../../sdk/manifest';
import { METHODS, type MethodName } from '../../sdk/protocol/catalogue';
import { ERROR_CODES, HandsetError } from '../../sdk/protocol/errors';
import { serveAppPort, type MethodHandlers } from '../../sdk/protocol/host';

/** Messages a hostile frame posts. */
const RUNS = 10_000;

const methodNames = Object.keys(METHODS) as MethodName[];
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('__proto__', 'constructor', 'x'.repeat(17_000)));
const argument = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom('title', 'body', 'key', 'value', 'appId', 'link', 'text', 'action', 'payload', 'apiVersion', 'query', 'limit', 'defaultValue', '__proto__'), value, { maxKeys: 4 }) },
  { weight: 1, arbitrary: value },
);
const message = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        type: fc.oneof({ weight: 8, arbitrary: fc.constant('APPLY') }, { weight: 2, arbitrary: fc.constantFrom('GET', 'SET', 'CONSTRUCT', 'ENDPOINT', 'RELEASE', 'SPLICE') }),
        path: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...methodNames).map((name) => name.split('.')) }, { weight: 2, arbitrary: fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }) }),
        argumentList: fc.oneof(
          { weight: 8, arbitrary: argument.map((input) => [{ type: 'RAW', value: input }]) },
          { weight: 2, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

it(`answers ${RUNS} messages from a hostile frame once each with an exact code, and hands handlers only input their schema accepts`, async () => {
  const badInputs: string[] = [];
  // Every handler checks what the shell let through, then declines: the answer is UNAVAILABLE, never INTERNAL.
  const handlers = Object.fromEntries(
    methodNames.map((name) => [
      name,
      (input: unknown) => {
        if (!METHODS[name].input.safeParse(input).success) badInputs.push(`${name} ${JSON.stringify(input)}`);
        throw new HandsetError('UNAVAILABLE', 'declined');
      },
    ]),
  ) as unknown as MethodHandlers;
  const channel = new MessageChannel();
  const served = serveAppPort(channel.port1, { grants: APP_PERMISSIONS, handlers, maxPending: RUNS, rate: { perSecond: RUNS, burst: RUNS } });
  const answers: unknown[] = [];
  let wake = () => {};
  channel.port2.onmessage = (event) => {
    answers.push(event.data);
    if (answers.length === RUNS) wake();
  };
  const done = new Promise<void>((resolve) => (wake = resolve));

  const messages = fc.sample(message, { numRuns: RUNS, seed: 20261207 });
  // Unique call ids where the message has one, so each answer is told apart.
  messages.forEach((data, index) => channel.port2.postMessage(typeof data === 'object' && data !== null && !Array.isArray(data) ? { id: String(index + 1), ...data } : data));
  await done;
  served.close();
  channel.port2.close();

  const codes = new Map<string, number>();
  for (const answer of answers as { type?: string; kind?: string; value?: { code?: string }; error?: { code?: string } }[]) {
    const code = answer.kind === 'rejected' ? answer.error?.code : answer.type === 'HANDLER' ? answer.value?.code : `unexpected ${JSON.stringify(answer)}`;
    expect((ERROR_CODES as readonly string[]).includes(code!) && code !== 'INTERNAL', String(code)).toBe(true);
    codes.set(code!, (codes.get(code!) ?? 0) + 1);
  }
  expect(answers).toHaveLength(RUNS);
  expect([...codes.keys()].sort()).toEqual(['FORBIDDEN', 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE', 'UNAVAILABLE']);
  expect(badInputs).toEqual([]);
});
