import { shellText, type ShellText } from '../text';
import type { ComponentChildren } from 'preact';
import type { VisibleApp } from '../host/shell-services';
import type { PhoneSettings } from '../../../sdk/protocol/phone-settings';
import type { Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { useFocusOnMount } from './focus-on-mount';
import { AirplaneIcon, ClockIcon, ContrastIcon, MoonIcon } from './icons';
import { NotificationCard } from './notification-card';
import { clockTime, dayHeading, longDate, type ClockFormat } from './time-format';
import { useVerticalDrag } from './vertical-drag';

interface NotificationCenterProps {
  notifications: PhoneNotification[];
  apps: VisibleApp[];
  device: Device | null;
  theme: 'light' | 'dark';
  clockFormat: ClockFormat;
  now: Date;
  locale: string;
  onOpen: (notification: PhoneNotification) => void;
  onDismiss: (id: number) => void;
  onClearAll: () => void;
  /** A quick setting was flipped. */
  onSettings: (patch: Partial<PhoneSettings> & { airplaneMode?: boolean }) => void;
  onClose: () => void;
}

const PUSH_UP_CLOSES_PX = -60;

/** Notifications (already newest first) in runs of the same day. */
function byDay(notifications: PhoneNotification[], now: Date, locale: string, t: ShellText) {
  const groups: { heading: string; items: PhoneNotification[] }[] = [];
  for (const notification of notifications) {
    const heading = dayHeading(notification.createdAt, now, locale, t);
    const last = groups[groups.length - 1];
    if (last?.heading === heading) last.items.push(notification);
    else groups.push({ heading, items: [notification] });
  }
  return groups;
}

interface ToggleProps {
  /** The class that colours its glyph when on. */
  kind: string;
  name: string;
  glyph: ComponentChildren;
  on: boolean;
  disabled?: boolean;
  onToggle: () => void;
}

/** One of the center's quick settings: a round glyph, its name and On or Off. */
function Toggle({ kind, name, glyph, on, disabled = false, onToggle }: ToggleProps) {
  const t = shellText();
  return (
    <button class={`toggle ${kind}`} aria-label={name} aria-pressed={on} disabled={disabled} onClick={onToggle}>
      <span class="toggle-glyph">{glyph}</span>
      <span class="toggle-name">{name}</span>
      <span class="toggle-state">{on ? t('on') : t('off')}</span>
    </button>
  );
}

export function NotificationCenter(props: NotificationCenterProps) {
  const t = shellText();
  const { notifications, apps, device, theme, clockFormat, now, locale } = props;
  const sheet = useFocusOnMount<HTMLElement>();
  const pushUp = useVerticalDrag({ onRelease: (deltaY) => deltaY < PUSH_UP_CLOSES_PX && props.onClose() });

  return (
    <section ref={sheet} class="notification-center" role="dialog" aria-label={t('notificationCenter')} tabIndex={-1} {...pushUp}>
      <div class="center-scroll">
        <div class="center-clock">
          <time>{clockTime(now, clockFormat)}</time>
          <span>{longDate(now, locale)}</span>
        </div>
        <div class="toggles">
          <Toggle
            kind="airplane"
            name={t('airplaneMode')}
            glyph={<AirplaneIcon />}
            on={device?.airplaneMode ?? false}
            disabled={!device}
            onToggle={() => device && props.onSettings({ airplaneMode: !device.airplaneMode })}
          />
          <Toggle
            kind="dnd"
            name={t('doNotDisturb')}
            glyph={<MoonIcon />}
            on={device?.settings.doNotDisturb ?? false}
            disabled={!device}
            onToggle={() => device && props.onSettings({ doNotDisturb: !device.settings.doNotDisturb })}
          />
          <Toggle
            kind="dark"
            name={t('darkMode')}
            glyph={<ContrastIcon />}
            on={theme === 'dark'}
            disabled={!device}
            onToggle={() => props.onSettings({ theme: theme === 'dark' ? 'light' : 'dark' })}
          />
          <Toggle
            kind="clock"
            name={t('clock24h')}
            glyph={<ClockIcon />}
            on={clockFormat === '24h'}
            disabled={!device}
            onToggle={() => props.onSettings({ clockFormat: clockFormat === '24h' ? '12h' : '24h' })}
          />
        </div>
        <div class="center-title">
          <h2>{t('notifications')}</h2>
          {notifications.length > 0 && (
            <button class="clear-all" onClick={props.onClearAll}>
              {t('clearAll')}
            </button>
          )}
        </div>
        {notifications.length === 0 && <p class="center-empty">{t('noNotifications')}</p>}
        {byDay(notifications, now, locale, t).map((group) => (
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
        <span class="visually-hidden">{t('hideNotifications')}</span>
      </button>
    </section>
  );
}
