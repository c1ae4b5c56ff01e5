import { transferHandlers, wrap, type Endpoint, type TransferHandler } from 'comlink';
import type {
  EventData,
  EventName,
  Handshake,
  MethodInput,
  MethodName,
  MethodOutput,
  Settings,
} from '../protocol/catalogue';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../protocol/errors';
import { API_VERSION, ERROR_HANDLER, HELLO, PHONE_KEY, WELCOME, type EventMessage } from '../protocol/wire';

export { appIconUrl, resourceFileUrl } from './app-icon';
export { contractClient, type ContractClient } from './contract-client';
export { canonicalNumber, formatNumber } from './phone-number';
export { ERROR_CODES, type ErrorCode, type Handshake, type Settings, type MethodName, type MethodInput, type MethodOutput };

/**
 * The one error the SDK throws: `code` is one of {@link ERROR_CODES}.
 *
 * @example
 * try {
 *   await app.request('orders.place', order);
 * } catch (error) {
 *   if (error instanceof SdkError && error.code === 'RATE_LIMITED') showSlowDown();
 * }
 */
export class SdkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SdkError';
  }
}

/**
 * The parts of `window` the SDK uses; `sdk/testing`'s fake host provides one for tests.
 *
 * @example
 * const app = await connect({ window: createFakeHost().window });
 */
export interface FrameWindow {
  readonly parent: {
    /** Posts to the shell; the SDK posts only its hello here. */
    postMessage(message: unknown, targetOrigin: string): void;
  };
  /** Listens for the shell's welcome, which carries the app's port. */
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** Stops listening once the welcome came or the wait timed out. */
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * How {@link connect} waits for the phone, and in which window.
 *
 * @example
 * const app = await connect({ timeoutMs: 5000 });
 */
export interface ConnectOptions {
  /** How long to wait for the phone; default 10 s. */
  timeoutMs?: number;
  /** The window the app runs in; default the real `window`. */
  window?: FrameWindow;
}

/**
 * A contact the player picked.
 *
 * @example
 * const contact: PickedContact | null = await app.pickContact();
 * if (contact) recipient.value = contact.number;
 */
export type PickedContact = NonNullable<MethodOutput<'contacts.pick'>>;
/**
 * A photo the player took or picked.
 *
 * @example
 * const photo: PickedPhoto | null = await app.capturePhoto();
 * if (photo) preview.src = photo.url;
 */
export type PickedPhoto = NonNullable<MethodOutput<'gallery.pick'>>;
/**
 * A place the player shared.
 *
 * @example
 * const place: PickedLocation | null = await app.pickLocation();
 * if (place) send({ kind: 'location', attachment: place });
 */
export type PickedLocation = NonNullable<MethodOutput<'location.pick'>>;

/** `{ a: { b: Fn } }` for the dotted name `a.b`. */
type Nested<Name extends string, Fn> = Name extends `${infer Head}.${infer Rest}` ? { [Key in Head]: Nested<Rest, Fn> } : { [Key in Name]: Fn };
type Merged<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Both) => void ? Both : never;

/**
 * The phone's methods as comlink paths: the catalogue's dotted names, each a function of its input.
 *
 * @example
 * const { id } = await app.host.notifications.show({ title: 'Saved', body: 'Your note is saved' });
 */
export type HostMethods = Merged<
  { [Name in MethodName]: Nested<Name, (input: MethodInput<Name>) => Promise<MethodOutput<Name>>> }[MethodName]
>;

/**
 * The app's connection to the phone, as {@link connect} resolves it.
 *
 * @example
 * const app: HandsetApp = await connect();
 */
