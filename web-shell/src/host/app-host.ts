import { shellText } from '../text';
import { z } from 'zod';
import {
  API_VERSION,
  pickedLocationSchema,
  pickedPhotoSchema,
  type EventData,
  type EventName,
  type MethodOutput,
  type StoreApp,
} from '../../../sdk/protocol/catalogue';
import type { DeviceSettings } from '../../../sdk/protocol/phone-settings';
import { HandsetError, type Answer } from '../../../sdk/protocol/errors';
import { helloSchema, serveAppPort, type AppPort, type MethodHandlers } from '../../../sdk/protocol/host';
import { WELCOME } from '../../../sdk/protocol/wire';
import { resourceFileUrl } from '../../../sdk/app/app-icon';
import type { ShellServices, ShellSettings, VisibleApp } from './shell-services';

/** How long an app's page has to say hello before the shell shows its error screen. */
const HANDSHAKE_TIMEOUT_MS = 8000;

export type AppInstanceState = 'connecting' | 'connected' | 'failed';

/** One open app: its sandboxed iframe and, once it said hello, its port. */
export interface AppInstance {
  /** Pushes an event to the app; dropped while it is not connected. */
  emit<Name extends EventName>(event: Name, data: EventData<Name>): void;
  /** Removes the iframe, closes the port, aborts pending calls, drops every listener. */
  destroy(): void;
}

export interface AppInstanceOptions {
  app: VisibleApp;
  link: string | null;
  shell: ShellServices;
  onState(state: AppInstanceState, reason?: string): void;
}

const instances = new Map<string, { instance: AppInstance; window: () => Window | null; hello: (event: MessageEvent) => void }>();
/** The app the player sees: in front on an open, unlocked phone with nothing over it. */
let visibleApp: string | null = null;

// One window listener for every frame: it only binds ports at a handshake; calls travel on the ports.
window.addEventListener('message', (event) => {
  for (const entry of instances.values()) {
    if (event.source !== null && event.source === entry.window()) return entry.hello(event);
  }
});

/** The picker shows the Contacts app's first page: favorites first, then by name (its largest page). */
const PICKER_PAGE = 100;

/** A contact as the Contacts app answers it, handed to an app as the picker hands one over. */
const listedContact = z
  .object({ displayName: z.string(), displayNumber: z.string() })
  .transform(({ displayName, displayNumber }) => ({ name: displayName, number: displayNumber }));

/** A page of the Contacts app's list, as much of it as the picker shows and hands over. */
const pickableContacts = z.object({ contacts: z.array(listedContact) }).transform(({ contacts }) => contacts);

/** A page of the Contacts app's `contacts.list`, as `contacts.list` hands it over. */
const contactsPage = z.object({ contacts: z.array(listedContact), cursor: z.string().nullable() });
/** The page size `contacts.list` asks the Contacts app for. */
const CONTACTS_PAGE = 50;

/** The Contacts app's `contacts.search` answer, as the suggestions hand it over. */
const foundContacts = z.array(listedContact);

/** The Photos app: its gallery is the one `gallery.pick` offers and the camera's shutter saves to. */
const PHOTOS_APP = 'photos';
/** One page of the Photos app's `photos.list`, as much of it as the picker shows. */
const galleryPageSchema = z.object({
  photos: z.array(z.object({ id: z.number(), url: z.string() })).transform((photos) => photos.map(({ id, url }) => ({ id, url }))),
  cursor: z.number().nullable(),
});
const GALLERY_PAGE_SIZE = 30;

/** Unwraps a core or app-bridge answer, turning a refusal into the error the frame receives. */
function dataOf(answer: Answer<unknown>): unknown {
  if (!answer.ok) throw new HandsetError(answer.error.code, answer.error.message);
  return answer.data;
}

