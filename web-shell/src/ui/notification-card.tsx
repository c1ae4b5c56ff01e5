import { shellText } from '../text';
import { phoneStore } from '../state/phone-store';
import type { VisibleApp } from '../host/shell-services';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { AppIcon, LetterTile } from './app-icon';
import { CloseIcon } from './icons';
import { relativeTime, type ClockFormat } from './time-format';

interface NotificationCardProps {
  notification: PhoneNotification;
  /** The installed app it came from, if any: its icon, and where a click leads. */
  app: VisibleApp | undefined;
  now: Date;
  clockFormat: ClockFormat;
  onOpen?: (() => void) | undefined;
  onDismiss?: (() => void) | undefined;
}

const FALLBACK_ICON_COLOR = '#8e8e93';

/** Title and body are players' text: rendered as text nodes, never as markup. */
export function NotificationCard({ notification, app, now, clockFormat, onOpen, onDismiss }: NotificationCardProps) {
  const t = shellText();
  const appName = notification.app ?? app?.label ?? 'Handset';
  const content = (
    <>
      <span class="card-head">
        {app ? <AppIcon app={app} size={20} /> : <LetterTile label={appName} color={notification.iconColor ?? FALLBACK_ICON_COLOR} size={20} />}
        <span class="card-app">{appName}</span>
        <time class="card-time" dateTime={new Date(notification.createdAt).toISOString()}>
          {relativeTime(notification.createdAt, now, clockFormat, phoneStore.get().locale, t)}
        </time>
      </span>
      <span class="card-title">{notification.title}</span>
      {notification.body && <span class="card-body">{notification.body}</span>}
    </>
  );
  return (
    <article class="notification-card">
      {onOpen ? (
        <button class="card-content" onClick={onOpen}>
          {content}
        </button>
      ) : (
        <div class="card-content">{content}</div>
      )}
      {onDismiss && (
        <button class="card-dismiss" aria-label={t('dismiss')} onClick={onDismiss}>
          <CloseIcon />
        </button>
      )}
    </article>
  );
}
