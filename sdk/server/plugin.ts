import type { AppManifestInput } from '../manifest';
import type { Database, Migration } from './database';
import type { ServerApp } from './index';
import type { Language } from '../protocol/phone-options';

/**
 * A character's phone as a built-in app sees it: its stable id (the owner of the app's rows) and its number
 * (digits only).
 *
 * @example
 * const owner: PhoneRef = { phoneId: 12, number: '5550142' };
 */
export interface PhoneRef {
  phoneId: number;
  number: string;
}

/**
 * A phone whose character is being played right now, by the player `source`.
 *
 * @example
 * const phone = phones.bySource(source); // { phoneId: 12, number: '5550142', source: 3 } or null
 */
export interface OnlinePhoneRef extends PhoneRef {
  source: number;
}

/**
 * Who has which phone, as Handset's identity service knows it.
 *
 * @example
 * const phone = context.phones.bySource(source);
 * if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
 */
export interface PluginPhones {
  /** The phone of the character `source` plays, or null (no character loaded). */
  bySource(source: number): OnlinePhoneRef | null;
  /** The phone with this row id, when its character is being played, or null. */
  byId(phoneId: number): OnlinePhoneRef | null;
  /** The online phone with this number (any punctuation ignored), or null. */
  byNumber(number: string): OnlinePhoneRef | null;
  /** The phone with this number, online or not (one query), or null when no character has it. */
  find(number: string): Promise<PhoneRef | null>;
  /** The phone with this row id, online or not (one query), or null when there is none. */
  findById(phoneId: number): Promise<PhoneRef | null>;
  /** The number laid out in the server owner's format, for display (`5550142` → `555-0142`). */
  format(number: string): string;
  /** Whether the player `source` has put their phone in airplane mode: it neither sends nor rings. */
  airplaneMode(source: number): boolean;
  /** The language the player `source` reads their phone in (what the server writes to them, such as a banner). */
  language(source: number): Language;
  /**
   * Calls `listener` when a phone's character stops being played: a switch or logout, or the player leaving the
   * server (`left`). Returns the unsubscribe.
   */
  onUnloaded(listener: (phone: OnlinePhoneRef, left: boolean) => void): () => void;
}

/**
 * What Handset hands a built-in app's server plugin when it starts: the app (registered by Handset), the
 * database (the app's migrations already applied), phones, and the app's settings from the server owner.
 *
 * @example
 * start({ app, db, phones, setting }) {
 *   app.onRequest('notes.list', z.object({}), ({ source }) => listNotes(db, phones.bySource(source)));
 * }
 */
export interface PluginContext {
  app: ServerApp;
  db: Database;
  phones: PluginPhones;
  /** The server owner's convar `handset:<app id>:<name>`, or `fallback`. */
  setting(name: string, fallback: string): string;
  /** Whether `url` is an https image on a host the server owner allows (`handset:image_hosts`, and the media backend's own); check every player's image. */
  imageAllowed(url: string): boolean;
  /** The hosts `imageAllowed` takes (`*.example.com`: any of its subdomains), to tell players where images may come from. */
  imageHosts(): readonly string[];
}

/**
 * An export a built-in app adds to Handset's: answered under Handset's name `name`, and under other phones'
 * resource names and export names (`compat`) when the server owner switches those on with `handset:compat`.
 *
 * @example
 * { compat: [{ resource: '17mov_Phone', name: 'PhoneApp_DeleteContact' }], call: (context, _caller, id) => remove(context, id) }
 */
export interface PluginExport {
  compat: { resource: string; name: string }[];
  /** Runs once the plugin has started, for the resource `caller`; its arguments come from that resource: validate them. */
  call(context: PluginContext, caller: string, ...args: unknown[]): unknown;
}

/**
 * What an app adds to the `getPhoneIdentity` export's answer: the names the character goes by in it.
 *
 * @example
 * const fields: PhoneIdentityFields = { mailAddress: 'lamar@ls.mail' };
 */
export interface PhoneIdentityFields {
  mailAddress?: string | null;
  tweederUsername?: string | null;
  tweederDisplayName?: string | null;
  cloutgramUsername?: string | null;
  cloutgramDisplayName?: string | null;
}

/**
 * A built-in app's server side: its manifest, its tables' migrations, what it does when Handset starts, and the
 * exports it adds. Its tables are named `handset_<app id>_<name>`.
 *
 * @example
 * export const notesPlugin = defineServerPlugin({
 *   manifest: { id: 'notes', label: 'Notes', icon: 'dist/apps/notes/icon.svg', color: '#ffd60a', ui: 'dist/apps/notes/index.html' },
 *   migrations: [],
 *   start: ({ app }) => app.onRequest('ping', z.object({}), () => 'pong'),
 * });
 */
export interface ServerPlugin {
  manifest: AppManifestInput & { id: string };
  migrations: Migration[];
  /** Runs once Handset and the app's tables are up: register requests, badges and pushes here. */
  start(context: PluginContext): void | Promise<void>;
  exports?: Record<string, PluginExport>;
  /** The app's fields of `getPhoneIdentity` for `phone`, whose character may be offline. */
  identity?(context: PluginContext, phone: PhoneRef): Promise<PhoneIdentityFields>;
}

/**
 * Declares a built-in app's server plugin (typed; Handset loads it from `apps/server-plugins.ts`).
 *
 * @example
 * export const contactsPlugin = defineServerPlugin({ manifest, migrations, start, exports });
 */
export function defineServerPlugin(plugin: ServerPlugin): ServerPlugin {
  return plugin;
}
