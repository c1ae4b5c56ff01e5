/** Keys a {@link RateLimiter} holds before it forgets the full buckets. */
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per key: `perSecond` sustained, `burst` at once. For the limits an app keeps on what players
 * send each other (per sender, per sender and target …); Handset's own request limits use it too.
 *
 * @example
 * const perTarget = new RateLimiter(10 / 60, 10); // 10 a minute, 10 at once
 * if (!perTarget.take(`${from}>${to}`)) throw new HandsetError('RATE_LIMITED', 'too many messages to this number');
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether `key`'s bucket holds `amount` tokens now; spends nothing. */
  has(key: string, amount = 1): boolean {
    const bucket = this.buckets.get(key);
    return (bucket ? this.refilled(bucket, this.now()) : this.burst) >= amount;
  }

  /** Takes `amount` tokens for `key`; false, taking none, when its bucket holds fewer. */
  take(key: string, amount = 1): boolean {
    const now = this.now();
    if (!this.buckets.has(key) && this.buckets.size >= MAX_BUCKETS) this.prune(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = this.refilled(bucket, now);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < amount) return false;
    bucket.tokens -= amount;
    return true;
  }

  /** Forgets every bucket whose key starts with `prefix` (a player who left: the next one with that id starts full). */
  forget(prefix: string): void {
    for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
  }

  private refilled(bucket: { tokens: number; at: number }, now: number): number {
    // A clock set back refills nothing rather than draining the bucket.
    return Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
  }

  /** A full bucket is the same as none: forgetting those keeps the map to the keys being limited now. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (this.refilled(bucket, now) >= this.burst) this.buckets.delete(key);
  }
}
