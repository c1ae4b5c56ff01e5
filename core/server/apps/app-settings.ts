import { z } from 'zod';

/** What the server owner decided for one app, from `set handset:app:<id> "<words>"`. */
export interface AppSettings {
  enabled: boolean;
  /** May register with category `default` (pre-installed for every character). */
  allowDefault: boolean;
  /** Jobs allowed to use the app; empty means everyone. */
  jobs: string[];
  /** Position on the home screen; lower first. */
  order: number | null;
}

export const appSettingsConvar = (appId: string) => `handset:app:${appId}`;

const word = z.union([
  z.literal('enabled'),
  z.literal('disabled'),
  z.literal('default'),
  z.string().regex(/^jobs=[A-Za-z0-9_-]+(?:,[A-Za-z0-9_-]+)*$/, 'jobs=<job>[,<job>…]'),
  z.string().regex(/^order=\d{1,4}$/, 'order=<number>'),
]);

/**
 * Parses the words of an app's convar (`disabled`, `default`, `jobs=police,ems`, `order=3`); an invalid value
 * disables the app and says why, since guessing an owner's intent could expose a restricted app.
 */
export function parseAppSettings(text: string, warn: (message: string) => void, appId: string): AppSettings {
  const settings: AppSettings = { enabled: true, allowDefault: false, jobs: [], order: null };
  for (const item of text.split(/\s+/).filter(Boolean)) {
    const parsed = word.safeParse(item);
    if (!parsed.success) {
      warn(`convar ${appSettingsConvar(appId)}: "${item}" is not one of enabled, disabled, default, jobs=…, order=… — app disabled`);
      return { ...settings, enabled: false };
    }
    if (item === 'enabled' || item === 'disabled') settings.enabled = item === 'enabled';
    else if (item === 'default') settings.allowDefault = true;
    else if (item.startsWith('jobs=')) settings.jobs = item.slice('jobs='.length).split(',');
    else settings.order = Number(item.slice('order='.length));
  }
  return settings;
}

/** Reads each app's convar once; `refresh` re-reads it (when the app registers again). */
export function createSettingsReader(getConvar: (name: string, fallback: string) => string, warn: (message: string) => void) {
  const cache = new Map<string, AppSettings>();
  const read = (appId: string) => {
    const settings = parseAppSettings(getConvar(appSettingsConvar(appId), ''), warn, appId);
    cache.set(appId, settings);
    return settings;
  };
  return {
    get: (appId: string): AppSettings => cache.get(appId) ?? read(appId),
    refresh: (appId: string): AppSettings => read(appId),
  };
}
