import type { AppPermission } from '../manifest';
import type { FrameWindow } from '../app';
import type { EventData, EventName, MethodInput, MethodName, MethodOutput, Settings, StoreApp } from '../protocol/catalogue';
import { DEFAULT_PHONE_SETTINGS, type DeviceSettings } from '../protocol/phone-settings';
import { HandsetError } from '../protocol/errors';
import { helloSchema, serveAppPort, type AppPort, type MethodHandlers } from '../protocol/host';
import { API_VERSION, WELCOME } from '../protocol/wire';

export { HandsetError };

/**
 * What a test scripts about the phone: every answer is optional and has a plain default.
 *
 * @example
 * const host = createFakeHost({ grants: ['contacts:read'], contact: { name: 'Lamar', number: '555-0123' } });
 */
export interface FakeHostOptions {
  /** The app's permissions; calls needing others answer FORBIDDEN, as on the phone. */
  grants?: AppPermission[];
  appId?: string;
  settings?: Partial<Settings>;
  link?: string | null;
  /** Whether the player sees the app when it connects; default true. Change it with `emit('visibility', …)`. */
  visible?: boolean;
  /** The app's server side: `request(action, payload)` runs `requests[action]`; unknown actions are NOT_FOUND. */
  requests?: Record<string, (payload: unknown) => unknown>;
  /** The player's answer to confirm dialogs; default true. */
  confirm?: (input: MethodInput<'dialog.confirm'>) => boolean;
  /** The player's answer to prompts; default the prompt's defaultValue, or null. */
  prompt?: (input: MethodInput<'dialog.prompt'>) => string | null;
  /** The contact the player picks; default null (cancelled). */
  contact?: MethodOutput<'contacts.pick'>;
  /** The player's contacts, which `contacts.search` filters by name or number (any case); default none. */
  contacts?: MethodOutput<'contacts.search'>;
  /** The photo the player picks or takes; default null (cancelled). */
  photo?: MethodOutput<'gallery.pick'>;
  /** The place the player shares; default null (cancelled). */
  location?: MethodOutput<'location.pick'>;
  /** The app the player shares to; default null (cancelled). */
  shareTo?: string | null;
  /** The phone's settings (`settings.get`, changed by `settings.update`); default the phone's defaults. */
  device?: Partial<DeviceSettings>;
  /** The passcode now set (`passcode.set` checks `current` against it); default none. */
  passcode?: string | null;
  /** What `apps.catalogue` lists; `apps.install` and `apps.uninstall` change it. Default none. */
  store?: StoreApp[];
}

/**
 * A call the app made, as the fake host received it (after validation).
 *
 * @example
 * expect(host.calls.at(-1)).toEqual({ method: 'storage.get', input: { key: 'draft' } });
 */
export interface RecordedCall {
  method: MethodName;
  input: unknown;
}

/**
 * A phone for tests: validates every call exactly as the shell does, answers from the script, records all.
 *
 * @example
 * await app.notify({ title: 'Saved', body: 'Your note is saved' });
 * expect(host.notifications).toEqual([{ title: 'Saved', body: 'Your note is saved' }]);
 */
export interface FakeHost {
  /** Pass to `connect({ window: host.window })`. */
  readonly window: FrameWindow;
  /** Every call that passed validation, in order. */
  readonly calls: RecordedCall[];
  /** Notifications the app showed. */
  readonly notifications: MethodInput<'notifications.show'>[];
  /** The app's key-value store. */
  readonly storage: Map<string, unknown>;
  /** Apps opened through `openApp`, with their links. */
  readonly openedApps: { appId: string; link: string | null }[];
  /** What the app last asked the status and home bars to be (null: the theme's). */
  readonly barColors: MethodInput<'bars.color'>;
  /** Whether the app asked to close. */
  readonly closed: boolean;
  /** The phone's settings as the app left them. */
  readonly device: DeviceSettings;
  /** The passcode as the app left it. */
  readonly passcode: string | null;
  /** The App Store's list as the app left it. */
  readonly store: StoreApp[];
  /** Pushes a server message, as `sendAppMessage` does. */
  push(type: string, data: unknown): void;
  /** Pushes any protocol event. */
  emit<Name extends EventName>(event: Name, data: EventData<Name>): void;
  /** Ends the app's port, as closing the app on the phone does. */
  dispose(): void;
}

/**
 * A fake phone for an app's tests: the same validation, grants and error codes as the real shell, with the
 * player's answers scripted.
 *
 * @example
 * const host = createFakeHost({ grants: ['notifications'], requests: { 'balance.get': () => 120 } });
 * const app = await connect({ window: host.window });
 * expect(await app.request('balance.get')).toBe(120);
 */
