import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { PhoneRef, PluginContext, PluginExport } from '@handset/sdk/server/plugin';
import type { ContactRecord } from './contacts.repository';
import { MAX_NAMED_NUMBERS } from './contacts.repository';
import { addContactSchema, contactNumberSchema, contactsServiceFor, NUMBER_MESSAGE } from './contacts.service';

/**
 * A contact as 17mov_Phone's exports return it: `number` is the owner's, `contactNumber` the contact's, both
 * in the server's display format.
 */
export interface PhoneContact {
  id: number;
  number: string;
  contactNumber: string;
  name: string;
  firstname: string;
  lastname: string;
  notes: string;
  image: string | null;
  isBlocked: boolean;
  favorite: boolean;
}

export type AddContactResult = { success: true; contact: PhoneContact } | { success: false; message: string };

const sourceSchema = z.number().int().positive();
/** A phone number from another resource, a string or a (Lua) number, as its digits; undefined when malformed. */
const digitsOf = (value: unknown): string | undefined =>
  contactNumberSchema.safeParse(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value).data;
/** The numbers a name look-up asks for: a list (a Lua sequence) of at most MAX_NAMED_NUMBERS strings or numbers. */
const numbersArgument = z.array(z.union([z.string().max(32), z.number()])).max(MAX_NAMED_NUMBERS);
const contactIdArgument = z
  .union([z.number(), z.string().regex(/^\d{1,15}$/).transform(Number)])
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

const toPhoneContact = (context: PluginContext, owner: PhoneRef, contact: ContactRecord): PhoneContact => ({
  id: contact.id,
  number: context.phones.format(owner.number),
  contactNumber: context.phones.format(contact.number),
  name: contact.displayName,
  firstname: contact.firstName,
  lastname: contact.lastName,
  notes: contact.notes,
  image: contact.avatarUrl,
  isBlocked: contact.blocked,
  favorite: contact.favorite,
});

/** Tells the owner's open contacts page that its list changed; a closed page or an offline owner needs nothing. */
function pushChanged(context: PluginContext, ownerPhoneId: number): void {
  const online = context.phones.byId(ownerPhoneId);
  if (online) context.app.sendAppMessage(online.source, 'contacts.changed', null);
}

/** The phone with this number, online (from memory) or not (one query). */
async function ownerByNumber(context: PluginContext, number: unknown): Promise<PhoneRef | null> {
  const digits = digitsOf(number);
  if (digits === undefined) return null;
  return context.phones.byNumber(digits) ?? (await context.phones.find(digits));
}

function ownerBySource(context: PluginContext, source: unknown): PhoneRef | null {
  const parsed = sourceSchema.safeParse(source);
  return parsed.success ? context.phones.bySource(parsed.data) : null;
}

async function list(context: PluginContext, owner: PhoneRef | null): Promise<PhoneContact[]> {
  if (!owner) return [];
  const contacts = await contactsServiceFor(context).list(owner.phoneId);
  return contacts.map((contact) => toPhoneContact(context, owner, contact));
}

async function add(context: PluginContext, owner: PhoneRef | null, fields: unknown[]): Promise<AddContactResult> {
  if (!owner) return { success: false, message: 'no phone has that source or number' };
  const [contactNumber, firstName, lastName, notes, image] = fields;
  const number = digitsOf(contactNumber);
  if (number === undefined) return { success: false, message: NUMBER_MESSAGE };
  const input = addContactSchema.safeParse({
    number,
    firstName,
    // Lua's nil arrives as null or not at all; both mean "none" for the optional fields.
    lastName: lastName ?? undefined,
    notes: notes ?? undefined,
    avatarUrl: image ?? undefined,
  });
  if (!input.success) return { success: false, message: input.error.issues[0]!.message };
  try {
    const contact = await contactsServiceFor(context).add(owner.phoneId, input.data);
    pushChanged(context, owner.phoneId);
    return { success: true, contact: toPhoneContact(context, owner, contact) };
  } catch (error) {
    if (error instanceof HandsetError) return { success: false, message: error.message };
    throw error;
  }
}

const compat = (name: string) => [{ resource: '17mov_Phone', name }];

/**
 * The contacts exports, under Handset's names and (with `set handset:compat "17mov_Phone"`) 17mov_Phone's.
 * Bad arguments answer as "nothing": [] for the lists, `{ success: false, message }` for adds, false otherwise.
 */
export const contactsExports: Record<string, PluginExport> = {
  getContacts: {
    compat: compat('PhoneApp_FetchContactsBySrc'),
    call: (context, _caller, source) => list(context, ownerBySource(context, source)),
  },
  getContactsByNumber: {
    compat: compat('PhoneApp_FetchContactsByNumber'),
    call: async (context, _caller, number) => list(context, await ownerByNumber(context, number)),
  },
  addContact: {
    compat: compat('PhoneApp_AddContactBySrc'),
    call: (context, _caller, source, ...fields) => add(context, ownerBySource(context, source), fields),
  },
  addContactByNumber: {
    compat: compat('PhoneApp_AddContactByNumber'),
    call: async (context, _caller, number, ...fields) => add(context, await ownerByNumber(context, number), fields),
  },
  deleteContact: {
    compat: compat('PhoneApp_DeleteContact'),
    call: async (context, _caller, contactId) => {
      const id = contactIdArgument.safeParse(contactId);
      if (!id.success) return false;
      const owner = await contactsServiceFor(context).removeAnyOwner(id.data);
      if (owner !== null) pushChanged(context, owner);
      return owner !== null;
    },
  },
  /**
   * For the other built-in apps (Phone, Messages): the names the phone `ownerNumber` gave these numbers, as
   * `{ [digits]: name }` for the ones it saved; `{}` on bad arguments. One indexed read for the numbers asked.
   */
  contactNames: {
    compat: [],
    call: async (context, _caller, ownerNumber, numbers) => {
      const wanted = numbersArgument.safeParse(numbers);
      const owner = wanted.success ? await ownerByNumber(context, ownerNumber) : null;
      if (!owner || !wanted.success) return {};
      const digits = wanted.data.flatMap((number) => digitsOf(number) ?? []);
      return Object.fromEntries(await contactsServiceFor(context).namesFor(owner.phoneId, digits));
    },
  },
  /** For the other built-in apps (Phone, Messages): whether the phone `ownerNumber` blocked `number`. */
  isNumberBlocked: {
    compat: [],
    call: async (context, _caller, ownerNumber, number) => {
      const digits = digitsOf(number);
      const owner = await ownerByNumber(context, ownerNumber);
      return digits !== undefined && owner !== null && contactsServiceFor(context).isBlocked(owner.phoneId, digits);
    },
  },
  /** For the other built-in apps (Phone's "Block this caller"): blocks `number` for the phone `ownerNumber` without a contact. */
  blockNumber: {
    compat: [],
    call: async (context, _caller, ownerNumber, number) => {
      const digits = digitsOf(number);
      const owner = await ownerByNumber(context, ownerNumber);
      if (digits === undefined || owner === null || digits === owner.number) return false;
      await contactsServiceFor(context).blockNumber(owner.phoneId, digits);
      return true;
    },
  },
};
