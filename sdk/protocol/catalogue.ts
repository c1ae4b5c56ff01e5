import { z } from 'zod';
import { APP_PERMISSIONS, type AppPermission } from '../manifest';
import { actionNameSchema, appIdSchema, MAX_LINK_LENGTH } from './names';
import { deviceSettingsSchema, passcodeSchema, phoneSettingsSchema } from './phone-settings';
import { API_VERSION } from './wire';

export { API_VERSION };

const text = (max: number) => z.string().trim().min(1).max(max);
const none = z.object({}).strict();
/** A deep link: what an app is opened with, e.g. `thread/555-0100` or a shared `share?text=…`. */
const linkSchema = z.string().max(MAX_LINK_LENGTH);

/**
 * The phone's look and language, sent at the handshake and whenever they change. `theme` is the one showing now
 * (an automatic theme already resolved); `streamerMode` asks the app to hide other players' numbers and images.
 *
 * @example
 * settingsSchema.parse({ theme: 'dark', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false });
 */
export const settingsSchema = z
  .object({
    theme: z.enum(['light', 'dark']),
    /** A BCP 47 tag carrying the player's hour cycle (`en-US-u-hc-h23`): `toLocaleTimeString(locale)` follows their clock. */
    locale: z.string().max(48),
    phoneNumber: z.string().max(32).nullable(),
    /** How the server lays out phone numbers (`555-####`): `formatNumber(number, numberFormat)` shows one so. */
    numberFormat: z.string().max(32),
    clockFormat: phoneSettingsSchema.shape.clockFormat,
    textSize: phoneSettingsSchema.shape.textSize,
    streamerMode: z.boolean(),
  })
  .strict();
/**
 * The phone's look, language and number, as an app receives them.
 *
 * @example
 * app.on('settings', (settings: Settings) => (document.documentElement.lang = settings.locale));
 */
export type Settings = z.output<typeof settingsSchema>;

/**
 * What the shell tells an app when it connects.
 *
 * @example
 * const { appId, grants } = handshakeSchema.parse(answer);
 */
export const handshakeSchema = settingsSchema
  .extend({
    apiVersion: z.literal(API_VERSION),
    appId: appIdSchema,
    grants: z.array(z.enum(APP_PERMISSIONS)),
    /** The deep link the app was opened with (`openApp(id, link)`), or null. */
    link: linkSchema.nullable(),
    /** Whether the player sees the app now: see the `visibility` event. */
    visible: z.boolean(),
  })
  .strict();
/**
 * What the phone told the app at the handshake, as `app.info`.
 *
 * @example
 * const info: Handshake = app.info;
 * if (info.grants.includes('camera')) cameraButton.hidden = false;
 */
export type Handshake = z.output<typeof handshakeSchema>;

/**
 * A contact as the contacts picker hands it over.
 *
 * @example
 * pickedContactSchema.parse({ name: 'Lamar', number: '555-0123' });
 */
export const pickedContactSchema = z.object({ name: z.string().max(64), number: z.string().max(32) }).strict();
/**
 * A photo as the camera or gallery picker hands it over: a URL the server owner's image allowlist accepts.
 *
 * @example
 * pickedPhotoSchema.parse({ url: 'https://i.imgur.com/abc123.png' });
 */
export const pickedPhotoSchema = z.object({ url: z.string().url().max(500) }).strict();
/**
 * A place the player shared: game-world coordinates and the street and area the game names there.
 *
 * @example
 * pickedLocationSchema.parse({ x: 215.8, y: -810.1, label: 'Strawberry Ave, Pillbox Hill' });
 */
export const pickedLocationSchema = z
  .object({ x: z.number().finite().min(-100_000).max(100_000), y: z.number().finite().min(-100_000).max(100_000), label: z.string().max(64).nullable() })
  .strict();

const storageKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'key must be 1-64 of A-Z, a-z, 0-9 and _ . : -');

/**
 * An app as the App Store lists it for this character.
 *
 * @example
 * storeAppSchema.parse({ id: 'bank', label: 'Bank', icon: 'fa-bank', color: '#30d158', resource: 'bank', description: null, developer: null, version: null, screenshots: [], installed: false, removable: true });
 */
