import { defineServerPlugin } from '@handset/sdk/server/plugin';
import { registerCloutgramRequests } from './cloutgram.controller';
import { cloutgramExports } from './cloutgram.exports';
import { cloutgramFor, PRUNE_EVERY_MS } from './cloutgram.live';
import { cloutgramMigrations } from './cloutgram.migrations';

/** Cloutgram's server side: accounts, photo posts, comments, stories and notifications, the page's actions, and the moderation exports. */
export const cloutgramPlugin = defineServerPlugin({
  manifest: {
    id: 'cloutgram',
    label: 'Cloutgram',
    icon: 'dist/apps/cloutgram/icon.svg',
    color: '#d62976',
    category: 'default',
    ui: 'dist/apps/cloutgram/index.html',
    permissions: ['camera', 'gallery'],
  },
  migrations: cloutgramMigrations,
  start(context) {
    const { service, live } = cloutgramFor(context);
    registerCloutgramRequests(context, service, live);
    context.app.onBadge(async (source) => {
      const phone = context.phones.bySource(source);
      const account = phone && (await service.graph.accountOfPhone(phone.phoneId));
      return account ? service.unread(account.id) : 0;
    });
    // Expired stories are never served; this only frees their rows, in batches, now and then.
    const prune = () => void service.pruneStories().catch((error: unknown) => console.warn(`Handset cloutgram: expired stories not pruned: ${String(error)}`));
    prune();
    setInterval(prune, PRUNE_EVERY_MS);
  },
  exports: cloutgramExports,
  identity: async (context, phone) => {
    const account = await cloutgramFor(context).service.graph.accountOfPhone(phone.phoneId);
    return { cloutgramUsername: account?.handle ?? null, cloutgramDisplayName: account?.displayName ?? null };
  },
});