export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  const grants = options.grants ?? [];
  const settings: Settings = {
    theme: 'light',
    locale: 'en-US',
    phoneNumber: '555-0100',
    numberFormat: '555-####',
    clockFormat: '24h',
    textSize: 'medium',
    streamerMode: false,
    ...options.settings,
  };
  let passcode = options.passcode ?? null;
  let device: DeviceSettings = { settings: DEFAULT_PHONE_SETTINGS, airplaneMode: false, passcodeSet: passcode !== null, ...options.device };
  const store = structuredClone(options.store ?? []);
  const storeApp = (appId: string) => {
    const found = store.find((app) => app.id === appId);
    if (!found) throw new HandsetError('NOT_FOUND', `no app "${appId}" is registered`);
    return found;
  };
  const listeners = new Set<(event: MessageEvent) => void>();
  const calls: RecordedCall[] = [];
  const notifications: MethodInput<'notifications.show'>[] = [];
  const storage = new Map<string, unknown>();
  const openedApps: { appId: string; link: string | null }[] = [];
  let barColors: MethodInput<'bars.color'> = { top: null, bottom: null };
  let closed = false;
  let served: AppPort | undefined;

  const record = <Name extends MethodName>(method: Name, input: unknown) => calls.push({ method, input });
  const handlers: MethodHandlers = {
    handshake: (input) => {
      record('handshake', input);
      return { apiVersion: API_VERSION, appId: options.appId ?? 'test_app', grants, link: options.link ?? null, visible: options.visible ?? true, ...settings };
    },
    request: ({ action, payload }) => {
      record('request', { action, payload });
      const handler = options.requests?.[action];
      if (!handler || !Object.prototype.hasOwnProperty.call(options.requests, action)) {
        throw new HandsetError('NOT_FOUND', `no handler for "${action}"`);
      }
      return handler(payload);
    },
    'notifications.show': (input) => {
      record('notifications.show', input);
      notifications.push(input);
      return { id: notifications.length };
    },
    'contacts.pick': (input) => (record('contacts.pick', input), options.contact ?? null),
    'contacts.list': (input) => {
      record('contacts.list', input);
      // Pages of two, so a page is followed: the cursor is where the next page starts.
      const start = Number(input.cursor ?? 0);
      const contacts = (options.contacts ?? []).slice(start, start + 2);
      return { contacts, cursor: start + 2 < (options.contacts ?? []).length ? String(start + 2) : null };
    },
    'contacts.search': (input) => {
      record('contacts.search', input);
      const query = input.query.toLowerCase();
      return (options.contacts ?? []).filter(({ name, number }) => name.toLowerCase().includes(query) || number.includes(query)).slice(0, input.limit);
    },
    'camera.capture': (input) => (record('camera.capture', input), options.photo ?? null),
    'gallery.pick': (input) => (record('gallery.pick', input), options.photo ?? null),
    'location.pick': (input) => (record('location.pick', input), options.location ?? null),
    'share.open': (input) => (record('share.open', input), { appId: options.shareTo ?? null }),
    'dialog.confirm': (input) => (record('dialog.confirm', input), { confirmed: options.confirm?.(input) ?? true }),
    'dialog.prompt': (input) => {
      record('dialog.prompt', input);
      return { value: options.prompt ? options.prompt(input) : (input.defaultValue ?? null) };
    },
    'bars.color': (input) => {
      record('bars.color', input);
      barColors = input;
      return null;
    },
    'apps.open': (input) => {
      record('apps.open', input);
      openedApps.push({ appId: input.appId, link: input.link ?? null });
      return null;
    },
    'storage.get': (input) => (record('storage.get', input), storage.get(input.key) ?? null),
    'storage.set': (input) => {
      record('storage.set', input);
      storage.set(input.key, structuredClone(input.value));
      return null;
    },
    'storage.remove': (input) => (record('storage.remove', input), { removed: storage.delete(input.key) }),
    'storage.keys': (input) => (record('storage.keys', input), [...storage.keys()]),
    'settings.get': (input) => (record('settings.get', input), device),
    'settings.update': (input) => {
      record('settings.update', input);
      const { airplaneMode, ...patch } = input;
      device = { ...device, airplaneMode: airplaneMode ?? device.airplaneMode, settings: { ...device.settings, ...patch } };
      return device;
    },
    'passcode.set': (input) => {
      record('passcode.set', input);
      if (passcode !== null && input.current !== passcode) return { unlocked: false, attemptsLeft: 4, lockedForMs: 0 };
      if (passcode === null && input.next === null) throw new HandsetError('NOT_FOUND', 'no passcode is set');
      passcode = input.next;
      device = { ...device, passcodeSet: passcode !== null };
      return { unlocked: true };
    },
    'apps.catalogue': (input) => (record('apps.catalogue', input), store),
    'apps.install': (input) => {
      record('apps.install', input);
      storeApp(input.appId).installed = true;
      return null;
    },
    'apps.uninstall': (input) => {
      record('apps.uninstall', input);
      const app = storeApp(input.appId);
      if (!app.removable) throw new HandsetError('FORBIDDEN', `app "${input.appId}" comes with the phone`);
      if (!app.installed) throw new HandsetError('NOT_FOUND', `app "${input.appId}" is not installed`);
      app.installed = false;
      return null;
    },
    'shell.escape': (input) => (record('shell.escape', input), null),
    'app.close': (input) => {
      record('app.close', input);
      closed = true;
      return null;
    },
  };

  // The fake frame's parent: a hello gets a welcome carrying a fresh port, as the shell's handshake does.
  const parent = {
    postMessage(message: unknown) {
      if (!helloSchema.safeParse(message).success || served) return;
      const channel = new MessageChannel();
      served = serveAppPort(channel.port1, { grants, handlers });
      const welcome = new MessageEvent('message', { data: { type: WELCOME }, ports: [channel.port2] });
      Object.defineProperty(welcome, 'source', { value: parent });
      queueMicrotask(() => listeners.forEach((listener) => listener(welcome)));
    },
  };

  const ensureServed = () => {
    if (!served) throw new Error('the app has not connected yet');
    return served;
  };

  return {
    window: {
      parent,
      addEventListener: (_type, listener) => void listeners.add(listener),
      removeEventListener: (_type, listener) => void listeners.delete(listener),
    },
    calls,
    notifications,
    storage,
    openedApps,
    get barColors() {
      return barColors;
    },
    get closed() {
      return closed;
    },
    get device() {
      return device;
    },
    get passcode() {
      return passcode;
    },
    store,
    push: (type, data) => ensureServed().emit('message', { type, data }),
    emit: (event, data) => ensureServed().emit(event, data),
    dispose: () => served?.close(),
  };
}