export const storeAppSchema = z
  .object({
    id: appIdSchema,
    label: z.string(),
    icon: z.string(),
    color: z.string(),
    /** The resource whose files hold the icon. */
    resource: z.string(),
    description: z.string().nullable(),
    developer: z.string().nullable(),
    version: z.string().nullable(),
    /** https images of the app, from its manifest. */
    screenshots: z.array(z.string()).max(5),
    installed: z.boolean(),
    /** Whether the player may uninstall it (a `default` app only where the server owner allows). */
    removable: z.boolean(),
  })
  .strict();
/**
 * An app as the App Store lists it.
 *
 * @example
 * const apps: StoreApp[] = await app.call('apps.catalogue', {});
 */
export type StoreApp = z.output<typeof storeAppSchema>;

/**
 * What a passcode change answered: done, or the current passcode was wrong (tries left, lockout in ms).
 *
 * @example
 * const result = await app.call('passcode.set', { current: '1234', next: null });
 * if (!result.unlocked) showError(result.attemptsLeft);
 */
export const passcodeResultSchema = z.union([
  z.object({ unlocked: z.literal(true) }).strict(),
  z.object({ unlocked: z.literal(false), attemptsLeft: z.number().int().min(0), lockedForMs: z.number().int().min(0) }).strict(),
]);

/**
 * A method an app frame may call on the shell: its input, its output, the permission it needs, its time limit.
 *
 * @example
 * const { permission, timeoutMs }: MethodSpec = METHODS['contacts.pick']; // 'contacts:read', 300000
 */
export interface MethodSpec<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  input: Input;
  output: Output;
  permission: AppPermission | null;
  /** How long the shell and the SDK wait before answering TIMEOUT; player-facing sheets wait longer. */
  timeoutMs: number;
}

/** A bar color: opaque, as `#rrggbb`. */
const barColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a bar color is #rrggbb');

const method = <Input extends z.ZodType, Output extends z.ZodType>(
  input: Input,
  output: Output,
  permission: AppPermission | null = null,
  timeoutMs = 10_000,
): MethodSpec<Input, Output> => ({ input, output, permission, timeoutMs });

/** Sheets wait for the player. */
const PLAYER_TIMEOUT_MS = 5 * 60_000;
/** The server bridge's own limit is 10 s, and the client's 12 s. */
const SERVER_TIMEOUT_MS = 15_000;

/**
 * Every method an app frame may call, by name. The shell validates each call's input against `input` and the
 * app's grants against `permission`; the SDK validates each answer against `output`.
 *
 * @example
 * const { input } = METHODS['dialog.confirm'];
 */
