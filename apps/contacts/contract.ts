import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import { addContactSchema, contactIdSchema, requestIdSchema, setBlockedSchema, setFavoriteSchema, updateContactSchema } from './server/contacts.service';

/** A contact as every action answers it. */
export interface Contact {
  id: number;
  /** Digits only. */
  number: string;
  /** The number in the server's format, for display. */
  displayNumber: string;
  firstName: string;
  lastName: string;
  displayName: string;
  notes: string;
  avatarUrl: string | null;
  favorite: boolean;
  blocked: boolean;
  createdAt: number;
}

/** The Contacts page's actions, each on the caller's own phone (README: "The page's actions"). */
export const contactsContract = defineContract({
  'contacts.list': action(z.object({}).nullish()).answers<Contact[]>(),
  'contacts.add': action(addContactSchema.extend({ requestId: requestIdSchema })).answers<Contact>(),
  'contacts.update': action(updateContactSchema).answers<Contact>(),
  'contacts.delete': action(contactIdSchema).answers<null>(),
  'contacts.setFavorite': action(setFavoriteSchema).answers<Contact>(),
  'contacts.setBlocked': action(setBlockedSchema).answers<Contact>(),
});
