import { z } from 'zod';

/** The names a phone gave its contacts, by the contacts' digits. */
export type ContactNames = ReadonlyMap<string, string>;

export const NO_NAMES: ContactNames = new Map();

/** A contact as the Contacts app's `getContactsByNumber` export answers it; only what the phone app reads. */
const phoneContactSchema = z.object({ contactNumber: z.string(), name: z.string().min(1) });

/**
 * The names in an answer of the Contacts app's `getContactsByNumber` export (`PhoneContact[]`, numbers in the
 * server's format), by digits. The answer crosses from another resource's export: entries that are not
 * contacts are skipped, and anything but a list has no names.
 */
export function namesByNumber(contacts: unknown): ContactNames {
  const names = new Map<string, string>();
  if (!Array.isArray(contacts)) return names;
  for (const entry of contacts) {
    const contact = phoneContactSchema.safeParse(entry);
    if (contact.success) names.set(contact.data.contactNumber.replace(/\D/g, ''), contact.data.name);
  }
  return names;
}
