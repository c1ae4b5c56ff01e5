import type { VisibleApp } from '../../shared/shell-data';
import type { StoreApp } from '../../../sdk/protocol/catalogue';
import type { ErrorBody } from '../../../sdk/protocol/errors';
import type { OnlinePhone } from '../identity/identity';
import type { AppSettings } from './app-settings';
import type { InstallsRepository } from './installs.repository';
import type { AppRegistry, RegisteredApp } from './registry';

export type AccessResult = { ok: true; app: RegisteredApp } | { ok: false; error: ErrorBody };


/**
 * Decides whether a character may use an app: registered, enabled by the server owner, allowed for the
 * character's job, and installed (default apps always are). Installs are cached per online phone.
 */
export class AppAccess {
  private readonly installed = new Map<number, Promise<Set<string>>>();

  constructor(
    private readonly registry: AppRegistry,
    private readonly settings: (appId: string) => AppSettings,
    private readonly installs: InstallsRepository,
  ) {}

  /** Whether the server owner lets this character see the app at all (enabled, job). */
  private permitted(phone: OnlinePhone, app: RegisteredApp): ErrorBody | null {
    const settings = this.settings(app.manifest.id);
    if (!settings.enabled) return { code: 'FORBIDDEN', message: `app "${app.manifest.id}" is disabled on this server` };
    if (settings.jobs.length > 0 && (phone.job === null || !settings.jobs.includes(phone.job))) {
      return { code: 'FORBIDDEN', message: `app "${app.manifest.id}" is only for some jobs` };
    }
    return null;
  }

  /** Default apps come with every phone: by their manifest's category, or because the server owner said so. */
  private preinstalled(app: RegisteredApp): boolean {
    return app.manifest.category === 'default' || this.settings(app.manifest.id).allowDefault;
  }

  async check(phone: OnlinePhone, appId: string): Promise<AccessResult> {
    const app = this.registry.get(appId);
    if (!app) return { ok: false, error: { code: 'NOT_FOUND', message: `no app "${appId}" is registered` } };
    const refused = this.permitted(phone, app);
    if (refused) return { ok: false, error: refused };
    if (!this.preinstalled(app) && !(await this.installedApps(phone.id)).has(appId)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `app "${appId}" is not installed` } };
    }
    return { ok: true, app };
  }

  async visible(phone: OnlinePhone): Promise<VisibleApp[]> {
    const installed = await this.installedApps(phone.id);
    return this.registry
      .all()
      .filter((app) => this.permitted(phone, app) === null)
      .map((app) => ({
        id: app.manifest.id,
        label: app.manifest.label,
        icon: app.manifest.icon,
        color: app.manifest.color,
        category: app.manifest.category,
        resource: app.owner,
        ui: app.manifest.ui,
        permissions: app.manifest.permissions,
        installed: this.preinstalled(app) || installed.has(app.manifest.id),
        order: this.settings(app.manifest.id).order,
      }))
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.label.localeCompare(b.label));
  }

  /** What the App Store lists for this character: every app the server owner lets them have, by name. */
  async catalogue(phone: OnlinePhone): Promise<StoreApp[]> {
    const installed = await this.installedApps(phone.id);
    return this.registry
      .all()
      .filter((app) => this.permitted(phone, app) === null)
      .map((app) => ({ app, preinstalled: this.preinstalled(app) }))
      .map(({ app: { manifest, owner }, preinstalled }) => ({
        id: manifest.id,
        label: manifest.label,
        icon: manifest.icon,
        color: manifest.color,
        resource: owner,
        description: manifest.description ?? null,
        developer: manifest.developer ?? null,
        version: manifest.version ?? null,
        installed: preinstalled || installed.has(manifest.id),
        removable: !preinstalled,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  async install(phone: OnlinePhone, appId: string): Promise<ErrorBody | null> {
    const app = this.registry.get(appId);
    if (!app) return { code: 'NOT_FOUND', message: `no app "${appId}" is registered` };
    const refused = this.permitted(phone, app);
    if (refused) return refused;
    if (this.preinstalled(app)) return null;
    await this.installs.install(phone.id, appId);
    (await this.installedApps(phone.id)).add(appId);
    return null;
  }

  async uninstall(phone: OnlinePhone, appId: string): Promise<ErrorBody | null> {
    const app = this.registry.get(appId);
    if (app && this.preinstalled(app)) return { code: 'FORBIDDEN', message: `app "${appId}" comes with the phone` };
    if (!(await this.installs.uninstall(phone.id, appId))) return { code: 'NOT_FOUND', message: `app "${appId}" is not installed` };
    (await this.installedApps(phone.id)).delete(appId);
    return null;
  }

  /** Drops a phone's cache when its character leaves. */
  forget(phoneId: number): void {
    this.installed.delete(phoneId);
  }

  private installedApps(phoneId: number): Promise<Set<string>> {
    let cached = this.installed.get(phoneId);
    if (!cached) {
      cached = this.installs.list(phoneId).then((ids) => new Set(ids));
      cached.catch(() => this.installed.delete(phoneId));
      this.installed.set(phoneId, cached);
    }
    return cached;
  }
}
