import type { Translate } from '../../sdk/i18n';
import { messages } from './messages';
import { phoneStore } from './state/phone-store';

/** A function that says one of the phone's own words. */
export type ShellText = Translate<typeof messages.english>;

let current: { locale: string; t: ShellText } | null = null;

/** The phone's own words in the player's language (the store's locale), for screens and for the shell's state code. */
export function shellText(): ShellText {
  const { locale } = phoneStore.get();
  if (current?.locale !== locale) current = { locale, t: messages.translator(locale) };
  return current.t;
}
