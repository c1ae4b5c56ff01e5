import type { Resource } from './resource.js';
import type { Simulator } from './simulator.js';
import { createCodec, type Codec } from './wire.js';

export type Side = 'server' | 'client';

/** The value a finished-later call hands back across runtimes, as CitizenFX does for async exports. */
export const ASYNC_RETVAL = '__cfx_async_retval';
export type AsyncCallback = (results: unknown[] | null, error: string | null) => void;

/**
 * One side of the game: the server, or one player's client. Holds the script runtimes of every started
 * resource on that side, dispatches events to them in start order and routes function-reference calls.
 */
export class Host {
  private readonly runtimes: ScriptRuntime[] = [];

  constructor(
    readonly sim: Simulator,
    readonly side: Side,
    /** The player whose client this is; undefined on the server. */
    readonly playerId?: number,
  ) {}

  add(runtime: ScriptRuntime): void {
    this.runtimes.push(runtime);
  }

  remove(resourceName: string): ScriptRuntime[] {
    const removed = this.runtimes.filter((rt) => rt.resource.name === resourceName);
    for (const rt of removed) this.runtimes.splice(this.runtimes.indexOf(rt), 1);
    return removed;
  }

  /** The event handlers a resource's scripts on this side registered: every name, and those made safe for net. */
  handlersOf(resourceName: string): { events: string[]; netEvents: string[] } {
    const runtimes = this.runtimesOf(resourceName);
    const names = (pick: (runtime: ScriptRuntime) => Set<string>) => [...new Set(runtimes.flatMap((runtime) => [...pick(runtime)]))].sort();
    return { events: names((runtime) => runtime.registered.events), netEvents: names((runtime) => runtime.registered.netEvents) };
  }

  runtimesOf(resourceName: string): ScriptRuntime[] {
    return this.runtimes.filter((rt) => rt.resource.name === resourceName);
  }

  /** Synchronous, like TriggerEvent: every runtime's handlers have run when this returns. */
  triggerEvent(name: string, payload: Uint8Array, source: string, invoking: string | null): void {
    for (const runtime of [...this.runtimes]) runtime.dispatchEvent(name, payload, source, invoking);
  }

  /** Only the named resource's runtimes see the event (NUI callbacks are delivered this way). */
  triggerResourceEvent(resourceName: string, name: string, payload: Uint8Array): void {
    for (const runtime of this.runtimesOf(resourceName)) runtime.dispatchEvent(name, payload, '', resourceName);
  }

  invokeRef(ref: string, args: Uint8Array, caller: string): Uint8Array {
    const owner = this.ownerOf(ref);
    if (!owner) throw new Error(`function reference ${ref} is no longer valid (resource ${ref.split(':')[0]} is not running)`);
    return owner.runtime.callRef(owner.index, args, caller);
  }

  /** A runtime made a callable of `ref` (CitizenFX's DuplicateFunctionReference). */
  holdRef(ref: string): void {
    const owner = this.ownerOf(ref);
    owner?.runtime.holdRef(owner.index);
  }

  /** A callable of `ref` was collected (DeleteFunctionReference): the last one frees the function. */
  releaseRef(ref: string): void {
    const owner = this.ownerOf(ref);
    owner?.runtime.releaseRef(owner.index);
  }

  private ownerOf(ref: string): { runtime: ScriptRuntime; index: number } | undefined {
    const [resource, runtimeId, index] = ref.split(':');
    const runtime = this.runtimes.find((rt) => rt.resource.name === resource && String(rt.id) === runtimeId);
    return runtime && { runtime, index: Number(index) };
  }
}

/** Releases a function reference when the callable made for it is garbage-collected, as CitizenFX's runtimes do. */
const collected = new FinalizationRegistry<{ host: Host; ref: string }>(({ host, ref }) => host.releaseRef(ref));

/** A callable for `ref` that holds the function on its owner's side until it is collected. */
export function refCallable<T extends object>(host: Host, ref: string, callable: T): T {
  host.holdRef(ref);
  collected.register(callable, { host, ref });
  return callable;
}

let nextRuntimeId = 1;

/** What every script runtime (JS, Lua) shares: identity, serialization, timers and the way out to the host. */
export abstract class ScriptRuntime {
  readonly id = nextRuntimeId++;
  readonly codec: Codec;
  private readonly invokingStack: (string | null)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Functions passed out by reference, with how many callables other runtimes hold of each. */
  private readonly refs = new Map<number, { fn: (...args: unknown[]) => unknown; holders: number }>();
  private nextRef = 0;
  disposed = false;
  /** Every event name a script of this runtime added a handler for, and those it made safe for net (the defaults aside). */
  readonly registered = { events: new Set<string>(), netEvents: new Set<string>() };

