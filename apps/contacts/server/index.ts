import { defineServerPlugin } from '@handset/sdk/server/plugin';
import { registerContactsRequests } from './contacts.controller';
import { contactsExports } from './contacts.exports';
import { contactsMigrations } from './contacts.migrations';
import { contactsServiceFor } from './contacts.service';

/** The contacts app's server side: its table, the page's actions, and the contact exports (17mov_Phone's too). */
export const contactsPlugin = defineServerPlugin({
  manifest: {
    id: 'contacts',
    label: 'Contacts',
    translations: { es: { label: 'Contactos' }, de: { label: 'Kontakte' } },
    icon: 'dist/apps/contacts/icon.svg',
    color: '#8e8e93',
    category: 'default',
    ui: 'dist/apps/contacts/index.html',
    permissions: ['share'],
  },
  migrations: contactsMigrations,
  start: (context) => registerContactsRequests(context, contactsServiceFor(context)),
  exports: contactsExports,
});
