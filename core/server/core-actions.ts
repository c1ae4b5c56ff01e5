import { z } from 'zod';
import { HandsetError } from '../../sdk/protocol/errors';
import { appIdSchema } from '../../sdk/protocol/names';
import type { CoreAction } from './apps/request-bridge';
import { notificationInputSchema } from '../shared/notification';
import type { AppPermission } from '../../sdk/manifest';
import { passcodeSchema, phoneSettingsSchema } from '../../sdk/protocol/phone-settings';
import type { RegisteredApp } from './apps/registry';
import type { OnlinePhone } from './identity/identity';
import type { Services } from './services';

const action = <Input extends z.ZodType>(
  input: Input,
  run: (services: Services, phone: OnlinePhone, input: z.output<Input>) => unknown,
  whileLocked = false,
): CoreAction => ({ input, whileLocked, run: run as CoreAction['run'] });

const none = z.object({}).strict().optional();
const storageKey = z.object({ appId: appIdSchema, key: z.string() }).strict();

/** What the phone does for an app's frame needs the app usable by this character and granted `permission`. */
async function grantedApp({ access }: Services, phone: OnlinePhone, appId: string, permission: AppPermission): Promise<RegisteredApp> {
  const allowed = await access.check(phone, appId);
  if (!allowed.ok) throw new HandsetError(allowed.error.code, allowed.error.message);
  if (!allowed.app.manifest.permissions.includes(permission)) {
    throw new HandsetError('FORBIDDEN', `app "${appId}" does not have the ${permission} permission`);
  }
  return allowed.app;
}

/** Throws the refusal a service returned, so the bridge answers with its code. */
function orThrow(refusal: { code: HandsetError['code']; message: string } | null): null {
  if (refusal) throw new HandsetError(refusal.code, refusal.message);
  return null;
}

/**
 * What the player's own phone asks the core for, under the app id `handset`: the same bridge, limits and
 * error codes as any app's request. The caller's phone comes from `source`, never from the payload.
 */
