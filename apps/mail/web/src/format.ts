import type { MailText } from './messages';

const DAY_MS = 86_400_000;

/** When a mail came, for the list: the time today, "Yesterday", the weekday within a week, else the date. */
export function formatWhen(at: number, locale: string, t: MailText, now = Date.now()): string {
  const date = new Date(at);
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  if (at >= midnight) return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  if (at >= midnight - DAY_MS) return t('yesterday');
  if (at >= midnight - 6 * DAY_MS) return date.toLocaleDateString(locale, { weekday: 'long' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'numeric', year: '2-digit' });
}

/** When a mail came, in full, for its own screen. */
export function formatFull(at: number, locale: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The day a changed address may change again. */
export function formatDay(at: number, locale: string): string {
  return new Date(at).toLocaleDateString(locale, { dateStyle: 'medium' });
}
