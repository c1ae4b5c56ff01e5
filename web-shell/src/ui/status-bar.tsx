import { shellText } from '../text';
import type { Device } from '../nui';
import { AirplaneIcon, BatteryIcon, SignalIcon } from './icons';
import { clockTime, type ClockFormat } from './time-format';
import { useVerticalDrag } from './vertical-drag';

interface StatusBarProps {
  now: Date;
  clockFormat: ClockFormat;
  device: Device | null;
  /** The lock screen shows the big clock, so the bar shows the carrier instead. */
  locked: boolean;
  onOpenCenter: () => void;
}

const PULL_OPENS_PX = 16;

export function StatusBar({ now, clockFormat, device, locked, onOpenCenter }: StatusBarProps) {
  const t = shellText();
  const pull = useVerticalDrag({ onDrag: (deltaY) => deltaY > PULL_OPENS_PX && onOpenCenter() });
  return (
    <header class="status-bar" {...pull}>
      {/* Named by its text, not aria-label: the center alone is labelled "Notification center". */}
      <button class="status-tap" aria-haspopup="dialog" onClick={onOpenCenter}>
        <span class="visually-hidden">{t('notificationCenter')}</span>
      </button>
      <span class="status-left">{locked ? 'Handset' : clockTime(now, clockFormat)}</span>
      <span class="island" aria-hidden="true" />
      <span class="status-right">
        {device?.airplaneMode ? (
          <span role="img" aria-label={t('airplaneModeOn')}>
            <AirplaneIcon />
          </span>
        ) : (
          <SignalIcon bars={device ? 4 : 0} />
        )}
        <BatteryIcon />
      </span>
    </header>
  );
}
