import { internalResource } from './resource.js';
import { Host, refCallable, ScriptRuntime } from './runtime.js';

/** Lets the simulator itself pass JS callbacks to scripts and call the ones scripts pass back. */
export class InternalRuntime extends ScriptRuntime {
  constructor(host: Host) {
    super(host, internalResource);
  }

  async load(): Promise<void> {}

  dispatchEvent(): void {}

  protected resolveRef(ref: string): unknown {
    return refCallable(this.host, ref, (...args: unknown[]) => this.invokeRef(ref, args)[0]);
  }

  /** Triggers an event from the simulator (source as FXServer gives it: '' or `net:<id>`). */
  trigger(name: string, args: unknown[], source = '', onlyResource?: string): void {
    const payload = this.codec.pack(args);
    if (onlyResource) this.host.triggerResourceEvent(onlyResource, name, payload);
    else this.host.triggerEvent(name, payload, source, null);
  }
}
