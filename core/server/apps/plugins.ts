import { registerApp } from '../../../sdk/server';
import type { PluginContext, PluginPhones, ServerPlugin } from '../../../sdk/server/plugin';
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
    byId: (phoneId) => online(identity.online().find((phone) => phone.id === phoneId)),
    byNumber: (number) => online(identity.byNumber(canonicalNumber(number))),
    find: async (number) => {
      const phone = await identity.findByNumber(canonicalNumber(number));
      return phone ? { phoneId: phone.id, number: phone.number } : null;
    },
    format: (number) => formatNumber(canonicalNumber(number), numberFormat),
    airplaneMode: (source) => device.airplaneMode(source),
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
 * name and under the compatibility names the server owner switched on.
 */
export function pluginExports(plugins: readonly ServerPlugin[], started: Promise<Map<string, PluginContext>>): Record<string, ExportEntry> {
  const entries: Record<string, ExportEntry> = {};
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
