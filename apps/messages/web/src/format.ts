import type { MessagesText } from './messages';

const DAY_MS = 86_400_000;

const midnightOf = (at: number) => new Date(at).setHours(0, 0, 0, 0);
const timeOf = (at: number, locale: string) => new Date(at).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });

/** The list's time of a thread's last message: the time today, "Yesterday", the weekday within a week, else the date. */
export function formatListTime(at: number, locale: string, t: MessagesText, now = Date.now()): string {
  const midnight = midnightOf(now);
  if (at >= midnight) return timeOf(at, locale);
  if (at >= midnight - DAY_MS) return t('yesterday');
  if (at >= midnight - 6 * DAY_MS) return new Date(at).toLocaleDateString(locale, { weekday: 'long' });
  return new Date(at).toLocaleDateString(locale, { day: 'numeric', month: 'numeric', year: '2-digit' });
}

/** The stamp above a run of messages: "Today 14:05", "Yesterday 09:12", "Monday 18:30", else the date and time. */
export function formatStamp(at: number, locale: string, t: MessagesText, now = Date.now()): string {
  const midnight = midnightOf(now);
  const time = timeOf(at, locale);
  if (at >= midnight) return t('todayAt', { time });
  if (at >= midnight - DAY_MS) return t('yesterdayAt', { time });
  if (at >= midnight - 6 * DAY_MS) return `${new Date(at).toLocaleDateString(locale, { weekday: 'long' })} ${time}`;
  return `${new Date(at).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })} ${time}`;
}

/** A map position as the game's coordinates: one decimal each. */
export const formatCoordinates = (x: number, y: number) => `${x.toFixed(1)}, ${y.toFixed(1)}`;
