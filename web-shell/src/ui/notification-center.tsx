import type { Theme, VisibleApp } from '../host/shell-services';
import type { Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { useFocusOnMount } from './focus-on-mount';
import { AirplaneIcon, ClockIcon, MoonIcon } from './icons';
import { NotificationCard } from './notification-card';
import { clockTime, dayHeading, longDate, type ClockFormat } from './time-format';
import { useVerticalDrag } from './vertical-drag';

interface NotificationCenterProps {
  notifications: PhoneNotification[];
  apps: VisibleApp[];
  device: Device | null;
  theme: Theme;
  clockFormat: ClockFormat;
  now: Date;
  locale: string;
  onOpen: (notification: PhoneNotification) => void;
  onDismiss: (id: number) => void;
  onClearAll: () => void;
  onAirplaneMode: (enabled: boolean) => void;
  onTheme: (theme: Theme) => void;
  onClockFormat: (clockFormat: ClockFormat) => void;
  onClose: () => void;
}

const PUSH_UP_CLOSES_PX = -60;

/** Notifications (already newest first) in runs of the same day. */
function byDay(notifications: PhoneNotification[], now: Date, locale: string) {
  const groups: { heading: string; items: PhoneNotification[] }[] = [];
  for (const notification of notifications) {
    const heading = dayHeading(notification.createdAt, now, locale);
    const last = groups[groups.length - 1];
    if (last?.heading === heading) last.items.push(notification);
    else groups.push({ heading, items: [notification] });
  }
  return groups;
}

export function NotificationCenter(props: NotificationCenterProps) {
  const { notifications, apps, device, theme, clockFormat, now, locale } = props;
  const sheet = useFocusOnMount<HTMLElement>();
  const pushUp = useVerticalDrag({ onRelease: (deltaY) => deltaY < PUSH_UP_CLOSES_PX && props.onClose() });

  return (
    <section ref={sheet} class="notification-center" role="dialog" aria-label="Notification center" tabIndex={-1} {...pushUp}>
      <div class="center-scroll">
        <div class="center-clock">
          <time>{clockTime(now, clockFormat)}</time>
          <span>{longDate(now, locale)}</span>
        </div>
        <div class="toggles">
          <button
            class="toggle airplane"
            aria-label="Airplane mode"
            aria-pressed={device?.airplaneMode ?? false}
            disabled={!device}
            onClick={() => device && props.onAirplaneMode(!device.airplaneMode)}
          >
            <span class="toggle-glyph">
              <AirplaneIcon />
            </span>
            <span class="toggle-name">Airplane mode</span>
            <span class="toggle-state">{device?.airplaneMode ? 'On' : 'Off'}</span>
          </button>
          <button
            class="toggle dark"
            aria-label="Dark mode"
            aria-pressed={theme === 'dark'}
            onClick={() => props.onTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            <span class="toggle-glyph">
              <MoonIcon />
            </span>
            <span class="toggle-name">Dark mode</span>
            <span class="toggle-state">{theme === 'dark' ? 'On' : 'Off'}</span>
          </button>
          <button
            class="toggle clock"
            aria-label="24-hour time"
            aria-pressed={clockFormat === '24h'}
            onClick={() => props.onClockFormat(clockFormat === '24h' ? '12h' : '24h')}
          >
            <span class="toggle-glyph">
              <ClockIcon />
            </span>
            <span class="toggle-name">24-hour time</span>
            <span class="toggle-state">{clockFormat === '24h' ? 'On' : 'Off'}</span>
          </button>
        </div>
        <div class="center-title">
          <h2>Notifications</h2>
          {notifications.length > 0 && (
            <button class="clear-all" onClick={props.onClearAll}>
              Clear all
            </button>
          )}
        </div>
        {notifications.length === 0 && <p class="center-empty">No notifications</p>}
        {byDay(notifications, now, locale).map((group) => (
          <section key={group.heading} class="center-group" aria-label={group.heading}>
            <h3>{group.heading}</h3>
            <ul>
              {group.items.map((notification) => {
                const app = apps.find((candidate) => candidate.id === notification.appId);
                return (
                  <li key={notification.id}>
                    <NotificationCard
                      notification={notification}
                      app={app}
                      now={now}
                      clockFormat={clockFormat}
                      onOpen={app?.installed ? () => props.onOpen(notification) : undefined}
                      onDismiss={() => props.onDismiss(notification.id)}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <button class="center-handle" onClick={props.onClose}>
        <span class="visually-hidden">Hide notifications</span>
      </button>
    </section>
  );
}
