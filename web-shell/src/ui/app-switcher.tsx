import { shellText } from '../text';
import type { RunningApp } from '../state/phone-store';
import { AppIcon } from './app-icon';
import { useFocusOnMount } from './focus-on-mount';
import { CloseIcon } from './icons';

interface AppSwitcherProps {
  running: RunningApp[];
  onSwitch: (appId: string) => void;
  onCloseApp: (appId: string) => void;
  onDismiss: () => void;
}

/** Cards of the running apps, most recently used first. */
export function AppSwitcher({ running, onSwitch, onCloseApp, onDismiss }: AppSwitcherProps) {
  const t = shellText();
  const switcher = useFocusOnMount<HTMLDivElement>();
  const cards = [...running].sort((a, b) => b.usedAt - a.usedAt);
  return (
    <div
      ref={switcher}
      class="app-switcher"
      tabIndex={-1}
      role="dialog"
      aria-label={t('appSwitcher')}
      onClick={(event) => event.target === event.currentTarget && onDismiss()}
    >
      {cards.length === 0 && <p class="switcher-empty">{t('noAppsRunning')}</p>}
      <ul class="switcher-cards">
        {cards.map(({ app }) => (
          <li key={app.id} class="switcher-card" style={{ '--tile': app.color }}>
            <button class="switcher-open" aria-label={t('switchTo', { app: app.label })} onClick={() => onSwitch(app.id)}>
              <span class="switcher-head">
                <AppIcon app={app} size={22} />
                {app.label}
              </span>
              <span class="switcher-preview">
                <AppIcon app={app} size={64} />
              </span>
            </button>
            <button class="switcher-close" aria-label={t('closeApp', { app: app.label })} onClick={() => onCloseApp(app.id)}>
              <CloseIcon />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