export interface HandsetApp {
  /**
   * What the phone said at the handshake: app id, grants, theme, locale, the player's number, the deep link.
   *
   * @example
   * document.documentElement.dataset.theme = app.info.theme;
   */
  readonly info: Handshake;
  /**
   * Whether the player sees the app right now (in front on an open, unlocked phone); follows the `visibility`
   * event. Mark things read only while it is true.
   *
   * @example
   * if (app.visible) await markRead(thread);
   */
  readonly visible: boolean;
  /**
   * The phone's methods, called through comlink over the app's port; a refusal throws an {@link SdkError}.
   *
   * @example
   * const keys = await app.host.storage.keys({});
   */
  readonly host: HostMethods;
  /**
   * Asks the app's server side; resolves with what its `onRequest(action, …)` handler returned.
   *
   * @example
   * const orders = await app.request<Order[]>('orders.list');
   */
  request<Result = unknown>(action: string, payload?: unknown): Promise<Result>;
  /**
   * Runs `handler` for every push of `type` from the server's `sendAppMessage`; returns the unsubscribe.
   *
   * @example
   * const stop = app.onMessage('order.ready', (order) => showReady(order));
   */
  onMessage(type: string, handler: (data: unknown) => void): () => void;
  /**
   * Runs `handler` for every event of the protocol (`message`, `settings`, `link`); returns the unsubscribe.
   *
   * @example
   * app.on('settings', ({ theme }) => (document.documentElement.dataset.theme = theme));
   */
  on<Name extends EventName>(event: Name, handler: (data: EventData<Name>) => void): () => void;
  /**
   * Shows a notification under the app's id (needs the `notifications` permission).
   *
   * @example
   * await app.notify({ title: 'Saved', body: 'Your note is saved' });
   */
  notify(input: MethodInput<'notifications.show'>): Promise<{ id: number }>;
  /**
   * Asks the player to confirm; true when they do.
   *
   * @example
   * if (await app.confirm({ title: 'Sell car?', message: 'For $12,000', destructive: true })) sell();
   */
  confirm(input: MethodInput<'dialog.confirm'>): Promise<boolean>;
  /**
   * Asks the player for one line of text; null when they cancel.
   *
   * @example
   * const name = await app.prompt({ title: 'Rename', defaultValue: note.title });
   */
  prompt(input: MethodInput<'dialog.prompt'>): Promise<string | null>;
  /**
   * Lets the player pick a contact (needs `contacts:read`); null when they cancel.
   *
   * @example
   * const contact = await app.pickContact();
   */
  pickContact(): Promise<PickedContact | null>;
  /**
   * The player's contacts whose name or number holds `query` (needs `contacts:read`), up to `limit` (8; at most
   * 20): suggestions while the player types a recipient.
   *
   * @example
   * const suggestions = await app.searchContacts('lam');
   */
  searchContacts(query: string, limit?: number): Promise<PickedContact[]>;
  /**
   * A page of the player's contacts (needs `contacts:read`), favorites first, then by name: the first without a
   * cursor, then the page after the `cursor` the previous one answered (null after the last).
   *
   * @example
   * const { contacts, cursor } = await app.listContacts();
   */
  listContacts(cursor?: string): Promise<MethodOutput<'contacts.list'>>;
  /**
   * Lets the player pick a photo from their gallery (needs `gallery`); null when they cancel.
   *
   * @example
   * const photo = await app.pickPhoto();
   */
  pickPhoto(): Promise<PickedPhoto | null>;
  /**
   * Lets the player take a photo (needs `camera`); null when they cancel.
   *
   * @example
   * const photo = await app.capturePhoto();
   */
  capturePhoto(): Promise<PickedPhoto | null>;
  /**
   * Lets the player share where they are in the game (needs `location`); null when they cancel.
   *
   * @example
   * const place = await app.pickLocation();
   */
  pickLocation(): Promise<PickedLocation | null>;
  /**
   * Opens the share sheet (needs `share`); resolves with the app the player shared to, or null.
   *
   * @example
   * await app.share({ text: 'Meet me at Legion Square' });
   */
  share(input: MethodInput<'share.open'>): Promise<string | null>;
  /**
   * Opens another app with a deep link it receives at its handshake (or as a `link` event when already open).
   *
   * @example
   * await app.openApp('messages', 'thread/555-0100');
   */
  openApp(appId: string, link?: string): Promise<void>;
  /**
   * Paints the phone's status bar (`top`) and home bar (`bottom`) while this app is in front, so a full-screen page
   * (a call, a camera) runs edge to edge; null leaves a bar to the theme.
   *
   * @example
   * await app.setBarColors({ top: '#2b313b', bottom: '#0f1115' });
   * await app.setBarColors({ top: null, bottom: null }); // the theme's again
   */
  setBarColors(colors: MethodInput<'bars.color'>): Promise<void>;
  /**
   * The app's per-character key-value store (needs `storage`; JSON values up to 16 KiB).
   *
   * @example
   * await app.storage.set('draft', { text }); const draft = await app.storage.get('draft');
   */
  readonly storage: {
    /** The value stored under `key`, or null when there is none. */
    get<Value = unknown>(key: string): Promise<Value | null>;
    /** Stores a JSON value under `key`, replacing what was there. */
    set(key: string, value: unknown): Promise<void>;
    /** Removes `key`; true when it was set. */
    remove(key: string): Promise<boolean>;
    /** Every key the app has stored for this character. */
    keys(): Promise<string[]>;
  };
  /**
   * Closes the app, as the home gesture does.
   *
   * @example
   * closeButton.onclick = () => app.close();
   */
  close(): Promise<void>;
  /**
   * Stops listening: pending calls reject with UNAVAILABLE.
   *
   * @example
   * window.addEventListener('pagehide', () => app.disconnect());
   */
  disconnect(): void;
}

