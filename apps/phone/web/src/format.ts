import type { Call } from './calls-api';

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
export function endedText(call: Call): string {
  switch (call.status) {
    case 'busy':
      return 'Busy';
    case 'unavailable':
      return 'Unavailable';
    case 'declined':
      return 'Declined';
    case 'missed':
      return call.direction === 'incoming' ? 'Missed call' : 'Call ended';
    default:
      return call.duration > 0 ? `Call ended · ${formatDuration(call.duration)}` : 'Call ended';
  }
}

/** What Recents says about a call's outcome. */
export function recentStatusText(call: Call): string {
  switch (call.status) {
    case 'missed':
      return call.direction === 'incoming' ? 'Missed' : 'No answer';
    case 'declined':
      return 'Declined';
    case 'busy':
      return 'Busy';
    case 'unavailable':
      return 'Unavailable';
    default:
      return call.direction === 'incoming' ? 'Incoming' : 'Outgoing';
  }
}

const DAY_MS = 86_400_000;

/** When a recent call was: the time today, "Yesterday", the weekday within a week, else the date. */
export function formatWhen(at: number, locale: string, now = Date.now()): string {
  const date = new Date(at);
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  if (at >= midnight) return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  if (at >= midnight - DAY_MS) return 'Yesterday';
  if (at >= midnight - 6 * DAY_MS) return date.toLocaleDateString(locale, { weekday: 'long' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'numeric', year: '2-digit' });
}
