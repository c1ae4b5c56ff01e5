import { z } from 'zod';
import { coreRequest } from '../nui';
import { phoneNotificationSchema, type PhoneNotification } from '../../../core/shared/shell-data';
import { DEFAULT_PHONE_SETTINGS } from '../../../sdk/protocol/phone-settings';
import { phoneStore } from './phone-store';
import { playTextTone } from './sounds';
import { toast } from './toasts';
import { shellText } from '../text';

const MAX_BANNERS = 3;
const CENTER_PAGE = 50;

const newestFirst = (a: PhoneNotification, b: PhoneNotification) => b.id - a.id;

/** `listed` plus what arrived while it was asked for, newest first. */
function merged(listed: PhoneNotification[], shown: PhoneNotification[]): PhoneNotification[] {
  const newestListed = listed[0]?.id ?? 0;
  return [...shown.filter((notification) => notification.id > newestListed), ...listed].sort(newestFirst);
}

export async function loadNotifications(): Promise<void> {
  const answer = await coreRequest('notifications.list', { limit: CENTER_PAGE }, z.array(phoneNotificationSchema));
  if (!answer.ok) {
    toast(shellText()('notificationsNotLoaded', { reason: answer.error.message }));
    return;
  }
  phoneStore.set((state) => ({ notifications: merged(answer.data, state.notifications) }));
}

/**
 * A new notification: to the top of the center, and a banner with the text tone unless its timeout is 0, do not
 * disturb is on, or the player silenced its app.
 */
export function receiveNotification(notification: PhoneNotification): void {
  const settings = phoneStore.get().device?.settings ?? DEFAULT_PHONE_SETTINGS;
  const silenced = settings.doNotDisturb || (notification.appId !== null && settings.silencedApps.includes(notification.appId));
  const banner = notification.timeout > 0 && !silenced;
  phoneStore.set((state) => ({
    notifications: [notification, ...state.notifications.filter((shown) => shown.id !== notification.id)],
    banners: banner ? [...state.banners.slice(1 - MAX_BANNERS), notification] : state.banners,
  }));
  if (banner) playTextTone(settings);
}

export function hideBanner(id: number): void {
  phoneStore.set((state) => ({ banners: state.banners.filter((banner) => banner.id !== id) }));
}

/** Removes it at once, and puts it back if the server refuses. */
export async function dismissNotification(id: number): Promise<void> {
  const dismissed = phoneStore.get().notifications.find((notification) => notification.id === id);
  if (!dismissed) return;
  phoneStore.set((state) => ({ notifications: state.notifications.filter((notification) => notification.id !== id) }));
  const answer = await coreRequest('notifications.dismiss', { id }, z.unknown());
  if (answer.ok || answer.error.code === 'NOT_FOUND') return;
  phoneStore.set((state) => ({ notifications: [...state.notifications, dismissed].sort(newestFirst) }));
  toast(shellText()('notificationNotDismissed', { reason: answer.error.message }));
}

export async function clearNotifications(): Promise<void> {
  const cleared = phoneStore.get().notifications;
  phoneStore.set({ notifications: [] });
  const answer = await coreRequest('notifications.clear', {}, z.unknown());
  if (answer.ok) return;
  phoneStore.set((state) => ({ notifications: [...state.notifications, ...cleared].sort(newestFirst) }));
  toast(shellText()('notificationsNotCleared', { reason: answer.error.message }));
}

export function forgetNotifications(): void {
  phoneStore.set({ notifications: [], banners: [] });
}