const HELLO_INTERVAL_MS = 200;
const DISCONNECTED: ErrorBody = { code: 'UNAVAILABLE', message: 'disconnected from the phone' };

/** Turns the shell's refusals into SdkErrors; registered under the SDK's own name, so other comlink uses are untouched. */
const errorHandler: TransferHandler<never, ErrorBody> = {
  canHandle: (_value: unknown): _value is never => false,
  serialize: () => {
    throw new Error('the SDK only receives errors');
  },
  deserialize: ({ code, message }) => {
    throw new SdkError(code, message);
  },
};

function defaultWindow(): FrameWindow {
  if (typeof window === 'undefined') throw new SdkError('UNAVAILABLE', 'connect() runs inside the phone: there is no window');
  return window as unknown as FrameWindow;
}

/** Waits for the shell's welcome and its port, saying hello until it comes. */
function awaitPort(win: FrameWindow, timeoutMs: number): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const hello = () => win.parent.postMessage({ type: HELLO }, '*');
    const finish = () => {
      clearInterval(repeat);
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
    };
    const onMessage = (event: MessageEvent) => {
      const port = event.ports?.[0];
      if (event.source !== win.parent || (event.data as { type?: unknown } | null)?.type !== WELCOME || !port) return;
      finish();
      resolve(port);
    };
    win.addEventListener('message', onMessage);
    // The shell may still be wiring the frame up: say hello until it answers.
    const repeat = setInterval(hello, HELLO_INTERVAL_MS);
    const timer = setTimeout(() => {
      finish();
      reject(new SdkError('TIMEOUT', 'the phone did not answer: is this page open inside Handset?'));
    }, timeoutMs);
    hello();
  });
}

type Listener = (event: MessageEvent) => void;

/**
 * The app's port as comlink's endpoint: answers pass through to comlink, events go to `onEvent`, and once closed
 * every call still waiting, and every later one, is answered UNAVAILABLE instead of hanging.
 */
function portEndpoint(port: MessagePort, onEvent: (message: EventMessage) => void) {
  const listeners = new Set<Listener>();
  const waiting = new Set<string>();
  let open = true;
  const deliver = (data: unknown) => listeners.forEach((listener) => listener({ data } as MessageEvent));
  const refuse = (id: string) => deliver({ id, type: 'HANDLER', name: ERROR_HANDLER, value: DISCONNECTED });
  port.onmessage = ({ data }: MessageEvent) => {
    if ((data as EventMessage | null)?.kind === 'event') return onEvent(data as EventMessage);
    waiting.delete((data as { id?: string } | null)?.id ?? '');
    deliver(data);
  };
  const endpoint: Endpoint = {
    postMessage(message: { id: string }, transfer: Transferable[] = []) {
      if (!open) return queueMicrotask(() => refuse(message.id));
      waiting.add(message.id);
      port.postMessage(message, transfer);
    },
    // comlink listens with plain functions.
    addEventListener: (_type, listener) => void listeners.add(listener as Listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener as Listener),
  };
  return {
    endpoint,
    close() {
      if (!open) return;
      open = false;
      port.close();
      for (const id of waiting) refuse(id);
      waiting.clear();
    },
  };
}

