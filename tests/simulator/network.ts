import type { ScriptRuntime } from './runtime.js';
import type { Simulator } from './simulator.js';

/** FXServer's token bucket: `rate` tokens a second, at most `burst` saved up. */
class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(
    private readonly rate: () => number,
    private readonly burst: () => number,
  ) {}

  consume(key: number, amount = 1): boolean {
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst(), at: now };
    bucket.tokens = Math.min(this.burst(), bucket.tokens + ((now - bucket.at) / 1000) * this.rate());
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < amount) return false;
    bucket.tokens -= amount;
    return true;
  }

  forget(key: number): void {
    this.buckets.delete(key);
  }
}

/**
 * Net events between the server and each client: asynchronous, and from clients subject to FXServer's
 * limits (`rateLimiter_netEvent*` convars: 50/s burst 200 dropped, past 75/s burst 300 the player is
 * dropped; `rateLimiter_netEventSize`: 128 KiB/s burst 384 KiB, past that the player is dropped).
 */
export class Network {
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly limit: (name: string, rate: number, burst: number) => RateLimiter;
  private readonly events: RateLimiter;
  private readonly flood: RateLimiter;
  private readonly size: RateLimiter;

  constructor(private readonly sim: Simulator) {
    const convar = (name: string, fallback: number) => () =>
      Number(sim.convars.get(name, 'server') ?? fallback) || fallback;
    this.limit = (name, rate, burst) =>
      new RateLimiter(convar(`rateLimiter_${name}_rate`, rate), convar(`rateLimiter_${name}_burst`, burst));
    this.events = this.limit('netEvent', 50, 200);
    this.flood = this.limit('netEventFlood', 75, 300);
    this.size = this.limit('netEventSize', 128 * 1024, 384 * 1024);
  }

  send(from: ScriptRuntime, name: string, target: number, payload: Uint8Array): void {
    const playerId = from.host.playerId;
    if (playerId === undefined) {
      const targets = target === -1 ? [...this.sim.players.keys()] : [target];
      for (const id of targets) {
        this.later(() => this.sim.players.get(id)?.client.triggerEvent(name, payload, 'net:65535', null));
      }
      return;
    }
    if (!this.events.consume(playerId)) {
      if (!this.flood.consume(playerId)) void this.sim.dropPlayer(playerId, 'Reliable network event overflow.');
      return;
    }
    if (!this.size.consume(playerId, payload.byteLength + name.length)) {
      void this.sim.dropPlayer(playerId, `Reliable network event size overflow: ${name}`);
      return;
    }
    this.later(() => {
      if (this.sim.players.has(playerId)) this.sim.server.triggerEvent(name, payload, `net:${playerId}`, null);
    });
  }

  forget(playerId: number): void {
    for (const limiter of [this.events, this.flood, this.size]) limiter.forget(playerId);
  }

  /** Resolves once every net event sent so far (and any they caused) has been delivered. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private later(deliver: () => void): void {
    this.pending++;
    setImmediate(() => {
      try {
        deliver();
      } finally {
        this.pending--;
        if (this.pending === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      }
    });
  }
}
