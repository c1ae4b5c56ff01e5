// A typed message catalogue: no dependency, so an app frame stays small, and a missing key fails at compile time.
import { LANGUAGES, type Language } from '../protocol/phone-options';

export { LANGUAGES, LANGUAGE_NAMES, type Language } from '../protocol/phone-options';

/**
 * One message: text with `{name}` placeholders, or plural forms picked by the `count` variable
 * (`Intl.PluralRules` categories; `other` is required).
 *
 * @example
 * const unread: Message = { one: '{count} unread', other: '{count} unread' };
 */
export type Message = string | PluralMessage;
/**
 * A message that depends on a number: one text per plural category of the language.
 *
 * @example
 * const photos: PluralMessage = { one: '{count} photo', other: '{count} photos' };
 */
export type PluralMessage = { other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;

/**
 * A translation of the English catalogue `E`: every key of it, plural where English is plural.
 *
 * @example
 * const es: Translation<typeof en> = { title: 'Notas' };
 */
export type Translation<E> = { readonly [K in keyof E]: E[K] extends string ? string : PluralMessage };

/**
 * Values for a message's placeholders; `count` also picks the plural form.
 *
 * @example
 * const values: MessageValues = { name: 'Lamar', count: 2 };
 */
export type MessageValues = Readonly<Record<string, string | number>>;

/**
 * A catalogue's translate function for one locale: the text of `key` with its placeholders filled in.
 *
 * @example
 * t('unread', { count: 3 }); // '3 unread'
 */
export type Translate<E> = (key: keyof E & string, values?: MessageValues) => string;

/**
 * An app's messages: English and its translations, and a translate function for any locale.
 *
 * @example
 * const t = notes.translator(app.info.locale);
 */
export interface Messages<E> {
  /** The English catalogue, every other one's reference. */
  readonly english: E;
  /** The translations, by language. */
  readonly translations: Readonly<Partial<Record<Language, Translation<E>>>>;
  /** A translate function for `locale` (a BCP 47 tag); a language without a translation reads English. */
  translator(locale: string): Translate<E>;
}

/**
 * The phone's language of a BCP 47 tag (`de-DE-u-hc-h23` → `de`), English when Handset does not speak it.
 *
 * @example
 * languageOf(app.info.locale); // 'de'
 */
export function languageOf(locale: string): Language {
  let language = 'en';
  try {
    language = new Intl.Locale(locale).language;
  } catch {
    // A malformed tag reads as English.
  }
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';
}

/**
 * Declares an app's messages once: English, and the translations the app ships. A translation missing a key or
 * having one English lacks does not compile.
 *
 * @example
 * const en = { title: 'Notes', count: { one: '{count} note', other: '{count} notes' } };
 * export const messages = defineMessages(en, { es: { title: 'Notas', count: { one: '{count} nota', other: '{count} notas' } } });
 * messages.translator('es-ES')('count', { count: 2 }); // '2 notas'
 */
export function defineMessages<const E extends Record<string, Message>>(
  english: E,
  translations: Partial<Record<Language, Translation<E>>> = {},
): Messages<E> {
  return {
    english,
    translations,
    translator(locale) {
      const language = languageOf(locale);
      const catalogue = (translations[language] ?? english) as Record<string, Message>;
      const plurals = new Intl.PluralRules(language);
      return (key, values = {}) => {
        const message = catalogue[key] ?? (english as Record<string, Message>)[key] ?? key;
        const count = values['count'];
        const text = typeof message === 'string' ? message : (message[typeof count === 'number' ? plurals.select(count) : 'other'] ?? message.other);
        return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
      };
    },
  };
}