/**
 * Connects the app's page to the phone: the handshake, then typed calls over the app's own port, through
 * comlink's `wrap()`. The frame validates nothing (the shell checks every call), so it carries no zod.
 *
 * @example
 * import { connect } from '@handset/sdk/app';
 * const app = await connect();
 * const balance = await app.request<number>('balance.get');
 */
export async function connect(options: ConnectOptions = {}): Promise<HandsetApp> {
  const win = options.window ?? defaultWindow();
  const port = await awaitPort(win, options.timeoutMs ?? 10_000);
  transferHandlers.set(ERROR_HANDLER, errorHandler as TransferHandler<unknown, unknown>);
  const listeners = new Map<string, Set<(data: never) => void>>();
  const channel = portEndpoint(port, ({ event, data }) => {
    for (const listener of listeners.get(event) ?? []) listener(data as never);
  });
  const host = wrap<HostMethods>(channel.endpoint) as unknown as HostMethods;

  /** One method by its catalogue name: the sugar below and the Escape key use it. */
  const call = <Name extends MethodName>(method: Name, input: MethodInput<Name>): Promise<MethodOutput<Name>> => {
    const target = method.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], host);
    return (target as (input: MethodInput<Name>) => Promise<MethodOutput<Name>>)(input);
  };

  const on = <Name extends EventName>(event: Name, handler: (data: EventData<Name>) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler as (data: never) => void);
    listeners.set(event, set);
    return () => void set.delete(handler as (data: never) => void);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Keys go to the focused frame, not the shell: hand Escape back unless the app used it; the phone key always.
    const phoneKey = event.key === PHONE_KEY && !event.repeat;
    if (phoneKey) event.preventDefault();
    if (phoneKey || (event.key === 'Escape' && !event.defaultPrevented)) void call('shell.escape', {}).catch(() => {});
  };
  const keyboard = options.window === undefined && typeof document !== 'undefined' ? document : undefined;
  keyboard?.addEventListener('keydown', onKeyDown);

  let info: Handshake;
  let visible: boolean | undefined;
  on('visibility', (event) => (visible = event.visible));
  try {
    info = await call('handshake', { apiVersion: API_VERSION });
    // An event that came before the answer was sent after the shell read its state for it: it is newer.
    visible ??= info.visible;
  } catch (error) {
    channel.close();
    keyboard?.removeEventListener('keydown', onKeyDown);
    throw error;
  }

  return {
    info,
    get visible() {
      return visible ?? false;
    },
    host,
    on,
    request: async <Result>(action: string, payload?: unknown) => (await call('request', { action, payload: payload ?? null })) as Result,
    onMessage: (type, handler) =>
      on('message', (message) => {
        if (message.type === type) handler(message.data);
      }),
    notify: (input) => call('notifications.show', input),
    confirm: async (input) => (await call('dialog.confirm', input)).confirmed,
    prompt: async (input) => (await call('dialog.prompt', input)).value,
    pickContact: () => call('contacts.pick', {}),
    searchContacts: (query, limit) => call('contacts.search', limit === undefined ? { query } : { query, limit }),
    listContacts: (cursor) => call('contacts.list', cursor === undefined ? {} : { cursor }),
    pickPhoto: () => call('gallery.pick', {}),
    capturePhoto: () => call('camera.capture', {}),
    pickLocation: () => call('location.pick', {}),
    share: async (input) => (await call('share.open', input)).appId,
    openApp: async (appId, link) => void (await call('apps.open', link === undefined ? { appId } : { appId, link })),
    setBarColors: async (colors) => void (await call('bars.color', colors)),
    storage: {
      get: async <Value>(key: string) => ((await call('storage.get', { key })) ?? null) as Value | null,
      set: async (key, value) => void (await call('storage.set', { key, value })),
      remove: async (key) => (await call('storage.remove', { key })).removed,
      keys: () => call('storage.keys', {}),
    },
    close: async () => void (await call('app.close', {})),
    disconnect() {
      keyboard?.removeEventListener('keydown', onKeyDown);
      listeners.clear();
      visible = false;
      channel.close();
    },
  };
}
