import type { Answer } from '../../../sdk/protocol/errors';
import type { VisibleApp } from '../../../core/shared/shell-data';
import type { BarColors } from '../state/phone-store';
import type { Settings } from '../../../sdk/protocol/catalogue';

export type { VisibleApp };

/** What every open app is told at its handshake and whenever it changes. */
export type ShellSettings = Settings;

export interface ConfirmInput {
  title: string;
  message: string;
  confirmLabel?: string | undefined;
  cancelLabel?: string | undefined;
  destructive?: boolean | undefined;
}

export interface PromptInput {
  title: string;
  message?: string | undefined;
  placeholder?: string | undefined;
  defaultValue?: string | undefined;
  maxLength: number;
  secret?: boolean | undefined;
}

/** A contact as the contacts picker offers it, and hands the app the one the player picked. */
export interface PickedContact {
  name: string;
  number: string;
}

/** A photo as the camera and the gallery picker hand it to the app. */
export interface PickedPhoto {
  url: string;
}

/** One page of the player's gallery, newest first; `cursor` asks for the next page, null at the end. */
export interface GalleryPage {
  photos: { id: number; url: string }[];
  cursor: number | null;
}

/** Where the player's character stands, as the location picker shows and hands it over. */
export interface PickedLocation {
  x: number;
  y: number;
  label: string | null;
}

export interface ShareInput {
  title?: string | undefined;
  text?: string | undefined;
  url?: string | undefined;
}

/** What the app host needs from the rest of the shell to answer an app's calls. */
export interface ShellServices {
  settings(): ShellSettings;
  /** Asks the server's app bridge as `appId` (`handset` for the core's own actions). */
  request(appId: string, action: string, payload: unknown): Promise<Answer<unknown>>;
  /** A confirm sheet over the app; resolves true when the player confirms. `signal` aborts: remove the sheet. */
  confirm(app: VisibleApp, input: ConfirmInput, signal: AbortSignal): Promise<boolean>;
  /** A one-line text sheet over the app; resolves null when the player cancels. `signal` aborts: remove the sheet. */
  prompt(app: VisibleApp, input: PromptInput, signal: AbortSignal): Promise<string | null>;
  /** The share sheet: the player picks an installed app to hand `input` to; null when cancelled. */
  share(app: VisibleApp, input: ShareInput, signal: AbortSignal): Promise<string | null>;
  /** The contacts picker over the app: the player picks one of `contacts`; null when they cancel. */
  pickContact(app: VisibleApp, contacts: PickedContact[], signal: AbortSignal): Promise<PickedContact | null>;
  /** The camera's viewfinder over the app: `shoot` takes and keeps a photo; null when the player cancels. */
  capturePhoto(app: VisibleApp, shoot: () => Promise<PickedPhoto>, signal: AbortSignal): Promise<PickedPhoto | null>;
  /** The gallery over the app, its pages read with `load`: the player picks a photo; null when they cancel. */
  pickPhoto(app: VisibleApp, load: (cursor: number | null) => Promise<GalleryPage>, signal: AbortSignal): Promise<PickedPhoto | null>;
  /** The location sheet: the player shares `place` or cancels (null). */
  pickLocation(app: VisibleApp, place: PickedLocation, signal: AbortSignal): Promise<PickedLocation | null>;
  /** Asks the game where the player's character stands. */
  location(): Promise<Answer<unknown>>;
  /** Whether the character has this app installed and may use it. */
  hasApp(appId: string): boolean;
  /** A short message over the phone. */
  toast(message: string): void;
  /** An app was installed or uninstalled: the home screen asks for its list again. */
  appsChanged(): void;
  /** Opens (or brings forward) an installed app with a deep link; false when no such app is usable. */
  openApp(appId: string, link: string | null): boolean;
  /** The colors `appId` asked for the status and home bars while it is in front (null: the theme's). */
  setBarColors(appId: string, colors: BarColors): void;
  /** Closes the app, as the home gesture would. */
  closeApp(appId: string): void;
  /** Closes the phone, as Escape does (an app frame forwards its Escape key). */
  closePhone(): void;
}