  constructor(
    readonly host: Host,
    readonly resource: Resource,
  ) {
    this.codec = createCodec({
      makeRef: (fn) => this.makeRef(fn),
      resolveRef: (ref) => this.resolveRef(ref),
    });
  }

  get sim(): Simulator {
    return this.host.sim;
  }

  get side(): Side {
    return this.host.side;
  }

  /** The resource that called into this runtime; null once the synchronous part of the call is over. */
  get invokingResource(): string | null {
    return this.invokingStack.at(-1) ?? null;
  }

  abstract load(files: { path: string; code: string }[]): Promise<void>;
  /** Runs this runtime's handlers for an event; the payload is the msgpack-packed argument array. */
  abstract dispatchEvent(name: string, payload: Uint8Array, source: string, invoking: string | null): void;
  /** Turns a reference name from the wire into a callable value of this runtime's language. */
  protected abstract resolveRef(ref: string): unknown;

  makeRef(fn: (...args: unknown[]) => unknown): string {
    const index = this.nextRef++;
    this.refs.set(index, { fn, holders: 0 });
    return `${this.resource.name}:${this.id}:${index}`;
  }

  /** How many functions this runtime passed out by reference are still held (or not yet taken) elsewhere. */
  get liveRefs(): number {
    return this.refs.size;
  }

  holdRef(index: number): void {
    const entry = this.refs.get(index);
    if (entry) entry.holders += 1;
  }

  releaseRef(index: number): void {
    const entry = this.refs.get(index);
    if (entry && --entry.holders <= 0) this.refs.delete(index);
  }

  /** Calls one of this runtime's referenced functions; returns the packed array of its results. */
  callRef(index: number, args: Uint8Array, caller: string): Uint8Array {
    const fn = this.refs.get(index)?.fn;
    if (!fn) throw new Error(`function reference ${this.resource.name}:${this.id}:${index} does not exist`);
    const argList = this.codec.unpack(args);
    const result = this.withInvoking(caller, () => fn(...(Array.isArray(argList) ? argList : [])));
    if (!isThenable(result)) return this.codec.pack([result]);
    const later = (callback: AsyncCallback) =>
      void Promise.resolve(result)
        .then(
          (value) => callback([value], null),
          (error: unknown) => callback(null, errorMessage(error)),
        )
        .catch((error: unknown) => {
          // As in FXServer, an answer for a caller whose resource stopped meanwhile goes nowhere.
          if (!(error instanceof Error && / is no longer valid \(resource \S+ is not running\)$/.test(error.message))) throw error;
        });
    return this.codec.pack([{ [ASYNC_RETVAL]: later }]);
  }

  withInvoking<T>(invoking: string | null, run: () => T): T {
    this.invokingStack.push(invoking);
    try {
      return run();
    } finally {
      this.invokingStack.pop();
    }
  }

  /** Calls a function reference that may live in any runtime on this side. */
  invokeRef(ref: string, args: unknown[]): unknown[] {
    const results = this.codec.unpack(this.host.invokeRef(ref, this.codec.pack(args), this.resource.name));
    return Array.isArray(results) ? results : [];
  }

  emitLocal(name: string, args: unknown[]): void {
    this.host.triggerEvent(name, this.codec.pack(args), '', this.resource.name);
  }

  /** Server: `target` is a player id or -1 for everyone. Client: target is ignored (always the server). */
  emitNet(name: string, target: number, args: unknown[]): void {
    this.sim.network.send(this, name, target, this.codec.pack(args));
  }

  setTimer(fn: () => void, ms: number, repeat: boolean): NodeJS.Timeout {
    const run = () => {
      if (!repeat) this.timers.delete(timer);
      this.guard('timer', fn);
    };
    const timer = repeat ? setInterval(run, ms) : setTimeout(run, ms);
    this.timers.add(timer);
    return timer;
  }

  clearTimer(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Runs script code, reporting what it throws or rejects as a script error of this resource. */
  guard(what: string, run: () => unknown): void {
    try {
      const result = run();
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.scriptError(what, error));
    } catch (error) {
      this.scriptError(what, error);
    }
  }

  scriptError(what: string, error: unknown): void {
    this.sim.reportScriptError(this.resource.name, this.side, what, error);
  }

  print(text: string): void {
    this.sim.log(this.resource.name, this.side, text, this.host.playerId);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.refs.clear();
  }
}

/** Works across realms: errors thrown inside a script's context are not instances of this realm's Error. */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
