import { z } from 'zod';

export const MAX_BODY_LENGTH = 1000;
const MAX_GROUP_NAME_LENGTH = 32;
/** Members a group holds, its creator included. */
export const MAX_GROUP_MEMBERS = 32;
export const DEFAULT_PAGE = 30;
const MAX_PAGE = 50;

const NUMBER_MESSAGE = 'a number is 3-15 digits, with optional spaces and ( ) + - .';

/** A phone number as a player types it, as its digits. */
export const numberSchema = z
  .string(NUMBER_MESSAGE)
  .regex(/^[0-9 ()+.-]{3,32}$/, NUMBER_MESSAGE)
  .transform((text) => text.replace(/\D/g, ''))
  .refine((digits) => digits.length >= 3 && digits.length <= 15, NUMBER_MESSAGE);

/** A number from another resource: a string with any punctuation or a (Lua) number; undefined when malformed. */
export const digitsOf = (value: unknown): string | undefined =>
  numberSchema.safeParse(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value).data;

const idMessage = (name: string) => `${name} must be 1-64 characters`;
export const clientIdSchema = z.string(idMessage('clientId')).min(1, idMessage('clientId')).max(64, idMessage('clientId'));
export const threadIdSchema = z.string('threadId must be a thread id').min(1, 'threadId must be a thread id').max(40, 'threadId must be a thread id');
export const messageIdSchema = z
  .number('messageId must be a message id')
  .int('messageId must be a message id')
  .positive('messageId must be a message id')
  .max(Number.MAX_SAFE_INTEGER, 'messageId must be a message id');

export const groupNameSchema = z
  .string(`name must be 1-${MAX_GROUP_NAME_LENGTH} characters`)
  .trim()
  .min(1, `name must be 1-${MAX_GROUP_NAME_LENGTH} characters`)
  .max(MAX_GROUP_NAME_LENGTH, `name must be 1-${MAX_GROUP_NAME_LENGTH} characters`);

export const pageLimitSchema = z
  .number(`limit must be 1-${MAX_PAGE}`)
  .int(`limit must be 1-${MAX_PAGE}`)
  .min(1, `limit must be 1-${MAX_PAGE}`)
  .max(MAX_PAGE, `limit must be 1-${MAX_PAGE}`)
  .nullish()
  .transform((limit) => limit ?? DEFAULT_PAGE);

const bodySchema = z.string('body must be text').max(MAX_BODY_LENGTH, `a message is at most ${MAX_BODY_LENGTH} characters`);

const PHOTO_MESSAGE = 'a photo is an https URL of at most 500 characters';

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

const photoSchema = z.object({ url: z.string(PHOTO_MESSAGE).trim().max(500, PHOTO_MESSAGE).refine(isHttpsUrl, PHOTO_MESSAGE) }).strict();
/** Game-world coordinates: the map spans about ±10 000 on each axis. */
const coordinate = z.number('a location has numeric x and y').finite('a location has numeric x and y').min(-100_000).max(100_000);
const locationSchema = z
  .object({
    x: coordinate,
    y: coordinate,
    label: z.string('a location label is at most 64 characters').trim().max(64, 'a location label is at most 64 characters').nullish().transform((label) => label || null),
  })
  .strict();
const contactCardSchema = z
  .object({
    name: z.string('a contact has a name of 1-64 characters').trim().min(1, 'a contact has a name of 1-64 characters').max(64, 'a contact has a name of 1-64 characters'),
    number: numberSchema,
  })
  .strict();

export type PhotoAttachment = z.output<typeof photoSchema>;
export type LocationAttachment = z.output<typeof locationSchema>;
export type ContactAttachment = z.output<typeof contactCardSchema>;
export type Attachment = PhotoAttachment | LocationAttachment | ContactAttachment;
export type MessageKind = 'text' | 'photo' | 'location' | 'contact';

/** What a message says: its kind, its text, and the attachment that kind takes (none for text). */
export type MessageContent =
  | { kind: 'text'; body: string; attachment: null }
  | { kind: 'photo'; body: string; attachment: PhotoAttachment }
  | { kind: 'location'; body: string; attachment: LocationAttachment }
  | { kind: 'contact'; body: string; attachment: ContactAttachment };

const noAttachment = z.null('a text message has no attachment').optional().transform(() => null);

/** A message's content as a page sends it; a text must say something, an attachment may come without text. */
export const contentShape = {
  text: z.object({
    kind: z.literal('text'),
    body: bodySchema.refine((body) => body.trim() !== '', 'a text message cannot be empty'),
    attachment: noAttachment,
  }),
  photo: z.object({ kind: z.literal('photo'), body: bodySchema.default(''), attachment: photoSchema }),
  location: z.object({ kind: z.literal('location'), body: bodySchema.default(''), attachment: locationSchema }),
  contact: z.object({ kind: z.literal('contact'), body: bodySchema.default(''), attachment: contactCardSchema }),
};
