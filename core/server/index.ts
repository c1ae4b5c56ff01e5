import path from 'node:path';
import { registerAdminCommands } from './admin';
import { version } from '../../package.json';
import { serverPlugins } from '../../apps/server-plugins';
import { installExports } from '../shared/export-table';
import { AppAccess } from './apps/access';
import { Badges } from './apps/badges';
import { pluginExports, startPlugins } from './apps/plugins';
import { createSettingsReader } from './apps/app-settings';
import { createInstallsRepository } from './apps/installs.repository';
import { AppRegistry } from './apps/registry';
import { RequestBridge } from './apps/request-bridge';
import { readConfig } from './config';
import { startOwnerControl } from './owner-control';
import { coreActions } from './core-actions';
import { DeviceState } from './device/device-state';
import { serverExports } from './exports';
import { selectBridge } from './identity/bridges';
import type { OnlinePhone } from './identity/identity';
import type { DeviceSettings } from '../../sdk/protocol/phone-settings';
import { startIdentity } from './identity/identity.service';
import { formatNumber } from './identity/phone-numbers';
import { readMediaConfig } from './media/config';
import { serveLocalMedia } from './media/local';
import { Media } from './media/media';
import { createMediaStore } from './media/store';
import { Notifications } from './notifications/notifications';
import type { Core, Services } from './services';
import { createAppStorage } from './storage/app-storage';
import { coreMigrations } from './storage/core.migrations';
import { migrate } from './storage/migrations';
import { createOxmysqlDatabase } from './storage/oxmysql-database';
import { closeForbiddenApps } from './apps/forbidden-apps';

const self = GetCurrentResourceName();
const log = (message: string) => console.log(message);

// A bad convar throws here: Handset refuses to start rather than run on a guess.
const config = readConfig(GetConvar);
// Client scripts read the compatibility names too; a plain `set` would keep them server-side.
SetConvarReplicated('handset:compat', config.compat.join(' '));
const mediaConfig = readMediaConfig(GetConvar);
const mediaDir = path.join(GetResourcePath(self), 'media');
const mediaStore = createMediaStore(mediaConfig.backend, { dir: mediaDir, resource: self, webBaseUrl: () => GetConvar('web_baseUrl', '') }, log);
// Served whatever the backend: photos stored locally before a switch to another backend keep their URLs.
SetHttpHandler((request: Parameters<typeof serveLocalMedia>[1], response: Parameters<typeof serveLocalMedia>[2]) =>
  void serveLocalMedia(mediaDir, request, response),
);
const settings = createSettingsReader(GetConvar, (message) => console.warn(message));
const registry = new AppRegistry({
  self,
  hasFile: (resource, file) => typeof LoadResourceFile(resource, file) === 'string',
  settings: (appId) => settings.refresh(appId).settings,
});

let services: Services | undefined;
// Read at each request: the owner may change them at run time.
const rate = {
  get perSecond() {
    return config.requestsPerSecond;
  },
  get burst() {
    return config.requestBurst;
  },
};
const bridge = new RequestBridge(registry, coreActions, () => services, log, rate);
const badges = new Badges(registry, () => services, (source, appId, count) => emitNet('handset:badge', source, appId, count), log);

/** What the player's phone shows: the number laid out in the server's format (and the format, for apps), airplane mode, settings, passcode. */
function phoneState(phone: OnlinePhone, device: DeviceSettings) {
  return { number: formatNumber(phone.number, config.numberFormat), numberFormat: config.numberFormat, ...device };
}

