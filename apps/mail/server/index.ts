import { defineServerPlugin } from '@handset/sdk/server/plugin';
import { registerMailRequests } from './mail.controller';
import { mailExports } from './mail.exports';
import { mailMigrations } from './mail.migrations';
import { mailServiceFor } from './mail.service';

/** The mail app's server side: addresses and mailboxes, the page's actions, and the mail exports (amzn_smartphone's too). */
export const mailPlugin = defineServerPlugin({
  manifest: {
    id: 'mail',
    label: 'Mail',
    translations: { es: { label: 'Correo' }, de: { label: 'Mail' } },
    icon: 'dist/apps/mail/icon.svg',
    color: '#0a84ff',
    category: 'default',
    ui: 'dist/apps/mail/index.html',
    permissions: ['contacts:read'],
  },
  migrations: mailMigrations,
  start(context) {
    const service = mailServiceFor(context);
    registerMailRequests(context, service);
    context.app.onBadge(async (source) => {
      const phone = context.phones.bySource(source);
      return phone ? service.unread(phone.phoneId) : 0;
    });
  },
  exports: mailExports,
  identity: async (context, phone) => ({ mailAddress: (await mailServiceFor(context).address(phone.phoneId))?.address ?? null }),
});
