// The choices of the phone's settings, without zod: app pages import them at run time.

/**
 * The wallpapers the phone draws itself; an https image on the server owner's image hosts is the other choice.
 *
 * @example
 * BUILT_IN_WALLPAPERS.includes('dusk'); // true
 */
export const BUILT_IN_WALLPAPERS = ['aurora', 'dusk', 'ocean', 'meadow', 'graphite'] as const;
/**
 * Sounds the phone plays for an incoming call, synthesised in the page (no files to host).
 *
 * @example
 * RINGTONES[0]; // 'classic'
 */
export const RINGTONES = ['classic', 'marimba', 'beacon', 'pulse'] as const;
/**
 * Sounds the phone plays for a banner.
 *
 * @example
 * TEXT_TONES[0]; // 'note'
 */
export const TEXT_TONES = ['note', 'chime', 'pop', 'none'] as const;
/**
 * The languages the phone speaks: its own screens, the kit's and every built-in app's.
 *
 * @example
 * LANGUAGES.includes('de'); // true
 */
export const LANGUAGES = ['en', 'es', 'de'] as const;
/**
 * One of the phone's languages.
 *
 * @example
 * const language: Language = 'es';
 */
export type Language = (typeof LANGUAGES)[number];
/**
 * Each language's name in itself, as a language picker shows it.
 *
 * @example
 * LANGUAGE_NAMES.de; // 'Deutsch'
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español', de: 'Deutsch' };
