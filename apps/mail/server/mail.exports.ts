import { z } from 'zod';
import type { PluginContext, PluginExport } from '@handset/sdk/server/plugin';
import { bodySchema, fromSchema, mailServiceFor, subjectSchema, toSchema, type Mailbox, type MailService } from './mail.service';

/** A player's server id from another resource: a number, or its digits (FiveM's `source` is sometimes a string). */
const sourceSchema = z
  .union([z.number(), z.string().regex(/^\d{1,10}$/).transform(Number)])
  .pipe(z.number().int().positive());

/** What a script sends: subject and body as the page's rules say, and an optional sender (Lua's nil: none). */
const scriptMailSchema = z.object({ subject: subjectSchema, body: bodySchema, from: fromSchema.nullish() });

/** Delivers a script's mail when it is valid and `recipient` finds a mailbox; false otherwise. */
async function deliver(
  context: PluginContext,
  recipient: (service: MailService) => Promise<Mailbox | null>,
  [subject, body, from]: unknown[],
): Promise<boolean> {
  const mail = scriptMailSchema.safeParse({ subject, body, from });
  if (!mail.success) return false;
  const service = mailServiceFor(context);
  const to = await recipient(service);
  if (!to) return false;
  return (await service.deliver(to, { subject: mail.data.subject, body: mail.data.body, from: mail.data.from ?? null })) !== null;
}

const compat = (name: string) => [{ resource: 'amzn_smartphone', name }];

/**
 * The mail exports, under Handset's names and (with `set handset:compat "amzn_smartphone"`) amzn_smartphone's:
 * true when the mail is in the recipient's inbox, false for an address nobody has, a player without one, or bad
 * input. An offline recipient finds it when they next open Mail.
 */
export const mailExports: Record<string, PluginExport> = {
  sendMail: {
    compat: compat('sendMail'),
    call: (context, _caller, to, ...mail) => {
      const address = toSchema.safeParse(to);
      return deliver(context, async (service) => (address.success ? service.mailboxAt(address.data) : null), mail);
    },
  },
  sendMailToSource: {
    compat: compat('sendMailToSource'),
    call: (context, _caller, source, ...mail) => {
      const player = sourceSchema.safeParse(source);
      const phone = player.success ? context.phones.bySource(player.data) : null;
      return deliver(context, async (service) => (phone ? service.mailboxOf(phone.phoneId) : null), mail);
    },
  },
};
