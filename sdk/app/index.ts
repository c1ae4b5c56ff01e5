import {
  EVENTS,
  METHODS,
  API_VERSION,
  type EventData,
  type EventName,
  type Handshake,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Settings,
} from '../protocol/catalogue';
import { ERROR_CODES, type ErrorCode } from '../protocol/errors';
import { HELLO, MAX_CALL_ID, shellMessageSchema, WELCOME, welcomeSchema } from '../protocol/wire';

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
   * Calls any method of the protocol by name, typed by the catalogue.
   *
   * @example
   * const { confirmed } = await app.call('dialog.confirm', { title: 'Delete?', message: 'This cannot be undone' });
   */
  call<Name extends MethodName>(method: Name, input: MethodInput<Name>): Promise<MethodOutput<Name>>;
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

/** Extra time the SDK gives the shell over the method's own limit, so the shell's TIMEOUT arrives first. */
const SHELL_GRACE_MS = 2000;
const HELLO_INTERVAL_MS = 200;

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
      if (event.source !== win.parent || !welcomeSchema.safeParse(event.data).success || !port) return;
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

/**
 * Connects the app's page to the phone: the handshake, then typed calls over the app's own port.
 *
 * @example
 * import { connect } from '@handset/sdk/app';
 * const app = await connect();
 * const balance = await app.request<number>('balance.get');
 */
export async function connect(options: ConnectOptions = {}): Promise<HandsetApp> {
  const win = options.window ?? defaultWindow();
  const port = await awaitPort(win, options.timeoutMs ?? 10_000);
  const pending = new Map<number, { resolve(data: unknown): void; reject(error: SdkError): void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<EventName, Set<(data: never) => void>>();
  let nextId = 1;
  let connected = true;

  port.onmessage = (event: MessageEvent) => {
    const message = shellMessageSchema.safeParse(event.data);
    if (!message.success) return;
    const data = message.data;
    if (data.kind === 'event') {
      const schema = (EVENTS as Record<string, (typeof EVENTS)[EventName]>)[data.event];
      const parsed = schema?.safeParse(data.data);
      if (!parsed?.success) return;
      for (const listener of listeners.get(data.event as EventName) ?? []) listener(parsed.data as never);
      return;
    }
    if (data.kind === 'rejected') return;
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    clearTimeout(call.timer);
    if (data.ok) call.resolve(data.data);
    else call.reject(new SdkError(data.error.code, data.error.message));
  };

  const call = <Name extends MethodName>(method: Name, input: MethodInput<Name>): Promise<MethodOutput<Name>> => {
    if (!connected) return Promise.reject(new SdkError('UNAVAILABLE', 'disconnected from the phone'));
    const id = nextId;
    nextId = nextId >= MAX_CALL_ID ? 1 : nextId + 1;
    const spec = METHODS[method];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new SdkError('TIMEOUT', `${method} got no answer in time`));
      }, spec.timeoutMs + SHELL_GRACE_MS);
      pending.set(id, {
        timer,
        reject,
        resolve: (data) => {
          const output = spec.output.safeParse(data);
          if (output.success) resolve(output.data as MethodOutput<Name>);
          else reject(new SdkError('INTERNAL', `the phone answered ${method} outside the protocol`));
        },
      });
      port.postMessage({ kind: 'call', id, method, params: input ?? {} });
    });
  };

  const on = <Name extends EventName>(event: Name, handler: (data: EventData<Name>) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler as (data: never) => void);
    listeners.set(event, set);
    return () => void set.delete(handler as (data: never) => void);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Keys go to the focused frame, not the shell: hand Escape back unless the app used it.
    if (event.key === 'Escape' && !event.defaultPrevented) void call('shell.escape', {}).catch(() => {});
  };
  const keyboard = options.window === undefined && typeof document !== 'undefined' ? document : undefined;
  keyboard?.addEventListener('keydown', onKeyDown);

  let info: Handshake;
  try {
    info = await call('handshake', { apiVersion: API_VERSION });
  } catch (error) {
    port.close();
    keyboard?.removeEventListener('keydown', onKeyDown);
    throw error;
  }

  return {
    info,
    call,
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
    pickPhoto: () => call('gallery.pick', {}),
    capturePhoto: () => call('camera.capture', {}),
    share: async (input) => (await call('share.open', input)).appId,
    openApp: async (appId, link) => void (await call('apps.open', link === undefined ? { appId } : { appId, link })),
    storage: {
      get: async <Value>(key: string) => ((await call('storage.get', { key })) ?? null) as Value | null,
      set: async (key, value) => void (await call('storage.set', { key, value })),
      remove: async (key) => (await call('storage.remove', { key })).removed,
      keys: () => call('storage.keys', {}),
    },
    close: async () => void (await call('app.close', {})),
    disconnect() {
      if (!connected) return;
      connected = false;
      keyboard?.removeEventListener('keydown', onKeyDown);
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new SdkError('UNAVAILABLE', 'disconnected from the phone'));
      }
      pending.clear();
      listeners.clear();
      port.close();
    },
  };
}
