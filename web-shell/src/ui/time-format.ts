import type { ShellText } from '../text';

const pad = (value: number) => String(value).padStart(2, '0');

/** How the phone shows the time of day: the player's setting, 24-hour unless they chose 12-hour. */
export type ClockFormat = '24h' | '12h';

/** `14:05` (24-hour) or `2:05 PM` (12-hour): the one way the shell writes a time of day. */
export function clockTime(date: Date, format: ClockFormat): string {
  const hours = date.getHours();
  if (format === '24h') return `${pad(hours)}:${pad(date.getMinutes())}`;
  return `${hours % 12 || 12}:${pad(date.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

export function longDate(date: Date, locale: string): string {
  return date.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "now", "5m ago", "3h ago", then the clock time or the date. */
export function relativeTime(epochMs: number, now: Date, format: ClockFormat, locale: string, t: ShellText): string {
  const minutes = Math.floor((now.getTime() - epochMs) / 60_000);
  if (minutes < 1) return t('now');
  if (minutes < 60) return t('minutesAgo', { count: minutes });
  if (minutes < 12 * 60) return t('hoursAgo', { count: Math.floor(minutes / 60) });
  const then = new Date(epochMs);
  return then.toDateString() === now.toDateString() ? clockTime(then, format) : then.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/** "Today", "Yesterday" or the date: the center's section headings. */
export function dayHeading(epochMs: number, now: Date, locale: string, t: ShellText): string {
  const day = new Date(epochMs).toDateString();
  if (day === now.toDateString()) return t('today');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (day === yesterday.toDateString()) return t('yesterday');
  return longDate(new Date(epochMs), locale);
}
