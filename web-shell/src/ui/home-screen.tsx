import type { VisibleApp } from '../host/shell-services';
import type { Device } from '../nui';
import { AppIcon } from './app-icon';

interface HomeScreenProps {
  apps: VisibleApp[];
  /** Each app's badge, as the app counts it. */
  badges: Record<string, number>;
  device: Device | null;
  now: Date;
  locale: string;
  /** Covered by an app, the lock screen or an overlay. */
  covered: boolean;
  onOpen: (app: VisibleApp) => void;
}

const DOCK_SIZE = 4;

function AppButton({ app, badge, onOpen }: { app: VisibleApp; badge: number; onOpen: (app: VisibleApp) => void }) {
  return (
    <button class="app-button" aria-label={app.label} onClick={() => onOpen(app)}>
      <span class="icon-wrap">
        <AppIcon app={app} size={56} />
        {badge > 0 && <span class="badge">{badge > 99 ? '99+' : badge}</span>}
      </span>
      <span class="app-label">{app.label}</span>
    </button>
  );
}

export function HomeScreen({ apps, badges, device, now, locale, covered, onOpen }: HomeScreenProps) {
  const installed = apps.filter((app) => app.installed);
  const dock = installed.filter((app) => app.category === 'default').slice(0, DOCK_SIZE);
  const grid = installed.filter((app) => !dock.includes(app));
  const button = (app: VisibleApp) => <AppButton key={app.id} app={app} badge={badges[app.id] ?? 0} onOpen={onOpen} />;

  return (
    <main class="home-screen" aria-label="Home screen" inert={covered}>
      <div class="home-widget">
        <span class="widget-date">
          <span class="widget-weekday">{now.toLocaleDateString(locale, { weekday: 'long' })}</span>
          <span class="widget-day">{now.toLocaleDateString(locale, { day: 'numeric', month: 'long' })}</span>
        </span>
        {device && (
          <span class="widget-number">
            <span class="widget-caption">My number</span>
            <span class="widget-value">{device.number}</span>
          </span>
        )}
      </div>
      {installed.length === 0 && <p class="home-empty">No apps installed yet.</p>}
      <div class="app-grid">{grid.map(button)}</div>
      {dock.length > 0 && (
        <nav class="dock" aria-label="Dock">
          {dock.map(button)}
        </nav>
      )}
    </main>
  );
}
