import { z } from 'zod';
import { actionNameSchema, appIdSchema, MAX_LINK_LENGTH, JSON_DATA_KEY, MAX_PAYLOAD_BYTES, unwrapJsonData } from '../../sdk/protocol/names';
import type { Outcome } from './apps/registry';
import { version } from '../../package.json';
import type { ExportEntry } from '../shared/export-table';
import type { CompatName } from './config';
import { canonicalNumber } from './identity/phone-numbers';
import { HandsetError } from '../../sdk/protocol/errors';
import type { Core, Services } from './services';
import { identifierSchema, jsonSize, playerIdSchema as playerId } from './validation';
import { resetPasscode, resetPhoneData } from './admin';

interface ServerExport extends ExportEntry {
  compat: readonly CompatName[];
}

const phoneNumberText = z.union([z.string().max(32), z.number().int().nonnegative()]).transform((n) => canonicalNumber(String(n)));

/**
 * For value exports: a wrong argument is the caller's bug, so it throws rather than look like "none"; the code
 * leads the message because an error's class does not survive the trip to another resource.
 */
function parse<T>(schema: z.ZodType<T, unknown>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`INVALID_INPUT: ${what} is not valid`);
  return parsed.data;
}

type SendReason = 'invalid_input' | 'payload_too_large' | 'not_found' | 'not_owner' | 'offline' | 'not_open';
type PresentReason = 'invalid_input' | 'not_found' | 'not_owner' | 'offline' | 'not_allowed' | 'airplane_mode';
const refuse = <Reason extends string>(reason: Reason, message: string) => ({ ok: false as const, reason, message });

