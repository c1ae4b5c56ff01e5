import type { ConfirmInput, PickedContact, PromptInput, ShareInput, Theme, VisibleApp } from '../host/shell-services';
import type { Device } from '../nui';
import type { PhoneNotification } from '../../../core/shared/shell-data';
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
  /** What `apps.list` answered, in the server's order. */
  apps: VisibleApp[];
  /** In the order they opened: moving an iframe in the DOM reloads it, so this order never changes. */
  running: RunningApp[];
  foreground: string | null;
  overlay: 'center' | 'switcher' | null;
  /** The notification center, newest first. */
  notifications: PhoneNotification[];
  banners: PhoneNotification[];
  /** Questions waiting for the player; the first one is shown. */
  sheets: Sheet[];
  toasts: Toast[];
}

const THEME_KEY = 'handset:theme';

// Storage can be denied to a page framed by another site; the theme then lasts until the page reloads.
function storedTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export function storeTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Kept in memory only.
  }
}

export const phoneStore = createStore<PhoneState>({
  open: false,
  presented: null,
  locked: true,
  device: null,
  theme: storedTheme(),
  apps: [],
  running: [],
  foreground: null,
  overlay: null,
  notifications: [],
  banners: [],
  sheets: [],
  toasts: [],
});

/** The installed app with this id, if the character may use it. */
export function installedApp(appId: string): VisibleApp | undefined {
  return phoneStore.get().apps.find((app) => app.id === appId && app.installed);
}
