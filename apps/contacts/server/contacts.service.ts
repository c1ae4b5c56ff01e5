import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { DatabaseError } from '@handset/sdk/server/database';
import type { PluginContext, PluginPhones } from '@handset/sdk/server/plugin';
import {
  createContactsRepository,
  MAX_NAMED_NUMBERS,
  type ContactFields,
  type ContactRecord,
  type ContactsRepository,
  type ListPosition,
} from './contacts.repository';

export const NUMBER_MESSAGE = 'a number is 3-15 digits, with optional spaces and ( ) + - .';

/** A phone number as players type it: digits with optional punctuation; canonical as its digits only. */
export const contactNumberSchema = z
  .string({ error: NUMBER_MESSAGE })
  .max(32, NUMBER_MESSAGE)
  .regex(/^[0-9 ()+\-.]*$/, NUMBER_MESSAGE)
  .transform((text) => text.replace(/\D/g, ''))
  .refine((digits) => digits.length >= 3 && digits.length <= 15, NUMBER_MESSAGE);

const text = (label: string, min: number, max: number) => {
  const message = min > 0 ? `${label} must be ${min}-${max} characters` : `${label} must be at most ${max} characters`;
  return z.string({ error: message }).trim().min(min, message).max(max, message);
};

const AVATAR_MESSAGE = 'the avatar must be an https URL of at most 500 characters';

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An avatar's address: https only; '' and null mean none. */
const avatarUrlSchema = z
  .string({ error: AVATAR_MESSAGE })
  .trim()
  .max(500, AVATAR_MESSAGE)
  .refine((url) => url === '' || isHttpsUrl(url), AVATAR_MESSAGE)
  .transform((url) => url || null)
  .nullable();

const ID_MESSAGE = 'id must be a contact id';
const idSchema = z.number({ error: ID_MESSAGE }).int(ID_MESSAGE).positive(ID_MESSAGE).max(Number.MAX_SAFE_INTEGER, ID_MESSAGE);
const flagSchema = (name: string) => z.boolean({ error: `${name} must be true or false` });

const REQUEST_ID_MESSAGE = 'requestId must be 1-64 characters';
/** The client-generated id of a request that creates something, so that a retry finds what it created. */
export const requestIdSchema = z.string({ error: REQUEST_ID_MESSAGE }).min(1, REQUEST_ID_MESSAGE).max(64, REQUEST_ID_MESSAGE);

/** A new contact's fields, as `contacts.add` (with its `requestId`) and the add exports take them. */
export const addContactSchema = z.object({
  number: contactNumberSchema,
  firstName: text('first name', 1, 32),
  lastName: text('last name', 0, 32).default(''),
  displayName: text('display name', 0, 64).optional(),
  notes: text('notes', 0, 500).default(''),
  avatarUrl: avatarUrlSchema.default(null),
  favorite: flagSchema('favorite').default(false),
});
export type AddContactInput = z.output<typeof addContactSchema> & { requestId?: string };

/** What `contacts.update` takes: the contact's id and the fields that change. */
export const updateContactSchema = z.object({
  id: idSchema,
  number: contactNumberSchema.optional(),
  firstName: text('first name', 1, 32).optional(),
  lastName: text('last name', 0, 32).optional(),
  displayName: text('display name', 0, 64).optional(),
  notes: text('notes', 0, 500).optional(),
  avatarUrl: avatarUrlSchema.optional(),
});
export type UpdateContactInput = z.output<typeof updateContactSchema>;

