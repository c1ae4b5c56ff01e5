import { shellText } from '../text';
import type { VisibleApp } from '../host/shell-services';
import type { Device } from '../nui';
import { useEffect, useRef, useState } from 'preact/hooks';
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
  /** The player dragged an app to another place: every installed app's id, in the new order. */
  onReorder: (appIds: string[]) => void;
}

const DOCK_SIZE = 4;

interface AppButtonProps {
  app: VisibleApp;
  badge: number;
  dragging: boolean;
  onOpen: (app: VisibleApp) => void;
  onPointerDown: (event: PointerEvent) => void;
}

function AppButton({ app, badge, dragging, onOpen, onPointerDown }: AppButtonProps) {
  return (
    <button class={`app-button${dragging ? ' dragging' : ''}`} aria-label={app.label} data-app-id={app.id} onClick={() => onOpen(app)} onPointerDown={onPointerDown}>
      <span class="icon-wrap">
        <AppIcon app={app} size={56} />
        {badge > 0 && <span class="badge">{badge > 99 ? '99+' : badge}</span>}
      </span>
      <span class="app-label">{app.label}</span>
    </button>
  );
}

/** How far a pressed icon moves before it is being dragged rather than clicked. */
const DRAG_START_PX = 8;

/**
 * Drag an icon onto another's place to reorder the home screen: the icons make way as it moves, and on release
 * the order is kept (`onReorder`); a press that does not move stays a click.
 */
function useReorder(ids: string[], onReorder: (ids: string[]) => void) {
  const [order, setOrder] = useState<string[] | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const drag = useRef<{ appId: string; x: number; y: number; moved: boolean } | null>(null);
  const live = useRef<string[] | null>(null);
  live.current = order;

  useEffect(() => {
    const move = (event: PointerEvent) => {
      const current = drag.current;
      if (!current) return;
      if (!current.moved && Math.hypot(event.clientX - current.x, event.clientY - current.y) < DRAG_START_PX) return;
      current.moved = true;
      setDragged(current.appId);
      const over = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>('[data-app-id]')?.dataset['appId'];
      const shown = live.current ?? ids;
      if (!over || over === current.appId || !shown.includes(over)) return setOrder(shown);
      const without = shown.filter((appId) => appId !== current.appId);
      without.splice(shown.indexOf(over), 0, current.appId);
      setOrder(without);
    };
    const release = () => {
      const current = drag.current;
      drag.current = null;
      setDragged(null);
      if (current?.moved && live.current) {
        // The click that ends a drag (dispatched in this same task, if at all) must not open the app.
        const swallow = (event: Event) => event.stopPropagation();
        window.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => window.removeEventListener('click', swallow, { capture: true }));
        if (live.current.join() !== ids.join()) onReorder(live.current);
      }
      setOrder(null);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, [ids.join(), onReorder]);

  const start = (appId: string) => (event: PointerEvent) => {
    if (event.button === 0) drag.current = { appId, x: event.clientX, y: event.clientY, moved: false };
  };
  return { order: order ?? ids, dragged, start };
}

export function HomeScreen({ apps, badges, device, now, locale, covered, onOpen, onReorder }: HomeScreenProps) {
  const t = shellText();
  const { order, dragged, start } = useReorder(
    apps.filter((app) => app.installed).map((app) => app.id),
    onReorder,
  );
  const installed = order.map((appId) => apps.find((app) => app.id === appId)!);
  const dock = installed.filter((app) => app.category === 'default').slice(0, DOCK_SIZE);
  const grid = installed.filter((app) => !dock.includes(app));
  const button = (app: VisibleApp) => (
    <AppButton key={app.id} app={app} badge={badges[app.id] ?? 0} dragging={app.id === dragged} onOpen={onOpen} onPointerDown={start(app.id)} />
  );

  return (
    <main class="home-screen" aria-label={t('homeScreen')} inert={covered}>
      <div class="home-widget">
        <span class="widget-date">
          <span class="widget-weekday">{now.toLocaleDateString(locale, { weekday: 'long' })}</span>
          <span class="widget-day">{now.toLocaleDateString(locale, { day: 'numeric', month: 'long' })}</span>
        </span>
        {device && (
          <span class="widget-number">
            <span class="widget-caption">{t('myNumber')}</span>
            <span class="widget-value">{device.number}</span>
          </span>
        )}
      </div>
      {installed.length === 0 && <p class="home-empty">{t('noAppsInstalled')}</p>}
      <div class="app-grid">{grid.map(button)}</div>
      {dock.length > 0 && (
        <nav class="dock" aria-label={t('dock')}>
          {dock.map(button)}
        </nav>
      )}
    </main>
  );
}
