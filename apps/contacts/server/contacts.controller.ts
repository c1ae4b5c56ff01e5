import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import type { PluginContext } from '../../../sdk/server/plugin';
import type { ContactRecord } from './contacts.repository';
import {
  addContactSchema,
  contactIdSchema,
  requestIdSchema,
  setBlockedSchema,
  setFavoriteSchema,
  updateContactSchema,
  type ContactsService,
} from './contacts.service';

/** A contact as the app's page gets it (see the README). */
export interface Contact {
  id: number;
  number: string;
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

  app.onRequest('contacts.list', z.object({}).nullish(), async ({ source }) => (await service.list(phoneOf(source))).map(toContact));
  app.onRequest('contacts.add', addContactSchema.extend({ requestId: requestIdSchema }), async ({ source }, input) =>
    toContact(await service.add(phoneOf(source), input)),
  );
  app.onRequest('contacts.update', updateContactSchema, async ({ source }, input) => toContact(await service.update(phoneOf(source), input)));
  app.onRequest('contacts.delete', contactIdSchema, async ({ source }, { id }) => {
    await service.remove(phoneOf(source), id);
    return null;
  });
  app.onRequest('contacts.setFavorite', setFavoriteSchema, async ({ source }, { id, favorite }) =>
    toContact(await service.setFavorite(phoneOf(source), id, favorite)),
  );
  app.onRequest('contacts.setBlocked', setBlockedSchema, async ({ source }, { id, blocked }) =>
    toContact(await service.setBlocked(phoneOf(source), id, blocked)),
  );
}
