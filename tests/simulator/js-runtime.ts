import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { createNatives } from './natives.js';
import { ASYNC_RETVAL, errorMessage, refCallable, ScriptRuntime, type AsyncCallback } from './runtime.js';

type Handler = (...args: unknown[]) => unknown;

/** Converts the packed result list of a reference call the way CitizenFX's JS runtime does. */
function jsResult(results: unknown[]): unknown {
  const first = results[0] as Record<string, unknown> | undefined;
  const later = first && typeof first === 'object' ? first[ASYNC_RETVAL] : undefined;
  if (typeof later === 'function') {
    return new Promise((resolve, reject) => {
      const done: AsyncCallback = (values, error) =>
        error !== null && error !== undefined ? reject(new Error(error)) : resolve(jsResult(values ?? []));
      (later as (callback: AsyncCallback) => void)(done);
    });
  }
  if (results.length === 0) return undefined;
  return results.length === 1 ? results[0] : results;
}

/** A resource's JS scripts on one side: one isolated V8 context with the CitizenFX globals. */
export class JsRuntime extends ScriptRuntime {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly netSafe = new Set<string>(['playerDropped', 'playerConnecting']);
  private readonly exportCache = new Map<string, Map<string, Handler>>();
  private context: vm.Context | undefined;
  private readonly ticks = new Map<number, NodeJS.Timeout>();

  async load(files: { path: string; code: string }[]): Promise<void> {
    const context = vm.createContext(this.globals());
    this.context = context;
    for (const file of files) {
      this.guard(`loading ${path.relative(this.resource.dir, file.path)}`, () =>
        vm.runInContext(file.code, context, { filename: file.path }),
      );
    }
  }

  protected resolveRef(ref: string): unknown {
    return refCallable(this.host, ref, (...args: unknown[]) => jsResult(this.invokeRef(ref, args)));
  }

  dispatchEvent(name: string, payload: Uint8Array, source: string, invoking: string | null): void {
    if (name === 'onResourceStop') this.forgetExports(payload);
    const listeners = this.handlers.get(name);
    if (!listeners?.length || !this.context) return;
    const fromNet = source.startsWith('net:');
    if (fromNet && !this.netSafe.has(name)) {
      this.print(`Event ${name} was not safe for net`);
      return;
    }
    const args = this.codec.unpack(payload);
    if (!Array.isArray(args)) return;
    const context = this.context;
    const playerId = /^(?:internal-)?net:(\d+)$/.exec(source)?.[1];
    context.source = playerId === undefined ? source : Number(playerId);
    try {
      this.withInvoking(invoking, () => {
        for (const listener of [...listeners]) this.guard(`event ${name}`, () => listener(...args));
      });
    } finally {
      // FiveM clears `source` once the synchronous part of the handlers has run.
      context.source = null;
    }
  }

  /** A stopped resource's exports are looked up afresh next time, as CitizenFX's exports proxy does. */
  private forgetExports(payload: Uint8Array): void {
    const [resource] = this.codec.unpack(payload) as [string];
    this.exportCache.delete(resource);
  }