export const coreActions: Record<string, CoreAction> = {
  'phone.setOpen': action(
    z.object({ open: z.boolean() }).strict(),
    ({ device }, phone, { open }) => {
      device.setPhoneOpen(phone.source, open);
      return null;
    },
    true,
  ),

  // The lock screen names the apps of its notifications and of a call brought up over it.
  'apps.list': action(none, ({ access, device }, phone) => access.visible(phone, device.current(phone.source)), true),

  // Closing is always allowed; opening behind the lock screen only for the app brought up there.
  'apps.setOpen': action(
    z.object({ appId: appIdSchema, open: z.boolean() }).strict(),
    async ({ access, device }, phone, input) => {
      if (input.open) {
        if (!device.mayUse(phone.source, input.appId)) throw new HandsetError('FORBIDDEN', 'the phone is locked');
        const allowed = await access.check(phone, input.appId);
        if (!allowed.ok) orThrow(allowed.error);
      }
      device.setAppOpen(phone.source, input.appId, input.open);
      return null;
    },
    true,
  ),

  // The App Store's, under its app id and the apps permission.
  'apps.catalogue': action(z.object({ appId: appIdSchema }).strict(), async (services, phone, { appId }) => {
    await grantedApp(services, phone, appId, 'apps');
    return services.access.catalogue(phone, services.device.current(phone.source).language);
  }),

  // From the shell, or with `from`, from an app's frame with the apps permission (the App Store).
  'apps.install': action(z.object({ appId: appIdSchema, from: appIdSchema.optional() }).strict(), async (services, phone, { appId, from }) => {
    if (from !== undefined) await grantedApp(services, phone, from, 'apps');
    orThrow(await services.access.install(phone, appId));
    services.badges.accessChanged(phone.source, appId);
    return null;
  }),

  'apps.uninstall': action(z.object({ appId: appIdSchema, from: appIdSchema.optional() }).strict(), async (services, phone, { appId, from }) => {
    if (from !== undefined) await grantedApp(services, phone, from, 'apps');
    orThrow(await services.access.uninstall(phone, appId));
    services.badges.accessChanged(phone.source, appId);
    return null;
  }),

  'passcode.unlock': action(z.object({ code: z.string().max(6) }).strict(), ({ device }, phone, { code }) => device.unlock(phone, code), true),

  // With `appId`, the Settings app's frame (the settings permission); without, the shell's control center.
  'settings.get': action(z.object({ appId: appIdSchema }).strict(), async (services, phone, { appId }) => {
    await grantedApp(services, phone, appId, 'settings');
    return services.device.settings(phone.source);
  }),

  'settings.update': action(
    phoneSettingsSchema.partial().extend({ airplaneMode: z.boolean().optional(), appId: appIdSchema.optional() }).strict(),
    async (services, phone, { appId, airplaneMode, ...patch }) => {
      if (appId !== undefined) await grantedApp(services, phone, appId, 'settings');
      const { wallpaper } = patch;
      if (wallpaper?.startsWith('https://') && !services.media.imageAllowed(wallpaper)) {
        throw new HandsetError('INVALID_INPUT', 'wallpaper: that image host is not allowed on this server');
      }
      if (airplaneMode !== undefined) await services.device.setAirplaneMode(phone, airplaneMode);
      return services.device.updateSettings(phone, patch);
    },
  ),

  'passcode.set': action(
    z.object({ appId: appIdSchema, current: passcodeSchema.nullable(), next: passcodeSchema.nullable() }).strict(),
    async (services, phone, { appId, current, next }) => {
      await grantedApp(services, phone, appId, 'settings');
      return services.device.setPasscode(phone, current, next);
    },
  ),

  // With `appId`, an app's frame notifies under the app's id and label.
  'notifications.create': action(notificationInputSchema.extend({ appId: appIdSchema.optional() }), async (services, phone, { appId, ...input }) => {
    const app = appId === undefined ? null : await grantedApp(services, phone, appId, 'notifications');
    const data = app ? { ...input, app: app.manifest.label } : input;
    const result = await services.notifications.notify(phone.source, data, app?.manifest.id ?? null);
    if (!result.ok) throw new HandsetError(result.reason === 'airplane_mode' ? 'UNAVAILABLE' : 'INVALID_INPUT', result.message);
    return { id: result.id };
  }),

  'notifications.list': action(
    z.object({ beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(100).default(50) }).strict().default({ limit: 50 }),
    ({ notifications }, phone, { beforeId, limit }) => notifications.list(phone, beforeId ?? null, limit),
    // The lock screen shows the newest.
    true,
  ),

  'notifications.dismiss': action(z.object({ id: z.number().int().positive() }).strict(), async ({ notifications }, phone, { id }) => {
    if (!(await notifications.dismiss(phone, id))) throw new HandsetError('NOT_FOUND', `no notification ${id}`);
    return null;
  }),

  'notifications.clear': action(none, async ({ notifications }, phone) => ({ removed: await notifications.clear(phone) })),

  // With `appId`, an app's frame takes the photo; it needs the camera permission.
  'camera.capture': action(z.object({ appId: appIdSchema.optional() }).strict().default({}), async (services, phone, { appId }) => {
    if (appId !== undefined) await grantedApp(services, phone, appId, 'camera');
    const { url } = await services.media.capture(phone.source, phone.id);
    return { url };
  }),

  'storage.get': action(storageKey, async (services, phone, { appId, key }) => {
    await grantedApp(services, phone, appId, 'storage');
    return services.storage.get(phone.id, appId, key);
  }),

  'storage.set': action(storageKey.extend({ value: z.unknown() }), async (services, phone, { appId, key, value }) => {
    await grantedApp(services, phone, appId, 'storage');
    await services.storage.set(phone.id, appId, key, value);
    return null;
  }),

  'storage.remove': action(storageKey, async (services, phone, { appId, key }) => {
    await grantedApp(services, phone, appId, 'storage');
    return { removed: await services.storage.remove(phone.id, appId, key) };
  }),

  'storage.keys': action(z.object({ appId: appIdSchema }).strict(), async (services, phone, { appId }) => {
    await grantedApp(services, phone, appId, 'storage');
    return services.storage.keys(phone.id, appId);
  }),
};
