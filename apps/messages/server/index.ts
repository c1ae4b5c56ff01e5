import { defineServerPlugin, type PluginContext } from '@handset/sdk/server/plugin';
import { contactsThroughExports } from './contacts-link';
import { registerMessagesRequests } from './messages.controller';
import { messagesExports, setMessagesService } from './messages.exports';
import { messagesMigrations } from './messages.migrations';
import { createMessagesRepository } from './messages.repository';
import { DEFAULT_LIMITS, MessagesService } from './messages.service';

// The CitizenFX globals used here, declared in this module so that tests outside the game type-check it.
declare function on(eventName: string, callback: (...args: never[]) => void): void;
declare const source: number;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The server owner's whole-number setting `handset:messages:<name>` within [min, max]; the default otherwise, with a warning. */
function wholeSetting({ setting }: PluginContext, name: string, fallback: number, min: number, max: number): number {
  const text = setting(name, String(fallback)).trim();
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= min && value <= max) return value;
  console.warn(`handset:messages:${name} must be a whole number from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

function start(context: PluginContext): void {
  const { app, db, phones } = context;
  const log = (message: string) => console.error(`[messages] ${message}`);
  const service = new MessagesService({
    repository: createMessagesRepository(db),
    phones,
    contacts: contactsThroughExports,
    signals: {
      push: (player, type, data) => app.sendAppMessage(player, type, data).ok,
      notify: (player, notification) =>
        app.notify(player, notification).then(
          () => undefined,
          (error: unknown) => log(`a message notice to player ${player} failed: ${errorText(error)}`),
        ),
      badgeChanged: (phone) => {
        const online = phones.byId(phone.phoneId);
        if (online) app.refreshBadge(online.source);
      },
    },
    imageAllowed: context.imageAllowed,
    log,
    sendRate: {
      perSecond: wholeSetting(context, 'send_per_minute', 300, 1, 6000) / 60,
      burst: wholeSetting(context, 'send_burst', 10, 1, 100),
    },
    perTargetPerMinute: wholeSetting(context, 'per_target_per_minute', 30, 1, 600),
    limits: {
      maxGroups: wholeSetting(context, 'max_groups', DEFAULT_LIMITS.maxGroups, 1, 100_000),
      maxNewThreadsPerHour: wholeSetting(context, 'max_new_threads_per_hour', DEFAULT_LIMITS.maxNewThreadsPerHour, 1, 100_000),
    },
  });
  app.onBadge(async (player) => {
    const phone = phones.bySource(player);
    return phone ? service.unreadThreads(phone) : 0;
  });
  setMessagesService(context, service);
  registerMessagesRequests(context, service);
  on('playerDropped', () => service.forget(Number(source)));
  on('onResourceStop', (resource: string) => service.ownerStopped(resource));
}

/** The messages app's server side: threads, messages, read pointers and groups, and the messages exports. */
export const messagesPlugin = defineServerPlugin({
  manifest: {
    id: 'messages',
    label: 'Messages',
    translations: { es: { label: 'Mensajes' }, de: { label: 'Nachrichten' } },
    icon: 'dist/apps/messages/icon.svg',
    color: '#30d158',
    category: 'default',
    ui: 'dist/apps/messages/index.html',
    permissions: ['contacts:read', 'gallery', 'camera', 'location', 'share'],
  },
  migrations: messagesMigrations,
  start,
  exports: messagesExports,
});
