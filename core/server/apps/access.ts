import type { VisibleApp } from '../../shared/shell-data';
import type { StoreApp } from '../../../sdk/protocol/catalogue';
import type { Language } from '../../../sdk/protocol/phone-options';
import type { PhoneSettings } from '../../../sdk/protocol/phone-settings';
import type { ErrorBody } from '../../../sdk/protocol/errors';
import type { OnlinePhone } from '../identity/identity';
import type { AppSettings } from './app-settings';
import type { AppChoices, InstallsRepository } from './installs.repository';
import type { AppRegistry, RegisteredApp } from './registry';

export type AccessResult = { ok: true; app: RegisteredApp } | { ok: false; error: ErrorBody };


/**
 * Decides whether a character may use an app: registered, enabled by the server owner, allowed for the
 * character's job, and installed (default apps are, unless the owner made them removable and the player removed
 * them). A character's choices are cached per online phone.
 */
export class AppAccess {
  private readonly choices = new Map<number, Promise<AppChoices>>();

  constructor(
    private readonly registry: AppRegistry,
    private readonly settings: (appId: string) => AppSettings,
    private readonly installs: InstallsRepository,
  ) {}

  /** Whether the server owner lets this character see the app at all (enabled, job). */
  private permitted(phone: OnlinePhone, app: RegisteredApp): ErrorBody | null {
    const settings = this.settings(app.manifest.id);
    if (!settings.enabled) return { code: 'FORBIDDEN', message: `app "${app.manifest.id}" is disabled on this server` };
    if (settings.jobs.length > 0 && !settings.jobs.some((job) => job.name === phone.job && phone.grade >= job.minGrade)) {
      return { code: 'FORBIDDEN', message: `app "${app.manifest.id}" is only for some jobs` };
    }
    return null;
  }

  /** Default apps come with every phone: by their manifest's category, or because the server owner said so. */
  private preinstalled(app: RegisteredApp): boolean {
    return app.manifest.category === 'default' || this.settings(app.manifest.id).allowDefault;
  }

  private has(app: RegisteredApp, choices: AppChoices): boolean {
    return this.preinstalled(app) ? !choices.removed.has(app.manifest.id) : choices.installed.has(app.manifest.id);
  }

  private removable(app: RegisteredApp): boolean {
    return !this.preinstalled(app) || this.settings(app.manifest.id).removable;
  }

  async check(phone: OnlinePhone, appId: string): Promise<AccessResult> {
    const app = this.registry.get(appId);
    if (!app) return { ok: false, error: { code: 'NOT_FOUND', message: `no app "${appId}" is registered` } };
    const refused = this.permitted(phone, app);
    if (refused) return { ok: false, error: refused };
    if (!this.has(app, await this.choicesOf(phone.id))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `app "${appId}" is not installed` } };
    }
    return { ok: true, app };
  }

  /** The home screen's apps, named in the player's language, in their order (the rest after, in the owner's order). */
  async visible(phone: OnlinePhone, { language, homeOrder }: Pick<PhoneSettings, 'language' | 'homeOrder'>): Promise<VisibleApp[]> {
    const choices = await this.choicesOf(phone.id);
    const places = new Map(homeOrder.map((appId, index) => [appId, index]));
    const placeOf = (appId: string) => places.get(appId) ?? Infinity;
    return this.registry
      .all()
      .filter((app) => this.permitted(phone, app) === null)
      .map((app) => ({
        id: app.manifest.id,
        label: app.manifest.translations[language]?.label ?? app.manifest.label,
        icon: app.manifest.icon,
        color: app.manifest.color,
        category: app.manifest.category,
        resource: app.owner,
        ui: app.manifest.ui,
        permissions: app.manifest.permissions,
        installed: this.has(app, choices),
        order: this.settings(app.manifest.id).order,
      }))
      .sort((a, b) => placeOf(a.id) - placeOf(b.id) || (a.order ?? Infinity) - (b.order ?? Infinity) || a.label.localeCompare(b.label));
  }

  /** What the App Store lists for this character: every app the server owner lets them have, by name. */
  async catalogue(phone: OnlinePhone, language: Language): Promise<StoreApp[]> {
    const choices = await this.choicesOf(phone.id);
    return this.registry
      .all()
      .filter((app) => this.permitted(phone, app) === null)
      .map((app) => ({ app, installed: this.has(app, choices), removable: this.removable(app) }))
      .map(({ app: { manifest, owner }, installed, removable }) => ({
        id: manifest.id,
        label: manifest.translations[language]?.label ?? manifest.label,
        icon: manifest.icon,
        color: manifest.color,
        resource: owner,
        description: manifest.translations[language]?.description ?? manifest.description ?? null,
        developer: manifest.developer ?? null,
        version: manifest.version ?? null,
        screenshots: manifest.screenshots,
        installed,
        removable,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  async install(phone: OnlinePhone, appId: string): Promise<ErrorBody | null> {
    const app = this.registry.get(appId);
    if (!app) return { code: 'NOT_FOUND', message: `no app "${appId}" is registered` };
    const refused = this.permitted(phone, app);
    if (refused) return refused;
    const choices = await this.choicesOf(phone.id);
    if (this.preinstalled(app)) {
      await this.installs.restore(phone.id, appId);
      choices.removed.delete(appId);
    } else {
      await this.installs.install(phone.id, appId);
      choices.installed.add(appId);
    }
    return null;
  }

  async uninstall(phone: OnlinePhone, appId: string): Promise<ErrorBody | null> {
    const app = this.registry.get(appId);
    const choices = await this.choicesOf(phone.id);
    if (app && this.preinstalled(app)) {
      if (!this.removable(app)) return { code: 'FORBIDDEN', message: `app "${appId}" comes with the phone` };
      if (choices.removed.has(appId)) return { code: 'NOT_FOUND', message: `app "${appId}" is not installed` };
      await this.installs.remove(phone.id, appId);
      choices.removed.add(appId);
      return null;
    }
    if (!(await this.installs.uninstall(phone.id, appId))) return { code: 'NOT_FOUND', message: `app "${appId}" is not installed` };
    choices.installed.delete(appId);
    return null;
  }

  /** Drops a phone's cache when its character leaves. */
  forget(phoneId: number): void {
    this.choices.delete(phoneId);
  }

  private choicesOf(phoneId: number): Promise<AppChoices> {
    let cached = this.choices.get(phoneId);
    if (!cached) {
      cached = this.installs.choices(phoneId);
      cached.catch(() => this.choices.delete(phoneId));
      this.choices.set(phoneId, cached);
    }
    return cached;
  }
}