export const METHODS = {
  /** The first call: who the app is, what it may do, the phone's theme, locale and number. */
  handshake: method(z.object({ apiVersion: z.number().int() }).strict(), handshakeSchema),
  /** Asks the app's own server side (its `onRequest(action, …)` handler). */
  request: method(z.object({ action: actionNameSchema, payload: z.unknown() }).strict(), z.unknown(), null, SERVER_TIMEOUT_MS),
  /** Shows a banner and files the notification in the center, under the app's id. */
  'notifications.show': method(
    z.object({ title: text(100), body: z.string().max(500), timeout: z.number().int().min(0).max(60_000).optional() }).strict(),
    z.object({ id: z.number().int() }).strict(),
    'notifications',
    SERVER_TIMEOUT_MS,
  ),
  /** Lets the player pick a contact; null when they cancel. */
  'contacts.pick': method(none, pickedContactSchema.nullable(), 'contacts:read', PLAYER_TIMEOUT_MS),
  /** A page of the player's contacts in the Contacts app's order (favorites first, then by name); `cursor` is the previous page's. */
  'contacts.list': method(
    z.object({ cursor: z.string().max(200, 'cursor must be one a contacts page answered').optional() }).strict(),
    z.object({ contacts: z.array(pickedContactSchema).max(100), cursor: z.string().max(200).nullable() }).strict(),
    'contacts:read',
    SERVER_TIMEOUT_MS,
  ),
  /** The player's contacts whose name or number holds `query`, in the Contacts app's order: suggestions as they type. */
  'contacts.search': method(
    z.object({ query: z.string().trim().min(1, 'query is 1-64 characters').max(64, 'query is 1-64 characters'), limit: z.number().int().min(1).max(20).default(8) }).strict(),
    z.array(pickedContactSchema).max(20),
    'contacts:read',
    SERVER_TIMEOUT_MS,
  ),
  /** Lets the player take a photo; null when they cancel. */
  'camera.capture': method(none, pickedPhotoSchema.nullable(), 'camera', PLAYER_TIMEOUT_MS),
  /** Lets the player pick a photo from their gallery; null when they cancel. */
  'gallery.pick': method(none, pickedPhotoSchema.nullable(), 'gallery', PLAYER_TIMEOUT_MS),
  /** Lets the player share where they are in the game; null when they cancel. */
  'location.pick': method(none, pickedLocationSchema.nullable(), 'location', PLAYER_TIMEOUT_MS),
  /** The share sheet: the player picks an app to open with the shared content; its id, or null. */
  'share.open': method(
    z
      .object({ title: text(100).optional(), text: z.string().max(1000).optional(), url: z.string().url().max(500).optional() })
      .strict()
      .refine((input) => input.text !== undefined || input.url !== undefined, 'share text or a url'),
    z.object({ appId: appIdSchema.nullable() }).strict(),
    'share',
    PLAYER_TIMEOUT_MS,
  ),
  /** A confirm dialog over the app. */
  'dialog.confirm': method(
    z
      .object({
        title: text(100),
        message: z.string().max(500),
        confirmLabel: text(24).optional(),
        cancelLabel: text(24).optional(),
        destructive: z.boolean().optional(),
      })
      .strict(),
    z.object({ confirmed: z.boolean() }).strict(),
    null,
    PLAYER_TIMEOUT_MS,
  ),
  /** A one-line text prompt over the app; `value` is null when the player cancels. */
  'dialog.prompt': method(
    z
      .object({
        title: text(100),
        message: z.string().max(500).optional(),
        placeholder: z.string().max(100).optional(),
        defaultValue: z.string().max(500).optional(),
        maxLength: z.number().int().min(1).max(500).default(200),
        /** Typed as dots, as a password or passcode is. */
        secret: z.boolean().optional(),
      })
      .strict(),
    z.object({ value: z.string().max(500).nullable() }).strict(),
    null,
    PLAYER_TIMEOUT_MS,
  ),
  /** Opens another installed app, handing it `link` at its handshake. */
  /** Paints the phone's status bar (`top`) and home bar (`bottom`) while the app is in front; null leaves a bar to the theme. */
  'bars.color': method(z.object({ top: barColorSchema.nullable(), bottom: barColorSchema.nullable() }).strict(), z.null()),
  'apps.open': method(z.object({ appId: appIdSchema, link: linkSchema.optional() }).strict(), z.null()),
  /** Reads one value of the app's per-character store; null when unset. */
  'storage.get': method(z.object({ key: storageKeySchema }).strict(), z.unknown(), 'storage', SERVER_TIMEOUT_MS),
  /** Writes one value (JSON, at most 16 KiB) of the app's per-character store. */
  'storage.set': method(z.object({ key: storageKeySchema, value: z.unknown() }).strict(), z.null(), 'storage', SERVER_TIMEOUT_MS),
  /** Removes one key; whether it existed. */
  'storage.remove': method(
    z.object({ key: storageKeySchema }).strict(),
    z.object({ removed: z.boolean() }).strict(),
    'storage',
    SERVER_TIMEOUT_MS,
  ),
  /** Every key of the app's per-character store. */
  'storage.keys': method(none, z.array(z.string()), 'storage', SERVER_TIMEOUT_MS),
  /** The phone's settings, airplane mode and whether a passcode is set (the Settings app). */
  'settings.get': method(none, deviceSettingsSchema, 'settings', SERVER_TIMEOUT_MS),
  /** Changes some of the phone's settings, or airplane mode; answers what is now kept. */
  'settings.update': method(
    phoneSettingsSchema.partial().extend({ airplaneMode: z.boolean().optional() }).strict(),
    deviceSettingsSchema,
    'settings',
    SERVER_TIMEOUT_MS,
  ),
  /** Sets, changes or (with `next` null) removes the passcode; `current` is needed once one is set. */
  'passcode.set': method(
    z.object({ current: passcodeSchema.nullable(), next: passcodeSchema.nullable() }).strict(),
    passcodeResultSchema,
    'settings',
    SERVER_TIMEOUT_MS,
  ),
  /** The apps this character may install or has installed (the App Store). */
  'apps.catalogue': method(none, z.array(storeAppSchema).max(500), 'apps', SERVER_TIMEOUT_MS),
  /** Installs an app for this character; it appears on the home screen. */
  'apps.install': method(z.object({ appId: appIdSchema }).strict(), z.null(), 'apps', SERVER_TIMEOUT_MS),
  /** Uninstalls an app for this character. */
  'apps.uninstall': method(z.object({ appId: appIdSchema }).strict(), z.null(), 'apps', SERVER_TIMEOUT_MS),
  /** The player pressed Escape or the phone key (`PHONE_KEY`) inside the app: the shell closes the phone, as either does anywhere else. */
  'shell.escape': method(none, z.null()),
  /** Closes the app, as the home gesture does. */
  'app.close': method(none, z.null()),
} as const satisfies Record<string, MethodSpec>;

