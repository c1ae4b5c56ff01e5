import type {
  ConfirmInput,
  GalleryPage,
  PickedContact,
  PickedLocation,
  PickedPhoto,
  PromptInput,
  ShareInput,
  Theme,
  VisibleApp,
} from '../host/shell-services';
import type { Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
import type { ClockFormat } from '../ui/time-format';
import { createStore } from './store';

/** An app with a mounted frame. */
export interface RunningApp {
  app: VisibleApp;
  link: string | null;
  /** Larger is more recent; the least recently used app is closed when a fourth one opens. */
  usedAt: number;
}

/** A modal question an app asked through the shell, answered by the player. */
export type Sheet = { id: number; app: VisibleApp } & (
  | { kind: 'confirm'; input: ConfirmInput; resolve: (confirmed: boolean) => void }
  | { kind: 'prompt'; input: PromptInput; resolve: (text: string | null) => void }
  | { kind: 'share'; input: ShareInput; targets: VisibleApp[]; resolve: (appId: string | null) => void }
  | { kind: 'contact'; input: { title: string }; contacts: PickedContact[]; resolve: (contact: PickedContact | null) => void }
  | { kind: 'camera'; input: { title: string }; shoot: () => Promise<PickedPhoto>; resolve: (photo: PickedPhoto | null) => void }
  | { kind: 'photo'; input: { title: string }; load: (cursor: number | null) => Promise<GalleryPage>; resolve: (photo: PickedPhoto | null) => void }
  | { kind: 'location'; input: { title: string }; place: PickedLocation; resolve: (place: PickedLocation | null) => void }
);

export interface Toast {
  id: number;
  message: string;
}

/** An app its owner brought up (an incoming call), at the deep link it was brought up with. */
export interface PresentedApp {
  appId: string;
  link: string;
}

export interface PhoneState {
  /** Shown on screen with NUI focus. */
  open: boolean;
  /** Shown until it closes, without NUI focus while the phone is put away. */
  presented: PresentedApp | null;
  locked: boolean;
  /** The loaded character's phone; null when none is loaded. */
  device: Device | null;
  theme: Theme;
  /** Held by the shell until a Settings app exists: the status bar, lock screen and notifications follow it. */
  clockFormat: ClockFormat;
  /** What `apps.list` answered, in the server's order. */
  apps: VisibleApp[];
  /** In the order they opened: moving an iframe in the DOM reloads it, so this order never changes. */
  running: RunningApp[];
  foreground: string | null;
  overlay: 'center' | 'switcher' | null;
  /** The notification center, newest first. */
  notifications: PhoneNotification[];
  /** Each app's badge, as the app counts it; apps without one are absent. */
  badges: Record<string, number>;
  banners: PhoneNotification[];
  /** Questions waiting for the player; the first one is shown. */
  sheets: Sheet[];
  toasts: Toast[];
}

/** The player's settings the shell keeps in the page's storage, by key. */
export const SETTING_KEYS = { theme: 'handset:theme', clockFormat: 'handset:clock_format' } as const;

// Storage can be denied to a page framed by another site; a setting then lasts until the page reloads.
function storedSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Kept in memory only.
  }
}

export const phoneStore = createStore<PhoneState>({
  open: false,
  presented: null,
  locked: true,
  device: null,
  theme: storedSetting(SETTING_KEYS.theme) === 'light' ? 'light' : 'dark',
  clockFormat: storedSetting(SETTING_KEYS.clockFormat) === '12h' ? '12h' : '24h',
  apps: [],
  running: [],
  foreground: null,
  overlay: null,
  notifications: [],
  badges: {},
  banners: [],
  sheets: [],
  toasts: [],
});

/** The installed app with this id, if the character may use it. */
export function installedApp(appId: string): VisibleApp | undefined {
  return phoneStore.get().apps.find((app) => app.id === appId && app.installed);
}
