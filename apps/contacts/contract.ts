import { action, defineContract } from '@handset/sdk/contract';
import type { ContactRecord } from './server/contacts.repository';
import {
  addContactSchema,
  contactIdSchema,
  listPageSchema,
  requestIdSchema,
  searchSchema,
  setBlockedSchema,
  setFavoriteSchema,
  updateContactSchema,
} from './server/contacts.service';

/** A contact as every action answers it: the stored one, with its number also in the server's format (`displayNumber`). */
export type Contact = Omit<ContactRecord, 'phoneId'> & { displayNumber: string };

/** The Contacts page's actions, each on the caller's own phone (README: "The page's actions"). */
export const contactsContract = defineContract({
  'contacts.list': action(listPageSchema).answers<{ contacts: Contact[]; cursor: string | null }>(),
  'contacts.search': action(searchSchema).answers<Contact[]>(),
  'contacts.add': action(addContactSchema.extend({ requestId: requestIdSchema })).answers<Contact>(),
  'contacts.update': action(updateContactSchema).answers<Contact>(),
  'contacts.delete': action(contactIdSchema).answers<null>(),
  'contacts.setFavorite': action(setFavoriteSchema).answers<Contact>(),
  'contacts.setBlocked': action(setBlockedSchema).answers<Contact>(),
});
