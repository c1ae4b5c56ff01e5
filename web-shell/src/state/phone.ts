import { z } from 'zod';
import { broadcastSettings } from '../host/app-host';
import type { ShellSettings } from '../host/shell-services';
import { coreRequest, releaseFocus, type Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import { passcodeResultSchema } from '../../../sdk/protocol/catalogue';
import { DEFAULT_PHONE_SETTINGS, deviceSettingsSchema, type PhoneSettings } from '../../../sdk/protocol/phone-settings';
import type { Language } from '../../../sdk/protocol/phone-options';
import { dropAllFrames, openApp, refreshApps } from './apps';
import { forgetNotifications, hideBanner, loadNotifications } from './notifications';
import { installedApp, phoneStore, type PhoneState } from './phone-store';
import { toast } from './toasts';
import { shellText } from '../text';

/** The player's settings, or the defaults while no character is loaded. */
export function phoneSettings(): PhoneSettings {
  return phoneStore.get().device?.settings ?? DEFAULT_PHONE_SETTINGS;
}

/** `automatic` is dark from 19:00 to 07:00 on the phone's clock. */
function shownTheme(theme: PhoneSettings['theme'], now: Date): 'light' | 'dark' {
  if (theme !== 'automatic') return theme;
  const hour = now.getHours();
  return hour >= 19 || hour < 7 ? 'dark' : 'light';
}

const REGIONS: Record<Language, string> = { en: 'US', es: 'ES', de: 'DE' };

/** The BCP 47 tag of the phone's language: the browser's region where it speaks that language, the usual one else. */
function localeOf(language: Language, clockFormat: PhoneSettings['clockFormat']): string {
  const browser = new Intl.Locale(navigator.language);
  const region = browser.language === language && browser.region ? browser.region : REGIONS[language];
  // The hour cycle rides in the locale, so every toLocaleTimeString(locale) of every app follows the player's clock.
  return new Intl.Locale(language, { region, hourCycle: clockFormat === '12h' ? 'h12' : 'h23' }).toString();
}

export function currentSettings(): ShellSettings {
  const { theme, clockFormat, locale, device } = phoneStore.get();
  const { textSize, streamerMode } = phoneSettings();
  return { theme, locale, phoneNumber: device?.number ?? null, numberFormat: device?.numberFormat ?? '', clockFormat, textSize, streamerMode };
}

let told = '';

/** Derives what the shell shows from the settings (at `now`), and tells open apps when what they see changed. */
export function applySettings(now = new Date()): void {
  const settings = phoneSettings();
  const spoke = new Intl.Locale(phoneStore.get().locale).language;
  phoneStore.set({ theme: shownTheme(settings.theme, now), clockFormat: settings.clockFormat, locale: localeOf(settings.language, settings.clockFormat) });
  // Apps' names are in the player's language: the server names them again.
  if (spoke !== settings.language && phoneStore.get().open) void refreshApps();
  const current = currentSettings();
  if (JSON.stringify(current) === told) return;
  told = JSON.stringify(current);
  broadcastSettings(current);
}

/** The game showed or hid the phone; it opens on the lock screen, and closing it ends every app. */
export function setVisibility(open: boolean): void {
  if (open === phoneStore.get().open) return;
  if (open) {
    const { presented } = phoneStore.get();
    phoneStore.set({ open: true, locked: true, passcodePad: false, overlay: null, presented: presented && { ...presented, ringing: false } });
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

/** The lock screen's swipe, button or Enter: straight in, or the passcode pad first. */
export function unlock(): void {
  if (phoneStore.get().device?.passcodeSet) phoneStore.set({ passcodePad: true });
  else finishUnlock();
}

function finishUnlock(): void {
  const { openAfterUnlock } = phoneStore.get();
  phoneStore.set({ locked: false, passcodePad: false, openAfterUnlock: null });
  if (openAfterUnlock && installedApp(openAfterUnlock)) openApp(openAfterUnlock, null);
}

export function hidePasscodePad(): void {
  phoneStore.set({ passcodePad: false, openAfterUnlock: null });
}

/** What the lock screen shows after a passcode: nothing (unlocked), tries left, or how long it is locked out. */
export type PasscodeOutcome = { unlocked: true } | { unlocked: false; attemptsLeft: number; lockedForMs: number } | { error: string };

/** Checks the passcode on the server, which counts failures and enforces the lockout. */
export async function enterPasscode(code: string): Promise<PasscodeOutcome> {
  const answer = await coreRequest('passcode.unlock', { code }, passcodeResultSchema);
  if (!answer.ok) return { error: answer.error.message };
  if (answer.data.unlocked) finishUnlock();
  return answer.data;
}

/** A character was loaded (or switched, or logged out), or its settings, airplane mode or passcode changed. */
export function setDevice(device: Device | null): void {
  const previous = phoneStore.get().device;
  // A passcode removed (by the player or an admin's resetPasscode) takes the pad away at once.
  phoneStore.set(device?.passcodeSet ? { device } : { device, passcodePad: false });
  applySettings();
  if (previous?.number === device?.number) return;
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

/** The control center's toggles: shown at once, kept when the server confirms, put back when it refuses. */
export async function updateSettings(patch: Partial<PhoneSettings> & { airplaneMode?: boolean }): Promise<void> {
  const { device } = phoneStore.get();
  if (!device) return;
  const { airplaneMode, ...settings } = patch;
  phoneStore.set({ device: { ...device, airplaneMode: airplaneMode ?? device.airplaneMode, settings: { ...device.settings, ...settings } } });
  applySettings();
  const answer = await coreRequest('settings.update', patch, deviceSettingsSchema);
  const current = phoneStore.get().device;
  if (current?.number !== device.number) return;
  phoneStore.set({ device: { ...current, ...(answer.ok ? answer.data : { airplaneMode: device.airplaneMode, settings: device.settings }) } });
  applySettings();
  if (!answer.ok) toast(shellText()('settingNotChanged', { reason: answer.error.message }));
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
  // Do not disturb: a phone put away stays silent and the call goes unanswered (it is still listed, as missed).
  if (phoneSettings().doNotDisturb && !phoneStore.get().open) return;
  phoneStore.set({ presented: { appId, link, ringing: true }, overlay: null });
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
  phoneStore.set({ presented: { ...presented, ringing: false } });
  openApp(appId, `${presented.link}${presented.link.includes('?') ? '&' : '?'}accept`);
}

/** A click on a banner or a center item: the app it came from, past the lock screen (after the passcode, if set). */
export function openNotification(notification: PhoneNotification): void {
  hideBanner(notification.id);
  const { open, locked, device } = phoneStore.get();
  if (!open || !notification.appId || !installedApp(notification.appId)) return;
  phoneStore.set({ overlay: null });
  if (locked && device?.passcodeSet) {
    phoneStore.set({ passcodePad: true, openAfterUnlock: notification.appId });
    return;
  }
  phoneStore.set({ locked: false });
  openApp(notification.appId, null);
}

/** The player moved an app on the home screen: shown at once, kept on the server (the home screen keeps 200 places). */
export function reorderApps(appIds: string[]): void {
  const order = appIds.slice(0, 200);
  const places = new Map(order.map((appId, index) => [appId, index]));
  const place = (appId: string) => places.get(appId) ?? Infinity;
  phoneStore.set((state) => ({ apps: [...state.apps].sort((a, b) => place(a.id) - place(b.id)) }));
  void updateSettings({ homeOrder: order });
}
