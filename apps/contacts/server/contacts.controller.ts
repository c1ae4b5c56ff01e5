import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PluginContext } from '@handset/sdk/server/plugin';
import type { ContactRecord } from './contacts.repository';
import { contactsContract, type Contact } from '../contract';
import type { ContactsService } from './contacts.service';

/** Answers the contacts page's requests, each on the caller's own phone (from `source`, never the payload). */
export function registerContactsRequests({ app, phones }: PluginContext, service: ContactsService): void {
  const phoneOf = (source: number) => {
    const phone = phones.bySource(source);
    if (!phone) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return phone.phoneId;
  };
  const toContact = (contact: ContactRecord): Contact => ({
    id: contact.id,
    number: contact.number,
    displayNumber: phones.format(contact.number),
    firstName: contact.firstName,
    lastName: contact.lastName,
    displayName: contact.displayName,
    notes: contact.notes,
    avatarUrl: contact.avatarUrl,
    favorite: contact.favorite,
    blocked: contact.blocked,
    createdAt: contact.createdAt,
  });

  app.serve(contactsContract, {
    'contacts.list': async ({ source }, input) => {
      const { contacts, cursor } = await service.page(phoneOf(source), input);
      return { contacts: contacts.map(toContact), cursor };
    },
    'contacts.search': async ({ source }, input) => (await service.search(phoneOf(source), input)).map(toContact),
    'contacts.add': async ({ source }, input) => toContact(await service.add(phoneOf(source), input)),
    'contacts.update': async ({ source }, input) => toContact(await service.update(phoneOf(source), input)),
    'contacts.delete': async ({ source }, { id }) => {
      await service.remove(phoneOf(source), id);
      return null;
    },
    'contacts.setFavorite': async ({ source }, { id, favorite }) => toContact(await service.setFavorite(phoneOf(source), id, favorite)),
    'contacts.setBlocked': async ({ source }, { id, blocked }) => toContact(await service.setBlocked(phoneOf(source), id, blocked)),
  });
}
