import type { Call } from './calls-api';
import type { PhoneText } from './messages';

const two = (value: number) => String(value).padStart(2, '0');

/** A running call's clock: `00:05`, `12:34`, `1:02:03`. */
export function formatTimer(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const clock = `${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${clock}` : clock;
}

/** A finished call's length: `0:07`, `1:23`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds % 60)}` : `${minutes}:${two(seconds % 60)}`;
}

/** What the call screen says once a call is over. */
export function endedText(call: Call, t: PhoneText): string {
  switch (call.status) {
    case 'busy':
      return t('busy');
    case 'unavailable':
      return t('unavailable');
    case 'declined':
      return t('declined');
    case 'missed':
      return call.direction === 'incoming' ? t('missedCall') : t('callEnded');
    default:
      return call.duration > 0 ? t('callEndedAfter', { duration: formatDuration(call.duration) }) : t('callEnded');
  }
}

/** What Recents says about a call's outcome. */
export function recentStatusText(call: Call, t: PhoneText): string {
  switch (call.status) {
    case 'missed':
      return call.direction === 'incoming' ? t('missed') : t('noAnswer');
    case 'declined':
      return t('declined');
    case 'busy':
      return t('busy');
    case 'unavailable':
      return t('unavailable');
    default:
      return call.direction === 'incoming' ? t('incoming') : t('outgoing');
  }
}

const DAY_MS = 86_400_000;

/** When a recent call was: the time today, "Yesterday", the weekday within a week, else the date. */
export function formatWhen(at: number, locale: string, t: PhoneText, now = Date.now()): string {
  const date = new Date(at);
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  if (at >= midnight) return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  if (at >= midnight - DAY_MS) return t('yesterday');
  if (at >= midnight - 6 * DAY_MS) return date.toLocaleDateString(locale, { weekday: 'long' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'numeric', year: '2-digit' });
}
