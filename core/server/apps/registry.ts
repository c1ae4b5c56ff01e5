import { appManifestSchema, RESERVED_APP_IDS, type AppManifest } from '../../../sdk/manifest';
import { describeIssue } from '../validation';
import type { AppSettings } from './app-settings';

export interface RegisteredApp {
  manifest: AppManifest;
  /** The resource that registered the app; only it may change or speak for it. */
  owner: string;
}

export type RegisterReason = 'invalid_manifest' | 'reserved_id' | 'id_taken' | 'ui_missing' | 'default_not_allowed' | 'permission_not_allowed';

/** Permissions over the player's whole phone (their settings, their apps): another resource's app needs the owner's word. */
const SYSTEM_PERMISSIONS: readonly string[] = ['settings', 'apps'];
export type UnregisterReason = 'invalid_input' | 'not_found' | 'not_owner';
export type Outcome<Reason extends string> = { ok: true } | { ok: false; reason: Reason; message: string };

export interface RegistryHost {
  /** The resource Handset runs as; the only owner allowed the reserved ids. */
  self: string;
  /** Whether `file` exists in `resource` (LoadResourceFile). */
  hasFile(resource: string, file: string): boolean;
  settings(appId: string): AppSettings;
}

export type RegistryChange = { type: 'registered' | 'unregistered'; app: RegisteredApp };

const refuse = <Reason extends string>(reason: Reason, message: string): Outcome<Reason> => ({ ok: false, reason, message });

/** The apps registered on this server, by id; changes are heard by subscribers (the clients' app lists). */
export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();
  private readonly listeners = new Set<(change: RegistryChange) => void>();

  constructor(private readonly host: RegistryHost) {}

  register(owner: string, input: unknown): Outcome<RegisterReason> {
    const parsed = appManifestSchema.safeParse(input);
    if (!parsed.success) {
      return refuse('invalid_manifest', describeIssue(parsed.error));
    }
    const manifest = parsed.data;
    if (owner !== this.host.self && (RESERVED_APP_IDS as readonly string[]).includes(manifest.id)) {
      return refuse('reserved_id', `"${manifest.id}" is the id of a built-in app`);
    }
    const existing = this.apps.get(manifest.id);
    if (existing && existing.owner !== owner) {
      return refuse('id_taken', `"${manifest.id}" is registered by resource ${existing.owner}`);
    }
    if (!this.host.hasFile(owner, manifest.ui)) {
      return refuse('ui_missing', `resource ${owner} has no file ${manifest.ui}`);
    }
    if (manifest.category === 'default' && owner !== this.host.self && !this.host.settings(manifest.id).allowDefault) {
      return refuse('default_not_allowed', `the server owner has not allowed "${manifest.id}" as a default app`);
    }
    const system = manifest.permissions.filter((permission) => SYSTEM_PERMISSIONS.includes(permission));
    if (system.length > 0 && owner !== this.host.self && !this.host.settings(manifest.id).system) {
      return refuse('permission_not_allowed', `the server owner has not allowed "${manifest.id}" the ${system.join(' and ')} permission (the word system)`);
    }
    const app = { manifest, owner };
    this.apps.set(manifest.id, app);
    this.emit({ type: 'registered', app });
    return { ok: true };
  }

  unregister(caller: string, id: unknown): Outcome<UnregisterReason> {
    if (typeof id !== 'string') return refuse('invalid_input', 'the app id must be a string');
    const app = this.apps.get(id);
    if (!app) return refuse('not_found', `no app "${id}" is registered`);
    if (app.owner !== caller) return refuse('not_owner', `"${id}" is registered by another resource`);
    this.remove(app);
    return { ok: true };
  }

  /** Forgets every app of a resource that stopped. */
  ownerStopped(resource: string): void {
    for (const app of [...this.apps.values()]) if (app.owner === resource) this.remove(app);
  }

  get(id: string): RegisteredApp | undefined {
    return this.apps.get(id);
  }

  all(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  subscribe(listener: (change: RegistryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private remove(app: RegisteredApp): void {
    this.apps.delete(app.manifest.id);
    this.emit({ type: 'unregistered', app });
  }

  private emit(change: RegistryChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
