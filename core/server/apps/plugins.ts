import { registerApp } from '../../../sdk/server';
import { identifierSchema } from '../validation';
import { z } from 'zod';
import type { PhoneIdentityFields, PluginContext, PluginPhones, ServerPlugin } from '../../../sdk/server/plugin';
import type { Phone } from '../identity/identity';
import type { ExportEntry } from '../../shared/export-table';
import type { Config } from '../config';
import { canonicalNumber, formatNumber } from '../identity/phone-numbers';
import type { Services } from '../services';
import { migrate } from '../storage/migrations';

/** Who has which phone, for plugins: identity's maps with the row ids and digits plugins store. */
function pluginPhones({ identity, device }: Services, numberFormat: string): PluginPhones {
  const online = (phone: { id: number; number: string; source: number } | undefined) =>
    phone ? { phoneId: phone.id, number: phone.number, source: phone.source } : null;
  return {
    bySource: (source) => online(identity.phoneOf(source)),
    byId: (phoneId) => online(identity.byId(phoneId)),
    byNumber: (number) => online(identity.byNumber(canonicalNumber(number))),
    find: async (number) => {
      const phone = await identity.findByNumber(canonicalNumber(number));
      return phone ? { phoneId: phone.id, number: phone.number } : null;
    },
    findById: async (phoneId) => {
      const phone = await identity.findById(phoneId);
      return phone ? { phoneId: phone.id, number: phone.number } : null;
    },
    format: (number) => formatNumber(canonicalNumber(number), numberFormat),
    airplaneMode: (source) => device.airplaneMode(source),
    language: (source) => device.current(source).language,
    onUnloaded: (listener) => identity.subscribe({ loaded: () => {}, unloaded: (phone, left) => listener(online(phone)!, left) }),
  };
}

/**
 * Starts the built-in apps' server plugins in order: each one's migrations (as owner `<app id>`), its app
 * registered by Handset through the same SDK third parties use, then its `start`. A plugin that fails is logged
 * and left out; the others start. Resolves to the started plugins' contexts by app id.
 */
export async function startPlugins(
  plugins: readonly ServerPlugin[],
  services: Services,
  config: Config,
  log: (message: string) => void,
): Promise<Map<string, PluginContext>> {
  const phones = pluginPhones(services, config.numberFormat);
  const started = new Map<string, PluginContext>();
  for (const plugin of plugins) {
    const appId = plugin.manifest.id;
    try {
      await migrate(services.db, appId, plugin.migrations);
      const context: PluginContext = {
        app: registerApp(plugin.manifest),
        db: services.db,
        phones,
        setting: (name, fallback) => GetConvar(`handset:${appId}:${name}`, fallback),
        imageAllowed: (url) => services.media.imageAllowed(url),
        imageHosts: () => services.media.allowedHosts(),
      };
      await plugin.start(context);
      started.set(appId, context);
    } catch (error) {
      log(`Handset could not start the ${appId} app: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return started;
}


/**
 * The plugins' exports, for Handset's export table: each answers once its plugin has started, under Handset's
 * name and under the compatibility names the server owner switched on. With them, `getPhoneIdentity`, whose
 * answer the plugins fill in: `findPhone` looks the character's phone up, online or not.
 */
export function pluginExports(
  plugins: readonly ServerPlugin[],
  started: Promise<Map<string, PluginContext>>,
  findPhone: (identifier: string) => Promise<Phone | undefined>,
): Record<string, ExportEntry> {
  const entries: Record<string, ExportEntry> = {
    // 919PHONE's admin lookup: every field present, null where the character has none or the app is absent.
    getPhoneIdentity: {
      shape: 'value',
      compat: ['amzn_smartphone'],
      call: async (_caller, identifier) => {
        const parsed = identifierSchema.safeParse(identifier);
        if (!parsed.success) throw new Error('INVALID_INPUT: identifier is not valid');
        const phone = await findPhone(parsed.data);
        if (!phone) return null;
        const contexts = await started;
        const fields: Required<PhoneIdentityFields> = {
          mailAddress: null,
          tweederUsername: null,
          tweederDisplayName: null,
          cloutgramUsername: null,
          cloutgramDisplayName: null,
        };
        for (const plugin of plugins) {
          const context = contexts.get(plugin.manifest.id);
          if (context && plugin.identity) Object.assign(fields, await plugin.identity(context, { phoneId: phone.id, number: phone.number }));
        }
        return { identifier: phone.identifier, phoneId: phone.id, phoneNumber: phone.number, ...fields };
      },
    },
  };
  for (const plugin of plugins) {
    for (const [name, entry] of Object.entries(plugin.exports ?? {})) {
      entries[name] = {
        shape: 'value',
        compat: entry.compat,
        call: async (caller, ...args) => {
          const context = (await started).get(plugin.manifest.id);
          if (!context) throw new Error(`UNAVAILABLE: the ${plugin.manifest.id} app is not running`);
          return entry.call(context, caller, ...args);
        },
      };
    }
  }
  return entries;
}
