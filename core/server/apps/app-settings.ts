import { z } from 'zod';

/** What the server owner decided for one app, from `set handset:app:<id> "<words>"`. */
export interface AppSettings {
  enabled: boolean;
  /** May register with category `default` (pre-installed for every character). */
  allowDefault: boolean;
  /** A pre-installed app its players may remove (and get back from the App Store). */
  removable: boolean;
  /** May hold the permissions over the player's whole phone: `settings` and `apps`. */
  system: boolean;
  /** Jobs allowed to use the app, each from a grade on (0: any grade); empty means everyone. */
  jobs: { name: string; minGrade: number }[];
  /** Position on the home screen; lower first. */
  order: number | null;
}

export const appSettingsConvar = (appId: string) => `handset:app:${appId}`;

const word = z.union([
  z.literal('enabled'),
  z.literal('disabled'),
  z.literal('default'),
  z.literal('removable'),
  z.literal('system'),
  z.string().regex(/^jobs=[A-Za-z0-9_-]+(?::\d{1,3})?(?:,[A-Za-z0-9_-]+(?::\d{1,3})?)*$/, 'jobs=<job>[:<grade>][,<job>…]'),
  z.string().regex(/^order=\d{1,4}$/, 'order=<number>'),
]);

/** Parses the words of an app's convar (`disabled`, `default`, `removable`, `system`, `jobs=police:2,ems`, `order=3`); the first bad word, or null. */
export function parseAppSettings(text: string): { ok: true; settings: AppSettings } | { ok: false; word: string } {
  const settings: AppSettings = { enabled: true, allowDefault: false, removable: false, system: false, jobs: [], order: null };
  for (const item of text.split(/\s+/).filter(Boolean)) {
    if (!word.safeParse(item).success) return { ok: false, word: item };
    if (item === 'enabled' || item === 'disabled') settings.enabled = item === 'enabled';
    else if (item === 'default') settings.allowDefault = true;
    else if (item === 'removable') settings.removable = true;
    else if (item === 'system') settings.system = true;
    else if (item.startsWith('jobs=')) {
      settings.jobs = item
        .slice('jobs='.length)
        .split(',')
        .map((job) => ({ name: job.split(':')[0]!, minGrade: Number(job.split(':')[1] ?? 0) }));
    }
    else settings.order = Number(item.slice('order='.length));
  }
  return { ok: true, settings };
}

const EXPECTED = 'one of enabled, disabled, default, removable, system, jobs=…, order=…';

/**
 * Reads each app's convar once; `refresh` reads it again (the app registered again, or the owner changed it at run
 * time) and answers whether it changed. A bad value is reported: read for the first time it disables the app, since
 * guessing an owner's intent could expose a restricted app; read again it keeps the previous value.
 */
export function createSettingsReader(getConvar: (name: string, fallback: string) => string, warn: (message: string) => void) {
  const cache = new Map<string, AppSettings>();
  const read = (appId: string) => {
    const previous = cache.get(appId);
    const parsed = parseAppSettings(getConvar(appSettingsConvar(appId), ''));
    let settings: AppSettings;
    if (parsed.ok) settings = parsed.settings;
    else {
      warn(`convar ${appSettingsConvar(appId)}: "${parsed.word}" is not ${EXPECTED} — ${previous ? 'the previous value is kept' : 'app disabled'}`);
      settings = previous ?? { enabled: false, allowDefault: false, removable: false, system: false, jobs: [], order: null };
    }
    cache.set(appId, settings);
    return { settings, changed: JSON.stringify(settings) !== JSON.stringify(previous) };
  };
  return {
    get: (appId: string): AppSettings => cache.get(appId) ?? read(appId).settings,
    refresh: read,
  };
}