  private on(name: string, handler: Handler, netSafe = false): void {
    if (netSafe) this.makeNetSafe(name);
    this.registered.events.add(name);
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  private makeNetSafe(name: string): void {
    this.netSafe.add(name);
    this.registered.netEvents.add(name);
  }

  private off(name: string, handler: Handler): void {
    const list = this.handlers.get(name);
    if (list?.includes(handler)) list.splice(list.indexOf(handler), 1);
  }

  private findExport(resource: string, name: string): Handler {
    let cached = this.exportCache.get(resource)?.get(name);
    if (!cached) {
      this.emitLocal(`__cfx_export_${resource}_${name}`, [
        (fn: unknown) => {
          if (typeof fn !== 'function') return;
          const byName = this.exportCache.get(resource) ?? new Map<string, Handler>();
          byName.set(name, fn as Handler);
          this.exportCache.set(resource, byName);
        },
      ]);
      cached = this.exportCache.get(resource)?.get(name);
      if (!cached) throw new Error(`No such export ${name} in resource ${resource}`);
    }
    const exported = cached;
    return (...args: unknown[]) => {
      try {
        return exported(...args);
      } catch (error) {
        throw new Error(
          `An error occurred while calling export ${name} of resource ${resource} - ${errorMessage(error)} - see above for details`,
        );
      }
    };
  }

  private exportsObject(): unknown {
    const register = (name: string, fn: Handler) =>
      this.on(`__cfx_export_${this.resource.name}_${name}`, (setCallback) => (setCallback as Handler)(fn));
    return new Proxy(register, {
      get: (_target, resource) => {
        if (typeof resource !== 'string') return undefined;
        return new Proxy({}, { get: (_t, name) => (typeof name === 'string' ? this.findExport(resource, name) : undefined) });
      },
    });
  }

  private globals(): Record<string, unknown> {
    const natives = createNatives(this);
    const on = (name: string, handler: Handler) => this.on(name, handler);
    const onNet = (name: string, handler: Handler) => this.on(name, handler, true);
    const registerNetEvent = (name: string, handler?: Handler) =>
      handler ? onNet(name, handler) : this.makeNetSafe(name);
    const emit = (name: string, ...args: unknown[]) => this.emitLocal(name, args);
    const emitNet =
      this.side === 'server'
        ? (name: string, target: number | string, ...args: unknown[]) => this.emitNet(name, Number(target), args)
        : (name: string, ...args: unknown[]) => this.emitNet(name, 0, args);
    const ticks = this.ticks;
    let nextTick = 1;
    const log = (...parts: unknown[]) => this.print(parts.map(formatLogPart).join(' '));
    const console = { log, info: log, warn: log, error: log, debug: log, trace: log };
    const globals: Record<string, unknown> = {
      ...natives,
      console,
      exports: this.exportsObject(),
      source: null,
      on,
      addEventListener: on,
      AddEventHandler: on,
      onNet,
      addNetEventListener: onNet,
      RegisterNetEvent: registerNetEvent,
      RegisterServerEvent: registerNetEvent,
      removeEventListener: (name: string, handler: Handler) => this.off(name, handler),
      emit,
      TriggerEvent: emit,
      emitNet,
      [this.side === 'server' ? 'TriggerClientEvent' : 'TriggerServerEvent']: emitNet,
      RegisterNuiCallback: (name: string, handler: Handler) => {
        (natives.RegisterNuiCallbackType as (name: string) => void)(name);
        on(`__cfx_nui:${name}`, handler);
      },
      setTimeout: (fn: Handler, ms = 0, ...args: unknown[]) => this.setTimer(() => fn(...args), ms, false),
      setInterval: (fn: Handler, ms = 0, ...args: unknown[]) => this.setTimer(() => fn(...args), ms, true),
      setImmediate: (fn: Handler, ...args: unknown[]) => this.setTimer(() => fn(...args), 0, false),
      clearTimeout: (timer: NodeJS.Timeout) => this.clearTimer(timer),
      clearInterval: (timer: NodeJS.Timeout) => this.clearTimer(timer),
      clearImmediate: (timer: NodeJS.Timeout) => this.clearTimer(timer),
      setTick: (fn: Handler) => {
        const id = nextTick++;
        ticks.set(id, this.setTimer(() => fn(), this.sim.frameMs, true));
        this.sim.ticks.change(this.resource.name, this.host.playerId, +1);
        return id;
      },
      clearTick: (id: number) => {
        if (!ticks.has(id)) return;
        this.clearTimer(ticks.get(id));
        ticks.delete(id);
        this.sim.ticks.change(this.resource.name, this.host.playerId, -1);
      },
      queueMicrotask,
      // Binary values come off the wire as this realm's Uint8Array; sharing the constructor keeps `instanceof` true.
      Uint8Array,
      ArrayBuffer,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
    };
    if (this.side === 'server') {
      // FXServer's server runtime is Node: resources `require` packages relative to their own folder.
      Object.assign(globals, { require: createRequire(path.join(this.resource.dir, 'index.js')), Buffer, process });
      // Node's web globals, as FXServer's Node 22 has them: resources upload with fetch and FormData.
      Object.assign(globals, { fetch, FormData, Blob, Headers, Request, Response, AbortController, AbortSignal, crypto });
    }
    globals.global = globals;
    globals.window = this.side === 'client' ? globals : undefined;
    return globals;
  }

  override dispose(): void {
    super.dispose();
    for (const _ of this.ticks) this.sim.ticks.change(this.resource.name, this.host.playerId, -1);
    this.ticks.clear();
    this.handlers.clear();
    this.context = undefined;
  }
}

function formatLogPart(part: unknown): string {
  if (typeof part === 'string') return part;
  const stack = (part as { stack?: unknown } | null)?.stack;
  if (typeof stack === 'string') return stack;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