/** Handset's server exports, by name: the one list, with their shapes and compatibility names. */
export function serverExports(core: Core): Record<string, ServerExport> {
  const { registry, bridge, badges } = core;

  const sendAppMessage = (caller: string, source: unknown, appId: unknown, type: unknown, handed: unknown): Outcome<SendReason> => {
    const target = playerId.safeParse(source);
    const unwrapped = unwrapJsonData(handed);
    if (!target.success || !appIdSchema.safeParse(appId).success || !actionNameSchema.safeParse(type).success || !unwrapped.ok) {
      return refuse('invalid_input', 'expected (source: number, appId: string, type: string, data)');
    }
    const { data } = unwrapped;
    if (jsonSize(data) > MAX_PAYLOAD_BYTES) return refuse('payload_too_large', `data over ${MAX_PAYLOAD_BYTES} bytes`);
    const app = registry.get(appId as string);
    if (!app) return refuse('not_found', `no app "${String(appId)}" is registered`);
    if (app.owner !== caller) return refuse('not_owner', `"${app.manifest.id}" is registered by another resource`);
    const services = core.started();
    if (!services?.identity.phoneOf(target.data)) return refuse('offline', `player ${target.data} has no phone loaded`);
    if (!services.device.isAppOpen(target.data, app.manifest.id)) return refuse('not_open', `"${app.manifest.id}" is not open`);
    emitNet('handset:app:message', target.data, app.manifest.id, type, data ?? null);
    return { ok: true };
  };

  const notify = async (caller: string, source: unknown, data: unknown) => {
    const services = await core.ready;
    // An app's owner may notify under the app's id; anyone else notifies as plain text.
    const appId = typeof data === 'object' && data !== null && 'appId' in data ? (data as { appId: unknown }).appId : undefined;
    const owned = typeof appId === 'string' && registry.get(appId)?.owner === caller ? appId : null;
    return services.notifications.notify(source, data, owned);
  };

  /** Runs a key-value store operation for the app's owner on a player's phone; refusals as `{ ok: false, reason }`. */
  /** Brings the app up on the player's phone at `link` (an incoming call): the owner only, for a character allowed the app. */
  const presentApp = async (caller: string, source: unknown, appId: unknown, link: unknown): Promise<Outcome<PresentReason>> => {
    const target = playerId.safeParse(source);
    if (!target.success || !appIdSchema.safeParse(appId).success || typeof link !== 'string' || link.length > MAX_LINK_LENGTH) {
      return refuse('invalid_input', `expected (source: number, appId: string, link: string of at most ${MAX_LINK_LENGTH})`);
    }
    const app = registry.get(appId as string);
    if (!app) return refuse('not_found', `no app "${String(appId)}" is registered`);
    if (app.owner !== caller) return refuse('not_owner', `"${app.manifest.id}" is registered by another resource`);
    const services = await core.ready;
    const phone = services.identity.phoneOf(target.data);
    if (!phone) return refuse('offline', `player ${target.data} has no phone loaded`);
    const allowed = await services.access.check(phone, app.manifest.id);
    if (!allowed.ok) return refuse('not_allowed', allowed.error.message);
    if (services.device.airplaneMode(target.data)) return refuse('airplane_mode', 'the phone is in airplane mode');
    services.device.setPresentedApp(target.data, app.manifest.id);
    emitNet('handset:app:present', target.data, app.manifest.id, link);
    return { ok: true };
  };

  const withAppData = async <T>(
    caller: string,
    source: unknown,
    appId: unknown,
    run: (services: Services, phoneId: number, appId: string) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: string; message: string }> => {
    const target = playerId.safeParse(source);
    if (!target.success || !appIdSchema.safeParse(appId).success) return refuse('invalid_input', 'expected (source: number, appId: string, key: string, …)');
    const app = registry.get(appId as string);
    if (!app) return refuse('not_found', `no app "${String(appId)}" is registered`);
    if (app.owner !== caller) return refuse('not_owner', `"${app.manifest.id}" is registered by another resource`);
    if (!app.manifest.permissions.includes('storage')) return refuse('no_permission', `"${app.manifest.id}" does not have the storage permission`);
    const services = await core.ready;
    const phone = services.identity.phoneOf(target.data);
    if (!phone) return refuse('offline', `player ${target.data} has no phone loaded`);
    try {
      return { ok: true, value: await run(services, phone.id, app.manifest.id) };
    } catch (error) {
      if (error instanceof HandsetError) return { ok: false, reason: error.code.toLowerCase(), message: error.message };
      throw error;
    }
  };

  return {
    getVersion: { shape: 'value', compat: [], call: () => version },
    registerApp: { shape: 'ok_reason', compat: ['amzn_smartphone'], call: (caller, manifest) => registry.register(caller, manifest) },
    unregisterApp: { shape: 'ok_reason', compat: ['amzn_smartphone'], call: (caller, id) => registry.unregister(caller, id) },
    onRequest: {
      shape: 'ok_reason',
      compat: [],
      call: (caller, appId, action, handler) => bridge.on(caller, appId, action, handler),
    },
    onBadge: { shape: 'ok_reason', compat: [], call: (caller, appId, counter) => badges.count(caller, appId, counter) },
    refreshBadge: { shape: 'ok_reason', compat: [], call: (caller, source, appId) => badges.refresh(caller, source, appId) },
    sendAppMessage: {
      shape: 'ok_reason',
      compat: ['amzn_smartphone'],
      call: (caller, source, appId, type, data) => sendAppMessage(caller, source, appId, type, data),
    },
    notify: { shape: 'ok_reason', compat: ['amzn_smartphone'], call: (caller, source, data) => notify(caller, source, data) },
    presentApp: { shape: 'ok_reason', compat: [], call: (caller, source, appId, link) => presentApp(caller, source, appId, link) },
    getAppData: {
      shape: 'value',
      compat: [],
      call: async (caller, source, appId, key) => {
        const result = await withAppData(caller, source, appId, (services, phoneId, id) => services.storage.get(phoneId, id, key as string));
        if (!result.ok) throw new Error(`${result.reason.toUpperCase()}: ${result.message}`);
        return result.value;
      },
    },
    setAppData: {
      shape: 'ok_reason',
      compat: [],
      call: (caller, source, appId, key, value) => {
        const unwrapped = unwrapJsonData(value);
        if (!unwrapped.ok) return refuse('invalid_input', `the value under ${JSON.stringify(JSON_DATA_KEY)} is not JSON`);
        return withAppData(caller, source, appId, (services, phoneId, id) => services.storage.set(phoneId, id, key as string, unwrapped.data));
      },
    },
    removeAppData: {
      shape: 'ok_reason',
      compat: [],
      call: (caller, source, appId, key) =>
        withAppData(caller, source, appId, (services, phoneId, id) => services.storage.remove(phoneId, id, key as string)),
    },
    getPhoneNumber: {
      shape: 'value',
      compat: [],
      call: (_caller, source) => core.started()?.identity.phoneOf(parse(playerId, source, 'source'))?.number ?? null,
    },
    // What a script writes to the player (a banner) reads best in their language; the owner's default without a phone.
    getPhoneLanguage: {
      shape: 'value',
      compat: [],
      call: async (_caller, source) => (await core.ready).device.current(parse(playerId, source, 'source')).language,
    },
    getSourceByNumber: {
      shape: 'value',
      compat: [],
      call: (_caller, number) => core.started()?.identity.byNumber(parse(phoneNumberText, number, 'number'))?.source ?? null,
    },
    isPhoneOpen: {
      shape: 'value',
      compat: [],
      call: (_caller, source) => core.started()?.device.isPhoneOpen(parse(playerId, source, 'source')) ?? false,
    },
    resetPhoneData: {
      shape: 'value',
      compat: ['amzn_smartphone'],
      call: async (_caller, identifier) => resetPhoneData((await core.ready).identity, parse(identifierSchema, identifier, 'identifier')),
    },
    resetPasscode: {
      shape: 'value',
      compat: ['amzn_smartphone'],
      call: async (_caller, identifier) => resetPasscode(await core.ready, parse(identifierSchema, identifier, 'identifier')),
    },
    getIdentifierByPhoneNumber: {
      shape: 'value',
      compat: ['amzn_smartphone'],
      call: async (_caller, number) => {
        const digits = parse(phoneNumberText, number, 'number');
        if (digits === '') return null;
        const phone = await (await core.ready).identity.findByNumber(digits);
        return phone?.identifier ?? null;
      },
    },
  };
}
