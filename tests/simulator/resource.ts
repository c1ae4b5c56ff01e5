import type { ResourceManifest } from './manifest.js';

export type ResourceState = 'starting' | 'started' | 'stopping' | 'stopped';

export class Resource {
  state: ResourceState = 'stopped';

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly manifest: ResourceManifest,
  ) {}

  /** `nui_callback_strict_mode 'true'`: only this resource's own page may call its NUI callbacks. */
  get nuiStrict(): boolean {
    return this.manifest.metadata.get('nui_callback_strict_mode')?.[0] === 'true';
  }
}

/** The simulator's own pseudo-resource, owner of the callbacks it hands to scripts (NUI `cb`, deferrals). */
export const internalResource = new Resource('_cfx_internal', '', {
  path: '',
  fxVersion: undefined,
  games: [],
  serverScripts: [],
  clientScripts: [],
  sharedScripts: [],
  files: [],
  uiPage: undefined,
  dependencies: [],
  metadata: new Map(),
});