export const contactIdSchema = z.object({ id: idSchema });

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
const CURSOR_MESSAGE = 'cursor must be one a contacts list answered';
const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** What `contacts.list` takes: where the previous page ended (its `cursor`), and how many to answer. */
export const listPageSchema = z
  .object({
    cursor: z.string({ error: CURSOR_MESSAGE }).max(200, CURSOR_MESSAGE).optional(),
    limit: z.number({ error: LIMIT_MESSAGE }).int(LIMIT_MESSAGE).min(1, LIMIT_MESSAGE).max(MAX_PAGE_SIZE, LIMIT_MESSAGE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

export const MAX_SEARCH_RESULTS = 50;
const QUERY_MESSAGE = 'query must be 1-64 characters';
const SEARCH_LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_SEARCH_RESULTS}`;

/** What `contacts.search` takes: text in a name, or digits in a number. */
export const searchSchema = z
  .object({
    query: z.string({ error: QUERY_MESSAGE }).trim().min(1, QUERY_MESSAGE).max(64, QUERY_MESSAGE),
    limit: z
      .number({ error: SEARCH_LIMIT_MESSAGE })
      .int(SEARCH_LIMIT_MESSAGE)
      .min(1, SEARCH_LIMIT_MESSAGE)
      .max(MAX_SEARCH_RESULTS, SEARCH_LIMIT_MESSAGE)
      .default(20),
  })
  .strict();

/** A list page's end, opaque to the page. */
const encodeCursor = ({ favorite, displayName, id }: ListPosition) => Buffer.from(JSON.stringify([favorite ? 1 : 0, displayName, id])).toString('base64url');

function decodeCursor(cursor: string): ListPosition {
  try {
    const [favorite, displayName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if ((favorite === 0 || favorite === 1) && typeof displayName === 'string' && displayName.length <= 64 && idSchema.safeParse(id).success) {
      return { favorite: favorite === 1, displayName, id: id as number };
    }
  } catch {
    // Not a cursor this server wrote.
  }
  throw new HandsetError('INVALID_INPUT', CURSOR_MESSAGE);
}
export const setFavoriteSchema = z.object({ id: idSchema, favorite: flagSchema('favorite') });
export const setBlockedSchema = z.object({ id: idSchema, blocked: flagSchema('blocked') });

/** The name a contact is listed under when none is given: "first last". */
const defaultName = (firstName: string, lastName: string) => `${firstName} ${lastName}`.trim();

/**
 * The contacts rules, per phone (the owner's row id): numbers are stored as digits, a phone holds a number
 * once (`ALREADY_EXISTS`), a retried add returns what the first one created, the server owner may require
 * that a number belongs to a character (`NOT_FOUND`), and a phone sees and changes only its own contacts
 * (`NOT_FOUND` for anyone else's id).
 */
export interface ContactsService {
  /** The whole phone book (at most the server owner's cap), for the exports that answer it whole. */
  list(phoneId: number): Promise<ContactRecord[]>;
  /** A page of the list, favorites first, then by display name: `cursor` is what the previous page answered. */
  page(phoneId: number, input: z.output<typeof listPageSchema>): Promise<{ contacts: ContactRecord[]; cursor: string | null }>;
  /** Contacts whose name contains the query (any case), or whose number contains its digits, in list order. */
  search(phoneId: number, input: z.output<typeof searchSchema>): Promise<ContactRecord[]>;
  /** The names the phone gave these numbers (any punctuation; at most {@link MAX_NAMED_NUMBERS}), by digits. */
  namesFor(phoneId: number, numbers: readonly string[]): Promise<Map<string, string>>;
  add(phoneId: number, input: AddContactInput): Promise<ContactRecord>;
  update(phoneId: number, input: UpdateContactInput): Promise<ContactRecord>;
  setFavorite(phoneId: number, id: number, favorite: boolean): Promise<ContactRecord>;
  setBlocked(phoneId: number, id: number, blocked: boolean): Promise<ContactRecord>;
  /** Deletes one of the phone's contacts; `NOT_FOUND` when it has no such contact. */
  remove(phoneId: number, id: number): Promise<void>;
  /** Deletes the contact `id` whoever owns it (for trusted server scripts); answers its owner, or null when there was none. */
  removeAnyOwner(id: number): Promise<number | null>;
  /** Whether the phone blocked `number` (any punctuation). */
  isBlocked(phoneId: number, number: string): Promise<boolean>;
  /** Blocks `number` (any punctuation) without a contact, so the owner is never shown it. */
  blockNumber(phoneId: number, number: string): Promise<void>;
}

export interface ContactsServiceOptions {
  repository: ContactsRepository;
  phones: Pick<PluginPhones, 'find'>;
  /** The server owner's `handset:contacts:require_existing`: only numbers some character has may be added. */
  requireExisting(): boolean;
  /** Whether an avatar's host is on the server owner's image list: other players see it. */
  imageAllowed(url: string): boolean;
  /** The server owner's `handset:contacts:max_contacts`: how many contacts a phone may hold. */
  maxContacts: number;
  /** The server owner's `handset:contacts:max_blocked_numbers`: how many hidden callers a phone keeps blocked (the newest). */
  maxBlockedNumbers: number;
  /** The hosts on that list, named in the refusal so that the player knows where an avatar may come from. */
  imageHosts(): readonly string[];
}

export function createContactsService({ repository, phones, requireExisting, imageAllowed, imageHosts, maxContacts, maxBlockedNumbers }: ContactsServiceOptions): ContactsService {
  const checkAvatar = (url: string | null | undefined) => {
    if (url && !imageAllowed(url)) {
      throw new HandsetError('INVALID_INPUT', `the avatar's host is not on this server's image list; avatars may come from ${imageHosts().join(', ')}`);
    }
  };

  const mustFind = async (phoneId: number, id: number) => {
    const contact = await repository.find(phoneId, id);
    if (!contact) throw new HandsetError('NOT_FOUND', `no contact ${id}`);
    return contact;
  };

  const checkExists = async (number: string) => {
    if (requireExisting() && !(await phones.find(number))) throw new HandsetError('NOT_FOUND', `no phone has the number ${number}`);
  };

  const taken = (error: unknown) => error instanceof DatabaseError && error.kind === 'unique_violation';
  const alreadyExists = (number: string) => new HandsetError('ALREADY_EXISTS', `${number} is already a contact`);

  const change = async (phoneId: number, current: ContactRecord, changes: Partial<ContactFields>) => {
    try {
      await repository.update(phoneId, current.id, changes);
    } catch (error) {
      if (taken(error)) throw alreadyExists(changes.number ?? current.number);
      throw error;
    }
    return { ...current, ...changes };
  };

  return {
    list: (phoneId) => repository.list(phoneId),

    async page(phoneId, { cursor, limit }) {
      const rows = await repository.page(phoneId, cursor === undefined ? null : decodeCursor(cursor), limit + 1);
      const contacts = rows.slice(0, limit);
      const last = contacts.at(-1);
      return { contacts, cursor: rows.length > limit && last ? encodeCursor(last) : null };
    },

    async search(phoneId, { query, limit }) {
      // Digits count as a number search only for a query of phone characters, as the page's own filter did.
      const digits = /^[\d\s()+.-]+$/.test(query) ? query.replace(/\D/g, '') : '';
      return repository.search(phoneId, query, digits, limit);
    },

    async namesFor(phoneId, numbers) {
      if (numbers.length > MAX_NAMED_NUMBERS) throw new HandsetError('INVALID_INPUT', `at most ${MAX_NAMED_NUMBERS} numbers at once`);
      return repository.namesFor(phoneId, numbers.map((number) => number.replace(/\D/g, '')).filter((digits) => digits.length >= 3 && digits.length <= 15));
    },

    async add(phoneId, input) {
      const { requestId = null } = input;
      const earlier = requestId === null ? undefined : await repository.findByRequest(phoneId, requestId);
      if (earlier) return earlier;
      checkAvatar(input.avatarUrl);
      await checkExists(input.number);
      if ((await repository.count(phoneId)) >= maxContacts) throw new HandsetError('QUOTA_EXCEEDED', `a phone holds at most ${maxContacts} contacts`);
      const fields: ContactFields = {
        number: input.number,
        firstName: input.firstName,
        lastName: input.lastName,
        displayName: input.displayName || defaultName(input.firstName, input.lastName),
        notes: input.notes,
        avatarUrl: input.avatarUrl,
        favorite: input.favorite,
        blocked: false,
      };
      let id: number;
      try {
        id = await repository.insert(phoneId, fields, requestId);
      } catch (error) {
        if (!taken(error)) throw error;
        // Either the number is taken, or the same request, retried at once, created the contact first.
        const created = requestId === null ? undefined : await repository.findByRequest(phoneId, requestId);
        if (created) return created;
        throw alreadyExists(input.number);
      }
      return mustFind(phoneId, id);
    },

    async update(phoneId, { id, ...input }) {
      const current = await mustFind(phoneId, id);
      checkAvatar(input.avatarUrl);
      const changes: Partial<ContactFields> = {};
      for (const key of ['number', 'firstName', 'lastName', 'notes', 'avatarUrl'] as const) {
        if (input[key] !== undefined && input[key] !== current[key]) Object.assign(changes, { [key]: input[key] });
      }
      const firstName = changes.firstName ?? current.firstName;
      const lastName = changes.lastName ?? current.lastName;
      // A display name left at its default follows the names; one the player chose stays until changed.
      const follows = current.displayName === defaultName(current.firstName, current.lastName);
      const displayName =
        input.displayName !== undefined ? input.displayName || defaultName(firstName, lastName) : follows ? defaultName(firstName, lastName) : current.displayName;
      if (displayName !== current.displayName) changes.displayName = displayName;
      if (changes.number !== undefined) await checkExists(changes.number);
      return change(phoneId, current, changes);
    },

    async setFavorite(phoneId, id, favorite) {
      return change(phoneId, await mustFind(phoneId, id), { favorite });
    },

    async setBlocked(phoneId, id, blocked) {
      return change(phoneId, await mustFind(phoneId, id), { blocked });
    },

    async remove(phoneId, id) {
      if (!(await repository.remove(phoneId, id))) throw new HandsetError('NOT_FOUND', `no contact ${id}`);
    },

    async removeAnyOwner(id) {
      const owner = await repository.ownerOf(id);
      return owner !== undefined && (await repository.remove(owner, id)) ? owner : null;
    },

    isBlocked: (phoneId, number) => repository.isBlocked(phoneId, number.replace(/\D/g, '')),
    blockNumber: (phoneId, number) => repository.blockNumber(phoneId, number.replace(/\D/g, ''), maxBlockedNumbers),
  };
}

/** The server owner's limits, from `handset:contacts:*`; a bad value falls back to the default with a warning. */
export interface ContactsSettings {
  maxContacts: number;
  maxBlockedNumbers: number;
}

export const DEFAULT_MAX_CONTACTS = 1000;
export const DEFAULT_MAX_BLOCKED_NUMBERS = 200;

export function readContactsSettings(setting: PluginContext['setting'], warn: (message: string) => void): ContactsSettings {
  const read = (name: string, fallback: number) => {
    const parsed = z.coerce.number().int().min(1).max(100_000).safeParse(setting(name, String(fallback)));
    if (parsed.success) return parsed.data;
    warn(`Handset contacts: handset:contacts:${name} must be a whole number from 1 to 100000; using ${fallback}`);
    return fallback;
  };
  return { maxContacts: read('max_contacts', DEFAULT_MAX_CONTACTS), maxBlockedNumbers: read('max_blocked_numbers', DEFAULT_MAX_BLOCKED_NUMBERS) };
}

// One service per started plugin, so the settings are read (and a bad one warned about) once, not on every export call.
const services = new WeakMap<PluginContext, ContactsService>();

/** The rules over a started plugin's database, phones and settings. */
export function contactsServiceFor(context: PluginContext): ContactsService {
  let service = services.get(context);
  if (!service) {
    service = createContactsService({
      repository: createContactsRepository(context.db),
      phones: context.phones,
      requireExisting: () => context.setting('require_existing', 'false').trim().toLowerCase() === 'true',
      imageAllowed: context.imageAllowed,
      imageHosts: context.imageHosts,
      ...readContactsSettings(context.setting, (message) => console.warn(message)),
    });
    services.set(context, service);
  }
  return service;
}
