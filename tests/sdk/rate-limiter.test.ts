import { expect, it } from 'vitest';
import { RateLimiter } from '@handset/sdk/server';

/** A limiter of 2 a second with a burst of 4, on a clock the test moves. */
function limiter() {
  let clock = 0;
  const limits = new RateLimiter(2, 4, () => clock);
  return { limits, advance: (ms: number) => (clock += ms) };
}

it('takes a burst at once, then refills at its rate, per key', () => {
  const { limits, advance } = limiter();
  expect([1, 2, 3, 4, 5].map(() => limits.take('a'))).toEqual([true, true, true, true, false]);
  expect(limits.take('b')).toBe(true);
  advance(499);
  expect(limits.take('a')).toBe(false);
  advance(1);
  expect([limits.take('a'), limits.take('a')]).toEqual([true, false]);
  advance(60_000);
  expect([1, 2, 3, 4, 5].map(() => limits.take('a'))).toEqual([true, true, true, true, false]);
});

it('takes an amount only when the bucket holds all of it, and `has` spends nothing', () => {
  const { limits, advance } = limiter();
  expect(limits.has('a', 4)).toBe(true);
  expect(limits.has('a', 5)).toBe(false);
  expect(limits.take('a', 3)).toBe(true);
  expect(limits.has('a', 2)).toBe(false);
  expect(limits.take('a', 2)).toBe(false);
  expect(limits.take('a', 1)).toBe(true);
  expect(limits.has('a')).toBe(false);
  advance(1000);
  expect(limits.has('a', 2)).toBe(true);
  expect(limits.has('a', 3)).toBe(false);
  expect(limits.take('a', 2)).toBe(true);
});

it('forgets the buckets of a prefix: the next player with that server id starts full', () => {
  const { limits } = limiter();
  for (const key of ['7:calls', '7:mail', '70:calls']) limits.take(key, 4);
  limits.forget('7:');
  expect([limits.has('7:calls', 4), limits.has('7:mail', 4), limits.has('70:calls', 1)]).toEqual([true, true, false]);
});

it('neither drains nor refills a bucket when the clock is set back', () => {
  const { limits, advance } = limiter();
  expect(limits.take('a', 2)).toBe(true);
  advance(-60_000);
  expect(limits.has('a', 2)).toBe(true);
  expect(limits.has('a', 3)).toBe(false);
  expect(limits.take('a', 2)).toBe(true);
  expect(limits.take('a', 1)).toBe(false);
});