/** The shell's implementation of every protocol method, for one app. */
function handlersFor({ app, link, shell }: AppInstanceOptions): MethodHandlers {
  const core = async (action: string, payload: object) => dataOf(await shell.request('handset', action, { appId: app.id, ...payload }));
  return {
    handshake: () => ({ apiVersion: API_VERSION, appId: app.id, grants: app.permissions, link, visible: visibleApp === app.id, ...shell.settings() }),
    request: async ({ action, payload }) => dataOf(await shell.request(app.id, action, payload)),
    'notifications.show': (input) => core('notifications.create', input) as Promise<{ id: number }>,
    'contacts.pick': async (_input, signal) => {
      const listed = await shell.request('contacts', 'contacts.list', { limit: PICKER_PAGE });
      if (!listed.ok) throw new HandsetError('UNAVAILABLE', `the contacts app cannot be reached: ${listed.error.message}`);
      const contacts = pickableContacts.safeParse(listed.data);
      if (!contacts.success) throw new HandsetError('INTERNAL', 'the contacts app answered outside its contract');
      return shell.pickContact(app, contacts.data, signal);
    },
    'contacts.list': async ({ cursor }) => {
      const listed = await shell.request('contacts', 'contacts.list', cursor === undefined ? { limit: CONTACTS_PAGE } : { cursor, limit: CONTACTS_PAGE });
      if (!listed.ok && listed.error.code === 'INVALID_INPUT') throw new HandsetError('INVALID_INPUT', listed.error.message);
      if (!listed.ok) throw new HandsetError('UNAVAILABLE', `the contacts app cannot be reached: ${listed.error.message}`);
      const page = contactsPage.safeParse(listed.data);
      if (!page.success) throw new HandsetError('INTERNAL', 'the contacts app answered outside its contract');
      return page.data;
    },
    'contacts.search': async (input) => {
      const found = await shell.request('contacts', 'contacts.search', input);
      if (!found.ok) throw new HandsetError('UNAVAILABLE', `the contacts app cannot be reached: ${found.error.message}`);
      const contacts = foundContacts.safeParse(found.data);
      if (!contacts.success) throw new HandsetError('INTERNAL', 'the contacts app answered outside its contract');
      return contacts.data;
    },
    'camera.capture': (_input, signal) =>
      shell.capturePhoto(
        app,
        async () => {
          const photo = pickedPhotoSchema.safeParse(await core('camera.capture', {}));
          if (!photo.success) throw new HandsetError('INTERNAL', 'the camera answered with something unexpected');
          if (shell.hasApp(PHOTOS_APP)) {
            const saved = await shell.request(PHOTOS_APP, 'photos.add', { clientId: crypto.randomUUID(), url: photo.data.url });
            if (!saved.ok) shell.toast(shellText()('photoNotSaved', { reason: saved.error.message }));
          }
          return photo.data;
        },
        signal,
      ),
    'gallery.pick': (_input, signal) => {
      if (!shell.hasApp(PHOTOS_APP)) throw new HandsetError('UNAVAILABLE', 'no gallery on this phone: the Photos app is not installed');
      return shell.pickPhoto(
        app,
        async (cursor) => {
          const page = galleryPageSchema.safeParse(
            dataOf(await shell.request(PHOTOS_APP, 'photos.list', { limit: GALLERY_PAGE_SIZE, ...(cursor === null ? {} : { cursor }) })),
          );
          if (!page.success) throw new HandsetError('INTERNAL', 'the Photos app answered outside its contract');
          return page.data;
        },
        signal,
      );
    },
    'location.pick': async (_input, signal) => {
      const place = pickedLocationSchema.safeParse(dataOf(await shell.location()));
      if (!place.success) throw new HandsetError('INTERNAL', 'the game answered the location with something unexpected');
      return shell.pickLocation(app, place.data, signal);
    },
    'share.open': async (input, signal) => {
      const target = await shell.share(app, input, signal);
      if (target === null) return { appId: null };
      const shared = new URLSearchParams(Object.entries(input).filter((entry): entry is [string, string] => entry[1] !== undefined));
      shell.openApp(target, `share?${shared.toString()}`);
      return { appId: target };
    },
    'dialog.confirm': async (input, signal) => ({ confirmed: await shell.confirm(app, input, signal) }),
    'dialog.prompt': async (input, signal) => ({ value: await shell.prompt(app, input, signal) }),
    'bars.color': (colors) => {
      shell.setBarColors(app.id, colors);
      return null;
    },
    'apps.open': ({ appId, link: target }) => {
      if (!shell.openApp(appId, target ?? null)) throw new HandsetError('NOT_FOUND', `no app "${appId}" is installed`);
      return null;
    },
    'storage.get': (input) => core('storage.get', input),
    'storage.set': async (input) => (await core('storage.set', input), null),
    'storage.remove': (input) => core('storage.remove', input) as Promise<{ removed: boolean }>,
    'storage.keys': () => core('storage.keys', {}) as Promise<string[]>,
    'settings.get': () => core('settings.get', {}) as Promise<DeviceSettings>,
    'settings.update': (input) => core('settings.update', input) as Promise<DeviceSettings>,
    'passcode.set': (input) => core('passcode.set', input) as Promise<MethodOutput<'passcode.set'>>,
    'apps.catalogue': () => core('apps.catalogue', {}) as Promise<StoreApp[]>,
    // The app installed or removed is `appId`; the App Store asking is `from`.
    'apps.install': async ({ appId }) => (dataOf(await shell.request('handset', 'apps.install', { appId, from: app.id })), shell.appsChanged(), null),
    'apps.uninstall': async ({ appId }) => (dataOf(await shell.request('handset', 'apps.uninstall', { appId, from: app.id })), shell.appsChanged(), null),
    'shell.escape': () => (shell.closePhone(), null),
    'app.close': () => (shell.closeApp(app.id), null),
  };
}

