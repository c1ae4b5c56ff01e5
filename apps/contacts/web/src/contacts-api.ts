import { canonicalNumber, contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { ActionInput } from '@handset/sdk/contract';
import type { Contact, contactsContract } from '../../contract';
import type { ContactsText } from './messages';

export type { Contact };

/** What the add/edit form edits, as typed (untrimmed; an empty avatar URL means none). */
export interface ContactFields {
  firstName: string;
  lastName: string;
  number: string;
  notes: string;
  avatarUrl: string;
}

export const EMPTY_FIELDS: ContactFields = { firstName: '', lastName: '', number: '', notes: '', avatarUrl: '' };

export function fieldsOf(contact: Contact): ContactFields {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    number: contact.displayNumber,
    notes: contact.notes,
    avatarUrl: contact.avatarUrl ?? '',
  };
}

/** The name the server gives a contact unless told otherwise: "first last". */
export function defaultDisplayName(firstName: string, lastName: string): string {
  return `${firstName.trim()} ${lastName.trim()}`.trim();
}

/** The name a contact's avatar takes its initials from: first and last name, else the display name. */
export function avatarName(person: { firstName: string; lastName: string; displayName: string }): string {
  return defaultDisplayName(person.firstName, person.lastName) || person.displayName;
}

/** Favorites first, then by name, as the server sorts: kept when the page changes the list itself. Later copies of a contact win. */
export function sortContacts(contacts: Contact[]): Contact[] {
  return [...new Map(contacts.map((contact) => [contact.id, contact])).values()].sort(
    (a, b) => Number(b.favorite) - Number(a.favorite) || a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }),
  );
}

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: ContactsText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** The server plugin's actions, typed by the contract. */
export function contactsApi(app: HandsetApp) {
  const contacts = contractClient<typeof contactsContract>(app);
  return {
    /** A page of the list: the first without `cursor`, then the one after the cursor the previous page answered. */
    list: (cursor: string | null) => contacts.request('contacts.list', cursor === null ? {} : { cursor }),
    search: (query: string) => contacts.request('contacts.search', { query, limit: 50 }),
    add: (fields: ContactFields, requestId: string) =>
      contacts.request('contacts.add', {
        requestId,
        firstName: fields.firstName.trim(),
        number: fields.number.trim(),
        ...(fields.lastName.trim() && { lastName: fields.lastName.trim() }),
        ...(fields.notes.trim() && { notes: fields.notes.trim() }),
        ...(fields.avatarUrl.trim() && { avatarUrl: fields.avatarUrl.trim() }),
      }),
    update: (update: ContactUpdate) => contacts.request('contacts.update', update),
    remove: (id: number) => contacts.request('contacts.delete', { id }),
    setFavorite: (id: number, favorite: boolean) => contacts.request('contacts.setFavorite', { id, favorite }),
    setBlocked: (id: number, blocked: boolean) => contacts.request('contacts.setBlocked', { id, blocked }),
  };
}

/** What `contacts.update` takes: the id, and any field to change. */
export type ContactUpdate = ActionInput<typeof contactsContract, 'contacts.update'>;

/** The update's payload: the id and the fields that differ, so an edit never rewrites what the player left alone. */
export function changes(contact: Contact, fields: ContactFields): ContactUpdate {
  const update: ContactUpdate = { id: contact.id };
  for (const key of ['firstName', 'lastName', 'number', 'notes'] as const) {
    const value = fields[key].trim();
    // The form shows the number in the server's format; only other digits are a change.
    const same = key === 'number' ? canonicalNumber(value) === contact.number : value === contact[key];
    if (!same) update[key] = value;
  }
  const avatarUrl = fields.avatarUrl.trim() || null;
  if (avatarUrl !== contact.avatarUrl) update.avatarUrl = avatarUrl;
  // A renamed contact is shown by its new name, not the one it was saved with.
  if (update.firstName !== undefined || update.lastName !== undefined) {
    update.displayName = defaultDisplayName(fields.firstName, fields.lastName);
  }
  return update;
}