async function start(): Promise<Services> {
  const db = await createOxmysqlDatabase();
  await migrate(db, 'core', coreMigrations);
  // Read at each attempt: the owner may change them at run time.
  const policy = {
    get attempts() {
      return config.passcodeAttempts;
    },
    get lockoutSeconds() {
      return config.passcodeLockoutSeconds;
    },
    get language() {
      return config.language;
    },
  };
  const device = new DeviceState(db, policy, (phone, state) => emitNet('handset:phone:state', phone.source, phoneState(phone, state)));
  const access = new AppAccess(registry, settings.get, createInstallsRepository(db));
  const bridge = selectBridge(config.framework);
  const setupProblem = bridge.setupProblem?.();
  if (setupProblem) log(setupProblem);
  const identity = await startIdentity({ db, bridge, numberFormat: config.numberFormat });
  const notifications = new Notifications(db, identity, device, (source, notification) =>
    emitNet('handset:notification', source, notification),
  );
  identity.subscribe({
    loaded: (phone) => {
      void device.load(phone, () => identity.phoneOf(phone.source)?.id === phone.id);
      badges.loaded(phone.source);
    },
    unloaded: (phone) => {
      device.unload(phone.source);
      badges.unloaded(phone.source);
      access.forget(phone.id);
      emitNet('handset:phone:state', phone.source, null);
    },
    // Apps restricted to jobs come and go with a new job or grade.
    jobChanged: (phone) => {
      emitNet('handset:apps:changed', phone.source, appOwners());
      if (services) void closeForbiddenApps(services, phone.source, registry.all().map((app) => app.manifest.id));
    },
  });
  for (const phone of identity.online()) {
    await device.load(phone, () => identity.phoneOf(phone.source)?.id === phone.id);
    badges.loaded(phone.source);
  }
  const media = new Media(db, mediaStore, mediaConfig, config.imageHosts, log);
  return { db, identity, device, access, notifications, badges, storage: createAppStorage(db), media };
}

const ready = start();
const core: Core = { config, registry, bridge, badges, ready, started: () => services };
// Built-in apps register through Handset's own exports, complete only once every script of the resource ran.
const resourceStarted = new Promise<void>((resolve) => on('onResourceStart', (resource: string) => resource === self && resolve()));
const plugins = Promise.all([ready, resourceStarted]).then(([started]) => startPlugins(serverPlugins, started, config, log));

registerAdminCommands(() => ready, () => config.adminAce, log);
installExports({ ...serverExports(core), ...pluginExports(serverPlugins, plugins, async (identifier) => (await ready).identity.findByIdentifier(identifier)) }, config.compat);

const appOwners = () => registry.all().map((app) => ({ id: app.manifest.id, owner: app.owner }));
startOwnerControl({
  config,
  registry,
  appSettings: settings,
  services: () => services,
  appsChanged: () => emitNet('handset:apps:changed', -1, appOwners()),
  log,
});
registry.subscribe((change) => {
  emitNet('handset:apps:changed', -1, appOwners());
  if (change.type !== 'unregistered' || !services) return;
  const appId = change.app.manifest.id;
  for (const source of services.device.sourcesWithApp(appId)) {
    services.device.setAppOpen(source, appId, false);
    emitNet('handset:app:closed', source, appId);
  }
});

onNet('handset:request', (...args: unknown[]) => {
  const player = Number(source);
  void bridge.handle(player, args).then((result) => {
    if (result) emitNet('handset:response', player, result.id, result.answer);
  });
});

// A client (re)started asks for what it missed: its phone state and who owns which app.
onNet('handset:client:ready', () => {
  const player = Number(source);
  emitNet('handset:apps:changed', player, appOwners());
  const phone = services?.identity.phoneOf(player);
  const device = services?.device.settings(player);
  if (phone && device) emitNet('handset:phone:state', player, phoneState(phone, device));
  badges.resend(player);
});

on('playerDropped', () => bridge.forgetPlayer(Number(source)));

on('onResourceStop', (resource: string) => {
  if (resource === self) badges.stop();
  else registry.ownerStopped(resource);
});

ready.then(
  async (started) => {
    services = started;
    await plugins;
    log(`Handset ${version} started`);
  },
  (error: unknown) => console.error(`Handset failed to start: ${error instanceof Error ? error.message : String(error)}`),
);
