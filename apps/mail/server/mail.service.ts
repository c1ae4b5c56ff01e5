import { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { isNumberBlocked, RateLimiter } from '@handset/sdk/server';
import { DatabaseError } from '@handset/sdk/server/database';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { createMailRepository, type AddressRecord, type Folder, type MailRecord, type MailRepository, type MailSummaryRecord, type NewMail, PREVIEW_LENGTH } from './mail.repository';
import { readMailSettings, type MailSettings } from './mail.settings';

/** A character's address, as the page gets it (see the README). */
export interface MailAddress {
  name: string;
  address: string;
  /** Whether `mail.claim` with another name would be allowed now. */
  canChange: boolean;
  /** When a change is allowed again, while the server owner's `change_days` has not passed; null otherwise. */
  nextChangeAt: number | null;
}

/** A mail in one mailbox, whole. */
export interface Mail {
  id: number;
  folder: Folder;
  from: string;
  to: string;
  subject: string;
  body: string;
  read: boolean;
  replyTo: number | null;
  createdAt: number;
}

/** A mail as a folder's list carries it. */
export interface MailSummary {
  id: number;
  folder: Folder;
  from: string;
  to: string;
  subject: string;
  /** The body's first characters, white space collapsed. */
  preview: string;
  read: boolean;
  createdAt: number;
}

export interface MailPage {
  mails: MailSummary[];
  /** Pass to the next `mail.list` for older mail; null at the end. */
  cursor: string | null;
}

/** Where a recipient's copy goes: their phone and their address. */
export interface Mailbox {
  phoneId: number;
  address: string;
}

const DAY_MS = 86_400_000;
/** The default sender of mail from server scripts is `noreply@<domain>`, so no character may have it. */
const RESERVED_NAMES: readonly string[] = ['noreply'];

export const NAME_MESSAGE = 'an address name is 3-24 characters: a-z, 0-9, dot, underscore or hyphen';
const ADDRESS = /^[^\s@]+@[^\s@]+$/;
/** An address, or a bare name meaning that name on this server's domain. */
const RECIPIENT = /^[^\s@]+(?:@[^\s@]+)?$/;

/** The part before the `@`, as players type it; canonical in lower case. */
export const nameSchema = z.string({ error: NAME_MESSAGE }).trim().toLowerCase().regex(/^[a-z0-9._-]{3,24}$/, NAME_MESSAGE);

/** Any mail address (`name@domain`), at most 128 characters; canonical trimmed. */
const addressSchema = (label: string) => {
  const message = `${label} must be a mail address such as name@domain`;
  return z.string({ error: message }).trim().max(128, message).regex(ADDRESS, message);
};
const TO_MESSAGE = 'to must be a mail address such as name@domain, or a name on this server';
export const toSchema = z.string({ error: TO_MESSAGE }).trim().max(128, TO_MESSAGE).regex(RECIPIENT, TO_MESSAGE).toLowerCase();
export const fromSchema = addressSchema('from');

export const subjectSchema = z
  .string({ error: 'subject must be at most 120 characters' })
  .trim()
  .max(120, 'subject must be at most 120 characters');
const BODY_MESSAGE = 'body must be 1-5000 characters';
export const bodySchema = z.string({ error: BODY_MESSAGE }).trim().min(1, BODY_MESSAGE).max(5000, BODY_MESSAGE);

const ID_MESSAGE = 'id must be a mail id';
const idSchema = z.number({ error: ID_MESSAGE }).int(ID_MESSAGE).positive(ID_MESSAGE).max(Number.MAX_SAFE_INTEGER, ID_MESSAGE);

const CLIENT_ID_MESSAGE = 'clientId must be 1-64 characters';
const clientIdSchema = z.string({ error: CLIENT_ID_MESSAGE }).min(1, CLIENT_ID_MESSAGE).max(64, CLIENT_ID_MESSAGE);

const CURSOR_MESSAGE = 'cursor must be one a previous mail.list answered';
const cursorSchema = z
  .string({ error: CURSOR_MESSAGE })
  .regex(/^\d{1,15}:\d{1,15}$/, CURSOR_MESSAGE)
  .transform((text) => {
    const [createdAt, id] = text.split(':').map(Number);
    return { createdAt: createdAt!, id: id! };
  });

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 50';

export const claimSchema = z.object({ name: nameSchema });
export const listSchema = z.object({
  folder: z.enum(['inbox', 'sent'], { error: 'folder must be inbox or sent' }),
  cursor: cursorSchema.nullish(),
  limit: z.number({ error: LIMIT_MESSAGE }).int(LIMIT_MESSAGE).min(1, LIMIT_MESSAGE).max(50, LIMIT_MESSAGE).default(30),
});
export const mailIdSchema = z.object({ id: idSchema });
export const blockSchema = z.object({ address: toSchema });
const NUMBERS_MESSAGE = 'numbers must be 1-5 phone numbers';
export const addressesOfSchema = z.object({
  numbers: z.array(z.string({ error: NUMBERS_MESSAGE }).max(32, NUMBERS_MESSAGE), { error: NUMBERS_MESSAGE }).min(1, NUMBERS_MESSAGE).max(5, NUMBERS_MESSAGE),
});
export const setReadSchema = z.object({ id: idSchema, read: z.boolean({ error: 'read must be true or false' }) });
export const sendSchema = z.object({
  clientId: clientIdSchema,
  to: toSchema,
  subject: subjectSchema.default(''),
  body: bodySchema,
  replyTo: idSchema.nullish(),
});
export type ListInput = z.output<typeof listSchema>;
export type SendInput = z.output<typeof sendSchema>;

/** A mail from a server script: the sender is any address, or `noreply@<domain>`. */
export interface ScriptMail {
  from: string | null;
  subject: string;
  body: string;
}

/**
 * The mail rules, per phone (the owner's row id): one address per character under the server's domain, unique,
 * changed only as the server owner allows; a send goes to an address someone holds (`NOT_FOUND` otherwise), as
 * two copies written together (the sender's sent, the recipient's inbox); a retried send answers what the first
 * one sent; a phone sees and changes only its own copies (`NOT_FOUND` for anyone else's id).
 */
export interface MailService {
  readonly settings: MailSettings;
  address(phoneId: number): Promise<MailAddress | null>;
  claim(phoneId: number, name: string): Promise<MailAddress>;
  list(phoneId: number, input: ListInput): Promise<MailPage>;
  /** One mail, marked read. */
  get(phoneId: number, id: number): Promise<Mail>;
  setRead(phoneId: number, id: number, read: boolean): Promise<Mail>;
  remove(phoneId: number, id: number): Promise<void>;
  send(phoneId: number, input: SendInput): Promise<Mail>;
  /** The mailbox that has `address` under this server's domain (any case), or null. */
  mailboxAt(address: string): Promise<Mailbox | null>;
  /** The phone's mailbox, or null when its character has claimed no address. */
  mailboxOf(phoneId: number): Promise<Mailbox | null>;
  /** Puts a server script's mail in `to`'s inbox; null when `to` blocked its sender or their inbox is full. */
  deliver(to: Mailbox, mail: ScriptMail): Promise<MailSummary | null>;
  /** How many inbox mails the phone has not read: the Mail badge. */
  unread(phoneId: number): Promise<number>;
  /** The addresses the phone takes no mail from. */
  blocks(phoneId: number): Promise<string[]>;
  /** Takes no more mail from `address` (any address, a player's or a script's); answers the blocks. */
  block(phoneId: number, address: string): Promise<string[]>;
  /** Takes mail from `address` again; `NOT_FOUND` when it was not blocked. */
  unblock(phoneId: number, address: string): Promise<string[]>;
}

/** How many addresses one mailbox may block. */
export const MAX_BLOCKS = 200;

export interface MailServiceOptions {
  repository: MailRepository;
  settings: MailSettings;
  /**
   * A copy landed in `phoneId`'s inbox (committed): tell its owner if they are online. `notify` is false while
   * they have unread mail from the same sender, so a flood from one sender is one notification, not a hundred.
   */
  delivered(phoneId: number, mail: MailSummary, notify: boolean): void;
  /** The phone's count of unread mail may have changed (a delivery, a read, a deletion). */
  unreadChanged(phoneId: number): void;
  /** Whether the character of phone `ownerPhoneId` blocked the number of phone `phoneId` (the Contacts app decides). */
  numberBlocked(ownerPhoneId: number, phoneId: number): Promise<boolean>;
  now?: () => number;
}

// Field by field: records carry more (the owner, the client id) than a player is shown.
const mailView = (mail: MailRecord): Mail => ({
  id: mail.id,
  folder: mail.folder,
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  body: mail.body,
  read: mail.read,
  replyTo: mail.replyTo,
  createdAt: mail.createdAt,
});
const summaryView = (mail: MailSummaryRecord): MailSummary => ({
  id: mail.id,
  folder: mail.folder,
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  preview: mail.preview.replace(/\s+/g, ' ').trim(),
  read: mail.read,
  createdAt: mail.createdAt,
});
const previewOf = (body: string) => body.slice(0, PREVIEW_LENGTH);

export function createMailService({ repository, settings, delivered, unreadChanged, numberBlocked, now = Date.now }: MailServiceOptions): MailService {
  const { domain, allowChange, changeDays, perRecipientPerMinute, maxMailbox } = settings;
  const perRecipient = new RateLimiter(perRecipientPerMinute / 60, perRecipientPerMinute, now);
  const full = (name: string) => `${name}@${domain}`;
  /** What a player typed as a recipient, whole: a bare name is that name on this server. */
  const complete = (to: string) => (to.includes('@') ? to : full(to));
  const taken = (error: unknown) => error instanceof DatabaseError && error.kind === 'unique_violation';

  /** When the address may change again; null when it may now. */
  const nextChange = (address: AddressRecord, at: number) => {
    const next = address.changedAt === null ? null : address.changedAt + changeDays * DAY_MS;
    return next !== null && next > at ? next : null;
  };
  const addressView = (address: AddressRecord, at: number): MailAddress => {
    const next = allowChange ? nextChange(address, at) : null;
    return { name: address.name, address: full(address.name), canChange: allowChange && next === null, nextChangeAt: next };
  };

  const mustFind = async (phoneId: number, id: number) => {
    const mail = await repository.find(phoneId, id);
    if (!mail) throw new HandsetError('NOT_FOUND', `no mail ${id}`);
    return mail;
  };

  const change = async (phoneId: number, current: AddressRecord, name: string, at: number) => {
    if (!allowChange) throw new HandsetError('FORBIDDEN', 'this server does not allow changing a mail address');
    const next = nextChange(current, at);
    if (next !== null) {
      const days = Math.ceil((next - at) / DAY_MS);
      throw new HandsetError('FORBIDDEN', `a mail address can change once every ${changeDays} days: try again in ${days} ${days === 1 ? 'day' : 'days'}`);
    }
    let changed: boolean;
    try {
      changed = await repository.changeAddress(phoneId, name, at, at - changeDays * DAY_MS);
    } catch (error) {
      if (taken(error)) throw new HandsetError('ALREADY_EXISTS', `${full(name)} is taken`);
      throw error;
    }
    // Another change of the same address won the race.
    if (!changed) throw new HandsetError('FORBIDDEN', `a mail address can change once every ${changeDays} days`);
    return addressView({ ...current, name, changedAt: at }, at);
  };

  const mailboxAt = async (address: string): Promise<Mailbox | null> => {
    const text = address.trim().toLowerCase();
    const at = text.lastIndexOf('@');
    if (at < 0 || text.slice(at + 1) !== domain) return null;
    const name = nameSchema.safeParse(text.slice(0, at));
    const found = name.success ? await repository.addressByName(name.data) : undefined;
    return found ? { phoneId: found.phoneId, address: full(found.name) } : null;
  };

  /** Writes the copies, then tells the recipient of their inbox copy (the last one); resolves to the ids. */
  const write = async (copies: NewMail[]) => {
    const inbox = copies.at(-1)!;
    const waiting = await repository.hasUnreadFrom(inbox.phoneId, inbox.from);
    const ids = await repository.insert(copies);
    delivered(inbox.phoneId, summaryView({ ...inbox, id: ids.at(-1)!, preview: previewOf(inbox.body) }), !waiting);
    unreadChanged(inbox.phoneId);
    return ids;
  };

  /** `QUOTA_EXCEEDED` when the inbox is full: nothing of the owner's is deleted to make room. */
  const checkRoom = async (to: Mailbox) => {
    if ((await repository.countInbox(to.phoneId)) >= maxMailbox) {
      throw new HandsetError('QUOTA_EXCEEDED', `the mailbox of ${to.address} is full: it holds at most ${maxMailbox} mails`);
    }
  };

  return {
    settings,

    async address(phoneId) {
      const address = await repository.addressOf(phoneId);
      return address ? addressView(address, now()) : null;
    },

    async claim(phoneId, name) {
      if (RESERVED_NAMES.includes(name)) throw new HandsetError('FORBIDDEN', `${full(name)} is reserved`);
      const at = now();
      const current = await repository.addressOf(phoneId);
      if (current?.name === name) return addressView(current, at);
      if (current) return change(phoneId, current, name, at);
      try {
        await repository.insertAddress(phoneId, name, at);
      } catch (error) {
        if (!taken(error)) throw error;
        // The name is someone's, or the same claim, retried at once, took it first.
        const mine = await repository.addressOf(phoneId);
        if (mine?.name === name) return addressView(mine, at);
        throw new HandsetError('ALREADY_EXISTS', `${full(name)} is taken`);
      }
      return addressView({ phoneId, name, claimedAt: at, changedAt: null }, at);
    },

    async list(phoneId, { folder, cursor, limit }) {
      // One more than asked tells whether there is an older page.
      const rows = await repository.list(phoneId, folder, cursor ?? null, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { mails: page.map(summaryView), cursor: rows.length > limit && last ? `${last.createdAt}:${last.id}` : null };
    },

    async get(phoneId, id) {
      const mail = await mustFind(phoneId, id);
      if (!mail.read) {
        await repository.setRead(phoneId, id, true);
        unreadChanged(phoneId);
      }
      return mailView({ ...mail, read: true });
    },

    async setRead(phoneId, id, read) {
      const mail = await mustFind(phoneId, id);
      if (mail.read !== read) {
        await repository.setRead(phoneId, id, read);
        unreadChanged(phoneId);
      }
      return mailView({ ...mail, read });
    },

    async remove(phoneId, id) {
      if (!(await repository.remove(phoneId, id))) throw new HandsetError('NOT_FOUND', `no mail ${id}`);
      unreadChanged(phoneId);
    },

    async send(phoneId, { clientId, to, subject, body, replyTo }) {
      const earlier = await repository.findByClient(phoneId, clientId);
      if (earlier) return mailView(earlier);
      const sender = await repository.addressOf(phoneId);
      if (!sender) throw new HandsetError('FORBIDDEN', 'claim a mail address before sending mail');
      if (replyTo != null) await mustFind(phoneId, replyTo);
      const recipient = await mailboxAt(complete(to));
      if (!recipient) throw new HandsetError('NOT_FOUND', `no one has the address ${complete(to)}`);
      const from = full(sender.name);
      if ((await repository.isBlocked(recipient.phoneId, from)) || (await numberBlocked(recipient.phoneId, phoneId))) {
        throw new HandsetError('FORBIDDEN', 'this address does not take your mail');
      }
      if (!perRecipient.take(`${phoneId}>${recipient.phoneId}`)) {
        throw new HandsetError('RATE_LIMITED', `too many mails to ${recipient.address}: at most ${perRecipientPerMinute} a minute`);
      }
      await checkRoom(recipient);
      const createdAt = now();
      const mail = { from, to: recipient.address, subject, body, createdAt };
      const sent: NewMail = { ...mail, phoneId, folder: 'sent', read: true, replyTo: replyTo ?? null, clientId };
      try {
        const [sentId] = await write([sent, { ...mail, phoneId: recipient.phoneId, folder: 'inbox', read: false, replyTo: null, clientId: null }]);
        return mailView({ ...sent, id: sentId! });
      } catch (error) {
        if (!(error instanceof DatabaseError)) throw error;
        // The same send, retried at once, wrote its mail first (oxmysql does not say which key failed).
        const created = await repository.findByClient(phoneId, clientId);
        if (created) return mailView(created);
        throw error;
      }
    },

    mailboxAt,

    async mailboxOf(phoneId) {
      const address = await repository.addressOf(phoneId);
      return address ? { phoneId, address: full(address.name) } : null;
    },

    async deliver(to, { from, subject, body }) {
      const sender = from ?? `noreply@${domain}`;
      if (await repository.isBlocked(to.phoneId, sender.toLowerCase())) return null;
      if ((await repository.countInbox(to.phoneId)) >= maxMailbox) return null;
      const copy: NewMail = {
        phoneId: to.phoneId,
        folder: 'inbox',
        from: sender,
        to: to.address,
        subject,
        body,
        read: false,
        replyTo: null,
        clientId: null,
        createdAt: now(),
      };
      const [id] = await write([copy]);
      return summaryView({ ...copy, id: id!, preview: previewOf(body) });
    },

    unread: (phoneId) => repository.countUnread(phoneId),

    blocks: (phoneId) => repository.blocks(phoneId),

    async block(phoneId, typed) {
      const address = complete(typed);
      const own = await repository.addressOf(phoneId);
      if (own && full(own.name) === address) throw new HandsetError('INVALID_INPUT', 'you cannot block your own address');
      const current = await repository.blocks(phoneId);
      if (current.includes(address)) return current;
      if (current.length >= MAX_BLOCKS) throw new HandsetError('QUOTA_EXCEEDED', `at most ${MAX_BLOCKS} addresses can be blocked`);
      await repository.block(phoneId, address, now());
      return repository.blocks(phoneId);
    },

    async unblock(phoneId, typed) {
      const address = complete(typed);
      if (!(await repository.unblock(phoneId, address))) throw new HandsetError('NOT_FOUND', `${address} is not blocked`);
      return repository.blocks(phoneId);
    },
  };
}

/** Each started mail plugin's service, by the context Handset started it with: settings are read once. */
const services = new WeakMap<PluginContext, MailService>();

/** The rules over a started plugin's database and settings; pushes and notifies recipients who are online. */
export function mailServiceFor(context: PluginContext): MailService {
  const existing = services.get(context);
  if (existing) return existing;
  const { app, phones } = context;
  const log = (message: string) => console.warn(`[mail] ${message}`);
  const service = createMailService({
    repository: createMailRepository(context.db),
    settings: readMailSettings(context.setting, log),
    delivered(phoneId, mail, notify) {
      const online = phones.byId(phoneId);
      if (!online) return;
      // A closed page loads the mail when it opens; a phone in airplane mode refuses the notification.
      app.sendAppMessage(online.source, 'mail.new', mail);
      if (!notify) return;
      app
        .notify(online.source, { title: mail.from, body: mail.subject || mail.preview })
        .catch((error: unknown) => log(`new-mail notice failed: ${error instanceof Error ? error.message : String(error)}`));
    },
    unreadChanged(phoneId) {
      const online = phones.byId(phoneId);
      if (online) app.refreshBadge(online.source);
    },
    async numberBlocked(ownerPhoneId, phoneId) {
      const [owner, other] = await Promise.all([phones.findById(ownerPhoneId), phones.findById(phoneId)]);
      return owner !== null && other !== null && isNumberBlocked(owner.number, other.number);
    },
  });
  services.set(context, service);
  return service;
}
