import { z } from 'zod';
import { FRAMEWORKS } from './identity/bridge';
import { LANGUAGES } from '../../sdk/protocol/phone-options';

/** The export names of other phones that Handset can also answer to, for scripts written for them. */
export const COMPAT_NAMES = ['17mov_Phone', 'amzn_smartphone'] as const;
export type CompatName = (typeof COMPAT_NAMES)[number];

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * `#` is a random digit, other digits are fixed, anything else only shapes how the number is shown
 * (e.g. `555-####`); at least four random digits so a server never runs out of numbers.
 */
const numberFormat = z
  .string()
  .regex(/^[0-9#()+\- ]{1,24}$/, 'only digits, #, spaces and ()+- are allowed')
  .refine((format) => (format.match(/#/g) ?? []).length >= 4, 'needs at least four # (random digits)')
  .refine((format) => (format.match(/[0-9#]/g) ?? []).length <= 15, 'a phone number has at most 15 digits');

/** A host images may come from: `i.imgur.com`, or `*.fivemanage.com` for every subdomain. */
const imageHost = z.string().regex(/^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'a host such as i.imgur.com or *.example.com');

const WHOLE_NUMBER = 'a whole number from 1 to 100000';
const wholeNumber = z.coerce.number({ error: WHOLE_NUMBER }).int(WHOLE_NUMBER).min(1, WHOLE_NUMBER).max(100_000, WHOLE_NUMBER);

export const configSchema = z.object({
  framework: z.enum([...FRAMEWORKS, 'auto']),
  compat: z.array(z.enum(COMPAT_NAMES)),
  numberFormat,
  imageHosts: z.array(imageHost),
  /** Requests one player may make to one app (or the phone's own actions) a second, and at once. */
  requestsPerSecond: wholeNumber,
  requestBurst: wholeNumber,
  /** The ACE a player needs for Handset's admin commands (`/resetphonedata`). */
  adminAce: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an ACE name such as admin or handset.admin'),
  /** Wrong passcodes allowed before the phone locks out, and the first lockout (it doubles with each failure). */
  passcodeAttempts: wholeNumber,
  passcodeLockoutSeconds: wholeNumber,
  /** The language a phone starts in, until its player picks another. */
  language: z.enum(LANGUAGES, { error: `one of ${LANGUAGES.join(', ')}` }),
});
export type Config = z.infer<typeof configSchema>;

/** The server owner's convars, read once at start; a bad value stops Handset with a message naming it. */
export const CONVARS = {
  framework: { name: 'handset:framework', fallback: 'standalone' },
  compat: { name: 'handset:compat', fallback: '' },
  numberFormat: { name: 'handset:number_format', fallback: '555-###-####' },
  imageHosts: { name: 'handset:image_hosts', fallback: 'i.imgur.com cdn.discordapp.com media.discordapp.net *.fivemanage.com' },
  requestsPerSecond: { name: 'handset:requests_per_second', fallback: '10' },
  requestBurst: { name: 'handset:request_burst', fallback: '30' },
  adminAce: { name: 'handset:admin_ace', fallback: 'admin' },
  passcodeAttempts: { name: 'handset:passcode_attempts', fallback: '5' },
  passcodeLockoutSeconds: { name: 'handset:passcode_lockout_seconds', fallback: '30' },
  language: { name: 'handset:language', fallback: 'en' },
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The convars as read, trimmed and split, before validation. */
function rawConvars(getConvar: (name: string, fallback: string) => string): Record<keyof Config, unknown> {
  const read = (key: keyof typeof CONVARS) => getConvar(CONVARS[key].name, CONVARS[key].fallback);
  return {
    framework: read('framework').trim(),
    compat: words(read('compat')),
    numberFormat: read('numberFormat').trim(),
    imageHosts: words(read('imageHosts').toLowerCase()),
    requestsPerSecond: read('requestsPerSecond').trim(),
    requestBurst: read('requestBurst').trim(),
    adminAce: read('adminAce').trim(),
    passcodeAttempts: read('passcodeAttempts').trim(),
    passcodeLockoutSeconds: read('passcodeLockoutSeconds').trim(),
    language: read('language').trim().toLowerCase(),
  };
}

export function readConfig(getConvar: (name: string, fallback: string) => string): Config {
  return parseConvars(configSchema, CONVARS, rawConvars(getConvar));
}

/** Convars whose new value applies at once; the others are read at start. */
export const LIVE_CONVARS: readonly (keyof Config)[] = ['imageHosts', 'adminAce', 'passcodeAttempts', 'passcodeLockoutSeconds', 'language', 'requestsPerSecond', 'requestBurst'];

/**
 * Reads the convars again into `config`, each on its own: a bad value is reported with the convar, the value and what
 * was expected and the previous value kept; a changed value applies at once where it can, else at the next start.
 * Answers the keys that changed and applied.
 */
export function rereadConfig(config: Config, getConvar: (name: string, fallback: string) => string, warn: (message: string) => void): (keyof Config)[] {
  const raw = rawConvars(getConvar);
  const applied: (keyof Config)[] = [];
  for (const key of Object.keys(CONVARS) as (keyof Config)[]) {
    const parsed = configSchema.shape[key].safeParse(raw[key]);
    if (!parsed.success) {
      warn(`convar ${CONVARS[key].name}: ${parsed.error.issues[0]!.message} (got ${JSON.stringify(raw[key])}) — the previous value is kept`);
      continue;
    }
    if (JSON.stringify(parsed.data) === JSON.stringify(config[key])) continue;
    if (!LIVE_CONVARS.includes(key)) {
      warn(`convar ${CONVARS[key].name} changes when Handset restarts`);
      continue;
    }
    // Arrays are changed in place: services hold the same one.
    if (Array.isArray(config[key])) (config[key] as string[]).splice(0, Infinity, ...(parsed.data as string[]));
    else Object.assign(config, { [key]: parsed.data });
    applied.push(key);
  }
  return applied;
}

/** Parses convar values read into `raw` (keyed like `convars`); the first problem throws, naming its convar. */
export function parseConvars<Schema extends z.ZodType, Key extends string>(
  schema: Schema,
  convars: Record<Key, { name: string }>,
  raw: Record<Key, unknown>,
): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as Key;
  throw new ConfigError(`convar ${convars[key].name}: ${issue.message} (got ${JSON.stringify(raw[key])})`);
}

/** Whether `url` is an https image on one of the server owner's hosts (players' images are shown to other players). */
export function isAllowedImage(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return hosts.some((host) => (host.startsWith('*.') ? parsed.hostname.endsWith(host.slice(1)) : parsed.hostname === host));
}
