import type {
  ConfirmInput,
  GalleryPage,
  PickedContact,
  PickedLocation,
  PickedPhoto,
  PromptInput,
  ShareInput,
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
  /** What the app asked the status and home bars to be painted while it is in front. */
  barColors: BarColors;
}

/** The colors of the status bar (`top`) and home bar (`bottom`), each `#rrggbb`, or null for the theme's. */
export interface BarColors {
  top: string | null;
  bottom: string | null;
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
  /** Rings until the player answers with the key or takes the phone out. */
  ringing: boolean;
}

export interface PhoneState {
  /** Shown on screen with NUI focus. */
  open: boolean;
  /** Shown until it closes, without NUI focus while the phone is put away. */
  presented: PresentedApp | null;
  locked: boolean;
  /** The loaded character's phone; null when none is loaded. */
  device: Device | null;
  /** The theme showing now: the player's, with `automatic` resolved by the time of day. */
  theme: 'light' | 'dark';
  /** The player's clock: the status bar, lock screen, notifications and every app follow it. */
  clockFormat: ClockFormat;
  /** The player's language as a BCP 47 tag carrying their hour cycle, as apps are given it. */
  locale: string;
  /** The passcode pad is up on the lock screen. */
  passcodePad: boolean;
  /** The app a notification opens once the passcode is entered. */
  openAfterUnlock: string | null;
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

export const phoneStore = createStore<PhoneState>({
  open: false,
  presented: null,
  locked: true,
  device: null,
  theme: 'dark',
  clockFormat: '24h',
  locale: 'en-US-u-hc-h23',
  passcodePad: false,
  openAfterUnlock: null,
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