/**
 * The name of a method of {@link METHODS}.
 *
 * @example
 * const method: MethodName = 'dialog.confirm';
 */
export type MethodName = keyof typeof METHODS;
/**
 * A method's input as the caller writes it (defaults not yet applied).
 *
 * @example
 * const input: MethodInput<'dialog.prompt'> = { title: 'Rename' };
 */
export type MethodInput<Name extends MethodName> = z.input<(typeof METHODS)[Name]['input']>;
/**
 * A method's input as the shell's handler receives it, after parsing (defaults applied).
 *
 * @example
 * const input: ParsedMethodInput<'dialog.prompt'> = METHODS['dialog.prompt'].input.parse({ title: 'Rename' });
 * input.maxLength; // 200
 */
export type ParsedMethodInput<Name extends MethodName> = z.output<(typeof METHODS)[Name]['input']>;
/**
 * A method's answer, as the SDK validated it.
 *
 * @example
 * const { confirmed }: MethodOutput<'dialog.confirm'> = await app.call('dialog.confirm', { title: 'Delete?', message: 'Gone' });
 */
export type MethodOutput<Name extends MethodName> = z.output<(typeof METHODS)[Name]['output']>;

/**
 * Every event the shell pushes to an app frame, by name, with its data's schema.
 *
 * @example
 * EVENTS.message.parse({ type: 'order.ready', data: { id: 7 } });
 */
export const EVENTS = {
  /** A push from the app's server side (`sendAppMessage(source, appId, type, data)`). */
  message: z.object({ type: actionNameSchema, data: z.unknown() }).strict(),
  /** The theme, locale or phone number changed. */
  settings: settingsSchema,
  /** The app, already open, was opened again with a deep link. */
  link: z.object({ link: linkSchema }).strict(),
  /**
   * The player started or stopped seeing the app: it is in front on an open, unlocked phone with nothing over it.
   * A running app in the background, or on a phone put away, is not seen: it must not mark anything read.
   */
  visibility: z.object({ visible: z.boolean() }).strict(),
} as const;

/**
 * The name of an event of {@link EVENTS}.
 *
 * @example
 * const event: EventName = 'settings';
 */
export type EventName = keyof typeof EVENTS;
/**
 * An event's data, as the SDK validated it.
 *
 * @example
 * app.on('link', ({ link }: EventData<'link'>) => openThread(link));
 */
export type EventData<Name extends EventName> = z.output<(typeof EVENTS)[Name]>;

/**
 * Whether `name` is a method of the catalogue (own keys only: `__proto__` and `constructor` are not methods).
 *
 * @example
 * isMethodName('dialog.confirm'); // true
 * isMethodName('__proto__'); // false
 */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}
