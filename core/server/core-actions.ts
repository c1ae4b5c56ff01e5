import { z } from 'zod';
import { HandsetError } from '../../sdk/protocol/errors';
import { appIdSchema } from '../../sdk/protocol/names';
import type { CoreAction } from './apps/request-bridge';
import { notificationInputSchema } from '../shared/notification';
import type { AppPermission } from '../../sdk/manifest';
import type { RegisteredApp } from './apps/registry';
import type { OnlinePhone } from './identity/identity';
import type { Services } from './services';

const action = <Input extends z.ZodType>(
  input: Input,
  run: (services: Services, phone: OnlinePhone, input: z.output<Input>) => unknown,
): CoreAction => ({ input, run: run as CoreAction['run'] });

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
  'phone.setOpen': action(z.object({ open: z.boolean() }).strict(), ({ device }, phone, { open }) => {
    device.setPhoneOpen(phone.source, open);
    return null;
  }),

  'apps.list': action(none, ({ access }, phone) => access.visible(phone)),

  'apps.setOpen': action(z.object({ appId: appIdSchema, open: z.boolean() }).strict(), async ({ access, device }, phone, input) => {
    if (input.open) {
      const allowed = await access.check(phone, input.appId);
      if (!allowed.ok) orThrow(allowed.error);
    }
    device.setAppOpen(phone.source, input.appId, input.open);
    return null;
  }),

  'apps.install': action(z.object({ appId: appIdSchema }).strict(), async ({ access, badges }, phone, { appId }) => {
    orThrow(await access.install(phone, appId));
    badges.accessChanged(phone.source, appId);
    return null;
  }),

  'apps.uninstall': action(z.object({ appId: appIdSchema }).strict(), async ({ access, badges }, phone, { appId }) => {
    orThrow(await access.uninstall(phone, appId));
    badges.accessChanged(phone.source, appId);
    return null;
  }),

  'device.setAirplaneMode': action(z.object({ enabled: z.boolean() }).strict(), async ({ device }, phone, { enabled }) => {
    await device.setAirplaneMode(phone, enabled);
    return { airplaneMode: enabled };
  }),

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
