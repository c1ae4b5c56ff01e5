import { defineServerPlugin } from '@handset/sdk/server/plugin';
import { registerTweederRequests } from './tweeder.controller';
import { tweederExports } from './tweeder.exports';
import { tweederFor } from './tweeder.live';
import { tweederMigrations } from './tweeder.migrations';

/** Tweeder's server side: accounts, posts, follows, blocks and notifications, the page's actions, and the moderation exports. */
export const tweederPlugin = defineServerPlugin({
  manifest: {
    id: 'tweeder',
    label: 'Tweeder',
    icon: 'dist/apps/tweeder/icon.svg',
    color: '#1d9bf0',
    category: 'default',
    ui: 'dist/apps/tweeder/index.html',
    permissions: ['camera', 'gallery'],
  },
  migrations: tweederMigrations,
  start(context) {
    const { service, live } = tweederFor(context);
    registerTweederRequests(context, service, live);
    context.app.onBadge(async (source) => {
      const phone = context.phones.bySource(source);
      const account = phone && (await service.accountOfPhone(phone.phoneId));
      return account ? service.unread(account.id) : 0;
    });
  },
  exports: tweederExports,
  identity: async (context, phone) => {
    const account = await tweederFor(context).service.accountOfPhone(phone.phoneId);
    return { tweederUsername: account?.handle ?? null, tweederDisplayName: account?.displayName ?? null };
  },
});
