import { shellText } from '../text';
import { useState } from 'preact/hooks';
import type { VisibleApp } from '../host/shell-services';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { ChevronUpIcon, LockIcon } from './icons';
import { NotificationCard } from './notification-card';
import { PasscodePad } from './passcode-pad';
import type { PasscodeOutcome } from '../state/phone';
import { clockTime, longDate, type ClockFormat } from './time-format';
import { useVerticalDrag } from './vertical-drag';

interface LockScreenProps {
  now: Date;
  clockFormat: ClockFormat;
  locale: string;
  locked: boolean;
  notifications: PhoneNotification[];
  apps: VisibleApp[];
  /** The passcode is being asked for: the pad replaces the notifications. */
  passcodePad: boolean;
  onUnlock: () => void;
  onPasscode: (code: string) => Promise<PasscodeOutcome>;
  onCancelPasscode: () => void;
}

const SWIPE_UNLOCKS_PX = 80;
const RECENT_SHOWN = 3;

export function LockScreen(props: LockScreenProps) {
  const t = shellText();
  const { now, clockFormat, locale, locked, notifications, apps, passcodePad, onUnlock } = props;
  const [offset, setOffset] = useState(0);
  const swipe = useVerticalDrag({
    onDrag: (deltaY) => setOffset(Math.min(0, deltaY)),
    onRelease: (deltaY) => {
      setOffset(0);
      if (deltaY < -SWIPE_UNLOCKS_PX) onUnlock();
    },
  });
  return (
    <section
      class={`lock-screen${locked ? '' : ' unlocked'}${offset ? ' dragging' : ''}`}
      aria-label={t('lockScreen')}
      aria-hidden={!locked}
      inert={!locked}
      style={{ '--drag': `${offset}px` }}
      {...swipe}
    >
      <div class="lock-top">
        <LockIcon />
        <p class="lock-date">{longDate(now, locale)}</p>
        <time class={`lock-clock${clockFormat === '12h' ? ' twelve-hour' : ''}`}>{clockTime(now, clockFormat)}</time>
      </div>
      {passcodePad ? (
        <PasscodePad onSubmit={props.onPasscode} onCancel={props.onCancelPasscode} />
      ) : (
        <>
          <ul class="lock-notifications" aria-label={t('recentNotifications')}>
            {notifications.slice(0, RECENT_SHOWN).map((notification) => (
              <li key={notification.id}>
                <NotificationCard notification={notification} app={apps.find((app) => app.id === notification.appId)} now={now} clockFormat={clockFormat} />
              </li>
            ))}
          </ul>
          <div class="lock-bottom">
            <button class="unlock-button" onClick={onUnlock}>
              <ChevronUpIcon />
              {t('unlock')}
            </button>
            <span class="lock-hint">{t('unlockHint')}</span>
          </div>
        </>
      )}
    </section>
  );
}
