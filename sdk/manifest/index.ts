import * as z from 'zod';
import { appIdSchema } from '../protocol/names';
import { LANGUAGES } from '../protocol/phone-options';

/**
 * Ids of Handset's built-in apps; only Handset itself may register them.
 *
 * @example
 * RESERVED_APP_IDS.includes('messages'); // true: registerApp({ id: 'messages', … }) is refused
 */
export const RESERVED_APP_IDS = [
  'appstore',
  'calculator',
  'camera',
  'cloutgram',
  'contacts',
  'handset',
  'mail',
  'messages',
  'phone',
  'photos',
  'settings',
  'tweeder',
] as const;

/**
 * What an app may ask the phone for; the shell and the server grant nothing else.
 *
 * @example
 * permissions: ['notifications', 'contacts:read']
 */
export const APP_PERMISSIONS = [
  'notifications',
  'contacts:read',
  'camera',
  'gallery',
  'location',
  'storage',
  'share',
  'settings',
  'apps',
] as const;
/**
 * One permission of {@link APP_PERMISSIONS}.
 *
 * @example
 * const needed: AppPermission[] = ['notifications', 'storage'];
 */
export type AppPermission = (typeof APP_PERMISSIONS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A hex color such as `#0a84ff`.
 *
 * @example
 * hexColorSchema.parse('#30d158');
 */
export const hexColorSchema = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a hex color such as #0a84ff');

/**
 * An app's manifest, as passed to `registerApp`.
 *
 * - `id`: `[a-z0-9_]`, 1–32 characters, unique on the server.
 * - `ui`: the app's page inside its resource (`web/index.html`), listed in the resource's `files`.
 * - `category`: `appstore` (players install it) or `default` (pre-installed; only where the server owner allows).
 * - `translations`: the label and description in other languages (`{ de: { label: 'Bank' } }`).
 * - `screenshots`: up to five https images the App Store shows.
 *
 * @example
 * const manifest: AppManifest = {
 *   id: 'bank', label: 'Bank', icon: 'fa-building-columns', color: '#30d158',
 *   category: 'appstore', ui: 'web/index.html', permissions: ['notifications'],
 * };
 */
export const appManifestSchema = z
  .object({
    id: appIdSchema,
    label: text(32),
    icon: text(200),
    color: hexColorSchema,
    category: z.enum(['appstore', 'default']).default('appstore'),
    ui: z
      .string()
      .max(200)
      .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_\-./]+\.html?$/, 'a relative path to an .html file inside the resource'),
    description: text(500).optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.0.0').optional(),
    developer: text(64).optional(),
    /** Up to five https images the App Store shows under the app. */
    screenshots: z.array(z.string().max(500).url().startsWith('https://', 'a screenshot is an https URL')).max(5).default([]),
    permissions: z.array(z.enum(APP_PERMISSIONS)).max(APP_PERMISSIONS.length).default([]),
    /** The label and description in the phone's other languages; a player whose language is missing reads the English ones. */
    translations: z.partialRecord(z.enum(LANGUAGES), z.object({ label: text(32).optional(), description: text(500).optional() }).strict()).default({}),
  });

/**
 * A manifest as the caller writes it (defaults not yet applied).
 *
 * @example
 * const manifest: AppManifestInput = { id: 'notes', label: 'Notes', icon: 'fa-note-sticky', color: '#ffd60a', ui: 'web/index.html' };
 */
export type AppManifestInput = z.input<typeof appManifestSchema>;
/**
 * A validated manifest.
 *
 * @example
 * const manifest: AppManifest = appManifestSchema.parse(input); // category and permissions filled in
 */
export type AppManifest = z.output<typeof appManifestSchema>;
