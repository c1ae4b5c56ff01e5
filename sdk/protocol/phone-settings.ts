import { z } from 'zod';
import { appIdSchema } from './names';
import { BUILT_IN_WALLPAPERS, LANGUAGES, RINGTONES, TEXT_TONES } from './phone-options';

export { BUILT_IN_WALLPAPERS, LANGUAGES, RINGTONES, TEXT_TONES };

/**
 * A passcode: 4 to 6 digits.
 *
 * @example
 * passcodeSchema.parse('482913');
 */
export const passcodeSchema = z.string().regex(/^\d{4,6}$/, 'a passcode is 4 to 6 digits');

/**
 * One character's phone settings, kept on the server: what the Settings app shows and changes.
 *
 * - `language`: the phone's screens and every built-in app speak it; apps read it from the locale they are given.
 * - `theme`: `automatic` is dark from 19:00 to 07:00 on the phone's clock.
 * - `wallpaper`: a built-in name or an https image URL on the server owner's image hosts.
 * - `doNotDisturb`: calls and banners are silenced while the phone is put away; they are still listed.
 * - `streamerMode`: other players' numbers, avatars and images are hidden on screen.
 * - `silencedApps`: apps whose banners and sounds are off (their notifications still go to the center).
 * - `homeOrder`: the home screen's apps in the player's order; apps not in it follow, in the server's order.
 *
 * @example
 * const settings: PhoneSettings = phoneSettingsSchema.parse({ ...DEFAULT_PHONE_SETTINGS, clockFormat: '12h' });
 */
export const phoneSettingsSchema = z
  .object({
    language: z.enum(LANGUAGES),
    theme: z.enum(['light', 'dark', 'automatic']),
    clockFormat: z.enum(['24h', '12h']),
    textSize: z.enum(['small', 'medium', 'large']),
    wallpaper: z.union([z.enum(BUILT_IN_WALLPAPERS), z.string().url().max(500).startsWith('https://')]),
    ringtone: z.enum(RINGTONES),
    textTone: z.enum(TEXT_TONES),
    volume: z.number().int().min(0).max(100),
    doNotDisturb: z.boolean(),
    streamerMode: z.boolean(),
    silencedApps: z.array(appIdSchema).max(100),
    homeOrder: z.array(appIdSchema).max(200),
  })
  .strict();
/**
 * One character's phone settings.
 *
 * @example
 * if (settings.doNotDisturb) return;
 */
export type PhoneSettings = z.output<typeof phoneSettingsSchema>;

/**
 * What a new phone starts with.
 *
 * @example
 * DEFAULT_PHONE_SETTINGS.clockFormat; // '24h'
 */
export const DEFAULT_PHONE_SETTINGS: PhoneSettings = {
  language: 'en',
  theme: 'dark',
  clockFormat: '24h',
  textSize: 'medium',
  wallpaper: 'aurora',
  ringtone: 'classic',
  textTone: 'note',
  volume: 70,
  doNotDisturb: false,
  streamerMode: false,
  silencedApps: [],
  homeOrder: [],
};

/**
 * The device as the Settings app sees it: the settings, airplane mode and whether a passcode is set.
 *
 * @example
 * const { settings, passcodeSet } = await app.call('settings.get', {});
 */
export const deviceSettingsSchema = z
  .object({ settings: phoneSettingsSchema, airplaneMode: z.boolean(), passcodeSet: z.boolean() })
  .strict();
/**
 * The device as the Settings app sees it.
 *
 * @example
 * const device: DeviceSettings = await app.call('settings.get', {});
 */
export type DeviceSettings = z.output<typeof deviceSettingsSchema>;
