import { z } from 'zod';
import { isNumberBlocked } from '@handset/sdk/server';

/** The names a phone gave its contacts, by the contacts' digits. */
export type ContactNames = ReadonlyMap<string, string>;

export const NO_NAMES: ContactNames = new Map();

/** What Messages asks of the Contacts app: names as each owner saved numbers, and who blocked whom. */
export interface ContactsLink {
  /** The names the phone `ownerNumber` gave its contacts. */
  names(ownerNumber: string): Promise<ContactNames>;
  /** Whether the phone `ownerNumber` blocked `number`. */
  isBlocked(ownerNumber: string, number: string): Promise<boolean>;
}

// The CitizenFX global, declared here so that tests outside the game type-check this module.
declare const exports: Record<string, Record<string, ((...args: unknown[]) => unknown) | undefined> | undefined>;

/** A contact as the Contacts app's `getContactsByNumber` export answers it; only what Messages reads. */
const phoneContactSchema = z.object({ contactNumber: z.string(), name: z.string().min(1) });

/**
 * The names in an answer of `getContactsByNumber` (`PhoneContact[]`, numbers in the server's format), by
 * digits. The answer crosses from another resource's export: entries that are not contacts are skipped.
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

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Calls Handset's export `name`; `absent` when no app answers it (Contacts disabled or left out). */
async function handsetExport<T>(name: string, args: unknown[], absent: T, read: (answer: unknown) => T): Promise<T> {
  const call = exports['handset']?.[name];
  if (!call) return absent;
  try {
    return read(await call(...args));
  } catch (error) {
    if (/No such export|is not running/.test(errorText(error))) return absent;
    throw error;
  }
}

/** The Contacts app through Handset's exports, as any resource reaches it: nobody is named or blocked without it. */
export const contactsThroughExports: ContactsLink = {
  names: (ownerNumber) => handsetExport('getContactsByNumber', [ownerNumber], NO_NAMES, namesByNumber),
  isBlocked: isNumberBlocked,
};