/**
 * Starts an app in `container`: a sandboxed iframe of its page, a handshake bound to that iframe's window
 * only, and a port served with the protocol's validation and the app's grants.
 */
export function startApp(container: HTMLElement, options: AppInstanceOptions): AppInstance {
  const { app } = options;
  instances.get(app.id)?.instance.destroy();

  const iframe = document.createElement('iframe');
  // Scripts only: no same-origin, forms, popups or top navigation; the port is the app's only way out.
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  iframe.title = app.label;
  iframe.className = 'app-frame-document';
  iframe.src = resourceFileUrl(app.resource, app.ui);

  const handlers = handlersFor(options);
  let port: AppPort | undefined;
  let awaitingHello = true;
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fail = (reason: string) => {
    port?.close();
    port = undefined;
    options.onState('failed', reason);
  };
  const waitForHello = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(`${app.label} did not start`), HANDSHAKE_TIMEOUT_MS);
  };

  // The first load is the page that may already have said hello; a later one is a reload or navigation,
  // whose new document says hello again from the same frame: bind it a fresh port.
  let loads = 0;
  const onLoad = () => {
    loads += 1;
    if (loads === 1) return;
    port?.close();
    port = undefined;
    awaitingHello = true;
    options.onState('connecting');
    waitForHello();
  };
  iframe.addEventListener('load', onLoad);

  const hello = (event: MessageEvent) => {
    if (!awaitingHello || destroyed || !helloSchema.safeParse(event.data).success) return;
    awaitingHello = false;
    clearTimeout(timer);
    const channel = new MessageChannel();
    port = serveAppPort(channel.port1, {
      grants: app.permissions,
      handlers,
      onRefused: (error) => console.warn(`[${app.id}] refused: ${error.code} ${error.message}`),
    });
    iframe.contentWindow?.postMessage({ type: WELCOME }, '*', [channel.port2]);
    options.onState('connected');
  };

  const instance: AppInstance = {
    emit(event, data) {
      try {
        port?.emit(event, data);
      } catch {
        console.warn(`[${app.id}] dropped a ${event} event outside the protocol`);
      }
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      iframe.removeEventListener('load', onLoad);
      port?.close();
      port = undefined;
      iframe.remove();
      if (instances.get(app.id)?.instance === instance) instances.delete(app.id);
    },
  };
  instances.set(app.id, { instance, window: () => iframe.contentWindow, hello });
  container.append(iframe);
  waitForHello();
  options.onState('connecting');
  return instance;
}

/** Pushes a server's `sendAppMessage` to the app's open frame. */
export function deliverAppMessage(appId: string, type: string, data: unknown): void {
  instances.get(appId)?.instance.emit('message', { type, data });
}

/** The player now sees `appId` (or no app): the one that stopped being seen and the one that started are told. */
export function showApp(appId: string | null): void {
  if (appId === visibleApp) return;
  const hidden = visibleApp;
  visibleApp = appId;
  if (hidden !== null) instances.get(hidden)?.instance.emit('visibility', { visible: false });
  if (appId !== null) instances.get(appId)?.instance.emit('visibility', { visible: true });
}

/** Tells every open app that the theme, locale or number changed. */
export function broadcastSettings(settings: ShellSettings): void {
  for (const { instance } of instances.values()) instance.emit('settings', settings);
}

/** Whether a window message came from one of the open apps' frames (such messages are never NUI messages). */
export function isAppFrameWindow(source: MessageEventSource | null): boolean {
  if (source === null) return false;
  for (const entry of instances.values()) if (entry.window() === source) return true;
  return false;
}
