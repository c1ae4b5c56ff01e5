import { useEffect } from 'preact/hooks';
import { closeApp, goHome, openApp } from '../state/apps';
import { clearNotifications, dismissNotification } from '../state/notifications';
import { applySettings, closePhone, enterPasscode, hidePasscodePad, openNotification, reorderApps, showOverlay, unlock, updateSettings } from '../state/phone';
import { phoneStore, type BarColors, type PhoneState } from '../state/phone-store';
import { cancelSheet } from '../state/sheets';
import { PHONE_KEY } from '../../../sdk/protocol/wire';
import { AppStack } from './app-stack';
import { AppSwitcher } from './app-switcher';
import { Banners } from './banners';
import { useFocusOnMount } from './focus-on-mount';
import { HomeBar } from './home-bar';
import { HomeScreen } from './home-screen';
import { LockScreen } from './lock-screen';
import { NotificationCenter } from './notification-center';
import { Sheets } from './sheets';
import { StatusBar } from './status-bar';
import { Toasts } from './toasts';
import { useClock } from './use-clock';

/**
 * Escape backs out of the innermost layer, then puts the phone away; Enter unlocks. The layers are read when the
 * key comes: a listener holding the last render's would miss a second Escape pressed before the next effect runs.
 */
function useShellKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const { sheets, overlay, locked, passcodePad } = phoneStore.get();
      if (event.key === 'Escape') {
        event.preventDefault();
        if (sheets[0]) cancelSheet(sheets[0]);
        else if (overlay) showOverlay(null);
        else if (locked && passcodePad) hidePasscodePad();
        else closePhone();
      } else if (event.key === PHONE_KEY && !event.repeat) {
        // The key that opened the phone closes it: with NUI focus the game does not hear it.
        event.preventDefault();
        closePhone();
      } else if (event.key === 'Enter' && locked && !passcodePad && !overlay && sheets.length === 0) {
        event.preventDefault();
        unlock();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);
}

/** A built-in wallpaper by name (theme.css draws each), or the player's image over the whole screen. */
function wallpaperOf(wallpaper: string) {
  if (!wallpaper.startsWith('https://')) return { 'data-wallpaper': wallpaper };
  return { 'data-wallpaper': 'image', style: { '--wallpaper': `center / cover no-repeat url(${JSON.stringify(wallpaper)}), #000` } };
}

interface PhoneProps {
  state: PhoneState;
  /** Sliding away: shown, but no longer listening. */
  closing: boolean;
  onClosed: () => void;
}

/** Text on a bar: white on a dark color, black on a light one (by relative luminance). */
function textOn(color: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.5 ? '#000' : '#fff';
}

/** The app's bar colors, as the custom properties the status and home bars read (unset: the theme's). */
function barStyle({ top, bottom }: BarColors): Record<string, string> {
  return {
    ...(top && { '--bar-top': top, '--bar-top-text': textOn(top) }),
    ...(bottom && { '--bar-bottom': bottom, '--bar-bottom-text': textOn(bottom) }),
  };
}

export function Phone({ state, closing, onClosed }: PhoneProps) {
  const now = useClock();
  // An automatic theme turns at 07:00 and 19:00.
  useEffect(() => applySettings(now), [now]);
  // Peeking up for a presented app while put away: the game keeps the keyboard and the lock screen waits.
  const peeking = !state.open && !closing;
  // Keys reach the page once the game gives it focus; focusing the phone brings them into this frame.
  const device = useFocusOnMount<HTMLDivElement>(state.open);
  useShellKeys(state.open && !closing);
  const { locale } = state;
  const { apps, overlay, foreground, sheets } = state;
  const locked = state.locked && !peeking;
  const modal = sheets.length > 0;
  const appShown = foreground !== null && overlay === null;
  const bars = appShown ? state.running.find((entry) => entry.app.id === foreground)?.barColors : null;

  return (
    <div class="device-anchor">
      <div
        ref={device}
        class={`device${closing ? ' closing' : ''}${peeking ? ' peeking' : ''}`}
        data-phone
        {...wallpaperOf(state.device?.settings.wallpaper ?? 'aurora')}
        tabIndex={-1}
        onAnimationEnd={(event) => closing && event.target === event.currentTarget && onClosed()}
      >
        <div class={`screen${appShown ? ' app-shown' : ''}`} style={bars ? barStyle(bars) : undefined}>
          <div class="wallpaper" aria-hidden="true" />
          <div class="layers" inert={modal || overlay !== null}>
            <HomeScreen
              apps={apps}
              badges={state.badges}
              device={state.device}
              now={now}
              locale={locale}
              covered={locked || foreground !== null}
              onOpen={(app) => openApp(app.id, null)}
              onReorder={reorderApps}
            />
            <AppStack running={state.running} foreground={foreground} />
            <LockScreen
              now={now}
              clockFormat={state.clockFormat}
              locale={locale}
              locked={locked}
              notifications={state.notifications}
              apps={apps}
              passcodePad={state.passcodePad}
              onUnlock={unlock}
              onPasscode={enterPasscode}
              onCancelPasscode={hidePasscodePad}
            />
          </div>
          {overlay === 'center' && (
            <NotificationCenter
              notifications={state.notifications}
              apps={apps}
              device={state.device}
              theme={state.theme}
              clockFormat={state.clockFormat}
              now={now}
              locale={locale}
              onOpen={openNotification}
              onDismiss={(id) => void dismissNotification(id)}
              onClearAll={() => void clearNotifications()}
              onSettings={(patch) => void updateSettings(patch)}
              onClose={() => showOverlay(null)}
            />
          )}
          {overlay === 'switcher' && (
            <AppSwitcher
              running={state.running}
              onSwitch={(appId) => openApp(appId, null)}
              onCloseApp={closeApp}
              onDismiss={() => showOverlay(null)}
            />
          )}
          <div class="chrome" inert={modal}>
            <StatusBar
              now={now}
              clockFormat={state.clockFormat}
              device={state.device}
              locked={locked}
              onOpenCenter={() => showOverlay('center')}
            />
            {!locked && <HomeBar onHome={goHome} onRecentApps={() => showOverlay('switcher')} />}
          </div>
          <Banners banners={state.banners} apps={apps} placement="phone" clockFormat={state.clockFormat} onOpen={openNotification} />
          <Sheets sheets={sheets} />
          <Toasts toasts={state.toasts} />
        </div>
      </div>
    </div>
  );
}
