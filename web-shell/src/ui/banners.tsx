import { useEffect } from 'preact/hooks';
import type { VisibleApp } from '../host/shell-services';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { hideBanner } from '../state/notifications';
import { NotificationCard } from './notification-card';
import type { ClockFormat } from './time-format';

interface BannersProps {
  banners: PhoneNotification[];
  apps: VisibleApp[];
  /** At the top of the open phone, or peeking at the screen's corner while it is closed. */
  placement: 'phone' | 'peek';
  clockFormat: ClockFormat;
  onOpen: (notification: PhoneNotification) => void;
}

interface BannerProps {
  notification: PhoneNotification;
  app: VisibleApp | undefined;
  clockFormat: ClockFormat;
  onOpen: () => void;
}

function Banner({ notification, app, clockFormat, onOpen }: BannerProps) {
  // The only timer a closed phone runs, and only while a banner is on screen.
  useEffect(() => {
    const timer = setTimeout(() => hideBanner(notification.id), notification.timeout);
    return () => clearTimeout(timer);
  }, [notification]);
  return (
    <div class="banner" role="status" style={{ '--stay': `${notification.timeout}ms` }}>
      <NotificationCard notification={notification} app={app} now={new Date()} clockFormat={clockFormat} onOpen={onOpen} />
    </div>
  );
}

export function Banners({ banners, apps, placement, clockFormat, onOpen }: BannersProps) {
  if (banners.length === 0) return null;
  return (
    <div class={`banners ${placement}`}>
      {[...banners].reverse().map((notification) => (
        <Banner
          key={notification.id}
          notification={notification}
          app={apps.find((app) => app.id === notification.appId)}
          clockFormat={clockFormat}
          onOpen={() => onOpen(notification)}
        />
      ))}
    </div>
  );
}
