import { shellText } from '../text';
import { RecentAppsIcon } from './icons';

interface HomeBarProps {
  onHome: () => void;
  onRecentApps: () => void;
}

/** The bar at the bottom: a click goes home, a double click (or the button beside it) shows the running apps. */
export function HomeBar({ onHome, onRecentApps }: HomeBarProps) {
  const t = shellText();
  return (
    <div class="home-bar">
      <button class="home-indicator" aria-label={t('home')} onClick={onHome} onDblClick={onRecentApps}>
        <span />
      </button>
      <button class="recent-apps" aria-label={t('recentApps')} onClick={onRecentApps}>
        <RecentAppsIcon />
      </button>
    </div>
  );
}
