import { z } from 'zod';
import { broadcastSettings } from '../host/app-host';
import type { ShellSettings, Theme } from '../host/shell-services';
import { coreRequest, releaseFocus, type Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { dropAllFrames, openApp, refreshApps } from './apps';
import { forgetNotifications, hideBanner, loadNotifications } from './notifications';
import type { ClockFormat } from '../ui/time-format';
import { installedApp, phoneStore, SETTING_KEYS, storeSetting, type PhoneState } from './phone-store';
import { toast } from './toasts';

export function currentSettings(): ShellSettings {
  const { theme, device } = phoneStore.get();
  return { theme, locale: navigator.language, phoneNumber: device?.number ?? null };
}

/** The game showed or hid the phone; it opens on the lock screen, and closing it ends every app. */
export function setVisibility(open: boolean): void {
  if (open === phoneStore.get().open) return;
  if (open) {
    phoneStore.set({ open: true, locked: true, overlay: null });
    void refreshApps();
    void loadNotifications();
    return;
  }
  // The client and the server forget open apps themselves when the phone closes.
  dropAllFrames();
  phoneStore.set({ open: false, overlay: null, toasts: [] });
}

/** The player put the phone away. */
export function closePhone(): void {
  setVisibility(false);
  releaseFocus();
}

export function unlock(): void {
  phoneStore.set({ locked: false });
}

/** A character was loaded (or switched, or logged out), or its airplane mode changed. */
export function setDevice(device: Device | null): void {
  const previous = phoneStore.get().device;
  phoneStore.set({ device });
  if (previous?.number === device?.number) return;
  broadcastSettings(currentSettings());
  forgetNotifications();
  if (!device) {
    dropAllFrames();
    phoneStore.set({ apps: [] });
    return;
  }
  // A closed phone asks for both when it opens.
  if (!phoneStore.get().open) return;
  void loadNotifications();
  void refreshApps();
}

export function setTheme(theme: Theme): void {
  storeSetting(SETTING_KEYS.theme, theme);
  phoneStore.set({ theme });
  broadcastSettings(currentSettings());
}

export function setClockFormat(clockFormat: ClockFormat): void {
  storeSetting(SETTING_KEYS.clockFormat, clockFormat);
  phoneStore.set({ clockFormat });
}

/** Flips at once; the server's answer confirms it, or it flips back. */
export async function setAirplaneMode(enabled: boolean): Promise<void> {
  const { device } = phoneStore.get();
  if (!device) return;
  phoneStore.set({ device: { ...device, airplaneMode: enabled } });
  const answer = await coreRequest('device.setAirplaneMode', { enabled }, z.object({ airplaneMode: z.boolean() }));
  if (answer.ok) return;
  phoneStore.set((state) => ({ device: state.device && { ...state.device, airplaneMode: !enabled } }));
  toast(`Airplane mode could not be changed: ${answer.error.message}`);
}

export function showOverlay(overlay: PhoneState['overlay']): void {
  // A pull on the status bar asks again on every pointer move.
  if (overlay === phoneStore.get().overlay) return;
  phoneStore.set({ overlay });
  if (overlay === 'center') void loadNotifications();
}

/**
 * The app's server side brought it up (an incoming call) at `link`: in front, behind the lock screen of a phone
 * in the player's hand; on a phone put away, peeking up without focus until the app closes.
 */
export async function presentApp(appId: string, link: string): Promise<void> {
  phoneStore.set({ presented: { appId, link }, overlay: null });
  // A phone put away does not keep the list of apps.
  if (!installedApp(appId)) await refreshApps();
  if (openApp(appId, link)) return;
  phoneStore.set({ presented: null });
  toast(`${appId} is not on this phone`);
}

/** The answer key: the presented app hears its link again with `accept` added (`call/7?accept`). */
export function acceptPresentedApp(appId: string): void {
  const { presented } = phoneStore.get();
  if (presented?.appId !== appId) return;
  openApp(appId, `${presented.link}${presented.link.includes('?') ? '&' : '?'}accept`);
}

/** A click on a banner or a center item: the app it came from, straight past the lock screen. */
export function openNotification(notification: PhoneNotification): void {
  hideBanner(notification.id);
  if (!phoneStore.get().open || !notification.appId || !installedApp(notification.appId)) return;
  phoneStore.set({ locked: false, overlay: null });
  openApp(notification.appId, null);
}
